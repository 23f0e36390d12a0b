//! `memoria.toml` read with its spans: every key's place (line:col) is kept
//! so that a bad value and `memoria config` can name it.
//!
//! The file's shape is [`FileSettings`]; unknown keys are refused
//! (`deny_unknown_fields`), so a misspelt `min_scroe` is an error at its
//! line and column rather than a setting silently ignored.

use serde::Deserialize;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// A value from the file and its byte range in it.
pub type At<T> = Option<Spanned<T>>;

/// The whole file. Every table and key is optional.
#[derive(Deserialize, Default, Debug)]
#[serde(deny_unknown_fields)]
pub struct FileSettings {
    #[serde(default)]
    pub languages: Languages,
    #[serde(default)]
    pub tm: TmSection,
    #[serde(default, rename = "match")]
    pub matching: MatchSection,
    #[serde(default)]
    pub analysis: AnalysisSection,
    #[serde(default)]
    pub segmentation: SegmentationSection,
    #[serde(default)]
    pub terms: TermsSection,
    #[serde(default)]
    pub check: CheckSection,
    #[serde(default)]
    pub serve: ServeSection,
}

/// `[languages]`: the default pair is `source` -> `targets` (the first
/// target for commands that take one).
#[derive(Deserialize, Default, Debug)]
#[serde(deny_unknown_fields)]
pub struct Languages {
    pub source: At<String>,
    pub targets: At<Vec<String>>,
}

/// `[tm]`: where the TM is and how long a writer waits for another.
#[derive(Deserialize, Default, Debug)]
#[serde(deny_unknown_fields)]
pub struct TmSection {
    pub db: At<String>,
    pub wait: At<f64>,
}

/// `[match]`: thresholds.
#[derive(Deserialize, Default, Debug)]
#[serde(deny_unknown_fields)]
pub struct MatchSection {
    pub min_score: At<i64>,
    pub lookup_min_score: At<i64>,
    pub candidates: At<i64>,
}

/// `[analysis]`: the weight of each band for weighted words.
#[derive(Deserialize, Default, Debug)]
#[serde(deny_unknown_fields)]
pub struct AnalysisSection {
    pub weights: At<toml::Table>,
}

/// `[segmentation]`: SRX rules.
#[derive(Deserialize, Default, Debug)]
#[serde(deny_unknown_fields)]
pub struct SegmentationSection {
    pub rules: At<String>,
}

/// `[terms]`: termbases (TBX) used by the terminology commands and checks.
#[derive(Deserialize, Default, Debug)]
#[serde(deny_unknown_fields)]
pub struct TermsSection {
    pub termbases: At<Vec<String>>,
}

/// `[check]`: QA settings.
#[derive(Deserialize, Default, Debug)]
#[serde(deny_unknown_fields)]
pub struct CheckSection {
    pub fail_on: At<String>,
    pub disable: At<Vec<String>>,
    pub min_translated: At<f64>,
}

/// `[serve]`: the review server.
#[derive(Deserialize, Default, Debug)]
#[serde(deny_unknown_fields)]
pub struct ServeSection {
    pub address: At<String>,
}

/// A read `memoria.toml`: its path, text (for line:col) and settings.
pub struct ConfigFile {
    pub path: PathBuf,
    pub text: String,
    pub settings: FileSettings,
}

impl ConfigFile {
    /// Reads and parses `path`. Errors name `path:line:col` and what was
    /// expected (toml's message for syntax, types and unknown keys).
    pub fn read(path: &Path) -> anyhow::Result<ConfigFile> {
        let bytes = std::fs::read(path).map_err(|e| {
            anyhow::anyhow!("{}: cannot read the settings file ({})", path.display(), crate::output::io_words(&e))
        })?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            let (l, c) = line_col(&String::from_utf8_lossy(&e.as_bytes()[..at]), at);
            anyhow::anyhow!("{}:{l}:{c}: invalid UTF-8; expected a TOML file", path.display())
        })?;
        let settings: FileSettings = toml::from_str(&text).map_err(|e| {
            let first = e.message().lines().next().unwrap_or("invalid TOML").trim_end_matches('.');
            match e.span() {
                Some(s) => {
                    let (l, c) = line_col(&text, s.start);
                    anyhow::anyhow!("{}:{l}:{c}: {first}", path.display())
                }
                None => anyhow::anyhow!("{}: {first}", path.display()),
            }
        })?;
        Ok(ConfigFile { path: path.to_path_buf(), text, settings })
    }

    /// `path:line:col` of byte `offset`.
    pub fn place(&self, offset: usize) -> String {
        let (l, c) = line_col(&self.text, offset);
        format!("{}:{l}:{c}", self.path.display())
    }

    /// The folder paths in the file are relative to.
    pub fn dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

/// Finds `memoria.toml` in `start` or the nearest folder above it, as cargo
/// finds `Cargo.toml`.
pub fn find_upwards(start: &Path) -> Option<PathBuf> {
    start.ancestors().map(|d| d.join(super::FILE_NAME)).find(|p| p.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based_in_characters() {
        assert_eq!(line_col("a = 1\nbé = 2\n", 9), (2, 3));
        assert_eq!(line_col("x", 0), (1, 1));
    }
}
