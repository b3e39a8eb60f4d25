use graphpatch::prelude::*;

#[graph_complex]
pub struct RoleScopeTagInfo {
    pub display_name: Option<String>,
}

#[graph_complex(odata_type = "#microsoft.graph.auditActor", read_only)]
pub struct AuditActor {
    pub user_id: Option<String>,
}

fn main() {}
