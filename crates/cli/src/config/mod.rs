//! Settings: `memoria.toml`, `MEMORIA_*` variables and flags, resolved in
//! this one place into the commands' options.
//!
//! Precedence, highest first: a command's flag, a `MEMORIA_*` variable, the
//! settings file, memoria's default. The file is `--config FILE` (or
//! `MEMORIA_CONFIG`), else the `memoria.toml` of the working directory or the
//! nearest folder above it (as cargo finds `Cargo.toml`); paths in it are
//! relative to its folder. [`Settings::load`] reads file and variables;
//! [`apply`] fills every command's options that were not given as flags, so a
//! command reads its `Args` as before. A command added later gets its
//! settings with one line in [`apply`] (or reads `Global::settings`).
//!
//! Errors: an unknown key, a value of the wrong type or out of range names
//! `FILE:LINE:COL` (or the variable) and what was expected; the binary exits 2.

mod file;
pub mod template;

use crate::cmd::{Cli, Command, LangPair, LangPairs};
use crate::report::FailOn;
use anyhow::{anyhow, bail, Result};
use clap::parser::ValueSource;
use clap::ArgMatches;
use file::{At, ConfigFile};
use memoria_core::lang::LangTag;
use memoria_leverage::analysis::Weights;
use std::fmt;
use std::path::{Path, PathBuf};

pub use file::line_col;

/// The settings file's name.
pub const FILE_NAME: &str = "memoria.toml";

/// Where a setting's value came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// memoria's built-in default.
    Default,
    /// The settings file, at `path:line:col`.
    File(String),
    /// A `MEMORIA_*` environment variable.
    Env(&'static str),
    /// A command-line flag.
    Flag(&'static str),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Default => f.write_str("default"),
            Source::File(at) => f.write_str(at),
            Source::Env(v) => write!(f, "environment {v}"),
            Source::Flag(flag) => write!(f, "flag {flag}"),
        }
    }
}

/// One effective setting: its value and where it came from.
#[derive(Clone, Debug)]
pub struct Setting<T> {
    pub value: T,
    pub source: Source,
}

impl<T> Setting<T> {
    fn default(value: T) -> Setting<T> {
        Setting { value, source: Source::Default }
    }
}

/// Every setting memoria reads, with its effective value.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The settings file read, if any.
    pub file: Option<PathBuf>,
    /// `languages.source` (`MEMORIA_FROM`): the default `--from`.
    pub source_lang: Setting<Option<LangTag>>,
    /// `languages.targets` (`MEMORIA_TO`, comma-separated): the default `--to`
    /// of pretranslate, analyze and check; the first one for commands that take one.
    pub targets: Setting<Vec<LangTag>>,
    /// `tm.db` (`MEMORIA_DB`, `--db`): a file path or a `postgres://` URL.
    pub db: Setting<PathBuf>,
    /// `tm.wait` (`MEMORIA_WAIT`, `--wait`): seconds a writer waits for another's lock.
    pub wait: Setting<f64>,
    /// `match.min_score` (`MEMORIA_MIN_SCORE`): lowest score that fills a target (pretranslate), 0–101.
    pub min_score: Setting<u8>,
    /// `match.lookup_min_score` (`MEMORIA_LOOKUP_MIN_SCORE`): lowest score lookup lists, 0–100.
    pub lookup_min_score: Setting<u8>,
    /// `match.candidates` (`MEMORIA_CANDIDATES`): candidates kept per segment (pretranslate), 1–100.
    pub candidates: Setting<usize>,
    /// `analysis.weights` (`MEMORIA_WEIGHTS`, a GRID `100=0.1,rep=0.1,…`): band weights.
    pub weights: Setting<Option<String>>,
    /// `segmentation.rules` (`MEMORIA_RULES`): an SRX file used instead of memoria's rules.
    pub rules: Setting<Option<PathBuf>>,
    /// `terms.termbases` (`MEMORIA_TERMBASES`, comma-separated): TBX files.
    pub termbases: Setting<Vec<PathBuf>>,
    /// `check.fail_on` (`MEMORIA_FAIL_ON`): error, warning or never.
    pub fail_on: Setting<FailOn>,
    /// `check.disable` (`MEMORIA_DISABLE`, comma-separated): check ids switched off.
    pub disable: Setting<Vec<String>>,
    /// `check.min_translated` (`MEMORIA_MIN_TRANSLATED`): percent of segments that must be translated.
    pub min_translated: Setting<Option<f64>>,
    /// `serve.address` (`MEMORIA_SERVE_ADDRESS`): where the review server listens.
    pub serve_address: Setting<String>,
}

/// The review server's default address: loopback only.
pub const DEFAULT_SERVE_ADDRESS: &str = "127.0.0.1:8080";

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            file: None,
            source_lang: Setting::default(None),
            targets: Setting::default(vec![]),
            db: Setting::default(PathBuf::from("memoria.db")),
            wait: Setting::default(10.0),
            min_score: Setting::default(75),
            lookup_min_score: Setting::default(50),
            candidates: Setting::default(5),
            weights: Setting::default(None),
            rules: Setting::default(None),
            termbases: Setting::default(vec![]),
            fail_on: Setting::default(FailOn::Error),
            disable: Setting::default(vec![]),
            min_translated: Setting::default(None),
            serve_address: Setting::default(DEFAULT_SERVE_ADDRESS.to_string()),
        }
    }
}

/// A check of one value: `Ok(typed)` or what was expected.
type Check<'a, R, T> = &'a dyn Fn(&R) -> std::result::Result<T, String>;

impl Settings {
    /// Reads the settings file (`config`, else `MEMORIA_CONFIG`, else the
    /// nearest `memoria.toml` from `cwd` up) and the `MEMORIA_*` variables
    /// over the defaults. Errors name the file's line and column or the variable.
    pub fn load(config: Option<&Path>, cwd: &Path) -> Result<Settings> {
        let mut s = Settings::default();
        let named = config.map(Path::to_path_buf).or_else(|| std::env::var_os("MEMORIA_CONFIG").map(PathBuf::from));
        let path = match named {
            Some(p) if p.as_os_str().is_empty() => None,
            Some(p) => Some(p),
            None => file::find_upwards(cwd),
        };
        if let Some(path) = path {
            let f = ConfigFile::read(&path)?;
            s.overlay_file(&f)?;
            s.file = Some(path);
        }
        s.overlay_env()?;
        Ok(s)
    }

    fn overlay_file(&mut self, f: &ConfigFile) -> Result<()> {
        let fs = &f.settings;
        let dir = f.dir();
        let path_in = |p: &String| -> std::result::Result<PathBuf, String> {
            if p.is_empty() {
                return Err("expected a path, got an empty string".into());
            }
            Ok(dir.join(p))
        };
        set_file(f, &mut self.source_lang, &fs.languages.source, &|v: &String| lang(v).map(Some))?;
        set_file(f, &mut self.targets, &fs.languages.targets, &|v: &Vec<String>| langs(v))?;
        set_file(f, &mut self.db, &fs.tm.db, &|v: &String| {
            if v.contains("://") {
                Ok(PathBuf::from(v))
            } else {
                path_in(v)
            }
        })?;
        set_file(f, &mut self.wait, &fs.tm.wait, &|v: &f64| wait(*v))?;
        set_file(f, &mut self.min_score, &fs.matching.min_score, &|v: &i64| score(*v, 101))?;
        set_file(f, &mut self.lookup_min_score, &fs.matching.lookup_min_score, &|v: &i64| score(*v, 100))?;
        set_file(f, &mut self.candidates, &fs.matching.candidates, &|v: &i64| candidates(*v))?;
        set_file(f, &mut self.weights, &fs.analysis.weights, &|t: &toml::Table| {
            let mut grid = Vec::new();
            for (k, v) in t {
                let x = v.as_float().or_else(|| v.as_integer().map(|i| i as f64));
                let x = x.ok_or_else(|| format!("weight `{k}`: expected a number, got {}", v.type_str()))?;
                grid.push(format!("{k}={x}"));
            }
            let grid = grid.join(",");
            Weights::parse(&grid)?;
            Ok(Some(grid))
        })?;
        set_file(f, &mut self.rules, &fs.segmentation.rules, &|v: &String| path_in(v).map(Some))?;
        set_file(f, &mut self.termbases, &fs.terms.termbases, &|v: &Vec<String>| v.iter().map(path_in).collect())?;
        set_file(f, &mut self.fail_on, &fs.check.fail_on, &|v: &String| fail_on(v))?;
        set_file(f, &mut self.disable, &fs.check.disable, &|v: &Vec<String>| checks(v))?;
        set_file(f, &mut self.min_translated, &fs.check.min_translated, &|v: &f64| percent(*v).map(Some))?;
        set_file(f, &mut self.serve_address, &fs.serve.address, &|v: &String| address(v))?;
        Ok(())
    }

    fn overlay_env(&mut self) -> Result<()> {
        let list = |v: &str| -> Vec<String> {
            v.split(',').map(str::trim).filter(|x| !x.is_empty()).map(String::from).collect()
        };
        set_env(&mut self.source_lang, "MEMORIA_FROM", &|v: &String| lang(v).map(Some))?;
        set_env(&mut self.targets, "MEMORIA_TO", &|v: &String| langs(&list(v)))?;
        set_env(&mut self.db, "MEMORIA_DB", &|v: &String| Ok(PathBuf::from(v)))?;
        set_env(&mut self.wait, "MEMORIA_WAIT", &|v: &String| {
            wait(v.parse().map_err(|_| format!("`{v}`: expected a number of seconds"))?)
        })?;
        set_env(&mut self.min_score, "MEMORIA_MIN_SCORE", &|v: &String| score(int(v)?, 101))?;
        set_env(&mut self.lookup_min_score, "MEMORIA_LOOKUP_MIN_SCORE", &|v: &String| score(int(v)?, 100))?;
        set_env(&mut self.candidates, "MEMORIA_CANDIDATES", &|v: &String| candidates(int(v)?))?;
        set_env(&mut self.weights, "MEMORIA_WEIGHTS", &|v: &String| Weights::parse(v).map(|_| Some(v.clone())))?;
        set_env(&mut self.rules, "MEMORIA_RULES", &|v: &String| Ok(Some(PathBuf::from(v))))?;
        set_env(&mut self.termbases, "MEMORIA_TERMBASES", &|v: &String| {
            Ok(list(v).into_iter().map(PathBuf::from).collect())
        })?;
        set_env(&mut self.fail_on, "MEMORIA_FAIL_ON", &|v: &String| fail_on(v))?;
        set_env(&mut self.disable, "MEMORIA_DISABLE", &|v: &String| checks(&list(v)))?;
        set_env(&mut self.min_translated, "MEMORIA_MIN_TRANSLATED", &|v: &String| {
            percent(v.parse().map_err(|_| format!("`{v}`: expected a percentage"))?).map(Some)
        })?;
        set_env(&mut self.serve_address, "MEMORIA_SERVE_ADDRESS", &|v: &String| address(v))?;
        Ok(())
    }

    /// Every setting as `(key, value, source)`, in the file's order, for `memoria config`.
    pub fn entries(&self) -> Vec<(&'static str, serde_json::Value, &Source)> {
        use serde_json::json;
        let tags = |v: &[LangTag]| v.iter().map(|t| t.as_str().to_string()).collect::<Vec<_>>();
        let paths = |v: &[PathBuf]| v.iter().map(|p| p.display().to_string()).collect::<Vec<_>>();
        vec![
            ("languages.source", json!(self.source_lang.value.as_ref().map(|t| t.as_str())), &self.source_lang.source),
            ("languages.targets", json!(tags(&self.targets.value)), &self.targets.source),
            ("tm.db", json!(crate::cmd::db_name(&self.db.value)), &self.db.source),
            ("tm.wait", json!(self.wait.value), &self.wait.source),
            ("match.min_score", json!(self.min_score.value), &self.min_score.source),
            ("match.lookup_min_score", json!(self.lookup_min_score.value), &self.lookup_min_score.source),
            ("match.candidates", json!(self.candidates.value), &self.candidates.source),
            (
                "analysis.weights",
                json!(Weights::parse(self.weights.value.as_deref().unwrap_or("")).unwrap_or_default().describe()),
                &self.weights.source,
            ),
            (
                "segmentation.rules",
                json!(self.rules.value.as_ref().map(|p| p.display().to_string())),
                &self.rules.source,
            ),
            ("terms.termbases", json!(paths(&self.termbases.value)), &self.termbases.source),
            ("check.fail_on", json!(fail_on_name(self.fail_on.value)), &self.fail_on.source),
            ("check.disable", json!(self.disable.value), &self.disable.source),
            ("check.min_translated", json!(self.min_translated.value), &self.min_translated.source),
            ("serve.address", json!(self.serve_address.value), &self.serve_address.source),
        ]
    }
}

fn set_file<R, T>(f: &ConfigFile, s: &mut Setting<T>, raw: &At<R>, check: Check<'_, R, T>) -> Result<()> {
    if let Some(v) = raw {
        let at = f.place(v.span().start);
        s.value = check(v.get_ref()).map_err(|e| anyhow!("{at}: {e}"))?;
        s.source = Source::File(at);
    }
    Ok(())
}

fn set_env<T>(s: &mut Setting<T>, var: &'static str, check: Check<'_, String, T>) -> Result<()> {
    match std::env::var(var) {
        Ok(v) if !v.is_empty() => {
            s.value = check(&v).map_err(|e| anyhow!("{var}: {e}"))?;
            s.source = Source::Env(var);
        }
        Err(std::env::VarError::NotUnicode(_)) => bail!("{var}: not valid Unicode"),
        _ => {}
    }
    Ok(())
}

fn lang(v: &str) -> std::result::Result<LangTag, String> {
    LangTag::new(v).map_err(|e| format!("`{v}`: {e}; expected a BCP 47 language tag such as es, en-GB"))
}

fn langs(v: &[String]) -> std::result::Result<Vec<LangTag>, String> {
    if v.is_empty() {
        return Err("expected at least one target language".into());
    }
    v.iter().map(|t| lang(t)).collect()
}

fn int(v: &str) -> std::result::Result<i64, String> {
    v.trim().parse().map_err(|_| format!("`{v}`: expected a whole number"))
}

fn score(v: i64, max: u8) -> std::result::Result<u8, String> {
    u8::try_from(v).ok().filter(|s| *s <= max).ok_or_else(|| format!("{v}: expected a match score from 0 to {max}"))
}

fn candidates(v: i64) -> std::result::Result<usize, String> {
    usize::try_from(v).ok().filter(|n| (1..=100).contains(n)).ok_or_else(|| format!("{v}: expected 1 to 100"))
}

fn wait(v: f64) -> std::result::Result<f64, String> {
    if (0.0..=3600.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("{v}: expected a number of seconds from 0 to 3600"))
    }
}

fn percent(v: f64) -> std::result::Result<f64, String> {
    if (0.0..=100.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("{v}: expected a percentage from 0 to 100"))
    }
}

fn fail_on(v: &str) -> std::result::Result<FailOn, String> {
    match v {
        "error" => Ok(FailOn::Error),
        "warning" => Ok(FailOn::Warning),
        "never" => Ok(FailOn::Never),
        _ => Err(format!("`{v}`: expected error, warning or never")),
    }
}

fn fail_on_name(f: FailOn) -> &'static str {
    match f {
        FailOn::Error => "error",
        FailOn::Warning => "warning",
        FailOn::Never => "never",
    }
}

fn checks(v: &[String]) -> std::result::Result<Vec<String>, String> {
    use memoria_leverage::qa::Check;
    for id in v {
        if Check::from_id(id).is_none() {
            let ids: Vec<&str> = Check::ALL.iter().map(|c| c.id()).collect();
            return Err(format!("unknown check `{id}`; expected one of {}", ids.join(", ")));
        }
    }
    Ok(v.to_vec())
}

fn address(v: &str) -> std::result::Result<String, String> {
    v.parse::<std::net::SocketAddr>()
        .map(|_| v.to_string())
        .map_err(|_| format!("`{v}`: expected an address and port such as 127.0.0.1:8080"))
}

/// Whether the option `id` of `m` was given on the command line (or by a
/// variable clap reads itself, such as `MEMORIA_DB`), not defaulted.
fn given(m: &ArgMatches, id: &str) -> bool {
    matches!(m.value_source(id), Some(ValueSource::CommandLine | ValueSource::EnvVariable))
}

/// Fills the options of `cli`'s command that were not given as flags from
/// `s`, and records in `s` the flags that override it. Errors: a language
/// pair given nowhere (`--from`/`--to` missing and no `languages` setting).
pub fn apply(cli: &mut Cli, m: &ArgMatches, s: &mut Settings) -> Result<()> {
    match m.value_source("db") {
        Some(ValueSource::CommandLine) => s.db = Setting { value: cli.db.clone(), source: Source::Flag("--db") },
        _ => cli.db = s.db.value.clone(),
    }
    match m.value_source("wait") {
        Some(ValueSource::CommandLine) => s.wait = Setting { value: cli.wait, source: Source::Flag("--wait") },
        _ => cli.wait = s.wait.value,
    }
    let Some((_, sub)) = m.subcommand() else { return Ok(()) };
    let rules = |r: &mut Option<String>| {
        if !given(sub, "rules") {
            *r = s.rules.value.as_ref().map(|p| p.display().to_string());
        }
    };
    match &mut cli.command {
        Command::Segment(a) => {
            rules(&mut a.input.rules);
            // A file whose name carries no language is in the source language.
            if a.lang.is_none() && crate::input::language_of(&a.file, None).is_err() {
                a.lang = s.source_lang.value.clone();
            }
        }
        Command::Align(a) => {
            // The files' names say their languages (release.es.txt, release.fr.txt) before the settings do.
            let named = |f: &str| crate::input::language_of(f, None).ok();
            let (from, to) = (named(&a.source), named(&a.target));
            resolve(&mut a.pair.from, sub, "from", from.or_else(|| s.source_lang.value.clone()), "languages.source")?;
            resolve(&mut a.pair.to, sub, "to", to.or_else(|| s.targets.value.first().cloned()), "languages.targets")?;
        }
        Command::Inconsistencies(a) => pair(&mut a.pair, sub, s)?,
        Command::Lookup(a) => {
            pair(&mut a.pair, sub, s)?;
            fill(&mut a.min_score, sub, "min_score", &s.lookup_min_score);
        }
        Command::Pretranslate(a) => {
            pairs(&mut a.pairs, sub, s)?;
            fill(&mut a.min_score, sub, "min_score", &s.min_score);
            fill(&mut a.candidates, sub, "candidates", &s.candidates);
        }
        Command::Analyze(a) => {
            pairs(&mut a.pairs, sub, s)?;
            fill(&mut a.weights, sub, "weights", &s.weights);
        }
        Command::Check(a) => {
            pairs(&mut a.pairs, sub, s)?;
            fill(&mut a.fail_on, sub, "fail_on", &s.fail_on);
            fill(&mut a.disable, sub, "disable", &s.disable);
            fill(&mut a.min_translated, sub, "min_translated", &s.min_translated);
        }
        _ => {}
    }
    // Releases read by any command are segmented with the configured rules.
    crate::input::set_default_rules(s.rules.value.clone());
    Ok(())
}

/// Sets `field` from `setting` unless the flag `id` was given.
fn fill<T: Clone>(field: &mut T, m: &ArgMatches, id: &str, setting: &Setting<T>) {
    if !given(m, id) {
        *field = setting.value.clone();
    }
}

fn missing(flag: &str, key: &str) -> anyhow::Error {
    anyhow!(
        "{flag} is missing: give {flag} LANG, set {key} in {FILE_NAME} (`memoria init` writes one) or MEMORIA_{}",
        flag.trim_start_matches('-').to_uppercase()
    )
}

/// Sets the language option `id` to `value` unless given as a flag; an error when neither is there.
fn resolve(field: &mut LangTag, m: &ArgMatches, id: &str, value: Option<LangTag>, key: &str) -> Result<()> {
    if !given(m, id) {
        *field = value.ok_or_else(|| missing(&format!("--{id}"), key))?;
    }
    Ok(())
}

fn pair(p: &mut LangPair, m: &ArgMatches, s: &Settings) -> Result<()> {
    if !given(m, "from") {
        p.from = s.source_lang.value.clone().ok_or_else(|| missing("--from", "languages.source"))?;
    }
    if !given(m, "to") {
        p.to = s.targets.value.first().cloned().ok_or_else(|| missing("--to", "languages.targets"))?;
    }
    Ok(())
}

fn pairs(p: &mut LangPairs, m: &ArgMatches, s: &Settings) -> Result<()> {
    if !given(m, "from") {
        p.from = s.source_lang.value.clone().ok_or_else(|| missing("--from", "languages.source"))?;
    }
    if !given(m, "to") {
        if s.targets.value.is_empty() {
            return Err(missing("--to", "languages.targets"));
        }
        p.to = s.targets.value.clone();
    }
    Ok(())
}
