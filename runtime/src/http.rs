//! HTTP rules the Graph client and the identity-platform providers share.

use url::Url;

/// Whether the URL's host is a loopback address (or `localhost`): the only hosts plain `http://`
/// may reach, since a bearer token or a secret cannot be overheard there.
pub(crate) fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// Why a body could not be read whole.
pub(crate) enum BodyError {
    Transport(reqwest::Error),
    TooLarge,
}

/// Reads a response body, refusing more than `limit` bytes, announced or not.
pub(crate) async fn read_limited(
    mut response: reqwest::Response,
    limit: usize,
) -> Result<bytes::Bytes, BodyError> {
    let expected = response.content_length();
    if expected.is_some_and(|n| n > limit as u64) {
        return Err(BodyError::TooLarge);
    }
    if expected.is_some() {
        // The server announced a size within the limit; hyper holds it to that size.
        return response.bytes().await.map_err(BodyError::Transport);
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(BodyError::Transport)? {
        if body.len() + chunk.len() > limit {
            return Err(BodyError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.into())
}
