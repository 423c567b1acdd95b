//! `supabase/user-metadata-in-policy`: policies that trust what users write about
//! themselves.

use std::sync::LazyLock;

use regex::Regex;

use crate::facts::schema::database::Database;
use crate::rules::supabase::{CALL, asks_for_caller, databases, first_line, here, squashed};
use crate::rules::{FileCx, Rule, RuleMeta, Sink};

crate::declare_rule! {
    UserMetadataInPolicy {
        id: "supabase/user-metadata-in-policy",
        title: "Policy trusts user_metadata",
        severity: High, confidence: High, tier: 2, cwe: [639, 807],
        languages: [Sql],
        why: "`user_metadata` (`raw_user_meta_data` in `auth.users`) is written by the user: `supabase.auth.updateUser({ data: { role: 'admin' } })` from the browser changes it, and the next token carries it. A policy that reads a role or a tenant from it lets every user grant themselves that role or tenant.",
        fix: "Read roles and tenants from `app_metadata` (set only with the service role) or from a table the user cannot write (`user_roles`, `memberships`) checked with `auth.uid()`.",
        docs: "user_metadata_in_policy.md",
    }
}

static USER_METADATA: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r"\b(?:user_metadata|raw_user_meta_data)\b").expect("regex compiles")
});

/// The function a policy condition calls that reads user metadata and takes it as it
/// is, if any. One that passes what it read to a check of the caller
/// (`if public.user_has_organization_access(claimed) then return claimed`) uses the
/// metadata as a hint, not as proof.
fn via_function<'d>(db: &'d Database, cond: &str) -> Option<&'d str> {
    CALL.captures_iter(cond).find_map(|c| {
        db.functions_named(&c[1])
            .find(|f| {
                let body = &f.code;
                USER_METADATA.is_match(body)
                    && !CALL.captures_iter(body).any(|call| {
                        db.functions_named(&call[1])
                            .any(|g| asks_for_caller(db, &g.code, 1))
                    })
            })
            .map(|f| f.decl.name.name.as_str())
    })
}

impl Rule for UserMetadataInPolicy {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check_file(&self, cx: &FileCx<'_>, out: &mut Sink) {
        for db in databases(cx) {
            for p in &db.policies {
                if !here(cx, &p.at) {
                    continue;
                }
                let cond = squashed(&p.policy.cond);
                let how = if USER_METADATA.is_match(&cond) {
                    "reads `user_metadata`".to_string()
                } else if let Some(f) = via_function(db, &cond) {
                    format!("calls `{f}()`, which reads `user_metadata`")
                } else {
                    continue;
                };
                out.report(
                    first_line(cx, &p.at.range),
                    format!(
                        "policy \"{}\" on `{}` {how}, which every user can change about themselves",
                        p.policy.name, p.table
                    ),
                );
            }
        }
    }
}
