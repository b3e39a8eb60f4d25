//! Reconciling: read what is there, [`diff`](crate::diff) it against a desired change set,
//! write only the difference (with `If-Match` where Graph gave an ETag, re-reading on `412`);
//! one entity at a time ([`GraphClient::reconcile`]) or many at the read and write budgets
//! ([`BulkReconcile`]).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::task::Poll;

use tokio::sync::mpsc;
use tokio::task::JoinSet;

use super::get::Select;
use super::list::List;
use super::shared::GraphClient;
use crate::diff::{diff, set_wire_names};
use crate::error::Error;
use crate::metadata::{ChangeSet, EntityPath, GraphEntity};
use crate::path::{CollectionPath, ResolvedPath};
use crate::request::PatchRequest;
use crate::retry::ThrottleObserver;
use crate::throttle::{Budget, Pacer};

/// How many times a reconcile reads again after its `If-Match` write met a newer version
/// (`412`), before it fails with that `412`.
pub const MAX_CONFLICT_RETRIES: u32 = 3;

/// What a reconcile did.
#[derive(Debug, Clone)]
pub enum Reconciled<E: GraphEntity> {
    /// The entity already was as desired: nothing was written. It is the entity as read.
    Unchanged(E),
    /// The difference was written.
    Updated {
        /// What was sent: the desired slots that differed.
        sent: E::Patch,
        /// The entity Graph answered with, if it answered with one.
        entity: Option<E>,
    },
}

/// One word for a reconcile's result, as a bulk run counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReconcileStatus {
    /// Already as desired; nothing written.
    Unchanged,
    /// The difference was written.
    Updated,
    /// Failed, and nothing was written.
    Failed,
    /// Failed while writing, and the write may have been applied
    /// ([`Error::may_have_been_applied`]): run the reconcile again to know.
    Uncertain,
}

impl GraphClient {
    /// Makes the entity at `path` what `desired` says, writing only what differs.
    ///
    /// Reads the entity with `$select` of the desired slots (and the struct's non-`Option`
    /// properties, which it needs to decode), computes [`diff`](crate::diff) and sends a PATCH
    /// only when that is not empty. When the read returned an `@odata.etag`, the PATCH carries
    /// it as `If-Match`; a `412` (someone changed the entity in between) means read and diff
    /// again, up to [`MAX_CONFLICT_RETRIES`] times, so a concurrent change is never overwritten
    /// blindly. Running it twice sends nothing the second time.
    ///
    /// ```no_run
    /// # use graphpatch::prelude::*;
    /// # use graphpatch::client::Reconciled;
    /// # #[graph_entity(odata_type = "microsoft.graph.deviceCategory", version = "beta",
    /// #   path = "/deviceManagement/deviceCategories/{deviceCategoryId}",
    /// #   permissions(delegated_work = ["DeviceManagementManagedDevices.ReadWrite.All"],
    /// #     delegated_personal = unsupported, application = unsupported))]
    /// # pub struct DeviceCategory { #[graph(read_only)] pub id: String, pub display_name: Option<String> }
    /// # async fn run(client: GraphClient) -> Result<(), graphpatch::Error> {
    /// let path = DeviceCategoryPath::DeviceCategories { device_category_id: "c1".into() };
    /// match client.reconcile(path, DeviceCategoryPatch::new().display_name("Kiosks")).await? {
    ///     Reconciled::Unchanged(_) => println!("already so: no write"),
    ///     Reconciled::Updated { sent, .. } => println!("sent {}", serde_json::to_string(&sent).unwrap()),
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn reconcile<P: EntityPath>(
        &self,
        path: P,
        desired: <P::Entity as GraphEntity>::Patch,
    ) -> Result<Reconciled<P::Entity>, Error> {
        self.reconcile_at(&path.resolve(), &desired, None, None)
            .await
            .0
    }

    /// The reconcile of one entity: `known` is the entity as a list already read it (with its
    /// ETag), so the first round needs no read. The flag says whether a write was attempted.
    async fn reconcile_at<E: GraphEntity>(
        &self,
        path: &ResolvedPath,
        desired: &E::Patch,
        mut known: Option<(E, Option<String>)>,
        pacing: Option<&Pacing>,
    ) -> (Result<Reconciled<E>, Error>, bool) {
        let select = reconcile_select::<E>(desired);
        let mut conflicts = 0;
        let mut wrote = false;
        loop {
            let (current, etag) = match known.take() {
                Some(known) => known,
                None => {
                    if let Some(pacing) = pacing {
                        pacing.reads.wait_turn().await;
                    }
                    let observer = pacing.map(|p| &*p.reads as &dyn ThrottleObserver);
                    match self.read_observed::<E>(path, &select, observer).await {
                        Ok(fetched) => (fetched.entity, fetched.etag),
                        Err(err) => return (Err(err), wrote),
                    }
                }
            };
            let changes = diff(&current, desired);
            if changes.is_empty() {
                return (Ok(Reconciled::Unchanged(current)), wrote);
            }
            let mut request = PatchRequest::<E>::from_resolved(path.clone(), changes.clone());
            if let Some(etag) = etag {
                request = request.if_match(etag);
            }
            if let Some(pacing) = pacing {
                pacing.writes.wait_turn().await;
                pacing.writes_sent.fetch_add(1, Ordering::Relaxed);
            }
            wrote = true;
            let observer = pacing.map(|p| &*p.writes as &dyn ThrottleObserver);
            let result = match self.outgoing(request).await {
                Ok(outgoing) => self.attempts::<E>(outgoing, observer).await,
                Err(err) => Err(err),
            };
            match result {
                Ok(response) => {
                    return (
                        Ok(Reconciled::Updated {
                            sent: changes,
                            entity: response.entity,
                        }),
                        wrote,
                    )
                }
                Err(err) if err.is_precondition_failed() && conflicts < MAX_CONFLICT_RETRIES => {
                    conflicts += 1;
                    tracing::info!(
                        entity = E::NAME,
                        conflicts,
                        "the entity changed since it was read (412): reading it again"
                    );
                }
                Err(err) => return (Err(err), wrote),
            }
        }
    }

    /// Reconciles every `(key, path, desired)` of `inputs`, yielding each one's result with its
    /// key. See [`BulkReconcile`].
    pub fn reconcile_all<E, K, P, I>(&self, inputs: I) -> BulkReconcile<E, K>
    where
        E: GraphEntity,
        K: Send + 'static,
        P: EntityPath<Entity = E>,
        I: IntoIterator<Item = (K, P, E::Patch)>,
        I::IntoIter: Send + 'static,
    {
        let inputs = inputs
            .into_iter()
            .map(|(key, path, desired)| (key, path.resolve(), desired));
        BulkReconcile::new(self.clone(), Source::Inputs(Box::new(inputs)))
    }

    /// Reconciles the items of a list: for each item, `desired` gives its key (the item's id,
    /// which makes its path in the listed collection) and its desired state, or `None` to leave
    /// it alone. The listed item is the current state: an item costs a write only if it
    /// differs, and no read of its own unless its write meets a `412`. See [`BulkReconcile`].
    pub fn reconcile_list<E, F>(&self, list: List<E>, desired: F) -> BulkReconcile<E, String>
    where
        E: GraphEntity,
        F: FnMut(&E) -> Option<(String, E::Patch)> + Send + 'static,
    {
        let mut desired = desired;
        BulkReconcile::new(
            self.clone(),
            Source::List {
                list: Box::new(list),
                desired: Box::new(move |entity, collection| {
                    let (id, patch) = desired(entity)?;
                    let path = collection.item(id.clone());
                    Some((id, path, patch))
                }),
            },
        )
    }
}

/// The `$select` of a reconcile's read: the desired slots, and the properties the struct cannot
/// decode without.
fn reconcile_select<E: GraphEntity>(desired: &E::Patch) -> Select {
    let mut wires = set_wire_names(desired);
    for property in E::PROPERTIES.iter().filter(|p| !p.nullable) {
        if !wires.iter().any(|w| w == property.wire) {
            wires.push(property.wire.to_owned());
        }
    }
    // Reorder as the struct declares them, so the URL does not depend on the change set's order.
    wires.sort_by_key(|w| E::PROPERTIES.iter().position(|p| p.wire == w));
    Select::Only(wires)
}

/// The pacers of a bulk reconcile.
struct Pacing {
    reads: Arc<Pacer>,
    writes: Arc<Pacer>,
    writes_sent: AtomicU64,
}

type Inputs<E, K> =
    Box<dyn Iterator<Item = (K, ResolvedPath, <E as GraphEntity>::Patch)> + Send + 'static>;
type Desired<E, K> = Box<
    dyn FnMut(&E, &CollectionPath) -> Option<(K, ResolvedPath, <E as GraphEntity>::Patch)>
        + Send
        + 'static,
>;

enum Source<E: GraphEntity, K> {
    Inputs(Inputs<E, K>),
    /// Not started yet: the first `next` spawns its reader.
    List {
        list: Box<List<E>>,
        desired: Desired<E, K>,
    },
    Listing(mpsc::Receiver<Feed<E, K>>),
    Exhausted,
}

enum Feed<E: GraphEntity, K> {
    Item(K, ResolvedPath, E::Patch, E, Option<String>),
    Failed(Error),
}

type Done<E, K> = (K, ReconcileStatus, Result<Reconciled<E>, Error>);

/// How a bulk reconcile is going.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReconcileProgress {
    /// Items a list gave (0 for a run over inputs).
    pub listed: u64,
    /// Results handed out.
    pub done: u64,
    /// Of those, already as desired.
    pub unchanged: u64,
    /// Of those, written.
    pub updated: u64,
    /// Of those, failed with nothing written.
    pub failed: u64,
    /// Of those, failed while writing (may have been applied).
    pub uncertain: u64,
    /// PATCHes started (retries of one PATCH count once).
    pub writes: u64,
}

type ProgressHook = Box<dyn FnMut(&ReconcileProgress) + Send>;

/// Many reconciles at the service's budgets: inputs in, one result per input out, as they
/// complete.
///
/// Built by [`GraphClient::reconcile_all`] (inputs of `(key, path, desired)`: each is read,
/// then written if it differs) or [`GraphClient::reconcile_list`] (the items of a list: each is
/// compared as listed, then written if it differs). Reads — list pages included — go no faster
/// than the read budget, writes no faster than the write budget: by default those of the
/// entity's Intune family ([`ThrottleFamily::request_budget`](crate::throttle::ThrottleFamily::request_budget),
/// [`write_budget`](crate::throttle::ThrottleFamily::write_budget)); outside Intune, adaptive
/// (see [`Bulk`](super::Bulk)). An item already as desired costs no write.
///
/// Each result comes with its [`ReconcileStatus`]: unchanged, updated, failed or uncertain.
///
/// # Resuming
///
/// A run that dies half-way (a crash, a deploy, a deadline) is resumed by running it again:
/// the items it already brought to the desired state read as unchanged and cost no write; only
/// what still differs is written. No checkpoint file is needed, and an uncertain result is
/// settled the same way.
///
/// A list that fails (a page that keeps failing, a next link on another origin) ends the run:
/// [`BulkReconcile::list_error`] then holds the cause, and results already started still come.
/// [`BulkReconcile::next`] is cancellation-safe.
///
/// ```no_run
/// # use graphpatch::prelude::*;
/// # use graphpatch::path::CollectionPath;
/// # #[graph_enum] pub enum RunState { Unknown, Success, Fail }
/// # #[graph_entity(odata_type = "microsoft.graph.deviceManagementScriptDeviceState", version = "beta",
/// #   path = "/deviceManagement/deviceManagementScripts/{deviceManagementScriptId}/deviceRunStates/{deviceManagementScriptDeviceStateId}",
/// #   permissions(delegated_work = ["DeviceManagementManagedDevices.ReadWrite.All"],
/// #     delegated_personal = unsupported, application = unsupported))]
/// # pub struct State { #[graph(read_only)] pub id: String, pub run_state: RunState }
/// # async fn run(client: GraphClient) -> Result<(), Box<dyn std::error::Error>> {
/// let runs = CollectionPath::find(State::PATHS, &[("device_management_script_id", "s1")])?;
/// let mut run = client.reconcile_list(client.list::<State>(runs), |state| {
///     Some((state.id.clone(), StatePatch::new().run_state(RunState::Success)))
/// });
/// while let Some((id, status, result)) = run.next().await {
///     println!("{id}: {status:?}");
/// }
/// if let Some(err) = run.list_error() {
///     return Err(format!("the list failed: {err}").into());
/// }
/// # Ok(()) }
/// ```
pub struct BulkReconcile<E: GraphEntity, K> {
    client: GraphClient,
    source: Source<E, K>,
    concurrency: usize,
    pacing: Arc<Pacing>,
    running: JoinSet<Done<E, K>>,
    progress: ReconcileProgress,
    list_error: Option<Error>,
    /// Items the list gave, counted by its reader.
    listed: Arc<AtomicU64>,
    hook: Option<ProgressHook>,
}

impl<E: GraphEntity, K> std::fmt::Debug for BulkReconcile<E, K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BulkReconcile")
            .field("entity", &E::NAME)
            .field("concurrency", &self.concurrency)
            .field("progress", &self.progress)
            .finish_non_exhaustive()
    }
}

impl<E: GraphEntity, K: Send + 'static> BulkReconcile<E, K> {
    fn new(client: GraphClient, source: Source<E, K>) -> Self {
        let family = E::throttle_family();
        let pacer = |budget: Option<Budget>| {
            Arc::new(match budget {
                Some(budget) => Pacer::for_budget(budget),
                None => Pacer::adaptive(),
            })
        };
        BulkReconcile {
            client,
            source,
            concurrency: super::DEFAULT_CONCURRENCY,
            pacing: Arc::new(Pacing {
                reads: pacer(family.map(|f| f.request_budget())),
                writes: pacer(family.map(|f| f.write_budget())),
                writes_sent: AtomicU64::new(0),
            }),
            running: JoinSet::new(),
            progress: ReconcileProgress::default(),
            list_error: None,
            listed: Arc::default(),
            hook: None,
        }
    }

    /// At most this many reconciles in flight (default 8, at least 1).
    #[must_use]
    pub fn concurrency(mut self, reconciles: usize) -> Self {
        self.concurrency = reconciles.max(1);
        self
    }

    /// Paces reads (list pages and GETs) at this budget instead of the family's.
    #[must_use]
    pub fn read_budget(mut self, budget: Budget) -> Self {
        self.pacing = Arc::new(Pacing {
            reads: Arc::new(Pacer::for_budget(budget)),
            writes: Arc::clone(&self.pacing.writes),
            writes_sent: AtomicU64::new(0),
        });
        self
    }

    /// Paces writes at this budget instead of the family's.
    #[must_use]
    pub fn write_budget(mut self, budget: Budget) -> Self {
        self.pacing = Arc::new(Pacing {
            reads: Arc::clone(&self.pacing.reads),
            writes: Arc::new(Pacer::for_budget(budget)),
            writes_sent: AtomicU64::new(0),
        });
        self
    }

    /// Called after each result is handed out.
    #[must_use]
    pub fn on_progress(mut self, hook: impl FnMut(&ReconcileProgress) + Send + 'static) -> Self {
        self.hook = Some(Box::new(hook));
        self
    }

    /// The counts so far.
    pub fn progress(&self) -> ReconcileProgress {
        ReconcileProgress {
            writes: self.pacing.writes_sent.load(Ordering::Relaxed),
            listed: self.listed.load(Ordering::Relaxed),
            ..self.progress
        }
    }

    /// Why the list feeding the run failed, once it has: the run then ends after the results
    /// already under way.
    pub fn list_error(&self) -> Option<&Error> {
        self.list_error.as_ref()
    }
}

impl<E: GraphEntity, K: Send + 'static> BulkReconcile<E, K> {
    /// Starts a list's reader: pages are read (at the read budget) ahead of the reconciles by
    /// at most `concurrency` items.
    fn start_listing(&mut self) {
        if !matches!(self.source, Source::List { .. }) {
            return;
        }
        let Source::List { list, mut desired } =
            std::mem::replace(&mut self.source, Source::Exhausted)
        else {
            return;
        };
        let (tx, rx) = mpsc::channel(self.concurrency);
        let list = list.with_pacer(Arc::clone(&self.pacing.reads));
        let collection = list.collection().clone();
        let listed = Arc::clone(&self.listed);
        let mut items = list.items();
        tokio::spawn(async move {
            while let Some(item) = items.next_with_etag().await {
                let feed = match item {
                    Ok((entity, etag)) => {
                        listed.fetch_add(1, Ordering::Relaxed);
                        match desired(&entity, &collection) {
                            Some((key, path, patch)) => Feed::Item(key, path, patch, entity, etag),
                            None => continue,
                        }
                    }
                    Err(err) => Feed::Failed(err),
                };
                let failed = matches!(feed, Feed::Failed(_));
                // A send fails only when the run was dropped: stop reading then.
                if tx.send(feed).await.is_err() || failed {
                    return;
                }
            }
        });
        self.source = Source::Listing(rx);
    }

    fn feed(&mut self, feed: Feed<E, K>) {
        match feed {
            Feed::Item(key, path, desired, entity, etag) => {
                self.spawn(key, path, desired, Some((entity, etag)))
            }
            Feed::Failed(err) => {
                tracing::warn!(entity = E::NAME, error = %err, "the list failed: no more items");
                self.list_error = Some(err);
                self.source = Source::Exhausted;
            }
        }
    }

    fn spawn(
        &mut self,
        key: K,
        path: ResolvedPath,
        desired: E::Patch,
        known: Option<(E, Option<String>)>,
    ) {
        let client = self.client.clone();
        let pacing = Arc::clone(&self.pacing);
        self.running.spawn(async move {
            let (result, wrote) = client
                .reconcile_at(&path, &desired, known, Some(&pacing))
                .await;
            let status = match &result {
                Ok(Reconciled::Unchanged(_)) => ReconcileStatus::Unchanged,
                Ok(Reconciled::Updated { .. }) => {
                    pacing.writes.succeeded();
                    ReconcileStatus::Updated
                }
                Err(err) if wrote && err.may_have_been_applied() => ReconcileStatus::Uncertain,
                Err(_) => ReconcileStatus::Failed,
            };
            (key, status, result)
        });
    }

    fn count(&mut self, status: ReconcileStatus) {
        self.progress.done += 1;
        match status {
            ReconcileStatus::Unchanged => self.progress.unchanged += 1,
            ReconcileStatus::Updated => self.progress.updated += 1,
            ReconcileStatus::Failed => self.progress.failed += 1,
            ReconcileStatus::Uncertain => self.progress.uncertain += 1,
        }
        let progress = self.progress();
        if let Some(hook) = &mut self.hook {
            hook(&progress);
        }
    }

    /// The next result, in completion order: the input's key, the result's status and the
    /// result; `None` once every input has its result. Cancellation-safe: a result stays in the
    /// run until a call returns it.
    pub async fn next(&mut self) -> Option<Done<E, K>> {
        self.start_listing();
        loop {
            // Start what may start now.
            while self.running.len() < self.concurrency {
                match &mut self.source {
                    Source::Inputs(inputs) => match inputs.next() {
                        Some((key, path, desired)) => self.spawn(key, path, desired, None),
                        None => self.source = Source::Exhausted,
                    },
                    Source::Listing(rx) => match rx.try_recv() {
                        Ok(feed) => self.feed(feed),
                        Err(mpsc::error::TryRecvError::Empty) => break,
                        Err(mpsc::error::TryRecvError::Disconnected) => {
                            self.source = Source::Exhausted
                        }
                    },
                    Source::List { .. } | Source::Exhausted => break,
                }
            }
            let listing = matches!(self.source, Source::Listing(_));
            if self.running.is_empty() && !listing {
                return None;
            }
            let room = self.running.len() < self.concurrency;
            // Whichever comes first: a result, or (with room for it) a listed item. Both polls
            // are cancellation-safe, and nothing else here awaits.
            let (running, source) = (&mut self.running, &mut self.source);
            let event = std::future::poll_fn(|cx| {
                if !running.is_empty() {
                    if let Poll::Ready(done) = running.poll_join_next(cx) {
                        return Poll::Ready(Event::Joined(done));
                    }
                }
                if let (Source::Listing(rx), true) = (&mut *source, room) {
                    if let Poll::Ready(feed) = rx.poll_recv(cx) {
                        return Poll::Ready(Event::Fed(feed));
                    }
                }
                Poll::Pending
            })
            .await;
            match event {
                Event::Joined(Some(Ok(done))) => {
                    self.count(done.1);
                    return Some(done);
                }
                Event::Joined(Some(Err(err))) if err.is_panic() => {
                    std::panic::resume_unwind(err.into_panic())
                }
                Event::Joined(Some(Err(err))) => {
                    unreachable!("reconcile tasks are aborted only when the run is dropped: {err}")
                }
                Event::Joined(None) => {}
                Event::Fed(Some(feed)) => self.feed(feed),
                Event::Fed(None) => self.source = Source::Exhausted,
            }
        }
    }
}

/// What a bulk reconcile waited for.
enum Event<E: GraphEntity, K> {
    Joined(Option<Result<Done<E, K>, tokio::task::JoinError>>),
    Fed(Option<Feed<E, K>>),
}
