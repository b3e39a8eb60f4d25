//! `GraphClient`: sends requests over one shared `reqwest::Client`.

use std::marker::PhantomData;
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::header::{
    HeaderMap, HeaderName, HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE, USER_AGENT,
    WWW_AUTHENTICATE,
};
use reqwest::{StatusCode, Url};
use serde::Deserialize;

use crate::auth::{claims_challenge, AccessToken, StaticToken, TokenProvider};
use crate::bulk::ThrottleObserver;
use crate::error::{snippet, Error, GraphError, TimeoutKind};
use crate::http::{is_loopback, read_limited, BodyError};
use crate::metadata::GraphEntity;
use crate::permissions::{self, Preflight};
use crate::request::{PatchRequest, Prefer};
use crate::retry::{self, RetryPolicy};

const SDK_VERSION: &str = concat!("graphpatch/", env!("CARGO_PKG_VERSION"));
// Header names built once: a `&str` name is parsed and validated on every insert.
const CLIENT_REQUEST_ID: HeaderName = HeaderName::from_static("client-request-id");
const SDK_VERSION_HEADER: HeaderName = HeaderName::from_static("sdkversion");
const PREFER: HeaderName = HeaderName::from_static("prefer");
const IF_MATCH: HeaderName = HeaderName::from_static("if-match");
const RETRY_ATTEMPT: HeaderName = HeaderName::from_static("retry-attempt");
/// Redirects followed in a row at most.
const MAX_REDIRECTS: usize = 5;
/// The default bound on a response body.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 4 * 1024 * 1024;

/// A Microsoft Graph deployment: where requests go by default.
///
/// ```
/// use graphpatch::Cloud;
/// assert_eq!(Cloud::Global.base_url(), "https://graph.microsoft.com");
/// assert_eq!(Cloud::China.base_url(), "https://microsoftgraph.chinacloudapi.cn");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Cloud {
    /// The global service, `https://graph.microsoft.com`.
    #[default]
    Global,
    /// US Government L4, `https://graph.microsoft.us`.
    UsGov,
    /// US Government L5 (DoD), `https://dod-graph.microsoft.us`.
    UsGovDod,
    /// Microsoft Graph China operated by 21Vianet, `https://microsoftgraph.chinacloudapi.cn`.
    China,
}

impl Cloud {
    /// The service root, without a version.
    pub const fn base_url(self) -> &'static str {
        match self {
            Cloud::Global => "https://graph.microsoft.com",
            Cloud::UsGov => "https://graph.microsoft.us",
            Cloud::UsGovDod => "https://dod-graph.microsoft.us",
            Cloud::China => "https://microsoftgraph.chinacloudapi.cn",
        }
    }
}

/// Sends Graph requests. Cheap to clone: clones share one connection pool and token provider.
///
/// ```no_run
/// use graphpatch::prelude::*;
/// # #[graph_entity(odata_type = "microsoft.graph.deviceCategory", version = "beta",
/// #   path = "/deviceManagement/deviceCategories/{deviceCategoryId}",
/// #   permissions(delegated_work = ["DeviceManagementManagedDevices.ReadWrite.All"],
/// #     delegated_personal = unsupported, application = unsupported))]
/// # pub struct DeviceCategory { #[graph(read_only)] pub id: String, pub display_name: Option<String> }
/// # async fn run() -> Result<(), graphpatch::Error> {
/// let client = GraphClient::builder()
///     .token_provider(StaticToken::new(std::env::var("GRAPH_TOKEN").unwrap_or_default()))
///     .build()?;
/// let request = graph_patch!(DeviceCategory { device_category_id: "c1" } set {
///     display_name: "Kiosks",
/// });
/// let updated: Option<DeviceCategory> = client.send(request).await?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct GraphClient {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base_url: String,
    token: Arc<dyn TokenProvider>,
    preflight: Preflight,
    user_agent: HeaderValue,
    max_response_bytes: usize,
    timeout: Duration,
    /// Applies only to graphpatch's own reqwest client; kept for error messages.
    connect_timeout: Duration,
    deadline: Duration,
    retry: RetryPolicy,
    /// The reqwest client is graphpatch's own, configured with `redirect_policy`.
    own_http: bool,
}

impl std::fmt::Debug for GraphClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GraphClient")
            .field("base_url", &self.inner.base_url)
            .field("max_response_bytes", &self.inner.max_response_bytes)
            .finish_non_exhaustive()
    }
}

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

    /// Appends a product token to the `User-Agent` header, e.g. `"my-tool/1.2"`.
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

    /// Bounds a whole call, every attempt and wait included (default 10 minutes): past it the
    /// call fails with [`Error::Timeout`] of kind [`TimeoutKind::Deadline`].
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
            Some(product) => format!("{SDK_VERSION} {product}"),
            None => SDK_VERSION.to_owned(),
        };
        let user_agent = HeaderValue::from_str(&user_agent)
            .map_err(|_| Error::Config(format!("invalid User-Agent product {user_agent:?}")))?;
        let own_http = self.http.is_none();
        let http = match self.http {
            Some(http) => http,
            None => {
                let builder = reqwest::Client::builder()
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
                own_http,
            }),
        })
    }
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
        }
    }

    /// The service root requests go to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The full URL a request would be sent to.
    pub fn url_for<E: GraphEntity>(&self, request: &PatchRequest<E>) -> Result<String, Error> {
        let mut url = String::with_capacity(self.inner.base_url.len() + 160);
        url.push_str(&self.inner.base_url);
        url.push('/');
        url.push_str(E::VERSION.as_str());
        request
            .path()
            .render_into(&mut url)
            .map_err(|err| Error::InvalidRequest(err.to_string()))?;
        Ok(url)
    }

    /// Sends a PATCH: `Ok(Some(entity))` on `200 OK`, `Ok(None)` on `204 No Content` (or any
    /// success without a body). [`GraphClient::execute`] also gives the status and request ids.
    pub async fn send<E: GraphEntity>(&self, request: PatchRequest<E>) -> Result<Option<E>, Error> {
        let prepared = self.prepare(request).await?;
        Ok(self.execute(prepared).await?.entity)
    }

    /// Builds the HTTP request `send` would send, token included, without sending it: to log
    /// it, inspect it, or send it later with [`GraphClient::execute`].
    pub async fn prepare<E: GraphEntity>(
        &self,
        request: PatchRequest<E>,
    ) -> Result<PreparedRequest<E>, Error> {
        let url = self.url_for(&request)?;
        let url = Url::parse(&url)
            .map_err(|err| Error::InvalidRequest(format!("invalid URL {url:?}: {err}")))?;
        let body = request.body()?;
        let token = self.inner.token.token().await?;
        self.preflight::<E>(&token)?;
        let client_request_id = uuid::Uuid::new_v4().to_string();
        let authorization = bearer(&token)?;
        let if_match =
            match request.etag() {
                Some(etag) => Some(HeaderValue::from_str(etag).map_err(|_| {
                    Error::InvalidRequest(format!("invalid If-Match value {etag:?}"))
                })?),
                None => None,
            };
        let resend = Resend {
            method: reqwest::Method::PATCH,
            url,
            body: bytes::Bytes::from(body),
            authorization,
            client_request_id: HeaderValue::from_str(&client_request_id)
                .expect("a UUID is a valid header value"),
            prefer: request.preference(),
            if_match,
        };
        Ok(PreparedRequest {
            http: self.request(&resend, None),
            resend,
            client_request_id,
            template: request.path().template().template,
            entity: PhantomData,
        })
    }

    pub(crate) fn retry_policy(&self) -> &RetryPolicy {
        &self.inner.retry
    }

    /// A `POST` of `body` to `url` carrying calls to `E` (a `$batch`), token checked as for a
    /// PATCH: the first attempt, what retries rebuild it from, and its `client-request-id`.
    pub(crate) async fn prepare_post<E: GraphEntity>(
        &self,
        url: &str,
        body: Vec<u8>,
    ) -> Result<(reqwest::Request, Resend, String), Error> {
        let url = Url::parse(url)
            .map_err(|err| Error::InvalidRequest(format!("invalid URL {url:?}: {err}")))?;
        let token = self.inner.token.token().await?;
        self.preflight::<E>(&token)?;
        let client_request_id = uuid::Uuid::new_v4().to_string();
        let resend = Resend {
            method: reqwest::Method::POST,
            url,
            body: bytes::Bytes::from(body),
            authorization: bearer(&token)?,
            client_request_id: HeaderValue::from_str(&client_request_id)
                .expect("a UUID is a valid header value"),
            prefer: None,
            if_match: None,
        };
        Ok((self.request(&resend, None), resend, client_request_id))
    }

    /// Checks the token's claims against `E`'s permissions, as the client's [`Preflight`] says.
    fn preflight<E: GraphEntity>(&self, token: &AccessToken) -> Result<(), Error> {
        if self.inner.preflight == Preflight::Off {
            return Ok(());
        }
        let Some(refusal) = permissions::check::<E>(token.secret()) else {
            return Ok(());
        };
        if self.inner.preflight == Preflight::Enforce {
            return Err(Error::Permission(Box::new(refusal)));
        }
        tracing::warn!(entity = E::NAME, reason = %refusal, "sending with a token that lacks the permissions");
        Ok(())
    }

    /// The HTTP request for one attempt (`retry` is the `Retry-Attempt` number, if a retry).
    fn request(&self, resend: &Resend, retry: Option<u32>) -> reqwest::Request {
        let mut http = reqwest::Request::new(resend.method.clone(), resend.url.clone());
        let headers = http.headers_mut();
        headers.insert(AUTHORIZATION, resend.authorization.clone());
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        headers.insert(CLIENT_REQUEST_ID, resend.client_request_id.clone());
        headers.insert(USER_AGENT, self.inner.user_agent.clone());
        headers.insert(SDK_VERSION_HEADER, HeaderValue::from_static(SDK_VERSION));
        if let Some(prefer) = resend.prefer {
            headers.insert(PREFER, HeaderValue::from_static(prefer.header_value()));
        }
        if let Some(if_match) = &resend.if_match {
            headers.insert(IF_MATCH, if_match.clone());
        }
        if let Some(retry) = retry {
            headers.insert(RETRY_ATTEMPT, HeaderValue::from(retry));
        }
        *http.timeout_mut() = Some(self.inner.timeout);
        *http.body_mut() = Some(resend.body.clone().into());
        http
    }

    /// Sends a request made by [`GraphClient::prepare`] and returns the whole answer, retrying
    /// throttled (429), unavailable (503, 504) and failed attempts as the [`RetryPolicy`] says,
    /// all within the client's deadline.
    ///
    /// A retry after an attempt that may have reached the service (its answer was lost or cut
    /// off) sends the same body again, which leaves the same state. Two exceptions: with
    /// `If-Match` such an attempt is not retried (a retry would meet its own new ETag and fail
    /// with 412 though the update was applied), and an attempt that timed out may still be
    /// applied after its retry, so give each entity's updates one at a time.
    pub async fn execute<E: GraphEntity>(
        &self,
        prepared: PreparedRequest<E>,
    ) -> Result<PatchResponse<E>, Error> {
        self.attempts(prepared, None).await
    }

    /// `prepare` and `execute`, telling `observer` of each `429` met: how bulk runs pace.
    pub(crate) async fn send_observed<E: GraphEntity>(
        &self,
        request: PatchRequest<E>,
        observer: &dyn ThrottleObserver,
    ) -> Result<PatchResponse<E>, Error> {
        let prepared = self.prepare(request).await?;
        self.attempts(prepared, Some(observer)).await
    }

    async fn attempts<E: GraphEntity>(
        &self,
        prepared: PreparedRequest<E>,
        observer: Option<&dyn ThrottleObserver>,
    ) -> Result<PatchResponse<E>, Error> {
        let PreparedRequest {
            http,
            resend,
            client_request_id,
            template,
            ..
        } = prepared;
        let call = Call {
            entity: E::NAME,
            template,
            client_request_id: &client_request_id,
        };
        let answer = self.answer(http, resend, &call, observer).await?;
        finish(
            answer.status,
            &answer.body,
            answer.request_id,
            client_request_id,
        )
    }

    /// Sends a request until it has a final answer, retrying as the policy says; the answer's
    /// body is read whole (bounded) but not decoded.
    pub(crate) async fn answer(
        &self,
        http: reqwest::Request,
        mut resend: Resend,
        call: &Call<'_>,
        observer: Option<&dyn ThrottleObserver>,
    ) -> Result<Answer, Error> {
        // The deadline bounds each attempt's own timeout and each wait, rather than a timer
        // around the whole call: one timer per attempt instead of two.
        let ends = Instant::now() + self.inner.deadline;
        let (template, client_request_id) = (call.template, call.client_request_id.to_owned());
        // A claims challenge is answered once, with one new token: never a loop.
        let mut challenged = false;
        let conditional = resend.if_match.is_some();
        let sent_url = &resend.url;
        let mut first = Some(http);
        let mut progress = Progress {
            attempt: 0,
            waited: Duration::ZERO,
            ends,
        };
        loop {
            // The first attempt sends the prepared request itself; a retry builds it again.
            let mut request = match first.take() {
                Some(http) => http,
                None => self.request(&resend, Some(progress.attempt)),
            };
            let remaining = ends.saturating_duration_since(Instant::now());
            if remaining.is_zero() {
                return Err(self.deadline_passed(client_request_id.clone()));
            }
            let limit = self.inner.timeout.min(remaining);
            *request.timeout_mut() = Some(limit);
            // A timeout now means the call's deadline, not the attempt's own limit.
            let deadline_bound = limit < self.inner.timeout;
            let started = Instant::now();
            let response = match self.inner.http.execute(request).await {
                Ok(response) => response,
                Err(source) => {
                    // Only a connection that never opened is certainly not applied.
                    let retryable = source.retryable() && (!conditional || source.is_connect());
                    if let Some(delay) = self.retry_delay(&progress, None, retryable) {
                        self.wait(&mut progress, call, delay, &source).await;
                        continue;
                    }
                    return Err(self.transport_error(call, &progress, source, deadline_bound));
                }
            };
            let status = response.status();
            if status == StatusCode::UNAUTHORIZED && !challenged {
                if let Some(claims) = response
                    .headers()
                    .get_all(WWW_AUTHENTICATE)
                    .iter()
                    .filter_map(|value| value.to_str().ok())
                    .find_map(claims_challenge)
                {
                    challenged = true;
                    let _ = self.read_body(response).await;
                    tracing::info!(
                        entity = call.entity,
                        template,
                        %client_request_id,
                        "claims challenge: sending again once with a token for those claims"
                    );
                    let token = self.inner.token.token_with_claims(&claims).await?;
                    resend.authorization = bearer(&token)?;
                    first = Some(self.request(&resend, None));
                    continue;
                }
            }
            let delay = self.retry_delay(&progress, Some(response.headers()), status.retryable());
            if let (StatusCode::TOO_MANY_REQUESTS, Some(observer)) = (status, observer) {
                observer.throttled(delay);
            }
            if let Some(delay) = delay {
                // Drain the refusal so the connection can be reused for the next attempt.
                let _ = self.read_body(response).await;
                self.wait(&mut progress, call, delay, &status).await;
                continue;
            }
            let request_id = header_string(response.headers(), "request-id");
            // Our own client follows only safe redirects (see `redirect_policy`) and hands back the
            // rest; a client given to the builder may have followed one that turned the PATCH into
            // a GET, whose 200 would look like success with nothing applied.
            if status.is_redirection() || (!self.inner.own_http && response.url() != sent_url) {
                let location = header_string(response.headers(), "location")
                    .unwrap_or_else(|| response.url().to_string());
                return Err(Error::Redirect {
                    status,
                    location: bounded(&location),
                    client_request_id,
                });
            }
            let body = match self.read_body(response).await {
                Ok(body) => body,
                Err(BodyError::Transport(source)) => {
                    // The answer was cut off: retry a success (to learn the result) or a
                    // retryable refusal, never another error, never a conditional update.
                    let retryable = (status.is_success() || status.retryable()) && !conditional;
                    if let Some(delay) = self.retry_delay(&progress, None, retryable) {
                        self.wait(&mut progress, call, delay, &source).await;
                        continue;
                    }
                    return Err(self.transport_error(call, &progress, source, deadline_bound));
                }
                Err(BodyError::TooLarge) => {
                    return Err(Error::UnexpectedResponse {
                        status,
                        client_request_id,
                        snippet: format!(
                            "<response body larger than the {}-byte limit>",
                            self.inner.max_response_bytes
                        ),
                    })
                }
            };
            tracing::debug!(
                entity = call.entity,
                template,
                attempt = progress.attempt,
                status = status.as_u16(),
                %client_request_id,
                elapsed_ms = started.elapsed().as_millis() as u64,
                "answered"
            );
            return Ok(Answer {
                status,
                body,
                request_id,
            });
        }
    }

    /// A final transport failure, logged, as the caller sees it: a timeout says which limit
    /// passed, the rest is `Transport`.
    fn transport_error(
        &self,
        call: &Call<'_>,
        progress: &Progress,
        source: reqwest::Error,
        deadline_bound: bool,
    ) -> Error {
        tracing::warn!(
            entity = call.entity,
            template = call.template,
            attempt = progress.attempt,
            client_request_id = call.client_request_id,
            error = %source,
            "PATCH failed"
        );
        let client_request_id = call.client_request_id.to_owned();
        if !source.is_timeout() {
            return Error::Transport {
                client_request_id,
                source,
            };
        }
        if deadline_bound && !source.is_connect() {
            return self.deadline_passed(client_request_id);
        }
        let (kind, after) = if source.is_connect() {
            // A client given to the builder has its own connect timeout, unknown here.
            (
                TimeoutKind::Connect,
                self.inner.own_http.then_some(self.inner.connect_timeout),
            )
        } else {
            (TimeoutKind::Attempt, Some(self.inner.timeout))
        };
        Error::Timeout {
            kind,
            after,
            client_request_id,
        }
    }

    fn deadline_passed(&self, client_request_id: String) -> Error {
        Error::Timeout {
            kind: TimeoutKind::Deadline,
            after: Some(self.inner.deadline),
            client_request_id,
        }
    }

    /// The wait before another attempt, or `None` when this failure is final: not retryable,
    /// out of retries, or a wait that would pass the policy's total or the call's deadline.
    fn retry_delay(
        &self,
        progress: &Progress,
        headers: Option<&HeaderMap>,
        retryable: bool,
    ) -> Option<Duration> {
        let policy = &self.inner.retry;
        if !retryable || progress.attempt >= policy.retries() {
            return None;
        }
        let delay = policy.delay(progress.attempt + 1, headers, retry::random_fraction())?;
        let before_deadline = Instant::now()
            .checked_add(delay)
            .is_some_and(|at| at < progress.ends);
        (policy.within_budget(progress.waited, delay) && before_deadline).then_some(delay)
    }

    /// Logs the retry, waits, and counts the attempt and the wait.
    async fn wait(
        &self,
        progress: &mut Progress,
        call: &Call<'_>,
        delay: Duration,
        failure: &(dyn std::fmt::Display + Sync),
    ) {
        tracing::info!(
            entity = call.entity,
            template = call.template,
            attempt = progress.attempt + 1,
            client_request_id = call.client_request_id,
            failure = %failure,
            delay_ms = delay.as_millis() as u64,
            "retrying PATCH"
        );
        tokio::time::sleep(delay).await;
        progress.attempt += 1;
        progress.waited = progress.waited.saturating_add(delay);
    }

    /// Reads the body, refusing more than the configured limit.
    async fn read_body(&self, response: reqwest::Response) -> Result<bytes::Bytes, BodyError> {
        read_limited(response, self.inner.max_response_bytes).await
    }
}

/// What a retry needs to build the same request again; cloning these is cheaper than cloning a
/// whole request up front.
pub(crate) struct Resend {
    method: reqwest::Method,
    url: Url,
    body: bytes::Bytes,
    authorization: HeaderValue,
    client_request_id: HeaderValue,
    prefer: Option<Prefer>,
    if_match: Option<HeaderValue>,
}

/// What a call's log lines name.
pub(crate) struct Call<'a> {
    pub entity: &'static str,
    pub template: &'static str,
    pub client_request_id: &'a str,
}

/// A final answer, its body read whole.
pub(crate) struct Answer {
    pub status: StatusCode,
    pub body: bytes::Bytes,
    pub request_id: Option<String>,
}

/// Where a call stands between attempts.
struct Progress {
    /// Attempts made so far, minus one.
    attempt: u32,
    /// Time waited so far.
    waited: Duration,
    /// The call's deadline.
    ends: Instant,
}

/// The `Authorization` header for a token, marked sensitive so that `Debug` hides it.
fn bearer(token: &AccessToken) -> Result<HeaderValue, Error> {
    let mut value = HeaderValue::try_from(format!("Bearer {}", token.secret())).map_err(|_| {
        Error::InvalidRequest("the access token holds characters a header cannot".into())
    })?;
    value.set_sensitive(true);
    Ok(value)
}

/// At most [`SNIPPET_LIMIT`](crate::error) bytes of a text a server chose, for errors.
fn bounded(text: &str) -> String {
    snippet(text.as_bytes())
}

/// A failed attempt that another attempt might get past.
trait Retryable: std::fmt::Display + Sync {
    fn retryable(&self) -> bool;
}

impl Retryable for StatusCode {
    fn retryable(&self) -> bool {
        retry::retryable_status(*self)
    }
}

impl Retryable for reqwest::Error {
    /// Connections refused, reset or dropped, and attempts that timed out: the PATCH may not have
    /// arrived, and sending it again cannot apply it twice. Not redirect-policy or builder errors.
    fn retryable(&self) -> bool {
        self.is_connect() || self.is_timeout() || self.is_request() || self.is_body()
    }
}

/// The outcome of the final attempt's answer.
pub(crate) fn finish<E: GraphEntity>(
    status: StatusCode,
    body: &[u8],
    request_id: Option<String>,
    client_request_id: String,
) -> Result<PatchResponse<E>, Error> {
    if !status.is_success() {
        let mut err = error_response(status, body, client_request_id, request_id);
        if let Error::Graph(graph) = &mut err {
            if matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN) {
                graph.required_permissions = Some(E::PERMISSIONS);
            }
        }
        return Err(err);
    }
    // 204, or any success without a body (202, an empty 200): applied, nothing to decode.
    let entity = if status == StatusCode::NO_CONTENT || body.is_empty() {
        None
    } else {
        match serde_json::from_slice(body) {
            Ok(entity) => Some(entity),
            Err(source) => {
                // A body that is not JSON at all reports the syntax error, with its category
                // (`is_eof` for a truncated body); one that is JSON reports the property at fault.
                let source = match serde_json::from_slice::<serde::de::IgnoredAny>(body) {
                    Err(syntax) => syntax,
                    Ok(_) => source,
                };
                return Err(Error::Decode {
                    status,
                    client_request_id,
                    source,
                    snippet: snippet(body),
                });
            }
        }
    };
    Ok(PatchResponse {
        status,
        request_id,
        client_request_id,
        entity,
    })
}

/// Follows only 307 and 308 (which keep the method and body), at most 5 in a row, never from
/// `https` to `http` nor to plain `http` off the machine. reqwest drops `Authorization` itself when a redirect leaves the origin.
/// Anything else comes back as the 3xx answer, which `execute` reports as [`Error::Redirect`].
fn redirect_policy() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let keeps_method = matches!(
            attempt.status(),
            StatusCode::TEMPORARY_REDIRECT | StatusCode::PERMANENT_REDIRECT
        );
        // Never from https to http, and plain http only between loopback addresses.
        let downgrade = attempt.url().scheme() != "https"
            && (attempt
                .previous()
                .last()
                .is_some_and(|from| from.scheme() == "https")
                || !is_loopback(attempt.url()));
        if !keeps_method || downgrade || attempt.previous().len() > MAX_REDIRECTS {
            attempt.stop()
        } else {
            attempt.follow()
        }
    })
}

/// What Graph answered to a PATCH: the status, its correlation ids, and the entity when the
/// response carried one.
#[derive(Debug, Clone)]
pub struct PatchResponse<E> {
    /// The HTTP status: `200 OK` with the entity, `204 No Content` without.
    pub status: StatusCode,
    /// The `request-id` header: quote it to Microsoft support.
    pub request_id: Option<String>,
    /// The `client-request-id` this client sent.
    pub client_request_id: String,
    /// The updated entity, when the response carried one.
    pub entity: Option<E>,
}

/// A request ready to send: method, URL, headers (the token marked sensitive, so `Debug` hides
/// it) and body.
pub struct PreparedRequest<E> {
    http: reqwest::Request,
    resend: Resend,
    client_request_id: String,
    template: &'static str,
    entity: PhantomData<fn() -> E>,
}

impl<E> PreparedRequest<E> {
    /// The method (`PATCH`).
    pub fn method(&self) -> &reqwest::Method {
        self.http.method()
    }

    /// The full URL.
    pub fn url(&self) -> &Url {
        self.http.url()
    }

    /// The headers. `Authorization` is marked sensitive: print it with care.
    pub fn headers(&self) -> &HeaderMap {
        self.http.headers()
    }

    /// The JSON body.
    pub fn body(&self) -> &[u8] {
        self.http
            .body()
            .and_then(reqwest::Body::as_bytes)
            .unwrap_or_default()
    }

    /// The `client-request-id` header's value.
    pub fn client_request_id(&self) -> &str {
        &self.client_request_id
    }
}

impl<E> std::fmt::Debug for PreparedRequest<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PreparedRequest")
            .field("method", self.method())
            .field("url", &self.url().as_str())
            .field("headers", self.headers())
            .field("body", &String::from_utf8_lossy(self.body()))
            .finish()
    }
}

fn header_string(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

#[derive(Deserialize)]
struct ErrorEnvelope {
    error: ErrorBody,
}

#[derive(Deserialize)]
struct ErrorBody {
    code: String,
    #[serde(default)]
    message: String,
    #[serde(default, rename = "innerError", alias = "innererror")]
    inner_error: Option<InnerError>,
}

#[derive(Deserialize)]
struct InnerError {
    #[serde(rename = "request-id")]
    request_id: Option<String>,
    date: Option<String>,
}

fn error_response(
    status: StatusCode,
    body: &[u8],
    client_request_id: String,
    request_id: Option<String>,
) -> Error {
    match serde_json::from_slice::<ErrorEnvelope>(body) {
        Ok(ErrorEnvelope { error }) => {
            let inner = error.inner_error;
            Error::Graph(Box::new(GraphError {
                status,
                code: bounded(&error.code),
                message: bounded(&error.message),
                request_id: inner
                    .as_ref()
                    .and_then(|i| i.request_id.clone())
                    .or(request_id),
                client_request_id,
                date: inner.and_then(|i| i.date),
                required_permissions: None,
            }))
        }
        Err(_) => Error::UnexpectedResponse {
            status,
            client_request_id,
            snippet: snippet(body),
        },
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
