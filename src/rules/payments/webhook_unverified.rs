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

const OPTIONAL: &str = "the signature is verified only when the request carries one (or a secret is set): a request without it is acted on unverified";

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
                // Supabase deploys no function from a folder whose name starts with `_`
                // (`supabase/functions/_shared/`): its modules are helpers the functions
                // import, judged where a function calls them
                if in_supabase_shared_folder(cx.path) {
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
                    if !looks_like_receiver(handler, src)
                        || handler
                            .field("name")
                            .is_some_and(|n| manages_webhooks(text(n, src)))
                        || (route_file && path_manages_webhooks(cx.path))
                        || signed_in_parameter(handler, src)
                        || signs_outgoing(src)
                        || (cx.lang != Lang::Python && !reads_body(handler, src))
                    {
                        continue;
                    }
                    let in_body = verifies(cx, handler, src);
                    let verified = in_body
                        || middleware
                            .iter()
                            .any(|m| cx.facts.webhook_verifiers.contains(text(*m, src)));
                    if !verified {
                        let finding = out.report(report, MESSAGE);
                        if let Some(read) = body_read(handler, src) {
                            finding.related(read, "the payload it acts on is read here, unverified");
                        }
                    } else if in_body {
                        if let Some((skip, goes_on)) = verification_optional(cx, handler, src) {
                            let finding = out.report(skip, OPTIONAL);
                            if let Some(on) = goes_on {
                                finding.related(on, "without a signature the request goes on here");
                            }
                            continue;
                        }
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
                    let ident = f.sig.ident.to_string();
                    let named = ident.to_ascii_lowercase().contains("webhook")
                        && !manages_webhooks(&ident)
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
    if rust_signed_in(f) || rust_acts_on_nothing(f) {
        return true;
    }
    let body = cx
        .text()
        .get(span_range(cx.src, syn::spanned::Spanned::span(&f.block)))
        .unwrap_or("");
    VERIFIER.is_match(body) || calls_known_verifier(cx, body)
}

/// A handler with nothing to act with: it takes only the request's own parts (headers,
/// body, path and query), or the app's state under a name it never uses (`State(_state)`),
/// awaits nothing and calls no other module of the project (`crate::orders::fulfil(…)`).
/// It can parse the payload and answer, and that is all: a stub receiver that returns
/// 200, or an endpoint that reports whether a signature is valid.
fn rust_acts_on_nothing(f: &syn::ItemFn) -> bool {
    /// Whether the body awaits or calls a function of another module: only functions of
    /// its own file (`verify_hmac(…)`), a type's (`ErrorResponse::new`, `Json(…)`) and a
    /// parsing or hashing library's (`serde_json::from_str`) leave it acting on nothing.
    struct Acts(bool);
    impl<'ast> syn::visit::Visit<'ast> for Acts {
        fn visit_expr_await(&mut self, _: &'ast syn::ExprAwait) {
            self.0 = true;
        }
        fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
            if let syn::Expr::Path(p) = &*c.func
                && p.path.segments.len() > 1
                && let Some(first) = p.path.segments.first()
            {
                let first = first.ident.to_string();
                let a_type = first.chars().next().is_some_and(char::is_uppercase);
                let library = matches!(
                    first.as_str(),
                    "serde_json" | "std" | "chrono" | "uuid" | "base64" | "hex" | "hmac" | "sha2"
                );
                if !a_type && !library {
                    self.0 = true;
                }
            }
            syn::visit::visit_expr_call(self, c);
        }
    }
    let parts_only = f.sig.inputs.iter().all(|arg| {
        let syn::FnArg::Typed(t) = arg else {
            return false;
        };
        let ty = type_name(&t.ty);
        let last = ty.rsplit("::").next().unwrap_or("");
        let unused = |p: &syn::Pat| {
            let mut names = Vec::new();
            collect_idents(p, &mut names);
            names.iter().all(|n| n.starts_with('_'))
        };
        match last {
            "HeaderMap" | "Bytes" | "String" | "Json" | "Path" | "Query" | "Form" => true,
            "State" | "Extension" => unused(&t.pat),
            _ => false,
        }
    });
    if !parts_only {
        return false;
    }
    let mut acts = Acts(false);
    syn::visit::Visit::visit_block(&mut acts, &f.block);
    !acts.0
}

/// The names a pattern binds (`State(state)`, `Json(body)`, `_`).
fn collect_idents(p: &syn::Pat, out: &mut Vec<String>) {
    match p {
        syn::Pat::Ident(i) => out.push(i.ident.to_string()),
        syn::Pat::Wild(_) => out.push("_".to_string()),
        syn::Pat::TupleStruct(t) => t.elems.iter().for_each(|e| collect_idents(e, out)),
        syn::Pat::Tuple(t) => t.elems.iter().for_each(|e| collect_idents(e, out)),
        syn::Pat::Struct(s) => s.fields.iter().for_each(|f| collect_idents(&f.pat, out)),
        syn::Pat::Reference(r) => collect_idents(&r.pat, out),
        syn::Pat::Type(t) => collect_idents(&t.pat, out),
        _ => out.push(String::new()),
    }
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
        names_signed_in_type(&ty)
    })
}

/// Types that carry one of the app's signed-in users or tenants, which a provider's
/// request never has (`AuthUser`, `Extension<Claims>`, a gateway's `AuthContext`).
const SIGNED_IN_TYPES: &[&str] = &[
    "AuthUser",
    "CurrentUser",
    "AuthenticatedUser",
    "Claims",
    "TenantExtractor",
    "AuthSession",
    "Principal",
    "AuthContext",
    "AuthenticatedContext",
];

/// Whether a type as written names one of [`SIGNED_IN_TYPES`] as a whole word.
fn names_signed_in_type(ty: &str) -> bool {
    ty.split(|c: char| !c.is_alphanumeric())
        .any(|seg| SIGNED_IN_TYPES.contains(&seg))
}

/// Whether a TypeScript or Python function has a parameter typed as a signed-in user
/// or context (`_context: AuthContext`, `user: CurrentUser`): an endpoint of the app's
/// own users (sending or managing webhooks), not a provider's receiver.
fn signed_in_parameter(func: Node<'_>, src: &str) -> bool {
    let Some(params) = func.field("parameters") else {
        return false;
    };
    params.named_children().any(|p| {
        p.field("type")
            .is_some_and(|t| names_signed_in_type(text(t, src)))
    })
}

/// Verbs of the endpoints that manage an app's webhook subscriptions or deliveries
/// (`create_webhook`, `listWebhooks`, `retryWebhookDelivery`) rather than receive one.
const MANAGING: &[&str] = &[
    "list",
    "get",
    "create",
    "update",
    "delete",
    "remove",
    "register",
    "subscribe",
    "unsubscribe",
    "test",
    "retry",
    "enable",
    "disable",
    "toggle",
    "add",
    "edit",
    "rotate",
    "subscriptions",
    "settings",
];

/// Whether a function's name starts with a verb of [`MANAGING`] (`update_enhanced_webhook`,
/// `createWebhookEndpoint`); receivers are named for what they receive or do with it
/// (`stripe_webhook`, `handleWebhook`, `onPaddleEvent`).
fn manages_webhooks(name: &str) -> bool {
    let first: String = name
        .trim_start_matches('_')
        .chars()
        .take_while(|c| c.is_ascii_lowercase())
        .collect();
    MANAGING.contains(&first.as_str())
}

/// Whether a route file sits under a webhook path segment followed by a segment of
/// [`MANAGING`] (`app/api/calendly/webhook/subscribe/route.ts`,
/// `api/webhooks/retry/route.ts`): an endpoint that manages webhooks.
fn path_manages_webhooks(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    let segs: Vec<&str> = lower.split('/').collect();
    segs.iter()
        .position(|s| s.contains("webhook"))
        .is_some_and(|at| {
            // the webhook segment's own words (`ringcentral-register-webhook`) and the
            // segments after it
            segs[at].split(['-', '_']).any(|w| MANAGING.contains(&w))
                || segs[at + 1..].iter().any(|s| MANAGING.contains(s))
        })
}

/// Whether a handler's file signs what it sends: it sets a signature header on an
/// outgoing request (`headers["X-Webhook-Signature"] = sig`, `{ "X-Dine-Signature": … }`,
/// in the handler or a helper beside it), so it delivers the app's own webhooks to its
/// customers rather than receiving a provider's.
fn signs_outgoing(src: &str) -> bool {
    static SETS_SIGNATURE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::lang::pattern::regex(r#"(?i)["'`]x-[a-z0-9-]*signature[a-z0-9-]*["'`]\s*(?:\]\s*=[^=]|:)"#)
            .expect("regex compiles")
    });
    SETS_SIGNATURE.is_match(src)
}

/// Whether a JavaScript handler reads the request's body at all (`req.json()`,
/// `request.text()`, `formData()`, `req.body`, a `body` its wrapper hands it). One that
/// never does acts on no payload: a stub that acknowledges events.
fn reads_body(func: Node<'_>, src: &str) -> bool {
    let t = text(func, src);
    [".json(", ".text(", ".formData(", ".arrayBuffer(", ".blob(", "body", "Body"]
        .iter()
        .any(|w| t.contains(w))
}

/// Where a handler reads the request's body: the first `req.json()`, `await
/// request.text()`, `c.req.json()`, `request.get_json()` on its request (its first
/// parameter, or one named for a request), not on a response it fetched.
fn body_read(func: Node<'_>, src: &str) -> Option<std::ops::Range<usize>> {
    let first = func
        .field("parameters")
        .and_then(|p| p.named_child(0))
        .map(|p| {
            let p = p.field("pattern").or_else(|| p.field("name")).unwrap_or(p);
            text(p, src)
        });
    let mut found = None;
    walk_node(func, |n| {
        if found.is_some() || !matches!(n.kind_str(), "call_expression" | "call") {
            return;
        }
        let Some(f) = n
            .field("function")
            .filter(|f| matches!(f.kind_str(), "member_expression" | "attribute"))
        else {
            return;
        };
        let (Some(object), Some(method)) = (
            f.field("object"),
            f.field("property").or_else(|| f.field("attribute")),
        ) else {
            return;
        };
        let request = text(object, src);
        if matches!(
            text(method, src),
            "json" | "text" | "formData" | "arrayBuffer" | "blob" | "get_json" | "body"
        ) && (Some(request) == first
            || matches!(request, "req" | "request" | "c.req" | "ctx.req" | "context.req"))
        {
            found = Some(n.start_byte()..n.end_byte());
        }
    });
    found
}

/// Whether a path lies in a folder of Supabase edge functions whose name starts with
/// `_`, which Supabase does not deploy as a function.
fn in_supabase_shared_folder(path: &str) -> bool {
    let segs: Vec<&str> = path.split('/').collect();
    segs.windows(3)
        .any(|w| w[0] == "supabase" && w[1] == "functions" && w[2].starts_with('_'))
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
            // Supabase / Deno edge function in a webhook folder: `serve(async (req) => …)`,
            // `Deno.serve(handler)`
            if route_file && (name == "serve" || name == "Deno.serve") {
                let last = arguments(n)?.named_children().last()?;
                let handler = function_value(cx, last)?;
                // reported at the call's head (`Deno.serve(async (req) =>`), not the whole
                // function it is handed
                let head_end = handler
                    .field("body")
                    .filter(|b| b.start_byte() > n.start_byte())
                    .map_or(n.end_byte(), |b| b.start_byte());
                return Some((handler, n.start_byte()..head_end, Vec::new()));
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
    // one pass over the file for the word (in any case) and the event types
    static MARKS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        let events: Vec<String> = EVENT_TYPES.iter().map(|e| regex::escape(e)).collect();
        crate::lang::pattern::regex(&format!("(?i-u:webhook)|{}", events.join("|")))
            .expect("regex compiles")
    });
    MARKS.is_match(src)
        || (cx.lang == Lang::Python
            && cx
                .facts
                .webhook_routes
                .iter()
                .any(|name| src.contains(name.as_str())))
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
    VERIFIER.is_match(body)
        || calls_known_verifier(cx, body)
        || calls_verifier_alias(cx, body)
        || rejects_wrong_secret(handler, src)
}

/// Where a handler verifies the signature only when the request carries one: every
/// verifier call of its body sits under an `if` or `?:` whose condition only tests that
/// values are there (`if (webhookSecret && signature) { … }`, `signature ?
/// constructEvent(…) : JSON.parse(body)`) and whose other branch goes on. Returns that
/// condition's node range, and where a request without a signature goes on: the first
/// statement of the other branch, or the one after the `if`.
fn verification_optional(
    cx: &FileCx<'_>,
    handler: Node<'_>,
    src: &str,
) -> Option<(std::ops::Range<usize>, Option<std::ops::Range<usize>>)> {
    let body = handler.field("body")?;
    let text_of = text(body, src);
    let mut offsets: Vec<usize> = VERIFIER
        .find_iter(text_of)
        .map(|m| body.start_byte() + m.start())
        .collect();
    for v in &cx.facts.webhook_verifiers {
        offsets.extend(crate::facts::webhooks::call_sites(text_of, v).map(|o| body.start_byte() + o));
    }
    type Place = (std::ops::Range<usize>, Option<std::ops::Range<usize>>);
    let mut first: Option<Place> = None;
    for at in offsets {
        let mut n = body.descendant_for_byte_range(at, at)?;
        let mut guarded = None;
        while let Some(p) = n.parent().filter(|p| p.id() != body.id()) {
            let (cond, then, other) = match p.kind_str() {
                "if_statement" | "ternary_expression" => (
                    p.field("condition"),
                    p.field("consequence"),
                    p.field("alternative"),
                ),
                _ => (None, None, None),
            };
            if let (Some(cond), Some(then)) = (cond, then)
                && then.contains(n)
                && presence_test(text(cond, src))
                && !fails_closed_after(handler, p, src)
                && other.is_none_or(|o| {
                    let t = text(o, src);
                    !(t.contains("return") || t.contains("throw"))
                })
            {
                // the other branch's first statement (`else { event = JSON.parse(body) }`),
                // or what follows the `if`
                let goes_on = match other {
                    Some(o) => o
                        .descendants()
                        .find(|d| {
                            d.is_named()
                                && d.kind_str() != "comment"
                                && d.parent().is_some_and(|b| {
                                    matches!(b.kind_str(), "statement_block" | "block")
                                })
                        })
                        .or(Some(o)),
                    None => {
                        let mut next = p.next_named_sibling();
                        while let Some(c) = next.filter(|c| c.kind_str() == "comment") {
                            next = c.next_named_sibling();
                        }
                        next
                    }
                };
                guarded = Some((cond.byte_range(), goes_on.map(|g| g.byte_range())));
                break;
            }
            n = p;
        }
        let g = guarded?;
        if first.as_ref().is_none_or(|f| g.0.start < f.0.start) {
            first = Some(g);
        }
    }
    first
}

/// Whether a condition only tests that values are there: names and members joined by
/// `&&` (`signature`, `(webhookSecret && signature)`, `sig && process.env.SECRET`), with
/// a name of a signature, secret or header among them.
fn presence_test(cond: &str) -> bool {
    let c = cond.trim().trim_start_matches('(').trim_end_matches(')').trim();
    // `not skip_hmac`: a setting that turns verification off, not a test for a value
    let negated = c.split_whitespace().any(|w| w == "not");
    !c.is_empty()
        && !negated
        && c
            .chars()
            .all(|ch| ch.is_alphanumeric() || matches!(ch, '_' | '.' | '&' | ' ' | '?' | '\n'))
        && ["sig", "secret", "header", "hmac", "token"]
            .iter()
            .any(|w| c.to_ascii_lowercase().contains(w))
}

/// Whether the handler calls a verifier under another name it was imported as (`from
/// app.routers.stripe_webhook import stripe_webhook as canonical_webhook`, `import {
/// verify as verifyStripe } from "./stripe"`): a route kept to forward to the handler
/// that verifies.
fn calls_verifier_alias(cx: &FileCx<'_>, body: &str) -> bool {
    static IMPORT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::lang::pattern::regex(r"(?m)^[ \t]*(?:from[ \t]+[\w.]+[ \t]+)?import[ \t]+\{?([^\n;}]*)")
            .expect("regex compiles")
    });
    IMPORT
        .captures_iter(cx.text())
        .filter_map(|c| c.get(1))
        .flat_map(|names| names.as_str().split(','))
        .filter_map(|item| {
            let mut words = item.split_whitespace();
            match (words.next(), words.next(), words.next()) {
                (Some(name), Some("as"), Some(alias)) => Some((name, alias)),
                _ => None,
            }
        })
        .any(|(name, alias)| {
            cx.facts.webhook_verifiers.contains(name)
                && crate::facts::webhooks::call_sites(body, alias).next().is_some()
        })
}

/// Whether the handler rejects a request whose shared secret is wrong before anything
/// else can run: an `if` that is not itself inside a condition, comparing a value named
/// like a secret, token, key or signature (`secret !== expectedSecret`, `token !=
/// settings.WEBHOOK_TOKEN`) and answering 401 or 403. Providers without signatures
/// (Zapier, many CRMs) are verified this way. A check that runs only when a header is
/// present (`if (auth && auth !== expected)`, or nested in `if (header)`) lets an
/// unsigned request through and does not count.
fn rejects_wrong_secret(handler: Node<'_>, src: &str) -> bool {
    let Some(body) = handler.field("body") else {
        return false;
    };
    body.descendants().any(|n| {
        if n.kind_str() != "if_statement" {
            return false;
        }
        let (Some(cond), Some(then)) = (n.field("condition"), n.field("consequence")) else {
            return false;
        };
        let c = text(cond, src).to_ascii_lowercase();
        let t = text(then, src).to_ascii_lowercase();
        let secret_word = |t: &str| ["secret", "token", "signature", "key"].iter().any(|w| t.contains(w));
        let compares = (c.contains("!==") || c.contains("!="))
            && !c.contains("&&")
            && !c.contains(" and ")
            && secret_word(&c);
        // `const form = await getFormByWebhookToken(token); if (!form) return 401`: a
        // lookup by the shared secret that answers nothing for a wrong one
        let looked_up = || {
            let name = c.trim_matches(['(', ')', ' ']);
            let Some(name) = name.strip_prefix('!').or_else(|| name.strip_prefix("not ")) else {
                return false;
            };
            let name = name.trim();
            if name.is_empty() || !name.chars().all(|ch| ch.is_alphanumeric() || ch == '_') {
                return false;
            }
            let func = crate::lang::treesitter::enclosing_function(n);
            let Some(value) = crate::lang::treesitter::resolve(func, name, n.start_byte(), src) else {
                return false;
            };
            let value = crate::lang::treesitter::unwrap_value(value, src);
            matches!(value.kind_str(), "call_expression" | "call")
                && secret_word(&text(value, src).to_ascii_lowercase())
        };
        (compares || looked_up()) && rejects_request(&t) && unconditional(n, handler)
    })
}

/// Whether a branch's text answers 401 or 403.
fn rejects_request(branch: &str) -> bool {
    ["401", "403", "unauthori", "forbidden"]
        .iter()
        .any(|w| branch.contains(w))
}

/// Whether a statement of a handler runs whatever the request: no condition, branch or
/// nested function between it and the handler.
fn unconditional(n: Node<'_>, handler: Node<'_>) -> bool {
    let mut up = n.parent();
    while let Some(p) = up.filter(|p| p.id() != handler.id()) {
        if matches!(
            p.kind_str(),
            "if_statement" | "else_clause" | "elif_clause" | "ternary_expression"
                | "switch_case" | "case_clause" | "conditional_expression"
        ) || crate::lang::treesitter::is_function(p)
        {
            return false;
        }
        up = p.parent();
    }
    true
}

/// Whether a handler that verifies only under a condition still rejects, whatever the
/// request, one that did not pass: the guarded branch sets a flag (`hasValidAuth =
/// true`) that an unconditional `if (!webhookSecret || !hasValidAuth) return 401`
/// requires.
fn fails_closed_after(handler: Node<'_>, guarded: Node<'_>, src: &str) -> bool {
    let flags: Vec<&str> = guarded
        .descendants()
        .filter(|a| a.kind_str() == "assignment_expression")
        .filter(|a| a.field("right").is_some_and(|r| r.kind_str() == "true"))
        .filter_map(|a| a.field("left").filter(|l| l.kind_str() == "identifier"))
        .map(|l| text(l, src))
        .collect();
    if flags.is_empty() {
        return false;
    }
    handler.descendants().any(|n| {
        n.kind_str() == "if_statement"
            && n.start_byte() >= guarded.end_byte()
            && n.field("condition").is_some_and(|c| {
                let c = text(c, src);
                flags.iter().any(|f| c.contains(&format!("!{f}")))
            })
            && n.field("consequence")
                .is_some_and(|t| rejects_request(&text(t, src).to_ascii_lowercase()))
            && unconditional(n, handler)
    })
}

/// A function that receives a provider's webhook (it reads events, a signature or a
/// provider's payload) rather than an app's own API for managing webhook endpoints,
/// which runs behind the user's session.
fn looks_like_receiver(func: Node<'_>, src: &str) -> bool {
    static SIGNED_IN: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::lang::pattern::regex(
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
        "apikeyid",
    ];
    // an `authentication` the handler obtains (`const authentication = await
    // authenticateRequest(req)`), not the word in a message about 3-D Secure
    let authenticates = || {
        func.descendants().any(|n| {
            matches!(
                n.kind_str(),
                "identifier" | "shorthand_property_identifier" | "shorthand_property_identifier_pattern"
            ) && text(n, src) == "authentication"
        })
    };
    provider_words.iter().any(|w| t.contains(w))
        && !session_words.iter().any(|w| t.contains(w))
        && !authenticates()
}
