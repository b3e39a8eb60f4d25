//! Shared support of graphpatch's integration tests, examples and benchmarks: the annotated
//! Graph entities they use ([`intune`], [`corpus`]) and a reader for the examples in Graph
//! reference pages ([`docs`]).

#![warn(missing_docs)]

pub mod corpus;
pub mod docs;
pub mod intune;
