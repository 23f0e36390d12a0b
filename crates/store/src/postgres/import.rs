//! An import into a PostgreSQL TM: one transaction, holding the writers'
//! lock on `memoria.tu` (`SHARE ROW EXCLUSIVE`: another import waits for it
//! at most `--wait`, then fails as busy, exit 3; readers take no conflicting
//! lock and are never blocked). TUs are prepared as SQLite's
//! ([`Preparer`]: the same columns, TUV ids and terms), decided in batches
//! (one statement finds the stored TUs with the batch's source texts, one
//! reads their variants: duplicates and conflicts as
//! [`crate::ImportSession::add`] says) and written by binary `COPY`; the
//! candidate postings go in chunks like SQLite's. A failure, a kill or a
//! server stopped mid-import leaves the TM as it was (the server rolls back).

use crate::backend::{ImportSession, Producer, Stopped, TuSink};
use crate::error::StoreError;
use crate::model::{ImportOptions, ImportReport, OnConflict, Provenance};
use crate::postgres::conn::Conn;
use crate::postgres::copy::copy_rows;
use crate::postgres::fresh;
use crate::postgres::write::{begin_write, bump, remove_postings, write_postings};
use crate::postgres::PgTm;
use crate::sqlite::index::index_terms;
use crate::sqlite::keys::SourceKeys;
use crate::sqlite::postings::{PostingChunk, PostingWriter};
use crate::sqlite::prepare::{PreparedTu, Preparer};
use crate::sqlite::rows::{content, ser_list};
use memoria_core::content::Content;
use memoria_core::tu::{Header, HeaderChild, Tu, Tuv};
use std::collections::{HashMap, HashSet};
use std::sync::mpsc::sync_channel;
use std::sync::Arc;

/// TUs decided and written together.
const BATCH: usize = 2000;

/// An import in progress ([`ImportSession`]).
pub(crate) struct PgImport<'a> {
    tm: &'a PgTm,
    /// The connection in the import's transaction; `None` once ended.
    c: Option<Conn>,
    opts: ImportOptions,
    report: ImportReport,
    preparer: Preparer,
    pending: Vec<PreparedTu>,
    postings: PostingWriter,
    next_tu: i64,
    now: i64,
    /// (term, TUV id) of stored TUVs this import deleted (`--on-conflict overwrite`).
    gone: Vec<(i64, u32)>,
    gone_per_lang: HashMap<String, i64>,
    /// Set when the TM held no TU when the import began (`fresh.rs`): the
    /// keys of every TUV stored by earlier batches, standing in for the
    /// index `tuv_exact`, built at commit.
    fresh: Option<SourceKeys>,
}

impl Drop for PgImport<'_> {
    fn drop(&mut self) {
        if let Some(mut c) = self.c.take() {
            if c.client.batch_execute("ROLLBACK").is_ok() {
                self.tm.pool.put(c);
            }
        }
    }
}

impl<'a> PgImport<'a> {
    /// Begins the transaction and takes the writers' lock, waiting at most
    /// the TM's wait for another import to end.
    pub fn begin(tm: &'a PgTm, opts: ImportOptions) -> Result<PgImport<'a>, StoreError> {
        let mut c = begin_write(tm, "memoria.tu")?;
        let e = |err| tm.err(err);
        let ids = (|| -> Result<(i64, i64, Option<SourceKeys>), postgres::Error> {
            let tu: i64 = c.client.query_one("SELECT coalesce(max(id), 0) + 1 FROM memoria.tu", &[])?.get(0);
            let tuv: i64 = c.client.query_one("SELECT coalesce(max(id), 0) + 1 FROM memoria.tuv", &[])?.get(0);
            Ok((tu, tuv, fresh::begin(&mut c)?))
        })();
        let (next_tu, next_tuv, fresh) = match ids {
            Ok(ids) => ids,
            Err(err) => {
                let _ = c.client.batch_execute("ROLLBACK");
                return Err(e(err));
            }
        };
        Ok(PgImport {
            tm,
            c: Some(c),
            opts,
            report: ImportReport::default(),
            preparer: Preparer::without_postings(next_tuv),
            pending: Vec::new(),
            postings: PostingWriter::new(),
            next_tu,
            now: memoria_core::date::now(),
            gone: Vec::new(),
            gone_per_lang: HashMap::new(),
            fresh,
        })
    }

    fn conn(&mut self) -> &mut Conn {
        self.c.as_mut().expect("an import's connection is held until it ends")
    }

    /// Prepares `tu` and queues it for the next batch.
    fn queue(&mut self, tu: Tu, prov: Arc<Provenance>) {
        let p = self.preparer.prepare(tu, prov);
        self.pending.push(p);
    }

    /// Decides and writes the queued TUs; returns whether each was stored.
    fn flush(&mut self) -> Result<Vec<bool>, StoreError> {
        if self.pending.is_empty() {
            return Ok(vec![]);
        }
        let batch = std::mem::take(&mut self.pending);
        let tm = self.tm;
        let e = |err| tm.err(err);
        // 1. Stored TUs with a variant of each source's language and text:
        // by the index `tuv_exact`, or in a fresh import (which has none
        // until commit) those its keys may hold, checked in 2.
        const SAME: &str = "SELECT t.tu_id, t.lang, t.norm_hash FROM memoria.tuv t
                            JOIN unnest($1::text[], $2::bigint[]) AS q(lb, h) ON t.lang_base = q.lb AND t.norm_hash = q.h
                            ORDER BY t.tu_id";
        const VARIANTS: &str =
            "SELECT tu_id, lang, text, seg, norm_hash FROM memoria.tuv WHERE tu_id = ANY($1) ORDER BY tu_id, id";
        let c = self.c.as_mut().expect("held");
        let mut by_source: HashMap<(String, i64), Vec<i64>> = HashMap::new();
        let mut ids: Vec<i64> = Vec::new();
        match &self.fresh {
            Some(keys) => {
                for p in &batch {
                    if let Some(si) = p.source {
                        ids.extend(keys.candidates(p.variant_key(si))?);
                    }
                }
            }
            None => {
                let mut want: HashSet<(&str, i64)> = HashSet::new();
                for p in &batch {
                    if let Some(si) = p.source {
                        want.insert((p.tu.tuvs[si].lang.language(), p.rows[si].norm_hash));
                    }
                }
                let (lbs, hashes): (Vec<&str>, Vec<i64>) = want.iter().copied().unzip();
                let st = c.stmt(SAME).map_err(e)?;
                for r in c.client.query(&st, &[&lbs, &hashes]).map_err(e)? {
                    let id: i64 = r.get(0);
                    by_source.entry((r.get(1), r.get(2))).or_default().push(id);
                    ids.push(id);
                }
            }
        }
        ids.sort_unstable();
        ids.dedup();
        // 2. Their variants; a fresh import's candidates by the variants
        // they really have (the keys give a superset, and may name a TU
        // deleted since).
        let mut stored: HashMap<i64, Vec<(String, Content)>> = HashMap::new();
        if !ids.is_empty() {
            let st = c.stmt(VARIANTS).map_err(e)?;
            for r in c.client.query(&st, &[&ids]).map_err(e)? {
                let (id, lang): (i64, String) = (r.get(0), r.get(1));
                if self.fresh.is_some() {
                    by_source.entry((lang.clone(), r.get(4))).or_default().push(id);
                }
                let v = (lang, content(r.get(2), r.get::<_, Option<&str>>(3))?);
                stored.entry(id).or_default().push(v);
            }
        }
        // 3. Decisions, in order, seeing the TUs of this batch stored before.
        let mut local: HashMap<(String, i64), Vec<i64>> = HashMap::new();
        let mut deleted: HashSet<i64> = HashSet::new();
        let mut delete_stored: Vec<i64> = Vec::new();
        let mut accepted: Vec<(i64, usize)> = Vec::new();
        // Stored TUs this batch brought again, with the collection that did.
        let mut links: Vec<(i64, String)> = Vec::new();
        let mut out = Vec::with_capacity(batch.len());
        for (i, p) in batch.iter().enumerate() {
            self.report.read += 1;
            let (identical, conflicting) = match p.source {
                None => (None, vec![]),
                Some(si) => {
                    let src = &p.tu.tuvs[si];
                    let key = (src.lang.as_str().to_string(), p.rows[si].norm_hash);
                    let candidates =
                        by_source.get(&key).into_iter().flatten().chain(local.get(&key).into_iter().flatten());
                    let (mut identical, mut conflicting) = (None, vec![]);
                    for &id in candidates.filter(|id| !deleted.contains(id)) {
                        let variants: Vec<(String, Content)> = match stored.get(&id) {
                            Some(v) => v.clone(),
                            None => {
                                let at = accepted.iter().find(|a| a.0 == id).map(|a| a.1);
                                let Some(at) = at else { continue };
                                batch[at].tu.tuvs.iter().map(|v| (v.lang.as_str().to_string(), v.seg.clone())).collect()
                            }
                        };
                        if same_variants(&variants, &p.tu.tuvs) {
                            identical = Some(id);
                            conflicting.clear();
                            break;
                        }
                        let shares = variants
                            .iter()
                            .any(|(l, _)| l != src.lang.as_str() && p.tu.tuvs.iter().any(|v| v.lang.as_str() == l));
                        if shares {
                            conflicting.push(id);
                        }
                    }
                    (identical, conflicting)
                }
            };
            if let Some(id) = identical {
                self.report.duplicates += 1;
                if let Some(c) = p.prov.collection.as_ref().or(self.opts.collection.as_ref()) {
                    links.push((id, c.clone()));
                }
                out.push(false);
                continue;
            }
            if !conflicting.is_empty() {
                match self.opts.on_conflict {
                    OnConflict::KeepBoth => self.report.alternatives += 1,
                    OnConflict::Skip => {
                        self.report.skipped_conflicts += 1;
                        out.push(false);
                        continue;
                    }
                    OnConflict::Overwrite => {
                        for id in conflicting {
                            deleted.insert(id);
                            self.report.overwritten += 1;
                            match accepted.iter().position(|a| a.0 == id) {
                                // A TU of this batch: never written. It
                                // was added, as on SQLite, which counts it
                                // there and then deletes it.
                                Some(at) => {
                                    accepted.remove(at);
                                }
                                None => {
                                    delete_stored.push(id);
                                    stored.remove(&id);
                                    by_source.values_mut().for_each(|ids| ids.retain(|&i| i != id));
                                }
                            }
                            if id == self.next_tu - 1 {
                                // The last TU went: its id is given again, as
                                // SQLite's rowids are (the same ids, the same ties).
                                const LAST: &str =
                                    "SELECT coalesce(max(id), 0) FROM memoria.tu WHERE NOT (id = ANY($1))";
                                let c = self.c.as_mut().expect("held");
                                let db_max: i64 = c.client.query_one(LAST, &[&delete_stored]).map_err(e)?.get(0);
                                let local_max = accepted.iter().map(|a| a.0).max().unwrap_or(0);
                                self.next_tu = db_max.max(local_max) + 1;
                            }
                        }
                    }
                }
            }
            let id = self.next_tu;
            self.next_tu += 1;
            deleted.remove(&id);
            for (v, row) in p.tu.tuvs.iter().zip(&p.rows) {
                local.entry((v.lang.as_str().to_string(), row.norm_hash)).or_default().push(id);
            }
            accepted.push((id, i));
            self.report.added += 1;
            out.push(true);
        }
        // 4. Stored TUs replaced.
        if !delete_stored.is_empty() {
            let c = self.c.as_mut().expect("held");
            let rows = c
                .client
                .query("DELETE FROM memoria.tuv WHERE tu_id = ANY($1) RETURNING id, lang_base, key", &[&delete_stored])
                .map_err(e)?;
            let mut tuvs = Vec::with_capacity(rows.len());
            for r in rows {
                let (id, lb, key): (i64, String, String) = (r.get(0), r.get(1), r.get(2));
                self.gone.extend(index_terms(&lb, &key).into_iter().map(|t| (t, id as u32)));
                *self.gone_per_lang.entry(lb).or_default() += 1;
                tuvs.push(id);
            }
            c.client.execute("DELETE FROM memoria.concordance WHERE tuv_id = ANY($1)", &[&tuvs]).map_err(e)?;
            c.client.execute("DELETE FROM memoria.tu WHERE id = ANY($1)", &[&delete_stored]).map_err(e)?;
            c.client
                .execute("DELETE FROM memoria.tu_collection WHERE tu_id = ANY($1)", &[&delete_stored])
                .map_err(e)?;
        }
        // 5. The new rows, and the links a copied TU brings.
        self.write(&batch, &accepted)?;
        for &(id, i) in &accepted {
            links.extend(batch[i].also.iter().map(|c| (id, c.clone())));
        }
        // 6. The TUs brought again now belong to this collection too (schema
        // version 5), unless it is their own; a TU replaced since has none.
        if !links.is_empty() {
            const LINK: &str = "INSERT INTO memoria.tu_collection (collection, tu_id)
                                SELECT q.c, t.id FROM unnest($1::text[], $2::bigint[]) AS q(c, id)
                                JOIN memoria.tu t ON t.id = q.id WHERE t.collection IS DISTINCT FROM q.c
                                ON CONFLICT DO NOTHING";
            let (ids, colls): (Vec<i64>, Vec<String>) =
                links.into_iter().filter(|(id, _)| !deleted.contains(id)).unzip();
            let c = self.c.as_mut().expect("held");
            let st = c.stmt(LINK).map_err(e)?;
            c.client.execute(&st, &[&colls, &ids]).map_err(e)?;
        }
        Ok(out)
    }

    /// Writes the TUs `accepted` (TU id, index into `batch`) by binary COPY
    /// and adds their TUVs to the postings.
    fn write(&mut self, batch: &[PreparedTu], accepted: &[(i64, usize)]) -> Result<(), StoreError> {
        let tm = self.tm;
        let e = |err| tm.err(err);
        let c = self.c.as_mut().expect("held");
        copy_rows(c, batch, accepted, self.now, self.opts.collection.as_deref()).map_err(e)?;
        for &(_, i) in accepted {
            let p = &batch[i];
            for ((v, row), &id) in p.tu.tuvs.iter().zip(&p.rows).zip(&p.tuv_ids) {
                if id > i64::from(u32::MAX) {
                    return Err(StoreError::Corrupt(format!("TUV id {id} exceeds the index's 32-bit ids")));
                }
                self.postings.add(v.lang.language(), id, &row.terms);
            }
        }
        if let Some(keys) = self.fresh.as_mut() {
            // Every variant: a later TU's source may be any of them (as the
            // statement of a non-empty TM finds any variant).
            for &(tu_id, i) in accepted {
                let id = u32::try_from(tu_id)
                    .map_err(|_| StoreError::Corrupt(format!("TU id {tu_id} exceeds a fresh import's 32-bit ids")))?;
                for k in 0..batch[i].tu.tuvs.len() {
                    keys.insert(batch[i].variant_key(k), id)?;
                }
            }
        }
        if self.postings.should_flush() {
            let chunk = self.postings.take();
            self.write_postings(chunk)?;
        }
        Ok(())
    }

    /// Writes `chunk` as one new chunk per term and adds its TUV counts.
    fn write_postings(&mut self, chunk: PostingChunk) -> Result<(), StoreError> {
        let tm = self.tm;
        write_postings(self.conn(), chunk).map_err(|e| tm.err(e))
    }

    /// Takes the TUVs this import deleted out of the postings and the counts.
    fn remove_gone(&mut self) -> Result<(), StoreError> {
        let tm = self.tm;
        let e = |err| tm.err(err);
        let mut gone = std::mem::take(&mut self.gone);
        let per_lang = std::mem::take(&mut self.gone_per_lang);
        let c = self.conn();
        for (lang, n) in per_lang {
            bump(c, &format!("tuvs:{lang}"), -n).map_err(e)?;
        }
        remove_postings(c, &mut gone).map_err(e)
    }
}

fn same_variants(stored: &[(String, Content)], tuvs: &[Tuv]) -> bool {
    stored.len() == tuvs.len() && stored.iter().zip(tuvs).all(|((l, c), v)| l == v.lang.as_str() && *c == v.seg)
}

/// What the producer's thread hands over.
enum Produced {
    Tus(Vec<(Tu, Arc<Provenance>)>),
    Header(String, Header),
}

/// What the preparing thread hands over.
enum Prepared {
    Tus(Vec<PreparedTu>),
    Header(String, Header),
}

/// The producer's sink: TUs in batches over a bounded channel.
struct Sink {
    tx: std::sync::mpsc::SyncSender<Produced>,
    batch: Vec<(Tu, Arc<Provenance>)>,
}

impl Sink {
    fn send(&mut self) -> Result<(), Stopped> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let b = std::mem::replace(&mut self.batch, Vec::with_capacity(256));
        self.tx.send(Produced::Tus(b)).map_err(|_| Stopped)
    }
}

impl TuSink for Sink {
    fn add(&mut self, tu: Tu, prov: &Arc<Provenance>) -> Result<(), Stopped> {
        self.batch.push((tu, prov.clone()));
        if self.batch.len() == 256 {
            self.send()?;
        }
        Ok(())
    }

    fn header(&mut self, collection: &str, header: Header) -> Result<(), Stopped> {
        self.send()?;
        self.tx.send(Produced::Header(collection.to_string(), header)).map_err(|_| Stopped)
    }
}

impl ImportSession for PgImport<'_> {
    fn add(&mut self, tu: &Tu, prov: &Provenance) -> Result<bool, StoreError> {
        self.flush()?;
        self.queue(tu.clone(), Arc::new(prov.clone()));
        Ok(self.flush()?.pop().unwrap_or(false))
    }

    /// Three threads, as SQLite's bulk path: the producer reads, a second
    /// thread derives the stored columns ([`Preparer`], in order: it hands
    /// out the TUV ids), this one decides and writes while the server
    /// takes the `COPY` (the preparing was two thirds of this thread's work,
    /// which was the import's bottleneck).
    fn add_all(&mut self, produce: &mut Producer<'_>) -> Result<(), StoreError> {
        let (tx, rx) = sync_channel::<Produced>(16);
        let (ptx, prx) = sync_channel::<Prepared>(8);
        let mut preparer = std::mem::replace(&mut self.preparer, Preparer::without_postings(0));
        std::thread::scope(|s| {
            let producer = s.spawn(move || {
                let mut sink = Sink { tx, batch: Vec::with_capacity(256) };
                let r = produce(&mut sink);
                let _ = sink.send();
                r
            });
            let preparing = s.spawn(move || {
                for item in rx.iter() {
                    let next = match item {
                        Produced::Tus(tus) => {
                            Prepared::Tus(tus.into_iter().map(|(tu, prov)| preparer.prepare(tu, prov)).collect())
                        }
                        Produced::Header(coll, h) => Prepared::Header(coll, h),
                    };
                    // The writer has stopped: hang up on the producer.
                    if ptx.send(next).is_err() {
                        break;
                    }
                }
                preparer
            });
            let mut written: Result<(), StoreError> = Ok(());
            for item in prx.iter() {
                let step = match item {
                    Prepared::Tus(tus) => {
                        let mut r = Ok(());
                        for p in tus {
                            self.pending.push(p);
                            if self.pending.len() >= BATCH {
                                if let Err(err) = self.flush() {
                                    r = Err(err);
                                    break;
                                }
                            }
                        }
                        r
                    }
                    Prepared::Header(coll, h) => self.set_header(&coll, &h),
                };
                if let Err(err) = step {
                    written = Err(err);
                    break;
                }
            }
            // Hangs up: the preparing thread stops, and a producer still
            // sending gets Stopped.
            drop(prx);
            let prepared = preparing.join();
            let fed = producer.join().unwrap_or_else(|_| Err("the import's reader panicked".into()));
            match prepared {
                Ok(p) => self.preparer = p,
                Err(_) => return Err(StoreError::Feed("the import's preparing thread panicked".into())),
            }
            written?;
            fed.map_err(StoreError::Feed)?;
            self.flush().map(|_| ())
        })
    }

    fn add_stored(
        &mut self,
        tus: &mut dyn Iterator<Item = Result<crate::model::StoredTu, StoreError>>,
    ) -> Result<(), StoreError> {
        self.flush()?;
        for t in tus {
            let t = t?;
            let mut p = self.preparer.prepare(t.tu, Arc::new(t.provenance));
            (p.created, p.changed, p.prev_hash, p.next_hash) =
                (Some(t.created), Some(t.changed), t.prev_hash, t.next_hash);
            p.also = t.also;
            self.pending.push(p);
            if self.pending.len() >= BATCH {
                self.flush()?;
            }
        }
        self.flush().map(|_| ())
    }

    fn set_header(&mut self, collection: &str, header: &Header) -> Result<(), StoreError> {
        self.flush()?;
        let tm = self.tm;
        let now = self.now;
        let c = self.conn();
        c.client.execute("DELETE FROM memoria.header WHERE collection = $1", &[&collection]).map_err(|e| tm.err(e))?;
        c.client
            .execute(
                "INSERT INTO memoria.header (collection, attrs, props, notes, udes, imported, layout)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
                &[
                    &collection,
                    &ser_list(&header.attrs).as_ref(),
                    &ser_list(&header.props).as_ref(),
                    &ser_list(&header.notes).as_ref(),
                    &ser_list(&header.udes).as_ref(),
                    &now,
                    &(!header.order.is_empty()).then(|| HeaderChild::encode(&header.order)),
                ],
            )
            .map_err(|e| tm.err(e))?;
        Ok(())
    }

    fn report(&self) -> &ImportReport {
        &self.report
    }

    fn commit(mut self: Box<Self>) -> Result<ImportReport, StoreError> {
        self.flush()?;
        let chunk = self.postings.take();
        self.write_postings(chunk)?;
        let tm = self.tm;
        if self.fresh.take().is_some() {
            // Before the postings are taken out: that reads them by term.
            fresh::build(self.conn()).map_err(|e| tm.err(e))?;
        }
        self.remove_gone()?;
        let mut c = self.c.take().expect("held");
        c.client.batch_execute("COMMIT").map_err(|e| tm.err(e))?;
        tm.pool.put(c);
        Ok(std::mem::take(&mut self.report))
    }

    fn rollback(self: Box<Self>) -> Result<(), StoreError> {
        drop(self);
        Ok(())
    }
}
