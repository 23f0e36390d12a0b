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
//!    position.
//! 2. at each candidate, one [`regex::RegexSet`] of every rule's
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
use regex_automata::{Anchored, Input};

/// How many bytes before a position a `beforebreak` pattern can see.
pub const LOOKBEHIND: usize = 160;

/// Compiled rules for one language.
#[derive(Clone, Debug)]
pub struct Engine {
    rules: Vec<Compiled>,
    /// Every fast rule's `(?:before)\z`, in rule order.
    set: regex::RegexSet,
    /// Rule index of each pattern of `set`.
    set_rule: Vec<usize>,
    /// Indices of break rules, in order.
    breaks: Vec<usize>,
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
        /// `(before)after`, for finding candidates (break rules only).
        joint: Option<regex::Regex>,
        /// `after`, run anchored at a position; `None` when empty.
        after: Option<regex_automata::meta::Regex>,
    },
    /// At least one pattern needs fancy-regex.
    Fancy { joint: Option<fancy_regex::Regex>, before: fancy_regex::Regex, after: fancy_regex::Regex },
}

impl Engine {
    /// Compiles `rules` (from `source`, for errors). Every rule either
    /// compiles or is reported: [`SegmentError::Rule`] with the pattern's
    /// line and column.
    pub fn new(rules: &[&Rule], source: &str) -> Result<Engine, SegmentError> {
        let mut compiled = Vec::with_capacity(rules.len());
        let mut set_patterns = Vec::new();
        let mut set_rule = Vec::new();
        let mut breaks = Vec::new();
        for (i, rule) in rules.iter().enumerate() {
            let before = translate(&rule.before);
            let after = translate(&rule.after);
            let fail = |before_side: bool, message: String| {
                let (line, column) = if before_side { rule.before_at } else { rule.after_at };
                let pattern = if before_side { rule.before.clone() } else { rule.after.clone() };
                SegmentError::Rule { file: source.to_string(), line, column, pattern, message }
            };
            let fast_before = regex::Regex::new(&format!(r"(?:{before})\z"));
            let fast_after = regex_automata::meta::Regex::new(&after);
            let kind = match (&fast_before, fast_after) {
                (Ok(_), Ok(a)) => {
                    let joint = if rule.is_break {
                        Some(
                            regex::Regex::new(&format!("({before})(?:{after})"))
                                .map_err(|e| fail(true, e.to_string()))?,
                        )
                    } else {
                        None
                    };
                    set_patterns.push(format!(r"(?:{before})\z"));
                    set_rule.push(i);
                    Kind::Fast { joint, after: (!after.is_empty()).then_some(a) }
                }
                _ => {
                    let fb =
                        fancy_regex::Regex::new(&format!(r"(?:{before})\z")).map_err(|e| fail(true, e.to_string()))?;
                    let fa =
                        fancy_regex::Regex::new(&format!(r"\A(?:{after})")).map_err(|e| fail(false, e.to_string()))?;
                    let joint = if rule.is_break {
                        Some(
                            fancy_regex::Regex::new(&format!("({before})(?:{after})"))
                                .map_err(|e| fail(true, e.to_string()))?,
                        )
                    } else {
                        None
                    };
                    Kind::Fancy { joint, before: fb, after: fa }
                }
            };
            if rule.is_break {
                breaks.push(i);
            }
            compiled.push(Compiled { is_break: rule.is_break, kind });
        }
        let set =
            regex::RegexSetBuilder::new(&set_patterns).size_limit(64 << 20).dfa_size_limit(32 << 20).build().map_err(
                |e| SegmentError::Rule {
                    file: source.to_string(),
                    line: 0,
                    column: 0,
                    pattern: String::new(),
                    message: format!("the rules together are too large for one automaton: {e}"),
                },
            )?;
        let has_fancy = compiled.iter().any(|c| matches!(c.kind, Kind::Fancy { .. }));
        Ok(Engine { rules: compiled, set, set_rule, breaks, has_fancy })
    }

    /// Number of rules.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// Appends to `out` the byte positions of `text` (ascending) where the
    /// rules break.
    pub fn breaks(&self, text: &str, out: &mut Vec<usize>) {
        let mut candidates: Vec<(usize, usize)> = Vec::new();
        for &ri in &self.breaks {
            self.candidates_of(ri, text, &mut candidates);
        }
        if candidates.is_empty() {
            return;
        }
        candidates.sort_unstable();
        let mut last = usize::MAX;
        for (pos, rule) in candidates {
            if pos == last {
                continue;
            }
            last = pos;
            if pos > 0 && pos < text.len() && self.decide(text, pos, rule) {
                out.push(pos);
            }
        }
    }

    /// Candidate positions of break rule `ri`: ends of `before` where `after`
    /// follows, resuming the search at each position found.
    fn candidates_of(&self, ri: usize, text: &str, out: &mut Vec<(usize, usize)>) {
        let mut at = 0;
        while at <= text.len() {
            let (start, pos) = match &self.rules[ri].kind {
                Kind::Fast { joint: Some(re), .. } => match re.captures_at(text, at) {
                    Some(c) => (c.get(0).map_or(at, |m| m.start()), c.get(1).map_or(at, |m| m.end())),
                    None => break,
                },
                Kind::Fancy { joint: Some(re), .. } => match re.captures_from_pos(text, at) {
                    Ok(Some(c)) => (c.get(0).map_or(at, |m| m.start()), c.get(1).map_or(at, |m| m.end())),
                    _ => break,
                },
                _ => break,
            };
            out.push((pos, ri));
            // Resume at the break position, but always move forward.
            at = if pos > at { pos } else { next_char(text, start.max(at)) };
        }
    }

    /// Whether the first rule matching at `pos` breaks; `found` is a break
    /// rule known to match there.
    fn decide(&self, text: &str, pos: usize, found: usize) -> bool {
        let from = floor_char(text, pos.saturating_sub(LOOKBEHIND));
        let head = &text[..pos];
        let hits = self.set.matches_at(head, from);
        if !self.has_fancy {
            for si in hits.iter() {
                let ri = self.set_rule[si];
                if ri > found {
                    break;
                }
                if self.after_matches(ri, text, pos) {
                    return self.rules[ri].is_break;
                }
            }
            return true;
        }
        let mut set_hits = hits.iter().peekable();
        for ri in 0..=found {
            let before_ok = match &self.rules[ri].kind {
                Kind::Fast { .. } => {
                    while set_hits.peek().is_some_and(|&si| self.set_rule[si] < ri) {
                        set_hits.next();
                    }
                    set_hits.peek().is_some_and(|&si| self.set_rule[si] == ri)
                }
                Kind::Fancy { before, .. } => before.is_match(&text[from..pos]).unwrap_or(false),
            };
            if before_ok && self.after_matches(ri, text, pos) {
                return self.rules[ri].is_break;
            }
        }
        true
    }

    fn after_matches(&self, ri: usize, text: &str, pos: usize) -> bool {
        match &self.rules[ri].kind {
            Kind::Fast { after: None, .. } => true,
            Kind::Fast { after: Some(re), .. } => re.is_match(Input::new(text).range(pos..).anchored(Anchored::Yes)),
            Kind::Fancy { after, .. } => after.is_match(&text[pos..]).unwrap_or(false),
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
