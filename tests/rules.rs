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

/// The rule catalog, kept in the repository (a copy of the project's CHECKLIST.md):
/// its ids are the contract, so a missing catalog fails rather than skips the check.
fn catalog() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/checklist.md");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("the rule catalog {} cannot be read: {e}", path.display()))
}

/// The ids in a catalog's tables: `category/slug` in backquotes.
fn catalog_ids(text: &str) -> std::collections::BTreeSet<String> {
    let re = regex::Regex::new(r"`([a-z]+/[a-z0-9-]+)`").expect("regex compiles");
    re.captures_iter(text).map(|c| c[1].to_string()).collect()
}

/// The in-repository catalog is the real one: it lists the rules of every category,
/// and, where the project's shared CHECKLIST.md is beside the clone, the same ids.
#[test]
fn the_catalog_is_in_the_repository() {
    let ids = catalog_ids(&catalog());
    assert!(
        ids.len() >= 30,
        "only {} ids in docs/checklist.md",
        ids.len()
    );
    for cat in [
        "secrets", "auth", "tenant", "authz", "payments", "ai", "web", "supabase",
    ] {
        assert!(
            ids.iter().any(|i| i.starts_with(&format!("{cat}/"))),
            "no {cat}/ rule in the catalog"
        );
    }
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/CHECKLIST.md");
    if let Ok(text) = std::fs::read_to_string(&shared) {
        assert_eq!(
            catalog_ids(&text),
            ids,
            "docs/checklist.md differs from {}: copy it again",
            shared.display()
        );
    }
}

#[test]
fn ids_are_catalog_ids_and_docs_are_complete() {
    let catalog = catalog();
    let rules = all_builtin().expect("rules load");
    assert!(rules.len() >= 7);
    let mut seen = std::collections::HashSet::new();
    for r in &rules {
        let m = r.meta();
        assert!(seen.insert(m.id.clone()), "duplicate id {}", m.id);
        let (cat, _) = m.id.split_once('/').expect("category/slug");
        assert!(
            [
                "secrets", "auth", "tenant", "authz", "payments", "ai", "web", "supabase"
            ]
            .contains(&cat),
            "{}: unknown category",
            m.id
        );
        assert!(
            catalog.contains(&format!("`{}`", m.id)),
            "{} is not in the rule catalog, docs/checklist.md",
            m.id
        );
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
