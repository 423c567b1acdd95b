//! Fingerprints survive unrelated edits and refactors: lines added above,
//! re-indentation, a move within the file, a change to the statement around the
//! reported code. They change when the reported code does: another key, another query.

use shipsafe::engine::{RuleSet, scan_source};
use shipsafe::facts::ProjectFacts;
use shipsafe::lang::Lang;

fn fingerprints(text: &str) -> Vec<(usize, String)> {
    fingerprints_of("src/pay.ts", Lang::TypeScript, text)
}

fn fingerprints_of(path: &str, lang: Lang, text: &str) -> Vec<(usize, String)> {
    let rules = RuleSet::builtin().unwrap();
    scan_source(
        path,
        lang,
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
fn another_key_changes_the_fingerprint() {
    let other = CODE.replace("9Qm2Xv7", "Zp4Lq8W");
    assert_ne!(fingerprints(CODE)[0].1, fingerprints(&other)[0].1);
}

#[test]
fn a_change_to_the_statement_around_it_keeps_the_fingerprint() {
    let before = fingerprints(CODE);
    for after in [
        CODE.replace("stripe =", "payments ="),
        CODE.replace(
            "export const stripe = new Stripe('sk_live_9Qm2Xv7LpR4tZ8wK1nB5cD3fG6hJ0aSe');",
            "export function make() {\n  return new Stripe('sk_live_9Qm2Xv7LpR4tZ8wK1nB5cD3fG6hJ0aSe', { apiVersion: '2024-06-20' });\n}",
        ),
        // another quote style for the same value
        CODE.replace('\'', "\""),
    ] {
        let fps = fingerprints(&after);
        assert_eq!(fps.len(), 1, "{after}");
        assert_eq!(before[0].1, fps[0].1, "{after}");
    }
}

const QUERIES: &str = "import { db } from './db';\n\
export async function listInvoices() {\n  return db.invoice.findMany({ where: { status: 'open' } });\n}\n\
export async function listProjects() {\n  return db.project.findMany();\n}\n";

const SCHEMA: &str = "model Invoice {\n  id String @id\n  organizationId String\n  status String\n}\nmodel Project {\n  id String @id\n  organizationId String\n}\nmodel Payment {\n  id String @id\n  organizationId String\n}\n";

fn tenant_fingerprints(code: &str) -> Vec<(usize, String)> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("prisma")).unwrap();
    std::fs::create_dir_all(dir.path().join("src")).unwrap();
    std::fs::write(dir.path().join("prisma/schema.prisma"), SCHEMA).unwrap();
    std::fs::write(dir.path().join("src/queries.ts"), code).unwrap();
    // a route that calls the helpers: a helper nothing names serves no request
    std::fs::write(
        dir.path().join("src/route.ts"),
        "import { listInvoices, listProjects } from './queries';\nexport async function GET() {\n  return Response.json([await listInvoices(), await listProjects()]);\n}\n",
    )
    .unwrap();
    let report = shipsafe::engine::scan(&shipsafe::engine::ScanOptions {
        paths: vec![dir.path().to_path_buf()],
        cache: false,
        ..Default::default()
    })
    .unwrap();
    report
        .findings
        .into_iter()
        .filter(|f| f.rule_id == "tenant/missing-org-filter")
        .map(|f| (f.span.start_line, f.fingerprint))
        .collect()
}

#[test]
fn a_move_within_the_file_keeps_the_fingerprint_and_another_query_changes_it() {
    let before = tenant_fingerprints(QUERIES);
    assert_eq!(before.len(), 2, "{before:?}");
    // the two functions swapped, one re-indented
    let swapped = "import { db } from './db';\n\
export async function listProjects() {\n      return db.project.findMany();\n}\n\
export async function listInvoices() {\n  return db.invoice.findMany({ where: { status: 'open' } });\n}\n";
    let after = tenant_fingerprints(swapped);
    let mut a: Vec<&String> = before.iter().map(|(_, f)| f).collect();
    let mut b: Vec<&String> = after.iter().map(|(_, f)| f).collect();
    a.sort();
    b.sort();
    assert_eq!(a, b);
    // each fingerprint is now on the other finding's line
    assert_ne!(before, after, "the findings moved");
    // another query (another table) on the same line: another finding; the query left
    // alone keeps its own
    let other = tenant_fingerprints(&QUERIES.replace("db.project", "db.payment"));
    assert_eq!(other.len(), 2);
    assert_eq!(before[0], other[0]);
    assert!(
        !before.iter().any(|(_, f)| f == &other[1].1),
        "{before:?} {other:?}"
    );
}

#[test]
fn comments_in_the_reported_code_do_not_change_it() {
    let before = fingerprints_of(
        "app/db.py",
        Lang::Python,
        "import requests\nrequests.get(url, verify=False)\n",
    );
    let after = fingerprints_of(
        "app/db.py",
        Lang::Python,
        "import requests\nrequests.get(url, verify=False)  # internal host\n",
    );
    assert_eq!(before.len(), 1);
    assert_eq!(before[0].1, after[0].1);
}
