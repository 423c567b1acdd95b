//! The CI integrations as a team meets them: the GitHub Action's script run in a
//! simulated Actions environment, the action and workflow files, `shipsafe init`, and
//! the pre-commit hook on staged files.

mod common;
use common::project;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const LIVE_KEY: &str = "const stripe = new Stripe(\"sk_live_9Qm2Xv7LpR4tZ8wK1nB5cD3fG6hJ0aSe\");\n";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// Runs scripts/action.sh the way action.yml does, with the Actions variables it reads.
fn run_action(project: &Path, inputs: &[(&str, &str)]) -> (Output, String, PathBuf) {
    let runner_temp = tempfile::tempdir().expect("runner temp").keep();
    let github_output = runner_temp.join("github_output");
    std::fs::write(&github_output, "").expect("output file");
    let mut cmd = Command::new("bash");
    cmd.arg(root().join("scripts/action.sh"))
        .current_dir(project)
        .env("RUNNER_TEMP", &runner_temp)
        .env("GITHUB_OUTPUT", &github_output)
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_ACTION_PATH", root())
        .env("SHIPSAFE_BIN", env!("CARGO_BIN_EXE_shipsafe"))
        .env("NO_COLOR", "1");
    for (k, v) in inputs {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run action.sh");
    let outputs = std::fs::read_to_string(&github_output).unwrap_or_default();
    (out, outputs, runner_temp)
}

#[test]
fn the_action_fails_on_a_new_key_writes_sarif_and_annotates() {
    let p = project(&[("lib/stripe.ts", LIVE_KEY)]);
    let (out, outputs, temp) = run_action(
        p.path(),
        &[("INPUT_FAIL_ON", "high"), ("INPUT_CATEGORY", "web")],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // the PR annotation
    assert!(stdout.contains("::error file=lib/stripe.ts"), "{stdout}");
    // outputs for the upload step
    let sarif_path = temp.join("shipsafe.sarif");
    assert!(
        outputs.contains(&format!("sarif={}", sarif_path.display())),
        "{outputs}"
    );
    assert!(outputs.contains("exit-code=1"), "{outputs}");
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif_path).expect("SARIF written"))
            .expect("JSON");
    assert_eq!(sarif["runs"][0]["automationDetails"]["id"], "web/");
    assert_eq!(
        sarif["runs"][0]["results"][0]["ruleId"],
        "secrets/hardcoded-credential"
    );
}

#[test]
fn the_action_passes_when_only_baselined_findings_remain() {
    let p = project(&[("lib/stripe.ts", LIVE_KEY)]);
    let base = Command::new(env!("CARGO_BIN_EXE_shipsafe"))
        .args(["baseline", "--output", "base.json", "."])
        .current_dir(p.path())
        .output()
        .expect("baseline");
    assert_eq!(base.status.code(), Some(0));
    // an unrelated edit to the file with the old finding
    std::fs::write(
        p.path().join("lib/stripe.ts"),
        format!("// payments\n{LIVE_KEY}"),
    )
    .expect("edit");
    let (out, outputs, _) = run_action(p.path(), &[("INPUT_BASELINE", "base.json")]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(outputs.contains("exit-code=0"), "{outputs}");
    // fail-on none never fails, even on a new key
    let p = project(&[("a.ts", LIVE_KEY)]);
    let (out, _, _) = run_action(p.path(), &[("INPUT_FAIL_ON", "none")]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn action_and_workflow_files_wire_the_script_and_code_scanning() {
    let action: serde_json::Value = serde_saphyr::from_str(
        &std::fs::read_to_string(root().join("action.yml")).expect("action.yml"),
    )
    .expect("action.yml is YAML");
    assert_eq!(action["runs"]["using"], "composite");
    let steps = action["runs"]["steps"].as_array().expect("steps");
    assert!(steps.iter().any(|s| {
        s["run"]
            .as_str()
            .is_some_and(|r| r.contains("scripts/action.sh"))
    }));
    assert!(steps.iter().any(|s| {
        s["uses"]
            .as_str()
            .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif"))
    }));
    for input in [
        "path",
        "fail-on",
        "category",
        "baseline",
        "upload-sarif",
        "annotate",
    ] {
        assert!(action["inputs"][input].is_object(), "input {input}");
    }
    let workflow: serde_json::Value =
        serde_saphyr::from_str(include_str!("../src/cli/templates/workflow.yml"))
            .expect("workflow is YAML");
    assert_eq!(workflow["permissions"]["security-events"], "write");
}

#[test]
fn init_writes_a_config_that_loads_and_a_workflow_and_keeps_existing_files() {
    let p = project(&[("app.ts", "export const ok = 1;\n")]);
    let bin = env!("CARGO_BIN_EXE_shipsafe");
    let out = Command::new(bin)
        .args(["init", "."])
        .current_dir(p.path())
        .output()
        .expect("init");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(p.path().join(".shipsafe.yml").exists());
    assert!(p.path().join(".github/workflows/shipsafe.yml").exists());
    // the written config is valid: a scan with it runs clean
    let scan = Command::new(bin)
        .args(["scan", "."])
        .current_dir(p.path())
        .output()
        .expect("scan");
    assert_eq!(
        scan.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&scan.stderr)
    );
    // a second init keeps the files
    std::fs::write(p.path().join(".shipsafe.yml"), "exclude: [\"x/**\"]\n").expect("edit");
    let again = Command::new(bin)
        .args(["init", "."])
        .current_dir(p.path())
        .output()
        .expect("init");
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(p.path().join(".shipsafe.yml")).expect("cfg"),
        "exclude: [\"x/**\"]\n"
    );
}

#[test]
fn the_pre_commit_hook_scans_the_staged_files_it_is_given() {
    let hooks: serde_json::Value = serde_saphyr::from_str(
        &std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).expect("hooks"),
    )
    .expect("hooks are YAML");
    let hook = &hooks[0];
    assert_eq!(hook["id"], "shipsafe");
    assert_eq!(hook["pass_filenames"], true);
    let entry: Vec<String> = hook["entry"]
        .as_str()
        .expect("entry")
        .split_whitespace()
        .map(String::from)
        .collect();
    assert_eq!(entry[0], "shipsafe");
    let p = project(&[
        ("staged.ts", LIVE_KEY),
        ("clean.ts", "export const x = 1;\n"),
        ("unstaged.ts", LIVE_KEY),
    ]);
    // pre-commit runs the entry with the staged file names appended
    let run = |files: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_shipsafe"))
            .args(&entry[1..])
            .args(files)
            .current_dir(p.path())
            .output()
            .expect("hook")
    };
    assert_eq!(run(&["clean.ts"]).status.code(), Some(0));
    let out = run(&["staged.ts", "clean.ts"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("staged.ts") && !text.contains("unstaged.ts"),
        "{text}"
    );
}

#[test]
fn shards_split_the_files_and_merge_into_the_full_sarif() {
    let bin = env!("CARGO_BIN_EXE_shipsafe");
    let testdata = root().join("testdata/web-app");
    let out = tempfile::tempdir().expect("tempdir");
    let sarif = |args: &[&str], name: &str| -> serde_json::Value {
        let path = out.path().join(name);
        let o = Command::new(bin)
            .args(["scan", "--format", "sarif", "--fail-on", "none", "--output"])
            .arg(&path)
            .args(args)
            .arg(&testdata)
            .output()
            .expect("scan");
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        serde_json::from_str(&std::fs::read_to_string(&path).expect("sarif")).expect("JSON")
    };
    let key = |r: &serde_json::Value| {
        format!(
            "{} {} {}",
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"]
        )
    };
    let full = sarif(&[], "full.sarif");
    let mut all: Vec<String> = full["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(key)
        .collect();
    all.sort();
    let mut union: Vec<String> = Vec::new();
    for i in 1..=3 {
        let s = sarif(&["--shard", &format!("{i}/3")], &format!("shard{i}.sarif"));
        let results = s["runs"][0]["results"].as_array().expect("results");
        assert!(
            !results.is_empty(),
            "shard {i} is empty: the split is not spreading files"
        );
        union.extend(results.iter().map(key));
    }
    union.sort();
    assert_eq!(
        union, all,
        "the shards together find exactly what the full scan finds"
    );

    let merged = Command::new(bin)
        .arg("merge")
        .args((1..=3).map(|i| out.path().join(format!("shard{i}.sarif"))))
        .output()
        .expect("merge");
    assert_eq!(
        merged.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&merged.stderr)
    );
    let m: serde_json::Value = serde_json::from_slice(&merged.stdout).expect("merged JSON");
    assert_eq!(m["runs"].as_array().map(Vec::len), Some(1));
    let mut keys: Vec<String> = m["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(key)
        .collect();
    keys.sort();
    assert_eq!(keys, all);
    // every ruleIndex points at its rule
    let rules = m["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    for r in m["runs"][0]["results"].as_array().expect("results") {
        let i = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
    }
    // and it is valid SARIF
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("testdata/sarif-schema-2.1.0.json")).expect("schema"),
    )
    .expect("schema JSON");
    let validator = jsonschema::draft4::new(&schema).expect("schema compiles");
    assert!(validator.is_valid(&m));

    // a bad shard spec is a usage error
    let o = Command::new(bin)
        .args(["scan", "--shard", "4/3", "."])
        .output()
        .expect("scan");
    assert_eq!(o.status.code(), Some(2));
}
