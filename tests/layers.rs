//! The modules import each other one way only: no circles.
//!
//! Every `crate::…`, `super::…` and `self::…` path in `src/` (in `use` declarations,
//! brace groups expanded, and in code) is resolved to the module it names. Between two
//! modules that are not one inside the other, the import is an edge between the two
//! sibling modules under their nearest common parent: `flow` → `lang` at the top,
//! `rules::ai` → `rules::authz` among the rule categories,
//! `rules::tenant::query::js` → `rules::tenant::query::node_orms` inside one folder.
//! Each folder's edges must form no cycle; a failure names the files of every edge of
//! the cycle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Module = Vec<String>;

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The module path of a source file: `src/a/b.rs` → [a, b], `src/a/mod.rs` → [a].
fn module_of(rel: &Path) -> Module {
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap_or_default();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" {
        parts.push(stem.to_string());
    }
    parts
}

fn is_module(m: &[String]) -> bool {
    let base = src_dir().join(m.join("/"));
    m.is_empty() || base.with_extension("rs").is_file() || base.join("mod.rs").is_file()
}

/// The longest prefix of a path that names a module.
fn resolve(path: &[String]) -> Module {
    (0..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|m| is_module(m))
        .unwrap_or_default()
}

/// `use a::{b, c::{d, e}}` → a::b, a::c::d, a::c::e.
fn expand(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        return vec![tree.to_string()];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .flat_map(expand)
        .map(|p| format!("{prefix}{p}"))
        .collect()
}

/// The crate-relative paths a file names.
fn paths_in(text: &str) -> Vec<String> {
    let code: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = Vec::new();
    // use declarations, with their brace groups
    let mut rest = code.as_str();
    while let Some(at) = rest.find("use ") {
        let before_ok = at == 0
            || !rest[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_');
        let tail = &rest[at + 4..];
        let end = tail.find(';').unwrap_or(tail.len());
        if before_ok {
            let decl: String = tail[..end].split_whitespace().collect();
            if decl.starts_with("crate::")
                || decl.starts_with("super::")
                || decl.starts_with("self::")
            {
                out.extend(expand(&decl));
            }
        }
        rest = &tail[end.min(tail.len())..];
    }
    // paths in code: crate::a::b(…), super::x::Y
    let bytes = code.as_bytes();
    for head in ["crate::", "super::"] {
        let mut from = 0;
        while let Some(i) = code[from..].find(head) {
            let at = from + i;
            from = at + head.len();
            let prev = at.checked_sub(1).map(|p| bytes[p] as char);
            if prev.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$' || c == ':') {
                continue;
            }
            let len = code[at..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(code.len() - at);
            out.push(code[at..at + len].trim_end_matches(':').to_string());
        }
    }
    out
}

/// A path as written in module `m`, from the crate root.
fn absolute(m: &Module, path: &str) -> Module {
    let mut segs = path.split("::").filter(|s| !s.is_empty());
    let mut base: Module = match segs.next() {
        Some("crate") => Vec::new(),
        Some("self") => m.clone(),
        Some("super") => m[..m.len().saturating_sub(1)].to_vec(),
        _ => return Vec::new(),
    };
    for s in segs {
        if s == "super" {
            base.pop();
        } else if s != "self" && s != "*" {
            base.push(s.to_string());
        }
    }
    base
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("read src").flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Edges between sibling modules, by their parent: parent → (from, to) → files.
type Edges = BTreeMap<Module, BTreeMap<(String, String), BTreeSet<String>>>;

fn sibling_edges() -> Edges {
    let src = src_dir();
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut edges = Edges::new();
    for file in files {
        let rel = file.strip_prefix(&src).expect("under src").to_path_buf();
        if rel == Path::new("main.rs") {
            continue; // the binary, a crate of its own
        }
        let from = module_of(&rel);
        let text = std::fs::read_to_string(&file).expect("read source");
        for path in paths_in(&text) {
            let to = resolve(&absolute(&from, &path));
            let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
            if common == from.len() || common == to.len() {
                continue; // one inside the other
            }
            edges
                .entry(from[..common].to_vec())
                .or_default()
                .entry((from[common].clone(), to[common].clone()))
                .or_default()
                .insert(rel.display().to_string());
        }
    }
    edges
}

/// The cycles among one folder's modules, each as its list of modules.
fn cycles(edges: &BTreeMap<(String, String), BTreeSet<String>>) -> Vec<Vec<String>> {
    let mut graph: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (a, b) in edges.keys() {
        graph.entry(a).or_default().push(b);
    }
    let mut found = Vec::new();
    // one cycle through each edge a → b, if b reaches a
    for (a, b) in edges.keys() {
        let mut stack = vec![(b.as_str(), vec![a.clone(), b.clone()])];
        let mut seen = BTreeSet::new();
        while let Some((n, path)) = stack.pop() {
            if n == a {
                let mut cycle = path.clone();
                cycle.pop();
                let min = cycle.iter().min().cloned().unwrap_or_default();
                let pos = cycle.iter().position(|x| *x == min).unwrap_or(0);
                cycle.rotate_left(pos);
                if !found.contains(&cycle) {
                    found.push(cycle);
                }
                break;
            }
            if !seen.insert(n) {
                continue;
            }
            for next in graph.get(n).into_iter().flatten() {
                let mut p = path.clone();
                p.push(next.to_string());
                stack.push((next, p));
            }
        }
    }
    found
}

#[test]
fn no_import_circles_between_modules() {
    let edges = sibling_edges();
    assert!(
        edges.get(&Vec::new()).is_some_and(|e| e.len() > 10),
        "the import graph was not read"
    );
    let mut report = String::new();
    for (parent, level) in &edges {
        for cycle in cycles(level) {
            let at = if parent.is_empty() {
                "crate".to_string()
            } else {
                parent.join("::")
            };
            report.push_str(&format!("in {at}: {}\n", cycle.join(" -> ")));
            for (i, a) in cycle.iter().enumerate() {
                let b = &cycle[(i + 1) % cycle.len()];
                let files = &level[&(a.clone(), b.clone())];
                report.push_str(&format!(
                    "    {a} -> {b}: {}\n",
                    files.iter().cloned().collect::<Vec<_>>().join(", ")
                ));
            }
        }
    }
    assert!(report.is_empty(), "import circles:\n{report}");
}

/// The checker itself finds a circle and reads brace groups and `super`.
#[test]
fn the_checker_sees_circles_and_brace_groups() {
    assert_eq!(
        expand("crate::a::{b,c::{d,e}}"),
        ["crate::a::b", "crate::a::c::d", "crate::a::c::e"]
    );
    let m: Module = vec!["rules".into(), "ai".into(), "x".into()];
    assert_eq!(
        absolute(&m, "super::super::authz::ROLE"),
        ["rules", "authz", "ROLE"]
    );
    let mut level = BTreeMap::new();
    for (a, b) in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")] {
        level.insert(
            (a.to_string(), b.to_string()),
            BTreeSet::from(["f.rs".to_string()]),
        );
    }
    assert_eq!(
        cycles(&level),
        vec![vec!["a".to_string(), "b".into(), "c".into()]]
    );
    level.remove(&("c".to_string(), "a".to_string()));
    assert!(cycles(&level).is_empty());
}
