//! The typed model of the input, built from syn by `from_syn`: a `#[graph_entity]` struct, a
//! `#[graph_complex]` struct or polymorphic enum, a `#[graph_enum]` enum. It borrows the input so
//! that every error can be spanned on the user's own tokens, and it holds what was written,
//! right or wrong: `valid.rs` decides what is wrong.

use proc_macro2::{Span, TokenStream};

use graphpatch_naming::template::Template;

use crate::attr::{self, FieldAttr};
use crate::case;
use crate::ctxt::Ctxt;
use crate::symbol::{COMPLEX_FIELD_KEYS, FIELD_KEYS, VARIANT_KEYS};

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
    /// The quoted scopes of the list; `key` is the kind, `written` how many elements the list
    /// has, quoted or not (those not quoted were reported).
    Scopes {
        key: syn::Path,
        scopes: Vec<syn::LitStr>,
        written: usize,
    },
}

/// A `permissions(...)` or `read_permissions(...)` block: each kind as written, in
/// `PERMISSION_KINDS` order; or `= unknown`, when no source knows the table.
#[derive(Debug, Clone)]
pub struct Permissions {
    /// The key, for an error about the whole block.
    pub key: syn::Path,
    pub kinds: [Option<ScopeList>; 3],
    /// Written as `= unknown` (then `kinds` are all `None`).
    pub unknown: bool,
}

/// A path template and the literal it came from.
pub struct PathAttr {
    pub template: Template,
    pub lit: syn::LitStr,
}

impl PathAttr {
    pub fn span(&self) -> Span {
        self.lit.span()
    }
}

/// The parsed `#[graph_entity(...)]` arguments.
pub struct EntityAttr {
    pub odata_type: Option<syn::LitStr>,
    pub version: Option<Version>,
    pub paths: Vec<PathAttr>,
    pub permissions: Option<Permissions>,
    /// The GET table, where it differs from the PATCH one.
    pub read_permissions: Option<Permissions>,
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

/// A named field of an entity or complex struct.
pub struct Field<'a> {
    pub original: &'a syn::Field,
    pub ident: &'a syn::Ident,
    pub ty: &'a syn::Type,
    /// The JSON property name: the rename, else the field's name in lowerCamel.
    pub wire: String,
    pub rename: Option<syn::LitStr>,
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
        case::unraw(self.ident)
    }
}

/// A `#[graph_entity]` struct.
pub struct Entity<'a> {
    pub item: &'a syn::ItemStruct,
    pub attr: EntityAttr,
    /// The named fields (none when the struct has no named fields).
    pub fields: Vec<Field<'a>>,
}

/// A `#[graph_complex]` struct.
pub struct Complex<'a> {
    pub item: &'a syn::ItemStruct,
    pub odata_type: Option<syn::LitStr>,
    pub fields: Vec<Field<'a>>,
}

/// A variant of a `#[graph_complex]` polymorphic enum.
pub struct ComplexVariant<'a> {
    pub original: &'a syn::Variant,
    pub ident: &'a syn::Ident,
    /// The complex type it wraps, when it is written `Variant(Type)`.
    pub ty: Option<&'a syn::Type>,
}

/// A `#[graph_complex]` polymorphic enum: one variant per derived type.
pub struct ComplexEnum<'a> {
    pub item: &'a syn::ItemEnum,
    pub odata_type: Option<syn::LitStr>,
    pub variants: Vec<ComplexVariant<'a>>,
}

/// What `#[graph_complex]` is on.
pub enum ComplexInput<'a> {
    Struct(Complex<'a>),
    Enum(ComplexEnum<'a>),
}

/// A member of a `#[graph_enum]`.
pub struct Variant<'a> {
    pub original: &'a syn::Variant,
    pub ident: &'a syn::Ident,
    /// The wire value: the rename, else the member's name in lowerCamel.
    pub wire: String,
    pub rename: Option<syn::LitStr>,
}

/// A `#[graph_enum]` enum.
pub struct Enum<'a> {
    pub item: &'a syn::ItemEnum,
    pub flags: bool,
    pub variants: Vec<Variant<'a>>,
}

impl<'a> Entity<'a> {
    /// The model of `item` under `#[graph_entity(args)]`; what cannot be parsed goes to `cx`.
    pub fn from_syn(cx: &Ctxt, args: TokenStream, item: &'a syn::ItemStruct) -> Self {
        Entity {
            attr: attr::entity_attr(cx, args),
            fields: fields(cx, item, FIELD_KEYS),
            item,
        }
    }
}

impl<'a> ComplexInput<'a> {
    /// The model of `item` under `#[graph_complex(args)]`, or `None` for an item that is
    /// neither a struct nor an enum (the arguments are read all the same).
    pub fn from_syn(cx: &Ctxt, args: TokenStream, item: Option<&'a syn::Item>) -> Option<Self> {
        let odata_type = attr::complex_attr(cx, args);
        match item? {
            syn::Item::Struct(item) => Some(ComplexInput::Struct(Complex {
                odata_type,
                fields: fields(cx, item, COMPLEX_FIELD_KEYS),
                item,
            })),
            syn::Item::Enum(item) => Some(ComplexInput::Enum(ComplexEnum {
                odata_type,
                variants: item
                    .variants
                    .iter()
                    .map(|variant| ComplexVariant {
                        original: variant,
                        ident: &variant.ident,
                        ty: match &variant.fields {
                            syn::Fields::Unnamed(unnamed) if unnamed.unnamed.len() == 1 => {
                                Some(&unnamed.unnamed[0].ty)
                            }
                            _ => None,
                        },
                    })
                    .collect(),
                item,
            })),
            _ => None,
        }
    }
}

impl<'a> Enum<'a> {
    /// The model of `item` under `#[graph_enum(args)]`.
    pub fn from_syn(cx: &Ctxt, args: TokenStream, item: &'a syn::ItemEnum) -> Self {
        let flags = attr::enum_attr(cx, args);
        let variants = item
            .variants
            .iter()
            .map(|variant| {
                let FieldAttr { rename, .. } = attr::graph_attrs(cx, &variant.attrs, VARIANT_KEYS);
                let wire = rename
                    .as_ref()
                    .map(syn::LitStr::value)
                    .unwrap_or_else(|| case::pascal_to_lower_camel(&case::unraw(&variant.ident)));
                Variant {
                    original: variant,
                    ident: &variant.ident,
                    wire,
                    rename,
                }
            })
            .collect();
        Enum {
            item,
            flags,
            variants,
        }
    }
}

/// The named fields of a struct, their `#[graph(...)]` options read with `keys` allowed.
fn fields<'a>(cx: &Ctxt, item: &'a syn::ItemStruct, keys: &[&str]) -> Vec<Field<'a>> {
    let syn::Fields::Named(named) = &item.fields else {
        return Vec::new();
    };
    named
        .named
        .iter()
        .map(|field| {
            let ident = field.ident.as_ref().expect("named field");
            let FieldAttr { read_only, rename } = attr::graph_attrs(cx, &field.attrs, keys);
            let wire = rename
                .as_ref()
                .map(syn::LitStr::value)
                .unwrap_or_else(|| case::snake_to_lower_camel(&case::unraw(ident)));
            Field {
                original: field,
                ident,
                ty: &field.ty,
                wire,
                rename,
                read_only,
                option_inner: option_inner(&field.ty),
            }
        })
        .collect()
}

/// `Some(T)` when `ty` is written `Option<T>` (also `std::option::Option<T>`).
fn option_inner(ty: &syn::Type) -> Option<&syn::Type> {
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
