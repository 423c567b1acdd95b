//! `payments/missing-idempotency-key`: money-moving payment SDK calls without an
//! idempotency key.

use crate::lang::syntax::Node;

use crate::lang::Lang;
use crate::lang::rust::{RustNode, path_string, span_range};
use crate::lang::treesitter::{callee, object_pairs, text};
use crate::rules::tenant::query::arg;
use crate::rules::{FileCx, Rule, RuleMeta, Sink};

crate::declare_rule! {
    MissingIdempotencyKey {
        id: "payments/missing-idempotency-key",
        title: "Payment created without an idempotency key",
        severity: Medium, confidence: High, tier: 2, cwe: [837],
        languages: [TypeScript, Tsx, JavaScript, Python, Rust],
        why: "A retried request (a timeout, a double click, a queue redelivery) charges, refunds or pays out twice.",
        fix: "Pass an idempotency key derived from your own order or request id: `{ idempotencyKey: `order-${order.id}` }`, `idempotency_key=f\"order-{order.id}\"`.",
        docs: "missing_idempotency_key.md",
        skip: [test],
    }
}

/// Stripe resources that move money.
const JS_RESOURCES: &[&str] = &[
    "paymentIntents",
    "charges",
    "refunds",
    "transfers",
    "payouts",
];
const PY_RESOURCES: &[&str] = &["PaymentIntent", "Charge", "Refund", "Transfer", "Payout"];
const PY_CLIENT_RESOURCES: &[&str] = &[
    "payment_intents",
    "charges",
    "refunds",
    "transfers",
    "payouts",
];

impl Rule for MissingIdempotencyKey {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn node_kinds(&self, lang: Lang) -> &'static [&'static str] {
        crate::lang::treesitter::call_kinds(lang)
    }

    fn check_node<'a>(&self, cx: &FileCx<'a>, call: Node<'a>, out: &mut Sink) {
        let src = cx.text();
        let Some(f) = callee(call) else { return };
        let name = text(f, src);
        let Some((obj, method)) = name.rsplit_once('.') else {
            return;
        };
        if method != "create" {
            return;
        }
        let resource = obj.rsplit('.').next().unwrap_or(obj);
        let Some(args) = call.field("arguments") else {
            return;
        };
        let missing = if cx.lang == Lang::Python {
            let stripe_module = PY_RESOURCES.contains(&resource) && obj.starts_with("stripe");
            let stripe_client = PY_CLIENT_RESOURCES.contains(&resource);
            (stripe_module || stripe_client) && !text(args, src).contains("idempotency_key")
        } else {
            if !JS_RESOURCES.contains(&resource) {
                return;
            }
            match arg(args, 1) {
                None => true,
                // `{ idempotencyKey }`, or spread in when the caller passes one:
                // `{ ...(idempotencyKey && { idempotencyKey }) }`
                Some(opts) if opts.kind_str() == "object" => {
                    !object_pairs(opts, src)
                        .iter()
                        .any(|(k, _, _)| k == "idempotencyKey")
                        && !opts.named_children().any(|c| {
                            c.kind_str() == "spread_element"
                                && text(c, src).contains("idempotencyKey")
                        })
                }
                Some(_) => false, // options built elsewhere
            }
        };
        if missing {
            out.report(
                call.byte_range(),
                format!("`{name}` moves money without an idempotency key; a retry repeats it"),
            );
        }
    }

    fn wants_rust(&self) -> bool {
        true
    }

    /// async-stripe: `PaymentIntent::create(&client, params)` on a client without
    /// `RequestStrategy::Idempotent`.
    fn check_rust(&self, cx: &FileCx<'_>, node: RustNode<'_>, out: &mut Sink) {
        let RustNode::Expr(syn::Expr::Call(c)) = node else {
            return;
        };
        let syn::Expr::Path(p) = &*c.func else { return };
        let path = path_string(&p.path);
        let Some((ty, method)) = path.rsplit_once("::") else {
            return;
        };
        let ty = ty.rsplit("::").next().unwrap_or(ty);
        if method != "create" || !PY_RESOURCES.contains(&ty) {
            return;
        }
        if cx.text().contains("Idempotent(") || cx.text().contains("idempotency_key") {
            return;
        }
        out.report(
            span_range(cx.src, syn::spanned::Spanned::span(&p.path)),
            format!("`{path}` moves money without an idempotency key; a retry repeats it"),
        );
    }
}
