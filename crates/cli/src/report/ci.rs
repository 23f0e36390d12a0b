//! CI formats: SARIF 2.1.0, JUnit XML and GitHub Actions annotations.
//!
//! - SARIF: OASIS SARIF 2.1.0 — one `run`, each check a `rule`
//!   (`id` = check id), each finding a `result` located by
//!   `physicalLocation.artifactLocation.uri` (the release) and
//!   `region.startLine`/`startColumn` (columns in Unicode code points,
//!   declared by `run.columnKind`).
//! - JUnit: the `testsuites > testsuite > testcase > failure` form GitLab and
//!   Jenkins read: one suite per release, one case per unit named
//!   `FILE:LINE:COL`, a `<failure type=CHECK message=…>` per finding at or
//!   above `--fail-on`, other findings in `<system-out>`.
//! - GitHub: workflow commands, one line a finding:
//!   `::error file=F,line=L,col=C,title=CHECK::MESSAGE` (`::warning` for
//!   warnings), with `%`, CR, LF escaped in messages and also `:` and `,` in
//!   properties, as GitHub's toolkit does.

use super::{FailOn, FileReport};
use memoria_formats::xml::{attr, text};
use memoria_leverage::qa::{Check, Severity};
use std::fmt::Write;

/// A file path as a URI reference: characters outside RFC 3986's
/// unreserved set and `/` are percent-encoded (UTF-8).
fn uri(path: &str) -> String {
    let mut s = String::new();
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            s.push(b as char);
        } else {
            let _ = write!(s, "%{b:02X}");
        }
    }
    s
}

/// The SARIF 2.1.0 log of the findings.
pub fn sarif(files: &[FileReport]) -> String {
    let rules: Vec<_> = Check::ALL
        .iter()
        .map(|c| {
            serde_json::json!({
                "id": c.id(),
                "shortDescription": {"text": c.description()},
                "defaultConfiguration": {"level": c.severity().as_str()},
            })
        })
        .collect();
    let artifacts: Vec<_> = files.iter().map(|f| serde_json::json!({"location": {"uri": uri(&f.path)}})).collect();
    let mut results = Vec::new();
    for (i, f) in files.iter().enumerate() {
        for x in &f.findings {
            let rule_index = Check::ALL.iter().position(|c| *c == x.check).unwrap_or(0);
            results.push(serde_json::json!({
                "ruleId": x.check.id(),
                "ruleIndex": rule_index,
                "level": x.severity.as_str(),
                "message": {"text": format!("{}: {}", x.check.id(), x.message)},
                "locations": [location(x, i)],
            }));
        }
    }
    let v = serde_json::json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "memoria",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "artifacts": artifacts,
            "results": results,
        }],
    });
    format!("{v:#}\n")
}

/// A finding's SARIF location: the file and line/column; in a Word or
/// OpenDocument release, the part and paragraph as a logical location
/// (the line and column are in the part's XML, not the file's bytes).
fn location(x: &memoria_leverage::qa::Finding, i: usize) -> serde_json::Value {
    match (&x.part, x.paragraph) {
        (Some(part), Some(n)) => serde_json::json!({
            "physicalLocation": {"artifactLocation": {"uri": uri(&x.path), "index": i}},
            "logicalLocations": [{"name": format!("paragraph {n}"), "fullyQualifiedName": format!("{part}/paragraph {n}"), "kind": "element"}],
        }),
        _ => serde_json::json!({
            "physicalLocation": {
                "artifactLocation": {"uri": uri(&x.path), "index": i},
                "region": {"startLine": x.line, "startColumn": x.column},
            }
        }),
    }
}

/// JUnit XML of the check: one `<testcase>` per unit.
pub fn junit(files: &[FileReport], fail_on: FailOn) -> String {
    let failing = |f: &FileReport| f.findings.iter().filter(|x| fail_on.fails(x.severity)).count();
    let total_cases: usize = files.iter().map(|f| f.cases.len()).sum();
    let total_failures: usize = files.iter().map(failing).sum();
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        s,
        "<testsuites name=\"memoria check\" tests=\"{total_cases}\" failures=\"{total_failures}\" errors=\"0\" time=\"0\">"
    );
    for f in files {
        let p = attr(&f.path);
        let _ = writeln!(
            s,
            "  <testsuite name=\"{p}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\" time=\"0\">",
            f.cases.len(),
            failing(f)
        );
        for c in &f.cases {
            let _ = write!(
                s,
                "    <testcase classname=\"{p}\" name=\"{p}:{}:{}\" file=\"{p}\" line=\"{}\" time=\"0\"",
                c.line, c.column, c.line
            );
            let found: Vec<_> = f.findings.iter().filter(|x| x.segment == c.segment).collect();
            if found.is_empty() {
                s.push_str("/>\n");
                continue;
            }
            s.push_str(">\n");
            let mut out = String::new();
            for x in &found {
                if fail_on.fails(x.severity) {
                    let _ = writeln!(
                        s,
                        "      <failure type=\"{}\" message=\"{}\">{}:{}:{}: {}: {}\nsource: {}\ntarget: {}</failure>",
                        x.check.id(),
                        attr(&x.message),
                        p,
                        x.line,
                        x.column,
                        x.check.id(),
                        attr(&x.message),
                        attr(&x.source),
                        attr(x.target.as_deref().unwrap_or(""))
                    );
                } else {
                    let _ = writeln!(out, "{}: {}: {}", x.severity.as_str(), x.check.id(), x.message);
                }
            }
            if !out.is_empty() {
                let _ = writeln!(s, "      <system-out>{}</system-out>", text(out.trim_end()));
            }
            s.push_str("    </testcase>\n");
        }
        s.push_str("  </testsuite>\n");
    }
    s.push_str("</testsuites>\n");
    s
}

fn gh_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn gh_prop(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub Actions workflow commands, one line a finding.
pub fn github(files: &[FileReport]) -> String {
    let mut s = String::new();
    for f in files {
        for x in &f.findings {
            let cmd = if x.severity == Severity::Error { "error" } else { "warning" };
            if let (Some(part), Some(n)) = (&x.part, x.paragraph) {
                // No line of the file to point at in a package: the place goes in the message.
                let _ = writeln!(
                    s,
                    "::{cmd} file={},title={}::{}",
                    gh_prop(&x.path),
                    gh_prop(x.check.id()),
                    gh_data(&format!("{part}, paragraph {n}: {}", x.message))
                );
                continue;
            }
            let _ = writeln!(
                s,
                "::{cmd} file={},line={},col={},title={}::{}",
                gh_prop(&x.path),
                x.line,
                x.column,
                gh_prop(x.check.id()),
                gh_data(&x.message)
            );
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_escapes_properties_and_data() {
        assert_eq!(gh_prop("a,b:c%"), "a%2Cb%3Ac%25");
        assert_eq!(gh_data("x\ny: z,"), "x%0Ay: z,");
    }

    #[test]
    fn uri_encodes_spaces_and_keeps_slashes() {
        assert_eq!(uri("samples/new/a b.es.txt"), "samples/new/a%20b.es.txt");
        assert_eq!(uri("año.txt"), "a%C3%B1o.txt");
    }
}
