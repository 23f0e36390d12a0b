//! The translation-unit model shared by every file format and the TM.
//!
//! A [`Tu`] holds one meaning in several languages ([`Tuv`]s), with the
//! metadata TMX 1.4b defines (§3: attributes, `prop`, `note`). Readers fill it,
//! the store keeps it losslessly, writers emit it. Attributes are kept as
//! ordered `(name, value)` pairs exactly as read (known and unknown alike), so
//! that an import/export round trip gives back every attribute; the typed
//! accessors read from them.

use crate::content::Content;
use crate::lang::LangTag;
use serde::{Deserialize, Serialize};

/// A `<prop type="…">` (TMX 1.4b §3.3.5): typed text. Attributes other than
/// `type` (`xml:lang`, `o-encoding`) are kept in `attrs`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Prop {
    pub ptype: String,
    pub attrs: Vec<(String, String)>,
    pub value: String,
}

/// A `<note>` (TMX 1.4b §3.3.4): free text with optional `xml:lang`,
/// `o-encoding` in `attrs`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Note {
    pub attrs: Vec<(String, String)>,
    pub value: String,
}

/// One language's variant of a TU (`<tuv>`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Tuv {
    /// The variant's language (from `xml:lang`, or TMX 1.1 `lang`).
    pub lang: LangTag,
    /// All attributes as read, in order, except the language attribute.
    pub attrs: Vec<(String, String)>,
    pub props: Vec<Prop>,
    pub notes: Vec<Note>,
    pub seg: Content,
}

/// A translation unit (`<tu>`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Tu {
    /// All attributes as read, in order (`tuid`, `srclang`, `creationdate`, …).
    pub attrs: Vec<(String, String)>,
    pub props: Vec<Prop>,
    pub notes: Vec<Note>,
    pub tuvs: Vec<Tuv>,
}

fn get<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

fn set(attrs: &mut Vec<(String, String)>, name: &str, value: &str) {
    match attrs.iter_mut().find(|(k, _)| k == name) {
        Some(slot) => slot.1 = value.to_string(),
        None => attrs.push((name.to_string(), value.to_string())),
    }
}

impl Tuv {
    /// A variant with plain-text content and no metadata.
    pub fn plain(lang: LangTag, text: &str) -> Tuv {
        Tuv { lang, attrs: vec![], props: vec![], notes: vec![], seg: Content::from_text(text) }
    }

    /// The value of attribute `name` (`creationdate`, `changeid`, …).
    pub fn attr(&self, name: &str) -> Option<&str> {
        get(&self.attrs, name)
    }
}

impl Tu {
    /// The value of attribute `name`.
    pub fn attr(&self, name: &str) -> Option<&str> {
        get(&self.attrs, name)
    }

    /// Sets attribute `name`, keeping its position if present.
    pub fn set_attr(&mut self, name: &str, value: &str) {
        set(&mut self.attrs, name, value)
    }

    /// The `tuid` attribute.
    pub fn tuid(&self) -> Option<&str> {
        self.attr("tuid")
    }

    /// The variant that best serves `lang`: exact tag first, then the bare
    /// language, then any region of it ([`LangTag::fit`]); never by position.
    pub fn variant(&self, lang: &LangTag) -> Option<&Tuv> {
        self.tuvs.iter().filter(|v| lang.fit(&v.lang) > 0).max_by_key(|v| lang.fit(&v.lang))
    }
}

/// The TMX `<header>` (TMX 1.4b §3.2): attributes in order (required ones:
/// creationtool, creationtoolversion, segtype, o-tmf, adminlang, srclang,
/// datatype), props, notes, and `ude` elements kept as raw XML text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub attrs: Vec<(String, String)>,
    pub props: Vec<Prop>,
    pub notes: Vec<Note>,
    /// Each `<ude>` element verbatim (with its `<map>` children).
    pub udes: Vec<String>,
}

impl Header {
    /// The value of attribute `name`.
    pub fn attr(&self, name: &str) -> Option<&str> {
        get(&self.attrs, name)
    }

    /// Sets attribute `name`, keeping its position if present.
    pub fn set_attr(&mut self, name: &str, value: &str) {
        set(&mut self.attrs, name, value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variant_is_chosen_by_language_not_position() {
        let en = LangTag::new("en-US").unwrap();
        let es = LangTag::new("es").unwrap();
        let tu = Tu { tuvs: vec![Tuv::plain(es.clone(), "Hola"), Tuv::plain(en.clone(), "Hello")], ..Tu::default() };
        assert_eq!(tu.variant(&LangTag::new("en").unwrap()).unwrap().seg.plain_text(), "Hello");
        assert_eq!(tu.variant(&LangTag::new("es-MX").unwrap()).unwrap().seg.plain_text(), "Hola");
        assert!(tu.variant(&LangTag::new("fr").unwrap()).is_none());
    }
}
