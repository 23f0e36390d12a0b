//! Segment content: text plus inline codes, kept losslessly.
//!
//! Following Okapi's model, a segment's content is a sequence of [`Inline`]
//! items: runs of text and [`InlineCode`]s (TMX 1.4b §3.4 `bpt ept it ph hi sub
//! ut`, and foreign elements kept opaque). Matching works on
//! [`Content::match_text`]: the text with every code replaced by one
//! placeholder character, so native code (`&lt;b&gt;`) never reaches the
//! matcher, and writers restore the codes exactly from the items.

use serde::{Deserialize, Serialize};

/// First code point used for code placeholders in match text (Unicode Private
/// Use Area). Code *n* of a segment (0-based, in order) is
/// `PLACEHOLDER_BASE + min(n, 0xFF)`.
pub const PLACEHOLDER_BASE: u32 = 0xE000;

/// The element an inline code came from.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CodeKind {
    /// `<bpt>`: begin of a paired native code.
    Bpt,
    /// `<ept>`: end of a paired native code.
    Ept,
    /// `<it>`: isolated code whose partner is outside the segment.
    It,
    /// `<ph>`: standalone placeholder code.
    Ph,
    /// `<hi>`: highlight; its content is translatable text.
    Hi,
    /// `<sub>`: translatable sub-flow inside a code's native data.
    Sub,
    /// `<ut>`: unknown code (deprecated in TMX 1.4b, still written by tools).
    Ut,
    /// An element that TMX does not define (`<g>`, `<x/>` from XLIFF), kept
    /// opaque with its name so it can be written back.
    Foreign(String),
}

impl CodeKind {
    /// The XML element name.
    pub fn element(&self) -> &str {
        match self {
            CodeKind::Bpt => "bpt",
            CodeKind::Ept => "ept",
            CodeKind::It => "it",
            CodeKind::Ph => "ph",
            CodeKind::Hi => "hi",
            CodeKind::Sub => "sub",
            CodeKind::Ut => "ut",
            CodeKind::Foreign(n) => n,
        }
    }

    /// The kind for a TMX element name, or `Foreign`.
    pub fn from_element(name: &str) -> CodeKind {
        match name {
            "bpt" => CodeKind::Bpt,
            "ept" => CodeKind::Ept,
            "it" => CodeKind::It,
            "ph" => CodeKind::Ph,
            "hi" => CodeKind::Hi,
            "sub" => CodeKind::Sub,
            "ut" => CodeKind::Ut,
            other => CodeKind::Foreign(other.to_string()),
        }
    }
}

/// One inline element with its attributes in document order (`i`, `x`,
/// `type`, `pos`, `assoc`, and any other) and its content: native code text
/// (and `sub`s) for `bpt ept it ph ut`, translatable text for `hi`/`sub`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct InlineCode {
    pub kind: CodeKind,
    pub attrs: Vec<(String, String)>,
    pub content: Vec<Inline>,
}

impl InlineCode {
    /// The value of attribute `name`, if present.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

/// A run of text or an inline code.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Inline {
    Text(String),
    Code(InlineCode),
}

/// The content of a segment (a TMX `<seg>`, an XLIFF `<source>`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Content {
    pub items: Vec<Inline>,
}

impl Content {
    /// Content that is plain text without codes.
    pub fn from_text(s: &str) -> Content {
        Content { items: if s.is_empty() { vec![] } else { vec![Inline::Text(s.to_string())] } }
    }

    /// True when there is no inline code at the top level.
    pub fn is_plain(&self) -> bool {
        self.items.iter().all(|i| matches!(i, Inline::Text(_)))
    }

    /// Number of inline codes at the top level (`hi` counted once).
    pub fn code_count(&self) -> usize {
        self.items.iter().filter(|i| matches!(i, Inline::Code(_))).count()
    }

    /// The translatable text alone: text runs and the text inside `hi`,
    /// without native code; codes vanish. Used for display and word counts.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        fn walk(items: &[Inline], out: &mut String) {
            for it in items {
                match it {
                    Inline::Text(t) => out.push_str(t),
                    Inline::Code(c) if c.kind == CodeKind::Hi => walk(&c.content, out),
                    Inline::Code(_) => {}
                }
            }
        }
        walk(&self.items, &mut out);
        out
    }

    /// Whether [`Self::plain_text`] holds anything but whitespace (without
    /// building it).
    pub fn has_text(&self) -> bool {
        fn walk(items: &[Inline]) -> bool {
            items.iter().any(|it| match it {
                Inline::Text(t) => !t.trim().is_empty(),
                Inline::Code(c) => c.kind == CodeKind::Hi && walk(&c.content),
            })
        }
        walk(&self.items)
    }

    /// The text the matcher sees: text runs, `hi` text, and one placeholder
    /// character (`U+E000 + n`) for each other code, numbered in order. Native
    /// code never appears in it.
    pub fn match_text(&self) -> String {
        let mut out = String::new();
        let mut n = 0u32;
        fn walk(items: &[Inline], out: &mut String, n: &mut u32) {
            for it in items {
                match it {
                    Inline::Text(t) => out.push_str(t),
                    Inline::Code(c) if c.kind == CodeKind::Hi => walk(&c.content, out, n),
                    Inline::Code(_) => {
                        out.push(char::from_u32(PLACEHOLDER_BASE + (*n).min(0xFF)).unwrap());
                        *n += 1;
                    }
                }
            }
        }
        walk(&self.items, &mut out, &mut n);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(kind: CodeKind, native: &str) -> Inline {
        Inline::Code(InlineCode {
            kind,
            attrs: vec![("i".into(), "1".into())],
            content: vec![Inline::Text(native.into())],
        })
    }

    #[test]
    fn native_code_never_reaches_match_text() {
        let c = Content {
            items: vec![
                Inline::Text("Pulse ".into()),
                code(CodeKind::Bpt, "<b>"),
                Inline::Text("Aceptar".into()),
                code(CodeKind::Ept, "</b>"),
                Inline::Text(".".into()),
            ],
        };
        assert_eq!(c.match_text(), "Pulse \u{E000}Aceptar\u{E001}.");
        assert_eq!(c.plain_text(), "Pulse Aceptar.");
        assert_eq!(c.code_count(), 2);
    }

    #[test]
    fn hi_text_is_translatable() {
        let c = Content {
            items: vec![Inline::Code(InlineCode {
                kind: CodeKind::Hi,
                attrs: vec![],
                content: vec![Inline::Text("importante".into())],
            })],
        };
        assert_eq!(c.match_text(), "importante");
    }
}
