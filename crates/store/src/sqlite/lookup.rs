//! Lookup on SQLite: the rows [`crate::lookup`] reads ([`MatchStore`]),
//! each from a cached statement, all inside one read transaction.

use super::SqliteTm;
use crate::error::StoreError;
use crate::lookup::{CandRow, LookupTrace, MatchStore, TuRow, BATCH};
use crate::model::{Match, Query};
use crate::sqlite::rows::{collection_name, content, key_of, of_tu, sql, KeyBuf};
use memoria_core::content::Content;
use memoria_core::tu::Tu;
use rusqlite::params;
use std::sync::LazyLock;

/// The columns [`CandRow`] holds, in its order.
const COLUMNS: &str = "id, tu_id, lang, key_len, key, norm_hash, text";
/// The statement of [`MatchStore::by_ids`]: [`BATCH`] ids.
static BY_IDS: LazyLock<String> = LazyLock::new(|| {
    let marks: Vec<String> = (1..=BATCH).map(|i| format!("?{i}")).collect();
    format!("SELECT {COLUMNS} FROM tuv WHERE id IN ({})", marks.join(", "))
});

impl SqliteTm {
    /// Ranked matches for `q` ([`crate::Tm::lookup`]).
    pub fn lookup(&self, q: &Query) -> Result<Vec<Match>, StoreError> {
        self.lookup_traced(q).map(|(m, _)| m)
    }

    /// [`SqliteTm::lookup`] with how the candidates were found.
    pub fn lookup_traced(&self, q: &Query) -> Result<(Vec<Match>, LookupTrace), StoreError> {
        self.read(|rows| crate::lookup::lookup(rows, q))
    }

    /// The same ranking computed over every TUV of the language, for each
    /// of `queries`, with one scan of each language (the oracle of the
    /// benchmark and tests; linear in TM size: [`crate::exhaustive`]).
    pub fn lookup_exhaustive_many(&self, queries: &[Query]) -> Result<Vec<Vec<Match>>, StoreError> {
        self.read(|rows| crate::exhaustive::lookup_exhaustive_many(rows, queries))
    }

    /// Runs `f` in one read transaction: a statement outside one takes and
    /// drops the shared lock each time (~200 statements a lookup).
    fn read<T>(&self, f: impl FnOnce(&mut Rows<'_>) -> Result<T, StoreError>) -> Result<T, StoreError> {
        let e = |err| sql(&self.path, err);
        let own = self.conn.is_autocommit();
        if own {
            self.conn.execute_batch("BEGIN").map_err(e)?;
        }
        let result = f(&mut Rows(self));
        if own {
            self.conn.execute_batch("COMMIT").map_err(e)?;
        }
        result
    }
}

/// [`MatchStore`] over the TM's connection.
struct Rows<'a>(&'a SqliteTm);

/// Calls `f` for every row of `rows` ([`COLUMNS`]).
fn each(
    mut rows: rusqlite::Rows<'_>,
    path: &std::path::Path,
    f: &mut dyn FnMut(CandRow<'_>),
) -> Result<(), StoreError> {
    let e = |err| sql(path, err);
    let mut buf = KeyBuf::default();
    while let Some(r) = rows.next().map_err(e)? {
        let str_at = |i: usize| r.get_ref(i).map_err(e)?.as_str().map_err(|err| StoreError::Corrupt(err.to_string()));
        let (id, key_len) = (r.get(0).map_err(e)?, r.get(3).map_err(e)?);
        let key = key_of(r.get_ref(4).map_err(e)?, key_len, str_at(6)?, &mut buf).map_err(|err| match err {
            StoreError::Corrupt(what) => StoreError::Corrupt(format!("TUV {id}: {what}")),
            other => other,
        })?;
        f(CandRow { id, tu_id: r.get(1).map_err(e)?, lang: str_at(2)?, key_len, key, norm_hash: r.get(5).map_err(e)? });
    }
    Ok(())
}

impl MatchStore for Rows<'_> {
    fn exact(&mut self, lang_base: &str, hash: i64, f: &mut dyn FnMut(CandRow<'_>)) -> Result<(), StoreError> {
        let tm = self.0;
        let q = format!("SELECT {COLUMNS} FROM tuv WHERE lang_base = ?1 AND norm_hash = ?2");
        let mut st = tm.conn.prepare_cached(&q).map_err(|e| sql(&tm.path, e))?;
        let rows = st.query(params![lang_base, hash]).map_err(|e| sql(&tm.path, e))?;
        each(rows, &tm.path, f)
    }

    fn scan(&mut self, lang_base: &str, f: &mut dyn FnMut(CandRow<'_>)) -> Result<(), StoreError> {
        let tm = self.0;
        let q = format!("SELECT {COLUMNS} FROM tuv NOT INDEXED WHERE lang_base = ?1");
        let mut st = tm.conn.prepare_cached(&q).map_err(|e| sql(&tm.path, e))?;
        let rows = st.query([lang_base]).map_err(|e| sql(&tm.path, e))?;
        each(rows, &tm.path, f)
    }

    fn by_ids(&mut self, ids: &[u32], f: &mut dyn FnMut(CandRow<'_>)) -> Result<(), StoreError> {
        let tm = self.0;
        if ids.is_empty() {
            return Ok(());
        }
        let mut st = tm.conn.prepare_cached(&BY_IDS).map_err(|e| sql(&tm.path, e))?;
        // A short batch repeats its first id (IN is a set).
        let params: Vec<i64> = (0..BATCH).map(|i| i64::from(*ids.get(i).unwrap_or(&ids[0]))).collect();
        let rows = st.query(rusqlite::params_from_iter(params)).map_err(|e| sql(&tm.path, e))?;
        each(rows, &tm.path, f)
    }

    fn lang_count(&mut self, lang_base: &str) -> Result<i64, StoreError> {
        let tm = self.0;
        let mut st = tm.conn.prepare_cached("SELECT value FROM meta WHERE name = ?1").map_err(|e| sql(&tm.path, e))?;
        Ok(st.query_row([format!("tuvs:{lang_base}")], |r| r.get(0)).unwrap_or(0))
    }

    fn doc_freqs(&mut self, terms: &[i64]) -> Result<Vec<i64>, StoreError> {
        let tm = self.0;
        let e = |err| sql(&tm.path, err);
        let mut st = tm.conn.prepare_cached("SELECT coalesce(sum(n), 0) FROM posting WHERE term = ?1").map_err(e)?;
        terms.iter().map(|t| st.query_row([t], |r| r.get(0)).map_err(e)).collect()
    }

    fn postings(&mut self, term: i64, recent_first: bool, f: &mut dyn FnMut(&[u8]) -> bool) -> Result<(), StoreError> {
        let tm = self.0;
        let e = |err| sql(&tm.path, err);
        let q = if recent_first {
            "SELECT ids FROM posting WHERE term = ?1 ORDER BY chunk DESC"
        } else {
            "SELECT ids FROM posting WHERE term = ?1"
        };
        let mut st = tm.conn.prepare_cached(q).map_err(e)?;
        let mut rows = st.query([term]).map_err(e)?;
        while let Some(r) = rows.next().map_err(e)? {
            let blob = r.get_ref(0).map_err(e)?.as_blob().map_err(|err| StoreError::Corrupt(err.to_string()))?;
            if !f(blob) {
                break;
            }
        }
        Ok(())
    }

    fn load_tu(&mut self, id: i64) -> Result<Tu, StoreError> {
        self.0.load_tu(id)
    }

    fn tuv_content(&mut self, id: i64) -> Result<Content, StoreError> {
        let tm = self.0;
        let (text, seg): (String, Option<String>) = tm
            .conn
            .prepare_cached("SELECT text, seg FROM tuv WHERE id = ?1")
            .map_err(|e| sql(&tm.path, e))?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| sql(&tm.path, e))?;
        content(&text, seg.as_deref())
    }

    fn alternatives(&mut self, lang_base: &str, hash: i64, to_lang_base: &str) -> Result<i64, StoreError> {
        let tm = self.0;
        // CROSS JOIN keeps `a` (found by the exact index) as the outer loop;
        // `b`, the other TUVs of its TU, by the TU's TUV range. The reading
        // stops at the second distinct translation: at 10M pairs a source
        // may have hundreds of TUs.
        const ALTS: &str = concat!(
            "SELECT count(*) FROM (SELECT DISTINCT b.norm_hash FROM tuv a CROSS JOIN tu ON tu.id = a.tu_id
             CROSS JOIN tuv b ON ",
            of_tu!("b"),
            " WHERE a.lang_base = ?1 AND a.norm_hash = ?2 AND b.lang_base = ?3 LIMIT 2)"
        );
        tm.conn
            .prepare_cached(ALTS)
            .map_err(|e| sql(&tm.path, e))?
            .query_row(params![lang_base, hash, to_lang_base], |r| r.get(0))
            .map_err(|e| sql(&tm.path, e))
    }

    fn tu_row(&mut self, id: i64) -> Result<TuRow, StoreError> {
        let tm = self.0;
        tm.conn
            .prepare_cached(concat!(
                "SELECT ",
                collection_name!(),
                ", document, position, changed, prev_hash, next_hash FROM tu WHERE id = ?1"
            ))
            .map_err(|e| sql(&tm.path, e))?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
            .map_err(|e| sql(&tm.path, e))
    }
}
