//! The OAuth 2.0 device authorization grant (RFC 8628): a user signs in on another device.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::Deserialize;

use super::cache::{Grant, Lookup, TokenCache};
use super::identity::{identity_builder_methods, Endpoint, IdentityConfig, Seconds, TokenAnswer};
use super::secret::Secret;
use super::{AccessToken, TokenError, TokenFuture, TokenProvider};
use crate::error::Error;

const DEVICE_CODE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";
/// What RFC 8628 says to add to the polling interval on `slow_down`.
const SLOW_DOWN: Duration = Duration::from_secs(5);
/// RFC 8628's polling interval when the server gives none.
const DEFAULT_INTERVAL: Duration = Duration::from_secs(5);
/// The device code's lifetime when the server gives none (the identity platform's is 15 min).
const DEFAULT_CODE_LIFETIME: Duration = Duration::from_secs(15 * 60);
/// The longest a sign-in is waited for, whatever the server says.
const MAX_CODE_LIFETIME: Duration = Duration::from_secs(60 * 60);

/// What the user is asked to do: open a page and enter a code.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DeviceCodePrompt {
    /// The identity platform's sentence to show, with the page and the code in it.
    pub message: String,
    /// The code the user enters.
    pub user_code: String,
    /// The page where the user enters it, e.g. `https://microsoft.com/devicelogin`.
    pub verification_uri: String,
    /// How long the code is good for.
    pub expires_in: Duration,
}

type Prompt = Arc<dyn Fn(&DeviceCodePrompt) + Send + Sync>;

/// Delegated tokens for a user who signs in on another device (a browser on their phone or
/// laptop): for command-line tools and headless machines, with a public client app
/// registration.
///
/// The first token request posts to `{authority}/{tenant}/oauth2/v2.0/devicecode`, shows the
/// identity platform's message (by default on stderr; see [`DeviceCodeBuilder::prompt`]) and
/// polls the token endpoint until the user has signed in, declined, or let the code expire.
/// The token is cached; when it expires, the refresh token (asked for with the
/// `offline_access` scope) gets a new one without the user. If the refresh token is refused,
/// the user is asked again. One sign-in or refresh at a time, however many requests wait for
/// it; a failed one is not remembered. Clones share the cache. Tokens, refresh tokens and device codes
/// are never shown by `Debug`, logged, or put in an error.
///
/// ```no_run
/// use graphpatch::GraphClient;
/// use graphpatch::auth::DeviceCode;
/// # fn run() -> Result<(), graphpatch::Error> {
/// let sign_in = DeviceCode::builder("organizations", "00000000-0000-0000-0000-000000000002")
///     .scope("DeviceManagementManagedDevices.ReadWrite.All offline_access")
///     .prompt(|prompt| println!("{}", prompt.message))
///     .build()?;
/// let client = GraphClient::new(sign_in)?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct DeviceCode {
    inner: Arc<Inner>,
}

struct Inner {
    endpoint: Endpoint,
    tenant: String,
    client_id: String,
    scope: String,
    prompt: Prompt,
    min_poll_interval: Duration,
    cache: TokenCache,
}

/// Configures [`DeviceCode`].
pub struct DeviceCodeBuilder {
    tenant: String,
    client_id: String,
    prompt: Prompt,
    min_poll_interval: Duration,
    config: IdentityConfig,
}

/// The device authorization answer. No `Debug`: it holds the device code.
#[derive(Deserialize)]
struct DeviceCodeAnswer {
    device_code: String,
    user_code: String,
    // The v1 endpoint says `verification_url`.
    #[serde(alias = "verification_url")]
    verification_uri: String,
    expires_in: Option<Seconds>,
    interval: Option<Seconds>,
    message: Option<String>,
}

impl DeviceCode {
    /// Starts configuring: the tenant (id, domain name, `organizations`, `consumers` or
    /// `common`) and the application (client) id of a public client app registration.
    pub fn builder(tenant: impl Into<String>, client_id: impl Into<String>) -> DeviceCodeBuilder {
        DeviceCodeBuilder {
            tenant: tenant.into(),
            client_id: client_id.into(),
            prompt: Arc::new(|prompt: &DeviceCodePrompt| eprintln!("{}", prompt.message)),
            min_poll_interval: Duration::from_secs(1),
            config: IdentityConfig::new(),
        }
    }

    /// The scope asked for.
    pub fn scope(&self) -> &str {
        &self.inner.scope
    }

    async fn fetch(&self, claims: Option<&str>) -> Result<AccessToken, TokenError> {
        let mut flight = match self.inner.cache.begin(claims.is_some()).await {
            Lookup::Cached(token) => return Ok(token),
            Lookup::Failed(error) => return Err(error),
            Lookup::Refresh(flight) => flight,
        };
        let result = match flight.refresh_token() {
            Some(refresh_token) => match self.redeem(&refresh_token, claims).await {
                Err(err)
                    if matches!(err.code(), Some("invalid_grant" | "interaction_required")) =>
                {
                    tracing::info!(
                        code = err.code(),
                        "the refresh token was refused; signing in with a device code again"
                    );
                    flight.forget_refresh_token();
                    self.sign_in(claims).await
                }
                other => other,
            },
            None => self.sign_in(claims).await,
        };
        flight.finish(result)
    }

    /// A new token for a refresh token.
    async fn redeem(
        &self,
        refresh_token: &Secret,
        claims: Option<&str>,
    ) -> Result<Grant, TokenError> {
        let inner = &*self.inner;
        let mut form = vec![
            ("client_id", inner.client_id.as_str()),
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token.expose()),
            ("scope", inner.scope.as_str()),
        ];
        if let Some(claims) = claims {
            form.push(("claims", claims));
        }
        inner
            .endpoint
            .post::<TokenAnswer>("token", &form, &[refresh_token])
            .await
            .and_then(TokenAnswer::into_grant)
    }

    /// The device code flow: ask for a code, show the prompt, poll until the user is done.
    async fn sign_in(&self, claims: Option<&str>) -> Result<Grant, TokenError> {
        let inner = &*self.inner;
        let started = Instant::now();
        let mut form = vec![
            ("client_id", inner.client_id.as_str()),
            ("scope", inner.scope.as_str()),
        ];
        if let Some(claims) = claims {
            form.push(("claims", claims));
        }
        let answer: DeviceCodeAnswer = inner.endpoint.post("devicecode", &form, &[]).await?;
        let device_code = Secret::new(answer.device_code);
        let lifetime = answer
            .expires_in
            .as_ref()
            .and_then(Seconds::duration)
            .unwrap_or(DEFAULT_CODE_LIFETIME)
            .min(MAX_CODE_LIFETIME);
        let mut interval = answer
            .interval
            .as_ref()
            .and_then(Seconds::duration)
            .unwrap_or(DEFAULT_INTERVAL)
            .min(lifetime)
            .max(inner.min_poll_interval);
        let message = answer.message.unwrap_or_else(|| {
            format!(
                "To sign in, use a web browser to open the page {} and enter the code {} to \
                 authenticate.",
                answer.verification_uri, answer.user_code
            )
        });
        tracing::info!(
            verification_uri = %answer.verification_uri,
            "device code sign-in: waiting for the user"
        );
        (inner.prompt)(&DeviceCodePrompt {
            message,
            user_code: answer.user_code,
            verification_uri: answer.verification_uri,
            expires_in: lifetime,
        });
        let expires = started + lifetime;
        let form = [
            ("grant_type", DEVICE_CODE_GRANT),
            ("client_id", inner.client_id.as_str()),
            ("device_code", device_code.expose()),
        ];
        loop {
            tracing::debug!(
                delay_ms = interval.as_millis() as u64,
                "device code sign-in: waiting before the next poll"
            );
            tokio::time::sleep(interval).await;
            if Instant::now() >= expires {
                return Err(TokenError::new(format!(
                    "device code sign-in failed: the user did not sign in within {} s",
                    lifetime.as_secs()
                )));
            }
            let err = match inner
                .endpoint
                .post::<TokenAnswer>("token", &form, &[&device_code])
                .await
            {
                Ok(answer) => return answer.into_grant(),
                Err(err) => err,
            };
            let why = match err.code() {
                Some("authorization_pending") => continue,
                Some("slow_down") => {
                    interval += SLOW_DOWN;
                    tracing::info!(
                        delay_ms = interval.as_millis() as u64,
                        "device code sign-in: told to slow down, polling less often"
                    );
                    continue;
                }
                Some("expired_token") => "the code expired before the user signed in",
                Some("authorization_declined") => "the user declined to sign in",
                Some("bad_verification_code") => "the identity platform does not know the code",
                _ => {
                    let message = format!("device code sign-in failed: {}", err.message());
                    return Err(err.context(message));
                }
            };
            return Err(err.context(format!("device code sign-in failed: {why}")));
        }
    }
}

impl DeviceCodeBuilder {
    identity_builder_methods!("https://graph.microsoft.com/.default offline_access");

    /// Shows the user what to do (default: prints [`DeviceCodePrompt::message`] to stderr).
    /// Called once per sign-in, before polling starts.
    ///
    /// ```
    /// use graphpatch::auth::DeviceCode;
    /// let sign_in = DeviceCode::builder("organizations", "00000000-0000-0000-0000-000000000002")
    ///     .prompt(|prompt| {
    ///         println!("Open {} and enter {}", prompt.verification_uri, prompt.user_code)
    ///     })
    ///     .build();
    /// assert!(sign_in.is_ok());
    /// ```
    #[must_use]
    pub fn prompt(mut self, prompt: impl Fn(&DeviceCodePrompt) + Send + Sync + 'static) -> Self {
        self.prompt = Arc::new(prompt);
        self
    }

    /// Polls at least this far apart (default 1 s); the server's `interval` applies when it is
    /// longer. `Duration::ZERO` follows the server alone.
    #[must_use]
    pub fn min_poll_interval(mut self, interval: Duration) -> Self {
        self.min_poll_interval = interval;
        self
    }

    /// Checks the configuration: [`Error::Config`] for an empty client id, an invalid tenant
    /// or an empty scope.
    pub fn build(mut self) -> Result<DeviceCode, Error> {
        if self.client_id.trim().is_empty() {
            return Err(Error::Config("the client id is empty".into()));
        }
        let scope = self.config.scope(" offline_access")?;
        let endpoint = self.config.endpoint(&self.tenant)?;
        Ok(DeviceCode {
            inner: Arc::new(Inner {
                endpoint,
                tenant: self.tenant,
                client_id: self.client_id,
                scope,
                prompt: self.prompt,
                min_poll_interval: self.min_poll_interval,
                cache: TokenCache::new(self.config.expiry_margin),
            }),
        })
    }
}

impl TokenProvider for DeviceCode {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(self.fetch(None))
    }

    fn token_with_claims<'a>(&'a self, claims: &'a str) -> TokenFuture<'a> {
        Box::pin(self.fetch(Some(claims)))
    }
}

impl fmt::Debug for DeviceCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &*self.inner;
        f.debug_struct("DeviceCode")
            .field("devicecode_url", &inner.endpoint.url("devicecode"))
            .field("tenant", &inner.tenant)
            .field("client_id", &inner.client_id)
            .field("scope", &inner.scope)
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for DeviceCodeBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeviceCodeBuilder")
            .field("authority", &self.config.authority)
            .field("tenant", &self.tenant)
            .field("client_id", &self.client_id)
            .finish_non_exhaustive()
    }
}
