//! The waits the client decided, read from its `tracing` events: what a timing test asserts
//! instead of a wall-clock window. A wait is logged before it is taken, with its exact length
//! (`delay_ms`), so a test knows how long the client chose to wait however busy the machine is;
//! the simulator's log (`received_at`) then bounds from below how long it really waited.

// Each test crate that includes this module uses only part of it.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::subscriber::{DefaultGuard, Interest};
use tracing::{Event, Metadata, Subscriber};

/// One logged wait: the event's message and its `delay_ms`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wait {
    pub message: String,
    pub delay: Duration,
}

/// The waits logged on this thread since [`capture`] (a `#[tokio::test]` runs its runtime on
/// the test's own thread).
#[derive(Clone, Default)]
pub struct RetryLog {
    waits: Arc<Mutex<Vec<Wait>>>,
}

impl RetryLog {
    /// Every wait, oldest first.
    pub fn waits(&self) -> Vec<Wait> {
        self.waits.lock().unwrap().clone()
    }

    /// The waits of `GraphClient::send` before another attempt.
    pub fn retries(&self) -> Vec<Duration> {
        self.waits()
            .into_iter()
            .filter(|w| w.message == "retrying PATCH")
            .map(|w| w.delay)
            .collect()
    }
}

/// Starts capturing the waits logged on this thread until the guard drops.
pub fn capture() -> (RetryLog, DefaultGuard) {
    let log = RetryLog::default();
    let guard = tracing::subscriber::set_default(Capture(log.clone()));
    // A callsite first reached on another test's thread while no capture was alive may have
    // cached "never" (tracing decides each callsite's interest once, and a registration that
    // races with another thread's leaves that stale): ask every callsite again now.
    tracing::callsite::rebuild_interest_cache();
    (log, guard)
}

struct Capture(RetryLog);

#[derive(Default)]
struct Fields {
    message: Option<String>,
    delay_ms: Option<u64>,
}

impl Visit for Fields {
    fn record_u64(&mut self, field: &Field, value: u64) {
        if field.name() == "delay_ms" {
            self.delay_ms = Some(value);
        }
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "message" {
            self.message = Some(value.to_owned());
        }
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            self.message = Some(format!("{value:?}"));
        }
    }
}

impl Subscriber for Capture {
    fn register_callsite(&self, metadata: &'static Metadata<'static>) -> Interest {
        // Asked again per event: other tests' threads have no subscriber.
        if metadata.is_event() {
            Interest::sometimes()
        } else {
            Interest::never()
        }
    }

    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.is_event()
    }

    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }

    fn record(&self, _: &Id, _: &Record<'_>) {}

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = Fields::default();
        event.record(&mut fields);
        if let (Some(message), Some(delay_ms)) = (fields.message, fields.delay_ms) {
            self.0.waits.lock().unwrap().push(Wait {
                message,
                delay: Duration::from_millis(delay_ms),
            });
        }
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}
