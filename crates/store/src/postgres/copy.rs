//! The rows of an import's TUs written by binary `COPY` (`memoria.tu`,
//! then `memoria.tuv`), in the columns SQLite's import writes
//! (`crate::sqlite::prepare`).

use crate::postgres::conn::Conn;
use crate::sqlite::prepare::PreparedTu;
use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::{ToSql, Type};

/// A TMX list column: the JSON prepared, or an empty list.
fn json(j: &Option<String>) -> &str {
    j.as_deref().unwrap_or("[]")
}

/// Writes the TUs `accepted` (TU id, index into `batch`) with their TUVs;
/// `now` (unix seconds) stands in for a missing creation or change date,
/// `collection` for a TU's missing collection.
pub(crate) fn copy_rows(
    c: &mut Conn,
    batch: &[PreparedTu],
    accepted: &[(i64, usize)],
    now: i64,
    collection: Option<&str>,
) -> Result<(), postgres::Error> {
    {
        let sink = c.client.copy_in(
            "COPY memoria.tu (id, attrs, props, notes, collection, document, position, created, changed, \
                 creator, changer, prev_hash, next_hash) FROM STDIN BINARY",
        )?;
        let types = [
            Type::INT8,
            Type::TEXT,
            Type::TEXT,
            Type::TEXT,
            Type::TEXT,
            Type::TEXT,
            Type::INT8,
            Type::INT8,
            Type::INT8,
            Type::TEXT,
            Type::TEXT,
            Type::INT8,
            Type::INT8,
        ];
        let mut w = BinaryCopyInWriter::new(sink, &types);
        for &(id, i) in accepted {
            let p = &batch[i];
            let coll = p.prov.collection.as_deref().or(collection);
            let (a, pr, n) = (json(&p.tu_json[0]), json(&p.tu_json[1]), json(&p.tu_json[2]));
            let changed = p.changed.unwrap_or(now);
            let row: [&(dyn ToSql + Sync); 13] = [
                &id,
                &a,
                &pr,
                &n,
                &coll,
                &p.prov.document,
                &p.prov.position,
                &p.created.unwrap_or(now),
                &changed,
                &p.tu.attr("creationid"),
                &p.tu.attr("changeid"),
                &p.prev_hash,
                &p.next_hash,
            ];
            w.write(&row)?;
        }
        w.finish()?;
    }
    {
        let sink = c.client.copy_in(
            "COPY memoria.tuv (id, tu_id, lang, lang_base, text, seg, norm_hash, key, key_len, attrs, props, \
                 notes) FROM STDIN BINARY",
        )?;
        let types = [
            Type::INT8,
            Type::INT8,
            Type::TEXT,
            Type::TEXT,
            Type::TEXT,
            Type::TEXT,
            Type::INT8,
            Type::TEXT,
            Type::INT4,
            Type::TEXT,
            Type::TEXT,
            Type::TEXT,
        ];
        let mut w = BinaryCopyInWriter::new(sink, &types);
        for &(tu_id, i) in accepted {
            let p = &batch[i];
            for (((v, row), j), &id) in p.tu.tuvs.iter().zip(&p.rows).zip(&p.tuv_json).zip(&p.tuv_ids) {
                let key_len = row.key_len as i32;
                let (a, pr, n) = (json(&j[0]), json(&j[1]), json(&j[2]));
                let r: [&(dyn ToSql + Sync); 12] = [
                    &id,
                    &tu_id,
                    &v.lang.as_str(),
                    &v.lang.language(),
                    &row.text,
                    &row.seg_json,
                    &row.norm_hash,
                    &row.key,
                    &key_len,
                    &a,
                    &pr,
                    &n,
                ];
                w.write(&r)?;
            }
        }
        w.finish()?;
    }
    Ok(())
}
