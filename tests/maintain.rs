//! `memoria delete`, `edit`, `inconsistencies` and `history` end to end, on
//! the sample releases aligned into a scratch TM.

mod common;
use common::*;
use std::process::{Command, Output};

/// Runs memoria on the scratch TM with `USER` set to `user` (or unset).
fn run_as(s: &Scratch, user: Option<&str>, args: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_memoria"));
    c.arg("--db").arg(s.db()).args(args).env_remove("MEMORIA_DB").env_remove("LOGNAME");
    match user {
        Some(u) => c.env("USER", u),
        None => c.env_remove("USER"),
    };
    c.output().unwrap()
}

fn tm_of_two_releases() -> Scratch {
    let s = Scratch::new();
    align_import(&s, "debian-2017-ftp-shutdown");
    align_import(&s, "debian-2012-debconf13-switzerland");
    s
}

fn tus(s: &Scratch) -> u64 {
    let o = s.run(&["stats", "--format", "json"]);
    serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap()["tus"].as_u64().unwrap()
}

/// The TU ids whose Spanish text contains `phrase`.
fn ids_of(s: &Scratch, phrase: &str) -> Vec<i64> {
    let o = s.run(&["concordance", phrase, "--lang", "es", "--format", "json", "--limit", "100"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let mut ids: Vec<i64> = v.as_array().unwrap().iter().map(|h| h["tu_id"].as_i64().unwrap()).collect();
    ids.sort();
    ids
}

#[test]
fn delete_by_query_dry_run_changes_nothing_then_deletes_and_records_the_user() {
    let s = tm_of_two_releases();
    let before = tus(&s);
    let hits = ids_of(&s, "DebConf");
    assert!(hits.len() >= 10, "{hits:?}");
    let o =
        run_as(&s, Some("ana"), &["delete", "--source", "debconf", "--from", "es", "--dry-run", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["dry_run"], true);
    let listed: Vec<i64> = v["deleted"].as_array().unwrap().iter().map(|t| t["id"].as_i64().unwrap()).collect();
    // `--source` takes a substring ("DebConf13" too); concordance whole words
    // only: every concordance hit is listed, and more.
    assert!(hits.iter().all(|h| listed.contains(h)) && listed.len() > hits.len(), "{listed:?} {hits:?}");
    assert!(ids_of(&s, "DebConf13").iter().all(|h| listed.contains(h) && !hits.contains(h)));
    assert_eq!(tus(&s), before);
    assert!(stderr(&o).contains(&format!("would delete {} TUs (dry run", listed.len())), "{}", stderr(&o));
    let o = run_as(&s, Some("ana"), &["delete", "--source", "debconf", "--from", "es"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(tus(&s), before - listed.len() as u64);
    assert!(ids_of(&s, "DebConf").is_empty());
    let o = s.run(&["verify"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let h = s.run(&["history", &hits[0].to_string(), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&h.stdout).unwrap();
    assert_eq!((v[0]["author"].as_str(), v[0]["action"].as_str()), (Some("ana"), Some("delete")));
}

#[test]
fn edit_sets_the_tmx_change_stamp_on_export_and_history_shows_before_and_after() {
    let s = tm_of_two_releases();
    let id = ids_of(&s, "Apagado de los servicios FTP")[0].to_string();
    let new = "Debian will close its FTP servers.";
    let o = run_as(&s, None, &["edit", &id, "--lang", "en", "--text", new, "--author", "Ana Pérez"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains(&format!("  + {new}\n")), "{}", stdout(&o));
    let out = s.path("out.tmx");
    let o = s.run(&["export", "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let tmx = std::fs::read_to_string(&out).unwrap();
    let at = tmx.find(new).unwrap();
    let tu_start = tmx[..at].rfind("<tu ").unwrap();
    let tag = &tmx[tu_start..tu_start + tmx[tu_start..].find('>').unwrap()];
    assert!(tag.contains("changeid=\"Ana Pérez\""), "{tag}");
    let stamp = &tag[tag.find("changedate=\"").unwrap() + 12..][..16];
    assert!(stamp.starts_with("20") && stamp.ends_with('Z') && stamp.as_bytes()[8] == b'T', "{stamp}");
    let h = s.run(&["history", &id]);
    let text = stdout(&h);
    assert!(text.contains("  Ana Pérez  edit\n"), "{text}");
    assert!(text.contains(&format!("         -> {new}\n")), "{text}");
    // A dry run and a no-op leave one record.
    let o = run_as(&s, Some("bob"), &["edit", &id, "--lang", "en", "--text", "x", "--dry-run"]);
    assert!(o.status.success() && stderr(&o).contains("dry run"), "{}", stderr(&o));
    let o = run_as(&s, Some("bob"), &["edit", &id, "--lang", "en", "--text", new]);
    assert!(stderr(&o).contains("already that"), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&s.run(&["history", &id, "--format", "json"]).stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
}

#[test]
fn inconsistencies_of_the_sample_releases_as_csv() {
    let s = Scratch::new();
    for slug in RELEASES {
        align_import(&s, slug);
    }
    let o = s.run(&["inconsistencies", "--from", "es", "--to", "en", "--format", "csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut r = csv::Reader::from_reader(o.stdout.as_slice());
    assert_eq!(r.headers().unwrap(), vec!["kind", "shared_lang", "shared", "other_lang", "other", "tu_ids"]);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    // One translation reused for several sources: the releases' closing line.
    assert!(rows
        .iter()
        .any(|r| &r[0] == "several-sources" && &r[2] == "About DebConf" && &r[4] == "Acerca de DebConf"));
    // The releases' "About Debian" boilerplate, translated in two ways.
    let shared = "Debian es un sistema operativo libre desarrollado por miles de voluntarios de todo el mundo quienes \
                  colaboran a través de Internet.";
    let about: Vec<&csv::StringRecord> =
        rows.iter().filter(|r| &r[0] == "several-targets" && &r[2] == shared).collect();
    assert!(about.len() >= 2, "{rows:?}");
    assert!(about.iter().all(|r| &r[1] == "es" && &r[3] == "en" && !r[5].is_empty()));
    let texts: std::collections::HashSet<&str> = about.iter().map(|r| &r[4]).collect();
    assert_eq!(texts.len(), about.len(), "one row per different translation");
    // Fixing one of them with edit takes it out.
    let first_id = about[1][5].split(' ').next().unwrap().to_string();
    let o = s.run(&["edit", &first_id, "--lang", "en", "--text", &about[0][4], "--author", "t"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = s.run(&["inconsistencies", "--from", "es", "--to", "en", "--format", "json", "--kind", "several-targets"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let group = v.as_array().unwrap().iter().find(|g| g["shared"] == shared);
    let now = group.map_or(1, |g| g["variants"].as_array().unwrap().len());
    assert_eq!(now, about.len() - 1);
}

#[test]
fn maintenance_refuses_what_it_cannot_name_with_exit_2_and_changes_nothing() {
    let s = tm_of_two_releases();
    let before = tus(&s);
    let o = run_as(&s, Some("ana"), &["delete"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("refusing to delete the whole TM"), "{}", stderr(&o));
    let o = run_as(&s, Some("ana"), &["delete", "--collection", "nope.tmx"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no such collection in the TM; it has: "), "{}", stderr(&o));
    let o = run_as(&s, Some("ana"), &["delete", "1", "99999"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("TU 99999 not in the TM"), "{}", stderr(&o));
    let o = run_as(&s, None, &["delete", "1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("give --author NAME"), "{}", stderr(&o));
    let o = run_as(&s, Some("ana"), &["edit", "1", "--lang", "fr", "--text", "x"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("TU 1 has no fr variant (it has es, en)"), "{}", stderr(&o));
    let o = s.run(&["history", "99999"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(tus(&s), before);
    // No TM: an error, and no file left behind.
    let none = Scratch::new();
    let o = run_as(&none, Some("ana"), &["delete", "1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!none.db().exists());
}
