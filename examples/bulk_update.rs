//! Updates many Intune script run states at the service's write budget, on the embedded Graph
//! simulator, and says what became of each.
//!
//! ```text
//! cargo run --example bulk_update                        # 1,000 updates, a 2-second window
//! cargo run --example bulk_update -- --items 5000 --latency-ms 50
//! ```
//!
//! The simulator plays Intune's throttling — 200 writes per window per app, 400 per tenant —
//! with the window scaled from Intune's 20 seconds to 2, and adds 20 ms to every answer. The
//! run paces itself to the per-app budget, so it should meet no 429 and use nearly all of it.
//! The last line is `items=N updated=U failed=F uncertain=C lost=L throttled=T utilization=X`:
//! `uncertain` counts the failures that may have been applied all the same
//! (`Error::may_have_been_applied`: the ones to check, or to send again); `lost` counts inputs
//! without a result and successes the store does not hold as sent; `utilization` is the
//! achieved write rate over the budget.

use std::error::Error;
use std::io::Write;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Parser;
use graphpatch::prelude::*;
use graphpatch::throttle::Budget;
use graphpatch_simulator::{Simulator, ThrottleBudget};
use graphpatch_test_support::intune::{
    DeviceManagementScriptState, DeviceManagementScriptStatePath, RunState,
};
use indicatif::{ProgressBar, ProgressStyle};

/// Update N script run states at Intune's write budget (scaled down), on the embedded Graph
/// simulator.
#[derive(Debug, Parser)]
#[command(name = "bulk_update")]
pub struct Args {
    /// How many run states to update.
    #[arg(long, default_value_t = 1000)]
    pub items: usize,
    /// Intune's 20-second budget window, scaled to this many milliseconds.
    #[arg(long, default_value_t = 2000)]
    pub window_ms: u64,
    /// Latency the simulator adds to every answer, in milliseconds.
    #[arg(long, default_value_t = 20)]
    pub latency_ms: u64,
    /// Requests in flight at once.
    #[arg(long, default_value_t = 16)]
    pub concurrency: usize,
}

/// Intune's documented budgets, per window: per app and tenant, and per tenant.
const PER_APP: usize = 200;
const PER_TENANT: usize = 400;

/// What became of a run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    pub items: usize,
    pub updated: usize,
    pub failed: usize,
    pub uncertain: usize,
    pub lost: usize,
    pub throttled: u64,
    pub utilization: f64,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "items={} updated={} failed={} uncertain={} lost={} throttled={} utilization={:.2}",
            self.items,
            self.updated,
            self.failed,
            self.uncertain,
            self.lost,
            self.throttled,
            self.utilization
        )
    }
}

fn path(i: usize) -> DeviceManagementScriptStatePath {
    DeviceManagementScriptStatePath::DeviceManagementScriptsRunStates {
        device_management_script_id: "bulk-script".into(),
        device_management_script_state_id: format!("state-{i:06}"),
    }
}

fn message(i: usize) -> String {
    format!("run {i} finished")
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args, true, &mut std::io::stdout()).await {
        Ok(summary) if summary.lost == 0 && summary.failed == 0 => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

/// Runs the updates and writes the summary line to `out`; `progress` draws a bar on stderr.
pub async fn run(
    args: &Args,
    progress: bool,
    out: &mut impl Write,
) -> Result<Summary, Box<dyn Error>> {
    let window = Duration::from_millis(args.window_ms.max(1));
    let simulator = Simulator::builder()
        .entity::<DeviceManagementScriptState>()
        .token("bulk-token")
        .start()
        .await?;
    let throttle = |writes| ThrottleBudget {
        writes,
        window,
        retry_after: true,
    };
    simulator.throttle_per_app(Some(throttle(PER_APP)));
    simulator.throttle(Some(throttle(PER_TENANT)));
    simulator.latency(Duration::from_millis(args.latency_ms));
    for i in 0..args.items {
        simulator.insert(
            path(i),
            &DeviceManagementScriptState {
                id: format!("state-{i:06}"),
                run_state: Some(RunState::Pending),
                result_message: None,
                last_state_update_date_time: None,
            },
        );
    }
    let client = GraphClient::builder()
        .base_url(simulator.base_url())
        .token("bulk-token")
        .build()?;

    let bar = if progress {
        ProgressBar::new(args.items as u64)
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(ProgressStyle::with_template(
        "{bar:40} {pos}/{len} {per_sec} eta {eta} {msg}",
    )?);
    let shown = bar.clone();

    let budget = Budget::new(PER_APP as u32, window);
    // Inputs are made as the run takes them: nothing is queued up front.
    let updates = (0..args.items).map(|i| {
        graph_patch!(DeviceManagementScriptState {
            device_management_script_id: "bulk-script",
            device_management_script_state_id: format!("state-{i:06}"),
        } set {
            run_state: RunState::Success,
            result_message: message(i),
        })
    });
    let started = Instant::now();
    let mut run = client
        .bulk(updates)
        .budget(budget)
        .concurrency(args.concurrency)
        .on_progress(move |p| {
            shown.set_position(p.done);
            shown.set_message(format!("{} failed, {} throttled", p.failed, p.throttled));
        });
    // Per input: `None` until its result comes, then whether it succeeded.
    let mut outcome: Vec<Option<bool>> = vec![None; args.items];
    let (mut updated, mut failed, mut uncertain) = (0, 0, 0);
    while let Some((index, result)) = run.next().await {
        outcome[index] = Some(result.is_ok());
        match result {
            Ok(_) => updated += 1,
            Err(err) => {
                failed += 1;
                uncertain += usize::from(err.may_have_been_applied());
                bar.suspend(|| eprintln!("update {index} failed: {err}"));
            }
        }
    }
    let elapsed = started.elapsed();
    bar.finish_and_clear();

    // Lost: no result, or a success the store does not hold as sent.
    let stored = |i: usize| {
        simulator.get(path(i)).is_some_and(|state| {
            state.run_state == Some(RunState::Success)
                && state.result_message.as_deref() == Some(message(i).as_str())
        })
    };
    let lost = (0..args.items)
        .filter(|&i| match outcome[i] {
            None => true,
            Some(succeeded) => succeeded && !stored(i),
        })
        .count();
    let achieved = updated as f64 / elapsed.as_secs_f64();
    let summary = Summary {
        items: args.items,
        updated,
        failed,
        uncertain,
        lost,
        throttled: run.progress().throttled,
        utilization: achieved / budget.per_second(),
    };
    writeln!(out, "{summary}")?;
    Ok(summary)
}
