//! Feeds arbitrary status codes and bodies to the client's response decoder: whatever a server
//! sends, decoding returns an entity or an error, never a panic.
//!
//! ```text
//! cargo install cargo-fuzz
//! cargo +nightly fuzz run decode_response            # from the repository root
//! cargo +nightly fuzz run decode_response -- -max_total_time=60
//! ```
#![no_main]

use graphpatch::prelude::*;
use libfuzzer_sys::fuzz_target;

#[graph_enum]
pub enum RunState {
    Unknown,
    Success,
    Fail,
    ScriptError,
    Pending,
    NotApplicable,
}

#[graph_entity(
    odata_type = "microsoft.graph.deviceManagementScriptDeviceState",
    version = "beta",
    path = "/deviceManagement/deviceManagementScripts/{deviceManagementScriptId}/deviceRunStates/{deviceManagementScriptDeviceStateId}",
    permissions(
        delegated_work = ["DeviceManagementManagedDevices.ReadWrite.All"],
        delegated_personal = unsupported,
        application = ["DeviceManagementManagedDevices.ReadWrite.All"],
    )
)]
pub struct DeviceManagementScriptDeviceState {
    #[graph(read_only)]
    pub id: String,
    pub run_state: RunState,
    pub result_message: Option<String>,
    pub last_state_update_date_time: DateTimeOffset,
    pub error_code: i32,
    pub error_description: Option<String>,
}

fuzz_target!(|data: &[u8]| {
    let Some((status, body)) = data.split_first_chunk::<2>() else {
        return;
    };
    let status = 100 + u16::from_le_bytes(*status) % 500;
    let _ =
        graphpatch::__private::decode_response::<DeviceManagementScriptDeviceState>(status, body);
});
