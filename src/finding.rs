//! What a rule reports: [`Finding`], with its severity, confidence, location, redacted
//! snippet and a fingerprint that survives unrelated edits; what a rule is
//! ([`RuleMeta`]); the [`Note`]s and the [`Report`] of a scan. Outputs and the CLI
//! depend on these, never on the rule list.

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// How bad a finding is if it is real.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub const ALL: [Severity; 4] = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    /// GitHub code scanning's `security-severity` (a CVSS-like score).
    pub fn security_severity(self) -> &'static str {
        match self {
            Severity::Critical => "9.5",
            Severity::High => "8.0",
            Severity::Medium => "5.5",
            Severity::Low => "3.0",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "low" => Ok(Severity::Low),
            "medium" => Ok(Severity::Medium),
            "high" => Ok(Severity::High),
            "critical" => Ok(Severity::Critical),
            _ => Err(format!(
                "unknown severity `{s}` (expected critical, high, medium or low)"
            )),
        }
    }
}

/// How sure the rule is that the finding is real; kept apart from severity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

impl FromStr for Confidence {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "low" => Ok(Confidence::Low),
            "medium" => Ok(Confidence::Medium),
            "high" => Ok(Confidence::High),
            _ => Err(format!(
                "unknown confidence `{s}` (expected high, medium or low)"
            )),
        }
    }
}

/// Where a finding is: 1-based lines and columns (columns count characters), and the
/// byte range in the file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start_line: usize,
    pub start_column: usize,
    pub end_line: usize,
    pub end_column: usize,
    #[serde(skip)]
    pub bytes: std::ops::Range<usize>,
}

/// The source lines around a finding, already redacted, for display.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Window {
    /// Redacted text of the lines shown.
    pub text: String,
    /// 1-based line number of the first line of `text`.
    pub first_line: usize,
    /// 1-based column of the first character of `text` on `first_line` (1 unless a
    /// very long line was cut).
    pub first_column: usize,
    /// The finding's span, as a byte range into `text`.
    pub span: std::ops::Range<usize>,
}

/// Why a finding was left out of the text output.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Suppression {
    /// `inSource` for a `shipsafe-ignore` comment.
    pub kind: &'static str,
    pub reason: String,
    /// 1-based line of the suppressing comment.
    pub line: usize,
}

/// Another place in a finding's file that is part of the same problem: where the value
/// it reports comes from, a later query that takes the same value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Related {
    pub message: String,
    pub span: Span,
    /// The redacted source line(s) of the span.
    pub snippet: String,
    #[serde(skip)]
    pub window: Window,
}

/// One reported problem.
#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    pub rule_id: String,
    pub severity: Severity,
    pub confidence: Confidence,
    pub message: String,
    /// POSIX path relative to the project root.
    pub path: String,
    pub span: Span,
    /// The redacted source line(s) of the span.
    pub snippet: String,
    /// The finding's identity across commits: the rule, the path, and the code of the
    /// span it reports (a secret by a keyed hash of its value), see
    /// `engine::finalize`.
    pub fingerprint: String,
    /// The fingerprint of baselines version 1 (the whole lines of the span), matched
    /// only when such a baseline is read.
    #[serde(skip)]
    pub fingerprint_v1: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suppressed: Option<Suppression>,
    #[serde(skip)]
    pub window: Window,
    /// Other places of the same problem, in the same file (not part of the fingerprint).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
    /// What the whole project may still decide against it, after every file is
    /// scanned: any condition that holds withdraws the finding.
    #[serde(skip)]
    pub unless: Vec<Condition>,
}

/// A fact about other files that withdraws a finding, decided on the project index once
/// every file is scanned (a rule sees one file at a time).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Condition {
    /// This call, made and checked before the finding in its function (`const session =
    /// await validateSuperAdminSession(token); if (!session) return …`), reaches a
    /// platform-admin gate: the code runs for the platform's own staff.
    CallsAdminGate {
        callee: String,
        /// The function around the call, as the file's summary names it.
        caller: Option<String>,
    },
    /// A Next.js layout above this page gates on a platform administrator.
    UnderAdminLayout,
    /// The Supabase client comes from this factory of another module (`const supabase =
    /// getSupabaseClient()`): withdrawn unless the factory's definition builds a
    /// service-role client, which row level security does not hold.
    ClientNotServiceRole {
        callee: String,
        caller: Option<String>,
    },
    /// The function around the finding (`get_due_rules`, a repository method) is named
    /// nowhere in the project but where it is defined: no call, no import, no router
    /// registering it. Dead code serves no request. A method (`method`: it takes `self`)
    /// is only named by a method call or a path (`repo.get_due_rules()`,
    /// `Repo::get_due_rules`), and by `self.get_due_rules()` only in its own file: a
    /// handler of the same name registered by a router, or another repository's method
    /// of the same name called on its own `self`, is not a call of it.
    ///
    /// `owner` is the type whose `impl` holds the method (`SensorRepository`): a call on a
    /// value named for another type's repository (`state.unit_repo.list_by_building(…)`)
    /// is not a call of it.
    Unreferenced {
        function: String,
        method: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        owner: Option<String>,
    },
    /// This name (an environment variable listed in a template such as `.env.example`)
    /// is mentioned by no file of the project in any form, env files, tests and
    /// comments aside: no code reads it, so no bundler inlines it.
    Unread { name: String },
    /// The finding is in this Rust function (`method`: it takes `self`), and every call
    /// of it in the project's Rust code is checked by the function that makes it: after a
    /// guard whose failure that function propagates, one that turns away all but
    /// platform admins (`require_super_admin(&user)?;`) or an access check handed the same
    /// id (`verify_subscription_access(&state, user.id, id).await?;` before
    /// `update_subscription(conn, id, data)`), or in a function that compares some row's
    /// tenant `field` (`if document.organization_id != tenant.tenant_id`). It does not
    /// hold when nothing calls it.
    CallersCheck {
        function: String,
        method: bool,
        field: String,
        /// As for [`Condition::Unreferenced`].
        #[serde(default, skip_serializing_if = "Option::is_none")]
        owner: Option<String>,
    },
    /// The finding's client value is an argument of this Next.js server action (an
    /// exported function of a `"use server"` module), and every module that imports the
    /// action runs on the server only (other actions, route handlers, `server-only`
    /// modules, tests, scripts, and chains of plain modules only those import): Next.js exposes an action to the browser only through client code that
    /// references it, so its arguments come from the server code that calls it.
    ActionCalledOnServer { function: String },
    /// The finding is in a helper private to its file (not exported), and these are the
    /// conditions at each of its call sites: it holds when, at every call site, one of
    /// that site's conditions holds (`generateUsageReport()` called only from a handler
    /// behind a platform-admin gate).
    EveryCaller(Vec<Vec<Condition>>),
    /// The finding is in this function, exported by its JS/TS module, and `own` are the
    /// conditions at each call of it in that module. It holds when, at every call of it
    /// in its own module and in every module that imports it (directly or through
    /// re-exports), one of that call's conditions holds: a helper that only cron
    /// handlers behind `CRON_SECRET` or pages behind a platform-admin gate call works
    /// across tenants for them. It does not hold when nothing imports it (a route
    /// handler, dead code), when an importer uses it other than by calling it (passes it
    /// on, registers it), or when a browser module (`"use client"`) imports it. The
    /// importers are read again to decide it.
    EveryImporter {
        function: String,
        own: Vec<Vec<Condition>>,
    },
    /// The call this stands for is made behind the deployment's own secret (a cron job,
    /// an internal endpoint, see `rules::gates::scheduled_job`) or by a provider's
    /// webhook handler: no tenant's user makes it. It always holds.
    MachineOnly,
}

impl Condition {
    /// Shows `f` this condition and every condition nested in it (the conditions at
    /// each call of [`Condition::EveryCaller`] and [`Condition::EveryImporter`]).
    pub fn visit(&self, f: &mut dyn FnMut(&Condition)) {
        f(self);
        if let Condition::EveryCaller(sites) | Condition::EveryImporter { own: sites, .. } = self {
            for c in sites.iter().flatten() {
                c.visit(f);
            }
        }
    }
}

impl Finding {
    pub fn is_suppressed(&self) -> bool {
        self.suppressed.is_some()
    }
}

/// What a rule is, for `shipsafe rules`, `explain`, SARIF and the text output.
#[derive(Clone, Debug)]
pub struct RuleMeta {
    /// `category/slug`, from the rule catalog; the SARIF `ruleId`.
    pub id: String,
    /// One-line summary.
    pub title: String,
    pub severity: Severity,
    pub confidence: Confidence,
    /// 1 for headline rules, 2 for the rest, 3 for user rules.
    pub tier: u8,
    pub cwe: Vec<u32>,
    pub languages: Vec<Lang>,
    /// One line: why it matters (printed under each finding).
    pub why: String,
    /// One line: how to fix it (printed under each finding).
    pub fix: String,
    /// Markdown with the headings What it finds / Why it matters / Example / Use instead /
    /// References.
    pub docs: String,
    /// Files the rule does not look at: the engine never shows it their nodes.
    pub skip: FileKinds,
}

/// Kinds of files a rule can skip, as `FileFacts` classifies paths: tests, seed and
/// fixture scripts, translation catalogs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FileKinds {
    pub test: bool,
    pub seed: bool,
    pub translation: bool,
}

impl FileKinds {
    /// From the names `declare_rule!` takes: `test`, `seed`, `translation`.
    pub fn named(names: &[&str]) -> FileKinds {
        FileKinds {
            test: names.contains(&"test"),
            seed: names.contains(&"seed"),
            translation: names.contains(&"translation"),
        }
    }

    /// Whether a file of these kinds (is test, is seed, is translation) is skipped.
    pub fn skips(self, test: bool, seed: bool, translation: bool) -> bool {
        (self.test && test) || (self.seed && seed) || (self.translation && translation)
    }
}

impl RuleMeta {
    /// The rule's name in PascalCase, for SARIF `name`: `secrets/hardcoded-credential`
    /// -> `HardcodedCredential`.
    pub fn pascal_name(&self) -> String {
        let slug = self.id.rsplit('/').next().unwrap_or(&self.id);
        slug.split(['-', '_'])
            .map(|w| {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                    .unwrap_or_default()
            })
            .collect()
    }
}

/// A note about the scan that is not a finding: a skipped file, a parse error, a
/// suppression comment that is wrong or unused.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Note {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    pub message: String,
}

/// The result of a scan.
#[derive(Debug)]
pub struct Report {
    /// The project root every path is relative to.
    pub root: PathBuf,
    /// Every finding, suppressed ones included, sorted by path and position.
    pub findings: Vec<Finding>,
    pub notes: Vec<Note>,
    /// The rules that ran, in registry order.
    pub rules: Vec<RuleMeta>,
    pub files_scanned: usize,
    /// Files whose results came from the cache (counted in `files_scanned`).
    pub files_cached: usize,
    /// The summary of every scanned source file, by path, for the project index
    /// (`crate::engine::project_index`).
    pub modules: Vec<(String, crate::lang::Lang, crate::index::ModuleSummary)>,
}

/// What scanning one file produced.
#[derive(Default)]
pub struct FileOutcome {
    pub scanned: bool,
    pub findings: Vec<Finding>,
    pub notes: Vec<Note>,
    /// What the file tells the project index (empty for text formats).
    pub summary: crate::index::ModuleSummary,
}

impl FileOutcome {
    /// A file not scanned, with the note that says why.
    pub fn skipped(rel: &str, message: String) -> FileOutcome {
        FileOutcome {
            scanned: false,
            findings: Vec::new(),
            notes: vec![Note {
                path: rel.to_string(),
                line: None,
                message,
            }],
            summary: Default::default(),
        }
    }
}
