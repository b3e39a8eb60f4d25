//! Brings every device run state of an Intune device management script to one run state,
//! writing only those that differ: a paged list with `$select`, a diff per item, and a PATCH
//! only where the service holds something else.
//!
//! ```text
//! cargo run --example reconcile_run_states -- --script-id demo --run-state success
//! cargo run --example reconcile_run_states -- --script-id demo --run-state success --dry-run
//! cargo run --example reconcile_run_states -- --script-id demo --run-state pending \
//!     --filter "runState eq 'fail'"
//! GRAPH_TOKEN=eyJ0… cargo run --example reconcile_run_states -- --script-id … --run-state success
//! GRAPH_TOKEN=test cargo run --example reconcile_run_states -- --base-url http://127.0.0.1:8080 \
//!     --script-id … --run-state success
//! ```
//!
//! It lists `GET /beta/deviceManagement/deviceManagementScripts/{id}/deviceRunStates` with
//! `$select` of the entity's properties (and `$filter` EXPR verbatim), follows every
//! `@odata.nextLink`, and PATCHes each item whose `runState` is not STATE, sending only
//! `runState` (with `@odata.type`, as the reference page's example does). Reads go at the Intune
//! family's request budget, writes at its write budget. The last line is
//! `listed=N unchanged=U updated=P failed=F` (with `--dry-run`, `updated` counts what would be
//! written, and nothing is). Run it again to resume a run that stopped: what is already done
//! reads as unchanged.
//!
//! Without `GRAPH_TOKEN` and `--base-url` it runs on the embedded Graph simulator, seeded with
//! demo run states (works offline). With `GRAPH_TOKEN` it goes to Microsoft Graph, or to
//! `--base-url`.

use std::error::Error;
use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use graphpatch::client::ReconcileStatus;
use graphpatch::filter::Filter;
use graphpatch::path::CollectionPath;
use graphpatch::prelude::*;
use graphpatch::throttle::Budget;
use graphpatch_simulator::Simulator;
use graphpatch_test_support::intune::{
    DeviceManagementScriptDeviceState, DeviceManagementScriptDeviceStatePatch, RunState,
};
use indicatif::{ProgressBar, ProgressStyle};

/// Set the run state of every device run state of a device management script, writing only
/// those that differ.
///
/// Without the GRAPH_TOKEN environment variable and --base-url, it runs on an embedded Graph
/// simulator on 127.0.0.1 seeded with demo run states, so it works anywhere. With GRAPH_TOKEN
/// set (a token with DeviceManagementManagedDevices.ReadWrite.All), it goes to Microsoft Graph
/// or to --base-url.
#[derive(Debug, Parser)]
#[command(name = "reconcile_run_states")]
pub struct Args {
    /// Service root to send to instead of https://graph.microsoft.com (http:// only for
    /// loopback addresses). Requires GRAPH_TOKEN.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// The device management script's id.
    #[arg(long, value_name = "ID")]
    pub script_id: String,
    /// The run state every item should have (unknown, success, fail, scriptError, pending,
    /// notApplicable; other values are sent as given).
    #[arg(long, value_name = "STATE")]
    pub run_state: String,
    /// A $filter expression, sent verbatim, e.g. "runState eq 'fail'".
    #[arg(long, value_name = "EXPR")]
    pub filter: Option<String>,
    /// List and compare, but write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// How many demo run states the embedded simulator holds: three pages of 100.
const DEMO_STATES: usize = 250;
const SIMULATOR_TOKEN: &str = "simulator-token";

/// What a run did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    pub listed: u64,
    pub unchanged: u64,
    pub updated: u64,
    pub failed: u64,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "listed={} unchanged={} updated={} failed={}",
            self.listed, self.unchanged, self.updated, self.failed
        )
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let token = std::env::var("GRAPH_TOKEN").ok().filter(|t| !t.is_empty());
    match run(args, token, &mut std::io::stdout()).await {
        Ok(summary) if summary.failed == 0 => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

/// The demo run states: a seeded mix of every run state.
fn demo_states(script_id: &str, simulator: &Simulator) -> Result<(), Box<dyn Error>> {
    let collection = CollectionPath::find(
        DeviceManagementScriptDeviceState::PATHS,
        &[("device_management_script_id", script_id)],
    )?;
    let states = [
        RunState::Success,
        RunState::Fail,
        RunState::Pending,
        RunState::ScriptError,
        RunState::Unknown,
        RunState::NotApplicable,
    ];
    let mut seed: u64 = 0x5eed;
    for i in 0..DEMO_STATES {
        // SplitMix64: the same demo every run.
        seed = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = seed;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        let run_state = states[((z ^ (z >> 31)) % states.len() as u64) as usize].clone();
        let id = format!("device-state-{i:04}");
        let state = DeviceManagementScriptDeviceState {
            id: id.clone(),
            error_code: if run_state == RunState::Fail { 1 } else { 0 },
            run_state,
            result_message: Some(format!("run {i}")),
            last_state_update_date_time: "2024-05-01T08:00:00Z".parse()?,
            error_description: None,
        };
        simulator.insert_at(&collection.item(id), &state);
    }
    Ok(())
}

/// Reconciles the run states and writes the summary line to `out`.
pub async fn run(
    args: Args,
    token: Option<String>,
    out: &mut impl Write,
) -> Result<Summary, Box<dyn Error>> {
    // Keep the simulator alive until the end: dropping it stops it.
    let mut simulator = None;
    // On the simulator, Intune's 20-second budget window is scaled to 2 seconds, as in
    // `bulk_update`: the same pacing, ten times faster.
    let mut scaled = None;
    let client = match (token, &args.base_url) {
        (Some(token), Some(url)) => GraphClient::builder().base_url(url).token(token).build()?,
        (Some(token), None) => GraphClient::builder().token(token).build()?,
        (None, Some(_)) => return Err("--base-url needs a token: set GRAPH_TOKEN".into()),
        (None, None) => {
            let sim = Simulator::builder()
                .entity::<DeviceManagementScriptDeviceState>()
                .token(SIMULATOR_TOKEN)
                .etags()
                .start()
                .await?;
            demo_states(&args.script_id, &sim)?;
            writeln!(
                out,
                "# No GRAPH_TOKEN: using the embedded Graph simulator at {} ({DEMO_STATES} demo run states)",
                sim.base_url()
            )?;
            let client = GraphClient::builder()
                .base_url(sim.base_url())
                .token(SIMULATOR_TOKEN)
                .build()?;
            simulator = Some(sim);
            scaled = DeviceManagementScriptDeviceState::throttle_family().map(|family| {
                let scale = |budget: Budget| Budget::new(budget.writes, budget.window / 10);
                (scale(family.request_budget()), scale(family.write_budget()))
            });
            client
        }
    };

    let collection = CollectionPath::find(
        DeviceManagementScriptDeviceState::PATHS,
        &[("device_management_script_id", args.script_id.as_str())],
    )?;
    let mut list = client.list::<DeviceManagementScriptDeviceState>(collection);
    if let Some(filter) = &args.filter {
        list = list.filter(Filter::raw(filter.as_str()));
    }
    list = match scaled {
        Some((reads, _)) => list.budget(reads),
        None => list.paced(),
    };
    let desired = DeviceManagementScriptDeviceStatePatch::new()
        .run_state(RunState::from_wire(&args.run_state));

    let bar = ProgressBar::new_spinner();
    bar.set_style(ProgressStyle::with_template("{spinner} {pos} done {msg}")?);
    let mut summary = Summary::default();
    let mut list_error = None;
    if args.dry_run {
        let mut items = list.items();
        while let Some(item) = items.next().await {
            match item {
                Ok(item) => {
                    summary.listed += 1;
                    if graphpatch::diff(&item, &desired).is_empty() {
                        summary.unchanged += 1;
                    } else {
                        summary.updated += 1;
                    }
                    bar.set_position(summary.listed);
                }
                Err(err) => list_error = Some(err.to_string()),
            }
        }
        writeln!(out, "# dry run: nothing was written")?;
    } else {
        let shown = bar.clone();
        let run = client
            .reconcile_list(list, move |state: &DeviceManagementScriptDeviceState| {
                Some((state.id.clone(), desired.clone()))
            })
            .on_progress(move |p| {
                shown.set_position(p.done);
                shown.set_message(format!(
                    "listed {}, updated {}, failed {}",
                    p.listed,
                    p.updated,
                    p.failed + p.uncertain
                ));
            });
        let mut run = match scaled {
            Some((reads, writes)) => run.read_budget(reads).write_budget(writes),
            None => run,
        };
        while let Some((id, status, result)) = run.next().await {
            match status {
                ReconcileStatus::Unchanged => summary.unchanged += 1,
                ReconcileStatus::Updated => summary.updated += 1,
                ReconcileStatus::Failed | ReconcileStatus::Uncertain => {
                    summary.failed += 1;
                    if let Err(err) = result {
                        bar.suspend(|| eprintln!("{id}: {err}"));
                    }
                }
            }
        }
        summary.listed = run.progress().listed;
        list_error = run.list_error().map(ToString::to_string);
    }
    bar.finish_and_clear();
    writeln!(out, "{summary}")?;
    drop(simulator);
    match list_error {
        Some(err) => Err(format!("the list failed: {err}").into()),
        None => Ok(summary),
    }
}
