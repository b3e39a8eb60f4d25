//! One test per simulated fault, on loopback: the call succeeds after retries where it should
//! (the log shows every attempt, the same client-request-id, the waits honoured), and fails
//! quickly with the right error where it should. Every test is bounded by a timeout.
//!
//! Timing is asserted without wall-clock windows: the wait the client chose is read from its
//! log (exact), and the simulator's arrival times bound from below the wait it took; a wait
//! that must not happen is one the client never logs.

mod retry_log;

use std::future::Future;
use std::time::{Duration, Instant};

use graphpatch::client::GraphClientBuilder;
use graphpatch::prelude::*;
use graphpatch::retry::RetryPolicy;
use graphpatch::{Error, GraphClient, TimeoutKind};
use graphpatch_simulator::{
    CannedResponse, Fault, RecordedRequest, RetryAfter, Simulator, ThrottleBudget,
};
use graphpatch_test_support::intune::{
    DeviceManagementScriptState, DeviceManagementScriptStatePath, RunState,
};

const TOKEN: &str = "fault-test-token";

/// Fails the test instead of hanging it.
async fn bounded<T>(future: impl Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(20), future)
        .await
        .expect("the test finished in time")
}

fn path(id: &str) -> DeviceManagementScriptStatePath {
    DeviceManagementScriptStatePath::DeviceManagementScriptsRunStates {
        device_management_script_id: "script".into(),
        device_management_script_state_id: id.into(),
    }
}

async fn setup(retry: RetryPolicy) -> (Simulator, GraphClient) {
    let sim = Simulator::builder()
        .entity::<DeviceManagementScriptState>()
        .token(TOKEN)
        .start()
        .await
        .unwrap();
    for id in ["a", "b"] {
        sim.insert(
            path(id),
            &DeviceManagementScriptState {
                id: id.into(),
                run_state: Some(RunState::Pending),
                result_message: None,
                last_state_update_date_time: None,
            },
        );
    }
    let client = client_for(&sim, |b| b.retry(retry));
    (sim, client)
}

/// A client of `sim` with the test token, configured by `configure`.
fn client_for(
    sim: &Simulator,
    configure: impl FnOnce(GraphClientBuilder) -> GraphClientBuilder,
) -> GraphClient {
    configure(GraphClient::builder().base_url(sim.base_url()).token(TOKEN))
        .build()
        .unwrap()
}

/// One attempt at most, bounded by 100 ms.
fn impatient(sim: &Simulator) -> GraphClient {
    client_for(sim, |b| {
        b.timeout(Duration::from_millis(100))
            .retry(RetryPolicy::none())
    })
}

/// Quick retries, so tests that do not test the waits stay fast.
fn quick() -> RetryPolicy {
    RetryPolicy::default().base_delay(Duration::from_millis(10))
}

fn update(id: &str, message: &str) -> PatchRequest<DeviceManagementScriptState> {
    graph_patch!(DeviceManagementScriptState {
        device_management_script_id: "script",
        device_management_script_state_id: id,
    } set {
        run_state: RunState::Success,
        result_message: message,
    })
}

/// Every attempt of one call: same client-request-id, `Retry-Attempt` counting from 1.
fn assert_attempts(log: &[RecordedRequest], attempts: usize) {
    assert_eq!(log.len(), attempts, "{log:?}");
    let id = log[0].header("client-request-id").unwrap();
    assert_eq!(log[0].header("retry-attempt"), None);
    for (n, request) in log.iter().enumerate().skip(1) {
        assert_eq!(request.header("client-request-id"), Some(id), "attempt {n}");
        assert_eq!(
            request.header("retry-attempt"),
            Some(n.to_string().as_str())
        );
        assert_eq!(request.body, log[0].body, "attempt {n} sent another body");
    }
}

async fn assert_applied(sim: &Simulator, id: &str, message: &str) {
    let stored = sim.get(path(id)).unwrap();
    assert_eq!(stored.run_state, Some(RunState::Success));
    assert_eq!(stored.result_message.as_deref(), Some(message));
}

#[tokio::test]
async fn latency_is_waited_out_and_bounded_by_the_attempt_timeout() {
    bounded(async {
        let (sim, client) = setup(quick()).await;
        sim.inject(Fault::Latency(Duration::from_millis(300)), 1);
        let started = Instant::now();
        client.send(update("a", "slow")).await.unwrap();
        assert!(started.elapsed() >= Duration::from_millis(300));
        assert_attempts(&sim.requests(), 1);

        // An answer that would come after the test's own timeout: only the attempt's 100 ms
        // limit can end this call in time.
        let impatient = impatient(&sim);
        sim.inject(Fault::Latency(Duration::from_secs(3600)), 1);
        let err = impatient.send(update("a", "x")).await.unwrap_err();
        assert!(
            matches!(
                err,
                Error::Timeout {
                    kind: TimeoutKind::Attempt,
                    after: Some(after),
                    ..
                } if after == Duration::from_millis(100)
            ),
            "{err:?}"
        );
    })
    .await;
}

#[tokio::test]
async fn throttled_with_retry_after_seconds_waits_that_long() {
    bounded(async {
        let (retries, _capture) = retry_log::capture();
        let (sim, client) = setup(quick()).await;
        sim.inject(Fault::Throttle(Some(RetryAfter::Seconds(1))), 1);
        client.send(update("a", "after 429")).await.unwrap();
        // The wait chosen: the service's second, exactly (not the quick policy's backoff).
        assert_eq!(retries.retries(), [Duration::from_secs(1)]);
        // The wait taken: the retry arrived at least that long after the refused attempt.
        let log = sim.requests();
        let gap = log[1].received_at - log[0].received_at;
        assert!(gap >= Duration::from_secs(1), "{gap:?}");
        assert_attempts(&log, 2);
        assert_applied(&sim, "a", "after 429").await;
    })
    .await;
}

#[tokio::test]
async fn throttled_with_an_http_date_waits_until_then() {
    bounded(async {
        let (retries, _capture) = retry_log::capture();
        let (sim, client) = setup(quick()).await;
        sim.inject(
            Fault::Throttle(Some(RetryAfter::Date(Duration::from_secs(2)))),
            1,
        );
        client.send(update("a", "after date")).await.unwrap();
        // HTTP dates have whole seconds: the date is 2 s ahead, cut to the second, so the wait
        // chosen is whole seconds and at most 2.
        let waits = retries.retries();
        assert_eq!(waits.len(), 1, "{waits:?}");
        assert!(
            waits[0] <= Duration::from_secs(2) && waits[0].subsec_nanos() == 0,
            "{waits:?}"
        );
        // The retry waited until the date, which is more than a second after the refusal was
        // written (the date is the refusal's time plus 2 s, cut to the second).
        let log = sim.requests();
        let gap = log[1].received_at - log[0].received_at;
        assert!(gap >= Duration::from_secs(1), "{gap:?}");
        assert_attempts(&log, 2);
    })
    .await;
}

#[tokio::test]
async fn throttled_without_retry_after_backs_off() {
    bounded(async {
        let (sim, client) = setup(quick()).await;
        sim.inject(Fault::Throttle(None), 2);
        client.send(update("a", "after backoff")).await.unwrap();
        assert_attempts(&sim.requests(), 3);
        assert_applied(&sim, "a", "after backoff").await;
    })
    .await;
}

#[tokio::test]
async fn throttled_for_good_fails_after_the_allowed_retries() {
    bounded(async {
        let (sim, client) = setup(quick().max_retries(3)).await;
        sim.inject(Fault::Throttle(None), usize::MAX);
        let err = client.send(update("a", "never")).await.unwrap_err();
        let Error::Graph(graph) = &err else {
            panic!("{err:?}")
        };
        assert_eq!(graph.status.as_u16(), 429);
        assert_eq!(graph.code, "TooManyRequests");
        assert_attempts(&sim.requests(), 4);
    })
    .await;
}

#[tokio::test]
async fn a_retry_after_beyond_the_budget_fails_now_instead_of_waiting() {
    bounded(async {
        let (retries, _capture) = retry_log::capture();
        let (sim, client) = setup(quick().max_total_delay(Duration::from_secs(5))).await;
        sim.inject(Fault::Throttle(Some(RetryAfter::Seconds(60))), 1);
        let err = client.send(update("a", "x")).await.unwrap_err();
        assert_eq!(err.status().map(|s| s.as_u16()), Some(429));
        // No wait was started, not even a short one.
        assert_eq!(retries.retries(), []);
        assert_attempts(&sim.requests(), 1);
    })
    .await;
}

#[tokio::test]
async fn unavailable_and_gateway_timeout_are_retried() {
    bounded(async {
        let (sim, client) = setup(quick()).await;
        sim.inject(Fault::Unavailable, 1);
        sim.inject(Fault::GatewayTimeout, 1);
        client.send(update("a", "after 503 and 504")).await.unwrap();
        let log = sim.requests();
        assert_attempts(&log, 3);
        assert_applied(&sim, "a", "after 503 and 504").await;
    })
    .await;
}

#[tokio::test]
async fn a_connection_dropped_before_the_answer_is_retried() {
    bounded(async {
        let (sim, client) = setup(quick()).await;
        sim.inject(Fault::DropBeforeHeaders, 1);
        client.send(update("a", "after drop")).await.unwrap();
        assert_attempts(&sim.requests(), 2);
        assert_applied(&sim, "a", "after drop").await;
    })
    .await;
}

#[tokio::test]
async fn a_connection_dropped_after_the_headers_is_retried_and_applies_once_in_effect() {
    bounded(async {
        let (sim, client) = setup(quick()).await;
        sim.inject(Fault::DropAfterHeaders, 1);
        let updated = client
            .send(update("a", "after late drop"))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(updated.result_message.as_deref(), Some("after late drop"));
        assert_attempts(&sim.requests(), 2);
        assert_applied(&sim, "a", "after late drop").await;

        // Without retries: the headers arrived, then the body failed.
        let once = client_for(&sim, |b| b.retry(RetryPolicy::none()));
        sim.inject(Fault::DropAfterHeaders, 1);
        let err = once.send(update("a", "x")).await.unwrap_err();
        let Error::Transport { source, .. } = &err else {
            panic!("{err:?}")
        };
        // A failure while reading the body (reqwest reports it as a body or decode error), not
        // while waiting for the answer (a request error).
        assert!(
            !source.is_request() && (source.is_body() || source.is_decode()),
            "the answer failed before its headers: {source:?}"
        );
    })
    .await;
}

#[tokio::test]
async fn a_conditional_update_is_not_resent_once_it_may_have_applied() {
    bounded(async {
        let (sim, client) = setup(quick()).await;
        sim.inject(Fault::DropAfterHeaders, 1);
        let err = client
            .send(update("a", "conditional").if_match("W/\"1\""))
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Transport { .. }), "{err:?}");
        assert_attempts(&sim.requests(), 1);
        assert_applied(&sim, "a", "conditional").await;

        // A refusal applied nothing: retried as usual.
        sim.clear_requests();
        sim.inject(Fault::Unavailable, 1);
        client
            .send(update("a", "conditional again").if_match("W/\"2\""))
            .await
            .unwrap();
        assert_attempts(&sim.requests(), 2);
    })
    .await;
}

#[tokio::test]
async fn a_truncated_body_is_retried() {
    bounded(async {
        let (sim, client) = setup(quick()).await;
        sim.inject(Fault::TruncatedBody, 1);
        let updated = client
            .send(update("a", "after truncation"))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(updated.result_message.as_deref(), Some("after truncation"));
        assert_attempts(&sim.requests(), 2);

        let once = client_for(&sim, |b| b.retry(RetryPolicy::none()));
        sim.inject(Fault::TruncatedBody, 1);
        let err = once.send(update("a", "x")).await.unwrap_err();
        let Error::Transport { source, .. } = &err else {
            panic!("{err:?}")
        };
        // A failure while reading the body (reqwest reports it as a body or decode error), not
        // while waiting for the answer (a request error).
        assert!(
            !source.is_request() && (source.is_body() || source.is_decode()),
            "the answer failed before its headers: {source:?}"
        );
    })
    .await;
}

#[tokio::test]
async fn a_slow_body_arrives_whole_unless_it_outlasts_the_attempt() {
    bounded(async {
        let (sim, client) = setup(quick()).await;
        sim.inject(Fault::SlowBody(Duration::from_millis(30)), 1);
        let updated = client.send(update("a", "slowly")).await.unwrap().unwrap();
        assert_eq!(updated.result_message.as_deref(), Some("slowly"));

        let impatient = impatient(&sim);
        sim.inject(Fault::SlowBody(Duration::from_millis(200)), 1);
        let err = impatient.send(update("a", "too slowly")).await.unwrap_err();
        assert!(
            matches!(
                err,
                Error::Timeout {
                    kind: TimeoutKind::Attempt,
                    ..
                }
            ),
            "{err:?}"
        );
    })
    .await;
}

#[tokio::test]
async fn invalid_utf8_is_a_decode_error_not_retried() {
    bounded(async {
        let (sim, client) = setup(quick()).await;
        sim.inject(Fault::InvalidUtf8, 1);
        let err = client.send(update("a", "x")).await.unwrap_err();
        let Error::Decode {
            status, snippet, ..
        } = &err
        else {
            panic!("{err:?}")
        };
        assert_eq!(status.as_u16(), 200);
        assert!(snippet.contains('\u{FFFD}'), "{snippet}");
        assert_attempts(&sim.requests(), 1);
    })
    .await;
}

#[tokio::test]
async fn an_html_error_page_is_reported_not_retried() {
    bounded(async {
        let (sim, client) = setup(quick()).await;
        sim.inject(Fault::HtmlErrorPage, 1);
        let err = client.send(update("a", "x")).await.unwrap_err();
        let Error::UnexpectedResponse {
            status, snippet, ..
        } = &err
        else {
            panic!("{err:?}")
        };
        assert_eq!(status.as_u16(), 502);
        assert!(snippet.contains("Bad Gateway"), "{snippet}");
        assert_attempts(&sim.requests(), 1);
    })
    .await;
}

#[tokio::test]
async fn other_client_errors_are_never_retried() {
    bounded(async {
        let (sim, client) = setup(quick()).await;
        for status in [400, 401, 403, 404, 409, 412] {
            sim.clear_requests();
            sim.respond_next(CannedResponse::new(
                status,
                r#"{"error":{"code":"X","message":"no"}}"#,
            ));
            let err = client.send(update("a", "x")).await.unwrap_err();
            assert_eq!(err.status().map(|s| s.as_u16()), Some(status));
            assert_attempts(&sim.requests(), 1);
        }
        // A huge error message stays out of the error's text.
        let message = "m".repeat(100_000);
        sim.respond_next(CannedResponse::new(
            400,
            format!(r#"{{"error":{{"code":"BadRequest","message":"{message}"}}}}"#),
        ));
        let err = client.send(update("a", "x")).await.unwrap_err();
        assert!(
            err.to_string().len() < 1_000,
            "{} bytes",
            err.to_string().len()
        );
    })
    .await;
}

#[tokio::test]
async fn faults_can_target_one_route() {
    bounded(async {
        let (sim, client) = setup(RetryPolicy::none()).await;
        sim.inject_on("/runStates/b", Fault::Unavailable, usize::MAX);
        client.send(update("a", "fine")).await.unwrap();
        let err = client.send(update("b", "refused")).await.unwrap_err();
        assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
        sim.clear_faults();
        client.send(update("b", "fine now")).await.unwrap();
    })
    .await;
}

#[tokio::test]
async fn an_intune_style_write_budget_is_ridden_out() {
    bounded(async {
        let (sim, client) = setup(quick().max_retries(10)).await;
        let window = Duration::from_millis(1500);
        sim.throttle(Some(ThrottleBudget {
            writes: 5,
            window,
            retry_after: true,
        }));
        let started = Instant::now();
        for n in 0..8 {
            client
                .send(update("a", &format!("write {n}")))
                .await
                .unwrap();
        }
        assert!(
            started.elapsed() >= Duration::from_millis(900),
            "{:?}",
            started.elapsed()
        );
        let log = sim.requests();
        assert_eq!(
            log.iter()
                .filter(|r| r.header("retry-attempt").is_none())
                .count(),
            8
        );
        assert!(log.len() > 8, "some writes were throttled and retried");
        assert_applied(&sim, "a", "write 7").await;

        // Without Retry-After the client backs off on its own.
        sim.throttle(Some(ThrottleBudget {
            writes: 2,
            window: Duration::from_millis(200),
            retry_after: false,
        }));
        for n in 0..4 {
            client
                .send(update("b", &format!("write {n}")))
                .await
                .unwrap();
        }
        assert_applied(&sim, "b", "write 3").await;
    })
    .await;
}

#[tokio::test]
async fn the_deadline_bounds_the_whole_call() {
    bounded(async {
        let (retries, _capture) = retry_log::capture();
        let (sim, _) = setup(quick()).await;
        let client = client_for(&sim, |b| b.deadline(Duration::from_millis(400)));
        // An attempt still running at the deadline, whose answer would come after the test's
        // own timeout: only the 400 ms deadline can end this call in time (the attempt's own
        // limit is 100 s).
        sim.inject(Fault::Latency(Duration::from_secs(3600)), 1);
        let err = client.send(update("a", "x")).await.unwrap_err();
        assert!(
            matches!(
                err,
                Error::Timeout {
                    kind: TimeoutKind::Deadline,
                    ..
                }
            ),
            "{err:?}"
        );
        assert!(
            err.to_string()
                .contains("the whole call timed out after 400ms"),
            "{err}"
        );
        assert_eq!(sim.requests().len(), 1);

        // A wait that would end past the deadline is not started: the 429 comes back at once.
        sim.clear_requests();
        sim.inject(Fault::Throttle(Some(RetryAfter::Seconds(1))), usize::MAX);
        let err = client.send(update("a", "x")).await.unwrap_err();
        assert_eq!(err.status().map(|s| s.as_u16()), Some(429), "{err:?}");
        assert_eq!(
            retries.retries(),
            [],
            "a wait past the deadline was started"
        );
        assert_attempts(&sim.requests(), 1);
    })
    .await;
}

#[tokio::test]
async fn a_connect_timeout_is_its_own_error() {
    bounded(async {
        // A listener with a one-slot backlog, filled: the kernel drops further SYNs, so a new
        // connection hangs until the connect timeout.
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
        let listener = socket.listen(1).unwrap();
        let addr = listener.local_addr().unwrap();
        let mut held = Vec::new();
        while let Ok(Ok(stream)) = tokio::time::timeout(
            Duration::from_millis(200),
            tokio::net::TcpStream::connect(addr),
        )
        .await
        {
            held.push(stream);
            assert!(held.len() < 64, "the backlog never filled");
        }
        let client = GraphClient::builder()
            .base_url(format!("http://{addr}"))
            .token(TOKEN)
            .connect_timeout(Duration::from_millis(200))
            .retry(RetryPolicy::none())
            .build()
            .unwrap();
        // Only the 200 ms connect limit reports `Connect` (the attempt's own limit is 100 s,
        // beyond the test's timeout).
        let err = client.send(update("a", "x")).await.unwrap_err();
        assert!(
            matches!(
                err,
                Error::Timeout {
                    kind: TimeoutKind::Connect,
                    after: Some(after),
                    ..
                } if after == Duration::from_millis(200)
            ),
            "{err:?}"
        );
        assert!(
            err.to_string().contains("connecting timed out after 200ms"),
            "{err}"
        );
        drop(listener);
    })
    .await;
}

#[tokio::test]
async fn redirects_keep_the_method_stop_after_five_and_drop_the_token_across_origins() {
    bounded(async {
        let (sim, client) = setup(quick()).await;
        // 307 to the same origin: followed with method, body and token.
        let same = format!(
            "{}/beta/deviceManagement/deviceManagementScripts/script/runStates/b",
            sim.base_url()
        );
        sim.respond_next(CannedResponse::new(307, "").header("location", same.as_str()));
        client.send(update("a", "moved")).await.unwrap();
        let log = sim.requests();
        assert_eq!(log.len(), 2);
        assert_eq!(log[1].method, "PATCH");
        assert_eq!(log[1].body, log[0].body);
        assert!(log[1].header("authorization").is_some());
        assert_applied(&sim, "b", "moved").await;

        // 301 would turn the PATCH into a GET: not followed.
        sim.clear_requests();
        sim.respond_next(CannedResponse::new(301, "").header("location", same.as_str()));
        let err = client.send(update("a", "x")).await.unwrap_err();
        assert!(matches!(err, Error::Redirect { .. }), "{err:?}");
        assert_eq!(sim.requests().len(), 1);

        // Six in a row: five followed, the sixth reported.
        sim.clear_requests();
        for _ in 0..6 {
            sim.respond_next(CannedResponse::new(307, "").header("location", same.as_str()));
        }
        let err = client.send(update("a", "x")).await.unwrap_err();
        assert!(matches!(err, Error::Redirect { .. }), "{err:?}");
        assert_eq!(sim.requests().len(), 6);

        // Plain http to a host that is not loopback: not followed, nothing sent there.
        sim.clear_requests();
        sim.respond_next(
            CannedResponse::new(307, "").header("location", "http://example.com/beta/x"),
        );
        let err = client.send(update("a", "x")).await.unwrap_err();
        assert!(matches!(err, Error::Redirect { .. }), "{err:?}");
        assert_eq!(sim.requests().len(), 1);

        // To another origin (another port): the token stays behind.
        let other = Simulator::builder()
            .entity::<DeviceManagementScriptState>()
            .start()
            .await
            .unwrap();
        let elsewhere = format!(
            "{}/beta/deviceManagement/deviceManagementScripts/script/runStates/a",
            other.base_url()
        );
        sim.respond_next(CannedResponse::new(307, "").header("location", elsewhere.as_str()));
        let err = client.send(update("a", "x")).await.unwrap_err();
        assert_eq!(err.status().map(|s| s.as_u16()), Some(401), "{err:?}");
        let there = other.requests();
        assert_eq!(there.len(), 1);
        assert_eq!(there[0].header("authorization"), None);
    })
    .await;
}
