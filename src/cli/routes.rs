//! `shipsafe routes`: the request handlers the project serves, as the project index sees
//! them: method, full path (with the prefixes of the routers they are mounted under),
//! where they are registered, and the middleware, dependencies and guards in front of
//! each. What a reviewer lists first when asked "what can a stranger call?".

use std::path::PathBuf;

use clap::Args;

use super::{EXIT_ERROR, EXIT_OK, print_error};
use crate::engine::{ScanOptions, project_index, scan};

#[derive(Debug, Args)]
pub struct RoutesArgs {
    /// Files or folders to read.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Print JSON instead of a list.
    #[arg(long)]
    pub json: bool,
    /// Config file (default: .shipsafe.yml at the scanned root or a folder above it).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Do not read or write the results cache.
    #[arg(long)]
    pub no_cache: bool,
}

pub fn run(args: RoutesArgs) -> u8 {
    let report = match scan(&ScanOptions {
        paths: args.paths,
        config: args.config,
        cache: !args.no_cache,
        index: true,
        ..Default::default()
    }) {
        Ok(r) => r,
        Err(e) => {
            print_error(e.as_ref());
            return EXIT_ERROR;
        }
    };
    let index = project_index(&report);
    let endpoints = index.endpoints();
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&endpoints).unwrap_or_default()
        );
        return EXIT_OK;
    }
    print!("{}", render(&endpoints));
    EXIT_OK
}

/// The text list: one line per endpoint, the middleware on the next.
pub fn render(endpoints: &[crate::index::project::Endpoint]) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let width = endpoints
        .iter()
        .map(|e| e.path.chars().count().min(60))
        .max()
        .unwrap_or(0);
    for e in endpoints {
        let path = if e.path.is_empty() {
            "(server action)"
        } else {
            e.path.as_str()
        };
        let handler = match &e.handler {
            Some(d) if d.name.is_empty() => " (inline handler)".to_string(),
            Some(d) if d.file == e.file => format!(" -> {}", d.name),
            Some(d) => format!(" -> {}:{}", d.file, d.name),
            None => String::new(),
        };
        let _ = writeln!(
            out,
            "{:7} {path:width$}  {}:{} [{}]{handler}",
            e.method, e.file, e.line, e.framework
        );
        if !e.middleware.is_empty() {
            let _ = writeln!(out, "        behind: {}", e.middleware.join(", "));
        }
    }
    let _ = writeln!(out, "{} endpoint(s)", endpoints.len());
    out
}
