//! The three-state slot a change set holds per writable property.

use serde::ser::SerializeMap;

/// One property of a change set: not sent, sent as `null`, or sent with a value.
///
/// ```
/// use graphpatch::Slot;
/// let mut slot = Slot::default();
/// assert!(!slot.is_set());
/// slot.set("Result Message value".to_owned());
/// assert_eq!(slot.value(), Some(&"Result Message value".to_owned()));
/// slot.set_null();
/// assert!(slot.is_null());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Slot<T> {
    /// Not part of the PATCH: Graph keeps its current value.
    #[default]
    Unset,
    /// Sent as JSON `null`: Graph clears the property.
    Null,
    /// Sent with this value.
    Value(T),
}

impl<T> Slot<T> {
    /// Sets a value.
    pub fn set(&mut self, value: T) {
        *self = Slot::Value(value);
    }

    /// Sets an explicit `null`.
    pub fn set_null(&mut self) {
        *self = Slot::Null;
    }

    /// Back to unset: the property is not sent.
    pub fn unset(&mut self) {
        *self = Slot::Unset;
    }

    /// Whether the property is sent (as a value or `null`).
    pub fn is_set(&self) -> bool {
        !matches!(self, Slot::Unset)
    }

    /// Whether the property is sent as `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Slot::Null)
    }

    /// The value, if one is set.
    pub fn value(&self) -> Option<&T> {
        match self {
            Slot::Value(value) => Some(value),
            Slot::Unset | Slot::Null => None,
        }
    }

    /// Writes `key: value` or `key: null` into a map; nothing when unset.
    #[doc(hidden)]
    pub fn serialize_entry<M: SerializeMap>(&self, key: &str, map: &mut M) -> Result<(), M::Error>
    where
        T: serde::Serialize,
    {
        match self {
            Slot::Unset => Ok(()),
            Slot::Null => map.serialize_entry(key, &()),
            Slot::Value(value) => map.serialize_entry(key, value),
        }
    }
}
