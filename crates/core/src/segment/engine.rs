//! The SRX rule engine: which positions of a text are breaks.
//!
//! SRX semantics: at a position, the rules are tried in order and the first
//! whose `beforebreak` pattern matches text ending there and whose
//! `afterbreak` pattern matches text starting there decides (break or not);
//! where no rule matches there is no break.
//!
//! Only positions where some break rule matches can become breaks, so the
//! engine works in two passes:
//! 1. each break rule is compiled as `(before)after`; its matches (searched
//!    the way Java's `Matcher.find` does, resuming at the break position) give
//!    candidate positions: the end of capture group 1. Group 1 is always our
//!    own wrapper, so groups inside the user's pattern cannot shift the
//!    position. (For speed the match is found without captures and the
//!    position is where `before`, anchored at the match start, ends; group 1
//!    is only asked for when the after-pattern does not fit there.)
//! 2. at each candidate, one multi-pattern regex of every rule's
//!    `(?:before)\z`, run over the text that ends there, says which rules'
//!    before-patterns fit; their after-patterns are then tried (anchored at
//!    the position) in rule order, and the first that fits decides.
//!
//! Before-patterns see at most [`LOOKBEHIND`] bytes before the position (rule
//! files only look at the last few words). Rules that need look-around or
//! backreferences run on `fancy-regex` instead of the `regex` crate, the same
//! way but one rule at a time.

use super::java::translate;
use super::srx::Rule;
use super::SegmentError;
use regex_automata::meta::Regex as Meta;
use regex_automata::{Anchored, Input, PatternSet};

/// How many bytes before a position a `beforebreak` pattern can see.
pub const LOOKBEHIND: usize = 160;

/// Compiled rules for one language.
#[derive(Clone, Debug)]
pub struct Engine {
    rules: Vec<Compiled>,
    /// Every fast break rule's `(?:before)(?:after)`, one pattern each.
    finder: Option<Meta>,
    /// Rule index of each pattern of `finder`.
    finder_rule: Vec<usize>,
    /// Every fast rule's `(?:before)\z`, in rule order.
    set: Option<Meta>,
    /// Pattern index in `set` of each rule (fast rules only).
    set_pattern: Vec<Option<usize>>,
    /// Indices of break rules that run on fancy-regex.
    fancy_breaks: Vec<usize>,
    has_fancy: bool,
}

#[derive(Clone, Debug)]
struct Compiled {
    is_break: bool,
    kind: Kind,
}

#[derive(Clone, Debug)]
enum Kind {
    /// Both patterns compile with the `regex` crate.
    Fast {
        /// Break rules: `before`, run anchored at a match start, and
        /// `(before)after` for the rare match where that is not the position.
        locate: Option<Box<(Meta, regex::Regex)>>,
        /// `after`, run anchored at a position; `None` when empty.
        after: Option<Meta>,
    },
    /// At least one pattern needs fancy-regex.
    Fancy(Box<Fancy>),
}

#[derive(Clone, Debug)]
struct Fancy {
    joint: Option<fancy_regex::Regex>,
    before: fancy_regex::Regex,
    after: fancy_regex::Regex,
}

/// One automaton for many patterns; `all` = report every pattern that
/// matches (for the overlapping "which rules fit here" search).
fn meta_many(patterns: &[String], all: bool) -> Result<Meta, String> {
    let kind = if all { regex_automata::MatchKind::All } else { regex_automata::MatchKind::LeftmostFirst };
    Meta::builder()
        .configure(Meta::config().match_kind(kind).nfa_size_limit(Some(64 << 20)).hybrid_cache_capacity(16 << 20))
        .build_many(patterns)
        .map_err(|e| e.to_string())
}

impl Engine {
    /// Compiles `rules` (from `source`, for errors). Every rule either
    /// compiles or is reported: [`SegmentError::Rule`] with the pattern's
    /// line and column.
    pub fn new(rules: &[&Rule], source: &str) -> Result<Engine, SegmentError> {
        let mut compiled = Vec::with_capacity(rules.len());
        let (mut finder_patterns, mut finder_rule) = (Vec::new(), Vec::new());
        let (mut set_patterns, mut set_pattern) = (Vec::new(), Vec::new());
        let mut fancy_breaks = Vec::new();
        for (i, rule) in rules.iter().enumerate() {
            let before = translate(&rule.before);
            let after = translate(&rule.after);
            let fail = |before_side: bool, message: String| {
                let (line, column) = if before_side { rule.before_at } else { rule.after_at };
                let pattern = if before_side { rule.before.clone() } else { rule.after.clone() };
                SegmentError::Rule { file: source.to_string(), line, column, pattern, message }
            };
            let fast = (Meta::new(&format!(r"(?:{before})\z")), Meta::new(&after), regex::Regex::new(&before));
            let kind = match fast {
                (Ok(_), Ok(a), Ok(_)) => {
                    let locate = if rule.is_break {
                        finder_patterns.push(format!("(?:{before})(?:{after})"));
                        finder_rule.push(i);
                        let b = Meta::new(&before).map_err(|e| fail(true, e.to_string()))?;
                        let c = regex::Regex::new(&format!("({before})(?:{after})"))
                            .map_err(|e| fail(true, e.to_string()))?;
                        Some(Box::new((b, c)))
                    } else {
                        None
                    };
                    set_pattern.push(Some(set_patterns.len()));
                    set_patterns.push(format!(r"(?:{before})\z"));
                    Kind::Fast { locate, after: (!after.is_empty()).then_some(a) }
                }
                _ => {
                    let fb =
                        fancy_regex::Regex::new(&format!(r"(?:{before})\z")).map_err(|e| fail(true, e.to_string()))?;
                    let fa =
                        fancy_regex::Regex::new(&format!(r"\A(?:{after})")).map_err(|e| fail(false, e.to_string()))?;
                    let joint = if rule.is_break {
                        fancy_breaks.push(i);
                        Some(
                            fancy_regex::Regex::new(&format!("({before})(?:{after})"))
                                .map_err(|e| fail(true, e.to_string()))?,
                        )
                    } else {
                        None
                    };
                    set_pattern.push(None);
                    Kind::Fancy(Box::new(Fancy { joint, before: fb, after: fa }))
                }
            };
            compiled.push(Compiled { is_break: rule.is_break, kind });
        }
        let too_big = |e: String| SegmentError::Rule {
            file: source.to_string(),
            line: 0,
            column: 0,
            pattern: String::new(),
            message: format!("the rules together are too large for one automaton: {e}"),
        };
        let finder =
            if finder_patterns.is_empty() { None } else { Some(meta_many(&finder_patterns, false).map_err(too_big)?) };
        let set = if set_patterns.is_empty() { None } else { Some(meta_many(&set_patterns, true).map_err(too_big)?) };
        let has_fancy = compiled.iter().any(|c| matches!(c.kind, Kind::Fancy(_)));
        Ok(Engine { rules: compiled, finder, finder_rule, set, set_pattern, fancy_breaks, has_fancy })
    }

    /// Number of rules.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// Whether there are no rules.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Appends to `out` the byte positions of `text` (ascending) where the
    /// rules break.
    pub fn breaks(&self, text: &str, out: &mut Vec<usize>) {
        let mut candidates: Vec<usize> = Vec::new();
        self.fast_candidates(text, &mut candidates);
        for &ri in &self.fancy_breaks {
            self.fancy_candidates(ri, text, &mut candidates);
        }
        if candidates.is_empty() {
            return;
        }
        candidates.sort_unstable();
        candidates.dedup();
        let mut hits = PatternSet::new(self.set.as_ref().map_or(0, |s| s.pattern_len()));
        for pos in candidates {
            if pos > 0 && pos < text.len() && self.decide(text, pos, &mut hits) {
                out.push(pos);
            }
        }
    }

    /// Candidates of all fast break rules in one search: the leftmost match
    /// of any rule, then on from its break position.
    fn fast_candidates(&self, text: &str, out: &mut Vec<usize>) {
        let Some(finder) = &self.finder else { return };
        let mut at = 0;
        while at <= text.len() {
            let Some(m) = finder.search(&Input::new(text).range(at..)) else { break };
            let ri = self.finder_rule[m.pattern().as_usize()];
            let Kind::Fast { locate: Some(locate), .. } = &self.rules[ri].kind else { break };
            // Usually `before` alone, anchored at the match start, ends where
            // the after-pattern begins; else ask for group 1.
            let input = Input::new(text).range(m.start()..m.end()).anchored(Anchored::Yes);
            let quick = locate.0.find(input).map(|b| b.end()).filter(|&q| self.after_matches(ri, text, q));
            let pos = match quick {
                Some(q) => q,
                None => match locate.1.captures_at(text, m.start()) {
                    Some(c) => c.get(1).map_or(m.start(), |g| g.end()),
                    None => m.start(),
                },
            };
            out.push(pos);
            at = if pos > at { pos } else { next_char(text, m.start().max(at)) };
        }
    }

    /// Candidates of fancy break rule `ri`, searched the same way.
    fn fancy_candidates(&self, ri: usize, text: &str, out: &mut Vec<usize>) {
        let Kind::Fancy(f) = &self.rules[ri].kind else { return };
        let Some(re) = &f.joint else { return };
        let mut at = 0;
        while at <= text.len() {
            let Ok(Some(c)) = re.captures_from_pos(text, at) else { break };
            let start = c.get(0).map_or(at, |m| m.start());
            let pos = c.get(1).map_or(start, |m| m.end());
            out.push(pos);
            at = if pos > at { pos } else { next_char(text, start.max(at)) };
        }
    }

    /// Whether the first rule matching at `pos` breaks (a break rule found
    /// the position; if the look-behind window hides every rule, it breaks).
    fn decide(&self, text: &str, pos: usize, hits: &mut PatternSet) -> bool {
        let from = floor_char(text, pos.saturating_sub(LOOKBEHIND));
        hits.clear();
        if let Some(set) = &self.set {
            set.which_overlapping_matches(&Input::new(&text[..pos]).range(from..), hits);
        }
        if !self.has_fancy {
            // Set patterns are in rule order, one per rule.
            for pid in hits.iter() {
                let ri = pid.as_usize();
                if self.after_matches(ri, text, pos) {
                    return self.rules[ri].is_break;
                }
            }
            return true;
        }
        for (ri, rule) in self.rules.iter().enumerate() {
            let before_ok = match (&rule.kind, self.set_pattern[ri]) {
                (Kind::Fast { .. }, Some(pid)) => hits.contains(regex_automata::PatternID::must(pid)),
                (Kind::Fancy(f), _) => f.before.is_match(&text[from..pos]).unwrap_or(false),
                _ => false,
            };
            if before_ok && self.after_matches(ri, text, pos) {
                return rule.is_break;
            }
        }
        true
    }

    fn after_matches(&self, ri: usize, text: &str, pos: usize) -> bool {
        match &self.rules[ri].kind {
            Kind::Fast { after: None, .. } => true,
            Kind::Fast { after: Some(re), .. } => re.is_match(Input::new(text).range(pos..).anchored(Anchored::Yes)),
            Kind::Fancy(f) => f.after.is_match(&text[pos..]).unwrap_or(false),
        }
    }
}

fn next_char(text: &str, i: usize) -> usize {
    text[i..].chars().next().map_or(text.len() + 1, |c| i + c.len_utf8())
}

fn floor_char(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(is_break: bool, before: &str, after: &str) -> Rule {
        Rule { is_break, before: before.into(), after: after.into(), ..Rule::default() }
    }

    fn breaks(rules: &[Rule], text: &str) -> Vec<usize> {
        let refs: Vec<&Rule> = rules.iter().collect();
        let e = Engine::new(&refs, "test").unwrap();
        let mut out = Vec::new();
        e.breaks(text, &mut out);
        out
    }

    #[test]
    fn first_matching_rule_wins() {
        let rules = [rule(false, r"\b(Mr|Dr)\.", r"\s"), rule(true, r"[.?!]", r"\s")];
        // The capture group inside the no-break rule must not move the position.
        assert_eq!(breaks(&rules, "Mr. Smith went home. Dr. Jones too."), [20]);
    }

    #[test]
    fn later_no_break_rule_does_not_override_break() {
        let rules = [rule(true, r"[.?!]", r"\s"), rule(false, r"\bMr\.", r"\s")];
        assert_eq!(breaks(&rules, "Hi Mr. Smith."), [6]);
    }

    #[test]
    fn lookaround_rule_runs_on_fancy_regex() {
        let rules = [rule(false, r"(?<=\bMr)\.", r"\s"), rule(true, r"\.", r"\s(?=\p{Lu})")];
        assert_eq!(breaks(&rules, "Mr. Smith left. Then. me"), [15]);
    }

    #[test]
    fn rule_that_cannot_compile_is_reported_with_its_place() {
        let mut bad = rule(true, r"(unclosed", r"\s");
        bad.before_at = (12, 7);
        let e = Engine::new(&[&bad], "x.srx").unwrap_err().to_string();
        assert!(e.starts_with("x.srx:12:7:") && e.contains("(unclosed"), "{e}");
    }

    #[test]
    fn empty_after_pattern_matches_everywhere() {
        assert_eq!(breaks(&[rule(true, r"\n", "")], "a\nb"), [2]);
    }
}
