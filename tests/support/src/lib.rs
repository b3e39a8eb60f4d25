//! Shared support of graphpatch's integration tests, examples and benchmarks: the annotated
//! Graph entities they use ([`intune`], [`corpus`]), a reader for the examples in Graph
//! reference pages ([`docs`]), and a simulated store of the seed entity's states with the
//! updates the tests send them ([`states`]).

#![warn(missing_docs)]

pub mod corpus;
pub mod docs;
pub mod intune;
pub mod states;
