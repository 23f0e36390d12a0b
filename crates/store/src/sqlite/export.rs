//! Reading the TM back: whole TUs ([`SqliteTm::load_tu`], [`SqliteTm::export`]),
//! counts ([`SqliteTm::stats`]) and concordance search ([`SqliteTm::concordance`]).

use super::SqliteTm;
use crate::error::StoreError;
use crate::model::{ConcordanceHit, ExportFilter, LanguageCount, PairCount};
use crate::sqlite::rows::content;
use crate::sqlite::rows::{fts_upto, sql};
use memoria_core::lang::LangTag;
use memoria_core::tu::Tu;

impl SqliteTm {
    /// Number of TUs stored.
    pub fn tu_count(&self) -> Result<u64, StoreError> {
        self.conn
            .query_row("SELECT count(*) FROM tu", [], |r| r.get::<_, i64>(0))
            .map(|n| n as u64)
            .map_err(|e| sql(&self.path, e))
    }

    /// TU counts per ordered language pair (by primary language), most first.
    pub fn stats(&self) -> Result<Vec<PairCount>, StoreError> {
        const Q: &str = "SELECT a.lang_base, b.lang_base, count(DISTINCT a.tu_id) AS n FROM tuv a JOIN tuv b
                         ON a.tu_id = b.tu_id AND a.lang_base < b.lang_base GROUP BY 1, 2 ORDER BY n DESC, 1, 2";
        let mut st = self.conn.prepare_cached(Q).map_err(|e| sql(&self.path, e))?;
        let rows = st
            .query_map([], |r| Ok(PairCount { source: r.get(0)?, target: r.get(1)?, tus: r.get::<_, i64>(2)? as u64 }))
            .map_err(|e| sql(&self.path, e))?;
        rows.collect::<Result<_, _>>().map_err(|e| sql(&self.path, e))
    }

    /// TUV counts per language tag, most first.
    pub fn language_counts(&self) -> Result<Vec<LanguageCount>, StoreError> {
        const Q: &str = "SELECT lang, count(*) AS n FROM tuv GROUP BY lang ORDER BY n DESC, lang";
        let mut st = self.conn.prepare_cached(Q).map_err(|e| sql(&self.path, e))?;
        let rows = st
            .query_map([], |r| Ok(LanguageCount { lang: r.get(0)?, tuvs: r.get::<_, i64>(1)? as u64 }))
            .map_err(|e| sql(&self.path, e))?;
        rows.collect::<Result<_, _>>().map_err(|e| sql(&self.path, e))
    }

    /// The schema version of the open TM (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        self.conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|e| sql(&self.path, e))
    }

    /// Segments in `lang` (any region) that contain `phrase`, case-insensitively,
    /// found with the FTS5 trigram index and ranked by bm25 (then TU id).
    /// A phrase shorter than 3 chars cannot use trigrams and is searched with
    /// a scan (`instr`). With `target`, each hit carries that variant.
    ///
    /// The trigram index is brought up to date first (one transaction that
    /// indexes the TUVs imported since the last concordance search): import
    /// keeps only the lookup indexes current, because trigram-indexing every
    /// segment would triple its time.
    pub fn concordance(
        &self,
        phrase: &str,
        lang: &LangTag,
        target: Option<&LangTag>,
        limit: usize,
    ) -> Result<Vec<ConcordanceHit>, StoreError> {
        let e = |err| sql(&self.path, err);
        // A read-only TM's index cannot be brought up to date: when it is
        // behind, every TUV is searched without it.
        let indexed = if self.read_only {
            let max: i64 = self.conn.query_row("SELECT coalesce(max(id), 0) FROM tuv", [], |r| r.get(0)).map_err(e)?;
            max <= crate::sqlite::rows::fts_upto(&self.conn, &self.path)?
        } else {
            self.update_concordance()?;
            true
        };
        let phrase = phrase.trim();
        let short = phrase.chars().count() < 3 || !indexed;
        let fts_q = format!("\"{}\"", phrase.replace('"', "\"\""));
        const FTS: &str =
            "SELECT t.id, t.tu_id, t.lang, t.text, t.seg, c.rank FROM concordance c JOIN tuv t ON t.id = c.rowid
                           WHERE concordance MATCH ?1 AND t.lang_base = ?2 ORDER BY c.rank, t.tu_id LIMIT ?3";
        const LIKE: &str = "SELECT id, tu_id, lang, text, seg, 0.0 FROM tuv WHERE lang_base = ?2
                            AND instr(lower(text), lower(?1)) > 0 ORDER BY tu_id LIMIT ?3";
        let mut st = self.conn.prepare_cached(if short { LIKE } else { FTS }).map_err(e)?;
        let arg = if short { phrase.to_string() } else { fts_q };
        let rows: Vec<(i64, i64, String, String, Option<String>, f64)> = st
            .query_map(rusqlite::params![arg, lang.language(), limit as i64], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
            })
            .map_err(e)?
            .collect::<Result<_, _>>()
            .map_err(e)?;
        let mut out = Vec::with_capacity(rows.len());
        for (_, tu_id, l, text, seg, rank) in rows {
            let target = match target {
                Some(t) => self.load_tu(tu_id)?.variant(t).map(|v| v.seg.clone()),
                None => None,
            };
            out.push(ConcordanceHit {
                tu_id,
                lang: LangTag::new(&l).map_err(|err| StoreError::Corrupt(err.to_string()))?,
                source: content(&text, seg.as_deref())?,
                target,
                rank,
            });
        }
        Ok(out)
    }

    /// Indexes the TUVs added since the last call in the FTS5 trigram table;
    /// returns how many. One transaction.
    pub fn update_concordance(&self) -> Result<u64, StoreError> {
        let e = |err| sql(&self.path, err);
        let upto = fts_upto(&self.conn, &self.path)?;
        let max: i64 = self.conn.query_row("SELECT coalesce(max(id), 0) FROM tuv", [], |r| r.get(0)).map_err(e)?;
        if max <= upto {
            return Ok(0);
        }
        self.conn.execute_batch("BEGIN IMMEDIATE").map_err(e)?;
        let run = || -> Result<usize, rusqlite::Error> {
            let n = self.conn.execute(
                "INSERT INTO concordance (rowid, text) SELECT id, text FROM tuv WHERE id > ?1 AND id <= ?2",
                [upto, max],
            )?;
            self.conn.execute(
                "INSERT INTO meta (name, value) VALUES ('fts_upto', ?1) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                [max],
            )?;
            self.conn.execute_batch("COMMIT")?;
            Ok(n)
        };
        match run() {
            Ok(n) => Ok(n as u64),
            Err(err) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e(err))
            }
        }
    }

    /// Loads TU `id` with all its variants, as imported.
    pub fn load_tu(&self, id: i64) -> Result<Tu, StoreError> {
        crate::sqlite::rows::load_tu(&self.conn, &self.path, id)
    }

    /// Every TU that passes `filter`, in import order: the ids are read
    /// first, each TU when the iterator reaches it.
    /// Every TU with its provenance, times and context hashes, in import order.
    pub fn export_stored<'a>(
        &'a self,
    ) -> Result<impl Iterator<Item = Result<crate::model::StoredTu, StoreError>> + 'a, StoreError> {
        type Row = (i64, Option<String>, Option<String>, Option<i64>, i64, i64, Option<i64>, Option<i64>);
        let e = |e| sql(&self.path, e);
        let mut st = self
            .conn
            .prepare(
                "SELECT id, collection, document, position, created, changed, prev_hash, next_hash FROM tu ORDER BY id",
            )
            .map_err(e)?;
        let rows: Vec<Row> = st
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?))
            })
            .map_err(e)?
            .collect::<Result<_, _>>()
            .map_err(e)?;
        Ok(rows.into_iter().map(move |(id, collection, document, position, created, changed, prev_hash, next_hash)| {
            Ok(crate::model::StoredTu {
                tu: self.load_tu(id)?,
                provenance: crate::model::Provenance { collection, document, position, prev: None, next: None },
                created,
                changed,
                prev_hash,
                next_hash,
            })
        }))
    }

    pub fn export<'a>(
        &'a self,
        filter: &ExportFilter,
    ) -> Result<impl Iterator<Item = Result<Tu, StoreError>> + 'a, StoreError> {
        let e = |e| sql(&self.path, e);
        let mut st = self
            .conn
            .prepare("SELECT id, created FROM tu WHERE ?1 IS NULL OR collection = ?1 ORDER BY id")
            .map_err(e)?;
        let ids: Vec<(i64, i64)> = st
            .query_map([&filter.collection], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(e)?
            .collect::<Result<_, _>>()
            .map_err(e)?;
        let filter = filter.clone();
        Ok(ids.into_iter().filter_map(move |(id, imported)| {
            let mut tu = match self.load_tu(id) {
                Ok(tu) => tu,
                Err(err) => return Some(Err(err)),
            };
            if let Some(since) = &filter.since {
                let imported = memoria_core::date::format_tmx(imported);
                let changed = tu.attr("changedate").or(tu.attr("creationdate")).unwrap_or(&imported);
                if changed < since.as_str() {
                    return None;
                }
            }
            if !filter.langs.is_empty() {
                // A TU for a language pair has every language asked for (a
                // TU with one side would be a TU without translation).
                if !filter.langs.iter().all(|l| tu.tuvs.iter().any(|v| l.fit(&v.lang) > 0)) {
                    return None;
                }
                tu.tuvs.retain(|v| filter.langs.iter().any(|l| l.fit(&v.lang) > 0));
            }
            Some(Ok(tu))
        }))
    }
}
