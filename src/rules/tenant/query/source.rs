//! Where a value comes from: client input (request body, query string, path) or the
//! authenticated session; and whether the function checks the caller's membership.

use std::sync::LazyLock;

use regex::Regex;
use tree_sitter::Node;

use super::resolve;
use crate::lang::treesitter::{callee, enclosing_function, text, walk_node};

static CLIENT_INPUT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        \b(?:req|request)\s*\.\s*(?:body|query|params|json|args|form|values|GET|POST|data|query_params|path_params)\b
      | \b(?:req|request)\s*\.\s*(?:json|formData|get_json)\s*\(
      | \bsearchParams\s*\.\s*get\s*\(
      | \bnextUrl\s*\.\s*searchParams
      | \bc\s*\.\s*req\s*\.\s*(?:param|query|json)\s*\(
      | \bctx\s*\.\s*(?:params|query|request\s*\.\s*body)\b
      | \brouter\s*\.\s*query\b
      | \bformData\s*\.\s*get\s*\(
      | \bparams\s*\.\s*\w+
      ",
    )
    .expect("regex compiles")
});

static SESSION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:session|auth|current_?user|currentuser|user|g\.user|claims|token|profile|membership|viewer|me)\b")
        .expect("regex compiles")
});

/// Whether a value is taken from client input, following simple assignments in the
/// function, and FastAPI/Flask route parameters.
pub fn from_client(value: Node<'_>, src: &str) -> bool {
    from_client_depth(value, src, 0)
}

fn from_client_depth(value: Node<'_>, src: &str, depth: usize) -> bool {
    if depth > 4 {
        return false;
    }
    let t = text(value, src);
    // a call other than a conversion computes a server-side value from its inputs
    if matches!(value.kind(), "call_expression" | "call")
        && !is_conversion(value, src)
        && !is_request_read(t)
    {
        return false;
    }
    if CLIENT_INPUT.is_match(t) {
        return true;
    }
    // a member of something: payload.org_id, body.orgId -> trace the object
    let root = match value.kind() {
        "identifier" | "shorthand_property_identifier" => value,
        "member_expression" | "attribute" | "subscript_expression" | "subscript" => {
            let mut obj = value;
            while let Some(o) = obj
                .child_by_field_name("object")
                .or_else(|| obj.child_by_field_name("value"))
            {
                obj = o;
            }
            if obj.kind() != "identifier" {
                return false;
            }
            obj
        }
        "as_expression"
        | "non_null_expression"
        | "await_expression"
        | "parenthesized_expression" => {
            return value
                .named_child(0)
                .is_some_and(|v| from_client_depth(v, src, depth + 1));
        }
        "call_expression" | "call" => {
            // conversions keep the client's value: String(req.query.org), int(request.args["org_id"]);
            // any other call (a lookup, a price function) produces a server-side value
            if !is_conversion(value, src) {
                return false;
            }
            return value
                .child_by_field_name("arguments")
                .and_then(|a| a.named_child(0))
                .is_some_and(|v| from_client_depth(v, src, depth + 1));
        }
        _ => return false,
    };
    let name = text(root, src);
    if SESSION.is_match(name) && !name.eq_ignore_ascii_case("params") {
        return false;
    }
    // request.state.org_id, req.user.orgId: set by the server's auth middleware, not
    // by the client (client input matched CLIENT_INPUT above).
    if root.id() != value.id() && matches!(name, "req" | "request" | "ctx" | "c") {
        return false;
    }
    let func = enclosing_function(value);
    if let Some(v) = resolve(func, name, value.start_byte(), src) {
        return from_client_depth(v, src, depth + 1);
    }
    route_parameter(func, name, src)
}

/// `String(x)`, `int(x)`, `parseInt(x)`, `json.loads(x)`: conversions that keep the
/// client's value.
fn is_conversion(call: Node<'_>, src: &str) -> bool {
    call.child_by_field_name("function").is_some_and(|f| {
        matches!(
            text(f, src),
            "String"
                | "Number"
                | "parseInt"
                | "parseFloat"
                | "BigInt"
                | "Math.round"
                | "Math.floor"
                | "Math.ceil"
                | "int"
                | "float"
                | "str"
                | "Decimal"
                | "UUID"
                | "uuid.UUID"
                | "ObjectId"
                | "Types.ObjectId"
                | "JSON.parse"
                | "json.loads"
                | "orjson.loads"
        )
    })
}

/// Calls that read the request itself: `await req.json()`, `searchParams.get("org")`,
/// `request.args.get("org_id")`, `request.get_json()`.
fn is_request_read(t: &str) -> bool {
    let head = t.split('(').next().unwrap_or(t);
    CLIENT_INPUT.is_match(head)
        || head.ends_with("searchParams.get")
        || head.ends_with("get_json")
        || head.ends_with("formData")
        || head.ends_with(".param")
        || head.ends_with(".query")
        || (head.ends_with(".json") && (head.contains("req") || head.contains("request")))
}

/// A parameter of a route function that the client controls: FastAPI path, query and
/// body parameters (not `Depends(...)`), and Next.js `{ params }`.
fn route_parameter(func: Node<'_>, name: &str, src: &str) -> bool {
    let Some(params) = func.child_by_field_name("parameters") else {
        return false;
    };
    let mut hit = false;
    for p in params.named_children(&mut params.walk()) {
        let pt = text(p, src);
        let pname = p
            .child_by_field_name("name")
            .or_else(|| p.named_child(0))
            .map(|n| text(n, src))
            .unwrap_or(pt);
        let destructured = pt.trim_start().starts_with('{') && pt.contains(name);
        if pname != name && !destructured {
            continue;
        }
        // Python: a route function (decorated) and not a dependency
        let decorated = func
            .parent()
            .filter(|d| d.kind() == "decorated_definition")
            .map(|d| text(d, src))
            .is_some_and(|d| {
                let head = d.split("def ").next().unwrap_or("");
                head.contains(".get(")
                    || head.contains(".post(")
                    || head.contains(".put(")
                    || head.contains(".patch(")
                    || head.contains(".delete(")
                    || head.contains(".route(")
                    || head.contains(".api_route(")
            });
        let dependency = pt.contains("Depends(") || pt.contains("Security(");
        // TS: `{ params }` of a Next.js route handler
        let next_params = destructured && name == "params";
        hit = (decorated && !dependency) || next_params;
    }
    hit
}

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
            && n.child_by_field_name("arguments")
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
pub fn created_with_service_role(name: &str, src: &str) -> bool {
    static ASSIGNED_SERVICE_ROLE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?m)(?:^|[\s;(,])(?:const\s+|let\s+|var\s+)?([A-Za-z_]\w*)\s*(?::[^=\n]+)?=[^=][^;]{0,300}?(?i:service_?role)",
        )
        .expect("regex compiles")
    });
    let root = name
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .find(|w| !w.is_empty())
        .unwrap_or(name);
    !root.is_empty()
        && ASSIGNED_SERVICE_ROLE
            .captures_iter(src)
            .any(|c| c.get(1).is_some_and(|m| m.as_str() == root))
}
