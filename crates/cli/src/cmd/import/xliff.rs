//! The XLIFF producer of `memoria import`: every segment of an XLIFF 1.1,
//! 1.2, 2.0 or 2.1 file that is a real translation becomes a TU; the others
//! are counted by reason ([`memoria_formats::xliff::classify`]).

use memoria_core::lang::LangTag;
use memoria_core::tu::{Prop, Tu, Tuv};
use memoria_formats::xliff::classify::{classify, Level, Rules};
use memoria_formats::xliff::read::{XUnit, XliffReader};
use memoria_store::{FeedError, Provenance, TuSink};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// How XLIFF files are imported.
#[derive(Clone, Debug, Default)]
pub struct XliffOptions {
    /// `--from`/`--to`: the pair the file must have (or gives it, where the
    /// file names none).
    pub from: Option<LangTag>,
    pub to: Option<LangTag>,
    pub rules: Rules,
    /// `--creator`: the TU's `creationid` where the file names nobody.
    pub creator: Option<String>,
}

/// What reading one XLIFF file found.
#[derive(Debug, Default)]
pub struct XliffRead {
    pub version: String,
    pub encoding: String,
    /// Segments read (units, or their `mrk`/`segment`s).
    pub units: u64,
    /// Segments that gave no TU, by reason.
    pub skipped: BTreeMap<String, u64>,
    pub warnings: Vec<String>,
}

/// An error of the XLIFF producer: the file's name, and line and column
/// where there is one.
fn located(path: &Path, e: impl std::fmt::Display) -> FeedError {
    format!("{}:{e}", path.display()).into()
}

/// Reads `input` and puts a TU into `sink` for each translated segment.
pub(crate) fn read_file(
    input: super::Input,
    opts: &XliffOptions,
    sink: &mut dyn TuSink,
    out: &mut XliffRead,
) -> Result<(), FeedError> {
    let path = Path::new(&input.name);
    let mut r = XliffReader::new(input.reader)
        .map_err(|e| located(path, format_args!("{}:{}: {}", e.line, e.column, e.what)))?;
    out.encoding = r.encoding().to_string();
    out.version = format!("XLIFF {}", r.version());
    let collection = input.collection.clone();
    // Languages and provenance of the `<file>` being read: (file index,
    // source, target, provenance); found at its first translation (a file of
    // no translation needs no language).
    let mut current: Option<(usize, LangTag, LangTag, Arc<Provenance>)> = None;
    while let Some(u) = r.next_unit().map_err(|e| located(path, format_args!("{}:{}: {}", e.line, e.column, e.what)))? {
        out.units += 1;
        let level = match classify(&u, r.is_v2(), opts.rules) {
            Err(skip) => {
                *out.skipped.entry(skip.id()).or_default() += 1;
                continue;
            }
            Ok(level) => level,
        };
        if current.as_ref().map(|c| c.0) != Some(u.file) {
            let f = &r.files()[u.file];
            let (from, to) = languages(path, u.line, f.source_language.as_deref(), f.target_language.as_deref(), opts)?;
            let document = (!f.original.is_empty()).then(|| f.original.clone());
            let prov = Arc::new(Provenance { collection: collection.clone(), document, ..Provenance::default() });
            current = Some((u.file, from, to, prov));
        }
        let Some((_, from, to, prov)) = &current else { continue };
        if sink.add(tu_of(u, level, from, to, opts), prov).is_err() {
            return Ok(());
        }
    }
    out.warnings = r.warnings().iter().map(|w| format!("{}: {w}", path.display())).collect();
    Ok(())
}

/// The pair of a `<file>`: its own languages, which `--from`/`--to` must
/// agree with (same language; a region given on one side only is taken from
/// the other), or the flags where the file names none.
fn languages(
    path: &Path,
    line: usize,
    source: Option<&str>,
    target: Option<&str>,
    opts: &XliffOptions,
) -> Result<(LangTag, LangTag), FeedError> {
    let side = |written: Option<&str>, flag: &Option<LangTag>, what: &str, name: &str| -> Result<LangTag, FeedError> {
        let written = written.filter(|w| !w.trim().is_empty());
        match (written, flag) {
            (Some(w), flag) => {
                let tag =
                    LangTag::new(w.trim()).map_err(|e| located(path, format_args!("{line}:1: {what} {w:?}: {e}")))?;
                if let Some(f) = flag {
                    if !f.language().eq_ignore_ascii_case(tag.language()) {
                        return Err(located(
                            path,
                            format_args!("{line}:1: the file's {what} is {tag} but {name} is {f}; nothing imported"),
                        ));
                    }
                }
                Ok(tag)
            }
            (None, Some(f)) => Ok(f.clone()),
            (None, None) => Err(located(
                path,
                format_args!("{line}:1: the file names no {what}; give it with {name} (e.g. {name} en)"),
            )),
        }
    };
    Ok((side(source, &opts.from, "source language", "--from")?, side(target, &opts.to, "target language", "--to")?))
}

/// The TU of a translated segment: source and target variants, the unit's
/// id and resname as props, who changed it and when where the file says.
fn tu_of(u: XUnit, level: Level, from: &LangTag, to: &LangTag, opts: &XliffOptions) -> Tu {
    let prop = |t: &str, v: &str| Prop { ptype: t.to_string(), attrs: vec![], value: v.to_string() };
    let mut props = vec![prop("x-xliff-unit", &u.id)];
    if let Some(r) = &u.resname {
        props.push(prop("x-xliff-resname", r));
    }
    let state = match level {
        Level::Translated => "translated",
        Level::Reviewed => "reviewed",
        Level::Final => "final",
    };
    props.push(prop("x-xliff-state", state));
    let mut tu = Tu {
        attrs: vec![("srclang".into(), from.as_str().into())],
        props,
        notes: vec![],
        tuvs: vec![
            Tuv { seg: u.source, ..Tuv::plain(from.clone(), "") },
            Tuv { seg: u.target.unwrap_or_default(), ..Tuv::plain(to.clone(), "") },
        ],
    };
    if let Some(who) = u.changer.as_ref().or(opts.creator.as_ref()) {
        tu.set_attr("creationid", who);
    }
    if let Some(who) = &u.changer {
        tu.set_attr("changeid", who);
    }
    if let Some(when) = &u.changed {
        tu.set_attr("changedate", when);
    }
    tu
}
