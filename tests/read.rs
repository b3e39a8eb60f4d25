//! Reading and reconciling on loopback: typed GETs whose `$select` is the struct, lists across
//! pages that follow next links verbatim and only on the service root's origin, throttled and
//! cancelled lists, `graph_filter!` literals through the simulator's filter, diff properties,
//! reconcile with ETags, bulk reconcile at the budgets, and resuming by running again.

mod retry_log;

use std::collections::BTreeSet;
use std::time::Duration;

use graphpatch::client::{ReconcileStatus, Reconciled, Select};
use graphpatch::path::CollectionPath;
use graphpatch::prelude::*;
use graphpatch::throttle::Budget;
use graphpatch::{diff, Error, RequestError};
use graphpatch_simulator::{Fault, RetryAfter, Simulator, ThrottleBudget};
use graphpatch_test_support::intune::{
    DeviceManagementScriptDeviceState as State,
    DeviceManagementScriptDeviceStatePatch as StatePatch,
    DeviceManagementScriptDeviceStatePath as StatePath, RunState,
};
use proptest::prelude::*;

const TOKEN: &str = "read-test-token";
const SCRIPT: &str = "script-1";

fn id(i: usize) -> String {
    format!("state-{i:04}")
}

fn collection() -> CollectionPath {
    CollectionPath::find(State::PATHS, &[("device_management_script_id", SCRIPT)]).unwrap()
}

fn state(i: usize, run_state: RunState) -> State {
    State {
        id: id(i),
        run_state,
        result_message: Some(format!("run {i}")),
        last_state_update_date_time: "2024-05-01T08:00:00Z".parse().unwrap(),
        error_code: i as i32,
        error_description: None,
    }
}

async fn setup(n: usize, etags: bool) -> (Simulator, GraphClient) {
    let builder = Simulator::with_seed(graphpatch_simulator::seed_from_env("GRAPHPATCH_SEED"))
        .entity::<State>()
        .token(TOKEN);
    let simulator = if etags { builder.etags() } else { builder }
        .start()
        .await
        .unwrap();
    for i in 0..n {
        let run_state = if i % 10 == 0 {
            RunState::Fail
        } else {
            RunState::Success
        };
        simulator.insert_at(&collection().item(id(i)), &state(i, run_state));
    }
    let client = GraphClient::builder()
        .base_url(simulator.base_url())
        .token(TOKEN)
        .build()
        .unwrap();
    (simulator, client)
}

fn gets(simulator: &Simulator) -> Vec<graphpatch_simulator::RecordedRequest> {
    simulator
        .requests()
        .into_iter()
        .filter(|r| r.method == "GET")
        .collect()
}

fn patches(simulator: &Simulator) -> usize {
    simulator
        .requests()
        .iter()
        .filter(|r| r.method == "PATCH")
        .count()
}

#[tokio::test]
async fn a_get_selects_the_struct_and_a_missing_entity_is_not_found() {
    let (simulator, client) = setup(2, false).await;
    let path = StatePath::DeviceManagementScriptsDeviceRunStates {
        device_management_script_id: SCRIPT.into(),
        device_management_script_device_state_id: id(1),
    };
    let got = client.get(path).await.unwrap();
    assert_eq!(got, state(1, RunState::Success));
    let request = &simulator.requests()[0];
    assert_eq!(request.method, "GET");
    assert_eq!(
        request.path,
        "/beta/deviceManagement/deviceManagementScripts/script-1/deviceRunStates/state-0001"
    );
    let wires: Vec<&str> = State::PROPERTIES.iter().map(|p| p.wire).collect();
    assert_eq!(
        request.query.as_deref(),
        Some(format!("$select={}", wires.join(",")).as_str())
    );
    assert_eq!(request.header("content-type"), None, "a GET has no body");

    let missing = StatePath::DeviceManagementScriptsDeviceRunStates {
        device_management_script_id: SCRIPT.into(),
        device_management_script_device_state_id: "nope".into(),
    };
    let err = client.get(missing).await.unwrap_err();
    assert!(err.is_not_found(), "{err}");
    assert!(!err.is_precondition_failed());

    let all = client
        .read::<State>(&collection().item(id(0)), &Select::All)
        .await
        .unwrap();
    assert_eq!(all.entity.id, id(0));
    assert_eq!(simulator.requests().last().unwrap().query, None);
}

#[tokio::test]
async fn a_list_reads_every_page_once_following_next_links_verbatim() {
    let (simulator, client) = setup(250, false).await;
    simulator.page_size(100);
    let mut pages = client.list::<State>(collection()).count().pages();
    let mut links = Vec::new();
    let mut seen = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.unwrap();
        assert_eq!(page.count, Some(250));
        seen.extend(page.items.iter().map(|s| s.id.clone()));
        links.extend(page.next_link.clone());
    }
    assert_eq!(seen, (0..250).map(id).collect::<Vec<_>>());
    let requests = gets(&simulator);
    assert_eq!(requests.len(), 3, "three pages, each fetched once");
    assert_eq!(links.len(), 2);
    // The first page asks for the struct's properties; each next one is the link as given.
    let wires: Vec<&str> = State::PROPERTIES.iter().map(|p| p.wire).collect();
    assert_eq!(
        requests[0].query.as_deref(),
        Some(format!("$select={}&$count=true", wires.join(",")).as_str())
    );
    assert_eq!(requests[0].header("consistencylevel"), Some("eventual"));
    for (request, link) in requests[1..].iter().zip(&links) {
        let sent = format!(
            "{}{}?{}",
            simulator.base_url(),
            request.path,
            request.query.as_deref().unwrap()
        );
        assert_eq!(&sent, link);
    }
}

#[tokio::test]
async fn a_next_link_on_another_origin_is_refused_and_nothing_is_sent_there() {
    let (simulator, client) = setup(150, false).await;
    let elsewhere = Simulator::builder().start().await.unwrap();
    simulator.page_size(100);
    simulator.next_link_base(Some(elsewhere.base_url()));
    let mut pages = client.list::<State>(collection()).pages();
    assert_eq!(pages.next().await.unwrap().unwrap().items.len(), 100);
    let err = pages.next().await.unwrap().unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidRequest(RequestError::ForeignNextLink { .. })
        ),
        "{err}"
    );
    assert!(err.to_string().contains(&elsewhere.base_url()), "{err}");
    assert!(pages.next().await.is_none(), "the list is over");
    assert!(pages
        .next_link()
        .unwrap()
        .starts_with(&elsewhere.base_url()));
    assert!(elsewhere.requests().is_empty(), "nothing was sent there");
    assert_eq!(gets(&simulator).len(), 1);
}

#[tokio::test]
async fn a_throttled_page_is_retried_after_its_retry_after() {
    let (simulator, client) = setup(120, false).await;
    simulator.page_size(50);
    let (log, _capture) = retry_log::capture();
    // The second page is throttled once.
    let mut pages = client.list::<State>(collection()).pages();
    pages.next().await.unwrap().unwrap();
    simulator.inject(Fault::Throttle(Some(RetryAfter::Seconds(1))), 1);
    let second = pages.next().await.unwrap().unwrap();
    assert_eq!(second.items.len(), 50);
    let third = pages.next().await.unwrap().unwrap();
    assert_eq!(third.items.len(), 20);
    assert!(pages.next().await.is_none());
    let waits: Vec<Duration> = log
        .waits()
        .into_iter()
        .filter(|w| w.message == "retrying GET")
        .map(|w| w.delay)
        .collect();
    assert_eq!(waits, [Duration::from_secs(1)], "waited its Retry-After");
    let requests = gets(&simulator);
    assert_eq!(
        requests.len(),
        4,
        "the throttled page twice, the others once"
    );
    assert_eq!(requests[1].query, requests[2].query, "the same page again");
    assert!(requests[2].received_at - requests[1].received_at >= Duration::from_secs(1));
}

#[tokio::test]
async fn a_list_cancelled_half_way_and_restarted_loses_nothing() {
    let (simulator, client) = setup(230, false).await;
    simulator.page_size(40);
    simulator.latency(Duration::from_millis(30));
    let mut items = client.list::<State>(collection()).items();
    let mut seen = Vec::new();
    for _ in 0..60 {
        seen.push(items.next().await.unwrap().unwrap().id);
    }
    // A `next` cancelled while its page is on its way (the page after the buffered one).
    for _ in 0..20 {
        seen.push(items.next().await.unwrap().unwrap().id);
    }
    let cancelled = tokio::time::timeout(Duration::from_millis(5), items.next()).await;
    assert!(cancelled.is_err(), "cancelled mid-page");
    // Resumed on the same stream: nothing lost, nothing repeated.
    while let Some(item) = items.next().await {
        seen.push(item.unwrap().id);
    }
    assert_eq!(seen, (0..230).map(id).collect::<Vec<_>>());

    // Restarted from where a run stopped: a new pager from the stopped one's next link.
    let mut pages = client.list::<State>(collection()).pages();
    let first = pages.next().await.unwrap().unwrap();
    let link = pages.next_link().unwrap().to_owned();
    drop(pages);
    let mut restarted = client.list::<State>(collection()).pages_from(link);
    let mut all: Vec<String> = first.items.into_iter().map(|s| s.id).collect();
    while let Some(page) = restarted.next().await {
        all.extend(page.unwrap().items.into_iter().map(|s| s.id));
    }
    assert_eq!(all, (0..230).map(id).collect::<Vec<_>>());
}

#[tokio::test]
async fn filters_order_and_top_are_served() {
    let (simulator, client) = setup(100, false).await;
    let failed: Vec<State> = collect(
        client
            .list::<State>(collection())
            .filter(graph_filter!(State: run_state eq RunState::Fail and error_code ge 30))
            .order_by("errorCode desc")
            .top(3),
    )
    .await;
    let codes: Vec<i32> = failed.iter().map(|s| s.error_code).collect();
    assert_eq!(codes, [90, 80, 70, 60, 50, 40, 30]);
    assert_eq!(gets(&simulator).len(), 3, "pages of $top = 3");
    let query = gets(&simulator)[0].query.clone().unwrap();
    assert!(
        query.contains("&$filter=runState%20eq%20%27fail%27%20and%20errorCode%20ge%2030&"),
        "{query}"
    );
    let some = collect(
        client
            .list::<State>(collection())
            .filter(graph_filter!(State: error_code in (1, 2, 3) or not (result_message ne null))),
    )
    .await;
    assert_eq!(some.len(), 3);
}

async fn collect(list: graphpatch::client::List<State>) -> Vec<State> {
    let mut items = list.items();
    let mut out = Vec::new();
    while let Some(item) = items.next().await {
        out.push(item.unwrap());
    }
    out
}

/// Runs proptest cases with a seed printed up front (`GRAPHPATCH_SEED` replays a failure).
fn runner(cases: u32) -> proptest::test_runner::TestRunner {
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
    let seed = graphpatch_simulator::seed_from_env("GRAPHPATCH_SEED");
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    TestRunner::new_with_rng(
        Config {
            cases,
            failure_persistence: None,
            ..Config::default()
        },
        TestRng::from_seed(RngAlgorithm::ChaCha, &bytes),
    )
}

#[test]
fn filter_literals_round_trip_through_the_simulators_filter() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (simulator, client) = runtime.block_on(setup(0, false));
    let texts = proptest::collection::vec("(['\"a-zé–ß😀 ]|'')*", 1..6);
    let case = std::cell::Cell::new(0);
    runner(48)
        .run(&texts, |texts| {
            let texts: Vec<String> = texts
                .into_iter()
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            // Each case lists a script of its own, holding only its texts.
            case.set(case.get() + 1);
            let script = format!("case-{}", case.get());
            let collection =
                CollectionPath::find(State::PATHS, &[("device_management_script_id", &script)])
                    .unwrap();
            runtime.block_on(async {
                for (i, text) in texts.iter().enumerate() {
                    let mut stored = state(i, RunState::Success);
                    stored.result_message = Some(text.clone());
                    simulator.insert_at(&collection.item(id(i)), &stored);
                }
                for (i, text) in texts.iter().enumerate() {
                    let found = collect(
                        client
                            .list::<State>(collection.clone())
                            .filter(graph_filter!(State: result_message eq text.as_str())),
                    )
                    .await;
                    let ids: Vec<String> = found.into_iter().map(|s| s.id).collect();
                    prop_assert_eq!(ids, vec![id(i)], "{:?}", text);
                    let prefixed =
                        collect(client.list::<State>(collection.clone()).filter(
                            graph_filter!(State: startswith(result_message, text.as_str())),
                        ))
                        .await;
                    prop_assert!(prefixed.iter().any(|s| s.id == id(i)));
                }
                Ok(())
            })
        })
        .unwrap();
}

#[test]
fn diff_of_a_state_with_itself_is_empty_and_a_second_reconcile_sends_nothing() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (simulator, client) = runtime.block_on(setup(0, true));
    let states = prop_oneof![
        Just(RunState::Success),
        Just(RunState::Fail),
        Just(RunState::Pending),
        "[a-z]{1,8}".prop_map(|s| RunState::from_wire(&s)),
    ];
    let input = (
        states.clone(),
        states,
        proptest::option::of("[a-z'é ]{0,8}"),
        proptest::option::of("[a-z'é ]{0,8}"),
        any::<i32>(),
        any::<i32>(),
    );
    runner(48)
        .run(
            &input,
            |(held, wanted, message, wanted_message, code, wanted_code)| {
                let mut current = state(0, held);
                current.result_message = message;
                current.error_code = code;
                // diff(x, x) is empty: x's own values as a change set.
                let same = StatePatch::new()
                    .run_state(current.run_state.clone())
                    .error_code(current.error_code);
                let same = match &current.result_message {
                    Some(m) => same.result_message(m.clone()),
                    None => same.clear_result_message(),
                };
                prop_assert!(diff(&current, &same).is_empty());

                let desired = StatePatch::new().run_state(wanted).error_code(wanted_code);
                let desired = match wanted_message {
                    Some(m) => desired.result_message(m),
                    None => desired.clear_result_message(),
                };
                runtime.block_on(async {
                    let path = collection().item(id(0));
                    simulator.insert_at(&path, &current);
                    simulator.clear_requests();
                    let first = client
                        .reconcile(
                            StatePath::DeviceManagementScriptsDeviceRunStates {
                                device_management_script_id: SCRIPT.into(),
                                device_management_script_device_state_id: id(0),
                            },
                            desired.clone(),
                        )
                        .await
                        .unwrap();
                    let differs = !diff(&current, &desired).is_empty();
                    prop_assert_eq!(matches!(first, Reconciled::Updated { .. }), differs);
                    prop_assert_eq!(patches(&simulator), usize::from(differs));
                    simulator.clear_requests();
                    let second = client
                        .reconcile(
                            StatePath::DeviceManagementScriptsDeviceRunStates {
                                device_management_script_id: SCRIPT.into(),
                                device_management_script_device_state_id: id(0),
                            },
                            desired.clone(),
                        )
                        .await
                        .unwrap();
                    prop_assert!(matches!(second, Reconciled::Unchanged(_)));
                    prop_assert_eq!(patches(&simulator), 0, "the second reconcile sends nothing");
                    Ok(())
                })
            },
        )
        .unwrap();
}

#[tokio::test]
async fn a_reconcile_sends_only_what_differs_and_selects_only_what_it_needs() {
    let (simulator, client) = setup(1, true).await;
    let path = StatePath::DeviceManagementScriptsDeviceRunStates {
        device_management_script_id: SCRIPT.into(),
        device_management_script_device_state_id: id(0),
    };
    let desired = StatePatch::new()
        .run_state(RunState::Success)
        .result_message("run 0")
        .error_description("none");
    let Reconciled::Updated { sent, .. } = client.reconcile(path, desired).await.unwrap() else {
        panic!("state 0 fails: it differs");
    };
    assert_eq!(
        serde_json::to_string(&sent).unwrap(),
        r##"{"@odata.type":"#microsoft.graph.deviceManagementScriptDeviceState","runState":"success","errorDescription":"none"}"##
    );
    let requests = simulator.requests();
    assert_eq!(
        requests[0].query.as_deref(),
        Some(
            "$select=id,runState,resultMessage,lastStateUpdateDateTime,errorCode,errorDescription"
        ),
    );
    assert_eq!(requests[1].method, "PATCH");
    assert_eq!(
        requests[1].header("if-match"),
        Some("W/\"1\""),
        "the ETag read"
    );
}

#[tokio::test]
async fn a_concurrent_change_between_read_and_write_ends_in_412_a_reread_and_the_right_state() {
    let (simulator, client) = setup(1, true).await;
    let path = collection().item(id(0));
    // Someone else writes a message just after our read.
    let mut theirs = state(0, RunState::Pending);
    theirs.result_message = Some("theirs".into());
    simulator.change_after_next_read(&path, &theirs);
    let desired = StatePatch::new().run_state(RunState::Success);
    let result = client
        .reconcile(
            StatePath::DeviceManagementScriptsDeviceRunStates {
                device_management_script_id: SCRIPT.into(),
                device_management_script_device_state_id: id(0),
            },
            desired,
        )
        .await
        .unwrap();
    assert!(matches!(result, Reconciled::Updated { .. }));
    let methods: Vec<String> = simulator.requests().into_iter().map(|r| r.method).collect();
    assert_eq!(
        methods,
        ["GET", "PATCH", "GET", "PATCH"],
        "412, then read again"
    );
    let requests = simulator.requests();
    assert_ne!(
        requests[1].header("if-match"),
        requests[3].header("if-match")
    );
    let held: State = simulator.get_at(&path).unwrap();
    assert_eq!(held.run_state, RunState::Success);
    assert_eq!(
        held.result_message.as_deref(),
        Some("theirs"),
        "their change kept"
    );
}

/// 1,000 items, 900 already as desired: 100 PATCHes, within both budgets (scaled from 20 s).
#[tokio::test]
async fn a_bulk_reconcile_of_a_list_writes_only_what_differs_within_the_budgets() {
    let (simulator, client) = setup(1000, true).await;
    simulator.page_size(100);
    let window = Duration::from_millis(400);
    let (reads, writes) = (Budget::new(20, window), Budget::new(40, window));
    let refuse = |n: u32| ThrottleBudget {
        writes: n as usize,
        window,
        retry_after: true,
    };
    // The service refuses past a quarter more than the client paces to: room for requests that
    // a busy machine delays on their way and that then arrive closer together than sent.
    simulator.throttle_reads(Some(refuse(reads.writes * 5 / 4)));
    simulator.throttle_per_app(Some(refuse(writes.writes * 5 / 4)));
    let mut run = client
        .reconcile_list(client.list::<State>(collection()), |s: &State| {
            Some((s.id.clone(), StatePatch::new().run_state(RunState::Success)))
        })
        .read_budget(reads)
        .write_budget(writes)
        .concurrency(16);
    let mut statuses = Vec::new();
    let mut keys = BTreeSet::new();
    while let Some((key, status, result)) = run.next().await {
        assert!(result.is_ok(), "{key}: {:?}", result.err());
        assert!(keys.insert(key), "one result per input");
        statuses.push(status);
    }
    assert!(run.list_error().is_none());
    let count = |s| statuses.iter().filter(|x| **x == s).count();
    assert_eq!(keys.len(), 1000);
    assert_eq!(count(ReconcileStatus::Updated), 100);
    assert_eq!(count(ReconcileStatus::Unchanged), 900);
    // Exactly 100 PATCHes and 10 page reads: none refused by a budget (a 429 would be sent again).
    assert_eq!(patches(&simulator), 100);
    assert_eq!(gets(&simulator).len(), 10);
    let progress = run.progress();
    assert_eq!((progress.listed, progress.writes), (1000, 100));
    for i in (0..1000).step_by(10) {
        let held: State = simulator.get_at(&collection().item(id(i))).unwrap();
        assert_eq!(held.run_state, RunState::Success);
    }
}

/// A run that stops half-way is resumed by running it again: it writes only what still differs.
#[tokio::test]
async fn a_bulk_reconcile_that_died_half_way_resumes_by_running_again() {
    let (simulator, client) = setup(300, false).await;
    let inputs = || {
        (0..300).map(|i| {
            (
                i,
                StatePath::DeviceManagementScriptsDeviceRunStates {
                    device_management_script_id: SCRIPT.into(),
                    device_management_script_device_state_id: id(i),
                },
                StatePatch::new().run_state(RunState::Pending),
            )
        })
    };
    let fast = Budget::new(1000, Duration::from_millis(100));
    // One at a time, so that the run dies between two items: nothing of it is left in flight
    // to land during the next run and blur its counts.
    let mut first = client
        .reconcile_all(inputs())
        .read_budget(fast)
        .write_budget(fast)
        .concurrency(1);
    for _ in 0..120 {
        let (_, status, result) = first.next().await.unwrap();
        result.unwrap();
        assert_eq!(status, ReconcileStatus::Updated);
    }
    drop(first); // dies half-way
    assert_eq!(patches(&simulator), 120);
    simulator.clear_requests();

    let mut again = client
        .reconcile_all(inputs())
        .read_budget(fast)
        .write_budget(fast);
    let mut updated = 0;
    while let Some((_, status, result)) = again.next().await {
        result.unwrap();
        updated += usize::from(status == ReconcileStatus::Updated);
    }
    assert_eq!(updated, 180, "only what still differed");
    assert_eq!(patches(&simulator), 180);
    assert_eq!(gets(&simulator).len(), 300, "every item read again");
    for i in 0..300 {
        let held: State = simulator.get_at(&collection().item(id(i))).unwrap();
        assert_eq!(held.run_state, RunState::Pending);
    }
    // A third run finds nothing to do.
    simulator.clear_requests();
    let mut third = client.reconcile_all(inputs()).read_budget(fast);
    while let Some((_, status, _)) = third.next().await {
        assert_eq!(status, ReconcileStatus::Unchanged);
    }
    assert_eq!(patches(&simulator), 0);
}
