//! What the permissions tables in entity metadata are for: checking a token before a request is
//! sent ([`Preflight`]), naming what a refused call needed, and computing what an admin must
//! consent to for a set of entities ([`RequiredScopes`]).

use std::fmt;

use crate::auth::{AccessToken, TokenKind};
use crate::metadata::{GraphEntity, Permissions, Scopes};

impl Permissions {
    /// The scopes that allow a caller of this kind.
    ///
    /// ```
    /// use graphpatch::GraphEntity;
    /// use graphpatch::auth::TokenKind;
    /// use graphpatch::metadata::Scopes;
    /// # use graphpatch::prelude::*;
    /// # #[graph_entity(
    /// #     odata_type = "microsoft.graph.deviceCategory",
    /// #     version = "beta",
    /// #     path = "/deviceManagement/deviceCategories/{deviceCategoryId}",
    /// #     permissions(
    /// #         delegated_work = ["DeviceManagementManagedDevices.ReadWrite.All"],
    /// #         delegated_personal = unsupported,
    /// #         application = ["DeviceManagementManagedDevices.ReadWrite.All"],
    /// #     ),
    /// # )]
    /// # pub struct DeviceCategory { #[graph(read_only)] pub id: String }
    /// let p = DeviceCategory::PERMISSIONS;
    /// assert_eq!(p.for_kind(TokenKind::DelegatedPersonal), Scopes::Unsupported);
    /// assert!(p.for_kind(TokenKind::Application).allows(["DeviceManagementManagedDevices.ReadWrite.All"]));
    /// ```
    pub const fn for_kind(&self, kind: TokenKind) -> Scopes {
        match kind {
            TokenKind::DelegatedWork => self.delegated_work,
            TokenKind::DelegatedPersonal => self.delegated_personal,
            TokenKind::Application => self.application,
        }
    }
}

impl Scopes {
    /// Whether any of `held` is one of these scopes (compared without regard to ASCII case, as
    /// the identity platform does).
    pub fn allows<S: AsRef<str>>(&self, held: impl IntoIterator<Item = S>) -> bool {
        let listed = self.as_slice();
        held.into_iter()
            .any(|h| listed.iter().any(|s| s.eq_ignore_ascii_case(h.as_ref())))
    }
}

/// The table's name for a kind of caller, as the docs write it.
pub(crate) fn kind_label(kind: TokenKind) -> &'static str {
    match kind {
        TokenKind::DelegatedWork => "Delegated (work or school account)",
        TokenKind::DelegatedPersonal => "Delegated (personal Microsoft account)",
        TokenKind::Application => "Application",
    }
}

/// The kind of caller inside a sentence.
fn kind_phrase(kind: TokenKind) -> &'static str {
    match kind {
        TokenKind::DelegatedWork => "delegated (work or school account)",
        TokenKind::DelegatedPersonal => "delegated (personal Microsoft account)",
        TokenKind::Application => "application",
    }
}

/// What a client does when the token it is about to send cannot call the entity, judging by the
/// token's claims (`scp`, `roles`, `idtyp`, `tid`; read without checking the signature, which is
/// the service's job). Opaque tokens, which are not JWTs, are sent unchecked.
///
/// ```
/// use graphpatch::GraphClient;
/// use graphpatch::permissions::Preflight;
/// let client = GraphClient::builder()
///     .token("opaque-token")
///     .preflight(Preflight::Warn)
///     .build()
///     .unwrap();
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Preflight {
    /// Refuse locally with [`Error::Permission`](crate::Error::Permission); nothing is sent.
    #[default]
    Enforce,
    /// Log a warning (target `graphpatch`) and send anyway.
    Warn,
    /// Do not look at the token.
    Off,
}

/// Why a token cannot call an entity: its kind is not supported, or it holds none of the scopes
/// that would work. The message lists what would.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PermissionError {
    /// The entity's Rust name.
    pub entity: &'static str,
    /// The kind of token that was checked.
    pub kind: TokenKind,
    /// The permissions the token holds (`scp` or `roles`).
    pub held: Vec<String>,
    /// The entity's permissions table.
    pub permissions: Permissions,
}

impl fmt::Display for PermissionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = kind_phrase(self.kind);
        match self.permissions.for_kind(self.kind) {
            Scopes::Unsupported => {
                let article = if self.kind == TokenKind::Application {
                    "an"
                } else {
                    "a"
                };
                write!(
                    f,
                    "{article} {label} token cannot update {}: Graph supports no {label} \
                     permission for it",
                    self.entity
                )?
            }
            Scopes::Unknown => write!(
                f,
                "the {label} token was refused for {}, whose permissions are not known",
                self.entity
            )?,
            Scopes::AnyOf(scopes) => {
                write!(
                    f,
                    "the {label} token cannot update {}: it holds none of {}",
                    self.entity,
                    scopes.join(", ")
                )?;
                if self.held.is_empty() {
                    f.write_str(" (it holds no permissions)")?;
                } else {
                    write!(f, " (it holds {})", self.held.join(", "))?;
                }
            }
        }
        write!(f, "; what would work: {}", Supported(&self.permissions))
    }
}

impl std::error::Error for PermissionError {}

/// The supported kinds of a table and their scopes, on one line.
pub(crate) struct Supported<'a>(pub &'a Permissions);

impl fmt::Display for Supported<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut any = false;
        for kind in [
            TokenKind::DelegatedWork,
            TokenKind::DelegatedPersonal,
            TokenKind::Application,
        ] {
            if let Scopes::AnyOf(scopes) = self.0.for_kind(kind) {
                if any {
                    f.write_str("; ")?;
                }
                write!(f, "{} {}", kind_label(kind), scopes.join(" or "))?;
                any = true;
            }
        }
        if !any {
            f.write_str("no permission of any kind")?;
        }
        Ok(())
    }
}

/// Checks a token against one of an entity's tables (the PATCH one, or the GET one); `None`
/// when it may call it, when the token cannot be read, or when the table is not known (said at
/// debug level).
pub(crate) fn check_table(
    entity: &'static str,
    permissions: Permissions,
    token: &AccessToken,
) -> Option<PermissionError> {
    let claims = token.claims()?;
    let kind = claims.kind();
    let scopes = permissions.for_kind(kind);
    if scopes == Scopes::Unknown {
        tracing::debug!(
            entity,
            kind = kind_label(kind),
            "the permissions this call needs are not known: sending it unchecked"
        );
        return None;
    }
    if scopes.allows(claims.permissions()) {
        return None;
    }
    Some(PermissionError {
        entity,
        kind,
        held: claims.permissions().to_vec(),
        permissions,
    })
}

/// The least-privileged set of scopes that lets one kind of caller update every entity of a
/// set: what an admin must consent to.
///
/// Each entity is covered by the first (least privileged) scope its table lists, unless a scope
/// needed for another entity covers it too; so the set is never more privileged than the
/// entities' own least-privileged scopes, and holds none that another makes redundant.
///
/// ```
/// use graphpatch::prelude::*;
/// use graphpatch::auth::TokenKind;
/// use graphpatch::permissions::RequiredScopes;
///
/// #[graph_entity(
///     odata_type = "microsoft.graph.deviceCategory",
///     version = "beta",
///     path = "/deviceManagement/deviceCategories/{deviceCategoryId}",
///     permissions(
///         delegated_work = ["DeviceManagementManagedDevices.ReadWrite.All"],
///         delegated_personal = unsupported,
///         application = ["DeviceManagementManagedDevices.ReadWrite.All"],
///     ),
/// )]
/// pub struct DeviceCategory { #[graph(read_only)] pub id: String }
///
/// let report = RequiredScopes::new(TokenKind::Application).with::<DeviceCategory>();
/// assert_eq!(report.scopes(), ["DeviceManagementManagedDevices.ReadWrite.All"]);
/// assert!(report.unsupported().is_empty());
/// println!("{report}");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequiredScopes {
    kind: TokenKind,
    entities: Vec<(&'static str, Scopes)>,
}

impl RequiredScopes {
    /// An empty report for one kind of caller.
    pub fn new(kind: TokenKind) -> Self {
        RequiredScopes {
            kind,
            entities: Vec::new(),
        }
    }

    /// Adds an entity (once, however often it is added).
    #[must_use]
    pub fn with<E: GraphEntity>(self) -> Self {
        self.with_table(E::NAME, E::PERMISSIONS)
    }

    /// Adds an entity by its name and table, for tools that hold them as values.
    #[must_use]
    pub fn with_table(mut self, entity: &'static str, permissions: Permissions) -> Self {
        if !self.entities.iter().any(|(name, _)| *name == entity) {
            self.entities
                .push((entity, permissions.for_kind(self.kind)));
        }
        self
    }

    /// The kind of caller the report is for.
    pub fn kind(&self) -> TokenKind {
        self.kind
    }

    /// The scopes to consent to, in the order the entities first need them.
    pub fn scopes(&self) -> Vec<&'static str> {
        let mut chosen: Vec<&'static str> = Vec::new();
        for (_, scopes) in &self.entities {
            if let Some(first) = scopes.as_slice().first() {
                if !chosen.contains(first) {
                    chosen.push(first);
                }
            }
        }
        // Drop a scope when the others still cover every entity: each left is someone's least
        // privileged, so no dropping ever adds privilege.
        let covered = |set: &[&'static str]| {
            self.entities
                .iter()
                .all(|(_, scopes)| !scopes.is_supported() || scopes.allows(set.iter()))
        };
        let mut i = 0;
        while i < chosen.len() {
            let without: Vec<&'static str> = chosen
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != i)
                .map(|(_, s)| *s)
                .collect();
            if covered(&without) {
                chosen.remove(i);
            } else {
                i += 1;
            }
        }
        chosen
    }

    /// The entities no permission of this kind can update.
    pub fn unsupported(&self) -> Vec<&'static str> {
        self.entities_whose(Scopes::Unsupported)
    }

    /// The entities whose permissions no source knows: the report cannot cover them.
    pub fn unknown(&self) -> Vec<&'static str> {
        self.entities_whose(Scopes::Unknown)
    }

    fn entities_whose(&self, scopes: Scopes) -> Vec<&'static str> {
        self.entities
            .iter()
            .filter(|(_, s)| *s == scopes)
            .map(|(name, _)| *name)
            .collect()
    }
}

impl fmt::Display for RequiredScopes {
    /// A Markdown table: each entity, the scopes its page lists, and the chosen scope that covers
    /// it; then the set to consent to.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let chosen = self.scopes();
        writeln!(
            f,
            "|Entity|{} permissions (least to most privileged)|Covered by|",
            kind_label(self.kind)
        )?;
        writeln!(f, "|:---|:---|:---|")?;
        for (name, scopes) in &self.entities {
            let by = scopes
                .as_slice()
                .iter()
                .find(|s| chosen.contains(s))
                .copied()
                .unwrap_or("—");
            writeln!(f, "|{name}|{scopes}|{by}|")?;
        }
        write!(f, "\nConsent to: ")?;
        if chosen.is_empty() {
            f.write_str("nothing")?;
        } else {
            f.write_str(&chosen.join(", "))?;
        }
        let unsupported = self.unsupported();
        if !unsupported.is_empty() {
            write!(
                f,
                "\nNot possible as {}: {}",
                kind_phrase(self.kind),
                unsupported.join(", ")
            )?;
        }
        let unknown = self.unknown();
        if !unknown.is_empty() {
            write!(f, "\nPermissions not known: {}", unknown.join(", "))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const READ: &str = "X.Read.All";
    const WRITE: &str = "X.ReadWrite.All";
    const OTHER: &str = "Y.ReadWrite.All";

    fn table(scopes: Scopes) -> Permissions {
        Permissions {
            delegated_work: scopes,
            delegated_personal: Scopes::Unsupported,
            application: Scopes::Unsupported,
        }
    }

    #[test]
    fn least_privileged_cover() {
        let report = RequiredScopes::new(TokenKind::DelegatedWork)
            .with_table("A", table(Scopes::AnyOf(&[READ, WRITE])))
            .with_table("B", table(Scopes::AnyOf(&[WRITE])))
            .with_table("C", table(Scopes::AnyOf(&[OTHER, WRITE])))
            .with_table("D", table(Scopes::Unsupported))
            .with_table("A", table(Scopes::AnyOf(&[OTHER])));
        // B needs the write scope; it covers A and C too, so their own least-privileged scopes
        // would only add to what is granted.
        assert_eq!(report.scopes(), [WRITE]);
        assert_eq!(report.unsupported(), ["D"]);
        let text = report.to_string();
        assert!(
            text.contains("|A|X.Read.All, X.ReadWrite.All|X.ReadWrite.All|"),
            "{text}"
        );
        assert!(text.contains("|D|Not supported.|—|"), "{text}");
        assert!(
            text.contains("|C|Y.ReadWrite.All, X.ReadWrite.All|X.ReadWrite.All|"),
            "{text}"
        );
        assert!(text.contains("Consent to: X.ReadWrite.All\n"), "{text}");
        assert!(
            text.ends_with("Not possible as delegated (work or school account): D"),
            "{text}"
        );
    }

    #[test]
    fn each_keeps_its_least_privileged_scope_when_none_is_shared() {
        let report = RequiredScopes::new(TokenKind::DelegatedWork)
            .with_table("A", table(Scopes::AnyOf(&[READ, WRITE])))
            .with_table("C", table(Scopes::AnyOf(&[OTHER, WRITE])));
        assert_eq!(report.scopes(), [READ, OTHER]);
    }

    #[test]
    fn scopes_compare_without_case() {
        assert!(Scopes::AnyOf(&[WRITE]).allows(["x.readwrite.all"]));
        assert!(!Scopes::AnyOf(&[WRITE]).allows([READ]));
        assert!(!Scopes::Unsupported.allows([WRITE]));
    }

    /// A token whose payload holds these claims (unsigned: the preflight does not verify).
    fn token_with(payload: &str) -> AccessToken {
        use base64::Engine;
        let part = |text: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text);
        AccessToken::new(format!(
            "{}.{}.sig",
            part(r#"{"alg":"none"}"#),
            part(payload)
        ))
    }

    #[test]
    fn a_tokens_claims_are_read_once_and_shared_by_its_clones() {
        let token = token_with(r#"{"scp":"X.ReadWrite.All","idtyp":"user"}"#);
        let clone = token.clone();
        // The same claims, not equal ones: the permission check at each request reads the
        // token once.
        assert!(std::ptr::eq(
            token.claims().expect("claims"),
            clone.claims().expect("claims")
        ));
        assert!(check_table("K", table(Scopes::AnyOf(&[WRITE])), &clone).is_none());
        // A new token with the same text reads its own.
        let again = AccessToken::new(token.secret());
        assert_eq!(again, token);
        assert!(!std::ptr::eq(
            again.claims().expect("claims"),
            token.claims().expect("claims")
        ));
    }

    #[test]
    fn an_unknown_table_sends_unchecked_and_is_reported_as_unknown() {
        let token = token_with(r#"{"scp":"Nothing.Read","idtyp":"user"}"#);
        assert!(check_table("U", Permissions::UNKNOWN, &token).is_none());
        // A known table still refuses the same token.
        let refusal = check_table("K", table(Scopes::AnyOf(&[WRITE])), &token)
            .expect("refused: it holds none of the scopes");
        assert!(refusal.to_string().contains("X.ReadWrite.All"), "{refusal}");

        let report = RequiredScopes::new(TokenKind::DelegatedWork)
            .with_table("K", table(Scopes::AnyOf(&[WRITE])))
            .with_table("U", Permissions::UNKNOWN);
        assert_eq!(report.scopes(), [WRITE]);
        assert_eq!(report.unknown(), ["U"]);
        assert!(report.unsupported().is_empty());
        let text = report.to_string();
        assert!(text.contains("|U|Not known.|—|"), "{text}");
        assert!(text.contains("\nPermissions not known: U"), "{text}");
    }
}
