//! What a macro emits beside its errors: the user's item, and the impls wherever they still
//! compile, so that the user's other code keeps compiling and they see our error alone, not a
//! cascade of "not a Graph entity".

use proc_macro2::TokenStream;
use quote::quote;

use crate::ast::{ComplexInput, Entity, Enum};
use crate::{expand_complex, expand_entity, expand_enum};

/// Input that is not the item the attribute goes on: the error, and the input unchanged.
pub fn unexpanded(input: TokenStream, error: syn::Error) -> TokenStream {
    let error = error.to_compile_error();
    quote!(#error #input)
}

/// A `#[graph_entity]` struct with errors.
pub fn entity(entity: &Entity, errors: syn::Error) -> TokenStream {
    let errors = errors.to_compile_error();
    let item = expand_entity::emit_struct(entity.item);
    let impls = entity
        .impls_compile()
        .then(|| expand_entity::emit_impls(entity));
    quote!(#errors #item #impls)
}

/// A `#[graph_complex]` struct or enum with errors.
pub fn complex(input: &ComplexInput, errors: syn::Error) -> TokenStream {
    let errors = errors.to_compile_error();
    let item = expand_complex::emit_item(input);
    let impls = match input {
        ComplexInput::Struct(complex) => complex.impls_compile(),
        ComplexInput::Enum(complex) => complex.impls_compile(),
    }
    .then(|| expand_complex::emit_impls(input));
    quote!(#errors #item #impls)
}

/// A `#[graph_enum]` with errors: the enum as written, without the `#[graph]` helpers (its
/// impls would repeat the errors).
pub fn graph_enum(model: &Enum, errors: syn::Error) -> TokenStream {
    let errors = errors.to_compile_error();
    let item = expand_enum::stripped(model.item);
    quote!(#errors #item)
}
