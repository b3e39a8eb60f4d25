use graphpatch::prelude::*;

#[graph_enum]
pub enum Platform {
    Ios,
    #[graph(rename = "ios")]
    IosLegacy,
}

fn main() {}
