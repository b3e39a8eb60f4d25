//! A request built but not yet sent, to inspect or log before [`GraphClient::execute`](super::GraphClient::execute).

use std::marker::PhantomData;

use reqwest::header::HeaderMap;
use reqwest::Url;

use super::Outgoing;

/// A request ready to send: method, URL, headers (the token marked sensitive, so `Debug` hides
/// it) and body.
pub struct PreparedRequest<E> {
    pub(super) http: reqwest::Request,
    pub(super) outgoing: Outgoing,
    pub(super) entity: PhantomData<fn() -> E>,
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
        &self.outgoing.client_request_id
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
