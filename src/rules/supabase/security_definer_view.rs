//! `supabase/security-definer-view`: views the Data API serves with their owner's
//! rights, past the row level security of the tables they read.

use crate::rules::supabase::{databases, first_line, here};
use crate::rules::{FileCx, Rule, RuleMeta, Sink};

crate::declare_rule! {
    SecurityDefinerView {
        id: "supabase/security-definer-view",
        title: "View that bypasses row level security",
        severity: High, confidence: High, tier: 2, cwe: [284, 863],
        languages: [Sql],
        why: "A Postgres view runs with the rights of its owner (the migration's `postgres` role), so the row level security of the tables it reads does not apply: every `anon` or signed-in caller reads every row the view selects through `/rest/v1/<view>`.",
        fix: "Create the view `with (security_invoker = on)` (Postgres 15+), or `alter view … set (security_invoker = on)` in a new migration; or revoke it from `anon` and `authenticated` if only the server reads it.",
        docs: "security_definer_view.md",
    }
}

impl Rule for SecurityDefinerView {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check_file(&self, cx: &FileCx<'_>, out: &mut Sink) {
        for db in databases(cx) {
            for v in &db.views {
                if !here(cx, &v.at)
                    || v.decl.materialized
                    || v.decl.security_invoker
                    || !v.in_api_schema()
                    || !v.select.exposed()
                {
                    continue;
                }
                out.report(
                    first_line(cx, &v.at.range),
                    format!(
                        "view `{}` runs with its owner's rights (no `security_invoker = on`) and is readable by {}: the row level security of the tables it reads does not apply",
                        v.decl.name.name,
                        v.select.roles()
                    ),
                );
            }
        }
    }
}
