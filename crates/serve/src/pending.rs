//! Reviews in progress (an alignment not yet approved, a release being
//! confirmed), kept as JSON files in the review folder so that they survive
//! a restart. Names are `KIND-ID.json` with a random hex id: a request can
//! only name a file of this folder, never a path.

use serde::{de::DeserializeOwned, Serialize};
use std::path::{Path, PathBuf};

pub(crate) struct Store {
    dir: PathBuf,
}

/// Whether `id` is one this store hands out (hex, 16 chars).
fn valid(id: &str) -> bool {
    id.len() == 16 && id.bytes().all(|b| b.is_ascii_hexdigit())
}

impl Store {
    pub(crate) fn open(dir: &Path) -> std::io::Result<Store> {
        std::fs::create_dir_all(dir)?;
        Ok(Store { dir: dir.to_path_buf() })
    }

    fn path(&self, kind: &str, id: &str) -> PathBuf {
        self.dir.join(format!("{kind}-{id}.json"))
    }

    /// A new id.
    pub(crate) fn new_id() -> String {
        crate::security::random_token()[..16].to_string()
    }

    /// Writes `value` whole or not at all (a temporary file renamed).
    pub(crate) fn save<T: Serialize>(&self, kind: &str, id: &str, value: &T) -> std::io::Result<()> {
        let tmp = self.dir.join(format!(".{kind}-{id}.json.part"));
        std::fs::write(&tmp, serde_json::to_vec(value).map_err(std::io::Error::other)?)?;
        std::fs::rename(&tmp, self.path(kind, id))
    }

    /// The review `id` of `kind`, if there is one.
    pub(crate) fn load<T: DeserializeOwned>(&self, kind: &str, id: &str) -> Option<T> {
        if !valid(id) {
            return None;
        }
        let bytes = std::fs::read(self.path(kind, id)).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    pub(crate) fn remove(&self, kind: &str, id: &str) {
        if valid(id) {
            let _ = std::fs::remove_file(self.path(kind, id));
        }
    }

    /// (id, title) of every review of `kind`; the title is the JSON's `title`.
    pub(crate) fn list(&self, kind: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let Ok(dir) = std::fs::read_dir(&self.dir) else { return out };
        for e in dir.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let Some(id) = name.strip_prefix(&format!("{kind}-")).and_then(|n| n.strip_suffix(".json")) else {
                continue;
            };
            if let Some(v) = self.load::<serde_json::Value>(kind, id) {
                out.push((id.to_string(), v["title"].as_str().unwrap_or("").to_string()));
            }
        }
        out.sort();
        out
    }
}
