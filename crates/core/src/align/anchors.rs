//! Anchors: the tokens of a sentence that a translation keeps recognisable.
//!
//! Numbers (digits only: `29,000`, `29.000` and `29000` are one anchor; `6th`
//! is `6`), URLs and e-mail addresses, identifiers with digits (`DebConf16`,
//! `i386`), acronyms (`FTP`, `LTS`), and cognates: words of four or more
//! letters compared by their first five letters without accents and case
//! (`información` / `information`, `protocolo` / `protocol`, names such as
//! `Twente`). For Spanish–English, a small word table adds months, weekdays and
//! boilerplate words that are not cognates (`acerca` / `about`). This follows
//! the identical-token and cognate heuristics of hunalign (Varga et al. 2005)
//! and Simard, Foster & Isabelle (1992, "Using cognates to align sentences").

use std::collections::HashMap;

/// Spanish and English forms (lower case, without accents) that share an anchor.
const ES_EN_TABLE: &[(&str, &[&str], &[&str])] = &[
    ("jan", &["enero"], &["january"]),
    ("feb", &["febrero"], &["february"]),
    ("mar", &["marzo"], &["march"]),
    ("apr", &["abril"], &["april"]),
    ("jun", &["junio"], &["june"]),
    ("jul", &["julio"], &["july"]),
    ("aug", &["agosto"], &["august"]),
    ("sep", &["septiembre", "setiembre"], &["september"]),
    ("oct", &["octubre"], &["october"]),
    ("nov", &["noviembre"], &["november"]),
    ("dec", &["diciembre"], &["december"]),
    ("mon", &["lunes"], &["monday"]),
    ("tue", &["martes"], &["tuesday"]),
    ("wed", &["miercoles"], &["wednesday"]),
    ("thu", &["jueves"], &["thursday"]),
    ("fri", &["viernes"], &["friday"]),
    ("sat", &["sabado"], &["saturday"]),
    ("sun", &["domingo"], &["sunday"]),
    ("about", &["acerca"], &["about"]),
    ("today", &["hoy"], &["today"]),
    ("year", &["ano", "anos", "anual", "anualmente"], &["year", "years", "annual", "annually"]),
    ("month", &["mes", "meses"], &["month", "months"]),
    ("week", &["semana", "semanas"], &["week", "weeks"]),
    ("new", &["nuevo", "nueva", "nuevos", "nuevas"], &["new"]),
    ("user", &["usuario", "usuarios"], &["user", "users"]),
    ("developer", &["desarrolladores", "desarrollador"], &["developer", "developers"]),
    ("team", &["equipo", "equipos"], &["team", "teams"]),
    ("security", &["seguridad"], &["security"]),
    ("support", &["soporte"], &["support"]),
    ("world", &["mundo"], &["world"]),
    ("free", &["libre", "libres"], &["free"]),
    ("thanks", &["gracias", "agradece", "agradecen"], &["thanks", "thank"]),
    ("languages", &["idiomas"], &["languages"]),
    ("release", &["version", "publicacion"], &["release", "version"]),
    ("package", &["paquete", "paquetes"], &["package", "packages"]),
    ("more", &["mas"], &["more"]),
];

/// Characters trimmed from both ends of a whitespace-separated token.
fn is_edge_punct(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '“'
            | '”'
            | '«'
            | '»'
            | '‘'
            | '’'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '<'
            | '>'
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '¡'
            | '¿'
            | '.'
            | '—'
            | '–'
            | '…'
    )
}

/// Lower case without the accents of Spanish, French, Portuguese and German letters.
fn fold(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            c => c,
        })
        .filter(|&c| c != '\u{ad}')
        .collect()
}

/// Finds the anchors of sentences and turns them into weighted ids.
pub(crate) struct Anchorer {
    glossary: HashMap<&'static str, &'static str>,
}

impl Anchorer {
    /// An anchorer; `es_en` adds the Spanish–English word table.
    pub(crate) fn new(es_en: bool) -> Anchorer {
        let mut glossary = HashMap::new();
        if es_en {
            for &(key, es, en) in ES_EN_TABLE {
                for w in es.iter().chain(en.iter()) {
                    glossary.insert(*w, key);
                }
            }
        }
        Anchorer { glossary }
    }

    /// The anchors of `text` as strings with a class prefix (`n:` number, `u:` URL or
    /// e-mail, `w:` identifier or acronym, `g:` word-table entry, `c:` cognate prefix),
    /// in order of appearance, possibly repeated.
    pub(crate) fn anchors(&self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for raw in text.split_whitespace() {
            let token = raw.trim_matches(is_edge_punct);
            if token.is_empty() {
                continue;
            }
            if token.contains("://") || token.starts_with("www.") {
                out.push(format!("u:{}", token.trim_end_matches('/').to_lowercase()));
                continue;
            }
            if let Some(at) = token.find('@') {
                if token[at..].contains('.') {
                    out.push(format!("u:{}", token.to_lowercase()));
                    continue;
                }
            }
            if token.chars().any(|c| c.is_ascii_digit()) {
                out.push(number_or_identifier(token));
                continue;
            }
            // Words joined by hyphens or slashes (`GNU/Linux`, `end-of-life`) are several words.
            for word in token.split(['/', '-']).filter(|w| !w.is_empty()) {
                let word = word.trim_matches(is_edge_punct);
                let letters = word.chars().filter(|c| c.is_alphabetic()).count();
                if letters == 0 {
                    continue;
                }
                let folded = fold(word);
                if let Some(key) = self.glossary.get(folded.as_str()) {
                    out.push(format!("g:{key}"));
                } else if letters >= 4 {
                    out.push(format!("c:{}", folded.chars().take(5).collect::<String>()));
                } else if letters >= 2 && word.chars().all(|c| !c.is_alphabetic() || c.is_uppercase()) {
                    out.push(format!("w:{folded}"));
                }
            }
        }
        out
    }
}

/// `n:` and the digits of a number (thousands separators, decimal marks and
/// ordinal suffixes dropped), or `w:` and the folded token for an identifier
/// that mixes letters and digits (`debconf16`, `i386`).
fn number_or_identifier(token: &str) -> String {
    let digits: String = token.chars().filter(|c| c.is_ascii_digit()).collect();
    let rest: String = token.chars().filter(|c| !c.is_ascii_digit() && !matches!(c, '.' | ',' | ':' | '-')).collect();
    let ordinal = matches!(fold(&rest).as_str(), "" | "st" | "nd" | "rd" | "th" | "o" | "a" | "º" | "ª" | "%");
    if ordinal {
        format!("n:{digits}")
    } else {
        format!("w:{}", fold(token))
    }
}

/// Interned anchors with a weight each: anchors found on only one side weigh
/// nothing (they cannot tell two candidates apart); the others weigh
/// ln(1 + P / df), P paragraphs on both sides, df those that contain the anchor,
/// so a name in every paragraph ("Debian") counts less than a date.
pub(crate) struct Vocabulary {
    ids: HashMap<String, u32>,
    /// Per id: paragraphs containing it on the source and on the target side.
    df: Vec<[u32; 2]>,
    /// Per id, after [`Vocabulary::finish`].
    pub(crate) weight: Vec<f64>,
}

impl Vocabulary {
    pub(crate) fn new() -> Vocabulary {
        Vocabulary { ids: HashMap::new(), df: Vec::new(), weight: Vec::new() }
    }

    /// Interns the anchors of one paragraph of `side` (0 source, 1 target) given per
    /// sentence; returns each sentence's sorted, deduplicated ids.
    pub(crate) fn add_paragraph(&mut self, side: usize, sentences: Vec<Vec<String>>) -> Vec<Vec<u32>> {
        let mut seen = Vec::new();
        let out = sentences
            .into_iter()
            .map(|anchors| {
                let mut ids: Vec<u32> = anchors
                    .into_iter()
                    .map(|a| {
                        let next = self.ids.len() as u32;
                        let id = *self.ids.entry(a).or_insert(next);
                        if id == next {
                            self.df.push([0, 0]);
                        }
                        id
                    })
                    .collect();
                ids.sort_unstable();
                ids.dedup();
                seen.extend_from_slice(&ids);
                ids
            })
            .collect();
        seen.sort_unstable();
        seen.dedup();
        for id in seen {
            self.df[id as usize][side] += 1;
        }
        out
    }

    /// Computes the weights once every paragraph of both sides was added.
    pub(crate) fn finish(&mut self, paragraphs: usize) {
        let p = paragraphs.max(1) as f64;
        self.weight = self
            .df
            .iter()
            .map(|&[s, t]| if s == 0 || t == 0 { 0.0 } else { (1.0 + p / f64::from(s + t)).ln() })
            .collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_urls_names_and_cognates_are_anchors() {
        let a = Anchorer::new(true);
        assert_eq!(
            a.anchors("Acerca de Debian: más de 29,000 paquetes en https://www.debian.org/ (FTP) el 6 de febrero."),
            [
                "g:about",
                "c:debia",
                "g:more",
                "n:29000",
                "g:package",
                "u:https://www.debian.org",
                "w:ftp",
                "n:6",
                "g:feb"
            ]
        );
        assert_eq!(
            a.anchors("About Debian: more than 29.000 packages at https://www.debian.org (FTP) on February 6th."),
            [
                "g:about",
                "c:debia",
                "g:more",
                "c:than",
                "n:29000",
                "g:package",
                "u:https://www.debian.org",
                "w:ftp",
                "g:feb",
                "n:6"
            ]
        );
    }

    #[test]
    fn identifiers_with_digits_keep_their_letters() {
        let a = Anchorer::new(false);
        assert_eq!(a.anchors("DebConf16 en <press@debian.org>, i386"), ["w:debconf16", "u:press@debian.org", "w:i386"]);
    }

    #[test]
    fn one_sided_anchors_weigh_nothing() {
        let mut v = Vocabulary::new();
        let a = Anchorer::new(false);
        let s = v.add_paragraph(0, vec![a.anchors("Ginebra 2013")]);
        let t = v.add_paragraph(1, vec![a.anchors("Geneva 2013")]);
        v.finish(2);
        let w = |id: u32| v.weight[id as usize];
        assert_eq!(s[0].iter().map(|&i| w(i) > 0.0).collect::<Vec<_>>(), [false, true]);
        assert_eq!(t[0].iter().map(|&i| w(i) > 0.0).collect::<Vec<_>>(), [true, false]);
    }
}
