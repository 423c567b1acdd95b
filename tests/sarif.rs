//! SARIF output: valid against the official SARIF 2.1.0 schema (testdata/) and meeting
//! what GitHub code scanning needs (the same checks as shared/tools/sarif_check.py).

use std::path::Path;

use serde_json::Value;
use shipsafe::engine::{ScanOptions, scan};
use shipsafe::output::sarif;

fn sample_sarif() -> Value {
    let report = scan(&ScanOptions {
        paths: vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/sample-app")],
        ..Default::default()
    })
    .expect("scan");
    serde_json::from_str(&sarif::render(&report, None)).expect("SARIF is JSON")
}

fn schema() -> Value {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/sarif-schema-2.1.0.json"),
    )
    .expect("schema file");
    serde_json::from_str(&text).expect("schema is JSON")
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let schema = schema();
    let validator = jsonschema::draft4::new(&schema).expect("schema compiles");
    let log = sample_sarif();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "schema errors:\n{}", errors.join("\n"));
}

#[test]
fn the_schema_check_is_not_vacuous() {
    let schema = schema();
    let validator = jsonschema::draft4::new(&schema).expect("schema compiles");
    let mut log = sample_sarif();
    log["runs"][0]["results"][0]["level"] = Value::from("catastrophic");
    assert!(
        !validator.is_valid(&log),
        "an invalid level must fail the schema"
    );
    let mut log = sample_sarif();
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        Value::from(0);
    assert!(
        !validator.is_valid(&log),
        "startLine 0 must fail the schema"
    );
}

#[test]
fn sarif_meets_github_code_scanning_requirements() {
    let log = sample_sarif();
    let run = &log["runs"][0];
    let driver = &run["tool"]["driver"];
    for key in ["name", "version", "informationUri"] {
        assert!(
            driver[key].as_str().is_some_and(|s| !s.is_empty()),
            "driver.{key}"
        );
    }
    let rules = driver["rules"].as_array().expect("rules");
    assert!(!rules.is_empty());
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    for r in rules {
        let id = r["id"].as_str().unwrap();
        assert!(
            r["name"].as_str().is_some_and(|s| !s.is_empty()),
            "{id}: name"
        );
        assert!(
            r["shortDescription"]["text"]
                .as_str()
                .is_some_and(|s| !s.is_empty()),
            "{id}: short"
        );
        assert!(
            r["fullDescription"]["text"]
                .as_str()
                .is_some_and(|s| !s.is_empty()),
            "{id}: full"
        );
        assert!(
            r["help"]["text"].as_str().is_some_and(|s| s.len() > 50),
            "{id}: help text"
        );
        assert!(
            r["help"]["markdown"]
                .as_str()
                .is_some_and(|s| s.contains("## ")),
            "{id}: help markdown"
        );
        let sev = r["properties"]["security-severity"]
            .as_str()
            .expect("security-severity is a string");
        let v: f64 = sev.parse().expect("security-severity is a number");
        assert!(v > 0.0 && v <= 10.0, "{id}: security-severity {v}");
        let tags: Vec<&str> = r["properties"]["tags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        assert!(tags.contains(&"security"), "{id}: security tag");
        assert!(
            tags.iter().any(|t| t.starts_with("external/cwe/cwe-")),
            "{id}: CWE tag"
        );
        assert!(tags.len() <= 20);
        assert!(
            r["properties"]["precision"].as_str().is_some(),
            "{id}: precision"
        );
    }
    let results = run["results"].as_array().expect("results");
    assert!(results.len() >= 5, "the sample app has findings");
    for (i, res) in results.iter().enumerate() {
        let rid = res["ruleId"].as_str().unwrap();
        let idx = res["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(ids[idx], rid, "result {i}: ruleIndex points at its rule");
        assert!(
            res["partialFingerprints"]["shipsafe/v2"]
                .as_str()
                .is_some_and(|f| f.len() == 32)
        );
        let loc = &res["locations"][0]["physicalLocation"];
        let uri = loc["artifactLocation"]["uri"].as_str().unwrap();
        assert!(
            !uri.starts_with('/') && !uri.starts_with("file:") && !uri.contains('\\'),
            "relative POSIX uri: {uri}"
        );
        assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        assert!(loc["region"]["startLine"].as_u64().unwrap() >= 1);
        assert!(
            res["message"]["text"]
                .as_str()
                .is_some_and(|s| !s.is_empty())
        );
    }
    // The suppressed finding is kept, marked in-source with its reason.
    let suppressed: Vec<&Value> = results
        .iter()
        .filter(|r| r["suppressions"].is_array())
        .collect();
    assert_eq!(suppressed.len(), 1);
    assert_eq!(suppressed[0]["suppressions"][0]["kind"], "inSource");
    assert!(
        suppressed[0]["suppressions"][0]["justification"]
            .as_str()
            .unwrap()
            .contains("loopback")
    );
}

#[test]
fn secrets_never_leave_the_process() {
    let report = scan(&ScanOptions {
        paths: vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/sample-app")],
        ..Default::default()
    })
    .expect("scan");
    let secret = "2yNdNJQa4rynWtF8PgM6i5LY74qFsVEf";
    let openai = "FtnvXK1w1ZiZPEqg6gv3";
    for format in [
        shipsafe::output::Format::Text,
        shipsafe::output::Format::Json,
        shipsafe::output::Format::Sarif,
        shipsafe::output::Format::Github,
    ] {
        let out = shipsafe::output::render(&report, format, &Default::default());
        assert!(
            !out.contains(secret) && !out.contains(openai),
            "{format:?} leaks a secret"
        );
        assert!(
            out.contains("sk_live_") || format == shipsafe::output::Format::Github,
            "{format:?} keeps a prefix"
        );
    }
}

#[test]
fn runs_carry_a_category_for_code_scanning() {
    let log = sample_sarif();
    assert_eq!(log["runs"][0]["automationDetails"]["id"], "shipsafe/");
    let report = scan(&ScanOptions {
        paths: vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/sample-app")],
        ..Default::default()
    })
    .expect("scan");
    let web: Value = serde_json::from_str(&sarif::render(&report, Some("web"))).expect("JSON");
    assert_eq!(web["runs"][0]["automationDetails"]["id"], "web/");
}

#[test]
fn results_over_the_cap_are_left_out_most_severe_kept_and_said() {
    let report = scan(&ScanOptions {
        paths: vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/sample-app")],
        ..Default::default()
    })
    .expect("scan");
    assert!(
        report.findings.len() > 3,
        "the sample app has findings to cap"
    );
    let log = serde_json::to_value(sarif::build_capped(&report, "shipsafe", 3)).expect("JSON");
    let results = log["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 3);
    // the kept ones are the most severe
    let worst = report
        .findings
        .iter()
        .map(|f| f.severity)
        .max()
        .expect("findings");
    let kept_levels: Vec<&str> = results.iter().filter_map(|r| r["level"].as_str()).collect();
    if worst >= shipsafe::Severity::High {
        assert!(kept_levels.iter().all(|l| *l == "error"), "{kept_levels:?}");
    }
    let notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .expect("notifications");
    let left_out = report.findings.len() - 3;
    assert!(
        notes.iter().any(|n| n["message"]["text"]
            .as_str()
            .is_some_and(|t| t.starts_with(&format!("{left_out} results left out")))),
        "{notes:?}"
    );
}

/// A finding with other places of the same problem (where the tenant id is read from the
/// request, a later query that takes it) carries them as related locations, each with an
/// id, a message and a region in the finding's file; the code of the finding's own
/// location is not repeated.
#[test]
fn related_places_are_related_locations() {
    let log = sample_sarif();
    let results = log["runs"][0]["results"].as_array().expect("results");
    let r = results
        .iter()
        .find(|r| r["ruleId"] == "tenant/org-id-from-request")
        .expect("the sample app's edge function takes the org from the body");
    let main = &r["locations"][0]["physicalLocation"];
    assert_eq!(main["region"]["startLine"], 9);
    let related = r["relatedLocations"].as_array().expect("related locations");
    let found: Vec<(i64, i64, &str, &str)> = related
        .iter()
        .map(|l| {
            (
                l["id"].as_i64().unwrap_or(0),
                l["physicalLocation"]["region"]["startLine"]
                    .as_i64()
                    .unwrap_or(0),
                l["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap_or(""),
                l["message"]["text"].as_str().unwrap_or(""),
            )
        })
        .collect();
    let uri = main["artifactLocation"]["uri"].as_str().unwrap_or("");
    assert_eq!(
        found,
        [
            (1, 8, uri, "the value is read from the request here"),
            (2, 10, uri, "`invoices` is filtered on the same value here"),
        ]
    );
    // results without related places have none
    assert!(
        results
            .iter()
            .filter(|r| r["ruleId"] != "tenant/org-id-from-request")
            .all(|r| r.get("relatedLocations").is_none())
    );
}
