//! Generates [graphpatch](https://docs.rs/graphpatch) types from Microsoft Graph's metadata (the
//! CSDL) or from its reference pages: one `#[graph_entity]` struct per entity type, with every
//! enum and complex type it reaches.
//!
//! # Command line: from the CSDL
//!
//! ```text
//! cargo run -p graphpatch-codegen -- --csdl <CSDL.xml> --version <v1.0|beta> --out <DIR> \
//!     [--permissions <permissions.json>] [--docs <DOCS_ROOT> [<API_PAGE.md>...]] --entity <qualified.type>...
//! ```
//!
//! - `--entity`: an entity type (`microsoft.graph.user`; a simple name stands for the type of
//!   that name), repeatable; `--entity @FILE` reads names from `FILE`, one a line (blank lines
//!   and `#` lines skipped). Each gets every structural property (inherited ones included, the
//!   key read-only), the templates through which the entity container reaches it (the rules are
//!   those of `src/container.rs`; `--depth <N>` bounds their navigations, default
//!   [`DEFAULT_DEPTH`]), and with `--permissions` its PATCH and GET permissions from the map
//!   (`permissions = unknown` where it knows none).
//! - `--docs`: the pages in `resources/` of each entity type (and of its base types) mark
//!   properties read-only and describe those the CSDL does not; each update page given enriches
//!   its entity type (its read-only markers and descriptions, its examples for `--tests` — minus
//!   the properties read-only here — and its templates the container does not produce, added and
//!   named). The key is always read-only; a page's marker adds read-only, never removes it.
//! - An Intune entity's throttling family needs no attribute: `GraphEntity::throttle_family()`
//!   derives it from the generated `odata_type` and paths.
//! - An entity type that cannot be generated is reported as `type: reason` and skipped.
//!
//! As a library: [`Options::from_csdl`], [`generate`], and [`Metadata`] for the templates alone.
//!
//! # Command line: from reference pages
//!
//! ```text
//! cargo run -p graphpatch-codegen -- --docs <DOCS_ROOT> --out <DIR> \
//!     [--csdl <CSDL.xml>] [--permissions <permissions.json>] [--tests] <API_PAGE.md>...
//! ```
//!
//! - `--docs`: the folder holding `api/` and `resources/` (the layout of
//!   `microsoft-graph-docs/api-reference/beta`).
//! - `--out`: where to write `mod.rs` and one file per generated type; include it as a module
//!   (`mod generated;`). Files the generator wrote before and no longer writes are removed;
//!   other files are left alone.
//! - `--csdl`: the Graph `$metadata` document. It gives enum members and flags, complex types'
//!   properties (inherited ones included) and derived types. Without it, linked types come from
//!   their pages in `resources/` (no flags enums, no polymorphism).
//! - `--permissions`: the Graph permissions map (`permissions.json` of
//!   microsoft-graph-devx-content). Where it knows PATCH on a page's templates it overrides the
//!   page's permissions table; each struct's doc comment says which one was used.
//! - `--tests`: also write `tests.rs`, one test per page: the example request decodes as the
//!   entity's change set and serializes back to the same JSON, the example response decodes as
//!   the entity and serializes back to the same JSON.
//! - Pages are paths relative to the docs root (or absolute); a folder stands for the `.md`
//!   files in it.
//!
//! A page that cannot be generated is reported as `file:line: reason` on stderr and skipped; the
//! exit status is 1 if any page was, 2 if nothing could be done (bad arguments, unreadable CSDL).
//! Output depends only on the input (same pages, same bytes) and is formatted with `rustfmt
//! --edition 2021` when rustfmt is installed (`--no-rustfmt` skips it).
//!
//! The generated module needs only `graphpatch` (and `serde_json`, for its tests).
//!
//! # What is generated
//!
//! For each page, a struct named after the entity's `@odata.type` (from the example response),
//! annotated with `#[graph_entity]`: the version from the example URL, every PATCH template
//! (a parameter the page repeats in one template is renamed after the segment before it:
//! `networkAccessConfigurations/{deviceConfigurationId}` → `{networkAccessConfigurationId}`),
//! the permissions, and `patch_odata_type = false` when the example request carries no
//! `@odata.type`. Fields follow the request body table: `id` is `#[graph(read_only)] String`,
//! every other property an `Option`; a field whose snake_case name does not lead back to the
//! wire name gets `#[graph(rename = "…")]`. Properties whose type is an entity (navigations) are
//! left out, and the struct's doc comment says so.
//!
//! Linked types become `#[graph_enum]` (`#[graph_enum(flags)]` and `graphpatch::Flags<E>` for a
//! flags enum) and `#[graph_complex]` structs with all their properties. A complex type with
//! derived types becomes an enum of its own properties' struct (`…Base`) and every derived
//! type, chosen by `@odata.type`. A property through which a type would contain itself is
//! `Option<Box<T>>`. The pages are newer than the CSDL: what a type's page in `resources/` lists
//! and the CSDL lacks is added. A linked type the CSDL lacks comes from its page alone; as a page
//! does not say whether its type has derived types, such a complex type is an enum of its own
//! struct only, which keeps a value of any other type whole instead of dropping its properties.
//!
//! # Generating at build time
//!
//! Generate into `OUT_DIR` from a build script and include the module:
//!
//! ```toml
//! [dependencies]
//! graphpatch = "0.1"
//!
//! [build-dependencies]
//! graphpatch-codegen = "0.1"
//! ```
//!
//! ```no_run
//! // build.rs
//! use std::path::PathBuf;
//!
//! let docs = PathBuf::from("graph-docs");
//! let pages = ["api/intune-devices-deviceshellscript-update.md"];
//! let options = graphpatch_codegen::Options {
//!     csdl: Some(PathBuf::from("graph-metadata/beta_metadata.xml")),
//!     pages: pages.iter().map(PathBuf::from).collect(),
//!     ..graphpatch_codegen::Options::new(
//!         &docs,
//!         PathBuf::from(std::env::var_os("OUT_DIR").unwrap()).join("graph"),
//!     )
//! };
//! let report = graphpatch_codegen::generate(&options).expect("docs and CSDL are readable");
//! for problem in &report.failed {
//!     println!("cargo::warning={problem}");
//! }
//! assert!(report.failed.is_empty(), "some pages could not be generated");
//! println!("cargo::rerun-if-changed=graph-docs");
//! println!("cargo::rerun-if-changed=graph-metadata");
//! ```
//!
//! ```ignore
//! // src/lib.rs
//! pub mod graph {
//!     include!(concat!(env!("OUT_DIR"), "/graph/mod.rs"));
//! }
//! ```
//!
//! `include!` resolves the `mod x;` lines of the included `mod.rs` next to it, in `OUT_DIR`; the
//! generated files hold no inner attributes, which `include!` would reject. (`#[path]` does not
//! take `concat!`, so the include is the way.)
//!
//! # The pages' defects
//!
//! The corpus in `tests/fixtures/graph-docs` has these, and each is read around (and listed in the
//! struct's doc comment): a byte-order mark and no front matter; tables that list permissions
//! "from most to least privileged" (reversed); per-workflow permission tables (their union, in
//! order); `Not supported.` and empty cells (unsupported); cells that are not permission names
//! (`**TODO: Determine scopes **`: dropped); `|**Section**|` rows in property tables; rows
//! without their closing `|`; an unescaped `|` in a description (the row is name, type, and the
//! rest); a stray request line after an example's JSON; `Content-length` values (never read);
//! a type written `String` where the CSDL has an enum (kept `String`); descriptions written over
//! several lines. A page documenting a `POST` action instead of a PATCH
//! (`intune-policyset-policyset-update.md`, answering 204) is reported and skipped: graphpatch
//! models PATCH requests only; so are pages whose HTTP request names no path (`PATCH ** Entity
//! URI for … not found`).

#![warn(missing_docs)]

mod container;
mod csdl;
mod emit;
mod markdown;
mod model;
mod naming;
mod page;
mod permissions;
mod resources;
mod types;

pub mod cli;

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;

pub use container::DEFAULT_DEPTH;
pub use emit::Style;

/// What to generate, and from what.
#[derive(Debug, Clone)]
pub struct Options {
    /// The folder holding `api/` and `resources/`; empty for none (the CSDL-first form
    /// without `--docs`).
    pub docs_root: PathBuf,
    /// Where the module goes.
    pub out_dir: PathBuf,
    /// The Graph CSDL document.
    pub csdl: Option<PathBuf>,
    /// The Graph permissions map.
    pub permissions: Option<PathBuf>,
    /// Whether to write `tests.rs`.
    pub tests: bool,
    /// The update pages, relative to `docs_root` or absolute; a folder stands for its `.md` files.
    pub pages: Vec<PathBuf>,
    /// What the items are annotated with.
    pub style: Style,
    /// Whether to run rustfmt on the output (when it is installed).
    pub rustfmt: bool,
    /// The CSDL-first form: the entity types to generate from the CSDL, by qualified name
    /// (`microsoft.graph.user`). When not empty, `csdl` and `version` are required and `pages`
    /// only enrich these entities.
    pub entities: Vec<String>,
    /// The Graph version of the CSDL (`v1.0` or `beta`): the CSDL-first form's entities'.
    pub version: Option<String>,
    /// The most navigations a template of the CSDL-first form takes after its entity set or
    /// singleton.
    pub depth: usize,
}

impl Options {
    /// Options for `docs_root` and `out_dir`: no CSDL, no permissions map, no tests, no pages yet,
    /// rustfmt on.
    pub fn new(docs_root: impl Into<PathBuf>, out_dir: impl Into<PathBuf>) -> Options {
        Options {
            docs_root: docs_root.into(),
            out_dir: out_dir.into(),
            csdl: None,
            permissions: None,
            tests: false,
            pages: Vec::new(),
            style: Style::Graphpatch,
            rustfmt: true,
            entities: Vec::new(),
            version: None,
            depth: DEFAULT_DEPTH,
        }
    }

    /// Options for the CSDL-first form: `entities` of `csdl` (whose Graph version is
    /// `version`, `v1.0` or `beta`) into `out_dir`; no docs, no permissions map, rustfmt on.
    ///
    /// ```no_run
    /// let options = graphpatch_codegen::Options {
    ///     permissions: Some("graph-metadata/permissions.json".into()),
    ///     ..graphpatch_codegen::Options::from_csdl(
    ///         "graph-metadata/v1.0_metadata.xml",
    ///         "v1.0",
    ///         ["microsoft.graph.user", "microsoft.graph.group"],
    ///         "src/graph",
    ///     )
    /// };
    /// let report = graphpatch_codegen::generate(&options).unwrap();
    /// assert!(report.failed.is_empty());
    /// ```
    pub fn from_csdl(
        csdl: impl Into<PathBuf>,
        version: &str,
        entities: impl IntoIterator<Item = impl Into<String>>,
        out_dir: impl Into<PathBuf>,
    ) -> Options {
        Options {
            csdl: Some(csdl.into()),
            version: Some(version.to_owned()),
            entities: entities.into_iter().map(Into::into).collect(),
            ..Options::new(PathBuf::new(), out_dir)
        }
    }
}

/// A problem with one page, at a line, or with one entity type of the CSDL-first form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The page, relative to the docs root when it is inside it.
    pub file: String,
    /// 1-based line number; 0 when `file` is an entity type of the CSDL-first form.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        }
    }
}

/// An entity that was generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// Its page, relative to the docs root when it is inside it; empty for an entity of the
    /// CSDL-first form that no page enriched.
    pub page: String,
    /// `microsoft.graph.deviceCategory`.
    pub odata_type: String,
    /// The struct's name.
    pub rust_name: String,
    /// The module (file stem) it is in.
    pub module: String,
    /// Its test in `tests.rs`, if tests were written.
    pub test: Option<String>,
    /// Its PATCH templates, as in its `#[graph_entity]`.
    pub templates: Vec<String>,
}

/// What a run did.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// The entities generated, in page order.
    pub generated: Vec<Generated>,
    /// The pages skipped, and why.
    pub failed: Vec<Diagnostic>,
    /// What was read around or may make a generated test fail.
    pub warnings: Vec<Diagnostic>,
    /// The files of the module, by name.
    pub files: Vec<String>,
    /// How many enum and complex types were generated.
    pub types: usize,
    /// Whether rustfmt formatted the output.
    pub formatted: bool,
}

/// What stopped a run before any page was looked at.
#[derive(Debug)]
pub enum Error {
    /// A path given is unusable.
    Input(String),
    /// Reading or writing failed.
    Io(PathBuf, std::io::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Input(message) => f.write_str(message),
            Error::Io(path, err) => write!(f, "{}: {err}", path.display()),
        }
    }
}

impl std::error::Error for Error {}

/// Generates the module for `options.pages` into `options.out_dir`.
///
/// A page that cannot be generated is in [`Report::failed`]; the others are generated anyway.
pub fn generate(options: &Options) -> Result<Report, Error> {
    let csdl_first = !options.entities.is_empty();
    let no_docs = csdl_first && options.docs_root.as_os_str().is_empty();
    if !no_docs && !options.docs_root.is_dir() {
        return Err(Error::Input(format!(
            "docs root `{}` is not a folder",
            options.docs_root.display()
        )));
    }
    if no_docs && !options.pages.is_empty() {
        return Err(Error::Input("pages need a docs root (--docs)".to_owned()));
    }
    let version = if csdl_first {
        match options.version.as_deref() {
            Some(v @ ("v1.0" | "beta")) => Some(v.to_owned()),
            Some(other) => {
                return Err(Error::Input(format!(
                    "unknown Graph version `{other}`; expected `v1.0` or `beta`"
                )))
            }
            None => {
                return Err(Error::Input(
                    "generating entity types needs the CSDL's Graph version (--version)".to_owned(),
                ))
            }
        }
    } else {
        None
    };
    let mut csdl = read_csdl(options)?;
    if csdl_first {
        let Some(csdl) = csdl.as_mut() else {
            return Err(Error::Input(
                "generating entity types needs the CSDL (--csdl)".to_owned(),
            ));
        };
        csdl.with_descriptions = true;
    }
    let map = read_map(options)?;
    let pages = if no_docs {
        Vec::new()
    } else {
        page_list(&options.docs_root, &options.pages)?
    };

    let mut report = Report::default();
    if options.tests && options.style == Style::PlainSerde {
        report.warnings.push(Diagnostic {
            file: options.out_dir.display().to_string(),
            line: 1,
            message: "no tests for plain serde output".to_owned(),
        });
    }
    let mut resolver = model::Resolver::new(&options.docs_root, csdl, map);
    let mut entities = Vec::new();
    for (display, path) in &pages {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(err) => {
                report.failed.push(Diagnostic {
                    file: display.clone(),
                    line: 1,
                    message: format!("cannot read the page: {err}"),
                });
                continue;
            }
        };
        let mut warnings = Vec::new();
        // A bug in the generator must cost one page, not the run.
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            resolver.entity(display, &text, &mut warnings)
        }));
        report
            .warnings
            .extend(warnings.into_iter().map(|w| Diagnostic {
                file: display.clone(),
                line: w.line,
                message: w.message,
            }));
        match outcome {
            Ok(Ok(entity)) => entities.push(entity),
            Ok(Err(err)) => report.failed.push(Diagnostic {
                file: display.clone(),
                line: err.line,
                message: err.message,
            }),
            Err(panic) => report.failed.push(Diagnostic {
                file: display.clone(),
                line: 1,
                message: format!(
                    "internal error of the generator: {}",
                    panic
                        .downcast_ref::<String>()
                        .map(String::as_str)
                        .or_else(|| panic.downcast_ref::<&str>().copied())
                        .unwrap_or("a panic")
                ),
            }),
        }
    }

    if let Some(version) = version {
        entities = csdl_entities(options, &version, &mut resolver, entities, &mut report);
    }

    let tests = options.tests && options.style == Style::Graphpatch;
    let (defs, resources) = resolver.parts();
    let plan = emit::Plan::new(&entities, defs, options.style, tests);
    let files = plan.files(resources);
    report.types =
        files.len() - entities.len() - 1 - usize::from(files.iter().any(|f| f.name == "tests.rs"));
    for (entity, placed) in entities.iter().zip(plan.placed()) {
        report.generated.push(Generated {
            page: entity.page.clone(),
            odata_type: entity.odata_type.clone(),
            rust_name: placed.rust_name.clone(),
            module: placed.module.clone(),
            test: placed.test.clone(),
            templates: entity.templates.clone(),
        });
    }
    report.formatted = write_files(
        &options.out_dir,
        &files,
        options.rustfmt,
        &mut report.warnings,
    )?;
    report.files = files.into_iter().map(|f| f.name).collect();
    Ok(report)
}

fn read_csdl(options: &Options) -> Result<Option<csdl::Csdl>, Error> {
    let Some(path) = &options.csdl else {
        return Ok(None);
    };
    let text = std::fs::read_to_string(path).map_err(|e| Error::Io(path.clone(), e))?;
    csdl::Csdl::parse(&text)
        .map(Some)
        .map_err(|e| Error::Input(format!("{}: {e}", path.display())))
}

fn read_map(options: &Options) -> Result<Option<permissions::PermissionMap>, Error> {
    let Some(path) = &options.permissions else {
        return Ok(None);
    };
    let text = std::fs::read_to_string(path).map_err(|e| Error::Io(path.clone(), e))?;
    permissions::PermissionMap::parse(&text)
        .map(Some)
        .map_err(|e| Error::Input(format!("{}: {e}", path.display())))
}

/// The entities of the CSDL-first form, each enriched by the page of its type among `pages`
/// (the entities read from the pages given).
fn csdl_entities(
    options: &Options,
    version: &str,
    resolver: &mut model::Resolver,
    pages: Vec<model::Entity>,
    report: &mut Report,
) -> Vec<model::Entity> {
    let mut names: Vec<String> = Vec::new();
    for name in &options.entities {
        let name = name.trim().trim_start_matches('#');
        // A simple name (`user`) stands for the type of that name (`microsoft.graph.user`).
        let qualified = if name.contains('.') {
            Some(name.to_owned())
        } else {
            resolver.csdl().and_then(|c| c.resolve_simple(name))
        };
        match qualified {
            Some(q) => names.push(q),
            None => report.failed.push(Diagnostic {
                file: name.to_owned(),
                line: 0,
                message: "no type of this name in the CSDL".to_owned(),
            }),
        }
    }
    // The same names in any order give the same bytes.
    names.sort();
    names.dedup();
    let mut container = container::Container::new(options.depth);
    let mut entities = Vec::new();
    let mut used = vec![false; pages.len()];
    for name in names {
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            resolver.csdl_entity(&name, version, &mut container)
        }));
        match outcome {
            Ok(Ok(mut entity)) => {
                resolver.type_pages(&mut entity);
                if let Some(i) = pages.iter().position(|p| p.odata_type == name) {
                    used[i] = true;
                    model::enrich(&mut entity, &pages[i]);
                }
                entities.push(entity);
            }
            Ok(Err(message)) => report.failed.push(Diagnostic {
                file: name,
                line: 0,
                message,
            }),
            Err(_) => report.failed.push(Diagnostic {
                file: name,
                line: 0,
                message: "internal error of the generator".to_owned(),
            }),
        }
    }
    for (page, used) in pages.iter().zip(used) {
        if !used {
            report.warnings.push(Diagnostic {
                file: page.page.clone(),
                line: 1,
                message: format!(
                    "the page is for `{}`, which no --entity names: it enriches nothing",
                    page.odata_type
                ),
            });
        }
    }
    entities
}

/// A loaded CSDL with its entity container's paths: what the CSDL-first form would make of
/// each entity type's templates, and why a template is not among them.
///
/// ```no_run
/// let options = graphpatch_codegen::Options::from_csdl(
///     "graph-metadata/v1.0_metadata.xml",
///     "v1.0",
///     ["microsoft.graph.user"],
///     "src/graph",
/// );
/// let mut metadata = graphpatch_codegen::Metadata::load(&options).unwrap();
/// assert!(metadata.templates("microsoft.graph.user").contains(&"/me".to_owned()));
/// ```
pub struct Metadata {
    csdl: csdl::Csdl,
    map: Option<permissions::PermissionMap>,
    container: container::Container,
}

impl Metadata {
    /// Reads `options.csdl` (required) and `options.permissions` (if given); paths of at most
    /// `options.depth` navigations.
    pub fn load(options: &Options) -> Result<Metadata, Error> {
        Ok(Metadata {
            csdl: read_csdl(options)?.ok_or_else(|| Error::Input("--csdl is required".into()))?,
            map: read_map(options)?,
            container: container::Container::new(options.depth),
        })
    }

    /// Every entity type, in document order.
    pub fn entity_types(&self) -> Vec<String> {
        self.csdl.entity_types()
    }

    /// The templates the CSDL-first form gives entity type `qualified`.
    pub fn templates(&mut self, qualified: &str) -> Vec<String> {
        self.container.reach(&self.csdl, qualified).templates
    }

    /// Why `template` is not among the templates of `entity`: the first rule of the container's
    /// paths it breaks (parameter names do not matter).
    pub fn explain(&mut self, entity: &str, template: &str) -> String {
        self.container.explain(&self.csdl, entity, template)
    }

    /// Every entity type through whose templates the permissions map knows a PATCH, sorted: the
    /// names to give [`Options::entities`] for all of Graph that can be patched. Empty without
    /// a permissions map.
    pub fn entity_types_with_patch(&mut self) -> Vec<String> {
        let Some(map) = &self.map else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for name in self.csdl.entity_types() {
            let reached = self.container.reach(&self.csdl, &name);
            if reached.templates.iter().any(|t| map.knows(t)) {
                out.push(name);
            }
        }
        out.sort();
        out
    }
}

/// `(display name, path)` of each page: relative to the root when inside it, sorted, each once.
fn page_list(root: &Path, pages: &[PathBuf]) -> Result<Vec<(String, PathBuf)>, Error> {
    let mut out: Vec<(String, PathBuf)> = Vec::new();
    for page in pages {
        let path = if page.is_absolute() || (!root.join(page).exists() && page.exists()) {
            page.clone()
        } else {
            root.join(page)
        };
        let files = if path.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(&path)
                .map_err(|e| Error::Io(path.clone(), e))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "md"))
                .collect();
            files.sort();
            files
        } else {
            vec![path]
        };
        for file in files {
            let display = file
                .strip_prefix(root)
                .map(|p| {
                    p.components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/")
                })
                .unwrap_or_else(|_| file.display().to_string());
            if !out.iter().any(|(d, _)| *d == display) {
                out.push((display, file));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Writes the files through a staging folder (formatted there, so that rustfmt reads no project
/// configuration and unchanged files keep their modification time), then removes files an
/// earlier run wrote that this one did not. Returns whether rustfmt ran.
fn write_files(
    out_dir: &Path,
    files: &[emit::File],
    rustfmt: bool,
    warnings: &mut Vec<Diagnostic>,
) -> Result<bool, Error> {
    static RUN: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let staging = std::env::temp_dir().join(format!(
        "graphpatch-codegen-{}-{}",
        std::process::id(),
        RUN.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    ));
    let io = |path: &Path| {
        let path = path.to_owned();
        move |e| Error::Io(path, e)
    };
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir_all(&staging).map_err(io(&staging))?;
    let result = (|| {
        for file in files {
            let path = staging.join(&file.name);
            std::fs::write(&path, &file.text).map_err(io(&path))?;
        }
        let formatted = rustfmt && format(&staging.join("mod.rs"), warnings, out_dir);
        std::fs::create_dir_all(out_dir).map_err(io(out_dir))?;
        for file in files {
            let staged = staging.join(&file.name);
            let text = std::fs::read(&staged).map_err(io(&staged))?;
            let target = out_dir.join(&file.name);
            if std::fs::read(&target).ok().as_deref() != Some(&text[..]) {
                std::fs::write(&target, &text).map_err(io(&target))?;
            }
        }
        for entry in std::fs::read_dir(out_dir).map_err(io(out_dir))? {
            let path = entry.map_err(io(out_dir))?.path();
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            if !name.ends_with(".rs") || files.iter().any(|f| f.name == name) {
                continue;
            }
            let ours = std::fs::read_to_string(&path).is_ok_and(|t| t.starts_with(emit::HEADER));
            if ours {
                std::fs::remove_file(&path).map_err(io(&path))?;
            }
        }
        Ok(formatted)
    })();
    let _ = std::fs::remove_dir_all(&staging);
    result
}

/// Runs `rustfmt --edition 2021` on `mod_rs` (which formats every module it declares).
fn format(mod_rs: &Path, warnings: &mut Vec<Diagnostic>, out_dir: &Path) -> bool {
    let rustfmt = std::env::var_os("RUSTFMT").unwrap_or_else(|| "rustfmt".into());
    let warn = |warnings: &mut Vec<Diagnostic>, message: String| {
        warnings.push(Diagnostic {
            file: out_dir.join("mod.rs").display().to_string(),
            line: 1,
            message,
        })
    };
    match Command::new(&rustfmt)
        .args(["--edition", "2021"])
        .arg(mod_rs)
        .output()
    {
        Ok(output) if output.status.success() => true,
        Ok(output) => {
            let stderr = String::from_utf8_lossy(&output.stderr);
            warn(
                warnings,
                format!(
                    "rustfmt failed; the output is left unformatted: {}",
                    stderr.lines().take(5).collect::<Vec<_>>().join(" / ")
                ),
            );
            false
        }
        Err(err) => {
            warn(
                warnings,
                format!("rustfmt not run ({err}); the output is left unformatted"),
            );
            false
        }
    }
}
