//! Shared support of graphpatch's integration tests, examples and benchmarks: the annotated
//! Graph entities they use ([`intune`], [`corpus`]), a reader for the examples in Graph
//! reference pages ([`docs`]), and a simulated store of the seed entity's states with the
//! updates the tests send them ([`states`]), the unsigned access tokens they carry
//! ([`unsigned_jwt`]), and the benches' instruction counts ([`callgrind`]).

#![warn(missing_docs)]

pub mod callgrind;
pub mod corpus;
pub mod docs;
pub mod intune;
pub mod states;

/// An unsigned JWT carrying `claims` (a JSON object), as a test identity platform would issue:
/// what graphpatch's permission preflight reads.
pub fn unsigned_jwt(claims: &serde_json::Value) -> String {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine as _;
    let header = URL_SAFE_NO_PAD.encode(r#"{"typ":"JWT","alg":"none"}"#);
    let payload = URL_SAFE_NO_PAD.encode(claims.to_string());
    format!("{header}.{payload}.")
}
