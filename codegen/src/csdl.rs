//! The Graph CSDL (`$metadata`): what the pages leave out — enum members and flags, complex
//! types' properties, base and derived types — and, for the CSDL-first form, entity types (key,
//! structural and navigation properties), descriptions, and the entity container's entity sets
//! and singletons.

use std::collections::HashMap;

use crate::types::{Origin, Prim, Property, TypeDef, TypeRef};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Enum,
    Complex,
    Entity,
}

/// A navigation property of an entity type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nav {
    /// Its name (the path segment).
    pub name: String,
    /// The qualified name of the entity type it leads to.
    pub target: String,
    /// Whether it holds many entities (each then addressed by its key).
    pub collection: bool,
    /// `ContainsTarget="true"`: the entities live under it.
    pub contains: bool,
}

#[derive(Debug)]
struct Raw {
    kind: Kind,
    base: Option<String>,
    /// `(name, type as written)`.
    properties: Vec<(String, String)>,
    navigations: Vec<Nav>,
    /// The key's property names, if the type declares its key.
    key: Vec<String>,
    members: Vec<String>,
    flags: bool,
    /// Position in the document, for a stable order of derived types.
    order: usize,
}

/// A loaded CSDL document.
#[derive(Debug, Default)]
pub struct Csdl {
    types: HashMap<String, Raw>,
    /// `Core.V1.Description` by target: `ns.type` or `ns.type/property`.
    descriptions: HashMap<String, String>,
    /// The entity container's entity sets, `(name, entity type)`, in document order.
    pub entity_sets: Vec<(String, String)>,
    /// The entity container's singletons, `(name, entity type)`, in document order.
    pub singletons: Vec<(String, String)>,
    /// Whether [`Csdl::def`] fills in descriptions (the CSDL-first form; the page-driven form
    /// takes them from the pages, as it always did).
    pub with_descriptions: bool,
    by_simple: HashMap<String, Vec<String>>,
    children: HashMap<String, Vec<String>>,
    aliases: Vec<(String, String)>,
}

impl Csdl {
    /// Reads a CSDL document.
    pub fn parse(text: &str) -> Result<Csdl, String> {
        // Today's v1.0 file starts with a byte-order mark, which XML readers may refuse.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let doc = roxmltree::Document::parse_with_options(
            text,
            roxmltree::ParsingOptions {
                allow_dtd: false,
                ..Default::default()
            },
        )
        .map_err(|e| e.to_string())?;
        let mut csdl = Csdl::default();
        let schemas: Vec<roxmltree::Node> = doc
            .descendants()
            .filter(|n| n.has_tag_name("Schema"))
            .collect();
        for schema in &schemas {
            if let (Some(ns), Some(alias)) =
                (schema.attribute("Namespace"), schema.attribute("Alias"))
            {
                csdl.aliases.push((alias.to_owned(), ns.to_owned()));
            }
        }
        let mut order = 0;
        for schema in &schemas {
            let Some(ns) = schema.attribute("Namespace") else {
                continue;
            };
            for node in schema.children().filter(roxmltree::Node::is_element) {
                match node.tag_name().name() {
                    "Annotations" => {
                        if let (Some(target), Some(text)) =
                            (node.attribute("Target"), description(&node))
                        {
                            let target = csdl.qualify(target);
                            csdl.descriptions.entry(target).or_insert(text);
                        }
                        continue;
                    }
                    "EntityContainer" => {
                        for child in node.children().filter(roxmltree::Node::is_element) {
                            let (Some(name), Some(ty)) = (
                                child.attribute("Name"),
                                child
                                    .attribute("EntityType")
                                    .or_else(|| child.attribute("Type")),
                            ) else {
                                continue;
                            };
                            let entry = (name.to_owned(), csdl.qualify(ty));
                            match child.tag_name().name() {
                                "EntitySet" => csdl.entity_sets.push(entry),
                                "Singleton" => csdl.singletons.push(entry),
                                _ => {}
                            }
                        }
                        continue;
                    }
                    _ => {}
                }
                let kind = match node.tag_name().name() {
                    "EnumType" => Kind::Enum,
                    "ComplexType" => Kind::Complex,
                    "EntityType" => Kind::Entity,
                    _ => continue,
                };
                let Some(name) = node.attribute("Name") else {
                    continue;
                };
                let qualified = format!("{ns}.{name}");
                let base = node.attribute("BaseType").map(|b| csdl.qualify(b));
                let properties = node
                    .children()
                    .filter(|c| c.has_tag_name("Property"))
                    .filter_map(|c| {
                        Some((
                            c.attribute("Name")?.to_owned(),
                            c.attribute("Type")?.to_owned(),
                        ))
                    })
                    .collect();
                if let Some(text) = description(&node) {
                    csdl.descriptions.entry(qualified.clone()).or_insert(text);
                }
                for property in node
                    .children()
                    .filter(|c| c.has_tag_name("Property") || c.has_tag_name("NavigationProperty"))
                {
                    if let (Some(name), Some(text)) =
                        (property.attribute("Name"), description(&property))
                    {
                        csdl.descriptions
                            .entry(format!("{qualified}/{name}"))
                            .or_insert(text);
                    }
                }
                let navigations = node
                    .children()
                    .filter(|c| c.has_tag_name("NavigationProperty"))
                    .filter_map(|c| {
                        let written = c.attribute("Type")?;
                        let (inner, collection) = match written
                            .strip_prefix("Collection(")
                            .and_then(|w| w.strip_suffix(')'))
                        {
                            Some(inner) => (inner, true),
                            None => (written, false),
                        };
                        Some(Nav {
                            name: c.attribute("Name")?.to_owned(),
                            target: csdl.qualify(inner),
                            collection,
                            contains: c.attribute("ContainsTarget") == Some("true"),
                        })
                    })
                    .collect();
                let key = node
                    .children()
                    .filter(|c| c.has_tag_name("Key"))
                    .flat_map(|k| k.children().filter(|c| c.has_tag_name("PropertyRef")))
                    .filter_map(|r| r.attribute("Name").map(str::to_owned))
                    .collect();
                let members = node
                    .children()
                    .filter(|c| c.has_tag_name("Member"))
                    .filter_map(|c| c.attribute("Name").map(str::to_owned))
                    .collect();
                let flags = node.attribute("IsFlags") == Some("true");
                if let Some(base) = &base {
                    csdl.children
                        .entry(base.clone())
                        .or_default()
                        .push(qualified.clone());
                }
                csdl.by_simple
                    .entry(name.to_owned())
                    .or_default()
                    .push(qualified.clone());
                csdl.types.insert(
                    qualified,
                    Raw {
                        kind,
                        base,
                        properties,
                        navigations,
                        key,
                        members,
                        flags,
                        order,
                    },
                );
                order += 1;
            }
        }
        Ok(csdl)
    }

    /// The `Core.V1.Description` of `target` (`ns.type` or `ns.type/property`), if the file has
    /// one.
    pub fn description(&self, target: &str) -> Option<&str> {
        self.descriptions.get(target).map(String::as_str)
    }

    /// Whether `qualified` is an entity type.
    pub fn is_entity(&self, qualified: &str) -> bool {
        self.types
            .get(qualified)
            .is_some_and(|r| r.kind == Kind::Entity)
    }

    /// Whether `qualified` is an enum or complex type (a property of that type is set by a
    /// PATCH; one of an entity type is a navigation).
    pub fn is_value_type(&self, qualified: &str) -> bool {
        self.types
            .get(qualified)
            .is_some_and(|r| r.kind != Kind::Entity)
    }

    /// Every entity type, in document order.
    pub fn entity_types(&self) -> Vec<String> {
        let mut out: Vec<(&usize, &String)> = self
            .types
            .iter()
            .filter(|(_, r)| r.kind == Kind::Entity)
            .map(|(q, r)| (&r.order, q))
            .collect();
        out.sort();
        out.into_iter().map(|(_, q)| q.clone()).collect()
    }

    /// `qualified` and its base types, itself first; a cycle or a missing base ends the chain.
    pub fn chain(&self, qualified: &str) -> Vec<String> {
        let mut chain = Vec::new();
        let mut next = Some(qualified.to_owned());
        while let Some(name) = next {
            if chain.contains(&name) {
                break;
            }
            let Some(raw) = self.types.get(&name) else {
                break;
            };
            next = raw.base.clone();
            chain.push(name);
        }
        chain
    }

    /// The navigation properties `qualified` itself declares (not those it inherits).
    pub fn own_navigations(&self, qualified: &str) -> &[Nav] {
        self.types
            .get(qualified)
            .map_or(&[], |r| r.navigations.as_slice())
    }

    /// The key of an entity type (declared on it or inherited), and its structural properties,
    /// inherited ones first: `(name, type or why it is left out, description)`.
    pub fn entity_properties(&self, qualified: &str) -> Option<(Vec<String>, Vec<Property>)> {
        if !self.is_entity(qualified) {
            return None;
        }
        let chain = self.chain(qualified);
        let key = chain
            .iter()
            .filter_map(|q| self.types.get(q))
            .map(|r| &r.key)
            .find(|k| !k.is_empty())
            .cloned()
            .unwrap_or_default();
        let mut properties: Vec<Property> = Vec::new();
        for q in chain.iter().rev() {
            for (name, ty) in &self.types[q].properties {
                if properties.iter().any(|p| p.name == *name) {
                    continue;
                }
                properties.push(Property {
                    name: name.clone(),
                    ty: self.type_ref(ty),
                    description: self.property_description(&chain, name),
                    from_page: false,
                });
            }
        }
        Some((key, properties))
    }

    /// The description of property `name` on the first type of `chain` that has one.
    fn property_description(&self, chain: &[String], name: &str) -> Option<String> {
        chain
            .iter()
            .find_map(|q| self.description(&format!("{q}/{name}")))
            .map(str::to_owned)
    }

    /// `graph.x` → `microsoft.graph.x`.
    fn qualify(&self, name: &str) -> String {
        for (alias, ns) in &self.aliases {
            if let Some(rest) = name
                .strip_prefix(alias.as_str())
                .and_then(|r| r.strip_prefix('.'))
            {
                return format!("{ns}.{rest}");
            }
        }
        name.to_owned()
    }

    /// The qualified name of the type a page calls `simple`: `microsoft.graph.{simple}` first,
    /// else the only type of that name in any namespace.
    pub fn resolve_simple(&self, simple: &str) -> Option<String> {
        let candidates = self.by_simple.get(simple)?;
        let main = format!("microsoft.graph.{simple}");
        if candidates.contains(&main) {
            return Some(main);
        }
        match candidates.as_slice() {
            [only] => Some(only.clone()),
            _ => None,
        }
    }

    /// The definition of `qualified`, inherited properties and derived types included.
    pub fn def(&self, qualified: &str) -> Option<TypeDef> {
        let raw = self.types.get(qualified)?;
        Some(match raw.kind {
            Kind::Entity => TypeDef::Entity,
            Kind::Enum => TypeDef::Enum {
                members: raw
                    .members
                    .iter()
                    .map(|m| {
                        let described = self.with_descriptions.then(|| {
                            self.description(&format!("{qualified}/{m}"))
                                .map(str::to_owned)
                        });
                        (m.clone(), described.flatten())
                    })
                    .collect(),
                flags: raw.flags,
                origin: Origin::Csdl,
                description: self.own_description(qualified),
            },
            Kind::Complex => {
                // The base chain, root first; a cycle or a missing base ends it.
                let mut chain = vec![raw];
                let mut seen = vec![qualified.to_owned()];
                let mut base = raw.base.clone();
                while let Some(name) = base {
                    if seen.contains(&name) {
                        break;
                    }
                    let Some(parent) = self.types.get(&name) else {
                        break;
                    };
                    chain.push(parent);
                    seen.push(name);
                    base = parent.base.clone();
                }
                let mut properties: Vec<Property> = Vec::new();
                for r in chain.iter().rev() {
                    for (name, ty) in &r.properties {
                        if properties.iter().any(|p| p.name == *name) {
                            continue;
                        }
                        let description = if self.with_descriptions {
                            self.property_description(&seen, name)
                        } else {
                            None
                        };
                        properties.push(Property {
                            name: name.clone(),
                            ty: self.type_ref(ty),
                            description,
                            from_page: false,
                        });
                    }
                }
                TypeDef::Complex {
                    properties,
                    base: raw.base.clone(),
                    derived: self.derived(qualified),
                    origin: Origin::Csdl,
                    description: self.own_description(qualified),
                }
            }
        })
    }

    /// The type's description, when descriptions are asked for.
    fn own_description(&self, qualified: &str) -> Option<String> {
        if self.with_descriptions {
            self.description(qualified).map(str::to_owned)
        } else {
            None
        }
    }

    /// Every type derived from `qualified`, transitively, in document order.
    pub fn derived(&self, qualified: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut stack = vec![qualified.to_owned()];
        while let Some(name) = stack.pop() {
            for child in self.children.get(&name).into_iter().flatten() {
                if child != qualified && !out.contains(child) {
                    out.push(child.clone());
                    stack.push(child.clone());
                }
            }
        }
        out.sort_by_key(|n| self.types.get(n).map_or(usize::MAX, |r| r.order));
        out
    }

    /// `Collection(graph.x)` → a collection of `microsoft.graph.x`; an entity type or an
    /// unsupported Edm type is the reason the property is left out.
    fn type_ref(&self, written: &str) -> Result<TypeRef, String> {
        if let Some(inner) = written
            .strip_prefix("Collection(")
            .and_then(|w| w.strip_suffix(')'))
        {
            return self
                .type_ref(inner)
                .map(|t| TypeRef::Collection(Box::new(t)));
        }
        if written.starts_with("Edm.") {
            return Prim::parse(written)
                .filter(|p| *p != Prim::DateTime)
                .map(TypeRef::Prim)
                .ok_or_else(|| format!("`{written}` has no graphpatch type"));
        }
        let qualified = self.qualify(written);
        match self.types.get(&qualified).map(|r| r.kind) {
            Some(Kind::Entity) => Err(format!(
                "a navigation to the entity type `{qualified}`, which a PATCH does not set"
            )),
            Some(_) => Ok(TypeRef::Named(qualified)),
            None => Err(format!("`{written}` is not defined in the CSDL")),
        }
    }
}

/// The `Core.V1.Description` annotation directly inside `node`.
fn description(node: &roxmltree::Node) -> Option<String> {
    node.children()
        .filter(|c| c.has_tag_name("Annotation"))
        .find(|c| {
            c.attribute("Term")
                .is_some_and(|t| t.ends_with("Core.V1.Description"))
        })
        .and_then(|c| c.attribute("String"))
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSDL: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EnumType Name="keyUsages" IsFlags="true">
        <Member Name="keyEncipherment" Value="1" />
        <Member Name="digitalSignature" Value="2" />
      </EnumType>
      <ComplexType Name="target" Abstract="true">
        <Property Name="filterId" Type="Edm.String" />
      </ComplexType>
      <ComplexType Name="groupTarget" BaseType="graph.target">
        <Property Name="groupId" Type="Edm.String" />
      </ComplexType>
      <ComplexType Name="exclusionGroupTarget" BaseType="graph.groupTarget" />
      <ComplexType Name="allTarget" BaseType="graph.target">
        <Property Name="usages" Type="Collection(graph.keyUsages)" />
        <Property Name="owner" Type="graph.user" />
        <Property Name="where" Type="Edm.GeographyPoint" />
      </ComplexType>
      <EntityType Name="user" BaseType="graph.entity" />
    </Schema>
    <Schema Namespace="microsoft.graph.other" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EnumType Name="elsewhere"><Member Name="a" Value="0" /></EnumType>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>"#;

    #[test]
    fn reads_types() {
        let csdl = Csdl::parse(CSDL).unwrap();
        assert_eq!(
            csdl.resolve_simple("keyUsages").as_deref(),
            Some("microsoft.graph.keyUsages")
        );
        assert_eq!(
            csdl.resolve_simple("elsewhere").as_deref(),
            Some("microsoft.graph.other.elsewhere")
        );
        assert!(matches!(
            csdl.def("microsoft.graph.keyUsages"),
            Some(TypeDef::Enum { flags: true, ref members, .. }) if members.len() == 2
        ));
        let Some(TypeDef::Complex {
            properties,
            derived,
            ..
        }) = csdl.def("microsoft.graph.target")
        else {
            panic!()
        };
        assert_eq!(properties.len(), 1);
        assert_eq!(
            derived,
            [
                "microsoft.graph.groupTarget",
                "microsoft.graph.exclusionGroupTarget",
                "microsoft.graph.allTarget"
            ]
        );
        let Some(TypeDef::Complex { properties, .. }) =
            csdl.def("microsoft.graph.exclusionGroupTarget")
        else {
            panic!()
        };
        let names: Vec<&str> = properties.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["filterId", "groupId"]);
        let Some(TypeDef::Complex { properties, .. }) = csdl.def("microsoft.graph.allTarget")
        else {
            panic!()
        };
        assert_eq!(
            properties[1].ty,
            Ok(TypeRef::Collection(Box::new(TypeRef::Named(
                "microsoft.graph.keyUsages".into()
            ))))
        );
        assert!(properties[2]
            .ty
            .as_ref()
            .unwrap_err()
            .contains("navigation"));
        assert!(properties[3]
            .ty
            .as_ref()
            .unwrap_err()
            .contains("no graphpatch type"));
        assert_eq!(csdl.def("microsoft.graph.user"), Some(TypeDef::Entity));
    }
}
