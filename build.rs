//! Embeds every declarative rule under `rules/` (YAML, with an optional Markdown file of
//! the same name beside it for its docs) into the binary.

use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-changed=rules");
    flatten();
    let mut files = Vec::new();
    collect(Path::new("rules"), &mut files);
    files.sort();
    let mut out = String::from("/// (path, YAML, sibling Markdown docs) of each embedded rule.\n");
    out.push_str("pub static EMBEDDED: &[(&str, &str, Option<&str>)] = &[\n");
    for yml in files {
        // paths from the crate's own folder at compile time, not this checkout's
        // absolute path: a target folder shared by two checkouts (or moved) still
        // embeds the rules of the one being built
        let rel = yml.to_string_lossy().replace('\\', "/");
        let embed =
            |rel: &str| format!("include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/{rel}\"))");
        let md = yml.with_extension("md");
        let docs = if md.exists() {
            format!("Some({})", embed(&md.to_string_lossy().replace('\\', "/")))
        } else {
            "None".to_string()
        };
        out.push_str(&format!("    ({rel:?}, {}, {docs}),\n", embed(&rel)));
    }
    out.push_str("];\n");
    let dest = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR")).join("embedded_rules.rs");
    fs::write(dest, out).expect("write embedded_rules.rs");
}

/// Compiles `src/lang/flatten.c`, which reads tree-sitter's subtrees: against the
/// internal headers of the tree-sitter crate being built (its `src/` beside the
/// `include/` folder it announces).
fn flatten() {
    println!("cargo:rerun-if-changed=src/lang/flatten.c");
    let include = PathBuf::from(
        std::env::var("DEP_TREE_SITTER_INCLUDE").expect("tree-sitter announces its headers"),
    );
    cc::Build::new()
        .file("src/lang/flatten.c")
        .include(&include)
        .include(include.join("../src"))
        .flag_if_supported("-std=c11")
        .compile("shipsafe_flatten");
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        println!("cargo:rerun-if-changed={}", path.display());
        if path.is_dir() {
            collect(&path, out);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yml" | "yaml")
        ) {
            out.push(path);
        }
    }
}
