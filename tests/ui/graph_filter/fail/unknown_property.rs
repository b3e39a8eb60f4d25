use graphpatch::prelude::*;
use graphpatch_test_support::intune::{DeviceManagementScriptDeviceState, RunState};

fn main() {
    let _ = graph_filter!(DeviceManagementScriptDeviceState: run_stat eq RunState::Success);
}
