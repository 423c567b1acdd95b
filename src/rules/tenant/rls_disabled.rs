//! `tenant/rls-disabled`: Supabase tables left open to the API.

use crate::lang::Lang;
use crate::rules::{FileCx, Rule, RuleMeta, Sink};

crate::declare_rule! {
    RlsDisabled {
        id: "tenant/rls-disabled",
        title: "Supabase table not guarded by row level security",
        severity: Critical, confidence: High, tier: 1, cwe: [284, 639],
        languages: [Sql],
        why: "Supabase serves every table in the public schema to anyone holding the anon key, which ships in the browser; only row level security stands between it and the data.",
        fix: "`alter table … enable row level security;` in a migration, with policies that check the caller (`auth.uid()`) and the tenant column; limit catch-all policies `to service_role`.",
        docs: "rls_disabled.md",
    }
}

impl Rule for RlsDisabled {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    /// The migrations were read once in the facts pass, in order; this reports what
    /// it found in the current file.
    fn check_file(&self, cx: &FileCx<'_>, out: &mut Sink) {
        if cx.lang != Lang::Sql {
            return;
        }
        for issue in cx
            .facts
            .data
            .rls_issues
            .iter()
            .filter(|i| i.path == cx.path)
        {
            let end = cx.text()[issue.range.start..]
                .find('\n')
                .map_or(issue.range.end, |p| issue.range.start + p)
                .min(issue.range.end);
            let name = cx.path.rsplit('/').next().unwrap_or(cx.path);
            out.report(
                issue.range.start..end,
                format!("{} ({name})", issue.message),
            );
        }
    }
}
