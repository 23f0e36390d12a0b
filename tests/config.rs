//! memoria.toml: `memoria init`, `memoria config`, the settings found by
//! walking up from the working directory, precedence of flags and
//! MEMORIA_* variables, errors at file:line:col; several targets in one pass.
mod common;

use common::{sample, stderr, stdout};
use std::path::Path;
use std::process::{Command, Output};

/// Runs memoria in `dir` with no MEMORIA_* variable but `env`.
fn run_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_memoria"));
    c.current_dir(dir).args(args);
    for (k, _) in std::env::vars() {
        if k.starts_with("MEMORIA_") {
            c.env_remove(k);
        }
    }
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("memoria runs")
}

fn init(dir: &Path, extra: &[&str]) {
    let mut args = vec!["init"];
    args.extend_from_slice(extra);
    let o = run_in(dir, &args, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn init_writes_a_commented_file_that_config_reports_line_by_line() {
    let d = tempfile::tempdir().unwrap();
    init(d.path(), &["--from", "es", "--to", "en,fr"]);
    let text = std::fs::read_to_string(d.path().join("memoria.toml")).unwrap();
    assert!(text.contains("source = \"es\"\ntargets = [\"en\", \"fr\"]\n"), "{text}");
    assert!(text.lines().filter(|l| l.starts_with('#')).count() > 20);
    // A second init keeps the file.
    let again = run_in(d.path(), &["init"], &[]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("memoria.toml: already exists"), "{}", stderr(&again));
    // From a folder below, the file is found.
    let sub = d.path().join("a/b");
    std::fs::create_dir_all(&sub).unwrap();
    let o = run_in(&sub, &["config"], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let line_of = |key: &str| {
        let n = text.lines().position(|l| l.starts_with(&format!("{key} ="))).unwrap() + 1;
        format!("memoria.toml:{n}:")
    };
    let row =
        |key: &str| out.lines().find(|l| l.starts_with(key)).unwrap_or_else(|| panic!("{key}: {out}")).to_string();
    assert!(row("languages.source").contains("= \"es\""), "{out}");
    assert!(row("languages.source").contains(&line_of("source")), "{out}");
    assert!(row("languages.targets").contains("[\"en\",\"fr\"]"), "{out}");
    let db = d.path().canonicalize().unwrap().join("memoria.db");
    assert!(
        row("tm.db").contains(&format!("\"{}\"", d.path().join("memoria.db").display()))
            || row("tm.db").contains(&db.display().to_string()),
        "{out}"
    );
    assert!(row("match.min_score").contains("= 75") && row("match.min_score").contains(&line_of("min_score")), "{out}");
    assert!(row("match.candidates").ends_with("# default"), "{out}");
    assert!(row("serve.address").contains("\"127.0.0.1:8080\""), "{out}");
    // A variable beats the file; a flag beats both.
    let o = run_in(&sub, &["config"], &[("MEMORIA_TO", "fr"), ("MEMORIA_DB", "x.db")]);
    let out = stdout(&o);
    assert!(out.contains("languages.targets = [\"fr\"]") && out.contains("# environment MEMORIA_TO"), "{out}");
    let o = run_in(&sub, &["--db", "y.db", "config", "--format", "json"], &[("MEMORIA_DB", "x.db")]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let db = v["settings"].as_array().unwrap().iter().find(|s| s["key"] == "tm.db").unwrap().clone();
    assert_eq!((db["value"].as_str(), db["source"].as_str()), (Some("y.db"), Some("flag --db")));
}

#[test]
fn an_unknown_key_or_a_bad_value_is_exit_2_at_its_line_and_column() {
    let d = tempfile::tempdir().unwrap();
    let cases = [
        ("[match]\nmin_scroe = 80\n", "memoria.toml:2:1: unknown field `min_scroe`"),
        ("[match]\nmin_score = 120\n", "memoria.toml:2:13: 120: expected a match score from 0 to 101"),
        ("[languages]\nsource = \"e s\"\n", "memoria.toml:2:10: `e s`"),
        ("[check]\nfail_on = \"sometimes\"\n", "memoria.toml:2:11: `sometimes`: expected error, warning or never"),
        ("[check]\ndisable = [\"spelling\"]\n", "memoria.toml:2:11: unknown check `spelling`"),
        ("[match]\nmin_score = \"high\"\n", "memoria.toml:2:13: invalid type: string \"high\", expected i64"),
        ("[tm\ndb = 1\n", "memoria.toml:1:4:"),
    ];
    for (toml, want) in cases {
        std::fs::write(d.path().join("memoria.toml"), toml).unwrap();
        for args in [&["config"][..], &["stats"], &["lookup", "hola", "--from", "es", "--to", "en"]] {
            let o = run_in(d.path(), args, &[]);
            assert_eq!(o.status.code(), Some(2), "{toml}");
            assert!(stderr(&o).contains(want), "{toml:?} {args:?}: {}", stderr(&o));
        }
    }
    let o = run_in(d.path(), &["config"], &[("MEMORIA_MIN_SCORE", "x")]);
    std::fs::write(d.path().join("memoria.toml"), "").unwrap();
    let o2 = run_in(d.path(), &["config"], &[("MEMORIA_MIN_SCORE", "x")]);
    assert_eq!(o2.status.code(), Some(2));
    assert!(stderr(&o2).contains("MEMORIA_MIN_SCORE: `x`: expected a whole number"), "{}", stderr(&o2));
    drop(o);
}

#[test]
fn commands_take_the_pair_and_the_tm_from_the_file_and_say_when_the_pair_is_missing() {
    let d = tempfile::tempdir().unwrap();
    let rel = "debian-2012-lenny-security-end";
    let (es, en) = (sample(&format!("releases/{rel}.es.txt")), sample(&format!("releases/{rel}.en.txt")));
    let o = run_in(d.path(), &["lookup", "Acerca de Debian"], &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--from is missing: give --from LANG, set languages.source"), "{}", stderr(&o));
    init(d.path(), &["--from", "es", "--to", "en", "--tm", "press.db"]);
    // align takes the languages from the files' names.
    let o = run_in(d.path(), &["align", &es, &en, "--import"], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(d.path().join("press.db").is_file());
    let o = run_in(d.path(), &["lookup", "Acerca de Debian", "--format", "json"], &[]);
    assert!(stdout(&o).contains("About Debian"), "{}", stdout(&o));
    let o = run_in(d.path(), &["check", &es], &[]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    // check.fail_on and min_score from the file reach the commands.
    let toml = std::fs::read_to_string(d.path().join("memoria.toml")).unwrap();
    std::fs::write(d.path().join("memoria.toml"), toml.replace("min_score = 75", "min_score = 101")).unwrap();
    let o = run_in(d.path(), &["pretranslate", &es, "--format", "json"], &[]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["min_score"], 101);
    let o = run_in(d.path(), &["pretranslate", &es, "--format", "json", "--min-score", "80"], &[]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["min_score"], 80);
}

#[test]
fn several_targets_write_one_xliff_each_and_report_each() {
    let d = tempfile::tempdir().unwrap();
    init(d.path(), &["--from", "es", "--to", "en,fr"]);
    let more = |slug: &str, l: &str| common::corpus(&format!("releases-more/{slug}.{l}.txt"));
    let slug = "debian-2015-lts-call-to-join";
    for to in ["en", "fr"] {
        let o = run_in(d.path(), &["align", &more(slug, "es"), &more(slug, to), "--import"], &[]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let es = more(slug, "es");
    let o = run_in(d.path(), &["pretranslate", &es], &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--to en,fr: several targets write one file each"), "{}", stderr(&o));
    let o = run_in(d.path(), &["pretranslate", &es, "-o", "out/new.xlf"], &[]);
    assert_eq!(o.status.code(), Some(2), "out/ does not exist");
    std::fs::create_dir(d.path().join("out")).unwrap();
    let o = run_in(d.path(), &["pretranslate", &es, "-o", "out/new.xlf"], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    for to in ["en", "fr"] {
        let x = std::fs::read_to_string(d.path().join(format!("out/new.{to}.xlf"))).unwrap();
        assert!(x.contains(&format!("target-language=\"{to}\"")), "{x}");
        assert!(stderr(&o).contains(&format!("(score >= 75, es -> {to})")), "{}", stderr(&o));
    }
    let fr = std::fs::read_to_string(d.path().join("out/new.fr.xlf")).unwrap();
    assert!(fr.contains("Debian"), "{fr}");
    let o = run_in(d.path(), &["analyze", &es, "--format", "json"], &[]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let targets: Vec<&str> = v["targets"].as_array().unwrap().iter().map(|t| t["to"].as_str().unwrap()).collect();
    assert_eq!(targets, ["en", "fr"]);
    for t in v["targets"].as_array().unwrap() {
        // The release itself was aligned: every segment is a context match.
        let bands = t["total"]["bands"].as_array().unwrap();
        let context = bands.iter().find(|b| b["band"] == "101").unwrap()["segments"].as_u64();
        assert_eq!(context, t["total"]["total"]["segments"].as_u64(), "{t}");
    }
    let o = run_in(d.path(), &["check", &es, "--format", "json"], &[]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["targets"].as_array().unwrap().len(), 2, "{v}");
    let text = run_in(d.path(), &["check", &es], &[]);
    assert!(stderr(&text).contains("es -> en: ") && stderr(&text).contains("es -> fr: "), "{}", stderr(&text));
}
