//! The TM behind one trait: what every backend (the embedded SQLite file,
//! a team's PostgreSQL server) implements, in the TM's own terms — import
//! session, lookup, concordance, export iterator, counts, collections —
//! never SQL. [`crate::Tm`] is the handle the commands hold.

use crate::error::StoreError;
use crate::maintain::{
    AuditRecord, Author, Change, Inconsistency, InconsistencyKind, Selection, TargetEdit, TuSummary,
};
use crate::model::{
    CollectionCount, ConcordanceHit, ExportFilter, ImportOptions, ImportReport, LanguageCount, Match, PairCount,
    Provenance, Query, StoredTu, VerifyReport,
};
use crate::terms::{StoredEntry, TermCounts, TermFilter, TermSession};
use crate::LookupTrace;
use memoria_core::lang::LangTag;
use memoria_core::tu::{Header, Tu};
use std::sync::Arc;
use std::time::Duration;

/// The error of an import's producer (a file reader), carried unchanged
/// through [`StoreError::Feed`].
pub type FeedError = Box<dyn std::error::Error + Send + Sync>;

/// The import has failed on the writing side: the producer should stop
/// (returning `Ok`); [`ImportSession::add_all`] returns the real error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stopped;

/// Where a producer puts the TUs of an import ([`ImportSession::add_all`]).
pub trait TuSink {
    /// Queues `tu` with its provenance, in order.
    fn add(&mut self, tu: Tu, prov: &Arc<Provenance>) -> Result<(), Stopped>;
    /// Queues the TMX `<header>` of `collection`, stored after the TUs queued
    /// before it ([`ImportSession::set_header`]).
    fn header(&mut self, collection: &str, header: Header) -> Result<(), Stopped>;
}

/// A producer of TUs: reads its input on a thread of its own and puts each
/// TU into the sink.
pub type Producer<'p> = dyn FnMut(&mut dyn TuSink) -> Result<(), FeedError> + Send + 'p;

/// An import in progress: one transaction. Nothing is visible to other
/// connections until [`ImportSession::commit`]; dropping the session (or
/// [`ImportSession::rollback`]) leaves the TM as it was.
pub trait ImportSession {
    /// Adds `tu` now. A TU identical (same variants, same texts and codes)
    /// to one stored is counted as a duplicate and not stored again, and the
    /// stored TU then belongs to this import's collection too (schema
    /// version 8: [`TmBackend::export`] of that collection gives it,
    /// [`TmBackend::collections`] counts it there); one
    /// whose source (the `srclang` variant, else the first) has the same
    /// normalised text as a stored TU's but other translations is handled by
    /// [`ImportOptions::on_conflict`]. Returns whether it was stored.
    fn add(&mut self, tu: &Tu, prov: &Provenance) -> Result<bool, StoreError>;

    /// Adds every TU `produce` puts into its sink, through the backend's
    /// bulk path (SQLite: the producer, the derivation of every stored
    /// column and the writes on three threads). A producer error stops the
    /// import with [`StoreError::Feed`]; a write error stops the producer.
    fn add_all(&mut self, produce: &mut Producer<'_>) -> Result<(), StoreError>;

    /// Adds every TU of `tus` (copied from another TM: [`TmBackend::export_stored`]) with its
    /// provenance, times and context hashes as stored there; duplicates and conflicts as
    /// [`ImportSession::add`].
    fn add_stored(&mut self, tus: &mut dyn Iterator<Item = Result<StoredTu, StoreError>>) -> Result<(), StoreError>;

    /// Stores `header` (the `<header>` of the TMX file the collection's TUs
    /// come from) as the header of `collection`, replacing the one an earlier
    /// import stored; [`TmBackend::header`] gives it back.
    fn set_header(&mut self, collection: &str, header: &Header) -> Result<(), StoreError>;

    /// The counts so far.
    fn report(&self) -> &ImportReport;

    /// Makes every TU added visible and the lookup indexes complete, in one
    /// commit; returns the report.
    fn commit(self: Box<Self>) -> Result<ImportReport, StoreError>;

    /// Drops everything added; the TM is as it was.
    fn rollback(self: Box<Self>) -> Result<(), StoreError>;
}

/// A TM backend.
pub trait TmBackend: Send {
    /// Where the TM is, for messages: a file path, or a server URL with any
    /// password masked.
    fn location(&self) -> String;

    /// How long a write waits for another connection's lock before failing
    /// with an error for which [`StoreError::is_busy`] is true.
    fn set_busy_timeout(&self, wait: Duration) -> Result<(), StoreError>;

    /// Starts an import: one transaction.
    fn import(&mut self, opts: ImportOptions) -> Result<Box<dyn ImportSession + '_>, StoreError>;

    /// Ranked matches for `q` ([`crate::Tm::lookup`] gives the contract) and
    /// how the candidates were found.
    fn lookup_traced(&self, q: &Query) -> Result<(Vec<Match>, LookupTrace), StoreError>;

    /// For each query, the same matches found by scoring every variant of
    /// its language: the reference that recall is measured against (one
    /// scan of each language for all of them: [`crate::exhaustive`]).
    fn lookup_exhaustive_many(&self, queries: &[Query]) -> Result<Vec<Vec<Match>>, StoreError>;

    /// Segments in `lang` (any region) containing `phrase` as whole words,
    /// case-insensitively, diacritics kept, best first, at most `limit`;
    /// with `target`, each carries that variant. Every backend gives the
    /// same hits in the same order for the same TM: the contract (what a
    /// hit is, the words a segment's match key must have, the bounded scan
    /// of a phrase without words, the ranking) is `concordance.rs`'s module
    /// doc, and its checks are shared.
    fn concordance(
        &self,
        phrase: &str,
        lang: &LangTag,
        target: Option<&LangTag>,
        limit: usize,
    ) -> Result<Vec<ConcordanceHit>, StoreError>;

    /// Brings a concordance index that import does not keep up to date;
    /// returns the TUVs indexed. Only PostgreSQL has one (its `pg_trgm`
    /// table, filled after an import rather than during it, and by every
    /// search when behind): calling it once, as `memoria serve` does at
    /// start, spares the first search that work. SQLite's concordance reads
    /// the candidate postings import writes anyway: nothing to do, 0.
    fn update_concordance(&self) -> Result<u64, StoreError> {
        Ok(0)
    }

    /// TU `id` with all its variants, as imported.
    fn load_tu(&self, id: i64) -> Result<Tu, StoreError>;

    /// Every TU that passes `filter`, in import order, one at a time.
    fn export<'a>(
        &'a self,
        filter: &ExportFilter,
    ) -> Result<Box<dyn Iterator<Item = Result<Tu, StoreError>> + 'a>, StoreError>;

    /// Every TU with its provenance, times and context hashes, in import order: what a copy
    /// to another TM needs ([`ImportSession::add_stored`]).
    fn export_stored<'a>(&'a self) -> Result<Box<dyn Iterator<Item = Result<StoredTu, StoreError>> + 'a>, StoreError>;

    /// Number of TUs stored.
    fn tu_count(&self) -> Result<u64, StoreError>;

    /// TU counts per ordered language pair (by primary language), most first.
    fn stats(&self) -> Result<Vec<PairCount>, StoreError>;

    /// TUV counts per language tag, most first.
    fn language_counts(&self) -> Result<Vec<LanguageCount>, StoreError>;

    /// The schema version of the TM.
    fn schema_version(&self) -> Result<i64, StoreError>;

    /// The TMX header of `collection` as imported, if one is stored.
    fn header(&self, collection: &str) -> Result<Option<Header>, StoreError>;

    /// Every stored header with its collection, in import order.
    fn headers(&self) -> Result<Vec<(String, Header)>, StoreError>;

    /// The collections with their TU counts and whether each has a header.
    /// A TU counts in every collection that imported it.
    fn collections(&self) -> Result<Vec<CollectionCount>, StoreError>;

    /// Checks the whole TM: the storage's own check (SQLite:
    /// `integrity_check`), then the TM's invariants (every TU has TUVs and
    /// every TUV a TU, the candidate index holds exactly the words of every
    /// TUV, the per-language counts agree). Problems are reported, not
    /// returned as errors; an error means the TM could not be read at all.
    fn verify(&self) -> Result<VerifyReport, StoreError>;

    /// The TUs `sel` takes ([`Selection`]), by id, skipping `offset` of
    /// them, at most `limit`.
    fn find(&self, sel: &Selection, offset: usize, limit: usize) -> Result<Vec<TuSummary>, StoreError>;

    /// Deletes every TU `sel` takes, in one transaction, each recorded in
    /// the audit trail under `who`, with every index updated. With
    /// `dry_run` the same work is done and rolled back: the report is what
    /// a real run would do, and the TM is untouched.
    fn delete(&mut self, sel: &Selection, who: &Author, dry_run: bool) -> Result<Change, StoreError>;

    /// Replaces the text of one TU's variant ([`TargetEdit`]), in one
    /// transaction: indexes updated, TMX `changeid`/`changedate` set on the
    /// TU (and on the variant where it has them), the change recorded in
    /// the audit trail. An edit that changes nothing changes and records
    /// nothing. [`StoreError::NotFound`] for a TU or variant not stored.
    /// `dry_run` as for [`TmBackend::delete`].
    fn edit_target(&mut self, edit: &TargetEdit, who: &Author, dry_run: bool) -> Result<Change, StoreError>;

    /// Groups of TUs of the pair `source`–`target` (any region of each) that
    /// share one side's text and differ on the other ([`InconsistencyKind`]),
    /// the largest groups first, at most `limit`.
    fn inconsistencies(
        &self,
        kind: InconsistencyKind,
        source: &LangTag,
        target: &LangTag,
        limit: usize,
    ) -> Result<Vec<Inconsistency>, StoreError>;

    /// The audit trail of TU `tu_id`, oldest first (also after the TU was
    /// deleted).
    fn history(&self, tu_id: i64) -> Result<Vec<AuditRecord>, StoreError>;

    /// Starts a glossary import: one transaction ([`TermSession`]).
    fn import_terms(&mut self) -> Result<Box<dyn TermSession + '_>, StoreError>;

    /// Every term entry that passes `filter`, in import order, one at a time.
    fn term_entries<'a>(
        &'a self,
        filter: &TermFilter,
    ) -> Result<Box<dyn Iterator<Item = Result<StoredEntry, StoreError>> + 'a>, StoreError>;

    /// Deletes the term entries that pass `filter` (one transaction);
    /// returns how many.
    fn delete_terms(&mut self, filter: &TermFilter) -> Result<u64, StoreError>;

    /// Term entries and terms per language stored.
    fn term_counts(&self) -> Result<TermCounts, StoreError>;
}
