//! Property tests for every Edm primitive: a generated wire value parses, serializes back to the
//! same text and parses to the same value; malformed input — bad base64, an out-of-range Int32,
//! ten fractional digits, bad offsets, arbitrary strings — is a decode error that names the
//! property, never a panic.

use graphpatch::prelude::*;
use graphpatch::{Binary, Date, DateTimeOffset, Double, Duration, Flags, Guid, Single, TimeOfDay};
use proptest::prelude::*;

#[graph_enum(flags)]
pub enum KeyUsages {
    KeyEncipherment,
    DigitalSignature,
}

/// One property of each primitive, the way generated code declares them.
#[graph_complex(odata_type = "microsoft.graph.everyPrimitive")]
#[derive(Debug, Clone, PartialEq)]
pub struct EveryPrimitive {
    pub text: Option<String>,
    pub flag: Option<bool>,
    pub int32: Option<i32>,
    pub int64: Option<i64>,
    pub double: Option<Double>,
    pub single: Option<Single>,
    pub guid: Option<Guid>,
    pub binary: Option<Binary>,
    pub date: Option<Date>,
    pub time_of_day: Option<TimeOfDay>,
    pub date_time_offset: Option<DateTimeOffset>,
    pub duration: Option<Duration>,
    pub key_usage: Option<Flags<KeyUsages>>,
    pub guids: Option<Vec<Guid>>,
    pub texts: Option<Vec<String>>,
}

/// `{"<wire>": <json>}` decoded as [`EveryPrimitive`].
fn decode_one(wire: &str, json: &str) -> Result<EveryPrimitive, String> {
    serde_json::from_str(&format!(r#"{{"{wire}": {json}}}"#)).map_err(|err| err.to_string())
}

/// `text` as a JSON string property: parses, writes back the same text, parses to the same value.
fn assert_round_trip(wire: &str, text: &str) {
    let json = serde_json::to_string(text).unwrap();
    let first = decode_one(wire, &json).unwrap_or_else(|err| panic!("{text:?}: {err}"));
    let written = serde_json::to_string(&first).unwrap();
    let expected = format!(r#"{{"@odata.type":"microsoft.graph.everyPrimitive","{wire}":{json}}}"#);
    assert_eq!(written, expected);
    let second: EveryPrimitive = serde_json::from_str(&written).unwrap();
    assert_eq!(second, first);
}

/// A decode error that names the property.
fn assert_rejected(wire: &str, json: &str) {
    match decode_one(wire, json) {
        Ok(value) => panic!("{json} accepted as {wire}: {value:?}"),
        Err(err) => assert!(
            err.contains(&format!("property `{wire}`")),
            "{json}: the error does not name `{wire}`: {err}"
        ),
    }
}

fn fraction(max_digits: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        proptest::collection::vec(0u8..10, 1..=max_digits).prop_map(|digits| {
            let digits: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
            format!(".{digits}")
        }),
    ]
}

fn date() -> impl Strategy<Value = String> {
    (1u32..=9999, 1u32..=12, 1u32..=31)
        .prop_filter("a real date", |(y, m, d)| {
            chrono::NaiveDate::from_ymd_opt(*y as i32, *m, *d).is_some()
        })
        .prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
}

fn time_of_day() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u32..24, 0u32..60, 0u32..60, fraction(9))
            .prop_map(|(h, m, s, f)| format!("{h:02}:{m:02}:{s:02}{f}")),
        (0u32..24, 0u32..60).prop_map(|(h, m)| format!("{h:02}:{m:02}")),
    ]
}

/// Offsets as Graph writes them: `Z`, or a sign and hours and minutes (never `-00:00`).
fn offset() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Z".to_owned()),
        (prop::bool::ANY, 0u32..24, 0u32..60)
            .prop_filter("-00:00 means an unknown offset", |(neg, h, m)| {
                !(*neg && *h == 0 && *m == 0)
            })
            .prop_map(|(neg, h, m)| format!("{}{h:02}:{m:02}", if neg { '-' } else { '+' })),
    ]
}

fn date_time_offset() -> impl Strategy<Value = String> {
    (date(), 0u32..24, 0u32..60, 0u32..60, fraction(9), offset())
        .prop_map(|(d, h, m, s, f, o)| format!("{d}T{h:02}:{m:02}:{s:02}{f}{o}"))
}

fn duration() -> impl Strategy<Value = String> {
    let part = || prop::option::of(0u64..100_000);
    (
        prop::bool::ANY,
        part(),
        part(),
        part(),
        prop::option::of((0u64..100_000, fraction(9))),
    )
        .prop_filter("at least one part", |(_, d, h, m, s)| {
            d.is_some() || h.is_some() || m.is_some() || s.is_some()
        })
        .prop_map(|(neg, d, h, m, s)| {
            let mut text = String::from(if neg { "-P" } else { "P" });
            if let Some(d) = d {
                text += &format!("{d}D");
            }
            if h.is_some() || m.is_some() || s.is_some() {
                text.push('T');
            }
            if let Some(h) = h {
                text += &format!("{h}H");
            }
            if let Some(m) = m {
                text += &format!("{m}M");
            }
            if let Some((s, f)) = s {
                text += &format!("{s}{f}S");
            }
            text
        })
}

fn flag_member() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("keyEncipherment".to_owned()),
        Just("digitalSignature".to_owned()),
        "[a-zA-Z][a-zA-Z0-9]{0,12}",
    ]
}

proptest! {
    #[test]
    fn string_and_collections(text in any::<String>(), texts in prop::collection::vec(any::<String>(), 0..4)) {
        assert_round_trip("text", &text);
        let json = serde_json::to_string(&texts).unwrap();
        let value = decode_one("texts", &json).unwrap();
        prop_assert_eq!(value.texts.as_ref(), Some(&texts));
        let written = serde_json::to_string(&value).unwrap();
        let tail = format!(r#""texts":{json}}}"#);
        prop_assert!(written.ends_with(&tail), "{}", written);
    }

    #[test]
    fn integers(int32 in any::<i32>(), int64 in any::<i64>()) {
        let value = decode_one("int32", &int32.to_string()).unwrap();
        prop_assert_eq!(value.int32, Some(int32));
        let value = decode_one("int64", &int64.to_string()).unwrap();
        prop_assert_eq!(value.int64, Some(int64));
        // Written as bare numbers, every digit kept.
        let written = serde_json::to_string(&value).unwrap();
        let tail = format!(r#""int64":{int64}}}"#);
        prop_assert!(written.ends_with(&tail), "{}", written);
    }

    #[test]
    fn int32_out_of_range_is_rejected(wide in any::<i64>().prop_filter("outside i32", |n| i32::try_from(*n).is_err())) {
        assert_rejected("int32", &wide.to_string());
    }

    #[test]
    fn doubles_keep_every_bit(bits in any::<u64>()) {
        let value = f64::from_bits(bits);
        let json = serde_json::to_string(&Double(value)).unwrap();
        let back: Double = serde_json::from_str(&json).unwrap();
        if value.is_nan() {
            prop_assert!(back.get().is_nan());
            prop_assert_eq!(json.as_str(), r#""NaN""#);
        } else {
            prop_assert_eq!(back.get().to_bits(), value.to_bits());
        }
        let through = decode_one("double", &json).unwrap();
        prop_assert_eq!(serde_json::to_string(&through.double.unwrap()).unwrap(), json);
    }

    #[test]
    fn singles_keep_every_bit(bits in any::<u32>()) {
        let value = f32::from_bits(bits);
        let json = serde_json::to_string(&Single::from(value)).unwrap();
        let back: Single = serde_json::from_str(&json).unwrap();
        if value.is_nan() {
            prop_assert!(back.get().is_nan());
        } else {
            prop_assert_eq!(back.get().to_bits(), value.to_bits());
            // What was read is written back as the same number.
            let written = serde_json::to_string(&back).unwrap();
            prop_assert_eq!(graphpatch::testing::json_diff(&json, &written), None);
        }
    }

    #[test]
    fn guids(value in any::<u128>()) {
        let text = Guid::from_u128(value).hyphenated().to_string();
        assert_round_trip("guid", &text);
        let json = serde_json::to_string(&vec![&text, &text]).unwrap();
        let value = decode_one("guids", &json).unwrap();
        prop_assert_eq!(value.guids.map(|g| g.len()), Some(2));
    }

    #[test]
    fn binary(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        let text = Binary(bytes.clone()).to_string();
        assert_round_trip("binary", &text);
        let parsed: Binary = text.parse().unwrap();
        prop_assert_eq!(parsed.as_bytes(), &bytes[..]);
    }

    #[test]
    fn dates(text in date()) {
        assert_round_trip("date", &text);
    }

    #[test]
    fn times_of_day(text in time_of_day()) {
        assert_round_trip("timeOfDay", &text);
    }

    #[test]
    fn date_time_offsets(text in date_time_offset()) {
        assert_round_trip("dateTimeOffset", &text);
    }

    #[test]
    fn durations(text in duration()) {
        assert_round_trip("duration", &text);
        let parsed: Duration = text.parse().unwrap();
        // The length survives the trip through std or chrono and back.
        if let Some(delta) = parsed.to_chrono() {
            prop_assert_eq!(Duration::from(delta).total_nanos(), parsed.total_nanos());
        }
    }

    #[test]
    fn flags(members in prop::collection::vec(flag_member(), 0..4)) {
        assert_round_trip("keyUsage", &members.join(","));
    }

    /// No string makes a string-valued primitive panic; a rejected one names its property.
    #[test]
    fn arbitrary_strings_never_panic(text in any::<String>()) {
        let json = serde_json::to_string(&text).unwrap();
        for wire in ["guid", "binary", "date", "timeOfDay", "dateTimeOffset", "duration", "double", "single"] {
            if let Err(err) = decode_one(wire, &json) {
                prop_assert!(err.contains(&format!("property `{wire}`")), "{}", err);
            }
        }
    }

    #[test]
    fn bad_base64_is_rejected(text in "[A-Za-z0-9+/]{1,20}[^A-Za-z0-9+/=]{1,3}") {
        assert_rejected("binary", &serde_json::to_string(&text).unwrap());
    }

    #[test]
    fn ten_fractional_digits_are_rejected(base in date_time_offset(), time in time_of_day()) {
        let ten = ".1234567890";
        let at = base.find(['Z', '+']).unwrap_or_else(|| base.rfind('-').unwrap());
        let (head, offset) = base.split_at(at);
        let head = head.split('.').next().unwrap();
        assert_rejected("dateTimeOffset", &format!("\"{head}{ten}{offset}\""));
        let time = time.split('.').next().unwrap();
        if time.len() == 8 {
            assert_rejected("timeOfDay", &format!("\"{time}{ten}\""));
        }
        assert_rejected("duration", &format!("\"PT1{ten}S\""));
    }
}

#[test]
fn bad_offsets_are_rejected() {
    for offset in [
        "+24:00",
        "+05:60",
        "+5:00",
        "+0500",
        "-25:00",
        "+05:00:00",
        "UTC",
    ] {
        assert_rejected(
            "dateTimeOffset",
            &format!("\"2017-01-01T00:02:58{offset}\""),
        );
    }
}

#[test]
fn malformed_values_name_their_property() {
    for (wire, json) in [
        ("binary", r#""Y29udGVudA""#),
        ("binary", r#""Y29u dGVudA==""#),
        ("binary", r#""Y29udGVudA-_""#),
        ("date", r#""2016-02-30""#),
        ("date", r#""0000-01-01""#),
        ("timeOfDay", r#""24:00:00""#),
        ("timeOfDay", r#""12:00:60""#),
        ("duration", r#""P1Y""#),
        ("duration", r#""PT""#),
        ("duration", r#""P""#),
        ("duration", r#""+PT1S""#),
        ("duration", r#""PT99999999999999999999S""#),
        ("guid", r#""not-a-guid""#),
        ("double", r#""NaNa""#),
        ("int32", "1.5"),
        ("int64", "18446744073709551616"),
        ("flag", r#""true""#),
        ("text", "5"),
        ("guids", r#"["52effe71-fe71-52ef-71fe-ef5271feef52", 5]"#),
    ] {
        assert_rejected(wire, json);
    }
}

#[test]
fn floats_are_written_as_odata_does() {
    assert_eq!(serde_json::to_string(&Double(6.0)).unwrap(), "6.0");
    assert_eq!(
        serde_json::to_string(&Double(f64::INFINITY)).unwrap(),
        r#""INF""#
    );
    assert_eq!(
        serde_json::to_string(&Double(f64::NEG_INFINITY)).unwrap(),
        r#""-INF""#
    );
    let read = decode_one("double", "6.0").unwrap();
    assert_eq!(
        serde_json::to_string(&read).unwrap(),
        r#"{"@odata.type":"microsoft.graph.everyPrimitive","double":6.0}"#
    );
}

#[test]
fn durations_convert_both_ways() {
    let negative: Duration = "-PT17.1357909S".parse().unwrap();
    assert_eq!(negative.to_std(), None);
    assert_eq!(
        negative.to_chrono(),
        Some(chrono::TimeDelta::nanoseconds(-17_135_790_900))
    );
    assert_eq!(
        Duration::from(chrono::TimeDelta::nanoseconds(-17_135_790_900)).to_string(),
        "-PT17.1357909S"
    );
    assert_eq!(
        Duration::from(std::time::Duration::ZERO).to_string(),
        "PT0S"
    );
    let kept: Duration = "PT1H0M".parse().unwrap();
    assert_eq!(kept.to_string(), "PT1H0M");
    assert_eq!(kept, "PT1H0M".parse().unwrap());
    assert_eq!(kept.to_std(), Some(std::time::Duration::from_secs(3600)));
}
