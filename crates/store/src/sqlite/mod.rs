//! The embedded default backend: the TM in one SQLite file.
//!
//! `SqliteTm.rs` holds one connection (WAL journal; schema versioned with
//! `PRAGMA user_version`, `schema.rs`). An import (`import.rs`) is one
//! transaction whose TUs are prepared on another thread (`prepare.rs`) and
//! written through prepared inserts (`insert.rs`); at commit the exact-match
//! index and the candidate postings (`index.rs`) are complete. Lookup
//! (`lookup.rs`) reads the postings, verifies candidates with the
//! bit-parallel distance and scores them; concordance (`concordance.rs`)
//! reads the same postings and checks the phrase on the text; export reads back
//! (`export.rs`); TMX headers are kept per collection (`header.rs`); deletions,
//! edits, their audit trail and the consistency check are in `maintain.rs`; term
//! entries of glossaries are in their own tables (`terms.rs`). SQL lives
//! only in this folder, as `const` strings beside the function that runs it.

mod bloom;
mod concordance;
mod export;
mod header;
mod import;
pub mod index;
mod insert;
pub(crate) mod keypatch;
pub(crate) mod keys;
pub(crate) mod lookup;
pub(crate) mod maintain;
mod pipeline;
pub(crate) mod postings;
pub(crate) mod prepare;
pub(crate) mod readonly;
pub(crate) mod rows;
mod runs;
pub(crate) mod schema;
mod terms;
mod verify;

use crate::backend::{ImportSession, TmBackend};
use crate::error::StoreError;
use crate::maintain::{
    AuditRecord, Author, Change, Inconsistency, InconsistencyKind, Selection, TargetEdit, TuSummary,
};
use crate::model::{
    CollectionCount, ConcordanceHit, ExportFilter, ImportOptions, LanguageCount, Match, PairCount, Query, VerifyReport,
};
use crate::terms::{StoredEntry, TermCounts, TermFilter, TermSession};
use crate::LookupTrace;
use memoria_core::lang::LangTag;
use memoria_core::tu::{Header, Tu};
use rows::sql;
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A translation memory in one SQLite file.
pub struct SqliteTm {
    pub(crate) conn: Connection,
    pub(crate) path: PathBuf,
}

impl SqliteTm {
    /// Opens the TM at `path` (see [`crate::Tm::open`]), waiting up to 10 s
    /// for another process's lock.
    pub fn open(path: &Path) -> Result<SqliteTm, StoreError> {
        SqliteTm::open_waiting(path, Duration::from_secs(10))
    }

    /// Opens the TM at `path` (see [`crate::Tm::open`]), waiting up to
    /// `wait` for another process's lock.
    pub fn open_waiting(path: &Path, wait: Duration) -> Result<SqliteTm, StoreError> {
        readonly::refuse_unwritable(path)?;
        let mut conn = Connection::open(path).map_err(|e| sql(path, e))?;
        conn.busy_timeout(wait).map_err(|e| sql(path, e))?;
        schema::init(&mut conn, path)?;
        Ok(SqliteTm { conn, path: path.to_path_buf() })
    }

    /// A TM that lives in memory only.
    pub fn open_in_memory() -> Result<SqliteTm, StoreError> {
        let path = Path::new(":memory:");
        let mut conn = Connection::open_in_memory().map_err(|e| sql(path, e))?;
        schema::init(&mut conn, path)?;
        Ok(SqliteTm { conn, path: path.to_path_buf() })
    }
}

impl TmBackend for SqliteTm {
    fn location(&self) -> String {
        self.path.display().to_string()
    }

    fn set_busy_timeout(&self, wait: Duration) -> Result<(), StoreError> {
        self.conn.busy_timeout(wait).map_err(|e| sql(&self.path, e))
    }

    fn import(&mut self, opts: ImportOptions) -> Result<Box<dyn ImportSession + '_>, StoreError> {
        Ok(Box::new(self.begin_import(opts)?))
    }

    fn lookup_traced(&self, q: &Query) -> Result<(Vec<Match>, LookupTrace), StoreError> {
        self.lookup_traced(q)
    }

    fn lookup_exhaustive_many(&self, queries: &[Query]) -> Result<Vec<Vec<Match>>, StoreError> {
        self.lookup_exhaustive_many(queries)
    }

    fn concordance(
        &self,
        phrase: &str,
        lang: &LangTag,
        target: Option<&LangTag>,
        limit: usize,
    ) -> Result<Vec<ConcordanceHit>, StoreError> {
        self.concordance(phrase, lang, target, limit)
    }

    fn load_tu(&self, id: i64) -> Result<Tu, StoreError> {
        self.load_tu(id)
    }

    fn export<'a>(
        &'a self,
        filter: &ExportFilter,
    ) -> Result<Box<dyn Iterator<Item = Result<Tu, StoreError>> + 'a>, StoreError> {
        Ok(Box::new(self.export(filter)?))
    }

    fn export_stored<'a>(
        &'a self,
    ) -> Result<Box<dyn Iterator<Item = Result<crate::model::StoredTu, StoreError>> + 'a>, StoreError> {
        Ok(Box::new(self.export_stored()?))
    }

    fn tu_count(&self) -> Result<u64, StoreError> {
        self.tu_count()
    }

    fn stats(&self) -> Result<Vec<PairCount>, StoreError> {
        self.stats()
    }

    fn language_counts(&self) -> Result<Vec<LanguageCount>, StoreError> {
        self.language_counts()
    }

    fn schema_version(&self) -> Result<i64, StoreError> {
        self.schema_version()
    }

    fn header(&self, collection: &str) -> Result<Option<Header>, StoreError> {
        self.header(collection)
    }

    fn headers(&self) -> Result<Vec<(String, Header)>, StoreError> {
        self.headers()
    }

    fn collections(&self) -> Result<Vec<CollectionCount>, StoreError> {
        self.collections()
    }

    fn verify(&self) -> Result<VerifyReport, StoreError> {
        self.verify()
    }

    fn find(&self, sel: &Selection, offset: usize, limit: usize) -> Result<Vec<TuSummary>, StoreError> {
        self.find(sel, offset, limit)
    }

    fn delete(&mut self, sel: &Selection, who: &Author, dry_run: bool) -> Result<Change, StoreError> {
        self.delete(sel, who, dry_run)
    }

    fn edit_target(&mut self, edit: &TargetEdit, who: &Author, dry_run: bool) -> Result<Change, StoreError> {
        self.edit_target(edit, who, dry_run)
    }

    fn inconsistencies(
        &self,
        kind: InconsistencyKind,
        source: &LangTag,
        target: &LangTag,
        limit: usize,
    ) -> Result<Vec<Inconsistency>, StoreError> {
        self.inconsistencies(kind, source, target, limit)
    }

    fn history(&self, tu_id: i64) -> Result<Vec<AuditRecord>, StoreError> {
        self.history(tu_id)
    }

    fn import_terms(&mut self) -> Result<Box<dyn TermSession + '_>, StoreError> {
        Ok(Box::new(self.begin_terms()?))
    }

    fn term_entries<'a>(
        &'a self,
        filter: &TermFilter,
    ) -> Result<Box<dyn Iterator<Item = Result<StoredEntry, StoreError>> + 'a>, StoreError> {
        self.term_entries(filter)
    }

    fn delete_terms(&mut self, filter: &TermFilter) -> Result<u64, StoreError> {
        self.delete_terms(filter)
    }

    fn term_counts(&self) -> Result<TermCounts, StoreError> {
        self.term_counts()
    }
}
