use graphpatch::prelude::*;

#[graph_complex(odata_type = "microsoft.graph.groupAssignmentTarget")]
pub struct GroupAssignmentTarget {
    pub group_id: Option<String>,
}

#[graph_complex(odata_type = "microsoft.graph.deviceAndAppManagementAssignmentTarget")]
pub enum AssignmentTarget {
    Group(GroupAssignmentTarget),
    AllDevices,
    Named { group: GroupAssignmentTarget },
    Unrecognized(GroupAssignmentTarget),
}

#[graph_complex(odata_type = "microsoft.graph.nothing")]
pub enum Nothing {}

fn main() {}
