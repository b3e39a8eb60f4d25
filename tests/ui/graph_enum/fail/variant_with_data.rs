use graphpatch::prelude::*;

#[graph_enum]
pub enum RunState {
    Success,
    Other(String),
}

fn main() {}
