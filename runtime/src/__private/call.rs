//! What the constants of a `graph_patch!` call site evaluate: one call each, whose cheap path
//! compares the keys the macro computed for the names it was given
//! ([`graphpatch_naming::name_key`]) with the keys `#[graph_entity]` wrote
//! ([`PatchNames`]), and which on a mismatch runs the full check of [`super::check`] and
//! panics with its message.
//!
//! The entry points are `#[track_caller]`: the compiler reports a panic in them at the call
//! expression in the call site's constant, which the macro spans on the user's token, with no
//! trace into this module. The cheap path builds no message: returning one (a 4 KiB buffer)
//! costs the const evaluator far more than the lookup, and most call sites make no mistake.

use crate::metadata::GraphEntity;

use super::check::{check_param, param_order, property_index, select_template};
use super::text::str_eq;
use super::PatchNames;

/// What a lookup may assume of `P`'s tables, checked once per entity rather than at every
/// call site: `Some(mask)` when `TABLE`'s length is a power of two (`mask` that length less
/// one), every slot names a property of `KEYS`, and `KEYS` and `PARAMS` have one entry per
/// property and per template. `None` sends every lookup to the full checks.
pub(super) const fn table_mask<P: PatchNames>() -> Option<usize> {
    let (table, keys) = (P::TABLE, P::KEYS);
    let len = table.len();
    if !len.is_power_of_two()
        || keys.len() != <P::Entity as GraphEntity>::PROPERTIES.len()
        || P::PARAMS.len() != <P::Entity as GraphEntity>::PATHS.len()
    {
        return None;
    }
    let mut slot = 0;
    while slot < len {
        if table[slot] as usize > keys.len() {
            return None;
        }
        slot += 1;
    }
    Some(len - 1)
}

// The lookups below are what every call site's constants evaluate, so they are written for the
// const evaluator, for which each function call (`len()` included) is a frame to set up: they
// index tables whose shape `table_mask` checked and walk slices with slice patterns.

/// Property number `i` of `P`'s entity, when `key` is its name's key and it can be set (to
/// `null` when `null`): one slot or two of `PatchNames::TABLE`, whatever the number of
/// properties. `None` for anything else, a table that does not fit included, which sends the
/// caller to the full check.
const fn find_property<P: PatchNames>(key: u128, null: bool) -> Option<usize> {
    let Some(mask) = P::MASK else {
        return None;
    };
    let table = P::TABLE;
    let mut slot = key as usize & mask;
    let mut probes = 0;
    while probes <= mask && table[slot] != 0 {
        let i = table[slot] as usize - 1;
        if P::KEYS[i] == key {
            let property = &<P::Entity as GraphEntity>::PROPERTIES[i];
            if property.read_only || (null && !property.nullable) {
                return None;
            }
            return Some(i);
        }
        slot = (slot + 1) & mask;
        probes += 1;
    }
    None
}

/// The template a call with parameter keys `keys` addresses, and for each of its parameters in
/// template order the position of its value in the call: the template named `at` if `keys` are
/// exactly its parameters, else the only template whose parameters are exactly `keys`. `None`
/// for anything else, which sends the caller to the full check.
const fn find_route<P: PatchNames, const N: usize>(
    keys: &[u128; N],
    at: Option<&str>,
) -> Option<(usize, [usize; N])> {
    if P::MASK.is_none() {
        return None;
    }
    let mut templates = P::PARAMS;
    let mut found = None;
    let mut t = 0;
    while let [params, rest @ ..] = templates {
        match at {
            Some(at) if str_eq(<P::Entity as GraphEntity>::PATHS[t].template, at) => {
                return match fit(params, keys) {
                    Some(order) => Some((t, order)),
                    None => None,
                };
            }
            Some(_) => {}
            None => {
                if let Some(order) = fit(params, keys) {
                    if found.is_some() {
                        return None;
                    }
                    found = Some((t, order));
                }
            }
        }
        templates = rest;
        t += 1;
    }
    // With `at`, nothing was found: its template either returned or does not exist.
    found
}

/// When a template's parameter keys (`params`, in template order, all different) are exactly
/// `keys` (all different: the macro refuses a parameter given twice), where each one is in
/// `keys`.
const fn fit<const N: usize>(params: &[u128], keys: &[u128; N]) -> Option<[usize; N]> {
    let mut order = [0; N];
    let mut params = params;
    let mut p = 0;
    while let [param, rest @ ..] = params {
        if p == N {
            return None;
        }
        let mut g = 0;
        while keys[g] != *param {
            g += 1;
            if g == N {
                return None;
            }
        }
        order[p] = g;
        params = rest;
        p += 1;
    }
    if p == N {
        Some(order)
    } else {
        None
    }
}

/// Whether some template of `P`'s entity has a parameter whose key is `key`.
const fn has_param_key<P: PatchNames>(key: u128) -> bool {
    let mut templates = P::PARAMS;
    while let [params, rest @ ..] = templates {
        let mut params = *params;
        while let [param, others @ ..] = params {
            if *param == key {
                return true;
            }
            params = others;
        }
        templates = rest;
    }
    false
}

/// The index in `GraphEntity::PROPERTIES` of property `name` (its key `key`), which a call
/// site sets (to `null` when `null`); else a compile-time panic with
/// `property_index`'s message.
#[track_caller]
pub const fn patch_property<P: PatchNames>(key: u128, name: &str, null: bool) -> usize {
    if let Some(index) = find_property::<P>(key, null) {
        return index;
    }
    let entity = <P::Entity as GraphEntity>::NAME;
    match property_index(entity, <P::Entity as GraphEntity>::PROPERTIES, name, null) {
        Ok(index) => index,
        Err(message) => panic!("{}", message.as_str()),
    }
}

/// The template a right call addresses, and for each of its parameters in template order the
/// position of its value in the call: what `patch_request` computes when it builds the request.
/// The call's constants have checked, when it compiled, that the parameters `given` (their keys
/// `keys`) and `at` address exactly one template, so the keys find it; the names find it too,
/// the slow way, should a key ever differ.
pub(crate) const fn patch_route<P: PatchNames, const N: usize>(
    keys: &[u128; N],
    given: &[&str; N],
    at: Option<&str>,
) -> (usize, [usize; N]) {
    if let Some(route) = find_route::<P, N>(keys, at) {
        return route;
    }
    let paths = <P::Entity as GraphEntity>::PATHS;
    let template = match select_template(<P::Entity as GraphEntity>::NAME, paths, given, at) {
        Ok(template) => template,
        Err(_) => 0,
    };
    (template, param_order(paths, template, *given))
}

/// Nothing when the parameters `given` (their keys `keys`) and `at` address one template of
/// `P`'s entity; else a compile-time panic with `select_template`'s message (which leaves a
/// parameter no template has to `patch_param`).
#[track_caller]
pub const fn patch_template<P: PatchNames, const N: usize>(
    keys: [u128; N],
    given: [&str; N],
    at: Option<&str>,
) {
    if find_route::<P, N>(&keys, at).is_some() {
        return;
    }
    let entity = <P::Entity as GraphEntity>::NAME;
    if let Err(message) = select_template(entity, <P::Entity as GraphEntity>::PATHS, &given, at) {
        panic!("{}", message.as_str());
    }
}

/// Nothing when some template of `P`'s entity has the path parameter `name` (its key `key`);
/// else a compile-time panic with `check_param`'s message.
#[track_caller]
pub const fn patch_param<P: PatchNames>(key: u128, name: &str) {
    if has_param_key::<P>(key) {
        return;
    }
    let entity = <P::Entity as GraphEntity>::NAME;
    if let Err(message) = check_param(entity, <P::Entity as GraphEntity>::PATHS, name) {
        panic!("{}", message.as_str());
    }
}

#[cfg(test)]
mod tests {
    use graphpatch_naming::name_key;

    use super::super::check::{check_param, param_order, property_index, select_template};
    use super::*;
    use crate::prelude::*;

    #[graph_entity(
        odata_type = "microsoft.graph.thing",
        version = "beta",
        path = "/a/{aId}/b/{bId}",
        path = "/c/{cId}/b/{bId}",
        path = "/d/{cId}/b/{bId}",
        permissions = unknown
    )]
    #[derive(Debug, Clone, PartialEq)]
    struct Thing {
        #[graph(read_only)]
        id: String,
        run_state: Option<String>,
        error_code: i32,
    }

    type P = <Thing as GraphEntity>::Patch;

    const NAMES: [&str; 7] = [
        "id",
        "run_state",
        "error_code",
        "run_stat",
        "runState",
        "zzzzzzzz",
        "",
    ];

    #[test]
    fn the_keys_find_what_the_full_check_accepts_and_nothing_else() {
        for name in NAMES {
            for null in [false, true] {
                assert_eq!(
                    find_property::<P>(name_key(name), null),
                    property_index(Thing::NAME, Thing::PROPERTIES, name, null).ok(),
                    "{name} {null}"
                );
            }
        }
        let given: [&[&str]; 6] = [
            &["b_id", "a_id"],
            &["a_id", "b_id"],
            &["b_id", "c_id"],
            &["a_id"],
            &["nope", "b_id"],
            &[],
        ];
        for given in given {
            for at in [
                None,
                Some("/d/{cId}/b/{bId}"),
                Some("/a/{aId}/b/{bId}"),
                Some("/x"),
            ] {
                let route = match *given {
                    [a, b] => found::<2>([a, b], at),
                    [a] => found::<1>([a], at),
                    [] => found::<0>([], at),
                    _ => unreachable!(),
                };
                let full = select_template(Thing::NAME, Thing::PATHS, given, at).ok();
                let known = given
                    .iter()
                    .all(|g| check_param(Thing::NAME, Thing::PATHS, g).is_ok());
                // Found by the keys exactly when the full checks pass.
                assert_eq!(route.is_some(), known && full.is_some(), "{given:?} {at:?}");
                if let Some(template) = route {
                    assert_eq!(Some(template), full, "{given:?} {at:?}");
                }
            }
        }
    }

    /// The template `find_route` finds, after checking its order against `param_order` and the
    /// route a request is built with.
    fn found<const N: usize>(given: [&str; N], at: Option<&str>) -> Option<usize> {
        let route = find_route::<P, N>(&given.map(name_key), at)?;
        assert_eq!(route.1, param_order(Thing::PATHS, route.0, given));
        assert_eq!(patch_route::<P, N>(&given.map(name_key), &given, at), route);
        Some(route.0)
    }

    #[test]
    fn a_route_the_keys_do_not_find_is_found_by_the_names() {
        // A key that differs from its name's (as a collision would make it) still routes by
        // name, as the compile-time check did.
        let given = ["b_id", "c_id"];
        let keys = [name_key("b_id"), name_key("c_id") ^ 1];
        let at = Some("/d/{cId}/b/{bId}");
        assert_eq!(find_route::<P, 2>(&keys, at), None);
        assert_eq!(patch_route::<P, 2>(&keys, &given, at), (2, [1, 0]));
        assert_eq!(
            patch_route::<P, 2>(&keys, &given, Some("/c/{cId}/b/{bId}")),
            (1, [1, 0])
        );
    }

    #[test]
    fn the_tables_of_a_generated_entity_fit() {
        assert_eq!(table_mask::<P>(), Some(<P as PatchNames>::TABLE.len() - 1));
        assert_eq!(<P as PatchNames>::MASK, table_mask::<P>());
    }

    #[test]
    fn parameter_keys_are_found_in_any_template() {
        for name in ["a_id", "b_id", "c_id", "d_id", "aId", ""] {
            assert_eq!(
                has_param_key::<P>(name_key(name)),
                check_param(Thing::NAME, Thing::PATHS, name).is_ok(),
                "{name}"
            );
        }
    }

    #[test]
    fn the_checks_pass_silently_on_a_right_call() {
        assert_eq!(
            patch_property::<P>(name_key("run_state"), "run_state", true),
            1
        );
        patch_param::<P>(name_key("c_id"), "c_id");
        let given = ["c_id", "b_id"];
        patch_template::<P, 2>(given.map(name_key), given, Some("/c/{cId}/b/{bId}"));
    }

    #[test]
    #[should_panic(expected = "`Thing` has no property `run_stat`; did you mean `run_state`?")]
    fn a_wrong_property_panics_with_the_full_checks_message() {
        patch_property::<P>(name_key("run_stat"), "run_stat", false);
    }

    #[test]
    #[should_panic(expected = "these path parameters fit several templates of `Thing`")]
    fn an_ambiguous_call_panics_with_the_full_checks_message() {
        let given = ["c_id", "b_id"];
        patch_template::<P, 2>(given.map(name_key), given, None);
    }
}
