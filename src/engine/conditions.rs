//! The findings' conditions (see [`crate::finding::Condition`]), decided on the project
//! index once every file is scanned: a rule sees one file, the index sees them all.

use std::path::Path;

use crate::lang::Lang;

/// Withdraws the findings whose conditions the project index decides hold (see
/// [`crate::finding::Condition`]); the others lose their conditions.
pub(super) fn decide(
    root: &Path,
    findings: &mut Vec<crate::finding::Finding>,
    modules: Vec<(String, Lang, crate::index::ModuleSummary)>,
) {
    use crate::finding::Condition;
    if findings.iter().all(|f| f.unless.is_empty()) {
        return;
    }
    let index = super::index_of(root, modules);
    let is_gate = |def: Option<crate::index::project::DefId>| {
        def.is_some_and(|d| {
            index
                .summary(&d.file)
                .is_some_and(|s| s.admin_gates.contains(&d.name))
        })
    };
    findings.retain_mut(|f| {
        let withdrawn = f.unless.iter().any(|c| match c {
            Condition::CallsAdminGate { callee, caller } => {
                is_gate(index.callee(&f.path, caller.as_deref(), callee.as_str()))
            }
            Condition::ClientNotServiceRole { callee, caller } => !index
                .callee(&f.path, caller.as_deref(), callee.as_str())
                .is_some_and(|d| {
                    index
                        .summary(&d.file)
                        .is_some_and(|s| s.service_role_clients.contains(&d.name))
                }),
            Condition::UnderAdminLayout => index
                .next_layouts(&f.path)
                .into_iter()
                .any(|l| is_gate(index.definition(&l, "default"))),
        });
        f.unless.clear();
        !withdrawn
    });
}
