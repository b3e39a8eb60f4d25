use graphpatch::prelude::*;
use graphpatch_suite::intune::RunState;

fn main() {
    struct NotAnEntity;
    let _ = graph_patch!(NotAnEntity {
        id: "s",
    } set {
        run_state: RunState::Success,
    });
}
