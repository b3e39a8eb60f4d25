//! The rules graphpatch's macros and its code generator must agree on, in one place: the
//! generator has to predict exactly what the macros accept and which names they find by
//! themselves (so that it writes `#[graph(rename = …)]` only where needed), and one copy of each
//! rule is the only way that stays true.
//!
//! - name conversions between Rust's snake_case / PascalCase and Graph's lowerCamel wire names,
//!   and the identifiers made from Graph names (this module);
//! - [`template`]: path templates (`/deviceManagement/deviceShellScripts/{deviceShellScriptId}`)
//!   and their parameter names;
//! - [`check_odata_type`] and [`check_scope_name`]: OData type names and permission names;
//! - [`json`]: a JSON reader that keeps numbers exactly as written and objects in key order;
//! - [`name_key`] and [`name_table`]: the keys of an entity's property and parameter names and
//!   the hash table of its properties, which `#[graph_entity]` writes and `graph_patch!`'s
//!   compile-time lookup reads.
//!
//! No dependencies; not useful on its own.

pub mod json;
pub mod template;

/// FNV-1a (128 bits) over the bytes of `name`: the key `graph_patch!` finds a property or a
/// path parameter by. `#[graph_entity]` writes the keys of an entity's names (and
/// [`name_table`] places them by it); a `graph_patch!` call site computes the keys of the names
/// it was given when it expands, so that its compile-time check compares numbers instead of
/// strings. Both must use this one function.
///
/// 128 bits, so that two different names sharing a key is not a concern: at worst it would turn
/// `graph_patch!`'s own message about a misspelt name into the compiler's, since the values are
/// set through methods found by name.
pub const fn name_key(name: &str) -> u128 {
    let bytes = name.as_bytes();
    let mut key: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    let mut i = 0;
    while i < bytes.len() {
        key = (key ^ bytes[i] as u128).wrapping_mul(0x0000_0000_0100_0000_0000_0000_0000_013b);
        i += 1;
    }
    key
}

/// An open-addressing hash table of `names` (linear probing, at most half full, its length a
/// power of two): each slot holds `0` (empty) or a name's index plus one, at or after
/// `name_key(name) & (len - 1)`. A lookup takes a slot or two, whatever the number of names.
/// `None` when there are too many names for `u16` slots.
pub fn name_table(names: &[&str]) -> Option<Vec<u16>> {
    if names.len() >= usize::from(u16::MAX) {
        return None;
    }
    let len = (names.len() * 2).max(1).next_power_of_two();
    let mask = len - 1;
    let mut table = vec![0u16; len];
    for (index, name) in names.iter().enumerate() {
        let mut slot = name_key(name) as usize & mask;
        while table[slot] != 0 {
            slot = (slot + 1) & mask;
        }
        table[slot] = u16::try_from(index + 1).ok()?;
    }
    Some(table)
}

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

/// A PascalCase type name for a Graph name: [`to_pascal`], with a `V` in front when that would
/// be empty or start with a digit.
///
/// ```
/// use graphpatch_naming::type_ident;
/// assert_eq!(type_ident("microsoft.graph.callRecords"), "MicrosoftGraphCallRecords");
/// assert_eq!(type_ident("3des"), "V3des");
/// ```
pub fn type_ident(name: &str) -> String {
    let mut out = to_pascal(name);
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    out
}

/// A variant name for an enum member's wire name: [`type_ident`], and `Self` (which cannot be a
/// variant) becomes `Self_`. The macros find the wire name back with [`pascal_to_lower_camel`];
/// where that differs from the member, the variant needs `#[graph(rename = …)]`.
///
/// ```
/// use graphpatch_naming::{member_ident, pascal_to_lower_camel};
/// assert_eq!(member_ident("scriptError"), "ScriptError");
/// assert_eq!(pascal_to_lower_camel(&member_ident("scriptError")), "scriptError");
/// assert_eq!(member_ident("iOS"), "IOS");
/// assert_ne!(pascal_to_lower_camel(&member_ident("a-b")), "a-b");
/// ```
pub fn member_ident(wire: &str) -> String {
    let mut out = type_ident(wire);
    if out == "Self" {
        out.push('_');
    }
    out
}

/// How `name` is written as a Rust identifier: `r#type` for a keyword.
///
/// ```
/// assert_eq!(graphpatch_naming::rust_ident("type"), "r#type");
/// assert_eq!(graphpatch_naming::rust_ident("kind"), "kind");
/// ```
pub fn rust_ident(name: &str) -> String {
    if is_keyword(name) {
        format!("r#{name}")
    } else {
        name.to_owned()
    }
}

/// Checks an OData type name as `odata_type = "…"` takes it: a namespace and a name
/// (`microsoft.graph.deviceManagementScriptState`), no leading `#`. The error is the macros'
/// message.
///
/// ```
/// use graphpatch_naming::check_odata_type;
/// assert!(check_odata_type("microsoft.graph.deviceManagementScriptState").is_ok());
/// assert!(check_odata_type("#microsoft.graph.x").unwrap_err().contains("leading `#`"));
/// assert!(check_odata_type("deviceManagementScriptState").is_err());
/// ```
pub fn check_odata_type(value: &str) -> Result<(), String> {
    if let Some(rest) = value.strip_prefix('#') {
        return Err(format!(
            "write the OData type without the leading `#`: `{rest}` (graphpatch adds it on the wire)"
        ));
    }
    if dotted_words(value, &['_'], &['_']) {
        Ok(())
    } else {
        Err(format!(
            "malformed OData type `{value}`; expected a qualified name such as \
             `microsoft.graph.deviceManagementScriptState`"
        ))
    }
}

/// Checks a permission name as `permissions(…)` takes it: dot-separated words of letters,
/// digits, `-` and `_`, each starting with a letter
/// (`DeviceManagementManagedDevices.ReadWrite.All`). The error is the macros' message.
///
/// ```
/// use graphpatch_naming::check_scope_name;
/// assert!(check_scope_name("DeviceManagementManagedDevices.ReadWrite.All").is_ok());
/// assert!(check_scope_name("User Read").is_err());
/// ```
pub fn check_scope_name(scope: &str) -> Result<(), String> {
    if dotted_words(scope, &[], &['-', '_']) {
        Ok(())
    } else {
        Err(format!(
            "malformed permission name `{scope}`; expected dot-separated words such as \
             `DeviceManagementManagedDevices.ReadWrite.All`"
        ))
    }
}

/// Whether `value` is at least two dot-separated words, each starting with a letter (or one of
/// `extra_start`) and continuing with letters, digits and `extra`.
fn dotted_words(value: &str, extra_start: &[char], extra: &[char]) -> bool {
    let words: Vec<&str> = value.split('.').collect();
    words.len() >= 2
        && words.iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || extra_start.contains(&c))
                && w.chars()
                    .all(|c| c.is_ascii_alphanumeric() || extra.contains(&c))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_tables() {
        // FNV-1a's published 128-bit test vectors.
        assert_eq!(name_key(""), 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d);
        assert_eq!(name_key("a"), 0xd228_cb69_6f1a_8caf_7891_2b70_4e4a_8964);
        assert_eq!(
            name_key("foobar"),
            0x343e_1662_793c_64bf_6f0d_3597_ba44_6f18
        );
        let names = [
            "id",
            "run_state",
            "result_message",
            "error_code",
            "run_stat",
        ];
        let table = name_table(&names).expect("a table");
        assert_eq!(table.len(), 16);
        assert_eq!(table.iter().filter(|&&s| s != 0).count(), names.len());
        for (index, name) in names.iter().enumerate() {
            let mut slot = name_key(name) as usize & (table.len() - 1);
            while usize::from(table[slot]) != index + 1 {
                assert_ne!(table[slot], 0, "{name} is not in its probe sequence");
                slot = (slot + 1) & (table.len() - 1);
            }
        }
        assert_eq!(name_table(&[]), Some(vec![0]));
    }

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
