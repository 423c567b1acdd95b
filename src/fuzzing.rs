//! The bodies of the fuzz targets under `fuzz/` (run with `cargo fuzz run <target>`).
//! They live in the library so that `cargo test` runs each one over seed inputs, and a
//! target that stops compiling or panics on a seed fails the ordinary test suite.
//!
//! Every body takes untrusted bytes, as a scanned repository or a user's files give
//! them, and must return without panicking, hanging or growing without bound.

use std::sync::LazyLock;

use crate::engine::{Report, RuleSet, scan_source};
use crate::facts::{ProjectFacts, schema, webhooks};
use crate::finding::{Confidence, Finding, Severity, Span, Window};
use crate::lang::Lang;
use crate::output::{Format, OutputOptions};

static RULES: LazyLock<RuleSet> =
    LazyLock::new(|| RuleSet::builtin().expect("the built-in rules load"));

/// A file path for each language, in a folder the rules treat as server code.
fn path_for(lang: Lang) -> &'static str {
    match lang {
        Lang::TypeScript => "app/api/webhooks/route.ts",
        Lang::Tsx => "app/page.tsx",
        Lang::JavaScript => "routes/api.js",
        Lang::Python => "app/views.py",
        Lang::Rust => "src/main.rs",
        Lang::Env => ".env",
        Lang::Sql => "supabase/migrations/0001_init.sql",
        Lang::Prisma => "prisma/schema.prisma",
        Lang::Yaml => "docker-compose.yml",
        Lang::Toml => "supabase/config.toml",
        Lang::Json => "package.json",
        Lang::Dockerfile => "Dockerfile",
        Lang::Text => "docs/SETUP.md",
    }
}

/// Parser entries and rules: the first byte picks a language, the rest is the file.
/// The file's own schema and webhook facts are gathered first, as the engine does, so
/// the rules that need a data model run too; the findings are then written in every
/// output format.
pub fn scan(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let lang = Lang::ALL[usize::from(pick) % Lang::ALL.len()];
    let text = String::from_utf8_lossy(rest).into_owned();
    let rel = path_for(lang);
    let mut facts = ProjectFacts::default();
    if schema::wants(lang, &text) {
        let tree = lang
            .uses_tree_sitter()
            .then(|| crate::lang::syntax::parse(lang, &text).ok())
            .flatten();
        let file = schema::extract(rel, lang, &text, tree.as_ref(), &[]);
        (facts.data, facts.databases) = schema::merge(vec![file], &[], &[], &Default::default());
    }
    if !matches!(lang, Lang::Prisma | Lang::Sql) {
        facts.webhook_verifiers = webhooks::verifier_functions(&text).into_iter().collect();
        let callers = webhooks::callers_of(&text, &facts.webhook_verifiers);
        facts.webhook_verifiers.extend(callers);
    }
    if lang == Lang::Python {
        facts.webhook_routes = webhooks::python_webhook_routes(&text).into_iter().collect();
    }
    let outcome = scan_source(rel, lang, text, &RULES, &facts);
    let report = Report {
        root: ".".into(),
        findings: outcome.findings,
        notes: outcome.notes,
        rules: RULES.metas(),
        files_scanned: 1,
        files_cached: 0,
        modules: Vec::new(),
    };
    render_all(&report);
}

/// The config loader: the bytes are a `.shipsafe.yml`. Errors are rendered the way
/// the CLI prints them (labels point into the text).
pub fn config(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Err(e) = crate::config::parse(".shipsafe.yml", &text) {
        render_error(e.as_ref());
    }
}

/// The declarative rule loader: the bytes are a user's rule file. A rule that compiles
/// is run over a small file of each language it names.
pub fn rule_file(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    match crate::rules::declarative::compile::compile("rules/fuzz.yml", &text, None, 3) {
        Err(e) => render_error(e.as_ref()),
        Ok(rule) => {
            let meta = crate::rules::Rule::meta(&rule).clone();
            let set = RuleSet::from_rules(vec![Box::new(rule)], vec![meta.severity]);
            for lang in meta.languages {
                let sample = "const a = f(\"x\", 1); fetch(url, { verify: false });\nimport os\n";
                let _ = scan_source(
                    path_for(lang),
                    lang,
                    sample.to_string(),
                    &set,
                    &ProjectFacts::default(),
                );
            }
        }
    }
}

/// The output writers: findings made of arbitrary text (messages, paths, code) are
/// written in every format, and the JSON and SARIF written must parse back as JSON.
pub fn outputs(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let metas = RULES.metas();
    let mut parts = text.split('\u{0}');
    let mut findings = Vec::new();
    while let (Some(message), Some(path), Some(code)) = (parts.next(), parts.next(), parts.next()) {
        let n = findings.len();
        let meta = &metas[(message.len() + n) % metas.len()];
        let len = code.len();
        findings.push(Finding {
            rule_id: meta.id.clone(),
            severity: Severity::ALL[path.len() % Severity::ALL.len()],
            confidence: Confidence::High,
            message: message.to_string(),
            path: path.to_string(),
            span: Span {
                start_line: 1 + code.matches('\n').count(),
                start_column: 1 + (len % 7),
                end_line: 1 + code.matches('\n').count(),
                end_column: 2 + (len % 7),
                bytes: 0..len,
            },
            snippet: code.to_string(),
            fingerprint: format!("{n:016x}"),
            fingerprint_v1: format!("{n:016x}"),
            suppressed: None,
            window: Window {
                text: code.to_string(),
                first_line: 1,
                first_column: 1,
                // deliberately any range, inside the text or not
                span: (len / 2)..(len + message.len() % 3),
            },
            related: Vec::new(),
            unless: Vec::new(),
        });
        if findings.len() > 64 {
            break;
        }
    }
    let report = Report {
        root: ".".into(),
        findings,
        notes: Vec::new(),
        rules: metas,
        files_scanned: 1,
        files_cached: 0,
        modules: Vec::new(),
    };
    render_all(&report);
}

fn render_all(report: &Report) {
    let opts = OutputOptions {
        category: Some("fuzz".into()),
        ..Default::default()
    };
    for format in [Format::Text, Format::Json, Format::Sarif, Format::Github] {
        let out = crate::output::render(report, format, &opts);
        if matches!(format, Format::Json | Format::Sarif) {
            assert!(
                serde_json::from_str::<serde_json::Value>(&out).is_ok(),
                "{format:?} output is not JSON"
            );
        }
    }
}

fn render_error(e: &dyn miette::Diagnostic) {
    let _ = crate::cli::render_error(e, false);
}
