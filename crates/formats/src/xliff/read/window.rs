//! The XLIFF reader's event source: the decoded UTF-8 input held in a
//! window of memory, parsed in place by quick-xml's slice reader, so that
//! events borrow the input instead of being copied into a buffer, and the
//! input is checked as UTF-8 once a window (SIMD) instead of once an event.
//!
//! Streaming, with bounded memory: the window holds the next [`AHEAD`]
//! bytes at least before each event, and the input is read [`READ`] bytes
//! at a time. An event longer than that (an SDLXLIFF `<internal-file>` of a
//! whole document in base64) is found cut at the window's end; the parser
//! is then put back to where the event starts (replaying the window's
//! events from the copy of the parser taken when the window was made: its
//! state, the open elements, is that of the stream, not of one window), the
//! window grows, and the event is read again, up to [`MAX_EVENT`] bytes.
//! Memory: two windows of `AHEAD + READ` bytes, more only while such an
//! event is read.

use crate::tmx::decode::{read_into, Locator};
use quick_xml::errors::SyntaxError;
use quick_xml::events::Event;
use quick_xml::Reader;
use std::io::Read;
use std::rc::Rc;

/// Bytes the window holds ahead of the parser before each event.
const AHEAD: usize = 256 << 10;
/// Bytes read from the source at once (beyond what is carried over).
const READ: usize = 2 << 20;
/// The longest event (a tag, a text, a comment) read.
pub(super) const MAX_EVENT: usize = 256 << 20;

/// An event and the window it borrows from, kept alive (and never written)
/// while the event is: nested elements hold their start tag while their
/// content is read, across refills of the window.
pub(super) struct Ev {
    /// Borrows `_window`'s heap buffer (see [`Window::refill`]).
    ev: Event<'static>,
    /// The event's bytes are valid UTF-8 (its window was checked whole).
    pub(super) valid: bool,
    _window: Rc<Vec<u8>>,
}

impl Ev {
    /// The event, borrowed for no longer than this holds its window.
    #[inline]
    pub(super) fn get(&self) -> &Event<'_> {
        &self.ev
    }
}

/// Why the next event could not be read.
pub(super) enum WindowError {
    /// Not well-formed XML (quick-xml's error) at the parser's position.
    Xml(quick_xml::Error),
    /// An event longer than [`MAX_EVENT`], starting at this offset.
    TooLong(u64),
    /// The source could not be read.
    Io(std::io::Error),
}

/// The event source.
pub(super) struct Window {
    /// Reads `windows[cur]`: the slice is the part not parsed yet (see
    /// [`Window::refill`] for why it may be `'static`).
    xml: Reader<&'static [u8]>,
    /// `xml` as it was when `windows[cur]` was made, to replay up to the
    /// start of an event found cut.
    snapshot: Reader<&'static [u8]>,
    windows: [Rc<Vec<u8>>; 2],
    cur: usize,
    /// Bytes of `windows[cur]` read from the source; the parser sees the
    /// first `shown` (not a UTF-8 sequence cut at the end).
    filled: usize,
    shown: usize,
    /// The shown bytes of `windows[cur]` are valid UTF-8.
    valid: bool,
    /// The offset in the decoded stream of `windows[cur]`'s first byte.
    base: u64,
    src: Box<dyn Read>,
    /// The source has no more bytes.
    eof: bool,
    locator: Locator,
}

impl Window {
    /// A source of the events of the UTF-8 bytes of `src`.
    pub(super) fn new(src: Box<dyn Read>) -> Window {
        let mut xml = Reader::from_reader(&[][..]);
        xml.config_mut().trim_text(false);
        Window {
            snapshot: xml.clone(),
            xml,
            windows: [Rc::default(), Rc::default()],
            cur: 0,
            filled: 0,
            shown: 0,
            valid: true,
            base: 0,
            src,
            eof: false,
            locator: Locator::default(),
        }
    }

    /// The offset in the decoded stream of the next byte to parse.
    #[inline]
    pub(super) fn position(&self) -> u64 {
        self.xml.buffer_position()
    }

    /// 1-based line and column (characters) of `offset`, which is in the
    /// window (at or after the start of the last event read).
    pub(super) fn line_col(&mut self, offset: u64) -> (usize, usize) {
        let (line, column) = self.locator.locate(offset);
        (line as usize, column as usize)
    }

    /// The next event and the offset where it starts.
    #[inline]
    pub(super) fn next(&mut self) -> Result<(Ev, u64), WindowError> {
        loop {
            if !self.eof && self.xml.get_ref().len() < AHEAD {
                self.refill(0).map_err(WindowError::Io)?;
            }
            let start = self.xml.buffer_position();
            let result = self.xml.read_event();
            // The end of a window that is not the end of the input reached
            // (a text read to the end, or a tag, comment, PI or CDATA section
            // unclosed): the event is longer than the window holds.
            let unclosed =
                matches!(result, Err(quick_xml::Error::Syntax(ref e)) if *e != SyntaxError::InvalidBangMarkup);
            let ran_out = matches!(result, Ok(Event::Text(_) | Event::Eof)) && self.xml.get_ref().is_empty();
            if !self.eof && (unclosed || ran_out) {
                drop(result);
                self.grow(start)?;
                continue;
            }
            return match result {
                Ok(ev) => Ok((Ev { ev, valid: self.valid, _window: self.windows[self.cur].clone() }, start)),
                Err(e) => Err(WindowError::Xml(e)),
            };
        }
    }

    /// Puts the parser back to `start` (where an event found cut begins)
    /// and makes the window at least twice as long.
    #[cold]
    fn grow(&mut self, start: u64) -> Result<(), WindowError> {
        let mut xml = self.snapshot.clone();
        while xml.buffer_position() < start {
            // The same bytes as read before: the same events, all whole.
            if xml.read_event().is_err() {
                break;
            }
        }
        self.xml = xml;
        let want = self.xml.get_ref().len().saturating_mul(2).max(AHEAD + READ);
        if want > MAX_EVENT + AHEAD {
            return Err(WindowError::TooLong(start));
        }
        self.refill(want).map_err(WindowError::Io)
    }

    /// Moves the bytes not parsed yet into the other window, reads more
    /// after them (to `at_least` bytes in all, or `AHEAD + READ`), checks
    /// them as UTF-8, and points the parser there.
    fn refill(&mut self, at_least: usize) -> std::io::Result<()> {
        let other = 1 - self.cur;
        let mut shared = std::mem::take(&mut self.windows[other]);
        // Written in place only when nothing holds it (no event, not the
        // locator, which was given the current one since); else a new one.
        let mut w = Rc::get_mut(&mut shared).map(std::mem::take).unwrap_or_default();
        drop(shared);
        let cur = &self.windows[self.cur];
        // From the slice, not quick-xml's position: after a text, quick-xml
        // has read the `<` that ends it, and gives the position of the `<`.
        let consumed = self.shown - self.xml.get_ref().len();
        let carried_at = self.base + consumed as u64;
        let carried = &cur[consumed..self.filled];
        let size = (AHEAD + READ).max(at_least).max(carried.len());
        if w.len() < size {
            // Zeroed once: a window stays initialised from one refill to the next.
            w.resize(size, 0);
        }
        w[..carried.len()].copy_from_slice(carried);
        let filled = carried.len() + read_into(&mut self.src, &mut w[carried.len()..size])?;
        self.eof = filled < size;
        let (shown, valid) = match simdutf8::compat::from_utf8(&w[..filled]) {
            Ok(_) => (filled, true),
            // A sequence cut by the read: shown with the next window.
            Err(e) if e.error_len().is_none() && !self.eof => (e.valid_up_to(), true),
            // Not UTF-8 (the events are then checked one by one, as text
            // of an unknown kind).
            Err(_) => (filled, false),
        };
        self.windows[other] = Rc::new(w);
        self.locator.window(self.windows[other].clone(), filled, carried_at);
        let w = &self.windows[other][..shown];
        // SAFETY: the slice points into the heap buffer of `windows[other]`,
        // which is never written, moved or freed while the parser (or its
        // snapshot) reads it or an `Ev` holds it: a window is written only
        // here, only when `Rc::get_mut` finds nobody else holding it (no
        // `Ev`; the locator holds the current window only), and only after
        // the parser was pointed away from it (it is not the current one).
        // The `Ev`s hand out their event borrowed for no longer than they
        // keep the window alive.
        let window: &'static [u8] = unsafe { std::slice::from_raw_parts(w.as_ptr(), w.len()) };
        *self.xml.get_mut() = window;
        self.snapshot = self.xml.clone();
        self.base = carried_at;
        (self.cur, self.filled, self.shown, self.valid) = (other, filled, shown, valid);
        Ok(())
    }
}
