//! The code generator on the whole docs corpus: every update page of `tests/fixtures/graph-docs/api`
//! generated into one module of a scratch crate that depends on graphpatch alone, compiled, and
//! its generated tests run — each page's example request decodes as the entity's change set and
//! serializes back to the same JSON, its example response as the entity. The seed entity
//! generated from its page must equal the one annotated by hand
//! (`graphpatch_test_support::intune`) in metadata and on the wire. The same pages generated
//! without the CSDL (types from their reference pages alone) go into a second module of the
//! crate, under the same checks.
//!
//! The scratch crates live in this target dir's `tmp/` and build into this target dir, offline,
//! with this workspace's lock file, so graphpatch's dependencies are built once for all.
//! `cargo test --test codegen_corpus -- --ignored --nocapture` also measures the generated
//! crate's compile time against the same types with plain serde derives.

#[path = "common/scratch.rs"]
mod scratch;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use scratch::{assert_success, cargo, scratch_crate};

use graphpatch::GraphEntity;
use graphpatch_codegen::{generate, Options, Report, Style};
use graphpatch_test_support::docs::{self, json_text};
use graphpatch_test_support::intune::{DeviceManagementScriptState, RunState};

const SEED_PAGE: &str = "api/intune_devicefe_devicemanagementscriptstate_update.md";

/// The pages the generator must skip, and why: three pages whose HTTP request section names no
/// path (`PATCH ** Entity URI for … not found`), and the `POST` action answering 204.
const SKIPPED: &[(&str, &str)] = &[
    (
        "api/intune-partnerintegration-appvulnerabilitymanageddevice-update.md",
        "names no path",
    ),
    (
        "api/intune-partnerintegration-appvulnerabilitymobileapp-update.md",
        "names no path",
    ),
    (
        "api/intune-partnerintegration-vulnerablemanageddevice-update.md",
        "names no path",
    ),
    (
        "api/intune-policyset-policyset-update.md",
        "is an action (answering 204",
    ),
];

fn metadata_dir() -> PathBuf {
    docs::docs_root().join("../graph-metadata")
}

fn csdl() -> PathBuf {
    metadata_dir().join("beta_metadata-2021-07-13.xml")
}

/// Options for every page of the corpus, written into `out`.
fn corpus_options(out: PathBuf) -> Options {
    Options {
        csdl: Some(csdl()),
        pages: vec![PathBuf::from("api")],
        ..Options::new(docs::docs_root(), out)
    }
}

/// Checks what a corpus run generated and skipped.
fn check_report(report: &Report) {
    let pages = std::fs::read_dir(docs::docs_root().join("api"))
        .expect("the docs corpus")
        .count();
    assert_eq!(pages, 301);
    assert_eq!(report.generated.len() + report.failed.len(), pages);
    let mut skipped: Vec<(&str, &str)> = report
        .failed
        .iter()
        .map(|d| {
            let (page, reason) = SKIPPED
                .iter()
                .find(|(page, _)| *page == d.file)
                .unwrap_or_else(|| panic!("unexpected failure: {d}"));
            assert!(d.message.contains(reason), "{d}");
            assert!(d.line > 1, "{d}");
            (*page, *reason)
        })
        .collect();
    skipped.sort_unstable();
    assert_eq!(skipped, SKIPPED, "{:?}", report.failed);
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
}

/// The metadata constants of an entity, as one string.
fn metadata<E: GraphEntity>() -> String {
    format!(
        "{:?}",
        (
            E::NAME,
            E::ODATA_TYPE,
            E::VERSION,
            E::PATHS,
            E::PERMISSIONS,
            E::PROPERTIES,
            E::PATCH_ODATA_TYPE,
        )
    )
}

/// A test, for the scratch crate, comparing the generated seed entity with the hand-annotated
/// one: their metadata, and the JSON of the seed page's examples and of a change set built with
/// the setters.
fn seed_test(rust_name: &str) -> String {
    type Hand = DeviceManagementScriptState;
    let page = docs::corpus_page(SEED_PAGE);
    let request = json_text(&page.request.body_text);
    let response = json_text(&page.response.body_text);
    let patch: <Hand as GraphEntity>::Patch = serde_json::from_str(request).unwrap();
    let patch_json = serde_json::to_string(&patch).unwrap();
    let entity: Hand = serde_json::from_str(response).unwrap();
    let entity_json = serde_json::to_string(&entity).unwrap();
    let built = <Hand as GraphEntity>::Patch::new()
        .run_state(RunState::Success)
        .result_message("done")
        .clear_last_state_update_date_time();
    let built_json = serde_json::to_string(&built).unwrap();
    let expected_metadata = metadata::<Hand>();
    format!(
        r#"//! The generated seed entity against the hand-annotated `graphpatch_test_support::intune::{{
//! DeviceManagementScriptState}}`, whose metadata and JSON tests/codegen_corpus.rs wrote here.

use graphpatch::GraphEntity;

type Seed = crate::generated::{rust_name};

#[test]
fn seed_equals_the_hand_annotated_entity() {{
    let metadata = format!(
        "{{:?}}",
        (
            Seed::NAME,
            Seed::ODATA_TYPE,
            Seed::VERSION,
            Seed::PATHS,
            Seed::PERMISSIONS,
            Seed::PROPERTIES,
            Seed::PATCH_ODATA_TYPE,
        )
    );
    assert_eq!(metadata, {expected_metadata:?});

    let patch: <Seed as GraphEntity>::Patch = serde_json::from_str({request:?}).unwrap();
    assert_eq!(serde_json::to_string(&patch).unwrap(), {patch_json:?});
    let entity: Seed = serde_json::from_str({response:?}).unwrap();
    assert_eq!(serde_json::to_string(&entity).unwrap(), {entity_json:?});
    let built = <Seed as GraphEntity>::Patch::new()
        .run_state("success")
        .result_message("done")
        .clear_last_state_update_date_time();
    assert_eq!(serde_json::to_string(&built).unwrap(), {built_json:?});
}}
"#
    )
}

#[test]
fn the_whole_corpus_generates_compiles_and_passes_its_tests() {
    let dir = scratch_crate(
        "graphpatch-codegen-corpus",
        "\n[dev-dependencies]\nserde_json = \"1\"\n",
    );
    let started = Instant::now();
    let report = generate(&Options {
        tests: true,
        ..corpus_options(dir.join("src/generated"))
    })
    .expect("the corpus generates");
    let generation = started.elapsed();
    check_report(&report);
    assert_eq!(report.generated.len(), 297);
    assert!(report.formatted, "{:?}", report.warnings);

    // The same pages without the CSDL: linked types from their pages in resources/ alone. The
    // corpus has pages only for the types the request tables link to, so a page reaching further
    // is skipped; the others must compile and pass their tests too.
    let from_pages = generate(&Options {
        csdl: None,
        tests: true,
        ..corpus_options(dir.join("src/from_pages"))
    })
    .expect("the corpus generates");
    for failure in &from_pages.failed {
        assert!(
            failure.message.contains("needs the CSDL (--csdl)")
                || SKIPPED.iter().any(|(page, _)| *page == failure.file),
            "{failure}"
        );
    }
    assert!(
        from_pages.generated.len() > 200,
        "{}",
        from_pages.generated.len()
    );

    let seed = report
        .generated
        .iter()
        .find(|g| g.page == SEED_PAGE)
        .expect("the seed page is generated");
    std::fs::write(
        dir.join("src/lib.rs"),
        "//! Every update page of the Graph docs corpus, generated by tests/codegen_corpus.rs.\n\
         #![deny(warnings, missing_docs)]\n\n\
         /// Generated with the CSDL.\npub mod generated;\n\n\
         /// Generated from the pages alone.\npub mod from_pages;\n\n\
         #[cfg(test)]\nmod seed;\n",
    )
    .unwrap();
    std::fs::write(dir.join("src/seed.rs"), seed_test(&seed.rust_name)).unwrap();

    // The output is rustfmt-clean.
    if let Ok(output) = Command::new("rustfmt")
        .args(["--check", "--edition", "2021"])
        .arg(dir.join("src/generated/mod.rs"))
        .output()
    {
        assert_success("rustfmt --check", &output);
    }

    let (output, compile) = cargo(&dir, &["test", "--no-run"]);
    assert_success("building the generated crate's tests", &output);
    let (output, run) = cargo(&dir, &["test"]);
    assert_success("the generated tests", &output);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let expected = report.generated.len() + from_pages.generated.len() + 1;
    assert!(
        stdout.contains(&format!("test result: ok. {expected} passed; 0 failed")),
        "{stdout}"
    );
    assert!(stdout.contains("test seed::seed_equals_the_hand_annotated_entity ... ok"));
    eprintln!(
        "generated {} entities and {} types from {} pages in {generation:.2?} ({} entities and \
         {} types without the CSDL); compiled their tests in {compile:.1?}, ran them in {run:.1?}",
        report.generated.len(),
        report.types,
        report.generated.len() + report.failed.len(),
        from_pages.generated.len(),
        from_pages.types,
    );
}

#[test]
fn generating_twice_writes_the_same_bytes() {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("graphpatch-codegen-determinism");
    let _ = std::fs::remove_dir_all(&root);
    let read_all = |dir: &Path| {
        let mut files: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                let path = e.unwrap().path();
                let bytes = std::fs::read(&path).unwrap();
                (path.strip_prefix(dir).unwrap().to_owned(), bytes)
            })
            .collect();
        files.sort();
        files
    };
    let first = generate(&Options {
        tests: true,
        ..corpus_options(root.join("a"))
    })
    .unwrap();
    check_report(&first);
    // The same pages, named one by one and in reverse order.
    let mut pages: Vec<PathBuf> = first
        .generated
        .iter()
        .map(|g| PathBuf::from(&g.page))
        .chain(first.failed.iter().map(|d| PathBuf::from(&d.file)))
        .collect();
    pages.reverse();
    let second = generate(&Options {
        tests: true,
        pages,
        ..corpus_options(root.join("b"))
    })
    .unwrap();
    check_report(&second);
    assert_eq!(read_all(&root.join("a")), read_all(&root.join("b")));
}

#[test]
fn the_permissions_map_wins_where_it_knows_the_templates() {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("graphpatch-codegen-permissions");
    let report = generate(&Options {
        permissions: Some(metadata_dir().join("permissions.json")),
        ..corpus_options(out.clone())
    })
    .unwrap();
    check_report(&report);
    let source = |module: &str| std::fs::read_to_string(out.join(format!("{module}.rs"))).unwrap();
    let mut from_map = 0;
    for generated in &report.generated {
        let text = source(&generated.module).replace("\n/// ", " ");
        let map = text.contains("Permissions: from the Graph permissions map");
        let table = text.contains("Permissions: from the page's table");
        assert!(map != table, "{}: {text}", generated.page);
        from_map += usize::from(map);
    }
    assert!(from_map > 250, "{from_map} entities from the map");

    // The seed's `runStates` is gone from today's Graph: its table is used.
    let seed = report
        .generated
        .iter()
        .find(|g| g.page == SEED_PAGE)
        .unwrap();
    let text = source(&seed.module).replace("\n/// ", " ");
    assert!(text.contains("the Graph permissions map does not know these templates"));
    assert!(text.contains("delegated_work = [\"DeviceManagementManagedDevices.ReadWrite.All\"]"));

    // deviceCategory: the 2021 page names DeviceManagementManagedDevices.ReadWrite.All; the
    // map makes DeviceManagementConfiguration.ReadWrite.All the least privileged.
    let category = report
        .generated
        .iter()
        .find(|g| g.odata_type == "microsoft.graph.deviceCategory")
        .unwrap();
    let text = source(&category.module).replace("\n/// ", " ");
    assert!(
        text.contains("delegated_work = [\n            \"DeviceManagementConfiguration.ReadWrite.All\",\n            \"DeviceManagementManagedDevices.ReadWrite.All\","),
        "{text}"
    );
    assert!(text.contains(
        "Delegated (work or school account): the page's table says DeviceManagementManagedDevices.ReadWrite.All."
    ));
}

/// Compile time of the generated crate against the same structs and enums with plain serde
/// derives (`Style::PlainSerde`): the macros' overhead. Slow (two more builds of the crate), so
/// run on demand: `cargo test --test codegen_corpus -- --ignored --nocapture`.
#[test]
#[ignore = "measurement: two clean builds of a large generated crate"]
fn compile_time_against_plain_serde() {
    let lib = "//! Generated by tests/codegen_corpus.rs.\n#![allow(missing_docs)]\n\npub mod generated;\n";
    let mut crates = Vec::new();
    for (name, style, extra) in [
        ("graphpatch-codegen-timing", Style::Graphpatch, ""),
        (
            "graphpatch-codegen-timing-plain",
            Style::PlainSerde,
            "serde = { version = \"1\", features = [\"derive\"] }\n",
        ),
    ] {
        let dir = scratch_crate(name, extra);
        let started = Instant::now();
        let report = generate(&Options {
            style,
            ..corpus_options(dir.join("src/generated"))
        })
        .unwrap();
        let generation = started.elapsed();
        check_report(&report);
        std::fs::write(dir.join("src/lib.rs"), lib).unwrap();
        // Dependencies first, so that the timed build is the generated crate's alone.
        let (output, _) = cargo(&dir, &["build"]);
        assert_success(name, &output);
        crates.push((name, dir, generation));
    }
    let mut times = Vec::new();
    for (name, dir, generation) in &crates {
        let (output, _) = cargo(dir, &["clean", "-p", name]);
        assert_success("cargo clean", &output);
        let (output, build) = cargo(dir, &["build"]);
        assert_success(name, &output);
        let lines = std::fs::read_dir(dir.join("src/generated"))
            .unwrap()
            .map(|e| {
                std::fs::read_to_string(e.unwrap().path())
                    .unwrap()
                    .lines()
                    .count()
            })
            .sum::<usize>();
        eprintln!("{name}: generated in {generation:.2?} ({lines} lines), built in {build:.1?}");
        times.push(build.as_secs_f64());
    }
    eprintln!(
        "graphpatch attributes / plain serde derives: {:.2}x",
        times[0] / times[1]
    );
}
