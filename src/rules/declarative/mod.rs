//! Declarative rules: YAML files with tree-sitter queries and/or regexes.
//!
//! The format (see `docs/rule-format.md`) is read in two stages, as ast-grep does: a
//! serde struct that refuses unknown keys ([`format`]), then compilation into a
//! [`DeclarativeRule`] with typed errors that point at the line of the YAML ([`compile`]).
//! [`run`] executes a compiled rule over one file.

pub mod compile;
pub mod format;
pub mod run;

use std::path::Path;

use crate::lang::Lang;

pub use compile::{DeclarativeRule, RuleLoadError};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));
}

/// The rules shipped in the binary, with their queries for every grammar.
pub fn embedded_rules() -> Result<Vec<DeclarativeRule>, Box<RuleLoadError>> {
    embedded_rules_for(None)
}

/// The rules shipped in the binary, with queries compiled only for `grammars` when
/// given (the languages of a scan's files): building a query is most of a scan's
/// start-up, and a Python project needs none of the TypeScript ones. Every grammar's
/// queries are compiled by the tests.
pub fn embedded_rules_for(
    grammars: Option<&[Lang]>,
) -> Result<Vec<DeclarativeRule>, Box<RuleLoadError>> {
    use rayon::prelude::*;
    // compiled on the scan's threads: tree-sitter spends a tenth of a second on the
    // queries of the four grammars
    embedded::EMBEDDED
        .par_iter()
        .map(|(path, yaml, docs)| {
            compile::compile_for(path, yaml, docs.map(str::to_string), 1, grammars)
        })
        .collect()
}

/// The rules of a user's folder: every `.yml`/`.yaml` file in it, recursively, with an
/// optional Markdown file of the same name for docs.
pub fn load_folder(dir: &Path) -> Result<Vec<DeclarativeRule>, Box<RuleLoadError>> {
    let files = rule_files(dir).map_err(|e| {
        Box::new(RuleLoadError::plain(
            "shipsafe::rule_file",
            dir.display().to_string(),
            format!("cannot read rules folder {}: {e}", dir.display()),
        ))
    })?;
    let mut rules = Vec::new();
    for path in files {
        let shown = path.display().to_string();
        let yaml = std::fs::read_to_string(&path).map_err(|e| {
            Box::new(RuleLoadError::plain(
                "shipsafe::rule_file",
                shown.clone(),
                format!("cannot read rule file {shown}: {e}"),
            ))
        })?;
        let docs = std::fs::read_to_string(path.with_extension("md")).ok();
        rules.push(compile::compile(&shown, &yaml, docs, 3)?);
    }
    Ok(rules)
}

/// The rule files of a user's folder, recursively, sorted.
pub fn rule_files(dir: &Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    let mut files = Vec::new();
    collect(dir, &mut files)?;
    files.sort();
    Ok(files)
}

fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let ty = entry.file_type()?;
        let path = entry.path();
        if ty.is_dir() {
            collect(&path, out)?;
        } else if ty.is_file()
            && matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("yml" | "yaml")
            )
        {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_compiled_for_the_grammars_asked_only() {
        let all = embedded_rules().expect("embedded rules compile");
        let python = embedded_rules_for(Some(&[Lang::Python])).expect("compile");
        assert_eq!(all.len(), python.len());
        let grammars = |rules: &[DeclarativeRule]| {
            let mut g: Vec<Lang> = rules
                .iter()
                .flat_map(|r| r.queries.keys().copied())
                .collect();
            g.sort();
            g.dedup();
            g
        };
        assert!(
            grammars(&all).contains(&Lang::TypeScript),
            "{:?}",
            grammars(&all)
        );
        assert_eq!(grammars(&python), vec![Lang::Python]);
        // the rules themselves (their metadata and regex patterns) are unchanged
        for (a, p) in all.iter().zip(&python) {
            assert_eq!(a.meta.id, p.meta.id);
            assert_eq!(a.meta.languages, p.meta.languages);
            assert_eq!(a.patterns.len(), p.patterns.len());
        }
    }
}
