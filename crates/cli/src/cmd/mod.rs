//! Subcommands: one file each. [`Cli`] is the whole command line.

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};
use memoria_core::lang::LangTag;
use memoria_store::Tm;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub mod align;
pub mod analyze;
pub mod check;
pub mod concordance;
pub mod export;
pub mod import;
pub mod lookup;
pub mod merge;
pub mod pretranslate;
pub mod segment;
pub mod stats;
pub mod verify;

const AFTER_HELP: &str = "\
Exit codes:
  0  success (check: every segment translated)
  1  check found untranslated segments or errors
  2  bad input or usage (the message names file, line and column); a file that is not a memoria
     TM, or a TM of a newer memoria, is refused and left as it was
     (verify: 1 the TM has problems, listed; a damaged TM is refused by every command, exit 2)
  3  the TM is busy: another process held its write lock for longer than --wait; nothing was
     changed, run the command again

Examples:
  memoria align old.es.txt old.en.txt --from es --to en --import
  memoria import samples/tmx/*.tmx
  memoria pretranslate new.es.txt --from es --to en -o new.xlf
  memoria analyze new.es.txt --from es --to en
  memoria check new.es.txt --from es --to en";

/// memoria: a translation-memory workspace for press releases.
#[derive(Parser, Debug)]
#[command(name = "memoria", version, about, after_help = AFTER_HELP)]
pub struct Cli {
    /// The TM file (SQLite). import and align --import create it when missing; the other commands
    /// do not (they warn and answer from an empty TM).
    #[arg(long, global = true, env = "MEMORIA_DB", default_value = "memoria.db", value_name = "PATH")]
    pub db: PathBuf,
    /// Seconds a command that writes the TM waits while another process writes it (e.g. two
    /// imports at once) before failing with "TM is busy" (exit 3). Readers never wait for a writer.
    #[arg(long, global = true, env = "MEMORIA_WAIT", default_value_t = 10.0, value_name = "SECONDS",
          value_parser = parse_wait)]
    pub wait: f64,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    Segment(segment::Args),
    Align(align::Args),
    Import(import::Args),
    Export(export::Args),
    Lookup(lookup::Args),
    Concordance(concordance::Args),
    Pretranslate(pretranslate::Args),
    Merge(merge::Args),
    Analyze(analyze::Args),
    Check(check::Args),
    Stats(stats::Args),
    Verify(verify::Args),
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let g = Global { db: cli.db, wait: std::time::Duration::from_secs_f64(cli.wait) };
    match cli.command {
        Command::Segment(a) => segment::run(a, &g),
        Command::Align(a) => align::run(a, &g),
        Command::Import(a) => import::run(a, &g),
        Command::Export(a) => export::run(a, &g),
        Command::Lookup(a) => lookup::run(a, &g),
        Command::Concordance(a) => concordance::run(a, &g),
        Command::Pretranslate(a) => pretranslate::run(a, &g),
        Command::Merge(a) => merge::run(a, &g),
        Command::Analyze(a) => analyze::run(a, &g),
        Command::Check(a) => check::run(a, &g),
        Command::Stats(a) => stats::run(a, &g),
        Command::Verify(a) => verify::run(a, &g),
    }
}

/// Options every subcommand sees.
pub struct Global {
    pub db: PathBuf,
    /// How long a write waits for another process's write lock (`--wait`).
    pub wait: std::time::Duration,
}

impl Global {
    /// Opens (or creates) the TM, with writes waiting at most `wait` for
    /// another process's lock.
    pub fn open_tm(&self) -> Result<Tm> {
        self.refuse_directory()?;
        let tm = Tm::open_waiting(&self.db, self.wait)
            .with_context(|| format!("cannot open the TM {}", self.db.display()))?;
        Ok(tm)
    }

    /// Opens the TM for a command that only reads it (lookup, concordance,
    /// pretranslate, analyze, check, stats, export). A missing file is not
    /// created: the command answers from an empty TM and says so on stderr
    /// (`warning: PATH: no TM there ...`), since a mistyped `--db` or
    /// `MEMORIA_DB`, or the wrong working directory, would otherwise report
    /// "no match" or every segment untranslated with no hint why, and leave an
    /// empty `memoria.db` behind.
    pub fn open_existing_tm(&self) -> Result<Tm> {
        self.refuse_directory()?;
        if !self.db.exists() {
            msg!(
                "warning: {}: no TM there; answering from an empty TM (give the TM with --db PATH or \
                 MEMORIA_DB; `memoria import` and `memoria align --import` create one)",
                self.db.display()
            );
            return Tm::open_in_memory().context("cannot open an empty TM in memory");
        }
        Tm::open_reader(&self.db, self.wait).with_context(|| format!("cannot open the TM {}", self.db.display()))
    }

    /// Refuses a `--db` that names a directory, in one line that says what
    /// `--db` takes (SQLite's own words are "unable to open database file").
    fn refuse_directory(&self) -> Result<()> {
        if self.db.is_dir() {
            bail!(
                "--db {}: is a directory; --db takes the TM file (e.g. {})",
                self.db.display(),
                self.db.join("memoria.db").display()
            );
        }
        Ok(())
    }

    /// Refuses to write a command's output (`-o`) over the TM itself, over one
    /// of the files SQLite keeps beside it (`-wal`, `-shm`, `-journal`) or over
    /// one of the command's `inputs`: the output would destroy them (a TMX
    /// export renamed over the TM file loses every TU). Paths are compared as
    /// files (after resolving `.`, `..` and links) when they exist, else as
    /// absolute paths. Error (exit 2) names the output and what it would replace.
    pub fn refuse_output_over(&self, out: &Path, inputs: &[&str]) -> Result<()> {
        if out.as_os_str() == "-" {
            return Ok(());
        }
        let db = self.db.as_os_str();
        let sqlite_files = ["", "-wal", "-shm", "-journal"].map(|suffix| {
            let mut p = db.to_owned();
            p.push(suffix);
            PathBuf::from(p)
        });
        if sqlite_files.iter().any(|p| same_file(out, p)) {
            bail!(
                "{}: is the TM {} (or one of its files); refusing to write output over it (give another -o)",
                out.display(),
                self.db.display()
            );
        }
        if let Some(input) = inputs.iter().find(|i| **i != "-" && same_file(out, Path::new(i))) {
            bail!("{}: is the input {input}; refusing to write output over it (give another -o)", out.display());
        }
        Ok(())
    }
}

/// Whether `a` and `b` name the same file: the same canonical path when both
/// exist, else the same absolute path.
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => match (std::path::absolute(a), std::path::absolute(b)) {
            (Ok(x), Ok(y)) => x == y,
            _ => false,
        },
    }
}

/// `--wait`: a finite number of seconds, 0 to 3600.
fn parse_wait(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if (0.0..=3600.0).contains(&v) => Ok(v),
        _ => Err(format!("{s:?} is not a number of seconds from 0 to 3600")),
    }
}

/// The exit code and message for an error: 3 with "TM is busy" when SQLite
/// gave up waiting for another process's lock, else 2 with the error chain.
pub fn error_exit(e: &anyhow::Error, db: &std::path::Path) -> (u8, String) {
    let busy = e.chain().any(|c| c.downcast_ref::<memoria_store::StoreError>().is_some_and(|s| s.is_busy()));
    if busy {
        let msg = format!(
            "TM is busy: another process is writing to {} and did not finish within --wait; nothing was \
             changed, run the command again (or give a longer --wait)",
            db.display()
        );
        (3, msg)
    } else {
        (2, format!("{e:#}"))
    }
}

/// The language pair of a command (`--from`, `--to`), shared by every
/// command that reads one language and produces or checks another.
#[derive(clap::Args, Debug, Clone)]
pub struct LangPair {
    /// Source language (BCP 47, compared case-insensitively: es, es-AR).
    #[arg(long, value_parser = memoria_core::lang::check_user_tag)]
    pub from: LangTag,
    /// Target language (BCP 47: en, en-GB); a TM variant in another region of it is a fallback.
    #[arg(long, value_parser = memoria_core::lang::check_user_tag)]
    pub to: LangTag,
}

impl LangPair {
    /// Refuses a pair whose two tags are the same (`--from es --to es`), a
    /// usage error (exit 2) rather than "no match" for every lookup. Regions
    /// of one language are a pair (`--from en-US --to en-GB`, as in OmegaT's
    /// test TMX).
    pub fn refuse_same(&self) -> Result<()> {
        if self.from.as_str().eq_ignore_ascii_case(self.to.as_str()) {
            bail!("--from {} --to {}: the source and target languages are the same", self.from, self.to);
        }
        Ok(())
    }
}

/// Output formats for commands whose output a program may read.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextOrJson {
    Text,
    Json,
}
