//! `shipsafe explain RULE`.

use clap::Args;

use super::{EXIT_ERROR, EXIT_OK, print_error};
use crate::engine::ruleset::all_builtin;
use crate::output::help_uri;

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule id, such as `secrets/hardcoded-credential`.
    pub rule: String,
}

pub fn run(args: ExplainArgs) -> u8 {
    let rules = match all_builtin() {
        Ok(r) => r,
        Err(e) => {
            print_error(e.as_ref());
            return EXIT_ERROR;
        }
    };
    let Some(rule) = rules.iter().find(|r| r.meta().id == args.rule) else {
        eprintln!(
            "error: no rule `{}`; `shipsafe rules` lists them",
            args.rule
        );
        return EXIT_ERROR;
    };
    print!("{}", explain_text(rule.meta()));
    EXIT_OK
}

/// The text `shipsafe explain` prints for a rule.
pub fn explain_text(m: &crate::rules::RuleMeta) -> String {
    let cwe = m
        .cwe
        .iter()
        .map(|c| format!("CWE-{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "# {id}: {title}\n\nseverity: {sev} · confidence: {conf} · tier {tier} · {cwe}\nlanguages: {langs}\ndocs: {uri}\n\n{docs}\n",
        id = m.id,
        title = m.title,
        sev = m.severity,
        conf = m.confidence.as_str(),
        tier = m.tier,
        langs = crate::lang::language_summary(&m.languages),
        uri = help_uri(&m.id),
        docs = m.docs.trim_end(),
    )
}
