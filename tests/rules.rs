//! Every rule: a catalog id, complete docs, and its own examples (for declarative
//! rules) behaving as written.

use std::path::Path;

use shipsafe::engine::ruleset::{all_builtin, embedded_declarative};
use shipsafe::engine::{RuleSet, scan_source};
use shipsafe::facts::ProjectFacts;
use shipsafe::lang::Lang;

const HEADINGS: [&str; 5] = [
    "## What it finds",
    "## Why it matters",
    "## Example",
    "## Use instead",
    "## References",
];

#[test]
fn ids_are_catalog_ids_and_docs_are_complete() {
    let catalog = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/CHECKLIST.md"),
    )
    .ok();
    let rules = all_builtin().expect("rules load");
    assert!(rules.len() >= 7);
    let mut seen = std::collections::HashSet::new();
    for r in &rules {
        let m = r.meta();
        assert!(seen.insert(m.id.clone()), "duplicate id {}", m.id);
        let (cat, _) = m.id.split_once('/').expect("category/slug");
        assert!(
            [
                "secrets", "auth", "tenant", "authz", "payments", "ai", "web"
            ]
            .contains(&cat),
            "{}: unknown category",
            m.id
        );
        if let Some(catalog) = &catalog {
            assert!(
                catalog.contains(&format!("`{}`", m.id)),
                "{} is not in CHECKLIST.md",
                m.id
            );
        }
        let mut last = 0;
        for h in HEADINGS {
            let at = m
                .docs
                .find(h)
                .unwrap_or_else(|| panic!("{}: docs lack {h}", m.id));
            assert!(at >= last, "{}: {h} out of order", m.id);
            last = at;
        }
        assert!(m.docs.contains("```"), "{}: docs need code examples", m.id);
        assert!(
            m.docs.contains("cwe.mitre.org"),
            "{}: docs cite the CWE",
            m.id
        );
        assert!(!m.cwe.is_empty() && !m.title.is_empty() && !m.why.is_empty() && !m.fix.is_empty());
    }
}

#[test]
fn declarative_rule_examples_behave_as_written() {
    let rules = RuleSet::builtin().expect("rules");
    let facts = ProjectFacts::default();
    for rule in embedded_declarative().expect("rules load") {
        assert!(
            !rule.examples_invalid.is_empty(),
            "{}: no invalid examples",
            rule.meta.id
        );
        assert!(
            !rule.examples_valid.is_empty(),
            "{}: no valid examples",
            rule.meta.id
        );
        for (examples, should_fire) in [
            (&rule.examples_invalid, true),
            (&rule.examples_valid, false),
        ] {
            for ex in examples {
                let lang = Lang::from_path(Path::new(&ex.file))
                    .expect("example file name gives a language");
                let out = scan_source(&ex.file, lang, ex.code.clone(), &rules, &facts);
                let fired = out.findings.iter().any(|f| f.rule_id == rule.meta.id);
                assert_eq!(
                    fired,
                    should_fire,
                    "{}: example in {} {}:\n{}",
                    rule.meta.id,
                    ex.file,
                    if should_fire {
                        "should be flagged"
                    } else {
                        "should not be flagged"
                    },
                    ex.code
                );
            }
        }
    }
}
