use graphpatch::prelude::*;
use graphpatch::Flags;

// Only an enum declared with #[graph_enum(flags)] combines into a comma-separated value.
#[graph_enum]
pub enum RunState {
    Success,
    Fail,
}

#[graph_complex(odata_type = "microsoft.graph.runSummary")]
pub struct RunSummary {
    pub states: Option<Flags<RunState>>,
}

fn main() {}
