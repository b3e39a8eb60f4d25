//! Prints what an admin must consent to for the entities the examples update: for each kind of
//! caller, the least-privileged set of permissions that covers them all, as a Markdown table.
//!
//! ```text
//! cargo run --example required_scopes
//! ```

use graphpatch::auth::TokenKind;
use graphpatch_test_support::intune::required_scopes;

fn main() {
    for kind in [
        TokenKind::DelegatedWork,
        TokenKind::DelegatedPersonal,
        TokenKind::Application,
    ] {
        println!("{}\n", required_scopes(kind));
    }
}
