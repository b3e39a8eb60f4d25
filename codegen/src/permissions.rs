//! An entity's permissions: from its page's table (with the table's known defects) or from the
//! Graph permissions map (`permissions.json`, microsoft-graph-devx-content's format), which is
//! newer than the pages.

use std::collections::{BTreeMap, HashMap};

use crate::markdown::{self, Table};

/// One kind's permissions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scopes {
    /// No permission of this kind allows the call.
    Unsupported,
    /// Any of these, least privileged first.
    AnyOf(Vec<String>),
}

impl Scopes {
    fn from_list(list: Vec<String>) -> Scopes {
        if list.is_empty() {
            Scopes::Unsupported
        } else {
            Scopes::AnyOf(list)
        }
    }

    /// As the pages write it: `A, B` or `Not supported.`.
    pub fn describe(&self) -> String {
        match self {
            Scopes::Unsupported => "not supported".to_owned(),
            Scopes::AnyOf(list) => list.join(", "),
        }
    }
}

/// The three kinds of a permissions block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PermissionSet {
    /// Delegated (work or school account).
    pub delegated_work: Scopes,
    /// Delegated (personal Microsoft account).
    pub delegated_personal: Scopes,
    /// Application.
    pub application: Scopes,
}

/// The permission kinds, in the order the attribute lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Delegated (work or school account).
    DelegatedWork,
    /// Delegated (personal Microsoft account).
    DelegatedPersonal,
    /// Application.
    Application,
}

impl Kind {
    const ALL: [Kind; 3] = [
        Kind::DelegatedWork,
        Kind::DelegatedPersonal,
        Kind::Application,
    ];

    /// The page table's name.
    pub fn label(self) -> &'static str {
        match self {
            Kind::DelegatedWork => "Delegated (work or school account)",
            Kind::DelegatedPersonal => "Delegated (personal Microsoft account)",
            Kind::Application => "Application",
        }
    }

    fn scheme_key(self) -> &'static str {
        match self {
            Kind::DelegatedWork => "DelegatedWork",
            Kind::DelegatedPersonal => "DelegatedPersonal",
            Kind::Application => "Application",
        }
    }

    fn from_cell(cell: &str) -> Option<Kind> {
        let cell = cell.to_ascii_lowercase();
        if cell.starts_with("delegated (work") {
            Some(Kind::DelegatedWork)
        } else if cell.starts_with("delegated (personal") {
            Some(Kind::DelegatedPersonal)
        } else if cell.starts_with("application") {
            Some(Kind::Application)
        } else {
            None
        }
    }
}

impl PermissionSet {
    fn from_map(mut lists: BTreeMap<Kind, Vec<String>>) -> PermissionSet {
        let mut take = |k| Scopes::from_list(lists.remove(&k).unwrap_or_default());
        PermissionSet {
            delegated_work: take(Kind::DelegatedWork),
            delegated_personal: take(Kind::DelegatedPersonal),
            application: take(Kind::Application),
        }
    }

    /// The scopes of `kind`.
    pub fn get(&self, kind: Kind) -> &Scopes {
        match kind {
            Kind::DelegatedWork => &self.delegated_work,
            Kind::DelegatedPersonal => &self.delegated_personal,
            Kind::Application => &self.application,
        }
    }
}

/// What a page's permissions table says, and what had to be read around.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageTable {
    /// The permissions, least privileged first.
    pub set: PermissionSet,
    /// The table's defects, as sentences.
    pub notes: Vec<String>,
}

/// Whether `scope` is a permission name the attribute accepts.
fn is_scope_name(scope: &str) -> bool {
    graphpatch_naming::check_scope_name(scope).is_ok()
}

/// Reads a page's permissions table: "most to least privileged" tables are reversed, per-workflow
/// sub-rows (`&nbsp; **Workflow** | Scope`) are united in order, `Not supported.` and empty cells
/// are `unsupported`, cells that are not scope names are dropped (each with a note).
pub fn from_table(table: Option<&Table>) -> PageTable {
    let mut notes = Vec::new();
    let Some(table) = table else {
        notes.push("is missing: every kind is recorded as unsupported".to_owned());
        return PageTable {
            set: PermissionSet::from_map(BTreeMap::new()),
            notes,
        };
    };
    let header = table
        .header
        .cells
        .get(1)
        .map(|c| c.to_ascii_lowercase())
        .unwrap_or_default();
    let reversed = header.contains("most to least");
    if reversed {
        notes.push(format!(
            "lists scopes from most to least privileged (line {}): reversed",
            table.header.no
        ));
    }
    let mut lists: BTreeMap<Kind, Vec<String>> = BTreeMap::new();
    let mut unsupported: BTreeMap<Kind, bool> = BTreeMap::new();
    let mut workflows: BTreeMap<Kind, usize> = BTreeMap::new();
    let mut current: Option<Kind> = None;
    for row in &table.rows {
        let first = markdown::plain_text(row.cells.first().map_or("", String::as_str));
        let cell = row.cells.get(1).map_or("", |c| c.trim());
        let kind = match Kind::from_cell(&first) {
            Some(kind) => {
                current = Some(kind);
                lists.entry(kind).or_default();
                kind
            }
            None => match current {
                // A workflow's row under its kind: `&nbsp; &nbsp; **Device management**`.
                Some(kind) if first.starts_with("**") || row.cells[0].starts_with("&nbsp;") => {
                    *workflows.entry(kind).or_default() += 1;
                    kind
                }
                _ => {
                    notes.push(format!("has a row `{first}` (line {}): ignored", row.no));
                    continue;
                }
            },
        };
        if cell.is_empty() {
            continue;
        }
        if cell
            .trim_end_matches('.')
            .eq_ignore_ascii_case("not supported")
        {
            unsupported.insert(kind, true);
            continue;
        }
        let mut scopes: Vec<String> = Vec::new();
        for scope in cell.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            if is_scope_name(scope) {
                scopes.push(scope.to_owned());
            } else {
                notes.push(format!(
                    "has `{scope}` (line {}), which is not a permission name: ignored",
                    row.no
                ));
            }
        }
        if reversed {
            scopes.reverse();
        }
        let list = lists.entry(kind).or_default();
        for scope in scopes {
            if !list.contains(&scope) {
                list.push(scope);
            }
        }
    }
    for (kind, count) in &workflows {
        notes.push(format!(
            "gives {} scopes per workflow ({count} rows): their union is used",
            kind.label()
        ));
    }
    for kind in Kind::ALL {
        let empty = lists.get(&kind).is_none_or(Vec::is_empty);
        if empty && !unsupported.get(&kind).copied().unwrap_or(false) {
            notes.push(format!(
                "names no {} permission: recorded as unsupported",
                kind.label()
            ));
        }
    }
    PageTable {
        set: PermissionSet::from_map(lists),
        notes,
    }
}

/// A permission granted on a path by the map.
#[derive(Debug, Clone)]
struct Grant {
    scope: String,
    least: bool,
    level: i64,
}

/// Grants by kind, for one path shape.
type Grants = BTreeMap<Kind, Vec<Grant>>;

/// The PATCH and GET parts of the permissions map, by path shape.
#[derive(Debug, Default)]
pub struct PermissionMap {
    by_shape: HashMap<String, Grants>,
    /// The GET entries: what reading the entity needs.
    read_by_shape: HashMap<String, Grants>,
}

/// `/deviceManagement/x/{xId}/y` → `/devicemanagement/x/{}/y`: how the map's paths
/// (lowercase, `{id}` parameters) compare with a page's templates.
pub fn shape(template: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let mut in_param = false;
    for ch in template.trim().trim_end_matches('/').chars() {
        match ch {
            '{' => {
                in_param = true;
                out.push_str("{}");
            }
            '}' => in_param = false,
            _ if in_param => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

impl PermissionMap {
    /// Reads `permissions.json`: `permissions.<scope>.pathSets[].{schemeKeys, methods, paths}`,
    /// `paths.<path>` = `least=Kind,…` marking the least privileged scope, and
    /// `schemes.<kind>.privilegeLevel` ordering the rest.
    pub fn parse(text: &str) -> Result<PermissionMap, String> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let permissions = value
            .get("permissions")
            .and_then(|p| p.as_object())
            .ok_or("no `permissions` object")?;
        let mut map = PermissionMap::default();
        for (scope, permission) in permissions {
            let levels: HashMap<&str, i64> = permission
                .get("schemes")
                .and_then(|s| s.as_object())
                .map(|s| {
                    s.iter()
                        .map(|(k, v)| {
                            (
                                k.as_str(),
                                v.get("privilegeLevel")
                                    .and_then(|l| l.as_i64())
                                    .unwrap_or(99),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            for set in permission
                .get("pathSets")
                .and_then(|p| p.as_array())
                .into_iter()
                .flatten()
            {
                let strings = |key: &str| -> Vec<&str> {
                    set.get(key)
                        .and_then(|v| v.as_array())
                        .into_iter()
                        .flatten()
                        .filter_map(|v| v.as_str())
                        .collect()
                };
                let methods = strings("methods");
                let patch = methods
                    .iter()
                    .any(|m| *m == "PATCH" || *m == "<WriteMethods>");
                let get = methods.iter().any(|m| *m == "GET" || *m == "<ReadMethods>");
                if !patch && !get {
                    continue;
                }
                let kinds: Vec<Kind> = strings("schemeKeys")
                    .iter()
                    .filter_map(|k| Kind::ALL.into_iter().find(|kind| kind.scheme_key() == *k))
                    .collect();
                for (path, annotation) in set
                    .get("paths")
                    .and_then(|p| p.as_object())
                    .into_iter()
                    .flatten()
                {
                    let least: Vec<&str> = annotation
                        .as_str()
                        .unwrap_or_default()
                        .split(';')
                        .find_map(|part| part.trim().strip_prefix("least="))
                        .map(|l| l.split(',').map(str::trim).collect())
                        .unwrap_or_default();
                    for (wanted, table) in
                        [(patch, &mut map.by_shape), (get, &mut map.read_by_shape)]
                    {
                        if !wanted {
                            continue;
                        }
                        let entry = table.entry(shape(path)).or_default();
                        for kind in &kinds {
                            let grants = entry.entry(*kind).or_default();
                            if grants.iter().any(|g| g.scope == *scope) {
                                continue;
                            }
                            grants.push(Grant {
                                scope: scope.clone(),
                                least: least.contains(&kind.scheme_key()),
                                level: levels.get(kind.scheme_key()).copied().unwrap_or(99),
                            });
                        }
                    }
                }
            }
        }
        Ok(map)
    }

    /// Whether the map knows PATCH on `template`.
    pub fn knows(&self, template: &str) -> bool {
        self.by_shape.contains_key(&shape(template))
    }

    /// The permissions for PATCH on any of `templates` the map knows (their union: a scope
    /// marked least privileged on any of them first, then by privilege level and name), or
    /// `None` if it knows none.
    pub fn lookup(&self, templates: &[&str]) -> Option<PermissionSet> {
        Self::union(&self.by_shape, templates)
    }

    /// Whether the map knows GET on `template`.
    pub fn knows_read(&self, template: &str) -> bool {
        self.read_by_shape.contains_key(&shape(template))
    }

    /// As [`PermissionMap::lookup`], for GET: what reading the entity through `templates` needs.
    pub fn lookup_read(&self, templates: &[&str]) -> Option<PermissionSet> {
        Self::union(&self.read_by_shape, templates)
    }

    fn union(table: &HashMap<String, Grants>, templates: &[&str]) -> Option<PermissionSet> {
        let known: Vec<&Grants> = templates
            .iter()
            .filter_map(|t| table.get(&shape(t)))
            .collect();
        if known.is_empty() {
            return None;
        }
        let mut lists = BTreeMap::new();
        for kind in Kind::ALL {
            let mut grants: Vec<Grant> = Vec::new();
            for grant in known.iter().filter_map(|k| k.get(&kind)).flatten() {
                match grants.iter_mut().find(|g| g.scope == grant.scope) {
                    Some(g) => {
                        g.least |= grant.least;
                        g.level = g.level.min(grant.level);
                    }
                    None => grants.push(grant.clone()),
                }
            }
            grants
                .sort_by(|a, b| (!a.least, a.level, &a.scope).cmp(&(!b.least, b.level, &b.scope)));
            lists.insert(
                kind,
                grants
                    .into_iter()
                    .map(|g| g.scope)
                    .filter(|s| is_scope_name(s))
                    .collect(),
            );
        }
        Some(PermissionSet::from_map(lists))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::Doc;

    fn table(text: &str) -> Table {
        let doc = Doc::new(text);
        doc.tables(0, doc.lines().len()).remove(0)
    }

    #[test]
    fn least_to_most_table() {
        let t = table("|Permission type|Permissions (from least to most privileged)|\n|:---|:---|\n|Delegated (work or school account)|A.Read.All, A.ReadWrite.All|\n|Delegated (personal Microsoft account)|Not supported.|\n|Application|A.ReadWrite.All|\n");
        let read = from_table(Some(&t));
        assert!(read.notes.is_empty(), "{:?}", read.notes);
        assert_eq!(
            read.set.delegated_work,
            Scopes::AnyOf(vec!["A.Read.All".into(), "A.ReadWrite.All".into()])
        );
        assert_eq!(read.set.delegated_personal, Scopes::Unsupported);
    }

    #[test]
    fn most_to_least_is_reversed() {
        let t = table("|Permission type|Permissions (from most to least privileged)|\n|:---|:---|\n|Delegated (work or school account)|A.ReadWrite.All, A.Read.All|\n|Delegated (personal Microsoft account)|Not supported.|\n|Application|**TODO: Determine scopes **|\n");
        let read = from_table(Some(&t));
        assert_eq!(
            read.set.delegated_work,
            Scopes::AnyOf(vec!["A.Read.All".into(), "A.ReadWrite.All".into()])
        );
        assert_eq!(read.set.application, Scopes::Unsupported);
        let notes = read.notes.join("\n");
        assert!(notes.contains("most to least"), "{notes}");
        assert!(notes.contains("not a permission name"), "{notes}");
        assert!(notes.contains("names no Application permission"), "{notes}");
    }

    #[test]
    fn per_workflow_rows_are_united() {
        let t = table("| Permission&nbsp;type&nbsp;(by&nbsp;workflow) | Permissions (from most to least privileged) |\n|:---|:---|\n| Delegated (work or school account) ||\n| &nbsp; &nbsp; **Device management** | B.ReadWrite.All|\n| &nbsp; &nbsp; **MAM** | A.ReadWrite.All|\n| &nbsp; &nbsp; **Onboarding** | B.ReadWrite.All|\n|Delegated (personal Microsoft account)|Not supported.|\n|Application||\n");
        let read = from_table(Some(&t));
        assert_eq!(
            read.set.delegated_work,
            Scopes::AnyOf(vec!["B.ReadWrite.All".into(), "A.ReadWrite.All".into()])
        );
        assert_eq!(read.set.application, Scopes::Unsupported);
        let notes = read.notes.join("\n");
        assert!(notes.contains("per workflow (3 rows)"), "{notes}");
        assert!(notes.contains("names no Application permission"), "{notes}");
    }

    #[test]
    fn map_lookup_modulo_parameter_names() {
        let map = PermissionMap::parse(
            r#"{"permissions": {
                "B.ReadWrite.All": {"schemes": {"DelegatedWork": {"privilegeLevel": 3}, "Application": {"privilegeLevel": 4}},
                    "pathSets": [{"schemeKeys": ["DelegatedWork", "Application"], "methods": ["GET", "PATCH"],
                        "paths": {"/devicemanagement/things/{id}": ""}}]},
                "A.ReadWrite.All": {"schemes": {"DelegatedWork": {"privilegeLevel": 3}, "Application": {"privilegeLevel": 3}},
                    "pathSets": [{"schemeKeys": ["DelegatedWork", "Application"], "methods": ["PATCH"],
                        "paths": {"/devicemanagement/things/{id}": "least=Application"}},
                        {"schemeKeys": ["Application"], "methods": ["GET"], "paths": {"/other": ""}}]}
            }}"#,
        )
        .unwrap();
        assert!(map.knows("/deviceManagement/things/{thingId}"));
        assert!(!map.knows("/other"));
        let set = map.lookup(&["/deviceManagement/things/{thingId}"]).unwrap();
        assert_eq!(
            set.delegated_work,
            Scopes::AnyOf(vec!["A.ReadWrite.All".into(), "B.ReadWrite.All".into()])
        );
        assert_eq!(
            set.application,
            Scopes::AnyOf(vec!["A.ReadWrite.All".into(), "B.ReadWrite.All".into()])
        );
        assert_eq!(set.delegated_personal, Scopes::Unsupported);
        assert!(map.lookup(&["/nowhere/{x}"]).is_none());
    }
}
