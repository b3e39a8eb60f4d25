use graphpatch::prelude::*;

fn main() {
    struct NotAnEntity;
    let _ = graph_patch!(NotAnEntity {
        id: "s",
    } set {
        display_name: "x",
    });
}
