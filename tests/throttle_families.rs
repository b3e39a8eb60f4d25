//! The runtime's table of Intune throttling families against the published facts vendored in
//! `tests/fixtures/graph-metadata/intune-throttling.json`: the same families in the same order,
//! with the same limits and window, and every listed resource in its family (a resource the
//! page lists twice belongs to the first family, which must carry the same limits).

use std::time::Duration;

use graphpatch::throttle::{families, ThrottleFamily};
use serde::Deserialize;

#[derive(Deserialize)]
struct Published {
    families: Vec<Family>,
}

#[derive(Deserialize)]
struct Family {
    name: String,
    writes_per_app_per_tenant: u32,
    writes_per_tenant: u32,
    any_per_app_per_tenant: u32,
    any_per_tenant: u32,
    window_seconds: u64,
    resources: Vec<String>,
}

fn published() -> Published {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/graph-metadata/intune-throttling.json"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|err| panic!("{path}: {err}"));
    serde_json::from_str(&text).expect("the throttling facts parse")
}

#[test]
fn the_table_is_the_published_one() {
    let published = published();
    let names: Vec<&str> = published.families.iter().map(|f| f.name.as_str()).collect();
    let ours: Vec<&str> = families::ALL.iter().map(|f| f.name).collect();
    assert_eq!(ours, names);
    for (family, facts) in families::ALL.iter().zip(&published.families) {
        let expected = ThrottleFamily {
            name: family.name,
            writes_per_app_per_tenant: facts.writes_per_app_per_tenant,
            writes_per_tenant: facts.writes_per_tenant,
            any_per_app_per_tenant: facts.any_per_app_per_tenant,
            any_per_tenant: facts.any_per_tenant,
            window: Duration::from_secs(facts.window_seconds),
        };
        assert_eq!(*family, expected, "{}", facts.name);
    }
}

#[test]
fn every_published_resource_is_in_its_family() {
    let published = published();
    let mut listed = 0;
    for facts in &published.families {
        for resource in &facts.resources {
            let family = ThrottleFamily::for_resource(resource)
                .unwrap_or_else(|| panic!("{resource} ({}) is not in the table", facts.name));
            let first = published
                .families
                .iter()
                .find(|f| f.resources.contains(resource))
                .expect("listed");
            assert_eq!(family.name, first.name, "{resource}");
            let limits = |f: &Family| {
                (
                    f.writes_per_app_per_tenant,
                    f.writes_per_tenant,
                    f.any_per_app_per_tenant,
                    f.any_per_tenant,
                )
            };
            assert_eq!(limits(first), limits(facts), "{resource} is listed twice");
            listed += 1;
        }
    }
    let distinct: std::collections::BTreeSet<&String> = published
        .families
        .iter()
        .flat_map(|f| &f.resources)
        .collect();
    let ours: usize = families::RESOURCES.iter().map(|(_, r)| r.len()).sum();
    assert_eq!(
        ours, listed,
        "the table lists each family's resources as published"
    );
    assert!(listed >= distinct.len());
    for ((family, resources), facts) in families::RESOURCES.iter().zip(&published.families) {
        assert_eq!(family.name, facts.name);
        assert_eq!(*resources, facts.resources.as_slice(), "{}", facts.name);
    }
}

#[test]
fn the_default_for_unlisted_intune_resources_is_the_smallest_published() {
    let published = published();
    let smallest = |limit: fn(&Family) -> u32| published.families.iter().map(limit).min();
    let unlisted = ThrottleFamily::UNLISTED;
    assert_eq!(
        Some(unlisted.writes_per_app_per_tenant),
        smallest(|f| f.writes_per_app_per_tenant)
    );
    assert_eq!(
        Some(unlisted.writes_per_tenant),
        smallest(|f| f.writes_per_tenant)
    );
    assert_eq!(
        Some(unlisted.any_per_app_per_tenant),
        smallest(|f| f.any_per_app_per_tenant)
    );
    assert_eq!(
        Some(unlisted.any_per_tenant),
        smallest(|f| f.any_per_tenant)
    );
}
