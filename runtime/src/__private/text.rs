//! A small const-fn text toolkit for compile-time messages: a fixed buffer that needs no
//! allocation, string equality, edit distance and "did you mean" suggestions.

use crate::path::PathTemplate;

const CAPACITY: usize = 4096;

/// A compile-time error message, built without allocation.
pub struct Message {
    buf: [u8; CAPACITY],
    len: usize,
    full: bool,
}

impl Message {
    pub(super) const fn new() -> Self {
        Message {
            buf: [0; CAPACITY],
            len: 0,
            full: false,
        }
    }

    /// The text so far. Truncation only ever cuts at an ASCII byte we wrote (`…` is replaced by
    /// `...`), so the buffer always holds valid UTF-8 up to `len`.
    pub const fn as_str(&self) -> &str {
        let (text, _) = self.buf.split_at(self.len);
        match core::str::from_utf8(text) {
            Ok(text) => text,
            Err(_) => "graphpatch: invalid message",
        }
    }

    pub(super) const fn push(mut self, text: &str) -> Self {
        if self.full {
            return self;
        }
        let bytes = text.as_bytes();
        // Leave room for a closing "..." so a long template list stays readable.
        if self.len + bytes.len() > CAPACITY - 4 {
            return self.truncated();
        }
        let mut i = 0;
        while i < bytes.len() {
            self.buf[self.len] = bytes[i];
            self.len += 1;
            i += 1;
        }
        self
    }

    pub(super) const fn truncated(mut self) -> Self {
        self.full = true;
        let dots = b"...";
        let mut i = 0;
        while i < dots.len() && self.len < CAPACITY {
            self.buf[self.len] = dots[i];
            self.len += 1;
            i += 1;
        }
        self
    }

    pub(super) const fn code(self, name: &str) -> Self {
        self.push("`").push(name).push("`")
    }

    pub(super) const fn templates(mut self, paths: &[PathTemplate]) -> Self {
        let mut i = 0;
        while i < paths.len() {
            self = self.push("\n  - ").push(paths[i].template);
            i += 1;
        }
        self
    }
}

impl core::fmt::Debug for Message {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

pub(super) const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

const MAX_NAME: usize = 96;

/// Levenshtein distance over bytes (names are ASCII identifiers); names longer than
/// [`MAX_NAME`] are compared on their first `MAX_NAME` bytes.
pub(super) const fn distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let n = if a.len() < MAX_NAME {
        a.len()
    } else {
        MAX_NAME
    };
    let m = if b.len() < MAX_NAME {
        b.len()
    } else {
        MAX_NAME
    };
    let mut prev = [0usize; MAX_NAME + 1];
    let mut cur = [0usize; MAX_NAME + 1];
    let mut j = 0;
    while j <= m {
        prev[j] = j;
        j += 1;
    }
    let mut i = 1;
    while i <= n {
        cur[0] = i;
        let mut j = 1;
        while j <= m {
            let cost = if a[i - 1] == b[j - 1] { 0 } else { 1 };
            let mut best = prev[j - 1] + cost;
            if prev[j] + 1 < best {
                best = prev[j] + 1;
            }
            if cur[j - 1] + 1 < best {
                best = cur[j - 1] + 1;
            }
            cur[j] = best;
            j += 1;
        }
        prev = cur;
        i += 1;
    }
    prev[m]
}

/// The closest of the candidates offered so far, if any is close enough to suggest.
#[derive(Clone, Copy)]
pub(super) struct Closest<'a> {
    name: &'a str,
    best: Option<(&'a str, usize)>,
}

impl<'a> Closest<'a> {
    pub(super) const fn to(name: &'a str) -> Self {
        Closest { name, best: None }
    }

    /// Keeps `candidate` if it is within a third of the name's length (at least 2 edits) and
    /// closer than the best so far; the first of equals wins.
    pub(super) const fn offer(self, candidate: &'a str) -> Self {
        let d = distance(self.name, candidate);
        let limit = if self.name.len() / 3 > 2 {
            self.name.len() / 3
        } else {
            2
        };
        let better = match self.best {
            Some((_, best)) => d < best,
            None => true,
        };
        if d <= limit && better {
            Closest {
                name: self.name,
                best: Some((candidate, d)),
            }
        } else {
            self
        }
    }

    /// Appends "; did you mean `x`?" when there is a suggestion.
    pub(super) const fn suggest(self, message: Message) -> (Message, bool) {
        match self.best {
            Some((candidate, _)) => (
                message.push("; did you mean ").code(candidate).push("?"),
                true,
            ),
            None => (message, false),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_messages_are_truncated_not_broken() {
        let mut m = Message::new();
        for _ in 0..1000 {
            m = m.push("abcdefgh");
        }
        assert!(m.as_str().ends_with("..."));
        assert!(m.as_str().len() <= CAPACITY);
    }
}
