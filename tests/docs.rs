//! The committed rule docs (`docs/rules/*.md`, its index) and the README's rule table
//! are generated from the rules themselves and must match them. Run
//! `SHIPSAFE_BLESS=1 cargo test --test docs` to rewrite them after changing a rule.

use std::path::{Path, PathBuf};

use shipsafe::engine::ruleset::all_builtin;
use shipsafe::output::docs::{index, page_name, rule_page, rules_table};
use shipsafe::rules::RuleMeta;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn metas() -> Vec<RuleMeta> {
    let mut m: Vec<RuleMeta> = all_builtin()
        .expect("rules load")
        .iter()
        .map(|r| r.meta().clone())
        .collect();
    m.sort_by(|a, b| a.id.cmp(&b.id));
    m
}

fn bless() -> bool {
    std::env::var_os("SHIPSAFE_BLESS").is_some()
}

/// Compares (or, blessing, writes) one generated file.
fn check(path: &Path, expected: &str, problems: &mut Vec<String>) {
    let actual = std::fs::read_to_string(path).unwrap_or_default();
    if actual == expected {
        return;
    }
    if bless() {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, expected).expect("write");
    } else {
        problems.push(format!("{} is out of date", path.display()));
    }
}

#[test]
fn rule_pages_and_readme_table_match_the_rules() {
    let metas = metas();
    let dir = root().join("docs/rules");
    let mut problems = Vec::new();
    for m in &metas {
        check(&dir.join(page_name(&m.id)), &rule_page(m), &mut problems);
        // the page says what the rule's own docs say
        assert!(rule_page(m).contains(m.docs.trim_end()), "{}", m.id);
    }
    check(&dir.join("README.md"), &index(&metas), &mut problems);

    // no page for a rule that is gone
    let expected: std::collections::BTreeSet<String> = metas
        .iter()
        .map(|m| page_name(&m.id))
        .chain(["README.md".to_string()])
        .collect();
    for entry in std::fs::read_dir(&dir).expect("docs/rules") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        if !expected.contains(&name) {
            if bless() {
                std::fs::remove_file(dir.join(&name)).expect("remove stale page");
            } else {
                problems.push(format!("docs/rules/{name} belongs to no rule"));
            }
        }
    }

    // README: the table between the markers
    let readme_path = root().join("README.md");
    let readme = std::fs::read_to_string(&readme_path).expect("README");
    let (start, end) = ("<!-- rules:start -->\n", "<!-- rules:end -->");
    let a = readme
        .find(start)
        .expect("README has the rules:start marker")
        + start.len();
    let b = readme.find(end).expect("README has the rules:end marker");
    let table = rules_table(&metas);
    if readme[a..b] != table {
        if bless() {
            let new = format!("{}{}{}", &readme[..a], table, &readme[b..]);
            std::fs::write(&readme_path, new).expect("write README");
        } else {
            problems.push("README.md's rule table is out of date".into());
        }
    }
    assert!(
        problems.is_empty(),
        "{}\nrun `SHIPSAFE_BLESS=1 cargo test --test docs` to regenerate",
        problems.join("\n")
    );
}

#[test]
fn sarif_help_uris_point_at_the_generated_pages() {
    for m in metas() {
        let uri = shipsafe::output::help_uri(&m.id);
        let page = uri.rsplit('/').next().expect("page");
        assert!(
            root().join("docs/rules").join(page).exists() || bless(),
            "{uri}"
        );
    }
}
