//! The typed model of a `#[graph_entity]` struct and a `#[graph_enum]` enum, borrowing the input
//! so that every error can be spanned on the user's own tokens.

use proc_macro2::Span;

use graphpatch_naming::template::Template;

/// A Graph API version, as written in the attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    Beta,
    V1,
}

/// One kind's permissions: `unsupported`, or scopes from least to most privileged.
#[derive(Debug, Clone)]
pub enum ScopeList {
    Unsupported,
    Scopes(Vec<syn::LitStr>),
}

/// The `permissions(...)` block.
#[derive(Debug, Clone)]
pub struct Permissions {
    pub delegated_work: ScopeList,
    pub delegated_personal: ScopeList,
    pub application: ScopeList,
}

/// A path template and the literal it came from.
pub struct PathAttr {
    pub template: Template,
    pub span: Span,
}

/// The parsed `#[graph_entity(...)]` arguments.
pub struct EntityAttr {
    pub odata_type: Option<syn::LitStr>,
    pub version: Option<Version>,
    pub paths: Vec<PathAttr>,
    pub permissions: Option<Permissions>,
    pub patch_odata_type: bool,
    /// The keys written, including those whose values were rejected (and reported), so that a
    /// rejected value is not reported again as a missing key.
    pub keys_given: Vec<String>,
}

impl EntityAttr {
    pub fn given(&self, key: &str) -> bool {
        self.keys_given.iter().any(|k| k == key)
    }
}

/// A field of an entity.
pub struct Field<'a> {
    pub ident: &'a syn::Ident,
    pub ty: &'a syn::Type,
    /// The JSON property name.
    pub wire: String,
    pub read_only: bool,
    /// `T` when the field is `Option<T>`: such a property may be set to `null`.
    pub option_inner: Option<&'a syn::Type>,
}

impl Field<'_> {
    /// The type a change set stores for this property: `T` for `Option<T>`.
    pub fn value_ty(&self) -> &syn::Type {
        self.option_inner.unwrap_or(self.ty)
    }

    /// The Rust name without a raw-identifier prefix, as `graph_patch!` users write it.
    pub fn name(&self) -> String {
        crate::case::unraw(self.ident)
    }
}

/// A `#[graph_entity]` struct.
pub struct Entity<'a> {
    pub item: &'a syn::ItemStruct,
    pub attr: EntityAttr,
    pub fields: Vec<Field<'a>>,
    /// Named fields with distinct wire names: what the generated impls need.
    pub fields_ok: bool,
}

/// A variant of a `#[graph_enum]`.
pub struct Variant<'a> {
    pub ident: &'a syn::Ident,
    pub wire: String,
}

/// A `#[graph_enum]` enum.
pub struct Enum<'a> {
    pub variants: Vec<Variant<'a>>,
}

/// `Some(T)` when `ty` is written `Option<T>` (also `std::option::Option<T>`).
pub fn option_inner(ty: &syn::Type) -> Option<&syn::Type> {
    let syn::Type::Path(path) = ty else {
        return None;
    };
    if path.qself.is_some() {
        return None;
    }
    let last = path.path.segments.last()?;
    if last.ident != "Option" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first() {
        Some(syn::GenericArgument::Type(inner)) if args.args.len() == 1 => Some(inner),
        _ => None,
    }
}
