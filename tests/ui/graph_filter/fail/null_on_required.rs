use graphpatch::prelude::*;
use graphpatch_test_support::intune::{DeviceManagementScriptDeviceState, RunState};

fn main() {
    let _ = RunState::Success;
    let _ = graph_filter!(DeviceManagementScriptDeviceState: error_code eq null);
}
