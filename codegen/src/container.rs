//! The URLs through which the CSDL's entity container reaches an entity type: its PATCH
//! templates in the CSDL-first form.
//!
//! A template is one of:
//!
//! - a containment path: an entity set (`/users/{userId}`) or a singleton (`/me`), then
//!   containment navigations (`ContainsTarget="true"`): `…/deviceRunStates/{…Id}`;
//! - a re-rooted path: a containment path, one non-contained single-valued navigation from it,
//!   then containment navigations: `/me/drive/items/{driveItemId}/workbook/…` (`drive` is not
//!   contained in `user`);
//! - a path ending in a non-contained navigation: a containment path, then the collection and
//!   its key (`/deviceManagement/detectedApps/{detectedAppId}/managedDevices/{managedDeviceId}`),
//!   or a single-valued one (`…/{deviceConfigurationId}/microsoft.graph.androidCertificateProfileBase/rootCertificate`).
//!
//! A path takes at most one non-contained navigation, from the canonical path of the entity that
//! holds it (its containment path of fewest segments, then first alphabetically), so that the
//! templates of a type stay few. A single-valued reference to a type that has a containment path
//! of its own is an alias of an entity addressed elsewhere (a `createdByUser` on every item of
//! every drive): it is followed only from a root's entity (`/me/drive`), and never ends a path.
//! Navigations declared on a type derived from the one a path has reached are followed through a
//! type-cast segment (`…/{deviceConfigurationId}/microsoft.graph.windowsDomainJoinConfiguration/
//! networkAccessConfigurations/{…}`), as the docs write them. No entity type appears twice on one
//! path (no cycles), and a path has at most `depth` navigations after its root.
//!
//! A type without a containment path of its own (a derived type) is reached through the paths
//! of the nearest base type that has one (never the chain's root, `microsoft.graph.entity`),
//! then the references to it and to the types between, and is patched with its own
//! `@odata.type`. A key parameter is named after the entity type the step declares,
//! `{deviceConfigurationId}`, as the docs name them; a name a template repeats is renamed after
//! its segment (as for the pages' templates).

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

use crate::csdl::Csdl;

/// How many navigations a path may take after its root, by default: the corpus's deepest
/// documented template takes seven
/// (`/deviceManagement/groupPolicyConfigurations/{…}/definitionValues/{…}/presentationValues/{…}/presentation/definition/category/children/{…}`).
pub const DEFAULT_DEPTH: usize = 8;

/// One step out of an entity type.
#[derive(Debug, Clone)]
struct Step {
    /// The type-cast segment before it, for a navigation declared on a derived type.
    cast: Option<String>,
    name: String,
    target: String,
    collection: bool,
    contains: bool,
}

/// Where the templates of an entity type come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reached {
    /// The templates, fewest segments first, then alphabetically.
    pub templates: Vec<String>,
    /// The type whose paths they are: the entity type itself, or the base type it is reached
    /// through.
    pub through: Option<String>,
}

/// The container's paths into entity types, for one CSDL (given to each call), with what was
/// worked out on the way kept for the next type.
#[derive(Debug, Default)]
pub struct Container {
    depth: usize,
    steps: HashMap<String, Vec<Step>>,
    /// For each entity type, the types with a containment step to it.
    reverse: BTreeMap<String, BTreeSet<String>>,
    /// Each entity type's canonical path (segments) and its number of navigations.
    canonical: BTreeMap<String, (Vec<String>, usize)>,
    prepared: bool,
    /// The entity types with a path that does not cast: no path casts into them.
    homed: BTreeSet<String>,
    /// Whether steps through casts are taken (not while `homed` is worked out).
    casts: bool,
}

impl Container {
    /// Paths of at most `depth` navigations.
    pub fn new(depth: usize) -> Container {
        Container {
            depth,
            ..Container::default()
        }
    }

    /// The most navigations a path takes.
    pub fn depth(&self) -> usize {
        self.depth
    }

    /// The steps out of an entity of type `ty`: its own and inherited navigations, then those
    /// of its derived types behind a cast.
    fn steps(&mut self, csdl: &Csdl, ty: &str) -> &[Step] {
        if !self.steps.contains_key(ty) {
            let mut steps = Vec::new();
            for q in csdl.chain(ty) {
                for nav in csdl.own_navigations(&q) {
                    if !steps
                        .iter()
                        .any(|s: &Step| s.cast.is_none() && s.name == nav.name)
                    {
                        steps.push(Step {
                            cast: None,
                            name: nav.name.clone(),
                            target: nav.target.clone(),
                            collection: nav.collection,
                            contains: nav.contains,
                        });
                    }
                }
            }
            for derived in csdl.derived(ty) {
                // A cast only into a type the container has no path to of its own
                // (`…/microsoft.graph.windowsDomainJoinConfiguration/…` under
                // `deviceConfigurations`), never `/directoryObjects/{…}/microsoft.graph.user/…`.
                if !self.casts || self.homed.contains(&derived) {
                    continue;
                }
                for nav in csdl.own_navigations(&derived) {
                    steps.push(Step {
                        cast: Some(derived.clone()),
                        name: nav.name.clone(),
                        target: nav.target.clone(),
                        collection: nav.collection,
                        contains: nav.contains,
                    });
                }
            }
            self.steps.insert(ty.to_owned(), steps);
        }
        &self.steps[ty]
    }

    /// The templates of entity type `qualified`.
    pub fn reach(&mut self, csdl: &Csdl, qualified: &str) -> Reached {
        let chain = csdl.chain(qualified);
        // Never the root of the chain (`microsoft.graph.entity`) for another type.
        let candidates: Vec<String> = if chain.len() > 1 {
            chain[..chain.len() - 1].to_vec()
        } else {
            chain.clone()
        };
        self.prepare(csdl);
        let own = self.templates_of(csdl, qualified);
        if self.homed.contains(qualified) {
            return Reached {
                templates: own,
                through: Some(qualified.to_owned()),
            };
        }
        // Addressed through the nearest base type with a containment path of its own; the
        // references to the types between (the type itself last) come after its templates.
        let mut between = vec![own];
        for candidate in candidates.iter().skip(1) {
            let templates = self.templates_of(csdl, candidate);
            if self.homed.contains(candidate) && !templates.is_empty() {
                let mut all = templates;
                for list in between.iter().rev() {
                    for t in list {
                        if !all.contains(t) {
                            all.push(t.clone());
                        }
                    }
                }
                return Reached {
                    templates: all,
                    through: Some(candidate.clone()),
                };
            }
            between.push(templates);
        }
        let own = between.swap_remove(0);
        Reached {
            through: (!own.is_empty()).then(|| qualified.to_owned()),
            templates: own,
        }
    }

    /// The paths ending at an entity declared as `target` exactly.
    fn templates_of(&mut self, csdl: &Csdl, target: &str) -> Vec<String> {
        self.prepare(csdl);
        let distance = self.distances(target);
        let mut found: BTreeSet<(usize, String)> = BTreeSet::new();
        let roots: Vec<(Vec<String>, String)> = csdl
            .entity_sets
            .iter()
            .map(|(name, ty)| (vec![name.clone(), param(ty)], ty.clone()))
            .chain(
                csdl.singletons
                    .iter()
                    .map(|(name, ty)| (vec![name.clone()], ty.clone())),
            )
            .collect();
        let mut out = Vec::new();
        for (mut segments, ty) in roots {
            let mut visited = vec![ty.clone()];
            self.contained(
                csdl,
                target,
                &distance,
                &mut segments,
                &ty,
                &mut visited,
                0,
                &mut out,
            );
        }
        // One non-contained navigation, from the canonical path of the entity that holds it.
        let canonical: Vec<(String, (Vec<String>, usize))> = self
            .canonical
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (ty, (prefix, depth)) in canonical {
            for step in self.steps(csdl, &ty).to_vec() {
                if step.contains || depth + 1 > self.depth {
                    continue;
                }
                let mut segments = prefix.clone();
                if let Some(cast) = &step.cast {
                    segments.push(cast.clone());
                }
                segments.push(step.name.clone());
                if step.collection {
                    if step.target == target {
                        segments.push(param(&step.target));
                        out.push(segments);
                    }
                    continue;
                }
                // A reference to a type with a path of its own is an alias of an entity
                // addressed elsewhere (`…/createdByUser`): followed from a root's entity only
                // (`/me/drive/…`), and never to end a path.
                let homed = self.homed.contains(&step.target);
                if step.target == target && !homed {
                    out.push(segments.clone());
                }
                if (depth > 0 && homed) || distance.get(&step.target).is_none_or(|d| *d == 0) {
                    continue;
                }
                let mut visited: Vec<String> = vec![ty.clone(), step.target.clone()];
                self.contained(
                    csdl,
                    target,
                    &distance,
                    &mut segments,
                    &step.target,
                    &mut visited,
                    depth + 1,
                    &mut out,
                );
            }
        }
        for segments in out {
            found.insert((segments.len(), format!("/{}", segments.join("/"))));
        }
        let mut templates: Vec<String> = Vec::new();
        for (_, template) in found {
            if let Ok((template, _)) = crate::model::unique_params(&template) {
                if !templates.contains(&template) {
                    templates.push(template);
                }
            }
        }
        templates
    }

    /// Containment paths from `segments` (at an entity of type `ty`, `depth` navigations in) to
    /// `target`, into `out`.
    #[allow(clippy::too_many_arguments)]
    fn contained(
        &mut self,
        csdl: &Csdl,
        target: &str,
        distance: &HashMap<String, usize>,
        segments: &mut Vec<String>,
        ty: &str,
        visited: &mut Vec<String>,
        depth: usize,
        out: &mut Vec<Vec<String>>,
    ) {
        if distance.get(ty).is_none_or(|d| depth + d > self.depth) {
            return;
        }
        if ty == target {
            out.push(segments.clone());
        }
        for step in self.steps(csdl, ty).to_vec() {
            if !step.contains || visited.contains(&step.target) {
                continue;
            }
            let before = segments.len();
            if let Some(cast) = &step.cast {
                segments.push(cast.clone());
            }
            segments.push(step.name.clone());
            if step.collection {
                segments.push(param(&step.target));
            }
            visited.push(step.target.clone());
            self.contained(
                csdl,
                target,
                distance,
                segments,
                &step.target,
                visited,
                depth + 1,
                out,
            );
            visited.pop();
            segments.truncate(before);
        }
    }

    /// For each entity type, the fewest containment navigations from it to `target`.
    fn distances(&self, target: &str) -> HashMap<String, usize> {
        let reverse = &self.reverse;
        let mut distance = HashMap::new();
        distance.insert(target.to_owned(), 0);
        let mut queue = VecDeque::from([target.to_owned()]);
        while let Some(ty) = queue.pop_front() {
            let d = distance[&ty];
            for from in reverse.get(&ty).into_iter().flatten() {
                if !distance.contains_key(from) {
                    distance.insert(from.clone(), d + 1);
                    queue.push_back(from.clone());
                }
            }
        }
        distance
    }

    /// Once per CSDL: the containment steps between entity types, reversed, and each entity
    /// type's canonical path (fewest segments, then first alphabetically).
    fn prepare(&mut self, csdl: &Csdl) {
        if self.prepared {
            return;
        }
        self.prepared = true;
        // First without casts: which types have paths of their own.
        self.canonical = self.canonical_paths(csdl);
        self.homed = self.canonical.keys().cloned().collect();
        self.casts = true;
        self.steps.clear();
        for ty in csdl.entity_types() {
            for step in self.steps(csdl, &ty).to_vec() {
                if step.contains {
                    self.reverse
                        .entry(step.target.clone())
                        .or_default()
                        .insert(ty.clone());
                }
            }
        }
        self.canonical = self.canonical_paths(csdl);
    }

    /// Each entity type's containment path of fewest segments (then first alphabetically), and
    /// its number of navigations.
    fn canonical_paths(&mut self, csdl: &Csdl) -> BTreeMap<String, (Vec<String>, usize)> {
        let mut canonical = BTreeMap::new();
        let mut queue: BTreeSet<(usize, String, String, usize)> = BTreeSet::new();
        for (name, ty) in &csdl.entity_sets {
            queue.insert((2, format!("/{name}/{}", param(ty)), ty.clone(), 0));
        }
        for (name, ty) in &csdl.singletons {
            queue.insert((1, format!("/{name}"), ty.clone(), 0));
        }
        while let Some((count, path, ty, depth)) = queue.pop_first() {
            if canonical.contains_key(&ty) {
                continue;
            }
            let segments: Vec<String> = path[1..].split('/').map(str::to_owned).collect();
            canonical.insert(ty.clone(), (segments, depth));
            for step in self.steps(csdl, &ty).to_vec() {
                if !step.contains {
                    continue;
                }
                if depth + 1 > self.depth || canonical.contains_key(&step.target) {
                    continue;
                }
                let mut next = path.clone();
                let mut added = 1;
                if let Some(cast) = &step.cast {
                    next.push('/');
                    next.push_str(cast);
                    added += 1;
                }
                next.push('/');
                next.push_str(&step.name);
                if step.collection {
                    next.push('/');
                    next.push_str(&param(&step.target));
                    added += 1;
                }
                queue.insert((count + added, next, step.target.clone(), depth + 1));
            }
        }
        canonical
    }
}

impl Container {
    /// Why `template` is not among the templates of `entity`: the first rule of this module's
    /// that it breaks, walking it through the CSDL (parameter names do not matter).
    pub fn explain(&mut self, csdl: &Csdl, entity: &str, template: &str) -> String {
        self.prepare(csdl);
        let segments: Vec<&str> = template.trim_matches('/').split('/').collect();
        let Some((first, mut rest)) = segments.split_first() else {
            return "it is empty".to_owned();
        };
        let is_param = |s: &str| s.starts_with('{') && s.ends_with('}');
        let mut ty = if let Some((_, ty)) = csdl.entity_sets.iter().find(|(n, _)| n == first) {
            match rest.split_first() {
                Some((key, more)) if is_param(key) => {
                    rest = more;
                    ty.clone()
                }
                _ => return format!("it addresses the entity set `{first}` without a key"),
            }
        } else if let Some((_, ty)) = csdl.singletons.iter().find(|(n, _)| n == first) {
            ty.clone()
        } else {
            return format!("`/{first}` is neither an entity set nor a singleton of the container");
        };
        let mut visited = vec![ty.clone()];
        let mut navigations = 0;
        let mut non_contained = 0;
        let mut prefix: Vec<String> = segments[..segments.len() - rest.len()]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        let mut at_root = true;
        let mut before_cast = ty.clone();
        let mut i = 0;
        while i < rest.len() {
            let segment = rest[i];
            i += 1;
            if segment.contains('.') && csdl.chain(segment).contains(&ty) {
                if self.homed.contains(segment) {
                    return format!(
                        "it casts to `{segment}`, which has paths of its own (casts go only into \
                         types addressed through a base type)"
                    );
                }
                before_cast = ty.clone();
                ty = segment.to_owned();
                prefix.push(segment.to_owned());
                continue;
            }
            let nav = csdl.chain(&ty).iter().find_map(|t| {
                csdl.own_navigations(t)
                    .iter()
                    .find(|n| n.name == segment)
                    .cloned()
            });
            if nav.is_none() {
                if let Some(declaring) = csdl
                    .derived(&ty)
                    .into_iter()
                    .find(|d| csdl.own_navigations(d).iter().any(|n| n.name == segment))
                {
                    return format!(
                        "it omits the cast to `{declaring}`, which declares `{segment}` (on \
                         `{ty}`)"
                    );
                }
            }
            let Some(nav) = nav else {
                return format!("`{segment}` is not a navigation property of `{ty}`");
            };
            navigations += 1;
            let last = if nav.collection {
                match rest.get(i) {
                    Some(key) if is_param(key) => {
                        i += 1;
                    }
                    _ => return format!("it addresses the collection `{segment}` without a key"),
                }
                i == rest.len()
            } else {
                i == rest.len()
            };
            if visited.contains(&nav.target) {
                return format!("it visits `{}` twice (a cycle)", nav.target);
            }
            if !nav.contains {
                non_contained += 1;
                if non_contained > 1 {
                    return format!(
                        "it takes a second non-contained navigation, `{segment}` (one per path)"
                    );
                }
                // Behind a cast, the canonical path is the base's, then the cast.
                let (base_prefix, base) = match prefix.last() {
                    Some(last) if last.contains('.') && !last.starts_with('{') => {
                        (&prefix[..prefix.len() - 1], before_cast.clone())
                    }
                    _ => (&prefix[..], ty.clone()),
                };
                let canonical = self
                    .canonical
                    .get(&base)
                    .map(|(segments, _)| segments.clone());
                if canonical.as_deref() != Some(base_prefix) {
                    return format!(
                        "it follows the non-contained `{segment}` from `/{}`, not from the \
                         canonical path of `{ty}` ({})",
                        prefix.join("/"),
                        canonical.map_or("none".to_owned(), |c| format!("`/{}`", c.join("/")))
                    );
                }
                if nav.collection && !last {
                    return format!("it goes on after the non-contained collection `{segment}`");
                }
                let homed = self.homed.contains(&nav.target);
                if !nav.collection && last && homed {
                    return format!(
                        "it ends with the non-contained single-valued `{segment}`, a reference to \
                         `{}`, which has a path of its own",
                        nav.target
                    );
                }
                if !nav.collection && !last && !at_root && homed {
                    return format!(
                        "it re-roots through the non-contained `{segment}` (to `{}`, which has a \
                         path of its own) from `/{}`, which is not a root's entity",
                        nav.target,
                        prefix.join("/")
                    );
                }
            }
            at_root = false;
            visited.push(nav.target.clone());
            prefix.push(segment.to_owned());
            if nav.collection {
                prefix.push(param(&nav.target));
            }
            ty = nav.target;
        }
        if navigations > self.depth {
            return format!(
                "it takes {navigations} navigations, more than the depth ({})",
                self.depth
            );
        }
        if !csdl.chain(entity).contains(&ty) {
            return format!("it ends at `{ty}`, which `{entity}` is not derived from");
        }
        if ty != entity {
            let through = self.reach(csdl, entity).through;
            if through.as_deref() != Some(ty.as_str()) {
                return format!(
                    "it ends at `{ty}`, but `{entity}` is reached through the paths of {}",
                    through.map_or("no type".to_owned(), |t| format!("`{t}`"))
                );
            }
        }
        "the container produces it".to_owned()
    }
}

/// `{deviceConfigurationId}` for `microsoft.graph.deviceConfiguration`.
fn param(ty: &str) -> String {
    let simple = ty.rsplit('.').next().unwrap_or(ty);
    format!("{{{simple}Id}}")
}

#[cfg(test)]
mod tests {
    //! One test per rule of the module docs, each on a CSDL written for it.

    use super::*;

    /// A CSDL of `microsoft.graph.entity` (the key `id`), the entity types `types` (each
    /// `name[:base] nav nav …`, a nav written `name=target` with `*` for a collection and `+`
    /// for containment, e.g. `parts=*+part`), `extra` schema text, and the container's `roots`
    /// (`widgets=widget` an entity set, `/me=user` a singleton).
    fn csdl(types: &[&str], extra: &str, roots: &[&str]) -> Csdl {
        let mut xml = String::from(
            r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
<Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
<EntityType Name="entity" Abstract="true"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.String" Nullable="false" /></EntityType>
"#,
        );
        for ty in types {
            let mut words = ty.split_whitespace();
            let head = words.next().unwrap();
            let (name, base) = head.split_once(':').unwrap_or((head, "entity"));
            xml.push_str(&format!(
                "<EntityType Name=\"{name}\" BaseType=\"graph.{base}\">"
            ));
            for nav in words {
                let (nav, target) = nav.split_once('=').unwrap();
                let collection = target.contains('*');
                let contains = target.contains('+');
                let target = target.trim_start_matches(['*', '+']);
                let target = if target.contains('.') {
                    target.to_owned()
                } else {
                    format!("graph.{target}")
                };
                let ty = if collection {
                    format!("Collection({target})")
                } else {
                    target
                };
                xml.push_str(&format!(
                    "<NavigationProperty Name=\"{nav}\" Type=\"{ty}\"{} />",
                    if contains {
                        " ContainsTarget=\"true\""
                    } else {
                        ""
                    }
                ));
            }
            xml.push_str("</EntityType>\n");
        }
        xml.push_str("<EntityContainer Name=\"GraphService\">");
        for root in roots {
            let (name, ty) = root.split_once('=').unwrap();
            match name.strip_prefix('/') {
                Some(name) => xml.push_str(&format!(
                    "<Singleton Name=\"{name}\" Type=\"graph.{ty}\" />"
                )),
                None => xml.push_str(&format!(
                    "<EntitySet Name=\"{name}\" EntityType=\"graph.{ty}\" />"
                )),
            }
        }
        xml.push_str("</EntityContainer></Schema>");
        xml.push_str(extra);
        xml.push_str("</edmx:DataServices></edmx:Edmx>");
        Csdl::parse(&xml).unwrap()
    }

    /// The templates of `ty` (a simple name in `microsoft.graph`, or qualified) within `depth`.
    fn templates(csdl: &Csdl, depth: usize, ty: &str) -> Vec<String> {
        let qualified = if ty.contains('.') {
            ty.to_owned()
        } else {
            format!("microsoft.graph.{ty}")
        };
        Container::new(depth).reach(csdl, &qualified).templates
    }

    #[test]
    fn entity_sets_and_singletons_are_the_roots() {
        let csdl = csdl(
            &["widget", "loose"],
            "",
            &["widgets=widget", "/myWidget=widget"],
        );
        assert_eq!(
            templates(&csdl, DEFAULT_DEPTH, "widget"),
            ["/myWidget", "/widgets/{widgetId}"]
        );
        // A type no root reaches has no template.
        assert!(templates(&csdl, DEFAULT_DEPTH, "loose").is_empty());
    }

    #[test]
    fn containment_navigations_are_followed_from_the_roots() {
        let csdl = csdl(
            &[
                "widget parts=*+part settings=+setting",
                "part bolts=*+bolt",
                "bolt",
                "setting",
            ],
            "",
            &["widgets=widget"],
        );
        assert_eq!(
            templates(&csdl, DEFAULT_DEPTH, "part"),
            ["/widgets/{widgetId}/parts/{partId}"]
        );
        assert_eq!(
            templates(&csdl, DEFAULT_DEPTH, "bolt"),
            ["/widgets/{widgetId}/parts/{partId}/bolts/{boltId}"]
        );
        // A single-valued containment takes no key.
        assert_eq!(
            templates(&csdl, DEFAULT_DEPTH, "setting"),
            ["/widgets/{widgetId}/settings"]
        );
    }

    #[test]
    fn the_depth_bounds_the_navigations_after_the_root() {
        let csdl = csdl(
            &["widget parts=*+part", "part bolts=*+bolt", "bolt"],
            "",
            &["widgets=widget"],
        );
        assert!(templates(&csdl, 1, "bolt").is_empty());
        assert_eq!(
            templates(&csdl, 1, "part"),
            ["/widgets/{widgetId}/parts/{partId}"]
        );
        assert_eq!(
            templates(&csdl, 2, "bolt"),
            ["/widgets/{widgetId}/parts/{partId}/bolts/{boltId}"]
        );
        assert!(templates(&csdl, 0, "part").is_empty());
    }

    #[test]
    fn no_entity_type_twice_on_a_path() {
        // A folder holds folders (itself) and files; a file holds a version holding a file.
        let csdl = csdl(
            &[
                "folder folders=*+folder files=*+file",
                "file versions=*+version",
                "version file=+file",
            ],
            "",
            &["folders=folder"],
        );
        assert_eq!(
            templates(&csdl, DEFAULT_DEPTH, "folder"),
            ["/folders/{folderId}"]
        );
        assert_eq!(
            templates(&csdl, DEFAULT_DEPTH, "file"),
            ["/folders/{folderId}/files/{fileId}"]
        );
        assert_eq!(
            templates(&csdl, DEFAULT_DEPTH, "version"),
            ["/folders/{folderId}/files/{fileId}/versions/{versionId}"]
        );
    }

    /// `drive` is not contained in `user`, and has a path of its own (`/drives/{driveId}`).
    fn drives() -> Csdl {
        csdl(
            &[
                "user drive=drive",
                "drive items=*+item",
                "item",
                "widget parts=*+part",
                "part drive=drive",
            ],
            "",
            &["users=user", "/me=user", "drives=drive", "widgets=widget"],
        )
    }

    #[test]
    fn a_single_valued_reference_re_roots_only_from_a_root_and_never_ends_a_path() {
        let csdl = drives();
        // From a root's entity (`/me`), the reference re-roots at `drive`; from a part (one
        // navigation in) it does not.
        assert_eq!(
            templates(&csdl, DEFAULT_DEPTH, "item"),
            [
                "/drives/{driveId}/items/{itemId}",
                "/me/drive/items/{itemId}"
            ]
        );
        // `/me/drive` would be an alias of a drive addressed elsewhere: no path ends with it.
        assert_eq!(
            templates(&csdl, DEFAULT_DEPTH, "drive"),
            ["/drives/{driveId}"]
        );
    }

    #[test]
    fn a_non_contained_navigation_leaves_from_the_canonical_path_only() {
        let csdl = drives();
        // `user`'s canonical path is `/me` (fewest segments), not `/users/{userId}`.
        let mut container = Container::new(DEFAULT_DEPTH);
        let item = container.reach(&csdl, "microsoft.graph.item").templates;
        assert!(
            !item.contains(&"/users/{userId}/drive/items/{itemId}".to_owned()),
            "{item:?}"
        );
        assert!(
            item.contains(&"/me/drive/items/{itemId}".to_owned()),
            "{item:?}"
        );
        assert!(container
            .explain(
                &csdl,
                "microsoft.graph.item",
                "/users/{id}/drive/items/{id}"
            )
            .contains("not from the canonical path"));
    }

    #[test]
    fn a_single_valued_reference_to_a_type_without_paths_ends_one() {
        let csdl = csdl(
            &["widget rootCertificate=certificate", "certificate"],
            "",
            &["widgets=widget"],
        );
        assert_eq!(
            templates(&csdl, DEFAULT_DEPTH, "certificate"),
            ["/widgets/{widgetId}/rootCertificate"]
        );
    }

    #[test]
    fn a_non_contained_collection_ends_a_path() {
        let csdl = csdl(
            &["widget owners=*user", "user things=*+thing", "thing"],
            "",
            &["widgets=widget", "users=user"],
        );
        assert_eq!(
            templates(&csdl, DEFAULT_DEPTH, "user"),
            ["/users/{userId}", "/widgets/{widgetId}/owners/{userId}"]
        );
        // Nothing goes on after it.
        assert_eq!(
            templates(&csdl, DEFAULT_DEPTH, "thing"),
            ["/users/{userId}/things/{thingId}"]
        );
    }

    #[test]
    fn casts_go_only_into_types_reached_through_a_base() {
        let csdl = csdl(
            &[
                "config",
                "specialConfig:config extras=*+extra",
                "extra",
                "directoryObject",
                "user:directoryObject notes=*+note",
                "note",
            ],
            "",
            &[
                "configs=config",
                "directoryObjects=directoryObject",
                "users=user",
            ],
        );
        // `specialConfig` has no path of its own: its navigations follow a cast.
        assert_eq!(
            templates(&csdl, DEFAULT_DEPTH, "extra"),
            ["/configs/{configId}/microsoft.graph.specialConfig/extras/{extraId}"]
        );
        // `user` has paths of its own: no `/directoryObjects/{…}/microsoft.graph.user/notes/…`.
        assert_eq!(
            templates(&csdl, DEFAULT_DEPTH, "note"),
            ["/users/{userId}/notes/{noteId}"]
        );
    }

    #[test]
    fn a_derived_type_gets_its_base_types_paths() {
        let csdl = csdl(
            &[
                "config",
                "specialConfig:config",
                "superConfig:specialConfig",
                "widget special=specialConfig",
                "orphan",
            ],
            "",
            &["configs=config", "widgets=widget"],
        );
        let mut container = Container::new(DEFAULT_DEPTH);
        let reached = container.reach(&csdl, "microsoft.graph.superConfig");
        assert_eq!(reached.through.as_deref(), Some("microsoft.graph.config"));
        // The base's paths, then the references to the types between.
        assert_eq!(
            reached.templates,
            ["/configs/{configId}", "/widgets/{widgetId}/special"]
        );
        // Never through the chain's root, `microsoft.graph.entity`.
        let orphan = container.reach(&csdl, "microsoft.graph.orphan");
        assert_eq!(orphan.through, None);
        assert!(orphan.templates.is_empty());
    }

    #[test]
    fn key_parameters_are_named_after_their_type_and_unique() {
        // Two types named `item`, in two namespaces: the second key is renamed after its
        // segment.
        let csdl = csdl(
            &["item subItems=*+microsoft.graph.other.item"],
            r#"<Schema Namespace="microsoft.graph.other" xmlns="http://docs.oasis-open.org/odata/ns/edm"><EntityType Name="item" BaseType="microsoft.graph.entity" /></Schema>"#,
            &["items=item"],
        );
        assert_eq!(
            templates(&csdl, DEFAULT_DEPTH, "microsoft.graph.other.item"),
            ["/items/{itemId}/subItems/{subItemId}"]
        );
    }

    #[test]
    fn templates_are_ordered_by_segments_then_alphabetically_whatever_the_document_order() {
        let types = ["house widgets=*+widget", "widget"];
        let roots = [
            "houses=house",
            "/myHouse=house",
            "widgets=widget",
            "/aHouse=house",
        ];
        let expected = [
            "/widgets/{widgetId}",
            "/aHouse/widgets/{widgetId}",
            "/myHouse/widgets/{widgetId}",
            "/houses/{houseId}/widgets/{widgetId}",
        ];
        assert_eq!(
            templates(&csdl(&types, "", &roots), DEFAULT_DEPTH, "widget"),
            expected
        );
        let reversed: Vec<&str> = roots.iter().rev().copied().collect();
        let types_reversed: Vec<&str> = types.iter().rev().copied().collect();
        assert_eq!(
            templates(
                &csdl(&types_reversed, "", &reversed),
                DEFAULT_DEPTH,
                "widget"
            ),
            expected
        );
    }
}
