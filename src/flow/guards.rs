//! Guards: what a role or permission check looks like (in a handler's body, its route
//! middleware, decorators and dependencies, or a file-wide `router.use(requireAdmin)`),
//! and which operations act on the caller's own account. One place for every rule that
//! asks whether code is gated.

use std::sync::LazyLock;

use crate::lang::syntax::Node;
use regex::Regex;

use crate::lang::treesitter::text;

/// Platform staff's code in Rust: before `at`, the function around it propagates the
/// failure of a guard of the same file that turns away everyone but platform admins
/// (`require_super_admin(&user)?;`, a function whose body names the super-admin or
/// platform-admin role and returns an error).
pub fn rust_staff_guard_before(text: &str, at: usize) -> bool {
    static STAFF_ONLY: LazyLock<Regex> = LazyLock::new(|| {
        crate::lang::pattern::regex(r"(?i)super_?admin|platform_?admin").expect("regex compiles")
    });
    rust_guard_calls_before(text, at).any(|(name, _)| {
        rust_fn_bodies(text, name).any(|guard| STAFF_ONLY.is_match(guard) && guard.contains("Err("))
    })
}

/// The calls whose failure the Rust function around `at` propagates before it, a
/// statement each (`require_super_admin(&user)?;`, `verify_access(&state, id).await?;`,
/// `let _org = verify_access(…).await?;`): the callee's name and its arguments' text.
pub fn rust_guard_calls_before(text: &str, at: usize) -> impl Iterator<Item = (&str, &str)> {
    let head = crate::lang::rust::body_around(text, at);
    rust_guard_calls_in(head.map_or("", |h| &text[h.at..at]))
}

/// The calls whose failure Rust code propagates, a statement each, as
/// [`rust_guard_calls_before`] reads them, anywhere in `code`.
pub fn rust_guard_calls_in(code: &str) -> impl Iterator<Item = (&str, &str)> {
    static GUARD_CALL: LazyLock<Regex> = LazyLock::new(|| {
        crate::lang::pattern::regex(r"\b([a-z_][a-z0-9_]*)\s*\(([^;{}]*)\)\s*(?:\.await\s*)?\?\s*;")
            .expect("regex compiles")
    });
    GUARD_CALL
        .captures_iter(code)
        .filter_map(|c| Some((c.get(1)?.as_str(), c.get(2)?.as_str())))
}

/// The text of each function of a Rust file with this name (`fn name(`, `fn name<`).
fn rust_fn_bodies<'t>(text: &'t str, name: &str) -> impl Iterator<Item = &'t str> {
    let def = format!("fn {name}");
    let len = def.len();
    text.match_indices(&def)
        .map(|(i, _)| i + len)
        .filter(|&end| text[end..].trim_start().starts_with(['(', '<']))
        .map(|end| crate::lang::rust::fn_text(text, end))
        .collect::<Vec<_>>()
        .into_iter()
}

/// A role or permission check in code: `user.role !== "ADMIN"`, `assertAdmin(user)`,
/// `has_permission(user, …)`, `if (!user.isAdmin)`.
pub static ROLE_CHECK: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(
        r#"(?x)
            \.role\s*(?:!==|===|!=|==|\bin\b|\bnot\s+in\b)
          | \brole\s*(?:!==|===|!=|==)
          | \.(?:isAdmin|is_admin|is_staff|is_superuser|isSuperAdmin)\b
          | \brole\s+(?:not\s+)?in\b
          | \.includes\(\s*[\w.?]*(?i:role)\s*(?:(?:\|\||\?\?)\s*(?:''|""|null|undefined)\s*)?\)
          | \.rpc\(\s*['"](?i:is|has|check)_\w*(?i:admin|role|permission|staff)\w*['"]
          | \b[A-Z_]*ROLES\w*\s*\.(?:includes|has|indexOf)\(
          | (?i:(?:verify|validate|check)_?\w{0,12}?admin\w*)\s*\(
          | (?i:assert_?admin|require_?admin|require_?role|ensure_?admin|is_?admin|has_?role|has_?permission|check_?permission|require_?permission|authorize|can_?access|check_?role|assert_?role|assert_?permission)\s*\(
        "#,
    )
    .expect("regex compiles")
});

/// Middleware, decorators and dependencies named for a role: `requireAdmin`,
/// `@admin_required`, `Depends(get_current_admin)`, `@permission_required(...)`.
static ROLE_GUARD_NAME: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(
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
        .filter(|p| matches!(p.kind_str(), "arguments" | "argument_list"))
    {
        let before = args
            .named_children()
            .take_while(|a| a.id() != func.id())
            .skip(1)
            .any(|a| ROLE_GUARD_NAME.is_match(text(a, src)));
        if before {
            return true;
        }
    }
    // @admin_required, @permission_required(...); not the route's own decorator, whose
    // path may say /admin/ without checking anything
    if let Some(d) = func
        .parent()
        .filter(|p| p.kind_str() == "decorated_definition")
    {
        let guarded = d.named_children().any(|dec| {
            let t = text(dec, src);
            // FastAPI: @router.delete("/{id}", dependencies=[Depends(get_current_active_superuser)])
            let checked = if crate::flow::request::is_route_decorator(t) {
                t.split_once("dependencies").map_or("", |(_, deps)| deps)
            } else {
                t
            };
            dec.kind_str() == "decorator" && ROLE_GUARD_NAME.is_match(checked)
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
        crate::lang::pattern::regex(r"(?i)\.use\([^)]*(?:admin|role|permission|staff)")
            .expect("regex compiles")
    });
    USE_GUARD.is_match(src)
}

/// Whether an operation acts on the caller's own account: `session.user.id`, `g.user`,
/// `current_user`, `req.user.id`, `ctx.userId`, `user.id` of the authenticated user.
pub fn on_own_account(op: &str) -> bool {
    static OWN: LazyLock<Regex> = LazyLock::new(|| {
        crate::lang::pattern::regex(r"(?:\b(?:session|g|req|request|ctx|locals|c)\??\.user\b|\b(?:session|ctx|context|req|request|locals)\??\.(?:userId|user_id)\b|current_?user|currentUser|auth\(\)\.userId|\buser\.id\b|\bme\.id\b|userId:\s*session)")
            .expect("regex compiles")
    });
    OWN.is_match(op)
}

/// The functions of a file that gate on a platform administrator: they look up a
/// super-admin or platform-admin record (`prisma.superAdminSession.findUnique`,
/// `db.platformAdmin.findFirst`), or call a function of the same file that does
/// (`requireSuperAdmin` around `validateSuperAdminSession`). Callers that act only when
/// such a function answers are the platform's own staff, cross-tenant by design.
pub fn admin_gates(
    summary: &crate::index::ModuleSummary,
    src: &crate::source::SourceText,
) -> Vec<String> {
    let looks_up_admin = |callee: &str| {
        callee.split(['.', ':']).any(|seg| {
            let s: String = seg
                .chars()
                .filter(|c| *c != '_')
                .collect::<String>()
                .to_ascii_lowercase();
            ["superadmin", "platformadmin", "systemadmin", "siteadmin"]
                .iter()
                .any(|w| s.contains(w))
        }) && callee.contains('.')
    };
    // functions whose own body checks a platform-wide flag or asks the database
    let lines = src.line_count();
    let mut gates: Vec<String> = summary
        .functions
        .iter()
        .filter(|f| {
            !f.name.is_empty() && f.line >= 1 && f.line <= f.end_line && f.end_line <= lines
        })
        .filter(|f| {
            let body =
                &src.text[src.line_range(f.line - 1).start..src.line_range(f.end_line - 1).end];
            checks_platform_admin_in(body, &src.text)
        })
        .map(|f| f.name.clone())
        .collect();
    for round in 0..3 {
        let before = gates.len();
        for call in &summary.calls {
            let Some(f) = call.caller.and_then(|i| summary.functions.get(i as usize)) else {
                continue;
            };
            if f.name.is_empty() || gates.contains(&f.name) {
                continue;
            }
            let gate = if round == 0 {
                looks_up_admin(&call.callee)
            } else {
                gates.contains(&call.callee)
            };
            if gate {
                gates.push(f.name.clone());
            }
        }
        if round > 0 && gates.len() == before {
            break;
        }
    }
    gates
}

/// A function body that checks the caller is platform staff by what it reads, not by
/// its name: a user-level flag (`current_user.is_admin`, `user.is_superuser`,
/// `profile.is_platform_admin`), a database function asked with no tenant
/// (`supabase.rpc('is_alkatera_admin')`, not `rpc('is_org_admin', { org_id })`), a role
/// the platform's staff hold, looked up alone (`.eq("role", "super_admin")`) or required
/// of a record (`if (userData?.role !== "super_admin") redirect(…)`), or a
/// lookup in the table of them (`.from("platform_admins")`, `.from("platform_users")`:
/// the platform's own users, with their platform roles, beside the tenants' members).
/// Roles on a membership or an organization are a tenant's admins, not the platform's.
pub fn checks_platform_admin(body: &str) -> bool {
    static FLAG: LazyLock<Regex> = LazyLock::new(|| {
        crate::lang::pattern::regex(
            r#"(?x)
              \.(?:is_super_?admin|is_platform_admin|is_superuser|isSuperAdmin|isPlatformAdmin|is_site_admin|isSiteAdmin)\b
            | \b(?:user|current_user|currentUser|request\.user|profile)\.(?:is_admin|isAdmin|is_staff)\b
            | \.rpc\(\s*['"]([A-Za-z0-9_]+)['"]\s*\)
            | \.eq\(\s*['"]role['"]\s*,\s*['"](?i:super_?admin|platform_?admin)['"]\s*\)
            | \.from\(\s*['"](?i:super_?admins|platform_?(?:admins|staff|users|operators|team)|site_?admins)['"]\s*\)"#,
        )
        .expect("regex compiles")
    });
    // `if (userData?.role !== "super_admin") redirect(…)`: turned away unless staff; not
    // a role the request asks for (`body.role !== "super_admin"`). Its own expression,
    // asked only of bodies that name a `.role`: a pattern that starts with any
    // identifier would defeat the search for the other patterns' literals.
    // or one of a list of roles that holds only theirs, turned away unless it is (`if
    // (!['admin', 'super_admin'].includes(profile.role)) return null`; a list with a
    // tenant's roles beside them, `['rh', 'super_admin']`, lets the tenant's staff in)
    static ROLE_REQUIRED: LazyLock<Regex> = LazyLock::new(|| {
        crate::lang::pattern::regex(r#"([A-Za-z_$][A-Za-z0-9_$]*)\??\.role\s*!==?\s*['"](?i:super_?admin|platform_?admin)['"]|!\s*\[([^\[\]]*['"](?i:super_?admin|platform_?admin)['"][^\[\]]*)\]\s*\.includes\(\s*([A-Za-z_$][A-Za-z0-9_$]*)\??\.role\s*\)"#)
            .expect("regex compiles")
    });
    let role_required = || {
        body.contains(".role")
            && ROLE_REQUIRED.captures_iter(body).any(|c| {
                c.get(2).is_none_or(|list| staff_role_list(list.as_str()))
                    && !REQUEST_OBJECTS.contains(&c.get(1).or(c.get(3)).map_or("", |m| m.as_str()))
            })
    };
    role_required()
        || FLAG.captures_iter(body).any(|c| match c.get(1) {
            None => true,
            Some(rpc) => {
                let name = rpc.as_str().to_ascii_lowercase();
                (name.contains("admin") || name.contains("superuser") || name.contains("staff"))
                    && !crate::vocab::names_tenant_unit(&name)
            }
        })
        || compares_with_server_secret(body)
}

/// [`checks_platform_admin`] of a body in its file, where the list of staff roles may be
/// a constant of the module: `const ALLOWED_ROLES = ['admin', 'super_admin']`, then `if
/// (!ALLOWED_ROLES.includes(role)) return 403` with the caller's role (`role`, `userRole`,
/// `profile.role`; not one the request carries, `body.role`).
pub fn checks_platform_admin_in(body: &str, file: &str) -> bool {
    static REQUIRED: LazyLock<Regex> = LazyLock::new(|| {
        crate::lang::pattern::regex(
            r"!\s*([A-Z][A-Z0-9_]*)\.includes\(\s*(?:([A-Za-z_$][A-Za-z0-9_$]*)\??\.role|([A-Za-z_$][A-Za-z0-9_$]*))\s*\)",
        )
        .expect("regex compiles")
    });
    // asked of every function body of every file (the project index's gates): the
    // regex only runs where a list is asked about
    checks_platform_admin(body)
        || body.contains(".includes(")
            && REQUIRED.captures_iter(body).any(|c| {
                let caller_role = match (c.get(2), c.get(3)) {
                    (Some(owner), _) => !REQUEST_OBJECTS.contains(&owner.as_str()),
                    (None, Some(name)) => {
                        let n = name.as_str().to_ascii_lowercase();
                        n == "role" || n.ends_with("role") && !n.starts_with("requested")
                    }
                    _ => false,
                };
                caller_role && constant_staff_roles(file, &c[1])
            })
}

/// The objects a request's values are read from: a role read off one is the role the
/// caller asks for, not the one it holds.
const REQUEST_OBJECTS: &[&str] = &[
    "body", "req", "request", "params", "input", "payload", "args", "values", "form", "data",
];

/// Whether the module defines `name` as a list of the platform's staff roles only, one of
/// them a super or platform admin: `const ALLOWED_ROLES = ['admin', 'super_admin']`.
fn constant_staff_roles(file: &str, name: &str) -> bool {
    let Some(at) = file.find(&format!("const {name}")) else {
        return false;
    };
    let rest = file[at + name.len() + 6..].trim_start();
    let rest = rest
        .split_once('=')
        .filter(|(ty, _)| !ty.contains('\n'))
        .map_or("", |(_, v)| v.trim_start());
    let Some(list) = rest
        .strip_prefix('[')
        .and_then(|r| r.split_once(']'))
        .map(|(l, _)| l)
    else {
        return false;
    };
    // `admin` alone may be a tenant's own admins; the platform's name themselves
    let names_platform = list.to_ascii_lowercase().contains("super")
        || list.to_ascii_lowercase().contains("platform");
    names_platform && staff_role_list(list)
}

/// A comma-separated list of quoted roles that only the platform's staff hold.
fn staff_role_list(list: &str) -> bool {
    list.split(',').filter(|r| !r.trim().is_empty()).all(|r| {
        let r = r.trim().trim_matches(['\'', '"']).to_ascii_lowercase();
        matches!(
            r.as_str(),
            "admin" | "super_admin" | "superadmin" | "platform_admin" | "platformadmin"
        )
    })
}

/// A body that reads a session cookie and compares it with one secret of the server
/// (`safeCompare(sessionCookie.value, SESSION_TOKEN)`), or an admin function (its name
/// says so) that compares a header with one (`req.headers["x-admin-key"] ===
/// process.env.ADMIN_KEY`): whoever passes holds the deployment's own operator secret,
/// never one tenant. Not a service's signature or key on a header (an internal bot
/// acting for its users, a webhook).
fn compares_with_server_secret(body: &str) -> bool {
    static COOKIE: LazyLock<Regex> = LazyLock::new(|| {
        crate::lang::pattern::regex(r"\bcookies\s*\(\)|\bcookieStore\b|\.cookies\b")
            .expect("regex compiles")
    });
    static HEADER: LazyLock<Regex> = LazyLock::new(|| {
        crate::lang::pattern::regex(r"\bheaders\s*\(\)|\.headers\b").expect("regex compiles")
    });
    let admin_named = body
        .lines()
        .next()
        .is_some_and(|l| l.to_ascii_lowercase().contains("admin"));
    let reads = COOKIE.is_match(body) || (admin_named && HEADER.is_match(body));
    static COMPARE: LazyLock<Regex> = LazyLock::new(|| {
        crate::lang::pattern::regex(
            r#"(?x)
              (?:[!=]==?|\b(?:timingSafeEqual|safeCompare|secureCompare|constantTimeEqual|compare_digest)\b)
              .{0,120}?
              (?:\bprocess\.env\.[A-Z][A-Z0-9_]*|\bDeno\.env\.get\(|\b[A-Z][A-Z0-9]*_?(?:[A-Z0-9]+_)*(?:SECRET|TOKEN|PASSWORD|KEY)\b)
            | (?:\bprocess\.env\.[A-Z][A-Z0-9_]*|\b[A-Z][A-Z0-9]*_?(?:[A-Z0-9]+_)*(?:SECRET|TOKEN|PASSWORD|KEY)\b)
              \s*[!=]==?"#,
        )
        .expect("regex compiles")
    });
    reads && body.lines().any(|l| COMPARE.is_match(l))
}

/// The calls made before `node` in the functions around it whose answer decides
/// whether the code goes on: `const session = await validateSession(token)` followed by
/// `if (!session) return …`, or `if (!(await isStaff(user))) throw …`. Each as (callee as
/// written, the name of the function that makes it when it has one): what a condition
/// on the callee's definition needs (see [`crate::finding::Condition::CallsAdminGate`]).
pub fn checked_calls_before<'t>(
    ix: &crate::index::FileIndex<'t>,
    node: Node<'t>,
) -> Vec<(String, Option<String>)> {
    let at = node.start_byte();
    let mut out: Vec<(String, Option<String>)> = Vec::new();
    for func in ix.enclosing_functions(node, 3) {
        // one walk per function, shared by every node asked about in it
        let facts = ix.memo("checked calls", func, || CheckedCalls::of(ix, func));
        for call in &facts.calls {
            if call.end > at {
                continue;
            }
            let checked = call.tested_in_place || call.first_tested.is_some_and(|t| t < at);
            if checked && !out.iter().any(|(c, _)| *c == call.callee) {
                out.push((call.callee.clone(), facts.name.clone()));
            }
        }
    }
    out
}

/// A callee named to throw unless the caller may go on: a word of its last name is
/// `assert`, `require`, `ensure` or `verify` (`requirePlatformRole`,
/// `auth.assertSuperAdmin`).
fn throwing_guard(callee: &str) -> bool {
    named_to_throw(callee.rsplit('.').next().unwrap_or(callee))
}

/// Whether a word of `name` is `assert`, `require`, `ensure` or `verify`: the names of
/// guards that throw unless the caller may go on (`assertAccess`,
/// `loadItemAndAssertAccess`, `ensure_member`).
pub fn named_to_throw(name: &str) -> bool {
    crate::lang::words::split_words(name)
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| ["assert", "require", "ensure", "verify"].contains(&w))
}

/// The calls of one function (nested functions included) whose value an `if` may test,
/// for [`checked_calls_before`].
struct CheckedCalls {
    /// The function's name, when it has one.
    name: Option<String>,
    /// In source order.
    calls: Vec<CheckedCall>,
}

struct CheckedCall {
    /// Where the call ends.
    end: usize,
    /// The callee as written (`auth.validateSession`).
    callee: String,
    /// Tested where it is made: `if (!(await isStaff(user)))`.
    tested_in_place: bool,
    /// Bound to a name (`const session = await validateSession(token)`): where the first
    /// `if` of the function whose condition names it starts.
    first_tested: Option<usize>,
}

impl CheckedCalls {
    fn of<'t>(ix: &crate::index::FileIndex<'t>, func: Node<'t>) -> Self {
        use crate::lang::treesitter::{name_chain, walk_node};
        let src = ix.src();
        let name = func
            .field("name")
            .map(|n| text(n, src).to_string())
            .filter(|n| !n.is_empty());
        // the conditions of the function's `if`s: where each starts, and its text
        let mut conditions: Vec<(usize, &str)> = Vec::new();
        let mut found: Vec<(Node<'t>, String)> = Vec::new();
        walk_node(func, |n| match n.kind_str() {
            "if_statement" => {
                if let Some(c) = n.field("condition") {
                    conditions.push((n.start_byte(), text(c, src)));
                }
            }
            "call_expression" => {
                if let Some(callee) = n.field("function").and_then(|f| name_chain(f, src)) {
                    found.push((n, callee));
                }
            }
            _ => {}
        });
        let calls = found
            .into_iter()
            .map(|(n, callee)| {
                // the call's value: awaited, then bound to a name or tested in place
                let mut value = n;
                while let Some(p) = value.parent().filter(|p| {
                    matches!(
                        p.kind_str(),
                        "await_expression" | "parenthesized_expression" | "non_null_expression"
                    )
                }) {
                    value = p;
                }
                let (mut tested_in_place, mut first_tested) = (false, None);
                match value.parent() {
                    Some(p) if p.kind_str() == "variable_declarator" => {
                        if let Some(v) = p.field("name") {
                            let bound = text(v, src);
                            first_tested = conditions
                                .iter()
                                .filter(|(_, c)| {
                                    crate::lang::words::identifiers(c).any(|(_, w)| w == bound)
                                })
                                .map(|(start, _)| *start)
                                .min();
                        }
                    }
                    Some(p) if p.kind_str() == "unary_expression" => {
                        tested_in_place = p
                            .parent()
                            .is_some_and(|q| q.kind_str() == "parenthesized_expression");
                    }
                    // `await requirePlatformRole(user.id, roles);` on its own: a guard
                    // named to throw unless the caller may go on
                    Some(p) if p.kind_str() == "expression_statement" => {
                        tested_in_place = throwing_guard(&callee);
                    }
                    _ => {}
                }
                CheckedCall {
                    end: n.end_byte(),
                    callee,
                    tested_in_place,
                    first_tested,
                }
            })
            .collect();
        CheckedCalls { name, calls }
    }
}

/// In Python, what runs before `node` and stops the request when it says no: the
/// dependencies of the handler around it (`admin: User = Depends(get_current_admin_user)`,
/// `Security(…)`), its decorators (`@admin_required`), and calls made as statements
/// before the node (`verify_admin(current_user)`, which raises). Each as (callee as
/// written, the function that makes it), for [`crate::finding::Condition::CallsAdminGate`].
pub fn python_checks_before<'t>(
    ix: &crate::index::FileIndex<'t>,
    node: Node<'t>,
) -> Vec<(String, Option<String>)> {
    use crate::lang::treesitter::{callee, name_chain, walk_node};
    let src = ix.src();
    let mut out: Vec<(String, Option<String>)> = Vec::new();
    let mut push = |callee: String, caller: &Option<String>| {
        if !out.iter().any(|(c, _)| *c == callee) {
            out.push((callee, caller.clone()));
        }
    };
    for func in ix.enclosing_functions(node, 2) {
        if func.kind_str() != "function_definition" {
            break;
        }
        let name = func.field("name").map(|n| text(n, src).to_string());
        if let Some(params) = func.field("parameters") {
            walk_node(params, |n| {
                if n.kind_str() == "call"
                    && callee(n).is_some_and(|c| matches!(text(c, src), "Depends" | "Security"))
                    && let Some(arg) = n
                        .field("arguments")
                        .and_then(|a| a.named_child(0))
                        .and_then(|a| name_chain(a, src))
                {
                    push(arg, &name);
                }
            });
        }
        if let Some(dec) = func
            .parent()
            .filter(|p| p.kind_str() == "decorated_definition")
        {
            for d in dec.named_children().filter(|d| d.kind_str() == "decorator") {
                let Some(e) = d.named_child(0) else { continue };
                let e = if e.kind_str() == "call" {
                    callee(e).unwrap_or(e)
                } else {
                    e
                };
                if let Some(n) = name_chain(e, src) {
                    push(n, &name);
                }
            }
        }
        if let Some(body) = func.field("body") {
            for stmt in body.named_children() {
                if stmt.start_byte() >= node.start_byte() {
                    break;
                }
                if stmt.kind_str() != "expression_statement" {
                    continue;
                }
                let Some(mut e) = stmt.named_child(0) else {
                    continue;
                };
                if e.kind_str() == "await" {
                    let Some(inner) = e.named_child(0) else {
                        continue;
                    };
                    e = inner;
                }
                if e.kind_str() == "call"
                    && let Some(n) = callee(e).and_then(|c| name_chain(c, src))
                {
                    push(n, &name);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platform_admin_checks_by_what_they_read() {
        for body in [
            "if not current_user.is_admin:\n    raise HTTPException(403)",
            "const { data: isAdmin } = await userClient.rpc('is_alkatera_admin');",
            "if (!profile.is_platform_admin) return null;",
            "if not request.user.is_superuser: raise PermissionDenied",
            "const { data } = await supabase.from('user_roles').select('role').eq('user_id', user.id).eq('role', 'super_admin').maybeSingle();",
            "const { data: row } = await admin.from(\"platform_admins\").select(\"user_id\").eq(\"user_id\", callerId).maybeSingle();",
            "const { data } = await sb.from(\"platform_users\").select(\"role\").eq(\"user_id\", userId).eq(\"is_active\", true).single();",
            "if (userData?.role !== \"super_admin\") {\n  redirect(\"/backoffice/login\")\n}",
            "if (!profile || !['admin', 'super_admin'].includes(profile.role)) return null",
        ] {
            assert!(checks_platform_admin(body), "{body}");
        }
        for body in [
            "const { data } = await supabase.rpc('is_org_admin', { org_id: id });",
            "const { data } = await supabase.rpc('is_workspace_admin');",
            "if (member.role !== 'admin') throw new Error('forbidden');",
            "const admins = await db.select().from(users);",
            "const { data } = await supabase.from('org_admins').select('id').eq('org_id', orgId);",
            "const { data } = await supabase.from('workspace_users').select('role').eq('user_id', userId);",
            "const { data } = await supabase.from('platform_settings').select('value').eq('key', 'bootstrap');",
            "if (!['owner', 'admin'].includes(membership.role)) throw new Error('forbidden');",
            // the role a request asks for, a role allowed beside a tenant's admin
            "if (body.role !== 'super_admin' && !tenant_id) return bad();",
            "isAdmin = userData?.is_tenant_admin || userData?.role === 'super_admin'",
            // a list with a tenant's roles in it; a branch for staff, not a requirement
            "if (!['rh', 'direction', 'super_admin'].includes(profile.role)) return null",
            "if (['admin', 'super_admin'].includes(profile.role)) { return all }",
            "if (!['admin', 'super_admin'].includes(body.role)) return bad()",
        ] {
            assert!(!checks_platform_admin(body), "{body}");
        }
    }

    /// An operator session cookie compared with the deployment's secret is the
    /// platform's back office; a service's signed header or a tenant's key is not.
    #[test]
    fn staff_roles_listed_in_a_module_constant() {
        let file = "const ALLOWED_ROLES = ['admin', 'super_admin']\nconst MIXED = ['rh', 'super_admin']\nconst TENANT_ADMINS = ['admin', 'owner']\n";
        let check = |body: &str| checks_platform_admin_in(body, file);
        assert!(check(
            "if (!ALLOWED_ROLES.includes(role)) { return deny() }"
        ));
        assert!(check(
            "if (!ALLOWED_ROLES.includes(profile?.role)) return null"
        ));
        assert!(check("if (!ALLOWED_ROLES.includes(userRole)) return null"));
        // the role the request carries, a list with a tenant's role, a tenant's admins,
        // a list the module does not define
        assert!(!check(
            "if (!ALLOWED_ROLES.includes(body.role)) return null"
        ));
        assert!(!check("if (!ALLOWED_ROLES.includes(status)) return null"));
        assert!(!check("if (!MIXED.includes(role)) return null"));
        assert!(!check("if (!TENANT_ADMINS.includes(role)) return null"));
        assert!(!check("if (!OTHER_ROLES.includes(role)) return null"));
    }

    #[test]
    fn operator_secret_gates() {
        assert!(checks_platform_admin(
            "export async function verifyAdminAuth() {\n  const c = (await cookies()).get(\"admin\");\n  if (!c || !safeCompare(c.value, SESSION_TOKEN)) return fail();\n}"
        ));
        assert!(checks_platform_admin(
            "function requireAdminKey(req) {\n  if (req.headers[\"x-admin-key\"] !== process.env.ADMIN_KEY) throw new Error();\n}"
        ));
        // an internal bot's HMAC on a header: it acts for its users
        assert!(!checks_platform_admin(
            "export async function verifyHmac(req) {\n  const sig = req.headers.get(\"x-signature\");\n  const mac = createHmac(\"sha256\", process.env.BOT_SECRET).update(body).digest(\"hex\");\n  if (sig !== mac) return { ok: false };\n}"
        ));
        // a cookie read for the user's session, compared with nothing of the server's
        assert!(!checks_platform_admin(
            "async function getUser() {\n  const token = (await cookies()).get(\"sb\");\n  if (token === undefined) return null;\n}"
        ));
    }
}
