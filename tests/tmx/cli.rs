//! `memoria import` and `memoria export` run as a user runs them.

use crate::common::{corpus, stderr, stdout, Scratch};
use crate::{read_bytes, read_path, testset};
use memoria_core::tu::Tu;
use serde_json::Value;

fn json(o: &std::process::Output) -> Value {
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{e}: {}{}", stdout(o), stderr(o)))
}

fn tu_count(s: &Scratch) -> u64 {
    let o = s.run(&["stats", "--format", "json"]);
    json(&o)["tus"].as_u64().unwrap()
}

#[test]
fn every_corpus_file_imports_or_fails_with_file_line_and_column() {
    for entry in std::fs::read_dir(corpus("tmx")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "tmx") {
            continue;
        }
        let p = path.to_str().unwrap();
        // Recover mode (the default) imports every corpus file.
        let s = Scratch::new();
        let o = s.run(&["import", p, "--format", "json"]);
        assert!(o.status.success(), "{p}: {}", stderr(&o));
        let r = json(&o);
        let (_, tus, _) = read_path(p, false);
        assert_eq!(r["total"]["read"].as_u64().unwrap(), tus.len() as u64, "{p}");
        assert!(tu_count(&s) > 0, "{p}");
        // Strict mode: success, or one line naming file:line:column, exit 2, nothing imported.
        let s = Scratch::new();
        let o = s.run(&["import", "--strict", p]);
        if !o.status.success() {
            let err = stderr(&o);
            assert_eq!(o.status.code(), Some(2), "{p}");
            assert_eq!(err.trim_end().lines().count(), 1, "{p}: {err}");
            let at = err.find(p).unwrap_or_else(|| panic!("{p}: {err}"));
            let rest: Vec<&str> = err[at + p.len()..].splitn(4, ':').collect();
            assert!(rest[1].parse::<u64>().is_ok() && rest[2].parse::<u64>().is_ok(), "{err}");
            assert_eq!(tu_count(&s), 0);
        }
    }
}

#[test]
fn strict_import_of_a_control_character_names_it_and_imports_nothing() {
    let s = Scratch::new();
    let good = testset("bug10-whitespace-in-seg.tmx");
    let bad = testset("bug05-control-char-raw.tmx");
    let o = s.run(&["import", "--strict", &good, &bad]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains(&format!("{bad}:7:1: character U+000B is illegal in XML 1.0 (TU 1, tuid \"c1\")")), "{err}");
    assert_eq!(tu_count(&s), 0, "all or nothing: the good file before it is not imported either");
}

#[test]
fn recover_import_reports_warnings_by_kind_in_json() {
    let s = Scratch::new();
    let o = s.run(&["import", &testset("bug05-control-char-raw.tmx"), "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let r = json(&o);
    assert_eq!(r["total"]["added"], 2);
    assert_eq!(r["total"]["warnings"]["illegal-char"], 2);
    assert_eq!(r["warnings"][0]["line"], 7);
    assert_eq!(r["warnings"][0]["tuid"], "c1");
    assert_eq!(tu_count(&s), 2);
}

#[test]
fn duplicates_collapse_and_a_new_target_is_an_alternative_newest_first() {
    let s = Scratch::new();
    let o = s.run(&["import", &testset("bug09-duplicate-tus.tmx"), "--format", "json"]);
    let r = json(&o);
    let t = &r["total"];
    assert_eq!((t["tus"].as_u64(), t["added"].as_u64(), t["duplicates"].as_u64()), (Some(5), Some(3), Some(2)));
    assert_eq!(t["alternatives"], 1);
    assert_eq!(t["warnings"]["duplicate-tuid"], 1);
    let o = s.run(&["lookup", "File", "--from", "en-US", "--to", "es-ES", "--format", "json"]);
    let m = json(&o);
    let targets: Vec<&str> = m.as_array().unwrap().iter().map(|x| x["target"].as_str().unwrap()).collect();
    assert_eq!(targets, ["Fichero", "Archivo"]);
}

#[test]
fn on_conflict_skip_and_overwrite_keep_one_translation() {
    for (policy, target, field) in [("skip", "Archivo", "skipped_conflicts"), ("overwrite", "Fichero", "overwritten")] {
        let s = Scratch::new();
        let o = s.run(&["import", &testset("bug09-duplicate-tus.tmx"), "--on-conflict", policy, "--format", "json"]);
        assert_eq!(json(&o)["total"][field], 1, "{policy}");
        let o = s.run(&["lookup", "File", "--from", "en-US", "--to", "es-ES", "--format", "json"]);
        let m = json(&o);
        assert_eq!(m.as_array().unwrap().len(), 1, "{policy}");
        assert_eq!(m[0]["target"], target, "{policy}");
    }
}

#[test]
fn language_tags_match_case_insensitively_after_import() {
    let s = Scratch::new();
    assert!(s.run(&["import", &testset("bug03-lang-case-mismatch.tmx")]).status.success());
    for (src, want) in [
        ("Print the report.", "Imprima el informe."),
        ("Close the window.", "Cierre la ventana."),
        ("Delete the record.", "Elimine el registro."),
    ] {
        for to in ["es-ES", "es"] {
            let o = s.run(&["lookup", src, "--from", "EN", "--to", to, "--format", "json"]);
            assert_eq!(json(&o)[0]["target"], want, "{src} -> {to}");
        }
    }
}

/// Import one file, export it, and compare with the file's TUs: every
/// exported TU is a TU of the file (the import adds `srclang` from the
/// header to TUs without one), and their number is what the import added.
#[test]
fn import_then_export_gives_back_every_tu_of_each_corpus_file() {
    for name in [
        "omegat-compkit-ImportTest2C.tmx",
        "okapi-trados-twb-test01.tmx",
        "okapi-Paragraph_TM.tmx",
        "omegat-test-multiple-tuv14.tmx",
        "okapi-sample14b.tmx",
        "omegat-test-SMP.tmx",
    ] {
        let p = corpus(&format!("tmx/{name}"));
        let s = Scratch::new();
        let added = json(&s.run(&["import", &p, "--format", "json"]))["total"]["added"].as_u64().unwrap();
        let out = s.path("out.tmx");
        let o = s.run(&["export", "-o", out.to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
        let (_, original, _) = read_path(&p, false);
        let (h, exported, w) = read_bytes(std::fs::read(&out).unwrap());
        assert_eq!(w.total(), 0, "{name}");
        assert_eq!(exported.len() as u64, added, "{name}");
        assert_eq!(h.attr("o-tmf"), Some("memoria SQLite TM"));
        for e in &exported {
            let mut plain: Tu = e.clone();
            if !original.iter().any(|o| o == &plain) {
                plain.attrs.retain(|(k, _)| k != "srclang");
                assert!(original.contains(&plain), "{name}: exported TU not in the file: {e:?}");
            }
        }
    }
}

#[test]
fn export_filters_by_language_date_and_collection_and_writes_utf16() {
    let s = Scratch::new();
    assert!(s
        .run(&["import", &testset("bug09-duplicate-tus.tmx"), &testset("bug01-utf16le-bom-memoq.tmx")])
        .status
        .success());
    let out = s.path("f.tmx");
    let o = s.path("f.tmx");
    let o = o.to_str().unwrap();
    let export = |extra: &[&str]| -> Vec<Tu> {
        let mut args = vec!["export", "-o", o];
        args.extend_from_slice(extra);
        let r = s.run(&args);
        assert!(r.status.success(), "{}", stderr(&r));
        read_bytes(std::fs::read(&out).unwrap()).1
    };
    assert_eq!(export(&[]).len(), 4);
    let since = export(&["--since", "2024-02-01"]);
    // d2 changed 2024-03-01; the "Edit" TU has no date, so its import time counts.
    assert_eq!(since.iter().map(|t| t.tuid().unwrap_or("-")).collect::<Vec<_>>(), ["d2", "-"]);
    let coll = export(&["--collection", "bug01-utf16le-bom-memoq.tmx", "--encoding", "utf-16le"]);
    assert_eq!(&std::fs::read(&out).unwrap()[..2], &[0xFF, 0xFE]);
    assert_eq!(coll.len(), 1);
    assert_eq!(coll[0].tuvs[1].seg.plain_text(), "Guarde el archivo antes de cerrar (año, señal, ¿listo?).");
    let en = export(&["--langs", "en"]);
    assert!(en.iter().all(|t| t.tuvs.len() == 1 && t.tuvs[0].lang.as_str() == "en-US"));
    let bad = s.run(&["export", "-o", o, "--since", "yesterday"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("expected YYYY-MM-DD"));
}

/// A TMX file whose header says `srclang`, with `body` as its TUs.
fn tmx_with_srclang(srclang: &str, body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="{srclang}" datatype="plaintext"/><body>
{body}
</body></tmx>
"#
    )
}

/// Review finding: a fresh import (empty TM) finds duplicates through the
/// source keys of the TUs stored so far, which hold each TU's *source*
/// variant only; an import into a non-empty TM looks up every stored TUV.
/// The same TU read once with `srclang="en"` and once with `srclang="es"`
/// is a duplicate in a non-empty TM but stored twice in an empty one.
#[test]
fn a_tu_repeated_with_another_srclang_is_a_duplicate_in_an_empty_tm_as_in_a_non_empty_one() {
    let tu = r#"<tu><tuv xml:lang="en"><seg>The cat sleeps on the mat.</seg></tuv><tuv xml:lang="es"><seg>El gato duerme en la alfombra.</seg></tuv></tu>"#;
    let seed = r#"<tu><tuv xml:lang="en"><seg>Unrelated seed sentence.</seg></tuv><tuv xml:lang="es"><seg>Frase semilla.</seg></tuv></tu>"#;
    let duplicates = |s: &Scratch| -> u64 {
        std::fs::write(s.path("a_en.tmx"), tmx_with_srclang("en", tu)).unwrap();
        std::fs::write(s.path("b_es.tmx"), tmx_with_srclang("es", tu)).unwrap();
        let (a, b) = (s.path("a_en.tmx"), s.path("b_es.tmx"));
        let o = s.run(&["import", a.to_str().unwrap(), b.to_str().unwrap(), "--format", "json"]);
        assert!(o.status.success(), "{}", stderr(&o));
        json(&o)["total"]["duplicates"].as_u64().unwrap()
    };
    let non_empty = Scratch::new();
    std::fs::write(non_empty.path("seed.tmx"), tmx_with_srclang("en", seed)).unwrap();
    assert!(non_empty.run(&["import", non_empty.path("seed.tmx").to_str().unwrap()]).status.success());
    assert_eq!(duplicates(&non_empty), 1, "non-empty TM");
    assert_eq!(tu_count(&non_empty), 2);
    let empty = Scratch::new();
    assert_eq!(duplicates(&empty), 1, "empty TM");
    assert_eq!(tu_count(&empty), 1);
}

/// Review finding, as above for conflicts: a TU whose own `srclang` is the
/// stored TU's target language, with that text, conflicts with it (one
/// file); `--on-conflict skip` must skip it in an empty TM too.
#[test]
fn a_conflict_through_a_tu_srclang_is_skipped_in_an_empty_tm_as_in_a_non_empty_one() {
    let body = r#"<tu><tuv xml:lang="en"><seg>The cat sleeps on the mat.</seg></tuv><tuv xml:lang="es"><seg>El gato duerme en la alfombra.</seg></tuv></tu>
<tu srclang="es"><tuv xml:lang="es"><seg>El gato duerme en la alfombra.</seg></tuv><tuv xml:lang="en"><seg>A cat is sleeping on the rug.</seg></tuv></tu>"#;
    let seed = r#"<tu><tuv xml:lang="en"><seg>Unrelated seed sentence.</seg></tuv><tuv xml:lang="es"><seg>Frase semilla.</seg></tuv></tu>"#;
    let skipped = |s: &Scratch| -> (u64, u64) {
        std::fs::write(s.path("one.tmx"), tmx_with_srclang("en", body)).unwrap();
        let one = s.path("one.tmx");
        let o = s.run(&["import", one.to_str().unwrap(), "--on-conflict", "skip", "--format", "json"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let total = &json(&o)["total"];
        (total["added"].as_u64().unwrap(), total["skipped_conflicts"].as_u64().unwrap())
    };
    let non_empty = Scratch::new();
    std::fs::write(non_empty.path("seed.tmx"), tmx_with_srclang("en", seed)).unwrap();
    assert!(non_empty.run(&["import", non_empty.path("seed.tmx").to_str().unwrap()]).status.success());
    assert_eq!(skipped(&non_empty), (1, 1), "non-empty TM");
    assert_eq!(skipped(&Scratch::new()), (1, 1), "empty TM");
}

/// Review finding: with `--on-conflict overwrite` a fresh import counts a TU
/// overwritten twice when the TU that replaced it reused its row id (the
/// source keys then list that id twice). Three translations of one source:
/// two TUs overwritten, one left, in an empty TM as in a non-empty one.
#[test]
fn overwriting_the_same_source_twice_counts_two_overwrites_in_an_empty_tm() {
    let body = r#"<tu><tuv xml:lang="en"><seg>Open the file.</seg></tuv><tuv xml:lang="es"><seg>Abra el archivo.</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Open the file.</seg></tuv><tuv xml:lang="es"><seg>Abre el archivo.</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Open the file.</seg></tuv><tuv xml:lang="es"><seg>Abrir el fichero.</seg></tuv></tu>"#;
    let s = Scratch::new();
    std::fs::write(s.path("ow.tmx"), tmx_with_srclang("en", body)).unwrap();
    let ow = s.path("ow.tmx");
    let o = s.run(&["import", ow.to_str().unwrap(), "--on-conflict", "overwrite", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let total = &json(&o)["total"];
    assert_eq!((total["added"].as_u64(), total["overwritten"].as_u64()), (Some(3), Some(2)));
    assert_eq!(tu_count(&s), 1);
}
