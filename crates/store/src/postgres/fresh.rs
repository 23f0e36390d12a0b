//! A fresh import into PostgreSQL: one into a TM holding no TU, as
//! SQLite's (`crate::sqlite::import`). Its `COPY` goes into `memoria.tuv`
//! without the index `tuv_exact` and into `memoria.posting` without its
//! primary key, and both are built once at commit: their keys come in
//! random order, so maintaining them row by row dirtied a random page of
//! each for every TUV and posting row (1M pairs: `COPY` into `tuv` took
//! 6.2 s without `tuv_exact`, 35 to 70 s with it; into `posting` 2.9 s
//! instead of 10.8 s; the two builds take about 4 s and 1.6 s). The
//! indexes kept (`tuv`'s and `tu`'s primary keys, `tuv_tu`,
//! `tu_by_collection`) take ascending keys, appended cheaply, and serve
//! the import's own statements (a duplicate's variants, an overwritten
//! TU's rows). Duplicates among the import's TUs are found through
//! [`SourceKeys`] instead of `tuv_exact`.
//!
//! Dropping an index takes an `ACCESS EXCLUSIVE` lock on its table until
//! the transaction ends: while the first import fills an empty TM, other
//! clients' reads of it wait for it (there is nothing to find in it yet);
//! an import into a TM that holds TUs never blocks a reader. Everything
//! is in the import's transaction: a failure, a kill or a server stopped
//! mid-import rolls the drops back with the rows. Only a role that owns
//! both tables may drop their indexes; another imports row by row.

use crate::postgres::conn::Conn;
use crate::sqlite::keys::SourceKeys;

/// Whether the TM is empty and this role may rebuild the two indexes.
const CAN: &str = "SELECT NOT EXISTS (SELECT 1 FROM memoria.tu)
                   AND pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = 'memoria.tuv'::regclass), 'USAGE')
                   AND pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = 'memoria.posting'::regclass), 'USAGE')";

/// The two indexes dropped (under a savepoint, so that a lock not granted
/// within the wait leaves an ordinary import).
const DROP: &str = "SAVEPOINT fresh;
                    DROP INDEX IF EXISTS memoria.tuv_exact;
                    ALTER TABLE memoria.posting DROP CONSTRAINT IF EXISTS posting_pkey;
                    RELEASE SAVEPOINT fresh";

/// The two indexes built, as the schema makes them (`crate::postgres::schema`).
const BUILD: &str = "CREATE INDEX tuv_exact ON memoria.tuv (lang_base, norm_hash);
                     ALTER TABLE memoria.posting ADD CONSTRAINT posting_pkey PRIMARY KEY (term, chunk)";

/// Called in the import's transaction, under the writers' lock (so no
/// other import can add a TU until this one ends): when the TM holds no TU
/// and this role owns `tuv` and `posting`, drops the two indexes and
/// returns the keys that stand in for `tuv_exact`; else `None` (an ordinary
/// import). A lock on the tables not granted (another client reading them
/// for longer than the lock timeout) also gives `None`.
pub(crate) fn begin(c: &mut Conn) -> Result<Option<SourceKeys>, postgres::Error> {
    let can: bool = c.client.query_one(CAN, &[])?.get(0);
    if !can {
        return Ok(None);
    }
    match c.client.batch_execute(DROP) {
        Ok(()) => Ok(Some(SourceKeys::new())),
        Err(e) if e.code().is_some() => {
            c.client.batch_execute("ROLLBACK TO SAVEPOINT fresh; RELEASE SAVEPOINT fresh")?;
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// Builds the two indexes [`begin`] dropped, before the import's commit.
pub(crate) fn build(c: &mut Conn) -> Result<(), postgres::Error> {
    c.client.batch_execute(BUILD)
}
