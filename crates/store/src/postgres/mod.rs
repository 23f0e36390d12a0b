//! A team's TM on a PostgreSQL server (`postgres://user@host:port/db?sslmode=…`).
//!
//! [`PgTm`] holds a small pool of connections (`conn.rs`: URL, TLS, masked
//! password, errors); the tables live in the schema `memoria`, versioned in
//! `memoria.meta` (`schema.rs`). An import (`import.rs`) is one transaction
//! that first locks out other writers (`LOCK TABLE … SHARE ROW EXCLUSIVE`,
//! waiting at most `--wait`): concurrent imports queue, none loses or
//! duplicates a TU, and lookups, which only read, are never blocked. TUs go
//! in by binary `COPY`, their columns derived exactly as SQLite's
//! (`crate::sqlite::prepare`), postings in the same chunked form. Lookups
//! (`read.rs`) run the backend-neutral [`crate::lookup`] over one
//! repeatable-read snapshot, so the same content gives the same matches and
//! scores as on SQLite; the lookup's hints (`MatchStore::prefetch_*`) let
//! it read in about five round trips what SQLite reads in many small calls.
//! Maintenance (`maintain.rs`: find, delete, edit,
//! audit trail, consistency) and glossaries (`terms.rs`) give SQLite's
//! answers too, each change one transaction under a writers' lock
//! (`write.rs`). SQL lives only in this folder, as `const` strings
//! beside the function that runs it, every value a bound parameter.

pub(crate) mod conn;
mod copy;
mod fresh;
mod import;
mod maintain;
mod read;
pub(crate) mod schema;
mod terms;
mod write;

pub use conn::{is_url, mask};
pub use schema::PG_SCHEMA_VERSION;

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
use conn::{Conn, Pool, Target};
use memoria_core::lang::LangTag;
use memoria_core::tu::{Header, Tu};
use std::time::Duration;

/// A translation memory on a PostgreSQL server.
pub struct PgTm {
    pub(crate) pool: Pool,
}

impl PgTm {
    /// Connects to the server at `url` (waiting up to `wait` while it
    /// refuses or does not answer), creates the schema `memoria` when the
    /// database has none, and migrates an older one forward. Errors name
    /// the server with the password masked.
    pub fn open(url: &str, wait: Duration) -> Result<PgTm, StoreError> {
        let tm = PgTm { pool: Pool::new(Target::parse(url)?, wait) };
        let mut c = tm.pool.get()?;
        schema::init(&tm, &mut c)?;
        tm.pool.put(c);
        Ok(tm)
    }

    /// Connects without creating anything: a database without memoria's
    /// schema is refused ([`StoreError::NotATm`]).
    pub fn open_existing(url: &str, wait: Duration) -> Result<PgTm, StoreError> {
        let tm = PgTm { pool: Pool::new(Target::parse(url)?, wait) };
        let mut c = tm.pool.get()?;
        match schema::version(&mut c).map_err(|e| tm.err(e))? {
            None => {
                return Err(StoreError::NotATm {
                    path: tm.pool.target.masked.clone().into(),
                    what: "no memoria TM in this database (schema memoria missing); `memoria import` creates one"
                        .into(),
                })
            }
            Some(v) if v > PG_SCHEMA_VERSION => {
                return Err(StoreError::NotATm {
                    path: tm.pool.target.masked.clone().into(),
                    what: format!(
                    "TM schema version {v} is newer than this memoria supports ({PG_SCHEMA_VERSION}); upgrade memoria"
                ),
                })
            }
            Some(v) if v < PG_SCHEMA_VERSION => schema::init(&tm, &mut c)?,
            Some(_) => {}
        }
        tm.pool.put(c);
        Ok(tm)
    }

    /// A PostgreSQL error naming this TM's server.
    pub(crate) fn err(&self, e: postgres::Error) -> StoreError {
        self.pool.target.error(e)
    }

    /// Runs `f` on a pooled connection, given back afterwards.
    pub(crate) fn with<T>(&self, f: impl FnOnce(&mut Conn) -> Result<T, StoreError>) -> Result<T, StoreError> {
        let mut c = self.pool.get()?;
        let out = f(&mut c);
        self.pool.put(c);
        out
    }
}

impl TmBackend for PgTm {
    fn location(&self) -> String {
        self.pool.target.masked.clone()
    }

    fn set_busy_timeout(&self, wait: Duration) -> Result<(), StoreError> {
        *self.pool.wait.lock().unwrap_or_else(|p| p.into_inner()) = wait;
        Ok(())
    }

    fn import(&mut self, opts: ImportOptions) -> Result<Box<dyn ImportSession + '_>, StoreError> {
        Ok(Box::new(import::PgImport::begin(self, opts)?))
    }

    fn lookup_traced(&self, q: &Query) -> Result<(Vec<Match>, LookupTrace), StoreError> {
        read::lookup(self, q)
    }

    fn lookup_exhaustive_many(&self, queries: &[Query]) -> Result<Vec<Vec<Match>>, StoreError> {
        read::lookup_exhaustive_many(self, queries)
    }

    fn concordance(
        &self,
        phrase: &str,
        lang: &LangTag,
        target: Option<&LangTag>,
        limit: usize,
    ) -> Result<Vec<ConcordanceHit>, StoreError> {
        read::concordance(self, phrase, lang, target, limit)
    }

    fn update_concordance(&self) -> Result<u64, StoreError> {
        read::update_concordance(self)
    }

    fn load_tu(&self, id: i64) -> Result<Tu, StoreError> {
        self.with(|c| read::load_tu(c, id).map_err(|e| self.err(e))?)
    }

    fn export<'a>(
        &'a self,
        filter: &ExportFilter,
    ) -> Result<Box<dyn Iterator<Item = Result<Tu, StoreError>> + 'a>, StoreError> {
        Ok(Box::new(read::Export::new(self, filter)?.map(|r| r.map(|s| s.tu))))
    }

    fn export_stored<'a>(
        &'a self,
    ) -> Result<Box<dyn Iterator<Item = Result<crate::model::StoredTu, StoreError>> + 'a>, StoreError> {
        Ok(Box::new(read::Export::new(self, &ExportFilter::default())?))
    }

    fn tu_count(&self) -> Result<u64, StoreError> {
        read::tu_count(self)
    }

    fn stats(&self) -> Result<Vec<PairCount>, StoreError> {
        read::stats(self)
    }

    fn language_counts(&self) -> Result<Vec<LanguageCount>, StoreError> {
        read::language_counts(self)
    }

    fn schema_version(&self) -> Result<i64, StoreError> {
        self.with(|c| Ok(schema::version(c).map_err(|e| self.err(e))?.unwrap_or(0)))
    }

    fn header(&self, collection: &str) -> Result<Option<Header>, StoreError> {
        read::header(self, collection)
    }

    fn headers(&self) -> Result<Vec<(String, Header)>, StoreError> {
        read::headers(self)
    }

    fn collections(&self) -> Result<Vec<CollectionCount>, StoreError> {
        read::collections(self)
    }

    fn verify(&self) -> Result<VerifyReport, StoreError> {
        read::verify(self)
    }

    fn find(&self, sel: &Selection, offset: usize, limit: usize) -> Result<Vec<TuSummary>, StoreError> {
        maintain::find(self, sel, offset, limit)
    }

    fn delete(&mut self, sel: &Selection, who: &Author, dry_run: bool) -> Result<Change, StoreError> {
        maintain::delete(self, sel, who, dry_run)
    }

    fn edit_target(&mut self, edit: &TargetEdit, who: &Author, dry_run: bool) -> Result<Change, StoreError> {
        maintain::edit_target(self, edit, who, dry_run)
    }

    fn inconsistencies(
        &self,
        kind: InconsistencyKind,
        source: &LangTag,
        target: &LangTag,
        limit: usize,
    ) -> Result<Vec<Inconsistency>, StoreError> {
        maintain::inconsistencies(self, kind, source, target, limit)
    }

    fn history(&self, tu_id: i64) -> Result<Vec<AuditRecord>, StoreError> {
        maintain::history(self, tu_id)
    }

    fn import_terms(&mut self) -> Result<Box<dyn TermSession + '_>, StoreError> {
        Ok(Box::new(terms::PgTermSession::begin(self)?))
    }

    fn term_entries<'a>(
        &'a self,
        filter: &TermFilter,
    ) -> Result<Box<dyn Iterator<Item = Result<StoredEntry, StoreError>> + 'a>, StoreError> {
        terms::term_entries(self, filter)
    }

    fn delete_terms(&mut self, filter: &TermFilter) -> Result<u64, StoreError> {
        terms::delete_terms(self, filter)
    }

    fn term_counts(&self) -> Result<TermCounts, StoreError> {
        terms::term_counts(self)
    }
}
