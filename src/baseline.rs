//! Baselines: the findings a team has accepted for now, keyed by fingerprint, so that a
//! scan reports (and fails on) only what is new. Fingerprints survive lines added
//! above, re-indentation, a move within the file, a change to the statement around the
//! reported code and scans from another working directory, so unrelated edits and
//! refactors do not bring old findings back.
//!
//! Version 1 baselines (fingerprints of the finding's whole lines) are still read: their
//! entries are matched by the version 1 fingerprint each finding also carries, and the
//! scan says once that the file should be written again.

use std::collections::BTreeSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::FileError;
use crate::finding::Report;

/// The file `shipsafe baseline` writes.
#[derive(Debug, Serialize, Deserialize)]
pub struct Baseline {
    /// Format version of this file.
    pub version: u32,
    pub tool: String,
    /// One entry per accepted finding; only `fingerprint` is matched, the rest is there
    /// for people reading the file.
    pub findings: Vec<Entry>,
}

#[derive(Debug, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry {
    pub fingerprint: String,
    pub rule_id: String,
    pub path: String,
    pub line: usize,
}

/// The version `shipsafe baseline` writes.
pub const VERSION: u32 = 2;
/// The oldest version still read.
pub const OLDEST: u32 = 1;

impl Baseline {
    /// The unsuppressed findings of a report.
    pub fn of(report: &Report) -> Baseline {
        let mut findings: Vec<Entry> = report
            .findings
            .iter()
            .filter(|f| !f.is_suppressed())
            .map(|f| Entry {
                fingerprint: f.fingerprint.clone(),
                rule_id: f.rule_id.clone(),
                path: f.path.clone(),
                line: f.span.start_line,
            })
            .collect();
        findings.sort();
        Baseline {
            version: VERSION,
            tool: "shipsafe".into(),
            findings,
        }
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Reads a baseline file; errors name the file and, for bad JSON, the line.
    pub fn load(path: &Path) -> Result<Baseline, Box<FileError>> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| {
            Box::new(FileError::plain(
                "shipsafe::baseline",
                &shown,
                format!("cannot read the baseline {shown}: {e}"),
            ))
        })?;
        let b: Baseline = serde_json::from_str(&text).map_err(|e| {
            Box::new(FileError::at_line(
                "shipsafe::baseline",
                &shown,
                &text,
                e.line().max(1),
                e.column().max(1),
                "not a shipsafe baseline",
                e.to_string(),
            ))
        })?;
        if !(OLDEST..=VERSION).contains(&b.version) {
            return Err(Box::new(FileError::plain(
                "shipsafe::baseline",
                &shown,
                format!(
                    "{shown}: baseline version {} is not supported (this shipsafe writes version {VERSION}); write it again with `shipsafe baseline`",
                    b.version
                ),
            )));
        }
        Ok(b)
    }

    /// What to tell the user about an old baseline, once per scan.
    pub fn upgrade_note(&self, shown: &str) -> Option<String> {
        (self.version < VERSION).then(|| {
            format!(
                "baseline version {} (fingerprints of whole lines): its entries still match, \
                 but a refactor of their lines would report them again; write it again \
                 with `shipsafe baseline --output {shown}` to keep them through refactors",
                self.version
            )
        })
    }

    /// Removes the findings this baseline holds from a report and returns how many.
    pub fn filter(&self, report: &mut Report) -> usize {
        let known: BTreeSet<&str> = self
            .findings
            .iter()
            .map(|e| e.fingerprint.as_str())
            .collect();
        let before = report.findings.len();
        let v1 = self.version == 1;
        report.findings.retain(|f| {
            let key = if v1 {
                &f.fingerprint_v1
            } else {
                &f.fingerprint
            };
            !known.contains(key.as_str())
        });
        before - report.findings.len()
    }
}
