//! `auth/jwt-no-expiry`: tokens signed without an expiry.

use std::sync::LazyLock;

use regex::Regex;
use crate::lang::syntax::Node;

use crate::lang::Lang;
use crate::lang::treesitter::{arguments, callee, text, enclosing_function};
use crate::rules::{FileCx, Rule, RuleMeta, Sink};

crate::declare_rule! {
    JwtNoExpiry {
        id: "auth/jwt-no-expiry",
        title: "JWT signed without an expiry",
        severity: Medium, confidence: Medium, tier: 2, cwe: [613],
        languages: [TypeScript, Tsx, JavaScript, Python],
        why: "A token without `exp` never stops working: one copied from a log, a browser or a leaked email grants access for as long as the signing key lives.",
        fix: "Give every token a lifetime: `jwt.sign(payload, key, { expiresIn: \"15m\" })`, jose `.setExpirationTime(\"2h\")`, PyJWT `{\"exp\": now + timedelta(minutes=15)}`; refresh short-lived tokens instead of issuing eternal ones.",
        docs: "jwt_no_expiry.md",
        skip: [test],
    }
}

/// An expiry given anywhere the token is built: `exp` claim, `expiresIn` option,
/// jose `setExpirationTime`, a later `payload["exp"] = …` / `payload.update({"exp": …})`.
static EXPIRY: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r#"(?-u:\b)(?:exp|expiresIn|expires_in|expiresAt|setExpirationTime|maxAge|max_age)(?-u:\b)"#)
        .expect("regex compiles")
});

const MESSAGE: &str = "this token is signed without an expiry: it stays valid forever";

impl Rule for JwtNoExpiry {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn node_kinds(&self, lang: Lang) -> &'static [&'static str] {
        if lang == Lang::Python {
            &["call"]
        } else {
            &["call_expression", "new_expression"]
        }
    }

    fn check_node<'a>(&self, cx: &FileCx<'a>, n: Node<'a>, out: &mut Sink) {
        let src = cx.text();
        match n.kind_str() {
            // jose: new SignJWT(claims)….sign(key) without .setExpirationTime()
            "new_expression" => {
                let Some(c) = n.field("constructor") else {
                    return;
                };
                if text(c, src) != "SignJWT" {
                    return;
                }
                let mut top = n;
                while let Some(p) = top.parent()
                    && matches!(
                        p.kind_str(),
                        "member_expression" | "call_expression" | "parenthesized_expression"
                    )
                {
                    top = p;
                }
                let chain = text(top, src);
                if chain.contains(".sign(") && !EXPIRY.is_match(chain) && !claims_expire(n, &cx.index) {
                    out.report(n.byte_range(), MESSAGE);
                }
            }
            // jsonwebtoken jwt.sign(payload, key, options); PyJWT jwt.encode(payload, key)
            "call_expression" | "call" => {
                let Some(f) = callee(n) else { return };
                let name = text(f, src);
                let signer = match cx.lang {
                    Lang::Python => name == "jwt.encode",
                    _ => name == "jwt.sign" || name == "jsonwebtoken.sign",
                };
                if !signer {
                    return;
                }
                let Some(args) = arguments(n) else { return };
                let kids: Vec<Node<'_>> = args.named_children().collect();
                let Some(payload) = kids.first() else { return };
                // an opaque payload (a parameter, a call) may carry exp: say nothing
                let func = enclosing_function(n);
                let payload_def = if payload.kind_str() == "identifier" {
                    match cx.index.resolve(func, text(*payload, src), payload.start_byte()) {
                        Some(v) => v,
                        None => return,
                    }
                } else {
                    *payload
                };
                if !matches!(payload_def.kind_str(), "object" | "dictionary") {
                    return;
                }
                let mut seen = String::from(text(n, src));
                seen.push_str(text(payload_def, src));
                for o in kids.iter().skip(2) {
                    seen.push_str(text(*o, src));
                    if o.kind_str() == "identifier" {
                        // options handed in by the caller may carry expiresIn: say nothing
                        match cx.index.resolve(func, text(*o, src), o.start_byte()) {
                            Some(v) if v.kind_str() == "object" || v.kind_str() == "dictionary" => {
                                seen.push_str(text(v, src))
                            }
                            _ => return,
                        }
                    }
                }
                // a later payload["exp"] = …, options.expiresIn = … or
                // payload.update({"exp": …}) in the function
                let later = func.parent().is_some() && EXPIRY.is_match(text(func, src));
                if !EXPIRY.is_match(&seen) && !later {
                    out.report(n.byte_range(), MESSAGE);
                }
            }
            _ => {}
        }
    }
}

/// Whether the claims given to `new SignJWT(claims)` hold an `exp`.
fn claims_expire<'t>(new: Node<'t>, ix: &crate::index::FileIndex<'t>) -> bool {
    let src = ix.src();
    let Some(a) = arguments(new).and_then(|a| a.named_child(0)) else {
        return false;
    };
    if a.kind_str() == "identifier" {
        return ix.resolve(enclosing_function(new), text(a, src), a.start_byte())
            .is_none_or(|v| EXPIRY.is_match(text(v, src)));
    }
    EXPIRY.is_match(text(a, src))
}
