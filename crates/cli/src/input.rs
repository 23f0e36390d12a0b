//! Reading release files: paths, language from the file name, the document
//! filter (plain text or HTML) and segmentation with the default or a user's
//! SRX rules, as the command line says.
//!
//! Commands that read releases can take the same options with
//! `#[command(flatten)] input: InputArgs` and call [`read_release_with`].

use anyhow::{bail, Context, Result};
use memoria_core::lang::LangTag;
use memoria_core::segment::srx::Srx;
use memoria_core::segment::SegmenterBuilder;
use memoria_formats::filter;
pub use memoria_leverage::release::Release;
use std::io::Read;
use std::path::Path;

/// How to read a release file.
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum InputKind {
    /// HTML for `.html`/`.htm` files, plain text otherwise.
    #[default]
    Auto,
    /// UTF-8 text (BOM and CRLF allowed).
    Text,
    /// HTML: block elements become paragraphs; offsets index the raw file.
    Html,
}

impl From<InputKind> for filter::Kind {
    fn from(k: InputKind) -> filter::Kind {
        match k {
            InputKind::Auto => filter::Kind::Auto,
            InputKind::Text => filter::Kind::Text,
            InputKind::Html => filter::Kind::Html,
        }
    }
}

/// Input options shared by the commands that read releases.
#[derive(clap::Args, Clone, Debug, Default)]
pub struct InputArgs {
    /// Input format: auto (by extension: .html/.htm are HTML), text or html.
    #[arg(long = "input", value_enum, default_value = "auto", value_name = "KIND")]
    pub kind: InputKind,
    /// SRX 2.0 rules to segment with (e.g. a segment.srx from OmegaT or
    /// Okapi) instead of memoria's defaults.
    #[arg(long, value_name = "FILE.srx")]
    pub rules: Option<String>,
    /// Word and OpenDocument releases: read comments as text to translate too (left out by default).
    #[arg(long)]
    pub comments: bool,
}

/// Reads the bytes of `path`, or standard input for `-`, with the path in
/// any error.
pub fn read_bytes(path: &str) -> Result<Vec<u8>> {
    if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).context("reading standard input")?;
        return Ok(buf);
    }
    let p = Path::new(path);
    if p.is_dir() {
        bail!("{path}: is a directory; expected a file");
    }
    std::fs::read(p).with_context(|| format!("{path}: cannot read"))
}

/// The language of a file: `lang` if given, else a `.xx.` or `.xx-YY.` part
/// of the file name (`release.es.txt`), else an error that says how to give it.
pub fn language_of(path: &str, lang: Option<&LangTag>) -> Result<LangTag> {
    if let Some(l) = lang {
        return Ok(l.clone());
    }
    let name = Path::new(path).file_name().and_then(|n| n.to_str()).unwrap_or("");
    let parts: Vec<&str> = name.split('.').collect();
    if parts.len() >= 3 {
        for p in &parts[1..parts.len() - 1] {
            let looks_like_tag = p.len() >= 2
                && p.split('-')
                    .next()
                    .is_some_and(|l| (2..=3).contains(&l.len()) && l.chars().all(|c| c.is_ascii_alphabetic()));
            if looks_like_tag {
                if let Ok(t) = LangTag::new(p) {
                    return Ok(t);
                }
            }
        }
    }
    bail!("{path}: cannot tell the language from the file name; give it with --lang (e.g. --lang es) or name the file like release.es.txt")
}

/// The SRX file of the settings (`segmentation.rules`, `MEMORIA_RULES`),
/// used by every command that reads releases without `--rules` of its own.
static DEFAULT_RULES: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();

/// Sets the rules [`read_release`] segments with (once, from the settings).
pub fn set_default_rules(rules: Option<std::path::PathBuf>) {
    let _ = DEFAULT_RULES.set(rules.map(|p| p.display().to_string()));
}

/// Reads and segments a release in language `lang` (the filter by name,
/// the settings' rules, else memoria's).
pub fn read_release(path: &str, lang: &LangTag) -> Result<Release> {
    let rules = DEFAULT_RULES.get().cloned().flatten();
    read_release_with(path, lang, &InputArgs { rules, ..InputArgs::default() })
}

/// Reads and segments a release with `opts` (input kind, SRX rules).
pub fn read_release_with(path: &str, lang: &LangTag, opts: &InputArgs) -> Result<Release> {
    let segmenter = segmenter(lang, opts.rules.as_deref())?;
    let bytes = read_bytes(path)?;
    let options = filter::Options { comments: opts.comments };
    let rel = Release::read_owned_with(path, bytes, opts.kind.into(), options, lang, &segmenter)
        .map_err(|e| anyhow::anyhow!("{path}: {e}"))?;
    for notice in rel.doc.package_info().map_or(&[][..], |p| &p.notices[..]) {
        msg!("{path}: {notice}");
    }
    if let Some(d) = memoria_leverage::language::other_language(&rel, lang) {
        msg!("warning: {}", language_words(path, &d, lang));
    }
    Ok(rel)
}

/// What to say of a release whose text reads as another language than `lang`.
pub fn language_words(path: &str, d: &memoria_leverage::language::Detected, lang: &LangTag) -> String {
    format!(
        "{path}: the text reads as {} (`{}`, confidence {:.2}), not `{lang}`; check the file and --from/--to",
        d.name, d.code, d.confidence
    )
}

/// A segmenter for `lang`: memoria's default rules, or those of the SRX file
/// `rules` (errors name the file, line and column of a bad rule).
pub fn segmenter(lang: &LangTag, rules: Option<&str>) -> Result<memoria_core::segment::Segmenter> {
    let mut builder = SegmenterBuilder::new(lang.clone());
    if let Some(path) = rules {
        let bytes = read_bytes(path)?;
        let xml =
            String::from_utf8(bytes).map_err(|e| anyhow::anyhow!("{path}: not UTF-8 ({e}); expected an SRX file"))?;
        builder = builder.rules(Srx::parse(xml.trim_start_matches('\u{FEFF}'), path)?);
    }
    let seg = builder.build()?;
    if seg.uses_generic_rules() {
        warn_generic_once(seg.lang());
    }
    Ok(seg)
}

/// Warns once per language that it is segmented with the generic rules.
fn warn_generic_once(lang: &LangTag) {
    static WARNED: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
    let mut warned = WARNED.lock().unwrap_or_else(|p| p.into_inner());
    if !warned.iter().any(|l| l == lang.as_str()) {
        warned.push(lang.as_str().to_string());
        msg!(
            "warning: no segmentation rules of its own for language {lang}; segmenting with memoria's generic rules \
             (titles and spaced abbreviations kept whole; give --rules FILE.srx for better breaks)"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_from_file_name() {
        assert_eq!(language_of("a/release.es.txt", None).unwrap().as_str(), "es");
        assert_eq!(language_of("x.en-GB.txt", None).unwrap().as_str(), "en-GB");
        assert!(language_of("release.txt", None).is_err());
    }
}
