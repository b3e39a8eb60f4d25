//! Many PATCHes at the service's write budget: bounded concurrency, lazy input, pacing by a
//! token bucket, one result per input.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::task::JoinSet;

use crate::client::{GraphClient, PatchResponse};
use crate::error::Error;
use crate::metadata::GraphEntity;
use crate::request::PatchRequest;

/// A write budget: at most `writes` requests per `window`, as the service counts them.
///
/// Intune documents 200 writes per 20 seconds per app and tenant ([`Budget::INTUNE_PER_APP`]),
/// and 400 per tenant across apps.
///
/// ```
/// use std::time::Duration;
/// use graphpatch::Budget;
/// let budget = Budget::new(200, Duration::from_secs(20));
/// assert_eq!(budget, Budget::INTUNE_PER_APP);
/// assert_eq!(budget.per_second(), 10.0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Budget {
    /// Writes allowed per window.
    pub writes: u32,
    /// The window.
    pub window: Duration,
}

impl Budget {
    /// Intune's documented write budget per app and tenant: 200 per 20 seconds.
    pub const INTUNE_PER_APP: Budget = Budget {
        writes: 200,
        window: Duration::from_secs(20),
    };

    /// `writes` per `window`.
    pub const fn new(writes: u32, window: Duration) -> Budget {
        Budget { writes, window }
    }

    /// The budget as a rate.
    pub fn per_second(&self) -> f64 {
        f64::from(self.writes) / self.window.as_secs_f64()
    }
}

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
/// start no faster than the [`Budget`] allows (evenly spaced, a little under it); without a
/// budget the pace starts at 50 requests per second and adapts: each `429` halves it and holds
/// every request back for the `Retry-After`, each success raises it by 2 %. Each request is sent
/// with the client's [`RetryPolicy`](crate::RetryPolicy), so a throttled request is retried, and
/// its final outcome is its one result.
///
/// [`Bulk::next`] is cancellation-safe: dropping its future (in `tokio::select!`, say) loses no
/// result. Dropping the run cancels the requests in flight.
///
/// ```no_run
/// # use graphpatch::prelude::*;
/// # use graphpatch::Budget;
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
        Bulk {
            client: self.clone(),
            inputs: inputs.into_iter(),
            exhausted: false,
            concurrency: DEFAULT_CONCURRENCY,
            pacer: Arc::new(Pacer::adaptive()),
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

    /// Paces requests to this budget instead of adapting to `429`s.
    #[must_use]
    pub fn budget(mut self, budget: Budget) -> Self {
        self.pacer = Arc::new(Pacer::for_budget(budget));
        self
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
            throttled: self.pacer.throttled.load(Ordering::Relaxed),
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
        let progress = self.progress();
        if let Some(hook) = &mut self.hook {
            hook(&progress);
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
                tokio::time::sleep_until(pacer.slot().into()).await;
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

/// Told of each `429` an attempt meets, and how long the client will wait before retrying.
pub(crate) trait ThrottleObserver: Sync {
    fn throttled(&self, wait: Option<Duration>);
}

/// Hands out send times: evenly spaced at the current pace, held back after a `429`.
pub(crate) struct Pacer {
    state: Mutex<PacerState>,
    throttled: AtomicU64,
}

struct PacerState {
    /// Time between two sends.
    interval: Duration,
    /// The earliest time the next send may go.
    next: Instant,
    /// Whether the pace adapts (no budget given).
    adaptive: bool,
    /// Until when everyone holds back after a `429`: the refusals of requests that were already
    /// in flight then slow the pace only once.
    paused_until: Instant,
}

/// Sends a little under a known budget, so clock skew and latency jitter stay inside it.
const HEADROOM: f64 = 0.98;
/// The adaptive pace's start (50 per second) and bounds.
const ADAPTIVE_START: Duration = Duration::from_millis(20);
const ADAPTIVE_FASTEST: Duration = Duration::from_micros(500);
const ADAPTIVE_SLOWEST: Duration = Duration::from_secs(10);

impl Pacer {
    pub(crate) fn for_budget(budget: Budget) -> Pacer {
        let per_second = budget.per_second() * HEADROOM;
        let interval = if per_second > 0.0 {
            Duration::from_secs_f64(1.0 / per_second)
        } else {
            budget.window
        };
        Pacer::new(interval, false)
    }

    pub(crate) fn adaptive() -> Pacer {
        Pacer::new(ADAPTIVE_START, true)
    }

    fn new(interval: Duration, adaptive: bool) -> Pacer {
        Pacer {
            state: Mutex::new(PacerState {
                interval,
                next: Instant::now(),
                adaptive,
                paused_until: Instant::now(),
            }),
            throttled: AtomicU64::new(0),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, PacerState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Reserves the next send time.
    pub(crate) fn slot(&self) -> Instant {
        let mut state = self.lock();
        let at = state.next.max(Instant::now());
        state.next = at + state.interval;
        at
    }

    pub(crate) fn succeeded(&self) {
        let mut state = self.lock();
        if state.adaptive {
            state.interval = state.interval.mul_f64(1.0 / 1.02).max(ADAPTIVE_FASTEST);
        }
    }

    #[cfg(test)]
    fn interval(&self) -> Duration {
        self.lock().interval
    }
}

impl ThrottleObserver for Pacer {
    fn throttled(&self, wait: Option<Duration>) {
        self.throttled.fetch_add(1, Ordering::Relaxed);
        let mut state = self.lock();
        let now = Instant::now();
        if state.adaptive && now >= state.paused_until {
            state.interval = (state.interval * 2).min(ADAPTIVE_SLOWEST);
        }
        // Everyone waits out the service's pause, not just the request that was refused.
        let resume = now + wait.unwrap_or(state.interval);
        state.paused_until = state.paused_until.max(resume);
        state.next = state.next.max(resume);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_budget_spaces_sends_evenly_under_it() {
        let pacer = Pacer::for_budget(Budget::new(100, Duration::from_secs(1)));
        let first = pacer.slot();
        let slots: Vec<Instant> = (0..99).map(|_| pacer.slot()).collect();
        let span = *slots.last().unwrap() - first;
        // 100 sends take 99 intervals of 1/98 s: just over a second, so a window never
        // holds more than the budget.
        assert!(span > Duration::from_millis(1000), "{span:?}");
        assert!(span < Duration::from_millis(1020), "{span:?}");
    }

    #[test]
    fn a_throttle_holds_everyone_back_and_slows_an_adaptive_pace() {
        let pacer = Pacer::adaptive();
        let before = pacer.interval();
        pacer.throttled(Some(Duration::from_secs(2)));
        assert_eq!(pacer.interval(), before * 2);
        assert!(pacer.slot() >= Instant::now() + Duration::from_millis(1900));
        for _ in 0..100 {
            pacer.succeeded();
        }
        assert!(pacer.interval() < before);
        assert_eq!(pacer.throttled.load(Ordering::Relaxed), 1);

        let fixed = Pacer::for_budget(Budget::INTUNE_PER_APP);
        let interval = fixed.interval();
        fixed.throttled(None);
        fixed.succeeded();
        assert_eq!(fixed.interval(), interval, "a known budget keeps its pace");
    }
}
