//! Term entries in the SQLite TM (schema version 5, tables `term_entry` and
//! `term`): the glossary import session, listing/export in import order,
//! deletion and counts. Each entry is kept whole as JSON (lossless: export
//! gives back what was imported); its terms are rows of `term` for
//! filtering by language and counting.

use super::SqliteTm;
use crate::error::StoreError;
use crate::sqlite::rows::sql;
use crate::terms::{StoredEntry, TermCounts, TermFilter, TermImportReport, TermSession};
use memoria_core::term::TermEntry;
use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};
use std::path::Path;

const FIND: &str = "SELECT id, data FROM term_entry WHERE collection = ?1 AND key = ?2";
/// A new entry; nothing when the glossary has one with that key (then [`FIND`]).
const INSERT_ENTRY: &str = "INSERT INTO term_entry (collection, key, entry_id, subject, do_not_translate, data)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (collection, key) DO NOTHING";
const UPDATE_ENTRY: &str = "UPDATE term_entry SET subject = ?2, do_not_translate = ?3, data = ?4 WHERE id = ?1";
const DELETE_TERMS_OF: &str = "DELETE FROM term WHERE entry = ?1";
const INSERT_TERM: &str =
    "INSERT INTO term (entry, lang, lang_base, text, status, case_sensitive) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

/// Entries after `?1` (rowid) passing the filter: `?2` collection, `?3` JSON
/// array of ids, `?4` JSON array of primary languages every entry must have.
const PAGE: &str = "SELECT id, collection, data FROM term_entry t
    WHERE id > ?1 AND (?2 IS NULL OR collection = ?2)
      AND (?3 IS NULL OR entry_id IN (SELECT value FROM json_each(?3)))
      AND (?4 IS NULL OR NOT EXISTS (SELECT 1 FROM json_each(?4) l
            WHERE NOT EXISTS (SELECT 1 FROM term WHERE term.entry = t.id AND term.lang_base = l.value)))
    ORDER BY id LIMIT ?5";

/// Entries read per query of an export.
const PAGE_SIZE: i64 = 2000;

/// The session of a glossary import: one immediate transaction.
pub(crate) struct SqliteTermSession<'a> {
    tx: Transaction<'a>,
    path: &'a Path,
    report: TermImportReport,
}

/// The key an entry is known by in its glossary: its id, else a hash of its content.
fn key(entry: &TermEntry, data: &str) -> String {
    match &entry.id {
        Some(id) => format!("id:{id}"),
        None => format!("hash:{:016x}", memoria_core::normalize::hash(data)),
    }
}

impl TermSession for SqliteTermSession<'_> {
    fn add(&mut self, collection: &str, entry: &TermEntry) -> Result<(), StoreError> {
        let e = |err| sql(self.path, err);
        self.report.read += 1;
        for t in &entry.terms {
            // A language's name is allocated once, not once a term.
            match self.report.terms.get_mut(t.lang.as_str()) {
                Some(n) => *n += 1,
                None => {
                    self.report.terms.insert(t.lang.as_str().to_string(), 1);
                }
            }
        }
        let data = serde_json::to_string(entry).expect("plain data serialises");
        let key = key(entry, &data);
        // Most entries are new: insert first, look the stored one up only when the key is taken.
        let inserted = self
            .tx
            .prepare_cached(INSERT_ENTRY)
            .map_err(e)?
            .execute(params![collection, key, entry.id, entry.subject, entry.do_not_translate, data])
            .map_err(e)?;
        let found: Option<(i64, String)> = if inserted == 1 {
            None
        } else {
            self.tx
                .prepare_cached(FIND)
                .map_err(e)?
                .query_row(params![collection, key], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()
                .map_err(e)?
        };
        let id = match found {
            Some((_, old)) if old == data => {
                self.report.unchanged += 1;
                return Ok(());
            }
            Some((id, _)) => {
                self.tx.prepare_cached(DELETE_TERMS_OF).map_err(e)?.execute([id]).map_err(e)?;
                self.tx
                    .prepare_cached(UPDATE_ENTRY)
                    .map_err(e)?
                    .execute(params![id, entry.subject, entry.do_not_translate, data])
                    .map_err(e)?;
                self.report.replaced += 1;
                id
            }
            None if inserted == 1 => {
                self.report.added += 1;
                self.tx.last_insert_rowid()
            }
            None => {
                return Err(StoreError::Corrupt(format!("term entry {key} of {collection}: key taken but not found")))
            }
        };
        let mut ins = self.tx.prepare_cached(INSERT_TERM).map_err(e)?;
        for t in &entry.terms {
            ins.execute(params![
                id,
                t.lang.as_str(),
                t.lang.language(),
                t.text,
                t.status.map(|s| s.as_str()),
                t.case_sensitive
            ])
            .map_err(e)?;
        }
        Ok(())
    }

    fn report(&self) -> &TermImportReport {
        &self.report
    }

    fn commit(self: Box<Self>) -> Result<TermImportReport, StoreError> {
        let path = self.path;
        self.tx.commit().map_err(|err| sql(path, err))?;
        Ok(self.report)
    }

    fn rollback(self: Box<Self>) -> Result<(), StoreError> {
        let path = self.path;
        self.tx.rollback().map_err(|err| sql(path, err))
    }
}

/// The filter's bound values for [`PAGE`].
fn filter_params(f: &TermFilter) -> (Option<String>, Option<String>, Option<String>) {
    let ids = (!f.ids.is_empty()).then(|| serde_json::to_string(&f.ids).expect("strings serialise"));
    let langs: Vec<&str> = f.langs.iter().map(|l| l.language()).collect();
    let langs = (!langs.is_empty()).then(|| serde_json::to_string(&langs).expect("strings serialise"));
    (f.collection.clone(), ids, langs)
}

impl SqliteTm {
    /// Whether the TM has the term tables (a TM of schema version 4 opened
    /// read-only is not migrated: it has no terms).
    fn has_terms(&self) -> Result<bool, StoreError> {
        self.conn
            .query_row("SELECT count(*) FROM sqlite_master WHERE name = 'term_entry'", [], |r| r.get::<_, i64>(0))
            .map(|n| n > 0)
            .map_err(|err| sql(&self.path, err))
    }

    /// Starts a glossary import (one immediate transaction).
    pub(crate) fn begin_terms(&mut self) -> Result<SqliteTermSession<'_>, StoreError> {
        let path = self.path.as_path();
        let tx = Transaction::new(&mut self.conn, TransactionBehavior::Immediate).map_err(|err| sql(path, err))?;
        Ok(SqliteTermSession { tx, path, report: TermImportReport::default() })
    }

    /// One page of entries after rowid `after`.
    fn term_page(&self, f: &TermFilter, after: i64) -> Result<Vec<StoredEntry>, StoreError> {
        let e = |err| sql(&self.path, err);
        let (c, ids, langs) = filter_params(f);
        let mut st = self.conn.prepare_cached(PAGE).map_err(e)?;
        let rows = st
            .query_map(params![after, c, ids, langs, PAGE_SIZE], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
            })
            .map_err(e)?;
        let mut out = Vec::new();
        for row in rows {
            let (key, collection, data) = row.map_err(e)?;
            let entry: TermEntry =
                serde_json::from_str(&data).map_err(|err| StoreError::Corrupt(format!("term entry {key}: {err}")))?;
            out.push(StoredEntry { key, collection, entry });
        }
        Ok(out)
    }

    /// Every entry passing `f`, in import order, read a page at a time.
    pub(crate) fn term_entries<'a>(
        &'a self,
        f: &TermFilter,
    ) -> Result<Box<dyn Iterator<Item = Result<StoredEntry, StoreError>> + 'a>, StoreError> {
        if !self.has_terms()? {
            return Ok(Box::new(std::iter::empty()));
        }
        let f = f.clone();
        let mut page: std::vec::IntoIter<StoredEntry> = Vec::new().into_iter();
        let mut after = 0i64;
        let mut done = false;
        Ok(Box::new(std::iter::from_fn(move || loop {
            if let Some(x) = page.next() {
                after = x.key;
                return Some(Ok(x));
            }
            if done {
                return None;
            }
            match self.term_page(&f, after) {
                Ok(p) => {
                    done = (p.len() as i64) < PAGE_SIZE;
                    page = p.into_iter();
                }
                Err(err) => {
                    done = true;
                    return Some(Err(err));
                }
            }
        })))
    }

    /// Deletes every entry passing `f` with its terms, in one transaction;
    /// returns how many entries were deleted.
    pub(crate) fn delete_terms(&mut self, f: &TermFilter) -> Result<u64, StoreError> {
        if !self.has_terms()? {
            return Ok(0);
        }
        let path = self.path.clone();
        let e = |err| sql(&path, err);
        let (c, ids, langs) = filter_params(f);
        let tx = Transaction::new(&mut self.conn, TransactionBehavior::Immediate).map_err(e)?;
        let sel = PAGE.replace("SELECT id, collection, data", "SELECT id").replace("ORDER BY id LIMIT ?5", "");
        tx.execute(&format!("DELETE FROM term WHERE entry IN ({sel})"), params![0, c, ids, langs]).map_err(e)?;
        let n =
            tx.execute(&format!("DELETE FROM term_entry WHERE id IN ({sel})"), params![0, c, ids, langs]).map_err(e)?;
        tx.commit().map_err(e)?;
        Ok(n as u64)
    }

    /// Entries and terms per language stored.
    pub(crate) fn term_counts(&self) -> Result<TermCounts, StoreError> {
        if !self.has_terms()? {
            return Ok(TermCounts::default());
        }
        let e = |err| sql(&self.path, err);
        let entries: i64 = self.conn.query_row("SELECT count(*) FROM term_entry", [], |r| r.get(0)).map_err(e)?;
        let mut st =
            self.conn.prepare("SELECT lang, count(*) FROM term GROUP BY lang ORDER BY 2 DESC, 1").map_err(e)?;
        let terms = st
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64)))
            .map_err(e)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(e)?;
        Ok(TermCounts { entries: entries as u64, terms })
    }
}
