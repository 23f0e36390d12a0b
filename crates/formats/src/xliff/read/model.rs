//! What the XLIFF reader gives: units, files, producers' statuses, errors.

use memoria_core::content::Content;
use std::ops::Range;

/// A producer's own status of a unit or segment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProducerStatus {
    /// Trados SDLXLIFF `sdl:seg conf` (`Draft`, `Translated`,
    /// `ApprovedTranslation`, `ApprovedSignOff`, `RejectedTranslation`,
    /// `RejectedSignOff`); `None` when the segment has no `conf` (not
    /// translated).
    Sdl(Option<String>),
    /// memoQ `mq:status` (`NotStarted`, `PartiallyEdited`,
    /// `ManuallyConfirmed`, `Reviewer1Confirmed`, …).
    MemoQ(String),
    /// WorldServer `iws:status`: `translation_status` and `target_content`.
    WorldServer { translation_status: Option<String>, target_content: Option<String> },
}

/// One translatable segment read from XLIFF.
#[derive(Clone, Debug, PartialEq)]
pub struct XUnit {
    /// `trans-unit@id` (1.2; `ID:MID` for the segment `mid` of a unit
    /// segmented with `<seg-source>`) or `segment@id` (2.x; the unit's id
    /// and the segment's position when the segment has none).
    pub id: String,
    /// The 1.2 `trans-unit` or 2.x `unit` id the segment belongs to.
    pub unit_id: String,
    /// `resname` (1.2) or `name` (2.x) of the unit, if any.
    pub resname: Option<String>,
    /// Index of the unit's `<file>` in [`XliffReader::files`].
    pub file: usize,
    /// 1-based line where the unit starts.
    pub line: usize,
    pub source: Content,
    /// The target, if the unit has one (possibly empty).
    pub target: Option<Content>,
    /// `target@state` (1.2) or `segment@state` (2.x).
    pub state: Option<String>,
    /// 1.2 `trans-unit@approved="yes"`.
    pub approved: bool,
    /// `translate` of the unit as inherited (2.x from `<file>`/`<group>`).
    pub translate: bool,
    pub producer: Option<ProducerStatus>,
    /// The byte range of the unit in its document's text, as memoria's own
    /// XLIFF records it (1.2 context `x-range`, 2.x note `memoria:range`).
    pub range: Option<Range<usize>>,
    /// Who last changed the target and when (TMX date), where the producer
    /// says (SDLXLIFF `last_modified_by`/`modified_on`, memoQ
    /// `mq:lastchanginguser`/`mq:lastchangedtimestamp`).
    pub changer: Option<String>,
    pub changed: Option<String>,
}

impl XUnit {
    /// Whether the unit counts as translated for `memoria check`: a
    /// non-empty target whose state is not `new`/`needs-translation` (1.2)
    /// or `initial` without a target text (2.x).
    pub fn is_translated(&self) -> bool {
        let has_text = self.target.as_ref().is_some_and(Content::has_text);
        has_text && !matches!(self.state.as_deref(), Some("new" | "needs-translation"))
    }
}

/// A `<file>` of the document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct XFile {
    /// `original`: the source document's name or path.
    pub original: String,
    /// Source and target language as written (1.2 `source-language`,
    /// `target-language`; 2.x the root's `srcLang`, `trgLang`).
    pub source_language: Option<String>,
    pub target_language: Option<String>,
    /// The skeleton's location (1.2 `<skl><external-file href>`, 2.x
    /// `<skeleton href>`) and the checksum memoria wrote with it (1.2 `crc`).
    pub skeleton: Option<String>,
    pub checksum: Option<String>,
}

/// A parse error: 1-based line and column (characters) and what was wrong.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("line {line}, column {column}: {what}")]
pub struct ReadError {
    pub line: usize,
    pub column: usize,
    pub what: String,
}

/// Namespaces memoria knows: XLIFF and its modules, and the producers'
/// extensions whose meaning it reads or knows to be irrelevant to a TM.
pub(super) const KNOWN_NAMESPACES: &[&str] = &[
    "urn:oasis:names:tc:xliff:document:1.1",
    "urn:oasis:names:tc:xliff:document:1.2",
    "urn:oasis:names:tc:xliff:document:2.0",
    "urn:oasis:names:tc:xliff:matches:2.0",
    "urn:oasis:names:tc:xliff:glossary:2.0",
    "urn:oasis:names:tc:xliff:fs:2.0",
    "urn:oasis:names:tc:xliff:metadata:2.0",
    "urn:oasis:names:tc:xliff:resourcedata:2.0",
    "urn:oasis:names:tc:xliff:changetracking:2.0",
    "urn:oasis:names:tc:xliff:sizerestriction:2.0",
    "urn:oasis:names:tc:xliff:validation:2.0",
    "http://www.w3.org/2001/XMLSchema-instance",
    "http://www.w3.org/2005/11/its",
    "http://www.w3.org/ns/its-xliff/",
    "http://www.w3.org/1999/xhtml",
    "http://sdl.com/FileTypes/SdlXliff/1.0",
    "MQXliff",
    "http://www.idiominc.com/ws/asset",
    "okapi-framework:xliff-extensions",
    "urn:xliff-xtm-extensions",
    "urn:lisa-metrics-tags",
    "urn:xliff-term-extensions",
    "urn:xmlintl-xref",
    "t4xlf:xliff-parameter-extensions",
    "http://l10ntech.de/",
];
