//! The output formats, pinned: text, JSON, SARIF and GitHub annotations of the sample
//! app. Review changes with `cargo insta review`.

use std::path::Path;

use shipsafe::engine::{Report, ScanOptions, scan};
use shipsafe::output::{Format, OutputOptions, render};

fn report() -> Report {
    scan(&ScanOptions {
        paths: vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/sample-app")],
        ..Default::default()
    })
    .expect("scan")
}

fn opts() -> OutputOptions {
    OutputOptions {
        color: false,
        fail_on: Some(shipsafe::Severity::High),
        quiet: false,
        category: None,
    }
}

/// Paths are relative to the repository root in a git checkout and to the sample app
/// otherwise; pin them to one form.
fn normalize(s: String) -> String {
    s.replace("testdata/sample-app/", "")
}

#[test]
fn text_output() {
    insta::assert_snapshot!(normalize(render(&report(), Format::Text, &opts())));
}

#[test]
fn json_output() {
    insta::assert_snapshot!(normalize(render(&report(), Format::Json, &opts())));
}

#[test]
fn sarif_output() {
    let sarif = normalize(render(&report(), Format::Sarif, &opts()));
    let version = env!("CARGO_PKG_VERSION");
    insta::assert_snapshot!(sarif.replace(version, "[VERSION]"));
}

#[test]
fn github_output() {
    insta::assert_snapshot!(normalize(render(&report(), Format::Github, &opts())));
}
