//! `memoria align`: pair the sentences of a release with its published translation.

use super::{Global, LangPair};
use crate::input::{language_of, read_bytes, read_release};
use anyhow::{bail, Context, Result};
use memoria_core::align::{parse_beads, Aligner, AlignerConfig, Bead, Evidence, LinkScores, Sentences};
use memoria_core::lang::LangTag;
use memoria_core::tu::{Header, Prop, Tu, Tuv};
use memoria_formats::filter::Document;
use memoria_formats::tmx::{TmxWriter, WriteOptions};
use memoria_store::{Provenance, TuSink};
use std::io::Write;
use std::ops::Range;
use std::process::ExitCode;
use std::sync::Arc;

/// Lowest bead score stored by `--import` unless `--min-score` says otherwise. The
/// lowest-scoring paired bead of the clean gold pairs in tests/data/align scores 77.4.
pub const DEFAULT_MIN_SCORE: f64 = 75.0;

/// Align a release with its published translation; optionally store the pairs in the TM.
///
/// Paragraphs are paired first by what a translation keeps (numbers, URLs, names,
/// headings), then sentences inside each pair (Gale–Church beads plus anchors).
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Output (stdout), one bead a line in source order:
  tsv   source<TAB>target<TAB>score (a side is empty for a sentence without counterpart;
        2-1 and 1-2 beads have their sentences joined by a space)
  json  one object a bead: source, target, score, kind (\"2-1\"), source_sentences and
        target_sentences ([start, end), 0-based)
  tmx   TMX 1.4b of the beads --import would store
With --gold, link precision/recall/F1 against a gold bead file instead (text, or JSON
with --format json). Gold format: `es_indices<TAB>en_indices` a line, as in
tests/data/align/*/clean.gold.tsv.

Scores are 0-100 (see memoria_core::align::Bead); 1-0 and 0-1 beads score 0. Beads
below --min-score, of another kind than 1-1/1-2/2-1, or without counterpart are listed
on stderr for review as FILE:LINE: ...

Before --import stores anything, the alignment must look like a translation: at most 30% of
the sentences outside beads scoring 75 or more (20% when under 30% of the beads' numbers,
names, URLs and dates agree) and paired lengths that correlate (r >= 0.5). Two documents that
are not translations of each other are refused with these figures (exit 2, nothing imported);
--force imports anyway. Without --import the figures are a warning.

Exit codes: 0 aligned (and imported); 2 bad input (unreadable file, empty document,
bad gold file, documents that are not translations of each other with --import) or a TM
error, in which case nothing was imported.

Examples:
  memoria align release.es.txt release.en.txt --from es --to en
  memoria align release.es.txt release.en.txt --from es --to en --import --min-score 80
  memoria align a.es a.en --from es --to en --presegmented --gold a.gold.tsv")]
pub struct Args {
    /// The source-language release.
    pub source: String,
    /// Its translation.
    pub target: String,
    #[command(flatten)]
    pub pair: LangPair,
    /// Output format.
    #[arg(long, value_enum, default_value = "tsv")]
    pub format: Format,
    /// Store the 1-1, 1-2 and 2-1 beads scoring at least --min-score in the TM
    /// (2-1 and 1-2 as one TU with the sentences joined), with the file names as provenance.
    #[arg(long)]
    pub import: bool,
    /// Lowest score (0-100) of a bead to import or write as TMX; lower ones are listed for review.
    #[arg(long, default_value_t = DEFAULT_MIN_SCORE, value_name = "S")]
    pub min_score: f64,
    /// The files are already segmented: one sentence a line, a blank line between paragraphs.
    #[arg(long)]
    pub presegmented: bool,
    /// Length model: expected target characters per source character (default: measured
    /// for the pair: es→en 0.870, en→es 1.149; 1.0 for other pairs).
    #[arg(long, value_name = "C")]
    pub ratio: Option<f64>,
    /// Length model: variance s² per source character (default: es→en 6.8, Gale & Church's,
    /// en→es 8.0; 6.8 for other pairs).
    #[arg(long, value_name = "S2")]
    pub variance: Option<f64>,
    /// Import even when the documents do not look like translations of each other
    /// (too many weak beads, anchors that disagree) or are not in --from/--to.
    #[arg(long)]
    pub force: bool,
    /// Print link precision, recall and F1 against this gold bead file instead of the beads.
    #[arg(long, value_name = "GOLD.tsv", conflicts_with = "import")]
    pub gold: Option<String>,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Tsv,
    Json,
    Tmx,
}

/// The sentences of one input file, in paragraphs, with the line of each.
struct Input {
    name: String,
    texts: Vec<String>,
    paragraphs: Vec<Range<usize>>,
    lines: Vec<usize>,
}

impl Input {
    fn sentences(&self) -> Sentences<'_> {
        let paras: Vec<Vec<&str>> =
            self.paragraphs.iter().map(|r| self.texts[r.clone()].iter().map(String::as_str).collect()).collect();
        Sentences::from_paragraphs(&paras)
    }

    fn joined(&self, r: &Range<usize>) -> String {
        self.texts[r.clone()].join(" ")
    }

    fn line(&self, r: &Range<usize>) -> usize {
        self.lines.get(r.start).copied().unwrap_or(0)
    }
}

/// Refuses a file whose name says another language than its flag
/// (`release.es.txt` given as the `--from en` side): the files or the flags
/// were swapped, and `--import` would store each text under the other's
/// language. Names without a language part (`a.txt`) are not checked; regions
/// are not compared (`release.es.txt` with `--from es-AR` is fine).
fn refuse_other_language(file: &str, flag: &str, lang: &LangTag) -> Result<()> {
    match language_of(file, None) {
        Ok(named) if !named.language().eq_ignore_ascii_case(lang.language()) => bail!(
            "{file}: the file name says language `{named}` but {flag} is `{lang}` (files or --from/--to \
             swapped?); align takes the --from release first and its --to translation second"
        ),
        _ => Ok(()),
    }
}

/// Reads a one-sentence-a-line file: blank lines separate paragraphs.
fn read_presegmented(path: &str) -> Result<Input> {
    let doc = Document::from_bytes(&read_bytes(path)?).map_err(|e| anyhow::anyhow!("{path}: {e}"))?;
    let mut input = Input { name: path.to_string(), texts: Vec::new(), paragraphs: Vec::new(), lines: Vec::new() };
    let mut open = false;
    for (n, line) in doc.text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            open = false;
            continue;
        }
        if !open {
            input.paragraphs.push(input.texts.len()..input.texts.len());
            open = true;
        }
        input.texts.push(line.to_string());
        input.lines.push(n + 1);
        if let Some(p) = input.paragraphs.last_mut() {
            p.end = input.texts.len();
        }
    }
    Ok(input)
}

/// Reads and segments a release; paragraphs are its non-blank lines.
fn read_segmented(path: &str, lang: &LangTag) -> Result<Input> {
    let rel = read_release(path, lang)?;
    let mut input = Input { name: path.to_string(), texts: Vec::new(), paragraphs: Vec::new(), lines: Vec::new() };
    for (i, seg) in rel.segments.iter().enumerate() {
        if i == 0 || rel.segments[i - 1].paragraph != seg.paragraph {
            input.paragraphs.push(i..i);
        }
        input.texts.push(rel.text(i).replace(['\r', '\n'], " "));
        input.lines.push(rel.line_col(i).0);
        if let Some(p) = input.paragraphs.last_mut() {
            p.end = i + 1;
        }
    }
    Ok(input)
}

fn kind(b: &Bead) -> String {
    format!("{}-{}", b.src.len(), b.tgt.len())
}

/// Whether `--import` stores the bead: 1-1, 1-2 or 2-1 at or above the threshold.
fn storable(b: &Bead, min_score: f64) -> bool {
    matches!((b.src.len(), b.tgt.len()), (1, 1) | (1, 2) | (2, 1)) && b.score >= min_score
}

pub fn run(args: Args, g: &Global) -> Result<ExitCode> {
    args.pair.refuse_same()?;
    if !(0.0..=100.0).contains(&args.min_score) {
        bail!("--min-score {}: expected a score from 0 to 100", args.min_score);
    }
    for (file, flag, lang) in [(&args.source, "--from", &args.pair.from), (&args.target, "--to", &args.pair.to)] {
        refuse_other_language(file, flag, lang)?;
    }
    let (src, tgt) = if args.presegmented {
        (read_presegmented(&args.source)?, read_presegmented(&args.target)?)
    } else {
        (read_segmented(&args.source, &args.pair.from)?, read_segmented(&args.target, &args.pair.to)?)
    };
    for input in [&src, &tgt] {
        if input.texts.is_empty() {
            bail!("{}: no sentences to align (the file is empty or blank)", input.name);
        }
    }
    // A release in another language than its flag says would go into the TM
    // under the wrong language.
    for (input, lang) in [(&src, &args.pair.from), (&tgt, &args.pair.to)] {
        let sample = input.texts.iter().take(80).map(String::as_str).collect::<Vec<_>>().join("\n");
        let Some(d) = memoria_leverage::language::detect(&sample) else { continue };
        if d.code.eq_ignore_ascii_case(lang.language()) {
            continue;
        }
        let words = crate::input::language_words(&input.name, &d, lang);
        match (args.import, args.force) {
            (true, false) => bail!("{words}; nothing imported (give --force to import anyway)"),
            _ if args.presegmented => msg!("warning: {words}"),
            // read_release warned already.
            _ => {}
        }
    }
    let mut config = AlignerConfig::for_pair(&args.pair.from, &args.pair.to);
    for (flag, value, field) in
        [("--ratio", args.ratio, &mut config.ratio), ("--variance", args.variance, &mut config.variance)]
    {
        if let Some(v) = value {
            if !(v.is_finite() && v > 0.0) {
                bail!("{flag} {v}: expected a positive number");
            }
            *field = v;
        }
    }
    let aligner = Aligner::new(config);
    let (src_sentences, tgt_sentences) = (src.sentences(), tgt.sentences());
    let beads = aligner.align_documents(&src_sentences, &tgt_sentences);

    if let Some(gold_path) = &args.gold {
        let text = String::from_utf8(read_bytes(gold_path)?).with_context(|| format!("{gold_path}: not UTF-8"))?;
        let gold = parse_beads(&text).map_err(|e| anyhow::anyhow!("{gold_path}:{e}"))?;
        for b in &gold {
            if b.src.end > src.texts.len() || b.tgt.end > tgt.texts.len() {
                bail!(
                    "{gold_path}: bead {}: sentence index beyond the inputs ({} and {} sentences)",
                    memoria_core::align::format_bead(b).replace('\t', " / "),
                    src.texts.len(),
                    tgt.texts.len()
                );
            }
        }
        print_scores(&LinkScores::compare(&beads, &gold), args.format)?;
        return Ok(ExitCode::SUCCESS);
    }

    let evidence = Evidence::measure(aligner.config(), &src_sentences, &tgt_sentences, &beads);
    if !evidence.translations() {
        let what = format!(
            "{} and {} do not look like translations of each other: {}",
            src.name,
            tgt.name,
            evidence.describe()
        );
        match (args.import, args.force) {
            (true, false) => bail!("{what}; nothing imported (give --force to import anyway)"),
            (true, true) => msg!("warning: {what}; importing anyway (--force)"),
            (false, _) => msg!("warning: {what}"),
        }
    }

    let mut out = crate::output::Output::stdout();
    let written = match args.format {
        Format::Tsv => beads.iter().try_for_each(|b| {
            let clean = |s: String| s.replace('\t', " ");
            writeln!(out, "{}\t{}\t{:.1}", clean(src.joined(&b.src)), clean(tgt.joined(&b.tgt)), b.score)
        }),
        Format::Json => beads.iter().try_for_each(|b| {
            let o = serde_json::json!({
                "source": src.joined(&b.src), "target": tgt.joined(&b.tgt), "score": b.score, "kind": kind(b),
                "source_sentences": [b.src.start, b.src.end], "target_sentences": [b.tgt.start, b.tgt.end]});
            writeln!(out, "{o}")
        }),
        Format::Tmx => write_tmx(&mut out, &args, &src, &tgt, &beads),
    };
    written.map_err(|e| out.write_error(&e))?;
    out.finish()?;
    report_review(&args, &src, &tgt, &beads);
    if evidence.translations() {
        msg!("translation evidence: {}", evidence.describe());
    }

    if args.import {
        import(&args, g, &src, &tgt, &beads)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn print_scores(s: &LinkScores, format: Format) -> Result<()> {
    let text = if format == Format::Json {
        format!("{}\n", serde_json::to_string(s)?)
    } else {
        format!(
            "precision   {:.4}\nrecall      {:.4}\nf1          {:.4}\nexact_beads {:.4}\nlinks       {} predicted, {} gold\n",
            s.precision, s.recall, s.f1, s.exact_beads, s.predicted_links, s.gold_links
        )
    };
    crate::output::print(&text)
}

/// Lists on stderr the beads a person should look at, and a summary.
fn report_review(args: &Args, src: &Input, tgt: &Input, beads: &[Bead]) {
    let (mut stored, mut low, mut other, mut unpaired) = (0, 0, 0, 0);
    for b in beads {
        let paired = !b.src.is_empty() && !b.tgt.is_empty();
        let why = if !paired {
            unpaired += 1;
            "no counterpart"
        } else if storable(b, args.min_score) {
            stored += 1;
            continue;
        } else if b.score < args.min_score {
            low += 1;
            "low score"
        } else {
            other += 1;
            "not 1-1, 1-2 or 2-1"
        };
        let (file, line) = if b.src.is_empty() { (&tgt.name, tgt.line(&b.tgt)) } else { (&src.name, src.line(&b.src)) };
        msg!(
            "{file}:{line}: review ({why}, {} bead, score {:.1}): {} ⟷ {}",
            kind(b),
            b.score,
            src.joined(&b.src),
            tgt.joined(&b.tgt)
        );
    }
    msg!(
        "{} beads: {stored} 1-1/1-2/2-1 at score ≥ {}, {low} below it, {other} of other kinds, {unpaired} sentences without counterpart",
        beads.len(),
        args.min_score
    );
}

fn import(args: &Args, g: &Global, src: &Input, tgt: &Input, beads: &[Bead]) -> Result<()> {
    let mut tm = g.open_tm()?;
    let mut imp = tm.import().context("cannot start the import")?;
    let skipped = beads.iter().filter(|b| !storable(b, args.min_score)).count();
    // The same bulk path as a TMX import: the TUs are made on the store's
    // producer thread.
    imp.add_all(&mut |sink: &mut dyn TuSink| {
        for b in beads.iter().filter(|b| storable(b, args.min_score)) {
            let prov = Arc::new(Provenance {
                collection: None,
                document: Some(format!("{} | {}", src.name, tgt.name)),
                position: Some(b.src.start as i64),
                prev: b.src.start.checked_sub(1).map(|i| src.texts[i].clone()),
                next: src.texts.get(b.src.end).cloned(),
            });
            if sink.add(tu_of(args, src, tgt, b), &prov).is_err() {
                break;
            }
        }
        Ok(())
    })
    .context("cannot store the pairs")?;
    let r = imp.commit().context("cannot commit the import")?;
    msg!(
        "imported {} pairs into {} ({} already in the TM); skipped {skipped} beads (listed above)",
        r.added,
        g.db_name(),
        r.duplicates
    );
    Ok(())
}

/// TMX 1.4b (through [`TmxWriter`]) of the beads `--import` would store,
/// each TU with its score and source document as props.
fn write_tmx(out: &mut impl Write, args: &Args, src: &Input, tgt: &Input, beads: &[Bead]) -> std::io::Result<()> {
    let mut header = Header::default();
    header.set_attr("datatype", "plaintext");
    header.set_attr("srclang", args.pair.from.as_str());
    let mut w = TmxWriter::new(out, WriteOptions::default());
    w.write_header(&header)?;
    let prop = |ptype: &str, value: String| Prop { ptype: ptype.to_string(), attrs: Vec::new(), value };
    for b in beads.iter().filter(|b| storable(b, args.min_score)) {
        let mut tu = tu_of(args, src, tgt, b);
        tu.props.push(prop("x-memoria-align-score", format!("{:.1}", b.score)));
        tu.props.push(prop("x-memoria-document", format!("{} | {}", src.name, tgt.name)));
        w.write_tu(&tu)?;
    }
    w.finish()?;
    Ok(())
}

/// The TU of a bead: its source sentences joined by a space, and its target's.
fn tu_of(args: &Args, src: &Input, tgt: &Input, b: &Bead) -> Tu {
    Tu {
        tuvs: vec![
            Tuv::plain(args.pair.from.clone(), &src.joined(&b.src)),
            Tuv::plain(args.pair.to.clone(), &tgt.joined(&b.tgt)),
        ],
        ..Tu::default()
    }
}
