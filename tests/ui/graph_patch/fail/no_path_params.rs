use graphpatch::prelude::*;
use graphpatch_test_support::intune::{DeviceManagementScriptDeviceState, RunState};

fn main() {
    let _ = graph_patch!(DeviceManagementScriptDeviceState {} set {
        run_state: RunState::Success,
    });
}
