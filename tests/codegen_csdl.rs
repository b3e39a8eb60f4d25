//! The code generator's CSDL-first form (`--entity`), against Graph's own metadata:
//!
//! - from the 2021 beta CSDL alone (no pages), the entity type of each of the 301 corpus pages:
//!   the page's example request decodes strictly as the generated change set and re-encodes to
//!   the same JSON, the example response decodes, and the page's PATCH templates are among the
//!   generated ones (modulo parameter names) — with the counts of pages that get all, some or
//!   none of their templates, and every miss named with the container rule it breaks;
//! - from today's v1.0 CSDL, a sample of entity types against change sets written from the
//!   CSDL: each compiles, its templates include the canonical ones, a change set round-trips;
//! - a deterministic sample of "every v1.0 entity type the permissions map lists a PATCH for"
//!   (the whole set behind `GRAPHPATCH_WHOLE_V1=1`, see [`whole_v1_generates_and_compiles`]);
//! - pages enriching the beta CSDL's entities (`--docs` with update pages): descriptions,
//!   read-only markers, templates the container does not produce, `resources/` descriptions,
//!   and `--tests` on the enriched entities ([`pages_enrich_the_csdl_first_form`]).
//!
//! The generated modules go into scratch crates (`common/scratch.rs`), each generated once and
//! compiled once.

#[path = "common/scratch.rs"]
mod scratch;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use graphpatch_codegen::{generate, Metadata, Options, Style};
use graphpatch_test_support::docs::{self, json_text};
use scratch::{assert_success, cargo, scratch_crate};

fn metadata_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/graph-metadata")
}

fn docs_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/graph-docs")
}

fn beta() -> PathBuf {
    metadata_dir().join("beta_metadata-2021-07-13.xml")
}

fn v1() -> PathBuf {
    metadata_dir().join("v1.0_metadata-2026-08-20.xml")
}

/// `/a/{x}/b` → `/a/{}/b`: templates compared modulo parameter names (and a trailing `/`).
fn shape(template: &str) -> String {
    let mut out = String::new();
    let mut in_param = false;
    for ch in template.trim().trim_end_matches('/').chars() {
        match ch {
            '{' => {
                in_param = true;
                out.push_str("{}");
            }
            '}' => in_param = false,
            _ if in_param => {}
            c => out.push(c),
        }
    }
    out
}

/// A corpus page as the test reads it.
struct CorpusPage {
    name: String,
    odata_type: String,
    /// The `PATCH /…` lines of its HTTP request section.
    templates: Vec<String>,
    /// The example request's JSON, if the page reader reads the page.
    request: Option<String>,
    response: Option<String>,
}

/// Every corpus page whose examples name its type.
fn corpus() -> Vec<CorpusPage> {
    let mut names: Vec<String> = std::fs::read_dir(docs_root().join("api"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 301);
    let mut pages = Vec::new();
    for name in names {
        let text = std::fs::read_to_string(docs_root().join("api").join(&name)).unwrap();
        // The PATCH lines of the HTTP request section (not the examples').
        let section = text.split("## Request headers").next().unwrap_or(&text);
        let templates: Vec<String> = section
            .lines()
            .filter_map(|l| l.trim().strip_prefix("PATCH /"))
            .map(|t| format!("/{}", t.trim()))
            .collect();
        let (odata_type, request, response) = match docs::parse(&text) {
            Ok(page) => {
                let odata_type = page
                    .response
                    .body
                    .get("@odata.type")
                    .or_else(|| page.request.body.get("@odata.type"))
                    .and_then(|t| t.as_str())
                    .unwrap_or_else(|| panic!("{name}: no @odata.type"))
                    .trim_start_matches('#')
                    .to_owned();
                let response = json_text(&page.response.body_text).trim().to_owned();
                (
                    odata_type,
                    Some(json_text(&page.request.body_text).to_owned()),
                    (!response.is_empty()).then_some(response),
                )
            }
            // The page reader refuses an example without a JSON answer (the policy set's POST
            // action, answering 204): its type is the request's.
            Err(_) => {
                let at = text.find("\"@odata.type\"").expect("the page names a type");
                let value = text[at..].split('"').nth(3).unwrap();
                (value.trim_start_matches('#').to_owned(), None, None)
            }
        };
        pages.push(CorpusPage {
            name,
            odata_type,
            templates,
            request,
            response,
        });
    }
    pages
}

/// `text` as a raw string literal.
fn raw(text: &str) -> String {
    let mut hashes = 1;
    while text.contains(&format!("\"{}", "#".repeat(hashes))) {
        hashes += 1;
    }
    let fence = "#".repeat(hashes);
    format!("r{fence}\"{text}\"{fence}")
}

/// The JSON a graphpatch type writes back for `value`: no `null` inside a complex value (read
/// as absent), the change set's own `null`s kept.
fn without_nested_nulls(value: &serde_json::Value, keep_own: bool) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(_, v)| keep_own || !v.is_null())
                .map(|(k, v)| (k.clone(), without_nested_nulls(v, false)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|v| without_nested_nulls(v, false))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// The helpers of the scratch crate's tests.
const HELPERS: &str = r#"use graphpatch::testing::json_diff;
use graphpatch::GraphEntity;

/// Decodes `request` strictly as a change set of `E` and compares its JSON with `expected`;
/// decodes `response` as an `E`. `Err` says which step failed.
pub fn check<E: GraphEntity>(request: &str, expected: &str, response: Option<&str>) -> Result<(), String> {
    let changes: E::Patch = serde_json::from_str(request)
        .map_err(|e| format!("the request does not decode as the change set: {e}"))?;
    let sent = serde_json::to_string(&changes).expect("a change set serializes");
    if let Some(diff) = json_diff(expected, &sent) {
        return Err(format!("the change set re-encodes differently: {diff}"));
    }
    if let Some(response) = response {
        serde_json::from_str::<E>(response)
            .map_err(|e| format!("the response does not decode as the entity: {e}"))?;
    }
    Ok(())
}

/// Each template of `E`, as it `Display`s.
pub fn paths<E: GraphEntity>() -> Vec<String> {
    E::PATHS.iter().map(|p| p.to_string()).collect()
}
"#;

/// The v1.0 sample: entity type, the canonical templates it must have, and a change set
/// written from the CSDL's properties.
const V1_SAMPLE: &[(&str, &[&str], &str)] = &[
    (
        "microsoft.graph.user",
        &["/users/{userId}", "/me"],
        r##"{"@odata.type":"#microsoft.graph.user","accountEnabled":true,"businessPhones":["+1 425 555 0109"],"displayName":"Adele Vance","passwordProfile":{"@odata.type":"microsoft.graph.passwordProfile","forceChangePasswordNextSignIn":true},"usageLocation":"US","officeLocation":null}"##,
    ),
    (
        "microsoft.graph.group",
        &["/groups/{groupId}"],
        r##"{"@odata.type":"#microsoft.graph.group","description":"Golf","displayName":"Golf Assist","groupTypes":["Unified"],"mailEnabled":true,"securityEnabled":false}"##,
    ),
    (
        "microsoft.graph.application",
        &["/applications/{applicationId}"],
        r##"{"@odata.type":"#microsoft.graph.application","displayName":"Contoso app","signInAudience":"AzureADMyOrg","web":{"@odata.type":"microsoft.graph.webApplication","redirectUris":["https://contoso.example/auth"]}}"##,
    ),
    (
        "microsoft.graph.device",
        &["/devices/{deviceId}"],
        r##"{"@odata.type":"#microsoft.graph.device","accountEnabled":false,"operatingSystem":"Windows","alternativeSecurityIds":[{"@odata.type":"microsoft.graph.alternativeSecurityId","type":2,"key":"Y3YxN2E1MWFlYw=="}],"physicalIds":[]}"##,
    ),
    (
        "microsoft.graph.managedDevice",
        &[
            "/deviceManagement/managedDevices/{managedDeviceId}",
            "/users/{userId}/managedDevices/{managedDeviceId}",
        ],
        r##"{"@odata.type":"#microsoft.graph.managedDevice","managedDeviceOwnerType":"company","notes":"Front desk"}"##,
    ),
    (
        "microsoft.graph.deviceConfiguration",
        &["/deviceManagement/deviceConfigurations/{deviceConfigurationId}"],
        r##"{"@odata.type":"#microsoft.graph.deviceConfiguration","description":"Baseline","displayName":"Baseline"}"##,
    ),
    (
        "microsoft.graph.windows10GeneralConfiguration",
        &["/deviceManagement/deviceConfigurations/{deviceConfigurationId}"],
        r##"{"@odata.type":"#microsoft.graph.windows10GeneralConfiguration","displayName":"Windows baseline","passwordRequired":true,"passwordMinimumLength":8,"defenderScanType":"full"}"##,
    ),
    (
        "microsoft.graph.event",
        &[
            "/me/events/{eventId}",
            "/users/{userId}/events/{eventId}",
            "/groups/{groupId}/events/{eventId}",
            "/me/calendar/events/{eventId}",
        ],
        r##"{"@odata.type":"#microsoft.graph.event","subject":"Review","start":{"@odata.type":"microsoft.graph.dateTimeTimeZone","dateTime":"2026-09-01T09:00:00.0000000","timeZone":"UTC"},"showAs":"busy","categories":["Blue"],"isReminderOn":false}"##,
    ),
    (
        "microsoft.graph.team",
        &["/teams/{teamId}", "/groups/{groupId}/team"],
        r##"{"@odata.type":"#microsoft.graph.team","memberSettings":{"@odata.type":"microsoft.graph.teamMemberSettings","allowCreateUpdateChannels":true},"funSettings":{"@odata.type":"microsoft.graph.teamFunSettings","allowGiphy":false,"giphyContentRating":"strict"}}"##,
    ),
];

/// Every n-th of the v1.0 entity types the permissions map lists a PATCH for: the CI sample of
/// the whole-v1.0 generation.
const WHOLE_V1_SAMPLE_EVERY: usize = 25;

/// The counts of corpus pages whose templates the beta CSDL alone gives all, some and none of
/// (measured; a change to the container's rules shows here).
const EXPECTED_COVERAGE: (usize, usize, usize) = (194, 83, 24);

/// The corpus pages' entity types the 2021 beta CSDL does not have: the pages are newer (three
/// days), or document a type already gone (the seed's `deviceManagementScriptState`).
const NOT_IN_THE_BETA_CSDL: &[&str] = &[
    "microsoft.graph.deviceManagementScriptState",
    "microsoft.graph.groupPolicyUploadedCategory",
    "microsoft.graph.groupPolicyUploadedDefinition",
    "microsoft.graph.onPremEncryptedPayload",
    "microsoft.graph.pfxRecryptionRequest",
    "microsoft.graph.pfxUserCertificate",
];

/// Pages whose examples do not round-trip through the entity generated from the beta CSDL
/// alone, with the reason (a substring of the failure). The six types the CSDL lacks; seven
/// example requests without the `@odata.type` a change set from the CSDL always sends; six
/// requests setting properties newer than the CSDL (the strict decoder refuses them on an entity;
/// a complex value drops them); three pages the test's page reader cannot read (a POST answering
/// 204, two examples it refuses).
const EXPECTED_EXAMPLE_MISSES: &[(&str, &str)] = &[
    (
        "intune-grouppolicy-grouppolicyuploadedcategory-update.md",
        "has no entity type",
    ),
    (
        "intune-grouppolicy-grouppolicyuploadeddefinition-update.md",
        "has no entity type",
    ),
    (
        "intune-raimportcerts-onpremencryptedpayload-update.md",
        "has no entity type",
    ),
    (
        "intune-raimportcerts-pfxrecryptionrequest-update.md",
        "has no entity type",
    ),
    (
        "intune-raimportcerts-pfxusercertificate-update.md",
        "has no entity type",
    ),
    (
        "intune_devicefe_devicemanagementscriptstate_update.md",
        "has no entity type",
    ),
    (
        "intune-cirrus-officeclientconfigurationassignment-update.md",
        "/@odata.type: unexpected property",
    ),
    (
        "intune-cirrus-windowsofficeclientconfiguration-update.md",
        "/@odata.type: unexpected property",
    ),
    (
        "intune-cirrus-windowsofficeclientsecurityconfiguration-update.md",
        "/@odata.type: unexpected property",
    ),
    (
        "intune-shared-deviceappmanagement-update.md",
        "/@odata.type: unexpected property",
    ),
    (
        "intune-shared-devicemanagement-update.md",
        "/@odata.type: unexpected property",
    ),
    (
        "intune-shared-reportroot-update.md",
        "/@odata.type: unexpected property",
    ),
    (
        "intune-shared-user-update.md",
        "/@odata.type: unexpected property",
    ),
    (
        "intune-devices-manageddevice-update.md",
        "/hardwareInformation/systemManagementBIOSVersion: missing",
    ),
    (
        "intune-devices-windowsmanageddevice-update.md",
        "/hardwareInformation/systemManagementBIOSVersion: missing",
    ),
    (
        "intune-devices-userexperienceanalyticsapphealthapplicationperformance-update.md",
        "has no property `allOrgsHealthScore`",
    ),
    (
        "intune-devices-userexperienceanalyticsbaseline-update.md",
        "has no property `overallScore`",
    ),
    (
        "intune-devices-userexperienceanalyticscategory-update.md",
        "has no property `overallScore`",
    ),
    (
        "intune-devices-userexperienceanalyticsoverview-update.md",
        "has no property `overallScore`",
    ),
    (
        "intune-policyset-policyset-update.md",
        "no example the test can read",
    ),
    (
        "intune-shared-devicecategory-update.md",
        "no example the test can read",
    ),
    (
        "intune-shared-windowsdomainjoinconfiguration-update.md",
        "no example the test can read",
    ),
];

/// Template coverage of the corpus pages from the beta CSDL alone; every miss with its reason.
fn template_coverage(pages: &[CorpusPage]) -> ((usize, usize, usize), Vec<String>) {
    let options = Options::from_csdl(beta(), "beta", Vec::<String>::new(), PathBuf::new());
    let mut metadata = Metadata::load(&options).unwrap();
    let (mut all, mut some, mut none) = (0, 0, 0);
    let mut misses = Vec::new();
    for page in pages {
        let ours: Vec<String> = metadata
            .templates(&page.odata_type)
            .iter()
            .map(|t| shape(t))
            .collect();
        let patch: Vec<&String> = page.templates.iter().collect();
        let missing: Vec<&&String> = patch.iter().filter(|t| !ours.contains(&shape(t))).collect();
        match (missing.len(), patch.len()) {
            (_, 0) => {
                misses.push(format!("{}: the page names no PATCH template", page.name));
                none += 1;
            }
            (0, _) => all += 1,
            (m, n) if m == n => none += 1,
            _ => some += 1,
        }
        for template in missing {
            misses.push(format!(
                "{}: `{template}`: {}",
                page.name,
                metadata.explain(&page.odata_type, template)
            ));
        }
    }
    ((all, some, none), misses)
}

#[test]
fn beta_corpus_templates_from_the_csdl_alone() {
    let pages = corpus();
    let (counts, misses) = template_coverage(&pages);
    for miss in &misses {
        eprintln!("miss: {miss}");
    }
    eprintln!(
        "templates from the 2021 beta CSDL alone: {} pages with all, {} with some, {} with none \
         of their templates; {} templates missed",
        counts.0,
        counts.1,
        counts.2,
        misses.len()
    );
    assert_eq!(counts.0 + counts.1 + counts.2, 301);
    assert_eq!(counts, EXPECTED_COVERAGE, "{misses:#?}");
    // Every miss is explained by a rule of the container, never "the container produces it".
    for miss in &misses {
        assert!(!miss.ends_with("the container produces it"), "{miss}");
    }
    // The seed's successor gets its page's four templates.
    let successor = pages
        .iter()
        .find(|p| p.odata_type == "microsoft.graph.deviceManagementScriptDeviceState")
        .unwrap();
    assert_eq!(successor.templates.len(), 4);
    assert!(
        !misses.iter().any(|m| m.starts_with(&successor.name)),
        "{misses:#?}"
    );
}

#[test]
fn generated_from_the_csdl_compile_and_round_trip() {
    let dir = scratch_crate(
        "graphpatch-codegen-csdl",
        "\n[dev-dependencies]\nserde_json = \"1\"\n",
    );
    let pages = corpus();

    // 1. The beta CSDL alone, every corpus page's entity type.
    let started = Instant::now();
    let beta_report = generate(&Options::from_csdl(
        beta(),
        "beta",
        pages.iter().map(|p| p.odata_type.clone()),
        dir.join("src/beta"),
    ))
    .expect("the beta CSDL generates");
    let beta_time = started.elapsed();
    let mut missing: Vec<String> = beta_report
        .failed
        .iter()
        .map(|d| {
            assert!(
                d.message.contains("is not an entity type of the CSDL"),
                "{d}"
            );
            d.file.clone()
        })
        .collect();
    missing.sort();
    assert_eq!(missing, NOT_IN_THE_BETA_CSDL);
    assert!(beta_report.formatted, "{:?}", beta_report.warnings);
    let by_type: BTreeMap<&str, &graphpatch_codegen::Generated> = beta_report
        .generated
        .iter()
        .map(|g| (g.odata_type.as_str(), g))
        .collect();
    // The seed's successor, from the CSDL alone, has its page's templates.
    let successor = by_type["microsoft.graph.deviceManagementScriptDeviceState"];
    let page = docs::corpus_page("api/intune-devices-devicemanagementscriptdevicestate-update.md");
    let ours: Vec<String> = successor.templates.iter().map(|t| shape(t)).collect();
    for template in &page.templates {
        assert!(
            ours.contains(&shape(template)),
            "{template} not in {ours:#?}"
        );
    }

    // 2. The v1.0 sample, and every n-th of the types the permissions map lists a PATCH for.
    let mut v1_options = Options::from_csdl(v1(), "v1.0", Vec::<String>::new(), PathBuf::new());
    v1_options.permissions = Some(metadata_dir().join("permissions.json"));
    let patchable = Metadata::load(&v1_options)
        .unwrap()
        .entity_types_with_patch();
    assert!(patchable.len() > 300, "{}", patchable.len());
    let mut names: Vec<String> = V1_SAMPLE.iter().map(|(n, ..)| (*n).to_owned()).collect();
    names.extend(patchable.iter().step_by(WHOLE_V1_SAMPLE_EVERY).cloned());
    let started = Instant::now();
    let v1_report = generate(&Options {
        entities: names.clone(),
        out_dir: dir.join("src/v1"),
        ..v1_options
    })
    .expect("the v1.0 CSDL generates");
    let v1_time = started.elapsed();
    assert!(v1_report.failed.is_empty(), "{:#?}", v1_report.failed);
    let v1_by_type: BTreeMap<&str, &graphpatch_codegen::Generated> = v1_report
        .generated
        .iter()
        .map(|g| (g.odata_type.as_str(), g))
        .collect();

    // The scratch crate's tests.
    let mut tests = String::from(
        "//! The generated entities against the corpus pages' examples and the v1.0 sample, as \
         tests/codegen_csdl.rs wrote them.\n\n",
    );
    tests.push_str(HELPERS);
    tests.push_str("\n#[test]\nfn beta_pages() {\n    let mut outcomes: Vec<(&str, Result<(), String>)> = Vec::new();\n");
    for page in &pages {
        let Some(generated) = by_type.get(page.odata_type.as_str()) else {
            let _ = writeln!(
                tests,
                "    outcomes.push(({:?}, Err(\"the 2021 CSDL has no entity type {}\".to_owned())));",
                page.name, page.odata_type
            );
            continue;
        };
        let Some(page_request) = &page.request else {
            let _ = writeln!(
                tests,
                "    outcomes.push(({:?}, Err(\"the page has no example the test can read\".to_owned())));",
                page.name
            );
            continue;
        };
        let request: serde_json::Value = serde_json::from_str(page_request).unwrap();
        let expected = without_nested_nulls(&request, true).to_string();
        let response = match &page.response {
            Some(r) => format!("Some({})", raw(r)),
            None => "None".to_owned(),
        };
        let _ = writeln!(
            tests,
            "    outcomes.push(({:?}, check::<crate::beta::{}>({}, {}, {response})));",
            page.name,
            generated.rust_name,
            raw(page_request),
            raw(&expected),
        );
    }
    tests.push_str(
        "    for (page, outcome) in &outcomes {\n        match outcome {\n            Ok(()) => println!(\"PAGE {page} OK\"),\n            Err(e) => println!(\"PAGE {page} FAIL {e}\"),\n        }\n    }\n}\n",
    );
    tests.push_str("\n#[test]\nfn v1_sample() {\n");
    for (name, canonical, request) in V1_SAMPLE {
        let rust = &v1_by_type[name].rust_name;
        let _ = writeln!(
            tests,
            "    check::<crate::v1::{rust}>({}, {}, None).unwrap();",
            raw(request),
            raw(request)
        );
        let _ = writeln!(
            tests,
            "    let templates = paths::<crate::v1::{rust}>();\n    for canonical in {canonical:?} {{\n        assert!(templates.iter().any(|p| p == canonical), \"{name}: {{canonical}} not in {{templates:?}}\");\n    }}"
        );
    }
    // Permissions: from the map (PATCH and GET) where it knows them.
    tests.push_str(
        "    assert!(!matches!(<crate::v1::User as GraphEntity>::PERMISSIONS.delegated_work, graphpatch::metadata::Scopes::Unknown));\n    assert!(<crate::v1::User as GraphEntity>::READ_PERMISSIONS.delegated_work.to_string().contains(\"User.Read\"));\n",
    );
    // Throttling: an Intune entity generated from the CSDL falls in its family through its type
    // name and paths, with no attribute.
    tests.push_str(
        "    let family = <crate::v1::ManagedDevice as GraphEntity>::throttle_family().expect(\"managedDevice is Intune's\");\n    assert_eq!(family.name, \"Intune devices\");\n    assert!(<crate::v1::Group as GraphEntity>::throttle_family().is_none());\n}\n",
    );
    std::fs::write(dir.join("src/checks.rs"), tests).unwrap();
    std::fs::write(
        dir.join("src/lib.rs"),
        "//! Entity types generated from Graph's CSDL by tests/codegen_csdl.rs.\n\
         #![deny(warnings, missing_docs)]\n\n\
         /// From the 2021 beta CSDL alone: the corpus pages' entity types.\npub mod beta;\n\n\
         /// From the 2026 v1.0 CSDL and the permissions map: the sample.\npub mod v1;\n\n\
         #[cfg(test)]\nmod checks;\n",
    )
    .unwrap();
    if let Ok(output) = std::process::Command::new("rustfmt")
        .args(["--check", "--edition", "2021"])
        .arg(dir.join("src/beta/mod.rs"))
        .arg(dir.join("src/v1/mod.rs"))
        .output()
    {
        assert_success("rustfmt --check", &output);
    }
    let (output, compile) = cargo(&dir, &["test", "--no-run"]);
    assert_success("building the generated crate's tests", &output);
    let (output, _) = cargo(&dir, &["test", "--", "--nocapture", "--test-threads=1"]);
    assert_success("the generated crate's tests", &output);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let mut failures: Vec<(String, String)> = Vec::new();
    let mut ok = 0;
    for line in stdout.lines() {
        // The harness may print `test … ... ` before the first line.
        if let Some((_, rest)) = line.split_once("PAGE ") {
            let (page, outcome) = rest.split_once(' ').unwrap();
            match outcome.strip_prefix("FAIL ") {
                Some(reason) => failures.push((page.to_owned(), reason.to_owned())),
                None => ok += 1,
            }
        }
    }
    for (page, reason) in &failures {
        eprintln!("example miss: {page}: {reason}");
    }
    eprintln!(
        "beta CSDL alone: {} entities and {} types in {beta_time:.2?}; examples round-trip for \
         {ok} of {} pages; v1.0: {} entities and {} types in {v1_time:.2?}; compiled in \
         {compile:.1?}",
        beta_report.generated.len(),
        beta_report.types,
        pages.len(),
        v1_report.generated.len(),
        v1_report.types,
    );
    assert_eq!(ok + failures.len(), pages.len(), "{stdout}");
    let unexpected: Vec<&(String, String)> = failures
        .iter()
        .filter(|(page, reason)| {
            !EXPECTED_EXAMPLE_MISSES
                .iter()
                .any(|(p, r)| p == page && reason.contains(r))
        })
        .collect();
    assert!(unexpected.is_empty(), "{unexpected:#?}");
    assert_eq!(
        failures.len(),
        EXPECTED_EXAMPLE_MISSES.len(),
        "{failures:#?}"
    );
}

/// The update pages of [`pages_enrich_the_csdl_first_form`]: a derived device configuration
/// whose table marks `supportsScopeTags` read-only while its example request sets it, and whose
/// page names a template the container does not produce (a back-reference, which the no-cycle
/// rule refuses); a tunnel server whose table describes some properties differently from the
/// CSDL and leaves others out.
const ENRICHING_PAGES: &[&str] = &[
    "api/intune-deviceconfig-androidcustomconfiguration-update.md",
    "api/intune-mstunnel-microsofttunnelserver-update.md",
];

/// The entity types of [`pages_enrich_the_csdl_first_form`]: the two pages' types, and two the
/// type pages in `resources/` alone enrich (no update page given): `detectedApp`, whose page marks
/// `displayName` "Read-only", and `windowsOfficeClientConfiguration`, whose properties (and those
/// of the complex type it holds, `officeClientCheckinStatus`) the 2021 CSDL does not describe.
const ENRICHED_TYPES: &[&str] = &[
    "microsoft.graph.androidCustomConfiguration",
    "microsoft.graph.microsoftTunnelServer",
    "microsoft.graph.detectedApp",
    "microsoft.graph.windowsOfficeClientConfiguration",
];

/// The doc comment right above `needle` (a field or item line) in generated `source`, as one
/// line.
fn doc_above(source: &str, needle: &str) -> String {
    let at = source
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in\n{source}"));
    let mut lines: Vec<&str> = source[..at]
        .lines()
        .rev()
        .skip(1)
        .skip_while(|l| l.trim_start().starts_with("#["))
        .take_while(|l| l.trim_start().starts_with("///"))
        .map(|l| l.trim_start().trim_start_matches("///").trim())
        .collect();
    lines.reverse();
    lines.join(" ")
}

/// Whether the field on `needle`'s line is `#[graph(read_only)]`.
fn read_only_above(source: &str, needle: &str) -> bool {
    let at = source
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in\n{source}"));
    source[..at]
        .lines()
        .rev()
        .skip(1)
        .take_while(|l| l.trim_start().starts_with("#["))
        .any(|l| l.trim() == "#[graph(read_only)]")
}

/// `--entity` with `--docs` and update pages, on the 2021 beta CSDL: descriptions come from the
/// pages where they give them and from the CSDL otherwise; a page's read-only marker (an update
/// page's or a type page's) makes the property read-only in the source and in the compiled
/// entity's `PROPERTIES`, and its change set refuses it; a page template the container does not
/// produce is added and named; `resources/` pages describe what the CSDL does not; and `--tests`
/// on the enriched entities writes tests that pass.
#[test]
fn pages_enrich_the_csdl_first_form() {
    let dir = scratch_crate(
        "graphpatch-codegen-enriched",
        "\n[dev-dependencies]\nserde_json = \"1\"\n",
    );
    let enriched = Options {
        docs_root: docs_root(),
        pages: ENRICHING_PAGES.iter().map(PathBuf::from).collect(),
        tests: true,
        ..Options::from_csdl(
            beta(),
            "beta",
            ENRICHED_TYPES.iter().copied(),
            dir.join("src/enriched"),
        )
    };
    let report = generate(&enriched).expect("the beta CSDL and the pages generate");
    assert!(report.failed.is_empty(), "{:#?}", report.failed);
    assert!(report.formatted, "{:?}", report.warnings);
    // The same entity types from the CSDL alone, to compare with (not compiled).
    let alone_dir = dir.join("csdl-alone");
    let alone = generate(&Options {
        tests: false,
        out_dir: alone_dir.clone(),
        ..Options::from_csdl(
            beta(),
            "beta",
            ENRICHED_TYPES.iter().copied(),
            PathBuf::new(),
        )
    })
    .expect("the beta CSDL generates");
    assert!(alone.failed.is_empty(), "{:#?}", alone.failed);
    let by_type: BTreeMap<&str, &graphpatch_codegen::Generated> = report
        .generated
        .iter()
        .map(|g| (g.odata_type.as_str(), g))
        .collect();
    let source = |dir: &Path, ty: &str| {
        let module = &by_type[ty].module;
        std::fs::read_to_string(dir.join(format!("{module}.rs"))).unwrap()
    };
    let out = dir.join("src/enriched");
    let android = source(&out, "microsoft.graph.androidCustomConfiguration");
    let android_alone = source(&alone_dir, "microsoft.graph.androidCustomConfiguration");
    let tunnel = source(&out, "microsoft.graph.microsoftTunnelServer");
    let tunnel_alone = source(&alone_dir, "microsoft.graph.microsoftTunnelServer");
    let detected = source(&out, "microsoft.graph.detectedApp");
    let detected_alone = source(&alone_dir, "microsoft.graph.detectedApp");
    let office = source(&out, "microsoft.graph.windowsOfficeClientConfiguration");
    let office_alone = source(
        &alone_dir,
        "microsoft.graph.windowsOfficeClientConfiguration",
    );
    let flat = |text: &str| text.replace("\n/// ", " ");

    // Descriptions: the page's where it gives one, the CSDL's where it lists nothing.
    let health = "pub tunnel_server_health_status:";
    assert_eq!(
        doc_above(&tunnel_alone, health),
        "The MicrosoftTunnelServer's health status"
    );
    assert!(
        doc_above(&tunnel, health).starts_with(
            "The MicrosoftTunnelServer's health status. Possible values are: `unknown`, `healthy`,"
        ),
        "{tunnel}"
    );
    let digest = "pub agent_image_digest:";
    assert_eq!(
        doc_above(&tunnel, digest),
        "The digest of the current agent image running on this server"
    );
    assert_eq!(doc_above(&tunnel, digest), doc_above(&tunnel_alone, digest));

    // Read-only from the pages: the update page and the type page mark `supportsScopeTags`;
    // `detectedApp`'s type page alone marks `displayName`, `version` and `sizeInByte`. The key
    // stays read-only; unmarked properties stay writable; a marked one is still an `Option`.
    let scope_tags = "pub supports_scope_tags: Option<bool>,";
    assert!(
        !read_only_above(&android_alone, scope_tags),
        "{android_alone}"
    );
    assert!(read_only_above(&android, scope_tags), "{android}");
    assert!(read_only_above(&android, "pub id: String,"), "{android}");
    assert!(
        !read_only_above(&android, "pub display_name: Option<String>,"),
        "{android}"
    );
    for field in [
        "pub display_name: Option<String>,",
        "pub version: Option<String>,",
        "pub size_in_byte: Option<i64>,",
    ] {
        assert!(!read_only_above(&detected_alone, field), "{detected_alone}");
        assert!(read_only_above(&detected, field), "{field}: {detected}");
    }
    assert!(
        !read_only_above(&detected, "pub device_count: Option<i32>,"),
        "{detected}"
    );
    assert!(
        flat(&detected).contains(
            "Read-only, as `resources/intune-devices-detectedapp.md` marks them: `displayName`, \
             `sizeInByte`, `version`."
        ),
        "{detected}"
    );
    // The example request sets it: the generated test leaves it out, and says so.
    assert!(
        flat(&android).contains(
            "also sets `supportsScopeTags`, read-only here: the generated test leaves it out."
        ),
        "{android}"
    );

    // A page template the container does not produce: added, and named in the doc comment.
    let back_reference = "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/groupAssignments/{deviceConfigurationGroupAssignmentId}/deviceConfiguration";
    let alone_by_type: BTreeMap<&str, &graphpatch_codegen::Generated> = alone
        .generated
        .iter()
        .map(|g| (g.odata_type.as_str(), g))
        .collect();
    let android_templates = &by_type["microsoft.graph.androidCustomConfiguration"].templates;
    assert!(
        android_templates.iter().any(|t| t == back_reference),
        "{android_templates:#?}"
    );
    assert!(!alone_by_type["microsoft.graph.androidCustomConfiguration"]
        .templates
        .iter()
        .any(|t| t == back_reference));
    assert_eq!(
        android_templates.len(),
        alone_by_type["microsoft.graph.androidCustomConfiguration"]
            .templates
            .len()
            + 1
    );
    assert!(
        flat(&android).contains(&format!(
            "Templates from `api/intune-deviceconfig-androidcustomconfiguration-update.md` that the \
             entity container does not produce: `{back_reference}`."
        )),
        "{android}"
    );

    // `resources/` descriptions, with no update page: the entity's properties (from its type
    // page, then its base type's) and a complex type's it reaches.
    let payload = "pub policy_payload: Option<String>,";
    assert_eq!(doc_above(&office_alone, payload), "`policyPayload`");
    assert_eq!(
        doc_above(&office, payload),
        "Policy settings JSON string in binary format, these values cannot be changed by the \
         user. Inherited from officeClientConfiguration"
    );
    assert!(
        flat(&office).contains(
            "Descriptions the CSDL lacks: from \
             `resources/intune-cirrus-windowsofficeclientconfiguration.md`."
        ),
        "{office}"
    );
    let checkin = std::fs::read_to_string(out.join("office_client_checkin_status.rs")).unwrap();
    let checkin_alone =
        std::fs::read_to_string(alone_dir.join("office_client_checkin_status.rs")).unwrap();
    let device_name = "pub device_name: Option<String>,";
    assert_eq!(doc_above(&checkin_alone, device_name), "`deviceName`");
    assert_eq!(
        doc_above(&checkin, device_name),
        "Device name trying to check-in."
    );

    // `--tests`: one test per enriched entity with an update page.
    let tests_rs = std::fs::read_to_string(out.join("tests.rs")).unwrap();
    let test_names: Vec<&str> = report
        .generated
        .iter()
        .filter_map(|g| g.test.as_deref())
        .collect();
    assert_eq!(
        test_names,
        [
            "intune_deviceconfig_androidcustomconfiguration_update",
            "intune_mstunnel_microsofttunnelserver_update"
        ]
    );
    assert!(
        flat(&tests_rs)
            .contains("The page's example also sets `supportsScopeTags`, read-only here"),
        "{tests_rs}"
    );

    // The compiled entities: `PROPERTIES` marks what the pages mark, the change set refuses it,
    // the added template is among `PATHS`; and the generated tests pass.
    let checks = format!(
        r####"//! The entities the pages enriched, compiled, as tests/codegen_csdl.rs wrote them.

use graphpatch::GraphEntity;

use crate::enriched::{{AndroidCustomConfiguration, DetectedApp}};

#[test]
fn read_only_as_the_pages_mark_it() {{
    let scope_tags = AndroidCustomConfiguration::property("supportsScopeTags").unwrap();
    assert!(scope_tags.read_only && scope_tags.nullable, "{{scope_tags:?}}");
    assert!(!AndroidCustomConfiguration::property("displayName").unwrap().read_only);
    assert!(AndroidCustomConfiguration::property("id").unwrap().read_only);
    for wire in ["displayName", "version", "sizeInByte"] {{
        assert!(DetectedApp::property(wire).unwrap().read_only, "{{wire}}");
    }}
    type Patch = <AndroidCustomConfiguration as GraphEntity>::Patch;
    let refused = serde_json::from_str::<Patch>(
        r##"{{"@odata.type":"#microsoft.graph.androidCustomConfiguration","supportsScopeTags":true}}"##,
    )
    .unwrap_err()
    .to_string();
    assert!(refused.contains("read-only"), "{{refused}}");
    serde_json::from_str::<Patch>(
        r##"{{"@odata.type":"#microsoft.graph.androidCustomConfiguration","displayName":"x"}}"##,
    )
    .unwrap();
}}

#[test]
fn the_pages_template_is_among_the_paths() {{
    let paths: Vec<String> = AndroidCustomConfiguration::PATHS
        .iter()
        .map(|p| p.to_string())
        .collect();
    assert!(paths.iter().any(|p| p == {back_reference:?}), "{{paths:?}}");
}}
"####
    );
    std::fs::write(dir.join("src/checks.rs"), checks).unwrap();
    std::fs::write(
        dir.join("src/lib.rs"),
        "//! Entity types generated from the 2021 beta CSDL and reference pages by \
         tests/codegen_csdl.rs.\n\
         #![deny(warnings, missing_docs)]\n\n\
         /// The CSDL's entity types, enriched by the pages.\npub mod enriched;\n\n\
         #[cfg(test)]\nmod checks;\n",
    )
    .unwrap();
    if let Ok(output) = std::process::Command::new("rustfmt")
        .args(["--check", "--edition", "2021"])
        .arg(out.join("mod.rs"))
        .output()
    {
        assert_success("rustfmt --check", &output);
    }
    let (output, _) = cargo(&dir, &["test", "--", "--test-threads=1"]);
    assert_success("the enriched crate's tests", &output);
    let stdout = String::from_utf8_lossy(&output.stdout);
    for test in test_names
        .iter()
        .map(|t| format!("enriched::tests::{t}"))
        .chain([
            "checks::read_only_as_the_pages_mark_it".to_owned(),
            "checks::the_pages_template_is_among_the_paths".to_owned(),
        ])
    {
        assert!(
            stdout.contains(&format!("test {test} ... ok")),
            "{test}:\n{stdout}"
        );
    }
}

/// Every v1.0 entity type the permissions map lists a PATCH for, generated and compiled (debug
/// and release) against the same types with plain serde derives. Slow (four builds of a large
/// crate): `GRAPHPATCH_WHOLE_V1=1 cargo test --test codegen_csdl -- --ignored --nocapture`.
#[test]
#[ignore = "measurement: four clean builds of the whole generated v1.0 crate"]
fn whole_v1_generates_and_compiles() {
    if std::env::var_os("GRAPHPATCH_WHOLE_V1").is_none() {
        eprintln!("set GRAPHPATCH_WHOLE_V1=1 to run the whole-v1.0 generation");
        return;
    }
    let mut options = Options::from_csdl(v1(), "v1.0", Vec::<String>::new(), PathBuf::new());
    options.permissions = Some(metadata_dir().join("permissions.json"));
    let names = Metadata::load(&options).unwrap().entity_types_with_patch();
    let lib =
        "//! Generated by tests/codegen_csdl.rs.\n#![allow(missing_docs)]\n\npub mod generated;\n";
    let mut crates = Vec::new();
    for (name, style, extra) in [
        ("graphpatch-codegen-whole-v1", Style::Graphpatch, ""),
        (
            "graphpatch-codegen-whole-v1-plain",
            Style::PlainSerde,
            "serde = { version = \"1\", features = [\"derive\"] }\n",
        ),
    ] {
        let dir = scratch_crate(name, extra);
        let started = Instant::now();
        let report = generate(&Options {
            entities: names.clone(),
            out_dir: dir.join("src/generated"),
            style,
            ..options.clone()
        })
        .unwrap();
        let generation = started.elapsed();
        assert!(report.failed.is_empty(), "{:#?}", report.failed);
        std::fs::write(dir.join("src/lib.rs"), lib).unwrap();
        eprintln!(
            "{name}: {} entities and {} types generated in {generation:.2?}",
            report.generated.len(),
            report.types
        );
        for profile in [&["build"][..], &["build", "--release"][..]] {
            let (output, _) = cargo(&dir, profile);
            assert_success(name, &output);
        }
        crates.push((name, dir));
    }
    for profile in [&[][..], &["--release"][..]] {
        let mut times = Vec::new();
        for (name, dir) in &crates {
            let mut clean = vec!["clean", "-p", name];
            clean.extend_from_slice(profile);
            let (output, _) = cargo(dir, &clean);
            assert_success("cargo clean", &output);
            let mut build = vec!["build"];
            build.extend_from_slice(profile);
            let (output, time) = cargo(dir, &build);
            assert_success(name, &output);
            eprintln!("{name} {profile:?}: built in {time:.1?}");
            times.push(time.as_secs_f64());
        }
        eprintln!(
            "{profile:?}: graphpatch attributes / plain serde derives: {:.2}x",
            times[0] / times[1]
        );
    }
}
