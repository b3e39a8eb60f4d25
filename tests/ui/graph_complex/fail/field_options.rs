use graphpatch::prelude::*;

// A complex value is replaced whole: it has no read-only parts, and serde attributes would change
// only one direction of the wire format.
#[graph_complex(odata_type = "microsoft.graph.auditProperty")]
pub struct AuditProperty {
    #[graph(read_only)]
    pub display_name: Option<String>,
    #[serde(rename = "newValue")]
    pub new_value: Option<String>,
    pub old_value: Option<f64>,
}

fn main() {}
