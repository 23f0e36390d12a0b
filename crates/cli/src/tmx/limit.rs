//! Size limits of the TMX reader, so that a hostile or broken file cannot
//! make it buffer without bound.
//!
//! The XML parser buffers one event (a text run, a tag, a comment) at a time.
//! [`RunLimit`] sits between the decoded UTF-8 stream and the parser and fails
//! the read when more than `max` bytes go by without a `<` or `>`: no single
//! text run or tag can then exceed the limit, whatever the file's size. The
//! reader also stops a `<seg>` whose content (text and inline codes, as
//! written in the file) exceeds the same limit, and inline codes nested more
//! than [`MAX_INLINE_DEPTH`] deep.

use std::io::{self, BufRead, Read};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Default of [`super::ReadOptions::max_segment_bytes`] and of
/// `memoria import --max-segment-bytes`: 1 MiB.
pub const DEFAULT_MAX_SEGMENT_BYTES: usize = 1 << 20;

/// Deepest nesting of inline codes (`<bpt>`, `<sub>`, `<hi>`, …) inside one
/// `<seg>`. Real TMX files nest two or three levels; the limit keeps every
/// recursive walk over a segment (matching, JSON in the store) far from
/// the stack's end and within serde_json's recursion limit of 128.
pub const MAX_INLINE_DEPTH: usize = 32;

/// A [`BufRead`] that fails with [`io::ErrorKind::InvalidData`] once more
/// than `max` bytes pass without a `<` or `>`, and records that in a flag the
/// reader turns into a clear message.
pub struct RunLimit<R> {
    inner: R,
    max: usize,
    run: usize,
    tripped: Arc<AtomicBool>,
}

impl<R: BufRead> RunLimit<R> {
    /// Wraps `inner`; `tripped` is set when the limit is hit.
    pub fn new(inner: R, max: usize, tripped: Arc<AtomicBool>) -> RunLimit<R> {
        RunLimit { inner, max, run: 0, tripped }
    }

    fn over(&self) -> io::Error {
        self.tripped.store(true, Ordering::Relaxed);
        io::Error::new(io::ErrorKind::InvalidData, format!("more than {} bytes without markup", self.max))
    }
}

impl<R: BufRead> Read for RunLimit<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = {
            let buf = self.fill_buf()?;
            let n = buf.len().min(out.len());
            out[..n].copy_from_slice(&buf[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for RunLimit<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.run > self.max {
            return Err(self.over());
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, n: usize) {
        if let Ok(buf) = self.inner.fill_buf() {
            let taken = &buf[..n.min(buf.len())];
            self.run = match memchr::memrchr2(b'<', b'>', taken) {
                Some(i) => taken.len() - i - 1,
                None => self.run.saturating_add(taken.len()),
            };
        }
        self.inner.consume(n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_run_without_markup_fails_and_sets_the_flag() {
        let flag = Arc::new(AtomicBool::new(false));
        let text = format!("<a>{}</a>", "x".repeat(100));
        let mut r = RunLimit::new(io::BufReader::with_capacity(8, text.as_bytes()), 50, flag.clone());
        let mut out = Vec::new();
        let e = r.read_to_end(&mut out).unwrap_err();
        assert_eq!(e.to_string(), "more than 50 bytes without markup");
        assert!(flag.load(Ordering::Relaxed));
        assert!(out.len() < 3 + 50 + 8 + 1, "stopped within a buffer of the limit, read {}", out.len());
    }

    #[test]
    fn runs_up_to_the_limit_pass() {
        let flag = Arc::new(AtomicBool::new(false));
        let text = format!("<a>{}</a><b>{}</b>", "x".repeat(50), "y".repeat(50));
        let mut r = RunLimit::new(io::BufReader::with_capacity(7, text.as_bytes()), 50, flag.clone());
        let mut out = String::new();
        r.read_to_string(&mut out).unwrap();
        assert_eq!(out, text);
        assert!(!flag.load(Ordering::Relaxed));
    }
}
