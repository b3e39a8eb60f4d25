//! Rust names for Graph names beyond the rules the macros share (those are in
//! `graphpatch-naming`, so that a generated field or variant needs `#[graph(rename = …)]`
//! exactly when the macro would not find the wire name by itself): what makes any Graph name a
//! valid, unique Rust identifier, file or test name.

use std::collections::BTreeSet;

pub use graphpatch_naming::{
    is_keyword, lower_camel_to_snake, member_ident, pascal_to_lower_camel, rust_ident,
    snake_to_lower_camel, type_ident, RESERVED,
};

/// Type names a generated type must not take: the standard prelude's, which generated code
/// names unqualified, and the variant the macros add.
const RESERVED_TYPES: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Vec",
    "String",
    "Box",
    "Result",
    "Ok",
    "Err",
    "Self",
    "Unrecognized",
];

/// A snake_case identifier for a wire name: the macros' conversion, then whatever makes it a
/// valid identifier (`3des` → `n3des`, `a-b` → `a_b`). Keywords stay as they are (the caller
/// writes them raw); names that cannot be identifiers get a trailing `_`.
pub fn field_ident(wire: &str) -> String {
    let snake = lower_camel_to_snake(wire);
    let mut out = String::with_capacity(snake.len());
    for ch in snake.chars() {
        if ch.is_ascii_alphanumeric() || ch == '_' {
            out.push(ch);
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    let out = out.trim_matches('_').to_owned();
    let mut out = if out.is_empty() {
        "property".to_owned()
    } else {
        out
    };
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'n');
    }
    if RESERVED.contains(&out.as_str()) {
        out.push('_');
    }
    out
}

/// `intune-shared-devicecategory-update` → `intune_shared_devicecategory_update`.
pub fn fn_ident(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    let mut out = out.trim_matches('_').to_owned();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, "page_");
    }
    if is_keyword(&out) || RESERVED.contains(&out.as_str()) {
        out.push('_');
    }
    out
}

/// `DeviceAndAppManagementAssignmentTarget` → `device_and_app_management_assignment_target`,
/// for file and module names.
pub fn module_name(pascal: &str) -> String {
    let snake = lower_camel_to_snake(&pascal_to_lower_camel(pascal));
    let mut out: String = snake
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    if is_keyword(&out) || RESERVED.contains(&out.as_str()) || out == "tests" || out == "mod" {
        out.push('_');
    }
    out
}

/// Hands out unique names: the first to ask for a name gets it, later ones get a suffix.
#[derive(Debug, Default)]
pub struct Registry {
    taken: BTreeSet<String>,
}

impl Registry {
    /// A registry where the standard prelude's type names are already taken.
    pub fn for_types() -> Registry {
        let mut registry = Registry::default();
        for name in RESERVED_TYPES {
            registry.taken.insert((*name).to_owned());
        }
        registry
    }

    /// Marks `name` as used.
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_owned());
    }

    /// Whether `name` is free.
    pub fn is_free(&self, name: &str) -> bool {
        !self.taken.contains(name)
    }

    /// `preferred` if free, else the first free of `alternatives`, else `preferred` with the
    /// smallest free numeric suffix (`{preferred}{separator}2`, …).
    pub fn claim(&mut self, preferred: &str, alternatives: &[String], separator: &str) -> String {
        let chosen = std::iter::once(preferred.to_owned())
            .chain(alternatives.iter().cloned())
            .find(|n| self.is_free(n))
            .unwrap_or_else(|| {
                (2..)
                    .map(|i| format!("{preferred}{separator}{i}"))
                    .find(|n| self.is_free(n))
                    .expect("an unbounded range has a free name")
            });
        self.taken.insert(chosen.clone());
        chosen
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_of_acronyms_and_digits() {
        for (camel, snake) in [
            ("deviceManagementScriptId", "device_management_script_id"),
            (
                "macOSTrustedRootCertificateId",
                "mac_os_trusted_root_certificate_id",
            ),
            (
                "enterpriseCloudPrintOAuthAuthority",
                "enterprise_cloud_print_o_auth_authority",
            ),
            ("cert1PayloadUUID", "cert1_payload_uuid"),
            ("messagingBlockMMS", "messaging_block_mms"),
            (
                "windows10AppsForceUpdateSchedule",
                "windows10_apps_force_update_schedule",
            ),
            ("id", "id"),
        ] {
            assert_eq!(lower_camel_to_snake(camel), snake, "{camel}");
        }
    }

    #[test]
    fn round_trip_decides_renames() {
        // No rename: the macro finds the wire name from the field.
        for wire in [
            "lastStateUpdateDateTime",
            "enterpriseCloudPrintOAuthAuthority",
            "windows10AppsForceUpdateSchedule",
        ] {
            assert_eq!(snake_to_lower_camel(&field_ident(wire)), wire);
        }
        // Rename needed.
        for wire in [
            "messagingBlockMMS",
            "macOSTrustedRootCertificateId",
            "cert1PayloadUUID",
            "authenticationPreferredAzureADTenantDomainName",
            "3des",
            "Capitalized",
        ] {
            assert_ne!(snake_to_lower_camel(&field_ident(wire)), wire, "{wire}");
        }
    }

    #[test]
    fn identifiers_are_valid() {
        assert_eq!(field_ident("3des"), "n3des");
        assert_eq!(field_ident("a-b.c"), "a_b_c");
        assert_eq!(field_ident("self"), "self_");
        assert_eq!(field_ident("type"), "type");
        assert_eq!(rust_ident("type"), "r#type");
        assert_eq!(field_ident(""), "property");
        assert_eq!(member_ident("iOS"), "IOS");
        assert_eq!(pascal_to_lower_camel("IOS"), "iOS");
        assert_eq!(member_ident("scriptError"), "ScriptError");
        assert_eq!(member_ident("3des"), "V3des");
        assert_eq!(member_ident("a-b"), "AB");
        assert_eq!(
            type_ident("deviceAndAppManagementAssignmentTarget"),
            "DeviceAndAppManagementAssignmentTarget"
        );
        assert_eq!(
            type_ident("microsoft.graph.callRecords"),
            "MicrosoftGraphCallRecords"
        );
        assert_eq!(
            module_name("IosVppEBookAssignment"),
            "ios_vpp_e_book_assignment"
        );
        assert_eq!(module_name("Type"), "type_");
        assert_eq!(
            fn_ident("intune-shared-devicecategory-update"),
            "intune_shared_devicecategory_update"
        );
    }

    #[test]
    fn registry_suffixes_taken_names() {
        let mut registry = Registry::for_types();
        assert_eq!(registry.claim("String", &[], ""), "String2");
        assert_eq!(registry.claim("Media", &[], ""), "Media");
        assert_eq!(
            registry.claim("Media", &["CallRecordsMedia".to_owned()], ""),
            "CallRecordsMedia"
        );
        assert_eq!(registry.claim("Media", &[], ""), "Media2");
    }
}
