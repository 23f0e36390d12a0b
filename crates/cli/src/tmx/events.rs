//! The reader's machinery: the event source with its reusable buffer, the
//! diagnostics (strict/recover decisions, locating problems), and helpers.

use super::super::decode::{utf8_source, Counting, Detected, Locator};
use super::super::error::{Location, TmxError, Warning, WarningKind, Warnings};
use super::super::limit::RunLimit;
use quick_xml::events::Event;
use std::hash::Hasher;
use std::io::{BufRead, Read};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

/// Where the bytes come from; kept to re-read the start of the input when an
/// error needs a line and column.
pub(super) enum Source {
    File(PathBuf),
    Memory(Arc<Vec<u8>>),
}

impl Source {
    pub(super) fn open(
        &self,
        counter: Arc<AtomicU64>,
        replaced: Arc<AtomicU64>,
    ) -> std::io::Result<(Box<dyn Read>, Detected)> {
        match self {
            Source::File(p) => utf8_source(Counting::new(std::fs::File::open(p)?, counter), replaced),
            Source::Memory(b) => {
                utf8_source(Counting::new(std::io::Cursor::new(SharedBytes(b.clone())), counter), replaced)
            }
        }
    }
}

pub(super) struct SharedBytes(Arc<Vec<u8>>);

impl AsRef<[u8]> for SharedBytes {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// Diagnostics state, apart from the parser so that both can be borrowed at
/// once.
pub(super) struct Diag {
    pub(super) name: String,
    pub(super) source: Source,
    pub(super) strict: bool,
    pub(super) locator: Locator,
    pub(super) tu: Option<u64>,
    pub(super) tuid: Option<String>,
    pub(super) warnings: Warnings,
}

impl Diag {
    /// Line and column of byte `offset` of the decoded stream.
    fn line_col(&mut self, offset: u64) -> (u64, u64) {
        let source = &self.source;
        self.locator.locate(offset, || {
            source
                .open(Arc::default(), Arc::default())
                .map(|(s, _)| Box::new(std::io::BufReader::new(s)) as Box<dyn BufRead>)
        })
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

/// The XML event source with its reusable buffer.
pub(super) struct Parser {
    pub(super) xml: quick_xml::Reader<RunLimit<Box<dyn Read>>>,
    pub(super) buf: Vec<u8>,
    /// Set by [`RunLimit`] when the input ran past `max_segment_bytes`.
    pub(super) over_limit: Arc<AtomicBool>,
    pub(super) max_segment_bytes: usize,
}

impl Parser {
    /// The next event and the byte offset where it starts.
    ///
    /// Outside `<seg>`, `note` and `prop`, whitespace-only text is skipped by
    /// the parser (see [`Parser::keep_space`]).
    pub(super) fn next<'b>(&'b mut self, d: &mut Diag) -> Result<(Event<'b>, u64), TmxError> {
        self.buf.clear();
        match self.xml.read_event_into(&mut self.buf) {
            Ok(ev) => {
                let len = match &ev {
                    Event::Start(_) => ev.len() as u64 + 2,
                    Event::End(_) | Event::Empty(_) => ev.len() as u64 + 3,
                    _ => ev.len() as u64,
                };
                let pos = self.xml.buffer_position().saturating_sub(len);
                Ok((ev, pos))
            }
            Err(_) if self.over_limit.load(Ordering::Relaxed) => Err(d.error(
                self.xml.buffer_position(),
                format!(
                    "more than {} bytes without markup: a segment or other text is over the limit \
                     (--max-segment-bytes)",
                    self.max_segment_bytes
                ),
            )),
            Err(e) => Err(d.error(self.xml.error_position(), format!("not well-formed XML: {e}"))),
        }
    }

    /// Whether text that is only whitespace is reported (inside `seg`,
    /// `note`, `prop`, `ude`) or skipped (between structural elements).
    pub(super) fn keep_space(&mut self, keep: bool) {
        self.xml.config_mut().trim_text_start = !keep;
    }
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

/// Element names compare case-insensitively (field files write `<TU>`).
pub(super) fn is(name: &[u8], want: &str) -> bool {
    name.eq_ignore_ascii_case(want.as_bytes())
}
