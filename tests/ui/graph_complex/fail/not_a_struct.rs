use graphpatch::prelude::*;

#[graph_complex(odata_type = "microsoft.graph.auditActor")]
pub fn audit_actor() {}

fn main() {}
