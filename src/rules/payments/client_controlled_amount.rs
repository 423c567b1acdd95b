//! `payments/client-controlled-amount`: a charge or checkout amount taken from the
//! request instead of a server-side price.

use std::sync::LazyLock;

use regex::Regex;

use crate::lang::syntax::Node;

use crate::lang::Lang;
use crate::index::FileIndex;
use crate::lang::treesitter::{
    after_exit, arguments, callee, enclosing_function, entry, key_text, object_pairs, text, walk_node,
};
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

/// Payment SDK calls that take an amount: Stripe's payment intents, charges, checkout
/// sessions, invoice items, prices and payment links; Razorpay's orders.
fn is_payment_create(name: &str) -> bool {
    // asked of every call: the name is lowered only for a `create`
    let ends_with = |suffix: &str| {
        name.len() >= suffix.len()
            && name.as_bytes()[name.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
    };
    if !ends_with(".create") && !ends_with(".create_async") {
        return false;
    }
    let n = name.to_ascii_lowercase();
    let stripe_object = [
        "paymentintent",
        "payment_intent",
        "charge",
        "checkout",
        "session",
        "invoiceitem",
        "invoice_item",
        "prices.create",
        "price.create",
        "paymentlink",
        "payment_link",
    ]
    .iter()
    .any(|w| n.contains(w));
    let razorpay_order = n.ends_with("orders.create") && (n.contains("razorpay") || n.contains("rzp"));
    stripe_object || razorpay_order
}

/// The REST endpoints of payment providers that create a charge, an order or an invoice
/// for the amount in the request body: Razorpay orders, PayPal checkout orders,
/// NOWPayments payments and invoices, Paystack transactions, Flutterwave payments,
/// Mollie payments, Cashfree orders, Stripe's own API.
static PAYMENT_API: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(
        r"(?x)
        razorpay\.com/v1/(?:orders|payment_links|invoices)
      | /v2/checkout/orders
      | nowpayments\.io/v1/(?:payment|invoice)
      | paystack\.co/transaction/initialize
      | flutterwave\.com/v3/payments
      | mollie\.com/v2/payments
      | cashfree\.com/pg/orders
      | api\.stripe\.com/v1/(?:payment_intents|charges|checkout/sessions|prices)
      ",
    )
    .expect("regex compiles")
});

/// A request to a payment provider's API (`fetch("https://api.razorpay.com/v1/orders",
/// {…})`, `axios.post(url, …)`): its first argument names a payment endpoint, itself or
/// through the name it is assigned to.
fn is_payment_request<'t>(call: Node<'t>, name: &str, ix: &FileIndex<'t>) -> bool {
    let src = ix.src();
    let n = name.rsplit('.').next().unwrap_or(name);
    if !matches!(n, "fetch" | "post" | "request" | "ky") {
        return false;
    }
    let Some(url) = arguments(call).and_then(|a| a.named_child(0)) else {
        return false;
    };
    let url = match url.kind_str() {
        "identifier" => ix
            .resolve(enclosing_function(url), text(url, src), url.start_byte())
            .unwrap_or(url),
        _ => url,
    };
    PAYMENT_API.is_match(text(url, src))
}

const AMOUNT_KEYS: &[&str] = &[
    "amount",
    "unit_amount",
    "unit_amount_decimal",
    "amount_total",
    "price_amount",
    "order_amount",
];

/// How many names the search for a payment's fields follows to the object they hold
/// (`stripe.checkout.sessions.create(config)`, `config = { line_items: items }`).
const MAX_HOPS: usize = 3;

/// The amount fields of a payment's arguments whose value comes from the request, with
/// the key: `amount: body.amount`, `unit_amount: item.price`, PayPal's `amount: {
/// value }`. Names passed in place of objects are followed to the objects assigned to
/// them in the function.
fn client_amounts<'t>(
    node: Node<'t>,
    ix: &FileIndex<'t>,
    hops: usize,
    hits: &mut Vec<(std::ops::Range<usize>, String)>,
) {
    let src = ix.src();
    let mut names: Vec<Node<'t>> = Vec::new();
    walk_node(node, |n| {
        if n.kind_str() == "identifier"
            && n.parent().is_some_and(|p| {
                matches!(p.kind_str(), "arguments" | "argument_list" | "array" | "spread_element")
                    || p.kind_str() == "pair" && p.field("value") == Some(n)
            })
        {
            names.push(n);
        }
        let Some((k, v)) = entry(n) else { return };
        let k = key_text(k, src);
        if !AMOUNT_KEYS.contains(&k.as_str()) {
            return;
        }
        // PayPal: `amount: { currency_code, value }`, reported at its value
        let (at, v) = match v.kind_str() {
            "object" => match object_pairs(v, src).into_iter().find(|(k, _, _)| k == "value") {
                Some((_, key, value)) => (key.parent().unwrap_or(n), value),
                None => return,
            },
            _ => (n, v),
        };
        if from_client(v, ix) {
            hits.push((at.byte_range(), k));
        }
    });
    if hops == MAX_HOPS {
        return;
    }
    for name in names {
        let func = enclosing_function(name);
        for value in ix.assignments(func, text(name, src), name.start_byte()) {
            if matches!(value.kind_str(), "object" | "array" | "dictionary" | "list") {
                client_amounts(value, ix, hops + 1, hits);
            }
        }
    }
}

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
        let name = text(f, src);
        if !is_payment_create(name) && !is_payment_request(call, name, &cx.index) {
            return;
        }
        let Some(args) = call.field("arguments") else {
            return;
        };
        if after_exit(call) {
            return;
        }
        let mut hits = Vec::new();
        client_amounts(args, &cx.index, 0, &mut hits);
        hits.sort_by_key(|(r, _)| (r.start, r.end));
        hits.dedup();
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
