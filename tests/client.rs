//! The client against the simulator on loopback: path encoding, response kinds and every error
//! variant, and the token kept out of everything printable.

use graphpatch::prelude::*;
use graphpatch::{Error, GraphClient};
use graphpatch_simulator::{CannedResponse, RawServer, Simulator};
use graphpatch_test_support::intune::{
    DeviceManagementScriptState, DeviceManagementScriptStatePatch, DeviceManagementScriptStatePath,
    RunState,
};

const TOKEN: &str = "eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.c2VjcmV0LXRva2VuLXZhbHVl.sig";

async fn setup() -> (Simulator, GraphClient) {
    let sim = Simulator::builder()
        .entity::<DeviceManagementScriptState>()
        .token(TOKEN)
        .start()
        .await
        .unwrap();
    let client = GraphClient::builder()
        .base_url(sim.base_url())
        .token(TOKEN)
        .build()
        .unwrap();
    (sim, client)
}

fn state(id: &str) -> DeviceManagementScriptState {
    DeviceManagementScriptState {
        id: id.into(),
        run_state: Some(RunState::Pending),
        result_message: Some("queued".into()),
        last_state_update_date_time: None,
    }
}

fn seed_path(script: &str, id: &str) -> DeviceManagementScriptStatePath {
    DeviceManagementScriptStatePath::DeviceManagementScriptsRunStates {
        device_management_script_id: script.into(),
        device_management_script_state_id: id.into(),
    }
}

/// `resultMessage: "x"` on the state at `(script, id)`: the request most tests send.
fn set_message(script: &str, id: &str) -> PatchRequest<DeviceManagementScriptState> {
    graph_patch!(DeviceManagementScriptState {
        device_management_script_id: script,
        device_management_script_state_id: id,
    } set {
        result_message: "x",
    })
}

fn assert_no_token(text: &str) {
    assert!(!text.contains(TOKEN), "token leaked: {text}");
    assert!(
        !text.contains("c2VjcmV0LXRva2VuLXZhbHVl"),
        "token leaked: {text}"
    );
}

#[tokio::test]
async fn hostile_ids_stay_one_segment() {
    let (sim, client) = setup().await;
    let ids = [
        "a/b",
        "a?b=c",
        "a#frag",
        "100%",
        "%2F",
        "../admin",
        "a..b",
        "...",
        "with space",
        "back\\slash",
        "ünïcødé-日本",
        "semi;colon,comma+plus&amp=eq",
        "line\nbreak\ttab",
    ];
    for (n, id) in ids.iter().enumerate() {
        let script = format!("script/{n}?x#y");
        sim.insert(seed_path(&script, id), &state(id));
        sim.clear_requests();
        let updated = client
            .send(graph_patch!(DeviceManagementScriptState {
                device_management_script_id: &script,
                device_management_script_state_id: id,
            } set {
                result_message: "done",
            }))
            .await
            .unwrap_or_else(|err| panic!("{id:?}: {err}"))
            .expect("the entity");
        // The simulator found the entity: both values arrived intact, each as one segment.
        assert_eq!(updated.id, *id);
        assert_eq!(
            sim.get(seed_path(&script, id))
                .unwrap()
                .result_message
                .as_deref(),
            Some("done")
        );
        let received = &sim.requests()[0];
        assert_eq!(received.query, None, "{id:?}");
        let segments = received.segments();
        assert_eq!(segments.len(), 6, "{id:?} → {}", received.path);
        assert_eq!(segments[..2], ["beta", "deviceManagement"]);
        assert_eq!(segments[2], "deviceManagementScripts");
        assert_eq!(segments[4], "runStates");
        let decode = |s: &str| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8()
                .unwrap()
                .into_owned()
        };
        assert_eq!(decode(segments[3]), script);
        assert_eq!(decode(segments[5]), *id);
    }
}

#[tokio::test]
async fn dot_segments_and_empty_ids_are_refused_before_sending() {
    let (sim, client) = setup().await;
    for id in ["", ".", ".."] {
        let err = client
            .send(graph_patch!(DeviceManagementScriptState {
                device_management_script_id: "s",
                device_management_script_state_id: id,
            } set {
                result_message: "x",
            }))
            .await
            .unwrap_err();
        assert!(matches!(err, Error::InvalidRequest(_)), "{id:?}: {err:?}");
        assert!(
            err.to_string()
                .contains("device_management_script_state_id"),
            "{err}"
        );
    }
    assert!(sim.requests().is_empty());
}

#[tokio::test]
async fn ok_returns_the_entity_and_no_content_returns_none() {
    let (sim, client) = setup().await;
    sim.insert(seed_path("s", "d"), &state("d"));
    let request = graph_patch!(DeviceManagementScriptState {
        device_management_script_id: "s",
        device_management_script_state_id: "d",
    } set {
        run_state: RunState::ScriptError,
    });
    assert_eq!(
        client
            .send(request.clone())
            .await
            .unwrap()
            .unwrap()
            .run_state,
        Some(RunState::ScriptError)
    );
    let minimal = request.prefer(Prefer::Minimal);
    assert_eq!(client.send(minimal).await.unwrap(), None);
    assert_eq!(sim.requests()[1].header("prefer"), Some("return=minimal"));
    assert_eq!(sim.requests()[0].header("prefer"), None);
}

#[tokio::test]
async fn null_clears_and_unset_keeps() {
    let (sim, client) = setup().await;
    sim.insert(seed_path("s", "d"), &state("d"));
    let request = graph_patch!(DeviceManagementScriptState {
        device_management_script_id: "s",
        device_management_script_state_id: "d",
    } set {
        result_message: null,
    });
    assert_eq!(request.body().unwrap(), br#"{"resultMessage":null}"#);
    let updated = client.send(request).await.unwrap().unwrap();
    assert_eq!(updated.result_message, None);
    assert_eq!(
        updated.run_state,
        Some(RunState::Pending),
        "an unset property keeps its value"
    );
}

#[tokio::test]
async fn graph_404_keeps_code_message_and_ids() {
    let (sim, client) = setup().await;
    let err = client
        .send(graph_patch!(DeviceManagementScriptState {
            device_management_script_id: "s",
            device_management_script_state_id: "missing",
        } set {
            result_message: "x",
        }))
        .await
        .unwrap_err();
    let Error::Graph(graph) = &err else {
        panic!("expected a Graph error, got {err:?}")
    };
    assert_eq!(graph.status.as_u16(), 404);
    assert_eq!(graph.code, "ResourceNotFound");
    assert!(graph.message.contains("missing"), "{}", graph.message);
    assert!(graph.request_id.is_some());
    assert!(graph.date.is_some());
    let sent = sim.requests()[0]
        .header("client-request-id")
        .unwrap()
        .to_owned();
    assert_eq!(graph.client_request_id, sent);
    assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(err.client_request_id(), Some(sent.as_str()));
    let text = err.to_string();
    assert!(
        text.contains("404") && text.contains("ResourceNotFound") && text.contains(&sent),
        "{text}"
    );
}

/// A client-side type that knows a property the service does not: the simulator answers 400.
#[graph_entity(
    odata_type = "microsoft.graph.deviceManagementScriptState",
    version = "beta",
    path = "/deviceManagement/deviceManagementScripts/{deviceManagementScriptId}/runStates/{deviceManagementScriptStateId}",
    patch_odata_type = false,
    permissions(
        delegated_work = ["DeviceManagementManagedDevices.ReadWrite.All"],
        delegated_personal = unsupported,
        application = unsupported,
    )
)]
#[derive(Debug)]
pub struct NewerScriptState {
    #[graph(read_only)]
    pub id: String,
    pub result_message: Option<String>,
    pub retry_count: Option<i32>,
}

#[tokio::test]
async fn graph_400_for_a_property_the_service_does_not_know() {
    let (sim, client) = setup().await;
    sim.insert(seed_path("s", "d"), &state("d"));
    let err = client
        .send(graph_patch!(NewerScriptState {
            device_management_script_id: "s",
            device_management_script_state_id: "d",
        } set {
            retry_count: 3,
        }))
        .await
        .unwrap_err();
    let Error::Graph(graph) = &err else {
        panic!("expected a Graph error, got {err:?}")
    };
    assert_eq!(graph.status.as_u16(), 400);
    assert_eq!(graph.code, "BadRequest");
    assert!(
        graph.message.contains("'retryCount' does not exist"),
        "{}",
        graph.message
    );
    assert_eq!(
        sim.get(seed_path("s", "d")).unwrap(),
        state("d"),
        "nothing applied"
    );
}

#[tokio::test]
async fn html_error_page_is_an_unexpected_response() {
    let (sim, client) = setup().await;
    sim.respond_next(
        CannedResponse::new(502, "<html><body><h1>502 Bad Gateway</h1></body></html>")
            .header("content-type", "text/html"),
    );
    let err = client.send(set_message("s", "d")).await.unwrap_err();
    let Error::UnexpectedResponse {
        status, snippet, ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(status.as_u16(), 502);
    assert!(snippet.contains("502 Bad Gateway"), "{snippet}");
    assert!(err.to_string().contains("not a Graph error"), "{err}");
}

#[tokio::test]
async fn truncated_json_is_a_decode_error_with_a_bounded_snippet() {
    let (sim, client) = setup().await;
    let long = format!(
        r##"{{"@odata.type":"#microsoft.graph.deviceManagementScriptState","id":"d","resultMessage":"{}"##,
        "x".repeat(2000)
    );
    sim.respond_next(CannedResponse::new(200, long).header("content-type", "application/json"));
    let err = client.send(set_message("s", "d")).await.unwrap_err();
    let Error::Decode {
        status,
        snippet,
        source,
        ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(status.as_u16(), 200);
    assert!(source.is_eof(), "{source}");
    assert!(snippet.starts_with(r#"{"@odata.type""#), "{snippet}");
    assert!(snippet.len() <= 520, "snippet of {} bytes", snippet.len());
}

#[tokio::test]
async fn oversized_chunked_responses_are_refused_while_streaming() {
    let chunk = format!("{:x}\r\n{}\r\n", 1000, "x".repeat(1000));
    let mut response =
        b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n"
            .to_vec();
    for _ in 0..64 {
        response.extend_from_slice(chunk.as_bytes());
    }
    response.extend_from_slice(b"0\r\n\r\n");
    // An answer the simulator's HTTP stack would not produce: a chunked body of unannounced
    // length.
    let server = RawServer::start(response).await.unwrap();
    let client = GraphClient::builder()
        .base_url(server.base_url())
        .token(TOKEN)
        .max_response_bytes(10_000)
        .build()
        .unwrap();
    let err = client.send(set_message("s", "d")).await.unwrap_err();
    let Error::UnexpectedResponse {
        status, snippet, ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(status.as_u16(), 200);
    assert!(snippet.contains("10000-byte limit"), "{snippet}");
    assert!(server.requests()[0].starts_with(b"PATCH /beta/deviceManagement/"));
}

#[tokio::test]
async fn redirects_are_errors_not_silent_gets() {
    let (sim, client) = setup().await;
    sim.insert(seed_path("s", "d"), &state("d"));
    sim.respond_next(
        CannedResponse::new(302, "").header("location", "https://elsewhere.example/beta/x"),
    );
    let err = client.send(set_message("s", "d")).await.unwrap_err();
    let Error::Redirect {
        status, location, ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(status.as_u16(), 302);
    assert_eq!(location, "https://elsewhere.example/beta/x");
    assert_eq!(sim.requests().len(), 1, "the redirect was not followed");
    assert_eq!(sim.get(seed_path("s", "d")).unwrap(), state("d"));
}

#[tokio::test]
async fn a_success_without_a_body_is_applied_not_a_decode_error() {
    let (sim, client) = setup().await;
    for status in [200, 202] {
        sim.respond_next(CannedResponse::new(status, ""));
        let response = client
            .execute(client.prepare(set_message("s", "d")).await.unwrap())
            .await
            .unwrap();
        assert_eq!(response.status.as_u16(), status);
        assert!(response.entity.is_none());
    }
}

#[tokio::test]
async fn execute_reports_status_and_correlation_ids() {
    let (sim, client) = setup().await;
    sim.insert(seed_path("s", "d"), &state("d"));
    let prepared = client.prepare(set_message("s", "d")).await.unwrap();
    let sent = prepared.client_request_id().to_owned();
    let response = client.execute(prepared).await.unwrap();
    assert_eq!(response.status.as_u16(), 200);
    assert_eq!(response.client_request_id, sent);
    assert_eq!(
        sim.requests()[0].header("client-request-id"),
        Some(sent.as_str())
    );
    assert!(response
        .request_id
        .is_some_and(|id| uuid::Uuid::parse_str(&id).is_ok()));
    assert_eq!(
        response.entity.unwrap().result_message.as_deref(),
        Some("x")
    );
}

#[tokio::test]
async fn oversized_responses_are_refused() {
    let (sim, _) = setup().await;
    let client = GraphClient::builder()
        .base_url(sim.base_url())
        .token(TOKEN)
        .max_response_bytes(1024)
        .build()
        .unwrap();
    sim.respond_next(CannedResponse::new(200, vec![b' '; 64 * 1024]));
    let err = client.send(set_message("s", "d")).await.unwrap_err();
    assert!(err.to_string().contains("1024-byte limit"), "{err}");
}

#[tokio::test]
async fn wrong_token_is_a_401_and_never_printed() {
    let (sim, _) = setup().await;
    let client = GraphClient::builder()
        .base_url(sim.base_url())
        .token(format!("{TOKEN}x"))
        .build()
        .unwrap();
    let request = set_message("s", "d");
    let prepared = client.prepare(request.clone()).await.unwrap();
    assert_no_token(&format!("{prepared:?}"));
    client.execute(prepared).await.unwrap_err();
    // The simulator's log, as assertion output would print it.
    assert_no_token(&format!("{:?}", sim.requests()));
    assert_no_token(&format!("{client:?}"));
    let err = client.send(request).await.unwrap_err();
    let Error::Graph(graph) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(graph.status.as_u16(), 401);
    assert_eq!(graph.code, "InvalidAuthenticationToken");
    assert_no_token(&err.to_string());
    assert_no_token(&format!("{err:?}"));
}

#[tokio::test]
async fn connection_refused_is_a_transport_error() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let client = GraphClient::builder()
        .base_url(format!("http://127.0.0.1:{port}"))
        .token(TOKEN)
        .retry(graphpatch::retry::RetryPolicy::none())
        .build()
        .unwrap();
    let err = client.send(set_message("s", "d")).await.unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert!(err.client_request_id().is_some());
    assert_no_token(&format!("{err:?} {err}"));
}

#[tokio::test]
async fn empty_change_sets_and_plain_http_are_refused_locally() {
    let (sim, client) = setup().await;
    let empty = DeviceManagementScriptState::patch(
        seed_path("s", "d"),
        DeviceManagementScriptStatePatch::new(),
    );
    let err = client.send(empty).await.unwrap_err();
    assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
    assert!(err.to_string().contains("empty change set"), "{err}");
    assert!(sim.requests().is_empty());

    let err = GraphClient::builder()
        .base_url("http://graph.microsoft.com")
        .token(TOKEN)
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    assert!(err.to_string().contains("loopback"), "{err}");
    assert_no_token(&format!("{err:?}"));
}

#[tokio::test]
async fn every_request_has_the_documented_headers_and_a_fresh_request_id() {
    let (sim, client) = setup().await;
    sim.insert(seed_path("s", "d"), &state("d"));
    for _ in 0..2 {
        let request = set_message("s", "d").if_match("W/\"etag-1\"");
        client.send(request).await.unwrap();
    }
    let requests = sim.requests();
    for r in &requests {
        assert_eq!(r.method, "PATCH");
        assert_eq!(
            r.header("authorization"),
            Some(format!("Bearer {TOKEN}").as_str())
        );
        assert_eq!(r.header("accept"), Some("application/json"));
        assert_eq!(r.header("content-type"), Some("application/json"));
        assert_eq!(r.header("if-match"), Some("W/\"etag-1\""));
        // The client names itself in User-Agent alone: SdkVersion is the telemetry header of
        // Microsoft's own SDKs.
        assert_eq!(
            r.header("user-agent"),
            Some(concat!("graphpatch/", env!("CARGO_PKG_VERSION")))
        );
        assert_eq!(r.header("sdkversion"), None);
    }
    assert_ne!(
        requests[0].header("client-request-id"),
        requests[1].header("client-request-id")
    );
}
