//! `supabase/function-search-path`: `SECURITY DEFINER` functions that resolve names
//! through the caller's `search_path`.

use crate::rules::supabase::{databases, first_line, here, signature};
use crate::rules::{FileCx, Rule, RuleMeta, Sink};

crate::declare_rule! {
    FunctionSearchPath {
        id: "supabase/function-search-path",
        title: "SECURITY DEFINER function without a fixed search_path",
        severity: Medium, confidence: High, tier: 2, cwe: [426],
        languages: [Sql],
        why: "A SECURITY DEFINER function runs with its owner's rights but looks up unqualified tables, functions and operators through the search_path of whoever calls it; a caller who can create objects in a schema on that path makes the function run their code as the owner.",
        fix: "Add `set search_path = ''` to the function (and qualify names: `public.profiles`, `auth.uid()`), or `alter function … set search_path = public` in a new migration.",
        docs: "function_search_path.md",
    }
}

impl Rule for FunctionSearchPath {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check_file(&self, cx: &FileCx<'_>, out: &mut Sink) {
        for db in databases(cx) {
            for f in &db.functions {
                if !here(cx, &f.at) || !f.decl.definer || f.decl.search_path {
                    continue;
                }
                out.report(
                    first_line(cx, &f.at.range),
                    format!(
                        "SECURITY DEFINER {} `{}` has no fixed search_path, and no later migration sets one: it runs as its owner but resolves unqualified names through the caller's search_path",
                        if f.decl.procedure { "procedure" } else { "function" },
                        signature(&f.decl.name)
                    ),
                );
            }
        }
    }
}
