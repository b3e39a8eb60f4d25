//! Pacing to the service's budget: a [`Budget`] of writes per window; Intune's throttling
//! families ([`ThrottleFamily`], the table in [`families`]), which give each Intune entity its
//! budgets; and the pacer that spaces a bulk run's sends under a budget — or, without one,
//! adapts to the `429`s the retry loop reports through its throttle hook.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::path::{PathTemplate, Segment};
use crate::retry::ThrottleObserver;

pub mod families;

/// One of Intune's throttling families: the resources Intune counts together, and how many
/// writes (`PATCH`, `POST`, `PUT`, `DELETE`) and requests of any kind (reads included) it allows
/// per app and tenant and per tenant in one window.
///
/// ```
/// use std::time::Duration;
/// use graphpatch::throttle::{families, Budget, ThrottleFamily};
/// let family = ThrottleFamily::for_resource("windows10GeneralConfiguration").unwrap();
/// assert_eq!(family, &families::DEVICE_CONFIGURATION);
/// assert_eq!(family.write_budget(), Budget::new(100, Duration::from_secs(20)));
/// assert_eq!(families::DEVICES.write_budget(), Budget::new(200, Duration::from_secs(20)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ThrottleFamily {
    /// The family's name on Graph's throttling-limits page, e.g. `"Intune devices"`.
    pub name: &'static str,
    /// Writes per app and tenant in one window.
    pub writes_per_app_per_tenant: u32,
    /// Writes per tenant, all apps together, in one window.
    pub writes_per_tenant: u32,
    /// Requests of any kind per app and tenant in one window.
    pub any_per_app_per_tenant: u32,
    /// Requests of any kind per tenant, all apps together, in one window.
    pub any_per_tenant: u32,
    /// The window the service counts in (20 seconds for every Intune family).
    pub window: Duration,
}

impl ThrottleFamily {
    /// What an Intune resource the table does not list gets: the smallest limits of any family
    /// (100 writes and 1,000 requests per app and tenant, 200 and 2,000 per tenant, per 20 s).
    pub const UNLISTED: ThrottleFamily = ThrottleFamily {
        name: "Intune (family not listed)",
        writes_per_app_per_tenant: 100,
        writes_per_tenant: 200,
        any_per_app_per_tenant: 1000,
        any_per_tenant: 2000,
        window: Duration::from_secs(20),
    };

    /// The family of a resource (an entity type's name, e.g. `"managedDevice"`), if the table
    /// lists it.
    pub fn for_resource(name: &str) -> Option<&'static ThrottleFamily> {
        families::RESOURCES
            .iter()
            .find(|(_, resources)| resources.contains(&name))
            .map(|(family, _)| *family)
    }

    /// The family of an entity type reached at `paths`: its own type name if the table lists
    /// it; else the collections its paths address by key, innermost first (`/deviceManagement/
    /// deviceManagementScripts/{id}/runStates/{id}` falls in the family of
    /// `deviceManagementScript`); else, for a path under `/deviceManagement` or
    /// `/deviceAppManagement`, [`ThrottleFamily::UNLISTED`]. `None` outside Intune.
    pub fn for_entity(odata_type: &str, paths: &[PathTemplate]) -> Option<&'static ThrottleFamily> {
        let name = odata_type.rsplit('.').next().unwrap_or(odata_type);
        if let Some(family) = Self::for_resource(name) {
            return Some(family);
        }
        // The resources a path addresses: a collection with its key, or the last segment; a
        // singleton it only passes through (`/deviceManagement/…`) is not what it writes.
        let literals = |path: &PathTemplate| {
            let segments = path.segments;
            (0..segments.len())
                .rev()
                .filter_map(move |i| match segments[i] {
                    Segment::Literal(text)
                        if i + 1 == segments.len()
                            || matches!(segments[i + 1], Segment::Param { .. }) =>
                    {
                        Some(text)
                    }
                    _ => None,
                })
        };
        for path in paths {
            for literal in literals(path) {
                if let Some(family) = singular(literal)
                    .and_then(|one| Self::for_resource(&one))
                    .or_else(|| Self::for_resource(literal))
                {
                    return Some(family);
                }
            }
        }
        paths
            .iter()
            .any(|path| {
                matches!(
                    path.segments.first(),
                    Some(Segment::Literal("deviceManagement" | "deviceAppManagement"))
                )
            })
            .then_some(&Self::UNLISTED)
    }

    /// The writes one app may make in one tenant: what a bulk run paces to by default.
    pub const fn write_budget(&self) -> Budget {
        Budget::new(self.writes_per_app_per_tenant, self.window)
    }

    /// The writes all apps together may make in one tenant.
    pub const fn tenant_write_budget(&self) -> Budget {
        Budget::new(self.writes_per_tenant, self.window)
    }

    /// The requests of any kind (reads included) one app may make in one tenant.
    pub const fn request_budget(&self) -> Budget {
        Budget::new(self.any_per_app_per_tenant, self.window)
    }

    /// The requests of any kind all apps together may make in one tenant.
    pub const fn tenant_request_budget(&self) -> Budget {
        Budget::new(self.any_per_tenant, self.window)
    }
}

/// The singular of a collection segment (`deviceConfigurations` → `deviceConfiguration`,
/// `policies` → `policy`), or `None` for a word that does not end in `s`.
fn singular(plural: &str) -> Option<String> {
    if let Some(stem) = plural.strip_suffix("ies") {
        return Some(format!("{stem}y"));
    }
    plural.strip_suffix('s').map(str::to_owned)
}

/// A write budget: at most `writes` requests per `window`, as the service counts them.
///
/// Each Intune family has its own ([`ThrottleFamily::write_budget`]): most allow 100 writes per
/// 20 seconds per app and tenant, the devices family 200 ([`Budget::INTUNE_PER_APP`]).
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
    /// The Intune devices family's write budget per app and tenant (managed devices, device
    /// scripts, …): 200 per 20 seconds. Most other families allow 100: see
    /// [`ThrottleFamily::write_budget`].
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
///
/// Lock-free: a send reserves its slot with one atomic update, so many requests (and many runs
/// on one client) pace without waiting on each other, and a slot that is already due costs no
/// timer at all ([`Pacer::wait_turn`]). An adaptive pace sends unpaced until the service first
/// refuses: it has nothing to learn from before then, and a slow start from a guess would hold
/// a run far under a service that allows more.
pub(crate) struct Pacer {
    /// What the nanosecond counters below count from.
    origin: Instant,
    /// The earliest time the next send may go.
    next: AtomicU64,
    /// Time between two sends; 0 while an adaptive pace is unpaced (before its first `429`).
    interval: AtomicU64,
    /// Whether the pace adapts (no budget given).
    adaptive: bool,
    /// Until when everyone holds back after a `429`: the refusals of requests that were already
    /// in flight then slow the pace only once.
    paused_until: AtomicU64,
    /// Adaptive, while unpaced: the sends so far and when the first went (`u64::MAX` before
    /// it), which give the rate the first `429` refused.
    sent: AtomicU64,
    first_sent: AtomicU64,
    throttled: AtomicU64,
}

/// Sends a little under a known budget, so clock skew and latency jitter stay inside it.
const HEADROOM: f64 = 0.98;
/// The adaptive pace's slowest.
const ADAPTIVE_SLOWEST: Duration = Duration::from_secs(10);
/// After its first refusal, each success speeds an adaptive pace up by this factor and each
/// refusal halves it. There is no fastest pace: the service's `429`s are the limit.
const RAMP: f64 = 1.02;
/// At a pace of more than one send per tick, a slot less than this far ahead is taken at once:
/// tokio's timer ticks in milliseconds, so a shorter sleep would cost a whole tick, and a
/// millisecond early is well inside any budget's headroom.
const TIMER_TICK: Duration = Duration::from_millis(1);

fn nanos(duration: Duration) -> u64 {
    u64::try_from(duration.as_nanos()).unwrap_or(u64::MAX)
}

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

    /// An adaptive pace, unpaced until the service first refuses.
    pub(crate) fn adaptive() -> Pacer {
        Pacer::new(Duration::ZERO, true)
    }

    fn new(interval: Duration, adaptive: bool) -> Pacer {
        Pacer {
            origin: Instant::now(),
            next: AtomicU64::new(0),
            interval: AtomicU64::new(nanos(interval)),
            adaptive,
            paused_until: AtomicU64::new(0),
            sent: AtomicU64::new(0),
            first_sent: AtomicU64::new(u64::MAX),
            throttled: AtomicU64::new(0),
        }
    }

    /// `at` in nanoseconds since the origin.
    fn since_origin(&self, at: Instant) -> u64 {
        nanos(at.saturating_duration_since(self.origin))
    }

    /// Reserves the next send time.
    #[cfg(test)]
    fn slot(&self) -> Instant {
        self.slot_at(Instant::now())
    }

    fn slot_at(&self, now: Instant) -> Instant {
        let now = self.since_origin(now);
        let interval = self.interval.load(Ordering::Relaxed);
        let reserved = self
            .next
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |next| {
                Some(next.max(now).saturating_add(interval))
            })
            .unwrap_or_else(|next| next);
        self.origin + Duration::from_nanos(reserved.max(now))
    }

    /// Waits for this send's turn: at once if the next slot is less than a timer tick away.
    ///
    /// A known budget reserves its slot and sleeps until it. An adaptive pace takes a slot only
    /// once it is due and otherwise sleeps until the next one is and tries again: it speeds up
    /// as requests succeed, so a slot reserved now, at today's slow pace, would hold a request
    /// back long after the pace no longer asks it to. Unpaced, it only counts the send.
    pub(crate) async fn wait_turn(&self) {
        loop {
            let now = Instant::now();
            if !self.adaptive {
                let at = self.slot_at(now);
                // Early only at a pace of more than one send per tick, where it is a few slots'
                // worth; a slower budget is never met early.
                let early = if self.interval.load(Ordering::Relaxed) < nanos(TIMER_TICK) {
                    TIMER_TICK
                } else {
                    Duration::from_nanos(1)
                };
                if at.saturating_duration_since(now) >= early {
                    tokio::time::sleep_until(at.into()).await;
                }
                return;
            }
            let since = self.since_origin(now);
            let next = self.next.load(Ordering::Relaxed);
            if next < since.saturating_add(nanos(TIMER_TICK)) {
                let interval = self.interval.load(Ordering::Relaxed);
                if interval == 0 {
                    if self.sent.fetch_add(1, Ordering::Relaxed) == 0 {
                        self.first_sent.fetch_min(since, Ordering::Relaxed);
                    }
                    return;
                }
                // Due: take it, unless another request took it first.
                let taken = self.next.compare_exchange(
                    next,
                    next.max(since).saturating_add(interval),
                    Ordering::Relaxed,
                    Ordering::Relaxed,
                );
                if taken.is_ok() {
                    return;
                }
                continue;
            }
            tokio::time::sleep_until((self.origin + Duration::from_nanos(next)).into()).await;
        }
    }

    /// The `429`s met so far.
    pub(crate) fn throttle_count(&self) -> u64 {
        self.throttled.load(Ordering::Relaxed)
    }

    pub(crate) fn succeeded(&self) {
        // A known budget keeps its pace; an unpaced one has nothing to speed up.
        if !self.adaptive || self.interval.load(Ordering::Relaxed) == 0 {
            return;
        }
        let _ = self
            .interval
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |interval| {
                Some(((interval as f64 / RAMP) as u64).max(1))
            });
    }

    #[cfg(test)]
    fn interval(&self) -> Duration {
        Duration::from_nanos(self.interval.load(Ordering::Relaxed))
    }
}

impl ThrottleObserver for Pacer {
    fn throttled(&self, wait: Option<Duration>) {
        self.throttled.fetch_add(1, Ordering::Relaxed);
        let now = self.since_origin(Instant::now());
        let mut interval = self.interval.load(Ordering::Relaxed);
        if self.adaptive && now >= self.paused_until.load(Ordering::Relaxed) {
            // The pace refused is the pace asked for. (Not the slower pace a run held back by its
            // concurrency or by failures actually sent at: a refusal that is not about the rate
            // at all — a service's random 429s — would then drag the pace down without end.)
            // Unpaced, nothing was asked for: the first refusal is of the rate the run sent at,
            // measured once, and from then on the pace is asked for.
            let refused = if interval == 0 {
                let first = self.first_sent.load(Ordering::Relaxed).min(now);
                (now - first) / self.sent.load(Ordering::Relaxed).max(1)
            } else {
                interval
            };
            interval = refused
                .max(1)
                .saturating_mul(2)
                .min(nanos(ADAPTIVE_SLOWEST));
            self.interval.store(interval, Ordering::Relaxed);
        }
        // Everyone waits out the service's pause, not just the request that was refused.
        let resume = now.saturating_add(wait.map_or(interval, nanos));
        self.paused_until.fetch_max(resume, Ordering::Relaxed);
        self.next.fetch_max(resume, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const fn template(template: &'static str, segments: &'static [Segment]) -> PathTemplate {
        PathTemplate { template, segments }
    }

    #[test]
    fn entities_fall_in_their_family_by_name_then_by_path() {
        use Segment::{Literal, Param};
        let scripts = [template(
            "/deviceManagement/deviceManagementScripts/{id}/runStates/{id}",
            &[
                Literal("deviceManagement"),
                Literal("deviceManagementScripts"),
                Param {
                    wire: "id",
                    name: "id",
                },
                Literal("runStates"),
                Param {
                    wire: "id",
                    name: "id",
                },
            ],
        )];
        // Listed by name.
        assert_eq!(
            ThrottleFamily::for_entity("microsoft.graph.managedDevice", &[]),
            Some(&families::DEVICES)
        );
        // Not listed itself: the seed reaches it through the device scripts.
        assert_eq!(
            ThrottleFamily::for_entity("microsoft.graph.deviceManagementScriptState", &scripts),
            Some(&families::DEVICES)
        );
        // `…Policies` → `…Policy`.
        let policies = [template(
            "/deviceManagement/deviceCompliancePolicies/{id}",
            &[
                Literal("deviceManagement"),
                Literal("deviceCompliancePolicies"),
                Param {
                    wire: "id",
                    name: "id",
                },
            ],
        )];
        assert_eq!(
            ThrottleFamily::for_entity("microsoft.graph.somethingNew", &policies).map(|f| f.name),
            ThrottleFamily::for_resource("deviceCompliancePolicy").map(|f| f.name)
        );
        // Intune, but nowhere in the table: the conservative default.
        let unknown = [template(
            "/deviceManagement/somethingUnheardOf/{id}",
            &[
                Literal("deviceManagement"),
                Literal("somethingUnheardOf"),
                Param {
                    wire: "id",
                    name: "id",
                },
            ],
        )];
        assert_eq!(
            ThrottleFamily::for_entity("microsoft.graph.unheardOf", &unknown),
            Some(&ThrottleFamily::UNLISTED)
        );
        // Not Intune at all.
        let users = [template(
            "/users/{id}",
            &[
                Literal("users"),
                Param {
                    wire: "id",
                    name: "id",
                },
            ],
        )];
        assert_eq!(
            ThrottleFamily::for_entity("microsoft.graph.user", &users),
            None
        );
    }

    #[test]
    fn every_resource_finds_the_first_family_that_lists_it() {
        for (index, (family, resources)) in families::RESOURCES.iter().enumerate() {
            for name in *resources {
                let first = families::RESOURCES[..index]
                    .iter()
                    .find(|(_, earlier)| earlier.contains(name))
                    .map_or(*family, |(earlier, _)| *earlier);
                assert_eq!(ThrottleFamily::for_resource(name), Some(first), "{name}");
            }
        }
        assert_eq!(ThrottleFamily::for_resource("noSuchResource"), None);
        let smallest = |f: fn(&ThrottleFamily) -> u32| families::ALL.iter().map(f).min();
        let unlisted = ThrottleFamily::UNLISTED;
        assert_eq!(
            smallest(|f| f.writes_per_app_per_tenant),
            Some(unlisted.writes_per_app_per_tenant)
        );
        assert_eq!(
            smallest(|f| f.writes_per_tenant),
            Some(unlisted.writes_per_tenant)
        );
        assert_eq!(
            smallest(|f| f.any_per_app_per_tenant),
            Some(unlisted.any_per_app_per_tenant)
        );
        assert_eq!(
            smallest(|f| f.any_per_tenant),
            Some(unlisted.any_per_tenant)
        );
    }

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
        // An adaptive pace that is already pacing (as after its first refusal), at 50 a second.
        let pacer = Pacer::new(Duration::from_millis(20), true);
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

    #[tokio::test]
    async fn an_adaptive_pace_is_unpaced_until_its_first_throttle_then_halves_the_rate_sent_at() {
        let pacer = Pacer::adaptive();
        let started = Instant::now();
        for _ in 0..10_000 {
            pacer.wait_turn().await;
            pacer.succeeded();
        }
        assert_eq!(
            pacer.interval(),
            Duration::ZERO,
            "successes keep it unpaced"
        );
        // Ten thousand sends without a timer: far faster than a timer tick each.
        assert!(
            started.elapsed() < Duration::from_millis(500),
            "{:?}",
            started.elapsed()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
        let span = started.elapsed();
        pacer.throttled(Some(Duration::from_secs(2)));
        // Sent at about 10,000 per `span`: the pace is now half of that.
        let sent_at = span / 10_000;
        let interval = pacer.interval();
        assert!(
            interval >= sent_at * 2 - Duration::from_micros(1),
            "{interval:?} {sent_at:?}"
        );
        assert!(
            interval <= sent_at * 2 * 11 / 10,
            "{interval:?} {sent_at:?}"
        );
        assert!(pacer.slot() >= Instant::now() + Duration::from_millis(1900));
        // A refusal while everyone holds back does not slow it again.
        pacer.throttled(Some(Duration::from_secs(2)));
        assert_eq!(pacer.interval(), interval);
        pacer.succeeded();
        assert!(pacer.interval() < interval, "it climbs back from there");
        assert_eq!(pacer.throttle_count(), 2);
    }
}
