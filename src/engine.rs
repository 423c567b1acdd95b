//! The pipeline: discover → read and parse each file once, in parallel → project facts →
//! rules (one walk of each tree) → suppressions → a [`Report`].

mod conditions;
mod facts;
mod finalize;
mod parse;
pub mod ruleset;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use facts::ParsedFiles;
use parse::{ParsedFile, looks_minified, parse_file};
pub use ruleset::RuleSet;

use crate::cache::{self, Cache};
use crate::config::{self, LoadedConfig};
use crate::discover::{self, DiscoverOptions, SourcePath};
use crate::error::FileError;
use crate::facts::{FileFacts, ProjectFacts};
pub use crate::finding::{FileOutcome, Note, Report};
use crate::lang::Lang;
use crate::rules::{FileCx, Sink};

/// Told `(files done, total)` as the scan goes, from the worker threads.
#[derive(Clone)]
pub struct Progress(pub std::sync::Arc<dyn Fn(usize, usize) + Send + Sync>);

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Progress")
    }
}

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
    /// Told how far the scan is after each file (the CLI shows it on terminals only).
    pub progress: Option<Progress>,
    /// Keep every file's summary in [`Report::modules`] for the project index
    /// ([`project_index`]); `shipsafe routes` turns it on. Off, a scan without the cache
    /// takes no summaries at all, and one with it stores them in the cache only.
    pub index: bool,
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
        threads: opts.threads.unwrap_or(0),
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

    let mut grammars: Vec<Lang> = discovery.files.iter().map(|f| f.lang).collect();
    grammars.sort();
    grammars.dedup();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads.unwrap_or(0))
        .stack_size(16 * 1024 * 1024)
        .build()
        .map_err(|e| Box::new(FileError::plain("shipsafe::threads", "", e.to_string())))?;
    let in_this_shard = |f: &SourcePath| opts.shard.is_none_or(|s| in_shard(&f.rel, s));
    // the rules' queries are compiled while the facts are gathered: the compiling is
    // one thread's work, a tenth of a second
    let (rules, (facts, parsed)) = pool.install(|| {
        rayon::join(
            || RuleSet::build_for(&loaded, &opts.only_rules, &opts.skip_rules, Some(&grammars)),
            || facts::gather(&discovery.files, &loaded.config, &in_this_shard),
        )
    });
    let rules = rules?;
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
    let shard: Vec<&SourcePath> = discovery
        .files
        .iter()
        .filter(|f| in_this_shard(f))
        .collect();
    let outcomes: Vec<(&SourcePath, FileOutcome)> = pool.install(|| {
        // an indexed map collects straight into one vector (a filter would gather each
        // job's result in a vector of its own, a large allocation per file)
        shard
            .par_iter()
            // one job per file: left to split adaptively, rayon hands one thread a run of
            // heavy files (API routes sort together) and leaves the other cores idle
            .with_max_len(1)
            .map(|&f| {
                let mut o = scan_path(f, &rules, &facts, &parsed, cache.as_ref(), true);
                if !opts.index {
                    // what the findings' conditions need of it: names and definitions
                    o.summary = std::mem::take(&mut o.summary).slim();
                }
                let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                if let Some(Progress(tell)) = &opts.progress {
                    tell(n, total);
                }
                (f, o)
            })
            .collect()
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
        .chain(facts.data.notes.iter().map(|(root, line, message)| Note {
            path: if root.is_empty() {
                ".".to_string()
            } else {
                root.clone()
            },
            line: *line,
            message: message.clone(),
        }))
        .collect();
    let mut files_scanned = 0;
    let mut modules = Vec::new();
    for (f, o) in outcomes {
        files_scanned += usize::from(o.scanned);
        findings.extend(o.findings);
        notes.extend(o.notes);
        if !o.summary.is_empty() {
            modules.push((f.rel.clone(), f.lang, o.summary));
        }
    }
    notes.sort();
    // notes quote files (a suppression comment, a statement PostgreSQL would refuse):
    // they are printed, so they are masked like every other printed line
    for n in &mut notes {
        n.message = crate::redact::mask_credentials(&n.message);
    }
    let by_rel: std::collections::HashMap<&str, &SourcePath> = discovery
        .files
        .iter()
        .map(|f| (f.rel.as_str(), f))
        .collect();
    let uses_at = |rel: &str, forms: &[&[String]]| match by_rel.get(rel) {
        Some(file) => uses_in_file(file, forms, &facts),
        None => vec![None; forms.len()],
    };
    let decided = if opts.index {
        modules.clone()
    } else {
        std::mem::take(&mut modules)
    };
    conditions::decide(&root, &mut findings, decided, &discovery.files, &uses_at);
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
        modules,
    })
}

/// The project index of a scan: the summaries of its files joined across files, reading
/// `tsconfig.json`-style config files under the report's root as imports need them.
pub fn project_index(report: &Report) -> crate::index::ProjectIndex {
    index_of(&report.root, report.modules.clone())
}

/// The project index of the summaries a scan kept.
pub(crate) fn index_of(
    root: &Path,
    modules: Vec<(String, Lang, crate::index::ModuleSummary)>,
) -> crate::index::ProjectIndex {
    let root = root.to_path_buf();
    let read = Box::new(move |rel: &str| -> Option<String> {
        let path = root.join(rel);
        let meta = std::fs::metadata(&path).ok()?;
        // config files only: a few kilobytes
        if !meta.is_file() || meta.len() > 1024 * 1024 {
            return None;
        }
        std::fs::read_to_string(path).ok()
    });
    let paths: Vec<String> = modules.iter().map(|(p, _, _)| p.clone()).collect();
    crate::index::ProjectIndex::new(modules, paths, read)
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
        scheduled_edge_functions,
        data,
        databases,
        tenant_columns,
        webhook_verifiers,
        edge_guards,
        webhook_routes,
        supabase_projects,
        api_schemas,
        served_modules,
        cross_tenant: _,
    } = facts;
    format!(
        "{vite_roots:?}{unverified_edge_functions:?}{scheduled_edge_functions:?}{data:?}{databases:?}{tenant_columns:?}{webhook_verifiers:?}{edge_guards:?}{webhook_routes:?}{supabase_projects:?}{api_schemas:?}{served_modules:?}"
    )
}

fn scan_path(
    file: &SourcePath,
    rules: &RuleSet,
    facts: &ProjectFacts,
    parsed: &ParsedFiles,
    cache: Option<&Cache>,
    summarize: bool,
) -> FileOutcome {
    /// What the scan starts from.
    enum Input {
        /// Parsed already by the facts pass: not read or parsed again.
        Parsed(ParsedFile),
        Bytes(Vec<u8>),
    }
    let (content, input) = match parsed.take(&file.rel) {
        Some((content, parse)) => (Some(content), Input::Parsed(parse)),
        None => match std::fs::read(&file.abs) {
            Ok(bytes) => (
                cache.map(|_| Cache::content_hash(&bytes)),
                Input::Bytes(bytes),
            ),
            Err(e) => return FileOutcome::skipped(&file.rel, format!("cannot read: {e}")),
        },
    };
    if let (Some(c), Some(content)) = (cache, &content)
        && let Some(outcome) = c.get(&file.rel, content)
    {
        return outcome;
    }
    let outcome = match input {
        Input::Parsed(parse) => check_parsed(&file.rel, file.lang, parse, rules, facts, summarize),
        Input::Bytes(bytes) => scan_bytes(file, bytes, rules, facts, summarize),
    };
    if let (Some(c), Some(content)) = (cache, content) {
        c.put(&file.rel, content, &outcome);
    }
    outcome
}

/// Scans a file's bytes: decoded by [`crate::source::decode`] (UTF-16, invalid UTF-8,
/// binary files skipped).
fn scan_bytes(
    file: &SourcePath,
    bytes: Vec<u8>,
    rules: &RuleSet,
    facts: &ProjectFacts,
    summarize: bool,
) -> FileOutcome {
    match crate::source::decode(bytes) {
        Ok(decoded) => {
            let mut outcome =
                scan_text(&file.rel, file.lang, decoded.text, rules, facts, summarize);
            prepend_notes(&file.rel, decoded.notes, &mut outcome);
            outcome
        }
        Err(message) => FileOutcome::skipped(&file.rel, message),
    }
}

/// What decoding noted comes before the file's other notes.
fn prepend_notes(rel: &str, messages: Vec<String>, outcome: &mut FileOutcome) {
    let notes = messages.into_iter().map(|message| Note {
        path: rel.to_string(),
        line: None,
        message,
    });
    outcome.notes.splice(0..0, notes);
}

/// Scans one file's text: parse once, run every rule, finalize findings. Used by the
/// engine and by tests that scan snippets.
pub fn scan_source(
    rel: &str,
    lang: Lang,
    text: String,
    rules: &RuleSet,
    facts: &ProjectFacts,
) -> FileOutcome {
    scan_text(rel, lang, text, rules, facts, true)
}

fn scan_text(
    rel: &str,
    lang: Lang,
    mut text: String,
    rules: &RuleSet,
    facts: &ProjectFacts,
    summarize: bool,
) -> FileOutcome {
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    if looks_minified(&text) {
        return FileOutcome::skipped(
            rel,
            "minified or generated (very long lines): not scanned".into(),
        );
    }
    check_parsed(
        rel,
        lang,
        parse_file(rel, lang, text),
        rules,
        facts,
        summarize,
    )
}

/// Reads and parses a file again to tell the conditions at each call of an imported
/// function there (see [`crate::finding::Condition::EveryImporter`]), for each list of
/// the forms that name one: a few files, once every file is scanned, and only for the
/// findings that ask. `None` for a list when it cannot be told.
fn uses_in_file(
    file: &SourcePath,
    forms: &[&[String]],
    facts: &ProjectFacts,
) -> Vec<Option<conditions::SiteConditions>> {
    let parsed = std::fs::read(&file.abs)
        .ok()
        .and_then(|bytes| crate::source::decode(bytes).ok())
        .filter(|decoded| !looks_minified(&decoded.text))
        .map(|decoded| parse_file(&file.rel, file.lang, decoded.text));
    let Some(ParsedFile { src, syntax, .. }) = parsed else {
        return vec![None; forms.len()];
    };
    let file_facts = FileFacts::of(&file.rel, &src.text, facts);
    let cx = FileCx::new(&file.rel, file.lang, &src, &syntax, facts, &file_facts);
    forms
        .iter()
        .map(|forms| crate::rules::tenant::conditions_at_uses(&cx, forms))
        .collect()
}

/// Runs every rule over a parsed file and finalizes its findings.
fn check_parsed(
    rel: &str,
    lang: Lang,
    parsed: ParsedFile,
    rules: &RuleSet,
    facts: &ProjectFacts,
    summarize: bool,
) -> FileOutcome {
    let ParsedFile {
        src,
        syntax,
        mut notes,
    } = parsed;
    let file_facts = FileFacts::of(rel, &src.text, facts);
    let cx = FileCx::new(rel, lang, &src, &syntax, facts, &file_facts);
    let mut sink = Sink::default();
    // the file's summary for the project index, taken in the rules' walk of the tree
    let mut builder = summarize
        .then(|| crate::index::summary::ModuleSummary::builder(rel, lang, &src, &syntax))
        .flatten();
    match &mut builder {
        Some(b) => rules.run(&cx, &mut sink, Some(&mut |n| b.visit(n))),
        None => rules.run(&cx, &mut sink, None),
    }
    let summary = match builder {
        Some(b) => b.finish(rel),
        // a Rust file's summary comes from its `syn` tree; text formats have none
        None if summarize => crate::index::ModuleSummary::of(rel, lang, &src, &syntax),
        None => Default::default(),
    };
    for (rule, range, message) in std::mem::take(&mut sink.notes) {
        notes.push(Note {
            path: rel.to_string(),
            line: Some(src.line_col(range.start).0),
            message: format!("{}: {message}", rules.meta(rule).id),
        });
    }
    let (findings, sup_notes) = finalize::finalize(&cx, rules, sink.items);
    notes.extend(sup_notes);
    let mut summary = summary;
    summary.admin_gates = crate::flow::guards::admin_gates(&summary, &src);
    summary.service_role_clients =
        crate::rules::tenant::query::source::service_role_clients(&summary, &src);
    FileOutcome {
        scanned: true,
        findings,
        notes,
        summary,
    }
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
            let o = scan_path(&file, &rules, &facts, &ParsedFiles::default(), c, true);
            assert!(!o.scanned);
            assert_eq!(o.notes.len(), 1);
            assert!(
                o.notes[0].message.starts_with("cannot read: No such file"),
                "{:?}",
                o.notes
            );
        }
        std::fs::create_dir(&abs).expect("a folder in its place");
        let o = scan_path(
            &file,
            &rules,
            &facts,
            &ParsedFiles::default(),
            Some(&cache),
            true,
        );
        assert!(
            o.notes[0].message.starts_with("cannot read:"),
            "{:?}",
            o.notes
        );
        assert_eq!(cache.hits(), 0);
    }

    /// The facts pass reads files as the scan does: a schema saved as UTF-16 (and one
    /// with invalid UTF-8) still declares its tenant-scoped models, so the query that
    /// forgets the tenant filter is found; the model file parsed for the facts is not
    /// parsed again and still reports its own findings.
    #[test]
    fn facts_read_files_as_the_scan_does() {
        let schema = "model Project {\n  id String @id\n  orgId String\n  name String\n}\n";
        let query = "import { prisma } from \"./db\";\nexport async function GET() {\n  return prisma.project.findMany({ where: { name: \"x\" } });\n}\n";
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(schema.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let mut bad_utf8 = schema.as_bytes().to_vec();
        bad_utf8.extend([b'/', b'/', 0xC3, 0x28, b'\n']);
        for (name, bytes) in [("utf-16", utf16), ("invalid utf-8", bad_utf8)] {
            let dir = tempfile::tempdir().expect("tempdir");
            std::fs::write(dir.path().join("schema.prisma"), &bytes).expect("write");
            std::fs::write(dir.path().join("route.ts"), query).expect("write");
            let report = scan(&ScanOptions {
                paths: vec![dir.path().to_path_buf()],
                ..Default::default()
            })
            .expect("scan");
            let rules: Vec<&str> = report.findings.iter().map(|f| f.rule_id.as_str()).collect();
            assert_eq!(rules, ["tenant/missing-org-filter"], "{name}");
        }
        // a Drizzle schema file: parsed once, for the facts, and its own query reported
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(
            dir.path().join("schema.ts"),
            "import { pgTable, text } from \"drizzle-orm/pg-core\";\nexport const projects = pgTable(\"projects\", { id: text(\"id\").primaryKey(), orgId: text(\"org_id\") });\nexport async function all(db) {\n  return db.select().from(projects);\n}\n",
        )
        .expect("write");
        // called by a route: a helper nothing names serves no request
        std::fs::write(
            dir.path().join("route.ts"),
            "import { all } from \"./schema\";\nexport async function GET() {\n  return Response.json(await all(db));\n}\n",
        )
        .expect("write");
        let report = scan(&ScanOptions {
            paths: vec![dir.path().to_path_buf()],
            ..Default::default()
        })
        .expect("scan");
        let lines: Vec<(String, usize)> = report
            .findings
            .iter()
            .map(|f| (f.rule_id.clone(), f.span.start_line))
            .collect();
        assert_eq!(lines, [("tenant/missing-org-filter".to_string(), 4)]);
    }
}
