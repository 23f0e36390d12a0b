//! Opening a TM only to read it ([`SqliteTm::open_reader`]), without
//! writing anything: not the TM, and no `-wal`/`-shm` file beside it that
//! another user would then own.
//!
//! A reader that may write beside the TM (it owns the file, or is root,
//! and the folder is writable) opens it as a writer does (so that an older
//! TM is migrated, and the WAL files are shared with writers as usual).
//! Otherwise it opens it read-only (`mode=ro`), and where no writer can
//! exist or none is running, `immutable=1` (no locks, no `-shm`):
//! - on a read-only file system (no writer can exist);
//! - when no `-shm` file exists (no connection has the TM open in WAL mode)
//!   and this process could not create one (a read-only folder, a full
//!   disk), or would create one owned by itself beside another user's TM.
//!   A writer that starts while such a
//!   reader reads is not seen by it (it reads the TM as it was).

use super::SqliteTm;
use crate::error::StoreError;
use crate::sqlite::rows::sql;
use crate::sqlite::schema::SCHEMA_VERSION;
use rusqlite::{Connection, OpenFlags};
use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::time::Duration;

/// How a reader opens the TM.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// As a writer does.
    Writer,
    /// `mode=ro`: shares the WAL files that exist.
    ReadOnly,
    /// `mode=ro&immutable=1`: reads the file alone.
    Immutable,
}

/// Whether this process may write `path` (effective ids, as the kernel
/// decides, root included).
fn writable(path: &Path) -> bool {
    let Ok(c) = CString::new(path.as_os_str().as_bytes()) else { return false };
    // SAFETY: a valid NUL-terminated path; faccessat only inspects.
    unsafe { libc::faccessat(libc::AT_FDCWD, c.as_ptr(), libc::W_OK, libc::AT_EACCESS) == 0 }
}

/// Whether the file system holding `path` is mounted read-only.
fn on_read_only_fs(path: &Path) -> bool {
    let Ok(c) = CString::new(path.as_os_str().as_bytes()) else { return false };
    // SAFETY: statvfs is plain data; zeroed is valid; the path is valid.
    let mut s: libc::statvfs = unsafe { std::mem::zeroed() };
    unsafe { libc::statvfs(c.as_ptr(), &mut s) == 0 && s.f_flag & libc::ST_RDONLY != 0 }
}

/// Whether the file system holding `path` has no block left for this
/// process (a write failed because the disk is full).
pub(crate) fn disk_full(path: &Path) -> bool {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let Ok(c) = CString::new(dir.as_os_str().as_bytes()) else { return false };
    // SAFETY: as above.
    let mut s: libc::statvfs = unsafe { std::mem::zeroed() };
    unsafe { libc::statvfs(c.as_ptr(), &mut s) == 0 && s.f_bavail == 0 }
}

fn mode(path: &Path) -> Mode {
    use std::os::unix::fs::MetadataExt;
    // No writer can exist on a read-only file system; on a full one no
    // `-shm` file can be made, and none exists: no connection has it open.
    if on_read_only_fs(path) || (disk_full(path) && !shm_exists(path)) {
        return Mode::Immutable;
    }
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    // SAFETY: geteuid cannot fail.
    let euid = unsafe { libc::geteuid() };
    let owner = std::fs::metadata(path).map(|m| m.uid() == euid).unwrap_or(false) || euid == 0;
    if owner && writable(path) && writable(dir) {
        return Mode::Writer;
    }
    if shm_exists(path) {
        Mode::ReadOnly
    } else {
        Mode::Immutable
    }
}

/// Whether the TM's `-shm` file exists (some connection has it open in WAL
/// mode, or had it and could not remove it).
fn shm_exists(path: &Path) -> bool {
    let mut shm = path.as_os_str().to_owned();
    shm.push("-shm");
    Path::new(&shm).exists()
}

/// `path` as an SQLite URI file name (percent-encoded where it must be).
fn uri(path: &Path, query: &str) -> String {
    let mut s = String::from("file:");
    for &b in path.as_os_str().as_bytes() {
        match b {
            b'?' | b'#' | b'%' | b'&' | b'=' | 0x00..=0x20 | 0x7F..=0xFF => s.push_str(&format!("%{b:02X}")),
            _ => s.push(b as char),
        }
    }
    s.push('?');
    s.push_str(query);
    s
}

/// Refuses, before SQLite opens it, a TM this process cannot write: a
/// writer would fail at its first write, and on the way leave `-wal` and
/// `-shm` files owned by this user beside another user's TM.
pub(crate) fn refuse_unwritable(path: &Path) -> Result<(), StoreError> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let why = if !path.exists() {
        return Ok(());
    } else if on_read_only_fs(path) {
        "its file system is mounted read-only"
    } else if !writable(path) {
        "this user may not write its file"
    } else if !writable(dir) && !shm_exists(path) {
        "this user may not write its folder (for the -wal and -shm files)"
    } else {
        return Ok(());
    };
    Err(StoreError::Backend {
        location: path.display().to_string(),
        kind: crate::error::ErrorKind::Other,
        message: format!("the TM is read-only here: {why}; nothing was written (reading commands still work)"),
    })
}

impl SqliteTm {
    /// Opens the TM at `path` for reading only (see the module doc): never
    /// creates it, never writes to it or beside it unless this process may
    /// (then as [`SqliteTm::open_waiting`] does).
    pub fn open_reader(path: &Path, wait: Duration) -> Result<SqliteTm, StoreError> {
        let mode = mode(path);
        if mode == Mode::Writer {
            return SqliteTm::open_waiting(path, wait);
        }
        let query = if mode == Mode::Immutable { "mode=ro&immutable=1" } else { "mode=ro" };
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(uri(path, query), flags).map_err(|e| sql(path, e))?;
        conn.busy_timeout(wait).map_err(|e| sql(path, e))?;
        check_schema(&conn, path)?;
        conn.execute_batch(&format!(
            "PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY; {}",
            crate::sqlite::schema::MMAP
        ))
        .map_err(|e| sql(path, e))?;
        Ok(SqliteTm { conn, path: path.to_path_buf() })
    }
}

/// Refuses a file that is not a memoria TM of this version (a reader cannot
/// migrate an older one).
fn check_schema(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|err| match err {
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::NotADatabase => {
            StoreError::NotATm { path: path.into(), what: "not a SQLite database (not a memoria TM)".into() }
        }
        other => sql(path, other),
    })?;
    let has_tu: bool = conn
        .query_row("SELECT count(*) FROM sqlite_master WHERE name IN ('tu', 'tuv')", [], |r| r.get::<_, i64>(0))
        .map_err(|e| sql(path, e))?
        == 2;
    if version == 0 || !has_tu {
        return Err(StoreError::NotATm {
            path: path.into(),
            what: "SQLite database without a memoria schema (not a memoria TM)".into(),
        });
    }
    if version != SCHEMA_VERSION {
        let what = if version > SCHEMA_VERSION {
            format!(
                "TM schema version {version} is newer than this memoria supports ({SCHEMA_VERSION}); upgrade memoria"
            )
        } else {
            format!(
                "TM schema version {version} must be migrated to {SCHEMA_VERSION}, and the TM is read-only here; \
                 open it once where it can be written (e.g. memoria stats as its owner)"
            )
        };
        return Err(StoreError::NotATm { path: path.into(), what });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_escapes_what_sqlite_would_read_as_query() {
        assert_eq!(uri(Path::new("/a b/t?m#1%.db"), "mode=ro"), "file:/a%20b/t%3Fm%231%25.db?mode=ro");
    }
}
