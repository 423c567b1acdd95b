//! Which files to scan: a ripgrep-style walk (`.gitignore`, `.ignore`, `.shipsafeignore`),
//! minus dependencies, build output, lock files and config excludes. Symlinks are not
//! followed; FIFOs, sockets and devices are never opened.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use ignore::WalkBuilder;

use crate::lang::Lang;

/// Folders never scanned: dependencies, build output, caches, virtualenvs, VCS data.
pub const SKIPPED_DIRS: &[&str] = &[
    "node_modules",
    "bower_components",
    "jspm_packages",
    "dist",
    "build",
    "out",
    ".next",
    ".nuxt",
    ".output",
    ".svelte-kit",
    ".vercel",
    ".netlify",
    ".turbo",
    ".cache",
    ".parcel-cache",
    ".shipsafe-cache",
    "coverage",
    "target",
    ".venv",
    "venv",
    "__pycache__",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    ".tox",
    "site-packages",
    "vendor",
    "third_party",
    ".git",
    ".hg",
    ".svn",
    ".idea",
];

/// Lock files and other generated files never worth scanning.
pub const SKIPPED_FILES: &[&str] = &[
    "package-lock.json",
    "npm-shrinkwrap.json",
    "yarn.lock",
    "pnpm-lock.yaml",
    "bun.lockb",
    "bun.lock",
    "Cargo.lock",
    "poetry.lock",
    "Pipfile.lock",
    "uv.lock",
    "composer.lock",
    "Gemfile.lock",
    "deno.lock",
];

/// A file to scan.
#[derive(Debug, Clone)]
pub struct SourcePath {
    pub abs: PathBuf,
    /// POSIX path relative to the project root.
    pub rel: String,
    pub lang: Lang,
    pub size: u64,
}

/// A file passed over, with the reason (reported as a note, never silently dropped).
#[derive(Debug, Clone)]
pub struct Skipped {
    pub rel: String,
    pub reason: String,
}

pub struct Discovery {
    pub files: Vec<SourcePath>,
    pub skipped: Vec<Skipped>,
}

pub struct DiscoverOptions<'a> {
    pub paths: &'a [PathBuf],
    pub root: &'a Path,
    /// Exclude globs and the folder they are relative to.
    pub excludes: &'a [String],
    pub exclude_base: &'a Path,
    pub max_file_size: u64,
    /// Threads walking the folders (0: one per core).
    pub threads: usize,
}

/// Walks the given paths.
pub fn discover(opts: &DiscoverOptions<'_>) -> Result<Discovery, String> {
    let excludes = build_globs(opts.excludes)?;
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for path in opts.paths {
        // A file named explicitly is scanned whatever its name, if it is a language we read.
        let meta = std::fs::symlink_metadata(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let explicit = meta.is_file();
        let mut builder = WalkBuilder::new(path);
        builder
            .threads(opts.threads)
            .hidden(false)
            .follow_links(false)
            .git_ignore(true)
            .git_global(false)
            .git_exclude(true)
            .ignore(true)
            .parents(true)
            .require_git(false)
            .add_custom_ignore_filename(".shipsafeignore")
            .filter_entry(|e| {
                !(e.depth() > 0
                    && e.file_type().is_some_and(|t| t.is_dir())
                    && e.file_name()
                        .to_str()
                        .is_some_and(|n| SKIPPED_DIRS.contains(&n)))
            });
        // walked on every core (a folder's ignore files are read by the thread that
        // enters it); the order is made by the sort below
        let found = std::sync::Mutex::new(Vec::new());
        builder.build_parallel().run(|| {
            let found = &found;
            let excludes = &excludes;
            Box::new(move |entry| {
                if let Some(item) = entry_of(entry, opts, excludes, explicit) {
                    found.lock().unwrap_or_else(|e| e.into_inner()).push(item);
                }
                ignore::WalkState::Continue
            })
        });
        for item in found.into_inner().unwrap_or_else(|e| e.into_inner()) {
            match item {
                Ok(file) => files.push(file),
                Err(skip) => skipped.push(skip),
            }
        }
    }
    files.sort_by(|a, b| a.rel.cmp(&b.rel));
    files.dedup_by(|a, b| a.rel == b.rel);
    skipped.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok(Discovery { files, skipped })
}

/// What one entry of the walk is: a file to scan, one passed over with a note, or
/// nothing to say (a folder, a file of no language shipsafe reads, an excluded one).
fn entry_of(
    entry: Result<ignore::DirEntry, ignore::Error>,
    opts: &DiscoverOptions<'_>,
    excludes: &GlobSet,
    explicit: bool,
) -> Option<Result<SourcePath, Skipped>> {
    let entry = match entry {
        Ok(e) => e,
        Err(err) => {
            let rel = err_path(&err)
                .map(|p| rel_path(opts.root, &p))
                .unwrap_or_default();
            // the OS error alone when there is one: the path is the note's own
            let reason = match err.io_error() {
                Some(io) => match io.raw_os_error() {
                    Some(code) => {
                        format!("cannot read: {}", std::io::Error::from_raw_os_error(code))
                    }
                    None => format!("cannot read: {}", io.kind()),
                },
                None => format!("not scanned: {}", first_line(&err.to_string())),
            };
            return Some(Err(Skipped { rel, reason }));
        }
    };
    let ft = entry.file_type()?;
    if ft.is_dir() {
        return None;
    }
    let rel = rel_path(opts.root, entry.path());
    if ft.is_symlink() {
        if Lang::from_path(entry.path()).is_some() {
            return Some(Err(Skipped {
                rel,
                reason: "symbolic link: not followed".into(),
            }));
        }
        return None;
    }
    if !ft.is_file() {
        // FIFOs, sockets, devices: never opened.
        if Lang::from_path(entry.path()).is_some() {
            return Some(Err(Skipped {
                rel,
                reason: "not a regular file: not opened".into(),
            }));
        }
        return None;
    }
    let name = entry.file_name().to_string_lossy();
    if !explicit && (SKIPPED_FILES.contains(&name.as_ref()) || is_minified_name(&name)) {
        return None;
    }
    let lang = Lang::from_path(entry.path())?;
    if excluded(excludes, opts.exclude_base, entry.path()) {
        return None;
    }
    let size = match entry.metadata() {
        Ok(m) => m.len(),
        Err(e) => {
            return Some(Err(Skipped {
                rel,
                reason: format!("cannot read metadata: {}", first_line(&e.to_string())),
            }));
        }
    };
    let limit = if lang == Lang::Sql && is_migration(&rel) {
        opts.max_file_size.max(MAX_MIGRATION_SIZE)
    } else {
        opts.max_file_size
    };
    if size > limit {
        return Some(Err(Skipped {
            rel,
            reason: format!(
                "{size} bytes, over the {limit} byte limit (max_file_size in .shipsafe.yml)",
            ),
        }));
    }
    Some(Ok(SourcePath {
        abs: entry.path().to_path_buf(),
        rel,
        lang,
        size,
    }))
}

fn build_globs(globs: &[String]) -> Result<GlobSet, String> {
    let mut b = GlobSetBuilder::new();
    for g in globs {
        let pattern = g.trim_start_matches("./").trim_end_matches('/');
        let glob = |p: &str| Glob::new(p).map_err(|e| format!("invalid exclude glob `{g}`: {e}"));
        b.add(glob(pattern)?);
        // `dir` and `dir/**` both exclude a folder's contents; unanchored names match
        // at any depth, as in .gitignore.
        b.add(glob(&format!("{pattern}/**"))?);
        if !pattern.contains('/') {
            b.add(glob(&format!("**/{pattern}"))?);
            b.add(glob(&format!("**/{pattern}/**"))?);
        }
    }
    b.build().map_err(|e| format!("invalid exclude globs: {e}"))
}

fn excluded(set: &GlobSet, base: &Path, path: &Path) -> bool {
    if set.is_empty() {
        return false;
    }
    let rel = path.strip_prefix(base).unwrap_or(path);
    set.is_match(rel)
}

fn is_minified_name(name: &str) -> bool {
    name.contains(".min.") || name.ends_with(".bundle.js") || name.ends_with(".chunk.js")
}

/// POSIX path of `path` relative to `root` (or as given when outside it).
pub fn rel_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let s = rel
        .components()
        .filter_map(|c| match c {
            std::path::Component::Normal(p) => Some(p.to_string_lossy().into_owned()),
            std::path::Component::ParentDir => Some("..".into()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/");
    if s.is_empty() {
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    } else {
        s
    }
}

fn err_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            err_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or_default().to_string()
}

/// A SQL migration may be as large as this whatever `max_file_size` says: a project's
/// schema often lives in one `pg_dump` baseline of a few megabytes
/// (`supabase/migrations/00000000000000_baseline.sql`), and without it the data model
/// and every table's row level security are unknown. SQL is read statement by statement,
/// in linear time.
pub const MAX_MIGRATION_SIZE: u64 = 16 * 1024 * 1024;

/// A SQL file in a `migrations` folder (`supabase/migrations/`, `db/migrations/`).
fn is_migration(rel: &str) -> bool {
    rel.split('/')
        .rev()
        .skip(1)
        .any(|d| d.eq_ignore_ascii_case("migrations"))
}
