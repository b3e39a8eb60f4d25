//! The Graph CSDL (`$metadata`): what the pages leave out — enum members and flags, complex
//! types' properties, base and derived types.

use std::collections::HashMap;

use crate::types::{Origin, Prim, Property, TypeDef, TypeRef};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Enum,
    Complex,
    Entity,
}

#[derive(Debug)]
struct Raw {
    kind: Kind,
    base: Option<String>,
    /// `(name, type as written, resolved)`.
    properties: Vec<(String, String)>,
    members: Vec<String>,
    flags: bool,
    /// Position in the document, for a stable order of derived types.
    order: usize,
}

/// A loaded CSDL document.
#[derive(Debug, Default)]
pub struct Csdl {
    types: HashMap<String, Raw>,
    by_simple: HashMap<String, Vec<String>>,
    children: HashMap<String, Vec<String>>,
    aliases: Vec<(String, String)>,
}

impl Csdl {
    /// Reads a CSDL document.
    pub fn parse(text: &str) -> Result<Csdl, String> {
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
                members: raw.members.iter().map(|m| (m.clone(), None)).collect(),
                flags: raw.flags,
                origin: Origin::Csdl,
                description: None,
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
                        properties.push(Property {
                            name: name.clone(),
                            ty: self.type_ref(ty),
                            description: None,
                            from_page: false,
                        });
                    }
                }
                TypeDef::Complex {
                    properties,
                    base: raw.base.clone(),
                    derived: self.derived(qualified),
                    origin: Origin::Csdl,
                    description: None,
                }
            }
        })
    }

    /// Every type derived from `qualified`, transitively, in document order.
    fn derived(&self, qualified: &str) -> Vec<String> {
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
