//! The TBX writer: TBX v3 (ISO 30042:2019) TBX-Basic, DCA style.
//!
//! Structured like the LTAC TBX-Basic sample: `<tbx type="TBX-Basic"
//! style="dca" xmlns="urn:iso:std:iso:30042:ed-2">`, a `<tbxHeader>`, and one
//! `<conceptEntry id>` per entry holding its entry-level data categories
//! (`subjectField`, `definition`, notes, others as read), then one
//! `<langSec xml:lang>` per language with its language-level data and one
//! `<termSec>` per term: `<term>`, the `termNote`s (`partOfSpeech`,
//! `termType`, `administrativeStatus`, `x-caseSensitive`, others as read),
//! the other data categories and the usage notes as `<note>`.

use crate::xml::{attr, text};
use memoria_core::lang::LangTag;
use memoria_core::term::{Field, TermEntry};
use std::fmt::Write;

/// The TBX v3 namespace (ISO 30042:2019).
pub const TBX3_NAMESPACE: &str = "urn:iso:std:iso:30042:ed-2";

/// The schema references of the TBX-Basic DCA dialect (LTAC).
const MODELS: &str = "<?xml-model href=\"https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBXcoreStructV03_TBX-Basic_integrated.rng\" type=\"application/xml\" schematypens=\"http://relaxng.org/ns/structure/1.0\"?>
<?xml-model href=\"https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBX-Basic_DCA.sch\" type=\"application/xml\" schematypens=\"http://purl.oclc.org/dsdl/schematron\"?>
";

/// The whole document for `entries`; `lang` is the `xml:lang` of the root
/// (the language of the file's own text).
pub fn write_tbx(entries: &[TermEntry], lang: &str) -> String {
    let mut w = TbxWriter::new(lang);
    for e in entries {
        w.entry(e);
    }
    w.finish()
}

/// A TBX document written entry by entry ([`TbxWriter::entry`]), for exports
/// that stream entries out of the TM.
pub struct TbxWriter {
    out: String,
    n: usize,
}

impl TbxWriter {
    /// Starts the document: declaration, schema references, root and header.
    pub fn new(lang: &str) -> TbxWriter {
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.push_str(MODELS);
        let _ = writeln!(
            out,
            "<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"{}\" xmlns=\"{TBX3_NAMESPACE}\">",
            attr(lang)
        );
        out.push_str("\t<tbxHeader>\n\t\t<fileDesc>\n\t\t\t<sourceDesc>\n");
        let _ = writeln!(out, "\t\t\t\t<p>memoria {} termbase export</p>", env!("CARGO_PKG_VERSION"));
        out.push_str("\t\t\t</sourceDesc>\n\t\t</fileDesc>\n\t</tbxHeader>\n\t<text>\n\t\t<body>\n");
        TbxWriter { out, n: 0 }
    }

    /// The text written so far (callers may drain it into a file).
    pub fn take(&mut self) -> String {
        std::mem::take(&mut self.out)
    }

    /// Writes one `<conceptEntry>`; an entry without id gets `c` + its position.
    pub fn entry(&mut self, e: &TermEntry) {
        self.n += 1;
        let o = &mut self.out;
        let id = e.id.clone().unwrap_or_else(|| format!("c{}", self.n));
        let _ = writeln!(o, "\t\t\t<conceptEntry id=\"{}\">", attr(&id));
        let ind = "\t\t\t\t";
        if let Some(s) = &e.subject {
            let _ = writeln!(o, "{ind}<descrip type=\"subjectField\">{}</descrip>", text(s));
        }
        if let Some(d) = &e.definition {
            let _ = writeln!(o, "{ind}<descrip type=\"definition\">{}</descrip>", text(d));
        }
        if e.do_not_translate {
            let _ = writeln!(o, "{ind}<descrip type=\"x-doNotTranslate\">yes</descrip>");
        }
        for f in &e.fields {
            field(o, ind, f);
        }
        for n in &e.notes {
            let _ = writeln!(o, "{ind}<note>{}</note>", text(n));
        }
        let mut langs: Vec<&LangTag> = Vec::new();
        for l in e.terms.iter().map(|t| &t.lang).chain(e.lang_fields.iter().map(|f| &f.lang)) {
            if !langs.contains(&l) {
                langs.push(l);
            }
        }
        for l in langs {
            let _ = writeln!(o, "{ind}<langSec xml:lang=\"{}\">", attr(l.as_str()));
            for f in e.lang_fields.iter().filter(|f| f.lang == *l) {
                field(o, "\t\t\t\t\t", &f.field);
            }
            for t in e.terms.iter().filter(|t| t.lang == *l) {
                let ind = "\t\t\t\t\t\t";
                let _ = writeln!(o, "\t\t\t\t\t<termSec>\n{ind}<term>{}</term>", text(&t.text));
                let note = |o: &mut String, kind: &str, v: &str| {
                    let _ = writeln!(o, "{ind}<termNote type=\"{kind}\">{}</termNote>", text(v));
                };
                if let Some(p) = &t.pos {
                    note(o, "partOfSpeech", p);
                }
                if let Some(p) = &t.term_type {
                    note(o, "termType", p);
                }
                if let Some(s) = t.status {
                    note(o, "administrativeStatus", s.tbx());
                }
                if t.case_sensitive {
                    note(o, "x-caseSensitive", "yes");
                }
                // termNotes before the other data categories, as the TBX core structure orders them.
                for f in t.fields.iter().filter(|f| f.element == "termNote") {
                    field(o, ind, f);
                }
                for f in t.fields.iter().filter(|f| f.element != "termNote") {
                    field(o, ind, f);
                }
                for n in &t.notes {
                    let _ = writeln!(o, "{ind}<note>{}</note>", text(n));
                }
                o.push_str("\t\t\t\t\t</termSec>\n");
            }
            let _ = writeln!(o, "{ind}</langSec>");
        }
        o.push_str("\t\t\t</conceptEntry>\n");
    }

    /// Closes the document and returns what was not taken yet.
    pub fn finish(mut self) -> String {
        self.out.push_str("\t\t</body>\n\t</text>\n</tbx>\n");
        self.out
    }
}

/// One kept data category, as it was read.
fn field(o: &mut String, ind: &str, f: &Field) {
    let kind = if f.kind.is_empty() { String::new() } else { format!(" type=\"{}\"", attr(&f.kind)) };
    let target = f.target.as_deref().map_or(String::new(), |t| format!(" target=\"{}\"", attr(t)));
    let _ = writeln!(o, "{ind}<{el}{kind}{target}>{}</{el}>", text(&f.value), el = f.element);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tbx::TbxReader;
    use memoria_core::term::{LangField, Status, Term};

    #[test]
    fn every_kept_field_comes_back() {
        let (es, en) = (LangTag::new("es").unwrap(), LangTag::new("en").unwrap());
        let mut t = Term::new(en.clone(), "IOM");
        t.case_sensitive = true;
        t.status = Some(Status::Forbidden);
        t.term_type = Some("acronym".into());
        t.pos = Some("noun".into());
        t.notes = vec!["old name & <gone>".into()];
        t.fields = vec![
            Field { element: "termNote".into(), kind: "grammaticalGender".into(), target: None, value: "n".into() },
            Field { element: "descrip".into(), kind: "context".into(), target: None, value: "The IOM said".into() },
            Field {
                element: "xref".into(),
                kind: "xGraphic".into(),
                target: Some("http://x/a.png".into()),
                value: "a.png".into(),
            },
        ];
        let e = TermEntry {
            id: Some("iom".into()),
            subject: Some("migración".into()),
            definition: Some("Organización".into()),
            notes: vec!["n1".into(), "n2".into()],
            do_not_translate: true,
            fields: vec![Field { element: "admin".into(), kind: "source".into(), target: None, value: "ONU".into() }],
            lang_fields: vec![LangField {
                lang: es.clone(),
                field: Field {
                    element: "descrip".into(),
                    kind: "definition".into(),
                    target: None,
                    value: "def es".into(),
                },
            }],
            terms: vec![Term::new(es, "OIM"), t],
        };
        let x = write_tbx(std::slice::from_ref(&e), "en");
        assert!(
            x.contains("<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\" xmlns=\"urn:iso:std:iso:30042:ed-2\">"),
            "{x}"
        );
        assert!(x.contains("<termNote type=\"administrativeStatus\">notRecommendedTerm-admn-sts</termNote>"), "{x}");
        let mut r = TbxReader::from_bytes(x.into_bytes(), "x.tbx").unwrap();
        assert_eq!(r.next_entry().unwrap().unwrap(), e);
        assert!(r.next_entry().unwrap().is_none());
    }
}
