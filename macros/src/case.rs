//! Name conversions between Rust's snake_case / PascalCase and Graph's lowerCamel wire names: the
//! string rules live in `graphpatch-naming`, shared with the code generator; this module adds
//! what needs syn.

use proc_macro2::Span;
use syn::ext::IdentExt;

pub use graphpatch_naming::{pascal_to_lower_camel, snake_to_lower_camel, to_pascal, RESERVED};

/// An identifier for `name`, raw when `name` is a keyword.
pub fn ident(name: &str) -> syn::Ident {
    if graphpatch_naming::is_keyword(name) {
        syn::Ident::new_raw(name, Span::call_site())
    } else {
        syn::Ident::new(name, Span::call_site())
    }
}

/// The key of a property's or path parameter's Rust name (`graphpatch_naming::name_key`), as a
/// literal: what `#[graph_entity]` writes for each name and a `graph_patch!` call site for each
/// name it was given.
pub fn name_key(name: &str) -> proc_macro2::Literal {
    proc_macro2::Literal::u128_suffixed(graphpatch_naming::name_key(name))
}

/// The identifier as the user means it: `r#type` → `type`.
pub fn unraw(ident: &syn::Ident) -> String {
    ident.unraw().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers() {
        assert_eq!(unraw(&syn::parse_str("r#type").unwrap()), "type");
        assert_eq!(ident("type").to_string(), "r#type");
        assert_eq!(ident("user_id").to_string(), "user_id");
    }
}
