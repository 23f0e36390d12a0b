//! The import's per-row inserts, bound without copies.
//!
//! rusqlite binds every text with `SQLITE_TRANSIENT`: SQLite allocates and
//! copies each value before the statement runs, and rusqlite converts each
//! through `ToSql`. An import binds 36 values a bilingual TU on the one
//! thread that writes (the import's slowest), so [`RawInsert`] binds them
//! with `SQLITE_STATIC` (SQLite reads them in place) through the C API of
//! the connection rusqlite opened. The borrow is safe because
//! [`RawInsert::run`] binds, steps, resets and clears the bindings in one
//! call: no pointer outlives the values it was given.

use rusqlite::{ffi, Connection};
use std::ffi::{c_char, c_int, c_void, CString};
use std::marker::PhantomData;
use std::ptr::{null_mut, NonNull};

/// The insert of a TU. JSON lists bound as NULL (most TUs have none: a NULL
/// costs SQLite no copy) are stored as `''`, the empty list since schema 11
/// ([`crate::sqlite::rows::de`]; `[]` took 14 MB of a TM of 1M pairs).
/// `?1` holds the attributes but a leading `srclang`, whose value is `?15`
/// ([`crate::sqlite::rows::split_srclang`]); `?4` is the collection's id
/// ([`crate::sqlite::schema::SCHEMA_COLLECTION_IDS`]); `?13`, `?14`: the
/// id of its first TUV and how many it has, whose ids follow
/// ([`crate::sqlite::schema::SCHEMA_TUV_RANGE`]).
pub(crate) const INS_TU: &str =
    "INSERT INTO tu (attrs, props, notes, collection_id, document, position, created, changed,
                      creator, changer, prev_hash, next_hash, tuv_first, tuv_span, srclang)
                      VALUES (coalesce(?1, ''), coalesce(?2, ''), coalesce(?3, ''), ?4, ?5, ?6, ?7, ?8,
                              ?9, ?10, ?11, ?12, ?13, ?14, ?15)";

/// The insert of a TUV with its id; JSON lists as in [`INS_TU`].
pub(crate) const INS_TUV_WITH_ID: &str =
    "INSERT INTO tuv (id, tu_id, lang, lang_base, text, seg, norm_hash, key, key_len, attrs, props, notes)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, coalesce(?10, ''), coalesce(?11, ''), coalesce(?12, ''))";

/// One value bound to a parameter of a [`RawInsert`], borrowed for the run.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Param<'v> {
    Null,
    Int(i64),
    Text(&'v str),
    Blob(&'v [u8]),
}

/// For a statement run through rusqlite (an edit), as for a [`RawInsert`].
impl rusqlite::ToSql for Param<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::ValueRef;
        Ok(rusqlite::types::ToSqlOutput::Borrowed(match *self {
            Param::Null => ValueRef::Null,
            Param::Int(i) => ValueRef::Integer(i),
            Param::Text(s) => ValueRef::Text(s.as_bytes()),
            Param::Blob(b) => ValueRef::Blob(b),
        }))
    }
}

impl<'v> From<Option<&'v str>> for Param<'v> {
    fn from(v: Option<&'v str>) -> Param<'v> {
        v.map_or(Param::Null, Param::Text)
    }
}

impl From<Option<i64>> for Param<'_> {
    fn from(v: Option<i64>) -> Self {
        v.map_or(Param::Null, Param::Int)
    }
}

/// A prepared statement that writes (no result rows), run with borrowed
/// parameters. Lives no longer than the connection it was prepared on
/// (`'c`); finalized when dropped.
#[derive(Debug)]
pub(crate) struct RawInsert<'c> {
    stmt: NonNull<ffi::sqlite3_stmt>,
    db: *mut ffi::sqlite3,
    params: usize,
    _conn: PhantomData<&'c Connection>,
}

impl<'c> RawInsert<'c> {
    /// Prepares `sql` (one statement) on `conn`. Errors: SQLite's, as
    /// rusqlite reports them (bad SQL, unknown table).
    pub(crate) fn new(conn: &'c Connection, sql: &str) -> rusqlite::Result<RawInsert<'c>> {
        let c_sql = CString::new(sql).map_err(|_| rusqlite::Error::InvalidQuery)?;
        // SAFETY: the handle is the open connection `conn` borrows for 'c,
        // which outlives the statement (PhantomData<&'c Connection>).
        let db = unsafe { conn.handle() };
        let mut stmt = null_mut();
        // SAFETY: db is open; c_sql is NUL-terminated; stmt receives the
        // statement or NULL.
        let rc = unsafe { ffi::sqlite3_prepare_v2(db, c_sql.as_ptr(), -1, &mut stmt, null_mut()) };
        if rc != ffi::SQLITE_OK {
            return Err(error(db, rc));
        }
        let stmt = NonNull::new(stmt).ok_or(rusqlite::Error::InvalidQuery)?;
        // SAFETY: stmt was just prepared.
        let params = unsafe { ffi::sqlite3_bind_parameter_count(stmt.as_ptr()) } as usize;
        Ok(RawInsert { stmt, db, params, _conn: PhantomData })
    }

    /// Binds `values` to parameters 1, 2, … (as many as the statement has),
    /// runs the statement to its end and resets it with its bindings
    /// cleared. Errors: a count that is not the statement's, a value over
    /// SQLite's size limit, and SQLite's own (a constraint, a full disk).
    pub(crate) fn run(&mut self, values: &[Param<'_>]) -> rusqlite::Result<()> {
        if values.len() != self.params {
            return Err(rusqlite::Error::InvalidParameterCount(values.len(), self.params));
        }
        let st = self.stmt.as_ptr();
        let mut rc = ffi::SQLITE_OK;
        for (i, v) in values.iter().enumerate() {
            let at = i as c_int + 1;
            // SAFETY: st is a live statement; text and blob pointers stay
            // valid for this call (they borrow `values`), and the bindings
            // are cleared before it returns (SQLITE_STATIC: not copied).
            rc = unsafe {
                match *v {
                    Param::Null => ffi::sqlite3_bind_null(st, at),
                    Param::Int(n) => ffi::sqlite3_bind_int64(st, at, n),
                    Param::Text(s) => ffi::sqlite3_bind_text64(
                        st,
                        at,
                        s.as_ptr() as *const c_char,
                        s.len() as u64,
                        ffi::SQLITE_STATIC(),
                        ffi::SQLITE_UTF8 as u8,
                    ),
                    Param::Blob(b) => ffi::sqlite3_bind_blob64(
                        st,
                        at,
                        b.as_ptr() as *const c_void,
                        b.len() as u64,
                        ffi::SQLITE_STATIC(),
                    ),
                }
            };
            if rc != ffi::SQLITE_OK {
                break;
            }
        }
        if rc == ffi::SQLITE_OK {
            // SAFETY: st is live and fully bound.
            rc = match unsafe { ffi::sqlite3_step(st) } {
                ffi::SQLITE_DONE => ffi::SQLITE_OK,
                ffi::SQLITE_ROW => ffi::SQLITE_MISUSE,
                other => other,
            };
        }
        let result = if rc == ffi::SQLITE_OK { Ok(()) } else { Err(error(self.db, rc)) };
        // SAFETY: st is live; after these no binding points into `values`.
        unsafe {
            ffi::sqlite3_reset(st);
            ffi::sqlite3_clear_bindings(st);
        }
        result
    }
}

impl Drop for RawInsert<'_> {
    fn drop(&mut self) {
        // SAFETY: the statement is live and never used again.
        unsafe { ffi::sqlite3_finalize(self.stmt.as_ptr()) };
    }
}

/// The error SQLite reported for `rc` on `db`, as rusqlite's.
fn error(db: *mut ffi::sqlite3, rc: c_int) -> rusqlite::Error {
    // SAFETY: db is open; the message is copied before any other call.
    let msg = unsafe {
        let p = ffi::sqlite3_errmsg(db);
        (!p.is_null()).then(|| std::ffi::CStr::from_ptr(p).to_string_lossy().into_owned())
    };
    rusqlite::Error::SqliteFailure(ffi::Error::new(rc), msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_stored_as_bound_and_errors_are_sqlite_s() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT, c BLOB, d TEXT NOT NULL)").unwrap();
        let mut ins =
            RawInsert::new(&conn, "INSERT INTO t (a, b, c, d) VALUES (?1, ?2, ?3, coalesce(?4, '[]'))").unwrap();
        for i in 0..3 {
            // Each value freed after its run: nothing may still point into it.
            let text = format!("año {i} ✓");
            let blob = vec![i as u8, 0, 255];
            ins.run(&[Param::Int(i), Param::Text(&text), Param::Blob(&blob), Param::Null]).unwrap();
        }
        ins.run(&[Param::Int(7), Param::Null, Param::Null, Param::Text("x")]).unwrap();
        let rows: Vec<(i64, Option<String>, Option<Vec<u8>>, String)> = conn
            .prepare("SELECT a, b, c, d FROM t ORDER BY a")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(
            rows,
            vec![
                (0, Some("año 0 ✓".into()), Some(vec![0, 0, 255]), "[]".into()),
                (1, Some("año 1 ✓".into()), Some(vec![1, 0, 255]), "[]".into()),
                (2, Some("año 2 ✓".into()), Some(vec![2, 0, 255]), "[]".into()),
                (7, None, None, "x".into()),
            ]
        );
        let dup = ins.run(&[Param::Int(7), Param::Null, Param::Null, Param::Null]).unwrap_err();
        assert!(dup.to_string().contains("UNIQUE constraint failed: t.a"), "{dup}");
        let count = ins.run(&[Param::Int(8)]).unwrap_err();
        assert!(matches!(count, rusqlite::Error::InvalidParameterCount(1, 4)), "{count}");
        // The statement still works after both errors.
        ins.run(&[Param::Int(9), Param::Text("b"), Param::Null, Param::Null]).unwrap();
        assert!(RawInsert::new(&conn, "INSERT INTO nowhere VALUES (1)")
            .unwrap_err()
            .to_string()
            .contains("no such table"));
    }
}
