//! Generates the corpus entities (`graphpatch_test_support::corpus`) from their Graph reference
//! pages and the Graph CSDL, with graphpatch-codegen, the way a user's build script would: the
//! same inputs `tests/codegen_corpus.rs` reads (`$GRAPHPATCH_DOCS`, else the vendored
//! `tests/fixtures/graph-docs`, and the metadata in `graph-metadata` beside it), but only the
//! pages `tests/corpus_pages.rs` checks, so the step stays cheap.

use std::path::{Path, PathBuf};

/// The update pages of the corpus entities, relative to the docs root.
const PAGES: &[&str] = &[
    "api/intune-apps-iosmobileappconfiguration-update.md",
    "api/intune-auditing-auditevent-update.md",
    "api/intune-books-iosvppebookassignment-update.md",
    "api/intune-cirrus-windowsofficeclientsecurityconfiguration-update.md",
    "api/intune-deviceconfig-iosupdateconfiguration-update.md",
    "api/intune-deviceconfig-manageddevicecertificatestate-update.md",
    "api/intune-deviceconfig-windows10generalconfiguration-update.md",
    "api/intune-deviceconfig-windowsupdateforbusinessconfiguration-update.md",
    "api/intune-devices-devicelogcollectionresponse-update.md",
    "api/intune-devices-deviceshellscript-update.md",
    "api/intune-fencing-circulargeofencemanagementcondition-update.md",
    "api/intune-onboarding-onpremisesconditionalaccesssettings-update.md",
    "api/intune-shared-iosmanagedappprotection-update.md",
];

fn main() {
    // As `graphpatch_test_support::docs::docs_root`, which the tests read the pages through.
    println!("cargo::rerun-if-env-changed=GRAPHPATCH_DOCS");
    let docs = match std::env::var_os("GRAPHPATCH_DOCS") {
        Some(root) => PathBuf::from(root),
        // Read when the script runs, not when it was compiled: a build script binary may be
        // reused for a checkout elsewhere.
        None => Path::new(&std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"))
            .parent()
            .expect("the support crate sits in tests/")
            .join("fixtures/graph-docs"),
    };
    let csdl = docs.join("../graph-metadata/beta_metadata-2021-07-13.xml");
    let out =
        PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("corpus");
    let options = graphpatch_codegen::Options {
        csdl: Some(csdl.clone()),
        pages: PAGES.iter().map(PathBuf::from).collect(),
        ..graphpatch_codegen::Options::new(&docs, out)
    };
    let report = graphpatch_codegen::generate(&options)
        .unwrap_or_else(|err| panic!("generating the corpus entities: {err}"));
    for problem in report.failed.iter().chain(&report.warnings) {
        println!("cargo::warning={problem}");
    }
    assert!(
        report.failed.is_empty() && report.generated.len() == PAGES.len(),
        "some corpus pages could not be generated: {:?}",
        report.failed
    );
    // The generator also reads the type pages under `resources/`, so the whole docs root counts.
    println!("cargo::rerun-if-changed={}", docs.display());
    println!("cargo::rerun-if-changed={}", csdl.display());
}
