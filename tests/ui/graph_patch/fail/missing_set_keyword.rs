use graphpatch::prelude::*;

fn main() {
    let _ = graph_patch!(graphpatch_suite::intune::DeviceManagementScriptDeviceState {
        device_management_script_id: "s",
        device_management_script_device_state_id: "d",
    } {
        run_state: graphpatch_suite::intune::RunState::Success,
    });
}
