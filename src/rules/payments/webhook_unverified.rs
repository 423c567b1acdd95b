//! `payments/webhook-unverified`: webhook handlers that act on the payload without
//! checking the provider's signature.

use std::collections::HashSet;

use crate::lang::syntax::Node;

use crate::facts::webhooks::VERIFIER;
use crate::lang::rust::{RustNode, span_range};
use crate::lang::treesitter::{
    arguments, callee, object_pairs, string_value, text, walk_node,
};
use crate::lang::{Lang, Syntax};
use crate::rules::{FileCx, Rule, RuleMeta, Sink};

mod raw_body;

crate::declare_rule! {
    WebhookUnverified {
        id: "payments/webhook-unverified",
        title: "Webhook handler without signature verification",
        severity: Critical, confidence: Medium, tier: 1, cwe: [345, 347],
        languages: [TypeScript, Tsx, JavaScript, Python, Rust],
        why: "Anyone can POST a fake `checkout.session.completed` to an unverified webhook URL and get a paid plan, a refund or someone else's order marked paid.",
        fix: "Verify the signature over the raw body before acting: `stripe.webhooks.constructEvent(rawBody, sig, secret)`, `stripe.Webhook.construct_event(...)`, svix `wh.verify(...)`, or an HMAC compared with a constant-time compare.",
        docs: "webhook_unverified.md",
        skip: [test],
    }
}

/// Provider event names that mark a function as a webhook's dispatcher.
const EVENT_TYPES: &[&str] = &[
    "checkout.session.completed",
    "invoice.paid",
    "invoice.payment_succeeded",
    "invoice.payment_failed",
    "payment_intent.succeeded",
    "customer.subscription.",
    "order_created",
    "subscription_created",
    "subscription_updated",
    "transaction.completed",
    "user.created",
];

const MESSAGE: &str =
    "webhook handler acts on the payload without verifying the provider's signature";

impl Rule for WebhookUnverified {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check_file(&self, cx: &FileCx<'_>, out: &mut Sink) {
        match cx.syntax {
            Syntax::TreeSitter(tree) => {
                let src = cx.text();
                let mut seen: HashSet<usize> = HashSet::new();
                let mut handlers: Vec<(Node<'_>, std::ops::Range<usize>, Vec<Node<'_>>)> =
                    Vec::new();
                // browser code and Next.js pages (a settings page listing the webhooks)
                // receive no requests
                let file = cx.path.rsplit('/').next().unwrap_or(cx.path);
                if cx.file.is_client
                    || ((file.starts_with("page.") || file.starts_with("layout."))
                        && cx.path.split('/').any(|d| d == "app"))
                {
                    return;
                }
                let route_file = cx.path.to_ascii_lowercase().contains("webhook");
                if !route_file && !may_hold_handler(cx, src) {
                    return;
                }
                walk_node(tree.root_node(), |n| {
                    if let Some((handler, report, extra)) = handler_of(cx, n, route_file)
                        && seen.insert(handler.id())
                    {
                        handlers.push((handler, report, extra));
                    }
                });
                for (handler, report, middleware) in handlers {
                    if !looks_like_receiver(handler, src) {
                        continue;
                    }
                    let in_body = verifies(cx, handler, src);
                    let verified = in_body
                        || middleware
                            .iter()
                            .any(|m| cx.facts.webhook_verifiers.contains(text(*m, src)));
                    if !verified {
                        out.report(report, MESSAGE);
                    } else if in_body {
                        raw_body::check(cx, handler, &middleware, report.start, out);
                    }
                }
            }
            Syntax::Rust(file) => {
                for item in &file.items {
                    let syn::Item::Fn(f) = item else { continue };
                    // actix: #[post("/webhooks/stripe")] async fn handler(...)
                    let route_attr = f.attrs.iter().find(|a| {
                        let p = a.path();
                        (p.is_ident("post") || p.is_ident("route"))
                            && a.meta.require_list().is_ok_and(|l| {
                                l.tokens
                                    .to_string()
                                    .to_ascii_lowercase()
                                    .contains("webhook")
                            })
                    });
                    let named = f
                        .sig
                        .ident
                        .to_string()
                        .to_ascii_lowercase()
                        .contains("webhook")
                        && rust_receives_request(f);
                    if (route_attr.is_some() || named) && !rust_fn_verifies(cx, f) {
                        let at = route_attr.map_or(f.sig.ident.span(), syn::spanned::Spanned::span);
                        out.report(span_range(cx.src, at), MESSAGE);
                    }
                }
            }
            Syntax::None => {}
        }
    }

    fn wants_rust(&self) -> bool {
        true
    }

    /// axum: `.route("/webhooks/stripe", post(stripe_events))` with a handler that does
    /// not verify.
    fn check_rust(&self, cx: &FileCx<'_>, node: RustNode<'_>, out: &mut Sink) {
        let RustNode::Expr(syn::Expr::MethodCall(m)) = node else {
            return;
        };
        if m.method != "route" {
            return;
        }
        // axum `.route("/webhooks/x", post(h))`, actix `.route("/webhooks/x", web::post().to(h))`
        // and `web::resource("/webhooks/x").route(web::post().to(h))`
        let (path, target) = match (m.args.len(), m.args.first()) {
            (2, Some(first)) => (str_lit(first), m.args.iter().nth(1)),
            (1, Some(only)) => (resource_path(&m.receiver), Some(only)),
            _ => return,
        };
        if !path.is_some_and(|p| p.to_ascii_lowercase().contains("webhook")) {
            return;
        }
        let Some(handler) = target.and_then(handler_ident) else {
            return;
        };
        if handler.to_ascii_lowercase().contains("webhook") {
            return; // reported on the function itself
        }
        let Syntax::Rust(file) = cx.syntax else {
            return;
        };
        // a handler defined here is judged by its body; one from elsewhere by the facts
        let local = file.items.iter().find_map(|i| match i {
            syn::Item::Fn(f) if f.sig.ident == handler => Some(rust_fn_verifies(cx, f)),
            _ => None,
        });
        let verified = local.unwrap_or_else(|| cx.facts.webhook_verifiers.contains(&handler));
        if !verified {
            out.report(span_range(cx.src, m.method.span()), MESSAGE);
        }
    }
}

/// Whether a Rust fn takes an HTTP request or its body: an extractor or request type.
fn rust_receives_request(f: &syn::ItemFn) -> bool {
    f.sig.inputs.iter().any(|a| match a {
        syn::FnArg::Typed(t) => {
            let ty = type_name(&t.ty);
            [
                "Request",
                "HeaderMap",
                "Bytes",
                "Payload",
                "Json",
                "Form",
                "String",
                "Body",
            ]
            .iter()
            .any(|w| ty.contains(w))
        }
        syn::FnArg::Receiver(_) => false,
    })
}

/// A type's path, `web::Bytes`, through references.
fn type_name(ty: &syn::Type) -> String {
    match ty {
        syn::Type::Path(p) => p
            .path
            .segments
            .iter()
            .map(|s| s.ident.to_string())
            .collect::<Vec<_>>()
            .join("::"),
        syn::Type::Reference(r) => type_name(&r.elem),
        _ => String::new(),
    }
}

fn str_lit(e: &syn::Expr) -> Option<String> {
    match e {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) => Some(s.value()),
        _ => None,
    }
}

/// The path of `web::resource("/webhooks/x")` under a chain of calls on it.
fn resource_path(e: &syn::Expr) -> Option<String> {
    match e {
        syn::Expr::Call(c) => c.args.first().and_then(str_lit),
        syn::Expr::MethodCall(m) => resource_path(&m.receiver),
        _ => None,
    }
}

/// The handler a routing expression names: `post(h)`, `web::post().to(h)`,
/// `post(h).layer(…)`.
fn handler_ident(e: &syn::Expr) -> Option<String> {
    let path_name = |e: &syn::Expr| match e {
        syn::Expr::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    };
    match e {
        syn::Expr::Call(c) => c.args.first().and_then(path_name),
        syn::Expr::MethodCall(m) if m.method == "to" => m.args.first().and_then(path_name),
        syn::Expr::MethodCall(m) => handler_ident(&m.receiver),
        _ => None,
    }
}

fn rust_fn_verifies(cx: &FileCx<'_>, f: &syn::ItemFn) -> bool {
    if rust_signed_in(f) {
        return true;
    }
    let body = cx
        .text()
        .get(span_range(cx.src, syn::spanned::Spanned::span(&f.block)))
        .unwrap_or("");
    VERIFIER.is_match(body) || calls_known_verifier(cx, body)
}

/// A handler that takes a signed-in user or tenant (`user: AuthUser`, `_tenant:
/// TenantExtractor`, `Extension(claims): Extension<Claims>`) serves the app's own users:
/// the endpoints that manage webhook subscriptions, not a provider's receiver.
fn rust_signed_in(f: &syn::ItemFn) -> bool {
    f.sig.inputs.iter().any(|arg| {
        let syn::FnArg::Typed(t) = arg else {
            return false;
        };
        let ty = quote_type(&t.ty);
        [
            "AuthUser",
            "CurrentUser",
            "AuthenticatedUser",
            "Claims",
            "TenantExtractor",
            "AuthSession",
            "Principal",
        ]
        .iter()
        .any(|w| ty.split(|c: char| !c.is_alphanumeric()).any(|seg| seg == *w))
    })
}

/// A type's path segments as written (`Extension<Claims>` -> `Extension Claims`).
fn quote_type(ty: &syn::Type) -> String {
    struct Names(String);
    impl<'ast> syn::visit::Visit<'ast> for Names {
        fn visit_path_segment(&mut self, s: &'ast syn::PathSegment) {
            self.0.push_str(&s.ident.to_string());
            self.0.push(' ');
            syn::visit::visit_path_segment(self, s);
        }
    }
    let mut n = Names(String::new());
    syn::visit::Visit::visit_type(&mut n, ty);
    n.0
}

fn calls_known_verifier(cx: &FileCx<'_>, body: &str) -> bool {
    cx.facts
        .webhook_verifiers
        .iter()
        .any(|v| crate::facts::webhooks::call_sites(body, v).next().is_some())
}

/// A handler a node defines or registers: (the handler function, where to report,
/// middleware passed before it).
fn handler_of<'t>(
    cx: &FileCx<'_>,
    n: Node<'t>,
    route_file: bool,
) -> Option<(Node<'t>, std::ops::Range<usize>, Vec<Node<'t>>)> {
    let src = cx.text();
    match n.kind_str() {
        // app.post("/api/webhooks/stripe", express.raw(...), handler)
        "call_expression" if cx.lang != Lang::Python => {
            let f = callee(n)?;
            let name = text(f, src);
            if let Some(found) = route_object(cx, n, name) {
                return Some(found);
            }
            if !(name.ends_with(".post")
                || name.ends_with(".all")
                || name.ends_with(".route")
                || name.ends_with(".put"))
            {
                return None;
            }
            let args = arguments(n)?;
            let path = args.named_child(0).and_then(|a| string_value(a, src))?.0;
            if !path.to_ascii_lowercase().contains("webhook") {
                return None;
            }
            let all: Vec<Node<'t>> = args.named_children().skip(1).collect();
            let last = *all.last()?;
            let handler = function_value(cx, last)?;
            let middleware = all[..all.len() - 1].to_vec();
            Some((handler, n.byte_range(), middleware))
        }
        // Next.js: export async function POST() in a webhook route file;
        // pages/api: export default function handler()
        "export_statement" if route_file => {
            let decl = n.field("declaration").or_else(|| n.named_child(0))?;
            let func = match decl.kind_str() {
                "function_declaration" | "function_expression" | "function" => decl,
                "lexical_declaration" => {
                    let d = decl.named_child(0)?;
                    if d.field("name").map(|x| text(x, src)) != Some("POST") {
                        return None;
                    }
                    d.field("value")?
                }
                _ => return None,
            };
            let name = func.field("name").map(|x| text(x, src)).unwrap_or("");
            let is_default = text(n, src).starts_with("export default");
            (name == "POST" || is_default || decl.kind_str() == "lexical_declaration")
                .then(|| (func, n.byte_range(), Vec::new()))
        }
        // functions named like a webhook handler; Python route decorators, views that
        // urls.py registers on a webhook path, `post` of a webhook view class
        "function_declaration" | "function_definition" | "method_definition" => {
            let raw_name = n.field("name").map_or("", |x| text(x, src));
            let name = raw_name.to_ascii_lowercase();
            let decorated = n.parent().filter(|p| p.kind_str() == "decorated_definition");
            let def_line = n.start_byte()..n.field("name")?.end_byte();
            if cx.lang == Lang::Python
                && (cx.facts.webhook_routes.contains(raw_name)
                    || (name == "post" && webhook_class(n, cx)))
            {
                return Some((n, def_line, Vec::new()));
            }
            if let Some(d) = decorated {
                let head = &src[d.start_byte()..n.start_byte()];
                if head.to_ascii_lowercase().contains("webhook")
                    && (head.contains(".post(")
                        || head.contains(".route(")
                        || head.contains(".api_route("))
                {
                    return Some((n, d.start_byte()..n.start_byte(), Vec::new()));
                }
            }
            if (name.contains("webhook") || dispatches_events_from_request(n, src))
                && receives_request(n, src)
            {
                return Some((n, def_line, Vec::new()));
            }
            None
        }
        _ => None,
    }
}

/// Whether the file's text holds something every handler shape of [`handler_of`] needs:
/// the word webhook (a route path, a function or class name), an event type that
/// [`dispatches_events_from_request`] looks for, or a Python view that urls.py
/// registers on a webhook path. Files without any are not walked.
fn may_hold_handler(cx: &FileCx<'_>, src: &str) -> bool {
    contains_ignore_case(src, "webhook")
        || EVENT_TYPES.iter().any(|e| src.contains(e))
        || (cx.lang == Lang::Python
            && cx
                .facts
                .webhook_routes
                .iter()
                .any(|name| src.contains(name.as_str())))
}

/// `haystack.to_ascii_lowercase().contains(needle)` for a lower-case ASCII needle,
/// without copying the haystack.
fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    haystack
        .as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Fastify's object form: `fastify.route({ method: "POST", url: "/webhooks/x", handler })`.
fn route_object<'t>(
    cx: &FileCx<'_>,
    call: Node<'t>,
    callee_name: &str,
) -> Option<(Node<'t>, std::ops::Range<usize>, Vec<Node<'t>>)> {
    if !callee_name.ends_with(".route") {
        return None;
    }
    let src = cx.text();
    let obj = arguments(call)?.named_child(0)?;
    if obj.kind_str() != "object" {
        return None;
    }
    let pairs = object_pairs(obj, src);
    let url = pairs
        .iter()
        .find(|(k, _, _)| k == "url" || k == "path")
        .and_then(|(_, _, v)| string_value(*v, src))?;
    if !url.0.to_ascii_lowercase().contains("webhook") {
        return None;
    }
    let handler = pairs.iter().find(|(k, _, _)| k == "handler")?.2;
    let pre = pairs
        .iter()
        .filter(|(k, _, _)| k == "preHandler" || k == "preValidation" || k == "onRequest")
        .map(|(_, _, v)| *v)
        .collect();
    Some((function_value(cx, handler)?, call.byte_range(), pre))
}

/// Whether a Python method sits in a class named like a webhook view, or one that
/// urls.py registers on a webhook path.
fn webhook_class(method: Node<'_>, cx: &FileCx<'_>) -> bool {
    let src = cx.text();
    let mut up = method.parent();
    while let Some(p) = up {
        if p.kind_str() == "class_definition" {
            let name = p.field("name").map_or("", |x| text(x, src));
            return name.to_ascii_lowercase().contains("webhook")
                || cx.facts.webhook_routes.contains(name);
        }
        up = p.parent();
    }
    false
}

/// The function an argument is: a function literal, or a function declared in the file.
fn function_value<'t>(cx: &FileCx<'_>, arg: Node<'t>) -> Option<Node<'t>> {
    let src = cx.text();
    match arg.kind_str() {
        "arrow_function" | "function_expression" | "function" => Some(arg),
        "identifier" => {
            let name = text(arg, src);
            let mut root = arg;
            while let Some(p) = root.parent() {
                root = p;
            }
            let mut found = None;
            walk_node(root, |d| {
                if found.is_some() {
                    return;
                }
                match d.kind_str() {
                    "function_declaration"
                        if d.field("name").is_some_and(|x| text(x, src) == name) =>
                    {
                        found = Some(d)
                    }
                    "variable_declarator"
                        if d.field("name").is_some_and(|x| text(x, src) == name) =>
                    {
                        found = d.field("value")
                    }
                    _ => {}
                }
            });
            found.or(Some(arg))
        }
        _ => None,
    }
}

/// Whether a function takes the HTTP request: a parameter named like one (`req`,
/// `request`, Hono's `c`, Koa's `ctx`), or a serverless handler reading `event.body`.
/// Helpers named like webhooks (`setupWebhook()`, `storeWebhookEvent(name, body)`) are
/// not handlers.
fn receives_request(func: Node<'_>, src: &str) -> bool {
    let params = func.field("parameters").or_else(|| func.field("parameter"));
    let Some(params) = params else {
        return false;
    };
    let mut names = Vec::new();
    walk_node(params, |p| {
        if matches!(
            p.kind_str(),
            "identifier" | "shorthand_property_identifier_pattern"
        ) && p.parent().is_none_or(|q| q.kind_str() != "type_annotation")
        {
            names.push(text(p, src).to_ascii_lowercase());
        }
    });
    let requestish = names
        .iter()
        .any(|n| matches!(n.as_str(), "c" | "ctx" | "context" | "r") || n.contains("req"));
    let body = text(func, src);
    requestish || body.contains("event.body") || body.contains("event.headers")
}

/// A function that switches on provider event types and reads the HTTP request itself.
fn dispatches_events_from_request(func: Node<'_>, src: &str) -> bool {
    let t = text(func, src);
    EVENT_TYPES.iter().any(|e| t.contains(e))
        && (t.contains("req.body")
            || t.contains("request.json")
            || t.contains("req.json")
            || t.contains(".text()")
            || t.contains("request.body")
            || t.contains("request.data")
            || t.contains("get_json("))
}

/// Whether a handler verifies: a verifier call in its body, or a call to a function
/// (here or elsewhere in the repository) that holds one.
fn verifies(cx: &FileCx<'_>, handler: Node<'_>, src: &str) -> bool {
    if handler.kind_str() == "identifier" {
        return cx.facts.webhook_verifiers.contains(text(handler, src));
    }
    let body = handler
        .field("body")
        .map_or_else(|| text(handler, src), |b| text(b, src));
    VERIFIER.is_match(body) || calls_known_verifier(cx, body)
}

/// A function that receives a provider's webhook (it reads events, a signature or a
/// provider's payload) rather than an app's own API for managing webhook endpoints,
/// which runs behind the user's session.
fn looks_like_receiver(func: Node<'_>, src: &str) -> bool {
    static SIGNED_IN: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)\b(?:require|verify|validate|check|ensure|assert|get)_?[a-z_]{0,12}?(?:admin|auth|session|user)_?(?:session|user|auth)?\s*\(|\.auth\.getUser\(",
        )
        .expect("regex compiles")
    });
    let raw = text(func, src);
    // an endpoint that first signs in one of the app's users manages webhooks (lists,
    // subscribes, retries): a provider's receiver has no user session
    if SIGNED_IN.is_match(raw) {
        return false;
    }
    let t = raw.to_ascii_lowercase();
    let provider_words = [
        "event",
        "signature",
        "stripe",
        "svix",
        "webhook-id",
        "x-hub",
        "paddle",
        "lemon",
        "clerk",
        "payload",
        "resend",
        "github",
    ];
    let session_words = [
        "getserversession",
        "getsession",
        "auth()",
        "currentuser",
        "requireauth",
        "getcurrentuser",
        "throwifnoteamaccess",
        "throwifnotallowed",
        "login_required",
        "current_user",
        "depends(get_current",
        "authentication",
        "apikeyid",
    ];
    provider_words.iter().any(|w| t.contains(w)) && !session_words.iter().any(|w| t.contains(w))
}
