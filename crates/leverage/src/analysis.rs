//! Leverage analysis: how many segments, words and characters of each
//! release fall in each match band, as CAT tools report it.
//!
//! Bands, in the order of the report: 101 (context match), 100, repetitions,
//! cross-file repetitions, 95–99, 85–94, 75–84, 50–74, no match. Precedence
//! follows Trados Studio's "Analyze Files" (RWS documentation): 101 and 100
//! first; a unit scoring below 100 whose source (normalised as the TM
//! normalises it) already occurred earlier in the same file is a repetition,
//! in an earlier file a cross-file repetition; only then the fuzzy band of its
//! best score. A unit of two segments filled together counts as two segments.
//!
//! Counting rules (printed with every report): a word is a run of non-white
//! space holding at least one letter or digit; a character is any
//! non-white-space character; inline codes count as neither.

use crate::release::Release;
use crate::units::Unit;
use memoria_core::normalize::normalize;
use std::collections::HashMap;

/// The word rule, as printed in report headers.
pub const WORD_RULE: &str =
    "words: white-space-separated tokens holding a letter or digit; characters: non-white-space characters; inline codes not counted";

/// A report band.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Band {
    Context,
    Exact,
    Repetition,
    CrossFileRepetition,
    Fuzzy95,
    Fuzzy85,
    Fuzzy75,
    Fuzzy50,
    NoMatch,
}

impl Band {
    /// Every band in report order.
    pub const ALL: [Band; 9] = [
        Band::Context,
        Band::Exact,
        Band::Repetition,
        Band::CrossFileRepetition,
        Band::Fuzzy95,
        Band::Fuzzy85,
        Band::Fuzzy75,
        Band::Fuzzy50,
        Band::NoMatch,
    ];

    /// The label in reports: `101`, `100`, `repetitions`, `cross-file repetitions`,
    /// `95-99`, `85-94`, `75-84`, `50-74`, `no match`.
    pub fn label(self) -> &'static str {
        match self {
            Band::Context => "101",
            Band::Exact => "100",
            Band::Repetition => "repetitions",
            Band::CrossFileRepetition => "cross-file repetitions",
            Band::Fuzzy95 => "95-99",
            Band::Fuzzy85 => "85-94",
            Band::Fuzzy75 => "75-84",
            Band::Fuzzy50 => "50-74",
            Band::NoMatch => "no match",
        }
    }

    /// The key of the band in a `--weights` grid: `101 100 rep xrep 95 85 75 50 new`.
    pub fn key(self) -> &'static str {
        match self {
            Band::Context => "101",
            Band::Exact => "100",
            Band::Repetition => "rep",
            Band::CrossFileRepetition => "xrep",
            Band::Fuzzy95 => "95",
            Band::Fuzzy85 => "85",
            Band::Fuzzy75 => "75",
            Band::Fuzzy50 => "50",
            Band::NoMatch => "new",
        }
    }

    /// The band of a best score (0–101) when the unit is not a repetition.
    pub fn of_score(score: u8) -> Band {
        match score {
            101.. => Band::Context,
            100 => Band::Exact,
            95..=99 => Band::Fuzzy95,
            85..=94 => Band::Fuzzy85,
            75..=84 => Band::Fuzzy75,
            50..=74 => Band::Fuzzy50,
            _ => Band::NoMatch,
        }
    }
}

/// Segment, word and character counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub segments: u64,
    pub words: u64,
    pub characters: u64,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        self.segments += o.segments;
        self.words += o.words;
        self.characters += o.characters;
    }
}

/// Words in `text` by [`WORD_RULE`].
pub fn words(text: &str) -> u64 {
    text.split_whitespace().filter(|t| t.chars().any(char::is_alphanumeric)).count() as u64
}

/// Characters in `text` by [`WORD_RULE`].
pub fn characters(text: &str) -> u64 {
    text.chars().filter(|c| !c.is_whitespace()).count() as u64
}

/// A weight per band (a fraction of a full word's price), e.g. Trados-style
/// grids; [`Weights::default`] is 101: 0, 100: 0.1, repetitions: 0.1,
/// 95–99: 0.3, 85–94: 0.5, 75–84: 0.7, 50–74 and no match: 1.
#[derive(Clone, Debug, PartialEq)]
pub struct Weights(pub [f64; 9]);

impl Default for Weights {
    fn default() -> Self {
        Weights([0.0, 0.1, 0.1, 0.1, 0.3, 0.5, 0.7, 1.0, 1.0])
    }
}

impl Weights {
    /// Reads a grid `KEY=VALUE,...` over the defaults; keys are
    /// [`Band::key`]s (`new` also as `nomatch`), values non-negative numbers.
    pub fn parse(spec: &str) -> Result<Weights, String> {
        let mut w = Weights::default();
        for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (k, v) = part.split_once('=').ok_or_else(|| format!("`{part}`: expected KEY=VALUE"))?;
            let k = if k.trim() == "nomatch" { "new" } else { k.trim() };
            let i = Band::ALL.iter().position(|b| b.key() == k).ok_or_else(|| {
                format!("`{k}`: unknown band; expected one of 101, 100, rep, xrep, 95, 85, 75, 50, new")
            })?;
            let x: f64 = v.trim().parse().map_err(|_| format!("`{v}`: expected a number for {k}"))?;
            if !(x >= 0.0 && x.is_finite()) {
                return Err(format!("`{v}`: a weight must be a number of 0 or more"));
            }
            w.0[i] = x;
        }
        Ok(w)
    }

    /// The weight of `band`.
    pub fn of(&self, band: Band) -> f64 {
        self.0[Band::ALL.iter().position(|b| *b == band).unwrap_or(0)]
    }

    /// The grid as `101=0 100=0.1 …`.
    pub fn describe(&self) -> String {
        Band::ALL.iter().map(|b| format!("{}={}", b.key(), self.of(*b))).collect::<Vec<_>>().join(" ")
    }
}

/// The analysis of one file: counts per band (in [`Band::ALL`] order).
#[derive(Clone, Debug, PartialEq)]
pub struct FileAnalysis {
    pub path: String,
    pub bands: [Counts; 9],
}

impl FileAnalysis {
    /// Counts of `band`.
    pub fn band(&self, band: Band) -> Counts {
        self.bands[Band::ALL.iter().position(|b| *b == band).unwrap_or(0)]
    }

    /// Sum over all bands.
    pub fn total(&self) -> Counts {
        let mut t = Counts::default();
        for c in &self.bands {
            t += *c;
        }
        t
    }

    /// Σ words × weight of their band.
    pub fn weighted_words(&self, w: &Weights) -> f64 {
        Band::ALL.iter().zip(&self.bands).map(|(b, c)| c.words as f64 * w.of(*b)).sum()
    }
}

/// Sorts units of several files into bands, file by file in the order given
/// (cross-file repetitions depend on it).
#[derive(Default)]
pub struct Analyzer {
    /// Normalised source → index of the file it first occurred in.
    seen: HashMap<String, usize>,
    files: usize,
}

impl Analyzer {
    /// The band of every unit of `rel` and the file's counts.
    pub fn add(&mut self, rel: &Release, units: &[Unit]) -> (Vec<Band>, FileAnalysis) {
        let file = self.files;
        self.files += 1;
        let mut bands = [Counts::default(); 9];
        let mut per_unit = Vec::with_capacity(units.len());
        for u in units {
            let text = u.source(rel);
            let band = match u.score() {
                s @ 100.. => Band::of_score(s),
                s => {
                    let key = normalize(text);
                    match self.seen.get(&key) {
                        Some(&f) if f == file => Band::Repetition,
                        Some(_) => Band::CrossFileRepetition,
                        None => {
                            self.seen.insert(key, file);
                            Band::of_score(s)
                        }
                    }
                }
            };
            let i = Band::ALL.iter().position(|b| *b == band).unwrap_or(0);
            bands[i] += Counts { segments: u.len() as u64, words: words(text), characters: characters(text) };
            per_unit.push(band);
        }
        (per_unit, FileAnalysis { path: rel.name.clone(), bands })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_need_a_letter_or_digit() {
        assert_eq!(words("El equipo — de Debian 6.0 («LTS») , ok"), 7);
        assert_eq!(characters("a b\u{a0}c"), 3);
    }

    #[test]
    fn weights_grid_overrides_defaults_and_rejects_nonsense() {
        let w = Weights::parse("100=0.25, rep=0.3,new=1.2").unwrap();
        assert_eq!((w.of(Band::Exact), w.of(Band::Repetition), w.of(Band::NoMatch)), (0.25, 0.3, 1.2));
        assert_eq!(w.of(Band::Fuzzy95), 0.3);
        assert!(Weights::parse("99=1").unwrap_err().contains("unknown band"));
        assert!(Weights::parse("rep=-1").is_err());
        assert_eq!(Weights::default().describe(), "101=0 100=0.1 rep=0.1 xrep=0.1 95=0.3 85=0.5 75=0.7 50=1 new=1");
    }

    #[test]
    fn scores_fall_in_cat_tool_bands() {
        let b: Vec<_> = [101, 100, 99, 95, 94, 85, 84, 75, 74, 50, 49, 0].map(Band::of_score).to_vec();
        use Band::*;
        assert_eq!(
            b,
            [Context, Exact, Fuzzy95, Fuzzy95, Fuzzy85, Fuzzy85, Fuzzy75, Fuzzy75, Fuzzy50, Fuzzy50, NoMatch, NoMatch]
        );
    }
}
