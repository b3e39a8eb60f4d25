//! The identity-platform stand-in: the OAuth 2.0 token and device authorization endpoints,
//! answering from a script and logging every form.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::{Request, Response};
use serde_json::{json, Value};
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::graph::{lock, now};

/// Form fields whose values the [`Debug`](std::fmt::Debug) output of a [`FormRequest`] hides.
const SECRET_FIELDS: [&str; 5] = [
    "client_secret",
    "client_assertion",
    "refresh_token",
    "device_code",
    "code",
];

/// One request the stand-in received: a form POSTed to `/{tenant}/oauth2/v2.0/{endpoint}`.
/// Its `Debug` hides secret fields (`client_secret`, `refresh_token`, `device_code`, …), so
/// assertion output does not print them.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FormRequest {
    /// The request path, e.g. `/contoso.onmicrosoft.com/oauth2/v2.0/token`.
    pub path: String,
    /// The path's first segment: the tenant the provider asked for.
    pub tenant: String,
    /// The path's last segment: `token` or `devicecode` for the endpoints graphpatch calls.
    pub endpoint: String,
    /// How many requests to the same path came before this one (0 for the first).
    pub n: usize,
    /// The `Content-Type` header, empty when there was none.
    pub content_type: String,
    /// The form, decoded (`application/x-www-form-urlencoded`); a repeated name keeps its last
    /// value.
    pub form: BTreeMap<String, String>,
    /// When its body had arrived, on tokio's clock.
    pub received_at: Instant,
}

impl FormRequest {
    /// A form field's value.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.form.get(name).map(String::as_str)
    }
}

impl std::fmt::Debug for FormRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let form: BTreeMap<&str, &str> = self
            .form
            .iter()
            .map(|(name, value)| {
                let shown = if SECRET_FIELDS.contains(&name.as_str()) {
                    "<redacted>"
                } else {
                    value.as_str()
                };
                (name.as_str(), shown)
            })
            .collect();
        f.debug_struct("FormRequest")
            .field("path", &self.path)
            .field("n", &self.n)
            .field("content_type", &self.content_type)
            .field("form", &form)
            .finish_non_exhaustive()
    }
}

/// What the stand-in answers one request with: a status and a body (sent as
/// `application/json; charset=utf-8`, as the identity platform labels even its HTML pages),
/// after an optional delay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentityAnswer {
    /// The status code.
    pub status: u16,
    /// The body, sent as is.
    pub body: String,
    /// How long to wait before answering.
    pub delay: Duration,
}

impl IdentityAnswer {
    /// Any status and body.
    pub fn new(status: u16, body: impl Into<String>) -> Self {
        IdentityAnswer {
            status,
            body: body.into(),
            delay: Duration::ZERO,
        }
    }

    /// `200 OK` with this JSON document: a token answer, a device authorization.
    pub fn ok(body: Value) -> Self {
        IdentityAnswer::new(200, body.to_string())
    }

    /// A bearer token answer, as the token endpoint gives for client credentials:
    /// `token_type`, `access_token`, `expires_in` and `ext_expires_in`.
    ///
    /// ```
    /// let answer = graphpatch_simulator::IdentityAnswer::bearer("t", 3599);
    /// assert!(answer.body.contains(r#""access_token":"t""#));
    /// ```
    pub fn bearer(access_token: &str, expires_in: u64) -> Self {
        IdentityAnswer::ok(json!({
            "token_type": "Bearer",
            "access_token": access_token,
            "expires_in": expires_in,
            "ext_expires_in": expires_in,
        }))
    }

    /// An OAuth 2.0 error answer, worded as the identity platform words them: `error`,
    /// `error_description`, `error_codes` and `trace_id`. `authorization_pending` and
    /// `slow_down` (status 400) are the device code poll's answers while the user is away.
    ///
    /// ```
    /// use graphpatch_simulator::IdentityAnswer;
    /// let pending = IdentityAnswer::oauth_error(400, "authorization_pending", "AADSTS70016: pending.");
    /// assert!(pending.body.contains(r#""error":"authorization_pending""#));
    /// ```
    pub fn oauth_error(status: u16, code: &str, description: &str) -> Self {
        IdentityAnswer::new(
            status,
            json!({
                "error": code,
                "error_description": description,
                "error_codes": [50000],
                "trace_id": "0000aaaa-11bb-cccc-dd22-eeeeee333333",
            })
            .to_string(),
        )
    }

    /// Waits this long before answering.
    #[must_use]
    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
}

/// How a script answers: called once per request, with the request as received.
type Script = dyn Fn(&FormRequest) -> IdentityAnswer + Send + Sync;

/// A stand-in for the Microsoft identity platform on `127.0.0.1`: every request is logged and
/// answered by a script. It stops when dropped.
///
/// A device code sign-in, scripted: the authorization, one `authorization_pending` poll, then
/// the token.
///
/// ```
/// use std::time::Duration;
/// use graphpatch::auth::{Authority, DeviceCode, TokenProvider};
/// use graphpatch_simulator::{IdentityAnswer, IdentityPlatform};
/// use serde_json::json;
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let identity = IdentityPlatform::start(|request| match (request.endpoint.as_str(), request.n) {
///     ("devicecode", _) => IdentityAnswer::ok(json!({
///         "device_code": "dc", "user_code": "ABCD-EFGH",
///         "verification_uri": "https://microsoft.com/devicelogin",
///         "expires_in": 900, "interval": 0,
///     })),
///     ("token", 0) => IdentityAnswer::oauth_error(400, "authorization_pending", "pending"),
///     _ => IdentityAnswer::bearer("signed-in", 3599),
/// })
/// .await?;
/// let sign_in = DeviceCode::builder("organizations", "client-id")
///     .authority(Authority::custom(&identity.authority())?)
///     .min_poll_interval(Duration::ZERO)
///     .prompt(|_| {})
///     .build()?;
/// assert_eq!(sign_in.token().await?.secret(), "signed-in");
/// assert_eq!(identity.requests_to("token").len(), 2);
/// # Ok(()) }
/// ```
pub struct IdentityPlatform {
    addr: SocketAddr,
    log: Arc<Mutex<Vec<FormRequest>>>,
    shutdown: watch::Sender<bool>,
}

impl std::fmt::Debug for IdentityPlatform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdentityPlatform")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl IdentityPlatform {
    /// Binds `127.0.0.1` on a free port and answers every request with `script`, on the
    /// current tokio runtime.
    pub async fn start(
        script: impl Fn(&FormRequest) -> IdentityAnswer + Send + Sync + 'static,
    ) -> std::io::Result<IdentityPlatform> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let log = Arc::new(Mutex::new(Vec::new()));
        let script: Arc<Script> = Arc::new(script);
        let (shutdown, shutdown_rx) = watch::channel(false);
        let state = (Arc::clone(&log), script);
        tokio::spawn(crate::server::accept(
            listener,
            shutdown_rx,
            move |request| {
                let (log, script) = state.clone();
                async move { Ok(answer(request, &log, &*script).await) }
            },
        ));
        Ok(IdentityPlatform {
            addr,
            log,
            shutdown,
        })
    }

    /// The authority to give a token provider (`Authority::custom`): `http://127.0.0.1:<port>`.
    pub fn authority(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The requests received so far, oldest first.
    pub fn requests(&self) -> Vec<FormRequest> {
        lock(&self.log).clone()
    }

    /// The requests received so far at one endpoint (`token`, `devicecode`), oldest first.
    pub fn requests_to(&self, endpoint: &str) -> Vec<FormRequest> {
        lock(&self.log)
            .iter()
            .filter(|r| r.endpoint == endpoint)
            .cloned()
            .collect()
    }
}

impl Drop for IdentityPlatform {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
    }
}

async fn answer(
    request: Request<Incoming>,
    log: &Mutex<Vec<FormRequest>>,
    script: &Script,
) -> Response<Full<Bytes>> {
    let path = request.uri().path().to_owned();
    let content_type = request
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let body = match request.into_body().collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(_) => Bytes::new(),
    };
    let mut segments = path.trim_start_matches('/').split('/');
    let tenant = segments.next().unwrap_or_default().to_owned();
    let endpoint = path.rsplit('/').next().unwrap_or_default().to_owned();
    let received = {
        let mut log = lock(log);
        let received = FormRequest {
            n: log.iter().filter(|r| r.path == path).count(),
            path,
            tenant,
            endpoint,
            content_type,
            form: parse_form(&body),
            received_at: now(),
        };
        log.push(received.clone());
        received
    };
    let answer = script(&received);
    if !answer.delay.is_zero() {
        tokio::time::sleep(answer.delay).await;
    }
    Response::builder()
        .status(answer.status)
        .header("content-type", "application/json; charset=utf-8")
        .body(Full::new(Bytes::from(answer.body)))
        .unwrap_or_else(|_| {
            let mut response = Response::new(Full::new(Bytes::from_static(b"invalid status")));
            *response.status_mut() = hyper::StatusCode::INTERNAL_SERVER_ERROR;
            response
        })
}

/// `application/x-www-form-urlencoded`, decoded; bytes that are not UTF-8 are replaced.
fn parse_form(body: &[u8]) -> BTreeMap<String, String> {
    let decode = |text: &str| {
        percent_encoding::percent_decode_str(&text.replace('+', " "))
            .decode_utf8_lossy()
            .into_owned()
    };
    String::from_utf8_lossy(body)
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(name), decode(value))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_decode_plus_and_percent() {
        let form = parse_form(b"scope=a+b%2Fc&grant_type=client_credentials&empty=&bare");
        assert_eq!(form["scope"], "a b/c");
        assert_eq!(form["grant_type"], "client_credentials");
        assert_eq!(form["empty"], "");
        assert_eq!(form["bare"], "");
    }

    #[test]
    fn debug_hides_secrets() {
        let request = FormRequest {
            path: "/t/oauth2/v2.0/token".into(),
            tenant: "t".into(),
            endpoint: "token".into(),
            n: 0,
            content_type: String::new(),
            form: parse_form(b"client_secret=s3cr3t&refresh_token=r3fr3sh&client_id=visible"),
            received_at: Instant::now(),
        };
        let shown = format!("{request:?}");
        assert!(
            !shown.contains("s3cr3t") && !shown.contains("r3fr3sh"),
            "{shown}"
        );
        assert!(shown.contains("visible"), "{shown}");
    }
}
