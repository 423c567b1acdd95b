//! `payments/client-controlled-amount`: a charge or checkout amount taken from the
//! request instead of a server-side price.

use crate::lang::syntax::Node;

use crate::lang::Lang;
use crate::lang::treesitter::{callee, entry, key_text, text, walk_node};
use crate::rules::tenant::query::source::from_client;
use crate::rules::{FileCx, Rule, RuleMeta, Sink};

crate::declare_rule! {
    ClientControlledAmount {
        id: "payments/client-controlled-amount",
        title: "Charge amount taken from the request",
        severity: High, confidence: Medium, tier: 2, cwe: [602, 472],
        languages: [TypeScript, Tsx, JavaScript, Python],
        why: "The browser chooses the price: editing the request buys anything for a cent.",
        fix: "Send a product or price id from the client and look the amount up on the server (`stripe.prices.retrieve`, your own products table), or use Stripe Price ids in `line_items`.",
        docs: "client_controlled_amount.md",
        skip: [test],
    }
}

/// Payment SDK calls that take an amount.
fn is_payment_create(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    (n.ends_with(".create") || n.ends_with(".create_async"))
        && [
            "paymentintent",
            "payment_intent",
            "charge",
            "checkout",
            "session",
            "invoiceitem",
            "invoice_item",
        ]
        .iter()
        .any(|w| n.contains(w))
}

const AMOUNT_KEYS: &[&str] = &[
    "amount",
    "unit_amount",
    "unit_amount_decimal",
    "amount_total",
];

impl Rule for ClientControlledAmount {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn node_kinds(&self, lang: Lang) -> &'static [&'static str] {
        crate::lang::treesitter::call_kinds(lang)
    }

    fn check_node<'a>(&self, cx: &FileCx<'a>, call: Node<'a>, out: &mut Sink) {
        let src = cx.text();
        let Some(f) = callee(call) else { return };
        if !is_payment_create(text(f, src)) {
            return;
        }
        let Some(args) = call.field("arguments") else {
            return;
        };
        let mut hits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
        walk_node(args, |n| {
            let Some((k, v)) = entry(n) else { return };
            let k = key_text(k, src);
            if AMOUNT_KEYS.contains(&k.as_str()) && from_client(v, &cx.index) {
                hits.push((n.byte_range(), k));
            }
        });
        for (range, key) in hits {
            out.report(
                range,
                format!(
                    "`{key}` of this payment comes from the request: the client sets the price"
                ),
            );
        }
    }
}
