//! `graph_patch!`: parsing the call and expanding it into code whose constants check the call
//! against the entity's metadata.
//!
//! A function-like macro cannot see the entity's definition, so the expansion asks the compiler
//! to check it: the path and each property name become a `const`, one call each of the
//! runtime's const fns over the entity's metadata (its change set's `PatchNames` keys first,
//! `GraphEntity::PROPERTIES` / `PATHS` when they do not match), which panic with a message
//! written for the user, spanned on their token. Values are converted with `Into` at the user's
//! expression, so a wrong type is rustc's own error, at that expression.

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::{format_ident, quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{braced, Token};

use crate::case::{self, unraw};

mod kw {
    syn::custom_keyword!(set);
    syn::custom_keyword!(at);
    syn::custom_keyword!(null);
}

/// `graph_patch!(Entity [at "/template"] { param: expr, … } set { property: expr | null, … })`.
struct PatchCall {
    entity: syn::Path,
    at: Option<syn::LitStr>,
    params_span: Span,
    params: Punctuated<Assign<syn::Expr>, Token![,]>,
    set_span: Span,
    properties: Punctuated<Assign<Value>, Token![,]>,
}

struct Assign<V> {
    name: syn::Ident,
    value: V,
}

enum Value {
    Null(kw::null),
    Expr(syn::Expr),
}

impl<V: Parse> Parse for Assign<V> {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let name: syn::Ident = input.parse()?;
        if input.peek(Token![=]) {
            return Err(
                input.error("expected `:` between a name and its value, as in a struct literal")
            );
        }
        input.parse::<Token![:]>()?;
        Ok(Assign {
            name,
            value: input.parse()?,
        })
    }
}

impl Parse for Value {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if input.peek(kw::null) && (input.peek2(Token![,]) || is_last(input)) {
            return Ok(Value::Null(input.parse()?));
        }
        Ok(Value::Expr(input.parse()?))
    }
}

fn is_last(input: ParseStream) -> bool {
    let fork = input.fork();
    fork.parse::<kw::null>().is_ok() && fork.is_empty()
}

impl Parse for PatchCall {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let entity = input.call(syn::Path::parse_mod_style)?;
        let mut lookahead = input.lookahead1();
        let at = if lookahead.peek(kw::at) {
            input.parse::<kw::at>()?;
            let template: syn::LitStr = input.parse()?;
            lookahead = input.lookahead1();
            Some(template)
        } else {
            None
        };
        if !lookahead.peek(syn::token::Brace) {
            return Err(lookahead.error());
        }
        let params_content;
        let params_brace = braced!(params_content in input);
        let params = params_content.parse_terminated(Assign::parse, Token![,])?;
        let set: kw::set = input.parse()?;
        let properties_content;
        let properties_brace = braced!(properties_content in input);
        let properties = properties_content.parse_terminated(Assign::parse, Token![,])?;
        if !input.is_empty() {
            return Err(input.error("unexpected tokens after the change set"));
        }
        Ok(PatchCall {
            entity,
            at,
            params_span: params_brace.span.join(),
            params,
            set_span: set
                .span
                .join(properties_brace.span.join())
                .unwrap_or(set.span),
            properties,
        })
    }
}

pub fn expand(input: TokenStream) -> TokenStream {
    match syn::parse2::<PatchCall>(input) {
        Ok(call) => expand_call(&call),
        Err(err) => err.to_compile_error(),
    }
}

fn expand_call(call: &PatchCall) -> TokenStream {
    let mut errors = Vec::new();
    let entity = &call.entity;
    let entity_span = entity.span();
    // Names are interpolated as tokens rather than as token streams wherever the spans allow:
    // the macro runs unoptimized in a debug build, and every token stream it splices in is a
    // round trip to the compiler.
    let entity_ty = syn::Ident::new("__GraphpatchEntity", entity_span);
    // The change set type, through which every check reaches the entity's metadata: an alias
    // of the projection, written once.
    let patch_ty = syn::Ident::new("__GraphpatchPatch", entity_span);
    let private: Vec<TokenTree> = quote!(::graphpatch::__private).into_iter().collect();

    let mut params: Vec<&Assign<syn::Expr>> = Vec::new();
    for param in &call.params {
        if params.iter().any(|p| p.name == param.name) {
            errors.push(syn::Error::new(
                param.name.span(),
                format!("path parameter `{}` is given twice", param.name),
            ));
        } else {
            params.push(param);
        }
    }
    let mut properties: Vec<&Assign<Value>> = Vec::new();
    for property in &call.properties {
        if properties.iter().any(|p| p.name == property.name) {
            errors.push(syn::Error::new(
                property.name.span(),
                format!(
                    "property `{}` is set twice in one change set",
                    property.name
                ),
            ));
        } else {
            properties.push(property);
        }
    }
    if properties.is_empty() {
        errors.push(syn::Error::new(
            call.set_span,
            "empty change set: set at least one property (a PATCH with nothing to change is a mistake)",
        ));
    }

    let count = params.len();
    let names: Vec<String> = params.iter().map(|p| unraw(&p.name)).collect();
    let keys: Vec<proc_macro2::Literal> = names.iter().map(|n| case::name_key(n)).collect();
    let at: Vec<TokenTree> = match &call.at {
        Some(lit) => quote!(::core::option::Option::Some(#lit)),
        None => quote!(::core::option::Option::None),
    }
    .into_iter()
    .collect();
    // Each check is one call of a `#[track_caller]` const fn, spanned on the tokens it checks,
    // so that its panic is reported there: unnamed constants that nothing uses (so each failure
    // is reported once), whose cheap path compares keys and which run the full check only when
    // those do not match. The path to the runtime is spanned there too: a call expression spans
    // from its first token to its last. The template is found again, by the same keys, when the
    // request is built: one constant fewer at every call site.
    let template_check = quote_spanned! {call.params_span=>
        ::graphpatch::__private::patch_template::<#patch_ty, #count>(
            [#(#keys),*], [#(#names),*], #(#at)*,
        )
    };
    // One constant per parameter, the last of which then checks the template: one constant
    // fewer per call, and no report lost, since the template check passes over any parameter
    // that no template has (that parameter's own check reports it).
    let mut checks: Vec<(Span, TokenStream)> = params
        .iter()
        .zip(&names)
        .zip(&keys)
        .map(|((p, name), key)| {
            let span = p.name.span();
            let check = quote_spanned! {span=>
                ::graphpatch::__private::patch_param::<#patch_ty>(#key, #name);
            };
            (span, check)
        })
        .collect();
    match checks.last_mut() {
        Some((_, last)) => last.extend(template_check),
        None => checks.push((call.params_span, template_check)),
    }
    let constants = checks
        .iter()
        .map(|(span, check)| quote_spanned!(*span=> const _: () = { #check };));
    // The parameters' values, first (they come first in the call), in the one local the
    // properties are then set on: one value to drop if a property's value panics.
    let param_values = params.iter().map(|p| {
        let expr = &p.value;
        quote_spanned!(expr.span()=> ::std::string::ToString::to_string(&(#expr)))
    });
    let call_local = syn::Ident::new("__graphpatch_call", Span::mixed_site());

    // Each property in a block of its own, in the order written (so are its value and its
    // diagnostics).
    let changes: Vec<TokenTree> = quote!(#call_local.changes).into_iter().collect();
    let property_sets = properties.iter().map(|p| {
        let span = p.name.span();
        let name = unraw(&p.name);
        let key = case::name_key(&name);
        let is_null = matches!(p.value, Value::Null(_));
        // The setter is found by name on the change set, once the constant has checked the
        // name: a refused property makes the receiver's type an error, which nothing reports
        // again.
        let assign = match &p.value {
            Value::Null(null) => {
                let receiver = quote_spanned! {span=>
                    <#patch_ty as ::graphpatch::__private::Checked<__GRAPHPATCH_PROPERTY>>::Out
                };
                let setter = format_ident!("__graphpatch_null_{}", name, span = null.span);
                quote_spanned!(null.span=> <#receiver>::#setter(&mut #(#changes)*);)
            }
            Value::Expr(expr) => {
                let setter = format_ident!("__graphpatch_set_{}", name, span = span);
                // The conversion sits at the value, where a wrong type is reported.
                let convert = quote_spanned!(expr.span()=> ::core::convert::Into::into(#expr));
                quote_spanned! {span=>
                    < <#patch_ty as ::graphpatch::__private::Checked<__GRAPHPATCH_PROPERTY>>::Out>
                        ::#setter(&mut #(#changes)*, #convert);
                }
            }
        };
        quote_spanned! {span=>
            {
                const __GRAPHPATCH_PROPERTY: usize =
                    ::graphpatch::__private::patch_property::<#patch_ty>(#key, #name, #is_null);
                #assign
            }
        }
    });
    let errors = errors.iter().map(syn::Error::to_compile_error);
    // Everything that needs `GraphEntity` is spanned at the entity's path, so that a type that
    // is not an entity gets one error there, not one per use: the aliases, the call local, the
    // request, and the block itself, whose type, `PatchRequest<Entity>`, needs it as well.
    quote_spanned! {entity_span=> {
        #(#errors)*
        type __GraphpatchEntity = #entity;
        type __GraphpatchPatch = <#entity_ty as ::graphpatch::__private::GraphEntity>::Patch;
        #(#constants)*
        let mut #call_local =
            #(#private)*::patch_call::<#patch_ty, #count>([#(#param_values),*]);
        #(#property_sets)*
        #(#private)*::patch_request::<#entity_ty, #count>(
            &[#(#keys),*], &[#(#names),*], #(#at)*, #call_local
        )
    }}
}
