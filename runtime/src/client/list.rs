//! Listing a collection: a query ([`List`]), a lazy pager over its pages ([`Pages`]) that
//! follows `@odata.nextLink` verbatim on the service root's origin only, and an items view
//! ([`Items`]), each page read through the attempt loop like any request.

use std::collections::VecDeque;
use std::sync::Arc;

use reqwest::Url;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::get::{decoded, push_query, ETag, Select};
use super::shared::GraphClient;
use crate::error::{snippet, Error, RequestError};
use crate::filter::Filter;
use crate::metadata::GraphEntity;
use crate::path::CollectionPath;
use crate::throttle::{Budget, Pacer};

/// A list query over a collection of `E`: `$select` (the struct's properties by default),
/// `$filter`, `$orderby`, `$top`, `$count`. Built by [`GraphClient::list`]; nothing is sent until
/// its [`Pages`] or [`Items`] are polled.
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
/// // GET …/deviceManagementScripts/s1/deviceRunStates?$select=id,runState&$filter=runState eq 'fail'
/// let mut failed = client
///     .list::<State>(runs)
///     .filter(graph_filter!(State: run_state eq RunState::Fail))
///     .paced()
///     .items();
/// while let Some(state) = failed.next().await {
///     println!("{}", state?.id);
/// }
/// # Ok(()) }
/// ```
pub struct List<E> {
    client: GraphClient,
    collection: CollectionPath,
    select: Select,
    filter: Option<String>,
    order_by: Option<String>,
    top: Option<u32>,
    count: bool,
    pacer: Option<Arc<Pacer>>,
    entity: std::marker::PhantomData<fn() -> E>,
}

impl<E> Clone for List<E> {
    fn clone(&self) -> Self {
        List {
            client: self.client.clone(),
            collection: self.collection.clone(),
            select: self.select.clone(),
            filter: self.filter.clone(),
            order_by: self.order_by.clone(),
            top: self.top,
            count: self.count,
            pacer: self.pacer.clone(),
            entity: std::marker::PhantomData,
        }
    }
}

impl<E> std::fmt::Debug for List<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("List")
            .field("collection", &self.collection)
            .field("select", &self.select)
            .field("filter", &self.filter)
            .field("order_by", &self.order_by)
            .field("top", &self.top)
            .field("count", &self.count)
            .finish_non_exhaustive()
    }
}

impl GraphClient {
    /// A list query over the collection at `collection` (see [`CollectionPath`]).
    pub fn list<E: GraphEntity>(&self, collection: CollectionPath) -> List<E> {
        List {
            client: self.clone(),
            collection,
            select: Select::Struct,
            filter: None,
            order_by: None,
            top: None,
            count: false,
            pacer: None,
            entity: std::marker::PhantomData,
        }
    }
}

impl<E: GraphEntity> List<E> {
    /// `$filter`: only the entities the filter matches.
    #[must_use]
    pub fn filter(mut self, filter: Filter<E>) -> Self {
        self.filter = Some(filter.as_str().to_owned());
        self
    }

    /// `$select`: which properties each item carries (default [`Select::Struct`]).
    #[must_use]
    pub fn select(mut self, select: Select) -> Self {
        self.select = select;
        self
    }

    /// `$orderby`, as OData writes it: `"displayName"`, `"lastStateUpdateDateTime desc"`.
    #[must_use]
    pub fn order_by(mut self, order: impl Into<String>) -> Self {
        self.order_by = Some(order.into());
        self
    }

    /// `$top`: at most this many items per page (the service may send fewer, and pages on).
    #[must_use]
    pub fn top(mut self, items: u32) -> Self {
        self.top = Some(items);
        self
    }

    /// `$count=true` with `ConsistencyLevel: eventual`: each page carries the collection's
    /// total ([`Page::count`]).
    #[must_use]
    pub fn count(mut self) -> Self {
        self.count = true;
        self
    }

    /// Paces page requests at the entity's Intune family's request budget per app
    /// ([`ThrottleFamily::request_budget`](crate::throttle::ThrottleFamily::request_budget));
    /// outside Intune, unpaced.
    #[must_use]
    pub fn paced(mut self) -> Self {
        self.pacer = E::throttle_family().map(|f| Arc::new(Pacer::for_budget(f.request_budget())));
        self
    }

    /// Paces page requests at this budget (requests per window).
    #[must_use]
    pub fn budget(mut self, budget: Budget) -> Self {
        self.pacer = Some(Arc::new(Pacer::for_budget(budget)));
        self
    }

    /// The collection listed.
    pub fn collection(&self) -> &CollectionPath {
        &self.collection
    }

    /// Shares a pacer with other requests (a bulk reconcile's reads).
    pub(super) fn with_pacer(mut self, pacer: Arc<Pacer>) -> Self {
        self.pacer = Some(pacer);
        self
    }

    /// The first page's URL.
    pub fn url(&self) -> Result<String, Error> {
        let mut url = self.client.version_root::<E>();
        self.collection
            .render_into(&mut url)
            .map_err(RequestError::Path)?;
        if let Some(select) = self.select.value::<E>() {
            push_query(&mut url, "$select", &select);
        }
        if let Some(filter) = &self.filter {
            push_query(&mut url, "$filter", filter);
        }
        if let Some(order) = &self.order_by {
            push_query(&mut url, "$orderby", order);
        }
        if let Some(top) = self.top {
            push_query(&mut url, "$top", &top.to_string());
        }
        if self.count {
            push_query(&mut url, "$count", "true");
        }
        Ok(url)
    }

    /// The pages, lazily: the first is requested by the first [`Pages::next`].
    pub fn pages(self) -> Pages<E> {
        Pages {
            next: Cursor::First,
            list: self,
        }
    }

    /// The pages from a next link a run stopped at ([`Pages::next_link`]): how a list resumes
    /// where another left off. The link is checked like any next link.
    pub fn pages_from(self, next_link: impl Into<String>) -> Pages<E> {
        Pages {
            next: Cursor::Link(next_link.into()),
            list: self,
        }
    }

    /// The items of every page, lazily.
    pub fn items(self) -> Items<E> {
        Items {
            pages: self.pages(),
            buffer: VecDeque::new(),
        }
    }
}

/// One page of a list.
#[derive(Debug, Clone)]
pub struct Page<E> {
    /// The items, in the service's order.
    pub items: Vec<E>,
    /// Each item's `@odata.etag` (`None` where it has none), by position.
    pub etags: Vec<Option<String>>,
    /// `@odata.nextLink`: where the next page is, exactly as the service wrote it.
    pub next_link: Option<String>,
    /// `@odata.count`, when asked for with [`List::count`].
    pub count: Option<u64>,
    /// The page request's `request-id` header.
    pub request_id: Option<String>,
    /// The page request's `client-request-id`.
    pub client_request_id: String,
}

#[derive(Deserialize)]
struct RawPage {
    value: Vec<Box<RawValue>>,
    #[serde(rename = "@odata.nextLink")]
    next_link: Option<String>,
    #[serde(rename = "@odata.count")]
    count: Option<u64>,
}

#[derive(Debug, Clone)]
enum Cursor {
    First,
    Link(String),
    Done,
    /// Ended by an error, at this next link (none: at the first page).
    Failed(Option<String>),
}

/// The pages of a [`List`], fetched one at a time as [`Pages::next`] is awaited.
///
/// Each page request is retried as any request is (429 after its `Retry-After`, 503, dropped
/// connections), paced when the list is. A next link is followed exactly as given, and only
/// when its origin (scheme, host, port) is the service root's: one anywhere else would carry
/// the bearer token off, so it ends the list with [`RequestError::ForeignNextLink`] and nothing
/// is sent there.
///
/// `next` is cancellation-safe: the pager moves on only when a page has arrived whole, so a
/// future dropped half-way (a `tokio::select!`, a timeout) loses nothing — the next call asks
/// for the same page again. After an error the list is over; [`Pages::next_link`] says where
/// it stopped, for [`List::pages_from`].
pub struct Pages<E> {
    list: List<E>,
    next: Cursor,
}

impl<E> std::fmt::Debug for Pages<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pages")
            .field("list", &self.list)
            .field("next", &self.next)
            .finish()
    }
}

impl<E: GraphEntity> Pages<E> {
    /// The next page; `None` once the last page (the one without a next link) was returned, or
    /// after an error.
    pub async fn next(&mut self) -> Option<Result<Page<E>, Error>> {
        let url = match &self.next {
            Cursor::Done | Cursor::Failed(_) => return None,
            Cursor::First => match self.list.url() {
                Ok(url) => url,
                Err(err) => {
                    self.next = Cursor::Done;
                    return Some(Err(err));
                }
            },
            Cursor::Link(link) => link.clone(),
        };
        match self.fetch(&url).await {
            Ok(page) => {
                self.next = match &page.next_link {
                    Some(link) => Cursor::Link(link.clone()),
                    None => Cursor::Done,
                };
                Some(Ok(page))
            }
            Err(err) => {
                // Kept where it stopped (`next_link` tells), but not tried again by this pager.
                self.next = match std::mem::replace(&mut self.next, Cursor::Done) {
                    Cursor::Link(link) => Cursor::Failed(Some(link)),
                    _ => Cursor::Failed(None),
                };
                Some(Err(err))
            }
        }
    }

    /// The next link the pager would follow (or stopped at, after an error): where a new run
    /// resumes with [`List::pages_from`].
    pub fn next_link(&self) -> Option<&str> {
        match &self.next {
            Cursor::Link(link) | Cursor::Failed(Some(link)) => Some(link),
            Cursor::First | Cursor::Done | Cursor::Failed(None) => None,
        }
    }

    async fn fetch(&self, url: &str) -> Result<Page<E>, Error> {
        let client = &self.list.client;
        let root = client.base_url();
        if !same_origin(url, root) {
            return Err(RequestError::ForeignNextLink {
                link: snippet(url.as_bytes()),
                service_root: root.to_owned(),
            }
            .into());
        }
        let observer = self.list.pacer.as_deref();
        if let Some(pacer) = observer {
            pacer.wait_turn().await;
        }
        let template = self.list.collection.item_template().template;
        let (answer, client_request_id) = client
            .fetch::<E>(
                url,
                template,
                self.list.count,
                observer.map(|p| p as &dyn crate::retry::ThrottleObserver),
            )
            .await?;
        let raw: RawPage = decoded::<E, RawPage>(&answer, &client_request_id)?;
        let mut items = Vec::with_capacity(raw.value.len());
        let mut etags = Vec::with_capacity(raw.value.len());
        for item in &raw.value {
            let text = item.get();
            let entity = serde_json::from_str::<E>(text).map_err(|source| Error::Decode {
                status: answer.status,
                client_request_id: client_request_id.clone(),
                source,
                snippet: snippet(text.as_bytes()),
            })?;
            items.push(entity);
            etags.push(serde_json::from_str::<ETag>(text).ok().and_then(|t| t.etag));
        }
        if let (Some(pacer), true) = (observer, answer.status.is_success()) {
            pacer.succeeded();
        }
        Ok(Page {
            items,
            etags,
            next_link: raw.next_link,
            count: raw.count,
            request_id: answer.request_id,
            client_request_id,
        })
    }
}

/// Whether `link` has the origin (scheme, host, port) of the service root `root`.
fn same_origin(link: &str, root: &str) -> bool {
    match (Url::parse(link), Url::parse(root)) {
        (Ok(link), Ok(root)) => link.origin() == root.origin(),
        _ => false,
    }
}

/// The items of a [`List`], page after page, as [`Items::next`] is awaited. Cancellation-safe
/// as [`Pages::next`] is.
pub struct Items<E> {
    pages: Pages<E>,
    buffer: VecDeque<(E, Option<String>)>,
}

impl<E> std::fmt::Debug for Items<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Items")
            .field("pages", &self.pages)
            .field("buffered", &self.buffer.len())
            .finish()
    }
}

impl<E: GraphEntity> Items<E> {
    /// The next item; `None` after the last one, or after an error.
    pub async fn next(&mut self) -> Option<Result<E, Error>> {
        Some(self.next_with_etag().await?.map(|(entity, _)| entity))
    }

    /// The next item with its `@odata.etag`.
    pub async fn next_with_etag(&mut self) -> Option<Result<(E, Option<String>), Error>> {
        loop {
            if let Some(item) = self.buffer.pop_front() {
                return Some(Ok(item));
            }
            let page = match self.pages.next().await? {
                Ok(page) => page,
                Err(err) => return Some(Err(err)),
            };
            self.buffer.extend(page.items.into_iter().zip(page.etags));
        }
    }

    /// The pager underneath: where the list would resume ([`Pages::next_link`]).
    pub fn pages(&self) -> &Pages<E> {
        &self.pages
    }
}
