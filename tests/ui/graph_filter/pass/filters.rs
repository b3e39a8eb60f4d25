use graphpatch::prelude::*;
use graphpatch::{Date, Double, Duration, Guid, TimeOfDay};

#[graph_enum]
pub enum RunState {
    Unknown,
    Success,
    Fail,
}

#[graph_entity(
    odata_type = "microsoft.graph.sample",
    version = "beta",
    path = "/samples/{sampleId}",
    permissions = unknown
)]
pub struct Sample {
    #[graph(read_only)]
    pub id: Guid,
    pub name: Option<String>,
    pub run_state: RunState,
    pub count: i64,
    pub ratio: Double,
    pub enabled: bool,
    pub seen: Option<DateTimeOffset>,
    pub day: Date,
    pub at: TimeOfDay,
    pub timeout: Duration,
}

fn main() {
    let name = String::from("O'Neil");
    let f = graph_filter!(Sample: name eq name.as_str() or startswith(name, "Zoë"));
    assert_eq!(f.as_str(), "name eq 'O''Neil' or startswith(name, 'Zoë')");
    let f = graph_filter!(Sample: not (run_state ne RunState::Fail) and count gt 3 and count le 9i64);
    assert_eq!(f.as_str(), "not (runState ne 'fail') and count gt 3 and count le 9");
    let f = graph_filter!(Sample: ratio ge Double(0.5) and enabled eq true and seen eq null);
    assert_eq!(f.as_str(), "ratio ge 0.5 and enabled eq true and seen eq null");
    let id: Guid = "52effe71-fe71-52ef-71fe-ef5271feef52".parse().unwrap();
    let seen: DateTimeOffset = "2017-01-01T00:02:58.4418045-08:00".parse().unwrap();
    let f = graph_filter!(Sample: id eq id and seen lt seen and run_state in (RunState::Success, RunState::Fail));
    assert_eq!(
        f.as_str(),
        "id eq 52effe71-fe71-52ef-71fe-ef5271feef52 and seen lt 2017-01-01T00:02:58.4418045-08:00 and runState in ('success', 'fail')"
    );
    let day: Date = "2016-12-31".parse().unwrap();
    let at: TimeOfDay = "12:00:05.5020000".parse().unwrap();
    let timeout: Duration = "PT1H".parse().unwrap();
    let f = graph_filter!(Sample: day eq day and at gt at and timeout lt timeout);
    assert_eq!(f.as_str(), "day eq 2016-12-31 and at gt 12:00:05.5020000 and timeout lt duration'PT1H'");
    let f = graph_filter!(Sample: (count eq 1 or count eq 2) and not enabled eq false);
    assert_eq!(f.as_str(), "(count eq 1 or count eq 2) and not (enabled eq false)");
}
