//! `graph_filter!`: parsing a `$filter` expression over an entity's Rust field names and
//! expanding it into code that checks each name against the entity's metadata at compile time
//! and writes each value as the OData literal of its property's type.
//!
//! The technique is `graph_patch!`'s: every property becomes a `const` index computed from
//! `<Entity as GraphEntity>::PROPERTIES` by a runtime const fn that fails with a message
//! written for the user at their token (the closest name included); the index selects the
//! property's Rust type through `PropertyType<I>`, which `#[graph_entity]` implements for each
//! field ([`property_types`]); each value converts `Into` that type's literal type at the
//! user's expression, so a value of the wrong type is rustc's error there.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{parenthesized, Token};

use crate::ast::Entity;
use crate::case::unraw;

mod kw {
    syn::custom_keyword!(and);
    syn::custom_keyword!(or);
    syn::custom_keyword!(not);
    syn::custom_keyword!(eq);
    syn::custom_keyword!(ne);
    syn::custom_keyword!(gt);
    syn::custom_keyword!(ge);
    syn::custom_keyword!(lt);
    syn::custom_keyword!(le);
    syn::custom_keyword!(startswith);
    syn::custom_keyword!(null);
}

/// `graph_filter!(Entity: expression)`.
struct FilterCall {
    entity: syn::Path,
    expr: Expr,
}

enum Expr {
    Or(Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Group(Box<Expr>),
    Compare {
        property: syn::Ident,
        op: &'static str,
        value: Value,
    },
    In {
        property: syn::Ident,
        values: Vec<syn::Expr>,
    },
    StartsWith {
        property: syn::Ident,
        value: syn::Expr,
    },
}

enum Value {
    Null(kw::null),
    Expr(syn::Expr),
}

impl Parse for FilterCall {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let entity = input.call(syn::Path::parse_mod_style)?;
        input.parse::<Token![:]>()?;
        if input.is_empty() {
            return Err(input.error(
                "expected a filter expression after the entity, such as `run_state eq RunState::Success`",
            ));
        }
        let expr = parse_or(input)?;
        if !input.is_empty() {
            return Err(input.error("expected `and`, `or` or the end of the filter"));
        }
        Ok(FilterCall { entity, expr })
    }
}

fn parse_or(input: ParseStream) -> syn::Result<Expr> {
    let mut left = parse_and(input)?;
    while input.peek(kw::or) {
        input.parse::<kw::or>()?;
        left = Expr::Or(Box::new(left), Box::new(parse_and(input)?));
    }
    Ok(left)
}

fn parse_and(input: ParseStream) -> syn::Result<Expr> {
    let mut left = parse_unary(input)?;
    while input.peek(kw::and) {
        input.parse::<kw::and>()?;
        left = Expr::And(Box::new(left), Box::new(parse_unary(input)?));
    }
    Ok(left)
}

fn parse_unary(input: ParseStream) -> syn::Result<Expr> {
    let lookahead = input.lookahead1();
    if lookahead.peek(kw::not) {
        input.parse::<kw::not>()?;
        return Ok(Expr::Not(Box::new(parse_unary(input)?)));
    }
    if lookahead.peek(syn::token::Paren) {
        let content;
        parenthesized!(content in input);
        let inner = parse_or(&content)?;
        if !content.is_empty() {
            return Err(content.error("expected `and`, `or` or `)`"));
        }
        return Ok(Expr::Group(Box::new(inner)));
    }
    if lookahead.peek(kw::startswith) {
        input.parse::<kw::startswith>()?;
        let content;
        parenthesized!(content in input);
        let property: syn::Ident = content.parse()?;
        content.parse::<Token![,]>()?;
        let value: syn::Expr = content.parse()?;
        if !content.is_empty() {
            return Err(content.error("`startswith` takes a property and a value"));
        }
        return Ok(Expr::StartsWith { property, value });
    }
    if lookahead.peek(syn::Ident) && !input.peek(kw::and) && !input.peek(kw::or) {
        let property: syn::Ident = input.parse()?;
        return parse_comparison(input, property);
    }
    Err(lookahead.error())
}

fn parse_comparison(input: ParseStream, property: syn::Ident) -> syn::Result<Expr> {
    let lookahead = input.lookahead1();
    let op = if lookahead.peek(kw::eq) {
        input.parse::<kw::eq>()?;
        "eq"
    } else if lookahead.peek(kw::ne) {
        input.parse::<kw::ne>()?;
        "ne"
    } else if lookahead.peek(kw::gt) {
        input.parse::<kw::gt>()?;
        "gt"
    } else if lookahead.peek(kw::ge) {
        input.parse::<kw::ge>()?;
        "ge"
    } else if lookahead.peek(kw::lt) {
        input.parse::<kw::lt>()?;
        "lt"
    } else if lookahead.peek(kw::le) {
        input.parse::<kw::le>()?;
        "le"
    } else if lookahead.peek(Token![in]) {
        input.parse::<Token![in]>()?;
        let content;
        parenthesized!(content in input);
        let values = Punctuated::<syn::Expr, Token![,]>::parse_terminated(&content)?;
        if values.is_empty() {
            return Err(syn::Error::new(
                property.span(),
                "`in` needs at least one value",
            ));
        }
        return Ok(Expr::In {
            property,
            values: values.into_iter().collect(),
        });
    } else {
        return Err(lookahead.error());
    };
    let value = if input.peek(kw::null) && !input.peek2(Token![::]) && !input.peek2(Token![.]) {
        Value::Null(input.parse()?)
    } else {
        Value::Expr(input.parse()?)
    };
    Ok(Expr::Compare {
        property,
        op,
        value,
    })
}

pub fn expand(input: TokenStream) -> TokenStream {
    match syn::parse2::<FilterCall>(input) {
        Ok(call) => expand_call(&call),
        Err(err) => err.to_compile_error(),
    }
}

/// Emission context: the entity's metadata and the string the filter is written to.
struct Cx {
    meta: TokenStream,
    entity_ty: TokenStream,
    out: syn::Ident,
}

fn expand_call(call: &FilterCall) -> TokenStream {
    let entity = &call.entity;
    let entity_span = entity.span();
    let entity_ty = quote_spanned!(entity_span=> __GraphpatchEntity);
    let cx = Cx {
        meta: quote_spanned!(entity_span=> <#entity_ty as ::graphpatch::__private::GraphEntity>),
        entity_ty,
        out: syn::Ident::new("__graphpatch_filter", Span::mixed_site()),
    };
    let body = emit(&cx, &call.expr);
    let out = &cx.out;
    let build =
        quote_spanned!(entity_span=> ::graphpatch::__private::filter::<__GraphpatchEntity>(#out));
    quote_spanned! {entity_span=> {
        type __GraphpatchEntity = #entity;
        let mut #out = ::std::string::String::new();
        #body
        #build
    }}
}

fn push(cx: &Cx, text: &str) -> TokenStream {
    let out = &cx.out;
    quote!(#out.push_str(#text);)
}

fn emit(cx: &Cx, expr: &Expr) -> TokenStream {
    match expr {
        Expr::Or(a, b) | Expr::And(a, b) => {
            let op = if matches!(expr, Expr::Or(..)) {
                " or "
            } else {
                " and "
            };
            let (a, op, b) = (emit(cx, a), push(cx, op), emit(cx, b));
            quote!(#a #op #b)
        }
        // Always parenthesized: `not` binds tighter than anything it could be read with.
        Expr::Not(inner) if matches!(**inner, Expr::Group(_)) => {
            let (not, inner) = (push(cx, "not "), emit(cx, inner));
            quote!(#not #inner)
        }
        Expr::Not(inner) => {
            let (open, inner, close) = (push(cx, "not ("), emit(cx, inner), push(cx, ")"));
            quote!(#open #inner #close)
        }
        Expr::Group(inner) => {
            let (open, inner, close) = (push(cx, "("), emit(cx, inner), push(cx, ")"));
            quote!(#open #inner #close)
        }
        Expr::Compare {
            property,
            op,
            value,
        } => {
            let null = matches!(value, Value::Null(_));
            let op = push(cx, &format!(" {op} "));
            let value = match value {
                Value::Null(null) => {
                    let out = &cx.out;
                    quote_spanned!(null.span=> #out.push_str("null");)
                }
                Value::Expr(expr) => literal(cx, expr, property.span()),
            };
            property_block(cx, property, null, quote!(#op #value))
        }
        Expr::In { property, values } => {
            let mut body = push(cx, " in (");
            for (i, value) in values.iter().enumerate() {
                if i > 0 {
                    body.extend(push(cx, ", "));
                }
                body.extend(literal(cx, value, property.span()));
            }
            body.extend(push(cx, ")"));
            property_block(cx, property, false, body)
        }
        Expr::StartsWith { property, value } => {
            let span = property.span();
            let (meta_private, entity_ty) = (quote!(::graphpatch::__private), &cx.entity_ty);
            let text_check = quote_spanned! {span=>
                #meta_private::text_operand::<<#entity_ty as #meta_private::PropertyType<__GRAPHPATCH_PROPERTY>>::Type>();
            };
            let open = push(cx, "startswith(");
            let (comma, close) = (push(cx, ", "), push(cx, ")"));
            let value = literal(cx, value, span);
            let wire = wire(cx, span);
            let check = index_const(cx, property, false);
            quote_spanned! {span=> {
                #check
                #text_check
                #open
                #wire
                #comma
                #value
                #close
            }}
        }
    }
}

/// `const __GRAPHPATCH_PROPERTY`: the property's index, or the user's error at its name.
fn index_const(cx: &Cx, property: &syn::Ident, null: bool) -> TokenStream {
    let span = property.span();
    let meta = &cx.meta;
    let name = unraw(property);
    let panic = quote_spanned!(span=> ::core::panic!("{}", __message.as_str()));
    quote_spanned! {span=>
        const __GRAPHPATCH_PROPERTY: usize = match ::graphpatch::__private::filter_property(
            #meta::NAME, #meta::PROPERTIES, #name, #null,
        ) {
            ::core::result::Result::Ok(index) => index,
            ::core::result::Result::Err(__message) => #panic,
        };
    }
}

fn wire(cx: &Cx, span: Span) -> TokenStream {
    let (meta, out) = (&cx.meta, &cx.out);
    quote_spanned!(span=> #out.push_str(#meta::PROPERTIES[__GRAPHPATCH_PROPERTY].wire);)
}

/// A block for one property: its index, its wire name, then `rest`.
fn property_block(cx: &Cx, property: &syn::Ident, null: bool, rest: TokenStream) -> TokenStream {
    let span = property.span();
    let check = index_const(cx, property, null);
    let wire = wire(cx, span);
    quote_spanned! {span=> {
        #check
        #wire
        #rest
    }}
}

/// Writes `expr` as the literal of the current property's type: the conversion at the user's
/// expression (a wrong type is reported there), the type named at the property.
fn literal(cx: &Cx, expr: &syn::Expr, property: Span) -> TokenStream {
    let private = quote!(::graphpatch::__private);
    let (entity_ty, out) = (&cx.entity_ty, &cx.out);
    let value = syn::Ident::new("__graphpatch_value", Span::mixed_site());
    let value_ty = quote_spanned! {property=>
        <<#entity_ty as #private::PropertyType<__GRAPHPATCH_PROPERTY>>::Type
            as #private::FilterOperand>::Literal
    };
    let convert = quote_spanned!(expr.span()=> ::core::convert::Into::into(#expr));
    quote! {{
        let #value: #value_ty = #convert;
        #private::FilterLiteral::write_literal(&#value, &mut #out);
    }}
}

/// What `#[graph_entity]` adds for `graph_filter!`: each field's Rust type by its index in
/// `PROPERTIES`, so that a checked index selects the type to convert values into.
pub fn property_types(entity: &Entity) -> TokenStream {
    let ident = &entity.item.ident;
    let impls = entity.fields.iter().enumerate().map(|(index, f)| {
        let ty = f.ty;
        quote! {
            impl ::graphpatch::__private::PropertyType<#index> for #ident {
                type Type = #ty;
            }
        }
    });
    quote!(#(#impls)*)
}

/// What `#[graph_enum]` adds for `graph_filter!`: an enum property is compared with its members.
pub fn enum_operand(ident: &syn::Ident) -> TokenStream {
    quote! {
        impl ::graphpatch::__private::FilterOperand for #ident {
            type Literal = #ident;
        }
    }
}
