//! Subcommands: one file each. [`Cli`] is the whole command line.

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};
use memoria_core::lang::LangTag;
use memoria_store::postgres::{is_url, mask, PgTm};
use memoria_store::Tm;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub mod align;
pub mod analyze;
pub mod check;
pub mod concordance;
pub mod config;
pub mod copy;
pub mod delete;
pub mod edit;
pub mod export;
pub mod history;
pub mod import;
pub mod inconsistencies;
pub mod init;
pub mod lookup;
pub mod merge;
pub mod pretranslate;
pub mod segment;
pub mod serve;
pub mod stats;
pub mod terms;
pub mod verify;

const AFTER_HELP: &str = "\
Exit codes:
  0  success (check: every segment translated)
  1  check found untranslated segments or errors
  2  bad input or usage (the message names file, line and column); a file that is not a memoria
     TM, or a TM of a newer memoria, is refused and left as it was
     (verify: 1 the TM has problems, listed; a damaged TM is refused by every command, exit 2)
  3  the TM is busy: another process held its write lock for longer than --wait; or its
     PostgreSQL server could not be reached within --wait or went away: nothing was changed,
     run the command again

The TM: --db PATH (a SQLite file, the default memoria.db) or --db postgres://USER@HOST:PORT/DB
(a team's PostgreSQL server; ?sslmode=disable|prefer|require|verify-ca|verify-full and
&sslrootcert=CA.pem as in libpq). Also MEMORIA_DB. Put the password in ~/.pgpass-style secrets
or MEMORIA_DB rather than on the command line; it is never printed (shown as ***).

Settings: memoria.toml in the working directory or the nearest folder above it (or --config FILE,
MEMORIA_CONFIG) gives the language pair, the TM, thresholds, rules and QA settings; flags and
MEMORIA_* variables override it. `memoria init` writes one; `memoria config` shows what is in force.

Examples:
  memoria init --from es --to en,fr
  memoria align old.es.txt old.en.txt --from es --to en --import
  memoria import samples/tmx/*.tmx
  memoria pretranslate new.es.txt --from es --to en -o new.xlf
  memoria analyze new.es.txt --from es --to en
  memoria check new.es.txt --from es --to en
  MEMORIA_DB=postgres://ana:***@tm.example.org:5432/press?sslmode=verify-full memoria lookup \
      \"El proyecto Debian anuncia su nueva versión.\" --from es --to en
  memoria inconsistencies --from es --to en
  memoria edit 42 --lang en --text \"Corrected translation.\"
  memoria history 42
  memoria terms import glossary.tbx";

/// memoria: a translation-memory workspace for press releases.
#[derive(Parser, Debug)]
#[command(name = "memoria", version, about, after_help = AFTER_HELP)]
pub struct Cli {
    /// The TM: a SQLite file, or a PostgreSQL server (postgres://USER[:PASSWORD]@HOST[:PORT]/DB
    /// [?sslmode=…]; the password is never printed). import and align --import create it when
    /// missing; the other commands do not (they warn and answer from an empty TM).
    #[arg(
        long,
        global = true,
        env = "MEMORIA_DB",
        hide_env_values = true,
        default_value = "memoria.db",
        value_name = "PATH|URL"
    )]
    pub db: PathBuf,
    /// Seconds a command that writes the TM waits while another process writes it (e.g. two
    /// imports at once) before failing with "TM is busy" (exit 3). Readers never wait for a writer.
    #[arg(long, global = true, env = "MEMORIA_WAIT", default_value_t = 10.0, value_name = "SECONDS",
          value_parser = parse_wait)]
    pub wait: f64,
    /// The settings file (default: MEMORIA_CONFIG, else memoria.toml in the working directory or
    /// the nearest folder above it; MEMORIA_CONFIG set to an empty value reads none).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    Init(init::Args),
    Config(config::Args),
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
    Copy(copy::Args),
    Delete(delete::Args),
    Edit(edit::Args),
    Inconsistencies(inconsistencies::Args),
    History(history::Args),
    Serve(serve::Args),
    Terms(terms::Args),
}

/// Parses the command line, keeping clap's matches (which say which
/// options were given) for [`settings`].
pub fn parse() -> Result<(Cli, clap::ArgMatches), clap::Error> {
    use clap::{CommandFactory, FromArgMatches};
    let matches = Cli::command().try_get_matches()?;
    let cli = Cli::from_arg_matches(&matches)?;
    Ok((cli, matches))
}

/// Reads the settings (memoria.toml, MEMORIA_* variables) and fills the
/// options `cli` did not give; `init` reads none (it writes the file).
pub fn settings(cli: &mut Cli, matches: &clap::ArgMatches) -> Result<crate::config::Settings> {
    if matches!(cli.command, Command::Init(_)) {
        return Ok(crate::config::Settings::default());
    }
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let mut s = crate::config::Settings::load(cli.config.as_deref(), &cwd)?;
    crate::config::apply(cli, matches, &mut s)?;
    Ok(s)
}

/// Runs the parsed command line with its settings.
pub fn run(cli: Cli, settings: crate::config::Settings) -> Result<ExitCode> {
    let g = Global { db: cli.db, wait: std::time::Duration::from_secs_f64(cli.wait), settings };
    match cli.command {
        Command::Init(a) => init::run(a, &g),
        Command::Config(a) => config::run(a, &g),
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
        Command::Copy(a) => copy::run(a, &g),
        Command::Delete(a) => delete::run(a, &g),
        Command::Edit(a) => edit::run(a, &g),
        Command::Inconsistencies(a) => inconsistencies::run(a, &g),
        Command::History(a) => history::run(a, &g),
        Command::Serve(a) => serve::run(a, &g),
        Command::Terms(a) => terms::run(a, &g),
    }
}

/// Options every subcommand sees.
pub struct Global {
    pub db: PathBuf,
    /// How long a write waits for another process's write lock (`--wait`).
    pub wait: std::time::Duration,
    /// Every effective setting (memoria.toml, variables, flags) with its source.
    pub settings: crate::config::Settings,
}

/// The TM's name for messages: its path, or its server URL with the password masked.
pub fn db_name(db: &Path) -> String {
    let s = db.to_string_lossy();
    if is_url(&s) {
        mask(&s)
    } else {
        db.display().to_string()
    }
}

/// Opens the TM at `location` (a SQLite file's path or a `postgres://` URL) for a command that
/// writes it: created when missing, migrated when older; writes wait at most `wait` for another
/// process's lock, and a server is waited for as long while it refuses connections.
pub fn open_location(location: &Path, wait: std::time::Duration) -> Result<Tm> {
    let s = location.to_string_lossy();
    if is_url(&s) {
        let pg = PgTm::open(&s, wait).with_context(|| format!("cannot open the TM {}", mask(&s)))?;
        return Ok(Tm::new(Box::new(pg)));
    }
    Tm::open_waiting(location, wait).with_context(|| format!("cannot open the TM {}", location.display()))
}

/// Opens the TM at `location` for a command that only reads it; `None` when there is none
/// there (no file; a database without memoria's schema).
pub fn open_location_reader(location: &Path, wait: std::time::Duration) -> Result<Option<Tm>> {
    let s = location.to_string_lossy();
    if is_url(&s) {
        return match PgTm::open_existing(&s, wait) {
            Ok(pg) => Ok(Some(Tm::new(Box::new(pg)))),
            Err(memoria_store::StoreError::NotATm { what, .. }) if what.starts_with("no memoria TM") => Ok(None),
            Err(e) => Err(anyhow::Error::new(e).context(format!("cannot open the TM {}", mask(&s)))),
        };
    }
    if !location.exists() {
        return Ok(None);
    }
    Tm::open_reader(location, wait).map(Some).with_context(|| format!("cannot open the TM {}", location.display()))
}

impl Global {
    /// Whether the TM is on a PostgreSQL server.
    pub fn is_server(&self) -> bool {
        is_url(&self.db.to_string_lossy())
    }

    /// The TM's name for messages ([`db_name`]).
    pub fn db_name(&self) -> String {
        db_name(&self.db)
    }

    /// Opens (or creates) the TM, with writes waiting at most `wait` for
    /// another process's lock ([`open_location`]).
    pub fn open_tm(&self) -> Result<Tm> {
        self.refuse_directory()?;
        open_location(&self.db, self.wait)
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
        match open_location_reader(&self.db, self.wait)? {
            Some(tm) => Ok(tm),
            None => {
                msg!(
                    "warning: {}: no TM there; answering from an empty TM (give the TM with --db PATH or \
                     MEMORIA_DB; `memoria import` and `memoria align --import` create one)",
                    self.db_name()
                );
                Tm::open_in_memory().context("cannot open an empty TM in memory")
            }
        }
    }

    /// Opens the TM for a command that changes what it holds (delete,
    /// edit): a missing file is an error (exit 2), never a new empty TM.
    pub fn open_existing_writable(&self) -> Result<Tm> {
        let missing =
            if self.is_server() { open_location_reader(&self.db, self.wait)?.is_none() } else { !self.db.exists() };
        if missing {
            bail!(
                "{}: no TM there (give the TM with --db PATH or MEMORIA_DB; `memoria import` and \
                 `memoria align --import` create one)",
                self.db_name()
            );
        }
        self.open_tm()
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

/// The exit code and message for an error: 3 with "TM is busy" when the
/// backend gave up waiting for another process's lock, 3 with the error chain
/// when the TM's server could not be reached or went away, else 2 with the
/// error chain. `db` is the TM's name as [`db_name`] gives it.
pub fn error_exit(e: &anyhow::Error, db: &str) -> (u8, String) {
    let store = || e.chain().filter_map(|c| c.downcast_ref::<memoria_store::StoreError>());
    if store().any(|s| s.is_unreachable()) {
        return (3, format!("{e:#}"));
    }
    if store().any(|s| s.is_busy()) {
        let msg = format!(
            "TM is busy: another process is writing to {db} and did not finish within --wait; nothing was \
             changed, run the command again (or give a longer --wait)"
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
    /// Source language (BCP 47, compared case-insensitively: es, es-AR); default: languages.source
    /// of memoria.toml, MEMORIA_FROM.
    #[arg(long, default_value = UNSET, hide_default_value = true, value_parser = memoria_core::lang::check_user_tag)]
    pub from: LangTag,
    /// Target language (BCP 47: en, en-GB); a TM variant in another region of it is a fallback;
    /// default: the first of languages.targets of memoria.toml, MEMORIA_TO.
    #[arg(long, default_value = UNSET, hide_default_value = true, value_parser = memoria_core::lang::check_user_tag)]
    pub to: LangTag,
}

/// The placeholder clap holds for a language given neither as a flag nor in
/// the settings; [`crate::config::apply`] replaces it or stops with an error.
const UNSET: &str = "und";

/// A source language and one or more targets (`--to en,fr`), for the commands
/// that work on several targets in one pass (pretranslate, analyze, check).
#[derive(clap::Args, Debug, Clone)]
pub struct LangPairs {
    /// Source language (BCP 47: es, es-AR); default: languages.source of memoria.toml, MEMORIA_FROM.
    #[arg(long, default_value = UNSET, hide_default_value = true, value_parser = memoria_core::lang::check_user_tag)]
    pub from: LangTag,
    /// Target languages, comma-separated (en,fr); one output or report per target; default:
    /// languages.targets of memoria.toml, MEMORIA_TO.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = UNSET,
        hide_default_value = true,
        value_parser = memoria_core::lang::check_user_tag
    )]
    pub to: Vec<LangTag>,
}

impl LangPairs {
    /// One pair per target, in the order given (a target named twice once).
    pub fn each(&self) -> Vec<LangPair> {
        let mut out: Vec<LangPair> = Vec::new();
        for t in &self.to {
            if !out.iter().any(|p| p.to.as_str().eq_ignore_ascii_case(t.as_str())) {
                out.push(LangPair { from: self.from.clone(), to: t.clone() });
            }
        }
        out
    }
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

/// `--author`: who a change to the TM is recorded under.
#[derive(clap::Args, Debug, Clone)]
pub struct AuthorArg {
    /// Who makes the change, as recorded in the TM's audit trail and exported as TMX changeid
    /// (default: $USER).
    #[arg(long, value_name = "NAME")]
    pub author: Option<String>,
}

impl AuthorArg {
    /// The author, now: `--author`, else `$USER`, else `$LOGNAME`; none of
    /// them is a usage error (a change is never recorded without a name).
    pub fn resolve(&self) -> Result<memoria_store::Author> {
        let name = self
            .author
            .clone()
            .or_else(|| std::env::var("USER").ok())
            .or_else(|| std::env::var("LOGNAME").ok())
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty());
        match name {
            Some(n) if n.chars().any(char::is_control) => bail!("--author {n:?}: a name without control characters"),
            Some(n) => Ok(memoria_store::Author::now(&n)),
            None => bail!("who makes this change? give --author NAME (neither USER nor LOGNAME is set)"),
        }
    }
}
