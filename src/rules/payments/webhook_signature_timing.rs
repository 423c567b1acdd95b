//! `payments/webhook-signature-timing`: an HMAC signature compared with `==`.
use crate::lang::syntax::Node;

use crate::lang::Lang;
use crate::lang::treesitter::{text, enclosing_function};
use crate::rules::{FileCx, Rule, RuleMeta, Sink};

crate::declare_rule! {
    WebhookSignatureTiming {
        id: "payments/webhook-signature-timing",
        title: "Signature compared with == instead of a constant-time compare",
        severity: Medium, confidence: Medium, tier: 2, cwe: [208],
        languages: [TypeScript, Tsx, JavaScript, Python],
        why: "`==` stops at the first differing byte; measuring how long the check takes lets an attacker guess a valid signature byte by byte.",
        fix: "Compare with `crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b))` (after checking the lengths) or `hmac.compare_digest(a, b)`.",
        docs: "webhook_signature_timing.md",
    }
}

const SIGNATURE_WORDS: &[&str] = &[
    "signature",
    "sig",
    "hmac",
    "digest",
    "expected",
    "computed",
    "hash",
];

impl Rule for WebhookSignatureTiming {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn node_kinds(&self, lang: Lang) -> &'static [&'static str] {
        if lang == Lang::Python {
            &["comparison_operator"]
        } else {
            &["binary_expression"]
        }
    }

    fn check_node<'a>(&self, cx: &FileCx<'a>, cmp: Node<'a>, out: &mut Sink) {
        let src = cx.text();
        let sides: Vec<Node<'_>> = cmp
            .named_children()
            .filter(|n| n.kind_str() != "comment")
            .collect();
        if sides.len() != 2 {
            return;
        }
        let op = src[sides[0].end_byte()..sides[1].start_byte()].trim();
        if !matches!(op, "==" | "===" | "!=" | "!==") {
            return;
        }
        // both sides must be values (not null checks, lengths or literals)
        let value_like = |n: Node<'_>| {
            let t = text(n, src);
            !matches!(
                n.kind_str(),
                "null"
                    | "undefined"
                    | "none"
                    | "true"
                    | "false"
                    | "number"
                    | "integer"
                    | "string"
                    | "template_string"
            ) && !t.contains(".length")
                && !t.starts_with("len(")
        };
        if !sides.iter().all(|s| value_like(*s)) {
            return;
        }
        let named_like_signature = |n: Node<'_>| {
            let t = text(n, src).to_ascii_lowercase();
            SIGNATURE_WORDS.iter().any(|w| t.contains(w))
        };
        if !sides.iter().any(|s| named_like_signature(*s)) {
            return;
        }
        // a SQLAlchemy condition (`.filter(Cache.query_hash == h)`) builds SQL: nothing is
        // compared in Python
        if cx.lang == Lang::Python && in_query_condition(cmp, src) {
            return;
        }
        // in a function that computes an HMAC, or a hash keyed with a secret
        // (`hashlib.sha512(f"{key}|{txnid}|…|{salt}".encode()).hexdigest()`); a plain hash
        // of what the user typed (a one-time code) is a password check, whose timing tells
        // nothing about a valid value
        let func = text(enclosing_function(cmp), src);
        static KEYED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
            crate::lang::pattern::regex(r"(?i)secret|salt|\bkey\b|_key\b|\bkey_")
                .expect("regex compiles")
        });
        let hmac = func.contains("createHmac")
            || func.contains("hmac.new")
            || func.contains("hmac.digest")
            || (func.contains("hexdigest") && KEYED.is_match(func))
            || func.contains("crypto.subtle.sign");
        if hmac {
            out.report(cmp.byte_range(), format!("signature compared with `{op}`: the comparison time leaks how much of it matches"));
        }
    }
}

/// Whether a comparison is an argument of a query builder's condition call
/// (`.filter(…)`, `.where(…)`, `.having(…)`, `and_(…)`, `or_(…)`).
fn in_query_condition(cmp: Node<'_>, src: &str) -> bool {
    std::iter::successors(cmp.parent(), |p| p.parent())
        .take_while(|p| !crate::lang::treesitter::is_function(*p))
        .any(|p| {
            p.kind_str() == "call"
                && p.field("function").is_some_and(|f| {
                    let name = text(f, src);
                    let last = name.rsplit('.').next().unwrap_or(name);
                    matches!(last, "filter" | "where" | "having" | "and_" | "or_" | "join" | "outerjoin")
                })
        })
}
