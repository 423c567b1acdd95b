//! The facts pass: what rules need to know about the whole project before any rule runs
//! (the data model, webhook verifiers and routes, browser bundles, Supabase config).
//!
//! Every file is read and decoded by [`crate::source::decode`], as the scan reads it, so
//! a UTF-16 or invalid UTF-8 file counts in the facts too. A file the facts must parse
//! (a model or schema file) is parsed here once and handed to the scan, which does not
//! parse it again (except a rare UTF-16 or BOM-prefixed one). The other files are only
//! searched as text here, and their text is not kept: reading a file again costs far
//! less than holding every file of a large repository in memory until the scan reaches
//! it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use super::parse::{ParsedFile, looks_minified, parse_file};
use crate::cache::Cache;
use crate::discover::SourcePath;
use crate::facts::{ConfigFile, ProjectFacts, schema, webhooks};
use crate::finding::Note;
use crate::lang::{Lang, Syntax};
use crate::source::{Decoded, SourceText, decode};

/// A tree the facts pass parsed, kept for the scan, with the file's text, its parse
/// notes and the hash of its content (for the cache). A tree-sitter tree, never a `syn`
/// one (which cannot cross threads).
struct Kept {
    content: String,
    src: SourceText,
    tree: crate::lang::syntax::Tree,
    notes: Vec<Note>,
}

/// Files parsed by the facts pass, by path; the scan takes each out once. Only files
/// whose text is exactly their bytes are kept, so the content hash is the one the scan
/// would take of the bytes.
#[derive(Default)]
pub struct ParsedFiles(Mutex<HashMap<String, Kept>>);

impl ParsedFiles {
    fn keep(&self, rel: &str, file: ParsedFile) {
        let ParsedFile {
            src,
            syntax: Syntax::TreeSitter(tree),
            notes,
        } = file
        else {
            return;
        };
        let content = Cache::content_hash(src.text.as_bytes());
        if let Ok(mut kept) = self.0.lock() {
            let k = Kept {
                content,
                src,
                tree,
                notes,
            };
            kept.insert(rel.to_string(), k);
        }
    }

    /// The parse of a file and its content hash, if the facts pass kept it.
    pub fn take(&self, rel: &str) -> Option<(String, ParsedFile)> {
        let k = self.0.lock().ok()?.remove(rel)?;
        let file = ParsedFile {
            src: k.src,
            syntax: Syntax::TreeSitter(k.tree),
            notes: k.notes,
        };
        Some((k.content, file))
    }
}

/// What one code file tells the facts pass.
#[derive(Default)]
struct PerFile {
    schema: Option<schema::FileSchema>,
    verifiers: Vec<String>,
    guards: Vec<String>,
    /// The text of a module the edge functions share, whose functions may call a guard.
    guard_text: Option<String>,
    routes: Vec<String>,
    /// The text, when it may hold a function that hands a webhook to a verifier.
    webhook_text: Option<String>,
    /// Edge functions SQL calls (see [`crate::facts::edge::database_invoked`]).
    invoked: Vec<String>,
}

fn read(file: &SourcePath) -> Option<Decoded> {
    decode(std::fs::read(&file.abs).ok()?).ok()
}

/// Small config files, then every file that may declare a schema or verify a webhook,
/// read (and, for schema files, parsed) in parallel, merged into the project's facts.
pub fn gather(
    files: &[SourcePath],
    config: &crate::config::Config,
    scanned: &(dyn Fn(&SourcePath) -> bool + Sync),
) -> (ProjectFacts, ParsedFiles) {
    let texts: Vec<(String, String)> = files
        .iter()
        .filter(|f| ProjectFacts::wants(&f.rel))
        .filter_map(|f| read(f).map(|d| (f.rel.clone(), d.text)))
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
            .unwrap_or_else(PathBuf::new);
        facts
            .vite_roots
            .retain(|dir| root.join(dir).join("index.html").exists());
    }
    let extra = &config.tenant.columns;
    let parsed = ParsedFiles::default();
    let wanted: Vec<&SourcePath> = files
        .iter()
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
        .collect();
    // an indexed map collects straight into one vector: a filter would gather each job's
    // result in a vector of its own, a large allocation per file
    let per_file: Vec<Option<PerFile>> = wanted
        .par_iter()
        .with_max_len(1)
        .map(|f| {
            let decoded = read(f)?;
            let mut out = PerFile::default();
            let wants_schema = schema::wants(f.lang, &decoded.text);
            if wants_schema && f.lang.uses_tree_sitter() {
                // parsed here for the model declarations, and kept for the scan
                let keep = scanned(f) && decoded.unchanged && !looks_minified(&decoded.text);
                let file = parse_file(&f.rel, f.lang, decoded.text);
                let text = &file.src.text;
                out.schema = Some(schema::extract(&f.rel, f.lang, text, file.tree(), extra));
                analyse_text(f, text, &mut out);
                if keep {
                    parsed.keep(&f.rel, file);
                }
            } else {
                if wants_schema {
                    let s = schema::extract(&f.rel, f.lang, &decoded.text, None, extra);
                    out.schema = Some(s);
                }
                analyse_text(f, &decoded.text, &mut out);
            }
            Some(out)
        })
        .collect();
    let per_file = per_file.into_iter().flatten();
    let mut schemas = Vec::new();
    let mut webhook_texts = Vec::new();
    let mut guard_texts = Vec::new();
    for f in per_file {
        schemas.extend(f.schema);
        facts.webhook_verifiers.extend(f.verifiers);
        facts.edge_guards.extend(f.guards);
        guard_texts.extend(f.guard_text);
        facts.webhook_routes.extend(f.routes);
        webhook_texts.extend(f.webhook_text);
        facts.scheduled_edge_functions.extend(f.invoked);
    }
    // functions that call a verifier verify too (two levels: a task that calls a
    // signature helper, a handler that queues the task)
    add_callers(&webhook_texts, &mut facts.webhook_verifiers);
    // shared helpers that call a guard guard too (`handleRequest` calls `requireAuth`)
    add_callers(&guard_texts, &mut facts.edge_guards);
    (facts.data, facts.databases) =
        schema::merge(schemas, extra, &facts.supabase_projects, &facts.api_schemas);
    facts.tenant_columns = extra.clone();
    let mut globs = globset::GlobSetBuilder::new();
    for g in &config.tenant.cross_tenant {
        if let Ok(glob) = globset::Glob::new(g.trim_start_matches("./")) {
            globs.add(glob);
        }
    }
    facts.cross_tenant = globs.build().ok().filter(|g| !g.is_empty());
    (facts, parsed)
}

/// Adds to `names` the functions of `texts` that call one of them, two calls deep.
fn add_callers(texts: &[String], names: &mut std::collections::BTreeSet<String>) {
    for _ in 0..2 {
        let found: Vec<String> = texts
            .par_iter()
            .flat_map(|t| webhooks::callers_of(t, names))
            .collect();
        names.extend(found);
    }
}

/// The text facts of a code file: webhook verifiers it defines, Python webhook routes,
/// and its text when it may hand a webhook to a verifier.
fn analyse_text(f: &SourcePath, text: &str, out: &mut PerFile) {
    if f.lang == Lang::Sql && text.contains("/functions/v1/") {
        out.invoked = crate::facts::edge::database_invoked(text);
    }
    if matches!(f.lang, Lang::Prisma | Lang::Sql | Lang::Text) {
        return;
    }
    out.verifiers = webhooks::verifier_functions(text);
    if crate::facts::edge::shared_module(&f.rel) {
        out.guards = crate::facts::edge::guard_functions(text);
        out.guard_text = Some(text.to_string());
    }
    if f.lang == Lang::Python {
        out.routes = webhooks::python_webhook_routes(text);
    }
    let lower = text.to_ascii_lowercase();
    if lower.contains("webhook") || lower.contains("signature") {
        out.webhook_text = Some(text.to_string());
    }
}
