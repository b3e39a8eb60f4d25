//! What generated `Deserialize` impls call: reading an object property by property, so that every
//! error names the property at fault (`property `correlationId`: invalid Edm.Guid …`), and the
//! strict reading of change sets.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess};
use serde::Deserialize;

use crate::complex::Object;
use crate::slot::Slot;

/// A property name read as a map key, borrowed from the input when it can be.
pub struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> de::Visitor<'de> for Visitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a property name")
            }
            fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(value)))
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(value.to_owned())))
            }
            fn visit_string<E: de::Error>(self, value: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(value)))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

/// Deserializes a `T`, prefixing any error with the property's name.
struct Named<T> {
    wire: &'static str,
    marker: PhantomData<T>,
}

impl<T> Named<T> {
    fn new(wire: &'static str) -> Self {
        Named {
            wire,
            marker: PhantomData,
        }
    }
}

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for Named<T> {
    type Value = T;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        T::deserialize(deserializer)
            .map_err(|err| de::Error::custom(format_args!("property `{}`: {err}", self.wire)))
    }
}

/// Reads the value of property `wire` into `slot`; a second occurrence is an error.
pub fn property<'de, A, T>(
    map: &mut A,
    slot: &mut Option<T>,
    wire: &'static str,
) -> Result<(), A::Error>
where
    A: MapAccess<'de>,
    T: Deserialize<'de>,
{
    if slot.is_some() {
        return Err(de::Error::duplicate_field(wire));
    }
    *slot = Some(map.next_value_seed(Named::new(wire))?);
    Ok(())
}

/// The value of a property that must be present.
pub fn required<T, E: de::Error>(slot: Option<T>, wire: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(wire))
}

/// Skips the value of a property the type does not know (Graph adds properties over time).
pub fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(drop)
}

/// Reads property `wire` of a change set: `null` clears it when `nullable`.
pub fn patch_slot<'de, A, T>(
    map: &mut A,
    slot: &mut Slot<T>,
    wire: &'static str,
    nullable: bool,
) -> Result<(), A::Error>
where
    A: MapAccess<'de>,
    T: Deserialize<'de>,
{
    if slot.is_set() {
        return Err(de::Error::duplicate_field(wire));
    }
    match map.next_value_seed(Named::<Option<T>>::new(wire))? {
        Some(value) => slot.set(value),
        None if nullable => slot.set_null(),
        None => {
            return Err(de::Error::custom(format_args!(
                "property `{wire}` cannot be null"
            )))
        }
    }
    Ok(())
}

/// Reads a change set's `@odata.type`, which must name its entity (`#` optional).
pub fn patch_odata_type<'de, A: MapAccess<'de>>(
    map: &mut A,
    odata_type: &'static str,
) -> Result<(), A::Error> {
    let value: Cow<'de, str> = map.next_value::<Key<'de>>().map(|k| k.0)?;
    if value.strip_prefix('#').unwrap_or(&value) == odata_type {
        Ok(())
    } else {
        Err(de::Error::custom(format_args!(
            "the change set is for #{odata_type}, not {value}"
        )))
    }
}

/// The error for a key a change set cannot hold.
pub fn patch_unknown<E: de::Error>(entity: &str, key: &str, read_only: bool) -> E {
    if read_only {
        E::custom(format_args!(
            "property `{key}` of {entity} is read-only: a change set cannot hold it"
        ))
    } else {
        E::custom(format_args!("{entity} has no property `{key}`"))
    }
}

/// Decodes a buffered object as `T`.
pub fn from_object<T: DeserializeOwned, E: de::Error>(object: Object) -> Result<T, E> {
    T::deserialize(serde_json::Value::Object(object)).map_err(E::custom)
}
