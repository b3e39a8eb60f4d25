#[allow(unused_imports)]
use graphpatch::prelude::*;
#[allow(unused_imports)]
use graphpatch_test_support::intune::{DeviceManagementScriptDeviceState, RunState};

fn main() {
    let _ = RunState::Success;
    let _ = graph_filter!(DeviceManagementScriptDeviceState:);
}
