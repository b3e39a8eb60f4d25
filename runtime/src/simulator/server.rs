//! The simulator's HTTP side: accept loop, request log, routing and Graph's PATCH semantics.

use std::convert::Infallible;
use std::sync::Arc;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::{json, Map, Value};
use tokio::net::TcpListener;
use tokio::sync::watch;

use super::{lock, CannedResponse, RecordedRequest, Registration, State};

/// Request bodies larger than this are refused, as Graph refuses oversized requests.
const MAX_REQUEST_BYTES: usize = 4 * 1024 * 1024;

pub(crate) async fn serve(
    listener: TcpListener,
    state: Arc<State>,
    mut shutdown: watch::Receiver<bool>,
) {
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
                let state = Arc::clone(&state);
                let mut shutdown = shutdown.clone();
                tokio::spawn(async move {
                    let service = service_fn(move |request| handle(Arc::clone(&state), request));
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

type HttpResponse = Response<Full<Bytes>>;

async fn handle(state: Arc<State>, request: Request<Incoming>) -> Result<HttpResponse, Infallible> {
    let (parts, body) = request.into_parts();
    let client_request_id = parts
        .headers
        .get("client-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let reply = Reply {
        client_request_id,
        request_id: uuid::Uuid::new_v4().to_string(),
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
    };
    lock(&state.log).push(recorded.clone());

    if let Some(canned) = lock(&state.canned).pop_front() {
        return Ok(reply.canned(canned));
    }
    Ok(respond(&state, &parts.method, &recorded, &reply))
}

fn respond(
    state: &State,
    method: &Method,
    request: &RecordedRequest,
    reply: &Reply,
) -> HttpResponse {
    match request
        .header("authorization")
        .and_then(|v| v.strip_prefix("Bearer "))
    {
        Some(token) if !token.is_empty() && state.token.as_deref().is_none_or(|t| t == token) => {}
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
    }
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
    let Some(registration) = route(state, version, &segments) else {
        let message = format!(
            "Resource not found for the segment '{}'.",
            segments.last().map(String::as_str).unwrap_or(version)
        );
        return reply.error(StatusCode::NOT_FOUND, "ResourceNotFound", &message);
    };
    let key = (registration.odata_type, segments);
    let mut store = lock(&state.store);
    let Some(stored) = store.get(&key) else {
        let message = format!(
            "{} with id '{}' was not found.",
            registration.odata_type,
            key.1.last().map(String::as_str).unwrap_or_default()
        );
        return reply.error(StatusCode::NOT_FOUND, "ResourceNotFound", &message);
    };
    match *method {
        Method::GET => reply.json(StatusCode::OK, stored),
        Method::PATCH => {
            let merged = match merge(registration, stored, &request.body) {
                Ok(merged) => merged,
                Err(message) => {
                    return reply.error(StatusCode::BAD_REQUEST, "BadRequest", &message)
                }
            };
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

/// The registered entity with a template that matches the path.
fn route<'a>(state: &'a State, version: &str, segments: &[String]) -> Option<&'a Registration> {
    state.registrations.iter().find(|r| {
        r.version.as_str() == version
            && r.paths.iter().any(|template| {
                template.segments.len() == segments.len()
                    && template
                        .segments
                        .iter()
                        .zip(segments)
                        .all(|(t, s)| match t {
                            crate::Segment::Literal(text) => text == s,
                            crate::Segment::Param { .. } => true,
                        })
            })
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
        self.base(status)
            .header("content-type", "application/json")
            .body(Full::new(Bytes::from(bytes)))
            .expect("a valid response")
    }

    fn empty(&self, status: StatusCode) -> HttpResponse {
        self.base(status)
            .body(Full::new(Bytes::new()))
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
        builder.body(Full::new(canned.body)).unwrap_or_else(|_| {
            self.error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "InternalServerError",
                "invalid canned response",
            )
        })
    }
}
