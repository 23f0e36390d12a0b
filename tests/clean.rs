//! Keeping the TM clean (issue 23): alignment refuses documents that are not
//! translations of each other, languages are checked, wrong files get clear
//! words, and the export/import edges new users hit.
mod common;

use common::{corpus, stderr, stdout, Scratch};

/// The slugs of the release pairs in `../shared/corpus/releases/`.
fn release_slugs() -> Vec<String> {
    let dir = corpus("releases");
    let mut slugs: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".es.txt").map(String::from))
        .collect();
    slugs.sort();
    slugs
}

fn release(slug: &str, lang: &str) -> String {
    corpus(&format!("releases/{slug}.{lang}.txt"))
}

#[test]
fn align_import_refuses_every_wrong_pairing_of_the_releases_and_accepts_every_right_one() {
    let slugs = release_slugs();
    assert_eq!(slugs.len(), 7);
    let (mut refused, mut accepted, mut wrongly) = (0, 0, Vec::new());
    for es in &slugs {
        for en in &slugs {
            let sc = Scratch::new();
            let o =
                sc.run(&["align", &release(es, "es"), &release(en, "en"), "--from", "es", "--to", "en", "--import"]);
            let ok = o.status.success();
            match (es == en, ok) {
                (true, true) => accepted += 1,
                (false, false) => {
                    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
                    let err = stderr(&o);
                    assert!(err.contains("do not look like translations of each other"), "{err}");
                    assert!(err.contains("nothing imported (give --force to import anyway)"), "{err}");
                    assert!(!sc.db().exists(), "{es} / {en}: a refused alignment created the TM");
                    refused += 1;
                }
                _ => wrongly.push(format!("{es}.es / {en}.en: exit {:?}\n{}", o.status.code(), stderr(&o))),
            }
        }
    }
    eprintln!("right pairings accepted: {accepted}/7; wrong pairings refused: {refused}/42");
    assert!(wrongly.is_empty(), "{}", wrongly.join("\n"));
    assert_eq!((accepted, refused), (7, 42));
}

#[test]
fn a_refused_alignment_prints_its_figures_and_force_imports_it() {
    let sc = Scratch::new();
    let (es, en) = (release("debian-2017-ftp-shutdown", "es"), release("debian-2012-debconf13-switzerland", "en"));
    let o = sc.run(&["align", &es, &en, "--from", "es", "--to", "en", "--import"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    let line = err.lines().find(|l| l.contains("do not look like translations")).unwrap();
    // The weak share, the anchor agreement and the length correlation.
    assert!(line.contains("sentences (") && line.contains("not in a bead scoring ≥ 75"), "{line}");
    assert!(line.contains("anchors shared ("), "{line}");
    assert!(line.contains("length correlation 0."), "{line}");
    assert!(!sc.db().exists());
    // Without --import, the same figures are a warning and the beads are printed.
    let o = sc.run(&["align", &es, &en, "--from", "es", "--to", "en"]);
    assert!(o.status.success());
    assert!(stderr(&o).contains("warning: "), "{}", stderr(&o));
    // No bead between these unrelated releases scores 100 unless both sides
    // share anchors ("Acerca de Debian" / "About Debian" is real boilerplate).
    for line in stdout(&o).lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols[2] == "100.0" {
            assert!(
                ["Acerca de Debian", "Información de contacto"].contains(&cols[0]),
                "an unrelated pair scored 100: {line}"
            );
        }
    }
    assert!(!stdout(&o).contains("Esta decisión está motivada por las consideraciones siguientes:\tThe venue decision for DebConf14 will be made in approximately twelve months.\t100.0"));
    let o = sc.run(&["align", &es, &en, "--from", "es", "--to", "en", "--import", "--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("importing anyway (--force)"), "{}", stderr(&o));
    assert!(stderr(&o).contains("imported "), "{}", stderr(&o));
}

#[test]
fn every_perturbed_gold_variant_is_still_a_translation() {
    let data = common::root().join("tests/data/align");
    let mut n = 0;
    for pair in std::fs::read_dir(&data).unwrap().filter_map(|e| e.ok()).filter(|e| e.path().is_dir()) {
        for v in ["clean", "add-en", "add-es", "del-en", "del-es", "merge-en", "split-en", "swap-en"] {
            let (es, en) = (pair.path().join(format!("{v}.es")), pair.path().join(format!("{v}.en")));
            if !es.exists() {
                continue;
            }
            let sc = Scratch::new();
            let args = ["align", es.to_str().unwrap(), en.to_str().unwrap(), "--from", "es", "--to", "en"];
            let o = sc.run(&[&args[..], &["--presegmented", "--import"]].concat());
            assert!(o.status.success(), "{}: {}", es.display(), stderr(&o));
            n += 1;
        }
    }
    assert_eq!(n, 47, "variants");
    // The held-out news pairs, freer translations, with their perturbed variants.
    let heldout = common::root().join("tests/data/align-heldout");
    let mut n = 0;
    for pair in std::fs::read_dir(&heldout).unwrap().filter_map(|e| e.ok()).filter(|e| e.path().is_dir()) {
        for f in std::fs::read_dir(pair.path()).unwrap().filter_map(|e| e.ok()) {
            let es = f.path();
            if es.extension().and_then(|e| e.to_str()) != Some("es") {
                continue;
            }
            let en = es.with_extension("en");
            let sc = Scratch::new();
            let args = ["align", es.to_str().unwrap(), en.to_str().unwrap(), "--from", "es", "--to", "en"];
            let o = sc.run(&[&args[..], &["--presegmented", "--import"]].concat());
            assert!(o.status.success(), "{}: {}", es.display(), stderr(&o));
            n += 1;
        }
    }
    assert!(n >= 100, "{n} held-out variants");
}

// ---- item 3: export and import edges ----

/// A TM with three TUs: es+en, es only, en+fr.
fn three_tus() -> Scratch {
    let sc = Scratch::new();
    let tmx = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="es" datatype="plaintext"/>
<body>
<tu><tuv xml:lang="es"><seg>Hola mundo.</seg></tuv><tuv xml:lang="en"><seg>Hello world.</seg></tuv></tu>
<tu><tuv xml:lang="es"><seg>Solo español.</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Good morning.</seg></tuv><tuv xml:lang="fr"><seg>Bonjour.</seg></tuv></tu>
</body></tmx>"#;
    std::fs::write(sc.path("three.tmx"), tmx).unwrap();
    let o = sc.run(&["import", sc.path("three.tmx").to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    sc
}

#[test]
fn export_langs_writes_only_tus_having_every_language_with_only_those_tuvs() {
    let sc = three_tus();
    let o = sc.run(&["export", "-o", "-", "--langs", "es,en"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let tmx = stdout(&o);
    assert_eq!(tmx.matches("<tu>").count() + tmx.matches("<tu ").count(), 1, "{tmx}");
    assert!(tmx.contains("Hola mundo.") && tmx.contains("Hello world."), "{tmx}");
    assert!(!tmx.contains("Solo español.") && !tmx.contains("Bonjour.") && !tmx.contains("Good morning."), "{tmx}");
    assert!(stderr(&o).contains("exported 1 TUs"), "{}", stderr(&o));
}

#[test]
fn export_of_a_collection_the_tm_lacks_is_exit_2_listing_the_collections() {
    let sc = three_tus();
    let o = sc.run(&["export", "-o", sc.path("out.tmx").to_str().unwrap(), "--collection", "nope.tmx"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--collection \"nope.tmx\": the TM has no such collection; its collections: three.tmx"),
        "{}",
        stderr(&o)
    );
    assert!(!sc.path("out.tmx").exists());
}

// ---- item 4: languages are checked ----

#[test]
fn a_language_name_or_unknown_code_is_a_usage_error_naming_the_tag() {
    let sc = Scratch::new();
    let o = sc.run(&["lookup", "hola", "--from", "spanish", "--to", "en"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("\"spanish\" is a language name, not a BCP 47 tag: use `es`"), "{}", stderr(&o));
    let o = sc.run(&["segment", &release("debian-2011-squeeze-released", "es"), "--lang", "xx"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("\"xx\" is not a language"), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
    let o = sc.run(&["export", "-o", "-", "--langs", "es,inglés"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("use `en`"), "{}", stderr(&o));
}

#[test]
fn check_of_an_empty_release_is_exit_1_no_segments() {
    let sc = Scratch::new();
    std::fs::write(sc.path("empty.es.txt"), "\n \n").unwrap();
    let o = sc.run(&["check", sc.path("empty.es.txt").to_str().unwrap(), "--from", "es", "--to", "en"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("empty.es.txt: no segments"), "{}", stderr(&o));
}

// ---- item 6: placeables substituted into the target ----

#[test]
fn codes_ordinals_and_list_numbers_reach_the_target() {
    let sc = Scratch::new();
    let tus = [
        ("La red 5G cubre 30 ciudades.", "The 5G network covers 30 cities."),
        ("Es la 18° edición del congreso.", "It is the 18th edition of the congress."),
        ("Resultados del 1.er trimestre de la empresa.", "Results of the company's 1st quarter."),
        ("Los puntos 1,2,3 del orden del día.", "Items 1,2,3 of the agenda."),
        ("Linux 2.6.32 y GIMP 2.6.11", "Linux 2.6.32 and GIMP 2.6.11"),
        ("más de 29,000 paquetes", "more than 29,000 packages"),
    ];
    let body: String = tus
        .iter()
        .map(|(es, en)| {
            format!("<tu><tuv xml:lang=\"es\"><seg>{es}</seg></tuv><tuv xml:lang=\"en\"><seg>{en}</seg></tuv></tu>\n")
        })
        .collect();
    let tmx = format!(
        "<?xml version=\"1.0\"?><tmx version=\"1.4\"><header creationtool=\"t\" creationtoolversion=\"1\" \
         segtype=\"sentence\" o-tmf=\"t\" adminlang=\"en\" srclang=\"es\" datatype=\"plaintext\"/><body>{body}</body></tmx>"
    );
    std::fs::write(sc.path("p.tmx"), tmx).unwrap();
    assert!(sc.run(&["import", sc.path("p.tmx").to_str().unwrap()]).status.success());
    for (query, want) in [
        ("La red 4G cubre 30 ciudades.", "The 4G network covers 30 cities."),
        ("Es la 19° edición del congreso.", "It is the 19th edition of the congress."),
        ("Resultados del 3.er trimestre de la empresa.", "Results of the company's 3rd quarter."),
        ("Los puntos 1,2,4 del orden del día.", "Items 1,2,4 of the agenda."),
        ("Linux 2.6.32 y GIMP 2.6.12", "Linux 2.6.32 and GIMP 2.6.12"),
        ("más de 30,000 paquetes", "more than 30,000 packages"),
    ] {
        let o = sc.run(&["lookup", query, "--from", "es", "--to", "en", "--format", "json", "--limit", "1"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let m: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(m[0]["target"], want, "{query}");
    }
}

// ---- item 5: clear words for the wrong file ----

#[test]
fn an_image_a_pdf_or_a_release_given_to_the_wrong_command_is_named() {
    let sc = Scratch::new();
    let png = sc.path("photo.png");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01").unwrap();
    let jpg = sc.path("photo.es.jpg");
    std::fs::write(&jpg, b"\xFF\xD8\xFF\xE0\0\x10JFIF\0").unwrap();
    let pdf = sc.path("release.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\n1 0 obj\n").unwrap();
    for (file, what) in [(&png, "a PNG image"), (&jpg, "a JPEG image"), (&pdf, "a PDF document")] {
        let o = sc.run(&["pretranslate", file.to_str().unwrap(), "--from", "es", "--to", "en"]);
        assert_eq!(o.status.code(), Some(2));
        let err = stderr(&o);
        assert!(err.contains(what) && err.contains("memoria reads releases in plain text"), "{err}");
        assert!(!err.contains("invalid UTF-8"), "{err}");
    }
    let o = sc.run(&["import", png.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("photo.png: not a TMX or XLIFF file: a PNG image"), "{}", stderr(&o));
    assert!(!sc.db().exists(), "a failed import left a TM file");
    let o = sc.run(&["import", &release("debian-2017-ftp-shutdown", "es")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("debian-2017-ftp-shutdown.es.txt: not a TMX or XLIFF file"), "{}", stderr(&o));
    assert!(!sc.db().exists(), "a failed import left a TM file");
}

#[test]
fn a_directory_as_db_is_one_line_saying_what_db_takes() {
    let sc = Scratch::new();
    let dir = sc.dir.path().to_str().unwrap().to_string();
    let tmx = corpus("tmx/pythontmx-standard.tmx");
    for args in [vec!["stats"], vec!["import", &tmx], vec!["lookup", "hola", "--from", "es", "--to", "en"]] {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_memoria"))
            .args(["--db", &dir])
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2));
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(&format!("--db {dir}: is a directory; --db takes the TM file")), "{err}");
    }
}

#[test]
fn a_release_in_another_language_is_a_warning_and_align_import_refuses_it() {
    let sc = Scratch::new();
    // The files renamed without a language part, so that only their text tells.
    let (es, en) = (sc.path("ftp-a.txt"), sc.path("ftp-b.txt"));
    std::fs::copy(release("debian-2017-ftp-shutdown", "en"), &es).unwrap();
    std::fs::copy(release("debian-2017-ftp-shutdown", "es"), &en).unwrap();
    let (es, en) = (es.to_str().unwrap(), en.to_str().unwrap());
    let warning = "ftp-a.txt: the text reads as English (`en`, confidence";
    for cmd in ["pretranslate", "analyze", "check"] {
        let o = sc.run(&[cmd, es, "--from", "es", "--to", "en"]);
        assert!(stderr(&o).contains(warning), "{cmd}: {}", stderr(&o));
        assert!(stderr(&o).contains("not `es`; check the file and --from/--to"), "{cmd}: {}", stderr(&o));
    }
    let o = sc.run(&["align", es, en, "--from", "es", "--to", "en", "--import"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("nothing imported (give --force to import anyway)"), "{}", stderr(&o));
    assert!(!sc.db().exists());
    let o = sc.run(&["align", es, en, "--from", "es", "--to", "en", "--import", "--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // The right way round: no warning.
    let o = sc.run(&["analyze", en, "--from", "es", "--to", "en"]);
    assert!(!stderr(&o).contains("the text reads as"), "{}", stderr(&o));
}
