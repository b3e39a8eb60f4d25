//! What Graph really sends, on the simulator: `Retry-After` with a fraction, `$batch` answers a
//! client must not take on trust (424s, missing ids, invalid statuses, a throttled batch POST)
//! and the bounds every batched retry keeps, Intune's per-family budgets, errors that say
//! whether an update may have been applied, and prepared requests that take their token when
//! they are sent.

mod retry_log;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use graphpatch::auth::{token_fn, AccessToken};
use graphpatch::client::GraphClientBuilder;
use graphpatch::prelude::*;
use graphpatch::retry::RetryPolicy;
use graphpatch::throttle::{families, Budget};
use graphpatch::{Error, TimeoutKind};
use graphpatch_simulator::{CannedResponse, Fault, RetryAfter, Simulator, ThrottleBudget};
use graphpatch_test_support::intune::DeviceManagementScriptState;
use graphpatch_test_support::states::{self, applied, batches, bounded, id, path, update};
use serde_json::{json, Value};

const TOKEN: &str = "reliability-token";

/// A device configuration, as small as a test needs: an entity of Intune's "device
/// configuration" family (100 writes per 20 s per app and tenant).
#[graph_entity(
    odata_type = "microsoft.graph.deviceConfiguration",
    version = "beta",
    path = "/deviceManagement/deviceConfigurations/{deviceConfigurationId}",
    permissions(
        delegated_work = ["DeviceManagementConfiguration.ReadWrite.All"],
        delegated_personal = unsupported,
        application = ["DeviceManagementConfiguration.ReadWrite.All"],
    ),
)]
#[derive(Debug, Clone, PartialEq)]
pub struct DeviceConfiguration {
    #[graph(read_only)]
    pub id: String,
    pub display_name: Option<String>,
}

/// A simulator holding `n` pending script states, serving the device configuration too.
async fn simulator(n: usize) -> Simulator {
    let simulator = Simulator::with_seed(graphpatch_simulator::seed_from_env("GRAPHPATCH_SEED"))
        .entity::<DeviceManagementScriptState>()
        .entity::<DeviceConfiguration>()
        .token(TOKEN)
        .start()
        .await
        .unwrap();
    states::insert_pending(&simulator, n);
    simulator
}

fn client_of(simulator: &Simulator) -> GraphClientBuilder {
    GraphClient::builder()
        .base_url(simulator.base_url())
        .token(TOKEN)
        .jitter_seed(simulator.seed())
}

/// The waits of batched requests put back for a later batch.
fn batch_waits(log: &retry_log::RetryLog) -> Vec<Duration> {
    log.waits()
        .into_iter()
        .filter(|w| w.message == "batched request not applied; sending it again in a later batch")
        .map(|w| w.delay)
        .collect()
}

fn ids(batch: &[&str]) -> Vec<String> {
    batch.iter().map(|s| (*s).to_owned()).collect()
}

#[tokio::test]
async fn a_retry_after_with_a_fraction_is_waited_in_full() {
    let (log, _guard) = retry_log::capture();
    let simulator = simulator(1).await;
    let client = client_of(&simulator).build().unwrap();
    simulator.inject(
        Fault::Throttle(Some(RetryAfter::Fraction(Duration::from_millis(1500)))),
        1,
    );
    bounded(client.send(update(0))).await.unwrap();
    // The wait the client chose is the service's, to the millisecond: not a jittered backoff
    // that would run into the throttle again.
    assert_eq!(log.retries(), [Duration::from_millis(1500)]);
    let requests = simulator.requests();
    assert_eq!(requests.len(), 2);
    assert!(requests[1].received_at - requests[0].received_at >= Duration::from_millis(1500));
    assert!(applied(&simulator, 0));
}

#[tokio::test]
async fn batched_retries_stop_at_the_retry_count() {
    let (log, _guard) = retry_log::capture();
    let simulator = simulator(2).await;
    let client = client_of(&simulator)
        .retry(RetryPolicy::default().max_retries(2))
        .build()
        .unwrap();
    simulator.inject_on(
        "/runStates/state-00001",
        Fault::Throttle(Some(RetryAfter::Seconds(0))),
        usize::MAX,
    );
    let results = bounded(client.send_batch(vec![update(0), update(1)])).await;
    assert!(results[0].is_ok());
    assert_eq!(
        results[1].as_ref().err().and_then(Error::status),
        Some(reqwest::StatusCode::TOO_MANY_REQUESTS)
    );
    // The first batch, then two retries of the throttled request alone.
    assert_eq!(
        batches(&simulator),
        [ids(&["0", "1"]), ids(&["1"]), ids(&["1"])]
    );
    assert_eq!(batch_waits(&log), [Duration::ZERO, Duration::ZERO]);
}

#[tokio::test]
async fn batched_retries_stop_at_the_total_waiting_budget() {
    let (log, _guard) = retry_log::capture();
    let simulator = simulator(1).await;
    let client = client_of(&simulator)
        .retry(
            RetryPolicy::default()
                .max_retries(10)
                .max_total_delay(Duration::from_millis(2500)),
        )
        .build()
        .unwrap();
    simulator.inject_on(
        "/runStates/state-00000",
        Fault::Throttle(Some(RetryAfter::Seconds(1))),
        usize::MAX,
    );
    let results = bounded(client.send_batch(vec![update(0)])).await;
    assert!(results[0].is_err());
    // 1 s + 1 s fit in 2.5 s of waiting; a third second would not.
    assert_eq!(batch_waits(&log), [Duration::from_secs(1); 2]);
    assert_eq!(batches(&simulator).len(), 3);
}

#[tokio::test]
async fn batched_retries_stop_at_the_calls_deadline() {
    let (log, _guard) = retry_log::capture();
    let simulator = simulator(1).await;
    let client = client_of(&simulator)
        .retry(RetryPolicy::default().max_retries(10))
        .deadline(Duration::from_secs(3))
        .build()
        .unwrap();
    simulator.inject_on(
        "/runStates/state-00000",
        Fault::Throttle(Some(RetryAfter::Seconds(2))),
        usize::MAX,
    );
    let results = bounded(client.send_batch(vec![update(0)])).await;
    assert!(results[0].is_err());
    // A retry after 2 s starts before the 3 s deadline (if the first answer took under a
    // second); the next one, after 4 s, would not.
    assert_eq!(batch_waits(&log), [Duration::from_secs(2)]);
    assert_eq!(batches(&simulator).len(), 2);
}

/// A canned `$batch` answer holding these sub-responses.
fn batch_answer(responses: Value) -> CannedResponse {
    CannedResponse::new(
        200,
        serde_json::to_vec(&json!({ "responses": responses })).unwrap(),
    )
    .header("content-type", "application/json")
}

fn state_body(i: usize) -> Value {
    json!({
        "@odata.type": "#microsoft.graph.deviceManagementScriptState",
        "id": id(i),
        "runState": "success",
        "resultMessage": format!("run {i}"),
    })
}

#[tokio::test]
async fn a_failed_dependency_is_sent_again_once_and_reported_once() {
    let simulator = simulator(2).await;
    let client = client_of(&simulator).build().unwrap();
    simulator.respond_next(batch_answer(json!([
        { "id": "1", "status": 200, "body": state_body(1) },
        { "id": "0", "status": 424, "body": { "error": {
            "code": "failedDependency",
            "message": "The request failed because it depended on another request that failed." } } },
    ])));
    let results = bounded(client.send_batch(vec![update(0), update(1)])).await;
    assert_eq!(results.len(), 2);
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    // Only the request that was not run goes again, and the canned answer's own success is
    // kept, not sent a second time.
    assert_eq!(batches(&simulator), [ids(&["0", "1"]), ids(&["0"])]);
    assert!(applied(&simulator, 0));
}

#[tokio::test]
async fn a_failed_dependency_without_retries_is_an_error_that_says_so() {
    let simulator = simulator(1).await;
    let client = client_of(&simulator)
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    simulator.respond_next(batch_answer(json!([
        { "id": "0", "status": 424, "body": { "error": {
            "code": "failedDependency", "message": "depended on a failed request" } } },
    ])));
    let results = bounded(client.send_batch(vec![update(0)])).await;
    let Err(Error::Graph(graph)) = &results[0] else {
        panic!("{results:?}")
    };
    assert_eq!(graph.status.as_u16(), 424);
    assert_eq!(graph.code, "failedDependency");
    assert!(!results[0].as_ref().unwrap_err().may_have_been_applied());
    assert_eq!(batches(&simulator).len(), 1);
}

#[tokio::test]
async fn a_throttled_batch_post_is_sent_again_whole() {
    let simulator = simulator(3).await;
    let client = client_of(&simulator).build().unwrap();
    simulator.respond_next(
        CannedResponse::new(
            429,
            r#"{"error":{"code":"TooManyRequests","message":"throttled"}}"#,
        )
        .header("content-type", "application/json")
        .header("retry-after", "0"),
    );
    let results = bounded(client.send_batch((0..3).map(update).collect())).await;
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    assert_eq!(
        batches(&simulator),
        [ids(&["0", "1", "2"]), ids(&["0", "1", "2"])]
    );
    assert!((0..3).all(|i| applied(&simulator, i)));
}

#[tokio::test]
async fn an_unavailable_batch_post_that_stays_so_fails_each_request_once_with_the_cause() {
    let simulator = simulator(2).await;
    let client = client_of(&simulator)
        .retry(RetryPolicy::default().max_retries(1))
        .build()
        .unwrap();
    for _ in 0..2 {
        simulator.respond_next(
            CannedResponse::new(
                503,
                r#"{"error":{"code":"serviceNotAvailable","message":"down"}}"#,
            )
            .header("content-type", "application/json")
            .header("retry-after", "0"),
        );
    }
    let results = bounded(client.send_batch(vec![update(0), update(1)])).await;
    assert_eq!(results.len(), 2);
    for result in &results {
        let Err(Error::Batch(cause)) = result else {
            panic!("{result:?}")
        };
        assert_eq!(cause.status().map(|s| s.as_u16()), Some(503));
    }
    assert_eq!(batches(&simulator).len(), 2);
}

#[tokio::test]
async fn requests_the_answer_leaves_out_or_garbles_are_sent_again() {
    let simulator = simulator(3).await;
    let client = client_of(&simulator).build().unwrap();
    simulator.respond_next(batch_answer(json!([
        { "id": "0", "status": 200, "body": state_body(0) },
        { "id": "2", "status": 0 },
        { "id": "0", "status": 500 },
        { "id": "7", "status": 200 },
    ])));
    let results = bounded(client.send_batch((0..3).map(update).collect())).await;
    // Each request has exactly one result: 0 its first answer, 1 (missing) and 2 (status 0)
    // theirs from the batch they were sent again in; the repeated and unknown ids are ignored.
    assert_eq!(results.len(), 3);
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    // Each goes again exactly once, after its own jittered backoff (no Retry-After).
    let batches = batches(&simulator);
    assert_eq!(batches[0], ids(&["0", "1", "2"]));
    let mut again: Vec<String> = batches[1..].concat();
    again.sort();
    assert_eq!(again, ids(&["1", "2"]));
    assert!((1..3).all(|i| applied(&simulator, i)));
}

#[tokio::test]
async fn a_conditional_request_the_answer_leaves_out_is_not_sent_again_but_named() {
    let simulator = simulator(2).await;
    let client = client_of(&simulator).build().unwrap();
    simulator.respond_next(batch_answer(json!([
        { "id": "1", "status": 7000, "body": state_body(1) },
    ])));
    let requests = vec![
        update(0).if_match("W/\"etag-0\""),
        update(1).if_match("W/\"etag-1\""),
    ];
    let results = bounded(client.send_batch(requests)).await;
    for (result, problem) in results.iter().zip([
        "the $batch answer has no response for it",
        "the $batch answer gives it the invalid status 7000",
    ]) {
        let Err(err @ Error::BatchAnswer { problem: said, .. }) = result else {
            panic!("{result:?}")
        };
        assert_eq!(said, problem);
        assert!(err.may_have_been_applied(), "{err}");
        assert!(err.to_string().contains(problem), "{err}");
    }
    assert_eq!(
        batches(&simulator).len(),
        1,
        "a conditional update is not resent"
    );
}

#[tokio::test]
async fn a_device_configuration_run_at_its_familys_budget_meets_no_throttle() {
    let family = DeviceConfiguration::throttle_family().expect("an Intune entity");
    assert_eq!(family, &families::DEVICE_CONFIGURATION);
    assert_eq!(
        family.write_budget(),
        Budget::new(100, Duration::from_secs(20))
    );
    assert_eq!(
        DeviceManagementScriptState::throttle_family(),
        Some(&families::DEVICES)
    );

    let simulator = simulator(0).await;
    let client = client_of(&simulator).build().unwrap();
    // The family's budget, on a window scaled from 20 s to 4 s so the test takes seconds (and
    // a busy machine's jitter stays small beside the window).
    let window = Duration::from_secs(4);
    simulator.throttle_per_app(Some(ThrottleBudget::per_app(family, window)));
    let n = 150;
    for i in 0..n {
        simulator.insert(
            DeviceConfigurationPath::DeviceConfigurations {
                device_configuration_id: format!("config-{i}"),
            },
            &DeviceConfiguration {
                id: format!("config-{i}"),
                display_name: None,
            },
        );
    }
    let updates = (0..n).map(|i| {
        graph_patch!(DeviceConfiguration { device_configuration_id: format!("config-{i}") } set {
            display_name: format!("Kiosk {i}"),
        })
    });
    let run = client.bulk(updates.clone());
    // By default a run keeps under its entity family's own write budget.
    assert_eq!(run.pace(), Some(family.write_budget()));
    let mut run = client
        .bulk(updates)
        .budget(Budget::new(family.writes_per_app_per_tenant, window))
        .concurrency(16);
    let mut ok = 0;
    bounded(async {
        while let Some((_, result)) = run.next().await {
            ok += usize::from(result.is_ok());
        }
    })
    .await;
    assert_eq!(ok, n);
    assert_eq!(run.progress().throttled, 0);
}

#[tokio::test]
async fn whether_an_update_may_have_been_applied_follows_how_the_call_failed() {
    let simulator = simulator(1).await;
    let once = |fault: Fault| {
        simulator.clear_faults();
        simulator.inject(fault, 1);
    };
    let client = client_of(&simulator)
        .retry(RetryPolicy::none())
        .timeout(Duration::from_millis(100))
        .build()
        .unwrap();

    // Nothing was sent.
    let empty = DeviceManagementScriptState::patch(path(0), Default::default());
    assert!(!client
        .send(empty)
        .await
        .unwrap_err()
        .may_have_been_applied());

    // No connection ever opened: certainly not applied.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = closed.local_addr().unwrap();
    drop(closed);
    let nowhere = GraphClient::builder()
        .base_url(format!("http://{address}"))
        .token(TOKEN)
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let refused = nowhere.send(update(0)).await.unwrap_err();
    assert!(matches!(refused, Error::Transport { .. }), "{refused:?}");
    assert!(!refused.may_have_been_applied(), "{refused}");

    // The request went out and no definitive answer came back.
    for fault in [
        Fault::DropBeforeHeaders,
        Fault::DropAfterHeaders,
        Fault::TruncatedBody,
    ] {
        once(fault.clone());
        let err = bounded(client.send(update(0))).await.unwrap_err();
        assert!(err.may_have_been_applied(), "{fault:?}: {err:?}");
    }
    once(Fault::Latency(Duration::from_secs(3600)));
    let timed_out = bounded(client.send(update(0))).await.unwrap_err();
    assert!(
        matches!(
            timed_out,
            Error::Timeout {
                kind: TimeoutKind::Attempt,
                ..
            }
        ),
        "{timed_out:?}"
    );
    assert!(timed_out.may_have_been_applied());
    // A proxy's 502 page: the service behind it may have applied the update.
    once(Fault::HtmlErrorPage);
    assert!(bounded(client.send(update(0)))
        .await
        .unwrap_err()
        .may_have_been_applied());

    // The service answered, and refused.
    for fault in [Fault::Throttle(None), Fault::Unavailable] {
        once(fault.clone());
        let err = bounded(client.send(update(0))).await.unwrap_err();
        assert!(!err.may_have_been_applied(), "{fault:?}: {err:?}");
    }
    simulator.clear_faults();
    let missing = graph_patch!(DeviceManagementScriptState {
        device_management_script_id: "script",
        device_management_script_state_id: "no-such-state",
    } set {
        result_message: "x",
    });
    let not_found = bounded(client.send(missing)).await.unwrap_err();
    assert_eq!(not_found.status().map(|s| s.as_u16()), Some(404));
    assert!(!not_found.may_have_been_applied());
}

#[tokio::test]
async fn a_prepared_request_sent_later_carries_the_token_current_then() {
    let simulator = Simulator::builder()
        .entity::<DeviceManagementScriptState>()
        .start()
        .await
        .unwrap();
    simulator.insert(
        path(0),
        &DeviceManagementScriptState {
            id: id(0),
            run_state: None,
            result_message: None,
            last_state_update_date_time: None,
        },
    );
    // A provider whose every token is new: the one `prepare` showed has expired by `execute`.
    let issued = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&issued);
    let client = GraphClient::builder()
        .base_url(simulator.base_url())
        .token_provider(token_fn(move || {
            let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
            async move { Ok(AccessToken::new(format!("token-{n}"))) }
        }))
        .build()
        .unwrap();
    let prepared = client.prepare(update(0)).await.unwrap();
    assert_eq!(
        prepared
            .headers()
            .get("authorization")
            .map(|v| v.to_str().unwrap().to_owned()),
        Some("Bearer token-1".to_owned())
    );
    assert!(
        !format!("{prepared:?}").contains("token-1"),
        "the token is marked sensitive"
    );
    bounded(client.execute(prepared)).await.unwrap();
    let sent = simulator.requests();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].header("authorization"), Some("Bearer token-2"));

    // `send` asks once.
    bounded(client.send(update(0))).await.unwrap();
    assert_eq!(issued.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn the_application_names_itself_first_in_user_agent() {
    let simulator = simulator(1).await;
    let client = client_of(&simulator)
        .user_agent("kiosk-fleet/2.1")
        .build()
        .unwrap();
    bounded(client.send(update(0))).await.unwrap();
    assert_eq!(
        simulator.requests()[0].header("user-agent"),
        Some(concat!(
            "kiosk-fleet/2.1 graphpatch/",
            env!("CARGO_PKG_VERSION")
        ))
    );
    assert_eq!(simulator.requests()[0].header("sdkversion"), None);
}
