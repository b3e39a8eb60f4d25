//! Token emission for `#[graph_entity]`: the struct itself, its serde impls, the metadata trait
//! impl, the change set type and the path type. Nothing here decides whether input is valid.

use graphpatch_naming::template::{Segment, Template};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};

use crate::ast::{Entity, Permissions, ScopeList, Version};
use crate::attr;
use crate::case;
use crate::ctxt::Ctxt;
use crate::expand_serde;
use crate::fallback;

/// `#[graph_entity(args)]` on `input`: the model, its checks, then the struct and its impls, or
/// the fallback beside the errors.
pub fn expand(args: TokenStream, input: TokenStream) -> TokenStream {
    let item: syn::ItemStruct = match syn::parse2(input.clone()) {
        Ok(item) => item,
        Err(err) => {
            let error = syn::Error::new(err.span(), "#[graph_entity] goes on a struct");
            return fallback::unexpanded(input, error);
        }
    };
    let cx = Ctxt::new();
    let entity = Entity::from_syn(&cx, args, &item);
    entity.validate(&cx);
    match cx.check() {
        Ok(()) => {
            let struct_item = emit_struct(entity.item);
            let impls = emit_impls(&entity);
            quote!(#struct_item #impls)
        }
        Err(errors) => fallback::entity(&entity, errors),
    }
}

/// The user's struct without the `#[graph]` helpers, which mean nothing to the compiler.
pub fn emit_struct(item: &syn::ItemStruct) -> TokenStream {
    let mut item = item.clone();
    // User serde attributes were reported (graphpatch writes the serde impls); dropping them
    // keeps that report the only one.
    item.attrs.retain(|a| !a.path().is_ident("serde"));
    for field in item.fields.iter_mut() {
        attr::strip(&mut field.attrs);
        field.attrs.retain(|a| !a.path().is_ident("serde"));
    }
    quote!(#item)
}

/// The impls of an entity: metadata, serde, the change set and the path type. A missing or
/// rejected attribute value (reported) has a stand-in, so that they are whole beside an error.
pub fn emit_impls(entity: &Entity) -> TokenStream {
    let ident = &entity.item.ident;
    let vis = &entity.item.vis;
    let patch_ident = format_ident!("{}Patch", ident);
    let path_ident = format_ident!("{}Path", ident);
    let attr = &entity.attr;
    // A missing or rejected value has been reported; its stand-in only keeps the impls whole.
    let odata_type = attr
        .odata_type
        .as_ref()
        .map(syn::LitStr::value)
        .unwrap_or_default();
    let odata_value = format!("#{odata_type}");
    let version = match attr.version.unwrap_or(Version::Beta) {
        Version::Beta => quote!(::graphpatch::__private::ApiVersion::Beta),
        Version::V1 => quote!(::graphpatch::__private::ApiVersion::V1),
    };
    let name = ident.to_string();
    let permissions = permissions_table(attr.permissions.as_ref());
    // Only where the GET table differs: the trait's default is the PATCH table.
    let read_permissions = attr.read_permissions.as_ref().map(|read| {
        let table = permissions_table(Some(read));
        quote!(const READ_PERMISSIONS: ::graphpatch::__private::Permissions = #table;)
    });
    let patch_odata_type = attr.patch_odata_type;
    let templates: Vec<&Template> = attr.paths.iter().map(|p| &p.template).collect();
    let paths = templates
        .iter()
        .zip(&attr.paths)
        .map(|(t, p)| path_template(t, p.span()));

    let properties = entity.fields.iter().map(|f| {
        let (name, wire, read_only, nullable) =
            (f.name(), &f.wire, f.read_only, f.option_inner.is_some());
        quote!(::graphpatch::__private::Property {
            name: #name, wire: #wire, read_only: #read_only, nullable: #nullable,
        })
    });

    let serialize = expand_serde::serialize(ident, &entity.fields, Some(&odata_value));
    let deserialize =
        expand_serde::deserialize(ident, &entity.fields, &format!("a {odata_type} object"));
    let deserialize_patch =
        expand_serde::deserialize_patch(&patch_ident, &name, &odata_type, &entity.fields);

    let writable: Vec<(usize, &crate::ast::Field)> = entity
        .fields
        .iter()
        .enumerate()
        .filter(|(_, f)| !f.read_only)
        .collect();
    let slot_fields = writable.iter().map(|(_, f)| {
        let (field, ty) = (f.ident, f.value_ty());
        quote!(#field: ::graphpatch::__private::Slot<#ty>)
    });
    let slot_serialize = writable.iter().map(|(_, f)| {
        let (field, wire) = (f.ident, &f.wire);
        quote!(self.#field.serialize_entry(#wire, &mut __map)?;)
    });
    let slot_counts = writable.iter().map(|(_, f)| {
        let field = f.ident;
        quote!(<::core::primitive::usize as ::core::convert::From<::core::primitive::bool>>::from(self.#field.is_set()))
    });
    let field_names: Vec<String> = entity.fields.iter().map(|f| f.name()).collect();
    let field_names: Vec<&str> = field_names.iter().map(String::as_str).collect();
    // Without a table (too many properties for one), `graph_patch!` finds names the slow way.
    let name_table = graphpatch_naming::name_table(&field_names).unwrap_or_default();
    let name_keys = field_names.iter().map(|n| case::name_key(n));
    let param_keys = templates.iter().map(|t| {
        let keys = t.params().map(|(_, name)| case::name_key(name));
        quote!(&[#(#keys),*])
    });
    // What a `graph_patch!` call site sets a property through, found by the property's name, of
    // the exact type, so that the conversion stays at the call site, where a wrong value is
    // reported.
    let call_site_setters = writable.iter().map(|(_, f)| {
        let (field, ty) = (f.ident, f.value_ty());
        let set = format_ident!("__graphpatch_set_{}", f.name());
        let null = f.option_inner.is_some().then(|| {
            let null = format_ident!("__graphpatch_null_{}", f.name());
            quote! {
                #[doc(hidden)]
                #[inline]
                pub fn #null(&mut self) {
                    self.#field.set_null();
                }
            }
        });
        quote! {
            #[doc(hidden)]
            #[inline]
            pub fn #set(&mut self, value: #ty) {
                self.#field.set(value);
            }
            #null
        }
    });
    let setters = writable.iter().map(|(_, f)| {
        let (field, ty, wire) = (f.ident, f.value_ty(), &f.wire);
        let set_doc = format!("Sets `{wire}`.");
        let setter = quote! {
            #[doc = #set_doc]
            #[must_use]
            pub fn #field(mut self, value: impl ::core::convert::Into<#ty>) -> Self {
                self.#field.set(::core::convert::Into::into(value));
                self
            }
        };
        if f.option_inner.is_none() {
            return setter;
        }
        let clear = format_ident!("clear_{}", f.name());
        let clear_doc = format!("Sets `{wire}` to `null`, clearing it in Graph.");
        quote! {
            #setter
            #[doc = #clear_doc]
            #[must_use]
            pub fn #clear(mut self) -> Self {
                self.#field.set_null();
                self
            }
        }
    });

    let property_types = crate::filter::property_types(entity);
    let variants = path_variants(&templates);
    let path_enum_variants = templates.iter().zip(&variants).map(|(t, v)| {
        let doc = format!("`PATCH {}`", t.text);
        let fields: Vec<syn::Ident> = t.params().map(|(_, s)| case::ident(s)).collect();
        let docs = t.params().map(|(w, _)| format!("`{{{w}}}`"));
        if fields.is_empty() {
            quote!(#[doc = #doc] #v)
        } else {
            quote!(#[doc = #doc] #v { #( #[doc = #docs] #fields: ::std::string::String, )* })
        }
    });
    let path_resolve_arms = templates
        .iter()
        .zip(&variants)
        .enumerate()
        .map(|(i, (t, v))| {
            let fields: Vec<syn::Ident> = t.params().map(|(_, s)| case::ident(s)).collect();
            let pattern = if fields.is_empty() {
                quote!(Self::#v)
            } else {
                quote!(Self::#v { #(#fields),* })
            };
            quote!(#pattern => ::graphpatch::__private::resolved_path(
            &<#ident as ::graphpatch::__private::GraphEntity>::PATHS[#i], ::std::vec![#(#fields),*]))
        });

    let patch_doc = format!(
        "A change set for [`{name}`]: one slot per writable property, each unset, `null` or a \
         value. Only set slots are sent.\n\nBuild it with the setters, or with \
         [`graph_patch!`](::graphpatch::graph_patch)."
    );
    let path_doc =
        format!("Where a [`{name}`] lives: one variant per path template, with its parameters.");
    let patch_fn_doc = format!(
        "A PATCH request for one [`{name}`]: where it is and what changes. Send it with \
         `GraphClient::send`."
    );

    quote! {
        #[doc = #patch_doc]
        #[derive(
            ::core::fmt::Debug,
            ::core::clone::Clone,
            ::core::default::Default,
            ::core::cmp::PartialEq,
        )]
        #vis struct #patch_ident {
            #(#slot_fields,)*
        }

        impl #patch_ident {
            /// An empty change set.
            #[must_use]
            pub fn new() -> Self {
                ::core::default::Default::default()
            }
            #(#setters)*
            #(#call_site_setters)*
        }

        #[doc = #path_doc]
        #[derive(
            ::core::fmt::Debug,
            ::core::clone::Clone,
            ::core::cmp::PartialEq,
            ::core::cmp::Eq,
            ::core::hash::Hash,
        )]
        #vis enum #path_ident {
            #(#path_enum_variants,)*
        }

        impl #ident {
            #[doc = #patch_fn_doc]
            #vis fn patch(path: #path_ident, changes: #patch_ident) -> ::graphpatch::__private::PatchRequest<Self> {
                ::graphpatch::__private::PatchRequest::new(path, changes)
            }
        }

        const _: () = {
            use ::graphpatch::__private::serde::ser::SerializeMap as _;

            impl ::graphpatch::__private::GraphEntity for #ident {
                const NAME: &'static ::core::primitive::str = #name;
                const ODATA_TYPE: &'static ::core::primitive::str = #odata_type;
                const VERSION: ::graphpatch::__private::ApiVersion = #version;
                const PATHS: &'static [::graphpatch::__private::PathTemplate] = &[#(#paths),*];
                const PERMISSIONS: ::graphpatch::__private::Permissions = #permissions;
                #read_permissions
                const PROPERTIES: &'static [::graphpatch::__private::Property] = &[#(#properties),*];
                const PATCH_ODATA_TYPE: ::core::primitive::bool = #patch_odata_type;
                type Patch = #patch_ident;
                type Path = #path_ident;
            }

            #serialize
            #deserialize
            #deserialize_patch

            impl ::graphpatch::__private::ChangeSet for #patch_ident {
                type Entity = #ident;
                fn len(&self) -> ::core::primitive::usize {
                    0 #(+ #slot_counts)*
                }
            }

            impl ::graphpatch::__private::serde::Serialize for #patch_ident {
                fn serialize<__S>(&self, __serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error>
                where
                    __S: ::graphpatch::__private::serde::Serializer,
                {
                    let __len = ::graphpatch::__private::ChangeSet::len(self) + <::core::primitive::usize as ::core::convert::From<::core::primitive::bool>>::from(#patch_odata_type);
                    let mut __map = __serializer.serialize_map(::core::option::Option::Some(__len))?;
                    if #patch_odata_type {
                        __map.serialize_entry("@odata.type", #odata_value)?;
                    }
                    #(#slot_serialize)*
                    __map.end()
                }
            }

            impl ::graphpatch::__private::PatchNames for #patch_ident {
                const TABLE: &'static [::core::primitive::u16] = &[#(#name_table),*];
                const KEYS: &'static [::core::primitive::u128] = &[#(#name_keys),*];
                const PARAMS: &'static [&'static [::core::primitive::u128]] = &[#(#param_keys),*];
            }
            #property_types

            impl ::graphpatch::__private::EntityPath for #path_ident {
                type Entity = #ident;
                fn resolve(self) -> ::graphpatch::__private::ResolvedPath {
                    match self {
                        #(#path_resolve_arms,)*
                    }
                }
            }
        };
    }
}

/// A permissions table as a constant expression; missing kinds (reported) stand in as
/// unsupported.
fn permissions_table(permissions: Option<&Permissions>) -> TokenStream {
    if permissions.is_some_and(|p| p.unknown) {
        return quote!(::graphpatch::__private::Permissions::UNKNOWN);
    }
    let [work, personal, app] = [0, 1, 2].map(|kind| {
        let list = permissions.and_then(|p| p.kinds[kind].as_ref());
        scopes(list.unwrap_or(&ScopeList::Unsupported))
    });
    quote!(::graphpatch::__private::Permissions {
        delegated_work: #work,
        delegated_personal: #personal,
        application: #app,
    })
}

fn scopes(list: &ScopeList) -> TokenStream {
    match list {
        ScopeList::Unsupported => quote!(::graphpatch::__private::Scopes::Unsupported),
        ScopeList::Scopes { scopes, .. } => {
            quote!(::graphpatch::__private::Scopes::AnyOf(&[#(#scopes),*]))
        }
    }
}

fn path_template(template: &Template, span: Span) -> TokenStream {
    let text = &template.text;
    let segments = template.segments.iter().map(|s| match s {
        Segment::Literal(lit) => quote!(::graphpatch::__private::Segment::Literal(#lit)),
        Segment::Param { wire, snake } => {
            quote!(::graphpatch::__private::Segment::Param { wire: #wire, name: #snake })
        }
    });
    quote_spanned!(span=> ::graphpatch::__private::PathTemplate { template: #text, segments: &[#(#segments),*] })
}

/// Variant names for the path enum: each template's literal segments after the first, in
/// PascalCase (`/deviceManagement/deviceShellScripts/{a}/deviceRunStates/{b}` →
/// `DeviceShellScriptsDeviceRunStates`). A name depends on its template alone, so adding a
/// template never renames the others; templates with the same literals get an index suffix.
fn path_variants(templates: &[&Template]) -> Vec<syn::Ident> {
    let mut names: Vec<String> = Vec::new();
    for (i, template) in templates.iter().enumerate() {
        let literals: Vec<&str> = template
            .segments
            .iter()
            .filter_map(|s| match s {
                Segment::Literal(l) => Some(l.as_str()),
                Segment::Param { .. } => None,
            })
            .collect();
        let skip = usize::from(literals.len() > 1);
        let mut name: String = literals[skip..]
            .iter()
            .map(|l| case::to_pascal(l))
            .collect();
        if !name.starts_with(|c: char| c.is_ascii_alphabetic())
            || case::RESERVED.contains(&name.as_str())
        {
            name = format!("Template{i}");
        }
        if names.contains(&name) {
            name = format!("{name}{i}");
        }
        names.push(name);
    }
    names.iter().map(|n| format_ident!("{}", n)).collect()
}
