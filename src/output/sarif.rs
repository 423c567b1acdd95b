//! `--format sarif`: SARIF 2.1.0 that GitHub code scanning accepts as it is. One
//! reportingDescriptor per rule that ran, with help text and markdown, CWE tags,
//! precision and security-severity; results with %SRCROOT%-relative locations,
//! partialFingerprints, and in-source suppressions.

use std::collections::BTreeMap;

use serde_json::json;
use serde_sarif::sarif::{
    ArtifactContent, ArtifactLocation, Invocation, Location, Message, MultiformatMessageString,
    Notification, PhysicalLocation, PropertyBag, Region, ReportingConfiguration,
    ReportingDescriptor, Result as SarifResult, ResultLevel, Run, Sarif, Suppression, Tool,
    ToolComponent,
};

use super::{INFORMATION_URI, help_uri};
use crate::engine::Report;
use crate::finding::{Confidence, Finding, Severity};
use crate::rules::RuleMeta;

pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// The key of shipsafe's fingerprint in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "shipsafe/v1";

pub fn render(report: &Report) -> String {
    let sarif = build(report);
    let mut s = serde_json::to_string_pretty(&sarif).unwrap_or_default();
    s.push('\n');
    s
}

pub fn build(report: &Report) -> Sarif {
    let rules: Vec<ReportingDescriptor> = report.rules.iter().map(descriptor).collect();
    let index: BTreeMap<&str, usize> = report
        .rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let results: Vec<SarifResult> = report
        .findings
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
    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .results(results)
        .invocations(vec![invocation(report)])
        .column_kind(json!("unicodeCodePoints"))
        .build();
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

fn result(f: &Finding, rule_index: usize) -> SarifResult {
    let region = Region {
        start_line: Some(f.span.start_line as i64),
        start_column: Some(f.span.start_column as i64),
        end_line: Some(f.span.end_line as i64),
        end_column: Some(f.span.end_column as i64),
        snippet: Some(ArtifactContent {
            text: Some(f.snippet.clone()),
            ..Default::default()
        }),
        ..Default::default()
    };
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
fn invocation(report: &Report) -> Invocation {
    let notes: Vec<Notification> = report
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
    Invocation::builder()
        .execution_successful(true)
        .tool_execution_notifications(notes)
        .build()
}
