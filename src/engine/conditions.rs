//! The findings' conditions (see [`crate::finding::Condition`]), decided on the project
//! index once every file is scanned: a rule sees one file, the index sees them all.

use std::collections::HashSet;
use std::path::Path;

use rayon::prelude::*;

use crate::discover::SourcePath;
use crate::lang::Lang;

/// Withdraws the findings whose conditions the project index decides hold (see
/// [`crate::finding::Condition`]); the others lose their conditions.
pub(super) fn decide(
    root: &Path,
    findings: &mut Vec<crate::finding::Finding>,
    modules: Vec<(String, Lang, crate::index::ModuleSummary)>,
    files: &[SourcePath],
) {
    use crate::finding::Condition;
    if findings.iter().all(|f| f.unless.is_empty()) {
        return;
    }
    let asked: HashSet<String> = findings
        .iter()
        .flat_map(|f| &f.unless)
        .filter_map(|c| match c {
            Condition::Unreferenced { function } => Some(function.clone()),
            _ => None,
        })
        .collect();
    let asked: HashSet<&str> = asked.iter().map(String::as_str).collect();
    let referenced = referenced(files, &asked);
    let index = super::index_of(root, modules);
    // whether one condition holds for a finding in `path` (recursive for EveryCaller)
    fn holds(
        c: &Condition,
        path: &str,
        index: &crate::index::ProjectIndex,
        referenced: &HashSet<&str>,
    ) -> bool {
        let is_gate = |def: Option<crate::index::project::DefId>| {
            def.is_some_and(|d| {
                index
                    .summary(&d.file)
                    .is_some_and(|s| s.admin_gates.contains(&d.name))
            })
        };
        match c {
            Condition::CallsAdminGate { callee, caller } => {
                is_gate(index.callee(path, caller.as_deref(), callee.as_str()))
            }
            Condition::ClientNotServiceRole { callee, caller } => !index
                .callee(path, caller.as_deref(), callee.as_str())
                .is_some_and(|d| {
                    index
                        .summary(&d.file)
                        .is_some_and(|s| s.service_role_clients.contains(&d.name))
                }),
            Condition::UnderAdminLayout => index
                .next_layouts(path)
                .into_iter()
                .any(|l| is_gate(index.definition(&l, "default"))),
            Condition::Unreferenced { function } => !referenced.contains(function.as_str()),
            Condition::EveryCaller(sites) => {
                !sites.is_empty()
                    && sites
                        .iter()
                        .all(|site| site.iter().any(|c| holds(c, path, index, referenced)))
            }
        }
    }
    findings.retain_mut(|f| {
        let withdrawn = f
            .unless
            .iter()
            .any(|c| holds(c, &f.path, &index, &referenced));
        f.unless.clear();
        !withdrawn
    });
}

/// Which of these function names the project's files name anywhere but in a definition
/// (`fn name`, `def name`, `function name`, `const name =`): a call, an import, a router
/// registering it, a comment. Every file of the project is read (all shards: a name
/// used only in another shard is still used), the files of languages without functions
/// and large data files excepted; a file that cannot be read counts as naming them all.
fn referenced<'n>(files: &[SourcePath], names: &HashSet<&'n str>) -> HashSet<&'n str> {
    if names.is_empty() {
        return HashSet::new();
    }
    let mut sorted: Vec<&str> = names.iter().copied().collect();
    sorted.sort_unstable();
    let alternation = sorted
        .iter()
        .map(|n| regex::escape(n))
        .collect::<Vec<_>>()
        .join("|");
    let Ok(words) = regex::Regex::new(&format!(r"\b(?:{alternation})\b")) else {
        return names.clone();
    };
    files
        .par_iter()
        .filter(|f| {
            !matches!(f.lang, Lang::Json | Lang::Sql | Lang::Env | Lang::Prisma)
                && f.size <= 4 * 1024 * 1024
        })
        .map(|f| {
            let Ok(bytes) = std::fs::read(&f.abs) else {
                return names.clone();
            };
            let text = String::from_utf8_lossy(&bytes);
            words
                .find_iter(&text)
                .filter(|m| !defines(&text[..m.start()], &text[m.end()..]))
                .filter_map(|m| names.get(m.as_str()).copied())
                .collect::<HashSet<&str>>()
        })
        .reduce(HashSet::new, |mut a, b| {
            a.extend(b);
            a
        })
}

/// Whether a name between `before` and `after` is being defined: `fn name`, `def name`,
/// `function name`, `async fn name`, `const name =`.
fn defines(before: &str, after: &str) -> bool {
    let before = before.trim_end_matches([' ', '\t']);
    let word = before
        .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '*'))
        .next()
        .unwrap_or("");
    match word {
        "fn" | "def" | "function" | "function*" => true,
        "const" | "let" | "var" => after.trim_start().starts_with('='),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_definitions_from_references() {
        let def = |src: &str, name: &str| {
            let at = src.find(name).unwrap();
            defines(&src[..at], &src[at + name.len()..])
        };
        assert!(def("pub async fn get_due_rules(&self)", "get_due_rules"));
        assert!(def("def sync_orders(db):", "sync_orders"));
        assert!(def("export async function loadTeam(id) {", "loadTeam"));
        assert!(def("const loadTeam = async (id) => {", "loadTeam"));
        assert!(!def(
            "let rules = repo.get_due_rules().await?;",
            "get_due_rules"
        ));
        assert!(!def(".route(\"/rules\", get(list_rules))", "list_rules"));
        assert!(!def("import { loadTeam } from './teams'", "loadTeam"));
        assert!(!def("const { loadTeam } = require('./teams')", "loadTeam"));
    }
}
