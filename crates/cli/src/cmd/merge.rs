//! `memoria merge`: the translated release from a translated XLIFF.

use super::import::xliff::{self as import_xliff, XliffOptions, XliffRead};
use super::Global;
use crate::input::read_bytes;
use anyhow::{anyhow, bail, Context, Result};
use memoria_core::lang::LangTag;
use memoria_formats::filter::{self, checksum};
use memoria_formats::xliff::classify::Rules;
use memoria_formats::xliff::read::{XUnit, XliffReader};
use memoria_leverage::merge::plan;
use memoria_store::{ImportOptions, TuSink};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const AFTER_HELP: &str = "\
The XLIFF is one that `memoria pretranslate` wrote (1.2 or 2.1), translated in a CAT tool: it
names the release (path and checksum) and where each unit is in it. merge reads the release
again through its filter (text, HTML), refuses it if it changed since (exit 2), and writes it with
every translated unit's target in place; a unit with no translation (no target, state new or
initial, a target equal to the source) keeps its source text and is listed on stderr as
FILE:LINE:COL: untranslated: SOURCE. Everything else of the document is copied byte for byte.

With --import, the XLIFF's translations also go into the TM, as `memoria import` takes them.

Exit codes: 0 written; 2 bad input (the XLIFF, a missing or changed release) or usage.

Examples:
  memoria merge new.xlf                      # writes new.en.txt beside new.es.txt
  memoria merge new.xlf -o translated.en.html --import";

/// Write the translated release from a translated XLIFF.
#[derive(clap::Args, Debug)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// The translated XLIFF.
    pub xliff: String,
    /// The translated release; default: the release's path with its language part (`.es.`)
    /// replaced by the target language's (or the target language added before the extension).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Also import the XLIFF's translations into the TM, in the same run.
    #[arg(long)]
    pub import: bool,
    /// Word and OpenDocument releases: their comments were translated (give it when pretranslate had --comments).
    #[arg(long)]
    pub comments: bool,
}

pub fn run(args: Args, g: &Global) -> Result<ExitCode> {
    let bytes = read_bytes(&args.xliff)?;
    let mut r =
        XliffReader::from_bytes(bytes).map_err(|e| anyhow!("{}:{}:{}: {}", args.xliff, e.line, e.column, e.what))?;
    let mut units: Vec<XUnit> = Vec::new();
    while let Some(u) = r.next_unit().map_err(|e| anyhow!("{}:{}:{}: {}", args.xliff, e.line, e.column, e.what))? {
        units.push(u);
    }
    let files = r.files().to_vec();
    if files.is_empty() {
        bail!("{}: no <file>; expected an XLIFF written by `memoria pretranslate`", args.xliff);
    }
    if files.len() > 1 && args.output.is_some() {
        bail!("{}: holds {} releases; give no -o (each is written beside its release)", args.xliff, files.len());
    }
    let xliff_dir = Path::new(&args.xliff).parent().unwrap_or(Path::new(""));
    let mut outputs = Vec::new();
    for (k, f) in files.iter().enumerate() {
        let name = f.skeleton.as_deref().unwrap_or(&f.original);
        let release = locate(name, xliff_dir)
            .ok_or_else(|| anyhow!("{}: the release {name:?} is not there (nor beside the XLIFF)", args.xliff))?;
        let raw = std::fs::read(&release).with_context(|| format!("{}: cannot read", release.display()))?;
        if let Some(want) = &f.checksum {
            if *want != checksum(&raw) {
                bail!(
                    "{}: changed since {} was made ({want} then, {} now); merge needs the release as it was pretranslated",
                    release.display(),
                    args.xliff,
                    checksum(&raw)
                );
            }
        }
        let release_name = release.display().to_string();
        let flt = filter::detect_with(&release_name, filter::Kind::Auto, filter::Options { comments: args.comments });
        let doc = flt.extract(&raw).map_err(|e| anyhow!("{release_name}: {e}"))?;
        let mine: Vec<XUnit> = units.iter().filter(|u| u.file == k).cloned().collect();
        let p = plan(&doc, &mine, r.is_v2(), Rules::default()).map_err(|e| anyhow!("{}: {e}", args.xliff))?;
        for (range, source) in &p.untranslated {
            let at = match doc.place(range.start) {
                Some(place) => format!("{release_name} ({place})"),
                None => {
                    let (line, col) = doc.line_col(range.start);
                    format!("{release_name}:{line}:{col}")
                }
            };
            msg!("{at}: untranslated: {}", source.replace(['\r', '\n'], " "));
        }
        let out = match &args.output {
            Some(o) => o.clone(),
            None => translated_path(&release, f.source_language.as_deref(), f.target_language.as_deref())?,
        };
        g.refuse_output_over(&out, &[args.xliff.as_str(), release_name.as_str()])?;
        let written = match f.target_language.as_deref() {
            Some(lang) => flt.merge_to_language(&doc, &p.fills, lang),
            None => flt.merge(&doc, &p.fills),
        }
        .map_err(|e| anyhow!("{release_name}: {e}"))?;
        crate::output::write_to(Some(&out), &written)?;
        msg!(
            "{}: {} of {} units translated, {} left in the source language",
            out.display(),
            p.fills.len(),
            p.fills.len() + p.untranslated.len(),
            p.untranslated.len()
        );
        outputs.push(out);
    }
    if args.import {
        let mut tm = g.open_tm()?;
        let mut imp = tm.import_with(ImportOptions::default())?;
        let mut input = Some(super::import::open_input(Path::new(&args.xliff))?);
        let mut read = XliffRead::default();
        let opts = XliffOptions::default();
        imp.add_all(&mut |sink: &mut dyn TuSink| match input.take() {
            Some(input) => import_xliff::read_file(input, &opts, sink, &mut read),
            None => Ok(()),
        })
        .context("nothing imported")?;
        let report = imp.commit().context("nothing imported")?;
        msg!("imported {} translations into {} ({} already in the TM)", report.added, g.db_name(), report.duplicates);
    }
    Ok(ExitCode::SUCCESS)
}

/// The release `name` as given, else beside the XLIFF.
fn locate(name: &str, xliff_dir: &Path) -> Option<PathBuf> {
    let p = PathBuf::from(name);
    if p.is_file() {
        return Some(p);
    }
    let beside = xliff_dir.join(p.file_name()?);
    beside.is_file().then_some(beside)
}

/// `release.es.txt` → `release.en.txt`; `release.txt` → `release.en.txt`.
fn translated_path(release: &Path, from: Option<&str>, to: Option<&str>) -> Result<PathBuf> {
    let to = to
        .and_then(|t| LangTag::new(t).ok())
        .ok_or_else(|| anyhow!("{}: the XLIFF names no target language; give the output with -o", release.display()))?;
    let name = release.file_name().and_then(|n| n.to_str()).unwrap_or("release.txt");
    let parts: Vec<&str> = name.split('.').collect();
    let from = from.and_then(|f| LangTag::new(f).ok());
    let renamed = match parts.iter().position(|p| {
        from.as_ref().is_some_and(|f| p.eq_ignore_ascii_case(f.as_str()) || p.eq_ignore_ascii_case(f.language()))
    }) {
        Some(i) if i > 0 && i + 1 < parts.len() => {
            let mut p: Vec<String> = parts.iter().map(|s| s.to_string()).collect();
            p[i] = to.to_string();
            p.join(".")
        }
        _ => match name.rsplit_once('.') {
            Some((stem, ext)) => format!("{stem}.{to}.{ext}"),
            None => format!("{name}.{to}"),
        },
    };
    Ok(release.with_file_name(renamed))
}
