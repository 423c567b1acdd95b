//! Where a value comes from: client input (request body, query string, path) or the
//! authenticated session; and whether the function checks the caller's membership.

use std::sync::LazyLock;

use regex::Regex;
use tree_sitter::Node;

use crate::lang::treesitter::{NodeExt, callee, enclosing_function, text, walk_node};
use crate::rules::FileCx;

pub use crate::flow::request::from_client;

/// Whether the function checks the caller against the value before using it:
/// `assertMembership(user.id, orgId)`, `ensure_member(current_user, org_id)`,
/// `prisma.membership.findFirst({ where: { userId, orgId } })`.
pub fn membership_checked(value: Node<'_>, src: &str) -> bool {
    let func = enclosing_function(value);
    let vtext = text(value, src);
    // the last name in the value: `params.orgId` -> orgId, `request.GET["org"]` -> org
    let key = vtext
        .rsplit(|c: char| !(c.is_alphanumeric() || c == '_'))
        .find(|w| !w.is_empty())
        .unwrap_or(vtext);
    let mut checked = false;
    walk_node(func, |n| {
        if checked
            || !matches!(n.kind(), "call_expression" | "call")
            || n.start_byte() >= value.start_byte()
        {
            return;
        }
        let Some(f) = callee(n) else { return };
        let name = text(f, src).to_ascii_lowercase();
        let guard = [
            "member",
            "access",
            "permission",
            "authoriz",
            "assert",
            "require",
            "ensure",
            "can_",
            "belongs",
        ]
        .iter()
        .any(|w| name.contains(w));
        if guard
            && n.field("arguments")
                .is_some_and(|a| text(a, src).contains(key))
        {
            checked = true;
        }
    });
    // Route middleware: router.get("/orgs/:orgId/…", requireAuth, requireOrgMember, handler)
    if !checked
        && let Some(args) = func
            .parent()
            .filter(|p| matches!(p.kind(), "arguments" | "argument_list"))
    {
        checked = args.named_children(&mut args.walk()).any(|a| {
            a.id() != func.id() && {
                let t = text(a, src).to_ascii_lowercase();
                [
                    "member",
                    "access",
                    "permission",
                    "authoriz",
                    "requireorg",
                    "ensureorg",
                ]
                .iter()
                .any(|w| t.contains(w))
            }
        });
    }
    checked
}

/// Whether the Supabase client `name` (the root of a query chain, lowercased) is
/// assigned in this file from an expression that uses the service-role key:
/// `const supabase = createClient(url, process.env.SUPABASE_SERVICE_ROLE_KEY!)`.
/// The file's service-role names are found once per file (see [`service_role_names`]).
pub fn created_with_service_role(name: &str, cx: &FileCx<'_>) -> bool {
    let root = name
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .find(|w| !w.is_empty())
        .unwrap_or(name);
    !root.is_empty()
        && cx
            .index
            .service_role_names
            .get_or_init(|| service_role_names(cx.text()))
            .contains(root)
}

/// The names a file assigns from an expression that mentions the service role.
pub fn service_role_names(src: &str) -> std::collections::HashSet<String> {
    static ASSIGNED_SERVICE_ROLE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?m)(?:^|[\s;(,])(?:const\s+|let\s+|var\s+)?([A-Za-z_]\w*)\s*(?::[^=\n]+)?=[^=][^;]{0,300}?(?i:service_?role)",
        )
        .expect("regex compiles")
    });
    // The assignment ends at a mention of the service role at most 300 characters on:
    // search the lines before each mention, not the whole file (a capturing search of a
    // large file costs far more than the parse).
    static ASSIGNED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^\s*(?:export\s+)?(?:const\s+|let\s+|var\s+)?([A-Za-z_]\w*)\s*(?::[^=\n]+)?=[^=>]",
        )
        .expect("regex compiles")
    });
    let lower = src.to_ascii_lowercase();
    let mut out = std::collections::HashSet::new();
    // names assigned on the very line that mentions the service role: the seeds of the
    // one-line propagation below (the search above may reach across lines)
    let mut seeds = std::collections::HashSet::new();
    for (at, _) in lower.match_indices("service") {
        let after = &lower[at + "service".len()..];
        let len = if after.starts_with("role") {
            "servicerole".len()
        } else if after.starts_with("_role") {
            "service_role".len()
        } else {
            continue;
        };
        let mut from = at.saturating_sub(320);
        while !src.is_char_boundary(from) {
            from -= 1;
        }
        let from = src[..from].rfind('\n').map_or(0, |i| i + 1);
        let line = src[..at].rfind('\n').map_or(0, |i| i + 1);
        if let Some(name) = ASSIGNED.captures(&src[line..at]).and_then(|c| c.get(1)) {
            seeds.insert(name.as_str().to_string());
        }
        let window = &src[from..at + len];
        out.extend(
            ASSIGNED_SERVICE_ROLE
                .captures_iter(window)
                .filter_map(|c| c.get(1).map(|m| m.as_str().to_string())),
        );
    }
    // and what is assigned from those on one line: `const key =
    // Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")` then `const supabase = createClient(url,
    // key)`
    for _ in 0..3 {
        if seeds.is_empty() {
            break;
        }
        let mut found = Vec::new();
        for (at, word) in crate::lang::words::identifiers(src) {
            if !seeds.contains(word) {
                continue;
            }
            let line = src[..at].rfind('\n').map_or(0, |i| i + 1);
            if let Some(c) = ASSIGNED.captures(&src[line..at])
                && let Some(name) = c.get(1).map(|m| m.as_str())
                && name != word
                && !seeds.contains(name)
            {
                found.push(name.to_string());
            }
        }
        if found.is_empty() {
            break;
        }
        out.extend(found.iter().cloned());
        seeds.extend(found);
    }
    out
}
