//! What generated code needs: the names expansions of `#[graph_entity]`, `#[graph_complex]`,
//! `#[graph_enum]` and `graph_patch!` reach through `::graphpatch::__private`, the compile-time
//! checks `graph_patch!` evaluates (`call`, its entry points, over the checks that write the
//! messages in `check` and the const-fn toolkit in `text`) and the deserialization helpers of
//! generated `Deserialize` impls (`de`). Not a public API: it changes without notice.

mod call;
mod check;
mod de;
mod text;

pub use serde;

// Every runtime name an expansion uses, so generated code depends on this module alone.
pub use crate::complex::{GraphComplex, UnknownObject};
pub use crate::edm::FlagEnum;
pub use crate::metadata::{
    ApiVersion, ChangeSet, EntityPath, GraphEntity, GraphEnum, Permissions, Property, Scopes,
};
pub use crate::path::{PathTemplate, ResolvedPath, Segment};
pub use crate::request::PatchRequest;
pub use crate::slot::Slot;

pub use crate::filter::{FilterLiteral, FilterOperand};
pub use call::{patch_param, patch_property, patch_template};
pub use check::filter_property;
pub use de::{
    from_object, patch_odata_type, patch_slot, patch_unknown, property, required, skip, Key,
};
pub use text::Message;

pub use crate::complex::{object_type, Object};

/// The keys (`graphpatch_naming::name_key`) of an entity's names, on its change set type:
/// what a `graph_patch!` call site's constants compare the keys of the names it was given with.
pub trait PatchNames: ChangeSet {
    /// `graphpatch_naming::name_table` of the names in `GraphEntity::PROPERTIES`: each slot `0`
    /// or a property's index plus one.
    const TABLE: &'static [u16];
    /// The key of each property's name, in `GraphEntity::PROPERTIES` order.
    const KEYS: &'static [u128];
    /// For each template of `GraphEntity::PATHS`, the keys of its parameters' Rust names, in
    /// template order.
    const PARAMS: &'static [&'static [u128]];
    /// Whether the tables above fit the entity's metadata, and `TABLE`'s mask: evaluated once
    /// per entity, for the lookups of every call site.
    const MASK: Option<usize> = call::table_mask::<Self>();
}

/// `Self` again, once `I` is known: a `graph_patch!` call site reaches its change set's setters
/// through `<Patch as Checked<I>>::Out`, `I` the constant that checked the property, so that a
/// property the check refused (an erroneous constant) is reported once, by the check.
pub trait Checked<const I: usize> {
    /// `Self`.
    type Out: ?Sized;
}

impl<T: ?Sized, const I: usize> Checked<I> for T {
    type Out = T;
}

/// The Rust type of property number `I` (its index in `GraphEntity::PROPERTIES`), whatever it
/// is: what `graph_filter!` converts a compared value into.
pub trait PropertyType<const I: usize> {
    /// The field's type, `Option` included.
    type Type;
}

/// The filter `graph_filter!` wrote.
pub fn filter<E: GraphEntity>(text: String) -> crate::filter::Filter<E> {
    crate::filter::Filter::raw(text)
}

/// Compiles only for a property `startswith` applies to.
pub fn text_operand<T: crate::filter::TextOperand + ?Sized>() {}

/// A path from a generated `…Path` variant; the values come in template order.
pub fn resolved_path(template: &'static PathTemplate, values: Vec<String>) -> ResolvedPath {
    ResolvedPath::new(template, values).expect("generated paths match their templates")
}

/// A `graph_patch!` call being built: the values of its path parameters, in the caller's order
/// (they come first in the call, so they are taken first), and the change set its properties
/// are set on. One local at the call site rather than two: one value to drop should a
/// property's value panic, which spares the compiler an unwinding path at every call site.
pub struct PatchCall<P, const N: usize> {
    /// What the call site's setters fill.
    pub changes: P,
    values: [String; N],
}

/// A call of change set `P` that takes `values` for its path parameters and has set nothing
/// yet.
pub fn patch_call<P: ChangeSet, const N: usize>(values: [String; N]) -> PatchCall<P, N> {
    PatchCall {
        changes: Default::default(),
        values,
    }
}

/// The request `graph_patch!` builds from `call`, for the parameters `given` (their keys
/// `keys`) and `at`, which the call site's constants have checked address exactly one
/// template. The template and the order of the values are found here, when the request is
/// built, rather than in one more constant at each call site: a few key comparisons per request
/// against a constant's cost at every compile.
pub fn patch_request<E: GraphEntity, const N: usize>(
    keys: &[u128; N],
    given: &[&str; N],
    at: Option<&str>,
    call: PatchCall<E::Patch, N>,
) -> PatchRequest<E>
where
    E::Patch: PatchNames,
{
    let PatchCall {
        changes,
        mut values,
    } = call;
    let (template, order) = call::patch_route::<E::Patch, N>(keys, given, at);
    let values = order
        .iter()
        .map(|&i| std::mem::take(&mut values[i]))
        .collect();
    PatchRequest::from_resolved(resolved_path(&E::PATHS[template], values), changes)
}

/// Decodes a final answer as `GraphClient::execute` does: the entry point of the response
/// decoder's fuzz target and property tests. `status` is from 100 to 999.
pub fn decode_response<E: GraphEntity>(
    status: u16,
    body: &[u8],
) -> Result<crate::client::PatchResponse<E>, crate::Error> {
    let status = reqwest::StatusCode::from_u16(status).expect("a status from 100 to 999");
    crate::client::finish(status, body, None, String::new())
}

/// Deserializes a `#[graph_enum]` from a string, keeping unknown values.
pub fn deserialize_enum<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: crate::GraphEnum,
{
    struct Visitor<T>(std::marker::PhantomData<T>);
    impl<T: crate::GraphEnum> serde::de::Visitor<'_> for Visitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a Graph enum member name")
        }
        fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<T, E> {
            Ok(T::from_wire(value))
        }
        fn visit_string<E: serde::de::Error>(self, value: String) -> Result<T, E> {
            Ok(T::from_wire_owned(value))
        }
    }
    deserializer.deserialize_string(Visitor(std::marker::PhantomData))
}
