//! The fuzz targets' bodies (`shipsafe::fuzzing`, run by `cargo fuzz` from `fuzz/`)
//! over seed inputs: every fixture file in every language it could be taken for, the
//! embedded rule files, configs, hostile text, and the inputs the fuzzers once found
//! (`fuzz/regressions/<target>/`). A panic here is a crash the fuzzer would report.

use std::path::{Path, PathBuf};

use shipsafe::fuzzing;
use shipsafe::lang::Lang;

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files_under(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Inputs the fuzzers found for a target, kept as regression seeds.
fn regressions(target: &str) -> Vec<Vec<u8>> {
    let mut files = Vec::new();
    files_under(&root().join("fuzz/regressions").join(target), &mut files);
    files.iter().filter_map(|p| std::fs::read(p).ok()).collect()
}

fn hostile() -> Vec<Vec<u8>> {
    let mut v: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"\xff\xfe\x00\x01garbage\x80\x81".to_vec(),
        "\u{feff}const a = 1;\r\nconst b = \"sk_live_"
            .as_bytes()
            .to_vec(),
        "(".repeat(20_000).into_bytes(),
        "[{".repeat(10_000).into_bytes(),
        "a: &x [*x, *x]\nb: *x\n".as_bytes().to_vec(),
        "x = ".to_string().into_bytes(),
    ];
    v.push(format!("const s = `{}`;", "${".repeat(5_000)).into_bytes());
    v.push(format!("def f():\n{}", "    if x:\n".repeat(2_000)).into_bytes());
    v
}

#[test]
fn scan_takes_every_fixture_in_every_language() {
    let mut files = Vec::new();
    files_under(&root().join("testdata"), &mut files);
    files.retain(|p| !p.ends_with("sarif-schema-2.1.0.json"));
    assert!(files.len() > 100, "the fixtures are there: {}", files.len());
    let mut inputs: Vec<Vec<u8>> = Vec::new();
    for p in &files {
        let Ok(bytes) = std::fs::read(p) else {
            continue;
        };
        // its own language, and one other, so that every parser meets foreign text
        let own = Lang::from_path(p).and_then(|l| Lang::ALL.iter().position(|x| *x == l));
        for pick in [own.unwrap_or(0), own.map_or(1, |i| i + 1)] {
            let mut input = vec![pick as u8];
            input.extend_from_slice(&bytes);
            inputs.push(input);
        }
    }
    for h in hostile() {
        for pick in 0..Lang::ALL.len() {
            let mut input = vec![pick as u8];
            input.extend_from_slice(&h);
            inputs.push(input);
        }
    }
    inputs.extend(regressions("scan"));
    for input in &inputs {
        fuzzing::scan(input);
    }
}

#[test]
fn config_and_rule_loaders_take_anything() {
    let mut seeds = hostile();
    seeds.push(b"exclude: [\"legacy/**\"]\nrules:\n  disable: [auth/]\n".to_vec());
    seeds.push(b"rules:\n  severity:\n    secrets/: low\ntenant:\n  columns: [team]\n".to_vec());
    seeds.push(b"exclude: 3\nrules: []\nmax_file_size: -1\n".to_vec());
    seeds.push(include_bytes!("../src/cli/templates/shipsafe.yml").to_vec());
    let mut rule_files = Vec::new();
    files_under(&root().join("rules"), &mut rule_files);
    let rule_seeds: Vec<Vec<u8>> = rule_files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "yml" || e == "yaml"))
        .filter_map(|p| std::fs::read(p).ok())
        .collect();
    assert!(!rule_seeds.is_empty(), "the embedded rule files are seeds");
    for s in seeds
        .iter()
        .chain(&rule_seeds)
        .chain(&regressions("config"))
    {
        fuzzing::config(s);
    }
    for s in seeds
        .iter()
        .chain(&rule_seeds)
        .chain(&regressions("rule_file"))
    {
        fuzzing::rule_file(s);
        // the same rule cut short at every line: half-written rules
        let text = String::from_utf8_lossy(s);
        for (i, _) in text.match_indices('\n').take(40) {
            fuzzing::rule_file(&s[..i]);
        }
    }
}

#[test]
fn outputs_write_json_and_sarif_for_any_text() {
    let mut seeds = hostile();
    seeds.push(
        "msg\0src/a.ts\0const k = \"sk_live_x\";\0"
            .as_bytes()
            .to_vec(),
    );
    seeds.push(
        "</script>\"'\\\0../../etc/passwd\0\u{202e}evil\r\n\0"
            .as_bytes()
            .to_vec(),
    );
    seeds.push("m\0p\0c\0".repeat(100).into_bytes());
    seeds.push(
        "\0\0\0\u{0007}\u{001b}[31m\0%SRCROOT%\0[x](javascript:alert(1))"
            .as_bytes()
            .to_vec(),
    );
    for s in seeds.iter().chain(&regressions("outputs")) {
        fuzzing::outputs(s);
    }
}
