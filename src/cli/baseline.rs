//! `shipsafe baseline`: write the current findings to a baseline file, so that later
//! scans with `--baseline` report only new ones.

use std::path::PathBuf;

use clap::Args;

use super::{EXIT_ERROR, EXIT_OK, print_error};
use crate::baseline::Baseline;
use crate::engine::{ScanOptions, scan};

#[derive(Debug, Args)]
pub struct BaselineArgs {
    /// Files or folders to scan.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// The baseline file to write.
    #[arg(long, short, default_value = ".shipsafe-baseline.json")]
    pub output: PathBuf,
    /// Run only rules with this id or prefix; repeatable.
    #[arg(long = "rule", value_name = "ID")]
    pub rules: Vec<String>,
    /// Do not run rules with this id or prefix; repeatable.
    #[arg(long = "skip-rule", value_name = "ID")]
    pub skip_rules: Vec<String>,
    /// Config file (default: .shipsafe.yml at the scanned root or a folder above it).
    #[arg(long)]
    pub config: Option<PathBuf>,
}

pub fn run(args: BaselineArgs) -> u8 {
    let opts = ScanOptions {
        paths: args.paths,
        config: args.config,
        only_rules: args.rules,
        skip_rules: args.skip_rules,
        threads: None,
        shard: None,
        progress: None,
        index: false,
        cache: false,
    };
    let report = match scan(&opts) {
        Ok(r) => r,
        Err(e) => {
            print_error(e.as_ref());
            return EXIT_ERROR;
        }
    };
    let baseline = Baseline::of(&report);
    if let Err(e) = std::fs::write(&args.output, baseline.to_json()) {
        eprintln!("error: cannot write {}: {e}", args.output.display());
        return EXIT_ERROR;
    }
    eprintln!(
        "shipsafe: {} finding(s) written to {}; scan with --baseline {} to report only new ones",
        baseline.findings.len(),
        args.output.display(),
        args.output.display()
    );
    EXIT_OK
}
