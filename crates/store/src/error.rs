use std::path::PathBuf;

/// Errors of the translation memory.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite failed (I/O, corruption, constraint).
    #[error("{path}: {source}")]
    Sqlite { path: PathBuf, source: rusqlite::Error },
    /// The file is SQLite but not a memoria TM, or was made by a newer memoria.
    #[error("{path}: {what}")]
    NotATm { path: PathBuf, what: String },
    /// A temporary file of an import (see `keys.rs`) could not be written or read.
    #[error("temporary file of the import: {0}")]
    TempFile(#[from] std::io::Error),
    /// A stored row could not be decoded.
    #[error("corrupt TM row: {0}")]
    Corrupt(String),
}

impl StoreError {
    /// Whether SQLite gave up waiting for a lock another connection holds
    /// (`SQLITE_BUSY`/`SQLITE_LOCKED`): the TM is busy, e.g. another process is
    /// importing into it, and the same command may succeed later.
    pub fn is_busy(&self) -> bool {
        matches!(
            self,
            StoreError::Sqlite { source: rusqlite::Error::SqliteFailure(f, _), .. }
                if matches!(f.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
        )
    }
}
