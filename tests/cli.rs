//! The binary as users run it: exit codes, --fail-on, --rule/--skip-rule, formats,
//! suppressions, config errors, missing paths.

mod common;
use common::project;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn shipsafe(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shipsafe"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("run shipsafe")
}

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/sample-app")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The rule ids of a `--format json` run's findings.
fn rule_ids(o: &Output) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON output");
    v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["rule_id"].as_str().unwrap_or_default().to_string())
        .collect()
}

const LIVE_KEY: &str = "const stripe = new Stripe(\"sk_live_9Qm2Xv7LpR4tZ8wK1nB5cD3fG6hJ0aSe\");\n";
const CORS_STAR: &str = "app.use(cors({ origin: '*', credentials: true }));\n";

#[test]
fn exit_1_on_findings_at_or_above_the_threshold_and_0_below() {
    let o = shipsafe(&["scan", "."], &sample());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains("secrets/hardcoded-credential"));

    let p = project(&[("server.js", CORS_STAR)]);
    // cors-wildcard-credentials is high: fails at high, passes at critical
    assert_eq!(shipsafe(&["scan", "."], p.path()).status.code(), Some(1));
    assert_eq!(
        shipsafe(&["scan", "--fail-on", "critical", "."], p.path())
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        shipsafe(&["scan", "--fail-on", "none", "."], p.path())
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn exit_0_on_a_clean_project() {
    let p = project(&[(
        "app.ts",
        "export const x = process.env.STRIPE_SECRET_KEY;\n",
    )]);
    let o = shipsafe(&["scan"], p.path());
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("no findings in 1 file"));
}

#[test]
fn rule_and_skip_rule_select_by_id_or_prefix() {
    let p = project(&[("a.ts", LIVE_KEY), ("server.js", CORS_STAR)]);
    let o = shipsafe(
        &["scan", "--rule", "auth/", "--format", "json", "."],
        p.path(),
    );
    let ids = rule_ids(&o);
    assert_eq!(ids, vec!["auth/cors-wildcard-credentials"]);

    let o = shipsafe(
        &[
            "scan",
            "--skip-rule",
            "auth/cors-wildcard-credentials",
            "--format",
            "json",
            ".",
        ],
        p.path(),
    );
    let ids = rule_ids(&o);
    assert_eq!(ids, vec!["secrets/hardcoded-credential"]);

    let o = shipsafe(&["scan", "--rule", "nope/", "."], p.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("names no rule"));
}

#[test]
fn inline_suppression_hides_the_finding_and_bad_ones_are_reported() {
    let p = project(&[(
        "a.ts",
        "// shipsafe-ignore[secrets/hardcoded-credential]: revoked demo key from the docs\nconst stripe = new Stripe(\"sk_live_9Qm2Xv7LpR4tZ8wK1nB5cD3fG6hJ0aSe\");\nconst a = 1; // shipsafe-ignore: forgot the id\nconst b = 2; // shipsafe-ignore[auth/jwt-unverified]: nothing here\n",
    )]);
    let o = shipsafe(&["scan", "."], p.path());
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("1 suppressed"), "{out}");
    assert!(
        out.contains("a.ts:3: `shipsafe-ignore` without a rule id"),
        "{out}"
    );
    assert!(
        out.contains("a.ts:4: `shipsafe-ignore[auth/jwt-unverified]` matches no finding"),
        "{out}"
    );

    let o = shipsafe(&["scan", "--format", "sarif", "."], p.path());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let s = &v["runs"][0]["results"][0]["suppressions"][0];
    assert_eq!(s["kind"], "inSource");
    assert_eq!(s["justification"], "revoked demo key from the docs");
}

#[test]
fn config_disables_rules_and_overrides_severity() {
    let p = project(&[
        ("server.js", CORS_STAR),
        ("a.ts", LIVE_KEY),
        (
            ".shipsafe.yml",
            "rules:\n  disable: [secrets/]\n  severity:\n    auth/cors-wildcard-credentials: low\n",
        ),
    ]);
    let o = shipsafe(&["scan", "--format", "json", "."], p.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let f = v["findings"].as_array().unwrap();
    assert_eq!(f.len(), 1);
    assert_eq!(f[0]["severity"], "low");
}

#[test]
fn config_errors_point_at_the_line_and_exit_2() {
    let p = project(&[
        ("a.ts", "x\n"),
        (".shipsafe.yml", "exclude: [dist]\nrulez:\n  disable: []\n"),
    ]);
    let o = shipsafe(&["scan", "."], p.path());
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("rulez"), "{err}");
    assert!(err.contains(".shipsafe.yml:2"), "{err}");

    let p = project(&[
        ("a.ts", "x\n"),
        (".shipsafe.yml", "rules:\n  disable: [auth/no-such-rule]\n"),
    ]);
    let o = shipsafe(&["scan", "."], p.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("`auth/no-such-rule` names no rule"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn custom_rules_folder_and_rule_file_errors() {
    let rule = "id: custom/no-todo-keys\ntitle: t\nseverity: medium\nwhy: w\nfix: f\nmessage: found a marker\ndocs: '## What it finds'\npatterns:\n  - languages: [typescript]\n    regex: 'DANGER_MARKER'\n";
    let p = project(&[
        ("a.ts", "const x = 'DANGER_MARKER';\n"),
        (".shipsafe.yml", "custom_rules: my-rules\n"),
        ("my-rules/no-todo.yml", rule),
    ]);
    let o = shipsafe(&["scan", "--format", "json", "."], p.path());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v["findings"][0]["rule_id"],
        "custom/no-todo-keys",
        "{}",
        stderr(&o)
    );

    let bad = rule.replace("regex: 'DANGER_MARKER'", "regex: 'DANGER_(MARKER'");
    std::fs::write(p.path().join("my-rules/no-todo.yml"), bad).unwrap();
    let o = shipsafe(&["scan", "."], p.path());
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("invalid regex"), "{err}");
    assert!(err.contains("no-todo.yml:10"), "{err}");
}

/// A rule's query patterns are compiled into one query per grammar: each pattern keeps
/// its own constraints and report capture even when the patterns share capture names,
/// and an error still points at the pattern at fault.
#[test]
fn query_patterns_of_one_rule_keep_their_own_constraints() {
    let rule = "id: custom/two-queries\ntitle: t\nseverity: medium\nwhy: w\nfix: f\nmessage: found\ndocs: '## What it finds'\npatterns:\n  - languages: [typescript]\n    query: |\n      (pair key: (property_identifier) @key value: (string) @value) @pair\n    where:\n      key: '^mode$'\n      value: '^unsafe$'\n    report: pair\n  - languages: [typescript]\n    query: |\n      (call_expression function: (identifier) @key arguments: (arguments (string) @value)) @call\n    where:\n      key: '^run$'\n      value: '^now$'\n    message: second\n";
    let p = project(&[
        (
            "a.ts",
            "const a = { mode: 'now' };\nrun('unsafe');\nconst b = { mode: 'unsafe' };\nrun('now');\n",
        ),
        (".shipsafe.yml", "custom_rules: my-rules\n"),
        ("my-rules/two.yml", rule),
    ]);
    let o = shipsafe(&["scan", "--format", "json", "."], p.path());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let found: Vec<(u64, String)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule_id"] == "custom/two-queries")
        .map(|f| {
            (
                f["start_line"].as_u64().unwrap(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![(3, "found".to_string()), (4, "second".to_string())],
        "{}",
        stderr(&o)
    );

    // a syntax error in the second query is reported at its own line
    let bad = rule.replace("(arguments (string) @value)", "(argumentz (string) @value)");
    std::fs::write(p.path().join("my-rules/two.yml"), bad).unwrap();
    let o = shipsafe(&["scan", "."], p.path());
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("invalid tree-sitter query"), "{err}");
    assert!(err.contains("two.yml:18"), "{err}");
    // ... also when no file of the project is TypeScript: built-in queries are only
    // compiled for the project's languages, the user's own always whole
    std::fs::remove_file(p.path().join("a.ts")).unwrap();
    std::fs::write(p.path().join("app.py"), "x = 1\n").unwrap();
    let o = shipsafe(&["scan", "."], p.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("two.yml:18"), "{}", stderr(&o));
    std::fs::write(p.path().join("a.ts"), "const a = { mode: 'unsafe' };\n").unwrap();

    // a capture named only by another pattern is not this pattern's
    let bad = rule.replace("    message: second\n", "    report: pair\n");
    std::fs::write(p.path().join("my-rules/two.yml"), bad).unwrap();
    let o = shipsafe(&["scan", "."], p.path());
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("the query has no capture `@pair`"), "{err}");
}

#[test]
fn nonexistent_path_is_an_error() {
    let p = project(&[]);
    let o = shipsafe(&["scan", "does-not-exist"], p.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("does-not-exist"));
}

#[test]
fn usage_errors_exit_2() {
    let o = shipsafe(&["scan", "--fail-on", "sometimes"], &sample());
    assert_eq!(o.status.code(), Some(2));
    let o = shipsafe(&["explain", "auth/nope"], &sample());
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn output_file_and_github_format() {
    let p = project(&[("a.ts", LIVE_KEY)]);
    let o = shipsafe(
        &["scan", "--format", "github", "--output", "out.txt", "."],
        p.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let text = std::fs::read_to_string(p.path().join("out.txt")).unwrap();
    assert!(
        text.starts_with("::error file=a.ts,line=1,col=28,"),
        "{text}"
    );
    assert!(!text.contains("9Qm2Xv7LpR4tZ8wK"));
}

#[test]
fn skipped_files_are_noted_not_dropped() {
    let p = project(&[
        ("big.ts", &"// padding\n".repeat(200_000)),
        ("bin.js", "\0\0\0binary"),
        ("node_modules/lib/index.js", LIVE_KEY),
        ("dist/app.js", LIVE_KEY),
        ("ignored/x.ts", LIVE_KEY),
        (".gitignore", "ignored/\n"),
    ]);
    let o = shipsafe(&["scan", "."], p.path());
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(
        out.contains("big.ts: 2200000 bytes, over the 1048576 byte limit"),
        "{out}"
    );
    assert!(out.contains("bin.js: binary file"), "{out}");
}

#[test]
fn rules_and_explain_list_every_rule() {
    let o = shipsafe(&["rules"], &sample());
    let out = stdout(&o);
    for id in [
        "secrets/hardcoded-credential",
        "secrets/client-exposed-secret",
        "auth/oauth-implicit-flow",
        "auth/oauth-password-grant",
        "auth/jwt-unverified",
        "auth/cors-wildcard-credentials",
        "auth/tls-verification-disabled",
    ] {
        assert!(out.contains(id), "rules lists {id}");
        let e = shipsafe(&["explain", id], &sample());
        assert_eq!(e.status.code(), Some(0));
        let doc = stdout(&e);
        for h in [
            "## What it finds",
            "## Why it matters",
            "## Example",
            "## Use instead",
            "## References",
        ] {
            assert!(doc.contains(h), "explain {id} has {h}");
        }
    }
}

#[test]
fn help_documents_exit_codes() {
    let o = shipsafe(&["scan", "--help"], &sample());
    let out = stdout(&o);
    assert!(
        out.contains("Exit codes:") && out.contains("--fail-on"),
        "{out}"
    );
}

#[test]
fn config_excludes_and_shipsafeignore_skip_paths() {
    let p = project(&[
        ("src/a.ts", LIVE_KEY),
        ("e2e/fixtures/keys.ts", LIVE_KEY),
        ("scratch/old.ts", LIVE_KEY),
        (".shipsafeignore", "scratch/\n"),
        (".shipsafe.yml", "exclude:\n  - \"e2e/fixtures/**\"\n"),
    ]);
    let o = shipsafe(&["scan", "--format", "json", "."], p.path());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let paths: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, vec!["src/a.ts"], "{}", stderr(&o));
}

#[cfg(unix)]
#[test]
fn symlinks_fifos_and_bad_bytes_give_notes_not_hangs() {
    let p = project(&[("src/ok.ts", "export const x = 1;\n")]);
    let root = p.path();
    std::os::unix::fs::symlink("..", root.join("src/loop")).unwrap();
    std::os::unix::fs::symlink("/etc", root.join("src/outside")).unwrap();
    std::os::unix::fs::symlink("ok.ts", root.join("src/link.ts")).unwrap();
    let fifo = root.join("src/pipe.ts");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    std::fs::write(root.join("src/bad.ts"), b"const k = \"\xc3\x28\";\n").unwrap();
    let o = shipsafe(&["scan", "."], root);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{}", stderr(&o));
    assert!(
        out.contains("src/link.ts: symbolic link: not followed"),
        "{out}"
    );
    assert!(out.contains("src/bad.ts: invalid UTF-8"), "{out}");
    if made {
        assert!(
            out.contains("src/pipe.ts: not a regular file: not opened"),
            "{out}"
        );
    }
    assert!(!out.contains("/etc"), "{out}");
}

#[test]
fn baseline_reports_only_new_findings_and_gates_on_them() {
    let old = "export function pay() {\n  const stripe = new Stripe(\"sk_live_9Qm2Xv7LpR4tZ8wK1nB5cD3fG6hJ0aSe\");\n  return stripe;\n}\n";
    let p = project(&[("billing.ts", old)]);
    let o = shipsafe(&["baseline", "--output", "base.json", "."], p.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let base: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(p.path().join("base.json")).unwrap())
            .unwrap();
    assert_eq!(base["findings"].as_array().map(Vec::len), Some(1));

    // a PR that only touches unrelated lines (and re-indents the old one): passes
    let edited = format!(
        "// billing helpers\nimport Stripe from \"stripe\";\n\n{}",
        old.replace("  const", "    const")
    );
    std::fs::write(p.path().join("billing.ts"), &edited).unwrap();
    let o = shipsafe(
        &["scan", "--baseline", "base.json", "--format", "json", "."],
        p.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(rule_ids(&o).is_empty(), "{}", stdout(&o));
    // without the baseline the old finding is still there
    let o = shipsafe(&["scan", "--format", "json", "."], p.path());
    assert_eq!(o.status.code(), Some(1));

    // a PR that adds a hard-coded key: fails, and reports only the new one
    std::fs::write(
        p.path().join("ai.ts"),
        "export const openai = new OpenAI({ apiKey: \"sk-proj-Zp4Lq8Wn2Xv6Tr1Ys9Kb3Md7Hc5Gf0Ja2Ue4Oi6\" });\n",
    )
    .unwrap();
    let o = shipsafe(
        &["scan", "--baseline", "base.json", "--format", "json", "."],
        p.path(),
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let paths: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["path"].as_str())
        .collect();
    assert_eq!(paths, vec!["ai.ts"]);

    // the same from another working directory: the fingerprints do not depend on it
    let sub = p.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    let base = p.path().join("base.json");
    let o = shipsafe(
        &[
            "scan",
            "--baseline",
            base.to_str().unwrap(),
            "--format",
            "json",
            "..",
        ],
        &sub,
    );
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v["findings"].as_array().map(Vec::len),
        Some(1),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_broken_baseline_is_an_error_that_points_at_it() {
    let p = project(&[
        ("a.ts", LIVE_KEY),
        ("base.json", "{ \"version\": 1, \"findings\": [ }\n"),
    ]);
    let o = shipsafe(&["scan", "--baseline", "base.json", "."], p.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("base.json"), "{}", stderr(&o));
    let o = shipsafe(&["scan", "--baseline", "missing.json", "."], p.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("missing.json"), "{}", stderr(&o));
}

/// Runs git in a test repository (the tests may; shipsafe itself never runs git).
fn git(dir: &Path, args: &[&str]) {
    let o = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("git");
    assert!(
        o.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn diff_base_reports_only_findings_on_changed_lines() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    git(p, &["init", "-q", "-b", "main"]);
    let old = "export function pay() {\n  const stripe = new Stripe(\"sk_live_9Qm2Xv7LpR4tZ8wK1nB5cD3fG6hJ0aSe\");\n  return stripe;\n}\n";
    std::fs::write(p.join("billing.ts"), old).unwrap();
    git(p, &["add", "."]);
    git(p, &["commit", "-q", "-m", "old key"]);
    git(p, &["checkout", "-q", "-b", "feature"]);
    // the PR: an unrelated line above the old finding, and a new key further down
    let new = format!(
        "// billing\n{old}export const openai = new OpenAI({{ apiKey: \"sk-proj-Zp4Lq8Wn2Xv6Tr1Ys9Kb3Md7Hc5Gf0Ja2Ue4Oi6\" }});\n"
    );
    std::fs::write(p.join("billing.ts"), &new).unwrap();
    git(p, &["commit", "-q", "-am", "new key"]);
    // a new file is new everywhere
    std::fs::write(p.join("cors.js"), CORS_STAR).unwrap();

    let o = shipsafe(&["scan", "--diff-base", "main", "--format", "json", "."], p);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let found: Vec<(String, u64)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["start_line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![("billing.ts".to_string(), 6), ("cors.js".to_string(), 1)],
        "{}",
        stdout(&o)
    );

    // a PR that only touches unrelated lines passes
    git(p, &["checkout", "-q", "main"]);
    std::fs::remove_file(p.join("cors.js")).unwrap();
    std::fs::write(p.join("billing.ts"), format!("// billing helpers\n{old}")).unwrap();
    let o = shipsafe(&["scan", "--diff-base", "main", "."], p);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));

    // a ref that does not exist is an error
    let o = shipsafe(&["scan", "--diff-base", "no-such-branch", "."], p);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no-such-branch"), "{}", stderr(&o));
}

#[test]
fn no_progress_line_in_piped_output() {
    // stderr is a pipe here, as in CI logs: the progress counter must stay off
    let o = shipsafe(&["scan", "."], &sample());
    assert!(
        !stderr(&o).contains(" files\r") && !stderr(&o).contains("\rshipsafe:"),
        "{}",
        stderr(&o)
    );
}

const TENANT_ROUTE: &str = r#"import { prisma } from "@/lib/prisma";
import { auth } from "@/lib/auth";

export async function GET() {
  const session = await auth();
  const total = await prisma.project.count({ where: { status: "active" } });
  return Response.json({ total, user: session.user.id });
}
"#;

const SCHEMA_WITHOUT_TENANT: &str = "model Project {\n  id     String @id\n  status String\n}\n";
const SCHEMA_WITH_TENANT: &str =
    "model Project {\n  id     String @id\n  orgId  String\n  status String\n}\n";

fn cache_file(dir: &Path) -> PathBuf {
    dir.join(".shipsafe-cache").join("scan-v4.json")
}

#[test]
fn a_second_scan_answers_unchanged_files_from_the_cache() {
    let dir = project(&[
        ("src/pay.ts", LIVE_KEY),
        ("src/clean.ts", "export const x = 1;\n"),
    ]);
    let first = shipsafe(&["scan", ".", "--format", "json"], dir.path());
    assert_eq!(first.status.code(), Some(1), "{}", stderr(&first));
    let cache = cache_file(dir.path());
    let text = std::fs::read_to_string(&cache).expect("the first scan writes the cache");
    assert!(
        !text.contains("9Qm2Xv7LpR4tZ8wK1nB5cD3fG6hJ0aSe"),
        "the cache holds redacted code only"
    );
    assert!(dir.path().join(".shipsafe-cache/.gitignore").is_file());

    // The same outputs from the cache, in every format.
    for format in ["json", "text", "sarif"] {
        let fresh = shipsafe(&["scan", ".", "--no-cache", "--format", format], dir.path());
        let cached = shipsafe(&["scan", ".", "--format", format], dir.path());
        assert_eq!(stdout(&fresh), stdout(&cached), "{format}");
        assert_eq!(fresh.status.code(), cached.status.code());
    }

    // Proof that the second scan read the cache rather than the code: a message changed
    // in the cache shows up, and `--no-cache` ignores it.
    let tampered = text.replace("Stripe", "CACHED-Stripe");
    assert_ne!(tampered, text, "the finding's message names Stripe");
    std::fs::write(&cache, &tampered).unwrap();
    let from_cache = shipsafe(&["scan", ".", "--format", "json"], dir.path());
    assert!(stdout(&from_cache).contains("CACHED-Stripe"));
    std::fs::write(&cache, &tampered).unwrap();
    let bypass = shipsafe(&["scan", ".", "--no-cache", "--format", "json"], dir.path());
    assert!(!stdout(&bypass).contains("CACHED-Stripe"));
    assert_eq!(
        std::fs::read_to_string(&cache).unwrap(),
        tampered,
        "--no-cache writes nothing"
    );

    // An edited file is scanned again.
    std::fs::write(&cache, &tampered).unwrap();
    std::fs::write(dir.path().join("src/pay.ts"), "export const y = 2;\n").unwrap();
    let edited = shipsafe(&["scan", ".", "--format", "json"], dir.path());
    assert_eq!(edited.status.code(), Some(0), "{}", stdout(&edited));

    // A cache that is not JSON is ignored and rewritten.
    std::fs::write(&cache, "\u{0}garbage").unwrap();
    let rewritten = shipsafe(&["scan", ".", "--format", "json"], dir.path());
    assert_eq!(rewritten.status.code(), Some(0), "{}", stderr(&rewritten));
    assert!(std::fs::read_to_string(&cache).unwrap().starts_with('{'));
}

#[test]
fn the_cache_is_not_reused_when_project_facts_or_rules_change() {
    let dir = project(&[
        ("app/api/projects/route.ts", TENANT_ROUTE),
        ("prisma/schema.prisma", SCHEMA_WITHOUT_TENANT),
    ]);
    let before = shipsafe(&["scan", ".", "--format", "json"], dir.path());
    assert_eq!(
        rule_ids(&before),
        Vec::<String>::new(),
        "{}",
        stdout(&before)
    );
    // The route is unchanged; the schema now makes Project tenant-scoped.
    std::fs::write(dir.path().join("prisma/schema.prisma"), SCHEMA_WITH_TENANT).unwrap();
    let after = shipsafe(&["scan", ".", "--format", "json"], dir.path());
    assert_eq!(
        rule_ids(&after),
        ["tenant/missing-org-filter"],
        "{}",
        stdout(&after)
    );
    // Other rules selected: the cached results of the full rule set are not reused.
    let only_secrets = shipsafe(
        &["scan", ".", "--format", "json", "--rule", "secrets/"],
        dir.path(),
    );
    assert_eq!(rule_ids(&only_secrets), Vec::<String>::new());
    // And a config that disables the rule.
    std::fs::write(
        dir.path().join(".shipsafe.yml"),
        "rules:\n  disable: [tenant/missing-org-filter]\n",
    )
    .unwrap();
    let disabled = shipsafe(&["scan", ".", "--format", "json"], dir.path());
    assert_eq!(rule_ids(&disabled), Vec::<String>::new());
}

#[test]
fn a_scan_of_a_few_files_keeps_the_whole_repository_cache() {
    let dir = project(&[
        ("src/pay.ts", LIVE_KEY),
        ("src/clean.ts", "export const x = 1;\n"),
        ("app/api/projects/route.ts", TENANT_ROUTE),
        ("prisma/schema.prisma", SCHEMA_WITH_TENANT),
    ]);
    let runs = || -> Vec<usize> {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(cache_file(dir.path())).unwrap())
                .unwrap();
        v["runs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["files"].as_object().unwrap().len())
            .collect()
    };
    shipsafe(&["scan", "."], dir.path());
    assert_eq!(runs(), [4]);
    // a pre-commit run on one staged file: other facts (no schema), another key
    shipsafe(&["scan", "src/clean.ts"], dir.path());
    assert_eq!(runs(), [1, 4], "the whole-repository run is kept");
    shipsafe(&["scan", "."], dir.path());
    assert_eq!(runs(), [4, 1]);
    // runs under more keys than the cache keeps push out the oldest
    for rule in ["secrets/", "auth/", "tenant/", "web/"] {
        shipsafe(&["scan", ".", "--rule", rule], dir.path());
    }
    assert_eq!(runs().len(), 4);
}

#[test]
fn an_edited_custom_rule_in_a_nested_folder_is_not_answered_from_the_cache() {
    let rule = "id: custom/marker\ntitle: t\nseverity: high\nwhy: w\nfix: f\nmessage: found a marker\ndocs: '## What it finds'\npatterns:\n  - languages: [typescript]\n    regex: 'MARKER_ONE'\n";
    let p = project(&[
        ("a.ts", "const x = 'MARKER_TWO';\n"),
        (".shipsafe.yml", "custom_rules: my-rules\n"),
        ("my-rules/nested/marker.yml", rule),
    ]);
    let before = shipsafe(&["scan", "--format", "json", "."], p.path());
    assert_eq!(
        rule_ids(&before),
        Vec::<String>::new(),
        "{}",
        stderr(&before)
    );
    // same id, title and message: only the pattern changes
    std::fs::write(
        p.path().join("my-rules/nested/marker.yml"),
        rule.replace("MARKER_ONE", "MARKER_TWO"),
    )
    .unwrap();
    let after = shipsafe(&["scan", "--format", "json", "."], p.path());
    assert_eq!(rule_ids(&after), ["custom/marker"], "{}", stderr(&after));
}

#[test]
fn a_seeded_accounts_password_is_masked_in_every_format() {
    // a strong-looking password is a credential, whichever rule reports it
    let p = project(&[(
        "scripts/init-reviewers.ts",
        "export const REVIEWERS = [\n  { email: \"patent@uni.edu\", password: \"Zq8PatentRev!2024\" },\n  { email: \"design@uni.edu\", password: \"Wk3DesignRev!2024\" },\n];\n",
    )]);
    for format in ["text", "json", "sarif", "github"] {
        let o = shipsafe(
            &["scan", ".", "--format", format, "--fail-on", "none"],
            p.path(),
        );
        let out = stdout(&o);
        assert!(
            out.contains("web/default-credentials"),
            "{format}: the finding is reported:\n{out}"
        );
        for secret in ["Zq8PatentRev!2024", "Wk3DesignRev!2024"] {
            assert!(!out.contains(secret), "{format}: {secret} printed:\n{out}");
        }
    }
}

/// A project in a fresh git repository whose billing file holds a live key, baselined.
fn baselined_key(code: &str) -> (tempfile::TempDir, Output) {
    let p = project(&[("pay.ts", code)]);
    git(p.path(), &["init", "-q"]);
    let o = shipsafe(&["baseline", "--output", "base.json", "."], p.path());
    (p, o)
}

const KEY: &str = "sk_live_9Qm2Xv7LpR4tZ8wK1nB5cD3fG6hJ0aSe";

#[test]
fn a_baselined_finding_survives_a_refactor_of_the_code_around_it() {
    let before =
        format!("import Stripe from \"stripe\";\nexport const stripe = new Stripe(\"{KEY}\");\n");
    let (p, o) = baselined_key(&before);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let scan = |code: &str| {
        std::fs::write(p.path().join("pay.ts"), code).unwrap();
        shipsafe(
            &["scan", "--baseline", "base.json", "--format", "json", "."],
            p.path(),
        )
    };
    // the same key, moved into a function, the statement around it changed, lines added
    // above and the file re-indented: still the baselined finding
    for refactored in [
        format!(
            "import Stripe from \"stripe\";\n\n// payments\nexport function make() {{\n  return new Stripe(\"{KEY}\");\n}}\n"
        ),
        format!(
            "import Stripe from \"stripe\";\nexport function make(apiVersion: string) {{\n    const client = new Stripe(\"{KEY}\", {{ apiVersion }});\n    return client;\n}}\n"
        ),
        format!(
            "export const other = 1;\n\nimport Stripe from \"stripe\";\n        export const stripe = new Stripe(\n  \"{KEY}\"\n);\n"
        ),
    ] {
        let o = scan(&refactored);
        assert_eq!(o.status.code(), Some(0), "{refactored}\n{}", stdout(&o));
        assert!(rule_ids(&o).is_empty(), "{refactored}\n{}", stdout(&o));
    }
    // another key is another finding, wherever it is
    let other = before.replace("9Qm2Xv7", "Zp4Lq8W");
    let o = scan(&other);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert_eq!(rule_ids(&o), vec!["secrets/hardcoded-credential"]);
    // the key's value is nowhere in the baseline, not even hashed plainly
    let base = std::fs::read_to_string(p.path().join("base.json")).unwrap();
    assert!(!base.contains("9Qm2Xv7"), "{base}");
    assert!(base.contains("\"version\": 2"), "{base}");
}

#[test]
fn a_version_1_baseline_still_matches_and_asks_once_to_be_rewritten() {
    let code =
        format!("import Stripe from \"stripe\";\nexport const stripe = new Stripe(\"{KEY}\");\n");
    let p = project(&[
        ("pay.ts", code.as_str()),
        // written by shipsafe before fingerprints version 2, for this very file
        (
            "old.json",
            "{\n  \"version\": 1,\n  \"tool\": \"shipsafe\",\n  \"findings\": [\n    {\n      \"fingerprint\": \"9ac03b5c3dcb9cf5a45b68fe06cbc9e5\",\n      \"rule_id\": \"secrets/hardcoded-credential\",\n      \"path\": \"pay.ts\",\n      \"line\": 2\n    }\n  ]\n}\n",
        ),
    ]);
    git(p.path(), &["init", "-q"]);
    let o = shipsafe(&["scan", "--baseline", "old.json", "."], p.path());
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{}", stderr(&o));
    assert_eq!(
        out.matches("baseline version 1").count(),
        1,
        "said once:\n{out}"
    );
    assert!(out.contains("shipsafe baseline --output old.json"), "{out}");
    // written again, it is version 2 and survives the refactor
    let o = shipsafe(&["baseline", "--output", "old.json", "."], p.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    std::fs::write(
        p.path().join("pay.ts"),
        format!("import Stripe from \"stripe\";\nexport function make() {{\n  return new Stripe(\"{KEY}\");\n}}\n"),
    )
    .unwrap();
    let o = shipsafe(&["scan", "--baseline", "old.json", "."], p.path());
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(!out.contains("baseline version 1"), "{out}");
}

#[test]
fn no_credential_is_printed_in_any_format_reported_or_not() {
    // reported: the AWS secret key, the live Stripe key, the .env key and password;
    // beside them and not reported alone: the access key id, a Stripe test key, a key
    // in a suppression's reason
    let p = project(&[
        (
            "src/aws.ts",
            "import { S3Client } from \"@aws-sdk/client-s3\";\nexport const s3 = new S3Client({\n  credentials: {\n    accessKeyId: \"AKIAQ3EGUWBL7NZ4XK2P\",\n    secretAccessKey: \"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\",\n  },\n});\nexport const keys = { live: \"sk_live_4eC39HqLyjWDarjtT1zdp7dc\", test: \"sk_test_8fD21JkLmNoPqRsTuVwXyZab\" };\n// shipsafe-ignore[secrets/hardcoded-credential]: revoked; replaced sk_live_Qz81XcVbNm23AsDfGhJkLpOi\nexport const old = \"sk_live_Wq09ErTyUiOpAsDfGhJkLzXc\";\n// shipsafe-ignore[sk_live_Mn47BvCxZa19QwErTyUiOpLk]\n",
        ),
        (
            ".env",
            "STRIPE_SECRET_KEY=sk_live_51Hx9QmZp4Lq8Wn2Xv6Tr1Ys9Kb3Md7Hc5Gf0Ja2\nADMIN_PASSWORD=Tr0ub4dor-and-3\n",
        ),
    ]);
    for format in ["text", "json", "sarif", "github"] {
        let o = shipsafe(&["scan", ".", "--format", format], p.path());
        // notes may go to standard error: both are printed lines
        let out = format!("{}{}", stdout(&o), stderr(&o));
        assert_eq!(o.status.code(), Some(1), "{format}: {out}");
        assert!(
            out.contains("secrets/hardcoded-credential"),
            "{format}: the findings are reported:\n{out}"
        );
        for secret in [
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzKq9Xb3Jm1",
            "4eC39HqLyjWDarjtT1zdp7dc",
            "9QmZp4Lq8Wn2Xv6Tr1Ys9Kb3Md7Hc5Gf0Ja2",
            "ub4dor-and-3",
            "Wq09ErTyUiOpAsDfGhJkLzXc",
            // never reported alone, printed beside what is
            "AKIAQ3EGUWBL7NZ4XK2P",
            "8fD21JkLmNoPqRsTuVwXyZab",
            "Qz81XcVbNm23AsDfGhJkLpOi",
            // quoted by a note (a suppression that names no rule)
            "Mn47BvCxZa19QwErTyUiOpLk",
        ] {
            assert!(!out.contains(secret), "{format}: {secret} printed:\n{out}");
        }
    }
    // the suppressed finding's reason is shown, masked
    let o = shipsafe(&["scan", ".", "--format", "json"], p.path());
    assert!(
        stdout(&o).contains("revoked; replaced sk_live_"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_migration_shipsafe_cannot_read_is_a_note_at_its_statement() {
    let p = project(&[
        ("supabase/config.toml", "project_id = \"app\"\n"),
        (
            "supabase/migrations/20250101000000_init.sql",
            "create table public.projects (id uuid primary key, org_id uuid not null);\n\
             alter table public.projects enable row level security;\n\
             create policy if not exists \"members\" on public.projects for select using (true);\n\
             create table public.invoices (id uuid primary key, org_id uuid not null, amount int);\n",
        ),
    ]);
    let o = shipsafe(&["scan", ".", "--fail-on", "none"], p.path());
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{}", stderr(&o));
    assert!(
        out.contains("supabase/migrations/20250101000000_init.sql:3: `create policy if not exists \"members\" on public.projects"),
        "{out}"
    );
    // the model goes on past it: the table after it is known, without row level security
    assert!(out.contains("tenant/rls-disabled"), "{out}");
    assert!(out.contains("invoices"), "{out}");
}

/// An unverified webhook's finding, on the handler, points at where the payload it acts
/// on is read: the request's body, not a response the handler fetched.
#[test]
fn unverified_webhook_points_at_the_payload_it_reads() {
    let handler = "import { serve } from \"https://deno.land/std@0.168.0/http/server.ts\";\n\
serve(async (req) => {\n\
  const rates = await (await fetch(\"https://example.com/rates\")).json();\n\
  const payload = await req.json();\n\
  if (payload.event_type === \"PAYMENT.CAPTURE.COMPLETED\") {\n\
    await grantCredits(payload.resource.custom_id, rates);\n\
  }\n\
  return new Response(\"ok\");\n\
});\n";
    let p = project(&[("supabase/functions/paypal-webhook/index.ts", handler)]);
    let o = shipsafe(
        &["scan", "--format", "json", "--fail-on", "none", "."],
        p.path(),
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON output");
    let f = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["rule_id"] == "payments/webhook-unverified")
        .expect("the PayPal handler never verifies the signature");
    assert_eq!(f["start_line"], 2);
    let related = f["related"].as_array().expect("related places");
    assert_eq!(related.len(), 1, "{related:?}");
    assert_eq!(related[0]["start_line"], 4);
    assert_eq!(related[0]["snippet"], "const payload = await req.json();");
}
