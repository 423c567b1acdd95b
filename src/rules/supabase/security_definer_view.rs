//! `supabase/security-definer-view`: views the Data API serves with their owner's
//! rights, past the row level security of the tables they read.

use std::sync::LazyLock;

use regex::Regex;

use crate::facts::schema::database::{Database, DbView, Reach};
use crate::facts::tenant::{Access, PolicyCommand};
use crate::rules::supabase::policy_any_user::trivial;
use crate::rules::supabase::{always, databases, first_line, here, rls_off, squashed};
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

/// The relations a query reads: `from t`, `join s.t` (not `from f(…)`, nor the operand
/// of `is [not] distinct from`; `extract(… from x)` is read as one, which errs toward a
/// finding).
static RELATION: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r"\b(?:from|join)\s+(?:only\s+)?([a-z_][\w.]*)\b\s*(\()?").expect("regex compiles")
});

/// The relations of a query, as [`RELATION`] finds them, with whether each is a call
/// (`from f(…)`), less the operands of `is [not] distinct from`.
fn relations(query: &str) -> impl Iterator<Item = (&str, bool)> {
    RELATION.captures_iter(query).filter_map(move |c| {
        let whole = c.get(0)?;
        let distinct = query[..whole.start()].trim_end().ends_with("distinct");
        (!distinct).then(|| (c.get(1).map_or("", |m| m.as_str()), c.get(2).is_some()))
    })
}

/// Whether a query reads tables at all, and not only the system catalogs
/// (`pg_stat_user_tables`, `information_schema.columns`), which have no row level
/// security to bypass.
fn reads_tables(query: &str) -> bool {
    relations(&squashed(query)).any(|(name, call)| {
        let bare = name.strip_prefix("pg_catalog.").unwrap_or(name);
        !call
            && !bare.starts_with("pg_")
            && !name.starts_with("information_schema.")
            && !matches!(name, "lateral" | "unnest" | "generate_series")
    })
}

/// The names a query's `WITH` clause defines (`with totals as (…), recent as (…)`).
static CTE: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r"(?:\bwith(?:\s+recursive)?|,)\s+([a-z_]\w*)\s+as\s+(?:not\s+)?(?:materialized\s+)?\(")
        .expect("regex compiles")
});

/// Whether every relation a view reads already shows all its rows to every role that
/// may read the view: a table whose row level security is off, or one with a `SELECT`
/// policy that lets them all through (`using (true)` for `anon`; `true` or "signed in"
/// for `authenticated`), or a view that itself shows only such rows; a table made
/// outside the migrations ([`made_elsewhere`]) is no evidence either way. Such a view
/// runs past no check that can be seen: whoever reads it could read the same rows from
/// the tables.
fn shows_only_open_rows(cx: &FileCx<'_>, db: &Database, query: &str, readers: &Reach, depth: usize) -> bool {
    let query = squashed(query);
    let local: Vec<&str> = CTE
        .captures_iter(&query)
        .filter_map(|c| c.get(1).map(|m| m.as_str()))
        .collect();
    let anon = readers.public || readers.anon;
    let authenticated = readers.public || readers.authenticated;
    let open_to = |table: &str, role: &str| {
        db.policies.iter().any(|p| {
            p.table == table
                && matches!(
                    p.policy.command,
                    PolicyCommand::All | PolicyCommand::Only(Access::Read)
                )
                && p.reaches(role)
                && if role == "anon" {
                    always(&p.policy.cond)
                } else {
                    trivial(&p.policy.cond) || signed_in_role(&p.policy.cond)
                }
        })
    };
    let mut read = false;
    for (name, call) in relations(&query) {
        if call || matches!(name, "lateral" | "unnest" | "generate_series") {
            continue;
        }
        if local.contains(&name) {
            continue;
        }
        let table = match name.split_once('.') {
            Some((schema, t)) if db.serves(schema) => t,
            Some(_) => return false,
            None => name,
        };
        if let Some(view) = db.views.iter().find(|w| w.decl.name.name == table) {
            if depth >= 3 || !shows_only_open_rows(cx, db, &view.decl.query, readers, depth + 1) {
                return false;
            }
        } else if made_elsewhere(cx, db, table) {
            // no evidence either way: its protection is decided where it is made
        } else {
            // a table created here whose RLS stays off and no policy was written for: its
            // rows are open (`tenant/rls-disabled` says so); policies without an `enable`
            // seen mean RLS was turned on elsewhere
            let unprotected = db.tables.contains_key(table)
                && rls_off(cx, db, table)
                && !db.policies.iter().any(|p| p.table == table);
            let grants = db.table_select(table);
            let open = |role: &str| {
                let granted = grants.public
                    || if role == "anon" {
                        grants.anon
                    } else {
                        grants.authenticated
                    };
                granted && (unprotected || open_to(table, role))
            };
            if (anon && !open("anon"))
                || (authenticated && !open("authenticated"))
            {
                return false;
            }
        }
        read = true;
    }
    read
}

/// A table the migrations do not create and say nothing of the protection of: made by
/// the app's ORM, the dashboard or a script outside the repository, and at most altered
/// here (`alter table public.projects add column …`). No `enable row level security`
/// and no policy for it is in sight, so whether readers of a view over it could read its
/// rows themselves is unknown: it is no evidence that the view opens anything.
fn made_elsewhere(cx: &FileCx<'_>, db: &Database, table: &str) -> bool {
    !db.tables.get(table).is_some_and(|t| t.created)
        && !db.policies.iter().any(|p| p.table == table)
        && !cx.facts.data.rls.contains_key(&(db.root.clone(), table.to_string()))
}

/// A condition that asks only for the caller's role, `authenticated` among those it
/// lets through: `auth.role() in ('authenticated', 'service_role')`, in `USING` and in
/// the `WITH CHECK` of a `FOR ALL` policy (the model keeps both, one after the other).
fn signed_in_role(cond: &str) -> bool {
    static ROLE_IN: LazyLock<Regex> = LazyLock::new(|| {
        crate::lang::pattern::regex(r"^(?:auth\.rolein'[a-z_]+'(?:,'[a-z_]+')*)+$").expect("regex compiles")
    });
    let c: String = cond
        .to_ascii_lowercase()
        .replace("select", "")
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '(' | ')' | '"'))
        .collect();
    ROLE_IN.is_match(&c) && c.contains("'authenticated'")
}

/// Whether the view shows rows its readers could not read themselves.
fn bypasses(cx: &FileCx<'_>, db: &Database, v: &DbView) -> bool {
    !shows_only_open_rows(cx, db, &v.decl.query, &v.select, 0)
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
                    || !bypasses(cx, db, v)
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
