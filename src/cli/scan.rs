//! `shipsafe scan`.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, print_error, use_color};
use crate::baseline::Baseline;
use crate::engine::{ScanOptions, scan};
use crate::finding::Severity;
use crate::output::{Format, OutputOptions, render};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Critical,
    High,
    Medium,
    Low,
    /// Never fail on findings.
    None,
}

impl FailOn {
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Critical => Some(Severity::Critical),
            FailOn::High => Some(Severity::High),
            FailOn::Medium => Some(Severity::Medium),
            FailOn::Low => Some(Severity::Low),
            FailOn::None => None,
        }
    }
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Files or folders to scan.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Write the report to this file instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Exit 1 when an unsuppressed finding is at or above this severity.
    #[arg(long, value_enum, default_value_t = FailOn::High)]
    pub fail_on: FailOn,
    /// Run only rules with this id or prefix (such as `auth/`); repeatable.
    #[arg(long = "rule", value_name = "ID")]
    pub rules: Vec<String>,
    /// Do not run rules with this id or prefix; repeatable.
    #[arg(long = "skip-rule", value_name = "ID")]
    pub skip_rules: Vec<String>,
    /// Config file (default: .shipsafe.yml at the scanned root or a folder above it).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Print nothing but findings (no notes).
    #[arg(long, short)]
    pub quiet: bool,
    /// SARIF category (`automationDetails.id`): one per analysis that uploads to the
    /// same repository, such as one per monorepo package.
    #[arg(long, value_name = "NAME")]
    pub category: Option<String>,
    /// Report (and fail on) only findings that this baseline file does not hold
    /// (written by `shipsafe baseline`).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Report (and fail on) only findings on lines changed since the merge base of this
    /// git ref and HEAD, such as `origin/main` in a pull request.
    #[arg(long, value_name = "REF")]
    pub diff_base: Option<String>,
    /// Scan only the I-th of N slices of the files (such as `2/4`), for a CI matrix;
    /// `shipsafe merge` joins the slices' SARIF.
    #[arg(long, value_name = "I/N", value_parser = parse_shard)]
    pub shard: Option<(usize, usize)>,
    /// Scan every file afresh: neither read nor write the results cache
    /// (`.shipsafe-cache/` at the project root).
    #[arg(long)]
    pub no_cache: bool,
}

fn parse_shard(s: &str) -> Result<(usize, usize), String> {
    let (i, n) = s.split_once('/').ok_or("expected I/N, such as 1/4")?;
    let i: usize = i
        .trim()
        .parse()
        .map_err(|_| format!("`{i}` is not a number"))?;
    let n: usize = n
        .trim()
        .parse()
        .map_err(|_| format!("`{n}` is not a number"))?;
    if n == 0 || i == 0 || i > n {
        return Err(format!("shard {i}/{n}: I must be between 1 and N"));
    }
    Ok((i, n))
}

pub fn run(args: ScanArgs) -> u8 {
    // a terminal only: never in CI logs or piped output
    let progress = (!args.quiet
        && std::io::IsTerminal::is_terminal(&std::io::stderr())
        && std::env::var_os("CI").is_none())
    .then(super::progress::ProgressLine::new);
    let opts = ScanOptions {
        paths: args.paths,
        config: args.config,
        only_rules: args.rules,
        skip_rules: args.skip_rules,
        threads: args.threads,
        shard: args.shard,
        progress: progress.as_ref().map(|p| p.callback()),
        index: false,
        cache: !args.no_cache,
    };
    let baseline = match args.baseline.as_deref().map(Baseline::load).transpose() {
        Ok(b) => b,
        Err(e) => {
            print_error(e.as_ref());
            return EXIT_ERROR;
        }
    };
    let scanned = scan(&opts);
    if let Some(p) = &progress {
        p.finish();
    }
    let mut report = match scanned {
        Ok(r) => r,
        Err(e) => {
            print_error(e.as_ref());
            return EXIT_ERROR;
        }
    };
    if let (Some(b), Some(path)) = (&baseline, &args.baseline) {
        if let Some(message) = b.upgrade_note(&path.display().to_string()) {
            report.notes.push(crate::engine::Note {
                path: path.display().to_string(),
                line: None,
                message,
            });
        }
        let known = b.filter(&mut report);
        if known > 0 {
            report.notes.push(crate::engine::Note {
                path: path.display().to_string(),
                line: None,
                message: format!("{known} finding(s) already in the baseline: not reported"),
            });
        }
    }
    if let Some(reference) = &args.diff_base {
        match crate::diffbase::filter(&mut report, reference) {
            Ok(0) => {}
            Ok(n) => report.notes.push(crate::engine::Note {
                path: String::new(),
                line: None,
                message: format!(
                    "{n} finding(s) on lines unchanged since {reference}: not reported"
                ),
            }),
            Err(e) => {
                print_error(e.as_ref());
                return EXIT_ERROR;
            }
        }
    }
    let threshold = args.fail_on.threshold();
    let out_opts = OutputOptions {
        color: args.output.is_none()
            && args.format == Format::Text
            && use_color(&std::io::stdout()),
        fail_on: threshold,
        quiet: args.quiet,
        category: args.category.clone(),
    };
    let text = render(&report, args.format, &out_opts);
    let written = match &args.output {
        Some(path) => std::fs::write(path, &text).map_err(|e| (path.display().to_string(), e)),
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
                .map_err(|e| ("standard output".to_string(), e))
        }
    };
    if let Err((what, e)) = written
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("error: cannot write {what}: {e}");
        return EXIT_ERROR;
    }
    let failing = threshold.is_some_and(|t| {
        report
            .findings
            .iter()
            .any(|f| !f.is_suppressed() && f.severity >= t)
    });
    if failing { EXIT_FINDINGS } else { EXIT_OK }
}
