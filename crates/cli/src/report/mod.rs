//! Output of `memoria check` in the forms CI systems read: text
//! (`FILE:LINE:COL: …`, like compilers), JSON, SARIF 2.1.0 (GitHub code
//! scanning), JUnit XML (GitLab, Jenkins) and GitHub Actions workflow
//! commands (`::error file=…,line=…,col=…::…`).

mod ci;

pub use ci::{github, junit, sarif};

use memoria_leverage::qa::{Finding, Severity};
use std::fmt::Write;

/// The results of checking one release.
#[derive(Clone, Debug, serde::Serialize)]
pub struct FileReport {
    pub path: String,
    /// Segments in the release.
    pub segments: usize,
    /// Segments with a translation (two filled together count two).
    pub translated: usize,
    pub findings: Vec<Finding>,
    /// Every unit checked, in order (JUnit writes one test case each).
    #[serde(skip)]
    pub cases: Vec<Case>,
}

/// A unit checked: its (first) segment number and where it starts.
#[derive(Clone, Debug)]
pub struct Case {
    pub segment: usize,
    pub line: usize,
    pub column: usize,
}

/// What `--fail-on` a report is judged by.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    Error,
    Warning,
    Never,
}

impl FailOn {
    /// Whether a finding of `severity` fails the check.
    pub fn fails(self, severity: Severity) -> bool {
        match self {
            FailOn::Error => severity >= Severity::Error,
            FailOn::Warning => true,
            FailOn::Never => false,
        }
    }
}

/// Percentage of translated segments over all files (100 when there are none).
pub fn translated_pct(files: &[FileReport]) -> f64 {
    let total: usize = files.iter().map(|f| f.segments).sum();
    let done: usize = files.iter().map(|f| f.translated).sum();
    if total == 0 {
        100.0
    } else {
        100.0 * done as f64 / total as f64
    }
}

/// One line a finding: `FILE:LINE:COL: CHECK: MESSAGE` for errors,
/// `FILE:LINE:COL: warning: CHECK: MESSAGE` for warnings (`FILE (PART,
/// paragraph N)` in place of `FILE:LINE:COL` for a Word or OpenDocument release).
pub fn text(files: &[FileReport]) -> String {
    let mut s = String::new();
    for f in files {
        for x in &f.findings {
            let sev = if x.severity == Severity::Warning { "warning: " } else { "" };
            let _ = writeln!(s, "{}: {sev}{}: {}", x.at(), x.check.id(), x.message);
        }
    }
    s
}

/// One JSON object: `{tool, version, files: [{path, segments, translated,
/// untranslated, errors, warnings, findings: [{check, severity, path, line,
/// column, segment, source, target, message}]}], summary: {…}}`.
pub fn json(files: &[FileReport], fail_on: FailOn, passed: bool) -> String {
    let count = |f: &FileReport, s: Severity| f.findings.iter().filter(|x| x.severity == s).count();
    let fs: Vec<_> = files
        .iter()
        .map(|f| {
            serde_json::json!({
                "path": f.path, "segments": f.segments, "translated": f.translated,
                "untranslated": f.segments - f.translated,
                "errors": count(f, Severity::Error), "warnings": count(f, Severity::Warning),
                "findings": f.findings,
            })
        })
        .collect();
    let sum = |g: &dyn Fn(&FileReport) -> usize| files.iter().map(g).sum::<usize>();
    let v = serde_json::json!({
        "tool": "memoria",
        "version": env!("CARGO_PKG_VERSION"),
        "files": fs,
        "summary": {
            "files": files.len(),
            "segments": sum(&|f| f.segments),
            "translated": sum(&|f| f.translated),
            "translated_percent": (translated_pct(files) * 10.0).round() / 10.0,
            "errors": sum(&|f| count(f, Severity::Error)),
            "warnings": sum(&|f| count(f, Severity::Warning)),
            "fail_on": format!("{fail_on:?}").to_lowercase(),
            "passed": passed,
        }
    });
    format!("{v:#}\n")
}
