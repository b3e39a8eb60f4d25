//! The Graph type system as the generator sees it: Edm primitives, references to named types,
//! and the definitions of enum and complex types, from the CSDL or from reference pages.

/// An Edm primitive type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Prim {
    /// `Edm.String`.
    String,
    /// `Edm.Boolean`.
    Boolean,
    /// `Edm.Byte`.
    Byte,
    /// `Edm.SByte`.
    SByte,
    /// `Edm.Int16`.
    Int16,
    /// `Edm.Int32`.
    Int32,
    /// `Edm.Int64`.
    Int64,
    /// `Edm.Single`.
    Single,
    /// `Edm.Double`.
    Double,
    /// `Edm.Decimal`: no exact Rust type in graphpatch; read as a Double.
    Decimal,
    /// `Edm.Guid`.
    Guid,
    /// `Edm.Binary`.
    Binary,
    /// `Edm.Date`.
    Date,
    /// `Edm.TimeOfDay`.
    TimeOfDay,
    /// `Edm.DateTimeOffset`.
    DateTimeOffset,
    /// `DateTime` (pages only): Graph writes it as a DateTimeOffset.
    DateTime,
    /// `Edm.Duration`.
    Duration,
    /// `Edm.Stream`: a string on the wire.
    Stream,
}

impl Prim {
    /// Parses `String`, `Edm.String`, `GUID`, … (case-insensitive).
    pub fn parse(name: &str) -> Option<Prim> {
        let name = name.trim();
        let name = name
            .strip_prefix("Edm.")
            .or_else(|| name.strip_prefix("edm."))
            .unwrap_or(name);
        Some(match name.to_ascii_lowercase().as_str() {
            "string" => Prim::String,
            "boolean" | "bool" => Prim::Boolean,
            "byte" => Prim::Byte,
            "sbyte" => Prim::SByte,
            "int16" => Prim::Int16,
            "int32" => Prim::Int32,
            "int64" => Prim::Int64,
            "single" => Prim::Single,
            "double" => Prim::Double,
            "decimal" => Prim::Decimal,
            "guid" => Prim::Guid,
            "binary" => Prim::Binary,
            "date" => Prim::Date,
            "timeofday" => Prim::TimeOfDay,
            "datetimeoffset" => Prim::DateTimeOffset,
            "datetime" => Prim::DateTime,
            "duration" => Prim::Duration,
            "stream" => Prim::Stream,
            _ => return None,
        })
    }

    /// The Rust type graphpatch reads and writes it as.
    pub fn rust(self) -> &'static str {
        match self {
            Prim::String | Prim::Stream => "String",
            Prim::Boolean => "bool",
            Prim::Byte => "u8",
            Prim::SByte => "i8",
            Prim::Int16 => "i16",
            Prim::Int32 => "i32",
            Prim::Int64 => "i64",
            Prim::Single => "graphpatch::Single",
            Prim::Double | Prim::Decimal => "graphpatch::Double",
            Prim::Guid => "graphpatch::Guid",
            Prim::Binary => "graphpatch::Binary",
            Prim::Date => "graphpatch::Date",
            Prim::TimeOfDay => "graphpatch::TimeOfDay",
            Prim::DateTimeOffset | Prim::DateTime => "graphpatch::DateTimeOffset",
            Prim::Duration => "graphpatch::Duration",
        }
    }
}

/// A property's type.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TypeRef {
    /// An Edm primitive.
    Prim(Prim),
    /// A named enum or complex type, by qualified name (`microsoft.graph.installIntent`).
    Named(String),
    /// A collection of the inner type.
    Collection(Box<TypeRef>),
}

impl TypeRef {
    /// The element type's name, if it is a named type.
    pub fn named(&self) -> Option<&str> {
        match self {
            TypeRef::Named(name) => Some(name),
            TypeRef::Collection(inner) => inner.named(),
            TypeRef::Prim(_) => None,
        }
    }
}

/// A property of a complex type.
#[derive(Debug, Clone, PartialEq)]
pub struct Property {
    /// Wire name.
    pub name: String,
    /// Its type, or why it is left out (an entity-typed navigation, an unsupported Edm type).
    pub ty: Result<TypeRef, String>,
    /// Description from the type's reference page, if any.
    pub description: Option<String>,
    /// Listed by the type's reference page but not by the CSDL (which is older than the pages).
    pub from_page: bool,
}

/// Where a definition came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The CSDL.
    Csdl,
    /// A reference page under `resources/` (relative to the docs root).
    Page(String),
}

/// What a named type is.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeDef {
    /// An enum type.
    Enum {
        /// Members in definition order, with descriptions where a page gives them.
        members: Vec<(String, Option<String>)>,
        /// `IsFlags="true"`.
        flags: bool,
        /// Where it came from.
        origin: Origin,
        /// A description.
        description: Option<String>,
    },
    /// A complex type.
    Complex {
        /// Every property, inherited ones (base first) included.
        properties: Vec<Property>,
        /// Its base type's qualified name.
        base: Option<String>,
        /// Every type derived from it, transitively, in definition order.
        derived: Vec<String>,
        /// Where it came from.
        origin: Origin,
        /// A description.
        description: Option<String>,
    },
    /// An entity type: properties of this type are navigations, which a PATCH cannot set.
    Entity,
}
