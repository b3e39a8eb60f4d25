//! Per-request cost of a PATCH sent through graphpatch against the same PATCH hand-built with
//! reqwest + serde, both against one loopback server in the same run: wall-clock time, and
//! instructions under callgrind.
//!
//! ```text
//! cargo bench --bench patch_overhead
//! GRAPHPATCH_BENCH_ROUNDS=400 GRAPHPATCH_BENCH_BATCH=100 cargo bench --bench patch_overhead
//! GRAPHPATCH_BENCH_CALLGRIND=1 cargo bench --bench patch_overhead
//! ```
//!
//! Wall clock (the default): each round runs a batch of each, back to back, alternating which
//! goes first; the figure that matters is the median of the per-round ratios, since absolute
//! times depend on the machine and its load. Then the body's serialization and the response's
//! decoding alone.
//!
//! Instructions (`GRAPHPATCH_BENCH_CALLGRIND=K1,K2`, or `1` for `200,1000`): the bench serves
//! from its own process and runs itself under `valgrind --tool=callgrind` once per client and
//! request count, so the counts are the client's alone; per request is the difference between
//! the runs of K2 and of K1 requests over K2 − K1, so start-up, the first connection and the
//! exit cancel out. It prints each run's count, the per-request figure of each client and their
//! ratio; `GRAPHPATCH_BENCH_CALLGRIND_ROUNDS` (default 2) repeats every run, alternating which
//! client goes first. `GRAPHPATCH_BENCH_CALLGRIND_OUT=DIR` keeps each profile as
//! `DIR/callgrind.<client>.<requests>.<round>.out` for `callgrind_annotate` (subtract the K1
//! profile from the K2 one to see what one request does).
//!
//! The same by hand, with the binary `cargo bench --bench patch_overhead --no-run` names:
//!
//! ```text
//! GRAPHPATCH_BENCH_ONLY=graphpatch GRAPHPATCH_BENCH_REQUESTS=200 valgrind --tool=callgrind <binary>
//! GRAPHPATCH_BENCH_ONLY=graphpatch GRAPHPATCH_BENCH_REQUESTS=1000 valgrind --tool=callgrind <binary>
//! GRAPHPATCH_BENCH_ONLY=hand GRAPHPATCH_BENCH_REQUESTS=200 valgrind --tool=callgrind <binary>
//! GRAPHPATCH_BENCH_ONLY=hand GRAPHPATCH_BENCH_REQUESTS=1000 valgrind --tool=callgrind <binary>
//! ```
//!
//! Each client's figure is (`Collected` of 1000 − `Collected` of 200) / 800, and the ratio is
//! graphpatch's over the hand-built one's. `GRAPHPATCH_BENCH_ONLY=graphpatch|hand` sends
//! `GRAPHPATCH_BENCH_REQUESTS` (default 200) requests with that client alone and exits; both
//! clients are built either way, so the two processes differ only in the requests. It serves
//! from its own process unless `GRAPHPATCH_BENCH_BASE` names a server
//! (`http://127.0.0.1:PORT`), as the callgrind mode does; by hand, with the server inside, the
//! counts include the server's share, the same for both.

use std::convert::Infallible;
use std::time::{Duration, Instant};

use bytes::Bytes;
use graphpatch::prelude::*;
use graphpatch_test_support::callgrind;
use graphpatch_test_support::intune::{DeviceManagementScriptState, RunState};
use http_body_util::{BodyExt, Full};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use serde::{Deserialize, Serialize};

/// The docs' example response, answered to every request.
const RESPONSE: &str = r##"{"@odata.type":"#microsoft.graph.deviceManagementScriptState","id":"fbfa3cb8-3cb8-fbfa-b83c-fafbb83cfafb","runState":"success","resultMessage":"Result Message value","lastStateUpdateDateTime":"2017-01-01T00:02:58.4418045-08:00"}"##;
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
        .bearer_auth(token())
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

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

/// A loopback server in this process, and its base URL.
async fn serve_here() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(serve(listener));
    base
}

/// The access token both clients send: a delegated work token carrying the seed entity's
/// scope among others and the claims Graph's tokens carry, about the size of a real one, so
/// graphpatch's permission preflight reads it as it would Graph's.
fn token() -> &'static str {
    static TOKEN: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TOKEN.get_or_init(|| {
        graphpatch_test_support::unsigned_jwt(&serde_json::json!({
            "aud": "https://graph.microsoft.com",
            "iss": "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/",
            "iat": 1_764_921_600,
            "nbf": 1_764_921_600,
            "exp": 1_764_925_500,
            "acr": "1",
            "amr": ["pwd", "mfa"],
            "app_displayname": "graphpatch bench",
            "appid": "0b5a2f5e-7c1d-4e8a-9f3b-2d6c8e4a1b7f",
            "appidacr": "0",
            "idtyp": "user",
            "ipaddr": "127.0.0.1",
            "name": "Bench User",
            "oid": "fbfa3cb8-3cb8-fbfa-b83c-fafbb83cfafb",
            "platf": "3",
            "scp": "DeviceManagementConfiguration.ReadWrite.All \
                    DeviceManagementManagedDevices.ReadWrite.All \
                    DeviceManagementApps.ReadWrite.All User.Read openid profile email",
            "sub": "bench-subject-0123456789abcdefghijklmnopqrstuvwxyz",
            "tid": "72f988bf-86f1-41af-91ab-2d7cd011db47",
            "unique_name": "bench@example.com",
            "upn": "bench@example.com",
            "uti": "bench-uti-0123456789",
            "ver": "1.0",
            "wids": ["b79fbf4d-3ef9-4689-8143-76b194e85509"],
        }))
    })
}

/// Both clients on one reqwest client, built the same way whichever of them a run uses.
fn clients(base: &str) -> (reqwest::Client, GraphClient) {
    let http = reqwest::Client::new();
    let client = GraphClient::builder()
        .base_url(base)
        .token(token())
        .http_client(http.clone())
        .build()
        .expect("client");
    (http, client)
}

fn timestamp() -> DateTimeOffset {
    "2017-01-01T00:02:58.4418045-08:00"
        .parse()
        .expect("timestamp")
}

/// The two clients, by the names `GRAPHPATCH_BENCH_ONLY` takes.
const CLIENTS: [&str; 2] = ["graphpatch", "hand"];

fn main() {
    if let Ok(which) = std::env::var("GRAPHPATCH_BENCH_ONLY") {
        only(&which);
    } else if let Ok(spec) = std::env::var("GRAPHPATCH_BENCH_CALLGRIND") {
        instructions(&spec);
    } else {
        wall_clock();
        parts();
    }
}

/// `GRAPHPATCH_BENCH_REQUESTS` requests with one client alone, for a count under callgrind.
fn only(which: &str) {
    assert!(
        CLIENTS.contains(&which),
        "GRAPHPATCH_BENCH_ONLY is one of {CLIENTS:?}, not {which:?}"
    );
    let requests = env_usize("GRAPHPATCH_BENCH_REQUESTS", 200);
    runtime().block_on(async {
        let base = match std::env::var("GRAPHPATCH_BENCH_BASE") {
            Ok(base) => base,
            Err(_) => serve_here().await,
        };
        let (http, client) = clients(&base);
        let timestamp = timestamp();
        for _ in 0..requests {
            if which == "graphpatch" {
                graphpatch_once(&client, timestamp).await;
            } else {
                hand_built_once(&http, &base).await;
            }
        }
    });
}

/// Instructions callgrind counts in this binary sending `requests` requests with `which`
/// alone to the server at `base`; the profile goes to `out`.
fn count(which: &str, requests: usize, base: &str, out: &std::path::Path) -> u64 {
    callgrind::count_this_binary(
        &[
            ("GRAPHPATCH_BENCH_ONLY", which.to_owned()),
            ("GRAPHPATCH_BENCH_REQUESTS", requests.to_string()),
            ("GRAPHPATCH_BENCH_BASE", base.to_owned()),
        ],
        &["GRAPHPATCH_BENCH_CALLGRIND"],
        out,
    )
}

/// Per-request instructions of each client, from runs of K1 and K2 requests under callgrind
/// against a server in this process (outside the counted one).
fn instructions(spec: &str) {
    let (k1, k2) = callgrind::request_counts(spec, (200, 1000), "GRAPHPATCH_BENCH_CALLGRIND");
    let rounds = env_usize("GRAPHPATCH_BENCH_CALLGRIND_ROUNDS", 2).max(1);
    let profiles = callgrind::Profiles::from_env("GRAPHPATCH_BENCH_CALLGRIND_OUT");

    // The server gets a thread of its own, so the counted processes hold the clients alone.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.set_nonblocking(true).expect("non-blocking");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    std::thread::spawn(move || {
        runtime().block_on(async {
            serve(tokio::net::TcpListener::from_std(listener).expect("listener")).await
        })
    });

    println!(
        "PATCH over loopback, instructions under callgrind (client process only), \
         {k1} and {k2} requests, {rounds} rounds:"
    );
    // per_request[client][round]
    let mut per_request = [Vec::new(), Vec::new()];
    for round in 0..rounds {
        let order = if round % 2 == 0 { [0, 1] } else { [1, 0] };
        for client in order {
            let which = CLIENTS[client];
            let [short, long] = [k1, k2].map(|requests| {
                let out = profiles.path(&format!("callgrind.{which}.{requests}.{}.out", round + 1));
                count(which, requests, &base, &out)
            });
            let each = (long as f64 - short as f64) / (k2 - k1) as f64;
            println!(
                "  round {}, {which:<10}: {short} instructions for {k1}, {long} for {k2}: \
                 {each:.0} per request",
                round + 1
            );
            per_request[client].push(each);
        }
    }
    let mean = |values: &[f64]| values.iter().sum::<f64>() / values.len() as f64;
    let (ours, theirs) = (mean(&per_request[0]), mean(&per_request[1]));
    println!("  hand-built reqwest + serde : {theirs:>9.0} instructions per request (mean)");
    println!("  graphpatch                 : {ours:>9.0} instructions per request (mean)");
    println!("  ratio graphpatch / hand-built: {:.3}", ours / theirs);
}

/// Paired rounds of batches of each client, wall-clock time.
fn wall_clock() {
    let rounds = env_usize("GRAPHPATCH_BENCH_ROUNDS", 200);
    let batch = env_usize("GRAPHPATCH_BENCH_BATCH", 50);
    runtime().block_on(async {
        let base = serve_here().await;
        let (http, client) = clients(&base);
        let timestamp = timestamp();

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
}

/// The body alone (the change set straight to bytes, against serde on a hand-written struct),
/// and the response's decoding alone.
fn parts() {
    let iterations = env_usize("GRAPHPATCH_BENCH_BODY_ITERATIONS", 200_000);
    let request = docs_request(timestamp());
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
