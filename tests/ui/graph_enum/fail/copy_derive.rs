use graphpatch::prelude::*;

#[graph_enum]
#[derive(Clone, Copy)]
pub enum RunState {
    Success,
    Fail,
}

fn main() {}
