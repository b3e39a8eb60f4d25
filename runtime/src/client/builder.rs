//! Configuring a client: the service root and its URL policy, the token provider, timeouts,
//! retries and the HTTP client.

use std::sync::Arc;
use std::time::Duration;

use reqwest::header::HeaderValue;
use reqwest::Url;

use super::redirect::redirect_policy;
use super::send::USER_AGENT_PRODUCT;
use super::shared::{GraphClient, Inner};
use crate::auth::{StaticToken, TokenProvider};
use crate::cloud::Cloud;
use crate::error::Error;
use crate::http::is_loopback;
use crate::permissions::Preflight;
use crate::retry::{Jitter, RetryPolicy};

/// The default bound on a response body.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 4 * 1024 * 1024;

/// Configures a [`GraphClient`].
pub struct GraphClientBuilder {
    base_url: String,
    token: Option<Arc<dyn TokenProvider>>,
    preflight: Preflight,
    http: Option<reqwest::Client>,
    user_agent: Option<String>,
    max_response_bytes: usize,
    timeout: Duration,
    connect_timeout: Duration,
    deadline: Duration,
    retry: RetryPolicy,
    jitter_seed: Option<u64>,
}

impl std::fmt::Debug for GraphClientBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GraphClientBuilder")
            .field("base_url", &self.base_url)
            .field("user_agent", &self.user_agent)
            .finish_non_exhaustive()
    }
}

impl GraphClientBuilder {
    /// Sends to this service root instead of the global cloud's, e.g. a national cloud, a
    /// proxy, or the embedded simulator (`http://` is allowed only for loopback addresses).
    #[must_use]
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// Sends to a national cloud.
    #[must_use]
    pub fn cloud(self, cloud: Cloud) -> Self {
        self.base_url(cloud.base_url())
    }

    /// Where tokens come from (required).
    #[must_use]
    pub fn token_provider(mut self, provider: impl TokenProvider + 'static) -> Self {
        self.token = Some(Arc::new(provider));
        self
    }

    /// Whether to check each token's claims against the entity's permissions before sending
    /// (default [`Preflight::Enforce`]: refuse locally, with the permissions that would work).
    #[must_use]
    pub fn preflight(mut self, preflight: Preflight) -> Self {
        self.preflight = preflight;
        self
    }

    /// A fixed token: shorthand for `token_provider(StaticToken::new(token))`.
    #[must_use]
    pub fn token(self, token: impl Into<Arc<str>>) -> Self {
        self.token_provider(StaticToken::new(token))
    }

    /// Uses this `reqwest::Client` (and its pool, proxy and TLS settings).
    #[must_use]
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// Names your application in `User-Agent`, before graphpatch's own product token, as the
    /// Azure SDK guidelines place an application id: `"my-tool/1.2"` sends
    /// `User-Agent: my-tool/1.2 graphpatch/0.1.0`. Without it, `graphpatch/0.1.0`.
    #[must_use]
    pub fn user_agent(mut self, product: impl Into<String>) -> Self {
        self.user_agent = Some(product.into());
        self
    }

    /// Bounds response bodies (default 4 MiB); a larger body is an error, not an allocation.
    #[must_use]
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// How throttled and failed attempts are retried (default: [`RetryPolicy::default`]).
    #[must_use]
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Draws the jitter of retry backoffs from this seed instead of a random one, so that a
    /// test's waits replay exactly (print the seed, and a failed run can be run again as it
    /// was). `Retry-After` waits have no jitter either way.
    #[must_use]
    pub fn jitter_seed(mut self, seed: u64) -> Self {
        self.jitter_seed = Some(seed);
        self
    }

    /// Bounds a whole call, every attempt and wait included (default 10 minutes): past it the
    /// call fails with [`Error::Timeout`] of kind [`TimeoutKind::Deadline`](crate::TimeoutKind::Deadline).
    #[must_use]
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = deadline;
        self
    }

    /// Bounds each attempt, from sending to the last byte of the response (default 100 s).
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Bounds connection set-up (default 10 s). Applies to the client graphpatch builds, not to
    /// one given with [`GraphClientBuilder::http_client`].
    #[must_use]
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Checks the configuration and builds the client.
    ///
    /// The client it builds follows only redirects that keep the method and body (307, 308), at
    /// most 5, never to plain `http`, without `Authorization` across origins; any other redirect
    /// is [`Error::Redirect`], since a 301/302 turns a PATCH into a GET that applies nothing. For
    /// an `http://` loopback service root it ignores proxy settings, so the token stays on the
    /// machine. A client given with [`GraphClientBuilder::http_client`] is used as configured,
    /// and a response from any URL but the one sent to is an error.
    pub fn build(self) -> Result<GraphClient, Error> {
        let token = self.token.ok_or_else(|| {
            Error::Config("no token provider: call .token_provider(…) or .token(…)".into())
        })?;
        let base_url = check_base_url(&self.base_url)?;
        let user_agent = match &self.user_agent {
            Some(product) => format!("{product} {USER_AGENT_PRODUCT}"),
            None => USER_AGENT_PRODUCT.to_owned(),
        };
        let user_agent = HeaderValue::from_str(&user_agent)
            .map_err(|_| Error::Config(format!("invalid User-Agent product {user_agent:?}")))?;
        let own_http = self.http.is_none();
        let http = match self.http {
            Some(http) => http,
            None => {
                let builder = with_tls(reqwest::Client::builder())?
                    .redirect(redirect_policy())
                    .connect_timeout(self.connect_timeout);
                let builder = if base_url.starts_with("http://") {
                    builder.no_proxy()
                } else {
                    builder
                };
                builder.build()
            }
            .map_err(|err| Error::Config(format!("could not build the HTTP client: {err}")))?,
        };
        Ok(GraphClient {
            inner: Arc::new(Inner {
                http,
                base_url,
                token,
                preflight: self.preflight,
                user_agent,
                max_response_bytes: self.max_response_bytes,
                timeout: self.timeout,
                connect_timeout: self.connect_timeout,
                deadline: self.deadline,
                retry: self.retry,
                jitter: self.jitter_seed.map_or_else(Jitter::random, Jitter::seeded),
                own_http,
            }),
        })
    }
}

#[cfg(not(any(feature = "aws-lc-rs", feature = "ring")))]
compile_error!(
    "graphpatch needs a TLS crypto provider: enable its `aws-lc-rs` (default) or `ring` feature"
);

/// `builder` with the TLS crypto provider the features chose: every `reqwest::Client` the crate
/// builds itself (for Graph and for the identity platform) starts here.
pub(crate) fn with_tls(builder: reqwest::ClientBuilder) -> Result<reqwest::ClientBuilder, Error> {
    #[cfg(feature = "ring")]
    let builder = builder.tls_backend_preconfigured(ring_tls()?);
    Ok(builder)
}

/// rustls on ring with the platform's certificate verifier: what reqwest builds on aws-lc-rs,
/// with the other provider. Given to reqwest whole, so no process-wide default is installed.
#[cfg(feature = "ring")]
fn ring_tls() -> Result<rustls::ClientConfig, Error> {
    let failed = |err: rustls::Error| Error::Config(format!("could not set up TLS: {err}"));
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier = rustls_platform_verifier::Verifier::new(provider.clone()).map_err(failed)?;
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(failed)?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    // reqwest leaves ALPN to a preconfigured TLS: offer what it would have.
    config.alpn_protocols = if cfg!(feature = "http2") {
        vec![b"h2".to_vec(), b"http/1.1".to_vec()]
    } else {
        vec![b"http/1.1".to_vec()]
    };
    Ok(config)
}

/// `https://` anywhere; `http://` only to loopback, where a token cannot be overheard.
fn check_base_url(raw: &str) -> Result<String, Error> {
    let url =
        Url::parse(raw).map_err(|err| Error::Config(format!("invalid base URL {raw:?}: {err}")))?;
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::Config(format!(
            "base URL {raw:?} cannot have a query or fragment"
        )));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::Config("base URL cannot hold credentials".into()));
    }
    let loopback = is_loopback(&url);
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        "http" => {
            return Err(Error::Config(format!(
                "refusing plain http:// to {}: a bearer token would cross the network unencrypted \
                 (http:// is allowed only for loopback addresses)",
                url.host_str().unwrap_or_default()
            )))
        }
        other => return Err(Error::Config(format!("unsupported URL scheme {other:?}"))),
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

impl GraphClient {
    /// A client for the global cloud with this token provider.
    pub fn new(token: impl TokenProvider + 'static) -> Result<Self, Error> {
        Self::builder().token_provider(token).build()
    }

    /// Starts configuring a client.
    pub fn builder() -> GraphClientBuilder {
        GraphClientBuilder {
            base_url: Cloud::Global.base_url().to_owned(),
            token: None,
            preflight: Preflight::default(),
            http: None,
            user_agent: None,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            timeout: Duration::from_secs(100),
            connect_timeout: Duration::from_secs(10),
            deadline: Duration::from_secs(600),
            retry: RetryPolicy::default(),
            jitter_seed: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls() {
        assert_eq!(
            check_base_url("https://graph.microsoft.com/").unwrap(),
            "https://graph.microsoft.com"
        );
        for ok in [
            "http://127.0.0.1:8080",
            "http://localhost:1",
            "http://[::1]:9",
            "http://127.5.6.7",
        ] {
            assert!(check_base_url(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://graph.microsoft.com",
            "http://10.0.0.1",
            "http://localhost.evil.example",
            "ftp://127.0.0.1",
            "https://graph.microsoft.com/?x=1",
            "https://user:pw@graph.microsoft.com",
            "not a url",
        ] {
            assert!(
                matches!(check_base_url(bad), Err(Error::Config(_))),
                "{bad}"
            );
        }
    }
}
