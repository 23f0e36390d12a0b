//! Reading a PostgreSQL TM: the rows of a lookup ([`MatchStore`], one
//! repeatable-read snapshot per lookup), concordance through the `pg_trgm`
//! GIN index (candidates; the hits are checked as on SQLite), export by pages of TUs, counts, headers and the check.

use crate::concordance::{cutoff, gather, order, posting_ids, Phrase, SCAN_LIMIT};
use crate::error::StoreError;
use crate::lookup::{CandRow, LookupTrace, MatchStore, TuRow};
use crate::model::{
    CollectionCount, ConcordanceHit, ExportFilter, LanguageCount, Match, PairCount, Provenance, Query, StoredTu,
    VerifyReport,
};
use crate::postgres::conn::Conn;
use crate::postgres::PgTm;
use crate::sqlite::rows::{content, de};
use memoria_core::content::Content;
use memoria_core::lang::LangTag;
use memoria_core::tu::{Header, HeaderChild, Tu, Tuv};
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::ToSql;
use std::collections::{HashMap, VecDeque};

/// Ranked matches for `q` from one snapshot of the TM ([`crate::lookup::lookup`]).
pub(crate) fn lookup(tm: &PgTm, q: &Query) -> Result<(Vec<Match>, LookupTrace), StoreError> {
    read(tm, |rows| {
        let mut out = crate::lookup::lookup(rows, q);
        if let Ok((_, trace)) = &mut out {
            trace.statements = rows.statements;
        }
        out
    })
}

/// The exhaustive lookup of each of `queries` ([`crate::exhaustive`]).
pub(crate) fn lookup_exhaustive_many(tm: &PgTm, queries: &[Query]) -> Result<Vec<Vec<Match>>, StoreError> {
    read(tm, |rows| crate::exhaustive::lookup_exhaustive_many(rows, queries))
}

/// Runs `f` in one repeatable-read, read-only transaction.
fn read<T>(tm: &PgTm, f: impl FnOnce(&mut Rows<'_>) -> Result<T, StoreError>) -> Result<T, StoreError> {
    tm.with(|c| {
        c.client.batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").map_err(|e| tm.err(e))?;
        let mut rows = Rows {
            tm,
            c,
            chunks: Default::default(),
            lang_count: None,
            exact_rows: None,
            candidates: Vec::new(),
            cand_rows: Default::default(),
            fetched: Default::default(),
            tus: Default::default(),
            alternatives: Default::default(),
            statements: 0,
        };
        let out = f(&mut rows);
        let end = if out.is_ok() { "COMMIT" } else { "ROLLBACK" };
        c.client.batch_execute(end).map_err(|e| tm.err(e))?;
        out
    })
}

/// [`MatchStore`] over one connection. Each statement is a round trip to
/// the server (under load, the dearest part of a lookup), so what one
/// lookup will read comes in few: the language's count with every query
/// word's document frequency and its chunks (all of them up to
/// [`PREFETCH`] postings, else the most recent ones holding that many);
/// the candidates beyond the first verified together; the TUs of the next
/// survivors with their TUVs, provenance and alternatives together.
struct Rows<'a> {
    tm: &'a PgTm,
    c: &'a mut Conn,
    /// Chunks of the query's words read ahead (chunk order), and whether they are all of the word's.
    chunks: std::collections::HashMap<i64, (i64, Vec<(i64, Vec<u8>)>, bool)>,
    /// The exact rows read with the words: lang_base, hash, (id, tu_id, lang, key_len, key).
    exact_rows: Option<(String, i64, Vec<(i64, i64, String, i64, String)>)>,
    /// The language's TUV count, read with the words.
    lang_count: Option<(String, i64)>,
    /// Candidates that may be verified later ([`MatchStore::prefetch_candidates`]), not yet read.
    candidates: Vec<u32>,
    /// Candidate rows read ahead: id, tu_id, lang, key_len, key, norm_hash.
    cand_rows: std::collections::HashMap<u32, (i64, String, i64, String, i64)>,
    /// The ids of that read.
    fetched: std::collections::HashSet<u32>,
    /// TUs read ahead: the TU, its provenance row and its TUV contents.
    tus: std::collections::HashMap<i64, (Tu, TuRow, Vec<(i64, Content)>)>,
    /// Alternatives read ahead: (lang_base, hash, to_lang_base) -> count.
    alternatives: std::collections::HashMap<(String, i64, String), i64>,
    /// Statements sent ([`LookupTrace::statements`]).
    statements: usize,
}

/// Words of at most this many postings come whole with their document
/// frequency; more frequent ones come with their most recent chunks holding
/// at least this many (what a frequent word's recent read takes, and every
/// word the candidate stage reads whole has fewer below 2M TUVs of a language).
const PREFETCH: i64 = 20_000;

const CAND: &str = "SELECT id, tu_id, lang, key_len, key, norm_hash FROM memoria.tuv";

fn each(rows: &[postgres::Row], f: &mut dyn FnMut(CandRow<'_>)) -> Result<(), postgres::Error> {
    for r in rows {
        let key_len: i32 = r.try_get(3)?;
        f(CandRow {
            id: r.try_get(0)?,
            tu_id: r.try_get(1)?,
            lang: r.try_get(2)?,
            key_len: i64::from(key_len),
            key: r.try_get(4)?,
            norm_hash: r.try_get(5)?,
        });
    }
    Ok(())
}

impl Rows<'_> {
    fn query(&mut self, sql: &'static str, params: &[&(dyn ToSql + Sync)]) -> Result<Vec<postgres::Row>, StoreError> {
        self.statements += 1;
        let st = self.c.stmt(sql).map_err(|e| self.tm.err(e))?;
        self.c.client.query(&st, params).map_err(|e| self.tm.err(e))
    }
}

impl MatchStore for Rows<'_> {
    fn exact(&mut self, lang_base: &str, hash: i64, f: &mut dyn FnMut(CandRow<'_>)) -> Result<(), StoreError> {
        if let Some((lb, h, rows)) = &self.exact_rows {
            if lb == lang_base && *h == hash {
                for (id, tu_id, lang, key_len, key) in rows {
                    f(CandRow { id: *id, tu_id: *tu_id, lang, key_len: *key_len, key, norm_hash: hash });
                }
                return Ok(());
            }
        }
        const Q: &str = "SELECT id, tu_id, lang, key_len, key, norm_hash FROM memoria.tuv
                         WHERE lang_base = $1 AND norm_hash = $2 ORDER BY id";
        let rows = self.query(Q, &[&lang_base, &hash])?;
        each(&rows, f).map_err(|e| self.tm.err(e))
    }

    fn scan(&mut self, lang_base: &str, f: &mut dyn FnMut(CandRow<'_>)) -> Result<(), StoreError> {
        let _ = CAND;
        const Q: &str = "SELECT id, tu_id, lang, key_len, key, norm_hash FROM memoria.tuv
                         WHERE lang_base = $1 ORDER BY id";
        let st = self.c.stmt(Q).map_err(|e| self.tm.err(e))?;
        let params: [&(dyn ToSql + Sync); 1] = [&lang_base];
        self.statements += 1;
        let mut it = self.c.client.query_raw(&st, params.iter().copied()).map_err(|e| self.tm.err(e))?;
        let mut batch = Vec::with_capacity(4096);
        loop {
            let next = it.next().map_err(|e| self.tm.err(e))?;
            let done = next.is_none();
            if let Some(r) = next {
                batch.push(r);
            }
            if done || batch.len() == 4096 {
                each(&batch, f).map_err(|e| self.tm.err(e))?;
                batch.clear();
            }
            if done {
                return Ok(());
            }
        }
    }

    fn ids_per_call(&self) -> usize {
        1000
    }

    fn by_ids(&mut self, ids: &[u32], f: &mut dyn FnMut(CandRow<'_>)) -> Result<(), StoreError> {
        const Q: &str = "SELECT id, tu_id, lang, key_len, key, norm_hash FROM memoria.tuv
                         WHERE id = ANY($1) ORDER BY id";
        if !self.candidates.is_empty() && ids.iter().all(|id| self.candidates.contains(id)) {
            // The widening: every candidate it may verify, in one statement.
            let all: Vec<i64> = self.candidates.drain(..).map(i64::from).collect();
            for r in self.query(Q, &[&all])? {
                let (id, key_len): (i64, i32) = (r.get(0), r.get(3));
                self.cand_rows.insert(id as u32, (r.get(1), r.get(2), i64::from(key_len), r.get(4), r.get(5)));
            }
            self.fetched.extend(all.iter().map(|&i| i as u32));
        }
        if !ids.is_empty() && ids.iter().all(|id| self.fetched.contains(id)) {
            let mut sorted = ids.to_vec();
            sorted.sort_unstable();
            // An id read ahead without a row is not stored.
            for id in sorted {
                if let Some((tu_id, lang, key_len, key, norm_hash)) = self.cand_rows.get(&id) {
                    f(CandRow {
                        id: i64::from(id),
                        tu_id: *tu_id,
                        lang,
                        key_len: *key_len,
                        key,
                        norm_hash: *norm_hash,
                    });
                }
            }
            return Ok(());
        }
        let ids: Vec<i64> = ids.iter().map(|&i| i64::from(i)).collect();
        let rows = self.query(Q, &[&ids])?;
        each(&rows, f).map_err(|e| self.tm.err(e))
    }

    fn lang_count(&mut self, lang_base: &str) -> Result<i64, StoreError> {
        if let Some((lb, n)) = &self.lang_count {
            if lb == lang_base {
                return Ok(*n);
            }
        }
        const Q: &str = "SELECT value FROM memoria.meta WHERE name = $1";
        let rows = self.query(Q, &[&format!("tuvs:{lang_base}")])?;
        Ok(rows.first().map_or(0, |r| r.get(0)))
    }

    fn doc_freqs(&mut self, terms: &[i64]) -> Result<Vec<i64>, StoreError> {
        if terms.iter().all(|t| self.chunks.contains_key(t)) {
            return Ok(terms.iter().map(|t| self.chunks[t].0).collect());
        }
        const Q: &str = "SELECT coalesce(sum(n), 0)::bigint FROM unnest($1::bigint[]) WITH ORDINALITY AS q(t, o)
                         LEFT JOIN memoria.posting p ON p.term = q.t GROUP BY q.o ORDER BY q.o";
        let terms = terms.to_vec();
        Ok(self.query(Q, &[&terms])?.iter().map(|r| r.get(0)).collect())
    }

    fn postings(&mut self, term: i64, recent_first: bool, f: &mut dyn FnMut(&[u8]) -> bool) -> Result<(), StoreError> {
        let mut older_than = None;
        if let Some((_, chunks, complete)) = self.chunks.get(&term) {
            if *complete || recent_first {
                let mut go = true;
                let mut each = |c: &(i64, Vec<u8>)| {
                    if go {
                        go = f(&c.1);
                    }
                };
                if recent_first {
                    chunks.iter().rev().for_each(&mut each);
                } else {
                    chunks.iter().for_each(&mut each);
                }
                if !go || *complete {
                    return Ok(());
                }
                // More than the recent chunks read ahead: the older ones follow.
                older_than = chunks.first().map(|c| c.0);
            }
        }
        const RECENT: &str = "SELECT ids FROM memoria.posting WHERE term = $1 AND chunk < $2 ORDER BY chunk DESC";
        const ALL: &str = "SELECT ids FROM memoria.posting WHERE term = $1 ORDER BY chunk";
        self.statements += 1;
        let st = self.c.stmt(if recent_first { RECENT } else { ALL }).map_err(|e| self.tm.err(e))?;
        let before = older_than.unwrap_or(i64::MAX);
        let params: Vec<&(dyn ToSql + Sync)> = if recent_first { vec![&term, &before] } else { vec![&term] };
        let mut it = self.c.client.query_raw(&st, params.iter().copied()).map_err(|e| self.tm.err(e))?;
        let mut go = true;
        // Rows after a stop are read and dropped: the connection stays in step.
        while let Some(r) = it.next().map_err(|e| self.tm.err(e))? {
            if go {
                let blob: &[u8] = r.try_get(0).map_err(|e| self.tm.err(e))?;
                go = f(blob);
            }
        }
        Ok(())
    }

    fn prefetch_terms(&mut self, lang_base: &str, hash: i64, terms: &[i64]) -> Result<(), StoreError> {
        // Rows of kind 0: per term, its document frequency and its chunks
        // (chunk, ids) from the most recent back until they hold PREFETCH
        // postings, with the language's count; of kind 1: the exact rows.
        const Q: &str = "SELECT 0 AS kind, q.t, coalesce(d.df, 0)::bigint, d.chunk_ids, d.chunks,
                                coalesce(d.complete, true), (SELECT value FROM memoria.meta WHERE name = $3),
                                NULL::bigint AS id, NULL::bigint, NULL::text, NULL::integer, NULL::text
                         FROM unnest($1::bigint[]) AS q(t)
                         LEFT JOIN LATERAL (
                             SELECT sum(n) AS df,
                                    array_agg(chunk ORDER BY chunk) FILTER (WHERE before < $2) AS chunk_ids,
                                    array_agg(ids ORDER BY chunk) FILTER (WHERE before < $2) AS chunks,
                                    bool_and(before < $2) AS complete
                             FROM (SELECT n, chunk, ids, coalesce(sum(n) OVER (ORDER BY chunk DESC
                                       ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
                                   FROM memoria.posting p WHERE p.term = q.t) c) d ON true
                         UNION ALL
                         SELECT 1, NULL, NULL, NULL, NULL, NULL, NULL, id, tu_id, lang, key_len, key
                         FROM memoria.tuv WHERE lang_base = $4 AND norm_hash = $5
                         ORDER BY kind, id";
        let terms = terms.to_vec();
        let name = format!("tuvs:{lang_base}");
        let rows = self.query(Q, &[&terms, &PREFETCH, &name, &lang_base, &hash])?;
        let mut exact = Vec::new();
        for r in rows {
            if r.get::<_, i32>(0) == 1 {
                let key_len: i32 = r.get(10);
                exact.push((r.get(7), r.get(8), r.get(9), i64::from(key_len), r.get(11)));
                continue;
            }
            let ids: Vec<i64> = r.get::<_, Option<Vec<i64>>>(3).unwrap_or_default();
            let blobs: Vec<Vec<u8>> = r.get::<_, Option<Vec<Vec<u8>>>>(4).unwrap_or_default();
            self.chunks.insert(r.get(1), (r.get(2), ids.into_iter().zip(blobs).collect(), r.get(5)));
            self.lang_count = Some((lang_base.to_string(), r.get::<_, Option<i64>>(6).unwrap_or(0)));
        }
        self.exact_rows = Some((lang_base.to_string(), hash, exact));
        Ok(())
    }

    fn prefetch_candidates(&mut self, ids: &[u32]) -> Result<(), StoreError> {
        self.candidates = ids.to_vec();
        Ok(())
    }

    fn prefetch_tus(&mut self, tus: &[(i64, i64)], to_lang_base: &str) -> Result<(), StoreError> {
        const Q: &str = "SELECT t.id, t.attrs, t.props, t.notes, t.collection, t.document, t.position, t.changed,
                                t.prev_hash, t.next_hash, v.id, v.lang, v.attrs, v.props, v.notes, v.text, v.seg,
                                v.lang_base, v.norm_hash,
                                CASE WHEN v.id = ANY($2) THEN (SELECT count(DISTINCT b.norm_hash)
                                    FROM memoria.tuv a JOIN memoria.tuv b ON b.tu_id = a.tu_id
                                    WHERE a.lang_base = v.lang_base AND a.norm_hash = v.norm_hash
                                      AND b.lang_base = $3) END
                         FROM memoria.tu t JOIN memoria.tuv v ON v.tu_id = t.id
                         WHERE t.id = ANY($1) ORDER BY t.id, v.id";
        let ids: Vec<i64> = tus.iter().map(|t| t.0).filter(|id| !self.tus.contains_key(id)).collect();
        if ids.is_empty() {
            return Ok(());
        }
        let tuvs: Vec<i64> = tus.iter().map(|t| t.1).collect();
        let rows = self.query(Q, &[&ids, &tuvs, &to_lang_base])?;
        for group in rows.chunk_by(|a, b| a.get::<_, i64>(0) == b.get::<_, i64>(0)) {
            let r0 = &group[0];
            let mut tu = Tu { attrs: de(r0.get(1))?, props: de(r0.get(2))?, notes: de(r0.get(3))?, tuvs: vec![] };
            let row: TuRow = (r0.get(4), r0.get(5), r0.get(6), r0.get(7), r0.get(8), r0.get(9));
            let mut contents = Vec::with_capacity(group.len());
            for r in group {
                let v = tuv_at(r, 11)?;
                contents.push((r.get::<_, i64>(10), v.seg.clone()));
                tu.tuvs.push(v);
                if let Some(n) = r.get::<_, Option<i64>>(19) {
                    self.alternatives.insert((r.get(17), r.get(18), to_lang_base.to_string()), n);
                }
            }
            self.tus.insert(r0.get(0), (tu, row, contents));
        }
        Ok(())
    }

    fn load_tu(&mut self, id: i64) -> Result<Tu, StoreError> {
        if let Some(t) = self.tus.get(&id) {
            return Ok(t.0.clone());
        }
        const Q: &str = "SELECT t.attrs, t.props, t.notes, t.collection, t.document, t.position, t.changed,
                                t.prev_hash, t.next_hash, v.id, v.lang, v.attrs, v.props, v.notes, v.text, v.seg
                         FROM memoria.tu t JOIN memoria.tuv v ON v.tu_id = t.id WHERE t.id = $1 ORDER BY v.id";
        let rows = self.query(Q, &[&id])?;
        let r0 = rows.first().ok_or_else(|| StoreError::Corrupt(format!("TU {id} vanished during the lookup")))?;
        let mut tu = Tu { attrs: de(r0.get(0))?, props: de(r0.get(1))?, notes: de(r0.get(2))?, tuvs: vec![] };
        let row: TuRow = (r0.get(3), r0.get(4), r0.get(5), r0.get(6), r0.get(7), r0.get(8));
        let mut contents = Vec::with_capacity(rows.len());
        for r in &rows {
            let v = tuv_at(r, 10)?;
            contents.push((r.get::<_, i64>(9), v.seg.clone()));
            tu.tuvs.push(v);
        }
        self.tus.insert(id, (tu.clone(), row, contents));
        Ok(tu)
    }

    fn tuv_content(&mut self, id: i64) -> Result<Content, StoreError> {
        if let Some(c) = self.tus.values().flat_map(|t| &t.2).find(|c| c.0 == id) {
            return Ok(c.1.clone());
        }
        const Q: &str = "SELECT text, seg FROM memoria.tuv WHERE id = $1";
        let rows = self.query(Q, &[&id])?;
        let r = rows.first().ok_or_else(|| StoreError::Corrupt(format!("TUV {id} vanished during the lookup")))?;
        content(r.get(0), r.get::<_, Option<&str>>(1))
    }

    fn alternatives(&mut self, lang_base: &str, hash: i64, to_lang_base: &str) -> Result<i64, StoreError> {
        let key = (lang_base.to_string(), hash, to_lang_base.to_string());
        if let Some(&n) = self.alternatives.get(&key) {
            return Ok(n);
        }
        const Q: &str = "SELECT count(DISTINCT b.norm_hash) FROM memoria.tuv a JOIN memoria.tuv b ON b.tu_id = a.tu_id
                         WHERE a.lang_base = $1 AND a.norm_hash = $2 AND b.lang_base = $3";
        let rows = self.query(Q, &[&lang_base, &hash, &to_lang_base])?;
        let n = rows[0].get(0);
        self.alternatives.insert(key, n);
        Ok(n)
    }

    fn tu_row(&mut self, id: i64) -> Result<TuRow, StoreError> {
        if let Some(t) = self.tus.get(&id) {
            return Ok(t.1.clone());
        }
        const Q: &str =
            "SELECT collection, document, position, changed, prev_hash, next_hash FROM memoria.tu WHERE id = $1";
        let rows = self.query(Q, &[&id])?;
        let r = rows.first().ok_or_else(|| StoreError::Corrupt(format!("TU {id} vanished during the lookup")))?;
        Ok((r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5)))
    }
}

/// A TUV from its columns `lang, attrs, props, notes, text, seg` at `at`.
fn tuv_at(r: &postgres::Row, at: usize) -> Result<Tuv, StoreError> {
    let lang: &str = r.get(at);
    Ok(Tuv {
        lang: LangTag::new(lang).map_err(|e| StoreError::Corrupt(e.to_string()))?,
        attrs: de(r.get(at + 1))?,
        props: de(r.get(at + 2))?,
        notes: de(r.get(at + 3))?,
        seg: content(r.get(at + 4), r.get::<_, Option<&str>>(at + 5))?,
    })
}

/// TU `id` with its variants in stored order (the outer error is the
/// server's, the inner a row that does not decode).
pub(crate) fn load_tu(c: &mut Conn, id: i64) -> Result<Result<Tu, StoreError>, postgres::Error> {
    const TU: &str = "SELECT attrs, props, notes FROM memoria.tu WHERE id = $1";
    const TUV: &str = "SELECT lang, attrs, props, notes, text, seg FROM memoria.tuv WHERE tu_id = $1 ORDER BY id";
    let st = c.stmt(TU)?;
    let Some(r) = c.client.query_opt(&st, &[&id])? else {
        return Ok(Err(StoreError::Corrupt(format!("no TU {id}"))));
    };
    let head = (|| -> Result<Tu, StoreError> {
        Ok(Tu { attrs: de(r.get(0))?, props: de(r.get(1))?, notes: de(r.get(2))?, tuvs: vec![] })
    })();
    let st = c.stmt(TUV)?;
    let rows = c.client.query(&st, &[&id])?;
    Ok(head.and_then(|mut tu| {
        for r in &rows {
            tu.tuvs.push(tuv_at(r, 0)?);
        }
        Ok(tu)
    }))
}

/// Brings the concordance table up to date with the TUVs stored since its
/// last update; returns how many it took in. One statement (concurrent
/// searches insert each TUV once).
pub(crate) fn update_concordance(tm: &PgTm) -> Result<u64, StoreError> {
    const Q: &str = "INSERT INTO memoria.concordance (tuv_id, lang_base, text)
                     SELECT id, lang_base, text FROM memoria.tuv
                     WHERE id > (SELECT coalesce(max(tuv_id), 0) FROM memoria.concordance)
                     ON CONFLICT (tuv_id) DO NOTHING";
    tm.with(|c| c.client.execute(Q, &[]).map_err(|e| tm.err(e)))
}

/// The `pg_trgm` pre-filter of a phrase with words: its words in order,
/// anything between (`~*`, case-insensitive). A word is letters and digits
/// only, so nothing needs escaping. No `\m`/`\M`: PostgreSQL counts `_` as a
/// word char and the contract does not ([`crate::concordance`]), so word
/// boundaries are checked in Rust, on the rows this lets through.
fn words_pattern(words: &[String]) -> String {
    words.join(".*")
}

/// Segments of `lang` containing `phrase` as whole words (the contract and
/// the checks are [`crate::concordance`]'s, shared with SQLite, so both
/// give the same hits): rows of the concordance table whose text has the
/// phrase's words in order (`~*` through its trigram index), plus the TUVs
/// stored since it was last brought up to date (a role that may not write
/// it still finds them), read in TUV order a page at a time, each checked
/// in Rust, until enough hits are gathered; then ranked as on SQLite. A
/// phrase whose words are together in more than
/// [`crate::concordance::CHECK_BUDGET`] segments is looked for up to the
/// last of them SQLite checks ([`cutoff`], from the same postings).
pub(crate) fn concordance(
    tm: &PgTm,
    phrase: &str,
    lang: &LangTag,
    target: Option<&LangTag>,
    limit: usize,
) -> Result<Vec<ConcordanceHit>, StoreError> {
    if let Err(e) = update_concordance(tm) {
        // A read-only role: the search below scans the TUVs not indexed.
        if !e.to_string().contains("permission denied") {
            return Err(e);
        }
    }
    let Some(phrase) = Phrase::new(phrase, lang).filter(|_| limit > 0) else {
        return Ok(Vec::new());
    };
    const BY_WORDS: &str = "SELECT id, tu_id, lang, text, seg, key FROM (
                         SELECT t.id, t.tu_id, t.lang, t.text, t.seg, t.key FROM memoria.concordance c
                             JOIN memoria.tuv t ON t.id = c.tuv_id
                             WHERE c.lang_base = $2 AND c.text ~* $1 AND c.tuv_id > $3 AND c.tuv_id <= $5
                         UNION ALL
                         SELECT id, tu_id, lang, text, seg, key FROM memoria.tuv
                             WHERE id > (SELECT coalesce(max(tuv_id), 0) FROM memoria.concordance)
                             AND lang_base = $2 AND text ~* $1 AND id > $3 AND id <= $5) rows
                     ORDER BY id LIMIT $4";
    // A phrase without words: the language's first SCAN_LIMIT TUVs ($1 unused).
    const FIRST: &str = "SELECT id, tu_id, lang, text, seg, key FROM memoria.tuv
                         WHERE $1::text IS NOT NULL AND lang_base = $2 AND id > $3 AND id <= $5
                         ORDER BY id LIMIT $4";
    const DF: &str = "SELECT coalesce(sum(n), 0)::bigint FROM memoria.posting WHERE term = $1";
    const IDS: &str = "SELECT ids FROM memoria.posting WHERE term = $1";
    let want = gather(limit);
    let page = (2 * want).max(200) as i64;
    let lang_base = lang.language();
    let (q, pattern) =
        if phrase.terms.is_empty() { (FIRST, String::new()) } else { (BY_WORDS, words_pattern(&phrase.words)) };
    tm.with(|c| {
        // The last candidate SQLite would check, read from the same postings.
        let upto = {
            let (df_st, ids_st) = (c.stmt(DF).map_err(|e| tm.err(e))?, c.stmt(IDS).map_err(|e| tm.err(e))?);
            let client = std::cell::RefCell::new(&mut c.client);
            let mut df = |t: i64| -> Result<i64, StoreError> {
                Ok(client.borrow_mut().query_one(&df_st, &[&t]).map_err(|e| tm.err(e))?.get(0))
            };
            let mut list = |t: i64| -> Result<Vec<u32>, StoreError> {
                let rows = client.borrow_mut().query(&ids_st, &[&t]).map_err(|e| tm.err(e))?;
                Ok(posting_ids(rows.iter().map(|r| r.get::<_, &[u8]>(0))))
            };
            cutoff(&phrase.terms, &mut df, &mut list)?.unwrap_or(i64::MAX)
        };
        let st = c.stmt(q).map_err(|e| tm.err(e))?;
        // (rank, tu_id, TUV id, lang, text, seg)
        let mut hits: Vec<(f64, i64, i64, String, String, Option<String>)> = Vec::new();
        let (mut after, mut read) = (0i64, 0usize);
        'pages: loop {
            let n = if phrase.terms.is_empty() { page.min((SCAN_LIMIT - read) as i64) } else { page };
            if n <= 0 {
                break;
            }
            let rows = c.client.query(&st, &[&pattern, &lang_base, &after, &n, &upto]).map_err(|e| tm.err(e))?;
            for r in &rows {
                let (id, text, key): (i64, &str, &str) = (r.get(0), r.get(3), r.get(5));
                after = id;
                read += 1;
                let Some(rank) = phrase.rank(text) else { continue };
                if phrase.key_has_words(lang_base, key) {
                    hits.push((rank, r.get(1), id, r.get::<_, String>(2), text.to_string(), r.get(4)));
                    if hits.len() >= want {
                        break 'pages;
                    }
                }
            }
            if (rows.len() as i64) < n {
                break;
            }
        }
        order(&mut hits, |h| (h.0, h.1, h.2));
        hits.truncate(limit);
        let mut out = Vec::with_capacity(hits.len());
        for (rank, tu_id, _, l, text, seg) in hits {
            let target = match target {
                Some(t) => load_tu(c, tu_id).map_err(|e| tm.err(e))??.variant(t).map(|v| v.seg.clone()),
                None => None,
            };
            out.push(ConcordanceHit {
                tu_id,
                lang: LangTag::new(&l).map_err(|e| StoreError::Corrupt(e.to_string()))?,
                source: content(&text, seg.as_deref())?,
                target,
                rank,
            });
        }
        Ok(out)
    })
}

/// TUs read per statement of an export.
const PAGE: i64 = 1000;

/// The TUs of an export, read a page at a time from one repeatable-read
/// snapshot on a connection of its own.
pub(crate) struct Export<'a> {
    tm: &'a PgTm,
    c: Option<Conn>,
    filter: ExportFilter,
    after: i64,
    page: VecDeque<StoredTu>,
    done: bool,
}

impl<'a> Export<'a> {
    pub fn new(tm: &'a PgTm, filter: &ExportFilter) -> Result<Export<'a>, StoreError> {
        let mut c = tm.pool.get()?;
        c.client.batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").map_err(|e| tm.err(e))?;
        Ok(Export { tm, c: Some(c), filter: filter.clone(), after: 0, page: VecDeque::new(), done: false })
    }

    fn fill(&mut self) -> Result<(), StoreError> {
        const TUS: &str = "SELECT id, attrs, props, notes, created, collection, document, position, changed,
                                  prev_hash, next_hash FROM memoria.tu
                           WHERE id > $1 AND ($2::text IS NULL OR collection = $2
                                  OR id IN (SELECT tu_id FROM memoria.tu_collection WHERE collection = $2))
                           ORDER BY id LIMIT $3";
        const TUVS: &str = "SELECT tu_id, lang, attrs, props, notes, text, seg FROM memoria.tuv
                            WHERE tu_id = ANY($1) ORDER BY tu_id, id";
        let tm = self.tm;
        let c = self.c.as_mut().expect("open until done");
        let st = c.stmt(TUS).map_err(|e| tm.err(e))?;
        let tus = c.client.query(&st, &[&self.after, &self.filter.collection, &PAGE]).map_err(|e| tm.err(e))?;
        if (tus.len() as i64) < PAGE {
            self.done = true;
        }
        let ids: Vec<i64> = tus.iter().map(|r| r.get(0)).collect();
        let st = c.stmt(TUVS).map_err(|e| tm.err(e))?;
        let tuvs = c.client.query(&st, &[&ids]).map_err(|e| tm.err(e))?;
        const LINKS: &str = "SELECT tu_id, collection FROM memoria.tu_collection WHERE tu_id = ANY($1)
                             ORDER BY tu_id, collection";
        let st = c.stmt(LINKS).map_err(|e| tm.err(e))?;
        let mut also: HashMap<i64, Vec<String>> = HashMap::new();
        for r in c.client.query(&st, &[&ids]).map_err(|e| tm.err(e))? {
            also.entry(r.get(0)).or_default().push(r.get(1));
        }
        let mut at = 0;
        for r in &tus {
            let id: i64 = r.get(0);
            let mut tu = Tu { attrs: de(r.get(1))?, props: de(r.get(2))?, notes: de(r.get(3))?, tuvs: vec![] };
            while at < tuvs.len() && tuvs[at].get::<_, i64>(0) == id {
                tu.tuvs.push(tuv_at(&tuvs[at], 1)?);
                at += 1;
            }
            self.after = id;
            self.page.push_back(StoredTu {
                tu,
                provenance: Provenance {
                    collection: r.get(5),
                    document: r.get(6),
                    position: r.get(7),
                    prev: None,
                    next: None,
                },
                created: r.get(4),
                changed: r.get(8),
                prev_hash: r.get(9),
                next_hash: r.get(10),
                also: also.remove(&id).unwrap_or_default(),
            });
        }
        Ok(())
    }

    fn close(&mut self) {
        if let Some(mut c) = self.c.take() {
            if c.client.batch_execute("COMMIT").is_ok() {
                self.tm.pool.put(c);
            }
        }
    }
}

impl Drop for Export<'_> {
    fn drop(&mut self) {
        self.close();
    }
}

impl Iterator for Export<'_> {
    type Item = Result<StoredTu, StoreError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(mut stored) = self.page.pop_front() {
                let (tu, imported) = (&mut stored.tu, stored.created);
                if let Some(since) = &self.filter.since {
                    let imported = memoria_core::date::format_tmx(imported);
                    let changed = tu.attr("changedate").or(tu.attr("creationdate")).unwrap_or(&imported);
                    if changed < since.as_str() {
                        continue;
                    }
                }
                if !self.filter.langs.is_empty() {
                    // A TU for a language pair has every language asked for
                    // (as on SQLite: a TU with one side has no translation).
                    if !self.filter.langs.iter().all(|l| tu.tuvs.iter().any(|v| l.fit(&v.lang) > 0)) {
                        continue;
                    }
                    tu.tuvs.retain(|v| self.filter.langs.iter().any(|l| l.fit(&v.lang) > 0));
                }
                return Some(Ok(stored));
            }
            if self.done || self.c.is_none() {
                self.close();
                return None;
            }
            if let Err(e) = self.fill() {
                self.done = true;
                self.c = None;
                return Some(Err(e));
            }
        }
    }
}

/// Runs `sql` and maps each row with `f`.
fn all<T>(
    tm: &PgTm,
    sql: &'static str,
    params: &[&(dyn ToSql + Sync)],
    f: impl Fn(&postgres::Row) -> Result<T, StoreError>,
) -> Result<Vec<T>, StoreError> {
    tm.with(|c| {
        let st = c.stmt(sql).map_err(|e| tm.err(e))?;
        c.client.query(&st, params).map_err(|e| tm.err(e))?.iter().map(f).collect()
    })
}

pub(crate) fn tu_count(tm: &PgTm) -> Result<u64, StoreError> {
    Ok(all(tm, "SELECT count(*) FROM memoria.tu", &[], |r| Ok(r.get::<_, i64>(0) as u64))?[0])
}

pub(crate) fn stats(tm: &PgTm) -> Result<Vec<PairCount>, StoreError> {
    const Q: &str = "SELECT a.lang_base, b.lang_base, count(DISTINCT a.tu_id) AS n FROM memoria.tuv a
                     JOIN memoria.tuv b ON a.tu_id = b.tu_id AND a.lang_base COLLATE \"C\" < b.lang_base COLLATE \"C\"
                     GROUP BY a.lang_base, b.lang_base
                     ORDER BY n DESC, a.lang_base COLLATE \"C\", b.lang_base COLLATE \"C\"";
    all(tm, Q, &[], |r| Ok(PairCount { source: r.get(0), target: r.get(1), tus: r.get::<_, i64>(2) as u64 }))
}

pub(crate) fn language_counts(tm: &PgTm) -> Result<Vec<LanguageCount>, StoreError> {
    const Q: &str = "SELECT lang, count(*) AS n FROM memoria.tuv GROUP BY lang ORDER BY n DESC, lang COLLATE \"C\"";
    all(tm, Q, &[], |r| Ok(LanguageCount { lang: r.get(0), tuvs: r.get::<_, i64>(1) as u64 }))
}

fn header_of(r: &postgres::Row) -> Result<(String, Header), StoreError> {
    let order = r.get::<_, Option<&str>>(5).map(HeaderChild::decode).unwrap_or_default();
    Ok((
        r.get(0),
        Header { attrs: de(r.get(1))?, props: de(r.get(2))?, notes: de(r.get(3))?, udes: de(r.get(4))?, order },
    ))
}

pub(crate) fn header(tm: &PgTm, collection: &str) -> Result<Option<Header>, StoreError> {
    const Q: &str = "SELECT collection, attrs, props, notes, udes, layout FROM memoria.header WHERE collection = $1";
    Ok(all(tm, Q, &[&collection], header_of)?.pop().map(|h| h.1))
}

pub(crate) fn headers(tm: &PgTm) -> Result<Vec<(String, Header)>, StoreError> {
    const Q: &str = "SELECT collection, attrs, props, notes, udes, layout FROM memoria.header ORDER BY seq";
    all(tm, Q, &[], header_of)
}

pub(crate) fn collections(tm: &PgTm) -> Result<Vec<CollectionCount>, StoreError> {
    const Q: &str = "SELECT c, sum(n)::bigint, bool_or(h) FROM (
                         SELECT collection AS c, count(*) AS n, false AS h FROM memoria.tu GROUP BY collection
                         UNION ALL SELECT collection, count(*), false FROM memoria.tu_collection GROUP BY collection
                         UNION ALL SELECT collection, 0, true FROM memoria.header) x
                     GROUP BY c ORDER BY c COLLATE \"C\" NULLS FIRST";
    all(tm, Q, &[], |r| Ok(CollectionCount { collection: r.get(0), tus: r.get::<_, i64>(1) as u64, header: r.get(2) }))
}

/// Checks the TM's invariants: every TU has TUVs, the per-language counts
/// are the TUVs', and the candidate postings are exactly the terms of every
/// TUV ([`crate::sqlite::index::index_terms`]). PostgreSQL checks its own
/// storage (checksums, constraints); foreign keys keep TUVs with their TU.
pub(crate) fn verify(tm: &PgTm) -> Result<VerifyReport, StoreError> {
    let mut report = VerifyReport::default();
    tm.with(|c| {
        let e = |err| tm.err(err);
        c.client.batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").map_err(e)?;
        let one = |c: &mut Conn, q: &str| -> Result<i64, StoreError> {
            Ok(c.client.query_one(q, &[]).map_err(|err| tm.err(err))?.get(0))
        };
        report.tus = one(c, "SELECT count(*) FROM memoria.tu")? as u64;
        report.tuvs = one(c, "SELECT count(*) FROM memoria.tuv")? as u64;
        report.postings = one(c, "SELECT coalesce(sum(n), 0)::bigint FROM memoria.posting")? as u64;
        let empty = c
            .client
            .query(
                "SELECT id FROM memoria.tu t WHERE NOT EXISTS (SELECT 1 FROM memoria.tuv v WHERE v.tu_id = t.id)
                 ORDER BY id LIMIT 10",
                &[],
            )
            .map_err(e)?;
        for r in empty {
            report.problems.push(format!("TU {} has no TUV", r.get::<_, i64>(0)));
        }
        // No foreign keys (schema version 4): memoria's own deletions keep these.
        let orphans = c
            .client
            .query(
                "SELECT 'TUV ' || id || ' has no TU ' || tu_id FROM memoria.tuv v
                   WHERE NOT EXISTS (SELECT 1 FROM memoria.tu t WHERE t.id = v.tu_id)
                 UNION ALL
                 SELECT 'TU ' || tu_id || ' is linked to a collection (tu_collection) but not stored'
                   FROM (SELECT DISTINCT tu_id FROM memoria.tu_collection l
                         WHERE NOT EXISTS (SELECT 1 FROM memoria.tu t WHERE t.id = l.tu_id)) x
                 UNION ALL
                 SELECT 'concordance row of TUV ' || tuv_id || ' has no TUV' FROM memoria.concordance c
                   WHERE NOT EXISTS (SELECT 1 FROM memoria.tuv v WHERE v.id = c.tuv_id)
                 LIMIT 10",
                &[],
            )
            .map_err(e)?;
        for r in orphans {
            report.problems.push(r.get::<_, String>(0));
        }
        let counts = c
            .client
            .query(
                "SELECT coalesce(m.lb, v.lb), coalesce(m.n, 0), coalesce(v.n, 0) FROM
                   (SELECT substr(name, 6) AS lb, value AS n FROM memoria.meta WHERE name LIKE 'tuvs:%') m
                   FULL JOIN (SELECT lang_base AS lb, count(*) AS n FROM memoria.tuv GROUP BY lang_base) v
                   ON m.lb = v.lb WHERE coalesce(m.n, 0) <> coalesce(v.n, 0)",
                &[],
            )
            .map_err(e)?;
        for r in counts {
            report.problems.push(format!(
                "language {}: counted {} TUVs, holds {}",
                r.get::<_, String>(0),
                r.get::<_, i64>(1),
                r.get::<_, i64>(2)
            ));
        }
        let mut posted: Vec<(i64, u32)> = Vec::with_capacity(report.postings as usize);
        for r in c.client.query("SELECT term, ids FROM memoria.posting", &[]).map_err(e)? {
            let term: i64 = r.get(0);
            crate::sqlite::index::decode(r.get(1), |id| posted.push((term, id)));
        }
        let mut expected: Vec<(i64, u32)> = Vec::with_capacity(posted.len());
        for r in c.client.query("SELECT id, lang_base, key FROM memoria.tuv", &[]).map_err(e)? {
            let id = r.get::<_, i64>(0) as u32;
            for t in crate::sqlite::index::index_terms(r.get(1), r.get(2)) {
                expected.push((t, id));
            }
        }
        c.client.batch_execute("COMMIT").map_err(e)?;
        posted.sort_unstable();
        expected.sort_unstable();
        let missing: Vec<_> = expected.iter().filter(|p| posted.binary_search(p).is_err()).collect();
        let dangling: Vec<_> = posted.iter().filter(|p| expected.binary_search(p).is_err()).collect();
        for (what, list) in [("missing from", &missing), ("dangling in", &dangling)] {
            if !list.is_empty() {
                let first: Vec<String> = list.iter().take(10).map(|(t, id)| format!("TUV {id} term {t}")).collect();
                report.problems.push(format!(
                    "{} entries {what} the candidate index: {}",
                    list.len(),
                    first.join(", ")
                ));
            }
        }
        Ok(())
    })?;
    Ok(report)
}
