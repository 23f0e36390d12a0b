//! Whether two documents are translations of each other, judged from their
//! alignment.
//!
//! An aligner always returns beads, even for two unrelated releases: the
//! length model pairs sentences of similar length, and the boilerplate both
//! share ("About Debian", the contact paragraph) pairs well. Before such beads
//! go into a TM, [`Evidence::measure`] reads three figures off the alignment:
//!
//! - the **weak share**: the share of sentences (both sides) that are not in a
//!   paired bead scoring at least [`STRONG_BEAD_SCORE`] — on a translation
//!   nearly every sentence is; on an unrelated document only the boilerplate;
//! - the **anchor agreement**: over the paired beads, the share of their hard
//!   anchors (numbers, dates, URLs, e-mail addresses, identifiers such as
//!   `DebConf16`, acronyms) found on both sides — a translation keeps them;
//! - the **length correlation**: Pearson's r of the source and target lengths
//!   (characters) of the paired beads.
//!
//! [`Evidence::translations`] turns them into a verdict with thresholds
//! measured on the releases of `../shared/corpus/releases` and
//! `releases-more` (every right pairing against every wrong one; see
//! `scripts/align-matrix.sh`).

use super::anchors::Anchorer;
use super::{AlignerConfig, Bead, Sentences};
use std::collections::BTreeSet;

/// Lowest score of a bead that counts as strong evidence (the default
/// `--min-score` of `memoria align --import`; the lowest paired bead of the
/// clean gold pairs scores 77.4).
pub const STRONG_BEAD_SCORE: f64 = 75.0;

/// Highest weak share of a translation. Right pairings: at most 0.16 on
/// `releases-more` (es–en, en–es, fr–en) but one partial French translation
/// (0.34), 0.00 on `releases`; wrong pairings: at least 0.32.
pub const MAX_WEAK_SHARE: f64 = 0.3;

/// Above this weak share, a translation must also keep its anchors
/// ([`MIN_ANCHOR_AGREEMENT`]).
pub const DOUBT_WEAK_SHARE: f64 = 0.2;

/// Lowest anchor agreement of a doubtful alignment (see [`DOUBT_WEAK_SHARE`]). Right
/// pairings with a weak share above 0.2: 0.31 or more (the held-out news pairs of
/// tests/data/align-heldout with a paragraph deleted); wrong pairings of `releases`:
/// at most 0.24 (with a weak share of 0.32 or more).
pub const MIN_ANCHOR_AGREEMENT: f64 = 0.3;

/// Lowest anchor agreement of any alignment with at least [`MIN_ANCHORS`]
/// anchors, whatever its weak share: short unrelated documents can pair every
/// sentence by length alone. Right pairings: 0.31 or more everywhere measured.
pub const MIN_ANCHOR_AGREEMENT_ANY: f64 = 0.15;

/// Anchors an alignment needs before [`MIN_ANCHOR_AGREEMENT_ANY`] applies.
pub const MIN_ANCHORS: usize = 10;

/// Lowest length correlation of a translation (right pairings: 0.90 or more).
pub const MIN_LENGTH_CORRELATION: f64 = 0.5;

/// The figures of one alignment (module documentation).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Evidence {
    /// Sentences of both documents.
    pub sentences: usize,
    /// Of them, those not in a paired bead scoring at least [`STRONG_BEAD_SCORE`].
    pub weak_sentences: usize,
    /// `weak_sentences / sentences` (0–1; 1 for no sentence).
    pub weak_share: f64,
    /// Hard anchors of the paired beads (each bead's distinct anchors of both sides, summed).
    pub anchors: usize,
    /// Of them, those found on both sides of their bead.
    pub shared_anchors: usize,
    /// `shared_anchors / anchors` (0–1), `None` without anchors.
    pub anchor_agreement: Option<f64>,
    /// Pearson's r of source and target bead lengths over the paired beads,
    /// `None` with fewer than three paired beads or lengths that do not vary.
    pub length_correlation: Option<f64>,
}

impl Evidence {
    /// Measures `beads` (as [`super::Aligner::align_documents`] made them for
    /// `src` and `tgt` with the settings `config`).
    pub fn measure(config: &AlignerConfig, src: &Sentences, tgt: &Sentences, beads: &[Bead]) -> Evidence {
        let anchorer = Anchorer::new(config.es_en_glossary);
        let hard = |texts: &[&str]| -> BTreeSet<String> {
            texts.iter().flat_map(|t| anchorer.anchors(t)).filter(|a| is_hard(a)).collect()
        };
        let sentences = src.len() + tgt.len();
        let (mut strong, mut anchors, mut shared) = (0, 0, 0);
        let mut lengths = Vec::new();
        for b in beads.iter().filter(|b| !b.src.is_empty() && !b.tgt.is_empty()) {
            if b.score >= STRONG_BEAD_SCORE {
                strong += b.src.len() + b.tgt.len();
            }
            let (s, t) = (&src.texts()[b.src.clone()], &tgt.texts()[b.tgt.clone()]);
            let (a, c) = (hard(s), hard(t));
            anchors += a.union(&c).count();
            shared += a.intersection(&c).count();
            let len = |x: &[&str]| x.iter().map(|t| t.chars().count()).sum::<usize>() as f64;
            lengths.push((len(s), len(t)));
        }
        let weak_sentences = sentences.saturating_sub(strong);
        Evidence {
            sentences,
            weak_sentences,
            weak_share: if sentences == 0 { 1.0 } else { weak_sentences as f64 / sentences as f64 },
            anchors,
            shared_anchors: shared,
            anchor_agreement: (anchors > 0).then(|| shared as f64 / anchors as f64),
            length_correlation: pearson(&lengths),
        }
    }

    /// Whether the documents look like translations of each other: a weak
    /// share of at most [`MAX_WEAK_SHARE`], an anchor agreement of at least
    /// [`MIN_ANCHOR_AGREEMENT`] when the weak share is above
    /// [`DOUBT_WEAK_SHARE`] (of [`MIN_ANCHOR_AGREEMENT_ANY`] in any case once
    /// there are [`MIN_ANCHORS`] anchors), and a length correlation of at least
    /// [`MIN_LENGTH_CORRELATION`] when there is one.
    pub fn translations(&self) -> bool {
        let anchors_ok = self.anchor_agreement.is_none_or(|a| a >= MIN_ANCHOR_AGREEMENT);
        let anchors_any =
            self.anchors < MIN_ANCHORS || self.anchor_agreement.is_none_or(|a| a >= MIN_ANCHOR_AGREEMENT_ANY);
        self.weak_share <= MAX_WEAK_SHARE
            && anchors_any
            && (self.weak_share <= DOUBT_WEAK_SHARE || anchors_ok)
            && self.length_correlation.is_none_or(|r| r >= MIN_LENGTH_CORRELATION)
    }

    /// The figures in one line: `41 of 60 sentences (68%) not in a bead
    /// scoring ≥ 75; 3 of 25 anchors shared (12%); length correlation 0.93`.
    pub fn describe(&self) -> String {
        let pct = |x: f64| format!("{:.0}%", 100.0 * x);
        let anchors = match self.anchor_agreement {
            Some(a) => format!("{} of {} anchors shared ({})", self.shared_anchors, self.anchors, pct(a)),
            None => "no anchors (numbers, names, URLs, dates) in the paired beads".to_string(),
        };
        let r = match self.length_correlation {
            Some(r) => format!("length correlation {r:.2}"),
            None => "no length correlation (fewer than 3 paired beads)".to_string(),
        };
        format!(
            "{} of {} sentences ({}) not in a bead scoring ≥ {STRONG_BEAD_SCORE}; {anchors}; {r}",
            self.weak_sentences,
            self.sentences,
            pct(self.weak_share)
        )
    }
}

/// Hard anchors: numbers (`n:`), URLs and e-mail addresses (`u:`),
/// identifiers and acronyms (`w:`), months and weekdays of the word table.
fn is_hard(anchor: &str) -> bool {
    const DATES: [&str; 19] = [
        "g:jan", "g:feb", "g:mar", "g:apr", "g:jun", "g:jul", "g:aug", "g:sep", "g:oct", "g:nov", "g:dec", "g:mon",
        "g:tue", "g:wed", "g:thu", "g:fri", "g:sat", "g:sun", "g:today",
    ];
    anchor.starts_with("n:") || anchor.starts_with("u:") || anchor.starts_with("w:") || DATES.contains(&anchor)
}

/// Pearson's correlation coefficient of the pairs, `None` for fewer than three
/// or when either coordinate does not vary.
fn pearson(xy: &[(f64, f64)]) -> Option<f64> {
    if xy.len() < 3 {
        return None;
    }
    let n = xy.len() as f64;
    let (mx, my) = (xy.iter().map(|p| p.0).sum::<f64>() / n, xy.iter().map(|p| p.1).sum::<f64>() / n);
    let (mut cov, mut vx, mut vy) = (0.0, 0.0, 0.0);
    for &(x, y) in xy {
        cov += (x - mx) * (y - my);
        vx += (x - mx) * (x - mx);
        vy += (y - my) * (y - my);
    }
    (vx > 0.0 && vy > 0.0).then(|| cov / (vx * vy).sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::Aligner;
    use crate::lang::LangTag;

    fn evidence(es: &[&[&str]], en: &[&[&str]]) -> Evidence {
        let (es, en) = (Sentences::from_paragraphs(es), Sentences::from_paragraphs(en));
        let cfg = AlignerConfig::for_pair(&LangTag::new("es").unwrap(), &LangTag::new("en").unwrap());
        let beads = Aligner::new(cfg.clone()).align_documents(&es, &en);
        Evidence::measure(&cfg, &es, &en, &beads)
    }

    #[test]
    fn a_translation_is_accepted_with_its_figures() {
        let e = evidence(
            &[
                &["Debian 6.0 publicado"],
                &["El 6 de febrero de 2011 el proyecto publicó Debian 6.0 tras 24 meses de trabajo."],
                &["Más información en https://www.debian.org/."],
            ],
            &[
                &["Debian 6.0 released"],
                &["On February 6th, 2011 the project released Debian 6.0 after 24 months of work."],
                &["More information at https://www.debian.org/."],
            ],
        );
        assert_eq!((e.sentences, e.weak_sentences), (6, 0));
        assert_eq!((e.shared_anchors, e.anchors), (7, 7));
        assert!(e.translations(), "{}", e.describe());
    }

    #[test]
    fn unrelated_documents_are_refused() {
        let e = evidence(
            &[
                &["El servicio FTP se cierra"],
                &["Los servidores FTP dejarán de funcionar el 1 de noviembre de 2017."],
                &["La mayoría de las implementaciones están estancadas y son complicadas de usar."],
                &["Use HTTP en http://deb.debian.org/ en su lugar."],
            ],
            &[
                &["DebConf13 will be held in Switzerland"],
                &["The conference will take place in Le Camp, Vaumarcus, from 11 to 18 August 2013."],
                &["Two teams had submitted bids, and the committee chose the Swiss one."],
                &["Proposals should be submitted by 31 December 2012."],
            ],
        );
        assert!(!e.translations(), "{}", e.describe());
        assert_eq!(e.shared_anchors, 0, "{}", e.describe());
    }

    #[test]
    fn pearson_of_a_line_is_one() {
        assert_eq!(pearson(&[(1.0, 2.0), (2.0, 4.0), (3.0, 6.0)]), Some(1.0));
        assert_eq!(pearson(&[(1.0, 2.0), (2.0, 4.0)]), None);
    }
}
