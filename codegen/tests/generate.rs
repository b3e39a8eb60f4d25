//! The generator end to end on a small docs folder written by the tests: each defect of the
//! reference pages, type resolution through resource pages and through a CSDL, determinism, and
//! how a broken page is reported (by the library and by the binary's exit status).

use std::path::{Path, PathBuf};
use std::process::Command;

use graphpatch_codegen::{generate, Options};

/// A fresh folder under the system's temp dir.
fn scratch(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("graphpatch-codegen-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// An update page with every defect the corpus has: a byte-order mark and no front matter, a
/// "most to least privileged" table with an empty cell and a non-scope, a template repeating a
/// parameter, a `|**Section**|` row, an unescaped `|`, a row over two lines, a row without its
/// closing `|`, a navigation property, a keyword and an acronym, nested `null`s, and a stray
/// request line after the example's JSON.
const WIDGET: &str = "\u{feff}# Update widget

> **Important:** APIs under the /beta version in Microsoft Graph are in preview.

## Prerequisites
|Permission type|Permissions (from most to least privileged)|
|:---|:---|
|Delegated (work or school account)|Widgets.ReadWrite.All, Widgets.Read.All|
|Delegated (personal Microsoft account)|Not supported.|
|Application|**TODO: Determine scopes **|

## HTTP Request
``` http
PATCH /widgets/{widgetId}
PATCH /widgets/{widgetId}/parts/{widgetId}
```

## Request body
|Property|Type|Description|
|:---|:---|:---|
|id|String|Key of the [widget](../resources/widget.md).|
|**Section**|
|displayName|String|Name (*.a | *.b).|
|state|[widgetState](../resources/widgetstate.md)|State,
over two lines.|
|settings|[widgetSettings](../resources/widgetsettings.md) collection|Settings
|owner|[user](../resources/user.md)|Navigation.|
|type|String|A keyword.|
|macOSVersion|String|An acronym.|

## Response
If successful, this method returns a `200 OK` response code.

## Example
### Request
``` http
PATCH https://graph.microsoft.com/beta/widgets/{widgetId}
Content-type: application/json
Content-length: 1

{
  \"@odata.type\": \"#microsoft.graph.widget\",
  \"displayName\": null,
  \"state\": \"on\",
  \"settings\": [
    {
      \"@odata.type\": \"microsoft.graph.widgetSettings\",
      \"name\": \"n\",
      \"next\": null
    }
  ],
  \"type\": \"t\",
  \"macOSVersion\": \"14\"
}

PATCH /widgets/{widgetId}/parts/{partId}
```

### Response
``` http
HTTP/1.1 200 OK
Content-Type: application/json

{
  \"@odata.type\": \"#microsoft.graph.widget\",
  \"id\": \"1\",
  \"state\": \"brandNew\",
  \"type\": \"t\"
}
```
";

const WIDGET_STATE: &str = "---
title: \"widgetState enum type\"
doc_type: enumPageType
---

# widgetState enum type

Namespace: microsoft.graph

## Members
|Member|Value|Description|
|:---|:---|:---|
|on|0|Switched [on](x.md).|
|off|1|Switched off.|
|unrecognized|2|A member the macros' own variant name would clash with.|
";

const WIDGET_SETTINGS: &str = "# widgetSettings resource type

Namespace: microsoft.graph

## Properties
|Property|Type|Description|
|:---|:---|:---|
|name|String|The name.|
|next|[widgetSettings](../resources/widgetsettings.md)|The next settings: the type contains itself.|
";

const USER: &str = "# user resource type

## Methods
|Method|Return type|
|:---|:---|
";

/// A page whose property table has a type no one knows, on line 12.
const BROKEN: &str = "# Update gadget

## HTTP Request
``` http
PATCH /gadgets/{gadgetId}
```

## Request body
|Property|Type|Description|
|:---|:---|:---|
|id|String|Key.|
|size|Strnig|Typo.|
";

fn docs(name: &str) -> PathBuf {
    let root = scratch(name);
    write(&root, "api/widget-update.md", WIDGET);
    write(&root, "api/gadget-update.md", BROKEN);
    write(&root, "resources/widgetstate.md", WIDGET_STATE);
    write(&root, "resources/widgetsettings.md", WIDGET_SETTINGS);
    write(&root, "resources/user.md", USER);
    root
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn every_defect_is_read_around() {
    let root = docs("defects");
    let out = root.join("out");
    let options = Options {
        tests: true,
        pages: vec!["api/widget-update.md".into()],
        ..Options::new(&root, &out)
    };
    let report = generate(&options).unwrap();
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    assert_eq!(report.generated.len(), 1);
    assert_eq!(report.generated[0].rust_name, "Widget");

    let widget = read(&out, "widget.rs");
    // Doc comments are wrapped: compare their text as one line.
    let flat = widget.replace("\n/// ", " ");
    for needle in [
        "odata_type = \"microsoft.graph.widget\"",
        "version = \"beta\"",
        // The example request names the type: change sets carry it.
        "path = \"/widgets/{widgetId}\"",
        // The repeated parameter, renamed after its segment.
        "path = \"/widgets/{widgetId}/parts/{partId}\"",
        // Most to least privileged, reversed; the TODO dropped.
        "delegated_work = [\"Widgets.Read.All\", \"Widgets.ReadWrite.All\"]",
        "delegated_personal = unsupported",
        "application = unsupported",
        "#[graph(read_only)]\n    pub id: String,",
        "/// Name (*.a | *.b).\n    pub display_name: Option<String>,",
        "/// State, over two lines.\n    pub state: Option<WidgetState>,",
        "pub settings: Option<Vec<WidgetSettings>>,",
        "pub r#type: Option<String>,",
        "#[graph(rename = \"macOSVersion\")]\n    pub mac_os_version: Option<String>,",
        "`owner` is a navigation to an entity type",
        "byte-order mark",
        "has no front matter",
        "section row `**Section**`",
        "a row written over several lines",
        "unescaped `|`",
        "text after the example's JSON",
        "most to least privileged",
        "not a permission name",
        "names no Application permission",
        "repeats `{widgetId}`; the second is `{partId}`",
    ] {
        assert!(
            widget.contains(needle) || flat.contains(needle),
            "{needle:?} not in\n{widget}"
        );
    }
    assert!(!widget.contains("patch_odata_type"), "{widget}");
    assert!(!widget.contains("pub owner"), "{widget}");
    // Links in descriptions become their text.
    assert!(widget.contains("/// Key of the widget."), "{widget}");

    let state = read(&out, "widget_state.rs");
    assert!(
        state.contains("#[graphpatch::graph_enum]\npub enum WidgetState {"),
        "{state}"
    );
    assert!(state.contains("/// `on`: Switched on.\n    On,"), "{state}");
    assert!(
        state.contains("#[graph(rename = \"unrecognized\")]\n    UnrecognizedMember,"),
        "{state}"
    );
    // A type from its page: whether it has derived types is unknown, so it is an enum that
    // keeps a value of another type whole.
    let settings = read(&out, "widget_settings.rs");
    for needle in [
        "#[graphpatch::graph_complex(odata_type = \"microsoft.graph.widgetSettings\")]",
        "pub struct WidgetSettingsBase {",
        "pub next: Option<Box<WidgetSettings>>,",
        "pub enum WidgetSettings {\n    /// `microsoft.graph.widgetSettings` itself.\n    WidgetSettings(WidgetSettingsBase),\n}",
    ] {
        assert!(settings.contains(needle), "{needle:?} not in\n{settings}");
    }

    let tests = read(&out, "tests.rs");
    assert!(tests.contains("fn widget_update()"), "{tests}");
    // The nested `null` cannot be written back; the change set's own `null` can.
    assert!(
        tests.contains(
            r##"let expected = r#"{"@odata.type":"#microsoft.graph.widget","displayName":null,"##
        ) || tests.contains(
            r###"let expected = r##"{"@odata.type":"#microsoft.graph.widget","displayName":null,"###
        ),
        "{tests}"
    );
    let module = read(&out, "mod.rs");
    assert!(module.contains("#[cfg(test)]\nmod tests;"), "{module}");
    assert!(module.contains("pub use self::widget::*;"), "{module}");
    let _ = std::fs::remove_dir_all(&root);
}

const CSDL: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EnumType Name="widgetState" IsFlags="true">
        <Member Name="on" Value="1" />
        <Member Name="off" Value="2" />
      </EnumType>
      <ComplexType Name="widgetSettings" Abstract="true">
        <Property Name="name" Type="Edm.String" />
        <Property Name="next" Type="graph.widgetSettings" />
      </ComplexType>
      <ComplexType Name="fancyWidgetSettings" BaseType="graph.widgetSettings">
        <Property Name="level" Type="Edm.Double" />
        <Property Name="where" Type="Edm.GeographyPoint" />
      </ComplexType>
      <EntityType Name="user" />
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>"#;

#[test]
fn csdl_gives_flags_derived_types_and_missing_members() {
    let root = docs("csdl");
    write(&root, "metadata.xml", CSDL);
    let out = root.join("out-csdl");
    let options = Options {
        csdl: Some(root.join("metadata.xml")),
        pages: vec!["api/widget-update.md".into()],
        ..Options::new(&root, &out)
    };
    let report = generate(&options).unwrap();
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    let widget = read(&out, "widget.rs");
    assert!(
        widget.contains("pub state: Option<graphpatch::Flags<WidgetState>>,"),
        "{widget}"
    );
    let state = read(&out, "widget_state.rs");
    assert!(
        state.contains("#[graphpatch::graph_enum(flags)]"),
        "{state}"
    );
    // The page lists a member the CSDL lacks.
    assert!(state.contains("the CSDL lacks it"), "{state}");
    let settings = read(&out, "widget_settings.rs");
    for needle in [
        "pub struct WidgetSettingsBase {",
        "pub next: Option<Box<WidgetSettings>>,",
        "pub enum WidgetSettings {",
        "WidgetSettings(WidgetSettingsBase),",
        "FancyWidgetSettings(FancyWidgetSettings),",
    ] {
        assert!(settings.contains(needle), "{needle:?} not in\n{settings}");
    }
    let fancy = read(&out, "fancy_widget_settings.rs");
    assert!(
        fancy.contains("pub level: Option<graphpatch::Double>,"),
        "{fancy}"
    );
    assert!(fancy.contains("`where` is left out"), "{fancy}");
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn same_input_same_bytes() {
    let root = docs("determinism");
    let run = |out: &str, pages: &[&str]| {
        let out = root.join(out);
        let options = Options {
            tests: true,
            pages: pages.iter().map(PathBuf::from).collect(),
            ..Options::new(&root, &out)
        };
        generate(&options).unwrap();
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| {
                let path = e.unwrap().path();
                (
                    path.file_name().unwrap().to_string_lossy().into_owned(),
                    std::fs::read(&path).unwrap(),
                )
            })
            .collect();
        files.sort();
        files
    };
    let first = run("out-a", &["api/widget-update.md", "api/gadget-update.md"]);
    let second = run(
        "out-b",
        &["api/gadget-update.md", "api", "api/widget-update.md"],
    );
    assert!(!first.is_empty());
    assert_eq!(first, second);
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn a_broken_page_is_reported_with_its_line_and_skipped() {
    let root = docs("broken");
    let out = root.join("out-broken");
    let options = Options {
        pages: vec!["api".into()],
        ..Options::new(&root, &out)
    };
    let report = generate(&options).unwrap();
    assert_eq!(report.generated.len(), 1);
    let failed: Vec<String> = report.failed.iter().map(ToString::to_string).collect();
    assert_eq!(failed, ["api/gadget-update.md:12: unknown type `Strnig`"]);

    // The binary: the same line on stderr, exit status 1, the good page written.
    let out = root.join("out-binary");
    let output = Command::new(env!("CARGO_BIN_EXE_graphpatch-codegen"))
        .arg("--docs")
        .arg(&root)
        .arg("--out")
        .arg(&out)
        .args(["--tests", "api/gadget-update.md", "api/widget-update.md"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("api/gadget-update.md:12: unknown type `Strnig`"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(out.join("widget.rs").exists());

    // Bad arguments: exit status 2.
    let output = Command::new(env!("CARGO_BIN_EXE_graphpatch-codegen"))
        .args(["--out", "x", "api/widget-update.md"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn actions_and_pages_without_a_path_are_reported() {
    let root = docs("actions");
    // The policy set page: a POST action whose example answers 204 without a body.
    let action = WIDGET
        .replace(
            "PATCH /widgets/{widgetId}\nPATCH /widgets/{widgetId}/parts/{widgetId}",
            "POST /widgets/{widgetId}/update",
        )
        .replace(
            "PATCH https://graph.microsoft.com/beta/widgets/{widgetId}",
            "POST https://graph.microsoft.com/beta/widgets/{widgetId}/update",
        )
        .replace("HTTP/1.1 200 OK", "HTTP/1.1 204 No Content");
    let action = action
        .split("HTTP/1.1 204 No Content")
        .next()
        .unwrap()
        .to_owned()
        + "HTTP/1.1 204 No Content\n```\n";
    write(&root, "api/action-update.md", &action);
    // The partner integration pages: the docs tool found no path.
    let no_path = WIDGET.replace(
        "PATCH /widgets/{widgetId}\nPATCH /widgets/{widgetId}/parts/{widgetId}",
        "PATCH ** Entity URI for microsoft.management.services.api.widget not found",
    );
    write(&root, "api/nopath-update.md", &no_path);
    let report = generate(&Options {
        pages: vec!["api/action-update.md".into(), "api/nopath-update.md".into()],
        ..Options::new(&root, root.join("out"))
    })
    .unwrap();
    let failed: Vec<String> = report.failed.iter().map(ToString::to_string).collect();
    assert_eq!(failed.len(), 2, "{failed:?}");
    assert!(
        failed[0].starts_with("api/action-update.md:14: `POST /widgets/{widgetId}/update` is an action (answering 204 without a body)"),
        "{failed:?}"
    );
    assert!(
        failed[1].starts_with("api/nopath-update.md:14: `PATCH ** Entity URI for microsoft.management.services.api.widget not found` names no path"),
        "{failed:?}"
    );
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn truncated_and_garbled_pages_are_reported_not_panicked_on() {
    let root = docs("garbled");
    let lines: Vec<&str> = WIDGET.lines().collect();
    let mut count = 0;
    for end in 0..lines.len() {
        write(
            &root,
            &format!("api/cut{end:03}.md"),
            &lines[..end].join("\n"),
        );
        count += 1;
    }
    for (i, garbage) in [
        "|",
        "```",
        "## HTTP Request\n```http\nPATCH",
        "\u{feff}",
        "{{{{",
        "## Request body\n|Property|\n|",
    ]
    .iter()
    .enumerate()
    {
        write(&root, &format!("api/garbage{i}.md"), garbage);
        count += 1;
    }
    let out = root.join("out-cut");
    let options = Options {
        pages: vec!["api".into()],
        ..Options::new(&root, &out)
    };
    let report = generate(&options).unwrap();
    assert_eq!(report.generated.len() + report.failed.len(), count + 2);
    for failure in &report.failed {
        assert!(!failure.message.contains("internal error"), "{failure}");
        assert!(failure.line >= 1, "{failure}");
    }
    let _ = std::fs::remove_dir_all(&root);
}

/// The vendored Graph docs corpus and metadata.
fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

/// The seed page and its successor, generated from their pages (with the 2021 CSDL, as the
/// corpus is), give exactly the files in `tests/fixtures/seed-pair`: the CSDL-first form left
/// the page-driven output as it was.
#[test]
fn the_seed_pair_generates_byte_for_byte_as_before() {
    let root = scratch("seed-pair");
    let report = generate(&Options {
        csdl: Some(fixtures().join("graph-metadata/beta_metadata-2021-07-13.xml")),
        tests: true,
        pages: vec![
            "api/intune_devicefe_devicemanagementscriptstate_update.md".into(),
            "api/intune-devices-devicemanagementscriptdevicestate-update.md".into(),
        ],
        ..Options::new(fixtures().join("graph-docs"), &root)
    })
    .unwrap();
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    assert!(report.formatted, "{:?}", report.warnings);
    let expected_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed-pair");
    let mut expected: Vec<String> = std::fs::read_dir(&expected_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    expected.sort();
    assert_eq!(report.files, expected);
    for name in &expected {
        assert_eq!(
            read(&root, name),
            read(&expected_dir, name),
            "{name} differs from tests/fixtures/seed-pair"
        );
    }
    let _ = std::fs::remove_dir_all(&root);
}
