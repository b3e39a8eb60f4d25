//! Name conversions between Rust's snake_case / PascalCase and Graph's lowerCamel wire names.

/// `last_state_update_date_time` → `lastStateUpdateDateTime`.
pub fn snake_to_lower_camel(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper_next = false;
    for ch in snake.trim_start_matches("r#").chars() {
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

/// `ScriptError` → `scriptError`.
pub fn pascal_to_lower_camel(pascal: &str) -> String {
    let mut chars = pascal.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `deviceManagementScriptId` → `device_management_script_id`; acronyms stay one word
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

/// `deviceShellScripts` → `DeviceShellScripts`; characters that cannot start or continue an
/// identifier are dropped (`microsoft.graph.x` → `MicrosoftGraphX`).
pub fn to_pascal(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut upper_next = true;
    for ch in word.chars() {
        if ch.is_ascii_alphanumeric() {
            if upper_next {
                out.extend(ch.to_uppercase());
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
        assert_eq!(snake_to_lower_camel("r#type"), "type");
        assert_eq!(pascal_to_lower_camel("ScriptError"), "scriptError");
        assert_eq!(
            lower_camel_to_snake("deviceManagementScriptId"),
            "device_management_script_id"
        );
        assert_eq!(
            lower_camel_to_snake("macOSTrustedRootCertificateId"),
            "mac_os_trusted_root_certificate_id"
        );
        assert_eq!(lower_camel_to_snake("userId"), "user_id");
        assert_eq!(to_pascal("deviceShellScripts"), "DeviceShellScripts");
        assert_eq!(
            to_pascal("microsoft.graph.iosScep"),
            "MicrosoftGraphIosScep"
        );
    }
}
