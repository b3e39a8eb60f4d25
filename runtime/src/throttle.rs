//! Pacing to the service's budget: a [`Budget`] of writes per window, and the pacer that spaces
//! a bulk run's sends under it — or, without a budget, adapts to the `429`s the retry loop
//! reports through its throttle hook.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::retry::ThrottleObserver;

/// A write budget: at most `writes` requests per `window`, as the service counts them.
///
/// Intune documents 200 writes per 20 seconds per app and tenant ([`Budget::INTUNE_PER_APP`]),
/// and 400 per tenant across apps.
///
/// ```
/// use std::time::Duration;
/// use graphpatch::throttle::Budget;
/// let budget = Budget::new(200, Duration::from_secs(20));
/// assert_eq!(budget, Budget::INTUNE_PER_APP);
/// assert_eq!(budget.per_second(), 10.0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Budget {
    /// Writes allowed per window.
    pub writes: u32,
    /// The window.
    pub window: Duration,
}

impl Budget {
    /// Intune's documented write budget per app and tenant: 200 per 20 seconds.
    pub const INTUNE_PER_APP: Budget = Budget {
        writes: 200,
        window: Duration::from_secs(20),
    };

    /// `writes` per `window`.
    pub const fn new(writes: u32, window: Duration) -> Budget {
        Budget { writes, window }
    }

    /// The budget as a rate.
    pub fn per_second(&self) -> f64 {
        f64::from(self.writes) / self.window.as_secs_f64()
    }
}

/// Hands out send times: evenly spaced at the current pace, held back after a `429`.
pub(crate) struct Pacer {
    state: Mutex<PacerState>,
    throttled: AtomicU64,
}

struct PacerState {
    /// Time between two sends.
    interval: Duration,
    /// The earliest time the next send may go.
    next: Instant,
    /// Whether the pace adapts (no budget given).
    adaptive: bool,
    /// Until when everyone holds back after a `429`: the refusals of requests that were already
    /// in flight then slow the pace only once.
    paused_until: Instant,
}

/// Sends a little under a known budget, so clock skew and latency jitter stay inside it.
const HEADROOM: f64 = 0.98;
/// The adaptive pace's start (50 per second) and bounds.
const ADAPTIVE_START: Duration = Duration::from_millis(20);
const ADAPTIVE_FASTEST: Duration = Duration::from_micros(500);
const ADAPTIVE_SLOWEST: Duration = Duration::from_secs(10);

impl Pacer {
    pub(crate) fn for_budget(budget: Budget) -> Pacer {
        let per_second = budget.per_second() * HEADROOM;
        let interval = if per_second > 0.0 {
            Duration::from_secs_f64(1.0 / per_second)
        } else {
            budget.window
        };
        Pacer::new(interval, false)
    }

    pub(crate) fn adaptive() -> Pacer {
        Pacer::new(ADAPTIVE_START, true)
    }

    fn new(interval: Duration, adaptive: bool) -> Pacer {
        Pacer {
            state: Mutex::new(PacerState {
                interval,
                next: Instant::now(),
                adaptive,
                paused_until: Instant::now(),
            }),
            throttled: AtomicU64::new(0),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, PacerState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Reserves the next send time.
    pub(crate) fn slot(&self) -> Instant {
        let mut state = self.lock();
        let at = state.next.max(Instant::now());
        state.next = at + state.interval;
        at
    }

    /// The `429`s met so far.
    pub(crate) fn throttle_count(&self) -> u64 {
        self.throttled.load(Ordering::Relaxed)
    }

    pub(crate) fn succeeded(&self) {
        let mut state = self.lock();
        if state.adaptive {
            state.interval = state.interval.mul_f64(1.0 / 1.02).max(ADAPTIVE_FASTEST);
        }
    }

    #[cfg(test)]
    fn interval(&self) -> Duration {
        self.lock().interval
    }
}

impl ThrottleObserver for Pacer {
    fn throttled(&self, wait: Option<Duration>) {
        self.throttled.fetch_add(1, Ordering::Relaxed);
        let mut state = self.lock();
        let now = Instant::now();
        if state.adaptive && now >= state.paused_until {
            state.interval = (state.interval * 2).min(ADAPTIVE_SLOWEST);
        }
        // Everyone waits out the service's pause, not just the request that was refused.
        let resume = now + wait.unwrap_or(state.interval);
        state.paused_until = state.paused_until.max(resume);
        state.next = state.next.max(resume);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_budget_spaces_sends_evenly_under_it() {
        let pacer = Pacer::for_budget(Budget::new(100, Duration::from_secs(1)));
        let first = pacer.slot();
        let slots: Vec<Instant> = (0..99).map(|_| pacer.slot()).collect();
        let span = *slots.last().unwrap() - first;
        // 100 sends take 99 intervals of 1/98 s: just over a second, so a window never
        // holds more than the budget.
        assert!(span > Duration::from_millis(1000), "{span:?}");
        assert!(span < Duration::from_millis(1020), "{span:?}");
    }

    #[test]
    fn a_throttle_holds_everyone_back_and_slows_an_adaptive_pace() {
        let pacer = Pacer::adaptive();
        let before = pacer.interval();
        pacer.throttled(Some(Duration::from_secs(2)));
        assert_eq!(pacer.interval(), before * 2);
        assert!(pacer.slot() >= Instant::now() + Duration::from_millis(1900));
        for _ in 0..100 {
            pacer.succeeded();
        }
        assert!(pacer.interval() < before);
        assert_eq!(pacer.throttle_count(), 1);

        let fixed = Pacer::for_budget(Budget::INTUNE_PER_APP);
        let interval = fixed.interval();
        fixed.throttled(None);
        fixed.succeeded();
        assert_eq!(fixed.interval(), interval, "a known budget keeps its pace");
    }
}
