//! The SQLite schema, versioned with `PRAGMA user_version`, and its forward
//! migrations. Every migration runs inside one transaction: a failure leaves
//! the file as it was.

use crate::error::StoreError;
use crate::sqlite::index::{short_terms, skeleton_term, tiny_terms, TINY_KEY_MAX};
use crate::sqlite::postings::{write_lists, PostingWriter};
use crate::sqlite::rows::sql;
use crate::sqlite::rows::{key_of, KeyBuf};
use memoria_core::content::Content;
use memoria_core::lang::LangTag;
use rusqlite::{params, Connection};
use std::collections::HashSet;
use std::path::Path;

/// The schema version this memoria writes (`PRAGMA user_version`).
/// 1: the skeleton's (no candidate index). 2: match keys, candidate postings,
/// FTS5 trigram concordance, TU dates/users and context hashes on the TU.
/// 3: the `header` table (each collection's TMX header). 4: skeleton and
/// short-word terms in the postings ([`crate::index::index_terms`]).
/// 5: the `audit` table (who changed or deleted which TU, when, and how).
/// 6: term entries and their terms ([`SCHEMA_TERMS`]).
/// 7: the document order of a header's children ([`SCHEMA_HEADER_ORDER`]).
/// 8: the TU–collection links ([`SCHEMA_TU_COLLECTION`]).
/// 9: no FTS5 trigram table (`concordance`) and no `fts_upto` in `meta`:
/// concordance reads the candidate postings ([`MIGRATE_9`]).
/// 10: no table changes; a TUV's `key` may be the empty string with a
/// non-zero `key_len`, standing for its folded text
/// ([`crate::sqlite::rows::key_of`]), which a memoria before it would read as
/// an empty key: so it must refuse such a file.
/// 11: no table changes; a TUV's `key` may be a BLOB, a patch of its folded
/// text ([`crate::sqlite::keypatch`]); an empty JSON list is stored as `''`
/// ([`crate::sqlite::rows::de`]); a new TM's `tuv_exact` indexes
/// `norm_hash` alone (its `lang_base` is read from the row). A memoria
/// before it would fail on such keys and lists: so it must refuse the file.
/// 12: the tiny-word terms of every key of at most
/// [`crate::sqlite::index::TINY_KEY_MAX`] chars in the postings
/// ([`crate::sqlite::index::short_term_ids`]): a lookup of a short query
/// reads them, and would find nothing in a TM without them.
/// 13: a TU's TUVs are found by its id range ([`SCHEMA_TUV_RANGE`]), not by
/// the `tuv_tu` index, which goes (27 MB of a TM of 1M pairs).
/// 14: a TU names its collection by id ([`SCHEMA_COLLECTION_IDS`]) and
/// holds its leading `srclang` attribute in a column of its own (with the
/// name, 30 of the 60 bytes of a TU of a TMX of 1M pairs).
pub const SCHEMA_VERSION: i64 = 14;

/// The exact-lookup index, as in [`SCHEMA`]: a fresh import drops it and
/// builds it again at commit.
/// Since schema 11 it indexes the hash alone (collisions between languages
/// are the rare same text in two of them); a TM made before keeps its
/// `(lang_base, norm_hash)` index, which serves the same queries.
pub(crate) const CREATE_EXACT_INDEX: &str = "CREATE INDEX tuv_exact ON tuv(norm_hash)";

/// Bytes per database page of a new TM.
const PAGE_SIZE: i64 = 8192;

/// The tables of version 2. A fresh TM gets these and [`SCHEMA_3`].
pub(crate) const SCHEMA: &str = "
CREATE TABLE meta (
    name TEXT PRIMARY KEY,        -- 'flush_seq', 'tuvs:<language>'
    value INTEGER NOT NULL
);
CREATE TABLE tu (
    id INTEGER PRIMARY KEY,
    attrs TEXT NOT NULL,          -- JSON [[name, value], ...] as read (lossless TMX)
    props TEXT NOT NULL,          -- JSON [Prop]
    notes TEXT NOT NULL,          -- JSON [Note]
    collection TEXT,              -- provenance: import batch or TM name
    document TEXT,                -- provenance: source document
    position INTEGER,             -- provenance: segment index in the document
    created INTEGER NOT NULL,     -- unix seconds of the import
    changed INTEGER NOT NULL,     -- unix seconds: TMX changedate, else creationdate, else import
    creator TEXT,                 -- TMX creationid
    changer TEXT,                 -- TMX changeid
    prev_hash INTEGER,            -- hash of the previous source segment's normalised text
    next_hash INTEGER             -- hash of the next one (context matches, 101)
);
CREATE TABLE tuv (
    id INTEGER PRIMARY KEY,
    tu_id INTEGER NOT NULL REFERENCES tu(id),
    lang TEXT NOT NULL,           -- canonical BCP 47 tag
    lang_base TEXT NOT NULL,      -- primary language subtag
    text TEXT NOT NULL,           -- plain text (display, concordance check); the content when seg is NULL
    seg TEXT,                     -- JSON Content when it has inline codes
    norm_hash INTEGER NOT NULL,   -- hash of the normalised match text: exact lookups, duplicates
    key TEXT NOT NULL,            -- match key: folded, placeables masked, codes removed; '' when it is the folded text (schema 10)
    key_len INTEGER NOT NULL,     -- chars in key (in the folded text when key is '')
    attrs TEXT NOT NULL,
    props TEXT NOT NULL,
    notes TEXT NOT NULL
);
CREATE INDEX tuv_exact ON tuv(norm_hash);
CREATE INDEX tuv_tu ON tuv(tu_id);
CREATE TABLE posting (            -- candidate index (lookup, concordance): word -> TUV ids
    term INTEGER NOT NULL,        -- hash of language + word of the match key
    chunk INTEGER NOT NULL,       -- one chunk per term per import flush
    n INTEGER NOT NULL,           -- ids in this chunk
    ids BLOB NOT NULL,            -- ascending TUV ids, delta + LEB128 varint
    PRIMARY KEY (term, chunk)
) WITHOUT ROWID;
";

/// What version 3 adds to version 2: one TMX header per collection.
pub(crate) const SCHEMA_3: &str = "
CREATE TABLE header (             -- the <header> of the TMX file a collection was imported from
    collection TEXT PRIMARY KEY,  -- the name of its TUs' collection (the TMX file name)
    attrs TEXT NOT NULL,          -- JSON [[name, value], ...] as read (lossless TMX)
    props TEXT NOT NULL,          -- JSON [Prop], in file order
    notes TEXT NOT NULL,          -- JSON [Note], in file order
    udes TEXT NOT NULL,           -- JSON [string]: each <ude> element verbatim, with its <map>s
    imported INTEGER NOT NULL     -- unix seconds of the import
);
";

/// Version 5: the audit trail of TM maintenance (`memoria edit`, `memoria
/// delete`, the review pages): one row per change of one TU, kept after the
/// TU is deleted, shown by `memoria history` and written into TMX as the
/// TU's `changeid`/`changedate`.
pub(crate) const SCHEMA_AUDIT: &str = "
CREATE TABLE audit (
    seq INTEGER PRIMARY KEY,      -- order of the changes
    tu_id INTEGER NOT NULL,       -- the TU changed (no foreign key: a deleted TU keeps its history)
    at INTEGER NOT NULL,          -- unix seconds of the change
    author TEXT NOT NULL,         -- who (--author, else $USER): the TU's TMX changeid
    action TEXT NOT NULL,         -- 'edit', 'delete'
    before TEXT NOT NULL,         -- JSON Tu before the change
    after TEXT                    -- JSON Tu after it; NULL for a deletion
);
CREATE INDEX audit_tu ON audit(tu_id, seq);
";

/// What version 6 adds: term entries (glossaries) and their terms.
pub(crate) const SCHEMA_TERMS: &str = "
CREATE TABLE term_entry (         -- one concept of a glossary (TBX termEntry/conceptEntry)
    id INTEGER PRIMARY KEY,
    collection TEXT NOT NULL,     -- the glossary (file name) it was imported from
    key TEXT NOT NULL,            -- 'id:' + its entry id, else 'hash:' + a hash of its data
    entry_id TEXT,                -- its id in the glossary
    subject TEXT,                 -- subjectField
    do_not_translate INTEGER NOT NULL,
    data TEXT NOT NULL,           -- JSON TermEntry, the whole entry as imported
    UNIQUE (collection, key)
);
CREATE INDEX term_entry_id ON term_entry(entry_id);
CREATE TABLE term (               -- one term of an entry in one language
    id INTEGER PRIMARY KEY,
    entry INTEGER NOT NULL REFERENCES term_entry(id),
    lang TEXT NOT NULL,           -- canonical BCP 47 tag
    lang_base TEXT NOT NULL,      -- primary language subtag
    text TEXT NOT NULL,
    status TEXT,                  -- preferred, admitted, standardized, deprecated, superseded, forbidden
    case_sensitive INTEGER NOT NULL
);
CREATE INDEX term_entry_lang ON term(entry, lang_base);
";

/// What version 7 adds: the order of a header's `<prop>`, `<note>` and
/// `<ude>` children as the file had them (TMX 1.4b lets them interleave),
/// one letter per child (`p`, `n`, `u`: [`memoria_core::tu::HeaderChild`]).
/// NULL for a header stored before: written udes, notes, props.
pub(crate) const SCHEMA_HEADER_ORDER: &str = "
ALTER TABLE header ADD COLUMN layout TEXT;
";

/// What version 8 adds: a TU belongs to every collection that imported it.
/// The TU's own collection (`tu.collection_id` since version 14) is the
/// first; a later import under another collection
/// that brings the same TU (a duplicate, not stored again) adds a row here,
/// so that `export --collection` gives it and `stats` counts it there.
pub(crate) const SCHEMA_TU_COLLECTION: &str = "
CREATE TABLE tu_collection (
    collection TEXT NOT NULL,     -- a collection that imported the TU after its own
    tu_id INTEGER NOT NULL,       -- the TU (deleted with it)
    PRIMARY KEY (collection, tu_id)
) WITHOUT ROWID;
CREATE INDEX tu_collection_tu ON tu_collection(tu_id);
";

/// What version 13 adds: each TU holds the id range of its TUVs, which
/// memoria gives consecutive ids when it stores the TU (and never moves), so
/// that a TU's TUVs are read by rowid from its range: `tuv.id BETWEEN
/// tu.tuv_first AND tu.tuv_first + tu.tuv_span - 1 AND tuv.tu_id = tu.id`
/// (the `tu_id` test keeps the read right even if another TU's TUV fell in
/// the range). The ranges of the TUs stored before are read from the
/// `tuv_tu` index, which served that read before and goes (27 MB of a TM of
/// 1M pairs). A TU without TUVs (which `verify` reports) has NULLs.
pub(crate) const SCHEMA_TUV_RANGE: &str = "
ALTER TABLE tu ADD COLUMN tuv_first INTEGER;  -- id of its first TUV
ALTER TABLE tu ADD COLUMN tuv_span INTEGER;   -- its TUVs' ids are in tuv_first .. tuv_first + tuv_span - 1
UPDATE tu SET tuv_first = r.first, tuv_span = r.last - r.first + 1
FROM (SELECT tu_id, min(id) AS first, max(id) AS last FROM tuv GROUP BY tu_id) AS r WHERE r.tu_id = tu.id;
DROP INDEX IF EXISTS tuv_tu;
";

/// What version 14 changes on the `tu` table: the collection's name, the
/// same on all the TUs of an import, is stored once, in the `collection`
/// table, and each TU holds its id (`collection_id`); the `collection`
/// column goes. A TU whose first attribute is `srclang` (as every TU of
/// many TMX files) holds its value in the `srclang` column, and `attrs`
/// the others ([`crate::sqlite::rows::split_srclang`]); loading the TU puts
/// it back in front. The TUs stored before are converted in place.
pub(crate) const SCHEMA_COLLECTION_IDS: &str = "
CREATE TABLE collection (         -- the collections: import batches or TM names
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE     -- as given (--collection), or the file name
);
INSERT INTO collection (name) SELECT collection FROM tu WHERE collection IS NOT NULL
    GROUP BY collection ORDER BY min(id);
ALTER TABLE tu ADD COLUMN collection_id INTEGER;  -- collection(id) of its provenance, NULL: none
ALTER TABLE tu ADD COLUMN srclang TEXT;          -- its first attribute when that is srclang (not in attrs)
UPDATE tu SET collection_id = c.id FROM collection AS c WHERE c.name = tu.collection;
UPDATE tu SET srclang = json_extract(attrs, '$[0][1]'),
    attrs = CASE json_array_length(attrs) WHEN 1 THEN '' ELSE json_remove(attrs, '$[0]') END
    WHERE attrs <> '' AND json_extract(attrs, '$[0][0]') = 'srclang';
ALTER TABLE tu DROP COLUMN collection;
";

/// Version 8 → 9: the FTS5 trigram concordance table (with its shadow
/// tables; 616 MB of a 1.4 GB TM of 1M pairs) and its high-water mark go:
/// concordance reads the candidate postings since 9. The space is free
/// pages of the file, reused by later imports, until a `VACUUM` (sqlite3).
pub(crate) const MIGRATE_9: &str = "
DROP TABLE IF EXISTS concordance;
DELETE FROM meta WHERE name = 'fts_upto';
";

/// Opens the schema on `conn`: creates it in an empty database, migrates an
/// older memoria TM forward, refuses anything else without writing to it.
pub(crate) fn init(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    let e = |err| sql(path, err);
    // One read transaction: version and tables from the same snapshot, even
    // while another process creates the schema.
    let snapshot = conn.transaction().map_err(e)?;
    let version: i64 = snapshot.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|err| match err {
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::NotADatabase => {
            StoreError::NotATm { path: path.into(), what: "not a SQLite database (not a memoria TM)".into() }
        }
        other => e(other),
    })?;
    let tables: i64 = snapshot.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0)).map_err(e)?;
    let has_tu: bool = snapshot
        .query_row("SELECT count(*) FROM sqlite_master WHERE name IN ('tu', 'tuv')", [], |r| r.get::<_, i64>(0))
        .map_err(e)?
        == 2;
    snapshot.commit().map_err(e)?;
    if version == 0 && tables > 0 || version > 0 && !has_tu {
        return Err(StoreError::NotATm {
            path: path.into(),
            what: "SQLite database without a memoria schema (not a memoria TM)".into(),
        });
    }
    if version > SCHEMA_VERSION {
        return Err(StoreError::NotATm {
            path: path.into(),
            what: format!(
                "TM schema version {version} is newer than this memoria supports ({SCHEMA_VERSION}); upgrade memoria"
            ),
        });
    }
    if version < SCHEMA_VERSION {
        // Two processes opening a new TM at once: the switch to WAL needs an
        // exclusive lock, and SQLite answers BUSY at once (no busy handler:
        // it could deadlock), so retry for up to the busy timeout.
        if version == 0 {
            // Only a new, empty file takes a page size (WAL fixes it after).
            conn.pragma_update(None, "page_size", PAGE_SIZE).map_err(e)?;
        }
        retry_busy(conn, || conn.pragma_update(None, "journal_mode", "WAL")).map_err(e)?;
    }
    if version >= 1 && !journal_mode(conn).is_ok_and(|m| m.eq_ignore_ascii_case("wal")) {
        // An import into an empty TM runs under a rollback journal and
        // restores WAL when it ends; a crash in between leaves the TM in
        // that mode (its hot journal rolled back by this open): WAL again.
        set_journal_mode(conn, "WAL", true);
    }
    conn.execute_batch(&format!(
        "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY; {MMAP}"
    ))
    .map_err(e)?;
    if version == 0 {
        // Another process may be creating the same new TM: take the write
        // lock first, then look again.
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(e)?;
        let now: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(e)?;
        if now == 0 {
            tx.execute_batch(&format!(
                "{SCHEMA} {SCHEMA_3} {SCHEMA_AUDIT} {SCHEMA_TERMS} {SCHEMA_HEADER_ORDER} {SCHEMA_TU_COLLECTION} \
                 {SCHEMA_TUV_RANGE} {SCHEMA_COLLECTION_IDS} PRAGMA user_version = {SCHEMA_VERSION};"
            ))
            .map_err(e)?;
        }
        tx.commit().map_err(e)?;
    } else if version < SCHEMA_VERSION {
        migrate(conn, path)?;
    }
    Ok(())
}

/// Migrates an older TM to [`SCHEMA_VERSION`], one version after the other
/// (1 → 2 → … → 14), all in one transaction: a failure or a kill leaves the
/// file at its old version.
fn migrate(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    let e = |err| sql(path, err);
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(e)?;
    // Another process may have migrated it while this one waited for the lock.
    let version = tx.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)).map_err(e)?;
    if version == 1 {
        migrate_1_to_2(&tx, path)?;
    }
    if (1..=2).contains(&version) {
        tx.execute_batch(&format!("{SCHEMA_3} PRAGMA user_version = 3;")).map_err(e)?;
    }
    // Version 1 → 2 built the postings with today's terms (index_terms).
    if (2..=3).contains(&version) {
        add_short_terms(&tx, path)?;
    }
    // Version 4 → 5: the audit trail.
    if (1..=4).contains(&version) {
        tx.execute_batch(SCHEMA_AUDIT).map_err(e)?;
    }
    // Version 5 → 6: the term tables.
    if (1..=5).contains(&version) {
        tx.execute_batch(SCHEMA_TERMS).map_err(e)?;
    }
    // Version 6 → 7: the order of a header's children.
    if (1..=6).contains(&version) {
        tx.execute_batch(SCHEMA_HEADER_ORDER).map_err(e)?;
    }
    // Version 7 → 8: the TU–collection links (none yet: every TU is in its
    // own collection only).
    if (1..=7).contains(&version) {
        tx.execute_batch(SCHEMA_TU_COLLECTION).map_err(e)?;
    }
    // Version 8 → 9: the FTS5 concordance table goes (1 → 2 made one).
    if (1..=8).contains(&version) {
        tx.execute_batch(MIGRATE_9).map_err(e)?;
    }
    // Version 9 → 10 → 11: nothing to change (keys stored whole, `[]` lists
    // and the two-column `tuv_exact` stay valid).
    // Version 11 → 12: the tiny-word terms (3 → 4 added them with the short
    // ones, as index_terms does today).
    if (4..=11).contains(&version) {
        add_tiny_terms(&tx, path)?;
    }
    // Version 12 → 13: the TUV ranges on the TU instead of `tuv_tu`.
    if (1..=12).contains(&version) {
        tx.execute_batch(SCHEMA_TUV_RANGE).map_err(e)?;
    }
    // Version 13 → 14: collection ids and the srclang column.
    if (1..=13).contains(&version) {
        tx.execute_batch(SCHEMA_COLLECTION_IDS).map_err(e)?;
    }
    tx.execute_batch(&format!("PRAGMA user_version = {SCHEMA_VERSION};")).map_err(e)?;
    tx.commit().map_err(e)
}

/// Version 3 → 4: adds to the postings the short-word terms of every short
/// key and the skeleton term of every TUV whose skeleton is short enough
/// ([`crate::index::index_terms`]): 1M TUVs in a few seconds.
fn add_short_terms(tx: &rusqlite::Transaction<'_>, path: &Path) -> Result<(), StoreError> {
    rebuild_terms(tx, path, None, |lang_base, key| {
        let mut terms = short_terms(lang_base, key);
        terms.extend(skeleton_term(lang_base, key.chars()));
        terms
    })
}

/// Version 11 → 12: (re)builds the tiny-word postings: the tiny-word terms
/// of every key of at most [`TINY_KEY_MAX`] chars ([`tiny_terms`]): 10M
/// pairs in 47 s.
fn add_tiny_terms(tx: &rusqlite::Transaction<'_>, path: &Path) -> Result<(), StoreError> {
    rebuild_terms(tx, path, Some(TINY_KEY_MAX), tiny_terms)
}

/// Puts into the postings the terms `terms(lang_base, key)` of every TUV
/// whose key has at most `max_chars` chars (`None`: every TUV), the rows
/// those terms had before replaced (no other term hashes the same), so
/// that running it again gives the same index; inside the caller's
/// transaction, in one read of the `tuv` table in id order.
fn rebuild_terms(
    tx: &rusqlite::Transaction<'_>,
    path: &Path,
    max_chars: Option<usize>,
    terms: impl Fn(&str, &str) -> Vec<i64>,
) -> Result<(), StoreError> {
    let e = |err| sql(path, err);
    let corrupt = |err: rusqlite::types::FromSqlError| StoreError::Corrupt(err.to_string());
    let mut postings = PostingWriter::new();
    let mut written: HashSet<i64> = HashSet::new();
    let mut flush = |postings: &mut PostingWriter| -> Result<(), StoreError> {
        let (lists, per_lang) = postings.take().into_lists();
        let mut clear = tx.prepare_cached("DELETE FROM posting WHERE term = ?1").map_err(e)?;
        for t in lists.terms() {
            if written.insert(t) {
                clear.execute([t]).map_err(e)?;
            }
        }
        write_lists(tx, path, &lists, per_lang)
    };
    let mut read =
        tx.prepare("SELECT id, lang_base, key, key_len, text FROM tuv WHERE key_len <= ?1 ORDER BY id").map_err(e)?;
    let mut rows = read.query([max_chars.map_or(i64::MAX, |m| m as i64)]).map_err(e)?;
    let mut buf = KeyBuf::default();
    while let Some(r) = rows.next().map_err(e)? {
        let lang_base = r.get_ref(1).map_err(e)?.as_str().map_err(corrupt)?;
        let text = r.get_ref(4).map_err(e)?.as_str().map_err(corrupt)?;
        let key = key_of(r.get_ref(2).map_err(e)?, r.get(3).map_err(e)?, text, &mut buf)?;
        let terms = terms(lang_base, key);
        if !terms.is_empty() {
            postings.add_terms(r.get(0).map_err(e)?, &terms);
            if postings.should_flush() {
                flush(&mut postings)?;
            }
        }
    }
    flush(&mut postings)
}

/// Version 1 → 2: moves context hashes and dates to the TU, re-derives every
/// TUV's normalised hash and match key, builds the postings. Runs inside
/// the caller's transaction.
fn migrate_1_to_2(tx: &rusqlite::Transaction<'_>, path: &Path) -> Result<(), StoreError> {
    let e = |err| sql(path, err);
    tx.execute_batch(
        "ALTER TABLE tu ADD COLUMN changed INTEGER NOT NULL DEFAULT 0;
         ALTER TABLE tu ADD COLUMN creator TEXT;
         ALTER TABLE tu ADD COLUMN changer TEXT;
         ALTER TABLE tu ADD COLUMN prev_hash INTEGER;
         ALTER TABLE tu ADD COLUMN next_hash INTEGER;
         UPDATE tu SET changed = created;
         ALTER TABLE tuv RENAME TO tuv_v1;
         DROP INDEX IF EXISTS tuv_exact; DROP INDEX IF EXISTS tuv_len; DROP INDEX IF EXISTS tuv_tu;",
    )
    .map_err(e)?;
    let v2_rest = SCHEMA.split("CREATE TABLE tuv (").nth(1).expect("schema has tuv");
    tx.execute_batch(&format!(
        "CREATE TABLE meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL); CREATE TABLE tuv ({v2_rest}"
    ))
    .map_err(e)?;
    let mut postings = PostingWriter::new();
    {
        let mut read = tx
            .prepare("SELECT id, tu_id, lang, seg, attrs, props, notes, prev_hash, next_hash FROM tuv_v1 ORDER BY id")
            .map_err(e)?;
        let mut rows = read.query([]).map_err(e)?;
        let mut ctx = tx.prepare("UPDATE tu SET prev_hash = ?2, next_hash = ?3 WHERE id = ?1").map_err(e)?;
        let mut ins = tx.prepare(crate::sqlite::insert::INS_TUV_WITH_ID).map_err(e)?;
        while let Some(r) = rows.next().map_err(e)? {
            let (id, tu_id, lang): (i64, i64, String) =
                (r.get(0).map_err(e)?, r.get(1).map_err(e)?, r.get(2).map_err(e)?);
            let seg: Content = serde_json::from_str(&r.get::<_, String>(3).map_err(e)?)
                .map_err(|err| StoreError::Corrupt(format!("TUV {id}: {err}")))?;
            let tag = LangTag::new(&lang).map_err(|err| StoreError::Corrupt(err.to_string()))?;
            let row = crate::sqlite::prepare::TuvRow::new(&tag, &seg);
            ins.execute(params![
                id,
                tu_id,
                tag.as_str(),
                tag.language(),
                row.text,
                row.seg_json,
                row.norm_hash,
                row.key,
                row.key_len,
                r.get::<_, String>(4).map_err(e)?,
                r.get::<_, String>(5).map_err(e)?,
                r.get::<_, String>(6).map_err(e)?
            ])
            .map_err(e)?;
            postings.add(tag.language(), id, &row.terms);
            let (p, n): (Option<i64>, Option<i64>) = (r.get(7).map_err(e)?, r.get(8).map_err(e)?);
            if p.is_some() || n.is_some() {
                ctx.execute(params![tu_id, p, n]).map_err(e)?;
            }
        }
    }
    postings.flush(tx, path)?;
    tx.execute_batch(
        "DROP TABLE tuv_v1;
         PRAGMA user_version = 2;",
    )
    .map_err(e)?;
    Ok(())
}

/// The memory map of TM pages for reading: the whole file, up to 1 TiB
/// (`.cargo/config.toml` raises SQLite's compile-time cap,
/// `SQLITE_MAX_MMAP_SIZE`, from 2 GB to that: under it the pages of a
/// 10M-pair TM, 4.8 GB, past the first 2 GB were read by `read()` calls
/// into the page cache). Address space only: the pages mapped are the
/// kernel's page cache, shared and given back under memory pressure.
pub(crate) const MMAP: &str = "PRAGMA mmap_size = 1099511627776";

/// The journal mode of the TM (`wal`, `delete`, …).
fn journal_mode(conn: &Connection) -> rusqlite::Result<String> {
    conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))
}

/// Sets the journal mode (`WAL`, `DELETE`); with `retry`, tries again while
/// another connection holds a lock, for up to 10 s (SQLite answers BUSY at
/// once here). Whether the TM is now in that mode (SQLite keeps the old one
/// when it cannot change it).
pub(crate) fn set_journal_mode(conn: &Connection, mode: &str, retry: bool) -> bool {
    let set = || conn.query_row(&format!("PRAGMA journal_mode = {mode}"), [], |r| r.get::<_, String>(0));
    let now = if retry { retry_busy(conn, set) } else { set() };
    now.is_ok_and(|m| m.eq_ignore_ascii_case(mode))
}

/// Puts a TM an import ran under a rollback journal back in WAL mode, with
/// its memory map (errors ignored: the next open restores WAL as well).
pub(crate) fn restore_wal(conn: &Connection) {
    set_journal_mode(conn, "WAL", true);
    let _ = conn.execute_batch(MMAP);
}

/// Runs `f` again while SQLite answers `SQLITE_BUSY`, for up to the
/// connection's busy timeout (`PRAGMA busy_timeout`, the `--wait` of the
/// command; SQLite does not call its busy handler for a journal-mode switch).
fn retry_busy<T>(conn: &Connection, mut f: impl FnMut() -> rusqlite::Result<T>) -> rusqlite::Result<T> {
    let wait_ms: u64 = conn.query_row("PRAGMA busy_timeout", [], |r| r.get(0)).unwrap_or(10_000);
    let until = std::time::Instant::now() + std::time::Duration::from_millis(wait_ms);
    loop {
        match f() {
            Err(rusqlite::Error::SqliteFailure(err, _))
                if err.code == rusqlite::ErrorCode::DatabaseBusy && std::time::Instant::now() < until =>
            {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            other => return other,
        }
    }
}
