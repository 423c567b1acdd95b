//! Request input as a source: the request body, query string, path and form values of
//! the web frameworks generated apps use, and route parameters the client controls;
//! and which functions handle requests (routes, route files, server actions, views).
//! The authenticated session (`session`, `auth()`, `current_user`, `req.user`) is not.

use std::sync::LazyLock;

use crate::lang::syntax::Node;
use regex::Regex;

use super::{Verdict, find_source};
use crate::index::FileIndex;
use crate::lang::leading_directive;
use crate::lang::treesitter::{arguments, callee, enclosing_function, string_value, text};

pub static CLIENT_INPUT: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(
        r"(?x)
        \b(?:req|request)\s*\.\s*(?:body|query|params|json|args|form|values|GET|POST|data|query_params|path_params)\b
      | \b(?:req|request)\s*\.\s*(?:json|formData|get_json)\s*\(
      | \bsearchParams\s*\.\s*get\s*\(
      | \bnextUrl\s*\.\s*searchParams
      | \bc\s*\.\s*req\s*\.\s*(?:param|query|json)\s*\(
      | \bctx\s*\.\s*(?:params|query|request\s*\.\s*body)\b
      | \brouter\s*\.\s*query\b
      | \bformData\s*\.\s*get\s*\(
      | (?:^|[^.\w$])params\s*\.\s*\w+
      ",
    )
    .expect("regex compiles")
});

static SESSION: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r"(?i)\b(?:session|auth|current_?user|currentuser|user|g\.user|claims|token|profile|membership|viewer|me)\b")
        .expect("regex compiles")
});

/// Whether a value is taken from client input, following simple assignments in the
/// function, and FastAPI/Flask route parameters.
pub fn from_client<'t>(value: Node<'t>, ix: &FileIndex<'t>) -> bool {
    client_source(value, ix).is_some()
}

/// Where a value taken from client input is read from the request (`req.json()`,
/// `searchParams.get("org")`, a route parameter), as [`from_client`] follows it.
pub fn client_source<'t>(value: Node<'t>, ix: &FileIndex<'t>) -> Option<Node<'t>> {
    find_source(value, ix, &|n| classify(n, ix))
}

/// The Next.js server action whose argument a client value is, when that is the only
/// way the client reaches it (`export async function f(routeId, companyId)` of a `"use
/// server"` module): whether the client can call the action at all is a question about
/// the modules that import it (see [`crate::finding::Condition::ActionCalledOnServer`]).
pub fn only_action_argument<'t>(value: Node<'t>, ix: &FileIndex<'t>) -> Option<String> {
    if find_source(value, ix, &|n| classify_with(n, ix, false)).is_some() {
        return None;
    }
    let func = enclosing_function(value);
    let src = ix.src();
    if !module_action(func, src) {
        return None;
    }
    if let Some(name) = func.field("name") {
        return Some(text(name, src).to_string());
    }
    // `export const f = async (…) => …`
    func.parent()
        .filter(|p| p.kind_str() == "variable_declarator")
        .and_then(|d| d.field("name"))
        .map(|n| text(n, src).to_string())
}

/// The request-input classifier for [`find_source`].
pub fn classify<'t>(n: Node<'t>, ix: &FileIndex<'t>) -> Verdict {
    classify_with(n, ix, true)
}

/// [`classify`], with or without the arguments of server actions as client input.
fn classify_with<'t>(n: Node<'t>, ix: &FileIndex<'t>, actions: bool) -> Verdict {
    let src = ix.src();
    let t = text(n, src);
    match n.kind_str() {
        "call_expression" | "call" => {
            // the callee up to its first call (`req.json` of `req.json().catch(…)`), or
            // after its last (`searchParams.get` of `new URL(req.url).searchParams.get`)
            let callee = n.field("function").map_or(t, |f| text(f, src));
            let first = t.split('(').next().unwrap_or(t);
            let last = callee.rsplit_once(')').map_or(callee, |(_, tail)| tail);
            if is_request_read(first) || is_request_read(last) {
                Verdict::Source
            } else {
                Verdict::Follow
            }
        }
        "member_expression" | "attribute" | "subscript_expression" | "subscript" => {
            if CLIENT_INPUT.is_match(t) {
                if params_of_helper(n, src) {
                    return Verdict::Stop;
                }
                return Verdict::Source;
            }
            // the root of the chain: session.orgId, req.user.orgId (set by the server's
            // auth middleware), request.state.org_id
            let mut obj = n;
            while let Some(o) = obj.field("object").or_else(|| obj.field("value")) {
                obj = o;
            }
            if obj.kind_str() == "identifier" {
                let name = text(obj, src);
                // `ctx.body.company_id` of the context a request wrapper hands over
                let mut first = n;
                while let Some(o) = first.field("object").filter(|o| o.id() != obj.id()) {
                    first = o;
                }
                if first
                    .field("property")
                    .is_some_and(|p| CONTEXT_INPUT.contains(&text(p, src)))
                    && request_context(obj, src)
                {
                    return Verdict::Source;
                }
                if SESSION.is_match(name) && !name.eq_ignore_ascii_case("params") {
                    return Verdict::Stop;
                }
                // FastAPI: the request body a route declares as a model (`req: PaymentIn`)
                if body_model_parameter(enclosing_function(n), name, src) {
                    return Verdict::Source;
                }
                if matches!(name, "req" | "request" | "ctx" | "c") {
                    return Verdict::Stop;
                }
            }
            Verdict::Follow
        }
        "identifier" | "shorthand_property_identifier" => {
            if SESSION.is_match(t) && !t.eq_ignore_ascii_case("params") {
                return Verdict::Stop;
            }
            let func = enclosing_function(n);
            if let Some(def) = ix.resolve(func, t, n.start_byte()) {
                // `const { body } = ctx` of the context a request wrapper hands over
                let def = crate::lang::treesitter::unwrap_value(def, src);
                if def.kind_str() == "identifier"
                    && crate::lang::treesitter::destructured_key(def, t, src)
                        .is_some_and(|k| CONTEXT_INPUT.contains(&k.as_str()))
                    && request_context(def, src)
                {
                    return Verdict::Source;
                }
                return Verdict::Follow;
            }
            // `async ({ body }) => …` handed to a request wrapper
            if CONTEXT_INPUT.contains(&t) && request_context_pattern(func, t, src) {
                return Verdict::Source;
            }
            if route_parameter(func, t, src, actions) {
                Verdict::Source
            } else {
                // a helper's parameter: the trace looks at what its callers in this
                // file pass (nothing for any other name)
                Verdict::Follow
            }
        }
        _ => Verdict::Follow,
    }
}

/// What a request wrapper's context object holds of the request: its parsed body, query
/// string and route parameters.
const CONTEXT_INPUT: [&str; 3] = ["body", "query", "params"];

/// A callback a request wrapper calls: a function handed to a call beside the request
/// itself (`handleRequest(req, async (ctx) => …, options)` in a Supabase function,
/// `withAuth(request, async ({ body, user }) => …)`). What the wrapper passes it is made
/// from that request.
fn request_callback(func: Node<'_>, src: &str) -> bool {
    func.parent()
        .filter(|a| a.kind_str() == "arguments")
        .is_some_and(|args| {
            args.named_children()
                .any(|a| a.kind_str() == "identifier" && matches!(text(a, src), "req" | "request"))
        })
}

/// The first parameter of the function that declares it, as a list of parameters.
fn first_parameter<'t>(func: Node<'t>) -> Option<Node<'t>> {
    match func.field("parameter") {
        Some(p) => Some(p),
        None => func.field("parameters")?.named_child(0),
    }
}

/// Whether the identifier `ctx` names the context a request wrapper hands its callback:
/// the first parameter of a [`request_callback`] around it.
fn request_context(ctx: Node<'_>, src: &str) -> bool {
    let name = text(ctx, src);
    let mut func = enclosing_function(ctx);
    for _ in 0..4 {
        if let Some(first) = first_parameter(func) {
            let first = first.field("pattern").unwrap_or(first);
            if first.kind_str() == "identifier" && text(first, src) == name {
                return request_callback(func, src);
            }
        }
        if super::declares_parameter(func, name, src) {
            return false;
        }
        match func.parent() {
            Some(p) => func = enclosing_function(p),
            None => return false,
        }
    }
    false
}

/// Whether `name` is destructured from the context in the first parameter of a
/// [`request_callback`] (`async ({ body, serviceClient }) => …`).
fn request_context_pattern(func: Node<'_>, name: &str, src: &str) -> bool {
    first_parameter(func)
        .map(|p| p.field("pattern").unwrap_or(p))
        .filter(|p| p.kind_str() == "object_pattern")
        .is_some_and(|p| {
            p.named_children().any(|c| {
                c.kind_str() == "shorthand_property_identifier_pattern" && text(c, src) == name
            })
        })
        && request_callback(func, src)
}

/// `params.companyId` where `params` is a plain parameter of the function around it
/// (`function evaluateCreditGate(params: { companyId: string })`): a helper's argument
/// object, not the route parameters Next.js hands a handler (`{ params }`).
fn params_of_helper(n: Node<'_>, src: &str) -> bool {
    let mut root = n;
    while let Some(o) = root.field("object").or_else(|| root.field("value")) {
        root = o;
    }
    if root.kind_str() != "identifier" || text(root, src) != "params" {
        return false;
    }
    let mut cur = n;
    while let Some(p) = cur.parent() {
        cur = p;
        if !crate::lang::treesitter::is_function(p) {
            continue;
        }
        let Some(params) = p.field("parameters").or_else(|| p.field("parameter")) else {
            continue;
        };
        let plain = |x: Node<'_>| x.kind_str() == "identifier" && text(x, src) == "params";
        if plain(params) {
            return true;
        }
        for q in params.named_children() {
            let pattern = q.field("pattern").unwrap_or(q);
            if plain(pattern) {
                return true;
            }
            if text(pattern, src).contains("params") {
                return false;
            }
        }
    }
    false
}

/// Callees that read the request itself: `await req.json()`, `searchParams.get("org")`,
/// `request.args.get("org_id")`, `request.get_json()`.
fn is_request_read(head: &str) -> bool {
    CLIENT_INPUT.is_match(head)
        || head.ends_with("searchParams.get")
        || head.ends_with("get_json")
        || head.ends_with("formData")
        // Hono's `c.req.param("id")`, `c.req.query("org")`; not SQLAlchemy's
        // `db.query(Model)`, whose rows are the database's
        || ((head.ends_with(".param") || head.ends_with(".query")) && head.contains("req"))
        || (head.ends_with(".json") && (head.contains("req") || head.contains("request")))
}

/// A parameter of a route function that the client controls: FastAPI path, query and
/// body parameters (not `Depends(...)`), and Next.js `{ params }`.
fn route_parameter(func: Node<'_>, name: &str, src: &str, actions: bool) -> bool {
    let Some(params) = func.field("parameters") else {
        return false;
    };
    let mut hit = false;
    for p in params.named_children() {
        let pt = text(p, src);
        let pname = p
            .field("name")
            .or_else(|| p.named_child(0))
            .map(|n| text(n, src))
            .unwrap_or(pt);
        let destructured = pt.trim_start().starts_with('{') && pt.contains(name);
        if pname != name && !destructured {
            continue;
        }
        // Python: a route function (decorated) and not a dependency
        let decorated = route_decorated(func, src);
        let dependency = pt.contains("Depends(") || pt.contains("Security(");
        // TS: `{ params }` of a Next.js route handler
        let next_params = destructured && name == "params";
        hit = (decorated && !dependency) || next_params || (actions && server_action(func, src));
    }
    hit
}

/// Types a FastAPI route's parameter has when it is not the request body: the request
/// and response objects, background tasks, database sessions, uploads.
const NOT_A_BODY: &[&str] = &[
    "Request",
    "HttpRequest",
    "WebSocket",
    "Response",
    "BackgroundTasks",
    "Session",
    "AsyncSession",
    "UploadFile",
    "SecurityScopes",
];

/// A parameter of a FastAPI route declared with a model type (`def create(req:
/// PaymentIn, user = Depends(current_user))`): FastAPI fills it from the JSON body, so
/// each of its fields (`req.amount_cents`) is client input. Not the request object, a
/// dependency, or a parameter of a plain type (a path or query value, which its own
/// name stands for).
fn body_model_parameter(func: Node<'_>, name: &str, src: &str) -> bool {
    if func.kind_str() != "function_definition" {
        return false;
    }
    if !route_decorated(func, src) {
        return false;
    }
    let Some(params) = func.field("parameters") else {
        return false;
    };
    params.named_children().any(|p| {
        if !matches!(p.kind_str(), "typed_parameter" | "typed_default_parameter") {
            return false;
        }
        let pname = p.field("name").or_else(|| p.named_child(0));
        if pname.is_none_or(|n| text(n, src) != name) {
            return false;
        }
        let ty = p.field("type").map(|t| text(t, src)).unwrap_or("");
        let last = ty.rsplit('.').next().unwrap_or(ty);
        let default = text(p, src);
        // `CurrentUser`, `SessionDep`: `Annotated[…, Depends(…)]` aliases of dependencies
        let dependency_alias = last.ends_with("Dep")
            || last.ends_with("Deps")
            || split_camel(last)
                .split(' ')
                .all(|w| DEPENDENCY_WORDS.contains(&w));
        last.starts_with(|c: char| c.is_ascii_uppercase())
            && last.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !NOT_A_BODY.contains(&last)
            && !dependency_alias
            && !default.contains("Depends(")
            && !default.contains("Security(")
            && !default.contains("Header(")
            && !default.contains("Cookie(")
    })
}

/// The words of the type aliases FastAPI apps give their caller and session
/// dependencies (`CurrentUser`, `ActiveSuperuser`, `AuthSession`, `Db`).
const DEPENDENCY_WORDS: &[&str] = &[
    "Current",
    "Active",
    "Auth",
    "Authenticated",
    "Verified",
    "Admin",
    "Super",
    "Superuser",
    "User",
    "Session",
    "Token",
    "Db",
    "Principal",
    "Claims",
];

/// `CurrentUser` -> `Current User`: a type name's words.
fn split_camel(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for (i, c) in name.char_indices() {
        if i > 0 && c.is_ascii_uppercase() {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// A Next.js server action: an exported function of a `"use server"` file, or a
/// function whose body opens with `"use server"`. Its arguments come from the client.
pub fn server_action(func: Node<'_>, src: &str) -> bool {
    let in_body = func.field("body").is_some_and(|b| {
        leading_directive(text(b, src).trim_start_matches('{')) == Some("use server")
    });
    in_body || module_action(func, src)
}

/// An exported function of a `"use server"` module.
fn module_action(func: Node<'_>, src: &str) -> bool {
    // a module that also imports "server-only" is meant as server-side helpers, whatever
    // its directive says
    if leading_directive(src) != Some("use server")
        || src.contains("import \"server-only\"")
        || src.contains("import 'server-only'")
    {
        return false;
    }
    // exported: `export async function f(…)`, `export const f = async (…) =>`
    let mut up = func.parent();
    while let Some(p) = up {
        if p.kind_str() == "export_statement" {
            return true;
        }
        if p.kind_str() == "program" {
            return false;
        }
        up = p.parent();
    }
    false
}

/// A Python route decorator: `@app.post("/x")`, `@router.get(…)`, `@app.route(…)`.
/// Whether a Python function is a route: one of its decorators registers it
/// (`@router.post("/x")`, `@app.route("/x")`).
fn route_decorated(func: Node<'_>, src: &str) -> bool {
    func.parent()
        .filter(|d| d.kind_str() == "decorated_definition")
        .is_some_and(|d| is_route_decorator(&src[d.start_byte()..func.start_byte()]))
}

pub fn is_route_decorator(t: &str) -> bool {
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
pub fn is_handler(path: &str, func: Node<'_>, src: &str) -> bool {
    if let Some(call) = func
        .parent()
        .filter(|p| matches!(p.kind_str(), "arguments"))
        .and_then(|a| a.parent())
    {
        let name = callee(call).map(|f| text(f, src)).unwrap_or("");
        let method = name.rsplit('.').next().unwrap_or(name);
        let path = arguments(call)
            .and_then(|a| a.named_child(0))
            .and_then(|p| string_value(p, src));
        if matches!(method, "get" | "post" | "put" | "patch" | "delete" | "all") && path.is_some() {
            return true;
        }
    }
    let name = func.field("name").map_or("", |n| text(n, src));
    let route_file = path.contains("/route.") || path.starts_with("route.");
    if route_file && matches!(name, "GET" | "POST" | "PUT" | "PATCH" | "DELETE") {
        return true;
    }
    if server_action(func, src) {
        return true;
    }
    if path.contains("pages/api/") {
        return true;
    }
    if route_decorated(func, src) {
        return true;
    }
    // Django function views take `request` first
    func.field("parameters")
        .and_then(|p| p.named_child(0))
        .is_some_and(|p| text(p, src) == "request")
}
