//! Output formats, one file each, all built from the same [`Report`]. Every format
//! prints findings' code from their redacted snippets and windows only.

pub mod docs;
pub mod github;
pub mod json;
pub mod merge;
pub mod sarif;
pub mod text;

use std::collections::BTreeMap;

use crate::finding::Report;
use crate::finding::{Finding, Severity};

/// The formats of `--format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Compiler-style diagnostics for people.
    Text,
    /// One stable JSON document (see docs/json-output.md).
    Json,
    /// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (annotations in the PR and the log).
    Github,
}

/// Settings that change how a report is written.
#[derive(Clone, Debug, Default)]
pub struct OutputOptions {
    /// ANSI colours (text only).
    pub color: bool,
    /// The severity threshold of `--fail-on`, shown in the text summary.
    pub fail_on: Option<Severity>,
    /// Leave notes out of the text output.
    pub quiet: bool,
    /// SARIF `automationDetails` category: GitHub code scanning keeps one set of alerts
    /// per category (default `shipsafe`).
    pub category: Option<String>,
}

pub fn render(report: &Report, format: Format, opts: &OutputOptions) -> String {
    match format {
        Format::Text => text::render(report, opts),
        Format::Json => json::render(report),
        Format::Sarif => sarif::render(report, opts.category.as_deref()),
        Format::Github => github::render(report),
    }
}

/// Unsuppressed findings per severity, every severity present.
pub fn counts(findings: &[Finding]) -> BTreeMap<Severity, usize> {
    let mut m: BTreeMap<Severity, usize> = Severity::ALL.iter().map(|s| (*s, 0)).collect();
    for f in findings.iter().filter(|f| !f.is_suppressed()) {
        *m.entry(f.severity).or_default() += 1;
    }
    m
}

/// The tool's homepage and the base of its rule docs.
pub const INFORMATION_URI: &str = "https://github.com/shipsafe/shipsafe";

/// Where a rule's generated docs page lives.
pub fn help_uri(rule_id: &str) -> String {
    format!(
        "{INFORMATION_URI}/blob/main/docs/rules/{}",
        docs::page_name(rule_id)
    )
}
