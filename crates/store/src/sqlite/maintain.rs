//! TM maintenance on SQLite: listing TUs by a [`Selection`], deleting them,
//! editing one variant's text, the audit trail (table `audit`, schema
//! version 5) and the consistency check. Every change is one transaction
//! that keeps every index whole: the exact-lookup index (through the row),
//! the candidate postings (`index.rs`: the old terms taken out, the new ones
//! written as a chunk; concordance reads them too) and the per-language
//! counts in `meta`.

use super::SqliteTm;
use crate::error::StoreError;
use crate::maintain::{
    Action, AuditRecord, Author, Change, ChangedTu, Inconsistency, InconsistencyKind, Selection, TargetEdit, TextQuery,
    TuSummary,
};
use crate::sqlite::index::index_terms;
use crate::sqlite::postings::{remove_postings, PostingWriter, BUMP};
use crate::sqlite::prepare::TuvRow;
use crate::sqlite::rows::{
    collection_name, de, in_collection, key_of, load_tu, of_tu, ser, ser_list, split_srclang, sql, tuvs_of_tu, KeyBuf,
};
use memoria_core::lang::LangTag;
use memoria_core::tu::Tu;
use rusqlite::types::Value;
use rusqlite::{params, Connection, TransactionBehavior};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Takes TU `id`'s rows out of the TM inside the caller's transaction: its
/// TUVs' (term, TUV id) postings go
/// into `gone` and their counts into `gone_per_lang`, for
/// [`remove_postings`] and the `meta` counts to take out once for many TUs.
pub(crate) fn delete_tu_rows(
    conn: &Connection,
    path: &Path,
    id: i64,
    gone: &mut Vec<(i64, u32)>,
    gone_per_lang: &mut HashMap<String, i64>,
) -> Result<(), StoreError> {
    let e = |err| sql(path, err);
    let old: Vec<(i64, String, String, Value, i64)> = conn
        .prepare_cached(tuvs_of_tu!("v.id, v.text, v.lang_base, v.key, v.key_len"))
        .map_err(e)?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        .map_err(e)?
        .collect::<Result<_, _>>()
        .map_err(e)?;
    let mut buf = KeyBuf::default();
    let mut delete = conn.prepare_cached("DELETE FROM tuv WHERE id = ?1").map_err(e)?;
    for (tuv, text, lang_base, key, key_len) in &old {
        delete.execute([tuv]).map_err(e)?;
        gone.extend(
            index_terms(lang_base, key_of(key.into(), *key_len, text, &mut buf)?).into_iter().map(|t| (t, *tuv as u32)),
        );
        *gone_per_lang.entry(lang_base.clone()).or_default() += 1;
    }
    conn.prepare_cached("DELETE FROM tu_collection WHERE tu_id = ?1").map_err(e)?.execute([id]).map_err(e)?;
    conn.prepare_cached("DELETE FROM tu WHERE id = ?1").map_err(e)?.execute([id]).map_err(e)?;
    Ok(())
}

/// Appends one record to the audit trail.
fn record(
    conn: &Connection,
    path: &Path,
    id: i64,
    who: &Author,
    action: Action,
    before: &Tu,
    after: Option<&Tu>,
) -> Result<(), StoreError> {
    const INS: &str = "INSERT INTO audit (tu_id, at, author, action, before, after) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
    conn.prepare_cached(INS)
        .map_err(|e| sql(path, e))?
        .execute(params![id, who.at, who.name, action.as_str(), ser(before), after.map(ser)])
        .map_err(|e| sql(path, e))?;
    Ok(())
}

/// The ids of the TUs `sel` takes, ascending.
fn selected_ids(conn: &Connection, path: &Path, sel: &Selection) -> Result<Vec<i64>, StoreError> {
    let e = |err| sql(path, err);
    let mut ids: Vec<i64> = if sel.ids.is_empty() {
        const ALL: &str = concat!("SELECT id FROM tu WHERE ", in_collection!("?1"), " ORDER BY id");
        conn.prepare_cached(ALL)
            .map_err(e)?
            .query_map([&sel.collection], |r| r.get(0))
            .map_err(e)?
            .collect::<Result<_, _>>()
            .map_err(e)?
    } else {
        const ONE: &str = concat!("SELECT EXISTS (SELECT 1 FROM tu WHERE id = ?1 AND ", in_collection!("?2"), ")");
        let mut one = conn.prepare_cached(ONE).map_err(e)?;
        let mut ids = sel.ids.clone();
        ids.sort_unstable();
        ids.dedup();
        let mut kept = Vec::with_capacity(ids.len());
        for id in ids {
            if one.query_row(params![id, sel.collection], |r| r.get::<_, bool>(0)).map_err(e)? {
                kept.push(id);
            }
        }
        kept
    };
    for q in [&sel.source, &sel.target].into_iter().flatten() {
        let having = tus_with(conn, path, q)?;
        ids.retain(|id| having.contains(id));
    }
    Ok(ids)
}

/// The TUs with a variant in `q.lang` (any region) whose text satisfies `q`:
/// one read of that language's TUVs, the text compared in Unicode lower
/// case (SQLite's `lower` folds ASCII only).
fn tus_with(conn: &Connection, path: &Path, q: &TextQuery) -> Result<HashSet<i64>, StoreError> {
    let e = |err| sql(path, err);
    let mut st = conn.prepare_cached("SELECT tu_id, text FROM tuv WHERE lang_base = ?1").map_err(e)?;
    let mut rows = st.query([q.lang.language()]).map_err(e)?;
    let mut out = HashSet::new();
    while let Some(r) = rows.next().map_err(e)? {
        let text = r.get_ref(1).map_err(e)?.as_str().map_err(|err| StoreError::Corrupt(err.to_string()))?;
        if q.matches(text) {
            out.insert(r.get(0).map_err(e)?);
        }
    }
    Ok(out)
}

/// The listing form of TU `id`.
fn summary(conn: &Connection, path: &Path, id: i64) -> Result<TuSummary, StoreError> {
    let e = |err| sql(path, err);
    let (collection, changed, changer): (Option<String>, i64, Option<String>) = conn
        .prepare_cached(concat!("SELECT ", collection_name!(), ", changed, changer FROM tu WHERE id = ?1"))
        .map_err(e)?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .map_err(e)?;
    let variants = crate::sqlite::rows::load_variants(conn, path, id)?
        .into_iter()
        .map(|(l, c)| Ok((LangTag::new(&l).map_err(|err| StoreError::Corrupt(err.to_string()))?, c.plain_text())))
        .collect::<Result<_, StoreError>>()?;
    Ok(TuSummary { id, collection, changed, changer, variants })
}

/// Commits `tx`, or rolls it back for a dry run.
fn finish(tx: rusqlite::Transaction<'_>, path: &Path, dry_run: bool) -> Result<(), StoreError> {
    if dry_run {
        tx.rollback().map_err(|e| sql(path, e))
    } else {
        tx.commit().map_err(|e| sql(path, e))
    }
}

impl SqliteTm {
    /// See [`crate::TmBackend::find`].
    pub fn find(&self, sel: &Selection, offset: usize, limit: usize) -> Result<Vec<TuSummary>, StoreError> {
        let ids = selected_ids(&self.conn, &self.path, sel)?;
        ids.into_iter().skip(offset).take(limit).map(|id| summary(&self.conn, &self.path, id)).collect()
    }

    /// See [`crate::TmBackend::delete`]. The selection is read inside the
    /// write transaction: what is reported is what is deleted.
    pub fn delete(&mut self, sel: &Selection, who: &Author, dry_run: bool) -> Result<Change, StoreError> {
        let path = self.path.clone();
        let e = |err| sql(&path, err);
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(e)?;
        crate::sqlite::verify::storage_ok(&tx, &path)?;
        let ids = selected_ids(&tx, &path, sel)?;
        let (mut gone, mut per_lang) = (Vec::new(), HashMap::new());
        let mut change = Change { dry_run, tus: Vec::with_capacity(ids.len()) };
        for id in ids {
            let before = load_tu(&tx, &path, id)?;
            record(&tx, &path, id, who, Action::Delete, &before, None)?;
            delete_tu_rows(&tx, &path, id, &mut gone, &mut per_lang)?;
            change.tus.push(ChangedTu { id, before, after: None });
        }
        remove_postings(&tx, &path, &mut gone)?;
        let mut bump = tx.prepare_cached(BUMP).map_err(e)?;
        for (lang, n) in &per_lang {
            bump.execute(params![format!("tuvs:{lang}"), -n]).map_err(e)?;
        }
        drop(bump);
        finish(tx, &path, dry_run)?;
        Ok(change)
    }

    /// See [`crate::TmBackend::edit_target`].
    pub fn edit_target(&mut self, edit: &TargetEdit, who: &Author, dry_run: bool) -> Result<Change, StoreError> {
        let path = self.path.clone();
        let e = |err| sql(&path, err);
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(e)?;
        let exists: bool =
            tx.query_row("SELECT EXISTS (SELECT 1 FROM tu WHERE id = ?1)", [edit.tu_id], |r| r.get(0)).map_err(e)?;
        if !exists {
            return Err(StoreError::NotFound(format!("TU {} is not in the TM", edit.tu_id)));
        }
        let before = load_tu(&tx, &path, edit.tu_id)?;
        let i = crate::maintain::edited_variant(&before, edit)?;
        if before.tuvs[i].seg == edit.target {
            return Ok(Change { dry_run, tus: vec![] });
        }
        let tuv_ids: Vec<i64> = tx
            .prepare_cached(tuvs_of_tu!("v.id"))
            .map_err(e)?
            .query_map([edit.tu_id], |r| r.get(0))
            .map_err(e)?
            .collect::<Result<_, _>>()
            .map_err(e)?;
        let tuv = tuv_ids[i];
        let (lang_base, old_key, old_len, old_text): (String, Value, i64, String) = tx
            .query_row("SELECT lang_base, key, key_len, text FROM tuv WHERE id = ?1", [tuv], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .map_err(e)?;

        let after = crate::maintain::stamped_edit(&before, i, &edit.target, who);
        let v = &after.tuvs[i];
        let row = TuvRow::new(&v.lang, &v.seg);
        let mut gone: Vec<(i64, u32)> =
            index_terms(&lang_base, key_of((&old_key).into(), old_len, &old_text, &mut KeyBuf::default())?)
                .into_iter()
                .map(|t| (t, tuv as u32))
                .collect();
        remove_postings(&tx, &path, &mut gone)?;
        const SET_TUV: &str =
            "UPDATE tuv SET text = ?2, seg = ?3, norm_hash = ?4, key = ?5, key_len = ?6, attrs = ?7 WHERE id = ?1";
        tx.execute(
            SET_TUV,
            params![tuv, row.text, row.seg_json, row.norm_hash, row.key_column(), row.key_len, ser_list(&v.attrs)],
        )
        .map_err(e)?;
        let mut postings = PostingWriter::new();
        postings.add_terms(tuv, &row.terms);
        postings.flush(&tx, &path)?;
        let (srclang, attrs) = split_srclang(&after.attrs);
        tx.execute(
            "UPDATE tu SET srclang = ?2, attrs = ?3, changed = ?4, changer = ?5 WHERE id = ?1",
            params![edit.tu_id, srclang, ser_list(attrs), who.at, who.name],
        )
        .map_err(e)?;
        record(&tx, &path, edit.tu_id, who, Action::Edit, &before, Some(&after))?;
        finish(tx, &path, dry_run)?;
        Ok(Change { dry_run, tus: vec![ChangedTu { id: edit.tu_id, before, after: Some(after) }] })
    }

    /// See [`crate::TmBackend::history`].
    pub fn history(&self, tu_id: i64) -> Result<Vec<AuditRecord>, StoreError> {
        let e = |err| sql(&self.path, err);
        // A read-only TM of version 4 is read without being migrated: no trail.
        let has_table: bool = self
            .conn
            .query_row("SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'audit')", [], |r| r.get(0))
            .map_err(e)?;
        if !has_table {
            return Ok(vec![]);
        }
        const Q: &str = "SELECT seq, at, author, action, before, after FROM audit WHERE tu_id = ?1 ORDER BY seq";
        let rows: Vec<(i64, i64, String, String, String, Option<String>)> = self
            .conn
            .prepare_cached(Q)
            .map_err(e)?
            .query_map([tu_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
            .map_err(e)?
            .collect::<Result<_, _>>()
            .map_err(e)?;
        rows.into_iter()
            .map(|(seq, at, author, action, before, after)| {
                Ok(AuditRecord {
                    seq,
                    tu_id,
                    at,
                    author,
                    action: Action::parse(&action)
                        .ok_or_else(|| StoreError::Corrupt(format!("audit record {seq}: action {action:?}")))?,
                    before: de(&before)?,
                    after: after.as_deref().map(de).transpose()?,
                })
            })
            .collect()
    }

    /// See [`crate::TmBackend::inconsistencies`]: the groups are found on
    /// the normalised-text hashes (`norm_hash`, the exact-lookup key), then
    /// each group's TUs are read through the exact-lookup index.
    pub fn inconsistencies(
        &self,
        kind: InconsistencyKind,
        source: &LangTag,
        target: &LangTag,
        limit: usize,
    ) -> Result<Vec<Inconsistency>, StoreError> {
        let e = |err| sql(&self.path, err);
        let (shared_lang, other_lang) = match kind {
            InconsistencyKind::SeveralTargets => (source, target),
            InconsistencyKind::SeveralSources => (target, source),
        };
        // Each TU's other TUVs by its TUV range (`+`: no automatic index
        // instead).
        const GROUPS: &str = concat!(
            "SELECT s.norm_hash, count(DISTINCT o.norm_hash) AS n FROM tuv s
             CROSS JOIN tu ON tu.id = s.tu_id CROSS JOIN tuv o ON ",
            of_tu!("o"),
            " AND +o.lang_base = ?2
             WHERE s.lang_base = ?1 GROUP BY s.norm_hash HAVING n > 1 AND count(DISTINCT s.tu_id) > 1
             ORDER BY n DESC, min(s.tu_id) LIMIT ?3"
        );
        let groups: Vec<i64> = self
            .conn
            .prepare_cached(GROUPS)
            .map_err(e)?
            .query_map(params![shared_lang.language(), other_lang.language(), limit as i64], |r| r.get(0))
            .map_err(e)?
            .collect::<Result<_, _>>()
            .map_err(e)?;
        const MEMBERS: &str = concat!(
            "SELECT s.tu_id, s.text, o.text, o.norm_hash FROM tuv s
             CROSS JOIN tu ON tu.id = s.tu_id CROSS JOIN tuv o ON ",
            of_tu!("o"),
            " AND +o.lang_base = ?2 WHERE s.lang_base = ?1 AND s.norm_hash = ?3 ORDER BY s.tu_id, o.id"
        );
        let mut members = self.conn.prepare_cached(MEMBERS).map_err(e)?;
        let mut out = Vec::with_capacity(groups.len());
        for hash in groups {
            let rows: Vec<(i64, String, String, i64)> = members
                .query_map(params![shared_lang.language(), other_lang.language(), hash], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })
                .map_err(e)?
                .collect::<Result<_, _>>()
                .map_err(e)?;
            let Some(shared) = rows.first().map(|r| r.1.clone()) else { continue };
            let variants =
                crate::maintain::group_variants(rows.into_iter().map(|(tu, _, text, hash)| (tu, text, hash)));
            out.push(Inconsistency {
                kind,
                shared_lang: shared_lang.clone(),
                shared,
                other_lang: other_lang.clone(),
                variants,
            });
        }
        Ok(out)
    }
}
