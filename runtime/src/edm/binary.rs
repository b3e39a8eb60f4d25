//! `Edm.Binary`.

use std::fmt;
use std::str::FromStr;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;

use super::{string_serde, ParseEdmError};

/// `Edm.Binary`: bytes, written as base64 with the standard alphabet and padding.
///
/// Decoding is strict: another alphabet, missing padding or stray characters are an error rather
/// than a guess, so what is read is exactly what will be written back.
///
/// ```
/// use graphpatch::Binary;
/// let blob: Binary = "Y29udGVudA==".parse().unwrap();
/// assert_eq!(blob.as_bytes(), b"content");
/// assert_eq!(blob.to_string(), "Y29udGVudA==");
/// assert!("Y29udGVudA".parse::<Binary>().is_err());
/// ```
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Binary(pub Vec<u8>);

impl Binary {
    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The bytes, by value.
    pub fn into_bytes(self) -> Vec<u8> {
        self.0
    }
}

impl From<Vec<u8>> for Binary {
    fn from(bytes: Vec<u8>) -> Self {
        Binary(bytes)
    }
}

impl From<&[u8]> for Binary {
    fn from(bytes: &[u8]) -> Self {
        Binary(bytes.to_vec())
    }
}

impl<const N: usize> From<&[u8; N]> for Binary {
    fn from(bytes: &[u8; N]) -> Self {
        Binary(bytes.to_vec())
    }
}

impl FromStr for Binary {
    type Err = ParseEdmError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        STANDARD.decode(input).map(Binary).map_err(|_| {
            ParseEdmError::new(
                "Edm.Binary",
                input,
                "base64 with the standard alphabet and padding",
            )
        })
    }
}

impl fmt::Display for Binary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&STANDARD.encode(&self.0))
    }
}

impl fmt::Debug for Binary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Binary({} bytes)", self.0.len())
    }
}

string_serde!(Binary, "an Edm.Binary base64 string");
