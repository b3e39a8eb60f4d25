//! An update page of the Graph reference (`api/*-update.md`) read into its parts: permissions
//! table, PATCH templates, property table and examples, each with its line number. The source's
//! known defects are absorbed here (see the crate docs); what cannot be read is a [`PageError`].

use crate::markdown::{self, CodeBlock, Doc, Row, Table};
use crate::types::Prim;
use graphpatch_naming::json::{self, Json};

/// What is wrong with a page, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl PageError {
    /// An error at `line`.
    pub fn new(line: usize, message: impl Into<String>) -> PageError {
        PageError {
            line,
            message: message.into(),
        }
    }
}

/// A page's parts.
#[derive(Debug, Clone)]
pub struct Page {
    /// The level-1 heading (`Update deviceCategory`).
    pub title: Option<String>,
    /// The permissions table, if the page has one.
    pub permissions: Option<Table>,
    /// The templates of the HTTP request section, in page order.
    pub templates: Vec<TemplateLine>,
    /// The request body's property table.
    pub properties: Vec<PropertyRow>,
    /// The example request.
    pub request: Request,
    /// The example response.
    pub response: Response,
    /// Whether the page carries the "/beta version" notice.
    pub beta_notice: bool,
    /// What the page does differently from the documented format, absorbed while reading it.
    pub defects: Vec<String>,
}

/// `PATCH /deviceManagement/deviceCategories/{deviceCategoryId}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateLine {
    /// 1-based line number.
    pub line: usize,
    /// `PATCH`, `POST`, …
    pub method: String,
    /// The template.
    pub path: String,
}

/// A row of the property table.
#[derive(Debug, Clone, PartialEq)]
pub struct PropertyRow {
    /// 1-based line number.
    pub line: usize,
    /// The property's wire name.
    pub name: String,
    /// The type cell.
    pub ty: TypeCell,
    /// The description, as plain text.
    pub description: String,
}

/// A type cell: an Edm name or a link to a type's page, maybe a collection.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeCell {
    /// The element type.
    pub base: CellType,
    /// `… collection`.
    pub collection: bool,
}

/// The element type of a type cell.
#[derive(Debug, Clone, PartialEq)]
pub enum CellType {
    /// An Edm primitive.
    Prim(Prim),
    /// `[name](../resources/page.md)`.
    Link {
        /// The type's name (the link text).
        name: String,
        /// The link target as written.
        target: String,
    },
}

/// The example request.
#[derive(Debug, Clone)]
pub struct Request {
    /// Line of the request line.
    pub line: usize,
    /// `PATCH`.
    pub method: String,
    /// The URL as written.
    pub url: String,
    /// The JSON body.
    pub body: Body,
}

/// The example response.
#[derive(Debug, Clone)]
pub struct Response {
    /// Line of the status line.
    pub line: usize,
    /// `200`.
    pub status: u16,
    /// The JSON body, if any.
    pub body: Option<Body>,
}

/// A JSON body of an example.
#[derive(Debug, Clone)]
pub struct Body {
    /// Its first line.
    pub line: usize,
    /// The value.
    pub json: Json,
    /// The text of the value as written (what follows it dropped).
    pub text: String,
}

impl Request {
    /// The API version in the URL (`https://graph.microsoft.com/beta/…` → `beta`).
    pub fn version(&self) -> Option<&str> {
        let rest = self.url.split_once("://").map(|(_, r)| r)?;
        let path = &rest[rest.find('/')?..];
        let first = path.trim_start_matches('/').split('/').next()?;
        match first {
            "beta" | "v1.0" => Some(first),
            _ => None,
        }
    }
}

/// Reads an update page.
pub fn parse(text: &str) -> Result<Page, PageError> {
    let mut defects = Vec::new();
    if text.starts_with('\u{feff}') {
        defects.push("starts with a byte-order mark".to_owned());
    }
    let doc = Doc::new(text);
    if doc.lines().first().is_none_or(|l| l.text.trim() != "---") {
        defects.push("has no front matter".to_owned());
    }
    let title = doc.title().map(|(_, t)| t.to_owned());
    let beta_notice = text.contains("/beta version");

    // Permissions: the first table whose header starts with "Permission".
    let permissions = doc.tables(0, doc.lines().len()).into_iter().find(|t| {
        t.header.cells.first().is_some_and(|c| {
            markdown::plain_text(c)
                .to_ascii_lowercase()
                .starts_with("permission")
        })
    });

    let http = doc
        .section(|t| t.eq_ignore_ascii_case("HTTP Request"))
        .ok_or_else(|| PageError::new(1, "no `## HTTP Request` section"))?;
    let lines = templates(&http_blocks(&doc, http.heading, http.end));
    let templates: Vec<TemplateLine> = lines
        .iter()
        .filter_map(|t| t.as_ref().ok().cloned())
        .collect();
    for (line, text) in lines.iter().filter_map(|t| t.as_ref().err()) {
        if templates.is_empty() {
            return Err(PageError::new(
                *line,
                format!("`{text}` names no path: the page gives no template to generate"),
            ));
        }
        defects.push(format!("line {line}: `{text}` names no path; ignored"));
    }
    if templates.is_empty() {
        return Err(PageError::new(
            doc.line_no(http.heading),
            "the HTTP request section has no `PATCH /…` template",
        ));
    }

    let body = doc
        .section(|t| t.eq_ignore_ascii_case("Request body"))
        .ok_or_else(|| PageError::new(1, "no `## Request body` section"))?;
    let table = doc
        .tables(body.heading, body.end)
        .into_iter()
        .find(|t| {
            t.header
                .cells
                .first()
                .is_some_and(|c| c.eq_ignore_ascii_case("property"))
        })
        .ok_or_else(|| {
            PageError::new(
                doc.line_no(body.heading),
                "the request body section has no `|Property|Type|Description|` table",
            )
        })?;
    let (properties, table_defects) = property_rows(&table)?;
    defects.extend(table_defects);

    // Examples: the first request and the first response after the request body section.
    let blocks = http_blocks(&doc, body.end, doc.lines().len());
    let request_block = blocks
        .iter()
        .find(|b| first_text(b).is_some_and(|(_, t)| is_request_line(t)))
        .ok_or_else(|| PageError::new(doc.line_no(body.end), "no example request"))?;
    let request = parse_request(request_block, &mut defects)?;
    let response_block = blocks
        .iter()
        .find(|b| first_text(b).is_some_and(|(_, t)| t.starts_with("HTTP/")))
        .ok_or_else(|| PageError::new(request.line, "no example response after the request"))?;
    let response = parse_response(response_block, &mut defects)?;

    Ok(Page {
        title,
        permissions,
        templates,
        properties,
        request,
        response,
        beta_notice,
        defects,
    })
}

/// The code blocks marked `http` (or not marked) between line indexes `from` and `to`.
fn http_blocks<'a>(doc: &Doc<'a>, from: usize, to: usize) -> Vec<CodeBlock<'a>> {
    doc.code_blocks(from, to)
        .into_iter()
        .filter(|b| b.info.is_empty() || b.info.eq_ignore_ascii_case("http"))
        .collect()
}

/// The `METHOD /path` lines of the blocks; a method followed by something else than a path is
/// returned as `Err((line, text))`.
fn templates(blocks: &[CodeBlock]) -> Vec<Result<TemplateLine, (usize, String)>> {
    blocks
        .iter()
        .flat_map(|b| b.lines.iter())
        .filter_map(|line| {
            let text = line.text.trim();
            let (method, path) = text.split_once(char::is_whitespace)?;
            let path = path.trim();
            if !is_method(method) {
                return None;
            }
            Some(if path.starts_with('/') {
                Ok(TemplateLine {
                    line: line.no,
                    method: method.to_owned(),
                    path: path.to_owned(),
                })
            } else {
                Err((line.no, text.to_owned()))
            })
        })
        .collect()
}

fn is_method(word: &str) -> bool {
    matches!(word, "PATCH" | "POST" | "PUT" | "GET" | "DELETE")
}

fn is_request_line(text: &str) -> bool {
    text.split_once(' ')
        .is_some_and(|(m, rest)| is_method(m) && rest.trim_start().starts_with("http"))
}

fn first_text<'a>(block: &'a CodeBlock) -> Option<(usize, &'a str)> {
    block
        .lines
        .iter()
        .find(|l| !l.text.trim().is_empty())
        .map(|l| (l.no, l.text.trim()))
}

/// The property rows; `|**Section**|` rows are dropped, a description holding an unescaped `|`
/// is joined back together.
fn property_rows(table: &Table) -> Result<(Vec<PropertyRow>, Vec<String>), PageError> {
    let mut rows = Vec::new();
    let mut defects = Vec::new();
    for row in &table.rows {
        if is_section_row(row) {
            defects.push(format!(
                "line {}: section row `{}` in the property table",
                row.no,
                row.cells.first().map_or("", String::as_str)
            ));
            continue;
        }
        if row.continued {
            defects.push(format!("line {}: a row written over several lines", row.no));
        }
        if row.open_ended {
            defects.push(format!("line {}: row without its closing `|`", row.no));
        }
        if row.cells.len() > 3 {
            defects.push(format!("line {}: unescaped `|` in the description", row.no));
        }
        let name = row.cells[0].trim_matches('`').trim();
        if name.is_empty() {
            return Err(PageError::new(row.no, "property row without a name"));
        }
        if !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '@' | '.' | '-'))
        {
            return Err(PageError::new(
                row.no,
                format!("`{name}` is not a property name"),
            ));
        }
        let Some(type_cell) = row.cells.get(1).filter(|c| !c.is_empty()) else {
            return Err(PageError::new(
                row.no,
                format!("property `{name}` has no type"),
            ));
        };
        let ty = parse_type_cell(type_cell).map_err(|m| PageError::new(row.no, m))?;
        let description = markdown::plain_text(&row.cells.get(2..).unwrap_or_default().join(" | "));
        if rows.iter().any(|r: &PropertyRow| r.name == name) {
            defects.push(format!(
                "line {}: `{name}` listed twice; the first row kept",
                row.no
            ));
            continue;
        }
        rows.push(PropertyRow {
            line: row.no,
            name: name.to_owned(),
            ty,
            description,
        });
    }
    Ok((rows, defects))
}

/// `|**Onboarding**|`: a row that only names a section.
fn is_section_row(row: &Row) -> bool {
    let filled: Vec<&String> = row.cells.iter().filter(|c| !c.is_empty()).collect();
    filled.len() == 1 && filled[0].starts_with("**") && filled[0].ends_with("**")
}

/// Whether a property's description (an update page's or a type page's, as plain text) marks the
/// property read-only. The pages write it as a sentence of its own: `This property is
/// read-only.` (most), `Read-only.`, `Read only.`, `Read-only` closing the cell, `Read-only,
/// automatically generated.`, `This is read-only and automatically generated.`. A sentence
/// about something else (`Proprietary scripts are read-only`) is no marker.
pub fn marks_read_only(description: &str) -> bool {
    let text = description
        .to_ascii_lowercase()
        .replace("read only", "read-only");
    text.split('.').map(str::trim).any(|sentence| {
        matches!(sentence, "read-only" | "this property is read-only")
            || ["read-only,", "read-only and ", "this is read-only"]
                .iter()
                .any(|start| sentence.starts_with(start))
    })
}

/// `String`, `Int32 collection`, `[installIntent](../resources/x.md)`,
/// `[policySetItem](../resources/y.md) collection`, `Collection(Edm.String)`.
pub fn parse_type_cell(cell: &str) -> Result<TypeCell, String> {
    let cell = cell.trim();
    if let Some(inner) = cell
        .strip_prefix("Collection(")
        .and_then(|c| c.strip_suffix(')'))
    {
        let inner = parse_type_cell(inner)?;
        return Ok(TypeCell {
            base: inner.base,
            collection: true,
        });
    }
    let (base, rest) = match markdown::leading_link(cell) {
        Some((name, target, rest)) => (
            CellType::Link {
                name: name.trim_matches('`').to_owned(),
                target: target.to_owned(),
            },
            rest.trim(),
        ),
        None => {
            let (word, rest) = cell.split_once(char::is_whitespace).unwrap_or((cell, ""));
            let prim = Prim::parse(word).ok_or_else(|| format!("unknown type `{cell}`"))?;
            (CellType::Prim(prim), rest.trim())
        }
    };
    let collection = match rest.to_ascii_lowercase().as_str() {
        "" => false,
        "collection" => true,
        _ => return Err(format!("unknown type `{cell}`")),
    };
    Ok(TypeCell { base, collection })
}

/// The JSON body of an example block: it starts at the first line opening with `{` or `[`;
/// whatever follows the value (a stray request line, say) is dropped.
fn body_of(
    block: &CodeBlock,
    after: usize,
    defects: &mut Vec<String>,
) -> Result<Option<Body>, PageError> {
    let Some(start) = block.lines[after..]
        .iter()
        .position(|l| l.text.trim_start().starts_with(['{', '[']))
        .map(|p| p + after)
    else {
        return Ok(None);
    };
    let lines = &block.lines[start..];
    let text: String = lines.iter().map(|l| format!("{}\n", l.text)).collect();
    match json::parse_prefix(&text) {
        Ok((value, end)) => {
            let rest = text[end..].trim();
            if !rest.is_empty() {
                let line = lines[text[..end].matches('\n').count()].no;
                defects.push(format!(
                    "line {line}: text after the example's JSON (`{}`) ignored",
                    rest.lines().next().unwrap_or_default()
                ));
            }
            Ok(Some(Body {
                line: lines[0].no,
                json: value,
                text: text[..end].trim().to_owned(),
            }))
        }
        Err(err) => {
            let line = lines[0].no + text[..err.offset.min(text.len())].matches('\n').count();
            Err(PageError::new(
                line,
                format!("invalid JSON: {}", err.message),
            ))
        }
    }
}

fn parse_request(block: &CodeBlock, defects: &mut Vec<String>) -> Result<Request, PageError> {
    let first = block
        .lines
        .iter()
        .position(|l| !l.text.trim().is_empty())
        .ok_or_else(|| PageError::new(block.fence_no, "empty request block"))?;
    let line = block.lines[first];
    let (method, url) = line
        .text
        .trim()
        .split_once(' ')
        .ok_or_else(|| PageError::new(line.no, "request line without a URL"))?;
    let body = body_of(block, first + 1, defects)?
        .ok_or_else(|| PageError::new(line.no, "the example request has no JSON body"))?;
    Ok(Request {
        line: line.no,
        method: method.to_owned(),
        url: url.trim().to_owned(),
        body,
    })
}

fn parse_response(block: &CodeBlock, defects: &mut Vec<String>) -> Result<Response, PageError> {
    let first = block
        .lines
        .iter()
        .position(|l| !l.text.trim().is_empty())
        .ok_or_else(|| PageError::new(block.fence_no, "empty response block"))?;
    let line = block.lines[first];
    let status = line
        .text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| {
            PageError::new(line.no, format!("bad status line `{}`", line.text.trim()))
        })?;
    Ok(Response {
        line: line.no,
        status,
        body: body_of(block, first + 1, defects)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page in the corpus's format, with `rows` as its property table's rows.
    pub(crate) fn page(rows: &str, request: &str, response: &str) -> String {
        format!(
            "---\ntitle: \"Update thing\"\n---\n\n# Update thing\n\n> **Important:** APIs under the /beta version are subject to change.\n\n\
             ## Prerequisites\n|Permission type|Permissions (from least to most privileged)|\n|:---|:---|\n\
             |Delegated (work or school account)|A.ReadWrite.All|\n|Delegated (personal Microsoft account)|Not supported.|\n|Application|A.ReadWrite.All|\n\n\
             ## HTTP Request\n``` http\nPATCH /things/{{thingId}}\n```\n\n## Request body\n|Property|Type|Description|\n|:---|:---|:---|\n{rows}\n\n\
             ## Response\nok\n\n## Example\n### Request\n``` http\nPATCH https://graph.microsoft.com/beta/things/{{thingId}}\nContent-type: application/json\nContent-length: 1\n\n{request}\n```\n\n\
             ### Response\n``` http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{response}\n```\n"
        )
    }

    #[test]
    fn reads_a_page() {
        let text = page(
            "|id|String|Key.|\n|state|[runState](../resources/x-runstate.md) collection|The [state](x.md).|",
            "{\n  \"@odata.type\": \"#microsoft.graph.thing\",\n  \"state\": [\"a\"]\n}",
            "{\n  \"@odata.type\": \"#microsoft.graph.thing\",\n  \"id\": \"1\"\n}",
        );
        let page = parse(&text).unwrap();
        assert_eq!(page.title.as_deref(), Some("Update thing"));
        assert!(page.beta_notice);
        assert_eq!(page.templates.len(), 1);
        assert_eq!(page.templates[0].path, "/things/{thingId}");
        assert_eq!(page.templates[0].line, 18);
        assert_eq!(page.properties.len(), 2);
        assert_eq!(page.properties[1].description, "The state.");
        assert_eq!(
            page.properties[1].ty,
            TypeCell {
                base: CellType::Link {
                    name: "runState".into(),
                    target: "../resources/x-runstate.md".into()
                },
                collection: true
            }
        );
        assert_eq!(page.request.version(), Some("beta"));
        assert_eq!(page.response.status, 200);
        assert!(page.defects.is_empty(), "{:?}", page.defects);
    }

    #[test]
    fn absorbs_bom_section_rows_open_rows_pipes_and_stray_lines() {
        let text = format!(
            "\u{feff}{}",
            page(
                "|id|String|Key.|\n|**Onboarding**|\n|a|Int32|Open ended\n|b|String|Either (*.plist | *.xml).|",
                "{\n  \"a\": 1\n}\n\nPATCH /things/{thingId}/other",
                "{\"id\": \"1\"}",
            )
            .trim_start_matches("---\ntitle: \"Update thing\"\n---\n")
        );
        let page = parse(&text).unwrap();
        let names: Vec<&str> = page.properties.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["id", "a", "b"]);
        assert_eq!(page.properties[1].description, "Open ended");
        assert_eq!(page.properties[2].description, "Either (*.plist | *.xml).");
        assert_eq!(page.request.body.text, "{\n  \"a\": 1\n}");
        let defects = page.defects.join("\n");
        for needle in [
            "byte-order mark",
            "no front matter",
            "section row",
            "closing `|`",
            "unescaped `|`",
            "text after the example's JSON",
        ] {
            assert!(defects.contains(needle), "{needle}: {defects}");
        }
    }

    #[test]
    fn errors_carry_lines() {
        let text = page("|id|String|Key.|\n|bad|Strnig|Typo.|", "{}", "{}");
        let err = parse(&text).unwrap_err();
        assert_eq!(err.line, 25);
        assert!(
            err.message.contains("unknown type `Strnig`"),
            "{}",
            err.message
        );

        let text = page("|id|String|Key.|", "{\n  \"a\": ,\n}", "{}");
        let err = parse(&text).unwrap_err();
        assert_eq!(err.line, 37);
        assert!(err.message.contains("invalid JSON"));

        let err = parse("# Update x\n\nnothing here\n").unwrap_err();
        assert_eq!(err.line, 1);
        assert!(err.message.contains("HTTP Request"));
    }

    #[test]
    fn read_only_markers() {
        for marked in [
            "Indicates whether … scope tags. This property is read-only. Inherited from deviceConfiguration",
            "The unique identifier. Read only. This property is read-only.",
            "Name of the discovered application. Read-only",
            "Unique identifier for the device category. Read-only.",
            "Key of the entity. This is read-only and automatically generated.",
            "Key of the Resource Operation. Read-only, automatically generated.",
        ] {
            assert!(marks_read_only(marked), "{marked}");
        }
        for unmarked in [
            "Determines if this is Microsoft Proprietary Script. Proprietary scripts are read-only",
            "The read-only replica's name.",
            "Name of the discovered application.",
            "",
        ] {
            assert!(!marks_read_only(unmarked), "{unmarked}");
        }
    }

    #[test]
    fn type_cells() {
        assert_eq!(
            parse_type_cell("GUID collection").unwrap(),
            TypeCell {
                base: CellType::Prim(Prim::Guid),
                collection: true
            }
        );
        assert_eq!(
            parse_type_cell("Collection(Edm.Int64)").unwrap().base,
            CellType::Prim(Prim::Int64)
        );
        assert!(parse_type_cell("String dictionary").is_err());
        assert!(parse_type_cell("Widget").is_err());
    }
}
