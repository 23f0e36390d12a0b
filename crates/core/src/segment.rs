//! Sentence segmentation: text → segments (byte ranges).
//!
//! A [`Segmenter`] is built for one language by [`SegmenterBuilder`]. It
//! finds paragraphs (one per non-blank line) and splits each at sentence-final
//! punctuation followed by white space and a sentence start, except after a
//! known abbreviation. Each [`Segment`] is a byte range into the text it was
//! given, trimmed of surrounding white space; the text is never rewritten.

use crate::lang::LangTag;

/// A segment: bytes `start..end` of the segmented text, in paragraph
/// `paragraph` (0-based, in document order).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Segment {
    pub start: usize,
    pub end: usize,
    pub paragraph: usize,
}

impl Segment {
    /// The segment's text in `text` (the string that was segmented).
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// Errors building a segmenter.
#[derive(Debug, thiserror::Error)]
pub enum SegmentError {
    /// No rules exist for the language.
    #[error("no segmentation rules for language {0}")]
    UnsupportedLanguage(String),
}

/// Configures a [`Segmenter`].
#[derive(Clone, Debug)]
pub struct SegmenterBuilder {
    lang: LangTag,
}

impl SegmenterBuilder {
    /// A builder for language `lang` with the default rules.
    pub fn new(lang: LangTag) -> SegmenterBuilder {
        SegmenterBuilder { lang }
    }

    /// Builds the segmenter.
    pub fn build(self) -> Result<Segmenter, SegmentError> {
        let abbreviations: &[&str] = match self.lang.language() {
            "es" => ES_ABBREVIATIONS,
            "en" => EN_ABBREVIATIONS,
            _ => &[],
        };
        Ok(Segmenter { lang: self.lang, abbreviations })
    }
}

const ES_ABBREVIATIONS: &[&str] =
    &["Sr", "Sra", "Srta", "Dr", "Dra", "Lic", "Ing", "núm", "art", "pág", "vol", "ej", "etc", "Avda"];
const EN_ABBREVIATIONS: &[&str] =
    &["Mr", "Mrs", "Ms", "Dr", "Prof", "St", "No", "vol", "e.g", "i.e", "etc", "approx", "incl", "vs"];

/// Splits text into sentence segments for one language.
#[derive(Clone, Debug)]
pub struct Segmenter {
    lang: LangTag,
    abbreviations: &'static [&'static str],
}

impl Segmenter {
    /// The language this segmenter was built for.
    pub fn lang(&self) -> &LangTag {
        &self.lang
    }

    /// Segments `text`: every non-blank line is a paragraph; sentences inside
    /// it end at `.`, `!`, `?` or `…` (plus closing quotes/brackets) followed
    /// by white space and an upper-case letter, digit, `¿`, `¡` or opening
    /// quote, unless the word before the stop is an abbreviation.
    pub fn segment(&self, text: &str) -> Vec<Segment> {
        let mut out = Vec::new();
        let mut paragraph = 0;
        let mut line_start = 0;
        for line in text.split_inclusive('\n') {
            let start = line_start;
            line_start += line.len();
            if line.trim().is_empty() {
                continue;
            }
            self.split_line(text, start, start + line.len(), paragraph, &mut out);
            paragraph += 1;
        }
        out
    }

    fn split_line(&self, text: &str, start: usize, end: usize, paragraph: usize, out: &mut Vec<Segment>) {
        let line = &text[start..end];
        let mut seg_start = 0;
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        let mut i = 0;
        while i < chars.len() {
            let (pos, c) = chars[i];
            if matches!(c, '.' | '!' | '?' | '…') {
                let mut j = i + 1;
                while j < chars.len() && matches!(chars[j].1, '.' | '!' | '?' | '…' | '"' | '”' | '’' | '»' | ')' | ']')
                {
                    j += 1;
                }
                let mut k = j;
                while k < chars.len() && chars[k].1.is_whitespace() {
                    k += 1;
                }
                let next = chars.get(k).map(|&(_, c)| c);
                let starts_sentence = k > j
                    && next.is_some_and(|n| {
                        n.is_uppercase() || n.is_ascii_digit() || matches!(n, '¿' | '¡' | '"' | '“' | '«' | '\'')
                    });
                if starts_sentence && !(c == '.' && self.is_abbreviation(&line[seg_start..pos])) {
                    let end_here = chars.get(j).map_or(line.len(), |&(p, _)| p);
                    push_trimmed(start, &line[seg_start..end_here], seg_start, paragraph, out);
                    seg_start = chars[k].0;
                    i = k;
                    continue;
                }
                i = j;
                continue;
            }
            i += 1;
        }
        push_trimmed(start, &line[seg_start..], seg_start, paragraph, out);
    }

    fn is_abbreviation(&self, before: &str) -> bool {
        let word = before.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
        // Single capital letters are initials (`J. R. Smith`).
        if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
            return true;
        }
        self.abbreviations.iter().any(|a| {
            a.eq_ignore_ascii_case(word)
                && (word.starts_with(|c: char| c.is_lowercase()) == a.starts_with(|c: char| c.is_lowercase())
                    || a.eq(&word))
        })
    }
}

fn push_trimmed(base: usize, piece: &str, offset: usize, paragraph: usize, out: &mut Vec<Segment>) {
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if trimmed.is_empty() {
        return;
    }
    let start = base + offset + lead;
    out.push(Segment { start, end: start + trimmed.len(), paragraph });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(lang: &str, text: &str) -> Vec<String> {
        let s = SegmenterBuilder::new(LangTag::new(lang).unwrap()).build().unwrap();
        s.segment(text).iter().map(|g| g.text(text).to_string()).collect()
    }

    #[test]
    fn two_sentences_on_one_line() {
        assert_eq!(split("en", "Hello World. My name is Jonas."), ["Hello World.", "My name is Jonas."]);
    }

    #[test]
    fn title_abbreviation_does_not_end_sentence() {
        assert_eq!(split("es", "El Sr. Pérez llegó. Luego habló."), ["El Sr. Pérez llegó.", "Luego habló."]);
    }

    #[test]
    fn each_line_is_a_paragraph() {
        let text = "Titular\n\nPrimera frase. Segunda.\n";
        let s = SegmenterBuilder::new(LangTag::new("es").unwrap()).build().unwrap();
        let segs = s.segment(text);
        assert_eq!(segs.iter().map(|g| g.paragraph).collect::<Vec<_>>(), [0, 1, 1]);
        assert_eq!(segs[2].text(text), "Segunda.");
        assert_eq!((segs[1].start, segs[1].end), (9, 23));
    }
}
