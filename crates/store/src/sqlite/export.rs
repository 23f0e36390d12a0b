//! Reading the TM back: whole TUs ([`SqliteTm::load_tu`], [`SqliteTm::export`]),
//! and counts ([`SqliteTm::stats`]); concordance search is in `concordance.rs`.

use super::SqliteTm;
use crate::error::StoreError;
use crate::model::{ExportFilter, LanguageCount, PairCount};
use crate::sqlite::rows::{collection_name, in_collection, of_tu, sql};
use memoria_core::tu::Tu;

impl SqliteTm {
    /// Number of TUs stored.
    pub fn tu_count(&self) -> Result<u64, StoreError> {
        self.conn
            .query_row("SELECT count(*) FROM tu", [], |r| r.get::<_, i64>(0))
            .map(|n| n as u64)
            .map_err(|e| sql(&self.path, e))
    }

    /// TU counts per ordered language pair (by primary language), most first.
    pub fn stats(&self) -> Result<Vec<PairCount>, StoreError> {
        // Each TU's TUVs by its TUV range.
        const Q: &str = concat!(
            "SELECT a.lang_base, b.lang_base, count(DISTINCT a.tu_id) AS n FROM tuv a
             CROSS JOIN tu ON tu.id = a.tu_id CROSS JOIN tuv b ON ",
            of_tu!("b"),
            " AND a.lang_base < b.lang_base GROUP BY 1, 2 ORDER BY n DESC, 1, 2"
        );
        let mut st = self.conn.prepare_cached(Q).map_err(|e| sql(&self.path, e))?;
        let rows = st
            .query_map([], |r| Ok(PairCount { source: r.get(0)?, target: r.get(1)?, tus: r.get::<_, i64>(2)? as u64 }))
            .map_err(|e| sql(&self.path, e))?;
        rows.collect::<Result<_, _>>().map_err(|e| sql(&self.path, e))
    }

    /// TUV counts per language tag, most first.
    pub fn language_counts(&self) -> Result<Vec<LanguageCount>, StoreError> {
        const Q: &str = "SELECT lang, count(*) AS n FROM tuv GROUP BY lang ORDER BY n DESC, lang";
        let mut st = self.conn.prepare_cached(Q).map_err(|e| sql(&self.path, e))?;
        let rows = st
            .query_map([], |r| Ok(LanguageCount { lang: r.get(0)?, tuvs: r.get::<_, i64>(1)? as u64 }))
            .map_err(|e| sql(&self.path, e))?;
        rows.collect::<Result<_, _>>().map_err(|e| sql(&self.path, e))
    }

    /// The schema version of the open TM (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        self.conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|e| sql(&self.path, e))
    }

    /// Loads TU `id` with all its variants, as imported.
    pub fn load_tu(&self, id: i64) -> Result<Tu, StoreError> {
        crate::sqlite::rows::load_tu(&self.conn, &self.path, id)
    }

    /// Every TU with its provenance, times and context hashes, in import order.
    pub fn export_stored<'a>(
        &'a self,
    ) -> Result<impl Iterator<Item = Result<crate::model::StoredTu, StoreError>> + 'a, StoreError> {
        type Row = (i64, Option<String>, Option<String>, Option<i64>, i64, i64, Option<i64>, Option<i64>);
        let e = |e| sql(&self.path, e);
        let mut st = self
            .conn
            .prepare(concat!(
                "SELECT id, ",
                collection_name!(),
                ", document, position, created, changed, prev_hash, next_hash FROM tu ORDER BY id"
            ))
            .map_err(e)?;
        let rows: Vec<Row> = st
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?))
            })
            .map_err(e)?
            .collect::<Result<_, _>>()
            .map_err(e)?;
        const LINKS: &str = "SELECT collection FROM tu_collection WHERE tu_id = ?1 ORDER BY collection";
        Ok(rows.into_iter().map(move |(id, collection, document, position, created, changed, prev_hash, next_hash)| {
            let e = |err| sql(&self.path, err);
            let also = self
                .conn
                .prepare_cached(LINKS)
                .map_err(e)?
                .query_map([id], |r| r.get(0))
                .map_err(e)?
                .collect::<Result<Vec<String>, _>>()
                .map_err(e)?;
            Ok(crate::model::StoredTu {
                also,
                tu: self.load_tu(id)?,
                provenance: crate::model::Provenance { collection, document, position, prev: None, next: None },
                created,
                changed,
                prev_hash,
                next_hash,
            })
        }))
    }

    /// Every TU that passes `filter`, in import order: the ids are read
    /// first, each TU when the iterator reaches it. A collection's TUs are
    /// those it brought, also those a TU of an earlier collection already
    /// held (schema version 8, `tu_collection`).
    pub fn export<'a>(
        &'a self,
        filter: &ExportFilter,
    ) -> Result<impl Iterator<Item = Result<Tu, StoreError>> + 'a, StoreError> {
        let e = |e| sql(&self.path, e);
        let mut st = self
            .conn
            .prepare(concat!("SELECT id, created FROM tu WHERE ", in_collection!("?1"), " ORDER BY id"))
            .map_err(e)?;
        let ids: Vec<(i64, i64)> = st
            .query_map([&filter.collection], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(e)?
            .collect::<Result<_, _>>()
            .map_err(e)?;
        let filter = filter.clone();
        Ok(ids.into_iter().filter_map(move |(id, imported)| {
            let mut tu = match self.load_tu(id) {
                Ok(tu) => tu,
                Err(err) => return Some(Err(err)),
            };
            if let Some(since) = &filter.since {
                let imported = memoria_core::date::format_tmx(imported);
                let changed = tu.attr("changedate").or(tu.attr("creationdate")).unwrap_or(&imported);
                if changed < since.as_str() {
                    return None;
                }
            }
            if !filter.langs.is_empty() {
                // A TU for a language pair has every language asked for (a
                // TU with one side would be a TU without translation).
                if !filter.langs.iter().all(|l| tu.tuvs.iter().any(|v| l.fit(&v.lang) > 0)) {
                    return None;
                }
                tu.tuvs.retain(|v| filter.langs.iter().any(|l| l.fit(&v.lang) > 0));
            }
            Some(Ok(tu))
        }))
    }
}
