//! Sending one request until it has a final answer: attempts, retries through the one retry
//! decision, claims challenges, timeouts and the call's deadline, bounded bodies.

use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, Instant, SystemTime};

use reqwest::header::{
    HeaderMap, HeaderName, HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE, USER_AGENT,
    WWW_AUTHENTICATE,
};
use reqwest::{StatusCode, Url};

use super::response::{bounded, header_string};
use super::shared::GraphClient;
use crate::auth::{claims_challenge, AccessToken};
use crate::error::{Error, RequestError, TimeoutKind};
use crate::http::{read_limited, BodyError};
use crate::request::Prefer;
use crate::retry::classify::Retryable;
use crate::retry::{self, Decision, Failure, Progress, ThrottleObserver};

/// How the client names itself in `User-Agent` (and only there: `SdkVersion` is the telemetry
/// header of Microsoft's own SDKs).
pub(super) const USER_AGENT_PRODUCT: &str = concat!("graphpatch/", env!("CARGO_PKG_VERSION"));
// Header names built once: a `&str` name is parsed and validated on every insert.
const CLIENT_REQUEST_ID: HeaderName = HeaderName::from_static("client-request-id");
pub(super) const PREFER: HeaderName = HeaderName::from_static("prefer");
const IF_MATCH: HeaderName = HeaderName::from_static("if-match");
const RETRY_ATTEMPT: HeaderName = HeaderName::from_static("retry-attempt");
const CONSISTENCY_LEVEL: HeaderName = HeaderName::from_static("consistencylevel");

impl GraphClient {
    /// The HTTP request for one attempt (`retry` is the `Retry-Attempt` number, if a retry).
    /// Its header map starts empty and each name is written once, so every header is appended:
    /// `insert` would look for a value to replace and hand it back.
    pub(super) fn request(&self, resend: &Resend, retry: Option<u32>) -> reqwest::Request {
        let mut http = reqwest::Request::new(resend.method.clone(), resend.url.clone());
        let headers = http.headers_mut();
        headers.append(AUTHORIZATION, resend.authorization.clone());
        headers.append(ACCEPT, HeaderValue::from_static("application/json"));
        if resend.body.is_some() {
            headers.append(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        }
        headers.append(CLIENT_REQUEST_ID, resend.client_request_id.clone());
        headers.append(USER_AGENT, self.inner.user_agent.clone());
        if let Some(prefer) = resend.prefer {
            headers.append(PREFER, HeaderValue::from_static(prefer.header_value()));
        }
        if let Some(if_match) = &resend.if_match {
            headers.append(IF_MATCH, if_match.clone());
        }
        if resend.eventual {
            headers.append(CONSISTENCY_LEVEL, HeaderValue::from_static("eventual"));
        }
        if let Some(retry) = retry {
            headers.append(RETRY_ATTEMPT, HeaderValue::from(retry));
        }
        *http.timeout_mut() = Some(self.inner.timeout);
        if let Some(body) = &resend.body {
            *http.body_mut() = Some(body.clone().into());
        }
        http
    }

    /// Sends a request until it has a final answer, retrying as the policy says; the answer's
    /// body is read whole (bounded) but not decoded.
    ///
    /// Boxed, and never inlined: an `async fn`'s state machine is compiled in every crate that
    /// awaits it, and the callers, generic over the entity, are compiled in the program's crate.
    /// Behind this box the retry loop, the waits and the body reading are compiled once, here,
    /// for one allocation per request.
    #[inline(never)]
    pub(crate) fn answer<'a>(
        &'a self,
        resend: Resend,
        call: &'a Call<'a>,
        observer: Option<&'a dyn ThrottleObserver>,
    ) -> Pin<Box<dyn Future<Output = Result<Answer, Error>> + Send + 'a>> {
        Box::pin(self.answer_unboxed(resend, call, observer))
    }

    async fn answer_unboxed(
        &self,
        mut resend: Resend,
        call: &Call<'_>,
        observer: Option<&dyn ThrottleObserver>,
    ) -> Result<Answer, Error> {
        // The deadline bounds each attempt's own timeout and each wait, rather than a timer
        // around the whole call: one timer per attempt instead of two.
        let ends = call.ends;
        let (template, client_request_id) = (call.template, call.client_request_id.to_owned());
        // A claims challenge is answered once, with one new token: never a loop.
        let mut challenged = false;
        let conditional = resend.if_match.is_some();
        let sent_url = &resend.url;
        let mut progress = Progress::new(ends);
        // Whether the next attempt is the call's first sending (or its one answer to a claims
        // challenge): not a retry, so it carries no `Retry-Attempt`.
        let mut first = true;
        loop {
            // Each attempt's request is built here, where it is sent.
            let retry = (!std::mem::take(&mut first)).then_some(progress.retries);
            let mut request = self.request(&resend, retry);
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
                    first = true;
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
                attempt = progress.retries,
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
            attempt = progress.retries,
            client_request_id = call.client_request_id,
            error = %source,
            "{} failed",
            call.verb()
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

    /// The wait before another attempt, or `None` when this failure is final: the one retry
    /// decision (`RetryPolicy::decide`) on the answer's
    /// `Retry-After`, the call's progress and its deadline.
    pub(super) fn retry_delay(
        &self,
        progress: &Progress,
        headers: Option<&HeaderMap>,
        retryable: bool,
    ) -> Option<Duration> {
        let failure = Failure {
            retryable,
            retry_after: headers.and_then(|h| retry::retry_after(h, SystemTime::now())),
        };
        match self.inner.retry.decide(
            failure,
            progress,
            Instant::now(),
            self.inner.jitter.next_fraction(),
        ) {
            Decision::Retry(delay) => Some(delay),
            Decision::GiveUp(_) => None,
        }
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
            attempt = progress.retries + 1,
            client_request_id = call.client_request_id,
            failure = %failure,
            delay_ms = delay.as_millis() as u64,
            "retrying {}",
            call.verb()
        );
        tokio::time::sleep(delay).await;
        progress.retried(delay);
    }

    /// Reads the body, refusing more than the configured limit.
    async fn read_body(&self, response: reqwest::Response) -> Result<bytes::Bytes, BodyError> {
        read_limited(response, self.inner.max_response_bytes).await
    }
}

/// What a retry needs to build the same request again; cloning these is cheaper than cloning a
/// whole request up front. A read (`GET`) has no body.
pub(crate) struct Resend {
    pub(super) method: reqwest::Method,
    pub(super) url: Url,
    pub(super) body: Option<bytes::Bytes>,
    pub(super) authorization: HeaderValue,
    pub(super) client_request_id: HeaderValue,
    pub(super) prefer: Option<Prefer>,
    pub(super) if_match: Option<HeaderValue>,
    /// `ConsistencyLevel: eventual`, which Graph requires with `$count` on directory objects.
    pub(super) eventual: bool,
}

impl Resend {
    /// A `method` request of `url` carrying `body`, with no preference and no condition: what
    /// each kind of request sets its own fields on.
    pub(super) fn new(
        method: reqwest::Method,
        url: Url,
        body: Option<bytes::Bytes>,
        authorization: HeaderValue,
        client_request_id: &str,
    ) -> Resend {
        Resend {
            method,
            url,
            body,
            authorization,
            client_request_id: HeaderValue::from_str(client_request_id)
                .expect("a UUID is a valid header value"),
            prefer: None,
            if_match: None,
            eventual: false,
        }
    }
}

/// What a call's log lines name.
pub(crate) struct Call<'a> {
    pub entity: &'static str,
    pub template: &'static str,
    pub client_request_id: &'a str,
    /// When the call must be over: a request's own deadline, or its `$batch` call's.
    pub ends: Instant,
    /// A `GET` (a read), not a write: how log lines name it.
    pub read: bool,
}

impl Call<'_> {
    /// The verb log lines name: `GET` for reads, `PATCH` for writes (a `$batch` carries PATCHes).
    fn verb(&self) -> &'static str {
        if self.read {
            "GET"
        } else {
            "PATCH"
        }
    }
}

/// A final answer, its body read whole.
pub(crate) struct Answer {
    pub status: StatusCode,
    pub body: bytes::Bytes,
    pub request_id: Option<String>,
}

/// The `Authorization` header for a token, marked sensitive so that `Debug` hides it.
pub(super) fn bearer(token: &AccessToken) -> Result<HeaderValue, Error> {
    let mut value = HeaderValue::try_from(format!("Bearer {}", token.secret()))
        .map_err(|_| RequestError::TokenNotAHeader)?;
    value.set_sensitive(true);
    Ok(value)
}
