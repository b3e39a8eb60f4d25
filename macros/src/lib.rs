//! Procedural macros for [graphpatch](https://docs.rs/graphpatch).
//!
//! Use them through the `graphpatch` crate, which re-exports them and provides the runtime items
//! that the generated code names; this crate alone is not useful.
//!
//! The crate is split the way `thiserror` is: [`ctxt`] collects errors, [`attr`] parses
//! attributes, [`ast`] holds the typed model of the input, [`valid`] checks the Graph rules,
//! and the `expand_*` modules only emit tokens.

mod ast;
mod attr;
mod case;
mod ctxt;
mod expand_complex;
mod expand_entity;
mod expand_enum;
mod expand_serde;
mod patch;
mod symbol;
mod valid;

use proc_macro::TokenStream;

/// Turns a struct into a Microsoft Graph entity. See the `graphpatch` crate for the full
/// description and examples.
#[proc_macro_attribute]
pub fn graph_entity(args: TokenStream, input: TokenStream) -> TokenStream {
    debug_print(
        "graph_entity",
        expand_entity::expand(args.into(), input.into()),
    )
    .into()
}

/// Turns a struct into a Graph complex type, or an enum of such structs into a polymorphic
/// complex property. See the `graphpatch` crate.
#[proc_macro_attribute]
pub fn graph_complex(args: TokenStream, input: TokenStream) -> TokenStream {
    debug_print(
        "graph_complex",
        expand_complex::expand(args.into(), input.into()),
    )
    .into()
}

/// Turns a fieldless enum into a Graph string enum. See the `graphpatch` crate.
#[proc_macro_attribute]
pub fn graph_enum(args: TokenStream, input: TokenStream) -> TokenStream {
    debug_print("graph_enum", expand_enum::expand(args.into(), input.into())).into()
}

/// Builds a compile-time checked PATCH request. See the `graphpatch` crate.
#[proc_macro]
pub fn graph_patch(input: TokenStream) -> TokenStream {
    debug_print("graph_patch", patch::expand(input.into())).into()
}

/// With `GRAPHPATCH_MACROS_DEBUG` set, prints each expansion to stderr while compiling: the
/// quickest way to see what a macro generated for a given input.
fn debug_print(name: &str, tokens: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    if std::env::var_os("GRAPHPATCH_MACROS_DEBUG").is_some() {
        eprintln!("--- {name} expansion ---\n{tokens}\n");
    }
    tokens
}
