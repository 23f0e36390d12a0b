//! Line and column of positions in a stream read once: the bytes are counted
//! as they pass, so a FIFO or a pipe is never opened a second time to locate
//! an error.

use std::collections::VecDeque;
use std::io::{self, Read};
use std::sync::{Arc, Mutex, MutexGuard};

/// Newline offsets of the stream's recent bytes.
#[derive(Default)]
struct Seen {
    /// Bytes read so far.
    pos: u64,
    /// Newlines before the first offset kept in `newlines`.
    dropped: u64,
    /// Offsets of the newlines read and not yet forgotten.
    newlines: VecDeque<u64>,
    /// The last two chunks read (for columns in characters), and the stream
    /// offset of `recent[0]`.
    recent: Vec<u8>,
    last_chunk: usize,
    recent_start: u64,
}

/// A [`Read`] that counts newlines; its [`Positions`] turns offsets back into
/// line and column.
pub struct CountingRead<R> {
    inner: R,
    seen: Arc<Mutex<Seen>>,
}

/// Where offsets of a [`CountingRead`]'s stream are.
#[derive(Clone)]
pub struct Positions {
    seen: Arc<Mutex<Seen>>,
}

/// The counts, whoever holds them (a reader may move to another thread;
/// a panic while counting leaves counts that are still whole numbers).
fn lock(seen: &Mutex<Seen>) -> MutexGuard<'_, Seen> {
    seen.lock().unwrap_or_else(|p| p.into_inner())
}

/// Wraps `inner`, whose byte offsets [`Positions::line_col`] then locates.
pub fn counting<R: Read>(inner: R) -> (CountingRead<R>, Positions) {
    let seen = Arc::new(Mutex::new(Seen::default()));
    (CountingRead { inner, seen: seen.clone() }, Positions { seen })
}

impl<R: Read> Read for CountingRead<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut s = lock(&self.seen);
        let pos = s.pos;
        s.newlines.extend(memchr::memchr_iter(b'\n', &buf[..n]).map(|i| pos + i as u64));
        // Keep the previous chunk and this one.
        let drop = s.recent.len() - s.last_chunk;
        s.recent.drain(..drop);
        s.recent_start += drop as u64;
        s.last_chunk = n;
        s.recent.extend_from_slice(&buf[..n]);
        s.pos += n as u64;
        Ok(n)
    }
}

impl Positions {
    /// Forgets newlines before `offset`: positions asked later are at or
    /// after it (the start of the event being read). Keeps memory bounded by
    /// the largest event, not the file.
    pub fn forget_before(&self, offset: u64) {
        let mut s = lock(&self.seen);
        while s.newlines.front().is_some_and(|&n| n < offset) {
            s.newlines.pop_front();
            s.dropped += 1;
        }
    }

    /// 1-based line and column of byte `offset` (a column in characters when
    /// the line's start is among the recent bytes, else in bytes).
    pub fn line_col(&self, offset: u64) -> (usize, usize) {
        let s = lock(&self.seen);
        let before = s.newlines.iter().take_while(|&&n| n < offset).count();
        let line = s.dropped + before as u64 + 1;
        let line_start = match before {
            0 if s.dropped == 0 => Some(0),
            0 => None,
            k => Some(s.newlines[k - 1] + 1),
        };
        let column = match line_start {
            Some(start) if start >= s.recent_start && offset <= s.recent_start + s.recent.len() as u64 => {
                let (a, b) = ((start - s.recent_start) as usize, (offset - s.recent_start) as usize);
                s.recent[a..b].iter().filter(|&&c| c & 0xC0 != 0x80).count() + 1
            }
            Some(start) => (offset.saturating_sub(start)) as usize + 1,
            None => 1,
        };
        (line as usize, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_character_columns_of_a_stream() {
        let (mut r, p) = counting("ab\nñé x\n\nz".as_bytes());
        let mut all = Vec::new();
        r.read_to_end(&mut all).unwrap();
        assert_eq!(p.line_col(0), (1, 1));
        assert_eq!(p.line_col(3), (2, 1));
        assert_eq!(p.line_col(8), (2, 4), "ñ and é are one column each");
        assert_eq!(p.line_col(11), (4, 1));
        p.forget_before(10);
        assert_eq!(p.line_col(11), (4, 1));
    }
}
