//! Token emission for `#[graph_complex]`: on a struct, one complex type with its serde impls; on
//! an enum, a polymorphic property whose variants are chosen by `@odata.type`.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ast::{ComplexInput, ComplexVariant};
use crate::ctxt::Ctxt;
use crate::expand_entity::emit_struct;
use crate::expand_serde;
use crate::fallback;

/// `#[graph_complex(args)]` on `input`: the model, its checks, then the item and its impls, or
/// the fallback beside the errors.
pub fn expand(args: TokenStream, input: TokenStream) -> TokenStream {
    let cx = Ctxt::new();
    let item = syn::parse2::<syn::Item>(input.clone()).ok();
    let Some(complex) = ComplexInput::from_syn(&cx, args, item.as_ref()) else {
        cx.error_at(
            proc_macro2::Span::call_site(),
            "#[graph_complex] goes on a struct (a complex type) or an enum of them (a \
             polymorphic property)",
        );
        let errors = cx.check().expect_err("an error was just recorded");
        return fallback::unexpanded(input, errors);
    };
    complex.validate(&cx);
    match cx.check() {
        Ok(()) => {
            let item = emit_item(&complex);
            let impls = emit_impls(&complex);
            quote!(#item #impls)
        }
        Err(errors) => fallback::complex(&complex, errors),
    }
}

/// The item: a struct without the `#[graph]` helpers, an enum with the variant that keeps
/// derived types it does not list.
pub fn emit_item(complex: &ComplexInput) -> TokenStream {
    match complex {
        ComplexInput::Struct(complex) => emit_struct(complex.item),
        ComplexInput::Enum(complex) => {
            let mut output = complex.item.clone();
            // A user's own `Unrecognized` was reported; a second one would only add a conflict.
            if !complex.variants.iter().any(|v| v.ident == "Unrecognized") {
                output.variants.push(syn::parse_quote! {
                    /// A derived type this definition does not list, kept whole.
                    Unrecognized(::graphpatch::__private::UnknownObject)
                });
            }
            quote!(#output)
        }
    }
}

/// The impls: `GraphComplex` and serde, for a struct by its fields, for an enum by
/// `@odata.type`. A missing `odata_type` (reported) stands in as empty.
pub fn emit_impls(complex: &ComplexInput) -> TokenStream {
    match complex {
        ComplexInput::Struct(complex) => {
            let ident = &complex.item.ident;
            let name = complex
                .odata_type
                .as_ref()
                .map(syn::LitStr::value)
                .unwrap_or_default();
            let serialize = expand_serde::serialize(ident, &complex.fields, Some(&name));
            let deserialize =
                expand_serde::deserialize(ident, &complex.fields, &format!("a {name} object"));
            quote! {
                const _: () = {
                    impl ::graphpatch::__private::GraphComplex for #ident {
                        const ODATA_TYPE: &'static ::core::primitive::str = #name;
                    }
                    #serialize
                    #deserialize
                };
            }
        }
        ComplexInput::Enum(complex) => {
            let name = complex
                .odata_type
                .as_ref()
                .map(syn::LitStr::value)
                .unwrap_or_default();
            polymorphic(&complex.item.ident, &name, &complex.variants)
        }
    }
}

/// The impls of a polymorphic complex enum: variants picked by `@odata.type`, which must equal
/// the variant type's; without one, the variant of the base type itself if there is one.
fn polymorphic(ident: &syn::Ident, base: &str, variants: &[ComplexVariant]) -> TokenStream {
    let (idents, types): (Vec<&syn::Ident>, Vec<&syn::Type>) = variants
        .iter()
        .filter_map(|v| Some((v.ident, v.ty?)))
        .unzip();
    let indexes = 0..idents.len();
    quote! {
        const _: () = {
            impl ::graphpatch::__private::GraphComplex for #ident {
                const ODATA_TYPE: &'static ::core::primitive::str = #base;

                fn odata_type(&self) -> &::core::primitive::str {
                    match self {
                        #(Self::#idents(__value) => ::graphpatch::__private::GraphComplex::odata_type(__value),)*
                        Self::Unrecognized(__value) => __value.odata_type().unwrap_or(#base),
                    }
                }
            }

            impl ::graphpatch::__private::serde::Serialize for #ident {
                fn serialize<__S>(&self, __serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error>
                where
                    __S: ::graphpatch::__private::serde::Serializer,
                {
                    match self {
                        #(Self::#idents(__value) => ::graphpatch::__private::serde::Serialize::serialize(__value, __serializer),)*
                        Self::Unrecognized(__value) => ::graphpatch::__private::serde::Serialize::serialize(__value, __serializer),
                    }
                }
            }

            impl<'de> ::graphpatch::__private::serde::Deserialize<'de> for #ident {
                fn deserialize<__D>(__deserializer: __D) -> ::core::result::Result<Self, __D::Error>
                where
                    __D: ::graphpatch::__private::serde::Deserializer<'de>,
                {
                    let __object = <::graphpatch::__private::Object as ::graphpatch::__private::serde::Deserialize>::deserialize(__deserializer)?;
                    let __type = ::graphpatch::__private::object_type(&__object).unwrap_or(#base);
                    let __variant = [#(<#types as ::graphpatch::__private::GraphComplex>::ODATA_TYPE),*]
                        .iter()
                        .position(|__candidate| *__candidate == __type);
                    match __variant {
                        #(::core::option::Option::Some(#indexes) => ::graphpatch::__private::from_object(__object).map(Self::#idents),)*
                        _ => ::core::result::Result::Ok(Self::Unrecognized(::graphpatch::__private::UnknownObject(__object))),
                    }
                }
            }
        };
    }
}
