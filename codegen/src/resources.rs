//! The type pages under `resources/`: descriptions for what the CSDL defines (and an entity
//! type's read-only markers, for the CSDL-first form), and the definition itself for a linked
//! type the CSDL lacks (an enum page lists members, a complex type page has a property table).

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use crate::markdown::{self, Doc};
use crate::page::{self, TypeCell};

/// A row of a type page's property table: `(property, type cell, description, line)`.
pub type PropertyRow = (String, Result<TypeCell, String>, String, usize);

/// What a type page describes.
#[derive(Debug, Clone, PartialEq)]
pub enum ResourceKind {
    /// An enum page: members with descriptions.
    Enum(Vec<(String, String)>),
    /// A complex type page: its property rows.
    Complex(Vec<PropertyRow>),
    /// An entity page (it has methods): its property rows (descriptions and read-only markers
    /// for the CSDL-first form).
    Entity(Vec<PropertyRow>),
}

/// A type page.
#[derive(Debug, Clone, PartialEq)]
pub struct ResourcePage {
    /// Relative to the docs root, `/`-separated.
    pub path: String,
    /// The type's name from the title.
    pub name: String,
    /// `Namespace: …`, else `microsoft.graph`.
    pub namespace: String,
    /// The front matter's description.
    pub description: Option<String>,
    /// What it describes.
    pub kind: ResourceKind,
}

impl ResourcePage {
    /// The description of property or member `name`.
    pub fn description_of(&self, name: &str) -> Option<&str> {
        let found = match &self.kind {
            ResourceKind::Enum(members) => members
                .iter()
                .find(|(m, _)| m == name)
                .map(|(_, d)| d.as_str()),
            ResourceKind::Complex(rows) | ResourceKind::Entity(rows) => rows
                .iter()
                .find(|(p, ..)| p == name)
                .map(|(_, _, d, _)| d.as_str()),
        };
        found.filter(|d| !d.is_empty())
    }
}

/// The type pages of a docs root, read on demand.
#[derive(Debug)]
pub struct Resources {
    root: PathBuf,
    /// Type name → pages titled with it.
    by_name: HashMap<String, Vec<String>>,
    cache: HashMap<String, Option<ResourcePage>>,
}

impl Resources {
    /// Indexes `<root>/resources/*.md` by the type name in each title.
    pub fn index(root: &Path) -> Resources {
        let mut by_name: HashMap<String, Vec<String>> = HashMap::new();
        // An empty root is no docs at all (the CSDL-first form without `--docs`), not the
        // current directory.
        let listing = if root.as_os_str().is_empty() {
            None
        } else {
            std::fs::read_dir(root.join("resources")).ok()
        };
        if let Some(entries) = listing {
            let mut files: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "md"))
                .collect();
            files.sort();
            for file in files {
                let Ok(text) = std::fs::read_to_string(&file) else {
                    continue;
                };
                let doc = Doc::new(&text);
                let Some((_, title)) = doc.title() else {
                    continue;
                };
                let Some(name) = title.split_whitespace().next() else {
                    continue;
                };
                let rel = format!(
                    "resources/{}",
                    file.file_name().unwrap_or_default().to_string_lossy()
                );
                by_name.entry(name.to_owned()).or_default().push(rel);
            }
        }
        Resources {
            root: root.to_owned(),
            by_name,
            cache: HashMap::new(),
        }
    }

    /// The page of type `name` (in `namespace`).
    pub fn by_name(&mut self, name: &str, namespace: &str) -> Option<ResourcePage> {
        let paths = self.by_name.get(name)?.clone();
        paths
            .iter()
            .filter_map(|p| self.load(p))
            .find(|p| p.name == name && p.namespace == namespace)
    }

    /// The page a link from page `from` (relative to the root) points at.
    pub fn by_link(&mut self, from: &str, target: &str) -> Option<ResourcePage> {
        let target = target.split('#').next().unwrap_or(target);
        let rel = normalize(
            Path::new(from)
                .parent()
                .unwrap_or(Path::new(""))
                .join(target),
        )?;
        self.load(&rel)
    }

    fn load(&mut self, rel: &str) -> Option<ResourcePage> {
        if let Some(cached) = self.cache.get(rel) {
            return cached.clone();
        }
        let page = std::fs::read_to_string(self.root.join(rel))
            .ok()
            .and_then(|text| parse(rel, &text));
        self.cache.insert(rel.to_owned(), page.clone());
        page
    }
}

/// `api/../resources/x.md` → `resources/x.md`; `None` if it leaves the root.
fn normalize(path: PathBuf) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for component in path.components() {
        match component {
            Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(parts.join("/"))
}

/// Reads a type page; `None` if it has no title.
pub fn parse(path: &str, text: &str) -> Option<ResourcePage> {
    let doc = Doc::new(text);
    let (_, title) = doc.title()?;
    let name = title.split_whitespace().next()?.to_owned();
    let namespace = doc
        .lines()
        .iter()
        .find_map(|l| l.text.trim().strip_prefix("Namespace:"))
        .map_or_else(|| "microsoft.graph".to_owned(), |n| n.trim().to_owned());
    let description = doc
        .lines()
        .iter()
        .take_while(|l| l.no == 1 || l.text.trim() != "---")
        .find_map(|l| l.text.strip_prefix("description:"))
        .map(|d| d.trim().trim_matches('"').to_owned())
        .filter(|d| !d.is_empty());
    let is_enum = text.contains("doc_type: enumPageType")
        || title.ends_with("enum type")
        || doc.section(|t| t == "Members").is_some();
    let kind = if is_enum {
        let members = first_table(&doc, "Members")
            .map(|t| {
                t.rows
                    .iter()
                    .filter(|r| !r.cells[0].is_empty())
                    .map(|r| {
                        let description = r.cells.get(2..).unwrap_or_default().join(" | ");
                        (
                            r.cells[0].trim_matches('`').to_owned(),
                            markdown::plain_text(&description),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        ResourceKind::Enum(members)
    } else if doc.section(|t| t == "Methods").is_some() {
        ResourceKind::Entity(property_rows(&doc))
    } else {
        ResourceKind::Complex(property_rows(&doc))
    };
    Some(ResourcePage {
        path: path.to_owned(),
        name,
        namespace,
        description,
        kind,
    })
}

/// The first table of the page's section titled `title`.
fn first_table(doc: &Doc, title: &str) -> Option<markdown::Table> {
    doc.section(|t| t == title)
        .map(|s| doc.tables(s.heading, s.end))
        .unwrap_or_default()
        .into_iter()
        .next()
}

/// The rows of the page's `Properties` table (`|**Section**|` rows dropped).
fn property_rows(doc: &Doc) -> Vec<PropertyRow> {
    first_table(doc, "Properties")
        .map(|t| {
            t.rows
                .iter()
                .filter(|r| r.cells.len() >= 2 && !r.cells[0].starts_with("**"))
                .map(|r| {
                    let description = r.cells.get(2..).unwrap_or_default().join(" | ");
                    (
                        r.cells[0].trim_matches('`').to_owned(),
                        page::parse_type_cell(&r.cells[1]),
                        markdown::plain_text(&description),
                        r.no,
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enum_and_complex_pages() {
        let page = parse(
            "resources/x.md",
            "---\ntitle: \"installIntent enum type\"\ndescription: \"Install intents.\"\ndoc_type: enumPageType\n---\n\n# installIntent enum type\n\nNamespace: microsoft.graph\n\n## Members\n|Member|Value|Description|\n|:---|:---|:---|\n|available|0|Available [install](y.md) intent.|\n|required|1||\n",
        )
        .unwrap();
        assert_eq!(page.name, "installIntent");
        assert_eq!(page.description.as_deref(), Some("Install intents."));
        assert_eq!(
            page.kind,
            ResourceKind::Enum(vec![
                ("available".into(), "Available install intent.".into()),
                ("required".into(), String::new())
            ])
        );
        assert_eq!(
            page.description_of("available"),
            Some("Available install intent.")
        );
        assert_eq!(page.description_of("required"), None);

        let page = parse(
            "resources/y.md",
            "# keyValuePair resource type\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n|name|String|Name.|\n|kinds|[installIntent](../resources/x.md) collection|Kinds.|\n",
        )
        .unwrap();
        let ResourceKind::Complex(rows) = &page.kind else {
            panic!()
        };
        assert_eq!(rows.len(), 2);
        assert!(rows[1].1.as_ref().unwrap().collection);
        assert_eq!(rows[1].3, 7);

        let page = parse(
            "resources/z.md",
            "# user resource type\n\n## Methods\n|Method|\n",
        )
        .unwrap();
        assert_eq!(page.kind, ResourceKind::Entity(Vec::new()));
        let page = parse(
            "resources/z.md",
            "# user resource type\n\n## Methods\n|Method|\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n|id|String|Key. Read-only.|\n",
        )
        .unwrap();
        let ResourceKind::Entity(rows) = &page.kind else {
            panic!("{page:?}")
        };
        assert_eq!(rows.len(), 1);
        assert_eq!(page.description_of("id"), Some("Key. Read-only."));
    }

    #[test]
    fn links_resolve_inside_the_root() {
        assert_eq!(
            normalize(PathBuf::from("api/../resources/x.md")).as_deref(),
            Some("resources/x.md")
        );
        assert_eq!(normalize(PathBuf::from("../x.md")), None);
    }
}
