use graphpatch::prelude::*;

#[graph_enum]
// Derives the user writes are kept; graphpatch adds only the missing ones.
#[derive(Debug, Clone)]
pub enum Platform {
    #[graph(rename = "iOS")]
    Ios,
    MacOS,
    UnknownFutureValue,
}

fn main() {
    assert_eq!(Platform::MEMBERS, ["iOS", "macOS", "unknownFutureValue"]);
    let decoded: Vec<Platform> = serde_json::from_str(r#"["iOS","windows11"]"#).unwrap();
    assert_eq!(decoded, [Platform::Ios, Platform::Unrecognized("windows11".into())]);
    assert_eq!(serde_json::to_string(&decoded).unwrap(), r#"["iOS","windows11"]"#);
    assert_eq!("macOS".parse::<Platform>().unwrap(), Platform::MacOS);
    let set: std::collections::HashSet<Platform> = decoded.iter().cloned().collect();
    assert_eq!(set.len(), 2);
}
