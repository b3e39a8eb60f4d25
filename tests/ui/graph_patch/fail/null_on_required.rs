use graphpatch::prelude::*;
use graphpatch_test_support::intune::DeviceManagementScriptDeviceState;

fn main() {
    let _ = graph_patch!(DeviceManagementScriptDeviceState {
        device_management_script_id: "s",
        device_management_script_device_state_id: "d",
    } set {
        error_code: null,
    });
}
