//! A final answer, decoded: the entity or nothing on success, else the Graph error (or what the
//! body was instead) kept apart by kind.

use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::error::{snippet, Error, GraphError};
use crate::metadata::{GraphEntity, Permissions};

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

/// The outcome of the final attempt's answer to a PATCH.
pub(crate) fn finish<E: GraphEntity>(
    status: StatusCode,
    body: &[u8],
    request_id: Option<String>,
    client_request_id: String,
) -> Result<PatchResponse<E>, Error> {
    let entity = decode(
        status,
        body,
        request_id.clone(),
        &client_request_id,
        E::PERMISSIONS,
    )?;
    Ok(PatchResponse {
        status,
        request_id,
        client_request_id,
        entity,
    })
}

/// Decodes a final answer as `T` (an entity, or a page of a list): `Ok(None)` for a success
/// without a body, the Graph error (a 401 or 403 carrying `permissions`, the table the call
/// needs) or what the body was instead otherwise. Writes and reads share it.
pub(crate) fn decode<T: DeserializeOwned>(
    status: StatusCode,
    body: &[u8],
    request_id: Option<String>,
    client_request_id: &str,
    permissions: Permissions,
) -> Result<Option<T>, Error> {
    let client_request_id = client_request_id.to_owned();
    if !status.is_success() {
        let mut err = error_response(status, body, client_request_id, request_id);
        if let Error::Graph(graph) = &mut err {
            if matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN) {
                graph.required_permissions = Some(permissions);
            }
        }
        return Err(err);
    }
    // 204, or any success without a body (202, an empty 200): applied, nothing to decode.
    if status == StatusCode::NO_CONTENT || body.is_empty() {
        return Ok(None);
    }
    match serde_json::from_slice(body) {
        Ok(value) => Ok(Some(value)),
        Err(source) => {
            // A body that is not JSON at all reports the syntax error, with its category
            // (`is_eof` for a truncated body); one that is JSON reports the property at fault.
            let source = match serde_json::from_slice::<serde::de::IgnoredAny>(body) {
                Err(syntax) => syntax,
                Ok(_) => source,
            };
            Err(Error::Decode {
                status,
                client_request_id,
                source,
                snippet: snippet(body),
            })
        }
    }
}

/// At most [`SNIPPET_LIMIT`](crate::error) bytes of a text a server chose, for errors.
pub(super) fn bounded(text: &str) -> String {
    snippet(text.as_bytes())
}

pub(super) fn header_string(headers: &HeaderMap, name: &str) -> Option<String> {
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
