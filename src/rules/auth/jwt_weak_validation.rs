//! `auth/jwt-weak-validation`: JWT verification that skips the expiry or audience
//! checks, or leaves the algorithm open when the key is a public key.
use crate::lang::syntax::Node;

use crate::lang::Lang;
use crate::lang::rust::{RustNode, span_range};
use crate::lang::treesitter::{arguments, callee, entry, is_bool, key_text, object_pairs, text, enclosing_function};
use crate::rules::{FileCx, Rule, RuleMeta, Sink};

crate::declare_rule! {
    JwtWeakValidation {
        id: "auth/jwt-weak-validation",
        title: "JWT validation that skips claims",
        severity: Medium, confidence: Medium, tier: 2, cwe: [613, 347],
        languages: [TypeScript, Tsx, JavaScript, Python, Rust],
        why: "A token whose expiry is not checked works forever once leaked; one whose audience is not checked is accepted from any other service that shares the key; a verify call that lets the token pick its algorithm can be fooled into HMAC-checking with a public key.",
        fix: "Keep the library's defaults (expiry and audience checked), set the expected `audience`/`issuer`, and pin `algorithms: [\"RS256\"]` (or whatever you sign with) on every verify call.",
        docs: "jwt_weak_validation.md",
        skip: [test],
    }
}

/// PyJWT `options` keys that turn a check off when set to False.
const PY_OPTIONS: &[&str] = &[
    "verify_exp",
    "verify_aud",
    "verify_iss",
    "verify_iat",
    "verify_nbf",
];

impl Rule for JwtWeakValidation {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn node_kinds(&self, lang: Lang) -> &'static [&'static str] {
        if lang == Lang::Python {
            &["pair"]
        } else {
            &["pair", "call_expression"]
        }
    }

    fn check_node<'a>(&self, cx: &FileCx<'a>, n: Node<'a>, out: &mut Sink) {
        let src = cx.text();
        match n.kind_str() {
            "pair" => {
                let Some((k, v)) = entry(n) else { return };
                let key = key_text(k, src);
                // jsonwebtoken: { ignoreExpiration: true }
                if key == "ignoreExpiration" && is_bool(v, true) {
                    out.report(
                        n.byte_range(),
                        "`ignoreExpiration: true`: expired tokens are accepted forever",
                    );
                }
                // PyJWT: options={"verify_exp": False}
                if cx.lang == Lang::Python
                    && PY_OPTIONS.contains(&key.as_str())
                    && is_bool(v, false)
                {
                    out.report(n.byte_range(), format!("`{key}: False` turns off a claim check: the token is accepted without it"));
                }
            }
            // jwt.verify(token, publicKey) with no `algorithms`
            "call_expression" => {
                let Some(f) = callee(n) else { return };
                let name = text(f, src);
                if !(name == "jwt.verify" || name == "jsonwebtoken.verify") {
                    return;
                }
                let Some(args) = arguments(n) else { return };
                let kids: Vec<Node<'_>> = args.named_children().collect();
                let Some(key) = kids.get(1) else { return };
                let pinned = kids.get(2).is_some_and(|o| {
                    let o = if o.kind_str() == "identifier" {
                        cx.index.resolve(enclosing_function(*o), text(*o, src), o.start_byte())
                            .unwrap_or(*o)
                    } else {
                        *o
                    };
                    o.kind_str() != "object"
                        || object_pairs(o, src)
                            .iter()
                            .any(|(k, _, _)| k == "algorithms")
                });
                if !pinned && public_key(*key, &cx.index) {
                    out.report(n.byte_range(), "verified with a public key but no `algorithms`: a token signed with HS256 using the public key as its secret may pass");
                }
            }
            _ => {}
        }
    }

    fn wants_rust(&self) -> bool {
        true
    }

    /// jsonwebtoken: `validation.validate_exp = false`, `validate_aud = false`.
    fn check_rust(&self, cx: &FileCx<'_>, node: RustNode<'_>, out: &mut Sink) {
        let RustNode::Expr(syn::Expr::Assign(a)) = node else {
            return;
        };
        let syn::Expr::Field(field) = &*a.left else {
            return;
        };
        let syn::Member::Named(name) = &field.member else {
            return;
        };
        let name = name.to_string();
        if !matches!(name.as_str(), "validate_exp" | "validate_aud") {
            return;
        }
        if let syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Bool(b),
            ..
        }) = &*a.right
            && !b.value
        {
            out.report(
                span_range(cx.src, syn::spanned::Spanned::span(a)),
                format!(
                    "`{name} = false` turns off a claim check: the token is accepted without it"
                ),
            );
        }
    }
}

/// Whether a key expression is a public key: named so, a PEM literal, or read from a
/// `.pem` / `.pub` / `.crt` file.
fn public_key<'t>(key: Node<'t>, ix: &crate::index::FileIndex<'t>) -> bool {
    let src = ix.src();
    let t = text(key, src);
    let lower = t.to_ascii_lowercase();
    if lower.contains("public")
        || lower.contains("pubkey")
        || lower.contains("cert")
        || t.contains("-----BEGIN PUBLIC")
    {
        return true;
    }
    if key.kind_str() == "identifier"
        && let Some(v) = ix.resolve(enclosing_function(key), t, key.start_byte())
    {
        let vt = text(v, src);
        return vt.contains(".pem")
            || vt.contains(".pub")
            || vt.contains(".crt")
            || vt.contains("-----BEGIN PUBLIC");
    }
    false
}
