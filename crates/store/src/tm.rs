use crate::error::StoreError;
use crate::normalize::{hash, normalize};
use crate::score::score;
use memoria_core::content::Content;
use memoria_core::lang::LangTag;
use memoria_core::tu::{Tu, Tuv};
use rusqlite::{params, Connection, Transaction};
use std::path::{Path, PathBuf};

/// The schema version this memoria writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i64 = 1;

const SCHEMA: &str = "
CREATE TABLE tu (
    id INTEGER PRIMARY KEY,
    attrs TEXT NOT NULL,          -- JSON [[name, value], ...] as read
    props TEXT NOT NULL,          -- JSON [Prop]
    notes TEXT NOT NULL,          -- JSON [Note]
    collection TEXT,              -- provenance: import batch or TM name
    document TEXT,                -- provenance: source document
    position INTEGER,             -- provenance: segment index in the document
    created INTEGER NOT NULL      -- unix seconds of the import
);
CREATE TABLE tuv (
    id INTEGER PRIMARY KEY,
    tu_id INTEGER NOT NULL REFERENCES tu(id),
    lang TEXT NOT NULL,           -- canonical BCP 47 tag
    lang_base TEXT NOT NULL,      -- primary language subtag
    seg TEXT NOT NULL,            -- JSON Content (lossless, inline codes)
    norm TEXT NOT NULL,           -- normalised match text
    norm_hash INTEGER NOT NULL,   -- hash(norm), exact lookups
    norm_len INTEGER NOT NULL,    -- chars in norm, length band
    attrs TEXT NOT NULL,
    props TEXT NOT NULL,
    notes TEXT NOT NULL,
    prev_hash INTEGER,            -- hash of the previous source segment's norm
    next_hash INTEGER             -- hash of the next source segment's norm
);
CREATE INDEX tuv_exact ON tuv(lang_base, norm_hash);
CREATE INDEX tuv_len ON tuv(lang_base, norm_len);
CREATE INDEX tuv_tu ON tuv(tu_id);
";

/// Where a TU came from: kept with it and shown with matches.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Provenance {
    /// Name of the import (TMX file name, or a collection the user chose).
    pub collection: Option<String>,
    /// The document the TU was aligned from.
    pub document: Option<String>,
    /// Index of the segment in that document.
    pub position: Option<i64>,
    /// Source text of the previous segment (for context matches).
    pub prev: Option<String>,
    /// Source text of the next segment.
    pub next: Option<String>,
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportReport {
    /// TUs handed to [`Import::add`].
    pub read: u64,
    /// TUs stored.
    pub added: u64,
    /// TUs identical to one already stored (not stored again).
    pub duplicates: u64,
    /// TUs stored as an alternative translation of a source already stored.
    pub alternatives: u64,
    /// Stored TUs replaced by a new one ([`OnConflict::Overwrite`]).
    pub overwritten: u64,
    /// New TUs dropped because their source was stored ([`OnConflict::Skip`]).
    pub skipped_conflicts: u64,
}

/// Counts of TUs per language pair.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct PairCount {
    pub source: String,
    pub target: String,
    pub tus: u64,
}

/// A lookup request: find TM entries whose `from` variant resembles
/// `source`, and return their `to` variant.
#[derive(Clone, Debug)]
pub struct Query {
    pub source: String,
    pub from: LangTag,
    pub to: LangTag,
    /// Lowest score returned, 0–100.
    pub min_score: u8,
    /// Most matches returned.
    pub limit: usize,
    /// Source text of the segment before this one in its document, if any;
    /// with `next`, lets an exact match whose stored neighbours are the same
    /// score 101 (context match).
    pub prev: Option<String>,
    /// Source text of the segment after this one, if any.
    pub next: Option<String>,
}

impl Query {
    /// A query with the defaults `min_score` 50 and `limit` 5.
    pub fn new(source: &str, from: LangTag, to: LangTag) -> Query {
        Query { source: source.to_string(), from, to, min_score: 50, limit: 5, prev: None, next: None }
    }
}

/// A TM entry found for a query.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Match {
    /// 0–100 (101 reserved for context matches).
    pub score: u8,
    pub tu_id: i64,
    pub source_lang: LangTag,
    pub source: Content,
    pub target_lang: LangTag,
    /// The target to use: the stored target, with placeable values of the
    /// query substituted where the match differs only in placeables.
    pub target: Content,
    /// The target as stored in the TM.
    pub stored_target: Content,
    pub provenance: Provenance,
}

/// The band a score falls in, as CAT tools report them: `101`, `100`,
/// `95-99`, `85-94`, `75-84`, `50-74`, `no match`.
pub fn band(score: u8) -> &'static str {
    match score {
        101.. => "101",
        100 => "100",
        95..=99 => "95-99",
        85..=94 => "85-94",
        75..=84 => "75-84",
        50..=74 => "50-74",
        _ => "no match",
    }
}

/// A translation memory in one SQLite file.
pub struct Tm {
    conn: Connection,
    path: PathBuf,
}

impl Tm {
    /// Opens the TM at `path`, creating it (schema version
    /// [`SCHEMA_VERSION`]) when the file does not exist or is empty. Refuses a
    /// SQLite file that is not a memoria TM.
    pub fn open(path: &Path) -> Result<Tm, StoreError> {
        let conn = Connection::open(path).map_err(|e| sql(path, e))?;
        Tm::init(conn, path.to_path_buf())
    }

    /// A TM that lives in memory only (tests, examples).
    pub fn open_in_memory() -> Result<Tm, StoreError> {
        let conn = Connection::open_in_memory().map_err(|e| sql(Path::new(":memory:"), e))?;
        Tm::init(conn, PathBuf::from(":memory:"))
    }

    fn init(conn: Connection, path: PathBuf) -> Result<Tm, StoreError> {
        let p = path.clone();
        let e = |e| sql(&p, e);
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|err| match err {
            rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::NotADatabase => {
                StoreError::NotATm { path: p.clone(), what: "not a SQLite database (not a memoria TM)".into() }
            }
            other => e(other),
        })?;
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0)).map_err(e)?;
        if version == 0 && tables == 0 {
            conn.pragma_update(None, "journal_mode", "WAL").map_err(e)?;
            conn.execute_batch(&format!("BEGIN; {SCHEMA} PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"))
                .map_err(e)?;
        } else if version == 0 {
            return Err(StoreError::NotATm {
                path: p,
                what: "SQLite database without a memoria schema (not a memoria TM)".into(),
            });
        } else if version > SCHEMA_VERSION {
            return Err(StoreError::NotATm {
                path: p,
                what: format!("TM schema version {version} is newer than this memoria supports ({SCHEMA_VERSION}); upgrade memoria"),
            });
        }
        conn.busy_timeout(std::time::Duration::from_secs(10)).map_err(e)?;
        Ok(Tm { conn, path })
    }

    /// Starts an import: every TU added goes into one transaction, stored only
    /// when [`Import::commit`] succeeds.
    pub fn import(&mut self) -> Result<Import<'_>, StoreError> {
        self.import_with(ImportOptions::default())
    }

    /// Starts an import with options (conflict policy, collection name).
    pub fn import_with(&mut self, opts: ImportOptions) -> Result<Import<'_>, StoreError> {
        let path = self.path.clone();
        let tx =
            self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(|e| sql(&path, e))?;
        Ok(Import { tx, path, opts, report: ImportReport::default() })
    }

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

    /// Ranked matches for `q`: the `q.from` variants of the TM scored against
    /// `q.source` ([`score`]), best first; ties go to the more recent TU.
    /// Each match carries the TU's variant best serving `q.to`.
    pub fn lookup(&self, q: &Query) -> Result<Vec<Match>, StoreError> {
        let norm = normalize(&q.source);
        let len = norm.chars().count() as i64;
        let lo = len * i64::from(q.min_score) / 100;
        let hi = if q.min_score == 0 { i64::MAX } else { len * 100 / i64::from(q.min_score) + 1 };
        const Q: &str =
            "SELECT tu_id, lang, norm, seg, prev_hash, next_hash FROM tuv WHERE lang_base = ?1 AND norm_len BETWEEN ?2 AND ?3";
        let e = |e| sql(&self.path, e);
        let mut st = self.conn.prepare_cached(Q).map_err(e)?;
        let want_prev = q.prev.as_deref().map(|t| hash(&normalize(t)));
        let want_next = q.next.as_deref().map(|t| hash(&normalize(t)));
        let mut scored: Vec<(u8, i64, String, String)> = Vec::new();
        let mut rows = st.query(params![q.from.language(), lo, hi]).map_err(e)?;
        while let Some(r) = rows.next().map_err(e)? {
            let cand: String = r.get(2).map_err(e)?;
            let mut s = score(&norm, &cand);
            if s == 100 && (q.prev.is_some() || q.next.is_some()) {
                let (p, n): (Option<i64>, Option<i64>) = (r.get(4).map_err(e)?, r.get(5).map_err(e)?);
                if p == want_prev && n == want_next {
                    s = 101;
                }
            }
            if s >= q.min_score {
                scored.push((s, r.get(0).map_err(e)?, r.get(1).map_err(e)?, r.get(3).map_err(e)?));
            }
        }
        let mut out = Vec::new();
        for (s, tu_id, lang, seg) in scored {
            let source_lang = LangTag::new(&lang).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            let tu = self.load_tu(tu_id)?;
            let Some(target) = tu.variant(&q.to) else {
                continue;
            };
            let fit = q.from.fit(&source_lang);
            out.push((
                s,
                fit,
                Match {
                    score: s,
                    tu_id,
                    source_lang,
                    source: serde_json::from_str(&seg).map_err(|e| StoreError::Corrupt(e.to_string()))?,
                    target_lang: target.lang.clone(),
                    target: target.seg.clone(),
                    stored_target: target.seg.clone(),
                    provenance: self.provenance(tu_id)?,
                },
            ));
        }
        out.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(b.2.tu_id.cmp(&a.2.tu_id)));
        out.truncate(q.limit);
        Ok(out.into_iter().map(|(_, _, m)| m).collect())
    }

    fn provenance(&self, tu_id: i64) -> Result<Provenance, StoreError> {
        const Q: &str = "SELECT collection, document, position FROM tu WHERE id = ?1";
        self.conn
            .prepare_cached(Q)
            .and_then(|mut st| {
                st.query_row([tu_id], |r| {
                    Ok(Provenance {
                        collection: r.get(0)?,
                        document: r.get(1)?,
                        position: r.get(2)?,
                        prev: None,
                        next: None,
                    })
                })
            })
            .map_err(|e| sql(&self.path, e))
    }

    /// Loads TU `id` with all its variants, as imported.
    pub fn load_tu(&self, id: i64) -> Result<Tu, StoreError> {
        const TU: &str = "SELECT attrs, props, notes FROM tu WHERE id = ?1";
        const TUV: &str = "SELECT lang, attrs, props, notes, seg FROM tuv WHERE tu_id = ?1 ORDER BY id";
        let e = |e| sql(&self.path, e);
        let (attrs, props, notes): (String, String, String) = self
            .conn
            .prepare_cached(TU)
            .map_err(e)?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .map_err(e)?;
        let mut tu = Tu { attrs: de(&attrs)?, props: de(&props)?, notes: de(&notes)?, tuvs: vec![] };
        let mut st = self.conn.prepare_cached(TUV).map_err(e)?;
        let mut rows = st.query([id]).map_err(e)?;
        while let Some(r) = rows.next().map_err(e)? {
            let lang: String = r.get(0).map_err(e)?;
            tu.tuvs.push(Tuv {
                lang: LangTag::new(&lang).map_err(|e| StoreError::Corrupt(e.to_string()))?,
                attrs: de(&r.get::<_, String>(1).map_err(e)?)?,
                props: de(&r.get::<_, String>(2).map_err(e)?)?,
                notes: de(&r.get::<_, String>(3).map_err(e)?)?,
                seg: de(&r.get::<_, String>(4).map_err(e)?)?,
            });
        }
        Ok(tu)
    }

    /// Calls `f` with every TU that passes `filter`, in import order.
    pub fn export(
        &self,
        filter: &ExportFilter,
        mut f: impl FnMut(Tu) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let e = |e| sql(&self.path, e);
        let mut st = self
            .conn
            .prepare("SELECT id, strftime('%Y%m%dT%H%M%SZ', created, 'unixepoch') FROM tu WHERE ?1 IS NULL OR collection = ?1 ORDER BY id")
            .map_err(e)?;
        let ids: Vec<(i64, String)> = st
            .query_map([&filter.collection], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(e)?
            .collect::<Result<_, _>>()
            .map_err(e)?;
        for (id, imported) in ids {
            let mut tu = self.load_tu(id)?;
            if let Some(since) = &filter.since {
                let changed = tu.attr("changedate").or(tu.attr("creationdate")).unwrap_or(&imported);
                if changed < since.as_str() {
                    continue;
                }
            }
            if !filter.langs.is_empty() {
                tu.tuvs.retain(|v| filter.langs.iter().any(|l| l.fit(&v.lang) > 0));
                if tu.tuvs.is_empty() {
                    continue;
                }
            }
            f(tu)?;
        }
        Ok(())
    }
}

/// An import in progress: one SQLite transaction. Dropping it without
/// [`Import::commit`] rolls everything back.
pub struct Import<'a> {
    tx: Transaction<'a>,
    path: PathBuf,
    opts: ImportOptions,
    report: ImportReport,
}

/// What to do with a TU whose source text is already in the TM with another
/// translation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OnConflict {
    /// Keep both: the new one becomes an alternative translation.
    #[default]
    KeepBoth,
    /// Replace the stored TU(s) with the new one.
    Overwrite,
    /// Keep the stored TU(s); drop the new one.
    Skip,
}

/// Settings of an import.
#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    pub on_conflict: OnConflict,
    /// Provenance collection for TUs added without one (e.g. the TMX file name).
    pub collection: Option<String>,
}

/// Which TUs [`Tm::export`] gives.
#[derive(Clone, Debug, Default)]
pub struct ExportFilter {
    /// Only variants in these languages (a TU left with none is skipped);
    /// empty: all.
    pub langs: Vec<LangTag>,
    /// Only TUs changed (TMX `changedate`, else `creationdate`, else import
    /// time) at or after this TMX date (`YYYYMMDDThhmmssZ`).
    pub since: Option<String>,
    /// Only TUs of this provenance collection.
    pub collection: Option<String>,
}

impl Import<'_> {
    /// Adds `tu` with its provenance. A TU identical (same variants, same
    /// texts and codes) to one already stored is counted as a duplicate and
    /// not stored again. Returns whether it was stored.
    pub fn add(&mut self, tu: &Tu, prov: &Provenance) -> Result<bool, StoreError> {
        self.report.read += 1;
        let (identical, conflicting) = self.same_source(tu)?;
        if identical {
            self.report.duplicates += 1;
            return Ok(false);
        }
        if !conflicting.is_empty() {
            match self.opts.on_conflict {
                OnConflict::KeepBoth => self.report.alternatives += 1,
                OnConflict::Skip => {
                    self.report.skipped_conflicts += 1;
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
        let e = |e| sql(&self.path, e);
        const INS_TU: &str = "INSERT INTO tu (attrs, props, notes, collection, document, position, created)
                              VALUES (?1, ?2, ?3, ?4, ?5, ?6, strftime('%s','now'))";
        const INS_TUV: &str = "INSERT INTO tuv (tu_id, lang, lang_base, seg, norm, norm_hash, norm_len, attrs, props, notes, prev_hash, next_hash)
                               VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
        self.tx
            .prepare_cached(INS_TU)
            .map_err(e)?
            .execute(params![
                ser(&tu.attrs),
                ser(&tu.props),
                ser(&tu.notes),
                prov.collection,
                prov.document,
                prov.position
            ])
            .map_err(e)?;
        let tu_id = self.tx.last_insert_rowid();
        let prev = prov.prev.as_deref().map(|t| hash(&normalize(t)));
        let next = prov.next.as_deref().map(|t| hash(&normalize(t)));
        let mut st = self.tx.prepare_cached(INS_TUV).map_err(e)?;
        for v in &tu.tuvs {
            let norm = normalize(&v.seg.match_text());
            st.execute(params![
                tu_id,
                v.lang.as_str(),
                v.lang.language(),
                ser(&v.seg),
                norm,
                hash(&norm),
                norm.chars().count() as i64,
                ser(&v.attrs),
                ser(&v.props),
                ser(&v.notes),
                prev,
                next
            ])
            .map_err(e)?;
        }
        self.report.added += 1;
        Ok(true)
    }

    /// The source variant of `tu`: the one in its `srclang`, else the first.
    fn source_variant(tu: &Tu) -> Option<&Tuv> {
        tu.attr("srclang")
            .and_then(|l| LangTag::new(l).ok())
            .and_then(|l| tu.tuvs.iter().find(|v| v.lang == l))
            .or(tu.tuvs.first())
    }

    /// Whether an identical TU is stored, and the ids of stored TUs with the
    /// same source text (same language) but other variants.
    fn same_source(&self, tu: &Tu) -> Result<(bool, Vec<i64>), StoreError> {
        let Some(src) = Self::source_variant(tu) else {
            return Ok((false, vec![]));
        };
        const Q: &str = "SELECT tu_id FROM tuv WHERE lang_base = ?1 AND norm_hash = ?2 AND lang = ?3";
        let e = |e| sql(&self.path, e);
        let norm = normalize(&src.seg.match_text());
        let mut st = self.tx.prepare_cached(Q).map_err(e)?;
        let ids: Vec<i64> = st
            .query_map(params![src.lang.language(), hash(&norm), src.lang.as_str()], |r| r.get(0))
            .map_err(e)?
            .collect::<Result<_, _>>()
            .map_err(e)?;
        let mut conflicting = Vec::new();
        for id in ids {
            let stored = load_variants(&self.tx, &self.path, id)?;
            if same_variants(&stored, tu) {
                return Ok((true, vec![]));
            }
            let shares_a_target_lang =
                stored.iter().any(|(l, _)| l != src.lang.as_str() && tu.tuvs.iter().any(|v| v.lang.as_str() == l));
            if shares_a_target_lang {
                conflicting.push(id);
            }
        }
        Ok((false, conflicting))
    }

    fn delete_tu(&self, id: i64) -> Result<(), StoreError> {
        let e = |e| sql(&self.path, e);
        self.tx.prepare_cached("DELETE FROM tuv WHERE tu_id = ?1").map_err(e)?.execute([id]).map_err(e)?;
        self.tx.prepare_cached("DELETE FROM tu WHERE id = ?1").map_err(e)?.execute([id]).map_err(e)?;
        Ok(())
    }

    /// Commits the transaction and returns the report.
    pub fn commit(self) -> Result<ImportReport, StoreError> {
        self.tx.commit().map_err(|e| sql(&self.path, e))?;
        Ok(self.report)
    }

    /// The report so far.
    pub fn report(&self) -> &ImportReport {
        &self.report
    }
}

fn load_variants(conn: &Connection, path: &Path, id: i64) -> Result<Vec<(String, Content)>, StoreError> {
    let e = |e| sql(path, e);
    let mut st = conn.prepare_cached("SELECT lang, seg FROM tuv WHERE tu_id = ?1 ORDER BY id").map_err(e)?;
    let rows: Vec<(String, String)> =
        st.query_map([id], |r| Ok((r.get(0)?, r.get(1)?))).map_err(e)?.collect::<Result<_, _>>().map_err(e)?;
    rows.into_iter().map(|(l, s)| Ok((l, de(&s)?))).collect()
}

fn same_variants(stored: &[(String, Content)], tu: &Tu) -> bool {
    stored.len() == tu.tuvs.len() && stored.iter().zip(&tu.tuvs).all(|((l, c), v)| l == v.lang.as_str() && *c == v.seg)
}

fn sql(path: &Path, source: rusqlite::Error) -> StoreError {
    StoreError::Sqlite { path: path.to_path_buf(), source }
}

fn ser<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("serialising plain data cannot fail")
}

fn de<T: serde::de::DeserializeOwned>(s: &str) -> Result<T, StoreError> {
    serde_json::from_str(s).map_err(|e| StoreError::Corrupt(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tu(es: &str, en: &str) -> Tu {
        Tu {
            tuvs: vec![Tuv::plain(LangTag::new("es").unwrap(), es), Tuv::plain(LangTag::new("en").unwrap(), en)],
            ..Tu::default()
        }
    }

    #[test]
    fn identical_tu_is_a_duplicate() {
        let mut tm = Tm::open_in_memory().unwrap();
        let mut imp = tm.import().unwrap();
        assert!(imp.add(&tu("Hola.", "Hello."), &Provenance::default()).unwrap());
        assert!(!imp.add(&tu("Hola.", "Hello."), &Provenance::default()).unwrap());
        assert!(imp.add(&tu("Hola.", "Hi."), &Provenance::default()).unwrap());
        let r = imp.commit().unwrap();
        assert_eq!((r.read, r.added, r.duplicates), (3, 2, 1));
        assert_eq!(tm.tu_count().unwrap(), 2);
    }

    #[test]
    fn dropped_import_leaves_tm_unchanged() {
        let mut tm = Tm::open_in_memory().unwrap();
        {
            let mut imp = tm.import().unwrap();
            imp.add(&tu("Hola.", "Hello."), &Provenance::default()).unwrap();
        }
        assert_eq!(tm.tu_count().unwrap(), 0);
    }

    #[test]
    fn fuzzy_match_scores_below_100() {
        let mut tm = Tm::open_in_memory().unwrap();
        let mut imp = tm.import().unwrap();
        imp.add(
            &tu("El proyecto Debian publica hoy su versión 6.0.", "The Debian project releases version 6.0 today."),
            &Provenance::default(),
        )
        .unwrap();
        imp.commit().unwrap();
        let q = Query::new(
            "El proyecto Debian publica hoy su versión 7.0.",
            LangTag::new("es").unwrap(),
            LangTag::new("en").unwrap(),
        );
        let m = tm.lookup(&q).unwrap();
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].score, 97);
        assert_eq!(band(m[0].score), "95-99");
    }

    #[test]
    fn conflict_policies() {
        for (policy, count, target) in
            [(OnConflict::KeepBoth, 2, "Hi."), (OnConflict::Skip, 1, "Hello."), (OnConflict::Overwrite, 1, "Hi.")]
        {
            let mut tm = Tm::open_in_memory().unwrap();
            let mut imp = tm.import_with(ImportOptions { on_conflict: policy, collection: None }).unwrap();
            imp.add(&tu("Hola.", "Hello."), &Provenance::default()).unwrap();
            imp.add(&tu("Hola.", "Hi."), &Provenance::default()).unwrap();
            imp.commit().unwrap();
            assert_eq!(tm.tu_count().unwrap(), count, "{policy:?}");
            let q = Query::new("Hola.", LangTag::new("es").unwrap(), LangTag::new("en").unwrap());
            assert_eq!(tm.lookup(&q).unwrap()[0].target.plain_text(), target, "{policy:?}");
        }
    }

    #[test]
    fn same_neighbours_make_a_context_match() {
        let mut tm = Tm::open_in_memory().unwrap();
        let mut imp = tm.import().unwrap();
        let prov = Provenance { prev: Some("Titular.".into()), next: Some("Fin.".into()), ..Provenance::default() };
        imp.add(&tu("Hola.", "Hello."), &prov).unwrap();
        imp.commit().unwrap();
        let mut q = Query::new("Hola.", LangTag::new("es").unwrap(), LangTag::new("en").unwrap());
        assert_eq!(tm.lookup(&q).unwrap()[0].score, 100);
        q.prev = Some("Titular.".into());
        q.next = Some("Fin.".into());
        assert_eq!(tm.lookup(&q).unwrap()[0].score, 101);
        q.next = Some("Otra cosa.".into());
        assert_eq!(tm.lookup(&q).unwrap()[0].score, 100);
    }
}
