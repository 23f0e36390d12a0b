//! `memoria check`: the CI gate — untranslated segments and QA checks.

use super::{Global, LangPair, LangPairs};
use crate::input::{read_bytes, read_release};
use crate::report::{self, Case, FailOn, FileReport};
use anyhow::{anyhow, bail, Result};
use memoria_formats::xliff::read::{XUnit, XliffReader};
use memoria_leverage::qa::{Check, Checker, Finding, Severity, UnitInput};
use memoria_leverage::units::{self, is_exact, TmSupplier};
use std::process::ExitCode;

const AFTER_HELP: &str = "\
Each segment of the releases gets its translation from the TM (an exact or context match, 100/101,
or 99 only because the TM holds several translations of it; two consecutive segments may share one
stored TU) or, with --xliff, from the XLIFF unit at its place in the release (by the unit's range as
memoria's XLIFF records it, else by its id 3 / 3+4, else by order; never by source text: a repeated
sentence left empty in one place is untranslated there), a target that is not empty and not state
new/needs-translation. Then:
  errors    untranslated, number-mismatch (by value: es 1.200 = en 1,200), tag-mismatch,
            url-mismatch, email-mismatch
  errors    term-forbidden (a deprecated, superseded or forbidden glossary term in the target),
            term-untranslatable (a do-not-translate term not kept as written)
  warnings  number-added (the target holds a number the source lacks, e.g. an added year; nothing
            of the source missing), same-as-source (placeables and a lone name skipped), inconsistent (never against
            an empty translation; also when the TM holds several), whitespace, end-punctuation (closing quotes ignored)
            term-missing (a source term whose entry's allowed target terms are all absent; inflected
            forms count; an error with --terms-strict), term-inconsistent (one source term rendered
            by different allowed target terms in the files checked)
The glossary is the TM's term entries (memoria terms import), also with --xliff.
Every finding names FILE:LINE:COL of the segment in the release (of the term, for terminology
findings about a source term) and, for terminology findings, the glossary entry's id.

Formats: text (FILE:LINE:COL: CHECK: MESSAGE, warnings as FILE:LINE:COL: warning: CHECK: ...),
json, sarif (SARIF 2.1.0), junit (JUnit XML: a test case per segment), github (::error and
::warning workflow commands).

With --min-translated, untranslated segments are reported but fail the check only when the share
of translated segments is below PCT.

Exit codes:
  0  no finding at or above --fail-on, and --min-translated reached
  1  findings at or above --fail-on (default: error), too few segments translated, or a release
     with no segments (empty or blank: no segments)
  2  usage error, or an unreadable or invalid input (the message names file, line and column)

Examples:
  memoria check new.es.txt --from es --to en
  memoria check new.es.txt --from es --to en --xliff new.xlf --format sarif -o check.sarif
  memoria check *.es.txt --from es --to en --format github --fail-on warning
  memoria check new.es.txt --from es --to en --min-translated 80 --disable same-as-source
  memoria check new.es.txt --from es --to en,fr      # each target checked; fails if any fails

Several targets (--to en,fr, or languages.targets of memoria.toml): every finding's message starts
with its pair ([es->fr]); json gives {\"from\", \"targets\": [{\"to\", \"report\"}], \"passed\"}; the
check fails when any target fails.";

/// Fail while releases have untranslated segments or translations with errors.
#[derive(clap::Args, Debug)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// Releases to check.
    #[arg(required = true)]
    pub files: Vec<String>,
    #[command(flatten)]
    pub pairs: LangPairs,
    /// Check the translations of this XLIFF 1.2/2.x file instead of the TM's.
    #[arg(long, value_name = "FILE")]
    pub xliff: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Lowest severity that makes the check fail (exit 1).
    #[arg(long, value_enum, default_value = "error")]
    pub fail_on: FailOn,
    /// Fail when fewer than PCT percent of the segments are translated (0–100).
    #[arg(long, value_name = "PCT")]
    pub min_translated: Option<f64>,
    /// Write the report to this file (replaced whole at the end) instead of standard output (or -).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
    /// term-missing is an error, not a warning.
    #[arg(long)]
    pub terms_strict: bool,
    /// Checks to switch off, by id (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "CHECKS")]
    pub disable: Vec<String>,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Sarif,
    Junit,
    Github,
}

pub fn run(args: Args, g: &Global) -> Result<ExitCode> {
    let mut disabled = Vec::new();
    for id in args.disable.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        let ids: Vec<&str> = Check::ALL.iter().map(|c| c.id()).collect();
        disabled.push(
            Check::from_id(id)
                .ok_or_else(|| anyhow!("--disable: unknown check `{id}`; expected one of {}", ids.join(", ")))?,
        );
    }
    if let Some(p) = args.min_translated {
        if !(0.0..=100.0).contains(&p) {
            bail!("--min-translated: {p} is not a percentage from 0 to 100");
        }
    }
    if let Some(out) = &args.output {
        let inputs: Vec<&str> = args.files.iter().chain(&args.xliff).map(String::as_str).collect();
        g.refuse_output_over(out, &inputs)?;
    }
    let pairs = args.pairs.each();
    let several = pairs.len() > 1;
    if several && args.xliff.is_some() {
        bail!("--xliff holds one target language; give the one to check with --to (got --to {})", {
            pairs.iter().map(|p| p.to.as_str()).collect::<Vec<_>>().join(",")
        });
    }
    let mut all = Vec::new();
    let mut reports = Vec::new();
    let mut passed = true;
    for pair in &pairs {
        let (mut files, ok) = check_pair(&args, pair, &disabled, g)?;
        passed &= ok;
        if several {
            let tag = format!("[{}->{}] ", pair.from, pair.to);
            for x in files.iter_mut().flat_map(|f| f.findings.iter_mut()) {
                x.message.insert_str(0, &tag);
            }
            if args.format == Format::Json {
                let one: serde_json::Value = serde_json::from_str(&report::json(&files, args.fail_on, ok))?;
                reports.push(serde_json::json!({ "to": pair.to.as_str(), "report": one }));
            }
        }
        all.extend(files);
    }
    let out = match args.format {
        Format::Text => report::text(&all),
        Format::Json if several => {
            let v = serde_json::json!({ "from": args.pairs.from.as_str(), "targets": reports, "passed": passed });
            format!("{v:#}\n")
        }
        Format::Json => report::json(&all, args.fail_on, passed),
        Format::Sarif => report::sarif(&all),
        Format::Junit => report::junit(&all, args.fail_on),
        Format::Github => report::github(&all),
    };
    crate::output::write_to(args.output.as_deref(), out.as_bytes())?;
    Ok(if passed { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// Checks the releases for one pair: the reports per file and whether they pass.
fn check_pair(args: &Args, pair: &LangPair, disabled: &[Check], g: &Global) -> Result<(Vec<FileReport>, bool)> {
    pair.refuse_same()?;
    // With --xliff: its units and files; else the TM.
    let (tm, xliff) = match &args.xliff {
        Some(x) => {
            let bytes = read_bytes(x)?;
            let mut r = XliffReader::from_bytes(bytes).map_err(|e| anyhow!("{x}: {e}"))?;
            let mut all = Vec::new();
            while let Some(u) = r.next_unit().map_err(|e| anyhow!("{x}: {e}"))? {
                all.push(u);
            }
            (None, Some((x.as_str(), r.files().to_vec(), all)))
        }
        None => (Some(g.open_existing_tm()?), None),
    };
    // The glossary: the TM's term entries (with --xliff too, when there is a TM).
    let term_tm = match (&tm, &args.xliff) {
        (None, Some(_)) if g.is_server() || g.db.exists() => Some(g.open_existing_tm()?),
        _ => None,
    };
    let glossary = match tm.as_ref().or(term_tm.as_ref()) {
        Some(t) => Some(memoria_leverage::terms::Glossary::load(t, &pair.from, &pair.to)?),
        None => None,
    };
    let mut checker = Checker::new(pair.from.clone(), pair.to.clone(), disabled.to_vec());
    if let Some(gl) = glossary.filter(|gl| !gl.is_empty()) {
        checker = checker.with_terms(gl, args.terms_strict);
    }
    let mut files = Vec::with_capacity(args.files.len());
    for (k, file) in args.files.iter().enumerate() {
        let rel = read_release(file, &pair.from)?;
        let units = match (&tm, &xliff) {
            (Some(tm), _) => {
                let supplier = TmSupplier { tm, from: pair.from.clone(), to: pair.to.clone() };
                let bar = crate::output::lookup_progress(file, rel.segments.len());
                let units = units::units_with_progress(&rel, &supplier, 99, 4, &mut |n| bar.set_position(n as u64))?;
                bar.finish_and_clear();
                units
            }
            (None, Some((path, xfiles, all))) => {
                // The XLIFF <file> of this release: by its name, else by position.
                let f = xfiles.iter().position(|f| f.original == *file || f.skeleton.as_deref() == Some(file.as_str()));
                let f = f.unwrap_or(k);
                let mine: Vec<&XUnit> = all.iter().filter(|u| u.file == f).collect();
                units::from_xliff(&rel, &mine, path, &pair.from, &pair.to)
            }
            (None, None) => unreachable!("check reads the TM or an XLIFF"),
        };
        let mut fr = FileReport {
            path: file.clone(),
            segments: rel.segments.len(),
            translated: 0,
            findings: vec![],
            cases: vec![],
        };
        for u in &units {
            let (line, column) = rel.doc.line_col(u.start);
            let found = u.best().filter(|m| is_exact(m));
            // Other translations the TM holds for this very source.
            let alternatives: Vec<String> = match found {
                Some(f) => u.matches[1..]
                    .iter()
                    .filter(|m| is_exact(m) && m.target != f.target)
                    .map(|m| m.target.plain_text())
                    .collect(),
                None => vec![],
            };
            let release_source = u.content(&rel);
            let source = match (&args.xliff, found) {
                (Some(_), Some(m)) => &m.source,
                _ => &release_source,
            };
            if found.is_some() {
                fr.translated += u.len();
            }
            let segment = u.segs.start + 1;
            let place = rel.doc.place(u.start);
            // Offsets in the source's text are offsets in the release when the two are the same text.
            let same_text = u.source(&rel) == source.plain_text();
            let locate = |o: usize| rel.doc.line_col(u.start + o);
            fr.findings.extend(checker.unit(&UnitInput {
                path: file,
                line,
                column,
                place: place.as_ref().map(|p| (p.part, p.paragraph)),
                segment,
                source,
                target: found.map(|m| &m.target),
                alternatives,
                locate: same_text.then_some(&locate as &dyn Fn(usize) -> (usize, usize)),
            }));
            fr.cases.push(Case { segment, line, column });
        }
        files.push(fr);
    }
    let pct = report::translated_pct(&files);
    let coverage_ok = !args.min_translated.is_some_and(|min| pct + 1e-9 < min);
    let fails = |f: &Finding| {
        args.fail_on.fails(f.severity) && !(args.min_translated.is_some() && f.check == Check::Untranslated)
    };
    let failing = files.iter().flat_map(|f| &f.findings).filter(|f| fails(f)).count();
    // An empty release is not "100% translated": there is nothing to ship.
    let empty: Vec<&str> = files.iter().filter(|f| f.segments == 0).map(|f| f.path.as_str()).collect();
    let passed = failing == 0 && coverage_ok && empty.is_empty();
    let total: usize = files.iter().map(|f| f.segments).sum();
    let done: usize = files.iter().map(|f| f.translated).sum();
    let (errors, warnings) = files.iter().flat_map(|f| &f.findings).fold((0, 0), |(e, w), f| match f.severity {
        Severity::Error => (e + 1, w),
        Severity::Warning => (e, w + 1),
    });
    let several = args.pairs.to.len() > 1;
    let pair_name = if several { format!("{} -> {}: ", pair.from, pair.to) } else { String::new() };
    msg!("{pair_name}{done} of {total} segments translated ({pct:.1}%); {errors} errors, {warnings} warnings");
    for f in &empty {
        msg!("error: {pair_name}{f}: no segments (the release is empty or blank); nothing to check");
    }
    if !coverage_ok {
        msg!("{pair_name}translated share {pct:.1}% is below --min-translated {}", args.min_translated.unwrap_or(0.0));
    }
    Ok((files, passed))
}
