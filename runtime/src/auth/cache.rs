//! The token cache the identity-platform providers share: reuse until shortly before expiry,
//! one refresh in flight at a time.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use tokio::sync::{Mutex, MutexGuard};

use super::secret::Secret;
use super::{AccessToken, TokenError};

/// The longest a token is reused, whatever lifetime it claims (the identity platform's last
/// at most 28 hours); also keeps `Instant` arithmetic far from overflow.
const MAX_REUSE: Duration = Duration::from_secs(24 * 60 * 60);

/// What a successful token request gave.
pub(crate) struct Grant {
    pub(crate) token: AccessToken,
    /// How long the token is valid from when it was asked for; `None`: unknown, not cached.
    pub(crate) lifetime: Option<Duration>,
    /// A refresh token, to keep (the identity platform rotates them).
    pub(crate) refresh_token: Option<Secret>,
}

/// A cached token and a refresh token, guarded so that one caller at a time asks for a new one.
pub(crate) struct TokenCache {
    /// How long before expiry a token is refreshed, at most half its lifetime.
    margin: Duration,
    /// Flights started so far; read before waiting for the lock, so that a caller can tell a
    /// flight it waited for from one that ended before it came.
    flights: AtomicU64,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    token: Option<Cached>,
    refresh_token: Option<Secret>,
    /// The last flight's failure and its number, for the callers that waited for it.
    failure: Option<(u64, TokenError)>,
}

struct Cached {
    token: AccessToken,
    refresh_at: Instant,
}

/// What [`TokenCache::begin`] found.
pub(crate) enum Lookup<'a> {
    /// A token that is still good.
    Cached(AccessToken),
    /// The flight this caller waited for failed: its error, not retried at once.
    Failed(TokenError),
    /// This caller must ask for a token; the others wait until it is done.
    Refresh(Flight<'a>),
}

/// The right, and the duty, to ask for a new token. Callers wait while it lives.
pub(crate) struct Flight<'a> {
    state: MutexGuard<'a, State>,
    number: u64,
    started: Instant,
    margin: Duration,
    /// A failure others may share (not one of a claims request, which is this caller's own).
    shared: bool,
}

impl TokenCache {
    pub(crate) fn new(margin: Duration) -> Self {
        TokenCache {
            margin,
            flights: AtomicU64::new(0),
            state: Mutex::new(State::default()),
        }
    }

    /// The cached token, or the right to get one. `bypass` (for a claims challenge) skips the
    /// cached token and the shared failure, but still waits for a flight in progress.
    pub(crate) async fn begin(&self, bypass: bool) -> Lookup<'_> {
        let seen = self.flights.load(Ordering::Acquire);
        let state = self.state.lock().await;
        if !bypass {
            if let Some(cached) = &state.token {
                if Instant::now() < cached.refresh_at {
                    return Lookup::Cached(cached.token.clone());
                }
            }
            if let Some((flight, error)) = &state.failure {
                if *flight > seen {
                    return Lookup::Failed(error.clone());
                }
            }
        }
        let number = self.flights.fetch_add(1, Ordering::AcqRel) + 1;
        Lookup::Refresh(Flight {
            state,
            number,
            started: Instant::now(),
            margin: self.margin,
            shared: !bypass,
        })
    }

    #[cfg(test)]
    fn has_refresh_token(&self) -> Option<bool> {
        self.state
            .try_lock()
            .ok()
            .map(|state| state.refresh_token.is_some())
    }
}

impl Flight<'_> {
    /// The refresh token kept from an earlier grant.
    pub(crate) fn refresh_token(&self) -> Option<Secret> {
        self.state.refresh_token.clone()
    }

    /// Drops a refresh token the identity platform refused.
    pub(crate) fn forget_refresh_token(&mut self) {
        self.state.refresh_token = None;
    }

    /// Keeps what a successful request gave; a failure is kept only for the callers waiting
    /// now. Returns the token or the error.
    pub(crate) fn finish(
        mut self,
        result: Result<Grant, TokenError>,
    ) -> Result<AccessToken, TokenError> {
        match result {
            Ok(grant) => {
                let state = &mut *self.state;
                if grant.refresh_token.is_some() {
                    state.refresh_token = grant.refresh_token;
                }
                state.token = grant.lifetime.map(|lifetime| {
                    let keep = lifetime - self.margin.min(lifetime / 2);
                    Cached {
                        token: grant.token.clone(),
                        refresh_at: self.started + keep.min(MAX_REUSE),
                    }
                });
                state.failure = None;
                Ok(grant.token)
            }
            Err(error) => {
                if self.shared {
                    self.state.failure = Some((self.number, error.clone()));
                }
                Err(error)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn grant(token: &str, lifetime: Option<Duration>) -> Result<Grant, TokenError> {
        Ok(Grant {
            token: AccessToken::new(token),
            lifetime,
            refresh_token: None,
        })
    }

    async fn fetch(cache: &TokenCache, answer: Result<Grant, TokenError>) -> Lookup<'_> {
        match cache.begin(false).await {
            Lookup::Refresh(flight) => match flight.finish(answer) {
                Ok(token) => Lookup::Cached(token),
                Err(error) => Lookup::Failed(error),
            },
            other => other,
        }
    }

    fn token(lookup: Lookup<'_>) -> Option<String> {
        match lookup {
            Lookup::Cached(token) => Some(token.secret().to_owned()),
            _ => None,
        }
    }

    #[tokio::test]
    async fn reused_until_the_margin_and_capped_at_half_the_lifetime() {
        let cache = TokenCache::new(Duration::from_secs(300));
        let hour = Some(Duration::from_secs(3600));
        assert_eq!(token(fetch(&cache, grant("a", hour)).await).unwrap(), "a");
        // The cached token answers; the new grant is never asked for.
        assert_eq!(token(fetch(&cache, grant("b", hour)).await).unwrap(), "a");

        // A lifetime within the margin: reused for half of it.
        let cache = TokenCache::new(Duration::from_secs(300));
        let short = Some(Duration::from_millis(200));
        token(fetch(&cache, grant("a", short)).await).unwrap();
        assert_eq!(token(fetch(&cache, grant("b", short)).await).unwrap(), "a");
        tokio::time::sleep(Duration::from_millis(120)).await;
        assert_eq!(token(fetch(&cache, grant("c", short)).await).unwrap(), "c");

        // An unknown lifetime is not cached.
        let cache = TokenCache::new(Duration::ZERO);
        token(fetch(&cache, grant("a", None)).await).unwrap();
        assert_eq!(token(fetch(&cache, grant("b", None)).await).unwrap(), "b");
    }

    #[tokio::test]
    async fn bypass_replaces_the_cached_token() {
        let cache = TokenCache::new(Duration::ZERO);
        let hour = Some(Duration::from_secs(3600));
        token(fetch(&cache, grant("a", hour)).await).unwrap();
        let Lookup::Refresh(flight) = cache.begin(true).await else {
            panic!("bypass must refresh")
        };
        flight.finish(grant("claims", hour)).unwrap();
        assert_eq!(
            token(fetch(&cache, grant("c", hour)).await).unwrap(),
            "claims"
        );
    }

    #[tokio::test]
    async fn refresh_tokens_are_kept_rotated_and_forgotten() {
        let cache = TokenCache::new(Duration::ZERO);
        let Lookup::Refresh(flight) = cache.begin(false).await else {
            panic!()
        };
        assert!(flight.refresh_token().is_none());
        flight
            .finish(Ok(Grant {
                token: AccessToken::new("a"),
                lifetime: None,
                refresh_token: Some(Secret::new("r1")),
            }))
            .unwrap();
        assert_eq!(cache.has_refresh_token(), Some(true));
        let Lookup::Refresh(flight) = cache.begin(false).await else {
            panic!()
        };
        assert_eq!(flight.refresh_token().unwrap().expose(), "r1");
        // A grant without one keeps the old one.
        flight.finish(grant("b", None)).unwrap();
        let Lookup::Refresh(mut flight) = cache.begin(false).await else {
            panic!()
        };
        assert_eq!(flight.refresh_token().unwrap().expose(), "r1");
        flight.forget_refresh_token();
        flight.finish(Err(TokenError::new("refused"))).unwrap_err();
        assert_eq!(cache.has_refresh_token(), Some(false));
    }

    #[tokio::test]
    async fn one_flight_at_a_time_and_failures_go_to_those_who_waited() {
        let cache = Arc::new(TokenCache::new(Duration::ZERO));
        let Lookup::Refresh(flight) = cache.begin(false).await else {
            panic!()
        };
        // Callers that come during the flight wait for it.
        let waiters: Vec<_> = (0..3)
            .map(|_| {
                let cache = cache.clone();
                tokio::spawn(async move {
                    match cache.begin(false).await {
                        Lookup::Refresh(flight) => {
                            flight.finish(Err(TokenError::new("second flight failed")))
                        }
                        Lookup::Failed(error) => Err(error),
                        Lookup::Cached(token) => Ok(token),
                    }
                })
            })
            .collect();
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(waiters.iter().all(|w| !w.is_finished()));
        flight
            .finish(Err(TokenError::new("first flight failed")))
            .unwrap_err();
        let mut errors = Vec::new();
        for waiter in waiters {
            errors.push(waiter.await.unwrap().unwrap_err().to_string());
        }
        // Those who came during the first flight cannot tell it from one that ended before
        // they came, so one of them tries again; the others share its failure.
        assert_eq!(errors, ["second flight failed"; 3]);
        // A failure is not cached: the next caller tries again.
        assert!(matches!(cache.begin(false).await, Lookup::Refresh(_)));
    }
}
