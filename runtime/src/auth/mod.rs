//! Access tokens and where they come from.
//!
//! A [`TokenProvider`] hands the client a bearer token for each request. The providers here:
//!
//! | provider | the token comes from |
//! |---|---|
//! | [`StaticToken`] | a fixed string, for scripts and tests |
//! | [`EnvToken`] | an environment variable, read at each request |
//! | [`token_fn`] | your own async closure (a vault, a CLI, another SDK) |
//! | [`ClientCredentials`] | the identity platform, as an application with a client secret |
//! | [`DeviceCode`] | the identity platform, as a user signing in on another device |
//! | `AzureCredential` | any Azure SDK credential (feature `azure`) |
//!
//! The two identity-platform providers cache their token, refresh it shortly before it expires
//! with one request however many callers wait for it, and answer a claims challenge
//! ([`claims_challenge`], [`TokenProvider::token_with_claims`]) with a fresh token.
//! [`TokenClaims`] reads what a token grants, without checking its signature.
//!
//! No provider shows a token, a secret, a refresh token or a device code in `Debug`, `Display`,
//! a log event or an error.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

#[cfg(feature = "azure")]
mod azure;
mod cache;
mod claims;
mod client_credentials;
mod device_code;
mod identity;
mod secret;

#[cfg(feature = "azure")]
pub use azure::AzureCredential;
pub use claims::{claims_challenge, TokenClaims, TokenKind};
pub use client_credentials::{ClientCredentials, ClientCredentialsBuilder};
pub use device_code::{DeviceCode, DeviceCodeBuilder, DeviceCodePrompt};
pub use identity::Authority;

pub use crate::error::TokenError;

/// A bearer token. Its `Debug` and `Display` never show it; [`AccessToken::secret`] does.
///
/// ```
/// use graphpatch::auth::AccessToken;
/// let token = AccessToken::new("eyJ0eXAi.secret.part");
/// assert_eq!(format!("{token:?}"), "AccessToken(<redacted>)");
/// assert_eq!(token.secret(), "eyJ0eXAi.secret.part");
/// ```
#[derive(Clone)]
pub struct AccessToken(Arc<Token>);

/// What a token's clones share: the token, and its claims once something read them.
struct Token {
    secret: Arc<str>,
    claims: OnceLock<Option<TokenClaims>>,
}

impl AccessToken {
    /// Wraps a token.
    pub fn new(token: impl Into<Arc<str>>) -> Self {
        AccessToken(Arc::new(Token {
            secret: token.into(),
            claims: OnceLock::new(),
        }))
    }

    /// The token itself. Only the client's `Authorization` header should need it.
    pub fn secret(&self) -> &str {
        &self.0.secret
    }

    /// What the token grants ([`TokenClaims::parse`]; `None` for an opaque or encrypted
    /// token), read the first time it is asked for and kept with the token and its clones: a
    /// provider that hands out clones of one token until it expires has its claims read once,
    /// not at every request's permission check.
    ///
    /// ```
    /// use graphpatch::auth::AccessToken;
    /// // {"alg":"none"} . {"scp":"User.Read","tid":"72f988bf-86f1-41af-91ab-2d7cd011db47"}
    /// let token = AccessToken::new(
    ///     "eyJhbGciOiJub25lIn0.eyJzY3AiOiJVc2VyLlJlYWQiLCJ0aWQiOiI3MmY5ODhiZi04NmYxLTQxYWYtOTFhYi0yZDdjZDAxMWRiNDcifQ.",
    /// );
    /// assert_eq!(token.claims().map(|c| c.permissions().to_vec()), Some(vec!["User.Read".to_owned()]));
    /// assert!(AccessToken::new("opaque").claims().is_none());
    /// ```
    pub fn claims(&self) -> Option<&TokenClaims> {
        self.0
            .claims
            .get_or_init(|| TokenClaims::parse(&self.0.secret))
            .as_ref()
    }
}

/// Tokens are equal when their text is.
impl PartialEq for AccessToken {
    fn eq(&self, other: &Self) -> bool {
        self.0.secret == other.0.secret
    }
}

impl Eq for AccessToken {}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessToken(<redacted>)")
    }
}

impl fmt::Display for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// The future a [`TokenProvider`] returns.
pub type TokenFuture<'a> =
    Pin<Box<dyn Future<Output = Result<AccessToken, TokenError>> + Send + 'a>>;

/// Where the client gets its bearer token, once per request.
///
/// ```
/// use graphpatch::auth::{AccessToken, TokenFuture, TokenProvider};
/// struct FromVault;
/// impl TokenProvider for FromVault {
///     fn token(&self) -> TokenFuture<'_> {
///         Box::pin(async { Ok(AccessToken::new("token from a vault")) })
///     }
/// }
/// ```
pub trait TokenProvider: Send + Sync {
    /// A token valid for the next request.
    fn token(&self) -> TokenFuture<'_>;

    /// A fresh token that satisfies a claims challenge: `claims` is the JSON claims request
    /// that [`claims_challenge`] decodes from a `401` answer's `WWW-Authenticate` header.
    ///
    /// Providers that talk to the identity platform send it as the OAuth 2.0 `claims`
    /// parameter, bypassing their cache, and keep the new token. The default, for providers
    /// that cannot ask for claims, is [`TokenProvider::token`].
    fn token_with_claims<'a>(&'a self, claims: &'a str) -> TokenFuture<'a> {
        let _ = claims;
        self.token()
    }
}

/// One provider shared by several clients.
impl<T: TokenProvider + ?Sized> TokenProvider for Arc<T> {
    fn token(&self) -> TokenFuture<'_> {
        (**self).token()
    }

    fn token_with_claims<'a>(&'a self, claims: &'a str) -> TokenFuture<'a> {
        (**self).token_with_claims(claims)
    }
}

/// A fixed token, for scripts and tests.
///
/// ```
/// use graphpatch::auth::StaticToken;
/// let provider = StaticToken::new("eyJ0eXAi…");
/// assert!(!format!("{provider:?}").contains("eyJ0"));
/// ```
#[derive(Debug, Clone)]
pub struct StaticToken(AccessToken);

impl StaticToken {
    /// Always answers with this token.
    pub fn new(token: impl Into<Arc<str>>) -> Self {
        StaticToken(AccessToken::new(token))
    }
}

impl TokenProvider for StaticToken {
    fn token(&self) -> TokenFuture<'_> {
        let token = self.0.clone();
        Box::pin(async move { Ok(token) })
    }
}

/// The token in an environment variable, read at each request, so a token renewed outside
/// the program is picked up. Surrounding whitespace is ignored. While the variable holds the
/// same token, each request gets that one [`AccessToken`] again, so its claims are read once.
///
/// A missing, empty or non-Unicode variable is a [`TokenError`] that names the variable, never
/// its value.
///
/// ```
/// use graphpatch::auth::{EnvToken, TokenProvider};
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// let provider = EnvToken::new("GRAPHPATCH_DOC_TOKEN_UNSET");
/// let err = provider.token().await.unwrap_err();
/// assert_eq!(err.to_string(), "environment variable GRAPHPATCH_DOC_TOKEN_UNSET is not set");
/// # }
/// ```
pub struct EnvToken {
    var: String,
    last: LastToken,
}

impl EnvToken {
    /// Reads the variable `var` at each request, e.g. `"GRAPH_TOKEN"`.
    pub fn new(var: impl Into<String>) -> Self {
        EnvToken {
            var: var.into(),
            last: LastToken::default(),
        }
    }

    /// The variable's name.
    pub fn var(&self) -> &str {
        &self.var
    }

    fn read(&self) -> Result<AccessToken, TokenError> {
        let var = &self.var;
        match std::env::var(var) {
            Ok(value) if value.trim().is_empty() => Err(TokenError::new(format!(
                "environment variable {var} is empty"
            ))),
            Ok(value) => Ok(self.last.get(value.trim())),
            Err(std::env::VarError::NotPresent) => Err(TokenError::new(format!(
                "environment variable {var} is not set"
            ))),
            Err(std::env::VarError::NotUnicode(_)) => Err(TokenError::new(format!(
                "environment variable {var} is not valid Unicode"
            ))),
        }
    }
}

/// Shows the variable's name only.
impl fmt::Debug for EnvToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EnvToken").field("var", &self.var).finish()
    }
}

/// The same variable, with nothing read yet.
impl Clone for EnvToken {
    fn clone(&self) -> Self {
        EnvToken::new(self.var.clone())
    }
}

/// Providers are equal when they read the same variable.
impl PartialEq for EnvToken {
    fn eq(&self, other: &Self) -> bool {
        self.var == other.var
    }
}

impl Eq for EnvToken {}

impl TokenProvider for EnvToken {
    fn token(&self) -> TokenFuture<'_> {
        let token = self.read();
        Box::pin(async move { token })
    }
}

/// The token a provider handed out last, handed out again while its source gives the same
/// text: one token, so its claims are read once, not at every request.
#[derive(Default)]
pub(crate) struct LastToken(Mutex<Option<AccessToken>>);

impl LastToken {
    /// The token whose text is `secret`: the last one if it is that, else a new one, kept.
    pub(crate) fn get(&self, secret: &str) -> AccessToken {
        // A poisoned lock holds a whole `Option`: nothing was left half-written.
        let mut last = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        match &*last {
            Some(token) if token.secret() == secret => token.clone(),
            _ => last.insert(AccessToken::new(secret)).clone(),
        }
    }
}

/// A provider made of an async closure: see [`token_fn`].
pub struct TokenFn<F>(F);

/// A provider that calls `f` for each token: for a vault, a command-line tool, or a credential
/// library graphpatch does not know. The future must own what it uses (`async move`).
///
/// ```
/// use graphpatch::GraphClient;
/// use graphpatch::auth::{token_fn, AccessToken, TokenError};
/// let client = GraphClient::new(token_fn(|| async {
///     let token = std::env::var("MY_TOKEN")
///         .map_err(|_| TokenError::new("MY_TOKEN is not set"))?;
///     Ok(AccessToken::new(token))
/// }));
/// assert!(client.is_ok());
/// ```
pub fn token_fn<F, Fut>(f: F) -> TokenFn<F>
where
    F: Fn() -> Fut + Send + Sync,
    Fut: Future<Output = Result<AccessToken, TokenError>> + Send + 'static,
{
    TokenFn(f)
}

impl<F, Fut> TokenProvider for TokenFn<F>
where
    F: Fn() -> Fut + Send + Sync,
    Fut: Future<Output = Result<AccessToken, TokenError>> + Send + 'static,
{
    fn token(&self) -> TokenFuture<'_> {
        Box::pin((self.0)())
    }
}

impl<F> fmt::Debug for TokenFn<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TokenFn(<closure>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_token_hands_out_one_token_while_the_variable_holds_it() {
        let var = format!("GRAPHPATCH_UNIT_ENV_TOKEN_{}", std::process::id());
        let provider = EnvToken::new(&var);
        std::env::set_var(&var, "first-token");
        let (a, b) = (provider.read().unwrap(), provider.read().unwrap());
        // One token, so one parse of its claims, whatever the number of requests.
        assert!(Arc::ptr_eq(&a.0, &b.0));
        std::env::set_var(&var, " renewed-token ");
        let renewed = provider.read().unwrap();
        assert_eq!(renewed.secret(), "renewed-token");
        assert!(!Arc::ptr_eq(&renewed.0, &a.0));
        assert!(Arc::ptr_eq(&renewed.0, &provider.read().unwrap().0));
        // A clone reads for itself.
        let clone = provider.clone();
        assert_eq!(clone, provider);
        assert!(!Arc::ptr_eq(&clone.read().unwrap().0, &renewed.0));
        std::env::remove_var(&var);
        assert!(provider.read().is_err());
        assert_eq!(
            format!("{provider:?}"),
            format!("EnvToken {{ var: {var:?} }}")
        );
    }
}
