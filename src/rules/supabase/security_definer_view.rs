//! `supabase/security-definer-view`: views the Data API serves with their owner's
//! rights, past the row level security of the tables they read.

use std::sync::LazyLock;

use regex::Regex;

use crate::rules::supabase::{databases, first_line, here, squashed};
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

/// The relations a query reads: `from t`, `join s.t` (not `from f(…)`, `extract(… from x)`
/// is read as one, which errs toward a finding).
static RELATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:from|join)\s+(?:only\s+)?([a-z_][\w.]*)\b\s*(\()?").expect("regex compiles")
});

/// Whether a query reads tables at all, and not only the system catalogs
/// (`pg_stat_user_tables`, `information_schema.columns`), which have no row level
/// security to bypass.
fn reads_tables(query: &str) -> bool {
    RELATION.captures_iter(&squashed(query)).any(|c| {
        let name = &c[1];
        let bare = name.strip_prefix("pg_catalog.").unwrap_or(name);
        c.get(2).is_none()
            && !bare.starts_with("pg_")
            && !name.starts_with("information_schema.")
            && !matches!(name, "lateral" | "unnest" | "generate_series")
    })
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
                    || !db.serves(&v.decl.name.schema)
                    || !v.select.exposed()
                    || !reads_tables(&v.decl.query)
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
