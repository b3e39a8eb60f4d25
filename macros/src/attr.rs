//! Parsing of the attribute arguments: `#[graph_entity(...)]`, `#[graph_complex(...)]`,
//! `#[graph_enum(...)]` and `#[graph(...)]` on fields and variants. Only what cannot be read is
//! reported here — unknown and duplicate keys (on the key itself), values of the wrong kind —
//! and parsing goes on so that one compile shows every mistake; whether what was read follows
//! the Graph rules is `valid.rs`'s business.

use proc_macro2::TokenStream;
use syn::meta::ParseNestedMeta;
use syn::parse::Parser;
use syn::LitStr;

use graphpatch_naming::template;

use crate::ast::{EntityAttr, PathAttr, Permissions, ScopeList, Version};
use crate::ctxt::Ctxt;
use crate::symbol::{self, *};

/// Parses `#[graph_entity(...)]`; problems go to `cx`, what could be read is returned.
pub fn entity_attr(cx: &Ctxt, args: TokenStream) -> EntityAttr {
    let mut attr = EntityAttr {
        odata_type: None,
        version: None,
        paths: Vec::new(),
        permissions: None,
        read_permissions: None,
        patch_odata_type: true,
        keys_given: Vec::new(),
    };
    let mut seen: Vec<String> = Vec::new();
    let parser = syn::meta::parser(|meta| {
        let key = key_of(&meta);
        if key != PATH && seen.contains(&key) {
            cx.error_spanned_by(&meta.path, format!("duplicate key `{key}`"));
            return skip_value(&meta);
        }
        seen.push(key.clone());
        match key.as_str() {
            ODATA_TYPE => attr.odata_type = lit_str(cx, &meta)?,
            VERSION => {
                let Some(lit) = lit_str(cx, &meta)? else {
                    return Ok(());
                };
                attr.version = match lit.value().as_str() {
                    "beta" => Some(Version::Beta),
                    "v1.0" => Some(Version::V1),
                    other => {
                        cx.error_spanned_by(
                            &lit,
                            format!("unknown Graph version `{other}`; expected `beta` or `v1.0`"),
                        );
                        None
                    }
                };
            }
            PATH => {
                let Some(lit) = lit_str(cx, &meta)? else {
                    return Ok(());
                };
                match template::parse(&lit.value()) {
                    Ok(template) => attr.paths.push(PathAttr { template, lit }),
                    Err(error) => cx.error_spanned_by(&lit, error),
                }
            }
            PATCH_ODATA_TYPE => match meta.value()?.parse::<syn::Expr>()? {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Bool(lit),
                    ..
                }) => attr.patch_odata_type = lit.value,
                other => cx.error_spanned_by(other, "expected `true` or `false`"),
            },
            PERMISSIONS => attr.permissions = permissions(cx, &meta)?,
            READ_PERMISSIONS => attr.read_permissions = permissions(cx, &meta)?,
            _ => {
                cx.error_spanned_by(
                    &meta.path,
                    format!(
                        "unknown graph_entity key `{key}`; expected {}",
                        symbol::one_of(ENTITY_KEYS)
                    ),
                );
                return skip_value(&meta);
            }
        }
        Ok(())
    });
    if let Err(err) = parser.parse2(args) {
        cx.syn_error(err);
    }
    attr.keys_given = seen;
    attr
}

/// Parses `#[graph_complex(odata_type = "…")]`: the type's name, if given and a string.
pub fn complex_attr(cx: &Ctxt, args: TokenStream) -> Option<LitStr> {
    let mut odata_type = None;
    let parser = syn::meta::parser(|meta| {
        let key = key_of(&meta);
        if key != ODATA_TYPE {
            cx.error_spanned_by(
                &meta.path,
                format!("unknown graph_complex key `{key}`; expected `{ODATA_TYPE}`"),
            );
            return skip_value(&meta);
        }
        if odata_type.is_some() {
            cx.error_spanned_by(&meta.path, format!("duplicate key `{key}`"));
            return skip_value(&meta);
        }
        odata_type = lit_str(cx, &meta)?;
        Ok(())
    });
    if let Err(err) = parser.parse2(args) {
        cx.syn_error(err);
    }
    odata_type
}

/// Parses `#[graph_enum]` or `#[graph_enum(flags)]`: whether the enum is a flags enum.
pub fn enum_attr(cx: &Ctxt, args: TokenStream) -> bool {
    let mut flags = false;
    let parser = syn::meta::parser(|meta| {
        let key = key_of(&meta);
        if key != FLAGS || !meta.input.is_empty() && !meta.input.peek(syn::Token![,]) {
            cx.error_spanned_by(
                &meta.path,
                "#[graph_enum] takes only `flags` (for members that combine, written \"a,b\"); \
                 rename members with #[graph(rename = \"…\")]",
            );
            return skip_value(&meta);
        }
        if flags {
            cx.error_spanned_by(&meta.path, "duplicate key `flags`");
        }
        flags = true;
        Ok(())
    });
    if let Err(err) = parser.parse2(args) {
        cx.syn_error(err);
    }
    flags
}

fn permissions(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<Permissions>> {
    let mut kinds: [Option<ScopeList>; 3] = [None, None, None];
    if meta.input.peek(syn::Token![=]) {
        let key = key_of(meta);
        return match meta.value()?.parse::<syn::Expr>()? {
            syn::Expr::Path(path) if path.path.is_ident(UNKNOWN) => Ok(Some(Permissions {
                key: meta.path.clone(),
                kinds,
                unknown: true,
            })),
            other => {
                cx.error_spanned_by(
                    other,
                    format!("expected `{key}(delegated_work = …, delegated_personal = …, application = …)` or `{key} = unknown`"),
                );
                Ok(None)
            }
        };
    }
    meta.parse_nested_meta(|kind| {
        let key = key_of(&kind);
        let Some(slot) = PERMISSION_KINDS.iter().position(|k| *k == key) else {
            cx.error_spanned_by(
                &kind.path,
                format!(
                    "unknown permission kind `{key}`; expected {}",
                    symbol::one_of(PERMISSION_KINDS)
                ),
            );
            return skip_value(&kind);
        };
        if kinds[slot].is_some() {
            cx.error_spanned_by(&kind.path, format!("duplicate permission kind `{key}`"));
            return skip_value(&kind);
        }
        kinds[slot] = Some(scope_list(cx, &kind)?);
        Ok(())
    })?;
    Ok(Some(Permissions {
        key: meta.path.clone(),
        kinds,
        unknown: false,
    }))
}

fn scope_list(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<ScopeList> {
    let expected = "expected `unsupported` or a list of scopes such as `[\"User.Read\"]`";
    let elements = match meta.value()?.parse::<syn::Expr>()? {
        syn::Expr::Path(path) if path.path.is_ident(UNSUPPORTED) => {
            return Ok(ScopeList::Unsupported)
        }
        syn::Expr::Array(array) => array.elems,
        other => {
            cx.error_spanned_by(other, expected);
            return Ok(ScopeList::Unsupported);
        }
    };
    let written = elements.len();
    let mut scopes: Vec<LitStr> = Vec::new();
    for element in elements {
        match element {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(scope),
                ..
            }) => scopes.push(scope),
            other => cx.error_spanned_by(other, "expected a scope name in quotes"),
        }
    }
    Ok(ScopeList::Scopes {
        key: meta.path.clone(),
        scopes,
        written,
    })
}

/// The string literal after `key =`; anything else is reported (and `None`) without stopping
/// the parse, so the keys after it are still read.
fn lit_str(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<LitStr>> {
    match meta.value()?.parse::<syn::Expr>()? {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(lit),
            ..
        }) => Ok(Some(lit)),
        other => {
            cx.error_spanned_by(other, "expected a string literal");
            Ok(None)
        }
    }
}

/// Field options from `#[graph(...)]`.
#[derive(Default)]
pub struct FieldAttr {
    pub read_only: bool,
    pub rename: Option<LitStr>,
}

/// Parses every `#[graph(...)]` on a field or variant; `keys` are those allowed there.
pub fn graph_attrs(cx: &Ctxt, attrs: &[syn::Attribute], keys: &[&str]) -> FieldAttr {
    let mut out = FieldAttr::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident(GRAPH)) {
        let result = attr.parse_nested_meta(|meta| {
            let key = key_of(&meta);
            if !keys.contains(&key.as_str()) {
                cx.error_spanned_by(
                    &meta.path,
                    format!(
                        "unknown graph key `{key}`; expected {}",
                        symbol::one_of(keys)
                    ),
                );
                return skip_value(&meta);
            }
            match key.as_str() {
                READ_ONLY if out.read_only => {
                    cx.error_spanned_by(&meta.path, "duplicate key `read_only`")
                }
                READ_ONLY => out.read_only = true,
                RENAME if out.rename.is_some() => {
                    cx.error_spanned_by(&meta.path, "duplicate key `rename`");
                    return skip_value(&meta);
                }
                _ => out.rename = lit_str(cx, &meta)?,
            }
            Ok(())
        });
        if let Err(err) = result {
            cx.syn_error(err);
        }
    }
    out
}

/// Removes the `#[graph(...)]` helpers, which mean nothing to the compiler once read.
pub fn strip(attrs: &mut Vec<syn::Attribute>) {
    attrs.retain(|a| !a.path().is_ident(GRAPH));
}

/// The paths inside an item's `#[derive(...)]` attributes.
pub fn derives(attrs: &[syn::Attribute]) -> Vec<syn::Path> {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("derive"))
        .filter_map(|a| {
            a.parse_args_with(
                syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated,
            )
            .ok()
        })
        .flatten()
        .collect()
}

fn key_of(meta: &ParseNestedMeta) -> String {
    meta.path
        .get_ident()
        .map(ToString::to_string)
        .unwrap_or_else(|| {
            let path = &meta.path;
            quote::quote!(#path).to_string().replace(' ', "")
        })
}

/// Consumes whatever follows a rejected key, so parsing can go on to the next one.
fn skip_value(meta: &ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(syn::Token![=]) {
        meta.value()?.parse::<syn::Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        let _content;
        syn::parenthesized!(_content in meta.input);
    }
    Ok(())
}
