//! The Microsoft identity platform's OAuth 2.0 endpoints: where they are, how they are called,
//! and what their answers mean.

use std::borrow::Cow;
use std::fmt;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use reqwest::header::{HeaderValue, ACCEPT, CONTENT_TYPE, USER_AGENT};
use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::cache::Grant;
use super::claims::TokenClaims;
use super::secret::Secret;
use super::{AccessToken, TokenError};
use crate::cloud::Cloud;
use crate::error::{snippet, Error};
use crate::http::{is_loopback, read_limited, BodyError};

/// The most an identity-platform answer may hold; a token answer is a few kilobytes.
const MAX_ANSWER_BYTES: usize = 256 * 1024;
const USER_AGENT_VALUE: &str = concat!("graphpatch/", env!("CARGO_PKG_VERSION"));
/// The default bound on one request to the identity platform.
pub(crate) const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// The default time before expiry at which a cached token is replaced.
pub(crate) const DEFAULT_EXPIRY_MARGIN: Duration = Duration::from_secs(5 * 60);

/// The identity platform's host: `https://login.microsoftonline.com` for the global cloud,
/// another for a national cloud, or your own (a proxy, a test double).
///
/// ```
/// use graphpatch::auth::Authority;
/// use graphpatch::Cloud;
/// assert_eq!(Authority::PUBLIC.as_str(), "https://login.microsoftonline.com");
/// assert_eq!(Authority::for_cloud(Cloud::UsGovDod), Authority::US_GOVERNMENT);
/// assert!(Authority::custom("http://127.0.0.1:8400").is_ok());
/// // A secret would cross the network in clear text.
/// assert!(Authority::custom("http://login.example.com").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Authority(Cow<'static, str>);

impl Authority {
    /// The global cloud: `https://login.microsoftonline.com`.
    pub const PUBLIC: Authority = Authority(Cow::Borrowed("https://login.microsoftonline.com"));
    /// US Government (L4 and L5): `https://login.microsoftonline.us`.
    pub const US_GOVERNMENT: Authority =
        Authority(Cow::Borrowed("https://login.microsoftonline.us"));
    /// China, operated by 21Vianet: `https://login.chinacloudapi.cn`.
    pub const CHINA: Authority = Authority(Cow::Borrowed("https://login.chinacloudapi.cn"));

    /// The authority of a Graph deployment.
    pub const fn for_cloud(cloud: Cloud) -> Authority {
        match cloud {
            Cloud::Global => Authority::PUBLIC,
            Cloud::UsGov | Cloud::UsGovDod => Authority::US_GOVERNMENT,
            Cloud::China => Authority::CHINA,
        }
    }

    /// Another host (and optional path prefix). `https://` anywhere; `http://` only for
    /// loopback addresses, where a secret cannot be overheard. No query, fragment or
    /// credentials. [`Error::Config`] otherwise.
    pub fn custom(url: &str) -> Result<Authority, Error> {
        let parsed = url::Url::parse(url)
            .map_err(|err| Error::Config(format!("invalid authority URL {url:?}: {err}")))?;
        if parsed.query().is_some() || parsed.fragment().is_some() {
            return Err(Error::Config(format!(
                "authority URL {url:?} cannot have a query or fragment"
            )));
        }
        if !parsed.username().is_empty() || parsed.password().is_some() {
            return Err(Error::Config(
                "authority URL cannot hold credentials".into(),
            ));
        }
        match parsed.scheme() {
            "https" => {}
            "http" if is_loopback(&parsed) => {}
            "http" => {
                return Err(Error::Config(format!(
                    "refusing plain http:// to {}: secrets and tokens would cross the network \
                     unencrypted (http:// is allowed only for loopback addresses)",
                    parsed.host_str().unwrap_or_default()
                )))
            }
            other => return Err(Error::Config(format!("unsupported URL scheme {other:?}"))),
        }
        Ok(Authority(Cow::Owned(
            parsed.as_str().trim_end_matches('/').to_owned(),
        )))
    }

    /// The URL, without a trailing `/`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for Authority {
    fn default() -> Self {
        Authority::PUBLIC
    }
}

impl fmt::Display for Authority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What both identity-platform builders configure.
pub(crate) struct IdentityConfig {
    pub(crate) authority: Authority,
    /// The Graph service root whose `/.default` scope is asked for by default.
    pub(crate) graph: &'static str,
    pub(crate) scope: Option<String>,
    pub(crate) expiry_margin: Duration,
    pub(crate) http: Option<reqwest::Client>,
    pub(crate) timeout: Duration,
}

impl IdentityConfig {
    pub(crate) fn new() -> Self {
        IdentityConfig {
            authority: Authority::PUBLIC,
            graph: Cloud::Global.base_url(),
            scope: None,
            expiry_margin: DEFAULT_EXPIRY_MARGIN,
            http: None,
            timeout: DEFAULT_TIMEOUT,
        }
    }

    /// The scope asked for: the one set, or the cloud's Graph `/.default` and `extra`.
    pub(crate) fn scope(&self, extra: &str) -> Result<String, Error> {
        let scope = match &self.scope {
            Some(scope) => scope.trim().to_owned(),
            None => format!("{}/.default{extra}", self.graph),
        };
        if scope.is_empty() {
            return Err(Error::Config("the scope is empty".into()));
        }
        Ok(scope)
    }

    /// The tenant's OAuth 2.0 v2.0 endpoints, with the HTTP client to call them.
    pub(crate) fn endpoint(&mut self, tenant: &str) -> Result<Endpoint, Error> {
        let valid = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_');
        if tenant.is_empty() || !tenant.chars().all(valid) {
            return Err(Error::Config(format!(
                "invalid tenant {tenant:?}: expected a tenant id, a domain name, \
                 `organizations`, `consumers` or `common`"
            )));
        }
        let http = match self.http.take() {
            Some(http) => http,
            None => {
                // A redirect must not carry a secret to another host.
                let builder = crate::client::builder::with_tls(reqwest::Client::builder())?
                    .redirect(reqwest::redirect::Policy::none())
                    .connect_timeout(Duration::from_secs(10));
                let builder = if self.authority.as_str().starts_with("http://") {
                    // Loopback: no proxy sees the secret.
                    builder.no_proxy()
                } else {
                    builder
                };
                builder.build().map_err(|err| {
                    Error::Config(format!("could not build the HTTP client: {err}"))
                })?
            }
        };
        Ok(Endpoint {
            http,
            base: format!("{}/{tenant}/oauth2/v2.0", self.authority),
            timeout: self.timeout,
        })
    }
}

/// The builder methods both identity-platform builders share (each has an `IdentityConfig`
/// named `config`); `$default_scope` is said in the `scope` docs.
macro_rules! identity_builder_methods {
    ($default_scope:literal) => {
        /// Asks this host instead of `https://login.microsoftonline.com`.
        #[must_use]
        pub fn authority(mut self, authority: $crate::auth::Authority) -> Self {
            self.config.authority = authority;
            self
        }

        /// Signs in to a national cloud: its authority, and its Graph root in the default
        /// scope (`https://graph.microsoft.us/.default` for [`Cloud::UsGov`](crate::Cloud)).
        /// Give the same cloud to [`GraphClientBuilder::cloud`](crate::client::GraphClientBuilder::cloud).
        #[must_use]
        pub fn cloud(mut self, cloud: $crate::Cloud) -> Self {
            self.config.authority = $crate::auth::Authority::for_cloud(cloud);
            self.config.graph = cloud.base_url();
            self
        }

        #[doc = concat!("The scopes asked for, space-separated (default `", $default_scope, "`).")]
        #[must_use]
        pub fn scope(mut self, scope: impl Into<String>) -> Self {
            self.config.scope = Some(scope.into());
            self
        }

        /// How long before it expires a cached token is replaced (default 5 minutes; at most
        /// half the token's lifetime).
        #[must_use]
        pub fn expiry_margin(mut self, margin: std::time::Duration) -> Self {
            self.config.expiry_margin = margin;
            self
        }

        /// Uses this `reqwest::Client` (its pool, proxy and TLS settings). Configure it not
        /// to follow redirects: one would carry the request's secret to another host. The
        /// default client follows none, and ignores proxies for a loopback authority.
        #[must_use]
        pub fn http_client(mut self, http: reqwest::Client) -> Self {
            self.config.http = Some(http);
            self
        }

        /// Bounds each request to the identity platform (default 30 s).
        #[must_use]
        pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
            self.config.timeout = timeout;
            self
        }
    };
}
pub(crate) use identity_builder_methods;

/// One tenant's OAuth 2.0 v2.0 endpoints.
pub(crate) struct Endpoint {
    http: reqwest::Client,
    /// `{authority}/{tenant}/oauth2/v2.0`.
    base: String,
    timeout: Duration,
}

/// The identity platform's error answer.
#[derive(Deserialize)]
struct OAuthError {
    error: String,
    error_description: Option<String>,
}

/// A successful token answer. No `Debug`: it holds tokens.
#[derive(Deserialize)]
pub(crate) struct TokenAnswer {
    access_token: String,
    token_type: Option<String>,
    expires_in: Option<Seconds>,
    refresh_token: Option<String>,
}

/// A number of seconds, which some endpoints send as a string.
#[derive(Deserialize)]
#[serde(untagged)]
pub(crate) enum Seconds {
    Whole(u64),
    Fraction(f64),
    Text(String),
}

impl Seconds {
    pub(crate) fn duration(&self) -> Option<Duration> {
        match self {
            Seconds::Whole(seconds) => Some(Duration::from_secs(*seconds)),
            Seconds::Fraction(seconds) => Duration::try_from_secs_f64(*seconds).ok(),
            Seconds::Text(text) => text.trim().parse().ok().map(Duration::from_secs),
        }
    }
}

impl TokenAnswer {
    /// The grant, with the token's lifetime from `expires_in` or else the token's `exp`.
    pub(crate) fn into_grant(self) -> Result<Grant, TokenError> {
        if self.access_token.is_empty() {
            return Err(TokenError::new(
                "the identity platform answered without an access token",
            ));
        }
        if let Some(kind) = self
            .token_type
            .filter(|t| !t.eq_ignore_ascii_case("bearer"))
        {
            return Err(TokenError::new(format!(
                "the identity platform answered a {:?} token, not a Bearer token",
                snippet(kind.as_bytes())
            )));
        }
        let lifetime = self
            .expires_in
            .as_ref()
            .and_then(Seconds::duration)
            .or_else(|| {
                let exp = TokenClaims::parse(&self.access_token)?.exp?;
                let now = SystemTime::now().duration_since(UNIX_EPOCH).ok()?.as_secs();
                Some(Duration::from_secs(
                    u64::try_from(exp).ok()?.checked_sub(now)?,
                ))
            });
        Ok(Grant {
            token: AccessToken::new(self.access_token),
            lifetime,
            refresh_token: self
                .refresh_token
                .filter(|t| !t.is_empty())
                .map(Secret::new),
        })
    }
}

impl Endpoint {
    /// The URL of an endpoint: `token` or `devicecode`.
    pub(crate) fn url(&self, leaf: &str) -> String {
        format!("{}/{leaf}", self.base)
    }

    /// POSTs a form to the `leaf` endpoint and decodes its JSON answer. An error answer is a
    /// [`TokenError`] with the OAuth `error` code; `secrets` are the form's secret values,
    /// scrubbed from anything the server says back.
    pub(crate) async fn post<T: DeserializeOwned + Send>(
        &self,
        leaf: &str,
        form: &[(&str, &str)],
        secrets: &[&Secret],
    ) -> Result<T, TokenError> {
        let mut answer = None;
        self.exchange(leaf, form, secrets, &mut |body| {
            answer = Some(serde_json::from_slice(body)?);
            Ok(())
        })
        .await?;
        Ok(answer.expect("`exchange` decodes every answer it accepts"))
    }

    /// What `post` does but decode the answer, which it leaves to `decode`: compiled once, not
    /// once for each type of answer.
    async fn exchange(
        &self,
        leaf: &str,
        form: &[(&str, &str)],
        secrets: &[&Secret],
        decode: &mut (dyn FnMut(&[u8]) -> serde_json::Result<()> + Send),
    ) -> Result<(), TokenError> {
        let url = self.url(leaf);
        let grant_type = form
            .iter()
            .find(|(name, _)| *name == "grant_type")
            .map_or("", |(_, value)| *value);
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(form)
            .finish();
        let client_request_id = crate::random::request_id();
        let started = Instant::now();
        let response = self
            .http
            .post(&url)
            .header(
                CONTENT_TYPE,
                HeaderValue::from_static("application/x-www-form-urlencoded"),
            )
            .header(ACCEPT, HeaderValue::from_static("application/json"))
            .header(USER_AGENT, HeaderValue::from_static(USER_AGENT_VALUE))
            .header("client-request-id", &client_request_id)
            .timeout(self.timeout)
            .body(body)
            .send()
            .await;
        let failed = |what: String| {
            tracing::warn!(%url, grant_type, %client_request_id, failure = %what, "token request failed");
            TokenError::new(format!("{leaf} request to {url} failed: {what}"))
        };
        let response = response.map_err(|err| failed(error_chain(&err)))?;
        let status = response.status();
        let body = read_bounded(response)
            .await
            .map_err(|err| failed(format!("HTTP {status}, then {err}")))?;
        tracing::debug!(
            %url,
            grant_type,
            %client_request_id,
            status = status.as_u16(),
            elapsed_ms = started.elapsed().as_millis() as u64,
            "identity platform answered"
        );
        // Scrubbed before cutting, so that no half of a secret is left at the cut.
        let clean = |text: &str| snippet(scrub(text, secrets).as_bytes());
        if status.is_success() {
            return decode(&body).map_err(|err| {
                // serde's message may quote a value, which may be a token: say only where.
                failed(format!(
                    "HTTP {status} with a body that is not the expected JSON (line {}, column {})",
                    err.line(),
                    err.column()
                ))
            });
        }
        match serde_json::from_slice::<OAuthError>(&body) {
            Ok(answer) => {
                let code = clean(&answer.error);
                // Not a warning: `authorization_pending` is a refusal too, every few seconds.
                tracing::debug!(%url, grant_type, %client_request_id, status = status.as_u16(), code, "identity platform refused");
                Err(TokenError::oauth(
                    format!("{leaf} request to {url} was refused (HTTP {status})"),
                    code,
                    answer.error_description.as_deref().map(clean),
                ))
            }
            Err(_) => Err(failed(format!(
                "HTTP {status}: {}",
                clean(&String::from_utf8_lossy(&body))
            ))),
        }
    }
}

/// An error and its sources, one after another: reqwest's own message leaves out the cause.
fn error_chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// Replaces every secret in a text the server chose.
fn scrub(text: &str, secrets: &[&Secret]) -> String {
    secrets
        .iter()
        .filter(|secret| !secret.expose().is_empty())
        .fold(text.to_owned(), |text, secret| {
            text.replace(secret.expose(), "<redacted>")
        })
}

/// Reads a body of at most [`MAX_ANSWER_BYTES`].
async fn read_bounded(response: reqwest::Response) -> Result<bytes::Bytes, String> {
    read_limited(response, MAX_ANSWER_BYTES)
        .await
        .map_err(|err| match err {
            BodyError::Transport(err) => error_chain(&err),
            BodyError::TooLarge => format!("a body larger than the {MAX_ANSWER_BYTES}-byte limit"),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authorities() {
        assert_eq!(Authority::default(), Authority::PUBLIC);
        assert_eq!(
            Authority::for_cloud(Cloud::China).as_str(),
            "https://login.chinacloudapi.cn"
        );
        assert_eq!(Authority::for_cloud(Cloud::UsGov), Authority::US_GOVERNMENT);
        assert_eq!(
            Authority::custom("https://login.example.com/prefix/")
                .unwrap()
                .as_str(),
            "https://login.example.com/prefix"
        );
        for ok in [
            "http://127.0.0.1:8080",
            "http://localhost:1",
            "http://[::1]:9",
        ] {
            assert!(Authority::custom(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://login.microsoftonline.com",
            "http://10.0.0.1",
            "http://localhost.evil.example",
            "ftp://127.0.0.1",
            "https://login.example.com/?x=1",
            "https://login.example.com/#x",
            "https://user:pw@login.example.com",
            "not a url",
        ] {
            assert!(
                matches!(Authority::custom(bad), Err(Error::Config(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn tenants_are_one_segment_and_scopes_follow_the_cloud() {
        let mut config = IdentityConfig::new();
        for bad in ["", "a/b", "../x", "t?x=1", "t#", "t t", "té"] {
            assert!(
                matches!(config.endpoint(bad), Err(Error::Config(_))),
                "{bad:?}"
            );
        }
        let endpoint = config.endpoint("contoso.onmicrosoft.com").unwrap();
        assert_eq!(
            endpoint.url("token"),
            "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token"
        );
        assert_eq!(
            config.scope("").unwrap(),
            "https://graph.microsoft.com/.default"
        );
        config.graph = Cloud::China.base_url();
        assert_eq!(
            config.scope(" offline_access").unwrap(),
            "https://microsoftgraph.chinacloudapi.cn/.default offline_access"
        );
        config.scope = Some("  ".into());
        assert!(config.scope("").is_err());
    }

    #[test]
    fn answers() {
        let answer = |json: &str| {
            serde_json::from_str::<TokenAnswer>(json)
                .unwrap()
                .into_grant()
        };
        let grant = answer(
            r#"{"access_token":"t","token_type":"Bearer","expires_in":"3599","refresh_token":"r"}"#,
        )
        .unwrap();
        assert_eq!(grant.token.secret(), "t");
        assert_eq!(grant.lifetime, Some(Duration::from_secs(3599)));
        assert_eq!(grant.refresh_token.unwrap().expose(), "r");
        let grant = answer(r#"{"access_token":"t","expires_in":1.5,"refresh_token":""}"#).unwrap();
        assert_eq!(grant.lifetime, Some(Duration::from_millis(1500)));
        assert!(grant.refresh_token.is_none());
        assert!(answer(r#"{"access_token":"t","expires_in":-1}"#)
            .unwrap()
            .lifetime
            .is_none());
        assert!(answer(r#"{"access_token":"t"}"#)
            .unwrap()
            .lifetime
            .is_none());
        // Without expires_in, the JWT's exp.
        let exp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs()
            + 600;
        let jwt = format!(
            "eyJhbGciOiJub25lIn0.{}.",
            base64::Engine::encode(
                &base64::engine::general_purpose::URL_SAFE_NO_PAD,
                format!(r#"{{"exp":{exp}}}"#)
            )
        );
        let lifetime = answer(&format!(r#"{{"access_token":"{jwt}"}}"#))
            .unwrap()
            .lifetime
            .unwrap();
        assert!(lifetime > Duration::from_secs(590) && lifetime <= Duration::from_secs(600));
        let err = answer(r#"{"access_token":"secret-token","token_type":"pop"}"#)
            .err()
            .unwrap();
        assert!(err.to_string().contains("\"pop\" token"), "{err}");
        assert!(!err.to_string().contains("secret-token"));
        assert!(answer(r#"{"access_token":""}"#).is_err());
    }

    #[test]
    fn secrets_are_scrubbed() {
        let secret = Secret::new("s3cr3t");
        let empty = Secret::new("");
        assert_eq!(
            scrub("bad s3cr3t, s3cr3t!", &[&secret, &empty]),
            "bad <redacted>, <redacted>!"
        );
        assert_eq!(format!("{secret:?}"), "<redacted>");
    }
}
