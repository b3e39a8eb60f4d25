use graphpatch::prelude::*;

// Each variant must wrap a #[graph_complex] struct: its type is how `@odata.type` picks it.
#[graph_complex(odata_type = "microsoft.graph.deviceAndAppManagementAssignmentTarget")]
pub enum AssignmentTarget {
    Group(String),
}

fn main() {}
