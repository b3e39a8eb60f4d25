//! The serde impls `#[graph_entity]` and `#[graph_complex]` write for a struct: properties in
//! field order after `@odata.type`, and a reader that names the property at fault in every
//! error, skips properties it does not know, and reads change sets strictly.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ast::Field;

/// `Serialize` for a struct: `@odata.type` (when given, as written on the wire) then every
/// field; a `None` is left out, as Graph leaves out what a response does not carry (absent and
/// `null` both read back as `None`).
pub fn serialize(ident: &syn::Ident, fields: &[Field], odata_value: Option<&str>) -> TokenStream {
    let odata = odata_value.map(|value| {
        quote!(::graphpatch::__private::serde::ser::SerializeMap::serialize_entry(&mut __map, "@odata.type", #value)?;)
    });
    let entries = fields.iter().map(|f| {
        let (field, wire) = (f.ident, &f.wire);
        if f.option_inner.is_some() {
            quote! {
                if let ::core::option::Option::Some(__value) = &self.#field {
                    ::graphpatch::__private::serde::ser::SerializeMap::serialize_entry(&mut __map, #wire, __value)?;
                }
            }
        } else {
            quote!(::graphpatch::__private::serde::ser::SerializeMap::serialize_entry(&mut __map, #wire, &self.#field)?;)
        }
    });
    let count = fields
        .iter()
        .all(|f| f.option_inner.is_none())
        .then(|| fields.len() + usize::from(odata_value.is_some()));
    let count = match count {
        Some(count) => quote!(::core::option::Option::Some(#count)),
        None => quote!(::core::option::Option::None),
    };
    quote! {
        impl ::graphpatch::__private::serde::Serialize for #ident {
            fn serialize<__S>(&self, __serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error>
            where
                __S: ::graphpatch::__private::serde::Serializer,
            {
                let mut __map = __serializer.serialize_map(#count)?;
                #odata
                #(#entries)*
                ::graphpatch::__private::serde::ser::SerializeMap::end(__map)
            }
        }
    }
}

/// `Deserialize` for a struct: an `Option` field may be missing or `null`, any other must be
/// present; unknown properties and `@odata.type` are skipped.
pub fn deserialize(ident: &syn::Ident, fields: &[Field], expecting: &str) -> TokenStream {
    let locals: Vec<syn::Ident> = (0..fields.len())
        .map(|i| format_ident!("__f{}", i))
        .collect();
    let declarations = fields.iter().zip(&locals).map(|(f, local)| {
        let ty = f.ty;
        quote!(let mut #local: ::core::option::Option<#ty> = ::core::option::Option::None;)
    });
    let arms = fields.iter().zip(&locals).map(|(f, local)| {
        let wire = &f.wire;
        quote!(#wire => ::graphpatch::__private::property(&mut __map, &mut #local, #wire)?,)
    });
    let inits = fields.iter().zip(&locals).map(|(f, local)| {
        let (field, wire) = (f.ident, &f.wire);
        if f.option_inner.is_some() {
            quote!(#field: ::core::option::Option::flatten(#local))
        } else {
            quote!(#field: ::graphpatch::__private::required(#local, #wire)?)
        }
    });
    let body = map_visitor(
        quote!(#ident),
        expecting,
        quote! {
            #(#declarations)*
            while let ::core::option::Option::Some(__key) =
                __map.next_key::<::graphpatch::__private::Key<'de>>()?
            {
                match __key.as_str() {
                    #(#arms)*
                    _ => ::graphpatch::__private::skip(&mut __map)?,
                }
            }
            ::core::result::Result::Ok(#ident { #(#inits,)* })
        },
    );
    map_deserialize(&quote!(#ident), body)
}

/// `Deserialize` for a change set: every key must be a writable property or the entity's own
/// `@odata.type`, each at most once; `null` only where the field is an `Option`.
pub fn deserialize_patch(
    patch_ident: &syn::Ident,
    entity_name: &str,
    odata_type: &str,
    fields: &[Field],
) -> TokenStream {
    let writable = fields.iter().filter(|f| !f.read_only).map(|f| {
        let (field, wire, nullable) = (f.ident, &f.wire, f.option_inner.is_some());
        quote!(#wire => ::graphpatch::__private::patch_slot(&mut __map, &mut __patch.#field, #wire, #nullable)?,)
    });
    let read_only: Vec<&str> = fields
        .iter()
        .filter(|f| f.read_only)
        .map(|f| f.wire.as_str())
        .collect();
    let read_only_arm = (!read_only.is_empty()).then(|| {
        quote! {
            #(#read_only)|* => {
                return ::core::result::Result::Err(
                    ::graphpatch::__private::patch_unknown(#entity_name, __key.as_str(), true),
                )
            }
        }
    });
    let expecting = format!("a change set for {entity_name}");
    let body = map_visitor(
        quote!(#patch_ident),
        &expecting,
        quote! {
            let mut __patch = <#patch_ident as ::core::default::Default>::default();
            while let ::core::option::Option::Some(__key) =
                __map.next_key::<::graphpatch::__private::Key<'de>>()?
            {
                match __key.as_str() {
                    "@odata.type" => ::graphpatch::__private::patch_odata_type(&mut __map, #odata_type)?,
                    #(#writable)*
                    #read_only_arm
                    _ => {
                        return ::core::result::Result::Err(
                            ::graphpatch::__private::patch_unknown(#entity_name, __key.as_str(), false),
                        )
                    }
                }
            }
            ::core::result::Result::Ok(__patch)
        },
    );
    map_deserialize(&quote!(#patch_ident), body)
}

/// `impl Deserialize for #ty` reading a map with the `__Visitor` that `visitor` declares.
fn map_deserialize(ty: &TokenStream, visitor: TokenStream) -> TokenStream {
    quote! {
        impl<'de> ::graphpatch::__private::serde::Deserialize<'de> for #ty {
            fn deserialize<__D>(__deserializer: __D) -> ::core::result::Result<Self, __D::Error>
            where
                __D: ::graphpatch::__private::serde::Deserializer<'de>,
            {
                #visitor
                __deserializer.deserialize_map(__Visitor)
            }
        }
    }
}

/// A `__Visitor` unit struct whose `visit_map` runs `body` with the map in `__map`.
fn map_visitor(value: TokenStream, expecting: &str, body: TokenStream) -> TokenStream {
    quote! {
        struct __Visitor;
        impl<'de> ::graphpatch::__private::serde::de::Visitor<'de> for __Visitor {
            type Value = #value;
            fn expecting(&self, __f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                __f.write_str(#expecting)
            }
            fn visit_map<__A>(self, mut __map: __A) -> ::core::result::Result<#value, __A::Error>
            where
                __A: ::graphpatch::__private::serde::de::MapAccess<'de>,
            {
                #body
            }
        }
    }
}
