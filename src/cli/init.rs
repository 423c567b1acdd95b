//! `shipsafe init`: a commented `.shipsafe.yml` and a GitHub workflow that scans every
//! pull request and uploads SARIF to code scanning.

use std::path::PathBuf;

use clap::Args;

use super::{EXIT_ERROR, EXIT_OK};

const CONFIG: &str = include_str!("templates/shipsafe.yml");
const WORKFLOW: &str = include_str!("templates/workflow.yml");

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The repository root to write into.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Overwrite files that exist.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: InitArgs) -> u8 {
    let files = [
        (args.path.join(".shipsafe.yml"), CONFIG),
        (args.path.join(".github/workflows/shipsafe.yml"), WORKFLOW),
    ];
    let mut code = EXIT_OK;
    for (path, text) in files {
        if path.exists() && !args.force {
            eprintln!(
                "shipsafe: {} exists; left as it is (--force overwrites)",
                path.display()
            );
            continue;
        }
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, text));
        match written {
            Ok(()) => eprintln!("shipsafe: wrote {}", path.display()),
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", path.display());
                code = EXIT_ERROR;
            }
        }
    }
    code
}
