//! The Graph look-alike's public face: [`Simulator`], its builder, and what it records.

use crate::faults::{Fault, FaultRule, Throttle, ThrottleBudget};
use crate::rng::SplitMix64;
use crate::server;

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use bytes::Bytes;
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::watch;

// Every graphpatch item the simulator uses, in one place.
use graphpatch::metadata::{ApiVersion, Permissions, Property};
use graphpatch::path::{PathTemplate, ResolvedPath};
use graphpatch::{EntityPath, GraphEntity};

/// One request the simulator received, as it arrived. Its `Debug` hides the `Authorization`
/// value, so assertion output does not print tokens.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RecordedRequest {
    /// The method, e.g. `PATCH`.
    pub method: String,
    /// The raw request target's path, percent-encoding intact, e.g. `/beta/deviceManagement/…`.
    pub path: String,
    /// The raw query string, if any.
    pub query: Option<String>,
    /// Header names (lower-case) and values, in arrival order.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Bytes,
    /// When its body had arrived, on tokio's clock (so a test on paused time sees paused time).
    /// Two requests' times bound from below how long a client waited between them.
    pub received_at: Instant,
}

impl std::fmt::Debug for RecordedRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(name, value)| {
                let shown = if name.eq_ignore_ascii_case("authorization") {
                    "<redacted>"
                } else {
                    value
                };
                (name.as_str(), shown)
            })
            .collect();
        f.debug_struct("RecordedRequest")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("headers", &headers)
            .field("body", &String::from_utf8_lossy(&self.body))
            .finish()
    }
}

impl RecordedRequest {
    /// The first value of a header (name compared case-insensitively).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The path's segments after the leading `/`, still percent-encoded.
    pub fn segments(&self) -> Vec<&str> {
        self.path.trim_start_matches('/').split('/').collect()
    }

    /// The body as JSON.
    pub fn json(&self) -> serde_json::Result<Value> {
        serde_json::from_slice(&self.body)
    }
}

/// A canned answer for the next request, whatever it is: for testing how a client copes with
/// responses Graph should not but might send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CannedResponse {
    /// The status code.
    pub status: u16,
    /// Extra headers.
    pub headers: Vec<(String, String)>,
    /// The body, sent as is.
    pub body: Bytes,
}

impl CannedResponse {
    /// A response with this status and body and no extra headers.
    pub fn new(status: u16, body: impl Into<Bytes>) -> Self {
        CannedResponse {
            status,
            headers: Vec::new(),
            body: body.into(),
        }
    }

    /// Adds a header.
    #[must_use]
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
}

/// What the simulator knows of one registered entity type.
#[derive(Clone, Copy)]
pub(crate) struct Registration {
    pub name: &'static str,
    pub odata_type: &'static str,
    pub version: ApiVersion,
    pub paths: &'static [PathTemplate],
    pub properties: &'static [Property],
    pub permissions: Permissions,
    /// Decodes a document as the entity: `Err` with serde's message when it is mistyped.
    pub validate: fn(&Value) -> Result<(), String>,
}

fn validate<E: GraphEntity>(document: &Value) -> Result<(), String> {
    E::deserialize(document)
        .map(drop)
        .map_err(|err| err.to_string())
}

/// Where a resource is stored: the API version and its decoded path segments after it. The
/// document keeps its `@odata.type`, so types derived from one base share their base's paths as
/// in Graph.
pub(crate) type StoreKey = (&'static str, Vec<String>);

pub(crate) struct State {
    pub registrations: Vec<Registration>,
    /// The seed `rng` started from.
    pub seed: u64,
    /// Every random draw: fault rules, request ids.
    pub rng: Mutex<SplitMix64>,
    pub token: Option<String>,
    pub enforce_permissions: bool,
    pub store: Mutex<HashMap<StoreKey, Value>>,
    pub log: Mutex<Vec<RecordedRequest>>,
    pub canned: Mutex<VecDeque<CannedResponse>>,
    pub faults: Mutex<Vec<FaultRule>>,
    pub throttle: Mutex<Option<Throttle>>,
    /// Per-application budgets, keyed by the token's application (or the token itself).
    pub app_throttle: Mutex<Option<(ThrottleBudget, HashMap<String, Throttle>)>>,
    /// Added to every answer.
    pub latency: Mutex<Duration>,
    /// `http://127.0.0.1:<port>`: what next links start with.
    pub base_url: String,
    /// Next links start with this instead (a test's foreign origin).
    pub next_link_base: Mutex<Option<String>>,
    /// Items per list page unless `$top` asks for fewer or more.
    pub page_size: Mutex<usize>,
    /// Refuses GETs past this budget with 429.
    pub read_throttle: Mutex<Option<Throttle>>,
    /// Each stored entity carries `@odata.etag`, and `If-Match` is enforced.
    pub etags: bool,
    /// The last ETag version handed out.
    pub etag_version: std::sync::atomic::AtomicU64,
    /// Documents stored just after the next GET of their key: a concurrent writer on cue.
    pub after_read: Mutex<Vec<(StoreKey, Value)>>,
}

/// Locks a mutex, recovering the data if a thread panicked while holding it: the simulator's
/// state stays usable for the assertions that explain the panic.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl State {
    /// A uniform number in `[0, 1)` from the seeded stream.
    pub fn random_fraction(&self) -> f64 {
        lock(&self.rng).fraction()
    }

    /// A fresh `request-id` from the seeded stream.
    pub fn request_id(&self) -> String {
        lock(&self.rng).uuid()
    }

    /// Gives a document a new `@odata.etag`, when ETags are on: every stored version has its own.
    pub fn stamp(&self, document: &mut Value) {
        if !self.etags {
            return;
        }
        let version = self
            .etag_version
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            + 1;
        if let Value::Object(map) = document {
            map.insert(
                "@odata.etag".into(),
                Value::String(format!("W/\"{version}\"")),
            );
        }
    }
}

/// Items per list page by default.
pub const DEFAULT_PAGE_SIZE: usize = 100;

/// Now, on tokio's clock: under `tokio::time::pause` the simulator's budgets and its log follow
/// the paused clock, as the client's waits do.
pub(crate) fn now() -> Instant {
    tokio::time::Instant::now().into_std()
}

/// Configures a [`Simulator`].
#[derive(Default)]
pub struct SimulatorBuilder {
    registrations: Vec<Registration>,
    token: Option<String>,
    enforce_permissions: bool,
    seed: Option<u64>,
    etags: bool,
    page_size: Option<usize>,
}

impl std::fmt::Debug for SimulatorBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.registrations.iter().map(|r| r.name).collect();
        f.debug_struct("SimulatorBuilder")
            .field("entities", &names)
            .field("seed", &self.seed)
            .finish_non_exhaustive()
    }
}

impl SimulatorBuilder {
    /// Serves entity type `E` at its path templates.
    #[must_use]
    pub fn entity<E: GraphEntity>(mut self) -> Self {
        self.registrations.push(Registration {
            name: E::NAME,
            odata_type: E::ODATA_TYPE,
            version: E::VERSION,
            paths: E::PATHS,
            properties: E::PROPERTIES,
            permissions: E::PERMISSIONS,
            validate: validate::<E>,
        });
        self
    }

    /// Accepts only this bearer token (by default any non-empty bearer token is accepted).
    #[must_use]
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// Checks each token's claims against the entity's permissions table, as Graph does: a
    /// token that is not a JWT gets `401`, one whose kind is not supported or that holds none of
    /// the listed permissions (`scp`, or `roles` for an application) gets `403 Forbidden`.
    #[must_use]
    pub fn enforce_permissions(mut self) -> Self {
        self.enforce_permissions = true;
        self
    }

    /// Draws every random decision — which request a random fault hits, each `request-id` —
    /// from `seed`, so a run can be replayed: the same seed and the same requests in the same
    /// order meet the same faults. Without it the simulator draws a seed of its own, which
    /// [`Simulator::seed`] tells and the start-up log (`tracing`, level `INFO`) shows.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// use graphpatch_simulator::Simulator;
    /// let sim = Simulator::builder().seed(7).start().await?;
    /// assert_eq!(sim.seed(), 7);
    /// # Ok(()) }
    /// ```
    #[must_use]
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = Some(seed);
        self
    }

    /// Gives each stored entity an `@odata.etag` (a new one on every change, by `insert` or
    /// PATCH), as Graph does for many resources, and answers a PATCH whose `If-Match` is not the
    /// current one with `412 Precondition Failed`.
    #[must_use]
    pub fn etags(mut self) -> Self {
        self.etags = true;
        self
    }

    /// Serves lists `items` at a time (default [`DEFAULT_PAGE_SIZE`]); see
    /// [`Simulator::page_size`].
    #[must_use]
    pub fn page_size(mut self, items: usize) -> Self {
        self.page_size = Some(items);
        self
    }

    /// Binds `127.0.0.1` on a free port and starts serving on the current tokio runtime.
    pub async fn start(self) -> std::io::Result<Simulator> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let seed = self.seed.unwrap_or_else(crate::rng::fresh_seed);
        tracing::info!(%addr, seed, "Graph simulator started");
        let state = Arc::new(State {
            registrations: self.registrations,
            seed,
            rng: Mutex::new(SplitMix64::new(seed)),
            token: self.token,
            enforce_permissions: self.enforce_permissions,
            store: Mutex::default(),
            log: Mutex::default(),
            canned: Mutex::default(),
            faults: Mutex::default(),
            throttle: Mutex::default(),
            app_throttle: Mutex::default(),
            latency: Mutex::default(),
            base_url: format!("http://{addr}"),
            next_link_base: Mutex::default(),
            page_size: Mutex::new(self.page_size.unwrap_or(DEFAULT_PAGE_SIZE).max(1)),
            read_throttle: Mutex::default(),
            etags: self.etags,
            etag_version: std::sync::atomic::AtomicU64::new(0),
            after_read: Mutex::default(),
        });
        let (shutdown, shutdown_rx) = watch::channel(false);
        tokio::spawn(server::serve(listener, Arc::clone(&state), shutdown_rx));
        Ok(Simulator {
            addr,
            state,
            shutdown,
        })
    }
}

/// A running simulator. It stops when dropped.
pub struct Simulator {
    addr: SocketAddr,
    state: Arc<State>,
    shutdown: watch::Sender<bool>,
}

impl std::fmt::Debug for Simulator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Simulator")
            .field("addr", &self.addr)
            .field("seed", &self.state.seed)
            .finish_non_exhaustive()
    }
}

impl Simulator {
    /// Starts configuring a simulator.
    pub fn builder() -> SimulatorBuilder {
        SimulatorBuilder::default()
    }

    /// Starts configuring a simulator whose random decisions replay `seed`: the same as
    /// `Simulator::builder().seed(seed)` (see [`SimulatorBuilder::seed`]).
    pub fn with_seed(seed: u64) -> SimulatorBuilder {
        SimulatorBuilder::default().seed(seed)
    }

    /// The seed of every random decision, given or drawn: pass it to
    /// [`Simulator::with_seed`] to replay a run.
    pub fn seed(&self) -> u64 {
        self.state.seed
    }

    /// The service root to give a client: `http://127.0.0.1:<port>`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stores `entity` at `path`, replacing what was there.
    pub fn insert<P: EntityPath>(&self, path: P, entity: &P::Entity) {
        self.insert_at(&path.resolve(), entity);
    }

    /// Stores `entity` at a resolved path (for example a request's [`PatchRequest::path`](graphpatch::PatchRequest::path)).
    pub fn insert_at<E: GraphEntity>(&self, path: &ResolvedPath, entity: &E) {
        let document = serde_json::to_value(entity).expect("a Graph entity serializes to JSON");
        self.insert_json::<E>(path, document);
    }

    /// Stores a raw JSON document, for documents the Rust type cannot express; it gets `E`'s
    /// `@odata.type` when it has none.
    pub fn insert_json<E: GraphEntity>(&self, path: &ResolvedPath, mut document: Value) {
        if let Value::Object(map) = &mut document {
            map.entry("@odata.type")
                .or_insert_with(|| Value::String(format!("#{}", E::ODATA_TYPE)));
        }
        self.state.stamp(&mut document);
        lock(&self.state.store).insert(key_of::<E>(path), document);
    }

    /// Stores `entity` at `path` just after the next GET of that path is answered: a writer
    /// that changes the entity between a client's read and its write (with ETags on, the
    /// client's `If-Match` then fails with 412).
    pub fn change_after_next_read<E: GraphEntity>(&self, path: &ResolvedPath, entity: &E) {
        let mut document = serde_json::to_value(entity).expect("a Graph entity serializes to JSON");
        if let Value::Object(map) = &mut document {
            map.entry("@odata.type")
                .or_insert_with(|| Value::String(format!("#{}", E::ODATA_TYPE)));
        }
        lock(&self.state.after_read).push((key_of::<E>(path), document));
    }

    /// Serves lists `items` at a time from now on (a `$top` asks for its own page size). A
    /// list longer than a page ends each page with an `@odata.nextLink` carrying `$skiptoken`.
    pub fn page_size(&self, items: usize) {
        *lock(&self.state.page_size) = items.max(1);
    }

    /// Writes next links on this service root instead of the simulator's own (`None` restores
    /// it): a page that sends the client elsewhere, which a client must refuse to follow.
    pub fn next_link_base(&self, base: Option<String>) {
        *lock(&self.state.next_link_base) = base;
    }

    /// Refuses GETs (items and list pages) past `budget` with 429, as Intune counts requests
    /// of any kind; `None` lifts it. `budget.writes` is the number of requests per window.
    pub fn throttle_reads(&self, budget: Option<ThrottleBudget>) {
        *lock(&self.state.read_throttle) = budget.map(Throttle::new);
    }

    /// The entity stored at `path`, decoded.
    pub fn get<P: EntityPath>(&self, path: P) -> Option<P::Entity> {
        self.get_at(&path.resolve())
    }

    /// The entity stored at a resolved path, decoded.
    pub fn get_at<E: GraphEntity>(&self, path: &ResolvedPath) -> Option<E> {
        self.get_json::<E>(path)
            .and_then(|doc| serde_json::from_value(doc).ok())
    }

    /// The raw JSON document stored at a resolved path, if it is an `E`.
    pub fn get_json<E: GraphEntity>(&self, path: &ResolvedPath) -> Option<Value> {
        lock(&self.state.store)
            .get(&key_of::<E>(path))
            .filter(|doc| is_of_type(doc, E::ODATA_TYPE))
            .cloned()
    }

    /// The requests received so far, oldest first.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.state.log).clone()
    }

    /// Forgets the requests received so far.
    pub fn clear_requests(&self) {
        lock(&self.state.log).clear();
    }

    /// Answers the next request with `response` instead of serving it (queued: one canned
    /// response per call, used in order).
    pub fn respond_next(&self, response: CannedResponse) {
        lock(&self.state.canned).push_back(response);
    }

    /// Gives the next `times` requests `fault` (`usize::MAX` for every request). Rules apply in
    /// the order they were added; a request gets the first that matches.
    pub fn inject(&self, fault: Fault, times: usize) {
        self.add_rule(fault, times, None, 1.0);
    }

    /// Like [`Simulator::inject`], only for requests whose raw path contains `path_fragment`.
    pub fn inject_on(&self, path_fragment: impl Into<String>, fault: Fault, times: usize) {
        self.add_rule(fault, times, Some(path_fragment.into()), 1.0);
    }

    /// Gives each request `fault` with this probability, for up to `times` requests. The draws
    /// come from the simulator's seed ([`SimulatorBuilder::seed`]).
    pub fn inject_randomly(&self, probability: f64, fault: Fault, times: usize) {
        self.add_rule(fault, times, None, probability);
    }

    /// Removes every fault rule.
    pub fn clear_faults(&self) {
        lock(&self.state.faults).clear();
    }

    /// Refuses PATCHes past `budget` with 429, counting every caller together (Intune's
    /// tenant-wide budget: 400 writes per 20 seconds); `None` lifts it.
    pub fn throttle(&self, budget: Option<ThrottleBudget>) {
        *lock(&self.state.throttle) = budget.map(Throttle::new);
    }

    /// Refuses PATCHes past `budget` with 429, counting each application on its own (Intune's
    /// per-app budget: 200 writes per 20 seconds). The application is the token's `appid` or
    /// `azp` claim, or the token itself when it is not a JWT. `None` lifts it.
    pub fn throttle_per_app(&self, budget: Option<ThrottleBudget>) {
        *lock(&self.state.app_throttle) = budget.map(|budget| (budget, HashMap::new()));
    }

    /// Adds `latency` to every answer, as the distance to a real service would.
    pub fn latency(&self, latency: Duration) {
        *lock(&self.state.latency) = latency;
    }

    fn add_rule(
        &self,
        fault: Fault,
        times: usize,
        path_contains: Option<String>,
        probability: f64,
    ) {
        lock(&self.state.faults).push(FaultRule {
            fault,
            remaining: times,
            path_contains,
            probability,
        });
    }
}

/// The store key of a path: the API version and the path's decoded segments.
fn key_of<E: GraphEntity>(path: &ResolvedPath) -> StoreKey {
    (
        E::VERSION.as_str(),
        path.segments().map(str::to_owned).collect(),
    )
}

/// Whether a stored document's `@odata.type` names `odata_type` (given without `#`).
pub(crate) fn is_of_type(document: &Value, odata_type: &str) -> bool {
    document
        .get("@odata.type")
        .and_then(Value::as_str)
        .and_then(|t| t.strip_prefix('#'))
        == Some(odata_type)
}

impl Drop for Simulator {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
    }
}
