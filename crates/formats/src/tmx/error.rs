//! Errors and warnings of the TMX reader.

use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;

/// Where in a TMX file something happened: `line`/`column` are 1-based
/// (column in characters of the decoded text); `tu` is the 1-based index of
/// the `<tu>` element being read, with its `tuid` when it has one.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Location {
    pub file: String,
    pub line: u64,
    pub column: u64,
    pub tu: Option<u64>,
    pub tuid: Option<String>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

impl Location {
    fn tu_suffix(&self) -> String {
        match (self.tu, &self.tuid) {
            (Some(n), Some(id)) => format!(" (TU {n}, tuid {id:?})"),
            (Some(n), None) => format!(" (TU {n})"),
            _ => String::new(),
        }
    }
}

/// A TMX file that cannot be read. Every variant names the file; those about
/// content carry the line, column and TU.
#[derive(Debug, thiserror::Error)]
pub enum TmxError {
    /// The file could not be opened or read.
    #[error("{file}: cannot read: {cause}")]
    Io { file: String, cause: std::io::Error },
    /// Not well-formed XML, or not TMX: `what` says what was found and what
    /// was expected.
    #[error("{at}: {what}{}", at.tu_suffix())]
    Invalid { at: Location, what: String },
}

impl TmxError {
    /// The location, for errors about content.
    pub fn location(&self) -> Option<&Location> {
        match self {
            TmxError::Io { .. } => None,
            TmxError::Invalid { at, .. } => Some(at),
        }
    }
}

/// Kinds of problems the reader repairs or skips in recover mode (in strict
/// mode the first of the kinds marked "error in strict mode" stops the read).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum WarningKind {
    /// A character illegal in XML 1.0 (C0 control, U+FFFE/U+FFFF), raw or as
    /// a character reference: mapped to `<ph type="x-ctrl">` in a segment,
    /// U+FFFD elsewhere. Error in strict mode.
    IllegalChar,
    /// Bytes that are not valid in the file's encoding, replaced by U+FFFD.
    /// Error in strict mode.
    BadEncoding,
    /// An entity other than the five XML ones (`&nbsp;`): kept as text,
    /// never expanded. Error in strict mode.
    UnknownEntity,
    /// An element TMX does not define inside `<seg>` (`<g>`, `<x/>`): kept
    /// as an opaque code. Error in strict mode.
    ForeignInline,
    /// An element TMX does not allow where it was found: ignored. Error in
    /// strict mode.
    UnexpectedElement,
    /// A `<tuv>` without `<seg>`: the variant is dropped. Error in strict mode.
    TuvWithoutSeg,
    /// A TU that cannot be used (no variant, a variant without language):
    /// skipped. Error in strict mode.
    SkippedTu,
    /// A language tag written with `_` (`es_ES`), read as `es-ES`.
    LangRepaired,
    /// A `tuid` used by an earlier TU of the same file (allowed by 1.4b).
    DuplicateTuid,
    /// A date not in the TMX form `YYYYMMDDThhmmssZ`; kept as written.
    BadDate,
    /// A `usagecount` that is not a non-negative integer; kept as written.
    BadNumber,
    /// A `<header>` without the `srclang` TMX 1.4b §3.2 requires: each TU's
    /// source is its own `srclang`, else its first variant. A warning in
    /// strict mode too (the TUs are read the same).
    MissingSrclang,
}

impl WarningKind {
    /// Whether strict mode stops on this kind.
    pub fn is_error_in_strict_mode(self) -> bool {
        !matches!(
            self,
            WarningKind::LangRepaired
                | WarningKind::DuplicateTuid
                | WarningKind::BadDate
                | WarningKind::BadNumber
                | WarningKind::MissingSrclang
        )
    }
}

/// One warning: its kind, where (line and column 0 for warnings beyond
/// [`Warnings::KEPT`], which are only counted), and a message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub kind: WarningKind,
    pub file: String,
    pub line: u64,
    pub column: u64,
    pub tu: Option<u64>,
    pub tuid: Option<String>,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.file, self.line, self.column, self.message)?;
        match (self.tu, &self.tuid) {
            (Some(n), Some(id)) => write!(f, " (TU {n}, tuid {id:?})"),
            (Some(n), None) => write!(f, " (TU {n})"),
            _ => Ok(()),
        }
    }
}

/// Warnings of a read: a count per kind, and the first [`Warnings::KEPT`]
/// warnings in full (a huge file with a repeated problem stays small).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Warnings {
    pub counts: BTreeMap<WarningKind, u64>,
    pub first: Vec<Warning>,
}

impl Warnings {
    /// How many warnings are kept in full.
    pub const KEPT: usize = 100;

    /// Counts `w` and keeps it if fewer than [`Warnings::KEPT`] are kept.
    pub fn push(&mut self, w: Warning) {
        *self.counts.entry(w.kind).or_default() += 1;
        if self.first.len() < Self::KEPT {
            self.first.push(w);
        }
    }

    /// Total number of warnings.
    pub fn total(&self) -> u64 {
        self.counts.values().sum()
    }

    /// The count for one kind.
    pub fn count(&self, kind: WarningKind) -> u64 {
        self.counts.get(&kind).copied().unwrap_or(0)
    }

    /// Adds the counts and kept warnings of `other`.
    pub fn merge(&mut self, other: Warnings) {
        for (k, n) in other.counts {
            *self.counts.entry(k).or_default() += n;
        }
        let room = Self::KEPT.saturating_sub(self.first.len());
        self.first.extend(other.first.into_iter().take(room));
    }
}
