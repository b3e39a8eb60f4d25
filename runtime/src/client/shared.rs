//! The client handle: one shared `reqwest::Client`, token provider and configuration behind an
//! `Arc`, so clones are cheap.

use std::sync::Arc;
use std::time::Duration;

use reqwest::header::HeaderValue;

use crate::auth::TokenProvider;
use crate::permissions::Preflight;
use crate::retry::{Jitter, RetryPolicy};

/// Sends Graph requests. Cheap to clone: clones share one connection pool and token provider.
///
/// ```no_run
/// use graphpatch::prelude::*;
/// # #[graph_entity(odata_type = "microsoft.graph.deviceCategory", version = "beta",
/// #   path = "/deviceManagement/deviceCategories/{deviceCategoryId}",
/// #   permissions(delegated_work = ["DeviceManagementManagedDevices.ReadWrite.All"],
/// #     delegated_personal = unsupported, application = unsupported))]
/// # pub struct DeviceCategory { #[graph(read_only)] pub id: String, pub display_name: Option<String> }
/// # async fn run() -> Result<(), graphpatch::Error> {
/// let client = GraphClient::builder()
///     .token_provider(StaticToken::new(std::env::var("GRAPH_TOKEN").unwrap_or_default()))
///     .build()?;
/// let request = graph_patch!(DeviceCategory { device_category_id: "c1" } set {
///     display_name: "Kiosks",
/// });
/// let updated: Option<DeviceCategory> = client.send(request).await?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct GraphClient {
    pub(super) inner: Arc<Inner>,
}

pub(super) struct Inner {
    pub(super) http: reqwest::Client,
    pub(super) base_url: String,
    pub(super) token: Arc<dyn TokenProvider>,
    pub(super) preflight: Preflight,
    pub(super) user_agent: HeaderValue,
    pub(super) max_response_bytes: usize,
    pub(super) timeout: Duration,
    /// Applies only to graphpatch's own reqwest client; kept for error messages.
    pub(super) connect_timeout: Duration,
    pub(super) deadline: Duration,
    pub(super) retry: RetryPolicy,
    /// Where the backoff's jitter comes from.
    pub(super) jitter: Jitter,
    /// The reqwest client is graphpatch's own, configured with `redirect_policy`.
    pub(super) own_http: bool,
}

impl std::fmt::Debug for GraphClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GraphClient")
            .field("base_url", &self.inner.base_url)
            .field("max_response_bytes", &self.inner.max_response_bytes)
            .finish_non_exhaustive()
    }
}
