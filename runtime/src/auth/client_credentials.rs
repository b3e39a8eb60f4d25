//! The OAuth 2.0 client credentials grant: an application signs in with its own secret.

use std::fmt;
use std::sync::Arc;

use super::cache::{Lookup, TokenCache};
use super::identity::{identity_builder_methods, Endpoint, IdentityConfig, TokenAnswer};
use super::secret::Secret;
use super::{AccessToken, TokenError, TokenFuture, TokenProvider};
use crate::error::Error;

/// Application tokens from the identity platform, for an app registration with a client
/// secret: `POST {authority}/{tenant}/oauth2/v2.0/token` with `grant_type=client_credentials`.
///
/// The token is cached and reused until shortly before it expires; however many requests need
/// a new one at once, one token request is made (a failed one is not remembered: the next
/// caller asks again). Clones share the cache. The secret is never shown by `Debug`, logged,
/// or put in an error.
///
/// ```no_run
/// use graphpatch::GraphClient;
/// use graphpatch::auth::ClientCredentials;
/// # fn run() -> Result<(), graphpatch::Error> {
/// let credentials = ClientCredentials::builder(
///     "contoso.onmicrosoft.com",
///     "00000000-0000-0000-0000-000000000001",
///     std::env::var("GRAPH_CLIENT_SECRET").unwrap_or_default(),
/// )
/// .build()?;
/// let client = GraphClient::new(credentials)?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct ClientCredentials {
    inner: Arc<Inner>,
}

struct Inner {
    endpoint: Endpoint,
    tenant: String,
    client_id: String,
    client_secret: Secret,
    scope: String,
    cache: TokenCache,
}

/// Configures [`ClientCredentials`].
pub struct ClientCredentialsBuilder {
    tenant: String,
    client_id: String,
    client_secret: Secret,
    config: IdentityConfig,
}

impl ClientCredentials {
    /// Starts configuring: the tenant (id or domain name), the application (client) id and a
    /// client secret of the app registration.
    pub fn builder(
        tenant: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> ClientCredentialsBuilder {
        ClientCredentialsBuilder {
            tenant: tenant.into(),
            client_id: client_id.into(),
            client_secret: Secret::new(client_secret.into()),
            config: IdentityConfig::new(),
        }
    }

    /// The scope asked for.
    pub fn scope(&self) -> &str {
        &self.inner.scope
    }

    async fn fetch(&self, claims: Option<&str>) -> Result<AccessToken, TokenError> {
        let flight = match self.inner.cache.begin(claims.is_some()).await {
            Lookup::Cached(token) => return Ok(token),
            Lookup::Failed(error) => return Err(error),
            Lookup::Refresh(flight) => flight,
        };
        let inner = &*self.inner;
        let mut form = vec![
            ("client_id", inner.client_id.as_str()),
            ("client_secret", inner.client_secret.expose()),
            ("scope", inner.scope.as_str()),
            ("grant_type", "client_credentials"),
        ];
        if let Some(claims) = claims {
            form.push(("claims", claims));
        }
        let result = inner
            .endpoint
            .post::<TokenAnswer>("token", &form, &[&inner.client_secret])
            .await
            .and_then(TokenAnswer::into_grant);
        flight.finish(result)
    }
}

impl ClientCredentialsBuilder {
    identity_builder_methods!("https://graph.microsoft.com/.default");

    /// Checks the configuration: [`Error::Config`] for an empty client id or secret, an invalid
    /// tenant or an empty scope.
    pub fn build(mut self) -> Result<ClientCredentials, Error> {
        if self.client_id.trim().is_empty() {
            return Err(Error::Config("the client id is empty".into()));
        }
        if self.client_secret.expose().is_empty() {
            return Err(Error::Config("the client secret is empty".into()));
        }
        let scope = self.config.scope("")?;
        let endpoint = self.config.endpoint(&self.tenant)?;
        Ok(ClientCredentials {
            inner: Arc::new(Inner {
                endpoint,
                tenant: self.tenant,
                client_id: self.client_id,
                client_secret: self.client_secret,
                scope,
                cache: TokenCache::new(self.config.expiry_margin),
            }),
        })
    }
}

impl TokenProvider for ClientCredentials {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(self.fetch(None))
    }

    fn token_with_claims<'a>(&'a self, claims: &'a str) -> TokenFuture<'a> {
        Box::pin(self.fetch(Some(claims)))
    }
}

impl fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &*self.inner;
        f.debug_struct("ClientCredentials")
            .field("token_url", &inner.endpoint.url("token"))
            .field("tenant", &inner.tenant)
            .field("client_id", &inner.client_id)
            .field("client_secret", &inner.client_secret)
            .field("scope", &inner.scope)
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for ClientCredentialsBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCredentialsBuilder")
            .field("authority", &self.config.authority)
            .field("tenant", &self.tenant)
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .finish_non_exhaustive()
    }
}
