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
    /// The variant's language (from `xml:lang`, or TMX 1.1 `lang`), in its
    /// canonical form: what matching and every comparison use.
    pub lang: LangTag,
    /// All attributes as read, in order, except the language attribute;
    /// when the file wrote the language in another case than `lang`
    /// (`EN-US`, `es-es`), that spelling comes first as `xml:lang`
    /// ([`Tuv::written_lang`]).
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

    /// The language tag as the file wrote it: the `xml:lang` kept in
    /// `attrs` when it spells `lang` in another case, else `lang`.
    pub fn written_lang(&self) -> &str {
        self.attr("xml:lang").filter(|w| w.eq_ignore_ascii_case(self.lang.as_str())).unwrap_or(self.lang.as_str())
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
    /// The header's children in document order, by kind: TMX 1.4b lets
    /// `<note>`, `<ude>` and `<prop>` interleave (`(note|ude|prop)*`), and a
    /// writer takes the next one of each list in this order
    /// ([`Header::children`]). Empty for a header made in code (written
    /// udes, notes, props).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub order: Vec<HeaderChild>,
}

/// The kind of one child of a [`Header`], for its document order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum HeaderChild {
    Prop,
    Note,
    Ude,
}

impl HeaderChild {
    /// The one-letter code of the kind (`p`, `n`, `u`), as the TM stores an
    /// order ([`HeaderChild::encode`]).
    pub fn code(self) -> char {
        match self {
            HeaderChild::Prop => 'p',
            HeaderChild::Note => 'n',
            HeaderChild::Ude => 'u',
        }
    }

    /// An order as a string of codes (`"pnpun"`).
    pub fn encode(order: &[HeaderChild]) -> String {
        order.iter().map(|c| c.code()).collect()
    }

    /// The order a string of codes gives; other characters are skipped.
    pub fn decode(codes: &str) -> Vec<HeaderChild> {
        codes
            .chars()
            .filter_map(|c| match c {
                'p' => Some(HeaderChild::Prop),
                'n' => Some(HeaderChild::Note),
                'u' => Some(HeaderChild::Ude),
                _ => None,
            })
            .collect()
    }
}

/// One child of a [`Header`], borrowed, as [`Header::children`] yields them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeaderItem<'a> {
    Prop(&'a Prop),
    Note(&'a Note),
    Ude(&'a str),
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

    /// Every prop, note and ude in document order: as [`Header::order`]
    /// says, then whatever it does not cover (all of them when it is empty)
    /// as udes, notes, props.
    pub fn children(&self) -> Vec<HeaderItem<'_>> {
        let (mut p, mut n, mut u) = (0, 0, 0);
        let mut out = Vec::with_capacity(self.props.len() + self.notes.len() + self.udes.len());
        for kind in &self.order {
            match kind {
                HeaderChild::Prop if p < self.props.len() => {
                    out.push(HeaderItem::Prop(&self.props[p]));
                    p += 1;
                }
                HeaderChild::Note if n < self.notes.len() => {
                    out.push(HeaderItem::Note(&self.notes[n]));
                    n += 1;
                }
                HeaderChild::Ude if u < self.udes.len() => {
                    out.push(HeaderItem::Ude(&self.udes[u]));
                    u += 1;
                }
                _ => {}
            }
        }
        out.extend(self.udes[u..].iter().map(|x| HeaderItem::Ude(x)));
        out.extend(self.notes[n..].iter().map(HeaderItem::Note));
        out.extend(self.props[p..].iter().map(HeaderItem::Prop));
        out
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

    #[test]
    fn header_children_follow_the_document_order_then_the_rest() {
        let prop = |t: &str| Prop { ptype: t.into(), attrs: vec![], value: t.into() };
        let note = |t: &str| Note { attrs: vec![], value: t.into() };
        let mut h = Header {
            props: vec![prop("a"), prop("b")],
            notes: vec![note("n1"), note("n2")],
            udes: vec!["<ude name=\"u\"/>".into()],
            order: HeaderChild::decode("pnpu"),
            ..Header::default()
        };
        let kinds = |h: &Header| {
            h.children()
                .iter()
                .map(|c| match c {
                    HeaderItem::Prop(p) => format!("p:{}", p.value),
                    HeaderItem::Note(n) => format!("n:{}", n.value),
                    HeaderItem::Ude(_) => "u".to_string(),
                })
                .collect::<Vec<_>>()
        };
        // n2 is not in the order: it comes after, as a note would.
        assert_eq!(kinds(&h), ["p:a", "n:n1", "p:b", "u", "n:n2"]);
        assert_eq!(HeaderChild::encode(&h.order), "pnpu");
        h.order.clear();
        assert_eq!(kinds(&h), ["u", "n:n1", "n:n2", "p:a", "p:b"]);
    }
}
