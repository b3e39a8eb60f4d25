//! `graphpatch-codegen`: see the library's documentation for the command line.

fn main() {
    std::process::exit(graphpatch_codegen::cli::run(std::env::args_os().skip(1)));
}
