//! Many updates on loopback: `$batch` chunking and per-request results, a throttled request
//! retried alone, bulk runs that pace to a budget, adapt to 429s, consume their input lazily,
//! survive cancellation and random faults, and give every input exactly one result.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use graphpatch::prelude::*;
use graphpatch::retry::RetryPolicy;
use graphpatch::throttle::Budget;
use graphpatch::Error;
use graphpatch_simulator::{Fault, RetryAfter, Simulator, ThrottleBudget};
use graphpatch_test_support::intune::DeviceManagementScriptState;
use graphpatch_test_support::states::{self, applied, batches, bounded, id, path, update};
use serde_json::Value;

const TOKEN: &str = "bulk-test-token";

/// A simulator holding `n` pending script states, and a client of it. Its random faults come
/// from a printed seed: `GRAPHPATCH_SEED=<n>` replays a failed run's faults.
async fn setup(n: usize, retry: RetryPolicy) -> (Simulator, GraphClient) {
    let simulator = states::simulator(n, TOKEN).await;
    let client = GraphClient::builder()
        .base_url(simulator.base_url())
        .token(TOKEN)
        // The backoffs' jitter from the simulator's printed seed: a failed run replays whole.
        .jitter_seed(simulator.seed())
        .retry(retry)
        .build()
        .unwrap();
    (simulator, client)
}

#[tokio::test]
async fn forty_five_requests_go_as_twenty_twenty_and_five() {
    let (simulator, client) = setup(45, RetryPolicy::default()).await;
    let results = bounded(client.send_batch((0..45).map(update).collect())).await;
    assert_eq!(results.len(), 45);
    for (i, result) in results.iter().enumerate() {
        let entity = result.as_ref().unwrap().entity.as_ref().unwrap();
        assert_eq!(entity.id, id(i), "results keep input order");
        assert!(applied(&simulator, i));
    }
    let sizes: Vec<usize> = batches(&simulator).iter().map(Vec::len).collect();
    assert_eq!(sizes, [20, 20, 5]);
    let first = &simulator.requests()[0];
    assert_eq!(first.header("content-type"), Some("application/json"));
    let body: Value = first.json().unwrap();
    assert_eq!(body["requests"][3]["method"], "PATCH");
    assert_eq!(
        body["requests"][3]["url"],
        "/deviceManagement/deviceManagementScripts/script/runStates/state-00003"
    );
    assert_eq!(
        body["requests"][3]["body"],
        serde_json::json!({"runState": "success", "resultMessage": "run 3"})
    );
}

#[tokio::test]
async fn a_throttled_request_is_retried_alone_after_its_retry_after() {
    let (simulator, client) = setup(5, RetryPolicy::default()).await;
    simulator.inject_on(
        "/runStates/state-00003",
        Fault::Throttle(Some(RetryAfter::Seconds(1))),
        1,
    );
    let started = Instant::now();
    let results = bounded(client.send_batch((0..5).map(update).collect())).await;
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    assert!((0..5).all(|i| applied(&simulator, i)));
    assert_eq!(
        batches(&simulator),
        [vec!["0", "1", "2", "3", "4"], vec!["3"]]
    );
    assert!(started.elapsed() >= Duration::from_millis(950));
}

#[tokio::test]
async fn successes_and_errors_map_to_their_inputs() {
    // States 0..6 exist; 6 and 7 do not; 2 is refused as throttled past the retry policy.
    let (simulator, client) = setup(6, RetryPolicy::none()).await;
    simulator.inject_on(
        "/runStates/state-00002",
        Fault::Throttle(Some(RetryAfter::Seconds(1))),
        1,
    );
    let mut requests: Vec<_> = (0..8).map(update).collect();
    // An empty change set is refused before anything is sent.
    requests[4] = DeviceManagementScriptState::patch(path(4), Default::default());
    let results = bounded(client.send_batch(requests)).await;
    let outcome: Vec<Option<u16>> = results
        .iter()
        .map(|r| match r {
            Ok(response) => Some(response.status.as_u16()),
            Err(err) => err.status().map(|s| s.as_u16()),
        })
        .collect();
    assert_eq!(
        outcome,
        [
            Some(200),
            Some(200),
            Some(429),
            Some(200),
            None,
            Some(200),
            Some(404),
            Some(404)
        ]
    );
    assert!(matches!(results[4], Err(Error::InvalidRequest(_))));
    let Err(Error::Graph(missing)) = &results[6] else {
        panic!("{:?}", results[6])
    };
    assert!(missing.message.contains("state-00006"), "{missing}");
    assert_eq!(
        batches(&simulator).len(),
        1,
        "nothing is retried without retries"
    );
}

#[tokio::test]
async fn a_failed_batch_gives_each_of_its_requests_the_cause() {
    let (simulator, client) = setup(3, RetryPolicy::none()).await;
    simulator.inject_on("/$batch", Fault::Unavailable, 1);
    let results = bounded(client.send_batch((0..3).map(update).collect())).await;
    for result in &results {
        let Err(Error::Batch(cause)) = result else {
            panic!("{result:?}")
        };
        assert_eq!(cause.status().map(|s| s.as_u16()), Some(503));
    }
}

/// Every input's key, once: what a run must give.
fn assert_one_result_each<T>(keys: &[usize], n: usize, results: &[T]) {
    assert_eq!(results.len(), n);
    let unique: BTreeSet<usize> = keys.iter().copied().collect();
    assert_eq!(unique.len(), n, "a key came twice");
    assert_eq!(unique, (0..n).collect(), "a key is missing");
}

#[tokio::test]
async fn bulk_under_random_faults_gives_every_input_one_result_and_loses_nothing() {
    let n = 300;
    let retry = RetryPolicy::default()
        .max_retries(10)
        .base_delay(Duration::from_millis(5))
        .max_delay(Duration::from_millis(50));
    let (simulator, client) = setup(n, retry).await;
    for fault in [
        Fault::Unavailable,
        Fault::Throttle(None),
        Fault::DropBeforeHeaders,
        Fault::DropAfterHeaders,
        Fault::TruncatedBody,
    ] {
        // Two in a hundred of each: about 10 % of requests meet a fault.
        simulator.inject_randomly(0.02, fault, usize::MAX);
    }
    let mut run = client.bulk((0..n).map(update)).adaptive().concurrency(16);
    let mut keys = Vec::new();
    let mut results = Vec::new();
    bounded(async {
        while let Some((key, result)) = run.next().await {
            keys.push(key);
            results.push(result);
        }
    })
    .await;
    assert_one_result_each(&keys, n, &results);
    for (key, result) in keys.iter().zip(&results) {
        assert!(result.is_ok(), "input {key}: {result:?}");
        assert!(applied(&simulator, *key), "input {key} not in the store");
    }
    let faults = simulator.requests().len() - n;
    assert!(faults > 0, "no fault was injected");
}

#[tokio::test]
async fn a_known_budget_is_never_exceeded() {
    // 30 writes per 4 s, then 10 more: the run crosses a window boundary, and the pacer's
    // headroom (2 % of the window, 80 ms) dwarfs a busy machine's scheduling jitter.
    let n = 40;
    let window = Duration::from_secs(4);
    let (simulator, client) = setup(n, RetryPolicy::none()).await;
    let budget = ThrottleBudget {
        writes: 30,
        window,
        retry_after: true,
    };
    simulator.throttle_per_app(Some(budget));
    let mut run = client
        .bulk((0..n).map(update))
        .budget(Budget::new(30, window))
        .concurrency(8);
    let mut failed = 0;
    bounded(async {
        while let Some((_, result)) = run.next().await {
            failed += usize::from(result.is_err());
        }
    })
    .await;
    assert_eq!(failed, 0, "a request met the budget");
    assert_eq!(run.progress().throttled, 0);
    assert_eq!(run.progress().succeeded, n as u64);
}

#[tokio::test]
async fn without_a_budget_the_pace_adapts_to_429s() {
    let n = 60;
    let (simulator, client) = setup(n, RetryPolicy::default().max_retries(10)).await;
    simulator.throttle_per_app(Some(ThrottleBudget {
        writes: 20,
        window: Duration::from_secs(1),
        retry_after: true,
    }));
    let progress = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&progress);
    let mut run = client
        .bulk((0..n).map(update))
        .adaptive()
        .concurrency(8)
        .on_progress(move |p| seen.store(p.done as usize, Ordering::SeqCst));
    let mut ok = 0;
    bounded(async {
        while let Some((_, result)) = run.next().await {
            ok += usize::from(result.is_ok());
        }
    })
    .await;
    assert_eq!(ok, n);
    assert_eq!(progress.load(Ordering::SeqCst), n);
    let throttled = run.progress().throttled;
    assert!(throttled > 0, "the budget was never met");
    assert!(throttled < n as u64, "{throttled} throttled of {n}");
    assert!((0..n).all(|i| applied(&simulator, i)));
}

#[tokio::test]
async fn input_is_taken_only_as_requests_can_start() {
    let (_simulator, client) = setup(50, RetryPolicy::none()).await;
    let pulled = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&pulled);
    let inputs = (0..50).map(move |i| {
        counter.fetch_add(1, Ordering::SeqCst);
        update(i)
    });
    let mut run = client.bulk(inputs).adaptive().concurrency(4);
    assert_eq!(
        pulled.load(Ordering::SeqCst),
        0,
        "nothing before the first poll"
    );
    bounded(run.next()).await.unwrap().1.unwrap();
    assert!(
        pulled.load(Ordering::SeqCst) <= 5,
        "{}",
        pulled.load(Ordering::SeqCst)
    );
}

#[tokio::test]
async fn cancelled_polls_lose_no_result() {
    let n = 40;
    let (simulator, client) = setup(n, RetryPolicy::none()).await;
    simulator.latency(Duration::from_millis(5));
    let mut run = client.bulk((0..n).map(update)).adaptive().concurrency(4);
    let mut keys = Vec::new();
    let mut cancelled = 0;
    bounded(async {
        loop {
            tokio::select! {
                next = run.next() => match next {
                    Some((key, result)) => {
                        result.unwrap();
                        keys.push(key);
                    }
                    None => break,
                },
                // Interrupts `next` often, mid-request.
                _ = tokio::time::sleep(Duration::from_millis(2)) => cancelled += 1,
            }
        }
    })
    .await;
    assert!(cancelled > 0, "no poll was cancelled");
    assert_one_result_each(&keys, n, &keys);
}

#[allow(dead_code)]
#[path = "../examples/bulk_update.rs"]
mod example;

/// The example's run, smaller: every update lands, none is throttled, the budget is used.
#[tokio::test]
async fn the_bulk_example_loses_nothing_at_the_budget() {
    use clap::Parser as _;
    let args =
        example::Args::try_parse_from(["bulk_update", "--items", "300", "--window-ms", "1000"])
            .unwrap();
    let mut out = Vec::new();
    let summary = bounded(example::run(&args, false, &mut out)).await.unwrap();
    let line = String::from_utf8(out).unwrap();
    assert_eq!(line.trim_end(), summary.to_string());
    assert!(
        line.starts_with("items=300 updated=300 failed=0 uncertain=0 lost=0 "),
        "{line}"
    );
    assert_eq!(summary.throttled, 0, "{line}");
    // The rate itself is a benchmark figure; a run may never exceed the budget.
    assert!(summary.utilization <= 1.0, "over the budget: {line}");
}
