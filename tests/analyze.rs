//! `memoria analyze`: band counts on the new sample release against a TM
//! built from samples/releases (as scripts/main-job.sh does), checked
//! against a hand count; repetitions with Trados precedence; weights.
mod common;
use common::*;

fn analyze(s: &Scratch, files: &[&str], extra: &[&str]) -> std::process::Output {
    let mut args = vec!["analyze"];
    args.extend(files);
    args.extend(["--from", "es", "--to", "en"]);
    args.extend(extra);
    s.run(&args)
}

fn json(s: &Scratch, files: &[&str]) -> serde_json::Value {
    let o = analyze(s, files, &["--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_str(&stdout(&o)).unwrap()
}

/// `(band, segments, words, characters)` of a file in the JSON report.
fn bands(file: &serde_json::Value) -> Vec<(String, u64, u64, u64)> {
    file["bands"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            let n = |k: &str| b[k].as_u64().unwrap();
            (b["band"].as_str().unwrap().to_string(), n("segments"), n("words"), n("characters"))
        })
        .collect()
}

#[test]
fn new_release_band_counts_equal_the_hand_count() {
    let s = all_releases();
    let new = sample("new/debian-2016-squeeze-lts-eol.es.txt");
    let v = json(&s, &[&new]);
    // The hand count, segment by segment (words: tokens holding a letter or digit;
    // characters: non-space):
    //  1 "El soporte a largo plazo … ciclo de vida"                    no match  16  60
    //  2 "El equipo de soporte a largo plazo («Long Term Support» …"   no match  48 207
    //  3 "No habrá más soporte de seguridad para Debian 6.0."           no match   9  42
    //    (nearest stored: "Soporte de seguridad para Debian 5.0 finalizado", 49)
    //  4 "El equipo LTS preparará la transición a Debian 7 …"          no match  16  87
    //  5 "El equipo LTS pasará a encargarse de su soporte …"           no match  20  87
    //  6 "Debian 7 también recibirá soporte a largo plazo …"           no match  22 117
    //  7 "Debian y su equipo LTS agradecen sus contribuciones …"       no match  32 170
    //  8 "Si depende de Debian LTS, por favor, …"                      no match  19 113
    //  9 "Acerca de Debian"                                            100        3  14
    // 10 "El proyecto Debian fue fundado en 1993 … libre."             101       17  93
    //    (same neighbours as in debconf16-closes: "Acerca de Debian" before, "Desde entonces…" after)
    // 11 "Desde entonces el proyecto ha crecido …"                     100       19  95
    //    (stored once, with the neighbours of its first occurrence, debconf13: "…de la comunidad…")
    // 12 "Miles de voluntarios de todo el mundo …"                     100       16  83
    //    (debconf16-closes has it, but its next sentence reads «como “el sistema…”»)
    // 13 "Se encuentra traducido a 70 idiomas … el “sistema operativo universal”."
    //    (stored: «como “el sistema operativo universal”.», two characters moved)  95-99 30 151
    // 14 "Información de contacto"                                     100        3  21
    // 15 "Para más información, visite las páginas web de Debian …"    95-99     18 116
    //    (stored, squeeze-released: «…visite las páginas de Debian en https://…», "web " missing)
    let hand = [
        ("101", 1, 17, 93),
        ("100", 4, 3 + 19 + 16 + 3, 14 + 95 + 83 + 21),
        ("repetitions", 0, 0, 0),
        ("cross-file repetitions", 0, 0, 0),
        ("95-99", 2, 30 + 18, 151 + 116),
        ("85-94", 0, 0, 0),
        ("75-84", 0, 0, 0),
        ("50-74", 0, 0, 0),
        ("no match", 8, 16 + 48 + 9 + 16 + 20 + 22 + 32 + 19, 60 + 207 + 42 + 87 + 87 + 117 + 170 + 113),
    ]
    .map(|(b, s, w, c)| (b.to_string(), s, w, c))
    .to_vec();
    let file = &v["files"][0];
    assert_eq!(bands(file), hand);
    // The bands add up to the totals: 15 segments, 288 words, 1456 characters.
    let sum = |i: usize| hand.iter().map(|b| [b.1, b.2, b.3][i]).sum::<u64>();
    assert_eq!((sum(0), sum(1), sum(2)), (15, 288, 1456));
    assert_eq!(file["total"], serde_json::json!({"segments": 15, "words": 288, "characters": 1456}));
    // Default weights: 41×0.1 + 48×0.3 + 182×1 = 200.5.
    assert!((file["weighted_words"].as_f64().unwrap() - 200.5).abs() < 1e-9, "{}", file["weighted_words"]);
}

#[test]
fn repetitions_follow_trados_precedence() {
    let s = tm_with(&["debian-2012-lenny-security-end"]);
    let a = s.path("a.es.txt");
    // "Acerca de Debian" is in the TM (100 both times, never a repetition); the other
    // sentence is new: first occurrence "no match", second a repetition.
    std::fs::write(
        &a,
        "Acerca de Debian\nEl equipo LTS preparará la transición.\nAcerca de Debian\nEl equipo LTS preparará la transición.\n",
    )
    .unwrap();
    let b = s.path("b.es.txt");
    std::fs::write(&b, "El equipo LTS preparará la transición.\n").unwrap();
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let v = json(&s, &[a, b]);
    let get =
        |f: usize, band: &str| bands(&v["files"][f]).into_iter().find(|x| x.0 == band).map(|x| (x.1, x.2)).unwrap();
    assert_eq!(get(0, "100"), (2, 6));
    assert_eq!(get(0, "no match"), (1, 6));
    assert_eq!(get(0, "repetitions"), (1, 6));
    // In the second file the sentence was seen in an earlier file.
    assert_eq!(get(1, "cross-file repetitions"), (1, 6));
    assert_eq!(get(1, "no match"), (0, 0));
    assert_eq!(v["total"]["total"], serde_json::json!({"segments": 5, "words": 24, "characters": 2 * 14 + 3 * 33}));
}

#[test]
fn weights_grid_is_applied_and_printed() {
    let s = all_releases();
    let new = sample("new/debian-2016-squeeze-lts-eol.es.txt");
    let o = analyze(&s, &[&new], &["--weights", "100=0.5,95=0.5,50=0.5"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("Weights: 101=0 100=0.5 rep=0.1 xrep=0.1 95=0.5 85=0.5 75=0.7 50=0.5 new=1"), "{text}");
    assert!(text.contains("Counting: words: white-space-separated tokens holding a letter or digit"), "{text}");
    // 41×0.5 + 48×0.5 + 182×1 = 226.5.
    let o = analyze(&s, &[&new], &["--weights", "100=0.5,95=0.5,50=0.5", "--format", "csv"]);
    let csv = stdout(&o);
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 3, "{csv}");
    assert!(rows[0].starts_with("file,101 segments,101 words,101 characters,100 segments,"), "{}", rows[0]);
    assert!(rows[0].ends_with(",total segments,total words,total characters,weighted words"));
    assert_eq!(
        rows[1],
        format!("{new},1,17,93,4,41,213,0,0,0,0,0,0,2,48,267,0,0,0,0,0,0,0,0,0,8,182,883,15,288,1456,226.5")
    );
    assert!(rows[2].starts_with("total,1,17,93,4,41,213,"));
}

#[test]
fn bad_weights_are_a_usage_error() {
    let s = Scratch::new();
    let new = sample("new/debian-2016-squeeze-lts-eol.es.txt");
    let o = analyze(&s, &[&new], &["--weights", "99=1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--weights: `99`: unknown band"), "{}", stderr(&o));
}
