//! `auth/jwt-unverified`: a JWT's claims used without checking its signature.

use std::sync::LazyLock;

use regex::Regex;
use crate::lang::syntax::Node;

use crate::lang::rust::{RustNode, path_string, span_range};
use crate::lang::treesitter::{arguments, callee, enclosing_function, object_pairs, text};
use crate::lang::{Lang, treesitter};
use crate::rules::{FileCx, Rule, RuleMeta, Sink};

crate::declare_rule! {
    JwtUnverified {
        id: "auth/jwt-unverified",
        title: "JWT used without signature verification",
        severity: Critical, confidence: High, tier: 1, cwe: [347],
        languages: [TypeScript, Tsx, JavaScript, Python, Rust],
        why: "Anyone can forge a JWT's payload; claims read without checking the signature let an attacker pick any user id or role.",
        fix: "Verify the token with its key and pinned algorithms (`jwt.verify`, `jwtVerify`, `jwt.decode(token, key, algorithms=[...])`) before trusting its claims.",
        docs: "jwt_unverified.md",
    }
}

/// Claims that are fine to read unverified: expiry for a refresh timer, the key id and
/// algorithm to pick a key.
const HARMLESS_CLAIMS: &[&str] = &["exp", "iat", "nbf", "kid", "alg", "typ"];

/// A verification call in the same function.
static VERIFIED: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(
        r#"(?:\bjwt\.verify|\bjwtVerify|\bverifyToken|\bverifyJwt|\bverifyJWT|\bverify_token|\bverify_jwt|\bverify|\.verify|auth\.getUser|auth\.get_user)\s*\(|jwt\.decode\([^)]*\b(?:algorithms|key)\s*="#,
    )
    .expect("regex compiles")
});

static SPLIT_PAYLOAD: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r#"\.split\(\s*['"]\.['"]\s*\)\s*\[\s*1\s*\]"#).expect("regex compiles")
});

static SPLIT_ANY: LazyLock<Regex> =
    LazyLock::new(|| crate::lang::pattern::regex(r#"\.split\(\s*['"]\.['"]\s*\)"#).expect("regex compiles"));

enum Kind {
    /// A library's decode-without-verify.
    Decode,
    /// Base64-decoding the payload segment by hand.
    HandRolled,
    /// Verification that accepts `alg: none` or skips the signature: always reported.
    Disabled(&'static str),
}

impl Rule for JwtUnverified {
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
        let kind = if cx.lang == Lang::Python {
            python_kind(call, name, src)
        } else {
            js_kind(call, name, src)
        };
        let Some(kind) = kind else { return };
        if from_token_endpoint(cx, call) {
            return;
        }
        let message = match kind {
            Kind::Disabled(what) => {
                out.report(
                    call.byte_range(),
                    format!("JWT {what}: any forged token is accepted"),
                );
                return;
            }
            Kind::Decode => {
                format!("`{name}` reads the token's claims without verifying its signature")
            }
            Kind::HandRolled => {
                "JWT payload decoded by hand without verifying its signature".to_string()
            }
        };
        if cx.file.is_client || cx.file.is_test {
            return; // decoding in the browser is display, in a test no decision at all
        }
        // jwt-decode is a browser library: only a finding where it runs on the server.
        if matches!(name, "jwtDecode" | "jwt_decode") && !cx.file.is_server {
            return;
        }
        if let Some((_, gateway_verified)) = &cx.file.edge_function
            && *gateway_verified
        {
            return; // Supabase's gateway verified the JWT (verify_jwt defaults to true)
        }
        // A verification of the token in the same function (before, or around it as in
        // `jwt.verify(token, key, cb)` after a peek) means the decode only peeks.
        let func = enclosing_function(call);
        let body = treesitter::text(func, src);
        let inside = call.start_byte() - func.start_byte()..call.end_byte() - func.start_byte();
        if VERIFIED
            .find_iter(body)
            .any(|m| !inside.contains(&m.start()))
        {
            return;
        }
        if only_harmless_claims_used(outer_value(call, src), func, src) {
            return;
        }
        out.report(call.byte_range(), message);
    }

    fn wants_rust(&self) -> bool {
        true
    }

    fn check_rust(&self, cx: &FileCx<'_>, node: RustNode<'_>, out: &mut Sink) {
        let RustNode::Expr(expr) = node else { return };
        match expr {
            syn::Expr::MethodCall(m) if m.method == "insecure_disable_signature_validation" => {
                out.report(
                    span_range(cx.src, m.method.span()),
                    "jsonwebtoken `insecure_disable_signature_validation()`: any forged token is accepted",
                );
            }
            syn::Expr::Call(c) => {
                if let syn::Expr::Path(p) = &*c.func {
                    let path = path_string(&p.path);
                    if path.ends_with("dangerous_insecure_decode")
                        || path.ends_with("dangerous_insecure_decode_with_validation")
                        || path.ends_with("dangerous_unsafe_decode")
                    {
                        out.report(
                            span_range(
                                cx.src,
                                p.path
                                    .segments
                                    .last()
                                    .map_or_else(proc_macro2::Span::call_site, |s| s.ident.span()),
                            ),
                            format!(
                                "`{path}` reads the token's claims without verifying its signature"
                            ),
                        );
                    }
                }
            }
            _ => {}
        }
    }
}

/// A token the server itself just received from the identity provider's token endpoint
/// in a code exchange: an `id_token` in a file that exchanges an authorization code
/// (`grant_type: "authorization_code"`, Flask-Dance `@oauth_authorized`, `fetch_token`),
/// or the session `exchangeCodeForSession(code)` returned in this function. OpenID
/// Connect lets the TLS connection to the token endpoint stand in for the signature
/// check there (Core 3.1.3.7); a token the caller sends is another matter.
fn from_token_endpoint<'t>(cx: &FileCx<'t>, call: Node<'t>) -> bool {
    static EXCHANGE: LazyLock<Regex> = LazyLock::new(|| {
        crate::lang::pattern::regex(r"(?i)authorization_code|fetch_token|oauth_authorized|exchangeCodeForSession|exchange_code_for_session")
            .expect("regex compiles")
    });
    let src = cx.text();
    let func = enclosing_function(call);
    let body = treesitter::text(func, src);
    // the decoded value, with the binding it was read from
    let mut arg = arguments(call)
        .map(|a| treesitter::text(a, src).to_string())
        .unwrap_or_default();
    for (_, w) in crate::lang::words::identifiers(&arg.clone()) {
        if let Some(v) = cx.index.resolve(func, w, call.start_byte()) {
            arg.push(' ');
            arg.push_str(treesitter::text(v, src));
        }
    }
    let id_token = arg.contains("id_token") || arg.contains("idToken");
    let session_exchanged = (body.contains("exchangeCodeForSession")
        || body.contains("exchange_code_for_session"))
        && (arg.contains("session") || arg.contains("access_token"));
    session_exchanged
        || (id_token
            && cx.index.once_per_file("oauth code exchange", || EXCHANGE.is_match(src)))
}

fn js_kind(call: Node<'_>, name: &str, src: &str) -> Option<Kind> {
    let args = arguments(call)?;
    let first = args.named_child(0);
    match name {
        "jwt.decode"
        | "jsonwebtoken.decode"
        | "JWT.decode"
        | "jose.decodeJwt"
        | "decodeJwt"
        | "jwtDecode"
        | "jwt_decode" => Some(Kind::Decode),
        "decode" if src.contains("jsonwebtoken") => Some(Kind::Decode),
        "atob" | "Buffer.from" | "base64url.decode" => {
            let arg = first?;
            if name == "Buffer.from" {
                let enc = args.named_child(1).map(|n| text(n, src)).unwrap_or("");
                if !enc.contains("base64") {
                    return None;
                }
            }
            is_payload_segment(arg, call, src).then_some(Kind::HandRolled)
        }
        _ if name.ends_with(".verify") || name == "jwtVerify" || name == "verify" => {
            let none = args
                .named_children()
                .filter(|a| a.kind_str() == "object")
                .flat_map(|o| object_pairs(o, src))
                .any(|(k, _, v)| k == "algorithms" && text(v, src).contains("none"));
            none.then_some(Kind::Disabled("verification accepts `alg: none`"))
        }
        _ => None,
    }
}

fn python_kind(call: Node<'_>, name: &str, src: &str) -> Option<Kind> {
    let args = arguments(call)?;
    let kwargs = object_pairs(args, src);
    let last = name.rsplit('.').next().unwrap_or(name);
    match last {
        "decode" if name.contains("jwt") => {
            for (k, _, v) in &kwargs {
                match k.as_str() {
                    "algorithms"
                        if text(*v, src).to_ascii_lowercase().contains("\"none\"")
                            || text(*v, src).to_ascii_lowercase().contains("'none'") =>
                    {
                        return Some(Kind::Disabled("decode accepts `alg: none`"));
                    }
                    "verify" if v.kind_str() == "false" => return Some(Kind::Decode),
                    "options" => {
                        let off = object_pairs(*v, src)
                            .iter()
                            .any(|(k, _, v)| k == "verify_signature" && v.kind_str() == "false");
                        if off {
                            return Some(Kind::Decode);
                        }
                    }
                    _ => {}
                }
            }
            None
        }
        "get_unverified_claims" => Some(Kind::Decode),
        "urlsafe_b64decode" | "b64decode" if name.starts_with("base64") => {
            let arg = args.named_child(0)?;
            is_payload_segment(arg, call, src).then_some(Kind::HandRolled)
        }
        _ => None,
    }
}

/// Whether an argument is a JWT's payload segment: `token.split('.')[1]` (possibly with
/// padding added), or a variable assigned from a `.split('.')` in the same function.
fn is_payload_segment(arg: Node<'_>, call: Node<'_>, src: &str) -> bool {
    let arg_text = text(arg, src);
    if SPLIT_PAYLOAD.is_match(arg_text) {
        return true;
    }
    let ident = arg_text
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .find(|s| !s.is_empty())
        .unwrap_or("");
    if ident.is_empty() {
        return false;
    }
    let func = enclosing_function(call);
    let body = src.get(func.start_byte()..call.start_byte()).unwrap_or("");
    body.lines().any(|l| {
        SPLIT_ANY.is_match(l)
            && l.split('=').next().is_some_and(|lhs| {
                lhs.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .any(|w| w == ident)
            })
    })
}

/// The value a decode produces, through wrappers: `JSON.parse(atob(...))`,
/// `json.loads(...)`, `.toString()`, `await`, parentheses, `as` casts.
fn outer_value<'t>(node: Node<'t>, src: &str) -> Node<'t> {
    let mut cur = node;
    while let Some(p) = cur.parent() {
        let up = match p.kind_str() {
            "parenthesized_expression"
            | "await_expression"
            | "await"
            | "as_expression"
            | "non_null_expression"
            | "satisfies_expression"
            | "type_assertion" => true,
            "arguments" | "argument_list" => {
                // JSON.parse(x) / json.loads(x) / new TextDecoder().decode(x)
                match p.parent() {
                    Some(call) if p.named_child_count() == 1 && callee(call).is_some() => {
                        cur = call;
                        continue;
                    }
                    _ => false,
                }
            }
            "member_expression" | "attribute" => {
                // x.toString() / x.decode("utf-8")
                let prop = p.field("property").or_else(|| p.field("attribute"));
                let conversion =
                    prop.is_some_and(|n| matches!(text(n, src), "toString" | "decode"));
                let on_value = p.field("object").is_some_and(|o| o.id() == cur.id());
                match p.parent() {
                    Some(call)
                        if conversion
                            && on_value
                            && call.field("function").is_some_and(|f| f.id() == p.id()) =>
                    {
                        cur = call;
                        continue;
                    }
                    _ => false,
                }
            }
            _ => false,
        };
        if !up {
            break;
        }
        cur = p;
    }
    cur
}

/// Whether the decoded value is only used to read harmless claims (or not used at all).
fn only_harmless_claims_used(value: Node<'_>, func: Node<'_>, src: &str) -> bool {
    let Some(parent) = value.parent() else {
        return false;
    };
    match parent.kind_str() {
        // jwt.decode(t).exp / claims["exp"]
        "member_expression" | "attribute" | "subscript_expression" | "subscript" => {
            claim_name(parent, value, src).is_some_and(|c| HARMLESS_CLAIMS.contains(&c.as_str()))
        }
        "variable_declarator" | "assignment" | "assignment_expression" => {
            let Some(target) = parent.field("name").or_else(|| parent.field("left")) else {
                return false;
            };
            match target.kind_str() {
                "identifier" => {
                    let var = text(target, src);
                    let mut only_harmless = true;
                    treesitter::walk_node(func, |n| {
                        if !only_harmless || n.kind_str() != "identifier" || n.id() == target.id() {
                            return;
                        }
                        if text(n, src) != var || n.start_byte() < target.start_byte() {
                            return;
                        }
                        let ok = n.parent().is_some_and(|p| {
                            claim_name(p, n, src)
                                .is_some_and(|c| HARMLESS_CLAIMS.contains(&c.as_str()))
                                || is_presence_check(p, n)
                        });
                        if !ok {
                            only_harmless = false;
                        }
                    });
                    only_harmless
                }
                "object_pattern" => {
                    let mut keys = Vec::new();
                    treesitter::walk_node(target, |n| {
                        if matches!(
                            n.kind_str(),
                            "shorthand_property_identifier_pattern" | "property_identifier"
                        ) {
                            keys.push(text(n, src).to_string());
                        }
                    });
                    !keys.is_empty() && keys.iter().all(|k| HARMLESS_CLAIMS.contains(&k.as_str()))
                }
                _ => false,
            }
        }
        "expression_statement" => true, // decoded and thrown away
        _ => false,
    }
}

/// `x ? … : …`, `if (x)`, `!x`, `x === null`, `typeof x`, `if x:`, `x is None`: a
/// check that the token decoded at all, not a use of its claims.
fn is_presence_check(parent: Node<'_>, node: Node<'_>) -> bool {
    match parent.kind_str() {
        "ternary_expression" | "conditional_expression" => {
            parent
                .field("condition")
                .is_some_and(|c| c.id() == node.id())
                || parent
                    .named_child(0)
                    .is_some_and(|c| c.id() == node.id() && parent.kind_str() == "ternary_expression")
        }
        "unary_expression" | "not_operator" => true,
        "binary_expression" | "comparison_operator" => true,
        "parenthesized_expression" => parent
            .parent()
            .is_some_and(|g| matches!(g.kind_str(), "if_statement" | "while_statement")),
        "if_statement" | "elif_clause" => true,
        _ => false,
    }
}

/// For `obj.claim`, `obj["claim"]`, `obj.get("claim")` where `obj` is `node`: the claim.
fn claim_name(parent: Node<'_>, node: Node<'_>, src: &str) -> Option<String> {
    let object = parent.field("object").or_else(|| parent.field("value"))?;
    if object.id() != node.id() {
        return None;
    }
    match parent.kind_str() {
        "member_expression" | "attribute" => {
            let prop = parent
                .field("property")
                .or_else(|| parent.field("attribute"))?;
            let name = text(prop, src).to_string();
            // claims.get("exp")
            if name == "get"
                && let Some(call) = parent.parent()
                && matches!(call.kind_str(), "call" | "call_expression")
            {
                let first = arguments(call)?.named_child(0)?;
                return Some(treesitter::key_text(first, src));
            }
            Some(name)
        }
        "subscript_expression" => Some(treesitter::key_text(parent.field("index")?, src)),
        "subscript" => Some(treesitter::key_text(parent.field("subscript")?, src)),
        _ => None,
    }
}
