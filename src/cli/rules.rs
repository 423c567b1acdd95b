//! `shipsafe rules`.

use clap::Args;

use super::{EXIT_ERROR, EXIT_OK, print_error};
use crate::engine::ruleset::all_builtin;

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: RulesArgs) -> u8 {
    let rules = match all_builtin() {
        Ok(r) => r,
        Err(e) => {
            print_error(e.as_ref());
            return EXIT_ERROR;
        }
    };
    if args.json {
        let list: Vec<serde_json::Value> = rules
            .iter()
            .map(|r| {
                let m = r.meta();
                serde_json::json!({
                    "id": m.id, "severity": m.severity, "confidence": m.confidence,
                    "tier": m.tier, "cwe": m.cwe,
                    "languages": m.languages.iter().map(|l| l.name()).collect::<Vec<_>>(),
                    "title": m.title,
                })
            })
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&list).unwrap_or_default()
        );
        return EXIT_OK;
    }
    let width = rules.iter().map(|r| r.meta().id.len()).max().unwrap_or(0);
    for r in &rules {
        let m = r.meta();
        let langs = crate::lang::language_summary(&m.languages);
        println!(
            "{:width$}  {:8}  {}\n{:width$}  {:8}  languages: {}",
            m.id, m.severity, m.title, "", "", langs
        );
    }
    EXIT_OK
}
