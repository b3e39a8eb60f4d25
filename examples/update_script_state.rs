//! Updates one Intune device management script state — the call of the Graph reference page
//! "Update deviceManagementScriptState" (beta) — and prints what went over the wire.
//!
//! ```text
//! cargo run --example update_script_state                 # embedded simulator, no tenant
//! GRAPH_TOKEN=eyJ0… cargo run --example update_script_state -- --script-id … --state-id …
//! GRAPH_TOKEN=test cargo run --example update_script_state -- --base-url http://127.0.0.1:8080
//! cargo run --example update_script_state -- --device-code --tenant contoso.onmicrosoft.com \
//!     --client-id 00000000-0000-0000-0000-000000000000 --script-id … --state-id …
//! ```
//!
//! Without `GRAPH_TOKEN` or `--device-code` it starts the Graph look-alike of the
//! graphpatch-simulator crate on a loopback port, seeds the script state there and patches it.
//! With `GRAPH_TOKEN` it sends to Microsoft Graph, or to the service root given by
//! `--base-url`. With `--device-code` it signs a user in (delegated, as the call requires) with
//! the device code flow first.

use std::error::Error;
use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use graphpatch::auth::{Authority, DeviceCode};
use graphpatch::prelude::*;
use graphpatch_simulator::Simulator;
use graphpatch_test_support::intune::{
    DeviceManagementScriptState, DeviceManagementScriptStatePath, RunState,
};

/// Update an Intune device management script state with one typed, compile-time checked PATCH.
///
/// Without the GRAPH_TOKEN environment variable or --device-code, the request goes to an
/// embedded Graph simulator on 127.0.0.1, so this runs anywhere. With GRAPH_TOKEN set (a bearer
/// token with DeviceManagementManagedDevices.ReadWrite.All), it goes to Microsoft Graph or to
/// --base-url. With --device-code, a user signs in on any device with a browser (the call is
/// delegated-only: an application token cannot make it), and the token comes from that sign-in.
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
    /// Sign a user in with the device code flow instead of reading GRAPH_TOKEN: prints a code
    /// to enter at a verification page, then waits for the sign-in. Needs --tenant and
    /// --client-id of an app registration that allows public client flows and has the
    /// delegated permission DeviceManagementManagedDevices.ReadWrite.All.
    #[arg(long, requires_all = ["tenant", "client_id"])]
    pub device_code: bool,
    /// The directory (tenant) for --device-code: its id or a verified domain.
    #[arg(long, value_name = "TENANT", requires = "device_code")]
    pub tenant: Option<String>,
    /// The application (client) id for --device-code.
    #[arg(long, value_name = "ID", requires = "device_code")]
    pub client_id: Option<String>,
    /// The identity platform for --device-code, for national clouds (default
    /// https://login.microsoftonline.com).
    #[arg(long, value_name = "URL", requires = "device_code")]
    pub authority: Option<String>,
}

impl Args {
    /// The device code provider the arguments ask for, if they do.
    fn device_code(&self) -> Result<Option<DeviceCode>, Box<dyn Error>> {
        let (true, Some(tenant), Some(client_id)) =
            (self.device_code, &self.tenant, &self.client_id)
        else {
            return Ok(None);
        };
        let mut builder = DeviceCode::builder(tenant.as_str(), client_id.as_str());
        if let Some(authority) = &self.authority {
            builder = builder.authority(Authority::custom(authority)?);
        }
        Ok(Some(builder.build()?))
    }
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
    let client = match (token, &args.base_url, args.device_code()?) {
        (Some(_), _, Some(_)) => {
            return Err("--device-code signs in by itself: unset GRAPH_TOKEN".into())
        }
        (None, base_url, Some(provider)) => {
            let builder = GraphClient::builder().token_provider(provider);
            match base_url {
                Some(url) => builder.base_url(url),
                None => builder,
            }
            .build()?
        }
        (Some(token), Some(url), None) => {
            GraphClient::builder().base_url(url).token(token).build()?
        }
        (Some(token), None, None) => GraphClient::builder().token(token).build()?,
        (None, Some(_), None) => {
            return Err("--base-url needs a token: set GRAPH_TOKEN or use --device-code".into())
        }
        (None, None, None) => {
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
