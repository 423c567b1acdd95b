//! `--format json`: one document with every finding (suppressed ones marked), the notes
//! and a summary. The shape is documented in docs/json-output.md and pinned by tests.

use serde_json::{Value, json};

use super::counts;
use crate::finding::Report;

pub const SCHEMA_VERSION: u32 = 1;

pub fn render(report: &Report) -> String {
    let findings: Vec<Value> = report
        .findings
        .iter()
        .map(|f| {
            let mut v = json!({
                "rule_id": f.rule_id,
                "severity": f.severity,
                "confidence": f.confidence,
                "message": f.message,
                "path": f.path,
                "start_line": f.span.start_line,
                "start_column": f.span.start_column,
                "end_line": f.span.end_line,
                "end_column": f.span.end_column,
                "snippet": f.snippet,
                "fingerprint": f.fingerprint,
            });
            if !f.related.is_empty() {
                v["related"] = f
                    .related
                    .iter()
                    .map(|r| {
                        json!({
                            "message": r.message,
                            "start_line": r.span.start_line,
                            "start_column": r.span.start_column,
                            "end_line": r.span.end_line,
                            "end_column": r.span.end_column,
                            "snippet": r.snippet,
                        })
                    })
                    .collect();
            }
            if let Some(s) = &f.suppressed {
                v["suppressed"] = json!({"kind": s.kind, "reason": s.reason, "line": s.line});
            }
            v
        })
        .collect();
    let by_severity: serde_json::Map<String, Value> = counts(&report.findings)
        .into_iter()
        .rev()
        .map(|(s, n)| (s.as_str().to_string(), json!(n)))
        .collect();
    let doc = json!({
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "shipsafe", "version": env!("CARGO_PKG_VERSION")},
        "findings": findings,
        "notes": report.notes,
        "summary": {
            "files_scanned": report.files_scanned,
            "findings": report.findings.iter().filter(|f| !f.is_suppressed()).count(),
            "suppressed": report.findings.iter().filter(|f| f.is_suppressed()).count(),
            "by_severity": by_severity,
        },
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}
