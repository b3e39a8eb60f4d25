//! What differs between an entity as Graph holds it and a desired state: [`diff`] keeps the set
//! slots of a change set whose value is not already there, compared as Graph means the values.
//!
//! # How values are compared
//!
//! Each value is serialized twice: as JSON for the wire, and through a comparison serializer
//! that is not human-readable, to which every Edm type writes its *value* instead of its
//! spelling — a `DateTimeOffset` its instant (`…T00:00:00-08:00` equals `…T08:00:00Z`), a
//! `Duration` its length (`PT1H` equals `PT60M`), a `TimeOfDay` its time, a `Single` its `f32`,
//! a flags value its set of members, a `Guid` its bytes. Numbers compare exactly (no epsilon;
//! every NaN is one value, `-0` is `0`), strings and enum members by their text. Complex values
//! and collections compare whole, each part by the same rules, since a PATCH replaces them
//! whole. The comparison goes through serde rather than `PartialEq`, whose derived forms keep
//! spelling (`DateTimeOffset` remembers its digits) or break reflexivity (`NaN != NaN`), and
//! rather than the JSON text, which cannot tell an `Edm.String` that looks like a date from a
//! `DateTimeOffset`: the type itself says what its value is, so the rule holds for every Edm
//! type, including those a complex value nests.

use std::collections::BTreeMap;
use std::fmt;

use serde::ser::{self, Serialize};
use serde_json::value::RawValue;

use crate::metadata::{ChangeSet, GraphEntity};

/// The set slots of `desired` whose value differs from `current`'s: what a PATCH must send to
/// make `current` what `desired` says. A `null` slot stays only where `current` holds a value;
/// an empty result means `current` is already as desired.
///
/// ```
/// use graphpatch::prelude::*;
/// use graphpatch::diff;
/// # #[graph_entity(odata_type = "microsoft.graph.deviceCategory", version = "beta",
/// #   path = "/deviceManagement/deviceCategories/{deviceCategoryId}",
/// #   permissions(delegated_work = ["DeviceManagementManagedDevices.ReadWrite.All"],
/// #     delegated_personal = unsupported, application = unsupported))]
/// # pub struct DeviceCategory {
/// #     #[graph(read_only)] pub id: String,
/// #     pub display_name: Option<String>,
/// #     pub description: Option<String>,
/// #     pub last_seen: Option<DateTimeOffset>,
/// # }
/// let current = DeviceCategory {
///     id: "c1".into(),
///     display_name: Some("Kiosks".into()),
///     description: None,
///     last_seen: Some("2017-01-01T00:00:00-08:00".parse().unwrap()),
/// };
/// let desired = DeviceCategoryPatch::new()
///     .display_name("Kiosks")                         // already so
///     .clear_description()                            // already null
///     .last_seen("2017-01-01T08:00:00.000Z".parse::<DateTimeOffset>().unwrap()); // same instant
/// assert!(diff(&current, &desired).is_empty());
///
/// let renamed = DeviceCategoryPatch::new().display_name("Tills").clear_description();
/// let sent = diff(&current, &renamed);
/// assert_eq!(serde_json::to_string(&sent).unwrap(), r##"{"@odata.type":"#microsoft.graph.deviceCategory","displayName":"Tills"}"##);
/// ```
pub fn diff<E: GraphEntity>(current: &E, desired: &E::Patch) -> E::Patch {
    if desired.is_empty() {
        return E::Patch::default();
    }
    let (Ok(Canon::Map(wanted)), Ok(Canon::Map(held))) = (canonical(desired), canonical(current))
    else {
        // Not an object (no generated type does this): sending everything is always right.
        return desired.clone();
    };
    let differing: Vec<&str> = wanted
        .iter()
        .filter(|(key, _)| *key != "@odata.type")
        .filter(|(key, value)| held.get(*key).unwrap_or(&Canon::Null) != *value)
        .map(|(key, _)| key.as_str())
        .collect();
    if differing.is_empty() {
        return E::Patch::default();
    }
    if differing.len() == desired.len() {
        return desired.clone();
    }
    keep_only(desired, &differing).unwrap_or_else(|| desired.clone())
}

/// The wire names of the set slots of a change set, in the order it writes them.
pub(crate) fn set_wire_names<P: Serialize>(changes: &P) -> Vec<String> {
    match canonical(changes) {
        Ok(Canon::Map(map)) => map.into_keys().filter(|k| k != "@odata.type").collect(),
        _ => Vec::new(),
    }
}

/// `changes` with only the properties `keep` (and its `@odata.type`), through its own strict
/// `Deserialize`: a subset of what it wrote always reads back.
fn keep_only<P: ChangeSet>(changes: &P, keep: &[&str]) -> Option<P> {
    let json = serde_json::to_string(changes).ok()?;
    let entries: Vec<(String, Box<RawValue>)> = serde_json::from_str::<Entries>(&json).ok()?.0;
    let mut out = String::with_capacity(json.len());
    out.push('{');
    for (key, value) in entries
        .iter()
        .filter(|(key, _)| key == "@odata.type" || keep.contains(&key.as_str()))
    {
        if out.len() > 1 {
            out.push(',');
        }
        out.push_str(&serde_json::to_string(key).ok()?);
        out.push(':');
        out.push_str(value.get());
    }
    out.push('}');
    serde_json::from_str(&out).ok()
}

/// A JSON object's entries in their order, values kept as written.
struct Entries(Vec<(String, Box<RawValue>)>);

impl<'de> serde::Deserialize<'de> for Entries {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Entries;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Entries, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }
        deserializer.deserialize_map(Visitor)
    }
}

/// A value as the comparison serializer sees it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Canon {
    Null,
    Bool(bool),
    Int(i128),
    /// A float's bits, NaN and `-0` made one value each.
    Float(u64),
    Str(String),
    Bytes(Vec<u8>),
    Seq(Vec<Canon>),
    /// Keys sorted: object key order is not part of a value.
    Map(BTreeMap<String, Canon>),
}

/// `value` through the comparison serializer.
pub(crate) fn canonical<T: Serialize + ?Sized>(value: &T) -> Result<Canon, CanonError> {
    value.serialize(Canonical)
}

/// Why a value could not be compared (a map key that is not a string).
#[derive(Debug)]
pub(crate) struct CanonError(String);

impl fmt::Display for CanonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CanonError {}

impl ser::Error for CanonError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        CanonError(msg.to_string())
    }
}

fn float(value: f64) -> Canon {
    if value.is_nan() {
        Canon::Float(f64::NAN.to_bits())
    } else if value == 0.0 {
        Canon::Float(0f64.to_bits())
    } else {
        Canon::Float(value.to_bits())
    }
}

/// The comparison serializer: not human-readable, so Edm types write their values.
struct Canonical;

struct SeqBuilder(Vec<Canon>);
struct MapBuilder {
    map: BTreeMap<String, Canon>,
    key: Option<String>,
}
struct VariantBuilder<B> {
    variant: &'static str,
    inner: B,
}

impl ser::Serializer for Canonical {
    type Ok = Canon;
    type Error = CanonError;
    type SerializeSeq = SeqBuilder;
    type SerializeTuple = SeqBuilder;
    type SerializeTupleStruct = SeqBuilder;
    type SerializeTupleVariant = VariantBuilder<SeqBuilder>;
    type SerializeMap = MapBuilder;
    type SerializeStruct = MapBuilder;
    type SerializeStructVariant = VariantBuilder<MapBuilder>;

    fn is_human_readable(&self) -> bool {
        false
    }
    fn serialize_bool(self, v: bool) -> Result<Canon, CanonError> {
        Ok(Canon::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<Canon, CanonError> {
        Ok(Canon::Int(v.into()))
    }
    fn serialize_i16(self, v: i16) -> Result<Canon, CanonError> {
        Ok(Canon::Int(v.into()))
    }
    fn serialize_i32(self, v: i32) -> Result<Canon, CanonError> {
        Ok(Canon::Int(v.into()))
    }
    fn serialize_i64(self, v: i64) -> Result<Canon, CanonError> {
        Ok(Canon::Int(v.into()))
    }
    fn serialize_i128(self, v: i128) -> Result<Canon, CanonError> {
        Ok(Canon::Int(v))
    }
    fn serialize_u8(self, v: u8) -> Result<Canon, CanonError> {
        Ok(Canon::Int(v.into()))
    }
    fn serialize_u16(self, v: u16) -> Result<Canon, CanonError> {
        Ok(Canon::Int(v.into()))
    }
    fn serialize_u32(self, v: u32) -> Result<Canon, CanonError> {
        Ok(Canon::Int(v.into()))
    }
    fn serialize_u64(self, v: u64) -> Result<Canon, CanonError> {
        Ok(Canon::Int(v.into()))
    }
    fn serialize_u128(self, v: u128) -> Result<Canon, CanonError> {
        i128::try_from(v)
            .map(Canon::Int)
            .or_else(|_| Ok(Canon::Str(v.to_string())))
    }
    fn serialize_f32(self, v: f32) -> Result<Canon, CanonError> {
        Ok(float(v.into()))
    }
    fn serialize_f64(self, v: f64) -> Result<Canon, CanonError> {
        Ok(float(v))
    }
    fn serialize_char(self, v: char) -> Result<Canon, CanonError> {
        Ok(Canon::Str(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Result<Canon, CanonError> {
        Ok(Canon::Str(v.to_owned()))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Canon, CanonError> {
        Ok(Canon::Bytes(v.to_vec()))
    }
    fn serialize_none(self) -> Result<Canon, CanonError> {
        Ok(Canon::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Canon, CanonError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Canon, CanonError> {
        Ok(Canon::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Canon, CanonError> {
        Ok(Canon::Null)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Canon, CanonError> {
        Ok(Canon::Str(variant.to_owned()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<Canon, CanonError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Canon, CanonError> {
        Ok(Canon::Map(BTreeMap::from([(
            variant.to_owned(),
            value.serialize(self)?,
        )])))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<SeqBuilder, CanonError> {
        Ok(SeqBuilder(Vec::with_capacity(len.unwrap_or(0))))
    }
    fn serialize_tuple(self, len: usize) -> Result<SeqBuilder, CanonError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<SeqBuilder, CanonError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<VariantBuilder<SeqBuilder>, CanonError> {
        Ok(VariantBuilder {
            variant,
            inner: self.serialize_seq(Some(len))?,
        })
    }
    fn serialize_map(self, _: Option<usize>) -> Result<MapBuilder, CanonError> {
        Ok(MapBuilder {
            map: BTreeMap::new(),
            key: None,
        })
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<MapBuilder, CanonError> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<VariantBuilder<MapBuilder>, CanonError> {
        Ok(VariantBuilder {
            variant,
            inner: self.serialize_map(Some(len))?,
        })
    }
}

impl ser::SerializeSeq for SeqBuilder {
    type Ok = Canon;
    type Error = CanonError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), CanonError> {
        self.0.push(value.serialize(Canonical)?);
        Ok(())
    }
    fn end(self) -> Result<Canon, CanonError> {
        Ok(Canon::Seq(self.0))
    }
}

impl ser::SerializeTuple for SeqBuilder {
    type Ok = Canon;
    type Error = CanonError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), CanonError> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Canon, CanonError> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for SeqBuilder {
    type Ok = Canon;
    type Error = CanonError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), CanonError> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Canon, CanonError> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleVariant for VariantBuilder<SeqBuilder> {
    type Ok = Canon;
    type Error = CanonError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), CanonError> {
        ser::SerializeSeq::serialize_element(&mut self.inner, value)
    }
    fn end(self) -> Result<Canon, CanonError> {
        let inner = ser::SerializeSeq::end(self.inner)?;
        Ok(Canon::Map(BTreeMap::from([(
            self.variant.to_owned(),
            inner,
        )])))
    }
}

impl ser::SerializeMap for MapBuilder {
    type Ok = Canon;
    type Error = CanonError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), CanonError> {
        match key.serialize(Canonical)? {
            Canon::Str(key) => {
                self.key = Some(key);
                Ok(())
            }
            other => Err(CanonError(format!(
                "a map key that is not a string: {other:?}"
            ))),
        }
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), CanonError> {
        let key = self
            .key
            .take()
            .ok_or_else(|| CanonError("a map value without its key".into()))?;
        self.map.insert(key, value.serialize(Canonical)?);
        Ok(())
    }
    fn end(self) -> Result<Canon, CanonError> {
        Ok(Canon::Map(self.map))
    }
}

impl ser::SerializeStruct for MapBuilder {
    type Ok = Canon;
    type Error = CanonError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), CanonError> {
        self.map.insert(key.to_owned(), value.serialize(Canonical)?);
        Ok(())
    }
    fn end(self) -> Result<Canon, CanonError> {
        Ok(Canon::Map(self.map))
    }
}

impl ser::SerializeStructVariant for VariantBuilder<MapBuilder> {
    type Ok = Canon;
    type Error = CanonError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), CanonError> {
        ser::SerializeStruct::serialize_field(&mut self.inner, key, value)
    }
    fn end(self) -> Result<Canon, CanonError> {
        let inner = ser::SerializeStruct::end(self.inner)?;
        Ok(Canon::Map(BTreeMap::from([(
            self.variant.to_owned(),
            inner,
        )])))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DateTimeOffset, Double, Duration, Single, TimeOfDay};

    fn same<T: Serialize>(a: &T, b: &T) -> bool {
        canonical(a).unwrap() == canonical(b).unwrap()
    }

    #[test]
    fn values_compare_as_graph_means_them() {
        let t = |s: &str| s.parse::<DateTimeOffset>().unwrap();
        assert!(same(
            &t("2017-01-01T00:02:58.4418045-08:00"),
            &t("2017-01-01T08:02:58.441804500Z")
        ));
        assert!(!same(
            &t("2017-01-01T00:02:58-08:00"),
            &t("2017-01-01T00:02:58Z")
        ));
        let d = |s: &str| s.parse::<Duration>().unwrap();
        assert!(same(&d("PT1H"), &d("PT60M")));
        assert!(same(&d("P1D"), &d("PT24H")));
        assert!(!same(&d("PT1H"), &d("-PT1H")));
        let tod = |s: &str| s.parse::<TimeOfDay>().unwrap();
        assert!(same(&tod("12:00"), &tod("12:00:00.0000000")));
        assert!(same(&Double(f64::NAN), &Double(f64::NAN)));
        assert!(same(&Double(0.0), &Double(-0.0)));
        assert!(
            !same(&Double(0.1 + 0.2), &Double(0.3)),
            "exactly, no epsilon"
        );
        let read: Single = serde_json::from_str("1.1").unwrap();
        assert!(same(&Single::from(1.1f32), &read));
        // A string that looks like a date is a string.
        assert!(!same(&"2017-01-01T00:00:00Z", &"2017-01-01T00:00:00+00:00"));
        // Absent and null are one.
        assert!(same(&Option::<i32>::None, &Option::<i32>::None));
        assert_eq!(canonical(&()).unwrap(), Canon::Null);
    }
}
