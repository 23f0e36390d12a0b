//! The PostgreSQL schema: every table in the schema `memoria` (so that the
//! TM can share a database with other applications), versioned by the row
//! `schema_version` of `memoria.meta` and migrated forward in code, each
//! migration (1 → 2 → … → 6) in one transaction under an advisory lock (two clients opening
//! a new TM at once create it once).
//!
//! The tables mirror the SQLite TM's (`crate::sqlite::schema`): `tu`,
//! `tuv` with the same derived columns (normalised-text hash, match key),
//! the candidate index `posting` in the same chunked delta-varint form (one
//! row per term and import flush: 1M pairs give ~1.5M rows instead of the
//! ~25M rows of a (term, TUV) table), per-language TUV counts in `meta`,
//! and each collection's TMX `header`. Concordance goes through the
//! `concordance` table's `pg_trgm` GIN index, filled for new TUVs by the
//! first concordance search after an import, so that imports do not pay
//! for a trigram index they may never use (SQLite, since its schema 9, has
//! no such index: its concordance reads the postings; the hits are the
//! same, `crate::concordance`).

use crate::error::{ErrorKind, StoreError};
use crate::postgres::conn::Conn;
use crate::postgres::write::{copy_postings, BUMP};
use crate::postgres::PgTm;
use crate::sqlite::index::{tiny_terms, TINY_KEY_MAX};
use crate::sqlite::postings::PostingWriter;
use postgres::fallible_iterator::FallibleIterator;

/// The schema version this memoria writes into `memoria.meta`.
/// 1: tables tu, tuv, posting, header, concordance, meta.
/// 2: the `audit` table (SQLite's version 5: who changed or deleted which TU).
/// 3: term entries and their terms (SQLite's version 6: `term_entry`, `term`).
/// 4: no foreign keys from `tuv` to `tu` and from `concordance` to `tuv`
/// (checked per row, they were a third of an import's `COPY` into `tuv`;
/// memoria deletes a TU's TUVs and concordance rows itself, and `verify`
/// checks that every TUV has its TU).
/// 5: the document order of a header's children (`header.layout`, SQLite's
/// version 7) and the TU–collection links (`tu_collection`, SQLite's 8).
/// 6: the tiny-word terms of every key of at most
/// [`crate::sqlite::index::TINY_KEY_MAX`] chars in the postings (SQLite's
/// version 12), added by [`add_tiny_terms`].
pub const PG_SCHEMA_VERSION: i64 = 6;

/// Key of the advisory lock taken while the schema is created or migrated.
const SCHEMA_LOCK: i64 = 0x6d656d6f_72696131; // "memoria1"

/// Version 1.
const SCHEMA_1: &str = "
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE SCHEMA IF NOT EXISTS memoria;
CREATE TABLE memoria.meta (
    name text PRIMARY KEY,          -- 'schema_version', 'flush_seq', 'tuvs:<language>', 'fts_upto'
    value bigint NOT NULL
);
CREATE TABLE memoria.tu (
    id bigint PRIMARY KEY,
    attrs text NOT NULL,            -- JSON [[name, value], ...] as read (lossless TMX)
    props text NOT NULL,            -- JSON [Prop]
    notes text NOT NULL,            -- JSON [Note]
    collection text,                -- provenance: TMX file name or import name
    document text,
    position bigint,
    created bigint NOT NULL,        -- unix seconds of the import
    changed bigint NOT NULL,        -- unix seconds: TMX changedate, else creationdate, else import
    creator text,
    changer text,
    prev_hash bigint,               -- context hashes (101 matches)
    next_hash bigint
);
CREATE INDEX tu_collection ON memoria.tu (collection);
CREATE TABLE memoria.tuv (
    id bigint PRIMARY KEY,
    tu_id bigint NOT NULL REFERENCES memoria.tu (id) ON DELETE CASCADE,
    lang text NOT NULL,
    lang_base text NOT NULL,
    text text NOT NULL,
    seg text,                       -- JSON Content when it has inline codes
    norm_hash bigint NOT NULL,
    key text NOT NULL,
    key_len integer NOT NULL,
    attrs text NOT NULL,
    props text NOT NULL,
    notes text NOT NULL
);
CREATE INDEX tuv_exact ON memoria.tuv (lang_base, norm_hash);
CREATE INDEX tuv_tu ON memoria.tuv (tu_id);
CREATE TABLE memoria.posting (      -- candidate index: term -> ascending TUV ids
    term bigint NOT NULL,
    chunk bigint NOT NULL,
    n integer NOT NULL,
    ids bytea NOT NULL,             -- delta + LEB128 varints
    PRIMARY KEY (term, chunk)
);
ALTER TABLE memoria.posting ALTER COLUMN ids SET STORAGE EXTERNAL;
CREATE TABLE memoria.header (
    seq bigserial,
    collection text PRIMARY KEY,
    attrs text NOT NULL,
    props text NOT NULL,
    notes text NOT NULL,
    udes text NOT NULL,
    imported bigint NOT NULL
);
CREATE TABLE memoria.concordance (
    tuv_id bigint PRIMARY KEY REFERENCES memoria.tuv (id) ON DELETE CASCADE,
    lang_base text NOT NULL,
    text text NOT NULL
);
CREATE INDEX concordance_trgm ON memoria.concordance USING gin (text gin_trgm_ops);
";

/// Version 2: the audit trail of TM maintenance, as SQLite's `audit`
/// (`crate::sqlite::schema`): one row per change of one TU, kept after the
/// TU is deleted. `seq` is given by memoria (max + 1 under the writers'
/// lock), as SQLite's rowid is.
const SCHEMA_2: &str = "
CREATE TABLE memoria.audit (
    seq bigint PRIMARY KEY,         -- order of the changes
    tu_id bigint NOT NULL,          -- no foreign key: a deleted TU keeps its history
    at bigint NOT NULL,             -- unix seconds of the change
    author text NOT NULL,           -- the TU's TMX changeid
    action text NOT NULL,           -- 'edit', 'delete'
    before text NOT NULL,           -- JSON Tu before the change
    after text                      -- JSON Tu after it; NULL for a deletion
);
CREATE INDEX audit_tu ON memoria.audit (tu_id, seq);
";

/// Version 3: term entries (glossaries) and their terms, as SQLite's
/// `term_entry` and `term`; ids given by memoria (max + 1 under the lock of
/// `memoria.term_entry`), as SQLite's rowids are.
const SCHEMA_3: &str = "
CREATE TABLE memoria.term_entry (   -- one concept of a glossary (TBX termEntry/conceptEntry)
    id bigint PRIMARY KEY,
    collection text NOT NULL,       -- the glossary (file name) it was imported from
    key text NOT NULL,              -- 'id:' + its entry id, else 'hash:' + a hash of its data
    entry_id text,                  -- its id in the glossary
    subject text,
    do_not_translate boolean NOT NULL,
    data text NOT NULL,             -- JSON TermEntry, the whole entry as imported
    UNIQUE (collection, key)
);
CREATE INDEX term_entry_id ON memoria.term_entry (entry_id);
CREATE TABLE memoria.term (         -- one term of an entry in one language
    id bigserial PRIMARY KEY,
    entry bigint NOT NULL REFERENCES memoria.term_entry (id) ON DELETE CASCADE,
    lang text NOT NULL,             -- canonical BCP 47 tag
    lang_base text NOT NULL,        -- primary language subtag
    text text NOT NULL,
    status text,
    case_sensitive boolean NOT NULL
);
CREATE INDEX term_entry_lang ON memoria.term (entry, lang_base);
";

/// Version 4: the per-row foreign-key checks go (see [`PG_SCHEMA_VERSION`]).
const SCHEMA_4: &str = "
ALTER TABLE memoria.tuv DROP CONSTRAINT IF EXISTS tuv_tu_id_fkey;
ALTER TABLE memoria.concordance DROP CONSTRAINT IF EXISTS concordance_tuv_id_fkey;
";

/// Version 5: a header's child order, and a TU in every collection that
/// imported it, as SQLite's versions 7 and 8 (`crate::sqlite::schema`).
const SCHEMA_5: &str = "
ALTER INDEX memoria.tu_collection RENAME TO tu_by_collection;   -- the name goes to the table
ALTER TABLE memoria.header ADD COLUMN layout text;   -- 'p', 'n', 'u' per child in document order; NULL: none kept
CREATE TABLE memoria.tu_collection (
    collection text NOT NULL,       -- a collection that imported the TU after its first (tu.collection)
    tu_id bigint NOT NULL,          -- the TU (deleted with it by memoria)
    PRIMARY KEY (collection, tu_id)
);
CREATE INDEX tu_collection_tu ON memoria.tu_collection (tu_id);
";

/// Whether the table `memoria.meta` exists.
const EXISTS: &str =
    "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = 'memoria' AND tablename = 'meta')";

/// Creates the schema in a database without it, migrates an older one,
/// refuses a newer one (without writing).
pub(crate) fn init(tm: &PgTm, c: &mut Conn) -> Result<(), StoreError> {
    let e = |err| tm.err(err);
    match version(c).map_err(e)? {
        Some(v) if v == PG_SCHEMA_VERSION => return Ok(()),
        Some(v) if v > PG_SCHEMA_VERSION => {
            return Err(StoreError::NotATm {
                path: tm.pool.target.masked.clone().into(),
                what: format!(
                    "TM schema version {v} is newer than this memoria supports ({PG_SCHEMA_VERSION}); upgrade memoria"
                ),
            })
        }
        _ => {}
    }
    let mut tx = c.client.transaction().map_err(e)?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&SCHEMA_LOCK]).map_err(e)?;
    // Read from the catalog tables with this statement's snapshot: another
    // client may have created the schema while this one waited for the lock.
    let exists: bool = tx.query_one(EXISTS, &[]).map_err(e)?.get(0);
    let was: i64 = if exists {
        // Another client may have migrated it while this one waited.
        tx.query_one("SELECT value FROM memoria.meta WHERE name = 'schema_version'", &[]).map_err(e)?.get(0)
    } else {
        0
    };
    let steps = [(1, SCHEMA_1), (2, SCHEMA_2), (3, SCHEMA_3), (4, SCHEMA_4), (5, SCHEMA_5)];
    for (v, step) in steps.into_iter().filter(|(v, _)| *v > was) {
        tx.batch_execute(step).map_err(|err| {
            let mut se = tm.err(err);
            if let StoreError::Backend { message, kind: ErrorKind::Other, .. } = &mut se {
                message.push_str(&format!(
                    " (creating memoria's schema (version {v}) needs CREATE on the database or the schema \
                     memoria, and pg_trgm installed or installable: see the README)"
                ));
            }
            se
        })?;
    }
    // A role that may only read cannot migrate: it is told who must.
    let migrating = |err: postgres::Error| {
        let denied = err.code() == Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE);
        let detail = err.as_db_error().map(|d| d.message().to_string());
        let mut se = tm.err(err);
        if let (true, Some(detail), StoreError::Backend { message, .. }) = (denied, detail, &mut se) {
            *message = format!(
                "TM schema version {was} must be migrated to {PG_SCHEMA_VERSION} before this role can use it, \
                 by a role that may change the tables of schema memoria (its owner): {detail}"
            );
        }
        se
    };
    // Version 6: a new TM's imports write the tiny-word terms; an older
    // one gets them for the TUVs it holds.
    if (1..6).contains(&was) {
        add_tiny_terms(&mut tx).map_err(migrating)?;
    }
    if was == 0 {
        tx.execute("INSERT INTO memoria.meta (name, value) VALUES ('schema_version', $1)", &[&PG_SCHEMA_VERSION])
            .map_err(e)?;
    } else if was < PG_SCHEMA_VERSION {
        tx.execute("UPDATE memoria.meta SET value = $1 WHERE name = 'schema_version'", &[&PG_SCHEMA_VERSION])
            .map_err(migrating)?;
    }
    tx.commit().map_err(e)
}

/// Version 5 → 6: (re)builds the tiny-word postings as one new chunk: the
/// tiny-word terms of every key of at most [`TINY_KEY_MAX`] chars
/// ([`tiny_terms`]), the rows those terms had before replaced (as SQLite's
/// 11 → 12: running it again gives the same index), inside the migration's
/// transaction.
fn add_tiny_terms(tx: &mut postgres::Transaction<'_>) -> Result<(), postgres::Error> {
    const SHORT: &str = "SELECT id, lang_base, key FROM memoria.tuv WHERE key_len <= $1 ORDER BY id";
    let mut postings = PostingWriter::new();
    // Row by row: the ids are kept, not the texts.
    let mut rows = tx.query_raw(SHORT, [TINY_KEY_MAX as i32])?;
    while let Some(r) = rows.next()? {
        let (id, lang_base, key): (i64, &str, &str) = (r.get(0), r.get(1), r.get(2));
        let terms = tiny_terms(lang_base, key);
        if !terms.is_empty() {
            postings.add_terms(id, &terms);
        }
    }
    drop(rows);
    let (rows, _) = postings.take().into_rows();
    if rows.is_empty() {
        return Ok(());
    }
    let terms: Vec<i64> = rows.iter().map(|r| r.0).collect();
    tx.execute("DELETE FROM memoria.posting WHERE term = ANY($1)", &[&terms])?;
    let seq: i64 = tx.query_one(BUMP, &[&"flush_seq", &1i64])?.get(0);
    copy_postings(tx, seq, &rows)
}

/// The schema version stored, or `None` when there is no memoria schema.
pub(crate) fn version(c: &mut Conn) -> Result<Option<i64>, postgres::Error> {
    let exists: bool = c.client.query_one(EXISTS, &[])?.get(0);
    if !exists {
        return Ok(None);
    }
    let row = c.client.query_opt("SELECT value FROM memoria.meta WHERE name = 'schema_version'", &[])?;
    Ok(row.map(|r| r.get(0)))
}
