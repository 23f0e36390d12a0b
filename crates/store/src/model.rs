//! The types the TM speaks in, on every backend: [`Query`], [`Match`],
//! [`Provenance`], [`ImportReport`], [`ImportOptions`], [`ExportFilter`],
//! counts, and [`band`].

use memoria_core::content::Content;
use memoria_core::lang::LangTag;
use memoria_core::score::Difference;

/// Where a TU came from: kept with it and shown with matches.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Provenance {
    /// Name of the import (TMX file name, or a collection the user chose).
    pub collection: Option<String>,
    /// The document the TU was aligned from.
    pub document: Option<String>,
    /// Index of the segment in that document.
    pub position: Option<i64>,
    /// Source text of the previous segment (for context matches).
    pub prev: Option<String>,
    /// Source text of the next segment.
    pub next: Option<String>,
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportReport {
    /// TUs handed to [`crate::Import::add`].
    pub read: u64,
    /// TUs stored.
    pub added: u64,
    /// TUs identical to one already stored (not stored again).
    pub duplicates: u64,
    /// TUs stored as an alternative translation of a source already stored.
    pub alternatives: u64,
    /// Stored TUs replaced by a new one ([`crate::OnConflict::Overwrite`]).
    pub overwritten: u64,
    /// New TUs dropped because their source was stored ([`crate::OnConflict::Skip`]).
    pub skipped_conflicts: u64,
}

/// What [`crate::Tm::verify`] found: the TM's counts and every problem, in
/// words (empty when the TM is sound).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct VerifyReport {
    pub tus: u64,
    pub tuvs: u64,
    /// Entries (word, TUV) of the candidate index.
    pub postings: u64,
    /// One line per problem: the storage's own findings (`storage: …`), then
    /// TUs without TUVs, TUVs without TU, counts that disagree, candidate
    /// index entries missing or dangling; the first ten of a kind by name.
    pub problems: Vec<String>,
}

/// Counts of TUs per language pair.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct PairCount {
    pub source: String,
    pub target: String,
    pub tus: u64,
}

/// A lookup request: find TM entries whose `from` variant resembles
/// `source`, and return their `to` variant.
#[derive(Clone, Debug)]
pub struct Query {
    pub source: String,
    pub from: LangTag,
    pub to: LangTag,
    /// Lowest score returned, 0–100.
    pub min_score: u8,
    /// Most matches returned.
    pub limit: usize,
    /// Source text of the segment before this one in its document, if any;
    /// with `next`, lets an exact match whose stored neighbours are the same
    /// score 101 (context match).
    pub prev: Option<String>,
    /// Source text of the segment after this one, if any.
    pub next: Option<String>,
}

impl Query {
    /// A query with the defaults `min_score` 50 and `limit` 5.
    pub fn new(source: &str, from: LangTag, to: LangTag) -> Query {
        Query { source: source.to_string(), from, to, min_score: 50, limit: 5, prev: None, next: None }
    }
}

/// A TM entry found for a query. Matches are ranked by score, then by how
/// well the source variant's tag fits `Query::from` ([`LangTag::fit`]: exact
/// tag, bare language, other region), then the target's fit, then recency
/// (TU change date, then import order), most recent first.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Match {
    /// 0–100 (101 reserved for context matches).
    pub score: u8,
    pub tu_id: i64,
    pub source_lang: LangTag,
    pub source: Content,
    pub target_lang: LangTag,
    /// The target to use: the stored target, with placeable values of the
    /// query substituted where the match differs only in placeables.
    pub target: Content,
    /// The target as stored in the TM.
    pub stored_target: Content,
    pub provenance: Provenance,
    /// Why the score is below 100 (empty for 100 and 101).
    pub differences: Vec<Difference>,
}

/// The band a score falls in, as CAT tools report them: `101`, `100`,
/// `95-99`, `85-94`, `75-84`, `50-74`, `no match`.
pub fn band(score: u8) -> &'static str {
    match score {
        101.. => "101",
        100 => "100",
        95..=99 => "95-99",
        85..=94 => "85-94",
        75..=84 => "75-84",
        50..=74 => "50-74",
        _ => "no match",
    }
}

/// What to do with a TU whose source text is already in the TM with another
/// translation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OnConflict {
    /// Keep both: the new one becomes an alternative translation.
    #[default]
    KeepBoth,
    /// Replace the stored TU(s) with the new one.
    Overwrite,
    /// Keep the stored TU(s); drop the new one.
    Skip,
}

/// Settings of an import.
#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    pub on_conflict: OnConflict,
    /// Provenance collection for TUs added without one (e.g. the TMX file name).
    pub collection: Option<String>,
}

/// A TU with what the TM keeps beside it (provenance, import and change
/// times, the context hashes of its neighbours): what `memoria copy` moves
/// from one TM to another ([`crate::Tm::export_stored`],
/// [`crate::Import::add_stored`]), so that the copy exports, looks up and
/// counts like the original.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredTu {
    pub tu: memoria_core::tu::Tu,
    /// Collection, document and position (`prev` and `next` are not kept: their hashes are).
    pub provenance: Provenance,
    /// Unix seconds of the import that stored it.
    pub created: i64,
    /// Unix seconds: TMX `changedate`, else `creationdate`, else the import.
    pub changed: i64,
    pub prev_hash: Option<i64>,
    pub next_hash: Option<i64>,
    /// The other collections that imported it (a TU belongs to every
    /// collection that brought it: schema version 8), sorted.
    pub also: Vec<String>,
}

/// Which TUs an export gives ([`crate::Tm::export`]).
#[derive(Clone, Debug, Default)]
pub struct ExportFilter {
    /// Only TUs that have a variant in every one of these languages, with
    /// only those variants (`es` also takes `es-AR`); empty: all.
    pub langs: Vec<LangTag>,
    /// Only TUs changed (TMX `changedate`, else `creationdate`, else import
    /// time) at or after this TMX date (`YYYYMMDDThhmmssZ`).
    pub since: Option<String>,
    /// Only TUs of this collection: those it brought and those it brought
    /// again (duplicates of a TU an earlier collection stored; a TU belongs
    /// to every collection that imported it).
    pub collection: Option<String>,
}

/// A segment found by a concordance search ([`crate::Tm::concordance`]).
#[derive(Clone, Debug, serde::Serialize)]
pub struct ConcordanceHit {
    pub tu_id: i64,
    pub lang: LangTag,
    /// The segment containing the phrase.
    pub source: Content,
    /// The TU's variant in the requested target language, if asked and present.
    pub target: Option<Content>,
    /// The rank of the hit: lower is better; minus the share of the
    /// segment's characters (normalised, lower-cased) the phrase covers.
    pub rank: f64,
}

/// Number of TUVs of one language tag, for `memoria stats`.
#[derive(Clone, Debug, serde::Serialize)]
pub struct LanguageCount {
    pub lang: String,
    pub tuvs: u64,
}

/// A collection (the TMX file name its TUs were imported from, or a name the
/// importer chose) with what the TM holds of it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct CollectionCount {
    /// The name; `None` for TUs stored without a collection.
    pub collection: Option<String>,
    /// TUs that belong to it: stored under it, or brought again by it (a
    /// TU counts in every collection that imported it).
    pub tus: u64,
    /// Whether its TMX header is stored (imports before schema version 3
    /// stored none).
    pub header: bool,
}
