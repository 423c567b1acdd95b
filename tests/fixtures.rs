//! The fixture harness: every `testdata/` app is scanned and the scan must report
//! exactly the annotated findings (`expect:`), leave the safe look-alikes (`ok:`) alone
//! and mark annotated suppressions (`suppressed:`). See testdata/README.md.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use regex::Regex;
use shipsafe::engine::{ScanOptions, scan};
use shipsafe::lang::Lang;

type Key = (String, usize, String); // (path, line, rule)

struct Annotations {
    expect: BTreeSet<Key>,
    ok: BTreeSet<Key>,
    suppressed: BTreeSet<Key>,
    /// Rule notes (advice that is not a finding) expected on a line.
    notes: BTreeSet<Key>,
}

fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata")
}

fn annotations(root: &Path) -> Annotations {
    let re = Regex::new(
        r"\b(expect|ok|suppressed|note)(-next-line)?:\s*([a-z]+/[a-z0-9-]+(?:\s*,\s*[a-z]+/[a-z0-9-]+)*)",
    )
    .unwrap();
    let mut a = Annotations {
        expect: BTreeSet::new(),
        ok: BTreeSet::new(),
        suppressed: BTreeSet::new(),
        notes: BTreeSet::new(),
    };
    let mut stack = vec![testdata()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            // testdata/README.md documents the annotations; its examples are not fixtures
            if Lang::from_path(&path).is_none() || path == testdata().join("README.md") {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let rel = shipsafe::discover::rel_path(root, &path);
            for (i, line) in text.lines().enumerate() {
                for c in re.captures_iter(line) {
                    let target = if c.get(2).is_some() { i + 2 } else { i + 1 };
                    let set = match &c[1] {
                        "expect" => &mut a.expect,
                        "ok" => &mut a.ok,
                        "note" => &mut a.notes,
                        _ => &mut a.suppressed,
                    };
                    for rule in c[3].split(',') {
                        set.insert((rel.clone(), target, rule.trim().to_string()));
                    }
                }
            }
        }
    }
    a
}

/// `SHIPSAFE_RULE=tenant/missing-org-filter cargo test --test fixtures` runs one rule's
/// fixtures alone (an id, or a prefix such as `tenant/`): the scan runs that rule only and
/// the annotations of other rules are left out.
fn selected_rule() -> Option<String> {
    std::env::var("SHIPSAFE_RULE")
        .ok()
        .filter(|s| !s.is_empty())
}

fn selects(selector: &str, id: &str) -> bool {
    id == selector || (selector.ends_with('/') && id.starts_with(selector))
}

#[test]
fn every_fixture_reports_exactly_its_annotations() {
    let only = selected_rule();
    let report = scan(&ScanOptions {
        paths: vec![testdata()],
        only_rules: only.iter().cloned().collect(),
        ..Default::default()
    })
    .expect("scan of testdata");
    let mut ann = annotations(&report.root);
    if let Some(sel) = &only {
        for set in [
            &mut ann.expect,
            &mut ann.ok,
            &mut ann.suppressed,
            &mut ann.notes,
        ] {
            set.retain(|k| selects(sel, &k.2));
        }
        assert!(
            !ann.expect.is_empty(),
            "no `expect: {sel}` annotation in testdata/"
        );
    } else {
        assert!(ann.expect.len() > 20, "fixtures lost their annotations");
    }

    let mut actual = BTreeSet::new();
    let mut actual_suppressed = BTreeSet::new();
    for f in &report.findings {
        let key = (f.path.clone(), f.span.start_line, f.rule_id.clone());
        if f.is_suppressed() {
            actual_suppressed.insert(key);
        } else {
            actual.insert(key);
        }
    }
    let line_of = |path: &str, line: usize| {
        std::fs::read_to_string(report.root.join(path))
            .ok()
            .and_then(|t| t.lines().nth(line - 1).map(|l| l.trim().to_string()))
            .unwrap_or_default()
    };
    let mut problems = Vec::new();
    for k in ann.expect.difference(&actual) {
        problems.push(format!(
            "MISSING    {}:{} {}\n           {}",
            k.0,
            k.1,
            k.2,
            line_of(&k.0, k.1)
        ));
    }
    for k in actual.difference(&ann.expect) {
        let why = if ann.ok.contains(k) {
            "FALSE POS  (annotated ok)"
        } else {
            "UNEXPECTED"
        };
        let msg = report
            .findings
            .iter()
            .find(|f| f.path == k.0 && f.span.start_line == k.1 && f.rule_id == k.2)
            .map(|f| f.message.clone())
            .unwrap_or_default();
        problems.push(format!(
            "{why} {}:{} {} — {msg}\n           {}",
            k.0,
            k.1,
            k.2,
            line_of(&k.0, k.1)
        ));
    }
    for k in ann.suppressed.symmetric_difference(&actual_suppressed) {
        problems.push(format!("SUPPRESSION mismatch {}:{} {}", k.0, k.1, k.2));
    }
    // Notes a rule leaves (`rule/id: message`) must be exactly the annotated ones.
    let actual_notes: BTreeSet<Key> = report
        .notes
        .iter()
        .filter_map(|n| {
            let (rule, _) = n.message.split_once(": ")?;
            let known = ann.expect.iter().chain(&ann.ok).any(|k| k.2 == rule);
            let line = n.line?;
            (known && rule.contains('/')).then(|| (n.path.clone(), line, rule.to_string()))
        })
        .collect();
    for k in ann.notes.symmetric_difference(&actual_notes) {
        let why = if ann.notes.contains(k) {
            "MISSING NOTE"
        } else {
            "UNEXPECTED NOTE"
        };
        problems.push(format!(
            "{why} {}:{} {}\n           {}",
            k.0,
            k.1,
            k.2,
            line_of(&k.0, k.1)
        ));
    }
    for k in ann.ok.intersection(&ann.expect) {
        problems.push(format!("CONTRADICTORY annotation {}:{} {}", k.0, k.1, k.2));
    }
    assert!(
        problems.is_empty(),
        "{} fixture problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn every_rule_has_positive_and_safe_fixtures() {
    let report = scan(&ScanOptions {
        paths: vec![testdata()],
        ..Default::default()
    })
    .expect("scan of testdata");
    let ann = annotations(&report.root);
    for rule in &report.rules {
        assert!(
            ann.expect.iter().any(|k| k.2 == rule.id),
            "{} has no `expect:` fixture",
            rule.id
        );
        assert!(
            ann.ok.iter().any(|k| k.2 == rule.id),
            "{} has no `ok:` (safe look-alike) fixture",
            rule.id
        );
    }
}
