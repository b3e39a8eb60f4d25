//! The command line: arguments to [`Options`], the report to stderr, an exit
//! status.

use std::ffi::OsString;
use std::path::PathBuf;

use crate::{generate, Options, Style};

const USAGE: &str = "usage: graphpatch-codegen --docs <DOCS_ROOT> --out <DIR> [--csdl <CSDL.xml>] \
[--permissions <permissions.json>] [--tests] [--no-rustfmt] <API_PAGE.md>...";

const HELP: &str = "Generates graphpatch types from Microsoft Graph reference pages.

  --docs <DOCS_ROOT>           the folder holding api/ and resources/
  --out <DIR>                  where mod.rs and one file per type are written
  --csdl <CSDL.xml>            the Graph $metadata: enum members, flags, complex and derived types
  --permissions <FILE>         the Graph permissions map; overrides the pages' tables where it
                               knows a template
  --tests                      also write tests.rs: each page's examples round-trip
  --no-rustfmt                 leave the output unformatted
  <API_PAGE.md>...             update pages, relative to DOCS_ROOT or absolute; a folder stands
                               for its .md files

A page that cannot be generated is reported as file:line: reason and skipped.
Exit status: 0 all generated, 1 some pages skipped, 2 nothing done (bad arguments or inputs).";

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
            eprintln!(
                "graphpatch-codegen: {} entities and {} types from {} pages into {} in {:.2?}{}{}",
                report.generated.len(),
                report.types,
                report.generated.len() + report.failed.len(),
                options.out_dir.display(),
                started.elapsed(),
                if report.formatted { ", formatted" } else { "" },
                if report.failed.is_empty() {
                    String::new()
                } else {
                    format!("; {} pages skipped", report.failed.len())
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
            "--tests" => tests = true,
            "--no-rustfmt" => rustfmt = false,
            // Hidden: plain serde derives instead of graphpatch's attributes, to measure the
            // macros' compile-time cost.
            "--plain-serde" => style = Style::PlainSerde,
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    let docs = docs.ok_or("--docs is required")?;
    let out = out.ok_or("--out is required")?;
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
