//! The input layer: which encoding a TMX file is in, and a streaming
//! transcoder that hands UTF-8 to the XML parser.
//!
//! Rule (TMX 1.4b §2 and field practice, see `notes/tmx.md` §1.1): the BOM
//! wins (UTF-8, UTF-16LE, UTF-16BE), then a BOM-less UTF-16 `<?` pattern, then
//! the `encoding=` of the XML declaration (any WHATWG label `encoding_rs`
//! knows: windows-1252, ISO-8859-x, …), then UTF-8. The parser only ever sees
//! UTF-8 without a BOM, so byte offsets it reports are offsets in that UTF-8
//! stream ([`locate`] turns them into line and column).

use encoding_rs::{Decoder, Encoding, UTF_16BE, UTF_16LE, UTF_8};
use std::io::{self, BufRead, Read};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Size of the read buffers (bytes).
const CHUNK: usize = 256 * 1024;

/// What the input layer found at the start of a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Detected {
    /// The encoding the file is decoded from.
    pub encoding: &'static Encoding,
    /// Length in bytes of the byte-order mark (0, 2 or 3).
    pub bom_len: usize,
}

/// Finds the encoding from the first bytes of a file (at least the XML
/// declaration; 512 bytes are plenty).
pub fn detect(head: &[u8]) -> Detected {
    if head.starts_with(b"\xEF\xBB\xBF") {
        return Detected { encoding: UTF_8, bom_len: 3 };
    }
    if head.starts_with(b"\xFF\xFE") {
        return Detected { encoding: UTF_16LE, bom_len: 2 };
    }
    if head.starts_with(b"\xFE\xFF") {
        return Detected { encoding: UTF_16BE, bom_len: 2 };
    }
    if head.starts_with(b"<\0?\0") {
        return Detected { encoding: UTF_16LE, bom_len: 0 };
    }
    if head.starts_with(b"\0<\0?") {
        return Detected { encoding: UTF_16BE, bom_len: 0 };
    }
    let declared = declared_encoding(head).and_then(|label| Encoding::for_label(label.as_bytes()));
    // A declaration saying UTF-16 in a file whose bytes are ASCII-compatible
    // (no BOM, no zero bytes) is wrong; the bytes win.
    let encoding = match declared {
        Some(e) if e == UTF_16LE || e == UTF_16BE => UTF_8,
        Some(e) => e,
        None => UTF_8,
    };
    Detected { encoding, bom_len: 0 }
}

/// The `encoding="…"` value of an XML declaration at the start of `head`.
fn declared_encoding(head: &[u8]) -> Option<String> {
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = head.windows(2).position(|w| w == b"?>")?;
    let decl = std::str::from_utf8(&head[..end]).ok()?;
    let at = decl.find("encoding")?;
    let rest = decl[at + "encoding".len()..].trim_start().strip_prefix('=')?.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let rest = &rest[1..];
    Some(rest[..rest.find(quote)?].trim().to_string())
}

/// A reader that counts the raw bytes read from the file (for the progress
/// bar, which shows file bytes whatever the encoding).
pub struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Counting<R> {
    /// Wraps `inner`; `count` grows by every byte read.
    pub fn new(inner: R, count: Arc<AtomicU64>) -> Counting<R> {
        Counting { inner, count }
    }
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Streams any `encoding_rs` encoding as UTF-8. Malformed input becomes
/// U+FFFD and sets [`Transcode::had_replacements`].
pub struct Transcode<R> {
    inner: R,
    decoder: Decoder,
    input: Vec<u8>,
    in_start: usize,
    in_end: usize,
    out: Vec<u8>,
    out_start: usize,
    out_end: usize,
    eof: bool,
    /// The decoder was flushed at the end of the input; it must not be used again.
    finished: bool,
    replaced: Arc<AtomicU64>,
}

impl<R: Read> Transcode<R> {
    /// Decodes `inner` (positioned after any BOM) from `encoding`;
    /// `replaced` counts the decode calls that replaced malformed bytes.
    pub fn new(inner: R, encoding: &'static Encoding, replaced: Arc<AtomicU64>) -> Transcode<R> {
        Transcode {
            inner,
            decoder: encoding.new_decoder_without_bom_handling(),
            input: vec![0; CHUNK],
            in_start: 0,
            in_end: 0,
            out: vec![0; CHUNK * 3 + 16],
            out_start: 0,
            out_end: 0,
            eof: false,
            finished: false,
            replaced,
        }
    }

    /// True once malformed bytes were replaced by U+FFFD.
    pub fn had_replacements(&self) -> bool {
        self.replaced.load(Ordering::Relaxed) > 0
    }

    fn refill(&mut self) -> io::Result<()> {
        while self.out_start == self.out_end && !self.finished {
            if self.in_start == self.in_end && !self.eof {
                let n = self.inner.read(&mut self.input)?;
                self.in_start = 0;
                self.in_end = n;
                self.eof = n == 0;
            }
            if self.in_start == self.in_end && self.eof {
                // Flush whatever the decoder holds (a truncated sequence).
                let (_, _, written, had) = self.decoder.decode_to_utf8(&[], &mut self.out, true);
                self.finished = true;
                if had {
                    self.replaced.fetch_add(1, Ordering::Relaxed);
                }
                self.out_start = 0;
                self.out_end = written;
                return Ok(());
            }
            let (_, read, written, had) =
                self.decoder.decode_to_utf8(&self.input[self.in_start..self.in_end], &mut self.out, false);
            if had {
                self.replaced.fetch_add(1, Ordering::Relaxed);
            }
            self.in_start += read;
            self.out_start = 0;
            self.out_end = written;
        }
        Ok(())
    }
}

impl<R: Read> Read for Transcode<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let avail = self.fill_buf()?;
        let n = avail.len().min(buf.len());
        buf[..n].copy_from_slice(&avail[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: Read> BufRead for Transcode<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.out_start == self.out_end {
            self.refill()?;
        }
        Ok(&self.out[self.out_start..self.out_end])
    }

    fn consume(&mut self, amt: usize) {
        self.out_start = (self.out_start + amt).min(self.out_end);
    }
}

/// Opens a byte source as UTF-8 bytes: detects the encoding from the first
/// bytes, skips the BOM and transcodes when needed. Returns the source
/// (unbuffered when the file is UTF-8 already: the reader buffers it) and
/// what was detected.
pub fn utf8_source<R: Read + 'static>(mut raw: R, replaced: Arc<AtomicU64>) -> io::Result<(Utf8Source<R>, Detected)> {
    let mut head = Vec::with_capacity(512);
    (&mut raw).take(512).read_to_end(&mut head)?;
    let det = detect(&head);
    let rest = io::Cursor::new(head[det.bom_len..].to_vec()).chain(raw);
    let source = if det.encoding == UTF_8 {
        Utf8Source::Utf8(rest)
    } else {
        Utf8Source::Transcoded(Transcode::new(rest, det.encoding, replaced))
    };
    Ok((source, det))
}

/// The UTF-8 bytes of a source opened by [`utf8_source`]: the file's own
/// bytes after its BOM, or their transcoding. `Send` when `R` is.
pub enum Utf8Source<R> {
    Utf8(io::Chain<io::Cursor<Vec<u8>>, R>),
    Transcoded(Transcode<io::Chain<io::Cursor<Vec<u8>>, R>>),
}

impl<R: Read> Read for Utf8Source<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Utf8Source::Utf8(r) => r.read(buf),
            Utf8Source::Transcoded(r) => r.read(buf),
        }
    }
}

/// Reads from `src` into `buf` until it is full or `src` ends (a read
/// interrupted by a signal is tried again): the refill of a reader's window
/// (the TMX and XLIFF readers'). Returns the bytes read, fewer than
/// `buf.len()` only at the end of `src`.
pub(crate) fn read_into(src: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match src.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// 1-based line and column (in characters) of byte `offset` of a UTF-8
/// stream (as produced by [`utf8_source`]). Reads the stream up to the
/// offset. `\n` ends a line (CR LF counts once).
pub fn locate(mut stream: impl BufRead, offset: u64) -> (u64, u64) {
    let mut at = Position::START;
    let mut pos = 0u64;
    while pos < offset {
        let buf = match stream.fill_buf() {
            Ok(b) if !b.is_empty() => b,
            _ => break,
        };
        let take = buf.len().min((offset - pos) as usize);
        at = at.after(&buf[..take]);
        pos += take as u64;
        stream.consume(take);
    }
    (at.line, at.column)
}

/// A line and column (1-based; the column in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Position {
    line: u64,
    column: u64,
}

impl Position {
    const START: Position = Position { line: 1, column: 1 };

    /// The position after `bytes` (UTF-8) that start at this one.
    fn after(self, bytes: &[u8]) -> Position {
        let lines = memchr::memchr_iter(b'\n', bytes).count() as u64;
        let (line, column, rest) = match memchr::memrchr(b'\n', bytes) {
            Some(last) => (self.line + lines, 1, &bytes[last + 1..]),
            None => (self.line, self.column, bytes),
        };
        // Characters: every byte that does not continue a UTF-8 sequence.
        let chars = rest.iter().filter(|&&b| b & 0xC0 != 0x80).count() as u64;
        Position { line, column: column + chars }
    }
}

/// How many offsets a [`Locator`] keeps for locating after their bytes
/// left the window: the start of the `<tu>`, the `<tuv>` and the `<seg>`
/// being read.
pub const MARKS: usize = 3;

/// Finds the line and column of byte offsets of the decoded UTF-8 stream
/// from the same stream the parser reads, never a second reading of the
/// input (a FIFO, a pipe or standard input can be read only once): lines
/// are counted as the parser's window moves past bytes ([`Locator::advance`];
/// a newline count, nothing while no problem is reported beyond it), and an
/// offset still in the window ([`Locator::window`]) is counted from there.
/// An offset whose bytes left the window can be located only if it was
/// marked ([`Locator::mark`]) before they left.
pub struct Locator {
    /// Bytes before `fed` are counted: `at` is the position of `fed`.
    fed: u64,
    at: Position,
    /// The parser's window: the stream's bytes from `window_at`.
    window: std::rc::Rc<Vec<u8>>,
    window_len: usize,
    window_at: u64,
    /// The last offset located in the window, to go on from it.
    cursor: (u64, Position),
    /// Offsets to locate after their bytes leave the window, each with its
    /// position once known.
    marks: [(u64, Option<Position>); MARKS],
}

impl Default for Locator {
    fn default() -> Locator {
        Locator {
            fed: 0,
            at: Position::START,
            window: Default::default(),
            window_len: 0,
            window_at: 0,
            cursor: (0, Position::START),
            marks: [(u64::MAX, None); MARKS],
        }
    }
}

impl Locator {
    /// Keeps `offset` in slot `slot` (< [`MARKS`]), to be located even after
    /// its bytes leave the window.
    #[inline]
    pub fn mark(&mut self, slot: usize, offset: u64) {
        self.marks[slot] = (offset, None);
    }

    /// The parser's window now holds the stream's bytes from `at`: the
    /// bytes of the old window before `at` are counted (and the marks among
    /// them located) before the old window is let go.
    pub fn window(&mut self, window: std::rc::Rc<Vec<u8>>, len: usize, at: u64) {
        self.advance(at);
        self.window = window;
        self.window_len = len.min(self.window.len());
        self.window_at = at;
    }

    /// Counts the window's bytes up to stream offset `to`.
    fn advance(&mut self, to: u64) {
        let to = to.min(self.window_at + self.window_len as u64);
        if to <= self.fed {
            return;
        }
        let mut marks: Vec<usize> =
            (0..MARKS).filter(|&i| self.marks[i].1.is_none() && (self.fed..to).contains(&self.marks[i].0)).collect();
        marks.sort_by_key(|&i| self.marks[i].0);
        for i in marks {
            let off = self.marks[i].0;
            let p = self.count(off);
            self.marks[i].1 = Some(p);
            (self.fed, self.at) = (off, p);
        }
        let p = self.count(to);
        (self.fed, self.at) = (to, p);
    }

    /// The position of `offset` (in the window, at or after `fed`), from
    /// the nearest known position before it.
    fn count(&self, offset: u64) -> Position {
        let (from, at) = if (self.fed..=offset).contains(&self.cursor.0) { self.cursor } else { (self.fed, self.at) };
        let start = (from - self.window_at) as usize;
        let end = ((offset - self.window_at) as usize).min(self.window_len);
        at.after(self.window.get(start..end).unwrap_or_default())
    }

    /// 1-based line and column of `offset`; `(0, 0)` for an offset whose
    /// bytes left the window unmarked.
    pub fn locate(&mut self, offset: u64) -> (u64, u64) {
        if offset == 0 {
            return (1, 1);
        }
        if let Some((_, Some(p))) = self.marks.iter().find(|(o, _)| *o == offset) {
            return (p.line, p.column);
        }
        if offset < self.fed {
            return (0, 0);
        }
        let p = self.count(offset);
        self.cursor = (offset, p);
        (p.line, p.column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_all(bytes: &[u8]) -> (String, Detected) {
        let (mut s, d) = utf8_source(io::Cursor::new(bytes.to_vec()), Arc::default()).unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        (out, d)
    }

    #[test]
    fn bom_wins_over_declaration() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>ñ</a>".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let (text, d) = decode_all(&bytes);
        assert_eq!(d, Detected { encoding: UTF_16LE, bom_len: 2 });
        assert_eq!(text, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>ñ</a>");
    }

    #[test]
    fn bomless_utf16be_is_sniffed() {
        let bytes: Vec<u8> = "<?xml version=\"1.0\"?><a/>".encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        let (text, d) = decode_all(&bytes);
        assert_eq!(d.encoding, UTF_16BE);
        assert_eq!(text, "<?xml version=\"1.0\"?><a/>");
    }

    #[test]
    fn declared_windows_1252_is_decoded() {
        let (text, d) = decode_all(b"<?xml version='1.0' encoding='windows-1252'?><a>caract\xE8res \x80</a>");
        assert_eq!(d.encoding.name(), "windows-1252");
        assert!(text.ends_with("<a>caractères €</a>"), "{text}");
    }

    #[test]
    fn utf16_declaration_without_bom_or_zero_bytes_is_read_as_utf8() {
        let (text, d) = decode_all("<?xml version=\"1.0\" encoding=\"utf-16\"?><a>ñ</a>".as_bytes());
        assert_eq!(d.encoding, UTF_8);
        assert!(text.ends_with("<a>ñ</a>"));
    }

    #[test]
    fn long_input_crosses_chunk_boundaries_intact() {
        let body = "añ€𝐀".repeat(200_000);
        let bytes: Vec<u8> =
            [0xFE, 0xFF].into_iter().chain(body.encode_utf16().flat_map(|u| u.to_be_bytes())).collect();
        assert_eq!(decode_all(&bytes).0, body);
    }

    #[test]
    fn reading_past_the_end_of_transcoded_input_is_harmless() {
        let bytes: Vec<u8> = [0xFF, 0xFE, b'a', 0].to_vec();
        let (mut s, _) = utf8_source(io::Cursor::new(bytes), Arc::default()).unwrap();
        let mut buf = [0u8; 8];
        assert_eq!(s.read(&mut buf).unwrap(), 1);
        assert_eq!(buf[0], b'a');
        for _ in 0..3 {
            assert_eq!(s.read(&mut buf).unwrap(), 0);
        }
    }

    #[test]
    fn locate_counts_lines_and_characters() {
        let s = "ab\nñc\r\nx";
        assert_eq!(locate(s.as_bytes(), 0), (1, 1));
        assert_eq!(locate(s.as_bytes(), 5), (2, 2));
        assert_eq!(locate(s.as_bytes(), 8), (3, 1));
    }

    #[test]
    fn locator_counts_as_the_window_moves_and_keeps_marked_offsets() {
        let text = b"ab\ncd\n\xC3\xB1x\nyz".to_vec();
        let mut l = Locator::default();
        l.window(std::rc::Rc::new(text[..7].to_vec()), 7, 0);
        assert_eq!(l.locate(4), (2, 2));
        l.mark(0, 5);
        // The window moves to offset 7: bytes 0..7 are counted.
        l.window(std::rc::Rc::new(text[7..].to_vec()), text.len() - 7, 7);
        assert_eq!(l.locate(5), (2, 3), "a marked offset stays located");
        assert_eq!(l.locate(1), (0, 0), "an unmarked one whose bytes left is not");
        assert_eq!(l.locate(8), (3, 2), "ñ is one character");
        assert_eq!(l.locate(11), (4, 2));
        assert_eq!(l.locate(9), (3, 3), "back inside the window");
    }
}
