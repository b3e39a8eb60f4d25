use graphpatch::prelude::*;

fn main() {
    let _ = graph_patch!(graphpatch_test_support::intune::DeviceManagementScriptDeviceState {
        device_management_script_id: "s",
        device_management_script_device_state_id: "d",
    } {
        run_state: graphpatch_test_support::intune::RunState::Success,
    });
}
