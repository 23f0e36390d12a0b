//! Java regex syntax → `regex` crate syntax, for SRX patterns.
//!
//! SRX 2.0 patterns are ICU/Java regexes (OmegaT, Okapi and LanguageTool run
//! them on `java.util.regex`). The `regex` crate reads most of them as they
//! are; this pass rewrites the few spellings it does not know and that have
//! an exact equivalent: `\Q…\E` quoting, `\uXXXX` escapes, `\h`, and the
//! `\p{javaLowerCase}`/`\p{IsLatin}`/POSIX-style property names. Anything else
//! (look-around, backreferences, possessive quantifiers) is left alone so that
//! [`fancy_regex`] can take the rule, or the build reports it.

/// Rewrites the Java-only spellings in `pattern` (see the module doc).
pub(crate) fn translate(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut chars = pattern.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some((_, e)) = chars.next() else {
            out.push('\\');
            break;
        };
        match e {
            'Q' => {
                // Quote everything up to \E (or the end) literally.
                let rest = &pattern[i + 2..];
                let (lit, consumed) = match rest.find("\\E") {
                    Some(end) => (&rest[..end], end + 2),
                    None => (rest, rest.len()),
                };
                out.push_str(&regex::escape(lit));
                let stop = i + 2 + consumed;
                while chars.peek().is_some_and(|&(j, _)| j < stop) {
                    chars.next();
                }
            }
            'u' => {
                let hex: String = pattern[i + 2..].chars().take(4).collect();
                if hex.len() == 4 && hex.chars().all(|h| h.is_ascii_hexdigit()) {
                    out.push_str(&format!("\\x{{{hex}}}"));
                    for _ in 0..4 {
                        chars.next();
                    }
                } else {
                    out.push_str("\\u");
                }
            }
            'h' => out.push_str(r"[\t\x{20}\x{A0}\x{1680}\x{180E}\x{2000}-\x{200A}\x{202F}\x{205F}\x{3000}]"),
            'p' | 'P' if pattern[i + 2..].starts_with('{') => {
                let body_end = pattern[i + 3..].find('}').map(|k| i + 3 + k);
                match body_end {
                    Some(end) => {
                        let name = &pattern[i + 3..end];
                        let negated = e == 'P';
                        out.push_str(&property(name, negated));
                        while chars.peek().is_some_and(|&(j, _)| j <= end) {
                            chars.next();
                        }
                    }
                    None => {
                        out.push('\\');
                        out.push(e);
                    }
                }
            }
            _ => {
                out.push('\\');
                out.push(e);
            }
        }
    }
    out
}

/// `\p{name}` (or `\P{name}` when `negated`) in `regex` crate spelling.
fn property(name: &str, negated: bool) -> String {
    let class = |set: &str| if negated { format!("[^{set}]") } else { format!("[{set}]") };
    let prop = |p: &str| if negated { format!("\\P{{{p}}}") } else { format!("\\p{{{p}}}") };
    match name {
        "javaLowerCase" | "IsLowercase" => prop("Lowercase"),
        "javaUpperCase" | "IsUppercase" => prop("Uppercase"),
        "javaLetter" | "IsLetter" => prop("L"),
        "javaDigit" | "IsDigit" => prop("Nd"),
        "javaLetterOrDigit" => class(r"\p{L}\p{Nd}"),
        "javaWhitespace" | "IsWhite_Space" | "IsWhiteSpace" => prop("White_Space"),
        "IsAlphabetic" => prop("Alphabetic"),
        "IsPunctuation" => prop("P"),
        "Lower" => class("a-z"),
        "Upper" => class("A-Z"),
        "Alpha" => class("a-zA-Z"),
        "Digit" => class("0-9"),
        "Alnum" => class("a-zA-Z0-9"),
        "Punct" => class(r"!-/:-@\[-`{-~"),
        "Space" => class(r"\t\n\x0B\f\r "),
        _ => match name.strip_prefix("Is") {
            // Java's `IsLatin`, `IsGreek`…: scripts; `IsLu`…: categories.
            Some(script) if !script.is_empty() => prop(script),
            _ => prop(name),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::translate;

    #[test]
    fn quoted_literal_is_escaped() {
        assert_eq!(translate(r"\Q...\E\s"), r"\.\.\.\s");
    }

    #[test]
    fn unicode_escape_becomes_braced_hex() {
        assert_eq!(translate(r"[\u2026.]"), r"[\x{2026}.]");
    }

    #[test]
    fn java_properties_are_renamed() {
        assert_eq!(translate(r"\p{javaLowerCase}\P{IsLatin}\p{Lu}"), r"\p{Lowercase}\P{Latin}\p{Lu}");
        assert_eq!(translate(r"[\p{Lower}]"), "[[a-z]]");
    }

    #[test]
    fn other_escapes_are_kept() {
        assert_eq!(translate(r"\b(?<!x)\.\s"), r"\b(?<!x)\.\s");
    }
}
