use graphpatch::prelude::*;
use graphpatch_test_support::intune::{DeviceManagementScriptDeviceState, RunState};

fn main() {
    let _ = graph_filter!(DeviceManagementScriptDeviceState: runState eq RunState::Success);
}
