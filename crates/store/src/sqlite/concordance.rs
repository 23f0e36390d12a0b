//! Concordance search on SQLite ([`SqliteTm::concordance`]) through the
//! candidate postings that every import keeps (`index.rs`): no index of its
//! own. What a hit is and how hits rank: [`crate::concordance`].
//!
//! The phrase's words ([`Phrase::terms`]) are looked up in `posting`
//! (their document frequencies, one statement each) and their TUV ids
//! intersected, rarest first ([`candidates`]). The candidates are then read
//! in TUV order, at most [`CHECK_BUDGET`], and checked for the phrase on
//! their text until [`gather`] hits are found. Placeables of the phrase (numbers, …) are
//! not in the postings: they are checked on the text. A phrase without
//! words reads the language's first [`SCAN_LIMIT`] TUVs.
//!
//! Targets are read in one statement for all hits (`json_each` of their TU
//! ids), not TU by TU.

use super::SqliteTm;
use crate::concordance::{candidates, gather, order, posting_ids, Phrase, CHECK_BUDGET, SCAN_LIMIT};
use crate::error::StoreError;
use crate::model::ConcordanceHit;
use crate::sqlite::rows::{content, key_of, of_tu, sql, KeyBuf};
use memoria_core::content::Content;
use memoria_core::lang::LangTag;
use std::collections::HashMap;

/// A row that contains the phrase.
struct Row {
    id: i64,
    tu_id: i64,
    lang: String,
    text: String,
    seg: Option<String>,
    /// [`Phrase::rank`].
    rank: f64,
}

impl SqliteTm {
    /// Segments in `lang` (any region) that contain `phrase` as whole words,
    /// case-insensitively (at most `limit`), best first; with `target`,
    /// each hit carries that variant. The contract is
    /// [`crate::concordance`]'s; the plan is this module's.
    pub fn concordance(
        &self,
        phrase: &str,
        lang: &LangTag,
        target: Option<&LangTag>,
        limit: usize,
    ) -> Result<Vec<ConcordanceHit>, StoreError> {
        let e = |err| sql(&self.path, err);
        let Some(phrase) = Phrase::new(phrase, lang).filter(|_| limit > 0) else {
            return Ok(Vec::new());
        };
        // One read transaction: postings and rows from one snapshot.
        let own = self.conn.is_autocommit();
        if own {
            self.conn.execute_batch("BEGIN").map_err(e)?;
        }
        let found = self.hits(&phrase, lang, gather(limit), target);
        if own {
            self.conn.execute_batch("COMMIT").map_err(e)?;
        }
        let (mut rows, mut targets) = found?;
        rows.truncate(limit);
        rows.into_iter()
            .map(|r| {
                Ok(ConcordanceHit {
                    tu_id: r.tu_id,
                    lang: LangTag::new(&r.lang).map_err(|err| StoreError::Corrupt(err.to_string()))?,
                    source: content(&r.text, r.seg.as_deref())?,
                    target: targets.remove(&r.tu_id),
                    rank: r.rank,
                })
            })
            .collect()
    }

    /// The ranked hits (at most `want`) and their targets.
    #[allow(clippy::type_complexity)]
    fn hits(
        &self,
        phrase: &Phrase,
        lang: &LangTag,
        want: usize,
        target: Option<&LangTag>,
    ) -> Result<(Vec<Row>, HashMap<i64, Content>), StoreError> {
        let mut rows = if phrase.terms.is_empty() {
            self.scan(phrase, lang, want)?
        } else {
            let (ids, all_words) = self.candidates(&phrase.terms)?;
            self.check(phrase, lang, &ids, !all_words, want)?
        };
        order(&mut rows, |r| (r.rank, r.tu_id, r.id));
        let targets = match target {
            Some(t) => self.variants(rows.iter().map(|r| r.tu_id), t)?,
            None => HashMap::new(),
        };
        Ok((rows, targets))
    }

    /// The candidates of `terms` ([`candidates`]) from the `posting` table.
    fn candidates(&self, terms: &[i64]) -> Result<(Vec<u32>, bool), StoreError> {
        let e = |err| sql(&self.path, err);
        let mut df_st =
            self.conn.prepare_cached("SELECT coalesce(sum(n), 0) FROM posting WHERE term = ?1").map_err(e)?;
        let mut list_st = self.conn.prepare_cached("SELECT ids FROM posting WHERE term = ?1").map_err(e)?;
        let mut df = |t: i64| df_st.query_row([t], |r| r.get(0)).map_err(e);
        let mut list = |t: i64| -> Result<Vec<u32>, StoreError> {
            let blobs: Vec<Vec<u8>> =
                list_st.query_map([t], |r| r.get(0)).map_err(e)?.collect::<Result<_, _>>().map_err(e)?;
            Ok(posting_ids(blobs.iter().map(Vec::as_slice)))
        };
        candidates(terms, &mut df, &mut list)
    }

    /// The first `want` of the TUVs `ids` (ascending) whose text holds the
    /// phrase; with `check_key`, whose match key also has every word of it
    /// (the postings of some words were not read).
    fn check(
        &self,
        phrase: &Phrase,
        lang: &LangTag,
        ids: &[u32],
        check_key: bool,
        want: usize,
    ) -> Result<Vec<Row>, StoreError> {
        const ROW: &str = "SELECT tu_id, lang, text, seg, key, key_len FROM tuv WHERE id = ?1";
        let e = |err| sql(&self.path, err);
        let mut st = self.conn.prepare_cached(ROW).map_err(e)?;
        let mut out = Vec::new();
        for &id in ids.iter().take(CHECK_BUDGET) {
            let mut rows = st.query([id]).map_err(e)?;
            let Some(r) = rows.next().map_err(e)? else { continue };
            let text = r.get_ref(2).map_err(e)?.as_str().map_err(|err| StoreError::Corrupt(err.to_string()))?;
            let Some(rank) = phrase.rank(text) else { continue };
            let has_words = |buf: &mut KeyBuf| -> Result<bool, StoreError> {
                let key = key_of(r.get_ref(4).map_err(e)?, r.get(5).map_err(e)?, text, buf)?;
                Ok(phrase.key_has_words(lang.language(), key))
            };
            if !check_key || has_words(&mut KeyBuf::default())? {
                out.push(Row {
                    id: i64::from(id),
                    tu_id: r.get(0).map_err(e)?,
                    lang: r.get(1).map_err(e)?,
                    text: text.to_string(),
                    seg: r.get(3).map_err(e)?,
                    rank,
                });
                if out.len() >= want {
                    break;
                }
            }
        }
        Ok(out)
    }

    /// A phrase without words: the first [`SCAN_LIMIT`] TUVs of `lang` in
    /// TUV order, the first `want` that hold the phrase kept.
    fn scan(&self, phrase: &Phrase, lang: &LangTag, want: usize) -> Result<Vec<Row>, StoreError> {
        const FIRST: &str = "SELECT id, tu_id, lang, text, seg FROM tuv WHERE +lang_base = ?1 ORDER BY id LIMIT ?2";
        let e = |err| sql(&self.path, err);
        let mut st = self.conn.prepare_cached(FIRST).map_err(e)?;
        let mut cursor = st.query(rusqlite::params![lang.language(), SCAN_LIMIT as i64]).map_err(e)?;
        let mut out = Vec::new();
        while let Some(r) = cursor.next().map_err(e)? {
            let text: String = r.get(3).map_err(e)?;
            if let Some(rank) = phrase.rank(&text) {
                let (id, tu_id, lang, seg) =
                    (r.get(0).map_err(e)?, r.get(1).map_err(e)?, r.get(2).map_err(e)?, r.get(4).map_err(e)?);
                out.push(Row { id, tu_id, lang, text, seg, rank });
                if out.len() >= want {
                    break;
                }
            }
        }
        Ok(out)
    }

    /// The best-fitting `lang` variant of each TU of `ids` (as
    /// [`memoria_core::tu::Tu::variant`] picks it), read in one statement.
    fn variants(&self, ids: impl Iterator<Item = i64>, lang: &LangTag) -> Result<HashMap<i64, Content>, StoreError> {
        // By each TU's TUV range (`+lang_base`: not every TUV of the
        // language by `tuv_exact`).
        const Q: &str = concat!(
            "SELECT t.tu_id, t.lang, t.text, t.seg FROM json_each(?1) j CROSS JOIN tu ON tu.id = j.value
             CROSS JOIN tuv t ON ",
            of_tu!("t"),
            " WHERE +t.lang_base = ?2 ORDER BY t.tu_id, t.id"
        );
        let e = |err| sql(&self.path, err);
        let ids: Vec<i64> = ids.collect();
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let json = serde_json::to_string(&ids).map_err(|err| StoreError::Corrupt(err.to_string()))?;
        let mut st = self.conn.prepare_cached(Q).map_err(e)?;
        let rows: Vec<(i64, String, String, Option<String>)> = st
            .query_map(rusqlite::params![json, lang.language()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .map_err(e)?
            .collect::<Result<_, _>>()
            .map_err(e)?;
        let mut best: HashMap<i64, (u8, String, Option<String>)> = HashMap::new();
        for (tu, l, text, seg) in rows {
            let fit = LangTag::new(&l).map(|v| lang.fit(&v)).unwrap_or(0);
            // A later variant of equal fit wins, as `Tu::variant` (max_by_key) has it.
            if fit > 0 && best.get(&tu).is_none_or(|b| fit >= b.0) {
                best.insert(tu, (fit, text, seg));
            }
        }
        best.into_iter().map(|(tu, (_, text, seg))| Ok((tu, content(&text, seg.as_deref())?))).collect()
    }
}
