//! Token emission for `#[graph_complex]`: on a struct, one complex type with its serde impls; on
//! an enum, a polymorphic property whose variants are chosen by `@odata.type`.

use proc_macro2::TokenStream;
use quote::quote;

use crate::attr;
use crate::ctxt::Ctxt;
use crate::expand_entity::emit_struct;
use crate::expand_serde;
use crate::valid;

pub fn expand(args: TokenStream, input: TokenStream) -> TokenStream {
    let cx = Ctxt::new();
    let odata_type = attr::complex_attr(&cx, args);
    let (item, impls) = match syn::parse2::<syn::Item>(input.clone()) {
        Ok(syn::Item::Struct(item)) => {
            let (fields, fields_ok) = valid::complex_struct(&cx, odata_type.as_ref(), &item);
            let impls = (fields_ok && item.generics.params.is_empty()).then(|| {
                let ident = &item.ident;
                let name = odata_type
                    .as_ref()
                    .map(syn::LitStr::value)
                    .unwrap_or_default();
                let serialize = expand_serde::serialize(ident, &fields, Some(&name));
                let deserialize =
                    expand_serde::deserialize(ident, &fields, &format!("a {name} object"));
                quote! {
                    const _: () = {
                        impl ::graphpatch::__private::GraphComplex for #ident {
                            const ODATA_TYPE: &'static ::core::primitive::str = #name;
                        }
                        #serialize
                        #deserialize
                    };
                }
            });
            (emit_struct(&item), impls)
        }
        Ok(syn::Item::Enum(item)) => {
            let variants = valid::complex_enum(&cx, odata_type.as_ref(), &item);
            let name = odata_type
                .as_ref()
                .map(syn::LitStr::value)
                .unwrap_or_default();
            let complete = !variants.is_empty()
                && variants.len() == item.variants.len()
                && item.generics.params.is_empty();
            let impls = complete.then(|| polymorphic(&item.ident, &name, &variants));
            let mut output = item.clone();
            // A user's own `Unrecognized` was reported; a second one would only add a conflict.
            if !item.variants.iter().any(|v| v.ident == "Unrecognized") {
                output.variants.push(syn::parse_quote! {
                    /// A derived type this definition does not list, kept whole.
                    Unrecognized(::graphpatch::__private::UnknownObject)
                });
            }
            (quote!(#output), impls)
        }
        _ => {
            cx.error_at(
                proc_macro2::Span::call_site(),
                "#[graph_complex] goes on a struct (a complex type) or an enum of them (a \
                 polymorphic property)",
            );
            (input, None)
        }
    };
    match cx.check() {
        Ok(()) => quote!(#item #impls),
        Err(err) => {
            let err = err.to_compile_error();
            quote!(#err #item #impls)
        }
    }
}

/// The impls of a polymorphic complex enum: variants picked by `@odata.type`, which must equal
/// the variant type's; without one, the variant of the base type itself if there is one.
fn polymorphic(
    ident: &syn::Ident,
    base: &str,
    variants: &[(&syn::Ident, &syn::Type)],
) -> TokenStream {
    let idents: Vec<&syn::Ident> = variants.iter().map(|(v, _)| *v).collect();
    let types: Vec<&syn::Type> = variants.iter().map(|(_, t)| *t).collect();
    let indexes = 0..variants.len();
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
