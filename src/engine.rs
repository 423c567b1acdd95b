//! The pipeline: discover → read and parse each file once, in parallel → project facts →
//! rules (one walk of each tree) → suppressions → a [`Report`].

mod finalize;
pub mod ruleset;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use ruleset::RuleSet;

use crate::cache::{self, Cache};
use crate::config::{self, LoadedConfig};
use crate::discover::{self, DiscoverOptions, SourcePath};
use crate::error::FileError;
use crate::facts::{ConfigFile, FileFacts, ProjectFacts, schema};
pub use crate::finding::{FileOutcome, Note, Report};
use crate::lang::{Lang, Syntax, rust, treesitter};
use crate::rules::{FileCx, Sink};
use crate::source::SourceText;

/// What to scan and how.
#[derive(Debug, Default, Clone)]
pub struct ScanOptions {
    pub paths: Vec<PathBuf>,
    pub config: Option<PathBuf>,
    /// Only rules matching one of these ids or prefixes (all when empty).
    pub only_rules: Vec<String>,
    pub skip_rules: Vec<String>,
    pub threads: Option<usize>,
    /// `(i, n)`: scan only the i-th of n deterministic slices of the files (1-based), for
    /// CI matrices; facts still come from every file.
    pub shard: Option<(usize, usize)>,
    /// Show `files done / total` on standard error while scanning (the CLI turns it on
    /// for terminals only, never in CI logs or piped output).
    pub progress: bool,
    /// Reuse the results of files unchanged since the last scan with the same rules,
    /// settings and project facts, from `.shipsafe-cache/` at the project root (see
    /// [`crate::cache`]); the CLI turns it on unless `--no-cache`.
    pub cache: bool,
}

/// Whether a file belongs to shard `i` of `n` (1-based): by a hash of its path from the
/// project root, the same on every machine.
pub fn in_shard(rel: &str, (i, n): (usize, usize)) -> bool {
    // FNV-1a: stable across platforms and Rust versions, unlike the std hasher
    let mut h: u64 = 0xcbf29ce484222325;
    for b in rel.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    n > 0 && (h % n as u64) as usize == i.saturating_sub(1)
}

/// Scans the given paths.
pub fn scan(opts: &ScanOptions) -> Result<Report, Box<FileError>> {
    let paths: Vec<PathBuf> = if opts.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        opts.paths.clone()
    };
    for p in &paths {
        if std::fs::symlink_metadata(p).is_err() {
            return Err(Box::new(FileError::plain(
                "shipsafe::path",
                p.display().to_string(),
                format!("{}: no such file or directory", p.display()),
            )));
        }
    }
    let first = absolute(&paths[0]);
    let start = if first.is_dir() {
        first.clone()
    } else {
        first
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or(first.clone())
    };
    let root = project_root(&start);
    let loaded = match &opts.config {
        Some(p) => config::load(p)?,
        None => match config::find(&start, &root) {
            Some(p) => config::load(&p)?,
            None => LoadedConfig::default(),
        },
    };
    let rules = RuleSet::build(&loaded, &opts.only_rules, &opts.skip_rules)?;
    let abs_paths: Vec<PathBuf> = paths.iter().map(|p| absolute(p)).collect();
    let exclude_base = loaded
        .base_dir()
        .map(absolute)
        .unwrap_or_else(|| root.clone());
    let discovery = discover::discover(&DiscoverOptions {
        paths: &abs_paths,
        root: &root,
        excludes: &loaded.config.exclude,
        exclude_base: &exclude_base,
        max_file_size: loaded
            .config
            .max_file_size
            .unwrap_or(config::DEFAULT_MAX_FILE_SIZE),
    })
    .map_err(|m| {
        Box::new(FileError::plain(
            "shipsafe::discover",
            loaded
                .path
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            m,
        ))
    })?;

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads.unwrap_or(0))
        .stack_size(16 * 1024 * 1024)
        .build()
        .map_err(|e| Box::new(FileError::plain("shipsafe::threads", "", e.to_string())))?;
    let facts = pool.install(|| gather_facts(&discovery.files, &loaded.config));
    let cache = opts.cache.then(|| {
        let key = cache::key(&[
            &cache::build_id(),
            &format!("{:?}", loaded.config),
            &format!("{:?}", rules.metas()),
            &custom_rules_text(&loaded),
            &facts_text(&facts),
        ]);
        Cache::open(&root.join(cache::DIR_NAME), key)
    });
    let total = discovery.files.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let finished = std::sync::atomic::AtomicBool::new(false);
    let outcomes: Vec<FileOutcome> = std::thread::scope(|scope| {
        if opts.progress {
            scope.spawn(|| progress(&done, &finished, total));
        }
        let outcomes = pool.install(|| {
            discovery
                .files
                .par_iter()
                .filter(|f| opts.shard.is_none_or(|s| in_shard(&f.rel, s)))
                .map(|f| {
                    let o = scan_path(f, &rules, &facts, cache.as_ref());
                    done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    o
                })
                .collect()
        });
        finished.store(true, std::sync::atomic::Ordering::Relaxed);
        outcomes
    });

    let mut findings = Vec::new();
    let mut notes: Vec<Note> = discovery
        .skipped
        .into_iter()
        .filter(|s| opts.shard.is_none_or(|sh| in_shard(&s.rel, sh)))
        .map(|s| Note {
            path: s.rel,
            line: None,
            message: s.reason,
        })
        .collect();
    let mut files_scanned = 0;
    for o in outcomes {
        files_scanned += usize::from(o.scanned);
        findings.extend(o.findings);
        notes.extend(o.notes);
    }
    notes.sort();
    let files_cached = cache.as_ref().map_or(0, Cache::hits);
    if let Some(c) = cache {
        // a cache that cannot be written (a read-only checkout) only costs speed
        let _ = c.save();
    }
    Ok(Report {
        root,
        findings,
        notes,
        rules: rules.metas(),
        files_scanned,
        files_cached,
    })
}

/// The text of the config's custom rule files (the files the rule set loaded), for the
/// cache key: their patterns are not in the rules' metadata.
fn custom_rules_text(loaded: &LoadedConfig) -> String {
    let Some(dir) = &loaded.config.custom_rules else {
        return String::new();
    };
    let folder = loaded.base_dir().unwrap_or(Path::new(".")).join(&dir.value);
    crate::rules::declarative::rule_files(&folder)
        .unwrap_or_default()
        .iter()
        .map(|p| {
            let text = std::fs::read(p).unwrap_or_default();
            format!("{}\n{}\n", p.display(), String::from_utf8_lossy(&text))
        })
        .collect()
}

/// The project facts, for the cache key: a file's findings depend on them. Written out
/// field by field so that a new field cannot be forgotten (the pattern must name it);
/// the cross-tenant globs come from the config, which the key holds already.
fn facts_text(facts: &ProjectFacts) -> String {
    let ProjectFacts {
        vite_roots,
        unverified_edge_functions,
        data,
        tenant_columns,
        webhook_verifiers,
        webhook_routes,
        cross_tenant: _,
    } = facts;
    format!(
        "{vite_roots:?}{unverified_edge_functions:?}{data:?}{tenant_columns:?}{webhook_verifiers:?}{webhook_routes:?}"
    )
}

/// Prints `files done / total` on standard error every 200 ms once a scan has run for
/// half a second, and clears the line at the end.
fn progress(
    done: &std::sync::atomic::AtomicUsize,
    finished: &std::sync::atomic::AtomicBool,
    total: usize,
) {
    use std::io::Write;
    use std::sync::atomic::Ordering::Relaxed;
    let started = std::time::Instant::now();
    let mut shown = false;
    while !finished.load(Relaxed) {
        std::thread::sleep(std::time::Duration::from_millis(100));
        if started.elapsed() < std::time::Duration::from_millis(500) {
            continue;
        }
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\rshipsafe: {}/{total} files", done.load(Relaxed));
        let _ = err.flush();
        shown = true;
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    if shown {
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K");
        let _ = err.flush();
    }
}

fn scan_path(
    file: &SourcePath,
    rules: &RuleSet,
    facts: &ProjectFacts,
    cache: Option<&Cache>,
) -> FileOutcome {
    let note = |message: String| FileOutcome::skipped(&file.rel, message);
    let bytes = match std::fs::read(&file.abs) {
        Ok(b) => b,
        Err(e) => return note(format!("cannot read: {e}")),
    };
    let Some(cache) = cache else {
        return scan_bytes(file, bytes, rules, facts);
    };
    let content = Cache::content_hash(&bytes);
    if let Some(outcome) = cache.get(&file.rel, &content) {
        return outcome;
    }
    let outcome = scan_bytes(file, bytes, rules, facts);
    cache.put(&file.rel, content, &outcome);
    outcome
}

/// Scans a file's bytes: UTF-16 decoded, binary files skipped, invalid UTF-8 replaced.
fn scan_bytes(
    file: &SourcePath,
    bytes: Vec<u8>,
    rules: &RuleSet,
    facts: &ProjectFacts,
) -> FileOutcome {
    let note = |message: String| FileOutcome::skipped(&file.rel, message);
    let mut notes = Vec::new();
    let bytes = match decode_utf16(&bytes) {
        Some(text) => {
            notes.push(Note {
                path: file.rel.clone(),
                line: None,
                message: "UTF-16 text: decoded before scanning".into(),
            });
            text.into_bytes()
        }
        None => bytes,
    };
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return note("binary file: not scanned".into());
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            notes.push(Note {
                path: file.rel.clone(),
                line: None,
                message: "invalid UTF-8: scanned with the bad bytes replaced".into(),
            });
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    };
    let mut outcome = scan_source(&file.rel, file.lang, text, rules, facts);
    outcome.notes.splice(0..0, notes);
    outcome
}

/// Text with a UTF-16 byte order mark, decoded (columns then count characters as usual).
fn decode_utf16(bytes: &[u8]) -> Option<String> {
    let le = match bytes {
        [0xFF, 0xFE, ..] => true,
        [0xFE, 0xFF, ..] => false,
        _ => return None,
    };
    let units = bytes[2..].chunks_exact(2).map(|c| {
        if le {
            u16::from_le_bytes([c[0], c[1]])
        } else {
            u16::from_be_bytes([c[0], c[1]])
        }
    });
    Some(
        char::decode_utf16(units)
            .map(|r| r.unwrap_or('\u{FFFD}'))
            .collect(),
    )
}

/// Scans one file's text: parse once, run every rule, finalize findings. Used by the
/// engine and by tests that scan snippets.
pub fn scan_source(
    rel: &str,
    lang: Lang,
    mut text: String,
    rules: &RuleSet,
    facts: &ProjectFacts,
) -> FileOutcome {
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    let mut notes = Vec::new();
    if looks_minified(&text) {
        return FileOutcome::skipped(
            rel,
            "minified or generated (very long lines): not scanned".into(),
        );
    }
    let src = SourceText::new(text);
    let syntax = parse(rel, lang, &src, &mut notes);
    let file_facts = FileFacts::of(rel, &src.text, facts);
    let cx = FileCx {
        path: rel,
        lang,
        src: &src,
        syntax: &syntax,
        facts,
        file: &file_facts,
        comments: Default::default(),
        tenant_exempt: Default::default(),
        index: crate::index::FileIndex::new(&src.text),
    };
    let mut sink = Sink::default();
    rules.run(&cx, &mut sink);
    for (rule, range, message) in std::mem::take(&mut sink.notes) {
        notes.push(Note {
            path: rel.to_string(),
            line: Some(src.line_col(range.start).0),
            message: format!("{}: {message}", rules.meta(rule).id),
        });
    }
    let (findings, sup_notes) = finalize::finalize(&cx, rules, sink.items);
    notes.extend(sup_notes);
    FileOutcome {
        scanned: true,
        findings,
        notes,
    }
}

fn parse(rel: &str, lang: Lang, src: &SourceText, notes: &mut Vec<Note>) -> Syntax {
    let mut fail = |message: String, offset: Option<usize>| {
        notes.push(Note {
            path: rel.to_string(),
            line: offset.map(|o| src.line_col(o).0),
            message,
        });
    };
    if lang.uses_tree_sitter() {
        match treesitter::parse(lang, &src.text) {
            Ok(tree) => {
                if tree.root_node().has_error()
                    && let Some(at) = first_error(&tree, &src.text)
                {
                    fail(
                        format!(
                            "{lang} syntax error: parsed with recovery, some rules may miss code nearby"
                        ),
                        Some(at),
                    );
                }
                Syntax::TreeSitter(tree)
            }
            Err(m) => {
                fail(
                    format!("cannot parse as {lang}: {m}; only text rules ran"),
                    None,
                );
                Syntax::None
            }
        }
    } else if lang == Lang::Rust {
        match rust::parse(src) {
            Ok(file) => Syntax::Rust(Box::new(file)),
            Err((m, at)) => {
                fail(
                    format!("cannot parse as Rust: {m}; only text rules ran"),
                    Some(at),
                );
                Syntax::None
            }
        }
    } else {
        Syntax::None
    }
}

/// The first syntax error worth a note. The TSX/JSX grammars reject a bare `&` in JSX
/// text and attribute strings (`<p>R&D</p>`, `href="?a=1&b=2"`), which is valid code;
/// errors that only hold such an `&` are not reported.
fn first_error(tree: &tree_sitter::Tree, text: &str) -> Option<usize> {
    let mut found = None;
    treesitter::walk_tree(tree, |n| {
        if found.is_some() || !(n.is_error() || n.is_missing()) {
            return;
        }
        let t = treesitter::text(n, text);
        let in_jsx = || {
            let mut p = n.parent();
            while let Some(x) = p {
                if x.kind().starts_with("jsx") {
                    return true;
                }
                p = x.parent();
            }
            false
        };
        if n.is_error() && (t.starts_with('&') || (t.contains('&') && in_jsx())) {
            return;
        }
        found = Some(n.start_byte());
    });
    found
}

/// A file whose lines average over 1000 characters is minified or generated.
fn looks_minified(text: &str) -> bool {
    text.len() > 20_000 && text.len() / text.lines().count().max(1) > 1000
}

/// The facts pass: small config files, then every file that may declare a schema,
/// read and parsed in parallel, merged into the data model.
fn gather_facts(files: &[SourcePath], config: &crate::config::Config) -> ProjectFacts {
    let texts: Vec<(String, String)> = files
        .iter()
        .filter(|f| ProjectFacts::wants(&f.rel))
        .filter_map(|f| {
            std::fs::read_to_string(&f.abs)
                .ok()
                .map(|t| (f.rel.clone(), t))
        })
        .collect();
    let configs: Vec<ConfigFile<'_>> = texts
        .iter()
        .map(|(p, t)| ConfigFile { path: p, text: t })
        .collect();
    let mut facts = ProjectFacts::gather(files.iter().map(|f| f.rel.as_str()), &configs);
    // a Vite app has its index.html beside vite.config.*; a vite.config alone is a
    // library build or a vitest setup, whose src/ runs on the server
    if let Some(vite_config) = files.iter().find(|f| {
        f.rel
            .rsplit('/')
            .next()
            .is_some_and(|n| n.starts_with("vite.config."))
    }) {
        let root = vite_config
            .abs
            .ancestors()
            .nth(vite_config.rel.split('/').count())
            .map(Path::to_path_buf)
            .unwrap_or_default();
        facts
            .vite_roots
            .retain(|dir| root.join(dir).join("index.html").exists());
    }
    let extra = &config.tenant.columns;
    // (schema, verifier functions, Python webhook routes, the text when it may hold a
    // function that hands a webhook to a verifier)
    type PerFile = (
        Option<schema::FileSchema>,
        Vec<String>,
        Vec<String>,
        Option<String>,
    );
    let per_file: Vec<PerFile> = files
        .par_iter()
        .filter(|f| {
            matches!(
                f.lang,
                Lang::Prisma
                    | Lang::Sql
                    | Lang::TypeScript
                    | Lang::Tsx
                    | Lang::JavaScript
                    | Lang::Python
                    | Lang::Rust
            )
        })
        .filter_map(|f| {
            let text = std::fs::read_to_string(&f.abs).ok()?;
            let schema =
                schema::wants(f.lang, &text).then(|| schema::extract(&f.rel, f.lang, &text, extra));
            let verifiers = if matches!(f.lang, Lang::Prisma | Lang::Sql) {
                Vec::new()
            } else {
                crate::facts::webhooks::verifier_functions(&text)
            };
            let routes = if f.lang == Lang::Python {
                crate::facts::webhooks::python_webhook_routes(&text)
            } else {
                Vec::new()
            };
            let lower = text.to_ascii_lowercase();
            let webhooky = !matches!(f.lang, Lang::Prisma | Lang::Sql)
                && (lower.contains("webhook") || lower.contains("signature"));
            Some((schema, verifiers, routes, webhooky.then_some(text)))
        })
        .collect();
    let mut schemas = Vec::new();
    let mut webhook_texts = Vec::new();
    for (schema, verifiers, routes, text) in per_file {
        schemas.extend(schema);
        facts.webhook_verifiers.extend(verifiers);
        facts.webhook_routes.extend(routes);
        webhook_texts.extend(text);
    }
    // functions that call a verifier verify too (two levels: a task that calls a
    // signature helper, a handler that queues the task)
    for _ in 0..2 {
        let found: Vec<String> = webhook_texts
            .par_iter()
            .flat_map(|t| crate::facts::webhooks::callers_of(t, &facts.webhook_verifiers))
            .collect();
        facts.webhook_verifiers.extend(found);
    }
    facts.data = schema::merge(schemas, extra);
    facts.tenant_columns = extra.clone();
    let mut globs = globset::GlobSetBuilder::new();
    for g in &config.tenant.cross_tenant {
        if let Ok(glob) = globset::Glob::new(g.trim_start_matches("./")) {
            globs.add(glob);
        }
    }
    facts.cross_tenant = globs.build().ok().filter(|g| !g.is_empty());
    facts
}

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

/// The repository root above `start` (the nearest folder with `.git`), else `start`.
fn project_root(start: &Path) -> PathBuf {
    let mut dir = Some(start);
    while let Some(d) = dir {
        if d.join(".git").exists() {
            return d.to_path_buf();
        }
        dir = d.parent();
    }
    start.to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file listed by discovery and gone (or turned into a folder) before it is read:
    /// a note, with the cache on or off, and nothing cached for it.
    #[test]
    fn a_file_deleted_after_discovery_is_a_note() {
        let dir = tempfile::tempdir().expect("tempdir");
        let abs = dir.path().join("gone.ts");
        std::fs::write(&abs, "const k = 1;\n").expect("write");
        let file = SourcePath {
            abs: abs.clone(),
            rel: "gone.ts".into(),
            lang: Lang::TypeScript,
            size: 13,
        };
        std::fs::remove_file(&abs).expect("delete");
        let rules = RuleSet::builtin().expect("rules");
        let facts = ProjectFacts::default();
        let cache = Cache::open(&dir.path().join(cache::DIR_NAME), "k".into());
        for c in [None, Some(&cache)] {
            let o = scan_path(&file, &rules, &facts, c);
            assert!(!o.scanned);
            assert_eq!(o.notes.len(), 1);
            assert!(
                o.notes[0].message.starts_with("cannot read: No such file"),
                "{:?}",
                o.notes
            );
        }
        std::fs::create_dir(&abs).expect("a folder in its place");
        let o = scan_path(&file, &rules, &facts, Some(&cache));
        assert!(
            o.notes[0].message.starts_with("cannot read:"),
            "{:?}",
            o.notes
        );
        assert_eq!(cache.hits(), 0);
    }
}
