//! The attribute keys the macros accept, as constants: one spelling, used by parser and messages.

pub const ODATA_TYPE: &str = "odata_type";
pub const VERSION: &str = "version";
pub const PATH: &str = "path";
pub const PERMISSIONS: &str = "permissions";
pub const READ_PERMISSIONS: &str = "read_permissions";
pub const PATCH_ODATA_TYPE: &str = "patch_odata_type";
pub const ENTITY_KEYS: &[&str] = &[
    ODATA_TYPE,
    VERSION,
    PATH,
    PERMISSIONS,
    READ_PERMISSIONS,
    PATCH_ODATA_TYPE,
];

pub const DELEGATED_WORK: &str = "delegated_work";
pub const DELEGATED_PERSONAL: &str = "delegated_personal";
pub const APPLICATION: &str = "application";
pub const PERMISSION_KINDS: &[&str] = &[DELEGATED_WORK, DELEGATED_PERSONAL, APPLICATION];
pub const UNSUPPORTED: &str = "unsupported";
/// `permissions = unknown`: no source says which permissions the calls need.
pub const UNKNOWN: &str = "unknown";

pub const GRAPH: &str = "graph";
pub const READ_ONLY: &str = "read_only";
pub const RENAME: &str = "rename";
pub const FIELD_KEYS: &[&str] = &[READ_ONLY, RENAME];
pub const VARIANT_KEYS: &[&str] = &[RENAME];
pub const COMPLEX_FIELD_KEYS: &[&str] = &[RENAME];
pub const FLAGS: &str = "flags";

/// Renders a key list as "`a`, `b` or `c`" for messages.
pub fn one_of(keys: &[&str]) -> String {
    listing(keys, "or")
}

/// Renders a key list as "`a`, `b` and `c`" for messages.
pub fn all_of(keys: &[&str]) -> String {
    listing(keys, "and")
}

fn listing(keys: &[&str], conjunction: &str) -> String {
    let quoted: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            format!("{} {conjunction} {last}", rest.join(", "))
        }
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}
