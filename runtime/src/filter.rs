//! `$filter` expressions: [`Filter`], built by [`graph_filter!`](crate::graph_filter) with its
//! property names checked at compile time, or from a raw string; and the literal encoding each
//! Edm type gets ([`FilterLiteral`]).
//!
//! | Rust type | literal |
//! |---|---|
//! | `String`, `&str` | `'it''s'`: single quotes, a quote inside doubled |
//! | a [`graph_enum`](crate::graph_enum) | its member as a string, `'scriptError'` |
//! | `bool` | `true`, `false` |
//! | integers | bare: `42`, `-7` |
//! | [`Double`], [`Single`] | bare: `6.5`, `1e-7`; `NaN`, `INF`, `-INF` |
//! | [`Guid`] | bare: `52effe71-fe71-52ef-71fe-ef5271feef52` |
//! | [`DateTimeOffset`] | bare: `2017-01-01T00:02:58.4418045-08:00` |
//! | [`Date`], [`TimeOfDay`] | bare: `2016-12-31`, `12:00:05.5020000` |
//! | [`Duration`] | `duration'P1DT2H'` |
//! | [`Binary`] | `binary'AQID'` |
//! | `null` | `null` (for an `Option` property only) |

use std::fmt;
use std::marker::PhantomData;

use crate::edm::{Binary, Date, DateTimeOffset, Double, Duration, Guid, Single, TimeOfDay};
use crate::metadata::{GraphEntity, GraphEnum};

/// A `$filter` expression over the properties of `E`.
///
/// ```
/// use graphpatch::prelude::*;
/// use graphpatch::filter::Filter;
/// # #[graph_enum] pub enum RunState { Unknown, Success, Fail }
/// # #[graph_entity(odata_type = "microsoft.graph.deviceManagementScriptDeviceState", version = "beta",
/// #   path = "/deviceManagement/deviceManagementScripts/{deviceManagementScriptId}/deviceRunStates/{deviceManagementScriptDeviceStateId}",
/// #   permissions(delegated_work = ["DeviceManagementManagedDevices.ReadWrite.All"],
/// #     delegated_personal = unsupported, application = unsupported))]
/// # pub struct State { #[graph(read_only)] pub id: String, pub run_state: RunState,
/// #   pub result_message: Option<String>, pub error_code: i32 }
/// let failed = graph_filter!(State: run_state eq RunState::Fail and not (result_message eq null));
/// assert_eq!(failed.as_str(), "runState eq 'fail' and not (resultMessage eq null)");
///
/// let prefix = "it's";
/// let named = graph_filter!(State: startswith(result_message, prefix) or error_code in (1, 2));
/// assert_eq!(named.as_str(), "startswith(resultMessage, 'it''s') or errorCode in (1, 2)");
///
/// // What the macro cannot say (lambda operators, functions it does not know), raw:
/// let raw = Filter::<State>::raw("contains(resultMessage, 'timeout')");
/// assert_eq!(raw.to_string(), "contains(resultMessage, 'timeout')");
/// ```
pub struct Filter<E> {
    text: String,
    entity: PhantomData<fn() -> E>,
}

impl<E: GraphEntity> Filter<E> {
    /// A filter written by hand, sent as it is: nothing checks it.
    pub fn raw(text: impl Into<String>) -> Self {
        Filter {
            text: text.into(),
            entity: PhantomData,
        }
    }

    /// The expression, as sent in `$filter`.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Both filters: `(a) and (b)`.
    #[must_use]
    pub fn and(self, other: Filter<E>) -> Self {
        Filter::raw(format!("({}) and ({})", self.text, other.text))
    }

    /// Either filter: `(a) or (b)`.
    #[must_use]
    pub fn or(self, other: Filter<E>) -> Self {
        Filter::raw(format!("({}) or ({})", self.text, other.text))
    }
}

impl<E> Clone for Filter<E> {
    fn clone(&self) -> Self {
        Filter {
            text: self.text.clone(),
            entity: PhantomData,
        }
    }
}

impl<E> fmt::Debug for Filter<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Filter").field(&self.text).finish()
    }
}

impl<E> fmt::Display for Filter<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// A value written as an OData literal in a `$filter` (see the [module](self) table).
///
/// ```
/// use graphpatch::filter::FilterLiteral;
/// let mut out = String::new();
/// "O'Neil – Zoë".write_literal(&mut out);
/// assert_eq!(out, "'O''Neil – Zoë'");
/// ```
pub trait FilterLiteral {
    /// Appends the literal to `out`.
    fn write_literal(&self, out: &mut String);
}

/// The type of a property a `$filter` can compare: what `graph_filter!` requires of a field,
/// with the literal type its values convert into (`T` for an `Option<T>` field).
#[diagnostic::on_unimplemented(
    message = "a property of type `{Self}` cannot be compared in a `$filter`",
    label = "not a primitive or enum property",
    note = "collections are filtered with lambda operators (`any`, `all`) and complex values by their own properties: write such a filter with `Filter::raw`"
)]
pub trait FilterOperand {
    /// The type a literal compared with the property converts into.
    type Literal: FilterLiteral;
}

/// A property type `startswith` applies to: text.
#[diagnostic::on_unimplemented(
    message = "`startswith` needs a text property, and this one is `{Self}`",
    label = "not an `Edm.String` property"
)]
pub trait TextOperand: FilterOperand {}

impl TextOperand for String {}
impl<T: TextOperand> TextOperand for Option<T> {}

fn quoted(text: &str, out: &mut String) {
    out.push('\'');
    for c in text.chars() {
        if c == '\'' {
            out.push('\'');
        }
        out.push(c);
    }
    out.push('\'');
}

impl FilterLiteral for str {
    fn write_literal(&self, out: &mut String) {
        quoted(self, out);
    }
}

impl FilterLiteral for String {
    fn write_literal(&self, out: &mut String) {
        quoted(self, out);
    }
}

impl<T: FilterOperand> FilterOperand for Option<T> {
    type Literal = T::Literal;
}

impl FilterOperand for String {
    type Literal = String;
}

/// Types written bare, by their `Display`.
macro_rules! bare {
    ($($ty:ty),*) => {$(
        impl FilterLiteral for $ty {
            fn write_literal(&self, out: &mut String) {
                use std::fmt::Write as _;
                let _ = write!(out, "{self}");
            }
        }
        impl FilterOperand for $ty {
            type Literal = $ty;
        }
    )*};
}

bare!(
    bool,
    i8,
    i16,
    i32,
    i64,
    u8,
    u16,
    u32,
    u64,
    Double,
    Single,
    Guid,
    DateTimeOffset,
    Date,
    TimeOfDay
);

impl FilterLiteral for Duration {
    fn write_literal(&self, out: &mut String) {
        out.push_str("duration");
        quoted(&self.to_string(), out);
    }
}

impl FilterOperand for Duration {
    type Literal = Duration;
}

impl FilterLiteral for Binary {
    fn write_literal(&self, out: &mut String) {
        out.push_str("binary");
        quoted(&self.to_string(), out);
    }
}

impl FilterOperand for Binary {
    type Literal = Binary;
}

/// An enum member, as Graph takes it in a filter: its name as a string.
impl<T: GraphEnum> FilterLiteral for T {
    fn write_literal(&self, out: &mut String) {
        quoted(self.as_str(), out);
    }
}

// `FilterOperand` for an enum is implemented by `#[graph_enum]`: a blanket impl over
// `GraphEnum` would make a property that is neither (a collection) report "not a GraphEnum".
