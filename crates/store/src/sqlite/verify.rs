//! Is the TM sound? SQLite's own check of the file, and memoria's
//! invariants: every TU has its TUVs, every TUV its TU, the candidate index
//! (postings) holds exactly the words of every TUV, the per-language TUV
//! counts match ([`SqliteTm::verify`]). And the cheap check a writer runs
//! before it writes ([`storage_ok`]).

use super::SqliteTm;
use crate::error::{ErrorKind, StoreError};
use crate::model::VerifyReport;
use crate::sqlite::index::decode;
use crate::sqlite::prepare::TuvRow;
use crate::sqlite::rows::{de, of_tu, sql};
use memoria_core::content::Content;
use memoria_core::lang::LangTag;
use rusqlite::Connection;
use std::collections::HashMap;
use std::path::Path;

/// Problems of each kind listed by name; beyond it they are only counted.
const LISTED: usize = 10;

/// Buckets of TUV ids whose postings are compared separately, so that a
/// disagreement can be traced to its TUVs without holding the whole index.
const BUCKETS: usize = 4096;

/// Writers refuse a damaged TM before writing into it: SQLite's
/// `PRAGMA quick_check` (every page and record read and checked, no index
/// compared with its table: 1.8 s on a TM of 1M pairs (730 MB) in the page
/// cache, against 12 s for the full `integrity_check` of
/// [`SqliteTm::verify`]). SQLite finds damage only where it reads, and an
/// import reads few pages: without this, an import into a TM with 8 KiB of
/// random bytes in its middle succeeded and wrote into it.
pub(crate) fn storage_ok(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let first: String = conn.query_row("PRAGMA quick_check(1)", [], |r| r.get(0)).map_err(|e| sql(path, e))?;
    if first == "ok" {
        return Ok(());
    }
    Err(damaged(path, &first))
}

/// The error of a damaged TM: `what` is SQLite's first finding.
fn damaged(path: &Path, what: &str) -> StoreError {
    let first = what.lines().find(|l| !l.starts_with("***")).unwrap_or(what).trim();
    StoreError::Backend {
        location: path.display().to_string(),
        kind: ErrorKind::Corrupt,
        message: format!(
            "the TM is damaged ({first}); nothing was written to it; `memoria verify` lists what is wrong \
             (restore it from a backup, or export what can be read)"
        ),
    }
}

/// splitmix64's finaliser: a (term, TUV id) pair as 64 well-mixed bits, so
/// that sums of them compare two multisets of pairs.
fn mix(term: i64, id: u32) -> u64 {
    let mut z = (term as u64) ^ (u64::from(id)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl SqliteTm {
    /// Checks the whole TM (see [`crate::Tm::verify`]).
    pub(crate) fn verify(&self) -> Result<VerifyReport, StoreError> {
        let e = |err| sql(&self.path, err);
        let mut report = VerifyReport::default();
        // SQLite's full check: pages, records, and every index against its table.
        let checked = (|| -> Result<Vec<String>, StoreError> {
            let mut st = self.conn.prepare("PRAGMA integrity_check(100)").map_err(e)?;
            let rows = st.query_map([], |r| r.get(0)).map_err(e)?;
            rows.collect::<Result<_, _>>().map_err(e)
        })();
        let found = match checked {
            // A page so damaged that the check itself stops is a finding too.
            Err(StoreError::Backend { kind: crate::ErrorKind::Corrupt, message, .. }) => vec![message],
            other => other?,
        };
        if found != ["ok"] {
            for f in found.iter().flat_map(|f| f.lines()).filter(|l| !l.starts_with("***")) {
                report.problems.push(format!("storage: {f}"));
            }
            // The tables cannot be trusted to be read through: stop here.
            return Ok(report);
        }
        // One snapshot for every count below.
        self.conn.execute_batch("BEGIN").map_err(e)?;
        let r = self.invariants(&mut report);
        let _ = self.conn.execute_batch("COMMIT");
        r?;
        Ok(report)
    }

    fn invariants(&self, report: &mut VerifyReport) -> Result<(), StoreError> {
        let e = |err| sql(&self.path, err);
        let c = &self.conn;
        report.tus = c.query_row("SELECT count(*) FROM tu", [], |r| r.get(0)).map_err(e)?;
        report.tuvs = c.query_row("SELECT count(*) FROM tuv", [], |r| r.get(0)).map_err(e)?;

        const TU_WITHOUT_TUV: &str =
            concat!("SELECT id FROM tu WHERE NOT EXISTS (SELECT 1 FROM tuv WHERE ", of_tu!("tuv"), ")");
        let ids = ids_of(c, TU_WITHOUT_TUV).map_err(e)?;
        list(report, &ids, |id| format!("TU {id} has no TUV"));
        // A TU's TUVs are read from its TUV range (SCHEMA_TUV_RANGE) only.
        const TUV_OUT_OF_RANGE: &str = concat!(
            "SELECT tuv.id FROM tuv JOIN tu ON tu.id = tuv.tu_id WHERE tu.tuv_first IS NULL OR NOT (",
            of_tu!("tuv"),
            ")"
        );
        let ids = ids_of(c, TUV_OUT_OF_RANGE).map_err(e)?;
        list(report, &ids, |id| format!("TUV {id} is outside its TU's TUV range (tu.tuv_first, tu.tuv_span)"));
        const TUV_WITHOUT_TU: &str = "SELECT id FROM tuv WHERE NOT EXISTS (SELECT 1 FROM tu WHERE tu.id = tuv.tu_id)";
        let ids = ids_of(c, TUV_WITHOUT_TU).map_err(e)?;
        list(report, &ids, |id| format!("TUV {id} belongs to no TU"));
        const TU_OF_NO_COLLECTION: &str = "SELECT id FROM tu WHERE collection_id IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM collection AS c WHERE c.id = tu.collection_id)";
        let ids = ids_of(c, TU_OF_NO_COLLECTION).map_err(e)?;
        list(report, &ids, |id| format!("TU {id} names a collection (tu.collection_id) the TM does not have"));
        const LINK_WITHOUT_TU: &str =
            "SELECT DISTINCT tu_id FROM tu_collection WHERE NOT EXISTS (SELECT 1 FROM tu WHERE tu.id = tu_id)";
        let ids = ids_of(c, LINK_WITHOUT_TU).map_err(e)?;
        list(report, &ids, |id| format!("TU {id} is linked to a collection (tu_collection) but not stored"));

        // Per-language counts kept in `meta` (the candidate index's word
        // frequencies are relative to them).
        let mut counted: HashMap<String, i64> = HashMap::new();
        {
            let mut st = c.prepare("SELECT lang_base, count(*) FROM tuv GROUP BY lang_base").map_err(e)?;
            let mut rows = st.query([]).map_err(e)?;
            while let Some(r) = rows.next().map_err(e)? {
                counted.insert(r.get(0).map_err(e)?, r.get(1).map_err(e)?);
            }
            let mut st = c.prepare("SELECT substr(name, 6), value FROM meta WHERE name LIKE 'tuvs:%'").map_err(e)?;
            let mut rows = st.query([]).map_err(e)?;
            let mut kept: HashMap<String, i64> = HashMap::new();
            while let Some(r) = rows.next().map_err(e)? {
                kept.insert(r.get(0).map_err(e)?, r.get(1).map_err(e)?);
            }
            let mut langs: Vec<&String> = counted.keys().chain(kept.keys()).collect();
            langs.sort();
            langs.dedup();
            for l in langs {
                let (n, k) = (counted.get(l).copied().unwrap_or(0), kept.get(l).copied().unwrap_or(0));
                if n != k {
                    report.problems.push(format!("language {l}: {n} TUVs, but the TM's count says {k}"));
                }
            }
        }
        self.check_postings(report)
    }

    /// The candidate index against the TUVs: the (word, TUV id) pairs of the
    /// postings and those derived again from every TUV (as an import derives
    /// them) are compared as multisets, by sums of hashes per bucket of TUV
    /// ids; postings of TUVs that do not exist are named; in a bucket that
    /// disagrees, each TUV is looked up word by word to name those missing.
    fn check_postings(&self, report: &mut VerifyReport) -> Result<(), StoreError> {
        let e = |err| sql(&self.path, err);
        let c = &self.conn;
        let max_id: i64 = c.query_row("SELECT coalesce(max(id), 0) FROM tuv", [], |r| r.get(0)).map_err(e)?;
        let mut exists = vec![0u64; (max_id as usize) / 64 + 1];
        let (mut expected, mut indexed) = (vec![0u64; BUCKETS], vec![0u64; BUCKETS]);
        let mut expected_n = 0u64;
        {
            let mut st = c.prepare("SELECT id, lang, text, seg FROM tuv").map_err(e)?;
            let mut rows = st.query([]).map_err(e)?;
            while let Some(r) = rows.next().map_err(e)? {
                let id: i64 = r.get(0).map_err(e)?;
                let Ok(id32) = u32::try_from(id) else {
                    report.problems.push(format!("TUV {id}: id beyond the candidate index's 32-bit ids"));
                    continue;
                };
                exists[id32 as usize / 64] |= 1 << (id32 % 64);
                for term in terms_of(&r, id).map_err(|p| StoreError::Corrupt(p))? {
                    expected[id32 as usize % BUCKETS] = expected[id32 as usize % BUCKETS].wrapping_add(mix(term, id32));
                    expected_n += 1;
                }
            }
        }
        let mut dangling = Vec::new();
        let mut indexed_n = 0u64;
        {
            let mut st = c.prepare("SELECT term, ids FROM posting").map_err(e)?;
            let mut rows = st.query([]).map_err(e)?;
            while let Some(r) = rows.next().map_err(e)? {
                let term: i64 = r.get(0).map_err(e)?;
                let blob = r.get_ref(1).map_err(e)?.as_blob().map_err(|err| e(err.into()))?;
                decode(blob, |id| {
                    indexed_n += 1;
                    let known = (id as usize / 64) < exists.len() && exists[id as usize / 64] & (1 << (id % 64)) != 0;
                    if !known {
                        dangling.push(id);
                    }
                    indexed[id as usize % BUCKETS] = indexed[id as usize % BUCKETS].wrapping_add(mix(term, id));
                });
            }
        }
        report.postings = indexed_n;
        dangling.sort_unstable();
        dangling.dedup();
        let dangling_set: std::collections::HashSet<u32> = dangling.iter().copied().collect();
        list(report, &dangling.iter().map(|&i| i64::from(i)).collect::<Vec<_>>(), |id| {
            format!("candidate index: lists TUV {id}, which does not exist")
        });
        // Buckets that differ beyond the dangling ids: some TUV's words are
        // missing (or extra) in the postings.
        let off: Vec<usize> = (0..BUCKETS)
            .filter(|&b| expected[b] != indexed[b] && !dangling_set.iter().any(|&d| d as usize % BUCKETS == b))
            .collect();
        if off.is_empty() {
            return Ok(());
        }
        let mut missing = Vec::new();
        let mut st = c.prepare("SELECT id, lang, text, seg FROM tuv").map_err(e)?;
        let mut read = c.prepare("SELECT ids FROM posting WHERE term = ?1").map_err(e)?;
        let mut rows = st.query([]).map_err(e)?;
        while let Some(r) = rows.next().map_err(e)? {
            let id: i64 = r.get(0).map_err(e)?;
            if off.binary_search(&(id as usize % BUCKETS)).is_err() || missing.len() > LISTED {
                continue;
            }
            let terms = terms_of(&r, id).map_err(StoreError::Corrupt)?;
            let mut absent = 0;
            for &term in &terms {
                let mut found = false;
                let mut chunks = read.query([term]).map_err(e)?;
                while let Some(ch) = chunks.next().map_err(e)? {
                    let blob = ch.get_ref(0).map_err(e)?.as_blob().map_err(|err| e(err.into()))?;
                    decode(blob, |x| found |= i64::from(x) == id);
                }
                absent += usize::from(!found);
            }
            if absent > 0 {
                missing.push((id, absent, terms.len()));
            }
        }
        for (id, absent, n) in missing.iter().take(LISTED) {
            report.problems.push(format!("candidate index: TUV {id} is missing under {absent} of its {n} words"));
        }
        if missing.is_empty() {
            report.problems.push(format!(
                "candidate index: {indexed_n} entries, the TUVs give {expected_n}: it holds entries no TUV has"
            ));
        }
        Ok(())
    }
}

/// The candidate-index words of a `tuv` row (id, lang, text, seg), derived
/// as an import derives them.
fn terms_of(r: &rusqlite::Row<'_>, id: i64) -> Result<Vec<i64>, String> {
    let lang: String = r.get(1).map_err(|e| e.to_string())?;
    let tag = LangTag::new(&lang).map_err(|e| format!("TUV {id}: language {lang:?}: {e}"))?;
    let seg: Option<String> = r.get(3).map_err(|e| e.to_string())?;
    let content = match seg {
        Some(json) => de::<Content>(&json).map_err(|e| format!("TUV {id}: {e}"))?,
        None => Content::from_text(&r.get::<_, String>(2).map_err(|e| e.to_string())?),
    };
    Ok(TuvRow::new(&tag, &content).terms)
}

/// The ids a query returns (at most [`LISTED`] + 1 are kept, all counted).
fn ids_of(c: &Connection, query: &str) -> rusqlite::Result<Vec<i64>> {
    let mut st = c.prepare(query)?;
    let ids = st.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(ids)
}

/// Adds a problem per id, the first [`LISTED`] by name, the rest counted.
fn list(report: &mut VerifyReport, ids: &[i64], say: impl Fn(i64) -> String) {
    for &id in ids.iter().take(LISTED) {
        report.problems.push(say(id));
    }
    if ids.len() > LISTED {
        report.problems.push(format!("… and {} more like it", ids.len() - LISTED));
    }
}
