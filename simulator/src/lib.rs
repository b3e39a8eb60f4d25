//! Stand-ins for Microsoft Graph and the Microsoft identity platform on a loopback port, for
//! testing code that uses [graphpatch](https://docs.rs/graphpatch): add this crate as a
//! dev-dependency, point a `GraphClient` or a token provider at it, and assert on what it
//! received.
//!
//! ```toml
//! [dev-dependencies]
//! graphpatch-simulator = "0.1"
//! ```
//!
//! The library under test never compiles it: `graphpatch` itself holds no HTTP server code.
//!
//! # The Graph look-alike
//!
//! [`Simulator`] serves the entity types registered with it from their own metadata: an
//! in-memory store, PATCH merge semantics (`null` clears), GET to read back, Graph-style error
//! bodies (400 for unknown, read-only, `null`-on-required and mistyped properties, 401 without a
//! bearer token, 404 for unknown paths and ids; with
//! [`enforce_permissions`](SimulatorBuilder::enforce_permissions), 401/403 by the token's claims
//! against the entity's permissions table), derived entity types sharing their base's paths,
//! JSON batching (`POST /{version}/$batch`), and a log of every request for assertions
//! ([`Simulator::requests`]).
//!
//! Collections are listed at each item template without its final key
//! (`…/deviceManagementScripts/{id}/deviceRunStates`): server-driven paging
//! ([`page_size`](Simulator::page_size), `$top`, `@odata.nextLink` with `$skiptoken`),
//! `$select`, `$filter` (`eq ne gt ge lt le and or not`, `startswith`, `in`, literals of every
//! Edm type), `$orderby` on one property and `$count`. With [`etags`](SimulatorBuilder::etags)
//! each entity carries `@odata.etag` and a PATCH with a stale `If-Match` gets 412;
//! [`throttle_reads`](Simulator::throttle_reads) plays the read budget.
//!
//! ```
//! use graphpatch::prelude::*;
//! use graphpatch_simulator::Simulator;
//!
//! #[graph_entity(odata_type = "microsoft.graph.deviceCategory", version = "beta",
//!     path = "/deviceManagement/deviceCategories/{deviceCategoryId}",
//!     permissions(delegated_work = ["DeviceManagementManagedDevices.ReadWrite.All"],
//!         delegated_personal = unsupported, application = unsupported))]
//! pub struct DeviceCategory {
//!     #[graph(read_only)]
//!     pub id: String,
//!     pub display_name: Option<String>,
//! }
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let sim = Simulator::builder().entity::<DeviceCategory>().token("test-token").start().await?;
//! let path = DeviceCategoryPath::DeviceCategories { device_category_id: "c1".into() };
//! sim.insert(path.clone(), &DeviceCategory { id: "c1".into(), display_name: None });
//!
//! let client = GraphClient::builder().base_url(sim.base_url()).token("test-token").build()?;
//! let updated = client
//!     .send(graph_patch!(DeviceCategory { device_category_id: "c1" } set { display_name: "Kiosks" }))
//!     .await?
//!     .expect("200 with the entity");
//! assert_eq!(updated.display_name.as_deref(), Some("Kiosks"));
//! assert_eq!(sim.get(path).unwrap().display_name.as_deref(), Some("Kiosks"));
//! assert_eq!(sim.requests()[0].path, "/beta/deviceManagement/deviceCategories/c1");
//! # Ok(()) }
//! ```
//!
//! # A bad day on demand
//!
//! [`Simulator::inject`] gives the next requests a [`Fault`] — latency, 429 with or without
//! `Retry-After` (seconds or an HTTP date), 503, 504, connections dropped before or after the
//! headers, truncated and slow bodies, invalid UTF-8, an HTML error page, a claims challenge —
//! [`inject_on`](Simulator::inject_on) for one route, [`inject_randomly`](Simulator::inject_randomly)
//! at random. [`Simulator::throttle`] and [`Simulator::throttle_per_app`] play Intune's write
//! budgets ([`ThrottleBudget`]: N PATCHes per window, then 429), [`Simulator::latency`] the
//! distance to the service, [`Simulator::respond_next`] any answer at all ([`CannedResponse`]).
//!
//! Random faults replay: every random decision comes from one seed, given with
//! [`Simulator::with_seed`] (or [`SimulatorBuilder::seed`]) or drawn at start, logged and told
//! by [`Simulator::seed`]. [`seed_from_env`] is the usual way for a test to take one: a
//! variable replays a failed run, and the seed is printed so that a failure shows it.
//!
//! ```
//! use graphpatch_simulator::{Fault, Simulator};
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> std::io::Result<()> {
//! let sim = Simulator::with_seed(20_24).start().await?;
//! sim.inject_randomly(0.1, Fault::Unavailable, usize::MAX);
//! assert_eq!(sim.seed(), 20_24);
//! # Ok(()) }
//! ```
//!
//! # The identity-platform stand-in
//!
//! [`IdentityPlatform`] answers the OAuth 2.0 endpoints graphpatch's token providers call —
//! `/{tenant}/oauth2/v2.0/token` (client credentials, refresh tokens, device code polls) and
//! `/{tenant}/oauth2/v2.0/devicecode` — from a script you write, one [`IdentityAnswer`] per
//! request, and logs every form it receives ([`FormRequest`]). Its
//! [`authority`](IdentityPlatform::authority) goes to `Authority::custom`.
//!
//! ```
//! use graphpatch::auth::{Authority, ClientCredentials, TokenProvider};
//! use graphpatch_simulator::{IdentityAnswer, IdentityPlatform};
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let identity = IdentityPlatform::start(|request| {
//!     IdentityAnswer::bearer(&format!("token-{}", request.n), 3599)
//! })
//! .await?;
//! let provider = ClientCredentials::builder("contoso.onmicrosoft.com", "client-id", "secret")
//!     .authority(Authority::custom(&identity.authority())?)
//!     .build()?;
//! assert_eq!(provider.token().await?.secret(), "token-0");
//! assert_eq!(identity.requests()[0].field("grant_type"), Some("client_credentials"));
//! # Ok(()) }
//! ```
//!
//! # Answers no real server would give
//!
//! [`RawServer`] answers every connection with bytes you wrote, for responses a well-behaved
//! HTTP stack would not produce (a chunked body of unannounced length, a broken status line).
//!
//! # Time
//!
//! The simulators keep time on tokio's clock: under `tokio::time::pause` their logs
//! ([`RecordedRequest::received_at`], [`FormRequest::received_at`]) and write budgets follow the
//! paused clock. Mind that a paused clock advances on its own whenever the runtime is idle,
//! including while a request is on its way over the loopback socket: timers set for that
//! request can fire early.

#![warn(missing_docs)]

mod faults;
mod graph;
mod identity;
mod query;
mod raw;
mod rng;
mod server;

pub use faults::{Fault, RetryAfter, ThrottleBudget};
pub use graph::{CannedResponse, RecordedRequest, Simulator, SimulatorBuilder, DEFAULT_PAGE_SIZE};
pub use identity::{FormRequest, IdentityAnswer, IdentityPlatform};
pub use raw::RawServer;
pub use rng::seed_from_env;
