//! SRX 2.0 documents: parsing and language maps.
//!
//! An SRX file (LISA Segmentation Rules eXchange 2.0, as written by OmegaT,
//! Okapi Rainbow, LanguageTool and most CAT tools) holds named
//! `<languagerule>`s, each an ordered list of `<rule break="yes|no">` with a
//! `<beforebreak>` and an `<afterbreak>` regex, and `<maprules>` whose
//! `<languagemap languagepattern=… languagerulename=…>` entries say which rule
//! sets apply to a language. With `cascade="yes"` (header) the rules of every
//! matching map apply, in map order; with `cascade="no"` only the first
//! matching map's. SRX 1.0 files (maps wrapped in `<maprule>`) load too.
//!
//! [`Srx::parse`] reads the XML with quick-xml and keeps the line and column of
//! each pattern so that a rule that cannot compile is reported where it is.
//! `formathandle` and `segmentsubflows` are read and kept; memoria segments
//! plain text, so they change nothing.

use super::SegmentError;
use crate::location::line_col;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// A parsed SRX document.
#[derive(Clone, Debug, Default)]
pub struct Srx {
    /// Where the document came from (a file name), used in errors.
    pub source: String,
    /// `cascade` from the header (SRX 2.0 default: no).
    pub cascade: bool,
    /// `segmentsubflows` from the header (default: yes). Kept, not used.
    pub segment_subflows: bool,
    /// The `<languagerule>`s in document order.
    pub rule_sets: Vec<RuleSet>,
    /// The `<languagemap>`s in document order.
    pub maps: Vec<LanguageMap>,
}

/// One `<languagerule>`: a named, ordered list of rules.
#[derive(Clone, Debug, Default)]
pub struct RuleSet {
    pub name: String,
    pub rules: Vec<Rule>,
}

/// One `<rule>`: break (`break="yes"`, the default) or no-break, with its two
/// patterns (Java/ICU regex text as written in the file; empty = matches
/// everywhere).
#[derive(Clone, Debug, Default)]
pub struct Rule {
    pub is_break: bool,
    pub before: String,
    pub after: String,
    /// 1-based line and column (characters) of the `<beforebreak>` element,
    /// else of the `<rule>` element.
    pub before_at: (usize, usize),
    /// Same for `<afterbreak>`.
    pub after_at: (usize, usize),
}

/// One `<languagemap>`: languages matching `pattern` (a regex over the whole
/// language code, e.g. `es.*`) use rule set `rule_set`.
#[derive(Clone, Debug)]
pub struct LanguageMap {
    pub pattern: String,
    pub rule_set: String,
    /// 1-based line and column of the element.
    pub at: (usize, usize),
}

impl Srx {
    /// Parses SRX 2.0 (or 1.0) XML. `source` names the file in errors.
    ///
    /// Errors: [`SegmentError::Srx`] for malformed XML, a `<rule>` outside a
    /// `<languagerule>`, a bad `break` value, a map naming an unknown rule set.
    pub fn parse(xml: &str, source: &str) -> Result<Srx, SegmentError> {
        let mut srx = Srx { source: source.to_string(), segment_subflows: true, ..Srx::default() };
        let mut reader = Reader::from_str(xml);
        reader.config_mut().trim_text(false);
        let at = |pos: u64| line_col(xml, pos as usize);
        let err = |pos: u64, message: String| {
            let (line, column) = at(pos);
            SegmentError::Srx { file: source.to_string(), line, column, message }
        };
        // Which pattern element we are inside, if any.
        #[derive(PartialEq)]
        enum In {
            None,
            Before,
            After,
        }
        let mut inside = In::None;
        let mut saw_root = false;
        loop {
            let pos = reader.buffer_position();
            let event = reader.read_event().map_err(|e| err(reader.error_position(), format!("malformed XML: {e}")))?;
            match event {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let empty = matches!(event, Event::Empty(_));
                    let name = e.local_name();
                    match name.as_ref() {
                        b"srx" => saw_root = true,
                        b"header" => {
                            if let Some(v) = attr(e, b"cascade").map_err(|m| err(pos, m))? {
                                srx.cascade = yes_no(&v)
                                    .ok_or_else(|| err(pos, format!("cascade=\"{v}\"; expected yes or no")))?;
                            }
                            if let Some(v) = attr(e, b"segmentsubflows").map_err(|m| err(pos, m))? {
                                srx.segment_subflows = yes_no(&v)
                                    .ok_or_else(|| err(pos, format!("segmentsubflows=\"{v}\"; expected yes or no")))?;
                            }
                        }
                        b"languagerule" => {
                            let name = attr(e, b"languagerulename")
                                .map_err(|m| err(pos, m))?
                                .ok_or_else(|| err(pos, "<languagerule> without languagerulename".into()))?;
                            srx.rule_sets.push(RuleSet { name, rules: Vec::new() });
                        }
                        b"rule" => {
                            let is_break = match attr(e, b"break").map_err(|m| err(pos, m))? {
                                None => true,
                                Some(v) => {
                                    yes_no(&v).ok_or_else(|| err(pos, format!("break=\"{v}\"; expected yes or no")))?
                                }
                            };
                            let set = srx
                                .rule_sets
                                .last_mut()
                                .ok_or_else(|| err(pos, "<rule> outside a <languagerule>".into()))?;
                            set.rules.push(Rule { is_break, before_at: at(pos), after_at: at(pos), ..Rule::default() });
                        }
                        b"beforebreak" | b"afterbreak" => {
                            let before = name.as_ref() == b"beforebreak";
                            let rule = srx
                                .rule_sets
                                .last_mut()
                                .and_then(|s| s.rules.last_mut())
                                .ok_or_else(|| err(pos, "pattern outside a <rule>".into()))?;
                            if before {
                                rule.before_at = at(pos);
                            } else {
                                rule.after_at = at(pos);
                            }
                            if !empty {
                                inside = if before { In::Before } else { In::After };
                            }
                        }
                        b"languagemap" => {
                            let pattern = attr(e, b"languagepattern")
                                .map_err(|m| err(pos, m))?
                                .ok_or_else(|| err(pos, "<languagemap> without languagepattern".into()))?;
                            let rule_set = attr(e, b"languagerulename")
                                .map_err(|m| err(pos, m))?
                                .ok_or_else(|| err(pos, "<languagemap> without languagerulename".into()))?;
                            srx.maps.push(LanguageMap { pattern, rule_set, at: at(pos) });
                        }
                        _ => {}
                    }
                }
                Event::End(ref e) => {
                    if matches!(e.local_name().as_ref(), b"beforebreak" | b"afterbreak") {
                        inside = In::None;
                    }
                }
                Event::Text(t) if inside != In::None => {
                    let text = t.unescape().map_err(|e| err(pos, format!("bad text in pattern: {e}")))?;
                    push_pattern(&mut srx, inside == In::Before, &text);
                }
                Event::CData(c) if inside != In::None => {
                    let text = String::from_utf8_lossy(&c.into_inner()).into_owned();
                    push_pattern(&mut srx, inside == In::Before, &text);
                }
                Event::Eof => break,
                _ => {}
            }
        }
        if !saw_root {
            return Err(err(0, "no <srx> element; expected an SRX 2.0 document".into()));
        }
        for m in &srx.maps {
            if !srx.rule_sets.iter().any(|s| s.name == m.rule_set) {
                let (line, column) = m.at;
                return Err(SegmentError::Srx {
                    file: source.to_string(),
                    line,
                    column,
                    message: format!("languagemap names rule set \"{}\", which is not defined", m.rule_set),
                });
            }
        }
        Ok(srx)
    }

    /// The rules that apply to language code `lang` (e.g. `es-AR`), in
    /// order: those of every map whose `languagepattern` matches the whole
    /// code, ignoring case (all of them when cascading, else the first).
    ///
    /// Errors: a language pattern that is not a valid regex
    /// ([`SegmentError::Rule`]); no map matching `lang`
    /// ([`SegmentError::UnsupportedLanguage`]).
    pub fn rules_for(&self, lang: &str) -> Result<Vec<&Rule>, SegmentError> {
        let mut out = Vec::new();
        let mut matched = false;
        for m in &self.maps {
            if !self.map_matches(m, lang)? {
                continue;
            }
            matched = true;
            if let Some(set) = self.rule_sets.iter().find(|s| s.name == m.rule_set) {
                out.extend(set.rules.iter());
            }
            if !self.cascade {
                break;
            }
        }
        if !matched {
            return Err(SegmentError::UnsupportedLanguage(format!(
                "{lang} (no languagemap in {} matches it)",
                self.source
            )));
        }
        Ok(out)
    }
}

impl Srx {
    /// Whether language `lang` has rules of its own here: a language map
    /// other than a catch-all one (pattern `.*` or `.+`) matches it. A
    /// language without them gets only the rules meant for every language
    /// (in memoria's default rules: Protect, Generic and Breaks).
    ///
    /// Errors: a language pattern that is not a valid regex.
    pub fn has_own_rules(&self, lang: &str) -> Result<bool, SegmentError> {
        for m in &self.maps {
            let catch_all = matches!(m.pattern.trim(), ".*" | ".+" | "(.*)" | "(?:.*)");
            if !catch_all && self.map_matches(m, lang)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    fn map_matches(&self, m: &LanguageMap, lang: &str) -> Result<bool, SegmentError> {
        // Language tags compare case-insensitively (BCP 47), and OmegaT
        // writes patterns such as `EN-US` or `ES.*`.
        let full = format!(r"(?i)\A(?:{})\z", super::java::translate(&m.pattern));
        let re = regex::Regex::new(&full).map_err(|e| SegmentError::Rule {
            file: self.source.clone(),
            line: m.at.0,
            column: m.at.1,
            pattern: m.pattern.clone(),
            message: e.to_string(),
        })?;
        Ok(re.is_match(lang))
    }
}

fn push_pattern(srx: &mut Srx, before: bool, text: &str) {
    if let Some(rule) = srx.rule_sets.last_mut().and_then(|s| s.rules.last_mut()) {
        if before {
            rule.before.push_str(text);
        } else {
            rule.after.push_str(text);
        }
    }
}

fn attr(e: &BytesStart, name: &[u8]) -> Result<Option<String>, String> {
    for a in e.attributes() {
        let a = a.map_err(|e| format!("bad attribute: {e}"))?;
        if a.key.local_name().as_ref() == name {
            let v = a.unescape_value().map_err(|e| format!("bad attribute value: {e}"))?;
            return Ok(Some(v.into_owned()));
        }
    }
    Ok(None)
}

fn yes_no(v: &str) -> Option<bool> {
    match v.trim() {
        "yes" | "true" => Some(true),
        "no" | "false" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0">
  <header segmentsubflows="yes" cascade="yes"><formathandle type="start" include="no"/></header>
  <body>
    <languagerules>
      <languagerule languagerulename="Spanish">
        <rule break="no"><beforebreak>\bSr\.</beforebreak><afterbreak>\s</afterbreak></rule>
      </languagerule>
      <languagerule languagerulename="Default">
        <rule><beforebreak>[.?!]</beforebreak><afterbreak>\s</afterbreak></rule>
      </languagerule>
    </languagerules>
    <maprules>
      <languagemap languagepattern="es.*" languagerulename="Spanish"/>
      <languagemap languagepattern=".*" languagerulename="Default"/>
    </maprules>
  </body>
</srx>"#;

    #[test]
    fn rules_keep_order_break_and_location() {
        let srx = Srx::parse(SMALL, "small.srx").unwrap();
        assert!(srx.cascade);
        let es = srx.rules_for("es-AR").unwrap();
        assert_eq!(es.len(), 2);
        assert!(!es[0].is_break && es[1].is_break);
        assert_eq!(es[0].before, r"\bSr\.");
        assert_eq!(es[0].before_at, (7, 26));
        assert_eq!(srx.rules_for("en").unwrap().len(), 1);
    }

    #[test]
    fn no_cascade_takes_first_map_only() {
        let xml = SMALL.replace("cascade=\"yes\"", "cascade=\"no\"");
        let srx = Srx::parse(&xml, "small.srx").unwrap();
        assert_eq!(srx.rules_for("es").unwrap().len(), 1);
    }

    #[test]
    fn map_to_unknown_rule_set_is_located() {
        let xml = SMALL.replace("languagerulename=\"Default\"/>", "languagerulename=\"Nope\"/>");
        let e = Srx::parse(&xml, "small.srx").unwrap_err().to_string();
        assert!(e.contains("small.srx:15:7:") && e.contains("\"Nope\""), "{e}");
    }

    #[test]
    fn malformed_xml_is_an_error() {
        let e = Srx::parse("<srx><body></srx>", "bad.srx").unwrap_err().to_string();
        assert!(e.starts_with("bad.srx:1:"), "{e}");
    }
}
