//! The reader's machinery: the event source with its reusable buffer, the
//! diagnostics (strict/recover decisions, locating problems), and helpers.

use super::fast::{split, Kind, Tok};
use crate::tmx::decode::{read_into, Locator};
use crate::tmx::error::{Location, TmxError, Warning, WarningKind, Warnings};
use quick_xml::errors::SyntaxError;
use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};
use std::hash::Hasher;
use std::io::Read;
use std::rc::Rc;

/// Diagnostics state, apart from the parser so that both can be borrowed at
/// once.
pub(super) struct Diag {
    pub(super) name: String,
    pub(super) strict: bool,
    pub(super) locator: Locator,
    pub(super) tu: Option<u64>,
    pub(super) tuid: Option<String>,
    pub(super) warnings: Warnings,
}

impl Diag {
    /// Line and column of byte `offset` of the decoded stream, from the
    /// parser's own window (the input is read once: it may be a pipe).
    fn line_col(&mut self, offset: u64) -> (u64, u64) {
        self.locator.locate(offset)
    }

    /// Keeps `offset` (the start of the `<tu>`, `<tuv>` or `<seg>` being
    /// read: [`Mark`]) locatable after the window moves past it.
    #[inline]
    pub(super) fn mark(&mut self, mark: Mark, offset: u64) {
        self.locator.mark(mark as usize, offset);
    }

    fn location(&mut self, offset: u64) -> Location {
        let (line, column) = self.line_col(offset);
        Location { file: self.name.clone(), line, column, tu: self.tu, tuid: self.tuid.clone() }
    }

    /// An error at byte `offset` of the decoded stream.
    pub(super) fn error(&mut self, offset: u64, what: impl Into<String>) -> TmxError {
        TmxError::Invalid { at: self.location(offset), what: what.into() }
    }

    /// A problem of `kind` at byte `offset`: an error in strict mode when the
    /// kind is one, else a warning (located only while warnings are kept in
    /// full).
    pub(super) fn problem(&mut self, kind: WarningKind, offset: u64, message: String) -> Result<(), TmxError> {
        if self.strict && kind.is_error_in_strict_mode() {
            return Err(self.error(offset, message));
        }
        let (line, column) = if self.warnings.first.len() < Warnings::KEPT { self.line_col(offset) } else { (0, 0) };
        self.warnings.push(Warning {
            kind,
            file: self.name.clone(),
            line,
            column,
            tu: self.tu,
            tuid: self.tuid.clone(),
            message,
        });
        Ok(())
    }
}

/// The offsets the reader may report after reading past them (see
/// [`Diag::mark`]).
#[derive(Clone, Copy)]
pub(super) enum Mark {
    Tu = 0,
    Tuv = 1,
    Seg = 2,
}

/// Bytes read from the source at once (beyond [`Parser::ahead`]).
const READ: usize = 1 << 20;
/// Room for the markup around a segment of the largest size (tags and
/// attributes of `seg`, `tuv`, `tu`).
const SLACK: usize = 64 << 10;
/// Largest window reserved before reading into it.
const RESERVE_MAX: usize = 64 << 20;
/// How far beyond the segment limit the window grows to hold a comment.
const GROW_MAX: usize = 64 << 20;

/// The XML event source: the decoded UTF-8 input held in a window of memory
/// that always holds the next whole event (or the end of the input), parsed
/// in place by quick-xml's slice reader, or a usual `<tu>` at a time by the
/// fast path of [`super::fast`], which gives the same events: no event is
/// copied, and the input is asked for bytes once every MiB. An event that
/// does not fit is larger
/// than `max_segment_bytes`, an error, except a comment (a block of TUs
/// commented out), for which the window grows by up to 64 MiB more.
/// Memory: two windows of `max_segment_bytes` + 64 KiB + 1 MiB (more for
/// such a comment; less for a smaller input).
pub(super) struct Parser {
    /// Reads `windows[cur]`: the slice is the part not parsed yet (see
    /// [`Parser::refill`] for why it may be `'static`).
    xml: quick_xml::Reader<&'static [u8]>,
    /// Shared with the [`Locator`], which counts lines in the current one;
    /// the other is only written while nothing else holds it.
    windows: [Rc<Vec<u8>>; 2],
    cur: usize,
    src: Box<dyn Read>,
    /// The source has no more bytes.
    eof: bool,
    pub(super) max_segment_bytes: usize,
    /// Bytes taken by the fast path: quick-xml's position plus this is the
    /// offset in the decoded stream.
    skipped: u64,
    /// The last event was markup: quick-xml is between a `>` and text.
    after_markup: bool,
    /// The TU split by the fast path ([`super::fast`]), the next token to
    /// hand out, the TU's text, and its offset in the decoded stream.
    toks: Vec<Tok>,
    next_tok: usize,
    tu: &'static str,
    tu_at: u64,
    /// The fast path is taken (tests compare with quick-xml alone).
    pub(super) fast: bool,
}

impl Parser {
    /// A parser of the UTF-8 bytes of `src`.
    pub(super) fn new(src: Box<dyn Read>, max_segment_bytes: usize) -> Parser {
        let mut xml = quick_xml::Reader::from_reader(&[][..]);
        xml.config_mut().trim_text_start = true;
        Parser {
            xml,
            windows: [Rc::default(), Rc::default()],
            cur: 0,
            src,
            eof: false,
            max_segment_bytes,
            skipped: 0,
            after_markup: false,
            toks: Vec::new(),
            next_tok: 0,
            tu: "",
            tu_at: 0,
            fast: true,
        }
    }

    /// Bytes the window holds ahead of the parser before each event: the
    /// largest event allowed and its markup.
    fn ahead(&self) -> usize {
        self.max_segment_bytes.saturating_add(SLACK)
    }

    /// Moves the bytes not parsed yet into the other window, reads more
    /// after them, and points the parser there.
    ///
    /// A window's bytes stay initialised from one refill to the next (it is
    /// allocated zeroed, and only grows), so that reading into it needs no
    /// zeroing each time (that was 2 % of a parse).
    ///
    /// The bytes left behind are counted by `locator` (lines and columns)
    /// before the window they are in is written again.
    fn refill(&mut self, at_least: usize, locator: &mut Locator) -> std::io::Result<()> {
        let other = 1 - self.cur;
        let mut shared = std::mem::take(&mut self.windows[other]);
        // The locator holds the current window only (it was given this one
        // one refill ago, and a new one since): nothing else holds it.
        let mut w = Rc::get_mut(&mut shared).map(std::mem::take).unwrap_or_default();
        let carried = self.xml.get_ref();
        let carried_at = self.xml.buffer_position() + self.skipped;
        let size = self.ahead().saturating_add(READ).max(at_least).max(carried.len());
        // Room at once for the usual sizes; a window for a limit raised past
        // 64 MiB grows only as the input actually fills it.
        let first = size.min(RESERVE_MAX).max(carried.len());
        if w.len() < first {
            w = if w.is_empty() { vec![0; first] } else { grown(w, first) };
        }
        w[..carried.len()].copy_from_slice(carried);
        let mut filled = carried.len();
        while filled < size {
            if filled == w.len() {
                let len = w.len().saturating_mul(2).min(size);
                w = grown(w, len);
            }
            let end = w.len().min(size);
            filled += read_into(&mut self.src, &mut w[filled..end])?;
            if filled < end {
                self.eof = true;
                break;
            }
        }
        self.windows[other] = Rc::new(w);
        locator.window(self.windows[other].clone(), filled, carried_at);
        let w = &self.windows[other][..filled];
        // SAFETY: the slice points into the heap buffer of `windows[other]`,
        // which nothing writes, moves or frees while the reader reads it:
        // only this function writes a window, always the one the reader is
        // not reading, and it points the reader away from a window before
        // that window is written again. Events handed out borrow `self`, so
        // none outlives the next call to `next`, which may refill.
        let window: &'static [u8] = unsafe { std::slice::from_raw_parts(w.as_ptr(), w.len()) };
        *self.xml.get_mut() = window;
        self.cur = other;
        Ok(())
    }

    /// The next event and the byte offset where it starts.
    ///
    /// Outside `<seg>`, `note` and `prop`, whitespace-only text is skipped by
    /// the parser (see [`Parser::keep_space`]).
    #[inline]
    pub(super) fn next<'b>(&'b mut self, d: &mut Diag) -> Result<(Event<'b>, u64), TmxError> {
        match self.next_token() {
            Some(ev) => Ok(ev),
            None => self.next_xml(d),
        }
    }

    /// [`Parser::next`] when no token of the fast path is waiting.
    #[inline(never)]
    fn next_xml<'b>(&'b mut self, d: &mut Diag) -> Result<(Event<'b>, u64), TmxError> {
        let io = |d: &Diag, cause| TmxError::Io { file: d.name.clone(), cause };
        if !self.eof && self.xml.get_ref().len() < self.ahead() {
            self.refill(0, &mut d.locator).map_err(|e| io(d, e))?;
            // A comment may hold whole TUs (a block commented out): the
            // window grows until the last one opened in it is closed, up to
            // 64 MiB beyond the segment limit.
            while !self.eof
                && self.last_comment_unclosed()
                && self.xml.get_ref().len() < self.ahead().saturating_add(GROW_MAX)
            {
                let twice = self.xml.get_ref().len().saturating_mul(2);
                self.refill(twice, &mut d.locator).map_err(|e| io(d, e))?;
            }
        }
        if self.fast && self.after_markup && self.xml.config().trim_text_start && self.split_tu() {
            if let Some(ev) = self.next_token() {
                return Ok(ev);
            }
        }
        let skipped = self.skipped;
        let start = self.xml.buffer_position() + skipped;
        let result = self.xml.read_event();
        self.after_markup = matches!(result, Ok(ref ev) if !matches!(ev, Event::Text(_) | Event::Eof));
        // Reaching the end of a window that is not the end of the input (the
        // slice reader consumed it, or found a comment, tag, PI or CDATA
        // section unclosed): the event is longer than the window holds.
        let unclosed = matches!(result, Err(quick_xml::Error::Syntax(ref e)) if *e != SyntaxError::InvalidBangMarkup);
        let cut = !self.eof && (self.xml.get_ref().is_empty() || unclosed);
        match result {
            Ok(Event::Text(_) | Event::Eof) | Err(_) if cut => Err(d.error(
                start,
                format!(
                    "more than {} bytes without markup: a segment or other text is over the limit \
                     (--max-segment-bytes)",
                    self.max_segment_bytes
                ),
            )),
            Ok(ev) => {
                let len = match &ev {
                    Event::Start(_) => ev.len() as u64 + 2,
                    Event::End(_) | Event::Empty(_) => ev.len() as u64 + 3,
                    _ => ev.len() as u64,
                };
                let pos = self.xml.buffer_position().saturating_sub(len) + skipped;
                Ok((ev, pos))
            }
            Err(e) => Err(d.error(self.xml.error_position() + skipped, format!("not well-formed XML: {e}"))),
        }
    }

    /// Splits the TU that the unparsed input starts with by the fast path
    /// and moves quick-xml past it; false when it is left to quick-xml.
    fn split_tu(&mut self) -> bool {
        let rest: &'static [u8] = self.xml.get_ref();
        self.next_tok = 0;
        // One UTF-8 check for the whole TU; the tokens end at ASCII bytes,
        // so each is a slice of it.
        let Some(tu) = split(rest, &mut self.toks).and_then(|n| simdutf8::basic::from_utf8(&rest[..n]).ok()) else {
            self.toks.clear();
            return false;
        };
        let n = tu.len();
        self.tu = tu;
        self.tu_at = self.xml.buffer_position() + self.skipped;
        *self.xml.get_mut() = &rest[n..];
        self.skipped += n as u64;
        true
    }

    /// The next event of the TU split by the fast path, with its offset, as
    /// quick-xml would give it (text trimmed at the start, or skipped when
    /// only white space, when white space is not kept).
    #[inline]
    fn next_token<'b>(&mut self) -> Option<(Event<'b>, u64)> {
        while let Some(&t) = self.toks.get(self.next_tok) {
            self.next_tok += 1;
            let tu: &'static str = self.tu;
            let text = |a: u32, b: u32| tu.get(a as usize..b as usize).unwrap_or_default();
            let at = self.tu_at;
            return Some(match t.kind {
                Kind::Start => {
                    (Event::Start(BytesStart::from_content(text(t.start, t.end), t.name_len)), at + t.at as u64)
                }
                Kind::Empty => {
                    (Event::Empty(BytesStart::from_content(text(t.start, t.end), t.name_len)), at + t.at as u64)
                }
                Kind::End => (Event::End(BytesEnd::new(text(t.start, t.end))), at + t.at as u64),
                Kind::Text => {
                    let mut start = t.start;
                    if self.xml.config().trim_text_start {
                        start += t.lead;
                        if start == t.end {
                            continue;
                        }
                    }
                    (Event::Text(BytesText::from_escaped(text(start, t.end))), at + start as u64)
                }
            });
        }
        None
    }

    /// Whether the last comment that opens in the window does not close in
    /// it. (Comments do not nest, so only the last one can run past the
    /// window; a `<!--` inside CDATA or an attribute only makes the window
    /// grow.)
    fn last_comment_unclosed(&self) -> bool {
        let w = self.xml.get_ref();
        // From the end, on the rare `!` (vectorised by memrchr), not
        // `rfind` (a scalar loop: +20 % of a parse) nor a forward search of
        // the whole window (1.4 % of a parse).
        let last = memchr::memrchr_iter(b'!', w).find(|&p| p > 0 && w[p - 1] == b'<' && w[p + 1..].starts_with(b"--"));
        last.is_some_and(|p| memchr::memmem::find(&w[p + 3..], b"-->").is_none())
    }

    /// Whether text that is only whitespace is reported (inside `seg`,
    /// `note`, `prop`, `ude`) or skipped (between structural elements).
    pub(super) fn keep_space(&mut self, keep: bool) {
        self.xml.config_mut().trim_text_start = !keep;
    }
}

/// `w` lengthened to `len` bytes, the new ones zero.
fn grown(mut w: Vec<u8>, len: usize) -> Vec<u8> {
    w.resize(len, 0);
    w
}

/// FNV-1a, 64 bits (Fowler, Noll, Vo): the tuid key of the duplicate check.
pub(super) fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// A hasher for keys that are already hashes.
#[derive(Default)]
pub(super) struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = fnv1a(bytes);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Element names compare case-insensitively (field files write `<TU>`);
/// `want` is lower case. (A loop over a few bytes: `==` on slices calls
/// memcmp, whose call cost more than the comparison.)
#[inline]
pub(super) fn is(name: &[u8], want: &str) -> bool {
    name.len() == want.len() && name.iter().zip(want.as_bytes()).all(|(a, b)| a.to_ascii_lowercase() == *b)
}

/// `a == b` for short byte strings, without a call to memcmp.
#[inline]
pub(super) fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

#[cfg(test)]
mod tests {
    use crate::tmx::{ReadOptions, TmxReader};

    const HEAD: &str = "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n";

    fn tmx(body: &str) -> Vec<u8> {
        format!("{HEAD}{body}</body></tmx>\n").into_bytes()
    }

    fn read(bytes: Vec<u8>, max: usize) -> Result<Vec<memoria_core::tu::Tu>, String> {
        let opts = ReadOptions { strict: true, max_segment_bytes: max };
        let mut r = TmxReader::from_bytes(bytes, "t.tmx", opts).map_err(|e| e.to_string())?;
        let mut out = Vec::new();
        while let Some(tu) = r.next_tu().map_err(|e| e.to_string())? {
            out.push(tu);
        }
        Ok(out)
    }

    #[test]
    fn events_across_window_refills_are_read_whole() {
        // ~13 MB: a dozen refills of the window, TUs cut at every offset.
        let n = 120_000;
        let body: String = (0..n)
            .map(|i| {
                format!(
                    "<tu tuid=\"{i}\"><tuv xml:lang=\"en\"><seg>Segment {i} <ph x=\"{i}\">&lt;b&gt;</ph>end</seg></tuv></tu>\n"
                )
            })
            .collect();
        let tus = read(tmx(&body), 1 << 20).unwrap();
        assert_eq!(tus.len(), n);
        for i in [0, 1, 37_449, 37_450, 74_901, n - 1] {
            assert_eq!(tus[i].attr("tuid"), Some(i.to_string().as_str()));
            assert_eq!(tus[i].tuvs[0].seg.match_text(), format!("Segment {i} \u{E000}end"));
        }
    }

    #[test]
    fn warnings_about_a_tu_read_across_window_refills_name_its_own_line() {
        // Every TU is 300 KB (a long note) and skipped at its end (a <tuv>
        // without a language): the warning names where the TU starts, whose
        // bytes have left the window by then when a refill fell inside it.
        let note = "n".repeat(300_000);
        let body: String = (0..20)
            .map(|i| format!("<tu tuid=\"{i}\"><note>{note}</note>\n<tuv><seg>x{i}</seg></tuv></tu>\n"))
            .collect();
        let bytes = tmx(&body);
        // Read from a reader that cannot be read again (as a pipe).
        let opts = ReadOptions { strict: false, max_segment_bytes: 400_000 };
        let mut r = TmxReader::from_reader(std::io::Cursor::new(bytes), "pipe.tmx", opts).unwrap();
        while r.next_tu().unwrap().is_some() {}
        let w = r.take_warnings();
        assert_eq!(w.first.len(), 20);
        for (i, w) in w.first.iter().enumerate() {
            // The TUs start on line 3 (after the head), each 2 lines long.
            assert_eq!((w.line, w.column), (3 + 2 * i as u64, 1), "TU {i}: {w}");
            assert!(w.to_string().starts_with(&format!("pipe.tmx:{}:1: ", 3 + 2 * i)), "{w}");
        }
    }

    #[test]
    fn a_segment_at_the_limit_passes_and_one_past_the_window_fails_located() {
        let max = 100_000;
        let ok = format!("<tu><tuv xml:lang=\"en\"><seg>{}</seg></tuv></tu>", "a".repeat(max));
        // After 5 MB of TUs, so that the long run meets a refill.
        let filler: String =
            (0..60_000).map(|i| format!("<tu><tuv xml:lang=\"en\"><seg>f{i}</seg></tuv></tu>\n")).collect();
        let tus = read(tmx(&format!("{filler}{ok}")), max).unwrap();
        assert_eq!(tus.last().unwrap().tuvs[0].seg.match_text().len(), max);
        let over = format!("<tu><tuv xml:lang=\"en\"><seg>{}</seg></tuv></tu>", "a".repeat(max + 1));
        let e = read(tmx(&format!("{filler}{over}")), max).unwrap_err();
        assert!(e.contains("<seg> longer than 100000 bytes"), "{e}");

        // Longer than the window holds at most (limit + 64 KiB + 1 MiB); a
        // shorter one is stopped by the <seg> check.
        let long = format!("<tu><tuv xml:lang=\"en\"><seg>{}</seg></tuv></tu>", "a".repeat(max + (5 << 20)));
        let e = read(tmx(&format!("{filler}{long}")), max).unwrap_err();
        assert!(e.starts_with("t.tmx:60003:29:"), "{e}");
        assert!(e.contains("more than 100000 bytes without markup"), "{e}");
    }

    #[test]
    fn a_commented_out_block_longer_than_the_window_is_skipped_and_a_long_tag_is_over_the_limit() {
        let one = "<tu><tuv xml:lang=\"en\"><seg>One</seg></tuv></tu>\n";
        let block: String =
            (0..60_000).map(|i| format!("<tu><tuv xml:lang=\"en\"><seg>old {i}</seg></tuv></tu>\n")).collect();
        assert!(block.len() > 3 << 20);
        let tus = read(tmx(&format!("{one}<!-- kept for reference:\n{block}-->\n{one}")), 1 << 20).unwrap();
        assert_eq!(tus.len(), 2);
        assert_eq!(tus[1].tuvs[0].seg.match_text(), "One");
        // A processing instruction that long is over the limit, said so.
        let e = read(tmx(&format!("{one}<?old-tus\n{block}?>\n{one}")), 1 << 20).unwrap_err();
        assert!(e.contains("more than 1048576 bytes without markup"), "{e}");
        let tag =
            format!("{one}<tu note=\"{}\"><tuv xml:lang=\"en\"><seg>Two</seg></tuv></tu>", "a&gt;b ".repeat(500_000));
        let e = read(tmx(&tag), 1 << 20).unwrap_err();
        assert!(e.contains("more than 1048576 bytes without markup"), "{e}");
        assert_eq!(read(tmx(&tag), 4_000_000).unwrap().len(), 2);
    }

    #[test]
    fn an_error_anywhere_across_the_window_refills_is_located_to_its_line_and_character() {
        // 40,000 lines of ~100 bytes (4 MB: several refills of the 1 MiB
        // window), 0–12 two-byte chars in each; a mismatched end tag on one
        // line of 48, its line and column (in chars) found by counting.
        let line = |i: usize, end: &str| {
            let pad = "é".repeat((i * 7) % 13);
            format!("<tu><tuv xml:lang=\"es\"><seg>hola {pad}{i}</seg></tuv><tuv xml:lang=\"en\"><seg>hi {i}</seg></tuv></{end}>\n")
        };
        for k in 0..48 {
            let bad = 500 + k * 827;
            let body: String = (0..40_000).map(|i| line(i, if i == bad { "tux" } else { "tu" })).collect();
            let doc = String::from_utf8(tmx(&body)).unwrap();
            let at = doc.find("</tux>").unwrap();
            let want_line = doc[..at].matches('\n').count() + 1;
            let want_col = doc[doc[..at].rfind('\n').unwrap() + 1..at].chars().count() + 1;
            let e = read(doc.into_bytes(), 1 << 20).unwrap_err();
            assert!(e.starts_with(&format!("t.tmx:{want_line}:{want_col}: ")), "line {bad}: {e}");
        }
    }

    #[test]
    fn a_whitespace_run_past_the_window_fails_instead_of_ending_the_file() {
        let body = format!("<tu><tuv xml:lang=\"en\"><seg>a</seg></tuv></tu>{}<tu/>", " ".repeat(5 << 20));
        let e = read(tmx(&body), 1000).unwrap_err();
        assert!(e.contains("more than 1000 bytes without markup"), "{e}");
    }
}
