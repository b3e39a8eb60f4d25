//! Reading one entity: a `GET` that `$select`s the struct's properties, through the same attempt
//! loop, preflight (against the entity's read permissions) and error type as a PATCH.

use percent_encoding::{utf8_percent_encode, AsciiSet};
use serde::Deserialize;

use super::parse_url;
use super::send::{bearer, Answer, Call, Resend};
use super::shared::GraphClient;
use crate::error::{snippet, Error, RequestError};
use crate::metadata::{EntityPath, GraphEntity};
use crate::path::{ResolvedPath, SEGMENT};
use crate::retry::ThrottleObserver;

/// Bytes left as they are in a query value: those a path segment leaves (the unreserved ones)
/// and the punctuation OData expressions are made of (`,` `(` `)` `:`); spaces and everything
/// else are `%XX`, never `+`, which OData reads as a plus. (`'` too: the URL parser would encode
/// it in a query anyway.)
const QUERY_VALUE: &AsciiSet = &SEGMENT.remove(b',').remove(b'(').remove(b')').remove(b':');

/// Which properties a read asks Graph for.
///
/// ```
/// use graphpatch::client::Select;
/// assert_eq!(Select::default(), Select::Struct);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Select {
    /// `$select` of the struct's properties (their wire names): exactly what it decodes.
    #[default]
    Struct,
    /// No `$select`: every property Graph returns by default (those the struct does not know
    /// are ignored).
    All,
    /// `$select` of these wire names.
    Only(Vec<String>),
}

impl Select {
    /// The `$select` value, if any.
    pub(super) fn value<E: GraphEntity>(&self) -> Option<String> {
        match self {
            Select::Struct => Some(
                E::PROPERTIES
                    .iter()
                    .map(|p| p.wire)
                    .collect::<Vec<_>>()
                    .join(","),
            ),
            Select::All => None,
            Select::Only(wires) => Some(wires.join(",")),
        }
    }
}

/// An entity read from Graph, with what came with it.
#[derive(Debug, Clone)]
pub struct Fetched<E> {
    /// The entity.
    pub entity: E,
    /// Its `@odata.etag`, where Graph sent one: what a write sends as `If-Match`.
    pub etag: Option<String>,
    /// The `request-id` header.
    pub request_id: Option<String>,
    /// The `client-request-id` this client sent.
    pub client_request_id: String,
}

#[derive(Deserialize)]
pub(super) struct ETag {
    #[serde(rename = "@odata.etag")]
    pub etag: Option<String>,
}

impl GraphClient {
    /// Reads the entity at `path` with `$select` of its struct's properties.
    ///
    /// The request is sent as a PATCH is — token, preflight (against the entity's
    /// [`READ_PERMISSIONS`](GraphEntity::READ_PERMISSIONS)), retries, timeouts, deadline — and
    /// fails with the same [`Error`]; a missing entity is [`Error::is_not_found`]. A read
    /// changes nothing, whatever [`Error::may_have_been_applied`] says of its error.
    ///
    /// ```no_run
    /// # use graphpatch::prelude::*;
    /// # #[graph_entity(odata_type = "microsoft.graph.deviceCategory", version = "beta",
    /// #   path = "/deviceManagement/deviceCategories/{deviceCategoryId}",
    /// #   permissions(delegated_work = ["DeviceManagementManagedDevices.ReadWrite.All"],
    /// #     delegated_personal = unsupported, application = unsupported))]
    /// # pub struct DeviceCategory { #[graph(read_only)] pub id: String, pub display_name: Option<String> }
    /// # async fn run(client: GraphClient) -> Result<(), graphpatch::Error> {
    /// // GET /beta/deviceManagement/deviceCategories/c1?$select=id,displayName
    /// let path = DeviceCategoryPath::DeviceCategories { device_category_id: "c1".into() };
    /// match client.get(path).await {
    ///     Ok(category) => println!("{:?}", category.display_name),
    ///     Err(err) if err.is_not_found() => println!("no such category"),
    ///     Err(err) => return Err(err),
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn get<P: EntityPath>(&self, path: P) -> Result<P::Entity, Error> {
        Ok(self
            .read::<P::Entity>(&path.resolve(), &Select::Struct)
            .await?
            .entity)
    }

    /// Reads the entity at a resolved path with the properties `select` names, keeping its
    /// `@odata.etag` and correlation ids. See [`GraphClient::get`].
    pub async fn read<E: GraphEntity>(
        &self,
        path: &ResolvedPath,
        select: &Select,
    ) -> Result<Fetched<E>, Error> {
        self.read_observed(path, select, None).await
    }

    /// [`GraphClient::read`], telling `observer` of each `429` met.
    pub(super) async fn read_observed<E: GraphEntity>(
        &self,
        path: &ResolvedPath,
        select: &Select,
        observer: Option<&dyn ThrottleObserver>,
    ) -> Result<Fetched<E>, Error> {
        let mut url = self.version_root::<E>();
        path.render_into(&mut url).map_err(RequestError::Path)?;
        if let Some(select) = select.value::<E>() {
            push_query(&mut url, "$select", &select);
        }
        let (answer, client_request_id) = self
            .fetch::<E>(&url, path.template().template, false, observer)
            .await?;
        let entity: E = decoded::<E, E>(&answer, &client_request_id)?;
        let etag = serde_json::from_slice::<ETag>(&answer.body)
            .ok()
            .and_then(|t| t.etag);
        Ok(Fetched {
            entity,
            etag,
            request_id: answer.request_id,
            client_request_id,
        })
    }

    /// `{service root}/{version}`: where an entity's paths start.
    pub(super) fn version_root<E: GraphEntity>(&self) -> String {
        let mut url = String::with_capacity(self.inner.base_url.len() + 200);
        url.push_str(&self.inner.base_url);
        url.push('/');
        url.push_str(E::VERSION.as_str());
        url
    }

    /// One `GET` of `url` until it has a final answer: the read side of the attempt loop. The
    /// answer is not decoded; the second value is the `client-request-id` sent.
    pub(super) async fn fetch<E: GraphEntity>(
        &self,
        url: &str,
        template: &'static str,
        eventual: bool,
        observer: Option<&dyn ThrottleObserver>,
    ) -> Result<(Answer, String), Error> {
        let url = parse_url(url)?;
        let token = self.inner.token.token().await?;
        self.preflight_table::<E>(E::READ_PERMISSIONS, &token)?;
        let client_request_id = crate::random::request_id();
        let get = Resend::new(
            reqwest::Method::GET,
            url,
            None,
            bearer(&token)?,
            &client_request_id,
        );
        let resend = Resend { eventual, ..get };
        let call = Call {
            entity: E::NAME,
            template,
            client_request_id: &client_request_id,
            ends: std::time::Instant::now() + self.inner.deadline,
            read: true,
        };
        let answer = self.answer(resend, &call, observer).await?;
        Ok((answer, client_request_id))
    }
}

/// A read's answer decoded as `T`, errors judged against `E`'s read permissions; a success
/// without a body is a decode error (a read must return what it read).
pub(super) fn decoded<E: GraphEntity, T: serde::de::DeserializeOwned>(
    answer: &Answer,
    client_request_id: &str,
) -> Result<T, Error> {
    match super::decode::<T>(
        answer.status,
        &answer.body,
        answer.request_id.clone(),
        client_request_id,
        E::READ_PERMISSIONS,
    )? {
        Some(value) => Ok(value),
        None => Err(Error::Decode {
            status: answer.status,
            client_request_id: client_request_id.to_owned(),
            source: serde_json::from_slice::<serde::de::IgnoredAny>(b"")
                .expect_err("an empty body is not JSON"),
            snippet: snippet(&answer.body),
        }),
    }
}

/// Appends `key=value` to a URL's query, the value percent-encoded.
pub(super) fn push_query(url: &mut String, key: &str, value: &str) {
    url.push(if url.contains('?') { '&' } else { '?' });
    url.push_str(key);
    url.push('=');
    url.extend(utf8_percent_encode(value, QUERY_VALUE));
}
