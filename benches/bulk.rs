//! Bulk figures: how much of a write budget a bulk run uses, how often it is throttled, whether
//! it loses anything, and the peak heap of a run over 100,000 queued inputs.
//!
//! ```text
//! cargo bench --bench bulk
//! GRAPHPATCH_BULK_ITEMS=4000 GRAPHPATCH_BULK_QUEUED=200000 cargo bench --bench bulk
//! ```
//!
//! 1. Budget: `GRAPHPATCH_BULK_ITEMS` (default 2,000) updates against the simulator playing
//!    Intune's budget (200 writes per app, 400 per tenant) scaled to a 2-second window, with
//!    20 ms latency, once paced to the budget and once adaptive (learning it from the `429`s).
//!    Prints utilization (achieved write rate over the budget), 429s and lost updates (no
//!    result, or a success the store does not hold).
//! 2. Memory: `GRAPHPATCH_BULK_QUEUED` (default 100,000) requests built up front in a `Vec`,
//!    then sent through one bulk run to a stateless loopback server, unpaced. Prints the peak
//!    heap above the starting point, counted by this binary's allocator, and the same for a
//!    lazy iterator of as many inputs.
//! 3. Ceiling: `GRAPHPATCH_BULK_CEILING` (default 20,000) PATCHes against the same zero-latency
//!    loopback server at 1, 8, 64 and 256 in flight, each level as a hand-written `JoinSet` of
//!    reqwest calls, as a bulk run that adapts (`.adaptive()`), and as a bulk run under a budget
//!    far above the load (1,000,000 writes/s); then 64 paced runs of 4 in flight each on one
//!    client (one per tenant), each in a task of its own, against as many hand-written
//!    `JoinSet`s of 4 in tasks of their own (and one `JoinSet` of 256). Prints requests/s, the
//!    ratio to the hand-written baseline and the peak heap of each. `GRAPHPATCH_BULK_ROUNDS`
//!    (default 6) rounds, each measuring every way once, in an order that changes from round
//!    to round so that each way goes in each place equally often; each ratio is to the
//!    baseline of the same round, and the medians are printed, with the ratios' range and (on
//!    Linux) the median ratio of the process's CPU time, which other work on the machine
//!    disturbs less than the rate. The server speaks HTTP/1.1, as `http://` loopback does.
//!
//! Instructions per request (`GRAPHPATCH_BULK_CALLGRIND=K1,K2`, or `1` for `1000,3000`), the
//! figure the ceiling's rates are too noisy to show: at 1, 8, 64 and 256 in flight, each way
//! of section 3 (the `JoinSet`, bulk adaptive, bulk under a budget far above the load) runs
//! alone in this binary under `valgrind --tool=callgrind` (which must be installed), once with
//! K1 and once with K2 requests, against a server in this process outside the counted one; per
//! request is the difference over K2 − K1, so start-up and the connections cancel out.
//! `GRAPHPATCH_BULK_CALLGRIND_OUT=DIR` keeps each profile as
//! `DIR/callgrind.<way>.<in flight>.<requests>.out`. By hand, with the binary
//! `cargo bench --bench bulk --no-run` names and a server of its own inside the counted process:
//!
//! ```text
//! GRAPHPATCH_BULK_ONLY=joinset GRAPHPATCH_BULK_REQUESTS=1000 GRAPHPATCH_BULK_IN_FLIGHT=64 valgrind --tool=callgrind <binary>
//! GRAPHPATCH_BULK_ONLY=bulk-adaptive GRAPHPATCH_BULK_REQUESTS=1000 GRAPHPATCH_BULK_IN_FLIGHT=64 valgrind --tool=callgrind <binary>
//! ```
//!
//! `GRAPHPATCH_BULK_ONLY` is `joinset`, `bulk-adaptive` or `bulk-budget`: that way alone, for
//! `GRAPHPATCH_BULK_REQUESTS` (default 1,000) requests at `GRAPHPATCH_BULK_IN_FLIGHT` (default
//! 64) in flight, against `GRAPHPATCH_BULK_BASE` (`http://127.0.0.1:PORT`) or a server in this
//! process, then it exits.

use std::alloc::{GlobalAlloc, Layout, System};
use std::convert::Infallible;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use bytes::Bytes;
use graphpatch::prelude::*;
use graphpatch::retry::RetryPolicy;
use graphpatch::throttle::Budget;
use graphpatch_simulator::{Simulator, ThrottleBudget};
use graphpatch_test_support::callgrind;
use graphpatch_test_support::intune::{
    DeviceManagementScriptState, DeviceManagementScriptStatePath, RunState,
};
use http_body_util::{BodyExt, Full};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use serde::{Deserialize, Serialize};
use tokio::task::JoinSet;

/// The system allocator, counting the bytes in use and their peak.
struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged to the system allocator.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            let now = IN_USE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` came from `alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn state_id(i: usize) -> String {
    format!("state-{i:06}")
}

fn update(i: usize) -> PatchRequest<DeviceManagementScriptState> {
    graph_patch!(DeviceManagementScriptState {
        device_management_script_id: "bulk-script",
        device_management_script_state_id: state_id(i),
    } set {
        run_state: RunState::Success,
        result_message: format!("run {i} finished"),
    })
}

fn path(i: usize) -> DeviceManagementScriptStatePath {
    DeviceManagementScriptStatePath::DeviceManagementScriptsRunStates {
        device_management_script_id: "bulk-script".into(),
        device_management_script_state_id: state_id(i),
    }
}

/// Section 1: `items` updates against the simulator's budget, paced to it or (`adaptive`)
/// learning it from the `429`s.
async fn budget_run(items: usize, adaptive: bool) {
    let window = Duration::from_secs(2);
    let simulator = Simulator::builder()
        .entity::<DeviceManagementScriptState>()
        .token("bench")
        .start()
        .await
        .expect("simulator");
    let throttle = |writes| ThrottleBudget {
        writes,
        window,
        retry_after: true,
    };
    simulator.throttle_per_app(Some(throttle(200)));
    simulator.throttle(Some(throttle(400)));
    simulator.latency(Duration::from_millis(20));
    for i in 0..items {
        simulator.insert(
            path(i),
            &DeviceManagementScriptState {
                id: state_id(i),
                run_state: Some(RunState::Pending),
                result_message: None,
                last_state_update_date_time: None,
            },
        );
    }
    let client = GraphClient::builder()
        .base_url(simulator.base_url())
        .token("bench")
        .build()
        .expect("client");
    let budget = Budget::new(200, window);
    let started = Instant::now();
    let run = client.bulk((0..items).map(update)).concurrency(16);
    let mut run = if adaptive {
        run.adaptive()
    } else {
        run.budget(budget)
    };
    let mut outcome = vec![None; items];
    while let Some((i, result)) = run.next().await {
        outcome[i] = Some(result.is_ok());
    }
    let elapsed = started.elapsed();
    let updated = outcome.iter().filter(|o| **o == Some(true)).count();
    let lost = (0..items)
        .filter(|&i| match outcome[i] {
            None => true,
            Some(ok) => {
                ok && simulator
                    .get(path(i))
                    .is_none_or(|s| s.result_message != Some(format!("run {i} finished")))
            }
        })
        .count();
    let throttled = run.progress().throttled;
    println!(
        "budget{}: items={items} updated={updated} lost={lost} throttled={throttled} ({:.2} %) \
         elapsed={:.1}s utilization={:.3}",
        if adaptive { ", adaptive" } else { "" },
        throttled as f64 * 100.0 / items as f64,
        elapsed.as_secs_f64(),
        updated as f64 / elapsed.as_secs_f64() / budget.per_second()
    );
}

/// A loopback server that answers every request `200` with a small body, holding nothing.
async fn stateless_server() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            tokio::spawn(async move {
                let service = service_fn(
                    |request: hyper::Request<hyper::body::Incoming>| async move {
                        let _ = request.into_body().collect().await;
                        Ok::<_, Infallible>(
                        hyper::Response::builder()
                            .header("content-type", "application/json")
                            .body(Full::new(Bytes::from_static(
                                br##"{"@odata.type":"#microsoft.graph.deviceManagementScriptState","id":"s","runState":"success"}"##,
                            )))
                            .expect("a valid response"),
                    )
                    },
                );
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    base
}

/// Peak heap above the level when `make` is called, over building the inputs and running them.
async fn peak_of<I>(client: &GraphClient, make: impl FnOnce() -> I) -> (usize, usize, Duration)
where
    I: IntoIterator<Item = PatchRequest<DeviceManagementScriptState>>,
{
    let base = IN_USE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let started = Instant::now();
    let inputs = make();
    let mut run = client
        .bulk(inputs)
        .budget(Budget::new(1_000_000, Duration::from_secs(1)))
        .concurrency(32);
    let mut ok = 0;
    while let Some((_, result)) = run.next().await {
        ok += usize::from(result.is_ok());
    }
    (PEAK.load(Ordering::Relaxed) - base, ok, started.elapsed())
}

/// The body a hand-written client sends for `update(i)`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct HandPatch {
    run_state: &'static str,
    result_message: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
struct HandState {
    id: String,
    run_state: Option<String>,
}

/// `update(i)` sent the way a careful hand-written client would.
async fn hand_patch(http: reqwest::Client, base: &str, i: usize) -> bool {
    let url = format!(
        "{base}/beta/deviceManagement/deviceManagementScripts/bulk-script/runStates/{}",
        state_id(i)
    );
    let body = serde_json::to_vec(&HandPatch {
        run_state: "success",
        result_message: format!("run {i} finished"),
    })
    .expect("serializes");
    let Ok(response) = http
        .patch(url)
        .bearer_auth("bench")
        .header("accept", "application/json")
        .header("content-type", "application/json")
        .header("client-request-id", uuid::Uuid::new_v4().to_string())
        // graphpatch names itself, as Graph asks of every client (and `patch_overhead`'s
        // hand-built client does).
        .header("user-agent", "hand-built/0.1")
        .timeout(Duration::from_secs(100))
        .body(body)
        .send()
        .await
    else {
        return false;
    };
    let ok = response.status().is_success();
    let Ok(bytes) = response.bytes().await else {
        return false;
    };
    ok && serde_json::from_slice::<HandState>(&bytes).is_ok()
}

/// One way of sending `items` requests, measured: successes, requests/s, peak heap above start,
/// and the process's CPU time over the run (client and server alike), where the platform
/// tells it.
struct Measured {
    ok: usize,
    per_second: f64,
    peak: usize,
    cpu: Option<Duration>,
}

async fn measured<F: std::future::Future<Output = usize>>(items: usize, run: F) -> Measured {
    let base = IN_USE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let cpu = process_cpu_time();
    let started = Instant::now();
    let ok = run.await;
    Measured {
        ok,
        per_second: items as f64 / started.elapsed().as_secs_f64(),
        peak: PEAK.load(Ordering::Relaxed).saturating_sub(base),
        cpu: cpu
            .zip(process_cpu_time())
            .map(|(from, to)| to.saturating_sub(from)),
    }
}

/// The CPU time this process has used, all threads together: on a machine that other work
/// shares, the cost of a run that its rate alone does not show.
#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
fn process_cpu_time() -> Option<Duration> {
    #[repr(C)]
    struct Timespec {
        tv_sec: i64,
        tv_nsec: i64,
    }
    extern "C" {
        fn clock_gettime(clock: i32, now: *mut Timespec) -> i32;
    }
    const CLOCK_PROCESS_CPUTIME_ID: i32 = 2;
    let mut now = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid, writable `struct timespec` (two 64-bit fields on 64-bit Linux).
    if unsafe { clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &mut now) } != 0 {
        return None;
    }
    Some(Duration::new(now.tv_sec as u64, now.tv_nsec as u32))
}

#[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
fn process_cpu_time() -> Option<Duration> {
    None
}

/// `items` hand-written calls, `in_flight` at a time, in a `JoinSet`.
async fn join_set(http: &reqwest::Client, base: &str, items: usize, in_flight: usize) -> usize {
    join_set_of(http, base, 0..items, in_flight).await
}

/// The hand-written calls for `items`, `in_flight` at a time, in a `JoinSet`.
async fn join_set_of(
    http: &reqwest::Client,
    base: &str,
    items: std::ops::Range<usize>,
    in_flight: usize,
) -> usize {
    let base: std::sync::Arc<str> = base.into();
    let mut running = JoinSet::new();
    let (mut next, mut ok) = (items.start, 0);
    loop {
        while next < items.end && running.len() < in_flight {
            let (http, base) = (http.clone(), std::sync::Arc::clone(&base));
            running.spawn(async move { hand_patch(http, &base, next).await });
            next += 1;
        }
        match running.join_next().await {
            Some(result) => ok += usize::from(result.expect("no panic")),
            None => return ok,
        }
    }
}

/// How a bulk run is paced in the ceiling runs.
#[derive(Clone, Copy)]
enum Pace {
    Adaptive,
    FarAboveTheLoad,
}

async fn bulk_run(
    client: &GraphClient,
    items: std::ops::Range<usize>,
    in_flight: usize,
    pace: Pace,
) -> usize {
    let run = client.bulk(items.map(update)).concurrency(in_flight);
    let mut run = match pace {
        Pace::Adaptive => run.adaptive(),
        Pace::FarAboveTheLoad => run.budget(Budget::new(1_000_000, Duration::from_secs(1))),
    };
    let mut ok = 0;
    while let Some((_, result)) = run.next().await {
        ok += usize::from(result.is_ok());
    }
    ok
}

/// `runs` bulk runs of `in_flight` each on one client at once, `items` in all.
async fn many_runs(client: &GraphClient, items: usize, runs: usize, in_flight: usize) -> usize {
    let mut all = JoinSet::new();
    for r in 0..runs {
        let client = client.clone();
        let share = items * r / runs..items * (r + 1) / runs;
        all.spawn(async move { bulk_run(&client, share, in_flight, Pace::FarAboveTheLoad).await });
    }
    let mut ok = 0;
    while let Some(result) = all.join_next().await {
        ok += result.expect("no panic");
    }
    ok
}

/// `runs` hand-written `JoinSet`s of `in_flight` each at once, each in a task of its own,
/// `items` in all: [`many_runs`] by hand.
async fn many_join_sets(
    http: &reqwest::Client,
    base: &str,
    items: usize,
    runs: usize,
    in_flight: usize,
) -> usize {
    let mut all = JoinSet::new();
    for r in 0..runs {
        let (http, base) = (http.clone(), base.to_owned());
        let share = items * r / runs..items * (r + 1) / runs;
        all.spawn(async move { join_set_of(&http, &base, share, in_flight).await });
    }
    let mut ok = 0;
    while let Some(result) = all.join_next().await {
        ok += result.expect("no panic");
    }
    ok
}

/// One way of sending a ceiling level's requests.
#[derive(Clone, Copy)]
enum Way {
    JoinSet,
    Bulk(Pace),
    /// 64 paced runs of 4 in flight each.
    PacedRuns,
    /// 64 hand-written `JoinSet`s of 4 in flight each.
    JoinSetRuns,
}

impl Way {
    fn name(self) -> &'static str {
        match self {
            Way::JoinSet => "JoinSet",
            Way::JoinSetRuns => "JoinSet runs",
            Way::Bulk(Pace::Adaptive) => "bulk adaptive",
            Way::Bulk(Pace::FarAboveTheLoad) => "bulk budget 1M/s",
            Way::PacedRuns => "bulk paced runs",
        }
    }

    /// The ways that run alone (`GRAPHPATCH_BULK_ONLY`), by name there.
    const ALONE: [(&'static str, Way); 3] = [
        ("joinset", Way::JoinSet),
        ("bulk-adaptive", Way::Bulk(Pace::Adaptive)),
        ("bulk-budget", Way::Bulk(Pace::FarAboveTheLoad)),
    ];
}

/// The median of `values` (the mean of the middle two for an even count).
fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

/// Which of `n` ways goes `k`-th in `round`: rotated by one each round, and reversed every
/// other `n` rounds, so that over `2 n` rounds (every order, for three ways) each way goes in
/// each place and after each other way equally often.
fn order(n: usize, round: usize, k: usize) -> usize {
    let k = if (round / n) % 2 == 1 { n - 1 - k } else { k };
    (round + k) % n
}

/// The hand-written calls' reqwest client, and graphpatch's client on the same one.
fn ceiling_clients(base: &str) -> (reqwest::Client, GraphClient) {
    let http = reqwest::Client::new();
    let client = GraphClient::builder()
        .base_url(base)
        .token("bench")
        .retry(RetryPolicy::none())
        .http_client(http.clone())
        .build()
        .expect("client");
    (http, client)
}

/// Section 3: the bulk runner against a hand-written `JoinSet` at the same concurrency.
///
/// Each round measures every way once, in an order that changes from round to round (see
/// [`order`]) so that none always goes first, last or after the same other; each figure is
/// divided by the level's first way (hand-written) in its own round, and the medians of the
/// rates and of those ratios are printed, with the ratios' range.
async fn ceiling(base: &str, items: usize, rounds: usize) {
    let (http, client) = ceiling_clients(base);
    // Warm the pool and the allocator.
    join_set(&http, base, 2000, 256).await;
    bulk_run(&client, 0..2000, 256, Pace::Adaptive).await;
    let mib = |bytes: usize| bytes as f64 / (1024.0 * 1024.0);
    let single = [
        Way::JoinSet,
        Way::Bulk(Pace::Adaptive),
        Way::Bulk(Pace::FarAboveTheLoad),
    ];
    let levels: [(&str, usize, &[Way]); 5] = [
        ("1 in flight", 1, &single),
        ("8 in flight", 8, &single),
        ("64 in flight", 64, &single),
        ("256 in flight", 256, &single),
        (
            "64 runs x 4 in flight",
            256,
            &[Way::JoinSetRuns, Way::JoinSet, Way::PacedRuns],
        ),
    ];
    for (label, in_flight, ways) in levels {
        // Per way: each round's measurement, in round order.
        let mut measured_by: Vec<Vec<Measured>> = ways.iter().map(|_| Vec::new()).collect();
        for round in 0..rounds {
            for k in 0..ways.len() {
                let w = order(ways.len(), round, k);
                let m = match ways[w] {
                    Way::JoinSet => measured(items, join_set(&http, base, items, in_flight)).await,
                    Way::Bulk(pace) => {
                        measured(items, bulk_run(&client, 0..items, in_flight, pace)).await
                    }
                    Way::PacedRuns => measured(items, many_runs(&client, items, 64, 4)).await,
                    Way::JoinSetRuns => {
                        measured(items, many_join_sets(&http, base, items, 64, 4)).await
                    }
                };
                assert_eq!(m.ok, items, "{} requests failed", ways[w].name());
                measured_by[w].push(m);
            }
        }
        let rates = |m: &[Measured]| m.iter().map(|m| m.per_second).collect::<Vec<_>>();
        let peak = |m: &[Measured]| m.iter().map(|m| m.peak).max().unwrap_or(0);
        let hand = &measured_by[0];
        let mut line = format!(
            "ceiling, {label}: {} {:.0} req/s (peak {:.1} MiB)",
            ways[0].name(),
            median(rates(hand)),
            mib(peak(hand))
        );
        for (way, ours) in ways.iter().zip(&measured_by).skip(1) {
            let ratios: Vec<f64> = ours
                .iter()
                .zip(hand)
                .map(|(o, h)| o.per_second / h.per_second)
                .collect();
            let (low, high) = ratios
                .iter()
                .fold((f64::MAX, f64::MIN), |(l, h), r| (l.min(*r), h.max(*r)));
            // CPU time per request against the `JoinSet`'s in the same round.
            let cpu: Option<Vec<f64>> = ours
                .iter()
                .zip(hand)
                .map(|(o, h)| Some(o.cpu?.as_secs_f64() / h.cpu?.as_secs_f64()))
                .collect();
            let cpu = cpu.map_or(String::new(), |c| format!(", CPU {:.3}x", median(c)));
            line.push_str(&format!(
                "; {} {:.0} req/s, ratio {:.3} ({low:.2}-{high:.2}){cpu} (peak {:.1} MiB)",
                way.name(),
                median(rates(ours)),
                median(ratios),
                mib(peak(ours))
            ));
        }
        println!("{line}");
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

fn main() {
    if let Ok(way) = std::env::var("GRAPHPATCH_BULK_ONLY") {
        alone(&way);
    } else if let Ok(spec) = std::env::var("GRAPHPATCH_BULK_CALLGRIND") {
        instructions(&spec);
    } else {
        runtime().block_on(figures());
    }
}

/// One way of section 3 alone, for a count under callgrind.
fn alone(name: &str) {
    let Some(&(_, way)) = Way::ALONE.iter().find(|(n, _)| *n == name) else {
        let names: Vec<_> = Way::ALONE.iter().map(|(n, _)| *n).collect();
        panic!("GRAPHPATCH_BULK_ONLY is one of {names:?}, not {name:?}");
    };
    let requests = env_usize("GRAPHPATCH_BULK_REQUESTS", 1000);
    let in_flight = env_usize("GRAPHPATCH_BULK_IN_FLIGHT", 64);
    runtime().block_on(async {
        let base = match std::env::var("GRAPHPATCH_BULK_BASE") {
            Ok(base) => base,
            Err(_) => stateless_server().await,
        };
        let (http, client) = ceiling_clients(&base);
        let ok = match way {
            Way::JoinSet => join_set(&http, &base, requests, in_flight).await,
            Way::Bulk(pace) => bulk_run(&client, 0..requests, in_flight, pace).await,
            Way::PacedRuns | Way::JoinSetRuns => unreachable!("not among `Way::ALONE`"),
        };
        assert_eq!(ok, requests, "{} requests failed", way.name());
    });
}

/// Per-request instructions of each way of section 3 at each level, from runs of K1 and K2
/// requests under callgrind against a server in this process (outside the counted one).
fn instructions(spec: &str) {
    let (k1, k2) = callgrind::request_counts(spec, (1000, 3000), "GRAPHPATCH_BULK_CALLGRIND");
    let profiles = callgrind::Profiles::from_env("GRAPHPATCH_BULK_CALLGRIND_OUT");
    // The server runs on this runtime's workers while the counted runs go.
    let server = runtime();
    let base = server.block_on(stateless_server());
    println!(
        "ceiling, instructions per request under callgrind (client process only), \
         {k1} and {k2} requests:"
    );
    for in_flight in [1, 8, 64, 256] {
        let per_request: Vec<f64> = Way::ALONE
            .iter()
            .map(|(name, _)| {
                let [short, long] = [k1, k2].map(|requests| {
                    let out =
                        profiles.path(&format!("callgrind.{name}.{in_flight}.{requests}.out"));
                    callgrind::count_this_binary(
                        &[
                            ("GRAPHPATCH_BULK_ONLY", (*name).to_owned()),
                            ("GRAPHPATCH_BULK_REQUESTS", requests.to_string()),
                            ("GRAPHPATCH_BULK_IN_FLIGHT", in_flight.to_string()),
                            ("GRAPHPATCH_BULK_BASE", base.clone()),
                        ],
                        &["GRAPHPATCH_BULK_CALLGRIND"],
                        &out,
                    )
                });
                (long as f64 - short as f64) / (k2 - k1) as f64
            })
            .collect();
        let mut line = format!(
            "ceiling, {in_flight} in flight: {} {:.0}",
            Way::ALONE[0].1.name(),
            per_request[0]
        );
        for ((_, way), ours) in Way::ALONE.iter().zip(&per_request).skip(1) {
            line.push_str(&format!(
                "; {} {ours:.0}, ratio {:.3}",
                way.name(),
                ours / per_request[0]
            ));
        }
        println!("{line}");
    }
}

/// Sections 1 to 3.
async fn figures() {
    let items = env_usize("GRAPHPATCH_BULK_ITEMS", 2000);
    let queued = env_usize("GRAPHPATCH_BULK_QUEUED", 100_000);
    budget_run(items, false).await;
    budget_run(items, true).await;

    let server = stateless_server().await;
    let client = GraphClient::builder()
        .base_url(server)
        .token("bench")
        .retry(RetryPolicy::none())
        .build()
        .expect("client");
    let (vec_peak, vec_ok, vec_time) =
        peak_of(&client, || (0..queued).map(update).collect::<Vec<_>>()).await;
    let (lazy_peak, lazy_ok, lazy_time) = peak_of(&client, || (0..queued).map(update)).await;
    let mib = |bytes: usize| bytes as f64 / (1024.0 * 1024.0);
    println!(
        "memory: {queued} inputs queued in a Vec: peak {:.1} MiB above start ({vec_ok} ok, {:.1}s); \
         lazy iterator: peak {:.1} MiB ({lazy_ok} ok, {:.1}s)",
        mib(vec_peak),
        vec_time.as_secs_f64(),
        mib(lazy_peak),
        lazy_time.as_secs_f64()
    );

    let ceiling_items = env_usize("GRAPHPATCH_BULK_CEILING", 20_000);
    let rounds = env_usize("GRAPHPATCH_BULK_ROUNDS", 6);
    let base = stateless_server().await;
    ceiling(&base, ceiling_items, rounds).await;
}
