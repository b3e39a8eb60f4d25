//! `graph_patch!`: parsing the call and expanding it into code whose constants check the call
//! against the entity's metadata.
//!
//! A function-like macro cannot see the entity's definition, so the expansion asks the compiler
//! to check it: each property name and path parameter becomes a `const` evaluated from
//! `<Entity as GraphEntity>::PROPERTIES` / `PATHS` by the runtime's const fns, which fail with a
//! message written for the user, spanned on their token. Values are converted with `Into` at the
//! user's expression, so a wrong type is rustc's own error, at that expression.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{braced, Token};

use crate::case::unraw;

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
    let entity_ty = quote_spanned!(entity_span=> __GraphpatchEntity);
    let meta = quote_spanned!(entity_span=> <#entity_ty as ::graphpatch::__private::GraphEntity>);
    let private = quote!(::graphpatch::__private);
    let panic = |span: Span| quote_spanned!(span=> ::core::panic!("{}", __message.as_str()));

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
    let at = match &call.at {
        Some(lit) => quote!(::core::option::Option::Some(#lit)),
        None => quote!(::core::option::Option::None),
    };
    // The check is an unnamed const that nothing uses, so its failure is reported once; the
    // index the code uses comes from a twin that cannot fail (its value then never matters).
    // Both, and each parameter's check, first ask the fast check, which needs no message: a call
    // without a mistake never evaluates the others.
    let select_panic = panic(call.params_span);
    let fast = quote_spanned!(call.params_span=> __GRAPHPATCH_FAST_TEMPLATE);
    let select = quote_spanned! {call.params_span=>
        const __GRAPHPATCH_FAST_TEMPLATE: ::core::option::Option<usize> =
            #private::fast_template(#meta::PATHS, &[#(#names),*], #at);
        const _: () = match #fast {
            ::core::option::Option::Some(_) => (),
            ::core::option::Option::None => match #private::select_template(
                #meta::NAME, #meta::PATHS, &[#(#names),*], #at,
            ) {
                ::core::result::Result::Ok(_) => (),
                ::core::result::Result::Err(__message) => #select_panic,
            },
        };
        const __GRAPHPATCH_TEMPLATE: usize = match #fast {
            ::core::option::Option::Some(index) => index,
            ::core::option::Option::None => match #private::select_template(
                #meta::NAME, #meta::PATHS, &[#(#names),*], #at,
            ) {
                ::core::result::Result::Ok(index) => index,
                ::core::result::Result::Err(_) => 0,
            },
        };
    };
    let param_checks = params.iter().zip(&names).map(|(p, name)| {
        let span = p.name.span();
        let panic = panic(span);
        quote_spanned! {span=>
            const _: () = match #fast {
                ::core::option::Option::Some(_) => (),
                ::core::option::Option::None => {
                    match #private::check_param(#meta::NAME, #meta::PATHS, #name) {
                        ::core::result::Result::Ok(()) => (),
                        ::core::result::Result::Err(__message) => #panic,
                    }
                }
            };
        }
    });
    let param_locals: Vec<syn::Ident> = (0..count)
        .map(|i| syn::Ident::new(&format!("__graphpatch_param{i}"), Span::mixed_site()))
        .collect();
    let param_values = params.iter().zip(&param_locals).map(|(p, local)| {
        let expr = &p.value;
        quote_spanned!(expr.span()=> let #local = ::std::string::ToString::to_string(&(#expr));)
    });

    let changes = syn::Ident::new("__graphpatch_changes", Span::mixed_site());
    // Through the change set type, as `PatchSlot` is: a type that is not an entity is reported
    // once, at the entity's path.
    let names_table = quote_spanned! {entity_span=>
        <<#entity_ty as ::graphpatch::__private::GraphEntity>::Patch
            as #private::PatchNames>::TABLE
    };
    let property_sets = properties.iter().map(|p| {
        let span = p.name.span();
        let name = unraw(&p.name);
        let is_null = matches!(p.value, Value::Null(_));
        let panic = panic(span);
        let slot = quote_spanned!(span=> #private::PatchSlot::<__GRAPHPATCH_PROPERTY>);
        let assign = match &p.value {
            Value::Null(null) => {
                quote_spanned!(null.span=> #slot::slot_mut(&mut #changes).set_null();)
            }
            Value::Expr(expr) => {
                let value = syn::Ident::new("__graphpatch_value", Span::mixed_site());
                // The property's type is named at the property (one note if its const failed);
                // the conversion sits at the value, where a wrong type is reported.
                let value_ty = quote_spanned! {span=>
                    <<#entity_ty as ::graphpatch::__private::GraphEntity>::Patch
                        as #private::PatchSlot<__GRAPHPATCH_PROPERTY>>::Value
                };
                let convert = quote_spanned!(expr.span()=> ::core::convert::Into::into(#expr));
                quote_spanned! {span=>
                    let #value: #value_ty = #convert;
                    #slot::slot_mut(&mut #changes).set(#value);
                }
            }
        };
        quote_spanned! {span=>
            {
                const __GRAPHPATCH_PROPERTY: usize = match #private::fast_property_index(
                    #meta::PROPERTIES, #names_table, #name, #is_null,
                ) {
                    ::core::option::Option::Some(index) => index,
                    ::core::option::Option::None => match #private::property_index(
                        #meta::NAME, #meta::PROPERTIES, #name, #is_null,
                    ) {
                        ::core::result::Result::Ok(index) => index,
                        ::core::result::Result::Err(__message) => #panic,
                    },
                };
                #assign
            }
        }
    });
    let errors = errors.iter().map(syn::Error::to_compile_error);
    // Everything that needs `GraphEntity` is spanned at the entity's path, so that a type that
    // is not an entity gets one error there, not one per use.
    let new_changes = quote_spanned! {entity_span=>
        <<#entity_ty as ::graphpatch::__private::GraphEntity>::Patch as ::core::default::Default>::default()
    };
    let build = quote_spanned!(entity_span=> #private::patch_request::<#entity_ty, #count>);

    // The block itself is spanned at the entity too: its type, `PatchRequest<Entity>`, needs
    // `GraphEntity` as well.
    quote_spanned! {entity_span=> {
        #(#errors)*
        type __GraphpatchEntity = #entity;
        #select
        #(#param_checks)*
        const __GRAPHPATCH_ORDER: [usize; #count] =
            #private::param_order::<#count>(#meta::PATHS, __GRAPHPATCH_TEMPLATE, [#(#names),*]);
        #(#param_values)*
        let mut #changes = #new_changes;
        #(#property_sets)*
        #build(__GRAPHPATCH_TEMPLATE, __GRAPHPATCH_ORDER, [#(#param_locals),*], #changes)
    }}
}
