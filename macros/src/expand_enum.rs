//! Token emission for `#[graph_enum]`: the enum with a variant that keeps unknown values, its
//! string conversions and serde impls.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ctxt::Ctxt;
use crate::valid;

pub fn expand(args: TokenStream, input: TokenStream) -> TokenStream {
    let item: syn::ItemEnum = match syn::parse2(input.clone()) {
        Ok(item) => item,
        Err(err) => {
            let err =
                syn::Error::new(err.span(), "#[graph_enum] goes on an enum").to_compile_error();
            return quote!(#err #input);
        }
    };
    let cx = Ctxt::new();
    let flags = crate::attr::enum_attr(&cx, args);
    let model = valid::graph_enum(&cx, &item);
    for path in derives(&item.attrs) {
        if path.is_ident("Copy") || path.segments.last().is_some_and(|s| s.ident == "Copy") {
            cx.error_spanned_by(
                &path,
                "a Graph enum cannot be `Copy`: it keeps values it does not list in a `String`",
            );
        }
    }
    let mut output = item.clone();
    for variant in output.variants.iter_mut() {
        variant
            .attrs
            .retain(|a| !a.path().is_ident(crate::symbol::GRAPH));
    }
    if let Err(err) = cx.check() {
        let err = err.to_compile_error();
        return quote!(#err #output);
    }
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
    let flag_enum = flags.then(|| quote!(impl ::graphpatch::__private::FlagEnum for #ident {}));
    quote! {
        #output

        const _: () = {
            #flag_enum

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

/// The paths inside the item's `#[derive(...)]` attributes.
fn derives(attrs: &[syn::Attribute]) -> Vec<syn::Path> {
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

/// `Debug, Clone, PartialEq, Eq, Hash`, less those already derived.
fn missing_derives(attrs: &[syn::Attribute]) -> Vec<TokenStream> {
    let present: Vec<String> = derives(attrs)
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
