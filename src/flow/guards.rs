//! Guards: what a role or permission check looks like (in a handler's body, its route
//! middleware, decorators and dependencies, or a file-wide `router.use(requireAdmin)`),
//! and which operations act on the caller's own account. One place for every rule that
//! asks whether code is gated.

use std::sync::LazyLock;

use regex::Regex;
use tree_sitter::Node;

use crate::lang::treesitter::{NodeExt, text};

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
            let checked = if crate::flow::request::is_route_decorator(t) {
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
    if let Some(params) = func.field("parameters") {
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

/// Whether an operation acts on the caller's own account: `session.user.id`, `g.user`,
/// `current_user`, `req.user.id`, `user.id` of the authenticated user.
pub fn on_own_account(op: &str) -> bool {
    static OWN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:\b(?:session|g|req|request|ctx|locals|c)\??\.user\b|current_?user|currentUser|auth\(\)\.userId|\buser\.id\b|\bme\.id\b|userId:\s*session)")
            .expect("regex compiles")
    });
    OWN.is_match(op)
}
