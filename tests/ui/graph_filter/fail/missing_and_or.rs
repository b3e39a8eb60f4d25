#[allow(unused_imports)]
use graphpatch::prelude::*;
#[allow(unused_imports)]
use graphpatch_test_support::intune::{DeviceManagementScriptDeviceState, RunState};

fn main() {
    let _ = graph_filter!(DeviceManagementScriptDeviceState: run_state eq RunState::Success error_code eq 1);
}
