use std::path::PathBuf;

/// What kind of failure a backend reported, where the caller may act on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// Another connection held a lock longer than the wait allowed: the TM
    /// is busy (e.g. another process is importing) and the same command may
    /// succeed later.
    Busy,
    /// The TM's storage is damaged.
    Corrupt,
    /// The TM's server could not be reached, or the connection to it was
    /// lost (refused, timed out, server shut down): nothing was changed,
    /// and the same command may succeed once the server is back.
    Unreachable,
    /// Anything else (I/O, constraint, permission).
    Other,
}

/// Errors of the translation memory, on every backend.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The backend failed: `location` is the TM's file or server (never a
    /// password), `message` the backend's own words.
    #[error("{location}: {message}")]
    Backend { location: String, kind: ErrorKind, message: String },
    /// The file is SQLite but not a memoria TM, or was made by a newer memoria.
    #[error("{path}: {what}")]
    NotATm { path: PathBuf, what: String },
    /// A temporary file of an import could not be written or read.
    #[error("temporary file of the import: {0}")]
    TempFile(#[from] std::io::Error),
    /// A stored row could not be decoded.
    #[error("corrupt TM row: {0}")]
    Corrupt(String),
    /// What a maintenance command names is not in the TM (a TU id, a TU's
    /// variant in a language): the message says what and what there is.
    #[error("{0}")]
    NotFound(String),
    /// The source of an import's TUs (a file reader) failed; nothing is
    /// imported. Its own message, unchanged.
    #[error(transparent)]
    Feed(Box<dyn std::error::Error + Send + Sync>),
}

impl StoreError {
    /// Whether another connection held a lock longer than the wait allowed
    /// (SQLite's `SQLITE_BUSY`/`SQLITE_LOCKED`): the TM is busy, e.g. another
    /// process is importing into it, and the same command may succeed later.
    pub fn is_busy(&self) -> bool {
        matches!(self, StoreError::Backend { kind: ErrorKind::Busy, .. })
    }

    /// Whether the TM's server could not be reached or the connection to it
    /// was lost ([`ErrorKind::Unreachable`]).
    pub fn is_unreachable(&self) -> bool {
        matches!(self, StoreError::Backend { kind: ErrorKind::Unreachable, .. })
    }
}
