//! Token emission for `#[graph_enum]`: the enum with a variant that keeps unknown values, its
//! string conversions and serde impls.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ast::Enum;
use crate::attr;
use crate::ctxt::Ctxt;
use crate::fallback;

/// `#[graph_enum(args)]` on `input`: the model, its checks, then the enum and its impls, or the
/// fallback beside the errors.
pub fn expand(args: TokenStream, input: TokenStream) -> TokenStream {
    let item: syn::ItemEnum = match syn::parse2(input.clone()) {
        Ok(item) => item,
        Err(err) => {
            let error = syn::Error::new(err.span(), "#[graph_enum] goes on an enum");
            return fallback::unexpanded(input, error);
        }
    };
    let cx = Ctxt::new();
    let model = Enum::from_syn(&cx, args, &item);
    model.validate(&cx);
    match cx.check() {
        Ok(()) => emit(&model),
        Err(errors) => fallback::graph_enum(&model, errors),
    }
}

/// The enum as written, less the `#[graph]` helpers on its members.
pub fn stripped(item: &syn::ItemEnum) -> syn::ItemEnum {
    let mut output = item.clone();
    for variant in output.variants.iter_mut() {
        attr::strip(&mut variant.attrs);
    }
    output
}

/// The enum with its `Unrecognized` variant and derives, and its impls.
fn emit(model: &Enum) -> TokenStream {
    let item = model.item;
    let mut output = stripped(item);
    output.variants.push(syn::parse_quote! {
        /// A value this definition does not list (Graph adds members over time), kept exactly
        /// as received so that it is sent back unchanged.
        Unrecognized(::std::string::String)
    });
    // The derives the user has not written already (a second `Debug` would conflict).
    let missing = missing_derives(&item.attrs);
    if !missing.is_empty() {
        output
            .attrs
            .push(syn::parse_quote!(#[derive(#(#missing),*)]));
    }

    let ident = &item.ident;
    let idents: Vec<&syn::Ident> = model.variants.iter().map(|v| v.ident).collect();
    let wires: Vec<&str> = model.variants.iter().map(|v| v.wire.as_str()).collect();
    let flag_enum = model
        .flags
        .then(|| quote!(impl ::graphpatch::__private::FlagEnum for #ident {}));
    let filter_operand = crate::filter::enum_operand(ident);
    quote! {
        #output

        const _: () = {
            #flag_enum
            #filter_operand

            impl ::graphpatch::__private::GraphEnum for #ident {
                const MEMBERS: &'static [&'static str] = &[#(#wires),*];

                fn as_str(&self) -> &str {
                    match self {
                        #(Self::#idents => #wires,)*
                        Self::Unrecognized(value) => value,
                    }
                }

                fn from_wire(value: &str) -> Self {
                    match value {
                        #(#wires => Self::#idents,)*
                        other => Self::Unrecognized(::std::string::String::from(other)),
                    }
                }

                fn from_wire_owned(value: ::std::string::String) -> Self {
                    match value.as_str() {
                        #(#wires => Self::#idents,)*
                        _ => Self::Unrecognized(value),
                    }
                }
            }

            impl ::core::fmt::Display for #ident {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.write_str(::graphpatch::__private::GraphEnum::as_str(self))
                }
            }

            impl ::core::str::FromStr for #ident {
                type Err = ::core::convert::Infallible;
                fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
                    ::core::result::Result::Ok(::graphpatch::__private::GraphEnum::from_wire(value))
                }
            }

            impl ::graphpatch::__private::serde::Serialize for #ident {
                fn serialize<__S>(&self, __serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error>
                where
                    __S: ::graphpatch::__private::serde::Serializer,
                {
                    __serializer.serialize_str(::graphpatch::__private::GraphEnum::as_str(self))
                }
            }

            impl<'de> ::graphpatch::__private::serde::Deserialize<'de> for #ident {
                fn deserialize<__D>(__deserializer: __D) -> ::core::result::Result<Self, __D::Error>
                where
                    __D: ::graphpatch::__private::serde::Deserializer<'de>,
                {
                    ::graphpatch::__private::deserialize_enum(__deserializer)
                }
            }
        };
    }
}

/// `Debug, Clone, PartialEq, Eq, Hash`, less those already derived.
fn missing_derives(attrs: &[syn::Attribute]) -> Vec<TokenStream> {
    let present: Vec<String> = attr::derives(attrs)
        .iter()
        .filter_map(|p| p.segments.last().map(|s| s.ident.to_string()))
        .collect();
    [
        ("Debug", quote!(::core::fmt::Debug)),
        ("Clone", quote!(::core::clone::Clone)),
        ("PartialEq", quote!(::core::cmp::PartialEq)),
        ("Eq", quote!(::core::cmp::Eq)),
        ("Hash", quote!(::core::hash::Hash)),
    ]
    .into_iter()
    .filter(|(name, _)| !present.iter().any(|p| p == name))
    .map(|(_, path)| path)
    .collect()
}
