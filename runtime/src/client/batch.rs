//! JSON batching: up to 20 PATCHes in one `POST /{version}/$batch`, each with its own result.

use std::sync::Arc;
use std::time::Instant;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::StatusCode;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::response::{finish, PatchResponse};
use super::send::Call;
use super::shared::GraphClient;
use crate::error::{Error, RequestError};
use crate::metadata::GraphEntity;
use crate::request::PatchRequest;
use crate::retry::{classify::retryable_status, Progress};

/// The most requests Graph takes in one `$batch`.
pub const MAX_BATCH_REQUESTS: usize = 20;

#[derive(Deserialize)]
struct BatchAnswer<'a> {
    #[serde(borrow)]
    responses: Vec<SubAnswer<'a>>,
}

#[derive(Deserialize)]
struct SubAnswer<'a> {
    id: &'a str,
    status: u16,
    #[serde(default)]
    headers: std::collections::BTreeMap<String, String>,
    #[serde(borrow)]
    body: Option<&'a RawValue>,
}

/// One request of a batch, waiting to go out.
struct Pending {
    index: usize,
    /// Sent with `If-Match`: not sent again once it may have been applied.
    conditional: bool,
    /// Its retries and waits so far, against the `send_batch` call's deadline.
    progress: Progress,
    not_before: Instant,
}

impl GraphClient {
    /// Sends PATCHes in JSON batches (`POST /{version}/$batch`, at most
    /// [`MAX_BATCH_REQUESTS`] each) and returns one result per request, in input order:
    /// the decoded entity, or the Graph error of that request alone.
    ///
    /// A request throttled inside a batch (`429` in a `200` batch answer) goes out again in a
    /// later batch, alone with the others still pending, after its own `Retry-After` (or the
    /// retry policy's backoff), up to the policy's retry count. The batch `POST` itself is
    /// retried like any request; if it fails for good, each of its requests gets
    /// [`Error::Batch`] with the cause.
    ///
    /// ```no_run
    /// # use graphpatch::prelude::*;
    /// # #[graph_entity(odata_type = "microsoft.graph.deviceCategory", version = "beta",
    /// #   path = "/deviceManagement/deviceCategories/{deviceCategoryId}",
    /// #   permissions(delegated_work = ["DeviceManagementManagedDevices.ReadWrite.All"],
    /// #     delegated_personal = unsupported, application = unsupported))]
    /// # pub struct DeviceCategory { #[graph(read_only)] pub id: String, pub display_name: Option<String> }
    /// # async fn run(client: GraphClient) {
    /// let requests: Vec<_> = (0..45)
    ///     .map(|i| graph_patch!(DeviceCategory { device_category_id: format!("c{i}") } set {
    ///         display_name: format!("Category {i}"),
    ///     }))
    ///     .collect();
    /// // Three POSTs: 20 + 20 + 5.
    /// for (i, result) in client.send_batch(requests).await.into_iter().enumerate() {
    ///     if let Err(err) = result {
    ///         eprintln!("category {i}: {err}");
    ///     }
    /// }
    /// # }
    /// ```
    pub async fn send_batch<E: GraphEntity>(
        &self,
        requests: Vec<PatchRequest<E>>,
    ) -> Vec<Result<PatchResponse<E>, Error>> {
        let mut results: Vec<Option<Result<PatchResponse<E>, Error>>> =
            requests.iter().map(|_| None).collect();
        // Each request's entry in the batch body, built once.
        let mut entries: Vec<Option<String>> = Vec::with_capacity(requests.len());
        for (index, request) in requests.iter().enumerate() {
            match batch_entry(index, request) {
                Ok(entry) => entries.push(Some(entry)),
                Err(err) => {
                    results[index] = Some(Err(err));
                    entries.push(None);
                }
            }
        }
        let now = Instant::now();
        let ends = now + self.inner.deadline;
        let mut pending: Vec<Pending> = (0..requests.len())
            .filter(|&index| results[index].is_none())
            .map(|index| Pending {
                index,
                conditional: requests[index].etag().is_some(),
                progress: Progress::new(ends),
                not_before: now,
            })
            .collect();
        while !pending.is_empty() {
            // The next batch: the first pending requests that may go now; else wait for one.
            let now = Instant::now();
            let ready: Vec<usize> = (0..pending.len())
                .filter(|&i| pending[i].not_before <= now)
                .take(MAX_BATCH_REQUESTS)
                .collect();
            if ready.is_empty() {
                let soonest = pending.iter().map(|p| p.not_before).min().unwrap_or(now);
                tokio::time::sleep_until(soonest.into()).await;
                continue;
            }
            let mut batch: Vec<Pending> = Vec::with_capacity(ready.len());
            for i in ready.into_iter().rev() {
                batch.push(pending.remove(i));
            }
            batch.reverse();
            let body = batch_body(batch.iter().map(|p| {
                entries[p.index]
                    .as_deref()
                    .expect("pending requests have entries")
            }));
            match self.post_batch::<E>(body, ends).await {
                Ok((answer, client_request_id)) => {
                    self.sort_answers(
                        &answer,
                        &client_request_id,
                        batch,
                        &mut pending,
                        &mut results,
                    );
                }
                Err(err) => {
                    let err = Arc::new(err);
                    for p in batch {
                        results[p.index] = Some(Err(Error::Batch(Arc::clone(&err))));
                    }
                }
            }
        }
        results
            .into_iter()
            .map(|r| r.expect("every request has a result"))
            .collect()
    }

    /// Sends one batch body; the answer's bytes and the `client-request-id` sent.
    async fn post_batch<E: GraphEntity>(
        &self,
        body: Vec<u8>,
        ends: Instant,
    ) -> Result<(bytes::Bytes, String), Error> {
        let url = format!("{}/{}/$batch", self.base_url(), E::VERSION);
        let (resend, client_request_id) = self.prepare_post::<E>(&url, body).await?;
        let call = Call {
            entity: E::NAME,
            template: "/$batch",
            client_request_id: &client_request_id,
            ends,
            read: false,
        };
        let answer = self.answer(resend, &call, None).await?;
        if !answer.status.is_success() {
            // The batch itself was refused: decode it as any error answer.
            return Err(finish::<E>(
                answer.status,
                &answer.body,
                answer.request_id,
                client_request_id,
            )
            .err()
            .unwrap_or_else(|| unreachable!("an error status is an error")));
        }
        Ok((answer.body, client_request_id))
    }

    /// Files each sub-answer under its request: a result, or back to pending when throttled.
    fn sort_answers<E: GraphEntity>(
        &self,
        body: &[u8],
        client_request_id: &str,
        batch: Vec<Pending>,
        pending: &mut Vec<Pending>,
        results: &mut [Option<Result<PatchResponse<E>, Error>>],
    ) {
        let answer: BatchAnswer = match serde_json::from_slice(body) {
            Ok(answer) => answer,
            Err(source) => {
                let err = Arc::new(Error::Decode {
                    status: StatusCode::OK,
                    client_request_id: client_request_id.to_owned(),
                    source,
                    snippet: crate::error::snippet(body),
                });
                for p in batch {
                    results[p.index] = Some(Err(Error::Batch(Arc::clone(&err))));
                }
                return;
            }
        };
        for p in batch {
            let id = p.index.to_string();
            // Ids repeated in the answer: the first is the request's; ids not asked for: ignored.
            let Some(sub) = answer.responses.iter().find(|r| r.id == id) else {
                self.unanswered(
                    p,
                    "the $batch answer has no response for it",
                    client_request_id,
                    pending,
                    results,
                );
                continue;
            };
            let Some(status) = StatusCode::from_u16(sub.status)
                .ok()
                .filter(|status| (100..600).contains(&status.as_u16()))
            else {
                let problem = format!(
                    "the $batch answer gives it the invalid status {}",
                    sub.status
                );
                self.unanswered(p, &problem, client_request_id, pending, results);
                continue;
            };
            let headers: HeaderMap = sub
                .headers
                .iter()
                .filter_map(|(name, value)| {
                    Some((
                        HeaderName::from_bytes(name.as_bytes()).ok()?,
                        HeaderValue::from_str(value).ok()?,
                    ))
                })
                .collect();
            // 424: the service did not run it because another request of the batch failed.
            let not_run = retryable_status(status) || status == StatusCode::FAILED_DEPENDENCY;
            let p = if not_run {
                match self.again::<E>(p, Some(&headers), &status, pending) {
                    Some(p) => p,
                    None => continue,
                }
            } else {
                p
            };
            let body = sub.body.map_or(&b""[..], |raw| raw.get().as_bytes());
            results[p.index] = Some(finish(
                status,
                body,
                request_id(&headers),
                client_request_id.to_owned(),
            ));
        }
    }

    /// A request the batch answer gave no usable result: sent again when that is safe (a PATCH
    /// without `If-Match` leaves the same state however often it applies) and the retry
    /// decision allows, else an error that names the cause.
    fn unanswered<E: GraphEntity>(
        &self,
        p: Pending,
        problem: &str,
        client_request_id: &str,
        pending: &mut Vec<Pending>,
        results: &mut [Option<Result<PatchResponse<E>, Error>>],
    ) {
        let p = if p.conditional {
            p
        } else {
            match self.again::<E>(p, None, &problem, pending) {
                Some(p) => p,
                None => return,
            }
        };
        results[p.index] = Some(Err(Error::BatchAnswer {
            client_request_id: client_request_id.to_owned(),
            problem: problem.to_owned(),
        }));
    }

    /// Puts `p` back for a later batch after the wait the retry decision gives; `Some(p)` when
    /// the decision is to give up.
    fn again<E: GraphEntity>(
        &self,
        mut p: Pending,
        headers: Option<&HeaderMap>,
        why: &dyn std::fmt::Display,
        pending: &mut Vec<Pending>,
    ) -> Option<Pending> {
        let Some(delay) = self.retry_delay(&p.progress, headers, true) else {
            return Some(p);
        };
        p.progress.retried(delay);
        p.not_before = Instant::now() + delay;
        tracing::info!(
            entity = E::NAME,
            request = p.index,
            why = %why,
            delay_ms = delay.as_millis() as u64,
            "batched request not applied; sending it again in a later batch"
        );
        pending.push(p);
        None
    }
}

/// The `request-id` a sub-answer carries.
fn request_id(headers: &HeaderMap) -> Option<String> {
    headers
        .get("request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// One request's entry in the `requests` array, with `id` its input position.
fn batch_entry<E: GraphEntity>(index: usize, request: &PatchRequest<E>) -> Result<String, Error> {
    let url = request.path().render().map_err(RequestError::Path)?;
    let body = String::from_utf8(request.body()?).expect("serde_json writes UTF-8");
    let mut headers = serde_json::Map::new();
    headers.insert("Content-Type".into(), "application/json".into());
    if let Some(prefer) = request.preference() {
        headers.insert("Prefer".into(), prefer.header_value().into());
    }
    if let Some(etag) = request.etag() {
        headers.insert("If-Match".into(), etag.into());
    }
    Ok(format!(
        r#"{{"id":"{index}","method":"PATCH","url":{},"headers":{},"body":{body}}}"#,
        serde_json::Value::String(url),
        serde_json::Value::Object(headers)
    ))
}

/// `{"requests":[…]}` from entries already written.
fn batch_body<'a>(entries: impl Iterator<Item = &'a str>) -> Vec<u8> {
    let mut body = String::from(r#"{"requests":["#);
    for (i, entry) in entries.enumerate() {
        if i > 0 {
            body.push(',');
        }
        body.push_str(entry);
    }
    body.push_str("]}");
    body.into_bytes()
}
