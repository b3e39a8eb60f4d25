//! From a parsed page to what gets generated: the entity (odata type, version, templates with
//! unique parameter names, permissions, properties) and every enum and complex type it reaches,
//! resolved through the CSDL or, for a type the CSDL lacks, its reference page.
//!
//! # Pages over the CSDL (the CSDL-first form)
//!
//! An entity generated from the CSDL is enriched, with `--docs`, by the pages in `resources/` of
//! its type and its base types ([`Resolver::type_pages`]), then by its update page when one is
//! given ([`enrich`]). Where they and the CSDL disagree:
//!
//! - **Read-only**: the CSDL's key is read-only whatever a page says. A property a page marks
//!   read-only (`This property is read-only.` and the other forms [`page::marks_read_only`]
//!   reads) is read-only too: `#[graph(read_only)]`, still an `Option` (answers may leave it
//!   out), so `graph_patch!` refuses it and the change set has no slot for it. A marker only
//!   adds: no page makes writable what the CSDL's key or another page makes read-only. (The
//!   page-driven form marks the key alone; the CSDL's `Core.V1.Computed` is not read.)
//! - **Descriptions**: the update page's where it gives one; else the CSDL's; else the first type
//!   page's (the type's own, then its base types').
//! - **Properties** the update page lists and the CSDL lacks are added (read-only if marked);
//!   properties the CSDL has and the page leaves out stay.
//! - **Templates**: the container's, then the update page's that none of them matches modulo
//!   parameter names, named in the doc comment.
//! - **Examples** (for `--tests`) are the update page's, minus the top-level properties that are
//!   read-only here: the pages' examples often set what their tables mark read-only, which a
//!   strict change set refuses; the doc comment and the test say what was left out.

use std::collections::BTreeMap;
use std::path::Path;

use graphpatch_naming::json::Json;
use graphpatch_naming::template::{self, Piece};

use crate::container::Container;
use crate::csdl::Csdl;
use crate::naming;
use crate::page::{self, Body, CellType, Page, PageError, TypeCell};
use crate::permissions::{self, Kind, PermissionMap, PermissionSet};
use crate::resources::{ResourceKind, ResourcePage, Resources};
use crate::types::{Origin, Property, TypeDef, TypeRef};

/// An entity to generate, from one page or from the CSDL.
#[derive(Debug, Clone)]
pub struct Entity {
    /// The page, relative to the docs root (or as given); empty for an entity from the CSDL
    /// that no page enriched.
    pub page: String,
    /// Generated from the CSDL (the CSDL-first form), rather than from its page.
    pub from_csdl: bool,
    /// The page's title.
    pub title: Option<String>,
    /// `microsoft.graph.deviceCategory`.
    pub odata_type: String,
    /// `beta` or `v1.0`.
    pub version: String,
    /// Whether change sets start with `@odata.type` (the example request does).
    pub patch_odata_type: bool,
    /// The PATCH templates, parameters renamed where the page repeats one.
    pub templates: Vec<String>,
    /// The PATCH permissions; `None` where no source knows them.
    pub permissions: Option<PermissionSet>,
    /// The GET permissions, where the permissions map knows them (the CSDL-first form).
    pub read_permissions: Option<PermissionSet>,
    /// Sentences for the doc comment: where the permissions come from, what was renamed,
    /// skipped or read around.
    pub notes: Vec<String>,
    /// The properties, in table order.
    pub fields: Vec<Field>,
    /// The example request's body (a page's; none from the CSDL alone).
    pub request: Option<Body>,
    /// The example response's body, if it has one.
    pub response: Option<Body>,
    /// The properties left out of `request` because they are read-only here (the CSDL-first
    /// form's pages may mark read-only what their own examples set).
    pub request_dropped: Vec<String>,
}

/// A property of an entity.
#[derive(Debug, Clone)]
pub struct Field {
    /// Wire name.
    pub wire: String,
    /// Its type.
    pub ty: TypeRef,
    /// Graph computes it, the change set has no slot for it (`#[graph(read_only)]`).
    pub read_only: bool,
    /// The entity's key (`id`): read-only, and in every answer, so not an `Option`.
    pub key: bool,
    /// The description from the table.
    pub description: String,
}

/// Turns pages into entities and collects the types they use.
#[derive(Debug)]
pub struct Resolver {
    csdl: Option<Csdl>,
    map: Option<PermissionMap>,
    resources: Resources,
    /// Every enum and complex type resolved so far, by qualified name.
    defs: BTreeMap<String, TypeDef>,
    failed: BTreeMap<String, String>,
}

impl Resolver {
    /// A resolver over the docs at `docs_root`.
    pub fn new(docs_root: &Path, csdl: Option<Csdl>, map: Option<PermissionMap>) -> Resolver {
        Resolver {
            csdl,
            map,
            resources: Resources::index(docs_root),
            defs: BTreeMap::new(),
            failed: BTreeMap::new(),
        }
    }

    /// The CSDL, if one was given.
    pub fn csdl(&self) -> Option<&Csdl> {
        self.csdl.as_ref()
    }

    /// Entity type `q` from the CSDL alone (the CSDL-first form): every structural property,
    /// inherited ones included (the key read-only), the templates the container reaches it
    /// through, the permissions the map knows for them.
    pub fn csdl_entity(
        &mut self,
        q: &str,
        version: &str,
        container: &mut Container,
    ) -> Result<Entity, String> {
        let csdl = self
            .csdl
            .as_ref()
            .ok_or("the CSDL-first form needs --csdl")?;
        let Some((key, properties)) = csdl.entity_properties(q) else {
            return Err(if csdl.is_value_type(q) {
                format!("`{q}` is an enum or complex type, not an entity type")
            } else {
                format!("`{q}` is not an entity type of the CSDL")
            });
        };
        let reached = container.reach(csdl, q);
        let Some(through) = reached.through else {
            return Err(format!(
                "no path of the entity container reaches `{q}` (nor a base type of it) within {} \
                 navigations",
                container.depth()
            ));
        };
        let description = csdl.description(q).map(str::to_owned);
        let navigations: Vec<String> = csdl
            .chain(q)
            .iter()
            .rev()
            .flat_map(|t| csdl.own_navigations(t).iter().map(|n| n.name.clone()))
            .collect();
        let mut notes = vec![if through == q {
            format!(
                "Templates: the entity container's paths to `{q}` ({}).",
                plural(reached.templates.len(), "template")
            )
        } else {
            format!(
                "Templates: the entity container's paths to its base type `{through}` ({}); \
                 change sets name `{q}` in `@odata.type`.",
                plural(reached.templates.len(), "template")
            )
        }];
        let mut fields = Vec::new();
        let mut left_out = Vec::new();
        for property in properties {
            let is_key = key.contains(&property.name);
            let ty = match property.ty {
                Ok(ty) => ty,
                Err(reason) => {
                    left_out.push(format!("`{}` is left out: {reason}.", property.name));
                    continue;
                }
            };
            if !is_property_name(&property.name) {
                left_out.push(format!(
                    "`{}` is left out: not a property name graphpatch can carry.",
                    property.name
                ));
                continue;
            }
            if let Some(named) = ty.named() {
                if let Err(reason) = self.ensure_top(named) {
                    left_out.push(format!("`{}` is left out: {reason}.", property.name));
                    continue;
                }
            }
            fields.push(Field {
                wire: property.name,
                ty,
                read_only: is_key,
                key: is_key,
                description: property.description.unwrap_or_default(),
            });
        }
        if !navigations.is_empty() {
            notes.push(format!(
                "Navigation properties, which a PATCH does not set, are left out: {}.",
                navigations
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        notes.extend(left_out);
        let refs: Vec<&str> = reached.templates.iter().map(String::as_str).collect();
        let (permissions, read_permissions) = match &self.map {
            Some(map) => {
                let patch = map.lookup(&refs);
                let read = map.lookup_read(&refs);
                let known = refs.iter().filter(|t| map.knows(t)).count();
                let known_read = refs.iter().filter(|t| map.knows_read(t)).count();
                notes.push(match patch {
                    Some(_) => format!(
                        "Permissions: from the Graph permissions map (`permissions.json`), which \
                         knows PATCH on {known} of the {} templates.",
                        refs.len()
                    ),
                    None => "Permissions: unknown; the Graph permissions map knows PATCH on none \
                             of the templates."
                        .to_owned(),
                });
                if read.is_some() {
                    notes.push(format!(
                        "Read permissions: from the map's GET entries, on {known_read} of the \
                         templates."
                    ));
                }
                (patch, read)
            }
            None => {
                notes.push("Permissions: unknown; no permissions map was given.".to_owned());
                (None, None)
            }
        };
        Ok(Entity {
            page: String::new(),
            from_csdl: true,
            title: description,
            odata_type: q.to_owned(),
            version: version.to_owned(),
            patch_odata_type: true,
            templates: reached.templates,
            permissions,
            read_permissions,
            notes,
            fields,
            request: None,
            response: None,
            request_dropped: Vec::new(),
        })
    }

    /// Enriches `entity`, generated from the CSDL, with the pages in `resources/` of its type
    /// and of its base types (its own first): a property such a page marks read-only becomes
    /// read-only, and one the CSDL does not describe takes the first page's description. Does
    /// nothing without a docs root.
    pub fn type_pages(&mut self, entity: &mut Entity) {
        let Some(csdl) = &self.csdl else {
            return;
        };
        let mut pages: Vec<(String, Vec<crate::resources::PropertyRow>)> = Vec::new();
        for q in csdl.chain(&entity.odata_type) {
            let (ns, name) = q.rsplit_once('.').unwrap_or(("microsoft.graph", &q));
            if let Some(ResourcePage {
                path,
                kind: ResourceKind::Entity(rows),
                ..
            }) = self.resources.by_name(name, ns)
            {
                pages.push((path, rows));
            }
        }
        let mut marked: Vec<(String, Vec<String>)> = Vec::new();
        let mut described: Vec<String> = Vec::new();
        for field in &mut entity.fields {
            let rows = pages.iter().filter_map(|(path, rows)| {
                rows.iter()
                    .find(|(name, ..)| *name == field.wire)
                    .map(|(_, _, description, _)| (path, description))
            });
            for (path, description) in rows {
                if field.description.trim().is_empty() && !description.trim().is_empty() {
                    field.description = description.clone();
                    if !described.contains(path) {
                        described.push(path.clone());
                    }
                }
                if !field.read_only && page::marks_read_only(description) {
                    field.read_only = true;
                    note_marked(&mut marked, path, &field.wire);
                }
            }
        }
        notes_of_markers(&mut entity.notes, &marked);
        if !described.is_empty() {
            entity.notes.push(format!(
                "Descriptions the CSDL lacks: from {}.",
                described
                    .iter()
                    .map(|p| format!("`{p}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }

    /// The types resolved so far, and the resource pages (for descriptions).
    pub fn parts(&mut self) -> (&BTreeMap<String, TypeDef>, &mut Resources) {
        (&self.defs, &mut self.resources)
    }

    /// The entity of update page `rel` (its text `text`); warnings go to `warnings`.
    pub fn entity(
        &mut self,
        rel: &str,
        text: &str,
        warnings: &mut Vec<PageError>,
    ) -> Result<Entity, PageError> {
        let page = page::parse(text)?;
        let mut notes: Vec<String> = Vec::new();
        if !page.defects.is_empty() {
            notes.push(format!(
                "Read around in the page: {}.",
                page.defects.join("; ")
            ));
        }

        // Methods: graphpatch generates PATCH entities.
        let patch: Vec<&page::TemplateLine> = page
            .templates
            .iter()
            .filter(|t| t.method == "PATCH")
            .collect();
        if patch.is_empty() || page.request.method != "PATCH" {
            let first = &page.templates[0];
            let answer = match &page.response.body {
                Some(_) => format!("answering {}", page.response.status),
                None => format!("answering {} without a body", page.response.status),
            };
            return Err(PageError::new(
                first.line,
                format!(
                    "`{} {}` is an action ({answer}), not an update of an entity: graphpatch \
                     generates PATCH entities only, so the page is skipped",
                    first.method, first.path
                ),
            ));
        }
        for other in page.templates.iter().filter(|t| t.method != "PATCH") {
            warnings.push(PageError::new(
                other.line,
                format!("`{} {}` ignored: not a PATCH", other.method, other.path),
            ));
        }

        let odata_type = odata_type(&page)?;
        let version = match page.request.version() {
            Some(v) => v.to_owned(),
            None if page.beta_notice => {
                notes.push(
                    "The example URL names no version; the page's /beta notice decides.".to_owned(),
                );
                "beta".to_owned()
            }
            None => {
                return Err(PageError::new(
                    page.request.line,
                    format!("cannot tell the API version from `{}`", page.request.url),
                ))
            }
        };
        let patch_odata_type = page.request.body.json.get("@odata.type").is_some();
        if let Some(sent) = page
            .request
            .body
            .json
            .get("@odata.type")
            .and_then(Json::as_str)
        {
            if sent.trim_start_matches('#') != odata_type {
                return Err(PageError::new(
                    page.request.body.line,
                    format!(
                        "the example request is for `{sent}`, the response for `#{odata_type}`"
                    ),
                ));
            }
        }

        let mut templates: Vec<String> = Vec::new();
        for line in &patch {
            let (template, renamed) =
                unique_params(&line.path).map_err(|m| PageError::new(line.line, m))?;
            if templates.contains(&template) {
                warnings.push(PageError::new(
                    line.line,
                    "the same template twice; the second dropped",
                ));
                continue;
            }
            for (from, to) in renamed {
                notes.push(format!(
                    "The template on line {} repeats `{{{from}}}`; the second is `{{{to}}}` here.",
                    line.line
                ));
            }
            templates.push(template);
        }

        let table = permissions::from_table(page.permissions.as_ref());
        let template_refs: Vec<&str> = templates.iter().map(String::as_str).collect();
        let permissions = match self.map.as_ref().map(|m| (m, m.lookup(&template_refs))) {
            Some((map, Some(set))) => {
                let known = template_refs.iter().filter(|t| map.knows(t)).count();
                notes.push(format!(
                    "Permissions: from the Graph permissions map (`permissions.json`), which knows \
                     {known} of the {} templates.",
                    templates.len()
                ));
                for kind in [
                    Kind::DelegatedWork,
                    Kind::DelegatedPersonal,
                    Kind::Application,
                ] {
                    if set.get(kind) != table.set.get(kind) {
                        notes.push(format!(
                            "{}: the page's table says {}.",
                            kind.label(),
                            table.set.get(kind).describe()
                        ));
                    }
                }
                set
            }
            Some((_, None)) => {
                notes.push(
                    "Permissions: from the page's table; the Graph permissions map does not know \
                     these templates."
                        .to_owned(),
                );
                notes.extend(
                    table
                        .notes
                        .iter()
                        .map(|n| format!("The permissions table {n}.")),
                );
                table.set
            }
            None => {
                notes.push("Permissions: from the page's table.".to_owned());
                notes.extend(
                    table
                        .notes
                        .iter()
                        .map(|n| format!("The permissions table {n}.")),
                );
                table.set
            }
        };

        let mut fields = Vec::new();
        for row in &page.properties {
            if row.name.starts_with('@') {
                notes.push(format!(
                    "`{}` is an annotation, not a property: left out.",
                    row.name
                ));
                continue;
            }
            let ty = match self.cell_type(rel, &row.ty) {
                Ok(Some(ty)) => ty,
                Ok(None) => {
                    notes.push(format!(
                        "`{}` is a navigation to an entity type, which a PATCH does not set: left out.",
                        row.name
                    ));
                    continue;
                }
                Err(message) => return Err(PageError::new(row.line, message)),
            };
            // The key alone: the pages' examples set most properties their tables mark
            // read-only (`supportsScopeTags`), and this form's tests decode those examples.
            let read_only = row.name == "id";
            if !read_only && !is_property_name(&row.name) {
                return Err(PageError::new(
                    row.line,
                    format!("`{}` is not a property name", row.name),
                ));
            }
            fields.push(Field {
                wire: row.name.clone(),
                ty,
                read_only,
                key: read_only,
                description: row.description.clone(),
            });
        }

        // The examples must fit the table, or the generated tests could not pass.
        let known = |key: &str| key == "@odata.type" || fields.iter().any(|f| f.wire == key);
        if let Json::Object(entries) = &page.request.body.json {
            for (key, _) in entries {
                if !known(key) {
                    warnings.push(PageError::new(
                        page.request.body.line,
                        format!("the example request sets `{key}`, which the table does not list"),
                    ));
                }
            }
        }
        Ok(Entity {
            page: rel.to_owned(),
            from_csdl: false,
            title: page.title.clone(),
            odata_type,
            version,
            patch_odata_type,
            templates,
            permissions: Some(permissions),
            read_permissions: None,
            notes,
            fields,
            request: Some(page.request.body.clone()),
            response: page.response.body.clone(),
            request_dropped: Vec::new(),
        })
    }

    /// A type cell of page `from` as a type; `None` for an entity type (a navigation).
    fn cell_type(&mut self, from: &str, cell: &TypeCell) -> Result<Option<TypeRef>, String> {
        let base = match &cell.base {
            CellType::Prim(p) => TypeRef::Prim(*p),
            CellType::Link { name, target } => match self.link(from, name, target)? {
                Some(q) => TypeRef::Named(q),
                None => return Ok(None),
            },
        };
        Ok(Some(if cell.collection {
            TypeRef::Collection(Box::new(base))
        } else {
            base
        }))
    }

    /// The qualified name of the type a link names, resolved with everything it reaches;
    /// `None` for an entity type.
    fn link(&mut self, from: &str, name: &str, target: &str) -> Result<Option<String>, String> {
        if let Some(q) = self.csdl.as_ref().and_then(|c| c.resolve_simple(name)) {
            return match self.csdl.as_ref().and_then(|c| c.def(&q)) {
                Some(TypeDef::Entity) => Ok(None),
                _ => self.ensure_top(&q).map(|()| Some(q)),
            };
        }
        let page = self
            .resources
            .by_link(from, target)
            .filter(|p| p.name == name)
            .or_else(|| self.resources.by_name(name, "microsoft.graph"));
        let Some(page) = page else {
            let csdl = if self.csdl.is_some() {
                "is not in the CSDL"
            } else {
                "needs the CSDL (--csdl)"
            };
            return Err(format!(
                "type `{name}` {csdl} and has no page in resources/ (the link points at `{target}`)"
            ));
        };
        if matches!(page.kind, ResourceKind::Entity(_)) {
            return Ok(None);
        }
        let q = format!("{}.{}", page.namespace, page.name);
        if let Some(reason) = self.failed.get(&q) {
            return Err(reason.clone());
        }
        if self.defs.contains_key(&q) {
            return Ok(Some(q));
        }
        let before: Vec<String> = self.defs.keys().cloned().collect();
        match self.page_def(&q, &page) {
            Ok(()) => Ok(Some(q)),
            Err(reason) => {
                self.defs.retain(|k, _| before.contains(k));
                self.failed.insert(q, reason.clone());
                Err(reason)
            }
        }
    }

    /// A type the CSDL lacks, from its page (no base or derived types: a page does not say).
    fn page_def(&mut self, q: &str, page: &ResourcePage) -> Result<(), String> {
        let def = match &page.kind {
            ResourceKind::Enum(members) => {
                if members.is_empty() {
                    return Err(format!("`{}` lists no enum members", page.path));
                }
                TypeDef::Enum {
                    members: members
                        .iter()
                        .map(|(m, d)| (m.clone(), (!d.is_empty()).then(|| d.clone())))
                        .collect(),
                    flags: false,
                    origin: Origin::Page(page.path.clone()),
                    description: page.description.clone(),
                }
            }
            ResourceKind::Complex(_) | ResourceKind::Entity(_) => TypeDef::Complex {
                properties: Vec::new(),
                base: None,
                derived: Vec::new(),
                origin: Origin::Page(page.path.clone()),
                description: page.description.clone(),
            },
        };
        // Inserted before its properties resolve, so that a recursive type finds itself.
        self.defs.insert(q.to_owned(), def);
        if let ResourceKind::Complex(rows) = &page.kind {
            let mut properties = Vec::new();
            for (name, cell, description, line) in rows {
                let cell = cell
                    .as_ref()
                    .map_err(|m| format!("{}:{line}: {m}", page.path))?;
                let ty = self
                    .cell_type(&page.path, cell)
                    .map_err(|m| format!("{}:{line}: {m}", page.path))?
                    .ok_or_else(|| {
                        "a navigation to an entity type, which a PATCH does not set".to_owned()
                    });
                properties.push(Property {
                    name: name.clone(),
                    ty,
                    description: (!description.is_empty()).then(|| description.clone()),
                    from_page: false,
                });
            }
            if let Some(TypeDef::Complex { properties: p, .. }) = self.defs.get_mut(q) {
                *p = properties;
            }
        }
        Ok(())
    }

    /// Resolves a CSDL type and everything it reaches; on failure nothing resolved on the way
    /// is kept and the type is remembered as failed.
    fn ensure_top(&mut self, q: &str) -> Result<(), String> {
        if let Some(reason) = self.failed.get(q) {
            return Err(reason.clone());
        }
        if self.defs.contains_key(q) {
            return Ok(());
        }
        let before: Vec<String> = self.defs.keys().cloned().collect();
        let result = self.ensure(q);
        if let Err(reason) = &result {
            self.defs.retain(|k, _| before.contains(k));
            self.failed.insert(q.to_owned(), reason.clone());
        }
        result
    }

    fn ensure(&mut self, q: &str) -> Result<(), String> {
        if self.defs.contains_key(q) {
            return Ok(());
        }
        let Some(mut def) = self.csdl.as_ref().and_then(|c| c.def(q)) else {
            // Not in the CSDL: its page, if there is one.
            let (ns, name) = q.rsplit_once('.').unwrap_or(("microsoft.graph", q));
            return match self.resources.by_name(name, ns) {
                Some(page) if !matches!(page.kind, ResourceKind::Entity(_)) => {
                    self.page_def(q, &page)
                }
                _ => Err(format!(
                    "type `{q}` is neither in the CSDL nor in resources/"
                )),
            };
        };
        // The pages are newer than the CSDL: what a type's page lists and the CSDL lacks is added.
        let (ns, name) = q.rsplit_once('.').unwrap_or(("microsoft.graph", q));
        let page = self.resources.by_name(name, ns);
        if let (TypeDef::Enum { members, .. }, Some(page)) = (&mut def, &page) {
            if let ResourceKind::Enum(listed) = &page.kind {
                for (member, description) in listed {
                    if !members.iter().any(|(m, _)| m == member) {
                        let note = format!("(From `{}`: the CSDL lacks it.)", page.path);
                        members.push((
                            member.clone(),
                            Some(if description.is_empty() {
                                note
                            } else {
                                format!("{description} {note}")
                            }),
                        ));
                    }
                }
            }
        }
        let TypeDef::Complex {
            properties,
            derived,
            ..
        } = &def
        else {
            self.defs.insert(q.to_owned(), def);
            return Ok(());
        };
        let mut reached: Vec<String> = properties
            .iter()
            .filter_map(|p| {
                p.ty.as_ref()
                    .ok()
                    .and_then(TypeRef::named)
                    .map(str::to_owned)
            })
            .collect();
        reached.extend(derived.iter().cloned());
        let listed: Vec<String> = properties.iter().map(|p| p.name.clone()).collect();
        self.defs.insert(q.to_owned(), def);
        for name in reached {
            self.ensure(&name).map_err(|m| format!("{q}: {m}"))?;
        }
        if let Some(ResourceKind::Complex(rows)) = page.as_ref().map(|p| &p.kind) {
            let mut extra = Vec::new();
            for (name, cell, description, line) in rows {
                if listed.contains(name) {
                    continue;
                }
                let ty = match cell {
                    Ok(cell) => match self.cell_type(
                        &page.as_ref().map(|p| p.path.clone()).unwrap_or_default(),
                        cell,
                    ) {
                        Ok(Some(ty)) => Ok(ty),
                        Ok(None) => {
                            Err("a navigation to an entity type, which a PATCH does not set"
                                .to_owned())
                        }
                        Err(m) => Err(format!("its type on line {line} of its page: {m}")),
                    },
                    Err(m) => Err(format!("its type on line {line} of its page: {m}")),
                };
                extra.push(Property {
                    name: name.clone(),
                    ty,
                    description: (!description.is_empty()).then(|| description.clone()),
                    from_page: true,
                });
            }
            if let Some(TypeDef::Complex { properties, .. }) = self.defs.get_mut(q) {
                properties.extend(extra);
            }
        }
        Ok(())
    }
}

/// Enriches `entity`, generated from the CSDL, with `page`, the entity its update page gives:
/// the page's descriptions (where it gives one), read-only markers, examples (for `--tests`) and
/// `@odata.type` convention; the properties it lists and the CSDL lacks (the pages may be newer);
/// and its templates the container does not produce, added and named in the doc comment. The
/// example request loses the properties that are read-only here (see the module docs).
pub fn enrich(entity: &mut Entity, page: &Entity) {
    entity.page = page.page.clone();
    if entity.title.is_none() {
        entity.title = page.title.clone();
    }
    entity.request = page.request.clone();
    entity.response = page.response.clone();
    if entity.patch_odata_type != page.patch_odata_type {
        entity.patch_odata_type = page.patch_odata_type;
        entity
            .notes
            .push("Change sets carry no `@odata.type`, as the page's example request.".to_owned());
    }
    let mut added_fields = Vec::new();
    let mut marked: Vec<(String, Vec<String>)> = Vec::new();
    for field in &page.fields {
        let read_only = page::marks_read_only(&field.description);
        match entity.fields.iter_mut().find(|f| f.wire == field.wire) {
            Some(ours) => {
                if !field.description.trim().is_empty() {
                    ours.description = field.description.clone();
                }
                if read_only && !ours.read_only {
                    ours.read_only = true;
                    note_marked(&mut marked, &page.page, &ours.wire);
                }
            }
            None => {
                let mut field = field.clone();
                field
                    .description
                    .push_str(" (From the page: the CSDL lacks it.)");
                field.read_only |= read_only;
                added_fields.push(field.wire.clone());
                entity.fields.push(field);
            }
        }
    }
    if !added_fields.is_empty() {
        entity.notes.push(format!(
            "Properties from `{}` the CSDL lacks: {}.",
            page.page,
            added_fields
                .iter()
                .map(|f| format!("`{f}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    notes_of_markers(&mut entity.notes, &marked);
    let shapes: Vec<String> = entity
        .templates
        .iter()
        .map(|t| permissions::shape(t))
        .collect();
    let extra: Vec<String> = page
        .templates
        .iter()
        .filter(|t| !shapes.contains(&permissions::shape(t)))
        .cloned()
        .collect();
    if !extra.is_empty() {
        entity.notes.push(format!(
            "Templates from `{}` that the entity container does not produce: {}.",
            page.page,
            extra
                .iter()
                .map(|t| format!("`{t}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        entity.templates.extend(extra);
    }
    entity.notes.push(format!(
        "Descriptions and examples: from `{}` where it gives them.",
        page.page
    ));
    drop_read_only(entity);
}

/// Takes out of the example request the properties that are read-only here: a change set
/// cannot hold them, so the generated test sends the rest.
fn drop_read_only(entity: &mut Entity) {
    let Some(Body {
        json: Json::Object(entries),
        ..
    }) = &entity.request
    else {
        return;
    };
    let read_only = |key: &str| entity.fields.iter().any(|f| f.read_only && f.wire == key);
    let dropped: Vec<String> = entries
        .iter()
        .filter(|(key, _)| read_only(key))
        .map(|(key, _)| key.clone())
        .collect();
    if dropped.is_empty() {
        return;
    }
    let kept: Vec<(String, Json)> = entries
        .iter()
        .filter(|(key, _)| !dropped.contains(key))
        .cloned()
        .collect();
    let json = Json::Object(kept);
    if let Some(body) = &mut entity.request {
        body.text = json.to_compact();
        body.json = json;
    }
    entity.notes.push(format!(
        "The example request of `{}` also sets {}, read-only here: the generated test leaves {} \
         out.",
        entity.page,
        dropped
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", "),
        if dropped.len() == 1 { "it" } else { "them" }
    ));
    entity.request_dropped = dropped;
}

/// Records that `page` marks `property` read-only.
fn note_marked(marked: &mut Vec<(String, Vec<String>)>, page: &str, property: &str) {
    match marked.iter_mut().find(|(p, _)| p == page) {
        Some((_, properties)) => properties.push(property.to_owned()),
        None => marked.push((page.to_owned(), vec![property.to_owned()])),
    }
}

/// A note per page: the properties it marks read-only.
fn notes_of_markers(notes: &mut Vec<String>, marked: &[(String, Vec<String>)]) {
    for (page, properties) in marked {
        notes.push(format!(
            "Read-only, as `{page}` marks {}: {}.",
            if properties.len() == 1 { "it" } else { "them" },
            properties
                .iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
}

/// `3 templates`, `1 template`.
fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// A property name the macros can carry (`#[graph(rename)]` covers any such text).
fn is_property_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

/// The entity's OData type: the example response's `@odata.type`, else the request's.
fn odata_type(page: &Page) -> Result<String, PageError> {
    let from = |body: &Body| {
        body.json
            .get("@odata.type")
            .and_then(Json::as_str)
            .map(|t| (body.line, t.to_owned()))
    };
    let (line, value) = page
        .response
        .body
        .as_ref()
        .and_then(from)
        .or_else(|| from(&page.request.body))
        .ok_or_else(|| {
            PageError::new(
                page.response.line,
                "neither example names the entity's `@odata.type`",
            )
        })?;
    let value = value.trim_start_matches('#').to_owned();
    if graphpatch_naming::check_odata_type(&value).is_ok() {
        Ok(value)
    } else {
        Err(PageError::new(
            line,
            format!("`{value}` is not an OData type name"),
        ))
    }
}

/// A template whose parameters are unique identifiers: a repeated (or unusable) name becomes
/// one derived from the literal segment before it (`networkAccessConfigurations/{x}` →
/// `networkAccessConfigurationId`), `nested…` if that is taken too. Returns the renames.
pub fn unique_params(template: &str) -> Result<(String, Vec<(String, String)>), String> {
    let template = template.trim();
    if !template.starts_with('/') {
        return Err(format!("template `{template}` does not start with `/`"));
    }
    if template.contains(['?', '#']) || template.contains(char::is_whitespace) {
        return Err(format!(
            "template `{template}` holds a query string or whitespace"
        ));
    }
    // A trailing `/` is dropped (the macros refuse it); `/` alone is one empty segment.
    let body = match template.trim_end_matches('/') {
        "" => "/",
        body => body,
    };
    let mut segments: Vec<String> = Vec::new();
    let mut renames = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let mut snakes: Vec<String> = Vec::new();
    for segment in body[1..].split('/') {
        let name = match template::piece(segment) {
            Ok(Piece::Literal(literal)) => {
                segments.push(literal.to_owned());
                continue;
            }
            Ok(Piece::Param(name)) => name,
            Err(template::TemplateError::EmptySegment) => {
                return Err(format!("template `{template}` has an empty segment"))
            }
            Err(_) => {
                return Err(format!(
                    "template segment `{segment}` mixes text and a parameter; graphpatch \
                     templates take a parameter as a whole segment"
                ))
            }
        };
        let snake = naming::lower_camel_to_snake(name);
        let usable = template::param_name(name).is_ok()
            && !names.iter().any(|n| n == name)
            && !snakes.contains(&snake);
        let chosen = if usable {
            name.to_owned()
        } else {
            let base = segments
                .iter()
                .rev()
                .find(|s| !s.starts_with('{') && !s.contains('.'))
                .map_or_else(|| "param".to_owned(), |s| singular(s));
            let base: String = base.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
            let base = if base.starts_with(|c: char| c.is_ascii_alphabetic()) {
                base
            } else {
                format!("param{base}")
            };
            let first = format!("{base}Id");
            let mut nested = String::from("nested");
            nested.push_str(&naming::type_ident(&first));
            let free = |n: &str| {
                !names.iter().any(|m| m == n) && !snakes.contains(&naming::lower_camel_to_snake(n))
            };
            let chosen = [first.clone(), nested.clone()]
                .into_iter()
                .chain((2..).map(|i| format!("{first}{i}")))
                .find(|n| free(n))
                .expect("an unbounded range has a free name");
            renames.push((name.to_owned(), chosen.clone()));
            chosen
        };
        snakes.push(naming::lower_camel_to_snake(&chosen));
        names.push(chosen.clone());
        segments.push(format!("{{{chosen}}}"));
    }
    Ok((format!("/{}", segments.join("/")), renames))
}

/// `networkAccessConfigurations` → `networkAccessConfiguration`, `policies` → `policy`.
fn singular(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies") {
        format!("{stem}y")
    } else if word.ends_with("ss") {
        word.to_owned()
    } else {
        word.strip_suffix('s').unwrap_or(word).to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(wire: &str, key: bool, description: &str) -> Field {
        Field {
            wire: wire.to_owned(),
            ty: TypeRef::Prim(crate::types::Prim::String),
            read_only: key,
            key,
            description: description.to_owned(),
        }
    }

    fn entity(fields: Vec<Field>, request: Option<&str>) -> Entity {
        Entity {
            page: String::new(),
            from_csdl: request.is_none(),
            title: None,
            odata_type: "microsoft.graph.thing".to_owned(),
            version: "beta".to_owned(),
            patch_odata_type: true,
            templates: vec!["/things/{thingId}".to_owned()],
            permissions: None,
            read_permissions: None,
            notes: Vec::new(),
            fields,
            request: request.map(|text| Body {
                line: 40,
                json: graphpatch_naming::json::parse(text).unwrap(),
                text: text.to_owned(),
            }),
            response: None,
            request_dropped: Vec::new(),
        }
    }

    /// The merge rule of the module docs: the key stays read-only whatever the page says, a
    /// page's marker adds read-only and never removes it, and the example request loses what is
    /// read-only here.
    #[test]
    fn page_markers_add_read_only_and_never_remove_it() {
        let mut ours = entity(
            vec![
                field("id", true, "From the CSDL."),
                field("name", false, "From the CSDL."),
                field("state", false, ""),
                field("count", false, "From the CSDL."),
            ],
            None,
        );
        // A type page marked `count` read-only before the update page is applied.
        ours.fields[3].read_only = true;
        let mut page = entity(
            vec![
                field("id", false, "The key, without a marker."),
                field("name", false, "The name."),
                field("state", false, "The state. This property is read-only."),
                field("count", false, "The count."),
                field("newer", false, "Newer than the CSDL. Read-only."),
            ],
            Some(r##"{"@odata.type":"#microsoft.graph.thing","name":"n","state":"s","count":1}"##),
        );
        page.page = "api/thing-update.md".to_owned();
        enrich(&mut ours, &page);
        let flags: Vec<(&str, bool, bool)> = ours
            .fields
            .iter()
            .map(|f| (f.wire.as_str(), f.read_only, f.key))
            .collect();
        assert_eq!(
            flags,
            [
                ("id", true, true),
                ("name", false, false),
                ("state", true, false),
                ("count", true, false),
                ("newer", true, false),
            ]
        );
        // Descriptions: the page's where it gives one.
        assert_eq!(ours.fields[1].description, "The name.");
        assert_eq!(ours.request_dropped, ["state", "count"]);
        assert_eq!(
            ours.request.as_ref().unwrap().text,
            r##"{"@odata.type":"#microsoft.graph.thing","name":"n"}"##
        );
        let notes = ours.notes.join("\n");
        assert!(
            notes.contains("Read-only, as `api/thing-update.md` marks it: `state`."),
            "{notes}"
        );
        assert!(
            notes.contains("also sets `state`, `count`, read-only here"),
            "{notes}"
        );

        // Nothing read-only in the request: it is kept as written.
        let mut ours = entity(vec![field("id", true, ""), field("name", false, "")], None);
        let text = "{\n  \"name\": \"n\"\n}";
        let page = entity(vec![field("name", false, "The name.")], Some(text));
        enrich(&mut ours, &page);
        assert_eq!(ours.request.as_ref().unwrap().text, text);
        assert!(ours.request_dropped.is_empty());
    }

    #[test]
    fn repeated_parameters_get_names_from_their_segment() {
        let (t, renames) = unique_params(
            "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.windowsDomainJoinConfiguration/networkAccessConfigurations/{deviceConfigurationId}",
        )
        .unwrap();
        assert_eq!(
            t,
            "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.windowsDomainJoinConfiguration/networkAccessConfigurations/{networkAccessConfigurationId}"
        );
        assert_eq!(
            renames,
            [(
                "deviceConfigurationId".to_owned(),
                "networkAccessConfigurationId".to_owned()
            )]
        );
        let (t, _) = unique_params(
            "/deviceManagement/managementConditions/{managementConditionId}/managementConditionStatements/{managementConditionStatementId}/managementConditions/{managementConditionId}",
        )
        .unwrap();
        assert!(
            t.ends_with("/managementConditions/{nestedManagementConditionId}"),
            "{t}"
        );
        let (t, _) = unique_params("/a/{x}/b/{x}/b/{x}/b/{x}").unwrap();
        assert_eq!(t, "/a/{x}/b/{bId}/b/{nestedBId}/b/{bId2}");
        let (t, _) = unique_params("/users/{userId}/policies/{userID}").unwrap();
        assert_eq!(t, "/users/{userId}/policies/{policyId}");
        let (t, renames) = unique_params("/a/{self}/").unwrap();
        assert_eq!(t, "/a/{aId}");
        assert_eq!(renames.len(), 1);
        assert!(unique_params("/a/x({id})").is_err());
        assert!(unique_params("/a//b").is_err());
        assert!(unique_params("a/b").is_err());
        assert!(unique_params("/").is_err());
        assert!(unique_params("/a?$select=x").is_err());
    }
}
