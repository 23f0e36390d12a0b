//! Language tags (BCP 47, RFC 5646) as TMX, XLIFF and the TM use them.
//!
//! Tags are compared case-insensitively (TMX 1.4b §3.1: language values are not
//! case-sensitive). [`LangTag::parse`] canonicalises case (`EN-us` → `en-US`)
//! and accepts the common invalid form `es_ES`, reporting that it did so.

use std::fmt;

/// A canonicalised BCP 47 language tag: language subtag lower case, script
/// title case, region upper case (`en`, `es-AR`, `zh-Hant-TW`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct LangTag(String);

/// The ISO 639-1 two-letter language codes (the primary subtags BCP 47 takes
/// from ISO 639-1; IANA Language Subtag Registry).
const ISO_639_1: &str = "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy \
da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik \
io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt \
my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so \
sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";

/// Language names (English and the language's own, lower case, without
/// accents) that users type instead of a tag, with the tag they mean.
const NAMES: &[(&str, &str)] = &[
    ("spanish", "es"),
    ("espanol", "es"),
    ("castellano", "es"),
    ("english", "en"),
    ("ingles", "en"),
    ("french", "fr"),
    ("francais", "fr"),
    ("frances", "fr"),
    ("german", "de"),
    ("deutsch", "de"),
    ("aleman", "de"),
    ("italian", "it"),
    ("italiano", "it"),
    ("portuguese", "pt"),
    ("portugues", "pt"),
    ("catalan", "ca"),
    ("catala", "ca"),
    ("basque", "eu"),
    ("euskara", "eu"),
    ("galician", "gl"),
    ("galego", "gl"),
    ("dutch", "nl"),
    ("nederlands", "nl"),
    ("russian", "ru"),
    ("chinese", "zh"),
    ("japanese", "ja"),
    ("korean", "ko"),
    ("arabic", "ar"),
    ("polish", "pl"),
    ("swedish", "sv"),
    ("greek", "el"),
    ("turkish", "tr"),
    ("czech", "cs"),
    ("danish", "da"),
    ("finnish", "fi"),
    ("norwegian", "nb"),
    ("romanian", "ro"),
    ("hungarian", "hu"),
    ("ukrainian", "uk"),
    ("hebrew", "he"),
];

/// Why a tag typed by a user is refused, with the tag meant when it is a
/// language name (`spanish` → `es`) or an ISO 639-2 code (`spa` → `es`).
pub fn check_user_tag(s: &str) -> Result<LangTag, String> {
    let folded: String = s
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'á' => 'a',
            'é' => 'e',
            'í' => 'i',
            'ó' => 'o',
            'ú' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            c => c,
        })
        .collect();
    if let Some((_, tag)) = NAMES.iter().find(|(n, _)| *n == folded) {
        return Err(format!("{s:?} is a language name, not a BCP 47 tag: use `{tag}`"));
    }
    const THREE: &[(&str, &str)] = &[
        ("spa", "es"),
        ("eng", "en"),
        ("fra", "fr"),
        ("fre", "fr"),
        ("deu", "de"),
        ("ger", "de"),
        ("ita", "it"),
        ("por", "pt"),
        ("cat", "ca"),
        ("nld", "nl"),
        ("dut", "nl"),
    ];
    if let Some((_, tag)) = THREE.iter().find(|(n, _)| *n == folded) {
        return Err(format!("{s:?}: BCP 47 uses the two-letter code `{tag}` for this language"));
    }
    let tag = LangTag::new(s).map_err(|e| e.to_string())?;
    let lang = tag.language();
    let known = match lang.len() {
        2 => ISO_639_1.split_whitespace().any(|c| c == lang),
        // ISO 639-2/3 codes without a two-letter one (`ast`, `fil`) and
        // private use (`x-...`, `qaa`–`qtz`) are taken as written.
        3 | 1 => true,
        _ => false,
    };
    if !known {
        return Err(format!(
            "{s:?} is not a language: the first part of a BCP 47 tag is an ISO 639 code such as `es`, `en`, `fr` \
             (`es-AR`, `en-US` with a region)"
        ));
    }
    Ok(tag)
}

/// How a tag was read: as written, or repaired (underscore separators).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TagRepair {
    /// The input was a well-formed tag (only case may have changed).
    None,
    /// The input used `_` as separator (`es_ES`); it was read as `es-ES`.
    Underscore,
}

/// Error for a value that cannot be a language tag (empty, or characters
/// other than ASCII letters, digits, `-` and `_`).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("invalid language tag {0:?}: expected a BCP 47 tag such as `es` or `en-US`")]
pub struct LangTagError(pub String);

impl LangTag {
    /// Parses and canonicalises `s`. `*all*` is not a language tag; callers
    /// that accept it (TMX `srclang`) check for it first.
    pub fn parse(s: &str) -> Result<(LangTag, TagRepair), LangTagError> {
        let t = s.trim();
        if t.is_empty() || !t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
            return Err(LangTagError(s.to_string()));
        }
        let repair = if t.contains('_') { TagRepair::Underscore } else { TagRepair::None };
        let mut out = String::with_capacity(t.len());
        for (i, sub) in t.split(['-', '_']).enumerate() {
            if sub.is_empty() {
                return Err(LangTagError(s.to_string()));
            }
            if i > 0 {
                out.push('-');
            }
            if i == 0 {
                out.push_str(&sub.to_ascii_lowercase());
            } else if sub.len() == 2 && sub.bytes().all(|b| b.is_ascii_alphabetic()) {
                out.push_str(&sub.to_ascii_uppercase());
            } else if sub.len() == 4 && sub.bytes().all(|b| b.is_ascii_alphabetic()) {
                out.push_str(&sub[..1].to_ascii_uppercase());
                out.push_str(&sub[1..].to_ascii_lowercase());
            } else {
                out.push_str(&sub.to_ascii_lowercase());
            }
        }
        Ok((LangTag(out), repair))
    }

    /// Parses, ignoring whether a repair was needed.
    pub fn new(s: &str) -> Result<LangTag, LangTagError> {
        Self::parse(s).map(|(t, _)| t)
    }

    /// The canonical tag text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The primary language subtag (`es` for `es-AR`).
    pub fn language(&self) -> &str {
        self.0.split('-').next().unwrap_or(&self.0)
    }

    /// True when the tag is only a language subtag (`es`).
    pub fn is_bare(&self) -> bool {
        !self.0.contains('-')
    }

    /// How well `candidate` serves a request for `self`: 3 exact tag,
    /// 2 candidate is the bare language of `self`, 1 same language with another
    /// region/script, 0 another language. Lookup ranks exact above fallbacks.
    pub fn fit(&self, candidate: &LangTag) -> u8 {
        if self == candidate {
            3
        } else if self.language() != candidate.language() {
            0
        } else if candidate.is_bare() {
            2
        } else {
            1
        }
    }
}

impl fmt::Display for LangTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for LangTag {
    type Err = LangTagError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        LangTag::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_is_canonicalised() {
        assert_eq!(LangTag::new("EN-us").unwrap().as_str(), "en-US");
        assert_eq!(LangTag::new("zh-hant-tw").unwrap().as_str(), "zh-Hant-TW");
    }

    #[test]
    fn underscore_is_repaired_and_reported() {
        let (t, r) = LangTag::parse("es_ES").unwrap();
        assert_eq!(t.as_str(), "es-ES");
        assert_eq!(r, TagRepair::Underscore);
    }

    #[test]
    fn fit_prefers_exact_then_bare_then_region() {
        let want = LangTag::new("es-AR").unwrap();
        assert_eq!(want.fit(&LangTag::new("ES-ar").unwrap()), 3);
        assert_eq!(want.fit(&LangTag::new("es").unwrap()), 2);
        assert_eq!(want.fit(&LangTag::new("es-ES").unwrap()), 1);
        assert_eq!(want.fit(&LangTag::new("en").unwrap()), 0);
    }

    #[test]
    fn garbage_is_an_error() {
        assert!(LangTag::new("").is_err());
        assert!(LangTag::new("e s").is_err());
        assert!(LangTag::new("es--AR").is_err());
    }
}
