//! Shared pieces of graphpatch's integration tests, examples and benchmarks: the annotated
//! Graph entities they use ([`intune`], [`corpus`]) and a reader for the examples in Graph reference pages
//! ([`docs`]).

pub mod corpus;
pub mod docs;
pub mod intune;

/// The README's Rust examples, compiled (and run where not marked `no_run`) as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
