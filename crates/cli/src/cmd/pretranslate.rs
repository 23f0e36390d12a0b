//! `memoria pretranslate`: pre-fill releases from the TM.

use super::{Global, LangPair, LangPairs};
use crate::input::{read_release_with, InputArgs, Release};
use anyhow::{bail, Context, Result};
use memoria_core::content::Content;
use memoria_core::lang::LangTag;
use memoria_core::tu::{Header, Prop, Tu, Tuv};
use memoria_formats::filter::Fill;
use memoria_formats::tmx::{TmxWriter, WriteOptions};
use memoria_formats::xliff::{self, Doc};
use memoria_leverage::codes::transfer;
use memoria_leverage::terms::{FoundTerm, Glossary};
use memoria_leverage::units::{self, is_exact, Candidate, Origin, TmSupplier, Unit};
use memoria_store::band;
use std::path::PathBuf;
use std::process::ExitCode;

const AFTER_HELP: &str = "\
A segment is filled with its best TM match when that scores at least --min-score; every candidate
scoring 50 or more (or --min-score, if lower) is kept beside it (XLIFF alt-trans / mtc:match). Two
consecutive segments that together match one stored source exactly are filled together.
XLIFF 1.2 marks fills state=\"needs-review-translation\" with state-qualifier exact-match (100) or
fuzzy-match (<100); context matches (101) are state=\"translated\", state-qualifier leveraged-tm.
Glossary terms (memoria terms import) found in each source are listed with their target terms:
XLIFF 2.1 Glossary module (gls:glossEntry), XLIFF 1.2 <note from=\"memoria-terms\">, JSON \"terms\".
The text format is the release itself with filled segments in the target language and the others
left as they are; the docx and odt formats are the same for a Word or OpenDocument release (the
document's language set to the target language, filled Word runs marked with it, every part
without translated text copied as it was). A Word or OpenDocument release's tracked changes are
read as accepted (said on stderr); its comments are left out unless --comments is given.

Examples:
  memoria pretranslate new.es.txt --from es --to en -o new.xlf
  memoria pretranslate new.es.txt --from es --to en --format xliff21 -o new.xlf
  memoria pretranslate new.es.txt --from es --to en --format text > draft.en.txt
  memoria pretranslate new.es.docx --from es --to en --format docx -o new.en.docx
  memoria pretranslate new.es.odt --from es --to en -o new.en.odt
  memoria pretranslate a.es.txt b.es.txt --from es --to en --format json
  memoria pretranslate new.es.txt --from es --to en -o new.tmx
  memoria pretranslate new.es.txt --from es --to en --copy-source -o omegat/source/new.xlf
  memoria pretranslate new.es.txt --from es --to en,fr -o new.xlf     # new.en.xlf and new.fr.xlf

Several targets (--to en,fr, or languages.targets of memoria.toml) write one file per target:
-o OUT with {to} replaced by the target's tag, or else with .TAG put before OUT's extension.";

/// Pre-fill releases with the best TM matches, as XLIFF, JSON or a draft text.
#[derive(clap::Args, Debug)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// The releases to pre-fill.
    #[arg(required = true)]
    pub files: Vec<String>,
    #[command(flatten)]
    pub pairs: LangPairs,
    /// Lowest score that fills a target (0–101; 101: context matches only); lower candidates still appear as alternatives.
    #[arg(long, default_value_t = 75, value_parser = clap::value_parser!(u8).range(0..=101))]
    pub min_score: u8,
    /// Most candidates kept per segment.
    #[arg(long, default_value_t = 5)]
    pub candidates: usize,
    /// Output format; default from -o's extension (.xlf/.xliff: xliff12, .txt: text, .json: json, .tmx: tmx), else xliff12.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// XLIFF 1.2: a unit with no fill gets a copy of its source as target, as OmegaT's XLIFF filter
    /// needs (it translates the target's text); import and merge take an untouched copy for untranslated.
    #[arg(long)]
    pub copy_source: bool,
    /// Output file (replaced whole at the end); standard output when absent or -. With several
    /// targets: one file per target ({to} in OUT replaced by the tag, else .TAG before the extension).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Word and OpenDocument releases: translate their comments too (left out by default).
    #[arg(long)]
    pub comments: bool,
}

/// The output of target `to` when a run writes `several` targets: `{to}` in
/// `out` replaced by the tag, else the tag before the extension
/// (`new.xlf` -> `new.fr.xlf`).
pub fn per_target(out: &std::path::Path, several: bool, to: &LangTag) -> PathBuf {
    let s = out.to_string_lossy();
    if s.contains("{to}") {
        return PathBuf::from(s.replace("{to}", to.as_str()));
    }
    if !several || s == "-" {
        return out.to_path_buf();
    }
    match (out.file_stem(), out.extension()) {
        (Some(stem), Some(ext)) => {
            out.with_file_name(format!("{}.{}.{}", stem.to_string_lossy(), to.as_str(), ext.to_string_lossy()))
        }
        _ => PathBuf::from(format!("{s}.{}", to.as_str())),
    }
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// OASIS XLIFF 1.2 with alt-trans candidates.
    Xliff12,
    /// OASIS XLIFF 2.1 with the Translation Candidates module.
    Xliff21,
    /// The release with filled segments in place (one file only); an HTML release stays HTML.
    Text,
    /// One object per file with every unit, its fill and candidates.
    Json,
    /// TMX 1.4b: one TU per filled unit (source, fill; props x-score, x-document, x-line).
    Tmx,
    /// The translated Word document (one .docx release, -o required): filled paragraphs rewritten
    /// with the release's formatting and the target language, every other part of the package as it was.
    Docx,
    /// The translated OpenDocument text (one .odt release, -o required), as docx for Word.
    Odt,
}

/// A release and its units with candidates, and the target each filled
/// unit gets (the fill's target with the release's inline codes in place).
struct Leveraged {
    rel: Release,
    units: Vec<Unit>,
    /// Per unit: its source with the document's codes, and the target of its
    /// fill, if it has one.
    sources: Vec<Content>,
    targets: Vec<Option<Content>>,
    /// Per unit: the glossary terms found in its source.
    terms: Vec<Vec<FoundTerm>>,
}

impl Leveraged {
    fn new(rel: Release, units: Vec<Unit>, min: u8, glossary: &Glossary) -> Leveraged {
        let sources: Vec<Content> = units.iter().map(|u| u.content(&rel)).collect();
        let targets =
            units.iter().zip(&sources).map(|(u, src)| fill(u, min).map(|m| transfer(src, &m.target).0)).collect();
        let terms = sources.iter().map(|s| glossary.found(&s.plain_text())).collect();
        Leveraged { rel, units, sources, targets, terms }
    }
}

pub fn run(args: Args, g: &Global) -> Result<ExitCode> {
    let pairs = args.pairs.each();
    let several = pairs.len() > 1;
    if several && args.output.as_ref().is_none_or(|o| o.as_os_str() == "-") {
        bail!(
            "--to {}: several targets write one file each; give -o OUT (OUT.TAG.EXT per target, or {{to}} in OUT)",
            pairs.iter().map(|p| p.to.as_str()).collect::<Vec<_>>().join(",")
        );
    }
    for pair in &pairs {
        let output = args.output.as_deref().map(|o| per_target(o, several, &pair.to));
        run_pair(&args, pair, output, g)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Pre-fills the releases for one language pair into `output`.
fn run_pair(args: &Args, pair: &LangPair, output: Option<PathBuf>, g: &Global) -> Result<()> {
    pair.refuse_same()?;
    let format = args.format.unwrap_or_else(|| {
        match args.output.as_ref().and_then(|p| p.extension()).and_then(|e| e.to_str()) {
            Some("txt") => Format::Text,
            Some("json") => Format::Json,
            Some("tmx") => Format::Tmx,
            Some("docx") => Format::Docx,
            Some("odt") => Format::Odt,
            _ => Format::Xliff12,
        }
    });
    if format == Format::Text && args.files.len() > 1 {
        bail!("--format text writes one release; give one file (got {})", args.files.len());
    }
    if format == Format::Docx && (args.files.len() > 1 || output.is_none()) {
        bail!("--format docx writes one Word release to a file; give one release and -o OUT.docx");
    }
    if format == Format::Odt && (args.files.len() > 1 || output.is_none()) {
        bail!("--format odt writes one OpenDocument release to a file; give one release and -o OUT.odt");
    }
    if let Some(out) = &output {
        let inputs: Vec<&str> = args.files.iter().map(String::as_str).collect();
        g.refuse_output_over(out, &inputs)?;
    }
    let tm = g.open_existing_tm()?;
    let supplier = TmSupplier { tm: &tm, from: pair.from.clone(), to: pair.to.clone() };
    let glossary = Glossary::load(&tm, &pair.from, &pair.to)?;
    let mut all = Vec::with_capacity(args.files.len());
    for file in &args.files {
        let input = InputArgs { comments: args.comments, ..InputArgs::default() };
        let rel = read_release_with(file, &pair.from, &input)?;
        let bar = crate::output::lookup_progress(file, rel.segments.len());
        let units = units::units_with_progress(&rel, &supplier, 50.min(args.min_score), args.candidates, &mut |n| {
            bar.set_position(n as u64)
        })?;
        bar.finish_and_clear();
        all.push(Leveraged::new(rel, units, args.min_score, &glossary));
    }
    let min = args.min_score;
    let out = match format {
        Format::Xliff12 | Format::Xliff21 => {
            let docs: Vec<Doc> = all
                .iter()
                .map(|l| Doc { copy_source: args.copy_source, ..doc(l, pair.from.as_str(), pair.to.as_str(), min) })
                .collect();
            if format == Format::Xliff12 {
                xliff::write_xliff12(&docs).into_bytes()
            } else {
                xliff::write_xliff21(&docs).into_bytes()
            }
        }
        Format::Text => draft(&all[0])?.into_bytes(),
        Format::Docx | Format::Odt => {
            let l = &all[0];
            let (want, what) = if format == Format::Docx { ("docx", "a Word") } else { ("odt", "an OpenDocument") };
            let is = l.rel.doc.package_info().map(|p| p.format);
            if is != Some(want) {
                bail!("{}: --format {want} needs {what} release (.{want}); this one is not {what} package", l.rel.name);
            }
            l.rel
                .merge_to_language(&fills(l), pair.to.as_str())
                .with_context(|| format!("{}: cannot write the translation", l.rel.name))?
        }
        Format::Tmx => tmx(&all, &pair.from, min)?.into_bytes(),
        Format::Json => {
            let files: Vec<_> = all.iter().map(|l| json(l, min)).collect();
            format!("{:#}\n", serde_json::json!({ "min_score": args.min_score, "files": files })).into_bytes()
        }
    };
    crate::output::write_to(output.as_deref(), &out)?;
    for l in &all {
        let filled: usize = l.units.iter().filter(|u| fill(u, min).is_some()).map(Unit::len).sum();
        msg!(
            "{}: {filled} of {} segments filled (score >= {}, {} -> {})",
            l.rel.name,
            l.rel.segments.len(),
            args.min_score,
            pair.from,
            pair.to
        );
        // The glossary terms of the release, each once with how often it occurs.
        let mut seen: Vec<(String, usize)> = Vec::new();
        for f in l.terms.iter().flatten() {
            let line = f.line();
            match seen.iter_mut().find(|(s, _)| *s == line) {
                Some((_, n)) => *n += 1,
                None => seen.push((line, 1)),
            }
        }
        if !seen.is_empty() {
            msg!("{}: {} glossary terms found:", l.rel.name, seen.len());
            for (line, n) in &seen {
                msg!("  {line} ({n}x)");
            }
        }
    }
    Ok(())
}

/// The fill of `u`: its best candidate if that scores at least `min`.
fn fill(u: &Unit, min: u8) -> Option<&Candidate> {
    u.best().filter(|m| m.score >= min)
}

/// The unit id: 1-based segment number, `3+4` for two joined segments.
fn unit_id(u: &Unit) -> String {
    u.segs.clone().map(|i| (i + 1).to_string()).collect::<Vec<_>>().join("+")
}

fn doc<'a>(l: &'a Leveraged, from: &'a str, to: &'a str, min: u8) -> Doc<'a> {
    let candidate = |m: &'a Candidate, target: &'a Content| xliff::Candidate {
        score: m.score,
        exact: is_exact(m),
        source_lang: m.source_lang.as_str(),
        target_lang: m.target_lang.as_str(),
        source: &m.source,
        target,
        stored_target: &m.stored_target,
        origin: m.collection(),
    };
    let units = l
        .units
        .iter()
        .enumerate()
        .map(|(k, u)| {
            let (line, column) = l.rel.doc.line_col(u.start);
            xliff::Unit {
                id: unit_id(u),
                source: l.sources[k].clone(),
                line,
                column,
                fill: fill(u, min).zip(l.targets[k].as_ref()).map(|(m, t)| candidate(m, t)),
                candidates: u.matches.iter().map(|m| candidate(m, &m.target)).collect(),
                segments: u.len(),
                range: Some(u.start..u.end),
                terms: l.terms[k].iter().map(gloss).collect(),
            }
        })
        .collect();
    let skeleton = (l.rel.name != "-").then_some((l.rel.name.as_str(), l.rel.checksum.as_str()));
    Doc { original: &l.rel.name, from, to, units, skeleton, copy_source: false }
}

/// A found term as the XLIFF writers take it.
fn gloss(f: &FoundTerm) -> xliff::Gloss {
    let allowed = f.targets.iter().filter(|t| t.status.map_or(true, |s| s.allowed()));
    let mut translations: Vec<String> = allowed.map(|t| t.term.clone()).collect();
    if f.do_not_translate && translations.is_empty() {
        translations.push(f.text.clone());
    }
    xliff::Gloss {
        term: f.term.clone(),
        origin: f.collection.clone(),
        translations,
        definition: f.definition.clone(),
        note: f.line(),
    }
}

/// The release with every filled unit replaced by its target and everything
/// else (unfilled segments, line breaks, spacing between units, markup) as
/// it was, written by the release's own filter: a text release gets the
/// target text; an HTML release stays HTML, each filled unit's bytes (its
/// text and the inline markup in and around it) replaced by the target,
/// escaped, with the release's codes where the target has them. A target
/// whose release segment has no codes is written as its text only (codes
/// of the TM belong to another document).
fn draft(l: &Leveraged) -> Result<String> {
    let bytes = l.rel.merge(&fills(l)).with_context(|| format!("{}: cannot write the translation", l.rel.name))?;
    let mut out = String::from_utf8(bytes).context("the draft is UTF-8")?;
    // The draft is printed as text: no byte-order mark.
    if out.starts_with('\u{FEFF}') {
        out.remove(0);
    }
    Ok(out)
}

/// Each filled unit's range with its target (the release's codes where the
/// target has them; text only where the release segment has no codes).
fn fills(l: &Leveraged) -> Vec<Fill> {
    l.units
        .iter()
        .zip(&l.sources)
        .zip(&l.targets)
        .filter_map(|((u, src), t)| {
            let t = t.as_ref()?;
            let target = if src.is_plain() { Content::from_text(&t.plain_text()) } else { t.clone() };
            Some(Fill { range: u.start..u.end, target })
        })
        .collect()
}

fn json(l: &Leveraged, min: u8) -> serde_json::Value {
    let units: Vec<_> = l
        .units
        .iter()
        .enumerate()
        .map(|(k, u)| {
            let (line, column) = l.rel.doc.line_col(u.start);
            let f = fill(u, min);
            serde_json::json!({
                "id": unit_id(u),
                "segments": u.segs.clone().collect::<Vec<_>>(),
                "line": line,
                "column": column,
                "source": u.source(&l.rel),
                "score": u.best().map(|m| m.score),
                "band": band(u.score()),
                "state": f.map(|m| xliff::state12(m.score, is_exact(m)).0),
                "target": f.map(|m| m.target.plain_text()),
                "candidates": u.matches.iter().map(|m| {
                    let (tu_id, provenance) = match &m.origin {
                        Origin::Tm { tu_id, provenance } => (Some(*tu_id), Some(provenance)),
                        Origin::Xliff { .. } => (None, None),
                    };
                    serde_json::json!({
                        "score": m.score, "tu_id": tu_id, "source": m.source.plain_text(),
                        "target": m.target.plain_text(), "stored_target": m.stored_target.plain_text(),
                        "provenance": provenance,
                    })
                }).collect::<Vec<_>>(),
                "terms": l.terms[k],
            })
        })
        .collect();
    let filled: usize = l.units.iter().filter(|u| fill(u, min).is_some()).map(Unit::len).sum();
    serde_json::json!({ "path": l.rel.name, "segments": l.rel.segments.len(), "filled": filled, "units": units })
}

/// The fills as TMX 1.4b: one TU per filled unit, the release text as
/// source and the fill as target (inline codes kept), with props
/// `x-score` (0–101), `x-document` and `x-line`.
fn tmx(all: &[Leveraged], from: &LangTag, min: u8) -> Result<String> {
    let attrs = [
        ("creationtool", "memoria"),
        ("creationtoolversion", env!("CARGO_PKG_VERSION")),
        ("segtype", "sentence"),
        ("o-tmf", "memoria pretranslate"),
        ("adminlang", "en"),
        ("srclang", from.as_str()),
        ("datatype", "plaintext"),
    ];
    let header =
        Header { attrs: attrs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(), ..Header::default() };
    let mut w = TmxWriter::new(Vec::new(), WriteOptions { doctype: false, ..WriteOptions::default() });
    w.write_header(&header)?;
    let prop = |t: &str, v: String| Prop { ptype: t.to_string(), attrs: vec![], value: v };
    for l in all {
        for (u, target) in l.units.iter().zip(&l.targets) {
            let (Some(m), Some(target)) = (fill(u, min), target) else { continue };
            let (line, _) = l.rel.doc.line_col(u.start);
            let tu = Tu {
                attrs: vec![("srclang".into(), from.as_str().into())],
                props: vec![
                    prop("x-score", m.score.to_string()),
                    prop("x-document", l.rel.name.clone()),
                    prop("x-line", line.to_string()),
                ],
                notes: vec![],
                tuvs: vec![
                    Tuv { seg: u.content(&l.rel), ..Tuv::plain(from.clone(), "") },
                    Tuv { seg: target.clone(), ..Tuv::plain(m.target_lang.clone(), "") },
                ],
            };
            w.write_tu(&tu)?;
        }
    }
    let bytes = w.finish()?;
    String::from_utf8(bytes).context("the TMX writer produced UTF-8")
}
