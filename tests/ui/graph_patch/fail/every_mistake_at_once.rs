use graphpatch::prelude::*;
use graphpatch_test_support::intune::{DeviceManagementScriptDeviceState, RunState};

fn main() {
    let _ = graph_patch!(DeviceManagementScriptDeviceState {
        device_management_script_id: "s",
        device_management_script_device_state_id: "d",
    } set {
        id: "x",
        run_stat: RunState::Success,
        error_code: null,
        last_state_update_date_time: 5,
    });
}
