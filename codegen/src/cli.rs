//! The command line: arguments to [`Options`], the report to stderr, an exit
//! status.

use std::ffi::OsString;
use std::path::PathBuf;

use crate::{generate, Options, Style};

const USAGE: &str =
    "usage: graphpatch-codegen --csdl <CSDL.xml> --version <v1.0|beta> --out <DIR> \
[--permissions <permissions.json>] [--docs <DOCS_ROOT> [<API_PAGE.md>...]] [--depth <N>] [--tests] \
[--no-rustfmt] --entity <qualified.type>...
       graphpatch-codegen --docs <DOCS_ROOT> --out <DIR> [--csdl <CSDL.xml>] \
[--permissions <permissions.json>] [--tests] [--no-rustfmt] <API_PAGE.md>...";

const HELP: &str =
    "Generates graphpatch types from the Microsoft Graph CSDL ($metadata), or from Graph
reference pages.

The CSDL-first form (--entity):
  --csdl <CSDL.xml>            the Graph $metadata the entity types come from
  --version <v1.0|beta>        the Graph version that CSDL describes
  --entity <TYPE>              an entity type to generate (microsoft.graph.user; a simple name
                               such as user stands for microsoft.graph.user); repeatable;
                               --entity @FILE reads names from FILE, one a line (blank lines and
                               lines starting with # skipped)
  --depth <N>                  the most navigations a template takes after its entity set or
                               singleton (default 8)
  --permissions <FILE>         the Graph permissions map: PATCH permissions per template, GET
                               ones for reading; without it, or where it knows none, the
                               permissions are `unknown`
  --docs <DOCS_ROOT> [PAGES]   optional: descriptions from resources/; the update pages given
                               enrich their entity types (descriptions, examples for --tests,
                               templates the container does not produce)

The page form (no --entity):
  --docs <DOCS_ROOT>           the folder holding api/ and resources/
  --csdl <CSDL.xml>            the Graph $metadata: enum members, flags, complex and derived types
  --permissions <FILE>         the Graph permissions map; overrides the pages' tables where it
                               knows a template
  <API_PAGE.md>...             update pages, relative to DOCS_ROOT or absolute; a folder stands
                               for its .md files

Both:
  --out <DIR>                  where mod.rs and one file per type are written
  --tests                      also write tests.rs: each page's examples round-trip
  --no-rustfmt                 leave the output unformatted

A page or entity type that cannot be generated is reported (file:line: reason) and skipped.
Exit status: 0 all generated, 1 some skipped, 2 nothing done (bad arguments or inputs).";

/// Runs the command line (`args` without the program name); returns the exit status.
pub fn run(args: impl IntoIterator<Item = OsString>) -> i32 {
    let options = match parse(args) {
        Ok(Some(options)) => options,
        Ok(None) => {
            println!("{HELP}\n\n{USAGE}");
            return 0;
        }
        Err(message) => {
            eprintln!("error: {message}\n{USAGE}");
            return 2;
        }
    };
    let started = std::time::Instant::now();
    match generate(&options) {
        Ok(report) => {
            for warning in &report.warnings {
                eprintln!(
                    "{}:{}: warning: {}",
                    warning.file, warning.line, warning.message
                );
            }
            for failure in &report.failed {
                eprintln!("{failure}");
            }
            let from = if options.entities.is_empty() {
                "pages"
            } else {
                "entity types"
            };
            eprintln!(
                "graphpatch-codegen: {} entities and {} types from {} {from} into {} in {:.2?}{}{}",
                report.generated.len(),
                report.types,
                report.generated.len() + report.failed.len(),
                options.out_dir.display(),
                started.elapsed(),
                if report.formatted { ", formatted" } else { "" },
                if report.failed.is_empty() {
                    String::new()
                } else {
                    format!("; {} {from} skipped", report.failed.len())
                }
            );
            i32::from(!report.failed.is_empty())
        }
        Err(err) => {
            eprintln!("error: {err}");
            2
        }
    }
}

/// The options, or `None` for `--help`.
fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Option<Options>, String> {
    let mut docs: Option<PathBuf> = None;
    let mut out: Option<PathBuf> = None;
    let mut csdl = None;
    let mut permissions = None;
    let mut tests = false;
    let mut rustfmt = true;
    let mut style = Style::Graphpatch;
    let mut pages = Vec::new();
    let mut entities: Vec<String> = Vec::new();
    let mut version = None;
    let mut depth = crate::DEFAULT_DEPTH;
    let mut args = args.into_iter();
    let mut only_pages = false;
    while let Some(arg) = args.next() {
        let text = arg.to_string_lossy().into_owned();
        if only_pages || !text.starts_with("--") {
            pages.push(PathBuf::from(arg));
            continue;
        }
        let (flag, inline) = match text.split_once('=') {
            Some((flag, value)) => (flag.to_owned(), Some(OsString::from(value))),
            None => (text.clone(), None),
        };
        let mut value = |name: &str| -> Result<PathBuf, String> {
            inline
                .clone()
                .or_else(|| args.next())
                .map(PathBuf::from)
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag.as_str() {
            "--" => only_pages = true,
            "--help" => return Ok(None),
            "--docs" => docs = Some(value("--docs")?),
            "--out" => out = Some(value("--out")?),
            "--csdl" => csdl = Some(value("--csdl")?),
            "--permissions" => permissions = Some(value("--permissions")?),
            "--entity" => {
                let value = value("--entity")?;
                let text = value.to_string_lossy();
                match text.strip_prefix('@') {
                    Some(file) => {
                        let list = std::fs::read_to_string(file)
                            .map_err(|e| format!("--entity @{file}: {e}"))?;
                        entities.extend(
                            list.lines()
                                .map(str::trim)
                                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                                .map(str::to_owned),
                        );
                    }
                    None => entities.push(text.into_owned()),
                }
            }
            "--version" => {
                version = Some(value("--version")?.to_string_lossy().into_owned());
            }
            "--depth" => {
                let text = value("--depth")?.to_string_lossy().into_owned();
                depth = text
                    .parse()
                    .map_err(|_| format!("--depth takes a number, not `{text}`"))?;
            }
            "--tests" => tests = true,
            "--no-rustfmt" => rustfmt = false,
            // Hidden: plain serde derives instead of graphpatch's attributes, to measure the
            // macros' compile-time cost.
            "--plain-serde" => style = Style::PlainSerde,
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    let out = out.ok_or("--out is required")?;
    if !entities.is_empty() {
        // The CSDL-first form.
        if csdl.is_none() {
            return Err("--entity needs --csdl".to_owned());
        }
        if version.is_none() {
            return Err("--entity needs --version (v1.0 or beta)".to_owned());
        }
        if docs.is_none() && !pages.is_empty() {
            return Err("pages need --docs".to_owned());
        }
        return Ok(Some(Options {
            csdl,
            permissions,
            tests,
            pages,
            style,
            rustfmt,
            entities,
            version,
            depth,
            ..Options::new(docs.unwrap_or_default(), out)
        }));
    }
    let docs = docs.ok_or("--docs is required (or --entity, with --csdl)")?;
    if pages.is_empty() {
        return Err("no pages given".to_owned());
    }
    Ok(Some(Options {
        csdl,
        permissions,
        tests,
        pages,
        style,
        rustfmt,
        depth,
        ..Options::new(docs, out)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn parses_the_contract() {
        let options = parse(args(&[
            "--docs",
            "d",
            "--out=o",
            "--csdl",
            "c.xml",
            "--permissions",
            "p.json",
            "--tests",
            "api/a.md",
            "api/b.md",
        ]))
        .unwrap()
        .unwrap();
        assert_eq!(options.docs_root, PathBuf::from("d"));
        assert_eq!(options.out_dir, PathBuf::from("o"));
        assert_eq!(options.csdl, Some(PathBuf::from("c.xml")));
        assert_eq!(options.permissions, Some(PathBuf::from("p.json")));
        assert!(options.tests && options.rustfmt);
        assert_eq!(options.pages.len(), 2);
        assert_eq!(options.style, Style::Graphpatch);
    }

    #[test]
    fn parses_the_csdl_first_contract() {
        let list = std::env::temp_dir().join(format!(
            "graphpatch-codegen-names-{}.txt",
            std::process::id()
        ));
        std::fs::write(
            &list,
            "# wanted\nmicrosoft.graph.group\n\n  microsoft.graph.device  \n",
        )
        .unwrap();
        let options = parse(args(&[
            "--csdl",
            "v1.xml",
            "--version",
            "v1.0",
            "--out",
            "o",
            "--permissions",
            "p.json",
            "--entity",
            "microsoft.graph.user",
            &format!("--entity=@{}", list.display()),
            "--depth",
            "5",
        ]))
        .unwrap()
        .unwrap();
        let _ = std::fs::remove_file(&list);
        assert_eq!(
            options.entities,
            [
                "microsoft.graph.user",
                "microsoft.graph.group",
                "microsoft.graph.device"
            ]
        );
        assert_eq!(options.version.as_deref(), Some("v1.0"));
        assert_eq!(options.depth, 5);
        assert!(options.docs_root.as_os_str().is_empty());
        assert!(options.pages.is_empty());
        // With docs and pages that enrich the entities.
        let options = parse(args(&[
            "--csdl",
            "c.xml",
            "--version",
            "beta",
            "--out",
            "o",
            "--docs",
            "d",
            "api/a.md",
            "--entity",
            "x.y",
        ]))
        .unwrap()
        .unwrap();
        assert_eq!(options.docs_root, PathBuf::from("d"));
        assert_eq!(options.pages, [PathBuf::from("api/a.md")]);
        for (bad, needle) in [
            (
                &["--version", "v1.0", "--out", "o", "--entity", "x.y"][..],
                "--csdl",
            ),
            (
                &["--csdl", "c", "--out", "o", "--entity", "x.y"][..],
                "--version",
            ),
            (
                &[
                    "--csdl",
                    "c",
                    "--version",
                    "v1.0",
                    "--out",
                    "o",
                    "a.md",
                    "--entity",
                    "x.y",
                ][..],
                "--docs",
            ),
            (
                &[
                    "--csdl",
                    "c",
                    "--version",
                    "v1.0",
                    "--out",
                    "o",
                    "--depth",
                    "x",
                    "--entity",
                    "x.y",
                ][..],
                "number",
            ),
            (
                &[
                    "--csdl",
                    "c",
                    "--version",
                    "v1.0",
                    "--out",
                    "o",
                    "--entity",
                    "@/nonexistent-list",
                ][..],
                "nonexistent",
            ),
        ] {
            let err = parse(args(bad)).unwrap_err();
            assert!(err.contains(needle), "{bad:?}: {err}");
        }
        assert_eq!(
            run(args(&[
                "--csdl",
                "/nonexistent.xml",
                "--version",
                "v2.0",
                "--out",
                "/tmp/x",
                "--entity",
                "x.y"
            ])),
            2
        );
    }

    #[test]
    fn rejects_bad_arguments() {
        assert!(parse(args(&["--out", "o", "a.md"]))
            .unwrap_err()
            .contains("--docs"));
        assert!(parse(args(&["--docs", "d", "--out", "o"]))
            .unwrap_err()
            .contains("no pages"));
        assert!(
            parse(args(&["--docs", "d", "--out", "o", "--frobnicate", "a"]))
                .unwrap_err()
                .contains("unknown option")
        );
        assert!(parse(args(&["--docs"]))
            .unwrap_err()
            .contains("needs a value"));
        assert!(parse(args(&["--help"])).unwrap().is_none());
        assert_eq!(
            run(args(&[
                "--docs",
                "/nonexistent-docs-root",
                "--out",
                "/tmp/x",
                "a.md"
            ])),
            2
        );
    }
}
