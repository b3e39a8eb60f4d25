//! The little Markdown the reference pages use — headings, pipe tables, fenced code blocks —
//! read line by line with line numbers kept for error messages.

/// A page's lines, with what fenced code they are in.
#[derive(Debug)]
pub struct Doc<'a> {
    lines: Vec<Line<'a>>,
}

/// One line of a page.
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    /// 1-based line number.
    pub no: usize,
    /// The text, without the line break (and without a byte-order mark on line 1).
    pub text: &'a str,
    /// Whether the line is inside a fenced code block (fences excluded).
    pub in_code: bool,
    /// Whether the line is a fence (```` ``` ````).
    pub fence: bool,
    /// Whether the line is a fence that opens a block.
    pub opens: bool,
}

/// A `## Heading` and the lines up to the next heading of the same or a higher level.
#[derive(Debug, Clone, Copy)]
pub struct Section {
    /// Index of the heading line.
    pub heading: usize,
    /// Index one past the section's last line.
    pub end: usize,
}

/// A table row, cells trimmed.
#[derive(Debug, Clone)]
pub struct Row {
    /// 1-based line number.
    pub no: usize,
    /// The cells, split on unescaped `|`.
    pub cells: Vec<String>,
    /// Whether the row ended without its closing `|`.
    pub open_ended: bool,
    /// Whether the row went on over the following lines.
    pub continued: bool,
}

/// A pipe table: its header row and body rows (the `|---|` line dropped).
#[derive(Debug, Clone)]
pub struct Table {
    /// The header row.
    pub header: Row,
    /// The rows under the separator line.
    pub rows: Vec<Row>,
}

/// A fenced code block.
#[derive(Debug, Clone)]
pub struct CodeBlock<'a> {
    /// The info string (`http`, `json`), trimmed.
    pub info: String,
    /// The lines between the fences.
    pub lines: Vec<Line<'a>>,
    /// Line number of the opening fence.
    pub fence_no: usize,
}

impl<'a> Doc<'a> {
    /// Splits `text` into lines (a leading byte-order mark dropped).
    pub fn new(text: &'a str) -> Doc<'a> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut lines = Vec::new();
        let mut in_code = false;
        for (i, raw) in text.lines().enumerate() {
            let trimmed = raw.trim_start();
            let fence = trimmed.starts_with("```");
            if fence {
                lines.push(Line {
                    no: i + 1,
                    text: raw,
                    in_code: false,
                    fence: true,
                    opens: !in_code,
                });
                in_code = !in_code;
                continue;
            }
            lines.push(Line {
                no: i + 1,
                text: raw,
                in_code,
                fence: false,
                opens: false,
            });
        }
        Doc { lines }
    }

    /// All lines.
    pub fn lines(&self) -> &[Line<'a>] {
        &self.lines
    }

    /// The `(level, title)` of a heading line outside code.
    fn heading(&self, index: usize) -> Option<(usize, &'a str)> {
        let line = self.lines[index];
        if line.in_code || line.fence {
            return None;
        }
        let level = line.text.chars().take_while(|&c| c == '#').count();
        if level == 0 || level > 6 || !line.text[level..].starts_with(' ') {
            return None;
        }
        Some((level, line.text[level..].trim()))
    }

    /// The first heading of any level whose title satisfies `matches`.
    pub fn section(&self, matches: impl Fn(&str) -> bool) -> Option<Section> {
        let heading = (0..self.lines.len())
            .find(|&i| self.heading(i).is_some_and(|(_, title)| matches(title)))?;
        let (level, _) = self.heading(heading)?;
        let end = (heading + 1..self.lines.len())
            .find(|&i| self.heading(i).is_some_and(|(l, _)| l <= level))
            .unwrap_or(self.lines.len());
        Some(Section { heading, end })
    }

    /// The text of the first level-1 heading and its line number.
    pub fn title(&self) -> Option<(usize, &'a str)> {
        (0..self.lines.len()).find_map(|i| match self.heading(i) {
            Some((1, title)) => Some((self.lines[i].no, title)),
            _ => None,
        })
    }

    /// The heading line's number.
    pub fn line_no(&self, index: usize) -> usize {
        self.lines.get(index).map_or(1, |l| l.no)
    }

    /// The pipe tables between line indexes `from` and `to`. A row without its closing `|`
    /// continues on the lines after it that do not start a row (a description written over
    /// several lines); [`Row::continued`] says so.
    pub fn tables(&self, from: usize, to: usize) -> Vec<Table> {
        let mut tables = Vec::new();
        let mut i = from;
        while i < to {
            if !is_table_line(&self.lines[i]) {
                i += 1;
                continue;
            }
            let mut texts: Vec<(usize, String, bool)> = Vec::new();
            while i < to {
                let line = &self.lines[i];
                if is_table_line(line) {
                    texts.push((line.no, line.text.to_owned(), false));
                } else if let Some(last) = texts
                    .last_mut()
                    .filter(|(_, text, _)| !text.trim_end().ends_with('|'))
                    .filter(|_| !line.in_code && !line.fence && !line.text.trim().is_empty())
                    .filter(|_| !line.text.starts_with('#'))
                {
                    last.1.push(' ');
                    last.1.push_str(line.text.trim());
                    last.2 = true;
                } else {
                    break;
                }
                i += 1;
            }
            let mut rows = texts.iter().filter(|(_, text, _)| !is_separator(text)).map(
                |(no, text, continued)| Row {
                    continued: *continued,
                    ..split_row(*no, text)
                },
            );
            if let Some(header) = rows.next() {
                tables.push(Table {
                    header,
                    rows: rows.collect(),
                });
            }
        }
        tables
    }

    /// The fenced code blocks between line indexes `from` and `to`.
    pub fn code_blocks(&self, from: usize, to: usize) -> Vec<CodeBlock<'a>> {
        let mut blocks = Vec::new();
        let mut i = from;
        while i < to {
            let line = self.lines[i];
            if !line.opens {
                i += 1;
                continue;
            }
            let info = line
                .text
                .trim_start()
                .trim_start_matches('`')
                .trim()
                .to_owned();
            let mut body = Vec::new();
            let mut j = i + 1;
            while j < self.lines.len() && !self.lines[j].fence {
                body.push(self.lines[j]);
                j += 1;
            }
            blocks.push(CodeBlock {
                info,
                lines: body,
                fence_no: line.no,
            });
            i = j + 1;
        }
        blocks
    }
}

fn is_table_line(line: &Line) -> bool {
    !line.in_code && !line.fence && line.text.trim_start().starts_with('|')
}

/// `|:---|---:|`
fn is_separator(text: &str) -> bool {
    let t = text.trim();
    t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// Splits a table line into trimmed cells; `\|` does not split. A missing closing `|` is
/// tolerated (and recorded).
pub fn split_row(no: usize, text: &str) -> Row {
    let t = text.trim();
    let inner = t.strip_prefix('|').unwrap_or(t);
    let open_ended = !inner.ends_with('|') || inner.ends_with("\\|");
    let inner = if open_ended {
        inner
    } else {
        &inner[..inner.len() - 1]
    };
    let mut cells = Vec::new();
    let mut current = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\\' if chars.peek() == Some(&'|') => {
                current.push('|');
                chars.next();
            }
            '|' => cells.push(std::mem::take(&mut current).trim().to_owned()),
            c => current.push(c),
        }
    }
    cells.push(current.trim().to_owned());
    Row {
        no,
        cells,
        open_ended,
        continued: false,
    }
}

/// `[text](target)` at the start of `cell`: the text, the target and the rest of the cell.
pub fn leading_link(cell: &str) -> Option<(&str, &str, &str)> {
    let rest = cell.trim_start().strip_prefix('[')?;
    let close = rest.find(']')?;
    let text = &rest[..close];
    let after = rest[close + 1..].strip_prefix('(')?;
    let end = after.find(')')?;
    Some((text.trim(), after[..end].trim(), &after[end + 1..]))
}

/// Markdown inline text as plain text: links become their text, `&nbsp;` a space, `<br>` a
/// space, runs of whitespace one space.
pub fn plain_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let candidate = &rest[open..];
        match link_at(candidate) {
            Some((link_text, len)) => {
                out.push_str(link_text);
                rest = &candidate[len..];
            }
            None => {
                out.push('[');
                rest = &candidate[1..];
            }
        }
    }
    out.push_str(rest);
    let out = out
        .replace("&nbsp;", " ")
        .replace("<br/>", " ")
        .replace("<br />", " ")
        .replace("<br>", " ");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A `[text](target)` link at the start of `text` (an escaped `\[` is not one): its text and
/// length.
fn link_at(text: &str) -> Option<(&str, usize)> {
    let inner = text.strip_prefix('[')?;
    let close = inner.find(']')?;
    if inner[..close].contains('[') {
        return None;
    }
    let after = inner[close + 1..].strip_prefix('(')?;
    let end = after.find(')')?;
    if after[..end].contains(char::is_whitespace) {
        return None;
    }
    Some((&inner[..close], 1 + close + 2 + end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_tolerate_missing_pipes_and_escapes() {
        let row = split_row(3, "|a|String|x \\| y|");
        assert_eq!(row.cells, ["a", "String", "x | y"]);
        assert!(!row.open_ended);
        let row = split_row(4, "|a|Int32|no closing pipe");
        assert_eq!(row.cells, ["a", "Int32", "no closing pipe"]);
        assert!(row.open_ended);
        let row = split_row(5, "|name|String|Payload (*.plist | *.xml).|");
        assert_eq!(row.cells, ["name", "String", "Payload (*.plist", "*.xml)."]);
    }

    #[test]
    fn sections_tables_and_blocks() {
        let text = "\u{feff}# Update x\n\n## Permissions\n|Permission type|Permissions|\n|:---|:---|\n|Application|A.B|\n\n## HTTP Request\n``` http\nPATCH /a/{b}\n```\n| not a table in prose? |\n## Next\n```json\n|x|\n```\n";
        let doc = Doc::new(text);
        assert_eq!(doc.title(), Some((1, "Update x")));
        let perms = doc.section(|t| t == "Permissions").unwrap();
        let tables = doc.tables(perms.heading, perms.end);
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].rows[0].cells, ["Application", "A.B"]);
        let http = doc.section(|t| t == "HTTP Request").unwrap();
        let blocks = doc.code_blocks(http.heading, http.end);
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].info, "http");
        assert_eq!(blocks[0].lines[0].text, "PATCH /a/{b}");
        assert_eq!(blocks[0].lines[0].no, 10);
        // A table inside a code block is not a table.
        let next = doc.section(|t| t == "Next").unwrap();
        assert!(doc.tables(next.heading, next.end).is_empty());
    }

    #[test]
    fn rows_continue_over_lines() {
        let doc = Doc::new("|Property|Type|Description|\n|:---|:---|:---|\n|a|Int32|First part.\nSecond part.|\n|b|String|Open\n\nafter\n");
        let tables = doc.tables(0, doc.lines().len());
        assert_eq!(tables.len(), 1);
        let rows = &tables[0].rows;
        assert_eq!(rows[0].cells, ["a", "Int32", "First part. Second part."]);
        assert!(rows[0].continued && !rows[0].open_ended);
        assert_eq!(rows[1].cells, ["b", "String", "Open"]);
        assert!(rows[1].open_ended && !rows[1].continued);
    }

    #[test]
    fn plain_text_strips_links() {
        assert_eq!(
            plain_text("Inherited from [managedEBookAssignment](../resources/x.md). \\[a\\]"),
            "Inherited from managedEBookAssignment. \\[a\\]"
        );
        assert_eq!(plain_text("a&nbsp;&nbsp;b<br/>c"), "a b c");
        assert_eq!(
            leading_link("[x](../y.md) collection"),
            Some(("x", "../y.md", " collection"))
        );
    }
}
