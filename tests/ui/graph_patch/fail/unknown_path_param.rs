use graphpatch::prelude::*;
use graphpatch_test_support::intune::{DeviceManagementScriptDeviceState, RunState};

fn main() {
    let _ = graph_patch!(DeviceManagementScriptDeviceState {
        device_management_script_id: "s",
        device_management_script_device_state: "d",
    } set {
        run_state: RunState::Success,
    });
}
