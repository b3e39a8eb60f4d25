//! Compile-time behaviour of the macros: each `fail/` case must fail with exactly its blessed
//! `.stderr`, each `pass/` case must compile and run. Re-bless with `TRYBUILD=overwrite`.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("tests/ui/*/pass/*.rs");
    t.compile_fail("tests/ui/*/fail/*.rs");
}
