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

/// The buffered input of the XML parser: reads a UTF-8 stream in blocks of
/// [`BLOCK`] bytes (one call to the source a block; the parser asks for bytes
/// many times an event) and fails with [`io::ErrorKind::InvalidData`] once
/// more than `max` bytes pass without a `<` or `>` (checked when a block is
/// used up, so within a block of the limit), recording that in a flag the
/// reader turns into a clear message.
pub struct RunLimit<R> {
    inner: R,
    buf: Box<[u8]>,
    pos: usize,
    len: usize,
    max: usize,
    run: usize,
    tripped: Arc<AtomicBool>,
}

/// Bytes [`RunLimit`] reads from its source at once.
pub const BLOCK: usize = 256 * 1024;

impl<R: Read> RunLimit<R> {
    /// Wraps `inner`; `tripped` is set when the limit is hit.
    pub fn new(inner: R, max: usize, tripped: Arc<AtomicBool>) -> RunLimit<R> {
        RunLimit::with_capacity(BLOCK, inner, max, tripped)
    }

    /// [`RunLimit::new`] reading `capacity` bytes at a time.
    pub fn with_capacity(capacity: usize, inner: R, max: usize, tripped: Arc<AtomicBool>) -> RunLimit<R> {
        RunLimit { inner, buf: vec![0; capacity.max(1)].into_boxed_slice(), pos: 0, len: 0, max, run: 0, tripped }
    }

    fn over(&self) -> io::Error {
        self.tripped.store(true, Ordering::Relaxed);
        io::Error::new(io::ErrorKind::InvalidData, format!("more than {} bytes without markup", self.max))
    }
}

impl<R: Read> Read for RunLimit<R> {
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

impl<R: Read> BufRead for RunLimit<R> {
    #[inline]
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pos == self.len {
            // The block just used up: bytes since its last `<` or `>`.
            let used = &self.buf[..self.len];
            self.run = match memchr::memrchr2(b'<', b'>', used) {
                Some(i) => used.len() - i - 1,
                None => self.run.saturating_add(used.len()),
            };
            if self.run > self.max {
                return Err(self.over());
            }
            self.len = loop {
                match self.inner.read(&mut self.buf) {
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    r => break r?,
                }
            };
            self.pos = 0;
        }
        Ok(&self.buf[self.pos..self.len])
    }

    #[inline]
    fn consume(&mut self, n: usize) {
        self.pos = (self.pos + n).min(self.len);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_run_without_markup_fails_and_sets_the_flag() {
        let flag = Arc::new(AtomicBool::new(false));
        let text = format!("<a>{}</a>", "x".repeat(100));
        let mut r = RunLimit::with_capacity(8, text.as_bytes(), 50, flag.clone());
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
        let mut r = RunLimit::with_capacity(7, text.as_bytes(), 50, flag.clone());
        let mut out = String::new();
        r.read_to_string(&mut out).unwrap();
        assert_eq!(out, text);
        assert!(!flag.load(Ordering::Relaxed));
    }
}
