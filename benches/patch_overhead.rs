//! Per-request cost of a PATCH sent through graphpatch against the same PATCH hand-built with
//! reqwest + serde, both against one loopback server in the same run.
//!
//! ```text
//! cargo bench --bench patch_overhead
//! GRAPHPATCH_BENCH_ROUNDS=400 GRAPHPATCH_BENCH_BATCH=100 cargo bench --bench patch_overhead
//! ```
//!
//! Each round runs a batch of each, back to back, alternating which goes first; the figure that
//! matters is the median of the per-round ratios, since absolute times depend on the machine
//! and its load.

use std::convert::Infallible;
use std::time::{Duration, Instant};

use bytes::Bytes;
use graphpatch::prelude::*;
use graphpatch_test_support::intune::{DeviceManagementScriptState, RunState};
use http_body_util::{BodyExt, Full};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use serde::{Deserialize, Serialize};

/// The docs' example response, answered to every request.
const RESPONSE: &str = r##"{"@odata.type":"#microsoft.graph.deviceManagementScriptState","id":"fbfa3cb8-3cb8-fbfa-b83c-fafbb83cfafb","runState":"success","resultMessage":"Result Message value","lastStateUpdateDateTime":"2017-01-01T00:02:58.4418045-08:00"}"##;
const TOKEN: &str = "bench-token";
const SCRIPT: &str = "0b5a2f5e-7c1d-4e8a-9f3b-2d6c8e4a1b7f";
const STATE: &str = "fbfa3cb8-3cb8-fbfa-b83c-fafbb83cfafb";

/// What a careful hand-written client sends: the three properties, in the docs' order.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct HandPatch<'a> {
    run_state: &'a str,
    result_message: &'a str,
    last_state_update_date_time: &'a str,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
struct HandState {
    id: String,
    run_state: Option<String>,
    result_message: Option<String>,
    last_state_update_date_time: Option<chrono::DateTime<chrono::FixedOffset>>,
}

async fn serve(listener: tokio::net::TcpListener) {
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
                            .body(Full::new(Bytes::from_static(RESPONSE.as_bytes())))
                            .expect("a valid response"),
                    )
                },
            );
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// The docs' example PATCH, built the way a graphpatch user builds it.
fn docs_request(timestamp: DateTimeOffset) -> PatchRequest<DeviceManagementScriptState> {
    graph_patch!(DeviceManagementScriptState {
        device_management_script_id: SCRIPT,
        device_management_script_state_id: STATE,
    } set {
        run_state: RunState::Success,
        result_message: "Result Message value",
        last_state_update_date_time: timestamp,
    })
}

async fn graphpatch_once(client: &GraphClient, timestamp: DateTimeOffset) {
    let updated = client
        .send(docs_request(timestamp))
        .await
        .expect("graphpatch request");
    assert!(updated.is_some());
}

async fn hand_built_once(http: &reqwest::Client, base: &str) {
    let url =
        format!("{base}/beta/deviceManagement/deviceManagementScripts/{SCRIPT}/runStates/{STATE}");
    let body = serde_json::to_vec(&HandPatch {
        run_state: "success",
        result_message: "Result Message value",
        last_state_update_date_time: "2017-01-01T00:02:58.4418045-08:00",
    })
    .expect("serializes");
    let response = http
        .patch(url)
        .bearer_auth(TOKEN)
        .header("accept", "application/json")
        .header("content-type", "application/json")
        .header("client-request-id", uuid::Uuid::new_v4().to_string())
        .header("user-agent", "hand-built/0.1")
        // A production client bounds each request, as graphpatch does by default.
        .timeout(Duration::from_secs(100))
        .body(body)
        .send()
        .await
        .expect("hand-built request");
    assert!(response.status().is_success());
    let bytes = response.bytes().await.expect("body");
    let _: HandState = serde_json::from_slice(&bytes).expect("decodes");
}

fn median(values: &mut [Duration]) -> Duration {
    values.sort();
    values[values.len() / 2]
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let rounds = env_usize("GRAPHPATCH_BENCH_ROUNDS", 200);
    let batch = env_usize("GRAPHPATCH_BENCH_BATCH", 50);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        tokio::spawn(serve(listener));

        let http = reqwest::Client::new();
        let client = GraphClient::builder()
            .base_url(&base)
            .token(TOKEN)
            .http_client(http.clone())
            .build()
            .expect("client");
        let timestamp: DateTimeOffset = "2017-01-01T00:02:58.4418045-08:00"
            .parse()
            .expect("timestamp");

        for _ in 0..batch {
            graphpatch_once(&client, timestamp).await;
            hand_built_once(&http, &base).await;
        }
        // Paired rounds, alternating which side goes first: each round's ratio compares two
        // batches run back to back, so load that drifts over the run cancels out.
        let (mut ours, mut theirs, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
        for round in 0..rounds {
            let run_ours = || async {
                let started = Instant::now();
                for _ in 0..batch {
                    graphpatch_once(&client, timestamp).await;
                }
                started.elapsed() / batch as u32
            };
            let run_theirs = || async {
                let started = Instant::now();
                for _ in 0..batch {
                    hand_built_once(&http, &base).await;
                }
                started.elapsed() / batch as u32
            };
            let (a, b) = if round % 2 == 0 {
                let a = run_ours().await;
                (a, run_theirs().await)
            } else {
                let b = run_theirs().await;
                (run_ours().await, b)
            };
            ours.push(a);
            theirs.push(b);
            ratios.push(a.as_secs_f64() / b.as_secs_f64());
        }
        ratios.sort_by(f64::total_cmp);
        let quartile = |q: usize| ratios[(ratios.len() - 1) * q / 4];
        let (ours, theirs) = (median(&mut ours), median(&mut theirs));
        println!("PATCH over loopback, {rounds} paired rounds x {batch} requests each:");
        println!(
            "  hand-built reqwest + serde : {:>9.1} µs per request (median)",
            theirs.as_secs_f64() * 1e6
        );
        println!(
            "  graphpatch                 : {:>9.1} µs per request (median)",
            ours.as_secs_f64() * 1e6
        );
        println!(
            "  ratio graphpatch / hand-built, per round: median {:.3} (quartiles {:.3} – {:.3})",
            quartile(2),
            quartile(1),
            quartile(3)
        );
    });

    // The body alone: the change set straight to bytes, against serde on a hand-written struct.
    let iterations = env_usize("GRAPHPATCH_BENCH_BODY_ITERATIONS", 200_000);
    let timestamp: DateTimeOffset = "2017-01-01T00:02:58.4418045-08:00"
        .parse()
        .expect("timestamp");
    let request = docs_request(timestamp);
    let hand = HandPatch {
        run_state: "success",
        result_message: "Result Message value",
        last_state_update_date_time: "2017-01-01T00:02:58.4418045-08:00",
    };
    let time = |f: &dyn Fn() -> usize| {
        let started = Instant::now();
        let mut total = 0;
        for _ in 0..iterations {
            total += std::hint::black_box(f());
        }
        assert!(total > 0);
        started.elapsed() / iterations as u32
    };
    let body_theirs = time(&|| {
        serde_json::to_vec(std::hint::black_box(&hand))
            .expect("serializes")
            .len()
    });
    let body_ours = time(&|| {
        std::hint::black_box(&request)
            .body()
            .expect("serializes")
            .len()
    });
    println!("Body serialization, {iterations} iterations:");
    println!(
        "  serde on a hand-written struct : {:>7} ns",
        body_theirs.as_nanos()
    );
    println!(
        "  graphpatch change set          : {:>7} ns",
        body_ours.as_nanos()
    );
    println!(
        "  ratio graphpatch / hand-built  : {:.3}",
        body_ours.as_secs_f64() / body_theirs.as_secs_f64()
    );

    let decode_theirs = time(&|| {
        let state: HandState =
            serde_json::from_str(std::hint::black_box(RESPONSE)).expect("decodes");
        state.id.len()
    });
    let decode_ours = time(&|| {
        let state: DeviceManagementScriptState =
            serde_json::from_str(std::hint::black_box(RESPONSE)).expect("decodes");
        state.id.len()
    });
    println!("Response decoding, {iterations} iterations:");
    println!(
        "  serde derive on a hand-written struct : {:>7} ns",
        decode_theirs.as_nanos()
    );
    println!(
        "  graphpatch entity                     : {:>7} ns",
        decode_ours.as_nanos()
    );
    println!(
        "  ratio graphpatch / hand-built         : {:.3}",
        decode_ours.as_secs_f64() / decode_theirs.as_secs_f64()
    );
}
