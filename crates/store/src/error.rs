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
    /// A stored row could not be decoded.
    #[error("corrupt TM row: {0}")]
    Corrupt(String),
}
