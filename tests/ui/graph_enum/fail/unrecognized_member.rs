use graphpatch::prelude::*;

#[graph_enum]
pub enum RunState {
    Success,
    Unrecognized,
}

fn main() {}
