//! Import: TUs into the TM in one transaction; at commit the lookup indexes
//! (exact hash, candidate postings) are complete; concordance
//! ([`crate::Tm::concordance`]) reads the same postings. See the crate
//! README, "Import".

use crate::error::StoreError;
use crate::sqlite::insert::{Param, RawInsert, INS_TU, INS_TUV_WITH_ID};
use crate::sqlite::keys::SourceKeys;
use crate::sqlite::postings::{write_chunk, PostingChunk};
use crate::sqlite::runs::PostingRuns;

use super::SqliteTm;
use crate::model::{ImportOptions, ImportReport, OnConflict, Provenance};
use crate::sqlite::prepare::{PreparedTu, Preparer};
use crate::sqlite::rows::{load_variants, split_srclang, sql, tuvs_of_tu};
use memoria_core::content::Content;
use memoria_core::tu::{Tu, Tuv};
use rusqlite::{params, Transaction};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

/// An import in progress: one SQLite transaction. Dropping it without
/// [`SqliteImport::commit`] rolls everything back.
pub(crate) struct SqliteImport<'a> {
    tx: Transaction<'a>,
    /// The two inserts of every TU, prepared once for the import (the
    /// statement cache hashed their SQL text and cleared their bindings
    /// on every use: 3 % of an import's instructions), bound without
    /// copies ([`RawInsert`]).
    ins_tu: RawInsert<'a>,
    ins_tuv: RawInsert<'a>,
    path: PathBuf,
    opts: ImportOptions,
    report: ImportReport,
    /// The preparer of [`SqliteImport::add`]'s TUs, made on first use.
    own: Option<Preparer>,
    /// Id of the next TUV: ids are handed out by a [`Preparer`].
    next_tuv: i64,
    /// (term, TUV id) of every TUV this import did not store or deleted:
    /// taken out of the postings at commit.
    gone: Vec<(i64, u32)>,
    /// TUVs not stored or deleted, per language (`meta` counts).
    gone_per_lang: HashMap<String, i64>,
    now: i64,
    /// Set when the TM held no TU when the import began: duplicates and
    /// conflicts can only be among this import's TUs, found here, and the
    /// `tuv_exact` index is built once at commit.
    fresh: Option<SourceKeys>,
    /// A fresh import's postings, written in key order at commit
    /// ([`PostingRuns`]).
    runs: Option<PostingRuns>,
    /// TUs this fresh import deleted (`--on-conflict overwrite`): their keys
    /// stay in `fresh`, so their ids are passed over without a query (a
    /// source repeated 700 times made every occurrence query all earlier ones).
    deleted: HashSet<i64>,
    /// The TM was switched to a rollback journal for this import: WAL is
    /// restored when it ends, committed or not.
    rollback_journal: bool,
    /// The ids of the collections this import stored TUs in, by name.
    collection_ids: HashMap<String, i64>,
}

impl Drop for SqliteImport<'_> {
    fn drop(&mut self) {
        if !self.tx.is_autocommit() {
            // Not committed: the `Transaction` would roll back too, but the
            // journal mode can change only outside a transaction.
            let _ = self.tx.execute_batch("ROLLBACK");
        }
        if std::mem::take(&mut self.rollback_journal) {
            crate::sqlite::schema::restore_wal(&self.tx);
        }
    }
}

impl SqliteTm {
    /// Starts an import with options (conflict policy, collection name):
    /// every TU added goes into one transaction, stored only when
    /// [`SqliteImport::commit`] succeeds.
    pub(crate) fn begin_import(&mut self, opts: ImportOptions) -> Result<SqliteImport<'_>, StoreError> {
        let e = |err| sql(&self.path, err);
        // The sort that builds an index at commit spills to a temporary file
        // (not memory) and may use a second thread.
        self.conn.execute_batch("PRAGMA temp_store = FILE; PRAGMA threads = 2").map_err(e)?;
        let (ins_tu, ins_tuv) =
            (RawInsert::new(&self.conn, INS_TU).map_err(e)?, RawInsert::new(&self.conn, INS_TUV_WITH_ID).map_err(e)?);
        // Into an empty TM, an import under a rollback journal writes each
        // page once, into the file, and journals nothing but the few pages
        // the TM had: under WAL every page went to the log and was copied
        // again at the checkpoint (1M TUs: 24.1 s instead of 26.7 s, half
        // the system time). The mode needs the TM to itself; when another
        // connection has it open, the import stays in WAL. WAL comes back
        // when the import ends (and at the next open after a crash).
        let empty = !self.conn.query_row("SELECT EXISTS (SELECT 1 FROM tu)", [], |r| r.get::<_, bool>(0)).map_err(e)?;
        let rollback_journal = empty && crate::sqlite::schema::set_journal_mode(&self.conn, "DELETE", false);
        if rollback_journal {
            // Pages read back (the index build at commit) through read(),
            // not a 4 GiB map that would count them as the process's memory.
            self.conn.execute_batch("PRAGMA mmap_size = 0").map_err(e)?;
        }
        // `new_unchecked` borrows the connection shared, so that a failure
        // can still restore the journal mode through it.
        let tx = match Transaction::new_unchecked(&self.conn, rusqlite::TransactionBehavior::Immediate) {
            Ok(tx) => tx,
            Err(err) => {
                if rollback_journal {
                    crate::sqlite::schema::restore_wal(&self.conn);
                }
                return Err(e(err));
            }
        };
        let now = memoria_core::date::now();
        // From here on a failure drops `imp`, which rolls back and restores
        // the journal mode.
        let mut imp = SqliteImport {
            tx,
            ins_tu,
            ins_tuv,
            path: self.path.clone(),
            opts,
            report: ImportReport::default(),
            own: None,
            next_tuv: 0,
            gone: Vec::new(),
            gone_per_lang: HashMap::new(),
            now,
            fresh: None,
            runs: None,
            deleted: HashSet::new(),
            rollback_journal,
            collection_ids: HashMap::new(),
        };
        let tx = &imp.tx;
        // A damaged TM is refused before anything is written into it.
        crate::sqlite::verify::storage_ok(tx, &imp.path)?;
        // Again under the write lock: another process may have imported
        // between the first look and BEGIN.
        let fresh = !tx.query_row("SELECT EXISTS (SELECT 1 FROM tu)", [], |r| r.get::<_, bool>(0)).map_err(e)?;
        if fresh {
            // Rebuilt at commit; a rollback brings it back as it was.
            tx.execute_batch("DROP INDEX IF EXISTS tuv_exact").map_err(e)?;
        }
        // Page cache. A fresh import only appends: 8 MiB is enough, and the
        // index sort at commit is faster with it than with 32 MiB (6.4 s vs
        // 9.5 s, 48 MB vs 147 MB peak, on 2.9M TUs). Adding to a TM inserts
        // into its indexes at random: 32 MiB was as fast as 256 MiB on 100k
        // TUs (4.7 s vs 4.5 s) with 83 MB peak RSS instead of 122 MB.
        tx.execute_batch(if fresh { "PRAGMA cache_size = -8192" } else { "PRAGMA cache_size = -32768" }).map_err(e)?;
        imp.next_tuv = tx.query_row("SELECT coalesce(max(id), 0) + 1 FROM tuv", [], |r| r.get(0)).map_err(e)?;
        imp.fresh = fresh.then(SourceKeys::new);
        imp.runs = fresh.then(PostingRuns::default);
        Ok(imp)
    }
}

impl SqliteImport<'_> {
    /// Adds `tu` with its provenance. A TU identical (same variants, same
    /// texts and codes) to one already stored is counted as a duplicate and
    /// not stored again (the stored TU now belongs to this import's
    /// collection too); one whose source (the `srclang` variant, else the
    /// first) has the same normalised text as a stored TU's but other
    /// translations is handled by [`ImportOptions::on_conflict`]. Returns
    /// whether it was stored.
    pub fn add(&mut self, tu: &Tu, prov: &Provenance) -> Result<bool, StoreError> {
        let next_tuv = self.next_tuv;
        let own = self.own.get_or_insert_with(|| Preparer::new(next_tuv));
        let p = own.prepare(tu.clone(), Arc::new(prov.clone()));
        let chunk = own.take_postings(false);
        let stored = self.add_prepared(&p)?;
        if let Some(chunk) = chunk {
            self.add_postings(chunk)?;
        }
        Ok(stored)
    }

    /// Adds a TU copied from another TM with its provenance, times and
    /// context hashes as they were stored there.
    pub fn add_stored(&mut self, t: &crate::model::StoredTu) -> Result<bool, StoreError> {
        let next_tuv = self.next_tuv;
        let own = self.own.get_or_insert_with(|| Preparer::new(next_tuv));
        let mut p = own.prepare(t.tu.clone(), Arc::new(t.provenance.clone()));
        (p.created, p.changed, p.prev_hash, p.next_hash) = (Some(t.created), Some(t.changed), t.prev_hash, t.next_hash);
        p.also = t.also.clone();
        let chunk = own.take_postings(false);
        let stored = self.add_prepared(&p)?;
        if let Some(chunk) = chunk {
            self.add_postings(chunk)?;
        }
        Ok(stored)
    }

    /// A [`Preparer`] for this import's next TUs, to run on another thread
    /// while this one stores them ([`SqliteImport::add_prepared`],
    /// [`SqliteImport::add_postings`]). It hands out TUV ids: use one preparer at
    /// a time, and not [`SqliteImport::add`] while it is in use (a clash of ids
    /// is an error, never a silent overwrite).
    pub(crate) fn preparer(&self) -> Preparer {
        Preparer::new(self.next_tuv)
    }

    /// Writes postings collected by a [`Preparer`] (one chunk); a fresh
    /// import counts its TUVs now and keeps its lists for the commit.
    pub(crate) fn add_postings(&mut self, chunk: PostingChunk) -> Result<(), StoreError> {
        let Some(runs) = self.runs.as_mut() else {
            return write_chunk(&self.tx, &self.path, chunk);
        };
        let (lists, per_lang) = chunk.into_lists();
        let mut bump = self.tx.prepare_cached(crate::sqlite::postings::BUMP).map_err(|e| sql(&self.path, e))?;
        for (lang, n) in per_lang {
            bump.execute(params![format!("tuvs:{lang}"), n]).map_err(|e| sql(&self.path, e))?;
        }
        runs.push(&lists)?;
        Ok(())
    }

    /// [`SqliteImport::add`] of a TU prepared beforehand (possibly on another
    /// thread). The caller keeps `p`, to free it where it likes: freeing its
    /// many strings is work the writing thread need not do.
    pub(crate) fn add_prepared(&mut self, p: &PreparedTu) -> Result<bool, StoreError> {
        self.report.read += 1;
        if let Some(&last) = p.tuv_ids.last() {
            if last > i64::from(u32::MAX) {
                return Err(StoreError::Corrupt(format!("TUV id {last} exceeds the index's 32-bit ids")));
            }
            self.next_tuv = self.next_tuv.max(last + 1);
        }
        let (identical, conflicting) = self.same_source(p)?;
        if let Some(id) = identical {
            self.report.duplicates += 1;
            self.forget(p);
            if let Some(c) = p.prov.collection.as_deref().or(self.opts.collection.as_deref()) {
                self.link(id, c)?;
            }
            return Ok(false);
        }
        if !conflicting.is_empty() {
            match self.opts.on_conflict {
                OnConflict::KeepBoth => self.report.alternatives += 1,
                OnConflict::Skip => {
                    self.report.skipped_conflicts += 1;
                    self.forget(p);
                    return Ok(false);
                }
                OnConflict::Overwrite => {
                    for id in conflicting {
                        self.delete_tu(id)?;
                        self.report.overwritten += 1;
                    }
                }
            }
        }
        let collection = match p.prov.collection.as_deref().or(self.opts.collection.as_deref()) {
            Some(name) => match self.collection_ids.get(name) {
                Some(&id) => Some(id),
                None => Some(self.collection_id(&name.to_string())?),
            },
            None => None,
        };
        let e = |err| sql(&self.path, err);
        let tu = &p.tu;
        self.ins_tu
            .run(&[
                Param::from(p.tu_json[0].as_deref()),
                Param::from(p.tu_json[1].as_deref()),
                Param::from(p.tu_json[2].as_deref()),
                Param::from(collection),
                Param::from(p.prov.document.as_deref()),
                Param::from(p.prov.position),
                Param::Int(p.created.unwrap_or(self.now)),
                Param::Int(p.changed.unwrap_or(self.now)),
                Param::from(tu.attr("creationid")),
                Param::from(tu.attr("changeid")),
                Param::from(p.prev_hash),
                Param::from(p.next_hash),
                Param::from(p.tuv_ids.first().copied()),
                Param::from((!p.tuv_ids.is_empty()).then_some(p.tuv_ids.len() as i64)),
                Param::from(split_srclang(&tu.attrs).0),
            ])
            .map_err(e)?;
        let tu_id = self.tx.last_insert_rowid();
        // SQLite hands the id of a deleted last TU to the next one.
        self.deleted.remove(&tu_id);
        for c in &p.also {
            self.link(tu_id, c)?;
        }
        if let Some(keys) = self.fresh.as_mut() {
            // Every variant: a later TU's source may be any of them (as the
            // SQL look of a non-empty TM finds any variant).
            let id = u32::try_from(tu_id)
                .map_err(|_| StoreError::Corrupt(format!("TU id {tu_id} exceeds a fresh import's 32-bit ids")))?;
            for i in 0..tu.tuvs.len() {
                keys.insert(p.variant_key(i), id)?;
            }
        }
        for (((v, row), json), id) in tu.tuvs.iter().zip(&p.rows).zip(&p.tuv_json).zip(&p.tuv_ids) {
            self.ins_tuv
                .run(&[
                    Param::Int(*id),
                    Param::Int(tu_id),
                    Param::Text(v.lang.as_str()),
                    Param::Text(v.lang.language()),
                    Param::Text(&row.text),
                    Param::from(row.seg_json.as_deref()),
                    Param::Int(row.norm_hash),
                    row.key_column(),
                    Param::Int(row.key_len),
                    Param::from(json[0].as_deref()),
                    Param::from(json[1].as_deref()),
                    Param::from(json[2].as_deref()),
                ])
                .map_err(e)?;
        }
        self.report.added += 1;
        Ok(true)
    }

    /// Notes that the TUVs of `p` are not stored: their postings and counts
    /// are taken back at commit.
    fn forget(&mut self, p: &PreparedTu) {
        for ((v, row), &id) in p.tu.tuvs.iter().zip(&p.rows).zip(&p.tuv_ids) {
            self.gone.extend(row.terms.iter().map(|&t| (t, id as u32)));
            *self.gone_per_lang.entry(v.lang.language().to_string()).or_default() += 1;
        }
    }

    /// The id of collection `name` in the `collection` table, which gets
    /// it if it had not.
    fn collection_id(&mut self, name: &str) -> Result<i64, StoreError> {
        const ADD: &str = "INSERT INTO collection (name) VALUES (?1) ON CONFLICT (name) DO UPDATE SET name = name
                           RETURNING id";
        let id = self.tx.query_row(ADD, [name], |r| r.get(0)).map_err(|e| sql(&self.path, e))?;
        self.collection_ids.insert(name.to_string(), id);
        Ok(id)
    }

    /// Links the stored TU `id`, which this import brought again, to
    /// `collection` (`tu_collection`), unless it is its own collection.
    fn link(&self, id: i64, collection: &str) -> Result<(), StoreError> {
        const LINK: &str = "INSERT OR IGNORE INTO tu_collection (collection, tu_id)
                            SELECT ?1, id FROM tu WHERE id = ?2 AND NOT EXISTS
                            (SELECT 1 FROM collection AS c WHERE c.id = tu.collection_id AND c.name = ?1)";
        let e = |err| sql(&self.path, err);
        self.tx.prepare_cached(LINK).map_err(e)?.execute(params![collection, id]).map_err(e)?;
        Ok(())
    }

    /// The id of an identical stored TU, if any, and the ids of stored TUs
    /// with the same source text (same language tag) but other variants.
    fn same_source(&self, p: &PreparedTu) -> Result<(Option<i64>, Vec<i64>), StoreError> {
        let Some(si) = p.source else {
            return Ok((None, vec![]));
        };
        let key = p.variant_key(si);
        let tu = &p.tu;
        let src = &tu.tuvs[si];
        let e = |err| sql(&self.path, err);
        let ids: Vec<i64> = match &self.fresh {
            Some(keys) => {
                const HAS: &str =
                    concat!("SELECT EXISTS (", tuvs_of_tu!("1", " AND v.lang = ?2 AND v.norm_hash = ?3"), ")");
                let candidates = keys.candidates(key)?;
                if candidates.is_empty() {
                    // Most TUs: no statement taken from the cache at all.
                    return Ok((None, vec![]));
                }
                let mut has = self.tx.prepare_cached(HAS).map_err(e)?;
                let mut ids = Vec::new();
                for id in candidates.into_iter().filter(|id| !self.deleted.contains(id)) {
                    if has.query_row(params![id, src.lang.as_str(), p.rows[si].norm_hash], |r| r.get(0)).map_err(e)? {
                        ids.push(id);
                    }
                }
                ids
            }
            None => {
                const Q: &str = "SELECT tu_id FROM tuv WHERE lang_base = ?1 AND norm_hash = ?2 AND lang = ?3";
                self.tx
                    .prepare_cached(Q)
                    .map_err(e)?
                    .query_map(params![src.lang.language(), p.rows[si].norm_hash, src.lang.as_str()], |r| r.get(0))
                    .map_err(e)?
                    .collect::<Result<_, _>>()
                    .map_err(e)?
            }
        };
        let mut conflicting = Vec::new();
        for id in ids {
            let stored = load_variants(&self.tx, &self.path, id)?;
            if same_variants(&stored, &tu.tuvs) {
                return Ok((Some(id), vec![]));
            }
            let shares_a_target_lang =
                stored.iter().any(|(l, _)| l != src.lang.as_str() && tu.tuvs.iter().any(|v| v.lang.as_str() == l));
            if shares_a_target_lang {
                conflicting.push(id);
            }
        }
        Ok((None, conflicting))
    }

    fn delete_tu(&mut self, id: i64) -> Result<(), StoreError> {
        crate::sqlite::maintain::delete_tu_rows(&self.tx, &self.path, id, &mut self.gone, &mut self.gone_per_lang)?;
        if self.fresh.is_some() {
            self.deleted.insert(id);
        }
        Ok(())
    }

    /// Writes the postings of the TUs [`SqliteImport::add`] prepared and
    /// drops its preparer: the next one starts after their ids.
    pub(crate) fn flush_own(&mut self) -> Result<(), StoreError> {
        if let Some(chunk) = self.own.take().and_then(|mut p| p.take_postings(true)) {
            self.add_postings(chunk)?;
        }
        Ok(())
    }

    /// Writes the remaining postings of [`SqliteImport::add`], takes the TUVs not
    /// stored or deleted out of the postings, builds the exact-lookup index
    /// of a fresh import, commits the transaction and returns the report. A
    /// [`Preparer`]'s last chunk must have been added.
    pub fn commit(mut self) -> Result<ImportReport, StoreError> {
        self.flush_own()?;
        if let Some(runs) = self.runs.take() {
            runs.write(&self.tx, &self.path)?;
        }
        crate::sqlite::postings::remove_postings(&self.tx, &self.path, &mut self.gone)?;
        let mut bump = self.tx.prepare_cached(crate::sqlite::postings::BUMP).map_err(|e| sql(&self.path, e))?;
        for (lang, n) in &self.gone_per_lang {
            bump.execute(params![format!("tuvs:{lang}"), -n]).map_err(|e| sql(&self.path, e))?;
        }
        drop(bump);
        // The source keys go before the index sort needs its memory; a 4 MiB
        // cache sorts 5.9M entries as fast as 8 MiB with half the memory
        // (8.5 s, 18 MB).
        if self.fresh.take().is_some() {
            self.tx
                .execute_batch(&format!("PRAGMA cache_size = -4096; {};", crate::sqlite::schema::CREATE_EXACT_INDEX))
                .map_err(|e| sql(&self.path, e))?;
        }
        // COMMIT on the connection, not `Transaction::commit`: `Drop` then
        // finds no transaction and restores the journal mode.
        self.tx.execute_batch("COMMIT").map_err(|e| sql(&self.path, e))?;
        Ok(std::mem::take(&mut self.report))
    }

    /// The report so far.
    pub fn report(&self) -> &ImportReport {
        &self.report
    }

    /// Stores `header` (the `<header>` of the TMX file the collection's TUs
    /// come from) as the header of `collection`, replacing the one an earlier
    /// import stored; [`Tm::header`] gives it back. Part of this import's
    /// transaction: nothing is kept unless [`SqliteImport::commit`] succeeds.
    pub fn set_header(&mut self, collection: &str, header: &memoria_core::tu::Header) -> Result<(), StoreError> {
        crate::sqlite::header::store(&self.tx, &self.path, collection, header, self.now)
    }
}

fn same_variants(stored: &[(String, Content)], tuvs: &[Tuv]) -> bool {
    stored.len() == tuvs.len() && stored.iter().zip(tuvs).all(|((l, c), v)| l == v.lang.as_str() && *c == v.seg)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A TU of two plain variants, Spanish and English.
    fn es_en(es: &str, en: &str) -> Tu {
        use memoria_core::lang::LangTag;
        use memoria_core::tu::Tuv;
        Tu {
            tuvs: vec![Tuv::plain(LangTag::new("es").unwrap(), es), Tuv::plain(LangTag::new("en").unwrap(), en)],
            ..Tu::default()
        }
    }

    /// Every posting names a stored TUV, and the per-language counts are
    /// the stored TUVs: (TUV id, term count) of the whole posting table.
    fn postings_and_counts(tm: &SqliteTm) -> (Vec<u32>, Vec<u32>, i64, i64) {
        let mut ids = Vec::new();
        let mut st = tm.conn.prepare("SELECT ids FROM posting ORDER BY term, chunk").unwrap();
        let mut rows = st.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            crate::sqlite::index::decode(r.get_ref(0).unwrap().as_blob().unwrap(), |id| ids.push(id));
        }
        ids.sort_unstable();
        ids.dedup();
        let stored: Vec<u32> = tm
            .conn
            .prepare("SELECT id FROM tuv ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let count = |lang: &str| -> i64 {
            tm.conn.query_row("SELECT value FROM meta WHERE name = ?1", [format!("tuvs:{lang}")], |r| r.get(0)).unwrap()
        };
        (ids, stored, count("es"), count("en"))
    }

    #[test]
    fn a_fresh_overwrite_that_reuses_the_deleted_tu_s_id_still_finds_duplicates_of_it() {
        let tu = |en: &str| es_en("Hola.", en);
        let mut tm = SqliteTm::open_in_memory().unwrap();
        let opts = ImportOptions { on_conflict: OnConflict::Overwrite, ..ImportOptions::default() };
        let mut imp = tm.begin_import(opts).unwrap();
        assert!(imp.add(&tu("Hello."), &Provenance::default()).unwrap());
        // Deletes TU 1, the last one: SQLite gives its id to this TU.
        assert!(imp.add(&tu("Hi."), &Provenance::default()).unwrap());
        assert!(!imp.add(&tu("Hi."), &Provenance::default()).unwrap(), "a duplicate of the TU with the reused id");
        assert!(imp.add(&tu("Hello."), &Provenance::default()).unwrap());
        let r = imp.commit().unwrap();
        assert_eq!((r.added, r.duplicates, r.overwritten), (3, 1, 2));
        let ids: Vec<i64> = tm
            .conn
            .prepare("SELECT id FROM tu")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(ids, [1]);
    }

    #[test]
    fn an_import_into_an_empty_tm_runs_under_a_rollback_journal_and_restores_wal() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tm.db");
        let tu = |s: &str| es_en(s, s);
        let mode = |tm: &SqliteTm| tm.conn.query_row("PRAGMA journal_mode", [], |r| r.get::<_, String>(0)).unwrap();
        let mut tm = SqliteTm::open(&path).unwrap();
        assert_eq!(mode(&tm), "wal");
        let mut imp = tm.begin_import(ImportOptions::default()).unwrap();
        assert_eq!(imp.tx.query_row("PRAGMA journal_mode", [], |r| r.get::<_, String>(0)).unwrap(), "delete");
        imp.add(&tu("Uno."), &Provenance::default()).unwrap();
        drop(imp);
        assert_eq!((mode(&tm), tm.tu_count().unwrap()), ("wal".to_string(), 0), "rolled back, WAL again");
        let mut imp = tm.begin_import(ImportOptions::default()).unwrap();
        imp.add(&tu("Uno."), &Provenance::default()).unwrap();
        imp.commit().unwrap();
        assert_eq!((mode(&tm), tm.tu_count().unwrap()), ("wal".to_string(), 1), "committed, WAL again");
        // A TM with TUs: the import stays in WAL (readers keep reading).
        let imp = tm.begin_import(ImportOptions::default()).unwrap();
        assert_eq!(imp.tx.query_row("PRAGMA journal_mode", [], |r| r.get::<_, String>(0)).unwrap(), "wal");
        drop(imp);
        // A crash during an import into an empty TM leaves it in the rollback
        // mode: the next open restores WAL.
        tm.conn.execute_batch("PRAGMA journal_mode = DELETE").unwrap();
        drop(tm);
        let tm = SqliteTm::open(&path).unwrap();
        assert_eq!((mode(&tm), tm.tu_count().unwrap()), ("wal".to_string(), 1));
    }

    #[test]
    fn a_fresh_import_dropped_or_committed_leaves_the_exact_index() {
        use memoria_core::lang::LangTag;
        let (es, en) = (LangTag::new("es").unwrap(), LangTag::new("en").unwrap());
        let tu = es_en("Hola.", "Hello.");
        let mut tm = SqliteTm::open_in_memory().unwrap();
        let has_index = |tm: &SqliteTm| -> bool {
            tm.conn
                .query_row("SELECT count(*) FROM sqlite_master WHERE name = 'tuv_exact'", [], |r| r.get::<_, i64>(0))
                .unwrap()
                == 1
        };
        let mut imp = tm.begin_import(ImportOptions::default()).unwrap();
        imp.add(&tu, &Provenance::default()).unwrap();
        drop(imp);
        assert!(has_index(&tm), "rolled back with the index");
        assert_eq!(tm.tu_count().unwrap(), 0);
        let mut imp = tm.begin_import(ImportOptions::default()).unwrap();
        imp.add(&tu, &Provenance::default()).unwrap();
        assert!(!imp.add(&tu, &Provenance::default()).unwrap(), "duplicate in a fresh import");
        imp.commit().unwrap();
        assert!(has_index(&tm), "rebuilt at commit");
        let plan: String = tm
            .conn
            .query_row("EXPLAIN QUERY PLAN SELECT id FROM tuv WHERE lang_base = 'es' AND norm_hash = 1", [], |r| {
                r.get(3)
            })
            .unwrap();
        assert!(plan.contains("tuv_exact"), "{plan}");
        assert_eq!(tm.lookup(&crate::Query::new("Hola.", es, en)).unwrap()[0].score, 100);
    }

    #[test]
    fn the_index_a_fresh_import_rebuilds_is_the_schema_s() {
        assert!(crate::sqlite::schema::SCHEMA.contains(&format!("{};", crate::sqlite::schema::CREATE_EXACT_INDEX)));
    }

    #[test]
    fn tuvs_not_stored_leave_no_postings_behind() {
        use memoria_core::lang::LangTag;
        let (es, en) = (LangTag::new("es").unwrap(), LangTag::new("en").unwrap());
        let tu = es_en;
        let prov = Provenance::default();
        let mut tm = SqliteTm::open_in_memory().unwrap();
        let mut imp = tm.begin_import(ImportOptions { on_conflict: OnConflict::Skip, collection: None }).unwrap();
        assert!(imp.add(&tu("Hola, mundo.", "Hello, world."), &prov).unwrap());
        assert!(!imp.add(&tu("Hola, mundo.", "Hello, world."), &prov).unwrap(), "duplicate");
        assert!(!imp.add(&tu("Hola, mundo.", "Hi, planet."), &prov).unwrap(), "skipped conflict");
        assert!(imp.add(&tu("Adiós, mundo cruel.", "Goodbye, cruel world."), &prov).unwrap());
        imp.commit().unwrap();
        let (posted, stored, n_es, n_en) = postings_and_counts(&tm);
        assert_eq!(stored, [1, 2, 7, 8]);
        assert_eq!(posted, stored);
        assert_eq!((n_es, n_en), (2, 2));

        // Overwrite: the stored TU's TUVs go, with their postings.
        let mut imp = tm.begin_import(ImportOptions { on_conflict: OnConflict::Overwrite, collection: None }).unwrap();
        assert!(imp.add(&tu("Adiós, mundo cruel.", "Farewell, cruel world."), &prov).unwrap());
        let report = imp.commit().unwrap();
        assert_eq!(report.overwritten, 1);
        let (posted, stored, n_es, n_en) = postings_and_counts(&tm);
        assert_eq!(stored, [1, 2, 9, 10]);
        assert_eq!(posted, stored);
        assert_eq!((n_es, n_en), (2, 2));
        let m = tm.lookup(&crate::Query::new("Adiós, mundo cruel.", es, en)).unwrap();
        assert_eq!(m[0].target.plain_text(), "Farewell, cruel world.");
    }
}
