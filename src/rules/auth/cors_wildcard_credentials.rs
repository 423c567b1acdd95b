//! `auth/cors-wildcard-credentials`: CORS that lets any origin make credentialed
//! requests.

use crate::lang::syntax::Node;

use crate::lang::Lang;
use crate::lang::rust::{RustNode, path_string, span_range};
use crate::lang::treesitter::{
    arguments, callee, enclosing_function, key_text, object_pairs, text, walk_node,
};
use crate::rules::{FileCx, Rule, RuleMeta, Sink};

crate::declare_rule! {
    CorsWildcardCredentials {
        id: "auth/cors-wildcard-credentials",
        title: "CORS allows any origin with credentials",
        severity: High, confidence: High, tier: 1, cwe: [942],
        languages: [TypeScript, Tsx, JavaScript, Python, Rust],
        why: "Any website a logged-in user visits can call this API with the user's cookies and read the answers.",
        fix: "List the exact origins allowed (`origin: ['https://app.example.com']`, `allow_origins=[...]`) or drop credentials.",
        docs: "cors_wildcard_credentials.md",
    }
}

const ACAO: &str = "access-control-allow-origin";
const ACAC: &str = "access-control-allow-credentials";

impl Rule for CorsWildcardCredentials {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn node_kinds(&self, lang: Lang) -> &'static [&'static str] {
        if lang == Lang::Python {
            &["call"]
        } else {
            &["object", "call_expression"]
        }
    }

    fn check_node<'a>(&self, cx: &FileCx<'a>, node: Node<'a>, out: &mut Sink) {
        let src = cx.text();
        match node.kind_str() {
            "object" => js_object(node, src, out),
            "call_expression" => js_header_call(node, src, out),
            "call" => python_call(node, src, out),
            _ => {}
        }
    }

    fn wants_rust(&self) -> bool {
        true
    }

    fn check_rust(&self, cx: &FileCx<'_>, node: RustNode<'_>, out: &mut Sink) {
        let RustNode::Expr(expr) = node else { return };
        match expr {
            // CorsLayer::very_permissive(), actix Cors::permissive()
            syn::Expr::Call(c) => {
                if let syn::Expr::Path(p) = &*c.func {
                    let path = path_string(&p.path);
                    if path.ends_with("CorsLayer::very_permissive")
                        || path.ends_with("Cors::permissive")
                    {
                        out.report(
                            span_range(
                                cx.src,
                                p.path
                                    .segments
                                    .last()
                                    .map_or_else(proc_macro2::Span::call_site, |s| s.ident.span()),
                            ),
                            format!("`{path}()` reflects any origin and allows credentials"),
                        );
                    }
                }
            }
            syn::Expr::MethodCall(m) => {
                let method = m.method.to_string();
                // Either order in a builder chain: look inward from the outer call.
                if method == "allow_credentials" && is_true(m.args.first()) {
                    if let Some(origin) = find_in_chain(&m.receiver, |c| {
                        c.method == "allow_origin" && c.args.first().is_some_and(is_any_origin)
                    }) {
                        report_rust_origin(cx, origin, out);
                    }
                } else if method == "allow_origin"
                    && m.args.first().is_some_and(is_any_origin)
                    && find_in_chain(&m.receiver, |c| {
                        c.method == "allow_credentials" && is_true(c.args.first())
                    })
                    .is_some()
                {
                    report_rust_origin(cx, m, out);
                }
            }
            _ => {}
        }
    }
}

fn report_rust_origin(cx: &FileCx<'_>, m: &syn::ExprMethodCall, out: &mut Sink) {
    out.report(
        span_range(cx.src, m.method.span()),
        "CORS mirrors any origin while allowing credentials",
    );
}

fn is_true(e: Option<&syn::Expr>) -> bool {
    matches!(e, Some(syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Bool(b), .. })) if b.value)
}

fn is_any_origin(e: &syn::Expr) -> bool {
    let s = quote_text(e);
    s == "Any"
        || s.ends_with("::Any")
        || s.contains("mirror_request")
        || s.contains("AllowOrigin::any")
}

fn quote_text(e: &syn::Expr) -> String {
    match e {
        syn::Expr::Path(p) => path_string(&p.path),
        syn::Expr::Call(c) => match &*c.func {
            syn::Expr::Path(p) => format!("{}()", path_string(&p.path)),
            _ => String::new(),
        },
        _ => String::new(),
    }
}

fn find_in_chain(
    mut e: &syn::Expr,
    pred: impl Fn(&syn::ExprMethodCall) -> bool,
) -> Option<&syn::ExprMethodCall> {
    loop {
        match e {
            syn::Expr::MethodCall(m) => {
                if pred(m) {
                    return Some(m);
                }
                e = &m.receiver;
            }
            _ => return None,
        }
    }
}

/// An object literal with an origin setting and credentials on: `cors({...})`,
/// Socket.IO's `cors: {...}`, a headers object, or one of next.config.js' header
/// entries `{ key: 'Access-Control-Allow-Origin', value: '*' }`.
fn js_object(obj: Node<'_>, src: &str, out: &mut Sink) {
    let pairs = object_pairs(obj, src);
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(k, _, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, k, v)| (*k, *v))
    };
    // cors options
    if let (Some((okey, origin)), Some((_, creds))) = (get("origin"), get("credentials"))
        && is_js_true(creds, src)
        && any_origin_js(origin, src)
    {
        out.report(
            okey.start_byte()..origin.end_byte(),
            "CORS allows any origin while `credentials: true` sends cookies",
        );
        return;
    }
    // a headers object
    if let (Some((_, origin)), Some((_, creds))) = (get(ACAO), get(ACAC))
        && is_js_true(creds, src)
        && any_origin_js(origin, src)
    {
        out.report(
            origin.byte_range(),
            "`Access-Control-Allow-Origin` allows any origin together with `Access-Control-Allow-Credentials: true`",
        );
        return;
    }
    // { key: 'Access-Control-Allow-Origin', value: '*' } beside a credentials entry
    if let (Some((_, key)), Some((_, value))) = (get("key"), get("value"))
        && key_text(key, src).eq_ignore_ascii_case(ACAO)
        && any_origin_js(value, src)
        && let Some(list) = obj.parent().filter(|p| p.kind_str() == "array")
    {
        let creds = list.named_children().any(|sib| {
            sib.kind_str() == "object" && {
                let p = object_pairs(sib, src);
                p.iter()
                    .any(|(k, _, v)| k == "key" && key_text(*v, src).eq_ignore_ascii_case(ACAC))
                    && p.iter()
                        .any(|(k, _, v)| k == "value" && is_js_true(*v, src))
            }
        });
        if creds {
            out.report(
                value.byte_range(),
                "`Access-Control-Allow-Origin: *` is sent together with `Access-Control-Allow-Credentials: true`",
            );
        }
    }
}

fn is_js_true(n: Node<'_>, src: &str) -> bool {
    n.kind_str() == "true" || key_text(n, src) == "true"
}

/// `'*'`, `true`, a reflected request origin (directly, through a fallback such as
/// `?? "*"`, or through a variable assigned one and not checked against an allowlist),
/// or a callback that always allows.
fn any_origin_js(n: Node<'_>, src: &str) -> bool {
    any_origin_depth(n, src, 0)
}

fn any_origin_depth(n: Node<'_>, src: &str, depth: usize) -> bool {
    match n.kind_str() {
        "true" => true,
        "string" | "template_string" => key_text(n, src) == "*",
        "arrow_function" | "function_expression" | "function" => always_allows(n, src),
        "binary_expression" => {
            let op = n.field("operator").map(|o| text(o, src));
            matches!(op, Some("||" | "??"))
                && [n.field("left"), n.field("right")]
                    .into_iter()
                    .flatten()
                    .any(|side| any_origin_depth(side, src, depth + 1))
        }
        "parenthesized_expression" => n
            .named_child(0)
            .is_some_and(|inner| any_origin_depth(inner, src, depth + 1)),
        "identifier" if depth < 3 => {
            let name = text(n, src);
            let func = enclosing_function(n);
            if checked_against_allowlist(func, name, src) {
                return false;
            }
            let mut found = false;
            walk_node(func, |d| {
                if found || d.kind_str() != "variable_declarator" || d.start_byte() > n.start_byte() {
                    return;
                }
                if d.field("name").is_some_and(|v| text(v, src) == name)
                    && let Some(value) = d.field("value")
                {
                    found = any_origin_depth(value, src, depth + 1);
                }
            });
            found
        }
        _ => reflects_origin(text(n, src)),
    }
}

/// `ALLOWED.has(origin)`, `list.includes(origin)`, `origin === "https://…"`, or the
/// mismatch that turns it away (`if (origin !== allowed) return response`), spaces
/// anywhere between the parts; not a test that it is there (`origin !== null`). Looked
/// for around each mention of the name, without copying the function (at the top
/// level, the function is the whole file).
fn checked_against_allowlist(func: Node<'_>, name: &str, src: &str) -> bool {
    const CALLS: [&str; 4] = [".has(", ".includes(", ".indexOf(", ".test("];
    let body = text(func, src);
    // the text before a mention with its whitespace left out, read backwards
    let ends_with = |before: &str, form: &str| {
        let mut rest = before.chars().rev().filter(|c| !c.is_whitespace());
        form.chars().rev().all(|f| rest.next() == Some(f))
    };
    let starts_with = |after: &str, form: &str| {
        let mut rest = after.chars().filter(|c| !c.is_whitespace());
        form.chars().all(|f| rest.next() == Some(f))
    };
    !name.is_empty()
        && body.match_indices(name).any(|(i, _)| {
            let (before, after) = (&body[..i], &body[i + name.len()..]);
            (CALLS.iter().any(|c| ends_with(before, c)) && starts_with(after, ")"))
                || (["===", "!=="].iter().any(|op| ends_with(before, op))
                    && !presence(before.trim_end().trim_end_matches(['=', '!'])))
                || ["===", "!=="].iter().any(|op| {
                    starts_with(after, op) && !presence(after.trim_start()[op.len()..].trim_start())
                })
                || starts_with(after, ".endsWith(")
        })
}

/// Whether the other side of a comparison (the text beside the operator) is a test of
/// presence: `null`, `undefined` or an empty string.
fn presence(side: &str) -> bool {
    let word = |t: &str, w: &str| {
        t.starts_with(w)
            && !t[w.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
    };
    let ends = |t: &str, w: &str| {
        t.ends_with(w)
            && !t[..t.len() - w.len()].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '.')
    };
    ["null", "undefined"]
        .iter()
        .any(|w| word(side, w) || ends(side, w))
        || ["\"\"", "''", "``"]
            .iter()
            .any(|e| side.starts_with(e) || side.ends_with(e))
}

/// `req.headers.origin`, `request.headers.get('origin')`, `c.req.header('Origin')`.
fn reflects_origin(t: &str) -> bool {
    let t = t.to_ascii_lowercase().replace(['"', '\'', ' '], "");
    t.ends_with("headers.origin")
        || t.ends_with("headers.get(origin)")
        || t.ends_with("header(origin)")
        || t.ends_with("headers[origin]")
}

/// An origin callback with no check: `(origin, cb) => cb(null, true)`,
/// `(origin) => origin`.
fn always_allows(f: Node<'_>, src: &str) -> bool {
    let body = f.field("body");
    let Some(body) = body else { return false };
    let t = text(body, src);
    let mut has_condition = false;
    walk_node(body, |n| {
        if matches!(
            n.kind_str(),
            "if_statement" | "ternary_expression" | "binary_expression" | "switch_statement"
        ) || (n.kind_str() == "call_expression"
            && callee(n).is_some_and(|c| {
                let c = text(c, src);
                c.ends_with(".includes")
                    || c.ends_with(".test")
                    || c.ends_with(".indexOf")
                    || c.ends_with(".has")
                    || c.ends_with(".some")
                    || c.ends_with(".endsWith")
                    || c.ends_with(".startsWith")
                    || c.ends_with(".match")
            }))
        {
            has_condition = true;
        }
    });
    if has_condition {
        return false;
    }
    let squashed: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let first_param = f
        .field("parameters")
        .and_then(|p| p.named_child(0))
        .or_else(|| f.field("parameter"))
        .map(|p| text(p, src).to_string())
        .unwrap_or_default();
    squashed.contains("(null,true)")
        || squashed == first_param
        || squashed == format!("{{return{first_param};}}")
        || squashed == format!("{{return{first_param}}}")
}

/// `res.setHeader('Access-Control-Allow-Origin', req.headers.origin)` with a
/// credentials header set in the same function.
fn js_header_call(call: Node<'_>, src: &str, out: &mut Sink) {
    let Some(f) = callee(call) else { return };
    let name = text(f, src);
    if !(name.ends_with(".setHeader")
        || name.ends_with(".header")
        || name.ends_with(".set")
        || name.ends_with(".append")
        || name.ends_with(".writeHead"))
    {
        return;
    }
    let Some(args) = arguments(call) else { return };
    let (Some(h), Some(v)) = (args.named_child(0), args.named_child(1)) else {
        return;
    };
    if !key_text(h, src).eq_ignore_ascii_case(ACAO) || !any_origin_js(v, src) {
        return;
    }
    let func = enclosing_function(call);
    let body = text(func, src).to_ascii_lowercase();
    let creds = body.match_indices(ACAC).any(|(i, _)| {
        body[i + ACAC.len()..]
            .chars()
            .take(40)
            .collect::<String>()
            .contains("true")
    });
    if creds {
        out.report(
            call.byte_range(),
            "the request's origin is reflected into `Access-Control-Allow-Origin` while credentials are allowed",
        );
    }
}

/// FastAPI/Starlette `CORSMiddleware` and Flask-CORS.
fn python_call(call: Node<'_>, src: &str, out: &mut Sink) {
    let Some(f) = callee(call) else { return };
    let name = text(f, src);
    let Some(args) = arguments(call) else { return };
    let kwargs = object_pairs(args, src);
    let kw = |k: &str| {
        kwargs
            .iter()
            .find(|(n, _, _)| n == k)
            .map(|(_, kn, v)| (*kn, *v))
    };
    let positional_cors = args
        .named_children()
        .any(|a| text(a, src) == "CORSMiddleware");
    let last = name.rsplit('.').next().unwrap_or(name);
    if positional_cors || last == "CORSMiddleware" {
        let creds = kw("allow_credentials").is_some_and(|(_, v)| v.kind_str() == "true");
        if !creds {
            return;
        }
        if let Some((k, v)) = kw("allow_origins")
            && list_has_star(v, src)
        {
            out.report(k.start_byte()..v.end_byte(), "`allow_origins=[\"*\"]` with `allow_credentials=True` lets any site make credentialed requests");
        } else if let Some((k, v)) = kw("allow_origin_regex")
            && matches!(
                key_text(v, src).as_str(),
                ".*" | ".+" | "^.*$" | "^.+$" | "https?://.*" | "https://.*"
            )
        {
            out.report(
                k.start_byte()..v.end_byte(),
                "`allow_origin_regex` matches any origin while `allow_credentials=True`",
            );
        }
        return;
    }
    if last == "CORS" || last == "cross_origin" {
        let creds = kw("supports_credentials").is_some_and(|(_, v)| v.kind_str() == "true");
        if !creds {
            return;
        }
        let origins = kw("origins").or_else(|| kw("resources"));
        let wildcard = match origins {
            None => true,
            Some((_, v)) => {
                list_has_star(v, src)
                    || text(v, src).contains("\"origins\": \"*\"")
                    || text(v, src).contains("'origins': '*'")
            }
        };
        if wildcard {
            out.report(
                call.byte_range(),
                "Flask-CORS allows every origin with `supports_credentials=True`",
            );
        }
    }
}

fn list_has_star(v: Node<'_>, src: &str) -> bool {
    match v.kind_str() {
        "string" => key_text(v, src) == "*",
        "list" | "tuple" | "set" => v
            .named_children()
            .any(|c| c.kind_str() == "string" && key_text(c, src) == "*"),
        _ => false,
    }
}
