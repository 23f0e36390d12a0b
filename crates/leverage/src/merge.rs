//! From a translated XLIFF back to the release: which units fill which
//! bytes of the document ([`plan`]).
//!
//! memoria's own XLIFF (`memoria pretranslate`) records each unit's byte
//! range in the release text (1.2 context `x-range`, 2.x note
//! `memoria:range`) and the release's path and checksum, so a merge needs
//! neither a skeleton copy nor the same segmentation rules: the release is
//! read again through its filter, checked against the checksum, and each
//! translated unit's target replaces its range ([`Filter::merge`] writes the
//! document). A unit that is no translation ([`classify`]) keeps its source.

use memoria_core::content::Content;
use memoria_formats::filter::{Document, Fill};
use memoria_formats::xliff::classify::{classify, Rules};
use memoria_formats::xliff::read::XUnit;
use std::ops::Range;

/// What a merge writes: the fills, and the units left in the source language.
#[derive(Debug, Default)]
pub struct Plan {
    pub fills: Vec<Fill>,
    /// Units with no translation: their range and source text.
    pub untranslated: Vec<(Range<usize>, String)>,
}

/// Why units cannot be merged into a document.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum MergeError {
    /// The unit carries no range: the XLIFF was not written by `memoria pretranslate`.
    #[error("unit {id} (line {line}) carries no range of the release; merge takes an XLIFF written by `memoria pretranslate`")]
    NoRange { id: String, line: usize },
    /// The range does not fit the document (it is another release).
    #[error("unit {id} (line {line}): range {start}-{end} is not in the release ({len} bytes of text)")]
    BadRange { id: String, line: usize, start: usize, end: usize, len: usize },
}

/// The fills of `units` into `doc`, in document order; units of another
/// `<file>` are the caller's to leave out.
pub fn plan(doc: &Document, units: &[XUnit], v2: bool, rules: Rules) -> Result<Plan, MergeError> {
    let mut plan = Plan::default();
    let mut units: Vec<&XUnit> = units.iter().collect();
    units.sort_by_key(|u| u.range.as_ref().map(|r| r.start));
    for u in units {
        let Some(r) = u.range.clone() else { return Err(MergeError::NoRange { id: u.id.clone(), line: u.line }) };
        let fits = r.end <= doc.text.len() && doc.text.is_char_boundary(r.start) && doc.text.is_char_boundary(r.end);
        if !fits {
            return Err(MergeError::BadRange {
                id: u.id.clone(),
                line: u.line,
                start: r.start,
                end: r.end,
                len: doc.text.len(),
            });
        }
        match classify(u, v2, rules) {
            Ok(_) => plan.fills.push(Fill { range: r, target: u.target.clone().unwrap_or_else(Content::default) }),
            Err(_) => {
                let source = doc.text[r.clone()].to_string();
                plan.untranslated.push((r, source));
            }
        }
    }
    Ok(plan)
}
