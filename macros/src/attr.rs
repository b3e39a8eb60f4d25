//! Parsing of the attribute arguments: `#[graph_entity(...)]`, `#[graph(...)]` on fields and
//! variants. Unknown and duplicate keys are reported on the key itself, and parsing goes on so
//! that one compile shows every mistake.

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
                    Ok(t) if attr.paths.iter().any(|p| p.template.text == t.text) => {
                        cx.error_spanned_by(&lit, "duplicate path template")
                    }
                    Ok(template) => attr.paths.push(PathAttr {
                        template,
                        span: lit.span(),
                    }),
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
    let span = meta.path.clone();
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
    let missing: Vec<&str> = PERMISSION_KINDS
        .iter()
        .zip(&kinds)
        .filter(|(_, k)| k.is_none())
        .map(|(name, _)| *name)
        .collect();
    if !missing.is_empty() {
        cx.error_spanned_by(
            &span,
            format!(
                "permissions must list all three kinds as the docs' table does; missing {} \
                 (write `= unsupported` where the docs say \"Not supported.\")",
                symbol::all_of(&missing)
            ),
        );
        return Ok(None);
    }
    let [Some(delegated_work), Some(delegated_personal), Some(application)] = kinds else {
        unreachable!("all three kinds were checked above");
    };
    Ok(Some(Permissions {
        delegated_work,
        delegated_personal,
        application,
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
    if elements.is_empty() {
        cx.error_spanned_by(
            &meta.path,
            "an empty scope list: write `unsupported` if no permission allows the call",
        );
    }
    let mut list: Vec<LitStr> = Vec::new();
    for element in elements {
        let scope = match element {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(scope),
                ..
            }) => scope,
            other => {
                cx.error_spanned_by(other, "expected a scope name in quotes");
                continue;
            }
        };
        if let Err(message) = graphpatch_naming::check_scope_name(&scope.value()) {
            cx.error_spanned_by(&scope, message);
        } else if list.iter().any(|s| s.value() == scope.value()) {
            cx.error_spanned_by(&scope, format!("scope `{}` is listed twice", scope.value()));
        } else {
            list.push(scope);
        }
    }
    Ok(ScopeList::Scopes(list))
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
                _ => {
                    let Some(lit) = lit_str(cx, &meta)? else {
                        return Ok(());
                    };
                    if lit.value().is_empty() {
                        cx.error_spanned_by(&lit, "a wire name cannot be empty");
                    }
                    out.rename = Some(lit);
                }
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
