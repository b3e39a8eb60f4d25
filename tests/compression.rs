//! Compressed list pages: with the `gzip` feature the client asks for gzip and decodes it, the
//! simulator compresses list pages as Graph does, and a page costs a fraction of its bytes.

use graphpatch::path::CollectionPath;
use graphpatch::prelude::*;
use graphpatch_simulator::Simulator;
use graphpatch_test_support::intune::{DeviceManagementScriptDeviceState as State, RunState};

const TOKEN: &str = "compression-test-token";

fn collection() -> CollectionPath {
    CollectionPath::find(State::PATHS, &[("device_management_script_id", "script-1")]).unwrap()
}

async fn simulator(n: usize) -> Simulator {
    let simulator = Simulator::with_seed(graphpatch_simulator::seed_from_env("GRAPHPATCH_SEED"))
        .entity::<State>()
        .token(TOKEN)
        .start()
        .await
        .unwrap();
    for i in 0..n {
        let state = State {
            id: format!("state-{i:04}"),
            run_state: RunState::Success,
            result_message: Some(format!("run {i} finished without an error")),
            last_state_update_date_time: "2024-05-01T08:00:00Z".parse().unwrap(),
            error_code: 0,
            error_description: None,
        };
        simulator.insert_at(&collection().item(state.id.clone()), &state);
    }
    simulator.page_size(100);
    simulator
}

#[tokio::test]
async fn list_pages_are_asked_for_compressed_and_decoded() {
    let simulator = simulator(250).await;
    let client = GraphClient::builder()
        .base_url(simulator.base_url())
        .token(TOKEN)
        .build()
        .unwrap();
    let mut pages = client.list::<State>(collection()).pages();
    let mut seen = 0;
    while let Some(page) = pages.next().await {
        seen += page.unwrap().items.len();
    }
    assert_eq!(seen, 250);
    let gets: Vec<_> = simulator
        .requests()
        .into_iter()
        .filter(|r| r.method == "GET")
        .collect();
    assert_eq!(gets.len(), 3);
    for get in &gets {
        let accepted = get.header("accept-encoding").unwrap_or_default();
        assert!(accepted.contains("gzip"), "{accepted:?}");
    }
}

#[tokio::test]
async fn a_compressed_page_costs_a_fraction_of_its_bytes() {
    let simulator = simulator(100).await;
    let url = format!(
        "{}/beta{}",
        simulator.base_url(),
        collection().render().unwrap()
    );
    // A client that leaves the bytes as they come, to count them.
    let raw = reqwest::Client::builder().gzip(false).build().unwrap();
    let fetch = |encoding: Option<&'static str>| {
        let mut request = raw.get(&url).bearer_auth(TOKEN);
        if let Some(encoding) = encoding {
            request = request.header("accept-encoding", encoding);
        }
        async move {
            let response = request.send().await.unwrap();
            assert!(response.status().is_success(), "{}", response.status());
            let encoded = response
                .headers()
                .get("content-encoding")
                .map(|v| v.to_str().unwrap().to_owned());
            (encoded, response.bytes().await.unwrap().len())
        }
    };
    let (plain_encoding, plain) = fetch(None).await;
    let (gzip_encoding, gzipped) = fetch(Some("gzip")).await;
    assert_eq!(plain_encoding, None);
    assert_eq!(gzip_encoding.as_deref(), Some("gzip"));
    println!(
        "a 100-item page: {plain} bytes as JSON, {gzipped} gzipped ({:.1}x)",
        plain as f64 / gzipped as f64
    );
    assert!(gzipped * 5 < plain, "{gzipped} gzipped of {plain}");
}
