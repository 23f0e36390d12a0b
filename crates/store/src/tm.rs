//! The [`Tm`] handle and the types of its API: [`Query`], [`Match`],
//! [`Provenance`], [`ImportReport`], [`band`].

use crate::error::StoreError;
use crate::score::Difference;
use memoria_core::content::Content;
use memoria_core::lang::LangTag;
use rusqlite::Connection;
use std::path::{Path, PathBuf};

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

/// A translation memory in one SQLite file.
pub struct Tm {
    pub(crate) conn: Connection,
    pub(crate) path: PathBuf,
}

impl Tm {
    /// Opens the TM at `path`, creating it (schema version
    /// [`crate::SCHEMA_VERSION`], WAL journal) when the file does not exist or
    /// is empty, and migrating a TM of an older memoria forward in one
    /// transaction. Refuses, without modifying it, a file that is not SQLite,
    /// a SQLite database that is not a memoria TM, and a TM written by a newer
    /// memoria ([`StoreError::NotATm`]).
    pub fn open(path: &Path) -> Result<Tm, StoreError> {
        Tm::open_waiting(path, std::time::Duration::from_secs(10))
    }

    /// [`Tm::open`], waiting up to `wait` whenever another process holds a
    /// lock: while opening (the first import into an empty TM holds the
    /// whole file until it commits) and for every later write
    /// ([`Tm::set_busy_timeout`]). A lock held longer fails with an error
    /// for which [`StoreError::is_busy`] is true.
    pub fn open_waiting(path: &Path, wait: std::time::Duration) -> Result<Tm, StoreError> {
        let mut conn = Connection::open(path).map_err(|e| sql(path, e))?;
        conn.busy_timeout(wait).map_err(|e| sql(path, e))?;
        crate::schema::init(&mut conn, path)?;
        Ok(Tm { conn, path: path.to_path_buf() })
    }

    /// A TM that lives in memory only (tests, examples).
    pub fn open_in_memory() -> Result<Tm, StoreError> {
        let path = Path::new(":memory:");
        let mut conn = Connection::open_in_memory().map_err(|e| sql(path, e))?;
        crate::schema::init(&mut conn, path)?;
        Ok(Tm { conn, path: path.to_path_buf() })
    }

    /// How long a write (an import) waits for another connection's write
    /// lock before failing with an error for which
    /// [`StoreError::is_busy`] is true. [`Tm::open`] sets 10 seconds.
    pub fn set_busy_timeout(&self, wait: std::time::Duration) -> Result<(), StoreError> {
        self.conn.busy_timeout(wait).map_err(|e| sql(&self.path, e))
    }

    /// The file the TM lives in (`:memory:` for an in-memory TM).
    pub fn path(&self) -> &Path {
        &self.path
    }
}

pub(crate) fn sql(path: &Path, source: rusqlite::Error) -> StoreError {
    StoreError::Sqlite { path: path.to_path_buf(), source }
}

pub(crate) fn ser<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("serialising plain data cannot fail")
}

/// [`ser`] for a list, without serde for the common empty one.
pub(crate) fn ser_list<T: serde::Serialize>(v: &[T]) -> std::borrow::Cow<'static, str> {
    if v.is_empty() {
        "[]".into()
    } else {
        ser(&v).into()
    }
}

pub(crate) fn de<T: serde::de::DeserializeOwned>(s: &str) -> Result<T, StoreError> {
    serde_json::from_str(s).map_err(|e| StoreError::Corrupt(e.to_string()))
}
