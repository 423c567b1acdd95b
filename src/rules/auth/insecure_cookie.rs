//! `auth/insecure-cookie`: session and auth cookies readable by scripts, sent over
//! plain HTTP, or sent cross-site without `Secure`.

use std::sync::LazyLock;

use regex::Regex;
use crate::lang::syntax::Node;

use crate::lang::Lang;
use crate::lang::rust::{RustNode, span_range};
use crate::lang::treesitter::{
    arguments, callee, is_bool, key_text, object_pairs, string_value, text,
};
use crate::rules::{FileCx, Rule, RuleMeta, Sink};

crate::declare_rule! {
    InsecureCookie {
        id: "auth/insecure-cookie",
        title: "Session cookie without HttpOnly or Secure",
        severity: Medium, confidence: Medium, tier: 2, cwe: [1004, 614],
        languages: [TypeScript, Tsx, JavaScript, Python, Rust],
        why: "A session cookie scripts can read is stolen by any XSS; one without Secure crosses plain HTTP (public Wi-Fi, a redirect); `SameSite=None` without Secure is rejected by browsers or leaks the session cross-site.",
        fix: "Set session and token cookies with `httpOnly: true`, `secure: true` (or `secure: process.env.NODE_ENV === \"production\"`) and `sameSite: \"lax\"`; use `SameSite=None` only together with `Secure`.",
        docs: "insecure_cookie.md",
        skip: [test],
    }
}

/// Cookie names that carry a session or credential (CSRF tokens are meant for scripts).
static AUTH_NAME: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r"(?i)sess|sid|token|auth|jwt|refresh|remember|identity").expect("regex compiles")
});

fn auth_cookie(name: &str) -> bool {
    AUTH_NAME.is_match(name)
        && !name.to_ascii_lowercase().contains("csrf")
        && !name.to_ascii_lowercase().contains("xsrf")
}

/// A settings module for a developer's machine (`settings/development.py`,
/// `settings_local.py`, `dev.py`), where cookies travel over plain http on purpose.
fn dev_settings(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    let stem = name.strip_suffix(".py").unwrap_or(&name);
    stem.split(['_', '.', '-'])
        .any(|w| matches!(w, "dev" | "development" | "local" | "debug"))
}

/// Settings that turn a session cookie's protection off when False.
const SETTINGS: &[&str] = &[
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "REMEMBER_COOKIE_SECURE",
    "REMEMBER_COOKIE_HTTPONLY",
    "JWT_COOKIE_SECURE",
];

impl Rule for InsecureCookie {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn node_kinds(&self, lang: Lang) -> &'static [&'static str] {
        if lang == Lang::Python {
            &["call", "assignment"]
        } else {
            &["call_expression"]
        }
    }

    fn check_node<'a>(&self, cx: &FileCx<'a>, n: Node<'a>, out: &mut Sink) {
        let src = cx.text();
        match n.kind_str() {
            "assignment" => {
                let (Some(l), Some(r)) = (n.field("left"), n.field("right")) else {
                    return;
                };
                let name = text(l, src);
                if SETTINGS.contains(&name) && is_bool(r, false) && !dev_settings(cx.path) {
                    out.report(
                        n.byte_range(),
                        format!("`{name} = False`: the session cookie loses its protection"),
                    );
                }
            }
            "call_expression" | "call" => {
                let Some(f) = callee(n) else { return };
                let name = text(f, src);
                let last = name.rsplit('.').next().unwrap_or(name);
                let Some(args) = arguments(n) else { return };
                let kids: Vec<Node<'_>> = args.named_children().collect();
                // express-session / cookie-session: session({ cookie: { secure: false } })
                if matches!(last, "session" | "cookieSession" | "expressSession") {
                    if let Some(opts) = kids.iter().find(|k| k.kind_str() == "object") {
                        let pairs = object_pairs(*opts, src);
                        let cookie = pairs
                            .iter()
                            .find(|(k, _, _)| k == "cookie")
                            .map(|(_, _, v)| *v);
                        let opts = cookie.filter(|c| c.kind_str() == "object").unwrap_or(*opts);
                        check_options(opts, src, out);
                    }
                    return;
                }
                let setter = match cx.lang {
                    Lang::Python => last == "set_cookie",
                    _ => {
                        (last == "cookie"
                            && (name.starts_with("res")
                                || name.contains("reply")
                                || name.contains("response")))
                            || (last == "set"
                                && (name.contains("cookies") || name.contains("cookieStore")))
                    }
                };
                if !setter {
                    return;
                }
                let cookie_name = kids
                    .first()
                    .and_then(|k| string_value(*k, src))
                    .map(|(s, _)| s);
                let Some(cookie_name) = cookie_name else {
                    return;
                };
                if !auth_cookie(&cookie_name) {
                    return;
                }
                // `cookies.set("session", "", { maxAge: 0 })`: clearing a cookie sends
                // nothing to steal
                if kids
                    .get(1)
                    .and_then(|v| string_value(*v, src))
                    .is_some_and(|(v, _)| v.is_empty())
                {
                    return;
                }
                if cx.lang == Lang::Python {
                    check_kwargs(n, &kids, src, out);
                    return;
                }
                match kids.iter().find(|k| k.kind_str() == "object") {
                    Some(opts) => {
                        if !object_pairs(*opts, src)
                            .iter()
                            .any(|(k, _, _)| k == "httpOnly")
                        {
                            out.report(n.byte_range(), format!("cookie `{cookie_name}` is set without httpOnly: any script on the page can read it"));
                        } else {
                            check_options(*opts, src, out);
                        }
                    }
                    None if kids.len() <= 2 => {
                        out.report(n.byte_range(), format!("cookie `{cookie_name}` is set without httpOnly: any script on the page can read it"));
                    }
                    None => {}
                }
            }
            _ => {}
        }
    }

    fn wants_rust(&self) -> bool {
        true
    }

    /// cookie crate: `Cookie::build(("session", t)).http_only(false)`, `.secure(false)`,
    /// `.same_site(SameSite::None)` without `.secure(true)`.
    fn check_rust(&self, cx: &FileCx<'_>, node: RustNode<'_>, out: &mut Sink) {
        let RustNode::Expr(e @ syn::Expr::MethodCall(m)) = node else {
            return;
        };
        let method = m.method.to_string();
        if !matches!(method.as_str(), "http_only" | "secure" | "same_site") {
            return;
        }
        let chain = crate::flow::rust::text_of(cx.src, e);
        let root = crate::flow::rust::chain_root(e);
        let root_text = crate::flow::rust::text_of(cx.src, root);
        if !(root_text.starts_with("Cookie::build") || root_text.starts_with("Cookie::new")) {
            return;
        }
        let name: String = root_text.split('"').nth(1).unwrap_or("").to_string();
        if !auth_cookie(&name) {
            return;
        }
        let arg = m
            .args
            .first()
            .map(|a| crate::flow::rust::text_of(cx.src, a))
            .unwrap_or_default();
        let bad = match method.as_str() {
            "http_only" | "secure" => arg == "false",
            _ => arg.ends_with("None") && !chain.replace(' ', "").contains(".secure(true)"),
        };
        if bad {
            out.report(
                span_range(cx.src, m.method.span()),
                format!("cookie `{name}`: `.{method}({arg})` leaves the session cookie exposed"),
            );
        }
    }
}

/// `httpOnly: false`, `secure: false`, `sameSite: "none"` without `secure`.
fn check_options(opts: Node<'_>, src: &str, out: &mut Sink) {
    let pairs = object_pairs(opts, src);
    let secure = pairs
        .iter()
        .find(|(k, _, _)| k == "secure")
        .map(|(_, _, v)| *v);
    for (k, key, v) in &pairs {
        let pair = key.parent().map_or(v.byte_range(), |p| p.byte_range());
        match k.as_str() {
            "httpOnly" | "secure" if is_bool(*v, false) => {
                out.report(pair, format!("`{k}: false` on a session cookie"));
            }
            "sameSite" => {
                let none =
                    string_value(*v, src).is_some_and(|(s, _)| s.eq_ignore_ascii_case("none"));
                if none && secure.is_none_or(|s| is_bool(s, false)) {
                    out.report(pair, "`sameSite: \"none\"` without `secure`: browsers drop the cookie or send it cross-site over HTTP");
                }
            }
            _ => {}
        }
    }
}

/// Flask/Django `set_cookie(name, value, httponly=…, secure=…, samesite=…)`.
fn check_kwargs(call: Node<'_>, kids: &[Node<'_>], src: &str, out: &mut Sink) {
    let kw: Vec<(String, Node<'_>, Node<'_>)> = kids
        .iter()
        .filter(|k| k.kind_str() == "keyword_argument")
        .filter_map(|k| Some((key_text(k.field("name")?, src), *k, k.field("value")?)))
        .collect();
    let get = |name: &str| kw.iter().find(|(k, _, _)| k == name);
    match get("httponly") {
        None => {
            out.report(
                call.byte_range(),
                "session cookie set without httponly=True: any script on the page can read it",
            );
        }
        Some((_, pair, v)) if is_bool(*v, false) => {
            out.report(pair.byte_range(), "`httponly=False` on a session cookie");
        }
        _ => {}
    }
    if let Some((_, pair, v)) = get("secure")
        && is_bool(*v, false)
    {
        out.report(
            pair.byte_range(),
            "`secure=False` on a session cookie: it crosses plain HTTP",
        );
    }
    if let Some((_, pair, v)) = get("samesite")
        && string_value(*v, src).is_some_and(|(s, _)| s.eq_ignore_ascii_case("none"))
        && get("secure").is_none_or(|(_, _, s)| is_bool(*s, false))
    {
        out.report(
            pair.byte_range(),
            "`samesite=\"None\"` without `secure=True`",
        );
    }
}
