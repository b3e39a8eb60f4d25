//! Hostile input, generated: no path parameter can change the request's path segments or query
//! (10,000 generated ids), no response body can make the decoder panic, and the bearer token
//! shows up in no log line, `Debug` or error.

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use graphpatch::prelude::*;
use graphpatch::retry::RetryPolicy;
use graphpatch::GraphClient;
use graphpatch_simulator::{Fault, Simulator};
use graphpatch_test_support::intune::{
    DeviceManagementScriptState, DeviceManagementScriptStatePath,
};
use proptest::prelude::*;

/// Ids mixing arbitrary Unicode with the characters that break naive path building.
fn hostile_id() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("/".to_owned()),
        Just("\\".to_owned()),
        Just("?".to_owned()),
        Just("#".to_owned()),
        Just("%".to_owned()),
        Just("%2F".to_owned()),
        Just("%2e%2E".to_owned()),
        Just("..".to_owned()),
        Just(".".to_owned()),
        Just(" ".to_owned()),
        Just("&x=1".to_owned()),
        Just("\u{0}\n\r\t\u{7f}".to_owned()),
        Just("\u{202e}\u{fe0f}".to_owned()),
        any::<char>().prop_map(String::from),
        "[a-zA-Z0-9-]{1,8}",
    ];
    prop_oneof![
        prop::collection::vec(piece, 0..8).prop_map(|pieces| pieces.concat()),
        any::<String>(),
    ]
}

fn decode(segment: &str) -> String {
    percent_encoding::percent_decode_str(segment)
        .decode_utf8()
        .expect("UTF-8")
        .into_owned()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    fn no_id_changes_the_path_or_query(script in hostile_id(), state in hostile_id()) {
        static CLIENT: OnceLock<GraphClient> = OnceLock::new();
        let client = CLIENT.get_or_init(|| GraphClient::builder().token("t").build().unwrap());
        let request = graph_patch!(DeviceManagementScriptState {
            device_management_script_id: &script,
            device_management_script_state_id: &state,
        } set {
            result_message: "x",
        });
        let unsendable = |id: &str| matches!(id, "" | "." | "..");
        match client.url_for(&request) {
            Err(_) => prop_assert!(unsendable(&script) || unsendable(&state)),
            Ok(url) => {
                prop_assert!(!unsendable(&script) && !unsendable(&state));
                // The URL as reqwest parses it before sending.
                let url = reqwest::Url::parse(&url).unwrap();
                prop_assert_eq!(url.host_str(), Some("graph.microsoft.com"));
                prop_assert_eq!(url.query(), None);
                prop_assert_eq!(url.fragment(), None);
                let segments: Vec<String> = url.path_segments().unwrap().map(decode).collect();
                prop_assert_eq!(
                    segments,
                    ["beta", "deviceManagement", "deviceManagementScripts", &script, "runStates", &state]
                );
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn no_response_body_panics_the_decoder(status in 100u16..600, body in prop_oneof![
        prop::collection::vec(any::<u8>(), 0..256),
        "\\{\"(error|id|runState|@odata.type)\":[^}]{0,40}\\}?".prop_map(String::into_bytes),
        Just(format!(r#"{{"error":{{"code":"{0}","message":"{0}"}}}}"#, "x".repeat(20_000)).into_bytes()),
        Just(br#"{"error":{"code":1,"message":null,"innerError":[]}}"#.to_vec()),
        Just(br#"{"id":"x","runState":7,"lastStateUpdateDateTime":"2017-13-99T99:99:99Z"}"#.to_vec()),
    ]) {
        // Any outcome but a panic is fine; errors keep their snippets bounded.
        if let Err(err) = graphpatch::__private::decode_response::<DeviceManagementScriptState>(status, &body) {
            prop_assert!(err.to_string().len() < 2_000);
        }
    }
}

/// Everything a tracing subscriber writes, for inspection.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test(flavor = "current_thread")]
async fn the_token_appears_in_no_log_debug_or_error() {
    const TOKEN: &str = "eyJhbGciOiJub25lIn0.c3VwZXItc2VjcmV0LXRva2Vu.";
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let sim = Simulator::builder()
        .entity::<DeviceManagementScriptState>()
        .token(TOKEN)
        .start()
        .await
        .unwrap();
    let path = DeviceManagementScriptStatePath::DeviceManagementScriptsRunStates {
        device_management_script_id: "s".into(),
        device_management_script_state_id: "d".into(),
    };
    sim.insert(
        path,
        &DeviceManagementScriptState {
            id: "d".into(),
            run_state: None,
            result_message: None,
            last_state_update_date_time: None,
        },
    );
    let client = GraphClient::builder()
        .base_url(sim.base_url())
        .token(TOKEN)
        .retry(RetryPolicy::default().base_delay(Duration::from_millis(5)))
        .build()
        .unwrap();
    let request = || {
        graph_patch!(DeviceManagementScriptState {
            device_management_script_id: "s",
            device_management_script_state_id: "d",
        } set {
            result_message: "x",
        })
    };

    let mut printed = Vec::new();
    sim.inject(Fault::Unavailable, 1);
    sim.inject(Fault::DropBeforeHeaders, 1);
    printed.push(format!("{:?}", client.send(request()).await.unwrap()));
    sim.inject(Fault::Throttle(None), usize::MAX);
    let err = client.send(request()).await.unwrap_err();
    printed.push(format!("{err} {err:?}"));
    sim.clear_faults();
    let prepared = client.prepare(request()).await.unwrap();
    printed.push(format!("{prepared:?} {client:?} {:?}", request()));
    printed.push(format!("{:?}", sim.requests()));
    let refused = GraphClient::builder()
        .base_url("http://example.com")
        .token(TOKEN)
        .build()
        .unwrap_err();
    printed.push(format!("{refused} {refused:?}"));

    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(
        log.contains("retrying PATCH"),
        "the subscriber saw no retry:\n{log}"
    );
    for field in [
        "client_request_id=",
        "attempt=1",
        "failure=503 Service Unavailable",
        "delay_ms=",
        "status=200",
    ] {
        assert!(log.contains(field), "no {field} in the log:\n{log}");
    }
    assert!(log.contains("client_request_id"), "{log}");
    for text in printed.iter().chain([&log]) {
        assert!(
            !text.contains("c3VwZXItc2VjcmV0LXRva2Vu"),
            "the token leaked:\n{text}"
        );
    }
}
