//! Concordance search ([`SqliteTm::concordance`]) over the FTS5 trigram
//! index, and bringing that index up to date ([`SqliteTm::update_concordance`]).
//!
//! A phrase query of FTS5's trigram tokenizer ("\"presupuesto del estado\"")
//! advances every trigram of the phrase — 20 of them, some in most segments
//! of a 1M-pair TM — for each row the rarest one proposes, and its bm25
//! rank needs the phrase's count over the whole index: 50 ms and more per
//! search at 1M pairs, seconds for "de la". So the search is planned here,
//! as a database planner would: each trigram's document frequency is
//! estimated ([`Stats`]: an exact count up to [`DF_EXACT`], else a sample of
//! four rowid windows, kept per TM file in the process), the rarest
//! trigrams that do not overlap (then overlapping ones) are ANDed until
//! about [`CANDIDATES`] rows are expected, and each candidate row of the
//! asked language is checked for the phrase itself (case-insensitively,
//! as the trigram tokenizer folds case). The first [`gather`] hits in TUV
//! order are ranked by the share of the segment the phrase covers. When
//! the trigrams filter too little (more than [`BUDGET`] candidates seen),
//! FTS5's own phrase query takes over, in rowid order so that it stops at
//! the hits needed.
//!
//! Targets are read in one statement for all hits (`json_each` of their TU
//! ids), not TU by TU.

use super::SqliteTm;
use crate::error::StoreError;
use crate::model::ConcordanceHit;
use crate::sqlite::rows::{content, fts_upto, sql};
use memoria_core::content::Content;
use memoria_core::lang::LangTag;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

/// Below this many rows, a trigram's frequency is counted exactly.
const DF_EXACT: i64 = 2000;
/// Rows of each of the four sample windows of a more frequent trigram.
const DF_WINDOW: i64 = 5000;
/// Expected candidate rows at which no further trigram is ANDed.
const CANDIDATES: f64 = 20.0;
/// Most trigrams ANDed.
const MAX_TRIGRAMS: usize = 6;
/// Candidate rows checked before FTS5's phrase query takes over.
const BUDGET: usize = 5000;

/// Hits gathered (in TUV order) before ranking: four times the page.
fn gather(limit: usize) -> usize {
    limit.saturating_mul(4).min(1000).max(limit)
}

/// Trigram frequency estimates of one TM file, valid while its index grows
/// by less than an eighth.
#[derive(Default)]
struct Stats {
    /// `fts_upto` when the estimates were taken.
    upto: i64,
    df: HashMap<String, i64>,
}

/// The estimates of every TM file this process searched (a server's
/// connections share them).
fn stats() -> &'static Mutex<HashMap<PathBuf, Stats>> {
    static STATS: OnceLock<Mutex<HashMap<PathBuf, Stats>>> = OnceLock::new();
    STATS.get_or_init(Default::default)
}

/// Lower-cases `s` character by character, as FTS5's `trigram` tokenizer
/// folds case (one character to one character; diacritics kept).
fn fold(s: &str) -> String {
    s.chars()
        .map(|c| {
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(a), None) => a,
                _ => c,
            }
        })
        .collect()
}

/// `s` as an FTS5 string token.
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// A row that contains the phrase.
struct Row {
    id: i64,
    tu_id: i64,
    lang: String,
    text: String,
    seg: Option<String>,
    /// Minus the share of the segment's characters the phrase covers.
    rank: f64,
}

/// Rows of the index matching ?1, in rowid order, of language ?2. CROSS
/// JOIN and `+lang_base` keep SQLite from reading every TUV of the language
/// through `tuv_exact` and probing the index for each.
const CANDIDATE_ROWS: &str =
    "SELECT t.id, t.tu_id, t.lang, t.text, t.seg FROM concordance c CROSS JOIN tuv t ON t.id = c.rowid
                              WHERE concordance MATCH ?1 AND +t.lang_base = ?2";

impl SqliteTm {
    /// Segments in `lang` (any region) that contain `phrase`, case-insensitively
    /// (at most `limit`), best first: the phrase covering more of the segment
    /// ranks higher, then the older TU. A phrase found in more than
    /// 4 × `limit` segments is ranked among the first 4 × `limit` of them in
    /// TUV order. A phrase shorter than 3 chars cannot use trigrams and is
    /// searched with a scan of the language's TUVs. With `target`,
    /// each hit carries that variant. See the module doc for the plan.
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
            max <= fts_upto(&self.conn, &self.path)?
        } else {
            self.update_concordance()?;
            true
        };
        let phrase = phrase.trim();
        if limit == 0 || phrase.is_empty() {
            return Ok(Vec::new());
        }
        let mut rows = if phrase.chars().count() < 3 || !indexed {
            self.scan(phrase, lang, gather(limit))?
        } else {
            self.by_trigrams(phrase, lang, gather(limit))?
        };
        rows.sort_by(|a, b| a.rank.total_cmp(&b.rank).then(a.tu_id.cmp(&b.tu_id)).then(a.id.cmp(&b.id)));
        rows.truncate(limit);
        let mut targets = match target {
            Some(t) => self.variants(rows.iter().map(|r| r.tu_id), t)?,
            None => HashMap::new(),
        };
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

    /// Without the index: every TUV of `lang` read in TUV order, the first
    /// `want` that contain the phrase kept.
    fn scan(&self, phrase: &str, lang: &LangTag, want: usize) -> Result<Vec<Row>, StoreError> {
        const ALL: &str = "SELECT id, tu_id, lang, text, seg FROM tuv WHERE +lang_base = ?1 ORDER BY id";
        let e = |err| sql(&self.path, err);
        let folded = fold(phrase);
        let mut st = self.conn.prepare_cached(ALL).map_err(e)?;
        let mut cursor = st.query([lang.language()]).map_err(e)?;
        let mut out = Vec::new();
        while let Some(r) = cursor.next().map_err(e)? {
            let text: String = r.get(3).map_err(e)?;
            if let Some(rank) = rank(&text, &folded) {
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

    /// The first `want` rows of `lang` containing `phrase` (3 chars or more),
    /// in TUV order, each with its rank.
    fn by_trigrams(&self, phrase: &str, lang: &LangTag, want: usize) -> Result<Vec<Row>, StoreError> {
        let e = |err| sql(&self.path, err);
        let chars: Vec<char> = phrase.chars().collect();
        let windows: Vec<String> = chars.windows(3).map(|w| w.iter().collect()).collect();
        let folded = fold(phrase);
        let (n, df) = self.frequencies(&windows)?;
        // The rarest windows first; ties in phrase order.
        let mut order: Vec<usize> = (0..windows.len()).collect();
        order.sort_by_key(|&i| (df[i], i));
        let mut picked: Vec<usize> = Vec::new();
        let mut expected = n.max(1) as f64;
        for overlap in [false, true] {
            for &i in &order {
                if picked.len() >= MAX_TRIGRAMS || (!picked.is_empty() && expected <= CANDIDATES) {
                    break;
                }
                let clash = picked.iter().any(|&j| i == j || (!overlap && i.abs_diff(j) < 3));
                if !clash {
                    picked.push(i);
                    expected *= df[i] as f64 / n.max(1) as f64;
                }
            }
        }
        let expr = picked.iter().map(|&i| quoted(&windows[i])).collect::<Vec<_>>().join(" AND ");
        let mut st = self.conn.prepare_cached(CANDIDATE_ROWS).map_err(e)?;
        let mut cursor = st.query(rusqlite::params![expr, lang.language()]).map_err(e)?;
        let mut out = Vec::new();
        let mut seen = 0;
        while let Some(r) = cursor.next().map_err(e)? {
            seen += 1;
            if seen > BUDGET {
                drop(cursor);
                return self.by_phrase(phrase, &folded, lang, want);
            }
            let text: String = r.get(3).map_err(e)?;
            if let Some(rank) = rank(&text, &folded) {
                out.push(Row {
                    id: r.get(0).map_err(e)?,
                    tu_id: r.get(1).map_err(e)?,
                    lang: r.get(2).map_err(e)?,
                    text,
                    seg: r.get(4).map_err(e)?,
                    rank,
                });
                if out.len() >= want {
                    break;
                }
            }
        }
        Ok(out)
    }

    /// FTS5's phrase query, in rowid order: the first `want` rows of `lang`.
    fn by_phrase(&self, phrase: &str, folded: &str, lang: &LangTag, want: usize) -> Result<Vec<Row>, StoreError> {
        let e = |err| sql(&self.path, err);
        let q = format!("{CANDIDATE_ROWS} LIMIT ?3");
        let mut st = self.conn.prepare_cached(&q).map_err(e)?;
        let rows = st
            .query_map(rusqlite::params![quoted(phrase), lang.language(), want as i64], |r| {
                let text: String = r.get(3)?;
                // FTS5 and Rust may fold a rare letter differently: a hit is a hit.
                let rank = rank(&text, folded).unwrap_or(0.0);
                Ok(Row { id: r.get(0)?, tu_id: r.get(1)?, lang: r.get(2)?, text, seg: r.get(4)?, rank })
            })
            .map_err(e)?
            .collect::<Result<_, _>>()
            .map_err(e)?;
        Ok(rows)
    }

    /// Estimated rows of the index holding each of `windows`, and the rows
    /// indexed. Estimates are shared by this process's connections to the
    /// same file and taken again once the index has grown by an eighth.
    fn frequencies(&self, windows: &[String]) -> Result<(i64, Vec<i64>), StoreError> {
        let upto = fts_upto(&self.conn, &self.path)?;
        let shared = self.path.to_str() != Some(":memory:");
        let key = std::fs::canonicalize(&self.path).unwrap_or_else(|_| self.path.clone());
        let mut out = Vec::with_capacity(windows.len());
        let mut missing = Vec::new();
        {
            let mut all = stats().lock().unwrap_or_else(|p| p.into_inner());
            let s = all.entry(key.clone()).or_default();
            if upto > s.upto + s.upto / 8 || upto < s.upto {
                *s = Stats { upto, df: HashMap::new() };
            }
            for w in windows {
                match s.df.get(&fold(w)) {
                    Some(&n) if shared => out.push(n),
                    _ => {
                        out.push(-1);
                        missing.push(w.clone());
                    }
                }
            }
        }
        let mut found = HashMap::new();
        for w in missing {
            found.insert(fold(&w), self.frequency(&w, upto)?);
        }
        for (i, w) in windows.iter().enumerate() {
            if out[i] < 0 {
                out[i] = found[&fold(w)];
            }
        }
        if shared {
            let mut all = stats().lock().unwrap_or_else(|p| p.into_inner());
            if let Some(s) = all.get_mut(&key).filter(|s| s.upto == upto) {
                s.df.extend(found);
            }
        }
        Ok((upto, out))
    }

    /// Rows holding the trigram `w`: counted up to [`DF_EXACT`], else
    /// estimated from four windows of [`DF_WINDOW`] rowids spread over `1..=upto`.
    fn frequency(&self, w: &str, upto: i64) -> Result<i64, StoreError> {
        const COUNT: &str = "SELECT count(*) FROM (SELECT rowid FROM concordance WHERE concordance MATCH ?1 LIMIT ?2)";
        const WINDOW: &str = "SELECT count(*) FROM concordance WHERE concordance MATCH ?1 AND rowid BETWEEN ?2 AND ?3";
        let e = |err| sql(&self.path, err);
        let q = quoted(w);
        let exact: i64 = self
            .conn
            .prepare_cached(COUNT)
            .map_err(e)?
            .query_row(rusqlite::params![q, DF_EXACT], |r| r.get(0))
            .map_err(e)?;
        if exact < DF_EXACT || upto <= 4 * DF_WINDOW {
            return Ok(exact);
        }
        let mut st = self.conn.prepare_cached(WINDOW).map_err(e)?;
        let mut sampled = 0i64;
        for k in 0..4 {
            let from = upto * (2 * k + 1) / 8;
            sampled +=
                st.query_row(rusqlite::params![q, from, from + DF_WINDOW - 1], |r| r.get::<_, i64>(0)).map_err(e)?;
        }
        Ok((sampled * upto / (4 * DF_WINDOW)).max(DF_EXACT))
    }

    /// The best-fitting `lang` variant of each TU of `ids` (as
    /// [`memoria_core::tu::Tu::variant`] picks it), read in one statement.
    fn variants(&self, ids: impl Iterator<Item = i64>, lang: &LangTag) -> Result<HashMap<i64, Content>, StoreError> {
        // By `tuv_tu` for each id (`+lang_base`: not every TUV of the language by `tuv_exact`).
        const Q: &str =
            "SELECT t.tu_id, t.lang, t.text, t.seg FROM json_each(?1) j CROSS JOIN tuv t ON t.tu_id = j.value
                         WHERE +t.lang_base = ?2 ORDER BY t.tu_id, t.id";
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
}

/// Minus the share of `text`'s characters that the occurrences of `folded`
/// (a folded phrase) cover; `None` when `text` does not contain it.
fn rank(text: &str, folded: &str) -> Option<f64> {
    let hay = fold(text);
    let n = hay.matches(folded).count();
    (n > 0).then(|| -((n * folded.chars().count()) as f64 / hay.chars().count().max(1) as f64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_lowers_one_char_to_one_char() {
        assert_eq!(fold("ÉL Año İ"), "él año İ");
        assert_eq!(fold("Presupuesto DEL Estado"), "presupuesto del estado");
    }

    #[test]
    fn rank_is_minus_the_share_covered() {
        assert_eq!(rank("De la mar", "de la"), Some(-5.0 / 9.0));
        assert_eq!(rank("de la casa de la villa", "de la"), Some(-10.0 / 22.0));
        assert_eq!(rank("del lado", "de la"), None);
    }

    #[test]
    fn quotes_are_doubled_in_a_token() {
        assert_eq!(quoted("a\"b"), "\"a\"\"b\"");
    }
}
