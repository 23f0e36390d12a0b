//! TMX headers kept per collection (schema version 3, table `header`):
//! [`Import::set_header`](crate::Import::set_header) stores one inside the
//! import transaction; [`Tm::header`], [`Tm::headers`] and
//! [`Tm::collections`] read them back for export and `memoria stats`.

use super::SqliteTm;
use crate::error::StoreError;
use crate::model::CollectionCount;
use crate::sqlite::rows::{collection_name, de, ser_list, sql};
use memoria_core::tu::{Header, HeaderChild};
use rusqlite::{params, Connection, OptionalExtension};
use std::path::Path;

/// Stores `header` as the header of `collection`, replacing an earlier one;
/// the row gets the highest rowid, so [`Tm::headers`] lists it last.
pub(crate) fn store(
    conn: &Connection,
    path: &Path,
    collection: &str,
    header: &Header,
    now: i64,
) -> Result<(), StoreError> {
    let e = |err| sql(path, err);
    conn.prepare_cached("DELETE FROM header WHERE collection = ?1").map_err(e)?.execute([collection]).map_err(e)?;
    conn.prepare_cached(
        "INSERT INTO header (collection, attrs, props, notes, udes, imported, layout) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )
    .map_err(e)?
    .execute(params![
        collection,
        ser_list(&header.attrs),
        ser_list(&header.props),
        ser_list(&header.notes),
        ser_list(&header.udes),
        now,
        (!header.order.is_empty()).then(|| HeaderChild::encode(&header.order))
    ])
    .map_err(e)?;
    Ok(())
}

/// One `header` row: collection, attrs, props, notes, udes, layout.
type Row = (String, String, String, String, String, Option<String>);

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
}

fn decode((collection, attrs, props, notes, udes, layout): Row) -> Result<(String, Header), StoreError> {
    let header = Header {
        attrs: de(&attrs)?,
        props: de(&props)?,
        notes: de(&notes)?,
        udes: de(&udes)?,
        order: layout.as_deref().map(HeaderChild::decode).unwrap_or_default(),
    };
    Ok((collection, header))
}

const COLUMNS: &str = "SELECT collection, attrs, props, notes, udes, layout FROM header";

impl SqliteTm {
    /// The TMX header of `collection` as it was imported (attributes in
    /// order, props, notes and udes in file order, `ude` elements verbatim), or
    /// `None` when none is stored: no such collection, TUs added without a
    /// TMX file (`memoria align --import`), or an import by a memoria older
    /// than schema version 3.
    pub fn header(&self, collection: &str) -> Result<Option<Header>, StoreError> {
        let e = |err| sql(&self.path, err);
        let found = self
            .conn
            .prepare_cached(&format!("{COLUMNS} WHERE collection = ?1"))
            .map_err(e)?
            .query_row([collection], row)
            .optional()
            .map_err(e)?;
        found.map(|r| decode(r).map(|(_, h)| h)).transpose()
    }

    /// Every stored header with its collection, in import order (a
    /// re-imported collection counts from its latest import).
    pub fn headers(&self) -> Result<Vec<(String, Header)>, StoreError> {
        let e = |err| sql(&self.path, err);
        let mut st = self.conn.prepare_cached(&format!("{COLUMNS} ORDER BY rowid")).map_err(e)?;
        let rows: Vec<_> = st.query_map([], row).map_err(e)?.collect::<Result<_, _>>().map_err(e)?;
        rows.into_iter().map(decode).collect()
    }

    /// The collections with their TU counts, by name (`None` first), and
    /// whether each has a stored header. A TU counts in every collection
    /// that imported it (a collection whose TUs were all duplicates of
    /// stored ones counts them too), so the counts may add up to more than
    /// the TM's TUs. One scan of the `tu` table.
    pub fn collections(&self) -> Result<Vec<CollectionCount>, StoreError> {
        const Q: &str = concat!(
            "SELECT c, sum(n), max(h) FROM (SELECT ",
            collection_name!(),
            " AS c, count(*) AS n, 0 AS h FROM tu GROUP BY collection_id
             UNION ALL SELECT collection, count(*), 0 FROM tu_collection GROUP BY collection
             UNION ALL SELECT collection, 0, 1 FROM header)
             GROUP BY c ORDER BY c"
        );
        let e = |err| sql(&self.path, err);
        let mut st = self.conn.prepare_cached(Q).map_err(e)?;
        let rows = st
            .query_map([], |r| {
                Ok(CollectionCount { collection: r.get(0)?, tus: r.get::<_, i64>(1)? as u64, header: r.get(2)? })
            })
            .map_err(e)?;
        rows.collect::<Result<_, _>>().map_err(e)
    }
}
