//! The scanned repository is untrusted. Each hostile input gives a note or an error and
//! never a crash, a hang or unbounded memory. (Symlink loops, links out of the root,
//! FIFOs and invalid UTF-8 are in tests/cli.rs.)

use std::path::Path;
use std::process::{Command, Output};

fn shipsafe(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shipsafe"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("run shipsafe")
}

fn project(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join(".git")).expect("git dir");
    for (path, bytes) in files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, bytes).expect("write");
    }
    dir
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    })
}

fn notes(v: &serde_json::Value) -> Vec<String> {
    v["notes"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|n| {
            format!(
                "{}: {}",
                n["path"].as_str().unwrap_or(""),
                n["message"].as_str().unwrap_or("")
            )
        })
        .collect()
}

#[test]
fn binary_files_with_source_extensions_are_noted() {
    let mut bin = vec![0u8; 4096];
    bin[..4].copy_from_slice(b"\x7fELF");
    let p = project(&[
        ("src/app.ts", &bin),
        ("src/ok.py", b"x = 1\n"),
        ("empty.ts", b""),
    ]);
    let o = shipsafe(&["scan", "--format", "json", "."], p.path());
    assert_eq!(o.status.code(), Some(0));
    let n = notes(&json(&o));
    assert!(
        n.iter()
            .any(|n| n == "src/app.ts: binary file: not scanned"),
        "{n:?}"
    );
}

#[test]
fn a_50_mb_single_line_file_is_skipped_by_size_not_read_whole() {
    let mut big = b"var a=".to_vec();
    big.extend(std::iter::repeat_n(b'1', 50 * 1024 * 1024));
    big.extend(b";\n");
    let p = project(&[
        ("dist2/bundle.js", &big),
        ("app.js", b"export const x = 1;\n"),
    ]);
    let o = shipsafe(&["scan", "--format", "json", "."], p.path());
    assert_eq!(o.status.code(), Some(0));
    let n = notes(&json(&o));
    assert!(
        n.iter()
            .any(|n| n.starts_with("dist2/bundle.js:") && n.contains("byte limit")),
        "{n:?}"
    );
}

#[test]
fn a_long_minified_line_under_the_size_limit_is_noted() {
    let mut min = b"var a=[".to_vec();
    for _ in 0..60_000 {
        min.extend(b"1,");
    }
    min.extend(b"1];\n");
    let p = project(&[("lib/vendor.js", &min)]);
    let o = shipsafe(&["scan", "--format", "json", "."], p.path());
    assert_eq!(o.status.code(), Some(0));
    let n = notes(&json(&o));
    assert!(n.iter().any(|n| n.contains("minified")), "{n:?}");
}

/// 100,000 levels of nesting in each language: no stack overflow in the parsers, the
/// walks or the rules.
#[test]
fn expressions_nested_100_000_deep_do_not_overflow() {
    let depth = 100_000;
    let nested = |open: &str, close: &str, inner: &str| -> Vec<u8> {
        let mut s = String::with_capacity(depth * (open.len() + close.len()) + 64);
        // one level a line, so the file is not taken for minified code and skipped
        for _ in 0..depth {
            s.push_str(open);
            s.push('\n');
        }
        s.push_str(inner);
        for _ in 0..depth {
            s.push_str(close);
        }
        s.into_bytes()
    };
    let mut ts = b"export const x = ".to_vec();
    ts.extend(nested("(", ")", "1"));
    ts.extend(b";\n");
    let mut arr = b"const y = ".to_vec();
    arr.extend(nested("[", "]", "req.body.orgId"));
    arr.extend(b";\n");
    let mut py = b"x = ".to_vec();
    py.extend(nested("[", "]", "1"));
    py.push(b'\n');
    let mut rs = b"fn main() { let x = ".to_vec();
    rs.extend(nested("(", ")", "1"));
    rs.extend(b"; }\n");
    let mut json_file = nested("[", "]", "1");
    json_file.push(b'\n');
    let p = project(&[
        ("a.ts", &ts),
        ("b.js", &arr),
        ("c.py", &py),
        ("d.rs", &rs),
        ("config.json", &json_file),
    ]);
    let o = shipsafe(&["scan", "--format", "json", "."], p.path());
    assert!(
        matches!(o.status.code(), Some(0 | 1)),
        "status {:?}: {}",
        o.status,
        String::from_utf8_lossy(&o.stderr)
    );
    let v = json(&o);
    // every file was read and parsed (none skipped as minified), Rust's nesting guard
    // answered with a note
    assert_eq!(
        v["summary"]["files_scanned"].as_u64(),
        Some(5),
        "{:?}",
        notes(&v)
    );
    assert!(
        notes(&v)
            .iter()
            .any(|n| n.starts_with("d.rs:") && n.contains("nest")),
        "{:?}",
        notes(&v)
    );
}

#[test]
fn bom_and_crlf_keep_lines_and_columns_right() {
    let text = "\u{feff}// billing\r\nimport Stripe from \"stripe\";\r\nexport const stripe = new Stripe(\"sk_live_9Qm2Xv7LpR4tZ8wK1nB5cD3fG6hJ0aSe\");\r\n";
    let p = project(&[("lib/stripe.ts", text.as_bytes())]);
    let o = shipsafe(&["scan", "--format", "json", "."], p.path());
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    let f = &v["findings"][0];
    assert_eq!(f["start_line"], 3);
    // the key's opening quote is the 34th character of the line: column 35 is the key
    assert_eq!(f["start_column"], 35, "{f}");
}

#[test]
fn a_file_that_vanishes_or_cannot_be_read_is_a_note() {
    use shipsafe::engine::scan_source;
    // the engine reads each file once; a read error becomes a note (exercised through
    // a path that is a directory named like a source file)
    let p = project(&[("ok.ts", b"export const x = 1;\n")]);
    std::fs::create_dir_all(p.path().join("weird.ts/inner")).expect("dir");
    let o = shipsafe(&["scan", "--format", "json", "."], p.path());
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // and a file's text can always be scanned from memory, whatever it holds
    let rules = shipsafe::engine::RuleSet::builtin().expect("rules");
    let facts = shipsafe::facts::ProjectFacts::default();
    for text in [
        "",
        "\0\0\0",
        "\u{feff}",
        "\r\n\r\n",
        "((((",
        "\"unterminated",
    ] {
        let _ = scan_source(
            "x.ts",
            shipsafe::lang::Lang::TypeScript,
            text.to_string(),
            &rules,
            &facts,
        );
        let _ = scan_source(
            "x.py",
            shipsafe::lang::Lang::Python,
            text.to_string(),
            &rules,
            &facts,
        );
        let _ = scan_source(
            "x.rs",
            shipsafe::lang::Lang::Rust,
            text.to_string(),
            &rules,
            &facts,
        );
    }
}

#[test]
fn hostile_config_and_rule_files_are_errors_not_crashes() {
    let deep = format!("exclude: {}1{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let huge = format!("exclude:\n{}", "  - \"a/**\"\n".repeat(200_000));
    let cases: Vec<(&str, String)> = vec![
        ("deep", deep),
        (
            "wrong types",
            "exclude: 3\nrules: [1, 2]\ntenant: yes\n".into(),
        ),
        ("bad yaml", "exclude: [\n  - : :\n".into()),
        ("anchors", "a: &a [*a, *a]\nexclude: *a\n".into()),
    ];
    for (what, cfg) in cases {
        let p = project(&[
            (".shipsafe.yml", cfg.as_bytes()),
            ("a.ts", b"export const x = 1;\n"),
        ]);
        let o = shipsafe(&["scan", "."], p.path());
        assert_eq!(
            o.status.code(),
            Some(2),
            "{what}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(
            String::from_utf8_lossy(&o.stderr).contains(".shipsafe.yml"),
            "{what}"
        );
    }
    // a huge config is refused by size, and one with thousands of globs by count, at once
    let many: String = (0..5000).map(|i| format!("  - \"dir{i}/**\"\n")).collect();
    for (what, cfg) in [("huge", huge), ("many globs", format!("exclude:\n{many}"))] {
        let p = project(&[
            (".shipsafe.yml", cfg.as_bytes()),
            ("a.ts", b"export const x = 1;\n"),
        ]);
        let o = shipsafe(&["scan", "."], p.path());
        assert_eq!(
            o.status.code(),
            Some(2),
            "{what}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }

    // custom rule files: deep nesting and wrong types
    let p = project(&[
        (".shipsafe.yml", b"custom_rules: rules\n"),
        (
            "rules/deep.yml",
            format!("id: {}x{}\n", "[".repeat(50_000), "]".repeat(50_000)).as_bytes(),
        ),
        ("a.ts", b"export const x = 1;\n"),
    ]);
    let o = shipsafe(&["scan", "."], p.path());
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
