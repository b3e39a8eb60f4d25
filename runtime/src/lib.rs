//! Typed, compile-time checked Microsoft Graph PATCH requests.
//!
//! `#[graph_entity]` turns an annotated struct into a Graph resource — its `@odata.type`, API
//! version, path templates and permissions — with a change set type that sends exactly the
//! properties you set. [`graph_patch!`] builds a request at the call site and checks it against
//! the entity when your code compiles; [`GraphClient`] sends it.
//!
//! ```
//! use graphpatch::prelude::*;
//!
//! #[graph_enum]
//! pub enum RunState { Unknown, Success, Fail, ScriptError, Pending, NotApplicable }
//!
//! #[graph_entity(
//!     odata_type = "microsoft.graph.deviceManagementScriptState",
//!     version = "beta",
//!     path = "/deviceManagement/deviceManagementScripts/{deviceManagementScriptId}/runStates/{deviceManagementScriptStateId}",
//!     patch_odata_type = false,
//!     permissions(
//!         delegated_work = ["DeviceManagementManagedDevices.ReadWrite.All"],
//!         delegated_personal = unsupported,
//!         application = unsupported,
//!     ),
//! )]
//! pub struct DeviceManagementScriptState {
//!     #[graph(read_only)]
//!     pub id: String,
//!     pub run_state: Option<RunState>,
//!     pub result_message: Option<String>,
//!     pub last_state_update_date_time: Option<DateTimeOffset>,
//! }
//!
//! let request = graph_patch!(DeviceManagementScriptState {
//!     device_management_script_id: "script-1",
//!     device_management_script_state_id: "state-1",
//! } set {
//!     run_state: RunState::Success,
//!     result_message: "Result Message value",
//!     last_state_update_date_time: null,
//! });
//! assert_eq!(
//!     request.path().render().unwrap(),
//!     "/deviceManagement/deviceManagementScripts/script-1/runStates/state-1"
//! );
//! assert_eq!(
//!     String::from_utf8(request.body().unwrap()).unwrap(),
//!     r#"{"runState":"success","resultMessage":"Result Message value","lastStateUpdateDateTime":null}"#
//! );
//! ```
//!
//! # The entity attribute
//!
//! `#[graph_entity(...)]` takes:
//!
//! | key | value |
//! |---|---|
//! | `odata_type` | the type's qualified name, without `#`: `"microsoft.graph.deviceManagementScriptState"` |
//! | `version` | `"beta"` or `"v1.0"` |
//! | `path` | a PATCH template from the docs; repeat the key for each template |
//! | `permissions(...)` | `delegated_work`, `delegated_personal` and `application`, each `unsupported` or `["Scope", …]` from least to most privileged |
//! | `patch_odata_type` | optional, default `true`: whether change sets start with `"@odata.type"` |
//!
//! Fields are properties; their JSON names are the lowerCamel form of the field name, or
//! `#[graph(rename = "wireName")]`. `#[graph(read_only)]` marks properties Graph computes: the
//! change set has no slot for them. An `Option<T>` field may be cleared with an explicit `null`.
//!
//! For a struct `Foo` the attribute generates `FooPatch` (the change set, with a setter per
//! writable property and `clear_…` for `Option` ones), `FooPath` (one variant per template,
//! named after the template's literal segments after the first — `/deviceManagement/
//! deviceManagementScripts/{…}/runStates/{…}` is `DeviceManagementScriptsRunStates` — with its
//! parameters as fields),
//! `Foo::patch(path, changes)`, an implementation of [`GraphEntity`] and serde impls that match
//! the wire format: `@odata.type` first, unknown properties ignored on read.
//!
//! # The patch macro
//!
//! ```text
//! graph_patch!(Entity [at "/template"] { param: value, … } set { property: value | null, … })
//! ```
//!
//! Path parameters are named as in the template, in snake_case; their values are anything that
//! implements `Display`, percent-encoded at run time as one path segment each. The parameter
//! names select the template; where several templates take the same names, `at "<template>"`
//! chooses one. Property values convert with `Into`, so `"text"` fills a `String` property.
//!
//! Mistakes are compile errors at your token: an unknown property (with the closest name), a
//! read-only property, a property set twice, `null` for a non-`Option` property, an empty change
//! set, a missing, unknown or duplicated path parameter, parameters that match no template (the
//! templates are listed), and a value of the wrong type.
//!
//! # Types
//!
//! | Edm type | Rust type | wire |
//! |---|---|---|
//! | `Edm.String`, `Edm.Stream` | `String` | `"text"` (the docs show a stream as an opaque string) |
//! | `Edm.Boolean` | `bool` | `true` |
//! | `Edm.Int32`, `Edm.Int64` | `i32`, `i64` | bare numbers |
//! | `Edm.Double`, `Edm.Single` | [`Double`], [`Single`] | bare numbers (`6.0` stays `6.0`); `"NaN"`, `"INF"`, `"-INF"` |
//! | `Edm.Guid` | [`Guid`] | `"52effe71-fe71-52ef-71fe-ef5271feef52"` |
//! | `Edm.Binary` | [`Binary`] | base64, standard alphabet, padded |
//! | `Edm.Date` | [`Date`] | `"2016-12-31"` |
//! | `Edm.TimeOfDay` | [`TimeOfDay`] | `"12:00:05.5020000"` |
//! | `Edm.DateTimeOffset` | [`DateTimeOffset`] | `"2017-01-01T00:02:58.4418045-08:00"` |
//! | `Edm.Duration` | [`Duration`] | `"-PT17.1357909S"`, `"P1DT2H"` |
//! | an enum | a [`graph_enum`] | `"scriptError"`; unknown members kept |
//! | a flags enum | [`Flags<E>`](Flags) of a `#[graph_enum(flags)]` | `"value1,value3"` |
//! | a complex type | a [`graph_complex`] struct | an object with its `@odata.type` |
//! | a polymorphic complex type | a [`graph_complex`] enum of structs | chosen by `@odata.type` |
//! | `X collection` | `Vec<X>` | an array |
//!
//! Each type writes back exactly what it read: fractional digits, `Z`, which duration parts were
//! given. A bare `f64` or `f32` field is a compile error: serde would write NaN as `null`, which
//! clears the property. Decode errors name the property at fault. A change set decodes strictly
//! from JSON (unknown or read-only properties, a wrong `@odata.type`, `null` for a non-`Option`
//! property are errors), so a PATCH body can be replayed as a typed change set.
//!
//! A derived entity type (`windows10GeneralConfiguration`) is annotated with all its
//! properties and its base type's paths (`/deviceManagement/deviceConfigurations/{id}`); its
//! change sets carry its own `@odata.type`.
//!
//! # Permissions and tokens
//!
//! Every entity carries its reference page's permissions table ([`GraphEntity::PERMISSIONS`]).
//! Before sending, the client reads the token's claims (`scp`, `roles`, `idtyp`, `tid`; the
//! signature is the service's to check) and refuses locally with [`Error::Permission`] when the
//! token's kind of caller is not supported or it holds none of the listed scopes
//! ([`permissions::Preflight`] sets this per client; opaque tokens are sent unchecked). A 401 or
//! 403 from Graph carries the table in [`GraphError::required_permissions`].
//! [`permissions::RequiredScopes`] computes what an admin must consent to for a set of entities.
//! Tokens come from an [`auth::TokenProvider`]: [`auth::StaticToken`], [`auth::EnvToken`],
//! [`auth::token_fn`], [`auth::ClientCredentials`], [`auth::DeviceCode`]; a claims challenge gets
//! one new token ([`auth::TokenProvider::token_with_claims`]) and one more attempt.
//!
//! # Many updates
//!
//! [`GraphClient::send_batch`] sends PATCHes as JSON batches (`$batch`, 20 a batch) with one
//! typed result per request; [`GraphClient::bulk`] runs a lazy stream of requests at a write
//! [`throttle::Budget`], with bounded concurrency and one result per input ([`client::Bulk`]).
//!
//! # Reading and reconciling
//!
//! [`GraphClient::get`] reads an entity with `$select` of its struct's properties;
//! [`GraphClient::list`] lists a collection ([`path::CollectionPath`]: an item template without
//! its final key) as lazy pages or items ([`client::Pages`], [`client::Items`]), following
//! `@odata.nextLink` verbatim on the service root's origin only. [`graph_filter!`] writes a
//! `$filter` whose property names the compiler checks and whose literals are encoded per Edm
//! type ([`filter`]). [`diff()`] keeps the slots of a change set that differ from an entity, and
//! [`GraphClient::reconcile`] reads, diffs and PATCHes only the difference (with `If-Match`
//! where Graph gives an ETag); [`GraphClient::reconcile_all`] and
//! [`GraphClient::reconcile_list`] do so for many at the read and write budgets
//! ([`client::BulkReconcile`]). A run that stopped is resumed by running it again.
//!
//! # Layout
//!
//! The crate root holds what a program names daily: the macros, [`GraphClient`], [`Error`], the
//! entity traits, the Edm types and the [`prelude`]. The rest lives in modules named for what
//! they are: [`client`] (the builder, responses, prepared requests, batches, bulk runs, reads,
//! lists and reconciles), [`filter`] (`$filter` expressions and literals),
//! [`auth`] (token providers and claims), [`retry`] (the retry policy), [`throttle`] (write
//! budgets), [`permissions`] (preflight and consent reports), [`metadata`] and [`path`] (what an
//! entity records about itself), [`edm`] (Graph's primitive types) and [`testing`] (JSON
//! comparison for tests).
//!
//! # Testing
//!
//! The `graphpatch-simulator` crate, a dev-dependency, is a Graph look-alike and an
//! identity-platform stand-in on loopback, with fault injection: point a [`GraphClient`] or a
//! token provider at it. This crate holds no HTTP server code.
//!
//! # Testing
//!
//! The `graphpatch-simulator` crate, a dev-dependency, is a Graph look-alike and an
//! identity-platform stand-in on loopback, with fault injection: point a [`GraphClient`] or a
//! token provider at it. This crate holds no HTTP server code.
//!
//! # Features
//!
//! - `aws-lc-rs` (default) or `ring`: the rustls crypto provider; `http2` (default).
//! - `gzip` (off by default): ask for gzip-compressed responses and decode them — list pages
//!   shrink about 20×, at the cost of `flate2` and `async-compression` in the build.
//! - `azure` (off by default): `auth::AzureCredential`, a token provider over any Azure SDK
//!   credential (`azure_core::credentials::TokenCredential`, from `azure_identity`). Needs Rust
//!   1.88, as `azure_core` 1 does.

#![warn(missing_docs)]

// Generated code names `::graphpatch::…`; this makes those paths work inside this crate too.
extern crate self as graphpatch;

pub mod auth;
pub mod client;
mod cloud;
mod complex;
mod diff;
pub mod edm;
mod error;
pub mod filter;
mod http;
pub mod metadata;
pub mod path;
pub mod permissions;
mod random;
mod request;
pub mod retry;
mod slot;
pub mod testing;
pub mod throttle;

#[doc(hidden)]
pub mod __private;

pub use client::GraphClient;
pub use cloud::Cloud;
pub use complex::{GraphComplex, UnknownObject};
pub use diff::diff;
pub use edm::{Binary, Date, DateTimeOffset, Double, Duration, Flags, Guid, Single, TimeOfDay};
pub use error::{Error, GraphError, RequestError, TimeoutKind};
pub use metadata::{ChangeSet, EntityPath, GraphEntity, GraphEnum};
pub use request::{PatchRequest, Prefer};
pub use slot::Slot;

pub use graphpatch_macros::{graph_complex, graph_entity, graph_enum, graph_filter, graph_patch};

/// The names most programs need: `use graphpatch::prelude::*;`.
pub mod prelude {
    pub use crate::auth::StaticToken;
    pub use crate::{
        graph_complex, graph_entity, graph_enum, graph_filter, graph_patch, ChangeSet,
        DateTimeOffset, EntityPath, GraphClient, GraphComplex, GraphEntity, GraphEnum,
        PatchRequest, Prefer,
    };
}

/// The README's Rust examples, compiled (and run where not marked `no_run`) as doctests.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
