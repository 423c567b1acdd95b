//! `authz/missing-role-check`: refunds, payouts, role and plan changes and user
//! deletions in a handler that never checks the caller's role.

use std::sync::LazyLock;

use regex::Regex;
use crate::lang::syntax::Node;

use crate::facts::tenant::is_privileged_field;
use crate::flow::guards::{on_own_account, role_gated};
use crate::flow::request::is_handler;
use crate::lang::treesitter::{arguments, callee, entry, key_text, string_value, text, walk_node, enclosing_function};
use crate::lang::{Lang, Syntax};
use crate::rules::{FileCx, Rule, RuleMeta, Sink};

crate::declare_rule! {
    MissingRoleCheck {
        id: "authz/missing-role-check",
        title: "Privileged operation without a role check",
        severity: High, confidence: Low, tier: 2, cwe: [862, 285],
        languages: [TypeScript, Tsx, JavaScript, Python, Rust],
        why: "Being signed in is not being an admin: a refund, payout, role change or account deletion behind only a login check can be called by every user, and generated admin pages often hide the button but leave the endpoint open.",
        fix: "Check the caller's role on the server before the operation (`if (session.user.role !== \"ADMIN\") return 403`, `requireAdmin` middleware, `Depends(require_admin)`, `@permission_required`), not only in the UI.",
        docs: "missing_role_check.md",
        skip: [test, seed],
    }
}

/// Money-moving payment SDK calls.
const MONEY: &[&str] = &[
    "refunds.create",
    "refund.create",
    "transfers.create",
    "transfer.create",
    "payouts.create",
    "payout.create",
];

/// SQL that changes a user's role or plan, or deletes users.
static PRIVILEGED_SQL: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r"(?i)update\s+\W?users?\W?\s+set\s+[^;]*\b(?:role|is_admin|is_superuser|is_staff|plan|permissions)\b|delete\s+from\s+\W?users?\b")
        .expect("regex compiles")
});

impl Rule for MissingRoleCheck {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn node_kinds(&self, lang: Lang) -> &'static [&'static str] {
        if lang == Lang::Python {
            &["call", "assignment"]
        } else {
            &["call_expression", "assignment_expression"]
        }
    }

    fn check_node<'a>(&self, cx: &FileCx<'a>, n: Node<'a>, out: &mut Sink) {
        let src = cx.text();
        let Some(what) = privileged(n, src) else {
            return;
        };
        if on_own_account(statement_text(n, src)) {
            return;
        }
        let func = enclosing_function(n);
        if own_or_new_target(cx, func, n) {
            return;
        }
        if func.parent().is_none() || !is_handler(cx.path, func, src) || role_gated(func, src) {
            return;
        }
        // behind the deployment's own secret: a machine of the deployment calls it
        if crate::rules::gates::scheduled_job(cx, n) {
            return;
        }
        out.report(
            n.byte_range(),
            format!("{what} with no check of the caller's role: any signed-in user can do it"),
        );
    }

    fn check_file(&self, cx: &FileCx<'_>, out: &mut Sink) {
        let Syntax::Rust(file) = cx.syntax else {
            return;
        };
        if !PRIVILEGED_SQL.is_match(cx.text()) {
            return;
        }
        use crate::flow::rust::{calls, functions, text_of};
        for f in functions(cx.src, file) {
            let body = text_of(cx.src, f.block);
            if crate::flow::guards::ROLE_CHECK.is_match(&body) {
                continue;
            }
            for e in calls(f.block) {
                let syn::Expr::Call(c) = &e else { continue };
                let Some(syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(sql),
                    ..
                })) = c.args.first()
                else {
                    continue;
                };
                if !PRIVILEGED_SQL.is_match(&sql.value()) {
                    continue;
                }
                // the statement: sqlx::query("…").bind(user.id)…
                let line_start = cx.text()[..crate::lang::rust::span_range(
                    cx.src,
                    syn::spanned::Spanned::span(&e),
                )
                .start]
                    .rfind('\n')
                    .map_or(0, |i| i + 1);
                let line_end = cx.text()[line_start..]
                    .find('\n')
                    .map_or(cx.text().len(), |i| line_start + i);
                if on_own_account(&cx.text()[line_start..line_end]) {
                    continue;
                }
                out.report(
                    crate::lang::rust::span_range(cx.src, syn::spanned::Spanned::span(&e)),
                    "a role change or user deletion with no check of the caller's role: any signed-in user can do it",
                );
            }
        }
    }
}

/// For `target.role = …`: whether `target` is the caller's own record (`subscription =
/// get_or_create_subscription(current_user, db)`) or an account this function creates
/// (`user = User()`, `new User(…)`, a signup): no other user's privileges change.
fn own_or_new_target<'t>(cx: &FileCx<'t>, func: Node<'t>, n: Node<'t>) -> bool {
    let src = cx.text();
    let Some(left) = n.field("left") else {
        return false;
    };
    let mut root = left;
    while let Some(o) = root.field("object") {
        root = o;
    }
    if root.kind_str() != "identifier" {
        return false;
    }
    let Some(value) = cx.index.resolve(func, text(root, src), root.start_byte()) else {
        return false;
    };
    let mut v = value;
    while matches!(v.kind_str(), "await_expression" | "await" | "parenthesized_expression") {
        let Some(inner) = v.named_child(0) else { break };
        v = inner;
    }
    let constructed = v.kind_str() == "new_expression"
        || (matches!(v.kind_str(), "call" | "call_expression")
            && callee(v).is_some_and(|f| {
                f.kind_str() == "identifier"
                    && text(f, src).starts_with(|c: char| c.is_ascii_uppercase())
            }));
    constructed || on_own_account(text(v, src))
}

/// The statement around a node, to see whose account it touches.
fn statement_text<'a>(n: Node<'_>, src: &'a str) -> &'a str {
    let mut s = n;
    while let Some(p) = s.parent() {
        if p.kind_str().ends_with("statement") || p.kind_str() == "block" || p.kind_str() == "statement_block" {
            break;
        }
        s = p;
    }
    text(s, src)
}

/// Whether code names the `users` table or model as a whole word (`from('users')`,
/// `db.users`), not a table of something else kept per user (`telegram_users`, the chats
/// linked to accounts).
fn names_users(code: &str) -> bool {
    code.match_indices("users").any(|(at, w)| {
        let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
        !code[..at].chars().next_back().is_some_and(word)
            && !code[at + w.len()..].chars().next().is_some_and(word)
    })
}

/// What privileged operation a node performs, if any.
fn privileged(n: Node<'_>, src: &str) -> Option<&'static str> {
    match n.kind_str() {
        "call_expression" | "call" => {
            let f = callee(n)?;
            let lower = crate::lang::words::without_whitespace(text(f, src)).to_ascii_lowercase();
            if MONEY.iter().any(|m| lower.ends_with(m)) {
                return Some("money moves (a refund, transfer or payout)");
            }
            let (receiver, method) = lower.rsplit_once('.')?;
            let receiver_last = receiver.rsplit('.').next().unwrap_or(receiver);
            let user_model = receiver_last.starts_with("user")
                || receiver.contains("user.objects")
                || names_users(receiver);
            let args = arguments(n)?;
            // prisma.user.update({ data: { role: … } }), User.objects.filter(…).update(is_staff=True)
            if user_model
                && matches!(
                    method,
                    "update" | "updatemany" | "upsert" | "update_one" | "update_many"
                )
            {
                let mut sets_privileged = false;
                walk_node(args, |c| {
                    if let Some((k, _)) = entry(c)
                        && is_privileged_field(&key_text(k, src))
                    {
                        sets_privileged = true;
                    }
                });
                if sets_privileged {
                    return Some("a user's role or plan is changed");
                }
            }
            // prisma.user.delete(…), supabase.auth.admin.deleteUser(…), clerk users.deleteUser(…)
            if (user_model && matches!(method, "delete" | "deletemany" | "destroy" | "delete_one"))
                || method == "deleteuser"
                || method == "delete_user"
            {
                return Some("a user account is deleted");
            }
            // db_session.delete(user), session.delete(user)
            if method == "delete"
                && args.named_child(0).is_some_and(|a| {
                    a.kind_str() == "identifier" && text(a, src).to_ascii_lowercase().contains("user")
                })
            {
                return Some("a user account is deleted");
            }
            // raw SQL: UPDATE users SET role = …, DELETE FROM users
            if args
                .named_child(0)
                .and_then(|a| string_value(a, src))
                .is_some_and(|(s, _)| PRIVILEGED_SQL.is_match(&s))
            {
                return Some("a user's role is changed or a user deleted");
            }
            None
        }
        // target.role = …, user.plan = "pro"
        "assignment" | "assignment_expression" => {
            let left = n.field("left")?;
            if !matches!(left.kind_str(), "attribute" | "member_expression") {
                return None;
            }
            let attr = left.field("attribute").or_else(|| left.field("property"))?;
            is_privileged_field(text(attr, src)).then_some("a user's role or plan is changed")
        }
        _ => None,
    }
}
