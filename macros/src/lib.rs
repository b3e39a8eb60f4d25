//! Procedural macros for [graphpatch](https://docs.rs/graphpatch).
//!
//! Use them through the `graphpatch` crate, which re-exports them and provides the runtime items
//! that the generated code names; this crate alone is not useful.
//!
//! # Layout
//!
//! The crate is split the way `thiserror`'s is, one concern a file:
//!
//! - `ast.rs` builds the typed model of the input from syn (`from_syn`): an entity, a complex
//!   struct or polymorphic enum, a string enum. It keeps the syntax nodes for spans and holds
//!   what was written, right or wrong.
//! - `attr.rs` parses the attributes (`#[graph_entity(...)]`, `#[graph(...)]`, …) and reports
//!   only what cannot be read; the keys are constants in `symbol.rs`.
//! - `valid.rs` checks the model against the Graph rules and reports through the error
//!   collector in `ctxt.rs`, so that one compile shows every mistake.
//! - `expand_entity.rs`, `expand_complex.rs`, `expand_enum.rs` drive one macro each (model,
//!   checks, then emission) and only emit tokens; `expand_serde.rs` writes the serde impls the
//!   entity and complex expansions share; `patch.rs` is `graph_patch!`, `filter.rs`
//!   `graph_filter!` (and the per-property types `#[graph_entity]` emits for it).
//! - `fallback.rs` is what a macro emits beside its errors: the user's item, and the impls
//!   wherever they still compile, so the user sees our error alone and not a cascade.
//!
//! The rules the code generator must predict (path templates, names, scope and OData type
//! names) live in `graphpatch-naming`, which both use.

mod ast;
mod attr;
mod case;
mod ctxt;
mod expand_complex;
mod expand_entity;
mod expand_enum;
mod expand_serde;
mod fallback;
mod filter;
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

/// Builds a compile-time checked `$filter` expression. See the `graphpatch` crate.
#[proc_macro]
pub fn graph_filter(input: TokenStream) -> TokenStream {
    debug_print("graph_filter", filter::expand(input.into())).into()
}

/// With `GRAPHPATCH_MACROS_DEBUG` set, prints each expansion to stderr while compiling: the
/// quickest way to see what a macro generated for a given input.
fn debug_print(name: &str, tokens: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    if std::env::var_os("GRAPHPATCH_MACROS_DEBUG").is_some() {
        eprintln!("--- {name} expansion ---\n{tokens}\n");
    }
    tokens
}
