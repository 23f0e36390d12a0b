//! TM maintenance on PostgreSQL, with the answers of SQLite's
//! (`crate::sqlite::maintain`): listing TUs by a [`Selection`], deleting
//! them, editing one variant's text, the audit trail (`memoria.audit`,
//! schema version 2) and the consistency check. Every change is one
//! transaction holding the writers' lock of `memoria.tu` (as an import
//! does: changes queue, readers are not blocked) that keeps every index
//! whole: the candidate postings (the old terms taken out, the new ones
//! written as a chunk), the concordance table (its row follows the TUV:
//! updated and deleted with it) and the
//! per-language counts in `memoria.meta`.

use crate::error::StoreError;
use crate::maintain::{
    Action, AuditRecord, Author, Change, ChangedTu, Inconsistency, InconsistencyKind, Selection, TargetEdit, TextQuery,
    TuSummary,
};
use crate::postgres::conn::Conn;
use crate::postgres::read::load_tu;
use crate::postgres::write::{begin_write, bump, finish, remove_postings, write_postings};
use crate::postgres::PgTm;
use crate::sqlite::index::index_terms;
use crate::sqlite::postings::PostingWriter;
use crate::sqlite::prepare::TuvRow;
use crate::sqlite::rows::{de, ser, ser_list};
use memoria_core::lang::LangTag;
use memoria_core::tu::Tu;
use postgres::fallible_iterator::FallibleIterator;
use std::collections::{HashMap, HashSet};

/// A server error or a row that does not decode, inside one operation.
enum Fail {
    Pg(postgres::Error),
    Store(StoreError),
}

impl From<postgres::Error> for Fail {
    fn from(e: postgres::Error) -> Fail {
        Fail::Pg(e)
    }
}

impl From<StoreError> for Fail {
    fn from(e: StoreError) -> Fail {
        Fail::Store(e)
    }
}

impl PgTm {
    fn fail(&self, f: Fail) -> StoreError {
        match f {
            Fail::Pg(e) => self.err(e),
            Fail::Store(e) => e,
        }
    }
}

/// TU `id` as imported (the TU must exist).
fn tu(c: &mut Conn, id: i64) -> Result<Tu, Fail> {
    Ok(load_tu(c, id)??)
}

/// The ids of the TUs `sel` takes, ascending.
fn selected_ids(c: &mut Conn, sel: &Selection) -> Result<Vec<i64>, Fail> {
    const ALL: &str = "SELECT id FROM memoria.tu WHERE $1::text IS NULL OR collection = $1
                       OR id IN (SELECT tu_id FROM memoria.tu_collection WHERE collection = $1) ORDER BY id";
    const SOME: &str = "SELECT id FROM memoria.tu WHERE id = ANY($1) AND ($2::text IS NULL OR collection = $2
                        OR id IN (SELECT tu_id FROM memoria.tu_collection WHERE collection = $2)) ORDER BY id";
    let mut ids: Vec<i64> = if sel.ids.is_empty() {
        let st = c.stmt(ALL)?;
        c.client.query(&st, &[&sel.collection])?.iter().map(|r| r.get(0)).collect()
    } else {
        let st = c.stmt(SOME)?;
        c.client.query(&st, &[&sel.ids, &sel.collection])?.iter().map(|r| r.get(0)).collect()
    };
    for q in [&sel.source, &sel.target].into_iter().flatten() {
        let having = tus_with(c, q)?;
        ids.retain(|id| having.contains(id));
    }
    Ok(ids)
}

/// The TUs with a variant in `q.lang` (any region) whose text satisfies `q`:
/// one streamed read of that language's TUVs, the text compared in Unicode
/// lower case by [`TextQuery::matches`] (as on SQLite, whose `lower` folds
/// ASCII only; the server's `lower` depends on its collation).
fn tus_with(c: &mut Conn, q: &TextQuery) -> Result<HashSet<i64>, Fail> {
    const Q: &str = "SELECT tu_id, text FROM memoria.tuv WHERE lang_base = $1";
    let st = c.stmt(Q)?;
    let mut rows = c.client.query_raw(&st, [q.lang.language()])?;
    let mut out = HashSet::new();
    while let Some(r) = rows.next()? {
        if q.matches(r.get(1)) {
            out.insert(r.get(0));
        }
    }
    Ok(out)
}

/// The listing form of TU `id`.
fn summary(c: &mut Conn, id: i64) -> Result<TuSummary, Fail> {
    const Q: &str = "SELECT collection, changed, changer FROM memoria.tu WHERE id = $1";
    let st = c.stmt(Q)?;
    let r = c.client.query_one(&st, &[&id])?;
    let (collection, changed, changer) = (r.get(0), r.get(1), r.get(2));
    let variants = tu(c, id)?.tuvs.into_iter().map(|v| (v.lang, v.seg.plain_text())).collect();
    Ok(TuSummary { id, collection, changed, changer, variants })
}

/// Appends one record to the audit trail (`seq`: the next number, under
/// the writers' lock).
fn record(c: &mut Conn, id: i64, who: &Author, action: Action, before: &Tu, after: Option<&Tu>) -> Result<(), Fail> {
    const INS: &str = "INSERT INTO memoria.audit (seq, tu_id, at, author, action, before, after)
                       SELECT coalesce(max(seq), 0) + 1, $1, $2, $3, $4, $5, $6 FROM memoria.audit";
    let st = c.stmt(INS)?;
    c.client.execute(&st, &[&id, &who.at, &who.name, &action.as_str(), &ser(before), &after.map(ser)])?;
    Ok(())
}

/// Deletes the TUs of `ids` with their TUVs, their concordance rows, their
/// postings and their counts.
fn delete_rows(c: &mut Conn, ids: &[i64]) -> Result<(), postgres::Error> {
    const TUVS: &str = "DELETE FROM memoria.tuv WHERE tu_id = ANY($1) RETURNING id, lang_base, key";
    const TUS: &str = "DELETE FROM memoria.tu WHERE id = ANY($1)";
    const LINKS: &str = "DELETE FROM memoria.tu_collection WHERE tu_id = ANY($1)";
    const CONCORDANCE: &str = "DELETE FROM memoria.concordance WHERE tuv_id = ANY($1)";
    let st = c.stmt(TUVS)?;
    let mut gone: Vec<(i64, u32)> = Vec::new();
    let mut per_lang: HashMap<String, i64> = HashMap::new();
    for r in c.client.query(&st, &[&ids])? {
        let (id, lb, key): (i64, String, &str) = (r.get(0), r.get(1), r.get(2));
        gone.extend(index_terms(&lb, key).into_iter().map(|t| (t, id as u32)));
        *per_lang.entry(lb).or_default() += 1;
    }
    let st = c.stmt(TUS)?;
    c.client.execute(&st, &[&ids])?;
    let st = c.stmt(LINKS)?;
    c.client.execute(&st, &[&ids])?;
    let tuvs: Vec<i64> = gone.iter().map(|g| i64::from(g.1)).collect();
    let st = c.stmt(CONCORDANCE)?;
    c.client.execute(&st, &[&tuvs])?;
    remove_postings(c, &mut gone)?;
    for (lang, n) in per_lang {
        bump(c, &format!("tuvs:{lang}"), -n)?;
    }
    Ok(())
}

/// See [`crate::TmBackend::find`]: from one snapshot.
pub(crate) fn find(tm: &PgTm, sel: &Selection, offset: usize, limit: usize) -> Result<Vec<TuSummary>, StoreError> {
    tm.with(|c| {
        let out = (|| -> Result<Vec<TuSummary>, Fail> {
            c.client.batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")?;
            let ids = selected_ids(c, sel)?;
            let out = ids.into_iter().skip(offset).take(limit).map(|id| summary(c, id)).collect();
            c.client.batch_execute("COMMIT")?;
            out
        })();
        if out.is_err() {
            let _ = c.client.batch_execute("ROLLBACK");
        }
        out.map_err(|f| tm.fail(f))
    })
}

/// Runs `f` in a write transaction holding the writers' lock of
/// `memoria.tu`; commits, or rolls back when `dry_run` or on an error.
fn write<T>(tm: &PgTm, dry_run: bool, f: impl FnOnce(&mut Conn) -> Result<T, Fail>) -> Result<T, StoreError> {
    let mut c = begin_write(tm, "memoria.tu")?;
    match f(&mut c) {
        Ok(v) => {
            finish(tm, c, dry_run)?;
            Ok(v)
        }
        Err(err) => {
            if c.client.batch_execute("ROLLBACK").is_ok() {
                tm.pool.put(c);
            }
            Err(tm.fail(err))
        }
    }
}

/// See [`crate::TmBackend::delete`]. The selection is read inside the
/// write transaction: what is reported is what is deleted.
pub(crate) fn delete(tm: &PgTm, sel: &Selection, who: &Author, dry_run: bool) -> Result<Change, StoreError> {
    write(tm, dry_run, |c| {
        let ids = selected_ids(c, sel)?;
        let mut change = Change { dry_run, tus: Vec::with_capacity(ids.len()) };
        for &id in &ids {
            let before = tu(c, id)?;
            record(c, id, who, Action::Delete, &before, None)?;
            change.tus.push(ChangedTu { id, before, after: None });
        }
        delete_rows(c, &ids)?;
        Ok(change)
    })
}

/// See [`crate::TmBackend::edit_target`].
pub(crate) fn edit_target(tm: &PgTm, edit: &TargetEdit, who: &Author, dry_run: bool) -> Result<Change, StoreError> {
    write(tm, dry_run, |c| {
        let exists: bool =
            c.client.query_one("SELECT EXISTS (SELECT 1 FROM memoria.tu WHERE id = $1)", &[&edit.tu_id])?.get(0);
        if !exists {
            return Err(StoreError::NotFound(format!("TU {} is not in the TM", edit.tu_id)).into());
        }
        let before = tu(c, edit.tu_id)?;
        let i = crate::maintain::edited_variant(&before, edit)?;
        if before.tuvs[i].seg == edit.target {
            return Ok(Change { dry_run, tus: vec![] });
        }
        const OLD: &str = "SELECT id, lang_base, key FROM memoria.tuv WHERE tu_id = $1 ORDER BY id";
        let st = c.stmt(OLD)?;
        let rows = c.client.query(&st, &[&edit.tu_id])?;
        let (tuv, lang_base, old_key): (i64, String, String) = (rows[i].get(0), rows[i].get(1), rows[i].get(2));

        let after = crate::maintain::stamped_edit(&before, i, &edit.target, who);
        let v = &after.tuvs[i];
        let row = TuvRow::new(&v.lang, &v.seg);
        let mut gone: Vec<(i64, u32)> =
            index_terms(&lang_base, &old_key).into_iter().map(|t| (t, tuv as u32)).collect();
        remove_postings(c, &mut gone)?;
        const SET_TUV: &str = "UPDATE memoria.tuv SET text = $2, seg = $3, norm_hash = $4, key = $5, key_len = $6,
                               attrs = $7 WHERE id = $1";
        let attrs = ser_list(&v.attrs);
        c.client.execute(
            SET_TUV,
            &[&tuv, &row.text, &row.seg_json, &row.norm_hash, &row.key, &(row.key_len as i32), &attrs.as_ref()],
        )?;
        c.client.execute("UPDATE memoria.concordance SET text = $2 WHERE tuv_id = $1", &[&tuv, &row.text])?;
        let mut postings = PostingWriter::new();
        postings.add_terms(tuv, &row.terms);
        write_postings(c, postings.take())?;
        let tu_attrs = ser_list(&after.attrs);
        c.client.execute(
            "UPDATE memoria.tu SET attrs = $2, changed = $3, changer = $4 WHERE id = $1",
            &[&edit.tu_id, &tu_attrs.as_ref(), &who.at, &who.name],
        )?;
        record(c, edit.tu_id, who, Action::Edit, &before, Some(&after))?;
        Ok(Change { dry_run, tus: vec![ChangedTu { id: edit.tu_id, before, after: Some(after) }] })
    })
}

/// See [`crate::TmBackend::history`].
pub(crate) fn history(tm: &PgTm, tu_id: i64) -> Result<Vec<AuditRecord>, StoreError> {
    const Q: &str = "SELECT seq, at, author, action, before, after FROM memoria.audit WHERE tu_id = $1 ORDER BY seq";
    tm.with(|c| {
        let st = c.stmt(Q).map_err(|e| tm.err(e))?;
        let rows = c.client.query(&st, &[&tu_id]).map_err(|e| tm.err(e))?;
        rows.iter()
            .map(|r| {
                let (seq, action): (i64, &str) = (r.get(0), r.get(3));
                Ok(AuditRecord {
                    seq,
                    tu_id,
                    at: r.get(1),
                    author: r.get(2),
                    action: Action::parse(action)
                        .ok_or_else(|| StoreError::Corrupt(format!("audit record {seq}: action {action:?}")))?,
                    before: de(r.get(4))?,
                    after: r.get::<_, Option<&str>>(5).map(de).transpose()?,
                })
            })
            .collect()
    })
}

/// Groups of the pair ($1 shared language, $2 other): shared-text hashes.
const GROUPS: &str = "SELECT s.norm_hash FROM memoria.tuv s
                      JOIN memoria.tuv o ON o.tu_id = s.tu_id AND o.lang_base = $2
                      WHERE s.lang_base = $1 GROUP BY s.norm_hash
                      HAVING count(DISTINCT o.norm_hash) > 1 AND count(DISTINCT s.tu_id) > 1
                      ORDER BY count(DISTINCT o.norm_hash) DESC, min(s.tu_id) LIMIT $3";
/// One group's rows: TU, shared text, other text, other hash.
const MEMBERS: &str = "SELECT s.tu_id, s.text, o.text, o.norm_hash FROM memoria.tuv s
                       JOIN memoria.tuv o ON o.tu_id = s.tu_id AND o.lang_base = $2
                       WHERE s.lang_base = $1 AND s.norm_hash = $3 ORDER BY s.tu_id, o.id";

/// See [`crate::TmBackend::inconsistencies`]: the groups are found on the
/// normalised-text hashes (the exact-lookup key), then each group's TUs are
/// read through the exact-lookup index; the same order as on SQLite.
pub(crate) fn inconsistencies(
    tm: &PgTm,
    kind: InconsistencyKind,
    source: &LangTag,
    target: &LangTag,
    limit: usize,
) -> Result<Vec<Inconsistency>, StoreError> {
    let (shared_lang, other_lang) = match kind {
        InconsistencyKind::SeveralTargets => (source, target),
        InconsistencyKind::SeveralSources => (target, source),
    };
    let (sl, ol) = (shared_lang.language(), other_lang.language());
    tm.with(|c| {
        let e = |err| tm.err(err);
        c.client.batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").map_err(e)?;
        let out = groups_of(c, sl, ol, limit).map_err(e);
        let end = if out.is_ok() { "COMMIT" } else { "ROLLBACK" };
        c.client.batch_execute(end).map_err(e)?;
        let mut found = Vec::new();
        for rows in out? {
            let Some(shared) = rows.first().map(|r| r.get::<_, String>(1)) else { continue };
            let variants = crate::maintain::group_variants(rows.iter().map(|r| (r.get(0), r.get(2), r.get(3))));
            found.push(Inconsistency {
                kind,
                shared_lang: shared_lang.clone(),
                shared,
                other_lang: other_lang.clone(),
                variants,
            });
        }
        Ok(found)
    })
}

/// The member rows (TU id, shared text, other text, other hash) of each
/// group, largest groups first.
fn groups_of(c: &mut Conn, sl: &str, ol: &str, limit: usize) -> Result<Vec<Vec<postgres::Row>>, postgres::Error> {
    let st = c.stmt(GROUPS)?;
    let groups: Vec<i64> = c.client.query(&st, &[&sl, &ol, &(limit as i64)])?.iter().map(|r| r.get(0)).collect();
    let members = c.stmt(MEMBERS)?;
    groups.iter().map(|hash| c.client.query(&members, &[&sl, &ol, hash])).collect()
}
