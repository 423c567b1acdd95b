//! The results cache for repeated local runs, as ruff keeps one: what scanning each file
//! produced, keyed by the file's content, so that a second scan of an unchanged
//! repository reads and hashes its files but parses and checks none of them.
//!
//! A file's findings depend on more than its text: on the rules and their settings, on
//! project facts gathered from other files (the data model, webhook verifiers, browser
//! folders) and on shipsafe itself. All of those go into one key; a cache written under
//! another key is ignored whole. The facts pass runs on every scan, so an edit to a
//! schema or a verifier elsewhere changes the key and nothing stale is reused.
//!
//! The cache lives in `.shipsafe-cache/` at the project root (a `.gitignore` and a
//! `CACHEDIR.TAG` inside keep it out of commits and backups). A cache that cannot be
//! read is treated as empty and one that cannot be written is skipped: the cache never
//! changes what a scan reports, only how long it takes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::finding::{Confidence, Finding, Related, Severity, Span, Suppression, Window};
use crate::finding::{FileOutcome, Note};

/// The folder name under the project root.
pub const DIR_NAME: &str = ".shipsafe-cache";
const FILE_NAME: &str = "scan-v4.json";
/// A cache larger than this is not read (it is rewritten by the scan).
const MAX_CACHE_SIZE: u64 = 512 * 1024 * 1024;

/// The cache of one scan: entries read from the last run and entries written by this one.
pub struct Cache {
    file: PathBuf,
    key: String,
    old: HashMap<String, Entry>,
    /// The cached runs under other keys, kept when this run is saved.
    others: Vec<Run>,
    new: Mutex<HashMap<String, Entry>>,
    hits: std::sync::atomic::AtomicUsize,
}

/// The cache file: the results of the last few runs with different keys, newest first,
/// so that a pre-commit run over a few staged files (other facts, another key) or a
/// run with other `--rule` selections does not throw away the whole-repository run.
#[derive(Serialize, Deserialize, Default)]
struct CacheFile {
    runs: Vec<Run>,
}

#[derive(Serialize, Deserialize)]
struct Run {
    key: String,
    files: HashMap<String, Entry>,
}

/// How many runs with different keys the cache keeps.
const RUNS_KEPT: usize = 4;

#[derive(Clone, Serialize, Deserialize)]
struct Entry {
    /// SHA-256 of the file's bytes, hex.
    content: String,
    scanned: bool,
    findings: Vec<CachedFinding>,
    notes: Vec<CachedNote>,
    #[serde(default, skip_serializing_if = "crate::index::ModuleSummary::is_empty")]
    summary: crate::index::ModuleSummary,
}

#[derive(Clone, Serialize, Deserialize)]
struct CachedNote {
    line: Option<usize>,
    message: String,
}

/// A finding with everything the outputs use, including what their JSON form leaves out
/// (byte ranges and the redacted window the text output prints).
#[derive(Clone, Serialize, Deserialize)]
struct CachedFinding {
    rule_id: String,
    severity: Severity,
    confidence: Confidence,
    message: String,
    span: [usize; 6],
    snippet: String,
    fingerprint: String,
    fingerprint_v1: String,
    suppressed: Option<(String, usize)>,
    window_text: String,
    window_at: [usize; 4],
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    unless: Vec<crate::finding::Condition>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    related: Vec<CachedRelated>,
}

/// A [`Related`] place of a cached finding.
#[derive(Clone, Serialize, Deserialize)]
struct CachedRelated {
    message: String,
    span: [usize; 6],
    snippet: String,
    window_text: String,
    window_at: [usize; 4],
}

fn span_parts(s: &Span) -> [usize; 6] {
    [
        s.start_line,
        s.start_column,
        s.end_line,
        s.end_column,
        s.bytes.start,
        s.bytes.end,
    ]
}

fn span_of([sl, sc, el, ec, bs, be]: [usize; 6]) -> Span {
    Span {
        start_line: sl,
        start_column: sc,
        end_line: el,
        end_column: ec,
        bytes: bs..be,
    }
}

fn window_parts(w: &Window) -> [usize; 4] {
    [w.first_line, w.first_column, w.span.start, w.span.end]
}

fn window_of(text: &str, [wl, wc, ws, we]: [usize; 4]) -> Window {
    Window {
        text: text.to_string(),
        first_line: wl,
        first_column: wc,
        span: ws..we,
    }
}

impl Cache {
    /// Opens the cache in `dir` for a scan whose settings and facts hash to `key`.
    pub fn open(dir: &Path, key: String) -> Cache {
        let file = dir.join(FILE_NAME);
        let cached = std::fs::metadata(&file)
            .ok()
            .filter(|m| m.is_file() && m.len() <= MAX_CACHE_SIZE)
            .and_then(|_| std::fs::read(&file).ok())
            .and_then(|bytes| serde_json::from_slice::<CacheFile>(&bytes).ok())
            .unwrap_or_default();
        let (mine, others): (Vec<Run>, Vec<Run>) =
            cached.runs.into_iter().partition(|r| r.key == key);
        let old = mine.into_iter().next().map(|r| r.files).unwrap_or_default();
        Cache {
            file,
            key,
            old,
            others,
            new: Mutex::new(HashMap::new()),
            hits: Default::default(),
        }
    }

    /// The hash a file's bytes are known by.
    pub fn content_hash(bytes: &[u8]) -> String {
        hex(&Sha256::digest(bytes))
    }

    /// What scanning `rel` produced last time, if its content is the same.
    pub fn get(&self, rel: &str, content: &str) -> Option<FileOutcome> {
        let e = self.old.get(rel).filter(|e| e.content == content)?;
        self.hits.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.remember(rel, e.clone());
        Some(FileOutcome {
            scanned: e.scanned,
            findings: e.findings.iter().map(|f| f.restore(rel)).collect(),
            notes: e
                .notes
                .iter()
                .map(|n| Note {
                    path: rel.to_string(),
                    line: n.line,
                    message: n.message.clone(),
                })
                .collect(),
            summary: e.summary.clone(),
        })
    }

    /// Records what scanning `rel` with this content produced.
    pub fn put(&self, rel: &str, content: String, outcome: &FileOutcome) {
        let entry = Entry {
            content,
            scanned: outcome.scanned,
            findings: outcome.findings.iter().map(CachedFinding::of).collect(),
            notes: outcome
                .notes
                .iter()
                .filter(|n| n.path == rel)
                .map(|n| CachedNote {
                    line: n.line,
                    message: n.message.clone(),
                })
                .collect(),
            summary: outcome.summary.clone(),
        };
        self.remember(rel, entry);
    }

    fn remember(&self, rel: &str, entry: Entry) {
        if let Ok(mut new) = self.new.lock() {
            new.insert(rel.to_string(), entry);
        }
    }

    /// How many files were answered from the cache.
    pub fn hits(&self) -> usize {
        self.hits.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Writes this scan's entries (replacing the last run's), atomically: a temporary
    /// file renamed over the old one, so a scan cut short leaves the old cache whole.
    pub fn save(self) -> std::io::Result<()> {
        let dir = self.file.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        for (name, text) in [
            (".gitignore", "# written by shipsafe\n*\n"),
            (
                "CACHEDIR.TAG",
                "Signature: 8a477f597d28d172789f06886806bc55\n# This folder is a cache written by shipsafe.\n",
            ),
        ] {
            let p = dir.join(name);
            if !p.exists() {
                std::fs::write(p, text)?;
            }
        }
        let files = self.new.into_inner().unwrap_or_default();
        let mut runs = vec![Run {
            key: self.key,
            files,
        }];
        runs.extend(self.others.into_iter().take(RUNS_KEPT - 1));
        let body = serde_json::to_vec(&CacheFile { runs }).map_err(std::io::Error::other)?;
        let tmp = dir.join(format!("{FILE_NAME}.{}.tmp", std::process::id()));
        std::fs::write(&tmp, body)?;
        std::fs::rename(&tmp, &self.file).inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })
    }
}

/// Hashes the parts of a key, in order, each length-prefixed so that no two lists of
/// parts hash alike by running into each other.
pub fn key(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update((p.len() as u64).to_le_bytes());
        h.update(p.as_bytes());
    }
    hex(&h.finalize())
}

/// What identifies the running build: the version, and the executable's size and
/// modification time, so that a rebuilt development binary never reads results of the
/// one before it.
pub fn build_id() -> String {
    let exe = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| {
            let mtime = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            format!("{}:{mtime}", m.len())
        })
        .unwrap_or_default();
    format!("{} {exe}", env!("CARGO_PKG_VERSION"))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl CachedFinding {
    fn of(f: &Finding) -> Self {
        CachedFinding {
            rule_id: f.rule_id.clone(),
            severity: f.severity,
            confidence: f.confidence,
            message: f.message.clone(),
            span: span_parts(&f.span),
            snippet: f.snippet.clone(),
            fingerprint: f.fingerprint.clone(),
            fingerprint_v1: f.fingerprint_v1.clone(),
            suppressed: f.suppressed.as_ref().map(|s| (s.reason.clone(), s.line)),
            window_text: f.window.text.clone(),
            window_at: window_parts(&f.window),
            unless: f.unless.clone(),
            related: f
                .related
                .iter()
                .map(|r| CachedRelated {
                    message: r.message.clone(),
                    span: span_parts(&r.span),
                    snippet: r.snippet.clone(),
                    window_text: r.window.text.clone(),
                    window_at: window_parts(&r.window),
                })
                .collect(),
        }
    }

    fn restore(&self, rel: &str) -> Finding {
        Finding {
            rule_id: self.rule_id.clone(),
            severity: self.severity,
            confidence: self.confidence,
            message: self.message.clone(),
            path: rel.to_string(),
            span: span_of(self.span),
            snippet: self.snippet.clone(),
            fingerprint: self.fingerprint.clone(),
            fingerprint_v1: self.fingerprint_v1.clone(),
            suppressed: self.suppressed.as_ref().map(|(reason, line)| Suppression {
                kind: "inSource",
                reason: reason.clone(),
                line: *line,
            }),
            window: window_of(&self.window_text, self.window_at),
            related: self
                .related
                .iter()
                .map(|r| Related {
                    message: r.message.clone(),
                    span: span_of(r.span),
                    snippet: r.snippet.clone(),
                    window: window_of(&r.window_text, r.window_at),
                })
                .collect(),
            unless: self.unless.clone(),
        }
    }
}
