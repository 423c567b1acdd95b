//! `payments/pan-in-logs`: card numbers, CVV/CVC, expiry or IBAN written to logs.

use crate::lang::syntax::Node;

use super::card_data::{CardName, classify, is_masking_call, sensitive_field_of_card};
use crate::flow::{Verdict, find_within};
use crate::lang::Lang;
use crate::lang::rust::RustNode;
use crate::lang::treesitter::{callee, text, walk_node, enclosing_function};
use crate::rules::{FileCx, Rule, RuleMeta, Sink};

crate::declare_rule! {
    PanInLogs {
        id: "payments/pan-in-logs",
        title: "Card data written to logs",
        severity: High, confidence: Medium, tier: 1, cwe: [532, 359],
        languages: [TypeScript, Tsx, JavaScript, Python, Rust],
        why: "Logs are copied to log services, dashboards and support tools; a card number or CVV there breaks PCI DSS and leaks the card to everyone who can read them.",
        fix: "Log the payment method's token, the last four digits or the brand, never the number, CVV, expiry or IBAN; better, let the payment provider's hosted fields take the card.",
        docs: "pan_in_logs.md",
        skip: [test],
    }
}

const JS_SINK_OBJECTS: &[&str] = &[
    "console", "logger", "log", "winston", "pino", "bunyan", "logging",
];
const LOG_METHODS: &[&str] = &[
    "log",
    "info",
    "warn",
    "warning",
    "error",
    "debug",
    "trace",
    "fatal",
    "verbose",
    "critical",
    "exception",
    "dir",
    "table",
];

/// `console.log`, `logger.info`, `req.log.warn`, `this.logger.error`, Python `print`,
/// `logging.info`, `logger.exception`.
fn is_log_call(name: &str) -> bool {
    if name == "print" {
        return true;
    }
    let Some((obj, method)) = name.rsplit_once('.') else {
        return false;
    };
    let obj_last = obj.rsplit('.').next().unwrap_or(obj).to_ascii_lowercase();
    LOG_METHODS.contains(&method)
        && (JS_SINK_OBJECTS.contains(&obj_last.as_str())
            || obj_last.ends_with("logger")
            || obj_last == "log")
}

impl Rule for PanInLogs {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn node_kinds(&self, lang: Lang) -> &'static [&'static str] {
        crate::lang::treesitter::call_kinds(lang)
    }

    fn check_node<'a>(&self, cx: &FileCx<'a>, call: Node<'a>, out: &mut Sink) {
        let src = cx.text();
        let Some(f) = callee(call) else { return };
        if !is_log_call(text(f, src)) {
            return;
        }
        let Some(args) = call.field("arguments") else {
            return;
        };
        if let Some(what) = card_data_in(args, &cx.index) {
            out.report(call.byte_range(), format!("{what} is written to the log"));
        }
    }

    fn wants_rust(&self) -> bool {
        true
    }

    fn check_rust(&self, cx: &FileCx<'_>, node: RustNode<'_>, out: &mut Sink) {
        let RustNode::Macro(m) = node else { return };
        let name = m
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default();
        if !matches!(
            name.as_str(),
            "println"
                | "eprintln"
                | "print"
                | "eprint"
                | "info"
                | "warn"
                | "error"
                | "debug"
                | "trace"
                | "dbg"
        ) {
            return;
        }
        let tokens = m.tokens.to_string();
        // identifiers and fields in the arguments, and `{name}` captured by the format string
        let mut names: Vec<String> = Vec::new();
        let mut prev = String::new();
        for tok in tokens.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.')) {
            if tok.is_empty() {
                continue;
            }
            for part in tok.split('.') {
                if !part.is_empty() {
                    if sensitive_field_of_card(&prev, part) {
                        names.push(format!("{prev}.{part}"));
                    }
                    prev = part.to_string();
                    names.push(part.to_string());
                }
            }
        }
        let masked = ["mask", "last4", "redact"]
            .iter()
            .any(|w| tokens.to_ascii_lowercase().contains(w));
        if masked {
            return;
        }
        if let Some(n) = names
            .iter()
            .find(|n| n.contains('.') || classify(n) == CardName::Sensitive)
        {
            let range = crate::lang::rust::span_range(
                cx.src,
                m.path
                    .segments
                    .last()
                    .map_or_else(proc_macro2::Span::call_site, |s| s.ident.span()),
            );
            out.report(range, format!("card data (`{n}`) is written to the log"));
        }
    }
}

/// The card data an expression (or its parts) carries, described for the message: the
/// shared flow tracer in its containing mode (a logger prints whatever it is given)
/// with card names as sources and masking calls and safe fields as stops.
fn card_data_in<'t>(node: Node<'t>, ix: &crate::index::FileIndex<'t>) -> Option<String> {
    let src = ix.src();
    let card_source = |n: Node<'t>| match n.kind_str() {
        "call_expression" | "call" => {
            if callee(n).is_some_and(|c| is_masking_call(text(c, src))) {
                Verdict::Stop
            } else {
                Verdict::Follow
            }
        }
        // card.number, req.body.cardNumber, payment["card_number"]; card.last4 and
        // card.id are not card data, and their object is not followed
        "member_expression" | "attribute" | "subscript_expression" | "subscript" => {
            let (obj, prop) = member_parts(n, src);
            match classify(&prop) {
                CardName::Sensitive | CardName::CardObject => Verdict::Source,
                _ if sensitive_field_of_card(&obj, &prop) => Verdict::Source,
                _ => Verdict::Stop,
            }
        }
        "identifier" | "shorthand_property_identifier" => {
            let name = text(n, src);
            match classify(name) {
                CardName::Sensitive | CardName::CardObject => Verdict::Source,
                CardName::Safe => Verdict::Stop,
                // const n = req.body.cardNumber; console.log(n) is followed; the whole
                // body of a payment request is card data itself
                CardName::Other => {
                    if request_body(name, n, ix) && handles_card_data(enclosing_function(n), src) {
                        Verdict::Source
                    } else {
                        Verdict::Follow
                    }
                }
            }
        }
        _ => Verdict::Follow,
    };
    let found = find_within(node, ix, &card_source)?;
    let t = text(found, src);
    Some(match found.kind_str() {
        "identifier" | "shorthand_property_identifier" => match classify(t) {
            CardName::CardObject => format!("the whole card object (`{t}`)"),
            CardName::Other => format!("the payment request's whole body (`{t}`)"),
            _ => format!("card data (`{t}`)"),
        },
        _ => {
            let (_, prop) = member_parts(found, src);
            if classify(&prop) == CardName::CardObject {
                format!("the whole card object (`{t}`)")
            } else {
                format!("card data (`{t}`)")
            }
        }
    })
}

/// (object, last property) of a member, attribute or subscript expression.
fn member_parts(n: Node<'_>, src: &str) -> (String, String) {
    let obj = n
        .field("object")
        .or_else(|| n.field("value"))
        .map(|o| {
            let t = text(o, src);
            t.rsplit(['.', '['])
                .next()
                .unwrap_or(t)
                .trim_matches(['"', '\'', ']'])
                .to_string()
        })
        .unwrap_or_default();
    let prop = n
        .field("property")
        .or_else(|| n.field("attribute"))
        .or_else(|| n.field("index"))
        .or_else(|| n.field("subscript"))
        .map(|p| text(p, src).trim_matches(['"', '\'']).to_string())
        .unwrap_or_default();
    (obj, prop)
}

/// `body` where `const body = await req.json()` / `req.body` / `request.get_json()`.
fn request_body<'t>(name: &str, at: Node<'t>, ix: &crate::index::FileIndex<'t>) -> bool {
    let src = ix.src();
    let func = enclosing_function(at);
    match ix.resolve(func, name, at.start_byte()) {
        Some(v) => {
            let t = text(v, src);
            t.contains("req.body")
                || t.contains("request.body")
                || t.contains(".json()")
                || t.contains("get_json(")
                || t.contains("request.json")
        }
        None => false,
    }
}

/// The function reads card fields somewhere (a payment handler): names, and strings
/// that are one name (`body["card_number"]`), not text that mentions one ("IBAN: BE64…"
/// printed on an invoice, "Security Note" in an email).
fn handles_card_data(func: Node<'_>, src: &str) -> bool {
    let mut yes = false;
    walk_node(func, |n| {
        if yes {
            return;
        }
        let t = text(n, src);
        let name = match n.kind_str() {
            "property_identifier" | "identifier" | "shorthand_property_identifier_pattern" => true,
            "string_content" | "string_fragment" => {
                t.len() <= 40
                    && t.chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
            }
            _ => false,
        };
        yes = name && classify(t) == CardName::Sensitive;
    });
    yes
}
