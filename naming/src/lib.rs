//! The name conversions between Rust's snake_case / PascalCase and Graph's lowerCamel wire names,
//! shared by graphpatch's macros and its code generator: the generator must know exactly which
//! wire names the macros find by themselves, so that it writes `#[graph(rename = …)]` only where
//! needed. No dependencies; not useful on its own.

/// Rust's keywords: a field or parameter named like one becomes a raw identifier (`r#type`).
pub const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Names that cannot be identifiers at all, not even raw ones.
pub const RESERVED: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Whether `name` is a Rust keyword (usable as `r#name`).
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// `last_state_update_date_time` → `lastStateUpdateDateTime`: how the macros find a field's
/// wire name.
pub fn snake_to_lower_camel(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper_next = false;
    for ch in snake.chars() {
        if ch == '_' {
            upper_next = !out.is_empty();
        } else if upper_next {
            out.extend(ch.to_uppercase());
            upper_next = false;
        } else {
            out.push(ch);
        }
    }
    out
}

/// `ScriptError` → `scriptError`: how the macros find an enum member's wire name.
pub fn pascal_to_lower_camel(pascal: &str) -> String {
    let mut chars = pascal.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `deviceManagementScriptId` → `device_management_script_id`; an acronym stays one word
/// (`macOSTrustedRootCertificateId` → `mac_os_trusted_root_certificate_id`).
pub fn lower_camel_to_snake(camel: &str) -> String {
    let chars: Vec<char> = camel.chars().collect();
    let mut out = String::with_capacity(camel.len() + 8);
    for (i, &ch) in chars.iter().enumerate() {
        if ch.is_uppercase() && i > 0 {
            let prev = chars[i - 1];
            let next_is_lower = chars.get(i + 1).is_some_and(|c| c.is_lowercase());
            if prev.is_lowercase()
                || prev.is_ascii_digit()
                || (prev.is_uppercase() && next_is_lower)
            {
                out.push('_');
            }
        }
        out.extend(ch.to_lowercase());
    }
    out
}

/// `deviceShellScripts` → `DeviceShellScripts`; characters that cannot be in an identifier split
/// words and are dropped (`microsoft.graph.x` → `MicrosoftGraphX`).
pub fn to_pascal(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut upper_next = true;
    for ch in word.chars() {
        if ch.is_ascii_alphanumeric() {
            if upper_next {
                out.push(ch.to_ascii_uppercase());
            } else {
                out.push(ch);
            }
            upper_next = false;
        } else {
            upper_next = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversions() {
        assert_eq!(
            snake_to_lower_camel("last_state_update_date_time"),
            "lastStateUpdateDateTime"
        );
        assert_eq!(snake_to_lower_camel("id"), "id");
        assert_eq!(snake_to_lower_camel("_leading"), "leading");
        assert_eq!(pascal_to_lower_camel("ScriptError"), "scriptError");
        assert_eq!(
            lower_camel_to_snake("deviceManagementScriptId"),
            "device_management_script_id"
        );
        assert_eq!(
            lower_camel_to_snake("macOSTrustedRootCertificateId"),
            "mac_os_trusted_root_certificate_id"
        );
        assert_eq!(
            lower_camel_to_snake("windows10Edition"),
            "windows10_edition"
        );
        assert_eq!(to_pascal("deviceShellScripts"), "DeviceShellScripts");
        assert_eq!(
            to_pascal("microsoft.graph.iosScep"),
            "MicrosoftGraphIosScep"
        );
        assert!(is_keyword("type") && !is_keyword("kind"));
    }
}
