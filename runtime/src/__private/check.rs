//! The checks of a `graph_patch!` or `graph_filter!` call against an entity's metadata, as
//! const fns evaluated at compile time. Each returns `Err` with a message written for the user;
//! a call site's constant panics with it (through [`super::call`] for `graph_patch!`), so that
//! the compiler reports it at the user's token.
//!
//! Const fns cannot allocate, so messages are built in a fixed buffer ([`Message`]).

// The large `Err` lives only in compile-time evaluation; const fns cannot box it.
#![allow(clippy::result_large_err)]

use crate::metadata::Property;
use crate::path::{PathTemplate, Segment};

use super::text::{str_eq, Closest, Message};

/// The index of property `name` in `properties`, if it can be set (`null` = it is set to null).
pub const fn property_index(
    entity: &str,
    properties: &[Property],
    name: &str,
    null: bool,
) -> Result<usize, Message> {
    let Some(i) = find(properties, name) else {
        return Err(no_property(entity, properties, name, "graph_patch!"));
    };
    let property = &properties[i];
    if property.read_only {
        return Err(Message::new()
            .code(name)
            .push(" is read-only in Graph and cannot be patched"));
    }
    if null && !property.nullable {
        return Err(Message::new()
            .code(name)
            .push(" cannot be set to `null`: its field in ")
            .code(entity)
            .push(" is not an `Option`"));
    }
    Ok(i)
}

/// The index of property `name` in `properties` for `graph_filter!`, which may read any
/// property, read-only ones included (`null` = it is compared with `null`).
pub const fn filter_property(
    entity: &str,
    properties: &[Property],
    name: &str,
    null: bool,
) -> Result<usize, Message> {
    let Some(i) = find(properties, name) else {
        return Err(no_property(entity, properties, name, "graph_filter!"));
    };
    if null && !properties[i].nullable {
        return Err(Message::new()
            .code(name)
            .push(" is never `null`: its field in ")
            .code(entity)
            .push(" is not an `Option`"));
    }
    Ok(i)
}

/// The index of the property whose Rust name is `name`.
const fn find(properties: &[Property], name: &str) -> Option<usize> {
    let mut i = 0;
    while i < properties.len() {
        if str_eq(properties[i].name, name) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Why `name` is no property of `entity`, for the macro `by` (`graph_patch!`, `graph_filter!`):
/// a wire name written by mistake points to its Rust name, else the closest name is suggested.
const fn no_property(entity: &str, properties: &[Property], name: &str, by: &str) -> Message {
    let message = Message::new()
        .code(entity)
        .push(" has no property ")
        .code(name);
    let mut i = 0;
    while i < properties.len() {
        if str_eq(properties[i].wire, name) {
            return message
                .push("; ")
                .push(by)
                .push(" takes the Rust field name: ")
                .code(properties[i].name);
        }
        i += 1;
    }
    let mut closest = Closest::to(name);
    let mut i = 0;
    while i < properties.len() {
        closest = closest.offer(properties[i].name);
        i += 1;
    }
    closest.suggest(message).0
}

/// Whether any template of the entity has the parameter `name`.
pub const fn check_param(entity: &str, paths: &[PathTemplate], name: &str) -> Result<(), Message> {
    // No valid template at all: the attribute's own error says why.
    if paths.is_empty() || template_has_any(paths, name) {
        return Ok(());
    }
    let message = Message::new()
        .code(entity)
        .push(" has no path parameter ")
        .code(name);
    let mut closest = Closest::to(name);
    let mut t = 0;
    while t < paths.len() {
        let segments = paths[t].segments;
        let mut s = 0;
        while s < segments.len() {
            if let Segment::Param {
                name: candidate, ..
            } = segments[s]
            {
                closest = closest.offer(candidate);
            }
            s += 1;
        }
        t += 1;
    }
    match closest.suggest(message) {
        (message, true) => Err(message),
        (message, false) => Err(message.push("; its path templates are:").templates(paths)),
    }
}

const fn template_has_any(paths: &[PathTemplate], name: &str) -> bool {
    let mut t = 0;
    while t < paths.len() {
        if has_param(&paths[t], name) {
            return true;
        }
        t += 1;
    }
    false
}

const fn has_param(template: &PathTemplate, name: &str) -> bool {
    let mut s = 0;
    while s < template.segments.len() {
        if let Segment::Param { name: p, .. } = template.segments[s] {
            if str_eq(p, name) {
                return true;
            }
        }
        s += 1;
    }
    false
}

/// Whether every given name is in the template.
const fn covers(template: &PathTemplate, given: &[&str]) -> bool {
    let mut i = 0;
    while i < given.len() {
        if !has_param(template, given[i]) {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether the template's parameters are exactly `given`.
const fn fits_exactly(template: &PathTemplate, given: &[&str]) -> bool {
    covers(template, given) && template.param_count() == given.len()
}

/// "missing path parameter `a`, `b` for `<template>`": the parameters of `template` that
/// `given` lacks.
const fn missing(template: &PathTemplate, given: &[&str]) -> Message {
    let mut message = Message::new().push("missing path parameter ");
    let mut first = true;
    let mut s = 0;
    while s < template.segments.len() {
        if let Segment::Param { name, .. } = template.segments[s] {
            let mut found = false;
            let mut i = 0;
            while i < given.len() {
                if str_eq(given[i], name) {
                    found = true;
                }
                i += 1;
            }
            if !found {
                message = message.push(if first { "" } else { ", " }).code(name);
                first = false;
            }
        }
        s += 1;
    }
    message.push(" for ").code(template.template)
}

/// The template a `graph_patch!` call addresses: the one named with `at "…"`, else the only one
/// whose parameters are exactly `given`.
///
/// When some name in `given` belongs to no template, this returns `Ok(0)` and leaves the error
/// to that name's own [`check_param`], so one mistake is reported once.
pub const fn select_template(
    entity: &str,
    paths: &[PathTemplate],
    given: &[&str],
    at: Option<&str>,
) -> Result<usize, Message> {
    // No valid template at all: the attribute's own error says why.
    if paths.is_empty() {
        return Ok(0);
    }
    let mut i = 0;
    while i < given.len() {
        if !template_has_any(paths, given[i]) {
            return Ok(0);
        }
        i += 1;
    }
    if let Some(at) = at {
        let mut t = 0;
        while t < paths.len() {
            if str_eq(paths[t].template, at) {
                return exact(entity, &paths[t], t, given);
            }
            t += 1;
        }
        return Err(Message::new()
            .code(entity)
            .push(" has no path template ")
            .code(at)
            .push("; its templates are:")
            .templates(paths));
    }
    let mut matched: Option<usize> = None;
    let mut matches = 0;
    let mut supersets: Option<usize> = None;
    let mut superset_count = 0;
    let mut t = 0;
    while t < paths.len() {
        if covers(&paths[t], given) {
            if paths[t].param_count() == given.len() {
                matched = Some(t);
                matches += 1;
            } else {
                supersets = Some(t);
                superset_count += 1;
            }
        }
        t += 1;
    }
    match (matched, matches) {
        (Some(t), 1) => Ok(t),
        (Some(_), _) => {
            let mut message = Message::new()
                .push("these path parameters fit several templates of ")
                .code(entity)
                .push("; choose one with `at \"<template>\"` before the parameters:");
            let mut t = 0;
            while t < paths.len() {
                if fits_exactly(&paths[t], given) {
                    message = message.push("\n  - ").push(paths[t].template);
                }
                t += 1;
            }
            Err(message)
        }
        (None, _) => match (supersets, superset_count) {
            (Some(t), 1) => Err(missing(&paths[t], given)),
            _ if given.is_empty() => Err(Message::new()
                .push("no path parameters given, and every path template of ")
                .code(entity)
                .push(" takes some:")
                .templates(paths)),
            _ => Err(Message::new()
                .push("these path parameters match none of the path templates of ")
                .code(entity)
                .push(":")
                .templates(paths)),
        },
    }
}

/// `given` must be exactly the parameters of `template` (chosen with `at`).
const fn exact(
    entity: &str,
    template: &PathTemplate,
    index: usize,
    given: &[&str],
) -> Result<usize, Message> {
    if fits_exactly(template, given) {
        return Ok(index);
    }
    if covers(template, given) {
        return Err(missing(template, given));
    }
    let mut message = Message::new()
        .push("path parameters given to ")
        .code(entity)
        .push(" that ");
    message = message.code(template.template).push(" does not take:");
    let mut i = 0;
    while i < given.len() {
        if !has_param(template, given[i]) {
            message = message.push(" ").code(given[i]);
        }
        i += 1;
    }
    Err(message)
}

/// For each parameter of the chosen template, in template order, its position in `given`.
/// Out-of-range input (only possible when another check already failed) yields zeros.
pub const fn param_order<const N: usize>(
    paths: &[PathTemplate],
    template: usize,
    given: [&str; N],
) -> [usize; N] {
    let mut order = [0usize; N];
    if template >= paths.len() {
        return order;
    }
    let segments = paths[template].segments;
    let mut position = 0;
    let mut s = 0;
    while s < segments.len() && position < N {
        if let Segment::Param { name, .. } = segments[s] {
            let mut i = 0;
            while i < N {
                if str_eq(given[i], name) {
                    order[position] = i;
                }
                i += 1;
            }
            position += 1;
        }
        s += 1;
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    const PATHS: &[PathTemplate] = &[
        PathTemplate {
            template: "/a/{aId}/b/{bId}",
            segments: &[
                Segment::Literal("a"),
                Segment::Param {
                    wire: "aId",
                    name: "a_id",
                },
                Segment::Literal("b"),
                Segment::Param {
                    wire: "bId",
                    name: "b_id",
                },
            ],
        },
        PathTemplate {
            template: "/c/{cId}/b/{bId}",
            segments: &[
                Segment::Literal("c"),
                Segment::Param {
                    wire: "cId",
                    name: "c_id",
                },
                Segment::Literal("b"),
                Segment::Param {
                    wire: "bId",
                    name: "b_id",
                },
            ],
        },
        PathTemplate {
            template: "/d/{cId}/b/{bId}",
            segments: &[
                Segment::Literal("d"),
                Segment::Param {
                    wire: "cId",
                    name: "c_id",
                },
                Segment::Literal("b"),
                Segment::Param {
                    wire: "bId",
                    name: "b_id",
                },
            ],
        },
    ];

    const PROPS: &[Property] = &[
        Property {
            name: "id",
            wire: "id",
            read_only: true,
            nullable: false,
        },
        Property {
            name: "run_state",
            wire: "runState",
            read_only: false,
            nullable: true,
        },
        Property {
            name: "error_code",
            wire: "errorCode",
            read_only: false,
            nullable: false,
        },
    ];

    fn err<T: std::fmt::Debug>(r: Result<T, Message>) -> String {
        r.expect_err("an error").as_str().to_owned()
    }

    #[test]
    fn properties() {
        assert_eq!(property_index("E", PROPS, "run_state", true).ok(), Some(1));
        assert_eq!(
            property_index("E", PROPS, "error_code", false).ok(),
            Some(2)
        );
        assert_eq!(
            err(property_index("E", PROPS, "id", false)),
            "`id` is read-only in Graph and cannot be patched"
        );
        assert_eq!(
            err(property_index("E", PROPS, "error_code", true)),
            "`error_code` cannot be set to `null`: its field in `E` is not an `Option`"
        );
        assert_eq!(
            err(property_index("E", PROPS, "run_stat", false)),
            "`E` has no property `run_stat`; did you mean `run_state`?"
        );
        assert_eq!(
            err(property_index("E", PROPS, "runState", false)),
            "`E` has no property `runState`; graph_patch! takes the Rust field name: `run_state`"
        );
        assert_eq!(
            err(property_index("E", PROPS, "zzzzzzzz", false)),
            "`E` has no property `zzzzzzzz`"
        );
    }

    #[test]
    fn filter_properties() {
        assert_eq!(filter_property("E", PROPS, "id", false).ok(), Some(0));
        assert_eq!(filter_property("E", PROPS, "run_state", true).ok(), Some(1));
        assert_eq!(
            err(filter_property("E", PROPS, "error_code", true)),
            "`error_code` is never `null`: its field in `E` is not an `Option`"
        );
        assert_eq!(
            err(filter_property("E", PROPS, "errorCode", false)),
            "`E` has no property `errorCode`; graph_filter! takes the Rust field name: `error_code`"
        );
        assert_eq!(
            err(filter_property("E", PROPS, "run_stat", false)),
            "`E` has no property `run_stat`; did you mean `run_state`?"
        );
    }

    #[test]
    fn templates() {
        assert_eq!(
            select_template("E", PATHS, &["b_id", "a_id"], None).ok(),
            Some(0)
        );
        assert_eq!(
            select_template("E", PATHS, &["b_id", "c_id"], Some("/d/{cId}/b/{bId}")).ok(),
            Some(2)
        );
        assert!(err(select_template("E", PATHS, &["b_id", "c_id"], None))
            .contains("fit several templates"));
        assert_eq!(
            err(select_template("E", PATHS, &["a_id"], None)),
            "missing path parameter `b_id` for `/a/{aId}/b/{bId}`"
        );
        assert!(err(select_template("E", PATHS, &["a_id", "c_id"], None)).contains("match none"));
        assert!(err(select_template("E", PATHS, &[], None))
            .starts_with("no path parameters given, and every path template of `E` takes some:"));
        assert_eq!(select_template("E", PATHS, &["nope"], None).ok(), Some(0));
        assert!(
            err(select_template("E", PATHS, &["a_id", "b_id"], Some("/x")))
                .contains("has no path template `/x`")
        );
        assert_eq!(
            err(check_param("E", PATHS, "a_ib")),
            "`E` has no path parameter `a_ib`; did you mean `a_id`?"
        );
        assert_eq!(param_order(PATHS, 0, ["b_id", "a_id"]), [1, 0]);
    }
}
