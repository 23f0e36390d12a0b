//! Terminology: the term entry (TBX's concept entry) with its terms per
//! language, as the TBX and CSV readers produce it, the TM stores it and
//! recognition and the terminology check use it.
//!
//! A [`TermEntry`] is one concept: its id, descriptive fields at the entry
//! and language level (subject field, definition, notes, sources…) and its
//! [`Term`]s, each in one language with its part of speech, term type,
//! [`Status`] (ISO 30042 `administrativeStatus`), usage notes and whether it
//! matches case-sensitively. Data categories memoria does not interpret are
//! kept as [`Field`]s so that an export gives them back.

use crate::lang::LangTag;

/// ISO 30042 / ISO 12620 `administrativeStatus` of a term, grouped as
/// translators use it: may the term be written in a translation?
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// `preferredTerm-admn-sts`: the term to use.
    Preferred,
    /// `admittedTerm-admn-sts`: may be used.
    Admitted,
    /// `standardizedTerm-admn-sts` (TBX 2008): fixed by a standard; may be used.
    Standardized,
    /// `deprecatedTerm-admn-sts`: must not be used any more.
    Deprecated,
    /// `supersededTerm-admn-sts` (also TBX-Basic 2008's `obsoleteTerm`): replaced by another term.
    Superseded,
    /// `notRecommendedTerm-admn-sts` (TBX-Basic), or a glossary's "forbidden": never to be used.
    Forbidden,
}

impl Status {
    /// Reads a TBX picklist value (`preferredTerm-admn-sts`), or a CSV
    /// glossary's word for it (`preferred`, `forbidden`, `not recommended`…),
    /// case-insensitively. `None` for anything else.
    pub fn parse(value: &str) -> Option<Status> {
        let v = value.trim().to_ascii_lowercase().replace([' ', '_'], "");
        let v = v.strip_suffix("-admn-sts").unwrap_or(&v);
        let v = v.strip_suffix("term").unwrap_or(v);
        Some(match v {
            "preferred" => Status::Preferred,
            "admitted" => Status::Admitted,
            "standardized" | "standardised" => Status::Standardized,
            "deprecated" => Status::Deprecated,
            "superseded" | "obsolete" => Status::Superseded,
            "notrecommended" | "forbidden" | "prohibited" => Status::Forbidden,
            _ => return None,
        })
    }

    /// The TBX picklist value memoria writes (`notRecommendedTerm-admn-sts` for [`Status::Forbidden`]).
    pub fn tbx(self) -> &'static str {
        match self {
            Status::Preferred => "preferredTerm-admn-sts",
            Status::Admitted => "admittedTerm-admn-sts",
            Status::Standardized => "standardizedTerm-admn-sts",
            Status::Deprecated => "deprecatedTerm-admn-sts",
            Status::Superseded => "supersededTerm-admn-sts",
            Status::Forbidden => "notRecommendedTerm-admn-sts",
        }
    }

    /// The word shown to users and written in CSV: `preferred`, `forbidden`…
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Preferred => "preferred",
            Status::Admitted => "admitted",
            Status::Standardized => "standardized",
            Status::Deprecated => "deprecated",
            Status::Superseded => "superseded",
            Status::Forbidden => "forbidden",
        }
    }

    /// Whether a translation may use a term of this status (`false` for
    /// deprecated, superseded and forbidden terms).
    pub fn allowed(self) -> bool {
        matches!(self, Status::Preferred | Status::Admitted | Status::Standardized)
    }
}

/// A data category kept as read: a TBX `descrip`, `admin`, `note`, `xref`,
/// `ref` or `termNote` element memoria does not interpret (a context, a
/// source, a grammatical gender, a graphic), or a CSV column of that name.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Field {
    /// The element: `descrip`, `admin`, `note`, `xref`, `ref`, `termNote`.
    pub element: String,
    /// Its `type` attribute (`context`, `source`, `grammaticalGender`…); empty for `note`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub kind: String,
    /// Its `target` attribute (`xref`, `ref`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// The text content (markup inside it reduced to its text).
    pub value: String,
}

/// One term of an entry, in one language.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Term {
    pub lang: LangTag,
    /// The term as written.
    pub text: String,
    /// `partOfSpeech` (`noun`, `verb`…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pos: Option<String>,
    /// `termType` (`fullForm`, `acronym`, `abbreviation`, `synonym`…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term_type: Option<String>,
    /// `administrativeStatus`; `None` when the glossary gives none (the term may be used).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// Usage notes: TBX `note` and `usageNote` of the term.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Found only with this exact case (`OIM`, `IOM`): TBX `termNote type="x-caseSensitive"`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub case_sensitive: bool,
    /// Other data categories of the term, in file order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
}

impl Term {
    /// A term with no data categories but its language and text.
    pub fn new(lang: LangTag, text: &str) -> Term {
        Term {
            lang,
            text: text.to_string(),
            pos: None,
            term_type: None,
            status: None,
            notes: vec![],
            case_sensitive: false,
            fields: vec![],
        }
    }

    /// Whether a translation may use it (no status, or an allowed one: [`Status::allowed`]).
    pub fn allowed(&self) -> bool {
        self.status.map_or(true, Status::allowed)
    }
}

/// Descriptive data of a language section (TBX `langSet`/`langSec`) other
/// than its terms: a definition or note given for one language.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LangField {
    pub lang: LangTag,
    pub field: Field,
}

/// A term entry: one concept with its terms in several languages.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TermEntry {
    /// The entry's id in its glossary (TBX `id` of `termEntry`/`conceptEntry`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `subjectField`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// The concept's `definition` at entry level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<String>,
    /// Entry-level `note`s.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Marked "do not translate" (TBX `descrip type="x-doNotTranslate"`, a
    /// CSV `do-not-translate` column): its source term must stay as it is.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub do_not_translate: bool,
    /// Other entry-level data categories, in file order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
    /// Language-level data categories (a definition per language…).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lang_fields: Vec<LangField>,
    /// The terms, grouped by language in file order.
    pub terms: Vec<Term>,
}

impl TermEntry {
    /// The terms in `lang` (a bare tag such as `es` also takes `es-AR`;
    /// a regional one takes itself and the bare language).
    pub fn terms_in<'a>(&'a self, lang: &'a LangTag) -> impl Iterator<Item = (usize, &'a Term)> + 'a {
        self.terms.iter().enumerate().filter(move |(_, t)| same_language(&t.lang, lang))
    }

    /// Whether the entry's source terms stay untranslated in `to`: marked
    /// so, or some term in `from` is written the same in `to`
    /// (case-sensitively: `Debian` / `Debian`).
    pub fn untranslatable(&self, from: &LangTag, to: &LangTag) -> bool {
        self.do_not_translate
            || self.terms_in(from).any(|(_, s)| self.terms_in(to).any(|(_, t)| t.text == s.text && t.allowed()))
    }
}

/// Whether two tags are one language for terminology: the same primary
/// language, and the same region when both have one.
pub fn same_language(a: &LangTag, b: &LangTag) -> bool {
    a.language().eq_ignore_ascii_case(b.language()) && (a.is_bare() || b.is_bare() || a == b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_read_tbx_and_glossary_words() {
        assert_eq!(Status::parse("preferredTerm-admn-sts"), Some(Status::Preferred));
        assert_eq!(Status::parse("notRecommendedTerm-admn-sts"), Some(Status::Forbidden));
        assert_eq!(Status::parse("Not recommended"), Some(Status::Forbidden));
        assert_eq!(Status::parse("obsoleteTerm-admn-sts"), Some(Status::Superseded));
        assert_eq!(Status::parse("standardizedTerm-admn-sts"), Some(Status::Standardized));
        assert_eq!(Status::parse("maybe"), None);
        for s in [Status::Preferred, Status::Admitted, Status::Deprecated, Status::Superseded, Status::Forbidden] {
            assert_eq!(Status::parse(s.tbx()), Some(s));
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
    }

    #[test]
    fn same_text_in_both_languages_is_untranslatable() {
        let (es, en, fr) = (LangTag::new("es").unwrap(), LangTag::new("en").unwrap(), LangTag::new("fr").unwrap());
        let e = TermEntry {
            terms: vec![Term::new(es.clone(), "Debian"), Term::new(en.clone(), "Debian"), Term::new(fr.clone(), "X")],
            ..TermEntry::default()
        };
        assert!(e.untranslatable(&es, &en));
        assert!(!e.untranslatable(&es, &fr));
        let regional = LangTag::new("es-AR").unwrap();
        assert_eq!(e.terms_in(&regional).count(), 1);
    }
}
