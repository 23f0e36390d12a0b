//! Term entries in a PostgreSQL TM (schema version 3, tables
//! `memoria.term_entry` and `memoria.term`), with the answers of SQLite's
//! (`crate::sqlite::terms`): the glossary import session (one transaction
//! holding the writers' lock of `memoria.term_entry`; entry numbers given
//! as SQLite gives rowids, max + 1), listing/export in import order,
//! deletion and counts. Each entry is kept whole as JSON; its terms are
//! rows of `memoria.term` for filtering by language and counting.

use crate::error::StoreError;
use crate::postgres::conn::Conn;
use crate::postgres::write::{begin_write, finish};
use crate::postgres::PgTm;
use crate::terms::{StoredEntry, TermCounts, TermFilter, TermImportReport, TermSession};
use memoria_core::term::TermEntry;

/// A new entry numbered `$1`; no row when the glossary has one with that key.
const INSERT_ENTRY: &str =
    "INSERT INTO memoria.term_entry (id, collection, key, entry_id, subject, do_not_translate, data)
    VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (collection, key) DO NOTHING";
const FIND: &str = "SELECT id, data FROM memoria.term_entry WHERE collection = $1 AND key = $2";
const UPDATE_ENTRY: &str = "UPDATE memoria.term_entry SET subject = $2, do_not_translate = $3, data = $4 WHERE id = $1";
const DELETE_TERMS_OF: &str = "DELETE FROM memoria.term WHERE entry = $1";
/// An entry's terms in one statement: parallel arrays.
const INSERT_TERMS: &str = "INSERT INTO memoria.term (entry, lang, lang_base, text, status, case_sensitive)
    SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[])";

/// Entries after `$1` passing the filter, at most `$5`: `$2` collection,
/// `$3` ids, `$4` primary languages every entry must have a term in (NULL: any).
const PAGE: &str = "SELECT id, collection, data FROM memoria.term_entry t WHERE id > $1 AND
      (($2::text IS NULL OR collection = $2)
      AND ($3::text[] IS NULL OR entry_id = ANY($3))
      AND ($4::text[] IS NULL OR NOT EXISTS (SELECT 1 FROM unnest($4::text[]) l(v)
            WHERE NOT EXISTS (SELECT 1 FROM memoria.term WHERE term.entry = t.id AND term.lang_base = l.v))))
    ORDER BY id LIMIT $5";
/// Deletes the entries passing the filter of [`PAGE`] (`$1` unused, kept
/// for its numbering); their terms go by the foreign key.
const DELETE: &str = "DELETE FROM memoria.term_entry t WHERE $1::bigint IS NOT NULL AND
      (($2::text IS NULL OR collection = $2)
      AND ($3::text[] IS NULL OR entry_id = ANY($3))
      AND ($4::text[] IS NULL OR NOT EXISTS (SELECT 1 FROM unnest($4::text[]) l(v)
            WHERE NOT EXISTS (SELECT 1 FROM memoria.term WHERE term.entry = t.id AND term.lang_base = l.v))))";

/// Entries read per query of an export.
const PAGE_SIZE: i64 = 2000;

/// The key an entry is known by in its glossary: its id, else a hash of its
/// content (as on SQLite).
fn key(entry: &TermEntry, data: &str) -> String {
    match &entry.id {
        Some(id) => format!("id:{id}"),
        None => format!("hash:{:016x}", memoria_core::normalize::hash(data)),
    }
}

/// A glossary import in progress: one transaction.
pub(crate) struct PgTermSession<'a> {
    tm: &'a PgTm,
    /// The connection in the transaction; `None` once ended.
    c: Option<Conn>,
    next_id: i64,
    report: TermImportReport,
}

impl Drop for PgTermSession<'_> {
    fn drop(&mut self) {
        if let Some(mut c) = self.c.take() {
            if c.client.batch_execute("ROLLBACK").is_ok() {
                self.tm.pool.put(c);
            }
        }
    }
}

impl<'a> PgTermSession<'a> {
    /// Begins the transaction, waiting at most the TM's wait for another
    /// glossary import or deletion.
    pub fn begin(tm: &'a PgTm) -> Result<PgTermSession<'a>, StoreError> {
        let mut c = begin_write(tm, "memoria.term_entry")?;
        match c.client.query_one("SELECT coalesce(max(id), 0) + 1 FROM memoria.term_entry", &[]) {
            Ok(r) => Ok(PgTermSession { tm, next_id: r.get(0), c: Some(c), report: TermImportReport::default() }),
            Err(err) => {
                let _ = c.client.batch_execute("ROLLBACK");
                Err(tm.err(err))
            }
        }
    }

    fn add_entry(&mut self, collection: &str, entry: &TermEntry) -> Result<(), postgres::Error> {
        let data = serde_json::to_string(entry).expect("plain data serialises");
        let key = key(entry, &data);
        let c = self.c.as_mut().expect("held until the session ends");
        let st = c.stmt(INSERT_ENTRY)?;
        let inserted = c.client.execute(
            &st,
            &[&self.next_id, &collection, &key, &entry.id, &entry.subject, &entry.do_not_translate, &data],
        )?;
        let id = if inserted == 1 {
            self.report.added += 1;
            self.next_id += 1;
            self.next_id - 1
        } else {
            let st = c.stmt(FIND)?;
            let r = c.client.query_one(&st, &[&collection, &key])?;
            let (id, old): (i64, &str) = (r.get(0), r.get(1));
            if old == data {
                self.report.unchanged += 1;
                return Ok(());
            }
            let st = c.stmt(DELETE_TERMS_OF)?;
            c.client.execute(&st, &[&id])?;
            let st = c.stmt(UPDATE_ENTRY)?;
            c.client.execute(&st, &[&id, &entry.subject, &entry.do_not_translate, &data])?;
            self.report.replaced += 1;
            id
        };
        let langs: Vec<&str> = entry.terms.iter().map(|t| t.lang.as_str()).collect();
        let bases: Vec<&str> = entry.terms.iter().map(|t| t.lang.language()).collect();
        let texts: Vec<&str> = entry.terms.iter().map(|t| t.text.as_str()).collect();
        let status: Vec<Option<&str>> = entry.terms.iter().map(|t| t.status.map(|s| s.as_str())).collect();
        let case: Vec<bool> = entry.terms.iter().map(|t| t.case_sensitive).collect();
        let st = c.stmt(INSERT_TERMS)?;
        c.client.execute(&st, &[&id, &langs, &bases, &texts, &status, &case])?;
        Ok(())
    }
}

impl TermSession for PgTermSession<'_> {
    fn add(&mut self, collection: &str, entry: &TermEntry) -> Result<(), StoreError> {
        self.report.read += 1;
        for t in &entry.terms {
            *self.report.terms.entry(t.lang.as_str().to_string()).or_default() += 1;
        }
        let tm = self.tm;
        self.add_entry(collection, entry).map_err(|e| tm.err(e))
    }

    fn report(&self) -> &TermImportReport {
        &self.report
    }

    fn commit(mut self: Box<Self>) -> Result<TermImportReport, StoreError> {
        let c = self.c.take().expect("held until the session ends");
        finish(self.tm, c, false)?;
        Ok(std::mem::take(&mut self.report))
    }

    fn rollback(self: Box<Self>) -> Result<(), StoreError> {
        drop(self);
        Ok(())
    }
}

/// The filter's bound values for [`PAGE`]: collection, ids, primary languages.
fn filter_params(f: &TermFilter) -> (Option<String>, Option<Vec<String>>, Option<Vec<String>>) {
    let ids = (!f.ids.is_empty()).then(|| f.ids.clone());
    let langs: Vec<String> = f.langs.iter().map(|l| l.language().to_string()).collect();
    (f.collection.clone(), ids, (!langs.is_empty()).then_some(langs))
}

/// One page of entries after `after`.
fn page(tm: &PgTm, f: &TermFilter, after: i64) -> Result<Vec<StoredEntry>, StoreError> {
    let (coll, ids, langs) = filter_params(f);
    tm.with(|c| {
        let st = c.stmt(PAGE).map_err(|e| tm.err(e))?;
        let rows = c.client.query(&st, &[&after, &coll, &ids, &langs, &PAGE_SIZE]).map_err(|e| tm.err(e))?;
        rows.iter()
            .map(|r| {
                let (key, collection, data): (i64, String, &str) = (r.get(0), r.get(1), r.get(2));
                let entry: TermEntry = serde_json::from_str(data)
                    .map_err(|err| StoreError::Corrupt(format!("term entry {key}: {err}")))?;
                Ok(StoredEntry { key, collection, entry })
            })
            .collect()
    })
}

/// Every entry passing `f`, in import order, read a page at a time.
pub(crate) fn term_entries<'a>(
    tm: &'a PgTm,
    f: &TermFilter,
) -> Result<Box<dyn Iterator<Item = Result<StoredEntry, StoreError>> + 'a>, StoreError> {
    let f = f.clone();
    let mut current: std::vec::IntoIter<StoredEntry> = Vec::new().into_iter();
    let (mut after, mut done) = (0i64, false);
    Ok(Box::new(std::iter::from_fn(move || loop {
        if let Some(x) = current.next() {
            after = x.key;
            return Some(Ok(x));
        }
        if done {
            return None;
        }
        match page(tm, &f, after) {
            Ok(p) => {
                done = (p.len() as i64) < PAGE_SIZE;
                current = p.into_iter();
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
pub(crate) fn delete_terms(tm: &PgTm, f: &TermFilter) -> Result<u64, StoreError> {
    let (coll, ids, langs) = filter_params(f);
    let mut c = begin_write(tm, "memoria.term_entry")?;
    let n = match c.stmt(DELETE).and_then(|st| c.client.execute(&st, &[&0i64, &coll, &ids, &langs])) {
        Ok(n) => n,
        Err(err) => {
            if c.client.batch_execute("ROLLBACK").is_ok() {
                tm.pool.put(c);
            }
            return Err(tm.err(err));
        }
    };
    finish(tm, c, false)?;
    Ok(n)
}

/// Entries and terms per language stored.
pub(crate) fn term_counts(tm: &PgTm) -> Result<TermCounts, StoreError> {
    const TERMS: &str =
        "SELECT lang, count(*) FROM memoria.term GROUP BY lang ORDER BY count(*) DESC, lang COLLATE \"C\"";
    tm.with(|c| {
        let e = |err| tm.err(err);
        let entries: i64 = c.client.query_one("SELECT count(*) FROM memoria.term_entry", &[]).map_err(e)?.get(0);
        let terms = c
            .client
            .query(TERMS, &[])
            .map_err(e)?
            .iter()
            .map(|r| (r.get::<_, String>(0), r.get::<_, i64>(1) as u64))
            .collect();
        Ok(TermCounts { entries: entries as u64, terms })
    })
}
