//! `shipsafe merge`: one SARIF from the shards of a scan.

use std::path::PathBuf;

use clap::Args;

use super::{EXIT_ERROR, EXIT_OK};

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// SARIF files written by `shipsafe scan --shard I/N --format sarif`.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Write the merged SARIF here instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

pub fn run(args: MergeArgs) -> u8 {
    let mut inputs = Vec::new();
    for f in &args.files {
        match std::fs::read_to_string(f) {
            Ok(t) => inputs.push((f.display().to_string(), t)),
            Err(e) => {
                eprintln!("error: cannot read {}: {e}", f.display());
                return EXIT_ERROR;
            }
        }
    }
    let merged = match crate::output::merge::merge(&inputs) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_ERROR;
        }
    };
    let written = match &args.output {
        Some(p) => std::fs::write(p, merged),
        None => {
            print!("{merged}");
            Ok(())
        }
    };
    if let Err(e) = written {
        eprintln!("error: cannot write the merged SARIF: {e}");
        return EXIT_ERROR;
    }
    EXIT_OK
}
