//! Rows to values and back, shared by every SQLite module: errors with the
//! TM's path, JSON columns, a TUV's content, a TU's variants.

use crate::error::{ErrorKind, StoreError};
use memoria_core::content::Content;
use rusqlite::types::ValueRef;
use rusqlite::Connection;
use std::path::Path;

/// A SQLite error as a [`StoreError::Backend`] naming the TM's file.
pub(crate) fn sql(path: &Path, source: rusqlite::Error) -> StoreError {
    use rusqlite::ErrorCode::{DatabaseBusy, DatabaseCorrupt, DatabaseLocked, NotADatabase};
    let kind = match &source {
        rusqlite::Error::SqliteFailure(f, _) if matches!(f.code, DatabaseBusy | DatabaseLocked) => ErrorKind::Busy,
        rusqlite::Error::SqliteFailure(f, _) if matches!(f.code, DatabaseCorrupt | NotADatabase) => ErrorKind::Corrupt,
        _ => ErrorKind::Other,
    };
    let code = match &source {
        rusqlite::Error::SqliteFailure(f, _) => Some(f.code),
        _ => None,
    };
    let message = match (kind, code) {
        (ErrorKind::Corrupt, _) => {
            format!("the TM is damaged ({source}); nothing was written to it; `memoria verify` lists what is wrong")
        }
        (_, Some(rusqlite::ErrorCode::ReadOnly)) => {
            format!("the TM is read-only here (its file, folder or file system cannot be written): {source}")
        }
        (_, Some(rusqlite::ErrorCode::DiskFull)) => format!("disk full: {source}"),
        (_, Some(rusqlite::ErrorCode::SystemIoFailure | rusqlite::ErrorCode::CannotOpen))
            if crate::sqlite::readonly::disk_full(path) =>
        {
            format!("disk full (no space left on the TM's file system): {source}")
        }
        _ => source.to_string(),
    };
    StoreError::Backend { location: path.display().to_string(), kind, message }
}

pub(crate) fn ser<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("serialising plain data cannot fail")
}

/// [`ser`] for a list, without serde for the common empty one, stored as
/// `''` (schema 11: [`de`] reads it as `[]`).
pub(crate) fn ser_list<T: serde::Serialize>(v: &[T]) -> std::borrow::Cow<'static, str> {
    if v.is_empty() {
        "".into()
    } else {
        ser(&v).into()
    }
}

/// A TU's attributes as the `tu` table holds them since schema 14: the
/// value of its first attribute when that is `srclang`, and the others
/// (for [`ser_list`]). [`join_srclang`] is the reverse.
pub(crate) fn split_srclang(attrs: &[(String, String)]) -> (Option<&str>, &[(String, String)]) {
    match attrs.split_first() {
        Some(((name, value), rest)) if name == "srclang" => (Some(value), rest),
        _ => (None, attrs),
    }
}

/// A TU's attributes from its `srclang` and `attrs` columns
/// ([`split_srclang`]): `srclang` first when there is one.
pub(crate) fn join_srclang(srclang: Option<String>, attrs: &str) -> Result<Vec<(String, String)>, StoreError> {
    let rest: Vec<(String, String)> = de(attrs)?;
    Ok(match srclang {
        Some(value) => std::iter::once(("srclang".to_string(), value)).chain(rest).collect(),
        None => rest,
    })
}

/// Reads a JSON column; `''` is the empty list (see [`ser_list`]).
pub(crate) fn de<T: serde::de::DeserializeOwned>(s: &str) -> Result<T, StoreError> {
    serde_json::from_str(if s.is_empty() { "[]" } else { s }).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// The SQL condition (a `&'static str`) that the row `$v` of `tuv` is one
/// of the TUVs of the row `tu` of `tu`: its id in the TU's TUV range
/// ([`crate::sqlite::schema::SCHEMA_TUV_RANGE`]), read by rowid, and its
/// `tu_id` the TU's (`+`: SQLite builds no automatic index on it instead).
macro_rules! of_tu {
    ($v:literal) => {
        concat!($v, ".id BETWEEN tu.tuv_first AND tu.tuv_first + tu.tuv_span - 1 AND +", $v, ".tu_id = tu.id")
    };
}
pub(crate) use of_tu;

/// The SQL expression (a `&'static str`) of the name of the row `tu`'s
/// collection, NULL for none ([`crate::sqlite::schema::SCHEMA_COLLECTION_IDS`]).
macro_rules! collection_name {
    () => {
        "(SELECT name FROM collection WHERE id = tu.collection_id)"
    };
}
pub(crate) use collection_name;

/// The SQL condition (a `&'static str`) that the row `tu` belongs to the
/// collection named by parameter `$p`, or that `$p` is NULL (every TU): its
/// own collection, or one that brought it again (`tu_collection`).
macro_rules! in_collection {
    ($p:literal) => {
        concat!(
            "(",
            $p,
            " IS NULL OR tu.collection_id = (SELECT id FROM collection WHERE name = ",
            $p,
            ") OR tu.id IN (SELECT tu_id FROM tu_collection WHERE collection = ",
            $p,
            "))"
        )
    };
}
pub(crate) use in_collection;

/// The statement (a `&'static str`) that reads TU `?1`'s TUVs (`v`), the
/// columns `$columns` of each, in stored order ([`of_tu`]); `$and`, when
/// given, adds conditions on `v` (`" AND v.lang = ?2"`).
macro_rules! tuvs_of_tu {
    ($columns:literal) => {
        tuvs_of_tu!($columns, "")
    };
    ($columns:literal, $and:literal) => {
        concat!(
            "SELECT ",
            $columns,
            " FROM tu CROSS JOIN tuv v ON ",
            $crate::sqlite::rows::of_tu!("v"),
            " WHERE tu.id = ?1",
            $and,
            " ORDER BY v.id"
        )
    };
}
pub(crate) use tuvs_of_tu;

/// The variants of TU `id` as (tag, content), in stored order.
pub(crate) fn load_variants(conn: &Connection, path: &Path, id: i64) -> Result<Vec<(String, Content)>, StoreError> {
    let e = |err| sql(path, err);
    let mut st = conn.prepare_cached(tuvs_of_tu!("v.lang, v.text, v.seg")).map_err(e)?;
    let rows: Vec<(String, String, Option<String>)> = st
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .map_err(e)?
        .collect::<Result<_, _>>()
        .map_err(e)?;
    rows.into_iter().map(|(l, text, seg)| Ok((l, content(&text, seg.as_deref())?))).collect()
}

/// A TUV's content from its `text` and `seg` columns.
pub(crate) fn content(text: &str, seg: Option<&str>) -> Result<Content, StoreError> {
    match seg {
        Some(json) => de(json),
        None => Ok(Content::from_text(text)),
    }
}

/// A TUV's match key from its `key`, `key_len` and `text` columns
/// ([`crate::sqlite::prepare::StoredKey`]): `''` with a non-zero length
/// stands for [`memoria_core::normalize::fold`]`(text)`; a BLOB is a
/// [`crate::sqlite::keypatch`] of that fold (schema 11); any other TEXT is
/// the key itself. Built in `buf` when it is not the column itself.
///
/// Errors: [`StoreError::Corrupt`] for a column of another type or a patch
/// that does not fit the text.
pub(crate) fn key_of<'a>(
    key: ValueRef<'a>,
    key_len: i64,
    text: &str,
    buf: &'a mut KeyBuf,
) -> Result<&'a str, StoreError> {
    match key {
        ValueRef::Text(b"") if key_len > 0 => {
            memoria_core::normalize::fold_into(text, &mut buf.folded);
            Ok(&buf.folded)
        }
        ValueRef::Text(key) => std::str::from_utf8(key).map_err(|err| StoreError::Corrupt(err.to_string())),
        ValueRef::Blob(patch) => {
            memoria_core::normalize::fold_into(text, &mut buf.folded);
            crate::sqlite::keypatch::apply(&buf.folded, patch, &mut buf.key)
        }
        other => Err(StoreError::Corrupt(format!("tuv.key holds {}, not TEXT or BLOB", other.data_type()))),
    }
}

/// The buffers [`key_of`] builds a key in, kept across rows.
#[derive(Default)]
pub(crate) struct KeyBuf {
    folded: String,
    key: Vec<u8>,
}

/// Loads TU `id` with all its variants, as imported.
pub(crate) fn load_tu(conn: &Connection, path: &Path, id: i64) -> Result<memoria_core::tu::Tu, StoreError> {
    use memoria_core::lang::LangTag;
    use memoria_core::tu::{Tu, Tuv};
    const TU: &str = "SELECT attrs, props, notes, srclang FROM tu WHERE id = ?1";
    const TUV: &str = tuvs_of_tu!("v.lang, v.attrs, v.props, v.notes, v.text, v.seg");
    let e = |e| sql(path, e);
    let (attrs, props, notes, srclang): (String, String, String, Option<String>) = conn
        .prepare_cached(TU)
        .map_err(e)?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .map_err(e)?;
    let mut tu = Tu { attrs: join_srclang(srclang, &attrs)?, props: de(&props)?, notes: de(&notes)?, tuvs: vec![] };
    let mut st = conn.prepare_cached(TUV).map_err(e)?;
    let mut rows = st.query([id]).map_err(e)?;
    while let Some(r) = rows.next().map_err(e)? {
        let lang: String = r.get(0).map_err(e)?;
        let text: String = r.get(4).map_err(e)?;
        let seg: Option<String> = r.get(5).map_err(e)?;
        tu.tuvs.push(Tuv {
            lang: LangTag::new(&lang).map_err(|e| StoreError::Corrupt(e.to_string()))?,
            attrs: de(&r.get::<_, String>(1).map_err(e)?)?,
            props: de(&r.get::<_, String>(2).map_err(e)?)?,
            notes: de(&r.get::<_, String>(3).map_err(e)?)?,
            seg: content(&text, seg.as_deref())?,
        });
    }
    Ok(tu)
}
