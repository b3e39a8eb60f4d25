//! Transport: a [`GraphClient`] over one shared `reqwest::Client` and what it sends.
//!
//! Each concern in a file of its own: `shared` is the client handle; [`builder`](GraphClientBuilder) configures a client and
//! its URL policy; `send` makes the attempts of one request (retrying through
//! [`crate::retry`]); `response` decodes the final answer; `redirect` is the redirect policy;
//! `prepared` is a request built but not yet sent; `batch` and `bulk` are the many-request entry
//! points ([`GraphClient::send_batch`], [`GraphClient::bulk`]).

use std::marker::PhantomData;
use std::time::Instant;

use reqwest::header::HeaderValue;
use reqwest::Url;

mod batch;
pub(crate) mod builder;
mod bulk;
mod get;
mod list;
mod prepared;
mod reconcile;
mod redirect;
mod response;
mod send;
mod shared;

pub use batch::MAX_BATCH_REQUESTS;
pub use builder::{GraphClientBuilder, DEFAULT_MAX_RESPONSE_BYTES};
pub use bulk::{Bulk, BulkProgress, DEFAULT_CONCURRENCY};
pub use get::{Fetched, Select};
pub use list::{Items, List, Page, Pages};
pub use prepared::PreparedRequest;
pub use reconcile::{
    BulkReconcile, ReconcileProgress, ReconcileStatus, Reconciled, MAX_CONFLICT_RETRIES,
};
pub use response::PatchResponse;

pub(crate) use response::{decode, finish};
use send::{bearer, Call, Resend};
pub use shared::GraphClient;

use crate::auth::{AccessToken, TokenProvider};
use crate::error::{Error, RequestError};
use crate::metadata::GraphEntity;
use crate::permissions::{self, Preflight};
use crate::request::PatchRequest;
use crate::retry::ThrottleObserver;

/// `url` parsed, or the error that names it.
fn parse_url(url: &str) -> Result<Url, RequestError> {
    Url::parse(url).map_err(|source| RequestError::Url {
        url: url.to_owned(),
        source,
    })
}

/// One PATCH as its attempts are built: what a retry builds the request from again, its
/// `client-request-id`, and the path template it addresses (for errors and logs).
pub(crate) struct Outgoing {
    resend: Resend,
    client_request_id: String,
    template: &'static str,
}

impl GraphClient {
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
            .map_err(RequestError::Path)?;
        Ok(url)
    }

    /// Sends a PATCH: `Ok(Some(entity))` on `200 OK`, `Ok(None)` on `204 No Content` (or any
    /// success without a body). [`GraphClient::execute`] also gives the status and request ids.
    pub async fn send<E: GraphEntity>(&self, request: PatchRequest<E>) -> Result<Option<E>, Error> {
        // `outgoing` has just asked for the token: no need for `execute`'s second look.
        let outgoing = self.outgoing(request).await?;
        Ok(self.attempts::<E>(outgoing, None).await?.entity)
    }

    /// Builds the HTTP request `send` would send, token included (marked sensitive), without
    /// sending it: to log it, inspect it, or send it later with [`GraphClient::execute`], which
    /// sends it with the token current then.
    pub async fn prepare<E: GraphEntity>(
        &self,
        request: PatchRequest<E>,
    ) -> Result<PreparedRequest<E>, Error> {
        let outgoing = self.outgoing(request).await?;
        Ok(PreparedRequest {
            http: self.request(&outgoing.resend, None),
            outgoing,
            entity: PhantomData,
        })
    }

    /// What `prepare` builds the HTTP request from, token checked: what the attempts are made
    /// of. Sending straight from it, the request is built where it is sent, not carried there.
    async fn outgoing<E: GraphEntity>(&self, request: PatchRequest<E>) -> Result<Outgoing, Error> {
        let url = parse_url(&self.url_for(&request)?)?;
        let body = request.body()?;
        let token = self.inner.token.token().await?;
        self.preflight::<E>(&token)?;
        let client_request_id = crate::random::request_id();
        let authorization = bearer(&token)?;
        let if_match = match request.etag() {
            Some(etag) => Some(
                HeaderValue::from_str(etag).map_err(|_| RequestError::IfMatch(etag.to_owned()))?,
            ),
            None => None,
        };
        let patch = Resend::new(
            reqwest::Method::PATCH,
            url,
            Some(body.into()),
            authorization,
            &client_request_id,
        );
        let resend = Resend {
            prefer: request.preference(),
            if_match,
            ..patch
        };
        Ok(Outgoing {
            resend,
            client_request_id,
            template: request.path().template().template,
        })
    }

    /// A `POST` of `body` to `url` carrying calls to `E` (a `$batch`), token checked as for a
    /// PATCH: what its attempts are built from, and its `client-request-id`.
    pub(crate) async fn prepare_post<E: GraphEntity>(
        &self,
        url: &str,
        body: Vec<u8>,
    ) -> Result<(Resend, String), Error> {
        let url = parse_url(url)?;
        let token = self.inner.token.token().await?;
        self.preflight::<E>(&token)?;
        let client_request_id = crate::random::request_id();
        let resend = Resend::new(
            reqwest::Method::POST,
            url,
            Some(body.into()),
            bearer(&token)?,
            &client_request_id,
        );
        Ok((resend, client_request_id))
    }

    /// Checks the token's claims against `E`'s permissions, as the client's [`Preflight`] says.
    fn preflight<E: GraphEntity>(&self, token: &AccessToken) -> Result<(), Error> {
        self.preflight_table::<E>(E::PERMISSIONS, token)
    }

    /// The preflight against one of `E`'s tables: the PATCH one, or the GET one for reads.
    fn preflight_table<E: GraphEntity>(
        &self,
        table: crate::metadata::Permissions,
        token: &AccessToken,
    ) -> Result<(), Error> {
        if self.inner.preflight == Preflight::Off {
            return Ok(());
        }
        let Some(refusal) = permissions::check_table(E::NAME, table, token) else {
            return Ok(());
        };
        if self.inner.preflight == Preflight::Enforce {
            return Err(Error::Permission(Box::new(refusal)));
        }
        tracing::warn!(entity = E::NAME, reason = %refusal, "sending with a token that lacks the permissions");
        Ok(())
    }

    /// Sends a request made by [`GraphClient::prepare`] and returns the whole answer, retrying
    /// throttled (429), unavailable (503, 504) and failed attempts as the [`RetryPolicy`](crate::retry::RetryPolicy) says,
    /// all within the client's deadline.
    ///
    /// A retry after an attempt that may have reached the service (its answer was lost or cut
    /// off) sends the same body again, which leaves the same state. Two exceptions: with
    /// `If-Match` such an attempt is not retried (a retry would meet its own new ETag and fail
    /// with 412 though the update was applied), and an attempt that timed out may still be
    /// applied after its retry, so give each entity's updates one at a time.
    ///
    /// The token is the provider's when `execute` sends, not the one `prepare` showed: a request
    /// prepared long ago goes out with a token that is still valid, checked again by the
    /// preflight.
    pub async fn execute<E: GraphEntity>(
        &self,
        prepared: PreparedRequest<E>,
    ) -> Result<PatchResponse<E>, Error> {
        let token = self.inner.token.token().await?;
        self.preflight::<E>(&token)?;
        let mut outgoing = prepared.outgoing;
        outgoing.resend.authorization = bearer(&token)?;
        self.attempts::<E>(outgoing, None).await
    }

    /// `prepare` and `execute`, telling `observer` of each `429` met: how bulk runs pace.
    pub(crate) async fn send_observed<E: GraphEntity>(
        &self,
        request: PatchRequest<E>,
        observer: &dyn ThrottleObserver,
    ) -> Result<PatchResponse<E>, Error> {
        let outgoing = self.outgoing(request).await?;
        self.attempts::<E>(outgoing, Some(observer)).await
    }

    async fn attempts<E: GraphEntity>(
        &self,
        outgoing: Outgoing,
        observer: Option<&dyn ThrottleObserver>,
    ) -> Result<PatchResponse<E>, Error> {
        let Outgoing {
            resend,
            client_request_id,
            template,
        } = outgoing;
        let call = Call {
            entity: E::NAME,
            template,
            client_request_id: &client_request_id,
            ends: Instant::now() + self.inner.deadline,
            read: false,
        };
        let answer = self.answer(resend, &call, observer).await?;
        finish(
            answer.status,
            &answer.body,
            answer.request_id,
            client_request_id,
        )
    }
}
