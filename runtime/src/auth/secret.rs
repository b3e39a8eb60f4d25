//! Secrets the token providers hold — client secrets, refresh tokens, device codes — in a type
//! whose `Debug` never shows them.

use std::fmt;
use std::sync::Arc;

/// A client secret, refresh token or device code: `Debug` never shows it.
#[derive(Clone)]
pub(crate) struct Secret(Arc<str>);

impl Secret {
    pub(crate) fn new(secret: impl Into<Arc<str>>) -> Self {
        Secret(secret.into())
    }

    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}
