//! The scanned repository is untrusted. Each hostile input gives a note or an error and
//! never a crash, a hang or unbounded memory. (Symlink loops, links out of the root,
//! FIFOs and invalid UTF-8 are in tests/cli.rs; a file deleted between discovery and
//! reading in the engine's unit tests; arbitrary bytes through every parser, loader
//! and writer in tests/fuzz_seeds.rs and the fuzz targets.)

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
fn text_of_any_shape_scans_from_memory() {
    use shipsafe::engine::scan_source;
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
        for (path, lang) in [
            ("x.ts", shipsafe::lang::Lang::TypeScript),
            ("x.py", shipsafe::lang::Lang::Python),
            ("x.rs", shipsafe::lang::Lang::Rust),
        ] {
            let o = scan_source(path, lang, text.to_string(), &rules, &facts);
            assert!(o.findings.is_empty(), "{path}: {text:?}");
        }
    }
}

/// The user id to run the scanner as so that permission bits bite: the tests run as
/// root here and in CI, and root reads files whatever their mode.
#[cfg(unix)]
fn unprivileged() -> Option<Command> {
    let uid = Command::new("id").arg("-u").output().ok()?;
    if String::from_utf8_lossy(&uid.stdout).trim() != "0" {
        return Some(Command::new(env!("CARGO_BIN_EXE_shipsafe")));
    }
    let mut c = Command::new("setpriv");
    c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(env!("CARGO_BIN_EXE_shipsafe"));
    Some(c)
}

#[cfg(unix)]
#[test]
fn unreadable_files_and_folders_and_device_files_are_notes() {
    use std::os::unix::fs::PermissionsExt;
    let key = b"const stripe = new Stripe(\"sk_live_9Qm2Xv7LpR4tZ8wK1nB5cD3fG6hJ0aSe\");\n";
    let p = project(&[
        ("src/pay.ts", key),
        ("src/locked.ts", key),
        ("private/inner.ts", key),
    ]);
    let root = p.path();
    let mode = |path: &Path, m: u32| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(m)).expect("chmod")
    };
    mode(root, 0o755);
    mode(&root.join("src"), 0o755);
    mode(&root.join("src/pay.ts"), 0o644);
    mode(&root.join("src/locked.ts"), 0o000);
    mode(&root.join("private"), 0o000);
    // a character device with a source extension (only root may make one)
    let device = Command::new("mknod")
        .arg(root.join("src/null.ts"))
        .args(["c", "1", "3"])
        .status()
        .is_ok_and(|s| s.success());
    let Some(mut cmd) = unprivileged() else {
        panic!("cannot tell which user the tests run as (`id -u` failed)");
    };
    let o = cmd
        .args(["scan", "--no-cache", "--format", "json", "."])
        .current_dir(root)
        .env("NO_COLOR", "1")
        .output()
        .expect("run shipsafe");
    mode(&root.join("private"), 0o755);
    let v = json(&o);
    let notes = notes(&v);
    let paths: Vec<&str> = v["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["path"].as_str())
        .collect();
    // what can be read is still scanned and reported
    assert_eq!(paths, ["src/pay.ts"], "{notes:?}");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("src/locked.ts: cannot read") && n.contains("ermission denied")),
        "{notes:?}"
    );
    assert!(
        notes.iter().any(|n| n
            .to_lowercase()
            .starts_with("private: cannot read: permission denied")),
        "{notes:?}"
    );
    if device {
        assert!(
            notes.contains(&"src/null.ts: not a regular file: not opened".to_string()),
            "{notes:?}"
        );
    } else {
        eprintln!("mknod is not allowed here: the device file case was not run");
    }
}

#[test]
fn hostile_config_and_rule_files_are_errors_not_crashes() {
    let deep = format!("exclude: {}1{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let huge = format!("exclude:\n{}", "  - \"a/**\"\n".repeat(200_000));
    // a huge config is refused by size, and one with thousands of globs by count, at once
    let many: String = (0..5000).map(|i| format!("  - \"dir{i}/**\"\n")).collect();
    let cases: Vec<(&str, String)> = vec![
        ("huge", huge),
        ("many globs", format!("exclude:\n{many}")),
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
