//! The simulator's HTTP side: accept loop, request log, routing and Graph's PATCH semantics.

use std::sync::Arc;

use bytes::Bytes;
use http_body_util::{BodyExt, Limited};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::{json, Map, Value};
use tokio::net::TcpListener;
use tokio::sync::watch;

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use hyper::body::Frame;

use crate::faults::{Fault, RetryAfter, Throttle};
use crate::graph::{is_of_type, lock, now, CannedResponse, RecordedRequest, Registration, State};
use crate::query::{parse_filter, Query};

// Every graphpatch item the server uses, in one place.
use graphpatch::auth::TokenClaims;
use graphpatch::path::{PathTemplate, Segment};

/// Request bodies larger than this are refused, as Graph refuses oversized requests.
const MAX_REQUEST_BYTES: usize = 4 * 1024 * 1024;

/// Serves the Graph look-alike until `shutdown` changes.
pub(crate) async fn serve(
    listener: TcpListener,
    state: Arc<State>,
    shutdown: watch::Receiver<bool>,
) {
    accept(listener, shutdown, move |request| {
        handle(Arc::clone(&state), request)
    })
    .await;
}

/// Accepts HTTP/1.1 connections and answers each request with `answer`, until `shutdown`
/// changes: the accept loop every stand-in shares.
pub(crate) async fn accept<F, Fut, B>(
    listener: TcpListener,
    mut shutdown: watch::Receiver<bool>,
    answer: F,
) where
    F: Fn(Request<Incoming>) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<Response<B>, std::io::Error>> + Send + 'static,
    B: hyper::body::Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let stream = match accepted {
                    Ok((stream, _)) => stream,
                    // Out of file descriptors, say: back off instead of spinning.
                    Err(_) => {
                        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
                        continue;
                    }
                };
                let answer = answer.clone();
                let mut shutdown = shutdown.clone();
                tokio::spawn(async move {
                    let service = service_fn(answer);
                    let connection = http1::Builder::new().serve_connection(TokioIo::new(stream), service);
                    tokio::pin!(connection);
                    tokio::select! {
                        _ = connection.as_mut() => {}
                        _ = shutdown.changed() => {}
                    }
                });
            }
            _ = shutdown.changed() => break,
        }
    }
}

type HttpResponse = Response<SimBody>;

/// A response body: all at once, in pieces with pauses, or cut off with an error (which makes
/// hyper drop the connection, as a failing server would).
pub(crate) struct SimBody {
    chunks: VecDeque<Bytes>,
    pause: Duration,
    sleep: Option<Pin<Box<tokio::time::Sleep>>>,
    fail_at_end: bool,
    /// The pause before failing has been taken.
    flushed: bool,
}

impl SimBody {
    fn full(bytes: Bytes) -> Self {
        SimBody {
            chunks: if bytes.is_empty() {
                VecDeque::new()
            } else {
                VecDeque::from([bytes])
            },
            pause: Duration::ZERO,
            sleep: None,
            fail_at_end: false,
            flushed: false,
        }
    }

    /// `bytes` in `pieces` parts, `pause` apart.
    fn slow(bytes: Bytes, pieces: usize, pause: Duration) -> Self {
        let size = bytes.len().div_ceil(pieces.max(1)).max(1);
        let chunks = (0..bytes.len())
            .step_by(size)
            .map(|at| bytes.slice(at..(at + size).min(bytes.len())))
            .collect();
        SimBody {
            chunks,
            pause,
            sleep: None,
            fail_at_end: false,
            flushed: false,
        }
    }

    /// `bytes`, then a failure.
    fn failing(bytes: Bytes) -> Self {
        SimBody {
            fail_at_end: true,
            ..SimBody::full(bytes)
        }
    }
}

impl hyper::body::Body for SimBody {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        let this = &mut *self;
        if let Some(sleep) = this.sleep.as_mut() {
            if sleep.as_mut().poll(cx).is_pending() {
                return Poll::Pending;
            }
            this.sleep = None;
        }
        match this.chunks.pop_front() {
            Some(chunk) => {
                if !this.pause.is_zero() && !this.chunks.is_empty() {
                    this.sleep = Some(Box::pin(tokio::time::sleep(this.pause)));
                }
                Poll::Ready(Some(Ok(Frame::data(chunk))))
            }
            // Pause once before failing, so that hyper flushes the headers and the bytes before
            // the connection drops: the client must see them arrive, then the cut.
            None if this.fail_at_end && !this.flushed => {
                this.flushed = true;
                this.sleep = Some(Box::pin(tokio::time::sleep(Duration::from_millis(20))));
                cx.waker().wake_by_ref();
                Poll::Pending
            }
            None if this.fail_at_end => {
                this.fail_at_end = false;
                Poll::Ready(Some(Err(std::io::Error::new(
                    std::io::ErrorKind::ConnectionAborted,
                    "simulated fault: connection dropped",
                ))))
            }
            None => Poll::Ready(None),
        }
    }

    fn is_end_stream(&self) -> bool {
        self.chunks.is_empty() && !self.fail_at_end && self.sleep.is_none()
    }

    fn size_hint(&self) -> hyper::body::SizeHint {
        if self.fail_at_end || !self.pause.is_zero() {
            return hyper::body::SizeHint::default();
        }
        hyper::body::SizeHint::with_exact(self.chunks.iter().map(|c| c.len() as u64).sum())
    }
}

async fn handle(
    state: Arc<State>,
    request: Request<Incoming>,
) -> Result<HttpResponse, std::io::Error> {
    let (parts, body) = request.into_parts();
    let client_request_id = parts
        .headers
        .get("client-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let reply = Reply {
        client_request_id,
        request_id: state.request_id(),
    };
    let body = match Limited::new(body, MAX_REQUEST_BYTES).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(_) => {
            return Ok(reply.error(
                StatusCode::PAYLOAD_TOO_LARGE,
                "RequestEntityTooLarge",
                "The request body is too large.",
            ))
        }
    };
    let recorded = RecordedRequest {
        method: parts.method.to_string(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().map(str::to_owned),
        headers: parts
            .headers
            .iter()
            .map(|(name, value)| {
                (
                    name.as_str().to_owned(),
                    String::from_utf8_lossy(value.as_bytes()).into_owned(),
                )
            })
            .collect(),
        body,
        received_at: now(),
    };
    lock(&state.log).push(recorded.clone());

    let latency = *lock(&state.latency);
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    if let Some(canned) = lock(&state.canned).pop_front() {
        return Ok(reply.canned(canned));
    }
    let fault = next_fault(&state, &recorded.path);
    let response = match fault {
        None if parts.method == Method::POST && recorded.path.ends_with("/$batch") => {
            return Ok(batch(&state, &recorded, &reply));
        }
        None => {
            return Ok(respond_within_budget(
                &state,
                &parts.method,
                &recorded,
                &reply,
            ))
        }
        Some(Fault::Latency(delay)) => {
            tokio::time::sleep(delay).await;
            return Ok(respond_within_budget(
                &state,
                &parts.method,
                &recorded,
                &reply,
            ));
        }
        Some(Fault::Throttle(retry_after)) => return Ok(reply.throttled(retry_after)),
        Some(Fault::Unavailable) => {
            return Ok(reply.error(
                StatusCode::SERVICE_UNAVAILABLE,
                "ServiceUnavailable",
                "The service is temporarily unavailable.",
            ))
        }
        Some(Fault::GatewayTimeout) => {
            return Ok(reply.error(
                StatusCode::GATEWAY_TIMEOUT,
                "GatewayTimeout",
                "The gateway timed out.",
            ))
        }
        Some(Fault::DropBeforeHeaders) => {
            return Err(std::io::Error::new(
                std::io::ErrorKind::ConnectionAborted,
                "simulated fault: no answer",
            ))
        }
        Some(Fault::InvalidUtf8) => {
            return Ok(reply.raw(
                StatusCode::OK,
                "application/json",
                Bytes::from_static(b"{\"id\":\"\xff\xfe\xfd\"}"),
            ))
        }
        Some(Fault::HtmlErrorPage) => {
            let page = "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>";
            return Ok(reply.raw(
                StatusCode::BAD_GATEWAY,
                "text/html",
                Bytes::from_static(page.as_bytes()),
            ));
        }
        Some(Fault::ClaimsChallenge(claims)) => return Ok(reply.claims_challenge(&claims)),
        // The rest apply the update, then spoil the answer.
        Some(fault) => (fault, respond(&state, &parts.method, &recorded, &reply)),
    };
    let (fault, response) = response;
    let (parts, body) = response.into_parts();
    let bytes = body.chunks.into_iter().fold(Vec::new(), |mut all, chunk| {
        all.extend_from_slice(&chunk);
        all
    });
    let length = bytes.len();
    let bytes = Bytes::from(bytes);
    let body = match fault {
        Fault::DropAfterHeaders => SimBody::failing(Bytes::new()),
        Fault::TruncatedBody => SimBody::failing(bytes.slice(..length / 2)),
        Fault::SlowBody(pause) => SimBody::slow(bytes, 8, pause),
        _ => SimBody::full(bytes),
    };
    let mut response = Response::from_parts(parts, body);
    response
        .headers_mut()
        .insert(hyper::header::CONTENT_LENGTH, length.into());
    Ok(response)
}

/// The first fault rule that fires for this request, used up by one.
fn next_fault(state: &State, path: &str) -> Option<Fault> {
    let mut rules = lock(&state.faults);
    if rules.is_empty() {
        return None;
    }
    // A fresh draw per rule, so that several random rules add up.
    let rule = rules
        .iter_mut()
        .find(|rule| rule.fires(path, state.random_fraction()))?;
    rule.remaining -= 1;
    Some(rule.fault.clone())
}

/// Graph's JSON batching: each request of `{"requests": […]}` is served as if sent alone (its
/// own faults, budget and validation) and answered in `{"responses": […]}` with its `id`.
fn batch(state: &State, request: &RecordedRequest, reply: &Reply) -> HttpResponse {
    #[derive(serde::Deserialize)]
    struct Batch {
        requests: Vec<Sub>,
    }
    #[derive(serde::Deserialize)]
    struct Sub {
        id: String,
        method: String,
        url: String,
        #[serde(default)]
        headers: std::collections::BTreeMap<String, String>,
        body: Option<Value>,
    }
    let Ok(batch) = serde_json::from_slice::<Batch>(&request.body) else {
        return reply.error(
            StatusCode::BAD_REQUEST,
            "BadRequest",
            "Invalid batch payload format.",
        );
    };
    if batch.requests.len() > 20 {
        return reply.error(
            StatusCode::BAD_REQUEST,
            "BadRequest",
            "The number of batch requests exceeds the limit of 20.",
        );
    }
    let version = request
        .segments()
        .first()
        .copied()
        .unwrap_or_default()
        .to_owned();
    let mut responses = Vec::with_capacity(batch.requests.len());
    for sub in batch.requests {
        let mut headers: Vec<(String, String)> = request
            .headers
            .iter()
            .filter(|(name, _)| name == "authorization" || name == "client-request-id")
            .cloned()
            .collect();
        headers.extend(
            sub.headers
                .into_iter()
                .map(|(name, value)| (name.to_ascii_lowercase(), value)),
        );
        let single = RecordedRequest {
            method: sub.method.clone(),
            path: format!("/{version}{}", sub.url),
            query: None,
            headers,
            body: sub
                .body
                .map(|body| Bytes::from(serde_json::to_vec(&body).expect("a JSON value")))
                .unwrap_or_default(),
            received_at: request.received_at,
        };
        let sub_reply = Reply {
            client_request_id: reply.client_request_id.clone(),
            request_id: state.request_id(),
        };
        let method = Method::from_bytes(sub.method.as_bytes()).unwrap_or(Method::GET);
        let answer = match next_fault(state, &single.path) {
            Some(Fault::Throttle(retry_after)) => sub_reply.throttled(retry_after),
            Some(Fault::Unavailable) => sub_reply.error(
                StatusCode::SERVICE_UNAVAILABLE,
                "ServiceUnavailable",
                "The service is temporarily unavailable.",
            ),
            // Connection-level faults have no meaning inside a batch answer.
            _ => respond_within_budget(state, &method, &single, &sub_reply),
        };
        responses.push(sub_answer(sub.id, answer));
    }
    reply.json(StatusCode::OK, &json!({ "responses": responses }))
}

/// A served answer as one entry of a batch answer.
fn sub_answer(id: String, answer: HttpResponse) -> Value {
    let (parts, body) = answer.into_parts();
    let bytes: Vec<u8> = body.chunks.into_iter().flat_map(|c| c.to_vec()).collect();
    let headers: Map<String, Value> = parts
        .headers
        .iter()
        .filter_map(|(name, value)| {
            Some((
                name.as_str().to_owned(),
                Value::String(value.to_str().ok()?.to_owned()),
            ))
        })
        .collect();
    let mut entry = json!({ "id": id, "status": parts.status.as_u16(), "headers": headers });
    if let Ok(body) = serde_json::from_slice::<Value>(&bytes) {
        entry["body"] = body;
    }
    entry
}

/// A PATCH past the write budget, or a GET past the read budget, is refused with 429; anything
/// else is served.
fn respond_within_budget(
    state: &State,
    method: &Method,
    request: &RecordedRequest,
    reply: &Reply,
) -> HttpResponse {
    if *method == Method::GET {
        if let Some(reads) = lock(&state.read_throttle).as_mut() {
            let now = now();
            if let Some(wait) = reads.wait(now) {
                let retry_after = reads
                    .budget
                    .retry_after
                    .then(|| RetryAfter::Seconds(wait.as_secs_f64().ceil() as u64));
                return reply.throttled(retry_after);
            }
            reads.record(now);
        }
    }
    if *method == Method::PATCH {
        let now = now();
        // A write counts against its app's budget and the tenant's; refused by either, it is
        // counted by neither.
        let mut apps = lock(&state.app_throttle);
        let mut tenant = lock(&state.throttle);
        let app = apps.as_mut().map(|(budget, apps)| {
            apps.entry(app_of(request))
                .or_insert_with(|| Throttle::new(*budget))
        });
        let mut throttles: Vec<&mut Throttle> = app.into_iter().chain(tenant.as_mut()).collect();
        for throttle in throttles.iter_mut() {
            if let Some(wait) = throttle.wait(now) {
                let retry_after = throttle
                    .budget
                    .retry_after
                    .then(|| RetryAfter::Seconds(wait.as_secs_f64().ceil() as u64));
                return reply.throttled(retry_after);
            }
        }
        for throttle in throttles {
            throttle.record(now);
        }
    }
    respond(state, method, request, reply)
}

fn respond(
    state: &State,
    method: &Method,
    request: &RecordedRequest,
    reply: &Reply,
) -> HttpResponse {
    let token = match request
        .header("authorization")
        .and_then(|v| v.strip_prefix("Bearer "))
    {
        Some(token) if !token.is_empty() && state.token.as_deref().is_none_or(|t| t == token) => {
            token
        }
        Some(_) => {
            return reply.error(
                StatusCode::UNAUTHORIZED,
                "InvalidAuthenticationToken",
                "Access token validation failure.",
            )
        }
        None => {
            return reply.error(
                StatusCode::UNAUTHORIZED,
                "InvalidAuthenticationToken",
                "Access token is empty.",
            )
        }
    };
    let mut raw = request.segments().into_iter();
    let version = raw.next().unwrap_or_default();
    let mut segments = Vec::new();
    for segment in raw {
        match percent_encoding::percent_decode_str(segment).decode_utf8() {
            Ok(decoded) => segments.push(decoded.into_owned()),
            Err(_) => {
                return reply.error(
                    StatusCode::BAD_REQUEST,
                    "BadRequest",
                    "The path is not valid UTF-8.",
                )
            }
        }
    }
    let candidates = route(state, version, &segments);
    if candidates.is_empty() && *method == Method::GET {
        let collections = route_collection(state, version, &segments);
        if !collections.is_empty() {
            return list(state, &collections, version, segments, request, reply);
        }
    }
    let Some(first) = candidates.first() else {
        let message = format!(
            "Resource not found for the segment '{}'.",
            segments.last().map(String::as_str).unwrap_or(version)
        );
        return reply.error(StatusCode::NOT_FOUND, "ResourceNotFound", &message);
    };
    let key = (first.version.as_str(), segments);
    let mut store = lock(&state.store);
    let Some(stored) = store.get(&key) else {
        let message = format!(
            "{} with id '{}' was not found.",
            first.odata_type,
            key.1.last().map(String::as_str).unwrap_or_default()
        );
        return reply.error(StatusCode::NOT_FOUND, "ResourceNotFound", &message);
    };
    // Types derived from one base share its paths: the stored resource's type decides.
    let registration = candidates
        .iter()
        .find(|r| is_of_type(stored, r.odata_type))
        .unwrap_or(first);
    if state.enforce_permissions {
        if let Some(refusal) = permission_refusal(registration, token, reply) {
            return refusal;
        }
    }
    match *method {
        Method::GET => {
            let query = match Query::parse(request.query.as_deref()) {
                Ok(query) => query,
                Err(message) => {
                    return reply.error(StatusCode::BAD_REQUEST, "BadRequest", &message)
                }
            };
            let document = match project(registration, stored, query.select.as_deref()) {
                Ok(document) => document,
                Err(message) => {
                    return reply.error(StatusCode::BAD_REQUEST, "BadRequest", &message)
                }
            };
            // A concurrent writer, on cue: the change lands just after this read.
            let mut after = lock(&state.after_read);
            if let Some(at) = after.iter().position(|(k, _)| *k == key) {
                let (key, mut changed) = after.remove(at);
                state.stamp(&mut changed);
                store.insert(key, changed);
            }
            reply.json(StatusCode::OK, &document)
        }
        Method::PATCH => {
            if let (true, Some(wanted)) = (state.etags, request.header("if-match")) {
                let current = stored.get("@odata.etag").and_then(Value::as_str);
                if wanted != "*" && current != Some(wanted) {
                    return reply.error(
                        StatusCode::PRECONDITION_FAILED,
                        "PreconditionFailed",
                        "The entity has changed since the ETag in If-Match was issued.",
                    );
                }
            }
            let merged = match merge(registration, stored, &request.body) {
                Ok(merged) => merged,
                Err(message) => {
                    return reply.error(StatusCode::BAD_REQUEST, "BadRequest", &message)
                }
            };
            let mut merged = merged;
            state.stamp(&mut merged);
            store.insert(key, merged.clone());
            if request
                .header("prefer")
                .is_some_and(|p| p.contains("return=minimal"))
            {
                reply.empty(StatusCode::NO_CONTENT)
            } else {
                reply.json(StatusCode::OK, &merged)
            }
        }
        _ => reply.error(
            StatusCode::METHOD_NOT_ALLOWED,
            "MethodNotAllowed",
            "The simulator serves GET and PATCH.",
        ),
    }
}

/// The application a request's token speaks for, as Intune's budget counts: its `appid` or
/// `azp` claim, or the token itself.
fn app_of(request: &RecordedRequest) -> String {
    let token = request
        .header("authorization")
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    TokenClaims::parse(token)
        .and_then(|claims| claims.app_id)
        .unwrap_or_else(|| token.to_owned())
}

/// Graph's answer to a token that cannot call the entity, judged by its claims as Graph does: an
/// opaque token is not valid at all (401), a JWT without a listed permission is forbidden (403).
fn permission_refusal(
    registration: &Registration,
    token: &str,
    reply: &Reply,
) -> Option<HttpResponse> {
    let Some(claims) = TokenClaims::parse(token) else {
        return Some(reply.error(
            StatusCode::UNAUTHORIZED,
            "InvalidAuthenticationToken",
            "IDX14100: JWT is not well formed.",
        ));
    };
    let scopes = registration.permissions.for_kind(claims.kind());
    if scopes.allows(claims.permissions()) {
        return None;
    }
    let message = if scopes.is_supported() {
        format!(
            "Application is not authorized to perform this operation. Application must have one of the following scopes: {}",
            scopes.as_slice().join(", ")
        )
    } else {
        "This operation is not supported for this kind of caller.".to_owned()
    };
    Some(reply.error(StatusCode::FORBIDDEN, "Forbidden", &message))
}

/// The registered entities with an item template whose collection (the template without its
/// final key) matches the path.
fn route_collection<'a>(
    state: &'a State,
    version: &str,
    segments: &[String],
) -> Vec<&'a Registration> {
    state
        .registrations
        .iter()
        .filter(|r| {
            r.version.as_str() == version
                && r.paths.iter().any(|template| {
                    template
                        .collection()
                        .is_some_and(|collection| matches(&collection, segments))
                })
        })
        .collect()
}

/// A document with only the properties `select` names (and its `@odata.type` and
/// `@odata.etag`), or Graph's refusal of a name the type does not have.
fn project(
    registration: &Registration,
    document: &Value,
    select: Option<&[String]>,
) -> Result<Value, String> {
    let Some(select) = select else {
        return Ok(document.clone());
    };
    let mut out = Map::new();
    for name in select {
        if !registration.properties.iter().any(|p| p.wire == name) {
            return Err(format!(
                "Could not find a property named '{name}' on type '{}'.",
                registration.odata_type
            ));
        }
        if let Some(value) = document.get(name) {
            out.insert(name.clone(), value.clone());
        }
    }
    for annotation in ["@odata.type", "@odata.etag"] {
        if let Some(value) = document.get(annotation) {
            out.insert(annotation.to_owned(), value.clone());
        }
    }
    Ok(Value::Object(out))
}

/// A collection `GET`: the stored items one level below the path, of the registered types,
/// filtered, ordered (by `$orderby`, else by key), paged at the page size or `$top`, with a
/// `@odata.nextLink` carrying `$skiptoken` while items remain.
fn list(
    state: &State,
    registrations: &[&Registration],
    version: &str,
    segments: Vec<String>,
    request: &RecordedRequest,
    reply: &Reply,
) -> HttpResponse {
    let query = match Query::parse(request.query.as_deref()) {
        Ok(query) => query,
        Err(message) => return reply.error(StatusCode::BAD_REQUEST, "BadRequest", &message),
    };
    let registration = registrations[0];
    let filter = match query.filter.as_deref().map(parse_filter).transpose() {
        Ok(filter) => filter,
        Err(message) => return reply.error(StatusCode::BAD_REQUEST, "BadRequest", &message),
    };
    let known = |name: &str| {
        registrations
            .iter()
            .any(|r| r.properties.iter().any(|p| p.wire == name))
    };
    if let Some(unknown) = filter
        .iter()
        .flat_map(|f| f.properties())
        .chain(query.order_by.iter().map(|(p, _)| p.as_str()))
        .find(|name| !known(name))
    {
        return reply.error(
            StatusCode::BAD_REQUEST,
            "BadRequest",
            &format!(
                "Could not find a property named '{unknown}' on type '{}'.",
                registration.odata_type
            ),
        );
    }
    let store = lock(&state.store);
    let mut items: Vec<(&Vec<String>, &Value, &Registration)> = store
        .iter()
        .filter(|((v, key), _)| {
            *v == version && key.len() == segments.len() + 1 && key.starts_with(&segments)
        })
        .filter_map(|((_, key), doc)| {
            let r = registrations
                .iter()
                .find(|r| is_of_type(doc, r.odata_type))?;
            Some((key, doc, *r))
        })
        .filter(|(_, doc, _)| filter.as_ref().is_none_or(|f| f.matches(doc)))
        .collect();
    items.sort_by(|a, b| a.0.cmp(b.0));
    if let Some((property, descending)) = &query.order_by {
        items.sort_by(|a, b| {
            let ordering = crate::query::compare_by(a.1, b.1, property);
            if *descending {
                ordering.reverse()
            } else {
                ordering
            }
        });
    }
    let total = items.len();
    let page_size = query.top.unwrap_or(*lock(&state.page_size)).max(1);
    let skip = query.skip_token.unwrap_or(0);
    let mut value = Vec::new();
    for (_, doc, r) in items.iter().skip(skip).take(page_size) {
        match project(r, doc, query.select.as_deref()) {
            Ok(doc) => value.push(doc),
            Err(message) => return reply.error(StatusCode::BAD_REQUEST, "BadRequest", &message),
        }
    }
    let mut page = Map::new();
    page.insert(
        "@odata.context".into(),
        Value::String(format!(
            "{}/{version}/$metadata#{}",
            state.base_url,
            segments.join("/")
        )),
    );
    if query.count {
        page.insert("@odata.count".into(), Value::from(total));
    }
    page.insert("value".into(), Value::Array(value));
    if skip + page_size < total {
        let base = lock(&state.next_link_base)
            .clone()
            .unwrap_or_else(|| state.base_url.clone());
        let mut link = format!("{base}{}?", request.path);
        for (key, value) in &query.rest {
            link.push_str(key);
            link.push('=');
            link.push_str(value);
            link.push('&');
        }
        link.push_str(&format!("$skiptoken={}", skip + page_size));
        page.insert("@odata.nextLink".into(), Value::String(link));
    }
    let body = serde_json::to_vec(&Value::Object(page)).expect("a JSON value serializes");
    if accepts_gzip(request) {
        return reply.gzipped_json(StatusCode::OK, &body);
    }
    reply.raw(StatusCode::OK, "application/json", Bytes::from(body))
}

/// Whether the client asked for gzip (`Accept-Encoding: gzip`, `gzip, deflate`, …).
fn accepts_gzip(request: &RecordedRequest) -> bool {
    request.header("accept-encoding").is_some_and(|value| {
        value.split(',').any(|coding| {
            coding
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .eq_ignore_ascii_case("gzip")
        })
    })
}

/// The registered entities with a template that matches the path, in registration order.
fn route<'a>(state: &'a State, version: &str, segments: &[String]) -> Vec<&'a Registration> {
    state
        .registrations
        .iter()
        .filter(|r| {
            r.version.as_str() == version
                && r.paths.iter().any(|template| matches(template, segments))
        })
        .collect()
}

/// Whether the path's segments fit a template: its literals as written, anything for a parameter.
fn matches(template: &PathTemplate, segments: &[String]) -> bool {
    template.segments.len() == segments.len()
        && template
            .segments
            .iter()
            .zip(segments)
            .all(|(t, s)| match t {
                Segment::Literal(text) => text == s,
                Segment::Param { .. } => true,
            })
}

/// Applies a PATCH body to a stored document with Graph's rules, or says why Graph would refuse.
fn merge(registration: &Registration, stored: &Value, body: &[u8]) -> Result<Value, String> {
    let odata_type = registration.odata_type;
    let patch: Map<String, Value> = match serde_json::from_slice(body) {
        Ok(Value::Object(map)) => map,
        Ok(_) => return Err("The request body must be a JSON object.".into()),
        Err(err) => return Err(format!("Invalid JSON in the request body: {err}.")),
    };
    let mut merged = stored.as_object().cloned().unwrap_or_default();
    for (key, value) in &patch {
        if key == "@odata.type" {
            let expected = format!("#{odata_type}");
            if value.as_str() != Some(expected.as_str()) {
                return Err(format!(
                    "The @odata.type {value} does not match the resource's type '{expected}'."
                ));
            }
            continue;
        }
        let Some(property) = registration.properties.iter().find(|p| p.wire == key) else {
            return Err(format!(
                "The property '{key}' does not exist on type '{odata_type}'. Make sure to only use property names that are defined by the type."
            ));
        };
        if property.read_only {
            return Err(format!(
                "The property '{key}' is read-only and cannot be updated."
            ));
        }
        if value.is_null() && !property.nullable {
            return Err(format!("The property '{key}' cannot be null."));
        }
        merged.insert(key.clone(), value.clone());
    }
    let merged = Value::Object(merged);
    match (registration.validate)(&merged) {
        Ok(_) => Ok(merged),
        Err(err) => {
            // Name the property at fault: the first one that alone breaks the stored document.
            let culprit = patch.iter().find(|(key, value)| {
                let mut single = stored.as_object().cloned().unwrap_or_default();
                single.insert((*key).clone(), (*value).clone());
                (registration.validate)(&Value::Object(single)).is_err()
            });
            Err(match culprit {
                Some((key, value)) => format!("Invalid value {value} for property '{key}': {err}."),
                None => format!("The resulting {odata_type} is invalid: {err}."),
            })
        }
    }
}

/// Builds responses carrying Graph's correlation headers.
struct Reply {
    client_request_id: String,
    /// One id per request, in the `request-id` header and in error bodies, as Graph does.
    request_id: String,
}

impl Reply {
    fn base(&self, status: StatusCode) -> hyper::http::response::Builder {
        let builder = Response::builder()
            .status(status)
            .header("request-id", &self.request_id);
        if self.client_request_id.is_empty() {
            builder
        } else {
            builder.header("client-request-id", &self.client_request_id)
        }
    }

    fn json(&self, status: StatusCode, body: &Value) -> HttpResponse {
        let bytes = serde_json::to_vec(body).expect("a JSON value serializes");
        self.raw(status, "application/json", Bytes::from(bytes))
    }

    /// A JSON body, gzip-compressed, as Graph sends list pages to a client that asks.
    fn gzipped_json(&self, status: StatusCode, json: &[u8]) -> HttpResponse {
        use std::io::Write as _;
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(json).expect("writing to memory");
        let compressed = encoder.finish().expect("writing to memory");
        self.base(status)
            .header("content-type", "application/json")
            .header("content-encoding", "gzip")
            .body(SimBody::full(Bytes::from(compressed)))
            .expect("a valid response")
    }

    fn raw(&self, status: StatusCode, content_type: &str, body: Bytes) -> HttpResponse {
        self.base(status)
            .header("content-type", content_type)
            .body(SimBody::full(body))
            .expect("a valid response")
    }

    fn throttled(&self, retry_after: Option<RetryAfter>) -> HttpResponse {
        let mut response = self.error(
            StatusCode::TOO_MANY_REQUESTS,
            "TooManyRequests",
            "Too many requests. Please retry after some time.",
        );
        if let Some(retry_after) = retry_after {
            let value = retry_after.header_value();
            response.headers_mut().insert(
                hyper::header::RETRY_AFTER,
                hyper::header::HeaderValue::from_str(&value).expect("a valid Retry-After"),
            );
        }
        response
    }

    fn claims_challenge(&self, claims: &str) -> HttpResponse {
        use base64::Engine as _;
        let mut response = self.error(
            StatusCode::UNAUTHORIZED,
            "InvalidAuthenticationToken",
            "Continuous access evaluation resulted in claims challenge.",
        );
        let encoded = base64::engine::general_purpose::STANDARD.encode(claims);
        let value = format!(
            "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", \
             client_id=\"00000003-0000-0000-c000-000000000000\", error=\"insufficient_claims\", claims=\"{encoded}\""
        );
        response.headers_mut().insert(
            hyper::header::WWW_AUTHENTICATE,
            hyper::header::HeaderValue::from_str(&value).expect("a valid challenge"),
        );
        response
    }

    fn empty(&self, status: StatusCode) -> HttpResponse {
        self.base(status)
            .body(SimBody::full(Bytes::new()))
            .expect("a valid response")
    }

    fn error(&self, status: StatusCode, code: &str, message: &str) -> HttpResponse {
        let body = json!({
            "error": {
                "code": code,
                "message": message,
                "innerError": {
                    "date": chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S").to_string(),
                    "request-id": self.request_id,
                    "client-request-id": self.client_request_id,
                }
            }
        });
        self.json(status, &body)
    }

    fn canned(&self, canned: CannedResponse) -> HttpResponse {
        let status =
            StatusCode::from_u16(canned.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut builder = self.base(status);
        for (name, value) in &canned.headers {
            builder = builder.header(name, value);
        }
        builder
            .body(SimBody::full(canned.body))
            .unwrap_or_else(|_| {
                self.error(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "InternalServerError",
                    "invalid canned response",
                )
            })
    }
}
