//! Flags enums: several members in one comma-separated string.

use std::fmt;

use crate::metadata::GraphEnum;

/// A Graph enum whose members combine (`IsFlags` in the metadata): `#[graph_enum(flags)]`
/// implements it, and only such an enum fits in [`Flags`].
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a flags enum",
    label = "its members do not combine",
    note = "declare the enum with `#[graph_enum(flags)]` if Graph marks it `IsFlags`"
)]
pub trait FlagEnum: GraphEnum {}

/// A value of a flags enum: members written as one comma-separated string, `"value1,value3"`.
///
/// Members keep their order and unknown members are kept, so a value read from Graph is written
/// back unchanged.
///
/// ```
/// use graphpatch::prelude::*;
/// use graphpatch::Flags;
///
/// #[graph_enum(flags)]
/// pub enum KeyUsages { KeyEncipherment, DigitalSignature }
///
/// let both = Flags::from([KeyUsages::KeyEncipherment, KeyUsages::DigitalSignature]);
/// assert_eq!(serde_json::to_string(&both).unwrap(), r#""keyEncipherment,digitalSignature""#);
/// let read: Flags<KeyUsages> = serde_json::from_str(r#""digitalSignature,futureUsage""#).unwrap();
/// assert!(read.contains(&KeyUsages::DigitalSignature));
/// assert_eq!(read.to_string(), "digitalSignature,futureUsage");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Flags<E: FlagEnum>(pub Vec<E>);

impl<E: FlagEnum> Default for Flags<E> {
    fn default() -> Self {
        Flags(Vec::new())
    }
}

impl<E: FlagEnum + PartialEq> Flags<E> {
    /// Whether `member` is set.
    pub fn contains(&self, member: &E) -> bool {
        self.0.contains(member)
    }

    /// The members, in written order.
    pub fn members(&self) -> &[E] {
        &self.0
    }
}

impl<E: FlagEnum> From<Vec<E>> for Flags<E> {
    fn from(members: Vec<E>) -> Self {
        Flags(members)
    }
}

impl<E: FlagEnum, const N: usize> From<[E; N]> for Flags<E> {
    fn from(members: [E; N]) -> Self {
        Flags(members.into())
    }
}

impl<E: FlagEnum> From<E> for Flags<E> {
    fn from(member: E) -> Self {
        Flags(vec![member])
    }
}

impl<E: FlagEnum> fmt::Display for Flags<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, member) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            f.write_str(member.as_str())?;
        }
        Ok(())
    }
}

impl<E: FlagEnum> serde::Serialize for Flags<E> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            return serializer.collect_str(self);
        }
        // A set of members: order and repeats do not change the value `diff` compares.
        let mut members: Vec<&str> = self.0.iter().map(|m| m.as_str()).collect();
        members.sort_unstable();
        members.dedup();
        serializer.collect_seq(members)
    }
}

impl<'de, E: FlagEnum> serde::Deserialize<'de> for Flags<E> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor<E>(std::marker::PhantomData<E>);
        impl<E: FlagEnum> serde::de::Visitor<'_> for Visitor<E> {
            type Value = Flags<E>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a comma-separated list of Graph enum members")
            }
            fn visit_str<Er: serde::de::Error>(self, value: &str) -> Result<Flags<E>, Er> {
                if value.is_empty() {
                    return Ok(Flags(Vec::new()));
                }
                Ok(Flags(value.split(',').map(E::from_wire).collect()))
            }
        }
        deserializer.deserialize_str(Visitor(std::marker::PhantomData))
    }
}
