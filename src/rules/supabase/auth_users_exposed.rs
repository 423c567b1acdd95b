//! `supabase/auth-users-exposed`: views that hand `auth.users` to the Data API.

use std::sync::LazyLock;

use regex::Regex;

use crate::facts::schema::database::DbView;
use crate::rules::supabase::{databases, first_line, here, squashed};
use crate::rules::{FileCx, Rule, RuleMeta, Sink};

crate::declare_rule! {
    AuthUsersExposed {
        id: "supabase/auth-users-exposed",
        title: "auth.users exposed through a view",
        severity: High, confidence: High, tier: 2, cwe: [200, 359],
        languages: [Sql],
        why: "`auth.users` holds every account's email, phone and sign-in metadata and is not served by the Data API; a view in the public schema that selects from it runs as its owner and serves those rows to anyone with the anon key.",
        fix: "Keep the fields the app needs in a `public.profiles` table with row level security, filled by a trigger; or create the view `with (security_invoker = on)` and revoke it from `anon` and `authenticated`.",
        docs: "auth_users_exposed.md",
    }
}

/// Whether a view selects from `auth.users` with its owner's rights.
pub fn reads_auth_users(v: &DbView) -> bool {
    static AUTH_USERS: LazyLock<Regex> = LazyLock::new(|| {
        crate::lang::pattern::regex(r"\b(?:from|join)\s+auth\s*\.\s*users\b").expect("regex compiles")
    });
    (v.decl.materialized || !v.decl.security_invoker)
        && AUTH_USERS.is_match(&squashed(&v.decl.query))
}

impl Rule for AuthUsersExposed {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check_file(&self, cx: &FileCx<'_>, out: &mut Sink) {
        for db in databases(cx) {
            for v in &db.views {
                if !here(cx, &v.at)
                    || !db.serves(&v.decl.name.schema)
                    || !v.select.exposed()
                    || !reads_auth_users(v)
                {
                    continue;
                }
                out.report(
                    first_line(cx, &v.at.range),
                    format!(
                        "{} `{}` selects from `auth.users` with its owner's rights and is readable by {} through the Data API",
                        if v.decl.materialized { "materialized view" } else { "view" },
                        v.decl.name.name,
                        v.select.roles()
                    ),
                );
            }
        }
    }
}
