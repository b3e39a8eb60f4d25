//! Many PATCHes at the service's write budget: bounded concurrency, lazy input, pacing by a
//! [`Pacer`](crate::throttle), one result per input.

use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::task::JoinSet;

use super::response::PatchResponse;
use super::shared::GraphClient;
use crate::error::Error;
use crate::metadata::GraphEntity;
use crate::request::PatchRequest;
use crate::throttle::{Budget, Pacer};

/// How a bulk run is going, passed to the progress hook after each result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BulkProgress {
    /// Results handed out so far.
    pub done: u64,
    /// Of those, successes.
    pub succeeded: u64,
    /// Of those, errors.
    pub failed: u64,
    /// `429` answers seen (each was waited out and retried as the client's policy says).
    pub throttled: u64,
    /// Requests started and not yet handed out.
    pub in_flight: u64,
    /// Time since the run started.
    pub elapsed: Duration,
}

type ProgressHook = Box<dyn FnMut(&BulkProgress) + Send>;

/// A bulk run: inputs in, one result per input out, as they complete.
///
/// Built by [`GraphClient::bulk`] (keys are input positions) or [`GraphClient::bulk_keyed`]
/// (your own keys). Inputs are taken from the iterator only when a request can start, so a
/// run over a long or endless iterator holds at most `concurrency` requests at once. Requests
/// start no faster than the budget allows (evenly spaced, a little under it): by default the
/// write budget of the entity's Intune throttling family
/// ([`GraphEntity::throttle_family`](crate::GraphEntity::throttle_family)), or the [`Budget`]
/// given to [`Bulk::budget`]. Outside Intune, or after [`Bulk::adaptive`], the pace is learnt
/// from the service, with no ceiling of its own: requests go as fast as the concurrency lets
/// them until the service first refuses one; that `429` sets the pace to half the rate the run
/// was sending at and holds every request back for its `Retry-After`; from then on each
/// success raises the pace by 2 % and each later `429` halves it.
/// Pacing that does not bind costs no timer. Each request is sent
/// with the client's [`RetryPolicy`](crate::retry::RetryPolicy), so a throttled request is retried, and
/// its final outcome is its one result.
///
/// [`Bulk::next`] is cancellation-safe: dropping its future (in `tokio::select!`, say) loses no
/// result. Dropping the run cancels the requests in flight.
///
/// ```no_run
/// # use graphpatch::prelude::*;
/// # use graphpatch::throttle::Budget;
/// # #[graph_entity(odata_type = "microsoft.graph.deviceCategory", version = "beta",
/// #   path = "/deviceManagement/deviceCategories/{deviceCategoryId}",
/// #   permissions(delegated_work = ["DeviceManagementManagedDevices.ReadWrite.All"],
/// #     delegated_personal = unsupported, application = unsupported))]
/// # pub struct DeviceCategory { #[graph(read_only)] pub id: String, pub display_name: Option<String> }
/// # async fn run(client: GraphClient) {
/// let updates = (0..10_000).map(|i| {
///     graph_patch!(DeviceCategory { device_category_id: format!("c{i}") } set {
///         display_name: format!("Category {i}"),
///     })
/// });
/// let mut run = client
///     .bulk(updates)
///     .budget(Budget::INTUNE_PER_APP)
///     .concurrency(8)
///     .on_progress(|p| eprintln!("{} done, {} throttled", p.done, p.throttled));
/// while let Some((index, result)) = run.next().await {
///     if let Err(err) = result {
///         eprintln!("update {index} failed: {err}");
///     }
/// }
/// # }
/// ```
pub struct Bulk<E: GraphEntity, K, I> {
    client: GraphClient,
    inputs: I,
    exhausted: bool,
    concurrency: usize,
    pacer: Arc<Pacer>,
    /// The budget the pacer keeps under; `None` when it adapts to `429`s.
    budget: Option<Budget>,
    running: JoinSet<(K, Result<PatchResponse<E>, Error>)>,
    progress: BulkProgress,
    started: Option<Instant>,
    hook: Option<ProgressHook>,
}

/// The default number of requests in flight.
pub const DEFAULT_CONCURRENCY: usize = 8;

impl GraphClient {
    /// Sends every request of `inputs`, yielding each one's result with its position in the
    /// input. See [`Bulk`].
    pub fn bulk<E, I>(&self, inputs: I) -> Bulk<E, usize, std::iter::Enumerate<I::IntoIter>>
    where
        E: GraphEntity,
        I: IntoIterator<Item = PatchRequest<E>>,
    {
        self.bulk_keyed(inputs.into_iter().enumerate())
    }

    /// Sends every request of `inputs`, yielding each one's result with the key it came with.
    /// See [`Bulk`].
    pub fn bulk_keyed<E, K, I>(&self, inputs: I) -> Bulk<E, K, I::IntoIter>
    where
        E: GraphEntity,
        K: Send + 'static,
        I: IntoIterator<Item = (K, PatchRequest<E>)>,
    {
        let budget = E::throttle_family().map(|family| family.write_budget());
        Bulk {
            client: self.clone(),
            inputs: inputs.into_iter(),
            exhausted: false,
            concurrency: DEFAULT_CONCURRENCY,
            pacer: Arc::new(match budget {
                Some(budget) => Pacer::for_budget(budget),
                None => Pacer::adaptive(),
            }),
            budget,
            running: JoinSet::new(),
            progress: BulkProgress::default(),
            started: None,
            hook: None,
        }
    }
}

impl<E, K, I> Bulk<E, K, I>
where
    E: GraphEntity,
    K: Send + 'static,
    I: Iterator<Item = (K, PatchRequest<E>)>,
{
    /// At most this many requests in flight (default 8, at least 1).
    #[must_use]
    pub fn concurrency(mut self, requests: usize) -> Self {
        self.concurrency = requests.max(1);
        self
    }

    /// Paces requests to this budget instead of the entity family's.
    #[must_use]
    pub fn budget(mut self, budget: Budget) -> Self {
        self.pacer = Arc::new(Pacer::for_budget(budget));
        self.budget = Some(budget);
        self
    }

    /// Paces requests by the `429`s the service sends instead of a known budget: for a budget
    /// shared with other programs, or a service that allows more than its family's documented
    /// one.
    #[must_use]
    pub fn adaptive(mut self) -> Self {
        self.pacer = Arc::new(Pacer::adaptive());
        self.budget = None;
        self
    }

    /// The budget the run keeps under — by default its entity family's write budget — or
    /// `None` when it adapts to `429`s.
    pub fn pace(&self) -> Option<Budget> {
        self.budget
    }

    /// Called after each result is handed out.
    #[must_use]
    pub fn on_progress(mut self, hook: impl FnMut(&BulkProgress) + Send + 'static) -> Self {
        self.hook = Some(Box::new(hook));
        self
    }

    /// The counts so far.
    pub fn progress(&self) -> BulkProgress {
        BulkProgress {
            throttled: self.pacer.throttle_count(),
            in_flight: self.running.len() as u64,
            elapsed: self.started.map_or(Duration::ZERO, |s| s.elapsed()),
            ..self.progress
        }
    }

    /// The next result, in completion order; `None` once every input has its result.
    /// Cancellation-safe: a result stays in the run until a call returns it.
    pub async fn next(&mut self) -> Option<(K, Result<PatchResponse<E>, Error>)> {
        self.started.get_or_insert_with(Instant::now);
        self.fill();
        // `join_next` is cancellation-safe, and nothing below awaits.
        let (key, result) = match self.running.join_next().await? {
            Ok(item) => item,
            // A request task panics only if the caller's code does (a token provider, say).
            Err(err) if err.is_panic() => std::panic::resume_unwind(err.into_panic()),
            Err(err) => unreachable!("bulk tasks are aborted only when the run is dropped: {err}"),
        };
        self.progress.done += 1;
        if result.is_ok() {
            self.progress.succeeded += 1;
        } else {
            self.progress.failed += 1;
        }
        // Only for a hook: the progress's elapsed time costs a clock read per result.
        if let Some(mut hook) = self.hook.take() {
            hook(&self.progress());
            self.hook = Some(hook);
        }
        self.fill();
        Some((key, result))
    }

    /// Starts requests until `concurrency` are in flight or the inputs run out.
    fn fill(&mut self) {
        while !self.exhausted && self.running.len() < self.concurrency {
            let Some((key, request)) = self.inputs.next() else {
                self.exhausted = true;
                return;
            };
            let client = self.client.clone();
            let pacer = Arc::clone(&self.pacer);
            self.running.spawn(async move {
                pacer.wait_turn().await;
                // Not boxed: the request's own future is under 1 KB (the retry loop's is boxed
                // where it starts), and the task's own allocation holds it.
                let result = client.send_observed(request, &*pacer).await;
                if result.is_ok() {
                    pacer.succeeded();
                }
                (key, result)
            });
        }
    }
}

impl<E: GraphEntity, K, I> std::fmt::Debug for Bulk<E, K, I> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bulk")
            .field("entity", &E::NAME)
            .field("concurrency", &self.concurrency)
            .field("progress", &self.progress)
            .finish_non_exhaustive()
    }
}
