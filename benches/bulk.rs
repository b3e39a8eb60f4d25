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
//!    20 ms latency. Prints utilization (achieved write rate over the budget), 429s and lost
//!    updates (no result, or a success the store does not hold).
//! 2. Memory: `GRAPHPATCH_BULK_QUEUED` (default 100,000) requests built up front in a `Vec`,
//!    then sent through one bulk run to a stateless loopback server, unpaced. Prints the peak
//!    heap above the starting point, counted by this binary's allocator, and the same for a
//!    lazy iterator of as many inputs.

use std::alloc::{GlobalAlloc, Layout, System};
use std::convert::Infallible;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use bytes::Bytes;
use graphpatch::prelude::*;
use graphpatch::retry::RetryPolicy;
use graphpatch::throttle::Budget;
use graphpatch_simulator::{Simulator, ThrottleBudget};
use graphpatch_test_support::intune::{
    DeviceManagementScriptState, DeviceManagementScriptStatePath, RunState,
};
use http_body_util::{BodyExt, Full};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;

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

async fn budget_run(items: usize) {
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
    let mut run = client
        .bulk((0..items).map(update))
        .budget(budget)
        .concurrency(16);
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
        "budget: items={items} updated={updated} lost={lost} throttled={throttled} ({:.2} %) \
         elapsed={:.1}s utilization={:.3}",
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

#[tokio::main]
async fn main() {
    let items = env_usize("GRAPHPATCH_BULK_ITEMS", 2000);
    let queued = env_usize("GRAPHPATCH_BULK_QUEUED", 100_000);
    budget_run(items).await;

    let base = stateless_server().await;
    let client = GraphClient::builder()
        .base_url(base)
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
}
