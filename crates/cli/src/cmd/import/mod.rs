//! `memoria import`: load TMX and XLIFF files into the TM, all or nothing.
//! Each file's kind is told by its root element ([`memoria_formats::sniff`]);
//! the TMX producer is here, the XLIFF one in [`xliff`].

pub(crate) mod xliff;

use super::{Global, TextOrJson};
use anyhow::{Context, Result};
use memoria_core::lang::LangTag;
use memoria_core::tu::Tu;
use memoria_formats::sniff::{sniff, Sniffed};
use memoria_formats::tmx::{ReadOptions, TmxReader, WarningKind, Warnings};
use memoria_formats::xliff::classify::{Level, Rules};
use memoria_store::{FeedError, ImportOptions, ImportReport, OnConflict, Provenance, TuSink};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

/// Import TMX files (1.1 to 1.4b) and XLIFF files (1.1, 1.2, 2.0, 2.1), any
/// encoding, into the TM. All files go in one transaction: on any error
/// nothing is imported.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Each file's kind is told by its root element (<tmx> or <xliff>), never by its name; TMX and XLIFF
files may be mixed in one call.

TMX: recover mode (default): unusable TUs are skipped, illegal XML characters mapped, foreign inline
elements kept as codes, each with a warning. --strict: the first such problem stops the import.
Each TU keeps the file name as its collection, and the file's <header> (attributes, props, notes,
ude maps) is kept for that collection (see `memoria export --collection`); importing a file of the
same name again replaces it.

XLIFF: only real translations become TUs, one per segment (<mrk mtype=\"seg\"> paired by mid, 2.x
<segment>s); each segment left out is counted by reason: translate-no, empty-source, no-target,
empty-target, codes-only-target (codes, white space, {0}/%s placeholders), not-translated (1.2
new/needs-translation, 2.x initial or no state, memoQ NotStarted), draft (Trados Draft and
Rejected*, memoQ PartiallyEdited/Pretranslated…; taken with --include-drafts), below-min-state,
copied-source (no state and the target equals the source), unknown-state:X. <alt-trans> and 2.x
match candidates are never TUs. Languages come from the file (source-language/target-language,
srcLang/trgLang); --from/--to must agree with them, and give them where the file names none.

Exit codes: 0 imported, 2 bad input (file:line:column, TU index and tuid) or usage; nothing imported.

Examples:
  memoria import tm.tmx
  memoria import a.tmx b.tmx --strict --on-conflict overwrite --format json
  memoria import reviewed.xlf --min-state reviewed
  memoria import project.sdlxliff omegat-target.xlf vendor.tmx --format json")]
pub struct Args {
    /// TMX and XLIFF files (a FIFO or /dev/fd/N works: each is read once), or - for standard input.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// XLIFF: the source language the files must have (or give, where a file names none).
    #[arg(long)]
    pub from: Option<LangTag>,
    /// XLIFF: the target language the files must have (or give, where a file names none).
    #[arg(long)]
    pub to: Option<LangTag>,
    /// XLIFF: the lowest state taken: translated (needs-review and translated included), reviewed, final.
    #[arg(long, value_enum, default_value = "translated")]
    pub min_state: MinState,
    /// XLIFF: take producers' drafts (Trados Draft/Rejected, memoQ unconfirmed) as translations.
    #[arg(long)]
    pub include_drafts: bool,
    /// XLIFF: the creationid of TUs whose file names nobody.
    #[arg(long, value_name = "NAME")]
    pub creator: Option<String>,
    /// Stop at the first problem (with file, line, column, TU index and tuid) and import nothing.
    #[arg(long)]
    pub strict: bool,
    /// A TU whose source is stored with another translation: keep both, overwrite the stored one, or skip the new one.
    #[arg(long, value_enum, default_value = "keep-both")]
    pub on_conflict: Conflict,
    /// Largest `<seg>` accepted, in bytes of UTF-8 as written in the file (also, plus 64 KiB, the largest text
    /// run, tag or CDATA section; comments may be 64 MiB longer); a larger one stops the import with an
    /// error (file, line, column); also the most the notes and props of one TU (its own and its variants')
    /// may hold in all, counting 64 bytes an element. The reader holds about twice this plus 2 MiB of the file
    /// in memory.
    #[arg(long, default_value_t = memoria_formats::tmx::limit::DEFAULT_MAX_SEGMENT_BYTES, value_name = "BYTES")]
    pub max_segment_bytes: usize,
    /// text: one line per file and a total; json: one object (files, total, warnings).
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextOrJson,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum MinState {
    Translated,
    Reviewed,
    Final,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Conflict {
    KeepBoth,
    Overwrite,
    Skip,
}

/// What happened to one file.
#[derive(serde::Serialize, Debug, Default)]
struct FileReport {
    file: String,
    /// `TMX 1.4`, `XLIFF 1.2`, …
    format: String,
    encoding: String,
    /// `<tu>` elements (TMX) or segments (XLIFF) in the file, skipped ones included.
    tus: u64,
    /// TUs handed to the TM.
    read: u64,
    added: u64,
    duplicates: u64,
    alternatives: u64,
    overwritten: u64,
    skipped_conflicts: u64,
    /// TUs skipped as unusable (recover mode).
    skipped_invalid: u64,
    warnings: std::collections::BTreeMap<WarningKind, u64>,
    /// XLIFF segments that gave no TU, by reason.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    skipped: std::collections::BTreeMap<String, u64>,
}

/// What reading a file found beside its TUs.
#[derive(Default)]
struct FileRead {
    format: String,
    encoding: String,
    /// `<tu>` elements in the file, skipped ones included.
    tus: u64,
    warnings: Warnings,
}

/// Every file goes into one import, in turn: the store's bulk path reads
/// the file on a thread of its own (this module's `read_file`) while it
/// derives and writes the TUs. A failure anywhere rolls everything back.
pub fn run(args: Args, g: &Global) -> Result<ExitCode> {
    let on_conflict = match args.on_conflict {
        Conflict::KeepBoth => OnConflict::KeepBoth,
        Conflict::Overwrite => OnConflict::Overwrite,
        Conflict::Skip => OnConflict::Skip,
    };
    let xliff_opts = xliff::XliffOptions {
        from: args.from.clone(),
        to: args.to.clone(),
        rules: Rules {
            min_level: match args.min_state {
                MinState::Translated => Level::Translated,
                MinState::Reviewed => Level::Reviewed,
                MinState::Final => Level::Final,
            },
            include_drafts: args.include_drafts,
        },
        creator: args.creator.clone(),
    };
    let total_bytes: u64 = args.files.iter().map(|f| std::fs::metadata(f).map(|m| m.len()).unwrap_or(0)).sum();
    // Every input is opened, and its kind told, before the TM is opened (a
    // file that is neither TMX nor XLIFF stops the import before any TM file
    // is created) and before its write lock is taken (opening a FIFO waits
    // for its writer, and no other process should wait for that).
    let mut inputs = Vec::with_capacity(args.files.len());
    for path in &args.files {
        inputs.push(Some(open_input(path)?));
    }
    let bar = progress_bar(total_bytes);
    let mut tm = g.open_tm()?;
    let mut imp = tm.import_with(ImportOptions { on_conflict, collection: None })?;
    let mut reports = Vec::new();
    let mut warnings = Warnings::default();
    let opts = ReadOptions { strict: args.strict, max_segment_bytes: args.max_segment_bytes };
    let mut done_bytes = 0u64;
    let mut xliff_warnings = Vec::new();
    for (path, input) in args.files.iter().zip(&mut inputs) {
        let before = imp.report().clone();
        let mut read = FileRead::default();
        let mut x = xliff::XliffRead::default();
        let kind = input.as_ref().map_or(Kind::Tmx, |i| i.kind);
        imp.add_all(&mut |sink: &mut dyn TuSink| match input.take() {
            Some(input) if input.kind == Kind::Xliff => xliff::read_file(input, &xliff_opts, sink, &mut x),
            Some(input) => read_file(input, opts, sink, &bar, done_bytes, &mut read),
            None => Ok(()),
        })
        .context("nothing imported")?;
        if kind == Kind::Xliff {
            read = FileRead { format: x.version, encoding: x.encoding, tus: x.units, warnings: Warnings::default() };
            xliff_warnings.extend(x.warnings);
        }
        done_bytes += std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        bar.set_position(done_bytes);
        let after = imp.report().clone();
        reports.push(FileReport {
            file: path.display().to_string(),
            format: read.format,
            encoding: read.encoding,
            tus: read.tus,
            read: after.read - before.read,
            added: after.added - before.added,
            duplicates: after.duplicates - before.duplicates,
            alternatives: after.alternatives - before.alternatives,
            overwritten: after.overwritten - before.overwritten,
            skipped_conflicts: after.skipped_conflicts - before.skipped_conflicts,
            skipped_invalid: read.warnings.count(WarningKind::SkippedTu),
            warnings: read.warnings.counts.clone(),
            skipped: x.skipped,
        });
        warnings.merge(read.warnings);
    }
    let total: ImportReport = imp.commit().context("nothing imported")?;
    bar.finish_and_clear();
    for w in &xliff_warnings {
        msg!("warning: {w}");
    }
    crate::output::print(&report(args.format, &reports, &total, &warnings))?;
    Ok(ExitCode::SUCCESS)
}

/// The two kinds of file `import` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Tmx,
    Xliff,
}

/// An input file, opened (read once, front to back: it may be a pipe).
pub(crate) struct Input {
    /// The name in messages: the path, or `standard input`.
    name: String,
    /// The collection of its TUs: the file name; none for standard input.
    collection: Option<String>,
    /// TMX or XLIFF, from its first bytes.
    kind: Kind,
    /// The whole stream: the first bytes (read to tell its kind) then the rest.
    reader: Box<dyn std::io::Read + Send>,
}

/// Opens `path` (`-`: standard input) and tells its kind from its first
/// bytes ([`memoria_formats::sniff`]); an error names the path, and what the
/// file is when it is neither TMX nor XLIFF.
pub(crate) fn open_input(path: &Path) -> Result<Input> {
    let (name, collection, mut raw): (String, Option<String>, Box<dyn std::io::Read + Send>) =
        if path.as_os_str() == "-" {
            ("standard input".into(), None, Box::new(std::io::stdin()))
        } else {
            if path.is_dir() {
                anyhow::bail!("nothing imported: {}: is a directory; expected a TMX or XLIFF file", path.display());
            }
            let name = path.display().to_string();
            let file = std::fs::File::open(path)
                .map_err(|cause| memoria_formats::tmx::TmxError::Io { file: name.clone(), cause })
                .context("nothing imported")?;
            (name, path.file_name().map(|n| n.to_string_lossy().into_owned()), Box::new(file))
        };
    let mut head = Vec::with_capacity(memoria_formats::sniff::HEAD);
    std::io::Read::read_to_end(&mut std::io::Read::take(&mut raw, memoria_formats::sniff::HEAD as u64), &mut head)
        .with_context(|| format!("nothing imported: {name}: cannot read"))?;
    let what = match sniff(&head) {
        Sniffed::Xml(root) if root == "xliff" => None,
        // The TMX reader says what is wrong with another XML file (its root element, line and column).
        Sniffed::Xml(_) => Some(Kind::Tmx),
        Sniffed::Zip => return Err(anyhow::anyhow!("nothing imported: {name}: a zip archive (a Word, OpenDocument or Excel file?); expected a TMX or XLIFF file")),
        Sniffed::Pdf => return Err(anyhow::anyhow!("nothing imported: {name}: a PDF document; expected a TMX or XLIFF file")),
        Sniffed::Ole => return Err(anyhow::anyhow!("nothing imported: {name}: a legacy Office document (.doc/.xls); expected a TMX or XLIFF file")),
        Sniffed::Other if head.is_empty() => Some(Kind::Tmx),
        Sniffed::Image(f) => return Err(anyhow::anyhow!("nothing imported: {name}: not a TMX or XLIFF file: a {f} image")),
        Sniffed::Other => return Err(anyhow::anyhow!("nothing imported: {name}: not a TMX or XLIFF file (not XML: a release? give it to pretranslate, analyze or align)")),
    };
    let kind = what.unwrap_or(Kind::Xliff);
    let reader = Box::new(std::io::Read::chain(std::io::Cursor::new(head), raw));
    Ok(Input { name, collection, kind, reader })
}

/// The producer of one file: its TUs in order, each with the file name as
/// its collection, then the file's `<header>` for that collection. Stops
/// quietly when the import has failed (the store reports its own error).
fn read_file(
    input: Input,
    opts: ReadOptions,
    sink: &mut dyn TuSink,
    bar: &indicatif::ProgressBar,
    done_bytes: u64,
    out: &mut FileRead,
) -> Result<(), FeedError> {
    let mut r = TmxReader::from_reader(input.reader, &input.name, opts)?;
    let collection = input.collection;
    let prov = Arc::new(Provenance { collection: collection.clone(), ..Provenance::default() });
    let srclang = header_srclang(r.header().attr("srclang"));
    let mut n = 0u32;
    while let Some(mut tu) = r.next_tu()? {
        set_srclang(&mut tu, srclang.as_ref());
        if sink.add(tu, &prov).is_err() {
            return Ok(());
        }
        n = n.wrapping_add(1);
        if n % 256 == 0 {
            bar.set_position(done_bytes + r.bytes_read());
        }
    }
    bar.set_position(done_bytes + r.bytes_read());
    if let Some(c) = &collection {
        if sink.header(c, r.header().clone()).is_err() {
            return Ok(());
        }
    }
    *out = FileRead {
        format: format!("TMX {}", r.version()),
        encoding: r.detected().encoding.name().to_string(),
        tus: r.tus_seen(),
        warnings: r.take_warnings(),
    };
    Ok(())
}

fn progress_bar(total: u64) -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} importing [{bar:40}] {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// The header's source language, unless it is `*all*` or not a tag.
fn header_srclang(value: Option<&str>) -> Option<LangTag> {
    value.filter(|v| v.trim() != "*all*").and_then(|v| LangTag::new(v).ok())
}

/// A TM merges TUs from many files (each header is kept per collection), so a TU without its own
/// `srclang` gets the header's, as the tag of the variant that serves it
/// (exact tag, else bare language, else same language; never by position).
fn set_srclang(tu: &mut Tu, header: Option<&LangTag>) {
    if tu.attr("srclang").is_some() {
        return;
    }
    let Some(want) = header else { return };
    if let Some(v) = tu.variant(want) {
        let tag = v.lang.as_str().to_string();
        tu.set_attr("srclang", &tag);
    }
}

/// The import report for standard output (text: warnings go to standard error).
fn report(format: TextOrJson, files: &[FileReport], total: &ImportReport, warnings: &Warnings) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let skipped_invalid: u64 = files.iter().map(|f| f.skipped_invalid).sum();
    let tus: u64 = files.iter().map(|f| f.tus).sum();
    match format {
        TextOrJson::Json => {
            let v = serde_json::json!({
                "files": files,
                "total": {"tus": tus, "read": total.read, "added": total.added, "duplicates": total.duplicates,
                          "alternatives": total.alternatives, "overwritten": total.overwritten,
                          "skipped_conflicts": total.skipped_conflicts, "skipped_invalid": skipped_invalid,
                          "warnings": warnings.counts},
                "warnings": warnings.first,
            });
            let _ = writeln!(out, "{v}");
        }
        TextOrJson::Text => {
            for w in &warnings.first {
                msg!("warning: {w}");
            }
            if warnings.total() > warnings.first.len() as u64 {
                msg!("warning: … {} more warnings", warnings.total() - warnings.first.len() as u64);
            }
            for f in files {
                if !f.format.starts_with("XLIFF") {
                    let _ = writeln!(
                        out,
                        "{}: {} TUs ({}), {} added, {} duplicates, {} alternatives, {} overwritten, {} skipped (conflict), {} skipped (invalid){}",
                        f.file,
                        f.tus,
                        f.encoding,
                        f.added,
                        f.duplicates,
                        f.alternatives,
                        f.overwritten,
                        f.skipped_conflicts,
                        f.skipped_invalid,
                        warning_list(&f.warnings)
                    );
                    continue;
                }
                let skipped: Vec<String> = f.skipped.iter().map(|(k, n)| format!("{k} {n}")).collect();
                let _ = writeln!(
                    out,
                    "{}: {} segments ({}, {}), {} added, {} duplicates, {} alternatives, {} overwritten, {} skipped (conflict); not translations: {}",
                    f.file,
                    f.tus,
                    f.format,
                    f.encoding,
                    f.added,
                    f.duplicates,
                    f.alternatives,
                    f.overwritten,
                    f.skipped_conflicts,
                    if skipped.is_empty() { "none".to_string() } else { skipped.join(", ") }
                );
            }
            let _ = writeln!(
                out,
                "total: {tus} TUs read, {} added, {} duplicates, {} alternatives, {} overwritten, {} skipped (conflict), {skipped_invalid} skipped (invalid), {} warnings",
                total.added, total.duplicates, total.alternatives, total.overwritten, total.skipped_conflicts, warnings.total()
            );
        }
    }
    out
}

fn warning_list(counts: &std::collections::BTreeMap<WarningKind, u64>) -> String {
    if counts.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = counts
        .iter()
        .map(|(k, n)| {
            format!(
                "{} {n}",
                serde_json::to_value(k).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
            )
        })
        .collect();
    format!("; warnings: {}", parts.join(", "))
}
