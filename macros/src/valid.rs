//! The Graph rules an annotated item must follow, checked on the typed model.

use crate::ast::{Entity, EntityAttr, Enum, Field, Variant};
use crate::attr;
use crate::case;
use crate::ctxt::Ctxt;
use crate::symbol::{
    COMPLEX_FIELD_KEYS, FIELD_KEYS, ODATA_TYPE, PATH, PERMISSIONS, VARIANT_KEYS, VERSION,
};

/// Builds the model of a `#[graph_entity]` struct, reporting what breaks the rules.
pub fn entity<'a>(cx: &Ctxt, attr: EntityAttr, item: &'a syn::ItemStruct) -> Entity<'a> {
    let call_site = proc_macro2::Span::call_site();
    match &attr.odata_type {
        None if attr.given(ODATA_TYPE) => {}
        None => cx.error_at(
            call_site,
            "missing `odata_type = \"microsoft.graph.…\"` (the type's name in the Graph docs)",
        ),
        Some(lit) => {
            if let Err(message) = graphpatch_naming::check_odata_type(&lit.value()) {
                cx.error_spanned_by(lit, message);
            }
        }
    }
    if !attr.given(VERSION) {
        cx.error_at(
            call_site,
            "missing `version = \"beta\"` or `version = \"v1.0\"`",
        );
    }
    if !attr.given(PATH) {
        cx.error_at(
            call_site,
            "missing `path = \"/…/{id}\"`: give each PATCH template of the docs' HTTP request section",
        );
    }
    if !attr.given(PERMISSIONS) {
        cx.error_at(
            call_site,
            "missing `permissions(delegated_work = […], delegated_personal = …, application = …)`",
        );
    }
    if !item.generics.params.is_empty() || item.generics.where_clause.is_some() {
        cx.error_spanned_by(&item.generics, "a Graph entity cannot be generic");
    }
    let (fields, fields_ok) = fields(cx, item, FIELD_KEYS, "#[graph_entity]");
    // A clash would make the generated impls fail too: report it alone.
    let fields_ok = fields_ok && check_generated_names(cx, &fields);
    Entity {
        item,
        attr,
        fields,
        fields_ok,
    }
}

/// Builds the model of a `#[graph_complex]` struct.
pub fn complex_struct<'a>(
    cx: &Ctxt,
    odata_type: Option<&syn::LitStr>,
    item: &'a syn::ItemStruct,
) -> (Vec<Field<'a>>, bool) {
    complex_odata_type(cx, odata_type);
    if !item.generics.params.is_empty() || item.generics.where_clause.is_some() {
        cx.error_spanned_by(&item.generics, "a Graph complex type cannot be generic");
    }
    fields(cx, item, COMPLEX_FIELD_KEYS, "#[graph_complex]")
}

/// Checks a `#[graph_complex]` polymorphic enum: each variant wraps one complex type.
pub fn complex_enum<'a>(
    cx: &Ctxt,
    odata_type: Option<&syn::LitStr>,
    item: &'a syn::ItemEnum,
) -> Vec<(&'a syn::Ident, &'a syn::Type)> {
    complex_odata_type(cx, odata_type);
    if !item.generics.params.is_empty() || item.generics.where_clause.is_some() {
        cx.error_spanned_by(&item.generics, "a Graph complex type cannot be generic");
    }
    reject_serde_attrs(cx, &item.attrs);
    if item.variants.is_empty() {
        cx.error_spanned_by(
            &item.ident,
            "a polymorphic complex type needs at least one variant, one per derived type",
        );
    }
    let mut variants = Vec::new();
    for variant in &item.variants {
        if variant.ident == "Unrecognized" {
            cx.error_spanned_by(
                &variant.ident,
                "`Unrecognized` is the variant graphpatch adds for derived types the enum does not list",
            );
        }
        match &variant.fields {
            syn::Fields::Unnamed(unnamed) if unnamed.unnamed.len() == 1 => {
                variants.push((&variant.ident, &unnamed.unnamed[0].ty));
            }
            _ => cx.error_spanned_by(
                variant,
                "each variant of a polymorphic complex type wraps one #[graph_complex] struct: `Variant(Type)`",
            ),
        }
    }
    variants
}

fn complex_odata_type(cx: &Ctxt, odata_type: Option<&syn::LitStr>) {
    match odata_type {
        None => cx.error_at(
            proc_macro2::Span::call_site(),
            "missing `odata_type = \"microsoft.graph.…\"` (the complex type's name in the Graph docs)",
        ),
        Some(lit) => {
            if let Err(message) = graphpatch_naming::check_odata_type(&lit.value()) {
                cx.error_spanned_by(lit, message);
            }
        }
    }
}

/// The named fields of an entity or complex struct; `false` when the generated impls cannot be
/// emitted for them (not named, or two share a wire name).
fn fields<'a>(
    cx: &Ctxt,
    item: &'a syn::ItemStruct,
    keys: &[&str],
    what: &str,
) -> (Vec<Field<'a>>, bool) {
    reject_serde_attrs(cx, &item.attrs);
    let mut fields = Vec::new();
    let mut fields_ok = true;
    match &item.fields {
        syn::Fields::Named(named) => {
            for field in &named.named {
                let ident = field.ident.as_ref().expect("named field");
                reject_serde_attrs(cx, &field.attrs);
                reject_bare_floats(cx, &field.ty);
                let options = attr::graph_attrs(cx, &field.attrs, keys);
                let wire = options
                    .rename
                    .as_ref()
                    .map(syn::LitStr::value)
                    .unwrap_or_else(|| case::snake_to_lower_camel(&case::unraw(ident)));
                if fields.iter().any(|f: &Field| f.wire == wire) {
                    cx.error_spanned_by(ident, format!("two fields have the wire name `{wire}`"));
                    fields_ok = false;
                }
                if wire.starts_with('@') {
                    cx.error_spanned_by(
                        ident,
                        "annotations such as `@odata.type` are written by graphpatch, not fields",
                    );
                }
                fields.push(Field {
                    ident,
                    ty: &field.ty,
                    wire,
                    read_only: options.read_only,
                    option_inner: crate::ast::option_inner(&field.ty),
                });
            }
        }
        _ => {
            cx.error_spanned_by(
                &item.ident,
                format!("{what} needs a struct with named fields, one per Graph property"),
            );
            fields_ok = false;
        }
    }
    (fields, fields_ok)
}

/// `f64` and `f32` would write NaN and the infinities as `null`, which clears the property in
/// Graph: the Edm float types write them as OData does.
fn reject_bare_floats(cx: &Ctxt, ty: &syn::Type) {
    fn visit(cx: &Ctxt, tokens: proc_macro2::TokenStream) {
        for token in tokens {
            match token {
                proc_macro2::TokenTree::Ident(ident) if ident == "f64" || ident == "f32" => {
                    let (edm, wrapper) = if ident == "f64" {
                        ("Edm.Double", "Double")
                    } else {
                        ("Edm.Single", "Single")
                    };
                    cx.error_spanned_by(
                        &ident,
                        format!(
                            "use `graphpatch::{wrapper}` for an {edm} property: a bare `{ident}` \
                             would send NaN and infinities as `null`, which clears the property"
                        ),
                    );
                }
                proc_macro2::TokenTree::Group(group) => visit(cx, group.stream()),
                _ => {}
            }
        }
    }
    visit(cx, quote::quote!(#ty));
}

/// The change set has a setter per writable property, `clear_…` for `Option` ones, and `new`:
/// a field whose name one of those would repeat is reported on the field. `false` if any is.
fn check_generated_names(cx: &Ctxt, fields: &[Field]) -> bool {
    let writable = || fields.iter().filter(|f| !f.read_only);
    let mut ok = true;
    for field in writable() {
        let name = field.name();
        let clashes_with_clear = writable()
            .any(|other| other.option_inner.is_some() && name == format!("clear_{}", other.name()));
        if name == "new" || clashes_with_clear {
            cx.error_spanned_by(
                field.ident,
                format!(
                    "the change set's `{name}` method is generated by graphpatch; rename this \
                     field and keep its wire name with #[graph(rename = \"{}\")]",
                    field.wire
                ),
            );
            ok = false;
        }
    }
    ok
}

/// graphpatch writes the serde impls of an entity; a serde attribute would change how it is
/// read but not how it is written.
fn reject_serde_attrs(cx: &Ctxt, attrs: &[syn::Attribute]) {
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        cx.error_spanned_by(
            attr,
            "graphpatch writes the serde impls itself; use #[graph(rename = \"…\")] for wire names",
        );
    }
}

/// Builds the model of a `#[graph_enum]` enum, reporting what breaks the rules.
pub fn graph_enum<'a>(cx: &Ctxt, item: &'a syn::ItemEnum) -> Enum<'a> {
    if !item.generics.params.is_empty() {
        cx.error_spanned_by(&item.generics, "a Graph enum cannot be generic");
    }
    if item.variants.is_empty() {
        cx.error_spanned_by(&item.ident, "a Graph enum needs at least one member");
    }
    let mut variants: Vec<Variant> = Vec::new();
    for variant in &item.variants {
        let options = attr::graph_attrs(cx, &variant.attrs, VARIANT_KEYS);
        if !matches!(variant.fields, syn::Fields::Unit) {
            cx.error_spanned_by(
                variant,
                "Graph enum members carry no data; unknown values are kept by graphpatch itself",
            );
        }
        if variant.ident == "Unrecognized" {
            cx.error_spanned_by(
                &variant.ident,
                "`Unrecognized` is the variant graphpatch adds for values the enum does not list; \
                 rename this member and give its wire name with #[graph(rename = \"…\")]",
            );
        }
        if variant.discriminant.is_some() {
            cx.error_spanned_by(
                variant,
                "Graph enum members are names: remove the discriminant",
            );
        }
        let wire = options
            .rename
            .as_ref()
            .map(syn::LitStr::value)
            .unwrap_or_else(|| case::pascal_to_lower_camel(&case::unraw(&variant.ident)));
        if variants.iter().any(|v| v.wire == wire) {
            cx.error_spanned_by(
                &variant.ident,
                format!("two members have the wire name `{wire}`"),
            );
        }
        variants.push(Variant {
            ident: &variant.ident,
            wire,
        });
    }
    Enum { variants }
}
