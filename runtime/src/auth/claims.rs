//! What a token claims and what a claims challenge asks for: both read, neither verified.

use std::fmt;

use base64::engine::general_purpose::{STANDARD_NO_PAD, URL_SAFE_NO_PAD};
use base64::Engine;
use serde::de::{IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// The tenant of personal Microsoft accounts (outlook.com, live.com, …).
const CONSUMER_TENANT: &str = "9188040d-6c67-4c5b-b112-36a304b66dad";

/// Decodes base64 or base64url, with or without padding.
fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let text = text.trim().trim_end_matches('=');
    STANDARD_NO_PAD
        .decode(text)
        .or_else(|_| URL_SAFE_NO_PAD.decode(text))
        .ok()
}

/// Any JSON object, its members read and dropped: what a token's header and a claims challenge
/// must be, checked without building a map.
struct AnyObject;

impl<'de> Deserialize<'de> for AnyObject {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Members;

        impl<'de> Visitor<'de> for Members {
            type Value = AnyObject;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<AnyObject, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(AnyObject)
            }
        }

        deserializer.deserialize_map(Members)
    }
}

/// Who a token speaks for, which decides the permissions a request needs (the docs'
/// "Permission type" column).
///
/// ```
/// use graphpatch::auth::TokenKind;
/// assert_ne!(TokenKind::Application, TokenKind::DelegatedWork);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A user of a work or school account, through an app: the token has `scp`.
    DelegatedWork,
    /// A user of a personal Microsoft account, through an app.
    DelegatedPersonal,
    /// An app on its own: the token has `roles` (or `idtyp` is `app`).
    Application,
}

/// The claims of a JWT access token, read without checking its signature: to see what a token
/// grants before a request, not to trust it.
///
/// ```
/// use graphpatch::auth::{TokenClaims, TokenKind};
/// // {"alg":"none"} . {"scp":"User.Read DeviceManagementManagedDevices.ReadWrite.All","tid":"contoso"}
/// let token = "eyJhbGciOiJub25lIn0.\
///     eyJzY3AiOiJVc2VyLlJlYWQgRGV2aWNlTWFuYWdlbWVudE1hbmFnZWREZXZpY2VzLlJlYWRXcml0ZS5BbGwiLCJ0aWQiOiJjb250b3NvIn0.";
/// let claims = TokenClaims::parse(token).unwrap();
/// assert_eq!(claims.scp, ["User.Read", "DeviceManagementManagedDevices.ReadWrite.All"]);
/// assert_eq!(claims.kind(), TokenKind::DelegatedWork);
/// assert!(TokenClaims::parse("an opaque token").is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct TokenClaims {
    /// `scp`: the delegated permissions (scopes) granted, split on spaces.
    pub scp: Vec<String>,
    /// `roles`: the application permissions (app roles) granted.
    pub roles: Vec<String>,
    /// `idtyp`: `"app"` for an application token, `"user"` for a delegated one (optional claim).
    pub idtyp: Option<String>,
    /// `tid`: the tenant that issued the token.
    pub tid: Option<String>,
    /// `exp`: when the token expires, in seconds since the Unix epoch.
    pub exp: Option<i64>,
    /// `aud`: the audience(s) the token is for, e.g. `https://graph.microsoft.com`.
    pub aud: Vec<String>,
    /// `appid` (v1 tokens) or `azp` (v2): the application the token was issued to. Intune's
    /// write budget counts per application.
    pub app_id: Option<String>,
}

/// A claim that is one string or a list of them.
#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(one) => vec![one],
            OneOrMany::Many(many) => many,
        }
    }
}

/// A NumericDate: whole seconds, though the JWT spec allows fractions.
#[derive(Deserialize)]
#[serde(untagged)]
enum NumericDate {
    Whole(i64),
    Fraction(f64),
}

#[derive(Deserialize)]
struct RawClaims {
    scp: Option<OneOrMany>,
    roles: Option<OneOrMany>,
    idtyp: Option<String>,
    tid: Option<String>,
    exp: Option<NumericDate>,
    aud: Option<OneOrMany>,
    appid: Option<String>,
    azp: Option<String>,
}

impl TokenClaims {
    /// Reads the claims of a JWS compact token (`header.payload.signature`, base64url with or
    /// without padding). `None` for anything else: an opaque or encrypted token, bad base64, a
    /// payload that is not a JSON object, or a known claim of the wrong type.
    pub fn parse(token: &str) -> Option<TokenClaims> {
        let mut parts = token.trim().split('.');
        let (header, payload, _signature) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        serde_json::from_slice::<AnyObject>(&decode_base64(header)?).ok()?;
        let raw: RawClaims = serde_json::from_slice(&decode_base64(payload)?).ok()?;
        let scp = match raw.scp {
            Some(OneOrMany::One(scopes)) => scopes.split_whitespace().map(str::to_owned).collect(),
            Some(OneOrMany::Many(scopes)) => scopes,
            None => Vec::new(),
        };
        Some(TokenClaims {
            scp,
            roles: raw.roles.map(OneOrMany::into_vec).unwrap_or_default(),
            idtyp: raw.idtyp,
            tid: raw.tid,
            exp: raw.exp.map(|exp| match exp {
                NumericDate::Whole(seconds) => seconds,
                // `as` saturates; NaN becomes 0.
                NumericDate::Fraction(seconds) => seconds as i64,
            }),
            aud: raw.aud.map(OneOrMany::into_vec).unwrap_or_default(),
            app_id: raw.appid.or(raw.azp),
        })
    }

    /// Who the token speaks for: an application when `idtyp` is `app`, or when it has `roles`
    /// and no `scp`; else a personal account when `tid` is the consumer tenant
    /// (`9188040d-6c67-4c5b-b112-36a304b66dad`); else a work or school account.
    pub fn kind(&self) -> TokenKind {
        if self.idtyp.as_deref() == Some("app") || (self.scp.is_empty() && !self.roles.is_empty()) {
            TokenKind::Application
        } else if self.tid.as_deref() == Some(CONSUMER_TENANT) {
            TokenKind::DelegatedPersonal
        } else {
            TokenKind::DelegatedWork
        }
    }

    /// The permissions granted for this kind of token: the app roles of an application token,
    /// the scopes of a delegated one.
    pub fn permissions(&self) -> &[String] {
        match self.kind() {
            TokenKind::Application => &self.roles,
            TokenKind::DelegatedWork | TokenKind::DelegatedPersonal => &self.scp,
        }
    }
}

/// The claims request of a claims challenge: the decoded JSON of the `claims` parameter of a
/// `Bearer` challenge in a `WWW-Authenticate` header value, or `None` when there is none (or it
/// is not base64 of a JSON object).
///
/// Graph answers `401` with such a challenge when Continuous Access Evaluation revokes a token
/// or Conditional Access wants more (`error="insufficient_claims"`); hand the JSON to
/// [`TokenProvider::token_with_claims`](crate::auth::TokenProvider::token_with_claims) and retry once.
///
/// ```
/// let header = r#"Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZSwgInZhbHVlIjoiMTYwNDEwNjY1MSJ9fX0=""#;
/// assert_eq!(
///     graphpatch::auth::claims_challenge(header).as_deref(),
///     Some(r#"{"access_token":{"nbf":{"essential":true, "value":"1604106651"}}}"#)
/// );
/// assert_eq!(graphpatch::auth::claims_challenge(r#"Bearer error="invalid_token""#), None);
/// ```
pub fn claims_challenge(www_authenticate: &str) -> Option<String> {
    let mut header = Lexer {
        text: www_authenticate,
        at: 0,
    };
    let mut in_bearer = false;
    while !header.done() {
        header.skip(|c| c == ' ' || c == '\t' || c == ',');
        let name = header.token();
        if name.is_empty() {
            // Not where a name can start (a stray quote, token68 padding): step over it.
            header.bump();
            continue;
        }
        header.skip(|c| c == ' ' || c == '\t');
        if header.peek() != Some('=') {
            // A name without a value starts a challenge: it is the scheme.
            in_bearer = name.eq_ignore_ascii_case("bearer");
            continue;
        }
        header.bump();
        header.skip(|c| c == ' ' || c == '\t');
        let value = header.value();
        if in_bearer && name.eq_ignore_ascii_case("claims") {
            let json = String::from_utf8(decode_base64(&value)?).ok()?;
            serde_json::from_str::<AnyObject>(&json).ok()?;
            return Some(json);
        }
    }
    None
}

/// Steps through a header value (RFC 9110 §11.6.1's challenges and auth-params).
struct Lexer<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Lexer<'a> {
    fn done(&self) -> bool {
        self.at >= self.text.len()
    }

    fn peek(&self) -> Option<char> {
        self.text[self.at..].chars().next()
    }

    fn bump(&mut self) {
        if let Some(c) = self.peek() {
            self.at += c.len_utf8();
        }
    }

    fn skip(&mut self, what: impl Fn(char) -> bool) -> &'a str {
        let start = self.at;
        while self.peek().is_some_and(&what) {
            self.bump();
        }
        &self.text[start..self.at]
    }

    /// An RFC 9110 token: a scheme or a parameter name.
    fn token(&mut self) -> &'a str {
        self.skip(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c))
    }

    /// A quoted string (unescaped), or else everything up to the next comma or space.
    fn value(&mut self) -> String {
        if self.peek() != Some('"') {
            return self.skip(|c| c != ',' && c != ' ' && c != '\t').to_owned();
        }
        self.bump();
        let mut value = String::new();
        while let Some(c) = self.peek() {
            self.bump();
            match c {
                '"' => break,
                '\\' => {
                    if let Some(escaped) = self.peek() {
                        value.push(escaped);
                        self.bump();
                    }
                }
                c => value.push(c),
            }
        }
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jwt(payload: &str) -> String {
        format!(
            "{}.{}.sig",
            URL_SAFE_NO_PAD.encode(r#"{"alg":"RS256","typ":"JWT"}"#),
            URL_SAFE_NO_PAD.encode(payload)
        )
    }

    #[test]
    fn delegated_work_token() {
        let claims = TokenClaims::parse(&jwt(
            r#"{"aud":"https://graph.microsoft.com","scp":"User.Read  Directory.Read.All","tid":"72f988bf-86f1-41af-91ab-2d7cd011db47","exp":1700000000,"idtyp":"user","name":"Ada"}"#,
        ))
        .unwrap();
        assert_eq!(claims.scp, ["User.Read", "Directory.Read.All"]);
        assert!(claims.roles.is_empty());
        assert_eq!(claims.aud, ["https://graph.microsoft.com"]);
        assert_eq!(claims.exp, Some(1_700_000_000));
        assert_eq!(claims.idtyp.as_deref(), Some("user"));
        assert_eq!(
            claims.tid.as_deref(),
            Some("72f988bf-86f1-41af-91ab-2d7cd011db47")
        );
        assert_eq!(claims.kind(), TokenKind::DelegatedWork);
        assert_eq!(claims.permissions(), claims.scp);
    }

    #[test]
    fn personal_account_token() {
        let claims = TokenClaims::parse(&jwt(&format!(
            r#"{{"scp":"Files.Read","tid":"{CONSUMER_TENANT}"}}"#
        )))
        .unwrap();
        assert_eq!(claims.kind(), TokenKind::DelegatedPersonal);
    }

    #[test]
    fn application_tokens() {
        let roles = TokenClaims::parse(&jwt(
            r#"{"roles":["DeviceManagementManagedDevices.ReadWrite.All"],"tid":"t"}"#,
        ))
        .unwrap();
        assert_eq!(roles.kind(), TokenKind::Application);
        assert_eq!(
            roles.permissions(),
            ["DeviceManagementManagedDevices.ReadWrite.All"]
        );
        // idtyp decides even without roles (an app granted nothing yet).
        let idtyp = TokenClaims::parse(&jwt(r#"{"idtyp":"app"}"#)).unwrap();
        assert_eq!(idtyp.kind(), TokenKind::Application);
        assert!(idtyp.permissions().is_empty());
        // A personal tenant with roles and no scp is still an app.
        let consumer = TokenClaims::parse(&jwt(&format!(
            r#"{{"roles":["R"],"tid":"{CONSUMER_TENANT}"}}"#
        )))
        .unwrap();
        assert_eq!(consumer.kind(), TokenKind::Application);
        // Both scp and roles (a delegated token for a user with app roles): delegated.
        let both = TokenClaims::parse(&jwt(r#"{"scp":"User.Read","roles":["Admin"]}"#)).unwrap();
        assert_eq!(both.kind(), TokenKind::DelegatedWork);
    }

    #[test]
    fn padding_lists_and_fractions_are_accepted() {
        let padded = format!(
            "{}.{}.",
            base64::engine::general_purpose::URL_SAFE.encode(r#"{"alg":"none"}"#),
            base64::engine::general_purpose::URL_SAFE
                .encode(r#"{"scp":["A","B"],"aud":["x","y"],"exp":1.9e9,"roles":"One"}"#)
        );
        let claims = TokenClaims::parse(&padded).unwrap();
        assert_eq!(claims.scp, ["A", "B"]);
        assert_eq!(claims.aud, ["x", "y"]);
        assert_eq!(claims.roles, ["One"]);
        assert_eq!(claims.exp, Some(1_900_000_000));
        // Characters outside base64url's alphabet but in base64's: `/` and `+`.
        let standard = format!(
            "{}.{}.",
            STANDARD_NO_PAD.encode(r#"{"alg":"none"}"#),
            STANDARD_NO_PAD.encode(r#"{"tid":"??>>??"}"#)
        );
        assert!(standard.contains('/') || standard.contains('+'));
        assert_eq!(
            TokenClaims::parse(&standard).unwrap().tid.as_deref(),
            Some("??>>??")
        );
        let empty = TokenClaims::parse(&jwt("{}")).unwrap();
        assert_eq!(empty, TokenClaims::default());
        assert_eq!(empty.kind(), TokenKind::DelegatedWork);
    }

    #[test]
    fn garbage_is_none_never_a_panic() {
        let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"none"}"#);
        let cases = [
            String::new(),
            ".".into(),
            "..".into(),
            "...".into(),
            "opaque-token".into(),
            "EwBwA8l6BAAU.opaque".into(),
            "a.b.c".into(),
            "%%%.%%%.%%%".into(),
            "é.é.é".into(),
            format!("{header}.{}.sig.extra.parts", URL_SAFE_NO_PAD.encode("{}")),
            format!("{header}.{}.sig", URL_SAFE_NO_PAD.encode("[1,2]")),
            format!("{header}.{}.sig", URL_SAFE_NO_PAD.encode("null")),
            format!("{header}.{}.sig", URL_SAFE_NO_PAD.encode("{\"scp\":")),
            format!("{header}.{}.sig", URL_SAFE_NO_PAD.encode(r#"{"scp":7}"#)),
            format!(
                "{header}.{}.sig",
                URL_SAFE_NO_PAD.encode(r#"{"exp":"soon"}"#)
            ),
            format!("{header}.{}.sig", URL_SAFE_NO_PAD.encode(b"\xff\xfe{}")),
            format!(
                "{}.{}.sig",
                URL_SAFE_NO_PAD.encode("nope"),
                URL_SAFE_NO_PAD.encode("{}")
            ),
        ];
        for case in &cases {
            assert_eq!(TokenClaims::parse(case), None, "{case:?}");
        }
        // Every prefix and every single-byte change of a real token either parses or is None.
        let token = jwt(r#"{"scp":"User.Read","roles":["R"],"tid":"t","exp":1}"#);
        for end in 0..token.len() {
            let _ = TokenClaims::parse(&token[..end]);
        }
        let bytes = token.as_bytes();
        for i in 0..bytes.len() {
            for replacement in [b'.', b'=', b'A', b'-', b'/', b' '] {
                let mut changed = bytes.to_vec();
                changed[i] = replacement;
                let _ = TokenClaims::parse(std::str::from_utf8(&changed).unwrap());
            }
        }
        // Huge exponents saturate instead of overflowing.
        let huge = TokenClaims::parse(&jwt(r#"{"exp":1e300}"#)).unwrap();
        assert_eq!(huge.exp, Some(i64::MAX));
    }

    const CHALLENGE_JSON: &str =
        r#"{"access_token":{"nbf":{"essential":true, "value":"1604106651"}}}"#;

    #[test]
    fn graph_claims_challenge() {
        let encoded = base64::engine::general_purpose::STANDARD.encode(CHALLENGE_JSON);
        let header = format!(
            r#"Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000", error="insufficient_claims", claims="{encoded}""#
        );
        assert_eq!(claims_challenge(&header).as_deref(), Some(CHALLENGE_JSON));
        // Unpadded, base64url, unquoted, odd spacing and case, after another scheme.
        let url_safe = URL_SAFE_NO_PAD.encode(CHALLENGE_JSON);
        for header in [
            format!(r#"bearer CLAIMS = "{url_safe}""#),
            format!("Bearer error=insufficient_claims,claims={url_safe}"),
            format!(r#"PoP nonce="abc", Bearer realm="", claims="{encoded}""#),
            format!(r#"Negotiate abc==, Bearer claims="{encoded}""#),
            format!(r#"Bearer realm="with \"quotes\", and commas", claims="{encoded}""#),
        ] {
            assert_eq!(
                claims_challenge(&header).as_deref(),
                Some(CHALLENGE_JSON),
                "{header}"
            );
        }
    }

    #[test]
    fn no_claims_challenge() {
        let encoded = base64::engine::general_purpose::STANDARD.encode(CHALLENGE_JSON);
        for header in [
            String::new(),
            "Bearer".into(),
            r#"Bearer realm="", error="invalid_token""#.into(),
            // `claims` of another scheme, or inside another parameter's value.
            format!(r#"PoP claims="{encoded}", Bearer realm="""#),
            format!(r#"Bearer realm="claims={encoded}""#),
            // Not base64, not JSON, not an object.
            r#"Bearer claims="!!!""#.into(),
            format!(r#"Bearer claims="{}""#, URL_SAFE_NO_PAD.encode("not json")),
            format!(r#"Bearer claims="{}""#, URL_SAFE_NO_PAD.encode("[1]")),
            format!(r#"Bearer claims="{}""#, URL_SAFE_NO_PAD.encode(b"\xff")),
            r#"Bearer claims=""#.into(),
            r#"Bearer claims"#.into(),
            r#"Bearer claims="#.into(),
            r#"""""=,,,==\"#.into(),
            "é Bearer é= claims".into(),
        ] {
            assert_eq!(claims_challenge(&header), None, "{header}");
        }
        // Every prefix of a real header is answered without a panic.
        let header =
            format!(r#"Bearer realm="a\"b", error="insufficient_claims", claims="{encoded}""#);
        for end in 0..header.len() {
            let _ = claims_challenge(&header[..end]);
        }
    }
}
