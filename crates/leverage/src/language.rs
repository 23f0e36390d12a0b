//! Which language a release is written in, to catch a release given with the
//! wrong `--from` (or the wrong file): detected with the `whatlang` crate
//! (trigram profiles of 69 languages) over the release's segments.

use crate::release::Release;
use memoria_core::lang::LangTag;

/// Characters of segment text read for the detection (the first ones): enough
/// for a reliable answer, bounded for a long release.
const SAMPLE_CHARS: usize = 4000;

/// Fewest characters of text for a verdict: shorter texts (a title, a list of
/// names) are not judged.
const MIN_CHARS: usize = 200;

/// A language detected in a text: its BCP 47 primary subtag when it has a
/// two-letter one (else the ISO 639-3 code), its English name, and
/// whatlang's confidence (0–1).
#[derive(Clone, Debug, PartialEq)]
pub struct Detected {
    pub code: String,
    pub name: &'static str,
    pub confidence: f64,
}

/// ISO 639-3 codes of whatlang's languages that BCP 47 writes with their
/// ISO 639-1 code.
const TWO_LETTER: &[(&str, &str)] = &[
    ("afr", "af"),
    ("aka", "ak"),
    ("amh", "am"),
    ("ara", "ar"),
    ("aze", "az"),
    ("bel", "be"),
    ("ben", "bn"),
    ("bul", "bg"),
    ("cat", "ca"),
    ("ces", "cs"),
    ("cmn", "zh"),
    ("dan", "da"),
    ("deu", "de"),
    ("ell", "el"),
    ("eng", "en"),
    ("epo", "eo"),
    ("est", "et"),
    ("fin", "fi"),
    ("fra", "fr"),
    ("guj", "gu"),
    ("heb", "he"),
    ("hin", "hi"),
    ("hrv", "hr"),
    ("hun", "hu"),
    ("hye", "hy"),
    ("ind", "id"),
    ("ita", "it"),
    ("jav", "jv"),
    ("jpn", "ja"),
    ("kan", "kn"),
    ("kat", "ka"),
    ("khm", "km"),
    ("kor", "ko"),
    ("lat", "la"),
    ("lav", "lv"),
    ("lit", "lt"),
    ("mal", "ml"),
    ("mar", "mr"),
    ("mkd", "mk"),
    ("mya", "my"),
    ("nep", "ne"),
    ("nld", "nl"),
    ("nob", "nb"),
    ("ori", "or"),
    ("pan", "pa"),
    ("pes", "fa"),
    ("pol", "pl"),
    ("por", "pt"),
    ("ron", "ro"),
    ("rus", "ru"),
    ("sin", "si"),
    ("slk", "sk"),
    ("slv", "sl"),
    ("sna", "sn"),
    ("spa", "es"),
    ("srp", "sr"),
    ("swe", "sv"),
    ("tam", "ta"),
    ("tel", "te"),
    ("tgl", "tl"),
    ("tha", "th"),
    ("tuk", "tk"),
    ("tur", "tr"),
    ("ukr", "uk"),
    ("urd", "ur"),
    ("uzb", "uz"),
    ("vie", "vi"),
    ("yid", "yi"),
    ("zul", "zu"),
];

/// The language of `text`, when whatlang is sure of it (`is_reliable`) and
/// the text has at least [`MIN_CHARS`] characters.
pub fn detect(text: &str) -> Option<Detected> {
    if text.chars().count() < MIN_CHARS {
        return None;
    }
    let info = whatlang::detect(text).filter(whatlang::Info::is_reliable)?;
    let three = info.lang().code();
    let code = TWO_LETTER.iter().find(|(t, _)| *t == three).map_or(three, |(_, two)| two).to_string();
    Some(Detected { code, name: info.lang().eng_name(), confidence: info.confidence() })
}

/// The language `release` is written in when it is reliably another one than
/// `expected` (primary subtags compared: `es-AR` is `es`; Norwegian `no`
/// and `nb` are one language). `None` when it is `expected`, or unsure.
pub fn other_language(release: &Release, expected: &LangTag) -> Option<Detected> {
    let mut sample = String::with_capacity(SAMPLE_CHARS + 200);
    for i in 0..release.segments.len() {
        if sample.len() >= SAMPLE_CHARS {
            break;
        }
        sample.push_str(&release.text(i));
        sample.push('\n');
    }
    let found = detect(&sample)?;
    let want = expected.language().to_ascii_lowercase();
    let same = found.code == want || (matches!(want.as_str(), "no" | "nb") && found.code == "nb");
    (!same).then_some(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spanish_and_english_releases_are_told_apart() {
        let es = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../samples/releases/debian-2017-ftp-shutdown.es.txt"
        ))
        .unwrap();
        let en = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../samples/releases/debian-2017-ftp-shutdown.en.txt"
        ))
        .unwrap();
        assert_eq!(detect(&es).unwrap().code, "es");
        assert_eq!(detect(&en).unwrap().code, "en");
        assert_eq!(detect("Hola."), None);
    }
}
