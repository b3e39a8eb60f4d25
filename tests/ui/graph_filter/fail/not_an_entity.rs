use graphpatch::prelude::*;

pub struct NotAnEntity {
    pub id: String,
}

fn main() {
    let _ = graph_filter!(NotAnEntity: id eq "x");
}
