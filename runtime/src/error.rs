//! The one error type of the client, keeping apart what went wrong where.

use std::fmt;

use reqwest::StatusCode;

/// How many bytes of a response body an error keeps.
pub(crate) const SNIPPET_LIMIT: usize = 512;

/// Everything that can go wrong sending a request.
///
/// ```
/// use graphpatch::Error;
/// fn explain(err: &Error) -> String {
///     match err {
///         Error::Graph(graph) => format!("{} {}: {}", graph.status, graph.code, graph.message),
///         other => other.to_string(),
///     }
/// }
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The request could not be built: an empty change set, a path parameter that cannot be a
    /// segment, an invalid header value. Nothing was sent.
    InvalidRequest(RequestError),

    /// The client's configuration is unusable (for example a base URL that would send a token
    /// in clear text). Nothing was sent.
    Config(String),

    /// The token provider failed. Nothing was sent.
    Token(TokenError),

    /// No HTTP response: connection refused or reset, TLS failure, timeout.
    Transport {
        /// The request's `client-request-id`.
        client_request_id: String,
        /// The underlying error.
        source: reqwest::Error,
    },

    /// Graph answered with an error body in its documented format.
    Graph(Box<GraphError>),

    /// The token cannot call this entity, judging by its claims: its kind of caller is not
    /// supported, or it holds none of the permissions that are. Nothing was sent. See
    /// [`Preflight`](crate::permissions::Preflight).
    Permission(Box<crate::permissions::PermissionError>),

    /// A time limit passed; `kind` says which. For `Connect` and `Attempt`, every allowed attempt
    /// timed out or the last one did.
    Timeout {
        /// Which limit.
        kind: TimeoutKind,
        /// The limit, where graphpatch set it (a `reqwest::Client` given to the builder has its
        /// own connect timeout).
        after: Option<std::time::Duration>,
        /// The request's `client-request-id`.
        client_request_id: String,
    },

    /// A redirect that was not followed: one that would turn the PATCH into a GET (301, 302,
    /// 303), lead from `https` to `http`, or go past 5 in a row.
    Redirect {
        /// The status code (301, 302, 307, …).
        status: StatusCode,
        /// Where the server pointed.
        location: String,
        /// The request's `client-request-id`.
        client_request_id: String,
    },

    /// An error status whose body is not a Graph error (an HTML page from a proxy, say).
    UnexpectedResponse {
        /// The status code.
        status: StatusCode,
        /// The request's `client-request-id`.
        client_request_id: String,
        /// The start of the body, at most 512 bytes, lossily decoded.
        snippet: String,
    },

    /// The `$batch` request that carried this request failed as a whole (every request in it
    /// gets the same cause); whether this one was applied is unknown only if the cause is a
    /// transport error or timeout.
    Batch(std::sync::Arc<Error>),

    /// The `$batch` answer gave this request no usable result: no response with its id, or one
    /// with a status that is not an HTTP status. It was sent again while that was safe and the
    /// retry policy allowed; whether it was applied is unknown.
    BatchAnswer {
        /// The `client-request-id` of the `$batch` request.
        client_request_id: String,
        /// What was wrong with the answer.
        problem: String,
    },

    /// A success status whose body is not the expected entity.
    Decode {
        /// The status code.
        status: StatusCode,
        /// The request's `client-request-id`.
        client_request_id: String,
        /// Why decoding failed.
        source: serde_json::Error,
        /// The start of the body, at most 512 bytes, lossily decoded.
        snippet: String,
    },
}

impl Error {
    /// The HTTP status, where a response was received.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Graph(graph) => Some(graph.status),
            Error::UnexpectedResponse { status, .. }
            | Error::Decode { status, .. }
            | Error::Redirect { status, .. } => Some(*status),
            Error::Batch(cause) => cause.status(),
            Error::Transport { source, .. } => source.status(),
            Error::InvalidRequest(_)
            | Error::Config(_)
            | Error::Token(_)
            | Error::Permission(_)
            | Error::Timeout { .. }
            | Error::BatchAnswer { .. } => None,
        }
    }

    /// Whether the update may have been applied although the call failed: the request may have
    /// reached the service and no definitive answer came back. What a bulk run re-checks (or
    /// simply runs again: a PATCH of the same body leaves the same state).
    ///
    /// | error | may have been applied |
    /// |---|---|
    /// | `InvalidRequest`, `Config`, `Token`, `Permission` | no: nothing was sent |
    /// | `Transport` before a connection opened (refused, DNS, TLS) | no |
    /// | `Transport` after (a connection reset or an answer cut off after its headers) | yes |
    /// | `Timeout` of kind `Connect` | no |
    /// | `Timeout` of kind `Attempt` or `Deadline` | yes: an attempt was under way or sent |
    /// | `Graph` or `UnexpectedResponse` with 500, 502 or 504 | yes: a gateway or the service failed mid-way |
    /// | `Graph` or `UnexpectedResponse` with any other status | no: the service refused it |
    /// | `Redirect` | no: it was not followed |
    /// | `Decode` | yes: a success status came back, its body could not be read |
    /// | `BatchAnswer` | yes: the batch was answered, but not for this update |
    /// | `Batch` | as its cause |
    ///
    /// ```
    /// use graphpatch::{Error, RequestError};
    /// let err = Error::from(RequestError::EmptyChangeSet { entity: "DeviceCategory" });
    /// assert!(!err.may_have_been_applied());
    /// ```
    pub fn may_have_been_applied(&self) -> bool {
        /// Statuses after which the service may have applied the update before failing.
        fn mid_way(status: StatusCode) -> bool {
            matches!(
                status,
                StatusCode::INTERNAL_SERVER_ERROR
                    | StatusCode::BAD_GATEWAY
                    | StatusCode::GATEWAY_TIMEOUT
            )
        }
        match self {
            Error::InvalidRequest(_)
            | Error::Config(_)
            | Error::Token(_)
            | Error::Permission(_)
            | Error::Redirect { .. } => false,
            Error::Transport { source, .. } => !source.is_connect(),
            Error::Timeout { kind, .. } => *kind != TimeoutKind::Connect,
            Error::Graph(graph) => mid_way(graph.status),
            Error::UnexpectedResponse { status, .. } => mid_way(*status),
            Error::Decode { .. } | Error::BatchAnswer { .. } => true,
            Error::Batch(cause) => cause.may_have_been_applied(),
        }
    }

    /// Whether Graph answered `404 Not Found`: no entity at that path (or no such path). A
    /// read's test for "is it there?", as [`GraphClient::get`](crate::GraphClient::get) meets it.
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(StatusCode::NOT_FOUND)
    }

    /// Whether Graph answered `412 Precondition Failed`: an `If-Match` write met a newer
    /// version of the entity, and nothing was changed.
    pub fn is_precondition_failed(&self) -> bool {
        self.status() == Some(StatusCode::PRECONDITION_FAILED)
    }

    /// The `client-request-id` sent, where a request was sent.
    pub fn client_request_id(&self) -> Option<&str> {
        match self {
            Error::Graph(graph) => Some(&graph.client_request_id),
            Error::Transport {
                client_request_id, ..
            }
            | Error::UnexpectedResponse {
                client_request_id, ..
            }
            | Error::Decode {
                client_request_id, ..
            }
            | Error::Redirect {
                client_request_id, ..
            }
            | Error::Timeout {
                client_request_id, ..
            }
            | Error::BatchAnswer {
                client_request_id, ..
            } => Some(client_request_id),
            Error::Batch(cause) => cause.client_request_id(),
            Error::InvalidRequest(_)
            | Error::Config(_)
            | Error::Token(_)
            | Error::Permission(_) => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidRequest(err) => write!(f, "invalid request: {err}"),
            Error::Config(problem) => write!(f, "invalid client configuration: {problem}"),
            Error::Token(err) => write!(f, "could not get an access token: {err}"),
            Error::Transport {
                client_request_id,
                source,
            } => write!(
                f,
                "transport error (client-request-id {client_request_id}): {source}"
            ),
            Error::Graph(err) => fmt::Display::fmt(err, f),
            Error::Permission(err) => fmt::Display::fmt(err, f),
            Error::Timeout {
                kind,
                after,
                client_request_id,
            } => {
                write!(f, "{kind} timed out")?;
                if let Some(after) = after {
                    write!(f, " after {after:?}")?;
                }
                write!(f, " (client-request-id {client_request_id})")
            }
            Error::Redirect {
                status,
                location,
                client_request_id,
            } => write!(
                f,
                "HTTP {status} redirect to {location} (client-request-id {client_request_id}); \
                 the update was not sent there"
            ),
            Error::UnexpectedResponse {
                status,
                client_request_id,
                snippet,
            } => write!(
                f,
                "HTTP {status} (client-request-id {client_request_id}) with a body that is not a \
                 Graph error: {snippet}"
            ),
            Error::Batch(cause) => {
                write!(f, "the $batch request carrying this update failed: {cause}")
            }
            Error::BatchAnswer {
                client_request_id,
                problem,
            } => write!(
                f,
                "the $batch answer (client-request-id {client_request_id}) has no result for this \
                 update: {problem}"
            ),
            Error::Decode {
                status,
                client_request_id,
                source,
                snippet,
            } => write!(
                f,
                "could not decode the HTTP {status} response (client-request-id \
                 {client_request_id}): {source}; body starts: {snippet}"
            ),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::InvalidRequest(err) => Some(err),
            Error::Token(err) => Some(err),
            Error::Transport { source, .. } => Some(source),
            // Transparent: the wrapped error's own source.
            Error::Graph(err) => std::error::Error::source(&**err),
            Error::Permission(err) => std::error::Error::source(&**err),
            Error::Batch(cause) => Some(&**cause),
            Error::Decode { source, .. } => Some(source),
            Error::Config(_)
            | Error::Timeout { .. }
            | Error::Redirect { .. }
            | Error::UnexpectedResponse { .. }
            | Error::BatchAnswer { .. } => None,
        }
    }
}

impl From<RequestError> for Error {
    fn from(err: RequestError) -> Self {
        Error::InvalidRequest(err)
    }
}

impl From<TokenError> for Error {
    fn from(err: TokenError) -> Self {
        Error::Token(err)
    }
}

/// Why a request could not be built ([`Error::InvalidRequest`]). Nothing was sent.
///
/// ```
/// use graphpatch::path::PathError;
/// use graphpatch::{Error, RequestError};
/// let err = Error::from(RequestError::Path(PathError { name: "device_category_id", problem: "is empty" }));
/// assert_eq!(err.to_string(), "invalid request: path parameter `device_category_id` is empty");
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum RequestError {
    /// A path parameter's value cannot be one path segment (empty, `.` or `..`).
    Path(crate::path::PathError),
    /// The change set sets nothing: it would send `{}`, which changes nothing.
    EmptyChangeSet {
        /// The entity type's Rust name.
        entity: &'static str,
    },
    /// The change set could not be serialized.
    Serialize(serde_json::Error),
    /// The URL built from the service root and the path is not a valid URL.
    Url {
        /// The URL as built.
        url: String,
        /// Why it does not parse.
        source: url::ParseError,
    },
    /// The `If-Match` value cannot be a header value.
    IfMatch(String),
    /// The access token holds characters that a header cannot.
    TokenNotAHeader,
    /// A list page's `@odata.nextLink` points outside the client's service root: following it
    /// would send the bearer token there, so it is not followed and nothing is sent.
    ForeignNextLink {
        /// The link, as the page gave it (bounded).
        link: String,
        /// The client's service root.
        service_root: String,
    },
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RequestError::Path(err) => fmt::Display::fmt(err, f),
            RequestError::EmptyChangeSet { entity } => {
                write!(
                    f,
                    "empty change set for {entity}: set at least one property"
                )
            }
            RequestError::Serialize(err) => write!(f, "could not serialize the change set: {err}"),
            RequestError::Url { url, source } => write!(f, "invalid URL {url:?}: {source}"),
            RequestError::IfMatch(value) => write!(f, "invalid If-Match value {value:?}"),
            RequestError::TokenNotAHeader => {
                f.write_str("the access token holds characters a header cannot")
            }
            RequestError::ForeignNextLink { link, service_root } => write!(
                f,
                "refused to follow @odata.nextLink {link:?}: its origin is not the service \
                 root's ({service_root}), and following it would send the token there"
            ),
        }
    }
}

impl std::error::Error for RequestError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            RequestError::Serialize(err) => Some(err),
            RequestError::Url { source, .. } => Some(source),
            // Transparent: a path error has no source of its own.
            RequestError::Path(_)
            | RequestError::EmptyChangeSet { .. }
            | RequestError::IfMatch(_)
            | RequestError::TokenNotAHeader
            | RequestError::ForeignNextLink { .. } => None,
        }
    }
}

impl From<crate::path::PathError> for RequestError {
    fn from(err: crate::path::PathError) -> Self {
        RequestError::Path(err)
    }
}

/// Which time limit a [`Error::Timeout`] hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeoutKind {
    /// Setting up a connection (`GraphClientBuilder::connect_timeout`).
    Connect,
    /// One attempt, sending to last byte (`GraphClientBuilder::timeout`).
    Attempt,
    /// The whole call, all attempts and waits (`GraphClientBuilder::deadline`).
    Deadline,
}

impl fmt::Display for TimeoutKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TimeoutKind::Connect => "connecting",
            TimeoutKind::Attempt => "one attempt",
            TimeoutKind::Deadline => "the whole call",
        })
    }
}

/// A Graph error response: `{"error": {"code", "message", "innerError": {…}}}` and its status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphError {
    /// The HTTP status.
    pub status: StatusCode,
    /// Graph's error code, e.g. `BadRequest`, `ResourceNotFound`.
    pub code: String,
    /// Graph's message.
    pub message: String,
    /// `innerError.request-id` (or the `request-id` header): quote it to Microsoft support.
    pub request_id: Option<String>,
    /// The `client-request-id` this client sent.
    pub client_request_id: String,
    /// `innerError.date`, as sent.
    pub date: Option<String>,
    /// For a 401 or 403, the entity's permissions table: what the call needs.
    pub required_permissions: Option<crate::metadata::Permissions>,
}

impl fmt::Display for GraphError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Graph error {} {}: {}",
            self.status.as_u16(),
            self.code,
            self.message
        )?;
        write!(f, " (client-request-id {}", self.client_request_id)?;
        if let Some(request_id) = &self.request_id {
            write!(f, ", request-id {request_id}")?;
        }
        f.write_str(")")?;
        if let Some(permissions) = &self.required_permissions {
            write!(
                f,
                "; the call needs one of: {}",
                crate::permissions::Supported(permissions)
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for GraphError {}

/// The start of a body for an error message: at most [`SNIPPET_LIMIT`] bytes, cut on a
/// character boundary, invalid UTF-8 replaced.
pub(crate) fn snippet(body: &[u8]) -> String {
    let cut = &body[..body.len().min(SNIPPET_LIMIT)];
    let mut text = String::from_utf8_lossy(cut).into_owned();
    if body.len() > SNIPPET_LIMIT {
        // A multi-byte character cut in half shows as U+FFFD; drop it.
        while text.ends_with('\u{FFFD}') {
            text.pop();
        }
        text.push('…');
    }
    text
}

/// Why no token could be had. Its message never holds a token or a secret.
///
/// When the identity platform refused, [`TokenError::code`] is its OAuth 2.0 `error` code
/// (`invalid_client`, `expired_token`, …) and [`TokenError::description`] its
/// `error_description`, both also in the message.
///
/// ```
/// use graphpatch::auth::TokenError;
/// let err = TokenError::new("the vault is sealed");
/// assert_eq!(err.to_string(), "the vault is sealed");
/// assert_eq!(err.code(), None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenError {
    message: String,
    code: Option<String>,
    description: Option<String>,
}

impl TokenError {
    /// An error with this message and no OAuth error code.
    pub fn new(message: impl Into<String>) -> Self {
        TokenError {
            message: message.into(),
            code: None,
            description: None,
        }
    }

    /// An error the identity platform answered: its `error` code and `error_description`.
    pub(crate) fn oauth(
        message: impl Into<String>,
        code: String,
        description: Option<String>,
    ) -> Self {
        TokenError {
            message: message.into(),
            code: Some(code),
            description,
        }
    }

    /// The same error, said in other words (the code and description stay).
    pub(crate) fn context(mut self, message: impl Into<String>) -> Self {
        self.message = message.into();
        self
    }

    /// What went wrong, without the code and description.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The identity platform's OAuth 2.0 `error` code, when it answered with one.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The identity platform's `error_description` (bounded), when it answered with one.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }
}

impl fmt::Display for TokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(code) = &self.code {
            write!(f, ": {code}")?;
        }
        if let Some(description) = &self.description {
            write!(f, ": {description}")?;
        }
        Ok(())
    }
}

impl std::error::Error for TokenError {}

impl From<String> for TokenError {
    fn from(message: String) -> Self {
        TokenError::new(message)
    }
}

impl From<&str> for TokenError {
    fn from(message: &str) -> Self {
        TokenError::new(message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_are_bounded() {
        let body = "é".repeat(1000);
        let s = snippet(body.as_bytes());
        assert!(s.len() <= SNIPPET_LIMIT + '…'.len_utf8());
        assert!(s.ends_with('…'));
        assert_eq!(snippet(b"short"), "short");
        assert_eq!(snippet(b"\xff\xfe"), "\u{FFFD}\u{FFFD}");
    }
}
