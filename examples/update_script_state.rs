//! Updates one Intune device management script state — the call of the Graph reference page
//! "Update deviceManagementScriptState" (beta) — and prints what went over the wire.
//!
//! ```text
//! cargo run --example update_script_state                 # embedded simulator, no tenant
//! GRAPH_TOKEN=eyJ0… cargo run --example update_script_state -- --script-id … --state-id …
//! GRAPH_TOKEN=test cargo run --example update_script_state -- --base-url http://127.0.0.1:8080
//! ```
//!
//! Without `GRAPH_TOKEN` it starts graphpatch's embedded Graph simulator on a loopback port,
//! seeds the script state there and patches it. With `GRAPH_TOKEN` it sends to Microsoft Graph,
//! or to the service root given by `--base-url`.

use std::error::Error;
use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use graphpatch::prelude::*;
use graphpatch::simulator::Simulator;
use graphpatch_suite::intune::{
    DeviceManagementScriptState, DeviceManagementScriptStatePath, RunState,
};

/// Update an Intune device management script state with one typed, compile-time checked PATCH.
///
/// Without the GRAPH_TOKEN environment variable, the request goes to an embedded Graph
/// simulator on 127.0.0.1, so this runs anywhere. With GRAPH_TOKEN set (a bearer token with
/// DeviceManagementManagedDevices.ReadWrite.All), it goes to Microsoft Graph or to --base-url.
#[derive(Debug, Parser)]
#[command(name = "update_script_state")]
pub struct Args {
    /// Service root to send to instead of https://graph.microsoft.com (http:// only for
    /// loopback addresses). Requires GRAPH_TOKEN.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// The device management script's id.
    #[arg(long, default_value = "0b5a2f5e-7c1d-4e8a-9f3b-2d6c8e4a1b7f")]
    pub script_id: String,
    /// The script state's id.
    #[arg(long, default_value = "fbfa3cb8-3cb8-fbfa-b83c-fafbb83cfafb")]
    pub state_id: String,
    /// The new run state (unknown, success, fail, scriptError, pending, notApplicable; other
    /// values are sent as given).
    #[arg(long, default_value = "success")]
    pub run_state: String,
    /// The new result message.
    #[arg(long, default_value = "Result Message value")]
    pub message: String,
}

/// The docs' example value of `lastStateUpdateDateTime`.
const DOCS_TIMESTAMP: &str = "2017-01-01T00:02:58.4418045-08:00";

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let token = std::env::var("GRAPH_TOKEN").ok().filter(|t| !t.is_empty());
    match run(args, token, &mut std::io::stdout()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

/// Sends the update and writes the transcript to `out`.
pub async fn run(
    args: Args,
    token: Option<String>,
    out: &mut impl Write,
) -> Result<(), Box<dyn Error>> {
    // Keep the simulator alive until the end: dropping it stops it.
    let mut simulator = None;
    let client = match (token, &args.base_url) {
        (Some(token), Some(url)) => GraphClient::builder().base_url(url).token(token).build()?,
        (Some(token), None) => GraphClient::builder().token(token).build()?,
        (None, Some(_)) => return Err("--base-url needs a token: set GRAPH_TOKEN".into()),
        (None, None) => {
            let sim = Simulator::builder()
                .entity::<DeviceManagementScriptState>()
                .token("simulator-token")
                .start()
                .await?;
            let path = DeviceManagementScriptStatePath::DeviceManagementScriptsRunStates {
                device_management_script_id: args.script_id.clone(),
                device_management_script_state_id: args.state_id.clone(),
            };
            let seeded = DeviceManagementScriptState {
                id: args.state_id.clone(),
                run_state: Some(RunState::Pending),
                result_message: None,
                last_state_update_date_time: None,
            };
            sim.insert(path, &seeded);
            writeln!(
                out,
                "# No GRAPH_TOKEN: using the embedded Graph simulator at {}",
                sim.base_url()
            )?;
            writeln!(out, "# seeded {}\n", serde_json::to_string(&seeded)?)?;
            let client = GraphClient::builder()
                .base_url(sim.base_url())
                .token("simulator-token")
                .build()?;
            simulator = Some(sim);
            client
        }
    };

    let timestamp: DateTimeOffset = DOCS_TIMESTAMP.parse()?;
    let request = graph_patch!(DeviceManagementScriptState {
        device_management_script_id: &args.script_id,
        device_management_script_state_id: &args.state_id,
    } set {
        run_state: RunState::from_wire(&args.run_state),
        result_message: args.message.as_str(),
        last_state_update_date_time: timestamp,
    });

    let prepared = client.prepare(request).await?;
    writeln!(out, "{} {}", prepared.method(), prepared.url())?;
    for (name, value) in prepared.headers() {
        let shown = if value.is_sensitive() {
            "Bearer <redacted>"
        } else {
            value.to_str().unwrap_or("<binary>")
        };
        writeln!(out, "{name}: {shown}")?;
    }
    // The body exactly as sent: only the properties set above.
    writeln!(out, "\n{}\n", String::from_utf8_lossy(prepared.body()))?;

    let response = client.execute(prepared).await?;
    writeln!(out, "HTTP/1.1 {}", response.status)?;
    if let Some(request_id) = &response.request_id {
        writeln!(out, "request-id: {request_id}")?;
    }
    match &response.entity {
        Some(updated) => writeln!(out, "\n{}", serde_json::to_string_pretty(updated)?)?,
        None => writeln!(out, "(no body)")?,
    }
    drop(simulator);
    Ok(())
}
