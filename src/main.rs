//! The `shipsafe` binary: argument parsing and exit codes only.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = shipsafe::cli::Cli::parse();
    ExitCode::from(shipsafe::cli::run(cli))
}
