//! Fingerprints survive unrelated edits: lines added above, re-indentation.

use shipsafe::engine::{RuleSet, scan_source};
use shipsafe::facts::ProjectFacts;
use shipsafe::lang::Lang;

fn fingerprints(text: &str) -> Vec<(usize, String)> {
    let rules = RuleSet::builtin().unwrap();
    scan_source(
        "src/pay.ts",
        Lang::TypeScript,
        text.to_string(),
        &rules,
        &ProjectFacts::default(),
    )
    .findings
    .into_iter()
    .map(|f| (f.span.start_line, f.fingerprint))
    .collect()
}

const CODE: &str = "import Stripe from 'stripe';\nexport const stripe = new Stripe('sk_live_9Qm2Xv7LpR4tZ8wK1nB5cD3fG6hJ0aSe');\n";

#[test]
fn lines_added_above_keep_the_fingerprint() {
    let before = fingerprints(CODE);
    let after = fingerprints(&format!(
        "// a new header comment\nimport x from 'y';\n\n{CODE}"
    ));
    assert_eq!(before.len(), 1);
    assert_eq!(before[0].0 + 3, after[0].0);
    assert_eq!(before[0].1, after[0].1);
}

#[test]
fn reindenting_keeps_the_fingerprint() {
    let before = fingerprints(CODE);
    let indented = CODE.replace("export const", "    export   const");
    assert_eq!(before[0].1, fingerprints(&indented)[0].1);
}

#[test]
fn identical_lines_get_distinct_fingerprints() {
    let twice = format!("{CODE}{}", CODE.lines().nth(1).unwrap());
    let fps = fingerprints(&twice);
    assert_eq!(fps.len(), 2);
    assert_ne!(fps[0].1, fps[1].1);
}

#[test]
fn a_changed_finding_changes_the_fingerprint() {
    let other = CODE.replace("stripe =", "payments =");
    assert_ne!(fingerprints(CODE)[0].1, fingerprints(&other)[0].1);
}
