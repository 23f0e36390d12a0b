//! The rules that cannot run on a DFA, one rule at a time, on bounded windows
//! of the text:
//! - patterns with a Unicode word boundary (`\b`, `\B`, common in rule
//!   files from LanguageTool and OmegaT), which the lazy DFA cannot decide on
//!   non-ASCII text: the `regex` crate's other engines (PikeVM, bounded
//!   backtracker), linear in the window;
//! - patterns with look-around or backreferences: `fancy-regex`, a
//!   backtracking engine, with at most [`BACKTRACK_LIMIT`] steps per call.
//!   Exceeding it is an error naming the rule ([`Fault::Budget`]).
//!
//! A window is at most [`LOOKBEHIND`] bytes before a position and
//! [`LOOKAHEAD`] bytes after it; candidates are searched in chunks of
//! [`CHUNK`] bytes that overlap by a window, so every call sees a bounded
//! text and the number of calls is linear in the text. On `fancy-regex` the
//! window is all the pattern sees (its edges count as the text's edges); on
//! the `regex` crate look-arounds such as `$` see the whole paragraph.

use super::{ceil_char, floor_char, next_char, LOOKAHEAD, LOOKBEHIND};
use regex_automata::meta::Regex as Meta;
use regex_automata::{Anchored, Input};

/// Most backtracking steps one `fancy-regex` call may take (a search of a
/// chunk, or a before/after test at one position). fancy-regex's own default
/// is 1,000,000; a rule that needs more on a window of a few hundred bytes is
/// catastrophic (`(a+)+` and the like).
pub const BACKTRACK_LIMIT: usize = 100_000;

/// Bytes of text one candidate search sees.
pub const CHUNK: usize = 4 * (LOOKBEHIND + LOOKAHEAD);

/// A rule exceeded [`BACKTRACK_LIMIT`] at byte `at` of the paragraph.
#[derive(Debug)]
pub(super) struct Budget {
    pub at: usize,
}

#[derive(Debug)]
pub(super) enum WindowRule {
    /// `(?:before)\z`, `after` (run anchored) and, for break rules,
    /// `(before)(?:after)`, on the `regex` crate's engines.
    Meta { before: Meta, after: Meta, joint: Option<Meta> },
    /// `(?:before)\z`, `\A(?:after)` and `(before)(?:after)` on fancy-regex.
    Fancy(Box<Fancy>),
}

#[derive(Debug)]
pub(super) struct Fancy {
    before: fancy_regex::Regex,
    after: fancy_regex::Regex,
    joint: Option<fancy_regex::Regex>,
}

fn fancy(pattern: &str) -> Result<fancy_regex::Regex, String> {
    fancy_regex::RegexBuilder::new(pattern).backtrack_limit(BACKTRACK_LIMIT).build().map_err(|e| e.to_string())
}

fn budget<T>(r: Result<T, fancy_regex::Error>, at: usize) -> Result<T, Budget> {
    // Runtime errors of fancy-regex are budget errors (backtrack limit; a
    // stack limit is the same thing in another unit).
    r.map_err(|_| Budget { at })
}

impl WindowRule {
    /// Compiles a rule on the `regex` crate, else on fancy-regex. Errors say
    /// which side failed: (is the before-pattern, message).
    pub(super) fn new(before: &str, after: &str, is_break: bool) -> Result<WindowRule, (bool, String)> {
        let meta = (Meta::new(&format!(r"(?:{before})\z")), Meta::new(after));
        if let (Ok(b), Ok(a)) = meta {
            let joint = if is_break {
                Some(Meta::new(&format!("({before})(?:{after})")).map_err(|e| (true, e.to_string()))?)
            } else {
                None
            };
            return Ok(WindowRule::Meta { before: b, after: a, joint });
        }
        let b = fancy(&format!(r"(?:{before})\z")).map_err(|e| (true, e))?;
        let a = fancy(&format!(r"\A(?:{after})")).map_err(|e| (false, e))?;
        let joint =
            if is_break { Some(fancy(&format!("({before})(?:{after})")).map_err(|e| (true, e))?) } else { None };
        Ok(WindowRule::Fancy(Box::new(Fancy { before: b, after: a, joint })))
    }

    /// Whether the before-pattern matches text ending at `p`.
    pub(super) fn before_ends_at(&self, text: &str, p: usize, work: &mut usize) -> Result<bool, Budget> {
        let from = floor_char(text, p.saturating_sub(LOOKBEHIND));
        *work += p - from;
        match self {
            WindowRule::Meta { before, .. } => Ok(before.is_match(Input::new(&text[..p]).range(from..p))),
            WindowRule::Fancy(f) => budget(f.before.is_match(&text[from..p]), p),
        }
    }

    /// Whether the after-pattern matches text starting at `p`.
    pub(super) fn after_starts_at(&self, text: &str, p: usize, work: &mut usize) -> Result<bool, Budget> {
        let to = ceil_char(text, (p + LOOKAHEAD).min(text.len()));
        *work += to - p;
        match self {
            WindowRule::Meta { after, .. } => Ok(after.is_match(Input::new(text).range(p..to).anchored(Anchored::Yes))),
            WindowRule::Fancy(f) => budget(f.after.is_match(&text[p..to]), p),
        }
    }

    /// Pushes to `out` the break positions of this (break) rule: its
    /// leftmost match from a position, the position being where its
    /// before-pattern ends, then on from there, chunk by chunk.
    pub(super) fn candidates(&self, text: &str, out: &mut Vec<usize>, work: &mut usize) -> Result<(), Budget> {
        let n = text.len();
        let mut at = 0;
        while at <= n {
            let end = ceil_char(text, (at + CHUNK).min(n));
            *work += end - at;
            match self.find(text, at, end)? {
                Some((start, pos)) => {
                    out.push(pos);
                    at = if pos > at { pos } else { next_char(text, start.max(at)) };
                }
                None if end >= n => break,
                // A match that starts in the last window of the chunk may end
                // past it: search again from there.
                None => at = floor_char(text, end - (LOOKBEHIND + LOOKAHEAD)),
            }
        }
        Ok(())
    }

    /// The leftmost match within `at..end`: (its start, the end of group 1).
    fn find(&self, text: &str, at: usize, end: usize) -> Result<Option<(usize, usize)>, Budget> {
        match self {
            WindowRule::Meta { joint: Some(re), .. } => {
                let mut caps = re.create_captures();
                re.search_captures(&Input::new(text).range(at..end), &mut caps);
                Ok(caps.get_match().map(|m| (m.start(), caps.get_group(1).map_or(m.start(), |g| g.end))))
            }
            WindowRule::Fancy(f) if f.joint.is_some() => {
                let Some(re) = &f.joint else { return Ok(None) };
                let caps = budget(re.captures_from_pos(&text[..end], at), at)?;
                Ok(caps.map(|c| {
                    let start = c.get(0).map_or(at, |m| m.start());
                    (start, c.get(1).map_or(start, |m| m.end()))
                }))
            }
            _ => Ok(None),
        }
    }
}
