//! Tests of the rule engine.

use super::*;

fn rule(is_break: bool, before: &str, after: &str) -> Rule {
    Rule { is_break, before: before.into(), after: after.into(), ..Rule::default() }
}

fn breaks(rules: &[Rule], text: &str) -> Vec<usize> {
    let refs: Vec<&Rule> = rules.iter().collect();
    let e = Engine::new(&refs, "test").unwrap();
    let mut out = Vec::new();
    e.breaks(text, &mut out).unwrap();
    out
}

/// (breaks, bytes given to the automata) of `rules` on `text`.
fn breaks_and_work(rules: &[Rule], text: &str) -> (Vec<usize>, usize) {
    let refs: Vec<&Rule> = rules.iter().collect();
    let e = Engine::new(&refs, "test").unwrap();
    let (mut out, mut work) = (Vec::new(), 0);
    e.run(text, &mut out, false, &mut work).unwrap();
    (out, work)
}

#[test]
fn after_pattern_to_the_end_of_a_long_line_costs_linear_work() {
    // Issue 26: `a+$` tried at every position scanned to the end each
    // time (quadratic). Now the after-pattern sees LOOKAHEAD bytes, so it
    // matches only near the end, and the work per byte is bounded.
    for after in ["a+$", "(a+)+$"] {
        let rules = [rule(true, "a", after)];
        let mut per_byte = Vec::new();
        for n in [50_000, 200_000] {
            let (got, work) = breaks_and_work(&rules, &"a".repeat(n));
            let expected: Vec<usize> = (n - LOOKAHEAD..n).collect();
            assert_eq!(got, expected, "{after} on {n} bytes");
            per_byte.push(work as f64 / n as f64);
        }
        assert!(per_byte.iter().all(|&w| w < 4.0), "{after}: work per byte {per_byte:?}");
    }
}

#[test]
fn overlapping_after_matches_cost_bounded_work_per_byte() {
    // Every position is the end of a joint match and every position a
    // candidate: the work is still a bounded multiple of the text.
    let rules = [rule(true, "a", "a+")];
    let n = 100_000;
    let (got, work) = breaks_and_work(&rules, &"a".repeat(n));
    assert_eq!(got, (1..n).collect::<Vec<_>>());
    // Per byte: one joint step, a window back from each match end and a
    // before test for each new candidate, and the decision (both windows).
    assert!(work <= n * 2 * (LOOKAHEAD + LOOKBEHIND + 1), "{work}");
}

#[test]
fn backtracking_rule_over_budget_is_an_error_naming_it() {
    let mut bad = rule(true, r"(a+)+(?=!)!", r"\s");
    bad.before_at = (4, 18);
    let e = Engine::new(&[&bad], "cat.srx").unwrap();
    let text = "a".repeat(3000);
    let err = e.breaks(&text, &mut Vec::new()).unwrap_err().to_string();
    assert!(err.starts_with("cat.srx:4:18: rule `(a+)+(?=!)!` exceeded its backtracking budget"), "{err}");
    // The lenient run treats the rule as not matching.
    let mut out = Vec::new();
    e.breaks_lenient(&text, &mut out);
    assert!(out.is_empty());
}

#[test]
fn rule_with_unicode_word_boundary_sees_non_ascii_letters() {
    // `\b` cannot run on a lazy DFA over non-ASCII text; the rule runs on
    // the regex crate's other engines and `é` is a word character.
    let rules = [rule(false, r"\bSr\.", r"\s"), rule(true, r"\.", r"\s")];
    assert_eq!(breaks(&rules, "Vino el Sr. Pérez. SéSr. Luego."), [19, 26]);
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
fn rule_too_large_for_an_automaton_is_reported_with_its_place() {
    let mut huge = rule(true, r"(\w{1000}){1000}", r"\s");
    huge.before_at = (4, 19);
    let e = Engine::new(&[&rule(true, r"\.", r"\s"), &huge], "huge.srx").unwrap_err().to_string();
    assert!(e.starts_with("huge.srx:4:19: rule pattern `(\\w{1000}){1000}` does not compile"), "{e}");
}

#[test]
fn paragraphs_scanned_together_break_as_each_alone_even_when_the_cache_is_cleared() {
    // The default English rules on a release and the start of Don
    // Quixote, with the smallest DFA caches: the joint automaton's cache
    // is cleared again and again while paragraphs are being scanned
    // together, and the paragraphs whose states that invalidates are
    // scanned again.
    let srx = crate::segment::srx::Srx::parse(crate::segment::DEFAULT_SRX, "default.srx").unwrap();
    let rules = srx.rules_for("en").unwrap();
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    let mut text = std::fs::read_to_string(shared.join("releases/debian-2012-lenny-security-end.en.txt")).unwrap();
    let quixote = std::fs::read_to_string(shared.join("en_don_quixote.txt")).unwrap();
    text.push_str(&quixote[..quixote.char_indices().nth(200_000).unwrap().0]);
    let paragraphs = crate::segment::lines::paragraphs(&text);
    assert!(paragraphs.len() > 500, "{}", paragraphs.len());
    let big = Engine::new(&rules, "default.srx").unwrap();
    let small = Engine::build(&rules, "default.srx", Some(0)).unwrap();
    let mut alone = Vec::new();
    for r in &paragraphs {
        let mut out = Vec::new();
        big.breaks(&text[r.clone()], &mut out).unwrap();
        alone.push(out);
    }
    for engine in [&big, &small] {
        let mut paired = Vec::new();
        engine.breaks_each(&text, &paragraphs, false, |i, b| paired.push((i, b.to_vec()))).unwrap();
        assert_eq!(paired.len(), paragraphs.len());
        for (i, (k, b)) in paired.iter().enumerate() {
            assert_eq!((i, b), (*k, &alone[i]), "paragraph {i}");
        }
    }
    let n: usize = alone.iter().map(Vec::len).sum();
    assert!(n > 500, "{n} breaks");
    let clears = small.pool.get().dfa.as_ref().map_or(0, |c| c.joint_clears());
    assert!(clears > 10, "the joint cache was cleared {clears} times");
}

#[test]
fn empty_after_pattern_matches_everywhere() {
    assert_eq!(breaks(&[rule(true, r"\n", "")], "a\nb"), [2]);
}
