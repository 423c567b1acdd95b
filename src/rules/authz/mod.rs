//! Authorization: privileged operations without a role check, and roles or plans
//! written from request input. Shared here: what a role check looks like, which
//! functions are request handlers, and which writes are the caller's own.

pub mod mass_assignment_role;
pub mod missing_role_check;

use std::sync::LazyLock;

use regex::Regex;
use tree_sitter::Node;

use crate::lang::treesitter::{callee, string_value, text};
use crate::rules::FileCx;

/// A role or permission check in code: `user.role !== "ADMIN"`, `assertAdmin(user)`,
/// `has_permission(user, …)`, `if (!user.isAdmin)`.
pub static ROLE_CHECK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
            \.role\s*(?:!==|===|!=|==|\bin\b|\bnot\s+in\b)
          | \brole\s*(?:!==|===|!=|==)
          | \.(?:isAdmin|is_admin|is_staff|is_superuser|isSuperAdmin)\b
          | (?i:assert_?admin|require_?admin|require_?role|ensure_?admin|is_?admin|has_?role|has_?permission|check_?permission|require_?permission|authorize|can_?access|check_?role|assert_?role|assert_?permission)\s*\(
        ",
    )
    .expect("regex compiles")
});

/// Middleware, decorators and dependencies named for a role: `requireAdmin`,
/// `@admin_required`, `Depends(get_current_admin)`, `@permission_required(...)`.
static ROLE_GUARD_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)admin|role|permission|staff|superuser|user_passes_test|authorize|owner_only|can\w*\(",
    )
    .expect("regex compiles")
});

/// Whether a handler checks the caller's role: in its body, in route middleware
/// passed before it, in its decorators or dependencies, or for every route of the file
/// (`router.use(requireAdmin)`).
pub fn role_gated(func: Node<'_>, src: &str) -> bool {
    if ROLE_CHECK.is_match(text(func, src)) {
        return true;
    }
    if let Some(args) = func
        .parent()
        .filter(|p| matches!(p.kind(), "arguments" | "argument_list"))
    {
        let before = args
            .named_children(&mut args.walk())
            .take_while(|a| a.id() != func.id())
            .skip(1)
            .any(|a| ROLE_GUARD_NAME.is_match(text(a, src)));
        if before {
            return true;
        }
    }
    // @admin_required, @permission_required(...); not the route's own decorator, whose
    // path may say /admin/ without checking anything
    if let Some(d) = func.parent().filter(|p| p.kind() == "decorated_definition") {
        let guarded = d.named_children(&mut d.walk()).any(|dec| {
            let t = text(dec, src);
            // FastAPI: @router.delete("/{id}", dependencies=[Depends(get_current_active_superuser)])
            let checked = if is_route_decorator(t) {
                t.split_once("dependencies").map_or("", |(_, deps)| deps)
            } else {
                t
            };
            dec.kind() == "decorator" && ROLE_GUARD_NAME.is_match(checked)
        });
        if guarded {
            return true;
        }
    }
    if let Some(params) = func.child_by_field_name("parameters") {
        let p = text(params, src);
        if (p.contains("Depends(") || p.contains("Security(")) && ROLE_GUARD_NAME.is_match(p) {
            return true;
        }
    }
    static USE_GUARD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\.use\([^)]*(?:admin|role|permission|staff)").expect("regex compiles")
    });
    USE_GUARD.is_match(src)
}

fn is_route_decorator(t: &str) -> bool {
    [
        ".get(",
        ".post(",
        ".put(",
        ".patch(",
        ".delete(",
        ".route(",
        ".api_route(",
    ]
    .iter()
    .any(|r| t.contains(r))
}

/// Whether a function handles a request: an Express/Hono/Fastify route callback, a
/// Next.js route export or server action, a pages API handler, a FastAPI/Flask route, a
/// Django view.
pub fn is_handler(cx: &FileCx<'_>, func: Node<'_>, src: &str) -> bool {
    if let Some(call) = func
        .parent()
        .filter(|p| matches!(p.kind(), "arguments"))
        .and_then(|a| a.parent())
    {
        let name = callee(call).map(|f| text(f, src)).unwrap_or("");
        let method = name.rsplit('.').next().unwrap_or(name);
        let path = crate::lang::treesitter::arguments(call)
            .and_then(|a| a.named_child(0))
            .and_then(|p| string_value(p, src));
        if matches!(method, "get" | "post" | "put" | "patch" | "delete" | "all") && path.is_some() {
            return true;
        }
    }
    let name = func
        .child_by_field_name("name")
        .map_or("", |n| text(n, src));
    let route_file = cx.path.contains("/route.") || cx.path.starts_with("route.");
    if route_file && matches!(name, "GET" | "POST" | "PUT" | "PATCH" | "DELETE") {
        return true;
    }
    if crate::flow::request::server_action(func, src) {
        return true;
    }
    if cx.path.contains("pages/api/") {
        return true;
    }
    if let Some(d) = func.parent().filter(|p| p.kind() == "decorated_definition")
        && is_route_decorator(&src[d.start_byte()..func.start_byte()])
    {
        return true;
    }
    // Django function views take `request` first
    func.child_by_field_name("parameters")
        .and_then(|p| p.named_child(0))
        .is_some_and(|p| text(p, src) == "request")
}

/// Whether an operation acts on the caller's own account: `session.user.id`, `g.user`,
/// `current_user`, `req.user.id`, `user.id` of the authenticated user.
pub fn on_own_account(op: &str) -> bool {
    static OWN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:\b(?:session|g|req|request|ctx|locals|c)\??\.user\b|current_?user|currentUser|auth\(\)\.userId|\buser\.id\b|\bme\.id\b|userId:\s*session)")
            .expect("regex compiles")
    });
    OWN.is_match(op)
}
