//! `--format github`: workflow commands that GitHub Actions turns into annotations.

use crate::finding::Report;
use crate::finding::Severity;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for f in report.findings.iter().filter(|f| !f.is_suppressed()) {
        let level = match f.severity {
            Severity::Critical | Severity::High => "error",
            Severity::Medium => "warning",
            Severity::Low => "notice",
        };
        out.push_str(&format!(
            "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            escape_property(&f.path),
            f.span.start_line,
            f.span.start_column,
            f.span.end_line,
            f.span.end_column,
            escape_property(&format!("{} ({})", f.rule_id, f.severity)),
            escape_data(&f.message),
        ));
    }
    for n in &report.notes {
        let line = n.line.map(|l| format!(",line={l}")).unwrap_or_default();
        out.push_str(&format!(
            "::notice file={}{line},title=shipsafe::{}\n",
            escape_property(&n.path),
            escape_data(&n.message)
        ));
    }
    out
}

/// Escaping of a workflow command's message.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escaping of a workflow command's property value.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes() {
        assert_eq!(super::escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        assert_eq!(super::escape_data("a:b\r"), "a:b%0D");
    }
}
