//! `--format sarif`: SARIF 2.1.0 that GitHub code scanning accepts as it is. One
//! reportingDescriptor per rule that ran, with help text and markdown, CWE tags,
//! precision and security-severity; results with %SRCROOT%-relative locations,
//! partialFingerprints, and in-source suppressions.

use std::collections::BTreeMap;

use serde_json::json;
use serde_sarif::sarif::{
    ArtifactContent, ArtifactLocation, Invocation, Location, Message, MultiformatMessageString,
    Notification, PhysicalLocation, PropertyBag, Region, ReportingConfiguration,
    ReportingDescriptor, Result as SarifResult, ResultLevel, Run, RunAutomationDetails, Sarif,
    Suppression, Tool, ToolComponent,
};

use super::{INFORMATION_URI, help_uri};
use crate::finding::Report;
use crate::finding::RuleMeta;
use crate::finding::{Confidence, Finding, Severity, Span};

pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// The key of shipsafe's fingerprint in `partialFingerprints`; the version changes when
/// what a fingerprint is made of changes (v2: the reported code, not its whole lines).
pub const FINGERPRINT_KEY: &str = "shipsafe/v2";

/// The category when none is given.
pub const DEFAULT_CATEGORY: &str = "shipsafe";

/// GitHub code scanning accepts at most this many results per run.
pub const MAX_RESULTS: usize = 25_000;

pub fn render(report: &Report, category: Option<&str>) -> String {
    let sarif = build(report, category.unwrap_or(DEFAULT_CATEGORY));
    let mut s = serde_json::to_string_pretty(&sarif).unwrap_or_default();
    s.push('\n');
    s
}

pub fn build(report: &Report, category: &str) -> Sarif {
    build_capped(report, category, MAX_RESULTS)
}

/// [`build`] with the cap on results as a parameter (tests use a small one).
pub fn build_capped(report: &Report, category: &str, max_results: usize) -> Sarif {
    let rules: Vec<ReportingDescriptor> = report.rules.iter().map(descriptor).collect();
    let index: BTreeMap<&str, usize> = report
        .rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    // Over GitHub's limit, keep the most severe results and say what was left out.
    let mut findings: Vec<&Finding> = report.findings.iter().collect();
    let dropped = findings.len().saturating_sub(max_results);
    if dropped > 0 {
        findings.sort_by_key(|f| (std::cmp::Reverse(f.severity), f.is_suppressed()));
        findings.truncate(max_results);
        findings.sort_by(|a, b| (&a.path, a.span.start_line).cmp(&(&b.path, b.span.start_line)));
    }
    let results: Vec<SarifResult> = findings
        .iter()
        .filter_map(|f| index.get(f.rule_id.as_str()).map(|i| result(f, *i)))
        .collect();
    let version = env!("CARGO_PKG_VERSION");
    let driver = ToolComponent::builder()
        .name("shipsafe")
        .full_name(format!("shipsafe {version}"))
        .version(version)
        .semantic_version(version)
        .information_uri(INFORMATION_URI)
        .rules(rules)
        .build();
    let mut run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .results(results)
        .invocations(vec![invocation(report, dropped, max_results)])
        .column_kind(json!("unicodeCodePoints"))
        .build();
    // `category/`: the run id is left to the uploader; the category keeps this tool's
    // alerts apart from other analyses of the same commit
    run.automation_details = Some(RunAutomationDetails {
        id: Some(format!("{}/", category.trim_end_matches('/'))),
        ..Default::default()
    });
    Sarif::builder()
        .schema(SCHEMA_URI)
        .version(json!("2.1.0"))
        .runs(vec![run])
        .build()
}

fn text(s: impl Into<String>) -> MultiformatMessageString {
    MultiformatMessageString::builder().text(s.into()).build()
}

fn message(s: impl Into<String>) -> Message {
    Message {
        text: Some(s.into()),
        ..Default::default()
    }
}

fn descriptor(meta: &RuleMeta) -> ReportingDescriptor {
    let mut tags = vec!["security".to_string()];
    tags.extend(meta.cwe.iter().map(|c| format!("external/cwe/cwe-{c}")));
    tags.push(meta.id.split('/').next().unwrap_or_default().to_string());
    let precision = match meta.confidence {
        Confidence::High => "high",
        Confidence::Medium => "medium",
        Confidence::Low => "low",
    };
    let mut props = BTreeMap::new();
    props.insert("precision".to_string(), json!(precision));
    props.insert(
        "security-severity".to_string(),
        json!(meta.severity.security_severity()),
    );
    props.insert(
        "problem.severity".to_string(),
        json!(problem_severity(meta.severity)),
    );
    let help_text = format!("{}\n\n{}", meta.title, markdown_to_text(&meta.docs));
    let help = MultiformatMessageString::builder()
        .text(help_text)
        .markdown(meta.docs.clone())
        .build();
    ReportingDescriptor::builder()
        .id(meta.id.clone())
        .name(meta.pascal_name())
        .short_description(text(meta.title.clone()))
        .full_description(text(format!("{} {}", meta.why, meta.fix)))
        .help(help)
        .help_uri(help_uri(&meta.id))
        .default_configuration(ReportingConfiguration {
            level: Some(json!(level_name(meta.severity))),
            ..Default::default()
        })
        .properties(PropertyBag {
            tags: Some(tags),
            additional_properties: props,
        })
        .build()
}

fn location(path: &str, region: Option<Region>) -> Location {
    Location {
        physical_location: Some(PhysicalLocation {
            artifact_location: Some(ArtifactLocation {
                uri: Some(path.to_string()),
                uri_base_id: Some("%SRCROOT%".into()),
                ..Default::default()
            }),
            region,
            ..Default::default()
        }),
        ..Default::default()
    }
}

fn region(span: &Span, snippet: &str) -> Region {
    Region {
        start_line: Some(span.start_line as i64),
        start_column: Some(span.start_column as i64),
        end_line: Some(span.end_line as i64),
        end_column: Some(span.end_column as i64),
        snippet: Some(ArtifactContent {
            text: Some(snippet.to_string()),
            ..Default::default()
        }),
        ..Default::default()
    }
}

fn result(f: &Finding, rule_index: usize) -> SarifResult {
    let region = region(&f.span, &f.snippet);
    let mut props = BTreeMap::new();
    props.insert("severity".to_string(), json!(f.severity.as_str()));
    props.insert("confidence".to_string(), json!(f.confidence.as_str()));
    let mut r = SarifResult::builder()
        .rule_id(f.rule_id.clone())
        .rule_index(rule_index as i64)
        .level(level(f.severity))
        .message(message(f.message.clone()))
        .locations(vec![location(&f.path, Some(region))])
        .partial_fingerprints(BTreeMap::from([(
            FINGERPRINT_KEY.to_string(),
            f.fingerprint.clone(),
        )]))
        .properties(PropertyBag {
            tags: None,
            additional_properties: props,
        })
        .build();
    if !f.related.is_empty() {
        r.related_locations = Some(
            f.related
                .iter()
                .zip(1..)
                .map(|(rel, id)| Location {
                    id: Some(id),
                    message: Some(message(rel.message.clone())),
                    ..location(&f.path, Some(self::region(&rel.span, &rel.snippet)))
                })
                .collect(),
        );
    }
    if let Some(s) = &f.suppressed {
        let mut sup = Suppression::builder().kind(json!(s.kind)).build();
        sup.justification = Some(s.reason.clone());
        sup.status = Some(json!("accepted"));
        r.suppressions = Some(vec![sup]);
    }
    r
}

fn level(s: Severity) -> ResultLevel {
    match s {
        Severity::Critical | Severity::High => ResultLevel::Error,
        Severity::Medium => ResultLevel::Warning,
        Severity::Low => ResultLevel::Note,
    }
}

fn level_name(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "note",
    }
}

fn problem_severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "recommendation",
    }
}

/// Plain text of the Markdown docs: headings and fences dropped, code kept.
fn markdown_to_text(md: &str) -> String {
    md.lines()
        .filter(|l| !l.trim_start().starts_with("```"))
        .map(|l| l.trim_start_matches('#').trim_start())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Notes (skipped files, parse errors, suppression problems) as tool notifications.
fn invocation(report: &Report, dropped: usize, max_results: usize) -> Invocation {
    let mut notes: Vec<Notification> = report
        .notes
        .iter()
        .map(|n| {
            let region = n.line.map(|l| Region {
                start_line: Some(l as i64),
                ..Default::default()
            });
            Notification::builder()
                .message(message(n.message.clone()))
                .level(json!("note"))
                .locations(vec![location(&n.path, region)])
                .build()
        })
        .collect();
    if dropped > 0 {
        notes.push(
            Notification::builder()
                .message(message(format!(
                    "{dropped} results left out: GitHub code scanning accepts at most {max_results} per run; the most severe were kept (narrow the scan with --rule or --skip-rule)"
                )))
                .level(json!("warning"))
                .build(),
        );
    }
    Invocation::builder()
        .execution_successful(true)
        .tool_execution_notifications(notes)
        .build()
}
