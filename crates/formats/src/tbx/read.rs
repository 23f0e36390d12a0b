//! The streaming TBX reader (TBX 2008 `martif` and TBX v3 `tbx`).

use super::{GlossaryError, Skipped, MAX_DEPTH, MAX_TERMS, MAX_TEXT};
use crate::xliff::lines::{counting, CountingRead, Positions};
use memoria_core::lang::LangTag;
use memoria_core::term::{Field, LangField, Status, Term, TermEntry};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::io::{BufReader, Read};
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

/// Which TBX a file is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// ISO 30042:2008 (LISA TBX): root `<martif>`.
    Tbx2008,
    /// ISO 30042:2019: root `<tbx type="TBX-Basic" style="dca">`; the
    /// `type` (TBX-Basic, TBX-Core…) and `style` (dca, dct) as written.
    Tbx3 { kind: String, style: String },
}

impl std::fmt::Display for Dialect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Dialect::Tbx2008 => f.write_str("TBX 2008 (martif)"),
            Dialect::Tbx3 { kind, style } => write!(f, "TBX v3 {kind} ({style})"),
        }
    }
}

type Source = BufReader<CountingRead<Box<dyn Read + Send>>>;

/// Reads the term entries of a TBX file one at a time
/// ([`TbxReader::next_entry`]); memory is bounded by the largest entry.
pub struct TbxReader {
    r: Reader<Source>,
    pos: Positions,
    name: String,
    buf: Vec<u8>,
    dialect: Dialect,
    /// Element names open outside the entry being read (root, text, body).
    depth: usize,
    skipped: Vec<Skipped>,
    done: bool,
}

/// Where a field read inside an entry belongs.
enum Scope {
    Entry,
    Lang,
    Term,
}

impl TbxReader {
    /// Opens the TBX file at `path`.
    pub fn open(path: &std::path::Path) -> Result<TbxReader, GlossaryError> {
        let (f, name) = super::open_file(path)?;
        TbxReader::new(f, &name)
    }

    /// Reads a TBX document held in memory; `name` names it in errors.
    pub fn from_bytes(bytes: Vec<u8>, name: &str) -> Result<TbxReader, GlossaryError> {
        TbxReader::new(std::io::Cursor::new(bytes), name)
    }

    /// Starts reading `src` (any encoding XML allows) up to its root
    /// element, which must be `<martif>` or `<tbx>`.
    pub fn new(src: impl Read + Send + 'static, name: &str) -> Result<TbxReader, GlossaryError> {
        let io = |e: std::io::Error| GlossaryError {
            file: name.into(),
            line: 1,
            column: 1,
            what: format!("cannot read: {e}"),
        };
        let (utf8, _) = crate::tmx::decode::utf8_source(src, Arc::new(AtomicU64::new(0))).map_err(io)?;
        let (counted, pos) = counting(Box::new(utf8) as Box<dyn Read + Send>);
        let mut r = Reader::from_reader(BufReader::new(counted));
        r.config_mut().trim_text(false);
        let mut t = TbxReader {
            r,
            pos,
            name: name.to_string(),
            buf: Vec::new(),
            dialect: Dialect::Tbx2008,
            depth: 0,
            skipped: Vec::new(),
            done: false,
        };
        t.read_root()?;
        Ok(t)
    }

    /// The dialect of the file.
    pub fn dialect(&self) -> &Dialect {
        &self.dialect
    }

    /// Entries and terms left out so far, with the reason.
    pub fn skipped(&self) -> &[Skipped] {
        &self.skipped
    }

    fn err_at(&self, offset: u64, what: impl Into<String>) -> GlossaryError {
        let (line, column) = self.pos.line_col(offset);
        GlossaryError { file: self.name.clone(), line, column, what: what.into() }
    }

    fn err(&self, what: impl Into<String>) -> GlossaryError {
        self.err_at(self.r.buffer_position(), what)
    }

    /// The next event, owned; XML errors and entity declarations become errors.
    fn event(&mut self) -> Result<(u64, Event<'static>), GlossaryError> {
        self.buf.clear();
        let start = self.r.buffer_position();
        let ev = match self.r.read_event_into(&mut self.buf) {
            Ok(ev) => ev.into_owned(),
            Err(e) => return Err(self.err_at(self.r.error_position(), format!("malformed XML: {e}"))),
        };
        if let Event::DocType(d) = &ev {
            if memchr::memmem::find(d, b"<!ENTITY").is_some() {
                return Err(self.err_at(
                    start,
                    "DOCTYPE declares entities (<!ENTITY>); TBX needs none and memoria never expands them",
                ));
            }
        }
        Ok((start, ev))
    }

    fn read_root(&mut self) -> Result<(), GlossaryError> {
        loop {
            let (start, ev) = self.event()?;
            match ev {
                Event::Start(e) => {
                    match local(&e).as_str() {
                        "martif" => self.dialect = Dialect::Tbx2008,
                        "tbx" => {
                            self.dialect = Dialect::Tbx3 {
                                kind: attr(&e, "type").unwrap_or_else(|| "TBX".into()),
                                style: attr(&e, "style").unwrap_or_else(|| "dca".into()),
                            }
                        }
                        other => {
                            return Err(self.err_at(
                                start,
                                format!("root element is <{other}>; expected <martif> (TBX 2008) or <tbx> (TBX v3)"),
                            ))
                        }
                    }
                    self.depth = 1;
                    return Ok(());
                }
                Event::Empty(e) => {
                    let what = match local(&e).as_str() {
                        n @ ("martif" | "tbx") => format!("root element <{n}> is empty; expected a TBX body"),
                        n => format!("root element is <{n}>; expected <martif> (TBX 2008) or <tbx> (TBX v3)"),
                    };
                    return Err(self.err_at(start, what));
                }
                Event::Text(t) if !t.iter().all(u8::is_ascii_whitespace) => {
                    return Err(
                        self.err_at(start, "text before any element; expected a TBX document (<martif> or <tbx>)")
                    )
                }
                Event::Eof => {
                    return Err(self.err_at(start, "no root element; expected a TBX document (<martif> or <tbx>)"))
                }
                _ => {}
            }
        }
    }

    /// The next term entry, or `None` at the end of the document. Entries
    /// without any term are skipped ([`TbxReader::skipped`]).
    pub fn next_entry(&mut self) -> Result<Option<TermEntry>, GlossaryError> {
        while !self.done {
            let (start, ev) = self.event()?;
            match ev {
                Event::Start(e) => {
                    let name = local(&e);
                    if name == "termEntry" || name == "conceptEntry" {
                        self.pos.forget_before(start);
                        if let Some(entry) = self.entry(&e, start)? {
                            return Ok(Some(entry));
                        }
                    } else {
                        self.depth += 1;
                        if self.depth > MAX_DEPTH {
                            return Err(self.err_at(start, format!("elements nested deeper than {MAX_DEPTH}")));
                        }
                    }
                }
                Event::Empty(e) if matches!(local(&e).as_str(), "termEntry" | "conceptEntry") => {
                    let line = self.pos.line_col(start).0;
                    self.skipped.push(Skipped { line, entry: attr(&e, "id"), reason: "no term".into() });
                }
                Event::End(_) => {
                    self.depth -= 1;
                    if self.depth == 0 {
                        self.done = true;
                    }
                }
                Event::Eof => {
                    return Err(self.err("unexpected end of file: the root element is not closed"));
                }
                _ => {}
            }
        }
        Ok(None)
    }

    /// Reads one `<termEntry>`/`<conceptEntry>` whose start tag is `e`.
    fn entry(&mut self, e: &BytesStart, at: u64) -> Result<Option<TermEntry>, GlossaryError> {
        let line = self.pos.line_col(at).0;
        let mut entry = TermEntry { id: attr(e, "id"), ..TermEntry::default() };
        let mut lang: Option<LangTag> = None;
        let mut bad_lang = false;
        let mut term: Option<(Term, usize)> = None;
        let mut depth = self.depth + 1;
        loop {
            let (start, ev) = self.event()?;
            match ev {
                Event::Start(s) | Event::Empty(s) if depth + 1 > MAX_DEPTH => {
                    let _ = s;
                    return Err(self.err_at(start, format!("elements nested deeper than {MAX_DEPTH}")));
                }
                Event::Start(s) => {
                    depth += 1;
                    let name = local(&s);
                    match name.as_str() {
                        "langSet" | "langSec" => (lang, bad_lang) = self.lang(&s, &entry, start)?,
                        "tig" | "ntig" | "termSec" => {
                            if let Some(l) = &lang {
                                term = Some((Term::new(l.clone(), ""), self.pos.line_col(start).0));
                            } else if !bad_lang {
                                return Err(self.err_at(start, format!("<{name}> outside a language section; expected it inside <langSet> or <langSec>")));
                            }
                        }
                        "term" => {
                            let text = self.text(&name, start)?;
                            depth -= 1;
                            if let Some((t, _)) = &mut term {
                                t.text = text.trim().to_string();
                            }
                        }
                        "descrip" | "admin" | "note" | "termNote" | "xref" | "ref" => {
                            let field = Field {
                                element: name.clone(),
                                kind: attr(&s, "type").unwrap_or_default(),
                                target: attr(&s, "target"),
                                value: self.text(&name, start)?.trim().to_string(),
                            };
                            depth -= 1;
                            let scope = match (&term, &lang) {
                                (Some(_), _) => Scope::Term,
                                (None, Some(_)) => Scope::Lang,
                                (None, None) if bad_lang => continue,
                                (None, None) => Scope::Entry,
                            };
                            match scope {
                                Scope::Term => term_field(&mut term.as_mut().expect("in a term").0, field),
                                Scope::Lang => entry
                                    .lang_fields
                                    .push(LangField { lang: lang.clone().expect("in a language"), field }),
                                Scope::Entry => entry_field(&mut entry, field),
                            }
                        }
                        // Dates and responsibilities of changes, and term components: not kept.
                        "transacGrp" | "termCompList" => {
                            self.skip(&name, start)?;
                            depth -= 1;
                        }
                        _ => {}
                    }
                }
                Event::Empty(s) => {
                    let name = local(&s);
                    if (name == "langSet" || name == "langSec") && attr(&s, "xml:lang").is_none() {
                        return Err(self.err_at(start, format!("<{name}> without xml:lang")));
                    }
                }
                Event::End(s) => {
                    depth -= 1;
                    let name = String::from_utf8_lossy(s.local_name().as_ref()).into_owned();
                    match name.as_str() {
                        "langSet" | "langSec" => (lang, bad_lang) = (None, false),
                        "tig" | "ntig" | "termSec" => {
                            if let Some((t, line)) = term.take() {
                                if t.text.is_empty() {
                                    self.skipped.push(Skipped {
                                        line,
                                        entry: entry.id.clone(),
                                        reason: "empty term".into(),
                                    });
                                } else if entry.terms.len() >= MAX_TERMS {
                                    return Err(self.err_at(start, format!("entry holds more than {MAX_TERMS} terms")));
                                } else {
                                    entry.terms.push(t);
                                }
                            }
                        }
                        "termEntry" | "conceptEntry" => break,
                        _ => {}
                    }
                }
                Event::Eof => {
                    return Err(self.err(format!("unexpected end of file inside the entry that starts on line {line}")))
                }
                _ => {}
            }
        }
        if entry.terms.is_empty() {
            self.skipped.push(Skipped { line, entry: entry.id.clone(), reason: "no term".into() });
            return Ok(None);
        }
        // Terms of one language together, in order of first appearance.
        let mut order: Vec<LangTag> = Vec::new();
        for t in &entry.terms {
            if !order.contains(&t.lang) {
                order.push(t.lang.clone());
            }
        }
        entry.terms.sort_by_key(|t| order.iter().position(|l| *l == t.lang));
        Ok(Some(entry))
    }

    /// The language of a `<langSet>`/`<langSec>`; an invalid one is skipped
    /// with its terms (`(None, true)`).
    fn lang(&mut self, s: &BytesStart, entry: &TermEntry, at: u64) -> Result<(Option<LangTag>, bool), GlossaryError> {
        let name = local(s);
        let Some(tag) = attr(s, "xml:lang") else {
            return Err(
                self.err_at(at, format!("<{name}> without xml:lang; expected a language tag such as xml:lang=\"es\""))
            );
        };
        match LangTag::parse(&tag) {
            Ok((l, _)) => Ok((Some(l), false)),
            Err(e) => {
                let line = self.pos.line_col(at).0;
                self.skipped.push(Skipped {
                    line,
                    entry: entry.id.clone(),
                    reason: format!("{e}; its terms left out"),
                });
                Ok((None, true))
            }
        }
    }

    /// The text of the element `name` just opened (markup inside it reduced
    /// to its text), reading up to its end tag.
    fn text(&mut self, name: &str, at: u64) -> Result<String, GlossaryError> {
        let mut out = String::new();
        let mut depth = 0usize;
        loop {
            let (start, ev) = self.event()?;
            match ev {
                Event::Text(t) => {
                    let s = t.unescape().map_err(|e| self.err_at(start, format!("in <{name}>: {e}")))?;
                    out.push_str(&s);
                }
                Event::CData(t) => out.push_str(&String::from_utf8_lossy(&t)),
                Event::Start(_) => {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Err(self.err_at(start, format!("elements nested deeper than {MAX_DEPTH}")));
                    }
                }
                Event::End(_) if depth == 0 => return Ok(out),
                Event::End(_) => depth -= 1,
                Event::Eof => return Err(self.err(format!("unexpected end of file inside <{name}>"))),
                _ => {}
            }
            if out.len() > MAX_TEXT {
                return Err(self.err_at(at, format!("<{name}> holds more than {MAX_TEXT} bytes of text")));
            }
        }
    }

    /// Reads past the end of the element `name` just opened.
    fn skip(&mut self, name: &str, at: u64) -> Result<(), GlossaryError> {
        let _ = at;
        let mut depth = 0usize;
        loop {
            let (start, ev) = self.event()?;
            match ev {
                Event::Start(_) => {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Err(self.err_at(start, format!("elements nested deeper than {MAX_DEPTH}")));
                    }
                }
                Event::End(_) if depth == 0 => return Ok(()),
                Event::End(_) => depth -= 1,
                Event::Eof => return Err(self.err(format!("unexpected end of file inside <{name}>"))),
                _ => {}
            }
        }
    }
}

/// Whether a `yes`/`true`/`1` value.
fn yes(v: &str) -> bool {
    matches!(v.trim().to_ascii_lowercase().as_str(), "yes" | "true" | "1" | "y")
}

/// Puts a field read inside a term group where the model keeps it.
fn term_field(t: &mut Term, f: Field) {
    match (f.element.as_str(), f.kind.as_str()) {
        ("termNote", "partOfSpeech") if t.pos.is_none() => t.pos = Some(f.value),
        ("termNote", "termType") if t.term_type.is_none() => t.term_type = Some(f.value),
        ("termNote" | "admin" | "descrip", "administrativeStatus") if t.status.is_none() => {
            match Status::parse(&f.value) {
                Some(s) => t.status = Some(s),
                None => t.fields.push(f),
            }
        }
        ("termNote" | "descrip", "x-caseSensitive") => t.case_sensitive = yes(&f.value),
        ("note", "") | ("termNote" | "descrip", "usageNote") => t.notes.push(f.value),
        _ => t.fields.push(f),
    }
}

/// Puts a field read at entry level where the model keeps it.
fn entry_field(e: &mut TermEntry, f: Field) {
    match (f.element.as_str(), f.kind.as_str()) {
        ("descrip", "subjectField") if e.subject.is_none() => e.subject = Some(f.value),
        ("descrip", "definition") if e.definition.is_none() => e.definition = Some(f.value),
        ("descrip" | "admin", "x-doNotTranslate") => e.do_not_translate = yes(&f.value),
        ("note", "") => e.notes.push(f.value),
        _ => e.fields.push(f),
    }
}

/// The local name of an element (prefix dropped).
fn local(e: &BytesStart) -> String {
    String::from_utf8_lossy(e.local_name().as_ref()).into_owned()
}

/// The value of attribute `name` (qualified name as written, e.g. `xml:lang`), unescaped.
fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.as_ref() == name.as_bytes()).map(|a| {
        a.unescape_value().map(|v| v.into_owned()).unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(src: &str) -> Result<(Vec<TermEntry>, Vec<Skipped>), GlossaryError> {
        let mut r = TbxReader::from_bytes(src.as_bytes().to_vec(), "t.tbx")?;
        let mut out = Vec::new();
        while let Some(e) = r.next_entry()? {
            out.push(e);
        }
        Ok((out, r.skipped().to_vec()))
    }

    #[test]
    fn tig_and_ntig_give_the_same_terms() {
        let tig = r#"<martif><text><body><termEntry id="a"><descrip type="subjectField">migración</descrip>
            <langSet xml:lang="es"><tig><term>persona desplazada</term><termNote type="partOfSpeech">noun</termNote>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote><note>plural común</note></tig></langSet>
            </termEntry></body></text></martif>"#;
        let ntig = r#"<martif><text><body><termEntry id="a"><descrip type="subjectField">migración</descrip>
            <langSet xml:lang="es"><ntig><termGrp><term>persona desplazada</term><termNote type="partOfSpeech">noun</termNote>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termGrp><note>plural común</note></ntig></langSet>
            </termEntry></body></text></martif>"#;
        let (a, _) = read_all(tig).unwrap();
        let (b, _) = read_all(ntig).unwrap();
        assert_eq!(a, b);
        let t = &a[0].terms[0];
        assert_eq!(
            (t.text.as_str(), t.pos.as_deref(), t.status),
            ("persona desplazada", Some("noun"), Some(Status::Preferred))
        );
        assert_eq!(t.notes, ["plural común"]);
        assert_eq!(a[0].subject.as_deref(), Some("migración"));
    }

    #[test]
    fn entity_declarations_are_refused_with_their_place() {
        let bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE martif [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;\">]>\n<martif/>";
        let e = read_all(bomb).unwrap_err();
        assert_eq!((e.line, e.column), (2, 1), "{e}");
        assert!(e.what.contains("<!ENTITY"), "{e}");
        let undefined = "<martif><text><body><termEntry><langSet xml:lang=\"en\"><tig><term>&a;</term></tig></langSet></termEntry></body></text></martif>";
        assert!(read_all(undefined).is_err());
    }

    #[test]
    fn malformed_xml_names_line_and_column() {
        let e =
            read_all("<tbx>\n<text><body>\n  <conceptEntry id=\"c\"><langSec xml:lang=\"en\"></termSec>").unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        assert!(e.to_string().starts_with("t.tbx:3:"), "{e}");
        let e = read_all("<glossary/>").unwrap_err();
        assert!(e.what.contains("expected <martif>"), "{e}");
    }

    #[test]
    fn entries_without_terms_and_bad_languages_are_skipped_with_reasons() {
        let src = "<tbx><text><body>\n<conceptEntry id=\"c1\"/>\n<conceptEntry id=\"c2\"><langSec xml:lang=\"e s\"><termSec><term>x</term></termSec></langSec>\n<langSec xml:lang=\"en\"><termSec><term>y</term></termSec></langSec></conceptEntry></body></text></tbx>";
        let (entries, skipped) = read_all(src).unwrap();
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].terms.len(), 1);
        assert_eq!(skipped.len(), 2, "{skipped:?}");
        assert_eq!((skipped[0].line, skipped[0].reason.as_str()), (2, "no term"));
        assert!(skipped[1].reason.contains("invalid language tag"), "{skipped:?}");
    }

    #[test]
    fn too_deep_nesting_fails() {
        let mut s = String::from(
            "<tbx><text><body><conceptEntry id=\"c\"><langSec xml:lang=\"en\"><termSec><term>x</term><note>",
        );
        for _ in 0..100 {
            s.push_str("<hi>");
        }
        let e = read_all(&s).unwrap_err();
        assert!(e.what.contains("nested deeper"), "{e}");
    }
}
