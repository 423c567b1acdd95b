//! The `shipsafe` binary: argument parsing and exit codes only.

use std::process::ExitCode;

use clap::Parser;

/// mimalloc: a scan allocates and frees many small values on every core, where glibc's
/// allocator took a tenth of the time (the benchmark uses it too).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // SAFETY: first thing, before any parser, query or tree exists
    unsafe { shipsafe::lang::grammar::allocate_with_mimalloc() };
    let cli = shipsafe::cli::Cli::parse();
    ExitCode::from(shipsafe::cli::run(cli))
}
