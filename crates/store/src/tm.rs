//! [`Tm`]: the handle every command holds, over whichever backend the TM
//! lives in; [`Import`]: an import session on it.

use crate::backend::{ImportSession, Producer, TmBackend};
use crate::error::StoreError;
use crate::maintain::{
    AuditRecord, Author, Change, Inconsistency, InconsistencyKind, Selection, TargetEdit, TuSummary,
};
use crate::model::{
    CollectionCount, ConcordanceHit, ExportFilter, ImportOptions, ImportReport, LanguageCount, Match, PairCount,
    Provenance, Query, StoredTu, VerifyReport,
};
use crate::sqlite::SqliteTm;
use crate::terms::{StoredEntry, TermCounts, TermFilter, TermSession};
use crate::LookupTrace;
use memoria_core::lang::LangTag;
use memoria_core::tu::{Header, Tu};
use std::path::Path;
use std::time::Duration;

/// A translation memory. Opened on a SQLite file ([`Tm::open`]) or over any
/// [`TmBackend`] ([`Tm::new`]); every method is the backend's.
pub struct Tm {
    backend: Box<dyn TmBackend>,
}

impl Tm {
    /// A TM over `backend`.
    pub fn new(backend: Box<dyn TmBackend>) -> Tm {
        Tm { backend }
    }

    /// Opens the SQLite TM at `path`, creating it (schema version
    /// [`crate::SCHEMA_VERSION`], WAL journal) when the file does not exist
    /// or is empty, and migrating a TM of an older memoria forward in one
    /// transaction. Refuses, without modifying it, a file that is not SQLite,
    /// a SQLite database that is not a memoria TM, and a TM written by a
    /// newer memoria ([`StoreError::NotATm`]).
    pub fn open(path: &Path) -> Result<Tm, StoreError> {
        Tm::open_waiting(path, Duration::from_secs(10))
    }

    /// [`Tm::open`], waiting up to `wait` whenever another process holds a
    /// lock: while opening (the first import into an empty TM holds the
    /// whole file until it commits) and for every later write. A lock held
    /// longer fails with an error for which [`StoreError::is_busy`] is true.
    pub fn open_waiting(path: &Path, wait: Duration) -> Result<Tm, StoreError> {
        Ok(Tm::new(Box::new(SqliteTm::open_waiting(path, wait)?)))
    }

    /// Opens the TM at `location`: a `postgres://` URL (a team's server,
    /// [`crate::postgres::PgTm::open`]: the schema created or migrated) or a
    /// SQLite file ([`Tm::open_waiting`]), waiting up to `wait` for locks
    /// and for a server that refuses connections.
    pub fn open_location(location: &Path, wait: Duration) -> Result<Tm, StoreError> {
        let s = location.to_string_lossy();
        if crate::postgres::is_url(&s) {
            return Ok(Tm::new(Box::new(crate::postgres::PgTm::open(&s, wait)?)));
        }
        Tm::open_waiting(location, wait)
    }

    /// Opens the TM at `path` to read it only: never created, never written
    /// to, and no file left beside it that this process could not or should
    /// not leave (a read-only file system or folder, another user's TM: then
    /// SQLite's read-only or immutable open). A TM that needs a migration
    /// is migrated only where this process may write it.
    pub fn open_reader(path: &Path, wait: Duration) -> Result<Tm, StoreError> {
        Ok(Tm::new(Box::new(SqliteTm::open_reader(path, wait)?)))
    }

    /// A TM that lives in memory only (tests, examples, an absent TM).
    pub fn open_in_memory() -> Result<Tm, StoreError> {
        Ok(Tm::new(Box::new(SqliteTm::open_in_memory()?)))
    }

    /// Where the TM is (a file path; a server with the password masked).
    pub fn location(&self) -> String {
        self.backend.location()
    }

    /// How long a write (an import) waits for another connection's write
    /// lock before failing with an error for which [`StoreError::is_busy`]
    /// is true. [`Tm::open`] sets 10 seconds.
    pub fn set_busy_timeout(&self, wait: Duration) -> Result<(), StoreError> {
        self.backend.set_busy_timeout(wait)
    }

    /// Starts an import with the default options: every TU added goes into
    /// one transaction, stored only when [`Import::commit`] succeeds.
    pub fn import(&mut self) -> Result<Import<'_>, StoreError> {
        self.import_with(ImportOptions::default())
    }

    /// Starts an import with options (conflict policy, collection name).
    pub fn import_with(&mut self, opts: ImportOptions) -> Result<Import<'_>, StoreError> {
        Ok(Import { session: self.backend.import(opts)? })
    }

    /// Ranked matches for `q`: the `q.from`-language variants of the TM scored
    /// against `q.source` ([`memoria_core::score::score`]), at least
    /// `q.min_score`, best first (see [`Match`] for the order), at most
    /// `q.limit`. Each match carries the TU's variant best serving `q.to`;
    /// TUs without one are skipped.
    pub fn lookup(&self, q: &Query) -> Result<Vec<Match>, StoreError> {
        self.backend.lookup_traced(q).map(|(m, _)| m)
    }

    /// [`Tm::lookup`] with how the candidates were found.
    pub fn lookup_traced(&self, q: &Query) -> Result<(Vec<Match>, LookupTrace), StoreError> {
        self.backend.lookup_traced(q)
    }

    /// [`Tm::lookup`] by scoring every variant of the language (the
    /// reference for recall).
    pub fn lookup_exhaustive(&self, q: &Query) -> Result<Vec<Match>, StoreError> {
        let mut all = self.backend.lookup_exhaustive_many(std::slice::from_ref(q))?;
        Ok(all.pop().unwrap_or_default())
    }

    /// [`Tm::lookup_exhaustive`] of each of `queries`, in their order, with
    /// one scan of each source language for all of them (the benchmark's
    /// oracle: 500 queries at 10M pairs in minutes). Bounded memory: the
    /// candidates that may reach each query's minimum score.
    pub fn lookup_exhaustive_many(&self, queries: &[Query]) -> Result<Vec<Vec<Match>>, StoreError> {
        self.backend.lookup_exhaustive_many(queries)
    }

    /// Segments in `lang` (any region) that contain `phrase` as whole words,
    /// case-insensitively (diacritics kept), best first — the phrase
    /// covering more of the segment first, then the older TU — at most
    /// `limit`. With `target`, each hit carries that variant. The same hits
    /// on every backend; see [`crate::TmBackend::concordance`].
    pub fn concordance(
        &self,
        phrase: &str,
        lang: &LangTag,
        target: Option<&LangTag>,
        limit: usize,
    ) -> Result<Vec<ConcordanceHit>, StoreError> {
        self.backend.concordance(phrase, lang, target, limit)
    }

    /// Brings the backend's concordance index up to date where it has one
    /// that import does not keep (PostgreSQL; SQLite: 0); returns how many
    /// TUVs it indexed. See [`crate::TmBackend::update_concordance`].
    pub fn update_concordance(&self) -> Result<u64, StoreError> {
        self.backend.update_concordance()
    }

    /// TU `id` with all its variants, as imported.
    pub fn load_tu(&self, id: i64) -> Result<Tu, StoreError> {
        self.backend.load_tu(id)
    }

    /// Every TU that passes `filter`, in import order, read one at a time.
    pub fn export<'a>(
        &'a self,
        filter: &ExportFilter,
    ) -> Result<impl Iterator<Item = Result<Tu, StoreError>> + 'a, StoreError> {
        self.backend.export(filter)
    }

    /// Every TU with its provenance, import and change times and context hashes, in import
    /// order: what [`Import::add_stored`] takes to copy the TM into another.
    pub fn export_stored<'a>(&'a self) -> Result<impl Iterator<Item = Result<StoredTu, StoreError>> + 'a, StoreError> {
        self.backend.export_stored()
    }

    /// Number of TUs stored.
    pub fn tu_count(&self) -> Result<u64, StoreError> {
        self.backend.tu_count()
    }

    /// TU counts per ordered language pair (by primary language), most first.
    pub fn stats(&self) -> Result<Vec<PairCount>, StoreError> {
        self.backend.stats()
    }

    /// TUV counts per language tag, most first.
    pub fn language_counts(&self) -> Result<Vec<LanguageCount>, StoreError> {
        self.backend.language_counts()
    }

    /// The schema version of the open TM.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        self.backend.schema_version()
    }

    /// The TMX header of `collection` as it was imported (attributes in
    /// order, props and notes in file order, `ude` elements verbatim), or
    /// `None` when none is stored: no such collection, TUs added without a
    /// TMX file (`memoria align --import`), or an import by a memoria older
    /// than schema version 3.
    pub fn header(&self, collection: &str) -> Result<Option<Header>, StoreError> {
        self.backend.header(collection)
    }

    /// Every stored header with its collection, in import order (a
    /// re-imported collection counts from its latest import).
    pub fn headers(&self) -> Result<Vec<(String, Header)>, StoreError> {
        self.backend.headers()
    }

    /// The collections with their TU counts, by name (`None` first), and
    /// whether each has a stored header. A collection whose TUs were all
    /// duplicates of stored ones has a header and 0 TUs.
    pub fn collections(&self) -> Result<Vec<CollectionCount>, StoreError> {
        self.backend.collections()
    }

    /// Checks the whole TM and reports every problem found
    /// ([`TmBackend::verify`]): reads every page and every row (12 s of
    /// SQLite's check plus memoria's own on a TM of 1M pairs).
    pub fn verify(&self) -> Result<VerifyReport, StoreError> {
        self.backend.verify()
    }

    /// The TUs `sel` takes, by id, skipping `offset`, at most `limit`
    /// ([`TmBackend::find`]).
    pub fn find(&self, sel: &Selection, offset: usize, limit: usize) -> Result<Vec<TuSummary>, StoreError> {
        self.backend.find(sel, offset, limit)
    }

    /// Deletes the TUs `sel` takes in one transaction, recording each under
    /// `who`; `dry_run` rolls it back ([`TmBackend::delete`]).
    pub fn delete(&mut self, sel: &Selection, who: &Author, dry_run: bool) -> Result<Change, StoreError> {
        self.backend.delete(sel, who, dry_run)
    }

    /// Replaces one variant's text, recorded under `who`
    /// ([`TmBackend::edit_target`]).
    pub fn edit_target(&mut self, edit: &TargetEdit, who: &Author, dry_run: bool) -> Result<Change, StoreError> {
        self.backend.edit_target(edit, who, dry_run)
    }

    /// Inconsistent translations of the pair ([`TmBackend::inconsistencies`]).
    pub fn inconsistencies(
        &self,
        kind: InconsistencyKind,
        source: &LangTag,
        target: &LangTag,
        limit: usize,
    ) -> Result<Vec<Inconsistency>, StoreError> {
        self.backend.inconsistencies(kind, source, target, limit)
    }

    /// The audit trail of TU `tu_id`, oldest first ([`TmBackend::history`]).
    pub fn history(&self, tu_id: i64) -> Result<Vec<AuditRecord>, StoreError> {
        self.backend.history(tu_id)
    }

    /// Starts a glossary import: every entry added goes into one
    /// transaction ([`TermSession`]).
    pub fn import_terms(&mut self) -> Result<Box<dyn TermSession + '_>, StoreError> {
        self.backend.import_terms()
    }

    /// Every term entry that passes `filter`, in import order, read a page at a time.
    pub fn term_entries<'a>(
        &'a self,
        filter: &TermFilter,
    ) -> Result<impl Iterator<Item = Result<StoredEntry, StoreError>> + 'a, StoreError> {
        self.backend.term_entries(filter)
    }

    /// Deletes the term entries that pass `filter`, in one transaction; returns how many.
    pub fn delete_terms(&mut self, filter: &TermFilter) -> Result<u64, StoreError> {
        self.backend.delete_terms(filter)
    }

    /// Term entries and terms per language stored.
    pub fn term_counts(&self) -> Result<TermCounts, StoreError> {
        self.backend.term_counts()
    }
}

/// An import in progress ([`Tm::import`]): one transaction. Dropping it
/// without [`Import::commit`] rolls everything back.
pub struct Import<'a> {
    session: Box<dyn ImportSession + 'a>,
}

impl Import<'_> {
    /// Adds `tu` with its provenance now; see [`ImportSession::add`].
    /// Returns whether it was stored.
    pub fn add(&mut self, tu: &Tu, prov: &Provenance) -> Result<bool, StoreError> {
        self.session.add(tu, prov)
    }

    /// Adds every TU `produce` puts into its sink, through the backend's
    /// bulk path ([`ImportSession::add_all`]).
    pub fn add_all(&mut self, produce: &mut Producer<'_>) -> Result<(), StoreError> {
        self.session.add_all(produce)
    }

    /// Adds TUs copied from another TM ([`Tm::export_stored`]), keeping their provenance,
    /// times and context hashes.
    pub fn add_stored(
        &mut self,
        tus: &mut dyn Iterator<Item = Result<StoredTu, StoreError>>,
    ) -> Result<(), StoreError> {
        self.session.add_stored(tus)
    }

    /// Stores the TMX `<header>` of `collection` with this import.
    pub fn set_header(&mut self, collection: &str, header: &Header) -> Result<(), StoreError> {
        self.session.set_header(collection, header)
    }

    /// The report so far.
    pub fn report(&self) -> &ImportReport {
        self.session.report()
    }

    /// Commits: every TU added becomes visible, with complete indexes.
    pub fn commit(self) -> Result<ImportReport, StoreError> {
        self.session.commit()
    }

    /// Rolls back: the TM is as it was.
    pub fn rollback(self) -> Result<(), StoreError> {
        self.session.rollback()
    }
}
