//! The serde form of a rule file. Unknown keys are errors.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_saphyr::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    /// `category/slug`.
    pub id: Spanned<String>,
    /// One-line summary.
    pub title: String,
    pub severity: Spanned<String>,
    #[serde(default)]
    pub confidence: Option<Spanned<String>>,
    #[serde(default)]
    pub tier: Option<u8>,
    #[serde(default)]
    pub cwe: Vec<u32>,
    /// One line: why it matters.
    pub why: String,
    /// One line: how to fix it.
    pub fix: String,
    /// The finding's message.
    pub message: String,
    /// Markdown docs; or a `.md` file of the same name beside the rule.
    #[serde(default)]
    pub docs: Option<String>,
    pub patterns: Vec<PatternDef>,
    /// Leave test code alone (test folders, `*.test.*`, `*.spec.*`, `test_*.py`, …).
    #[serde(default)]
    pub skip_tests: bool,
    #[serde(default)]
    pub examples: Option<Examples>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatternDef {
    pub languages: Spanned<Vec<String>>,
    /// A tree-sitter query (TypeScript, TSX, JavaScript, Python).
    #[serde(default)]
    pub query: Option<Spanned<String>>,
    /// A regex over the file's text (any language); matches inside comments of code
    /// files are dropped. A group named `report` narrows the reported span.
    #[serde(default)]
    pub regex: Option<Spanned<String>>,
    /// Constraints on the query's captures: capture name -> regex (or `{regex, not}`),
    /// matched against the capture's text with string quotes removed.
    #[serde(default, rename = "where")]
    pub constraints: BTreeMap<String, Spanned<Constraint>>,
    /// The capture to report (defaults to the first capture).
    #[serde(default)]
    pub report: Option<Spanned<String>>,
    /// Overrides the rule's message for this pattern.
    #[serde(default)]
    pub message: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Constraint {
    Regex(String),
    Full {
        #[serde(default)]
        regex: Option<String>,
        #[serde(default)]
        not: Option<String>,
    },
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    #[serde(default)]
    pub valid: Vec<Example>,
    #[serde(default)]
    pub invalid: Vec<Example>,
}

/// A snippet the rule must flag (`invalid`) or leave alone (`valid`); checked by tests.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// A file name that gives the language, such as `app.ts` or `.env`.
    pub file: String,
    pub code: String,
}
