//! `auth/user-enumeration`: login and password-reset handlers that tell an unknown
//! account apart from a wrong password.

use std::sync::LazyLock;

use regex::Regex;
use crate::lang::syntax::Node;

use crate::lang::Lang;
use crate::lang::treesitter::{callee, string_value, text, enclosing_function};
use crate::rules::{FileCx, Rule, RuleMeta, Sink};

crate::declare_rule! {
    UserEnumeration {
        id: "auth/user-enumeration",
        title: "Login or reset reveals which accounts exist",
        severity: Low, confidence: Medium, tier: 2, cwe: [204],
        languages: [TypeScript, Tsx, JavaScript, Python],
        why: "An answer of \"user not found\" for unknown emails lets anyone test a list of addresses: who has an account becomes known, and credential stuffing and phishing target exactly those people.",
        fix: "Answer every failed login with one message (\"Invalid email or password\") and every reset request with one message (\"If an account exists, we sent a link\"), with the same status code.",
        docs: "user_enumeration.md",
        skip: [test, translation],
    }
}

/// A message that says the account does not exist.
static NOT_FOUND: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(
        r"(?ix)
          (?:user|account|email|e-mail|username)\s+(?:was\s+|is\s+)?(?:not\s+found|does\s*n[o']?t\s+exist|not\s+registered|unknown|not\s+exist)
        | no\s+(?:such\s+)?(?:user|account)
        | (?:unknown|unregistered)\s+(?:user|account|email|username)
        ",
    )
    .expect("regex compiles")
});

/// A function that logs users in or resets passwords: by its route, its name, or a
/// password check in its body.
static AUTH_HANDLER: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(
        r"(?i)log_?in|sign_?in|sign-in|authenticate|auth/token|forgot|reset|recover|magic.?link",
    )
    .expect("regex compiles")
});
static PASSWORD_CHECK: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r"(?i)bcrypt\w*\.compare|check_?password|verify_?password|checkpw|argon2\w*\.verify|\.verify\(\s*\w*password|compare_?password|comparePassword")
        .expect("regex compiles")
});

impl Rule for UserEnumeration {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn node_kinds(&self, _lang: Lang) -> &'static [&'static str] {
        &["string", "template_string"]
    }

    fn check_node<'a>(&self, cx: &FileCx<'a>, n: Node<'a>, out: &mut Sink) {
        let src = cx.text();
        // a cheap look at the raw text before decoding the literal
        static WORDS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
            crate::lang::pattern::regex(
                r"(?i-u:found|exist|registered|unknown|no such|no user|no account)",
            )
            .expect("regex compiles")
        });
        if !WORDS.is_match(text(n, src)) {
            return;
        }
        let Some((msg, _)) = string_value(n, src) else {
            return;
        };
        // "Invalid email or password" is the uniform answer
        if !NOT_FOUND.is_match(&msg)
            || msg.contains(" or ")
            || msg.contains("If ")
            || msg.contains("if ")
        {
            return;
        }
        // not in a log call, a log field or a plain `new Error(…)` (an internal failure,
        // not the answer the client reads)
        let mut up = n.parent();
        while let Some(p) = up {
            if p.kind_str() == "pair" {
                let key = p
                    .field("key")
                    .map(|k| text(k, src).to_ascii_lowercase())
                    .unwrap_or_default();
                if key.contains("log") || key.contains("debug") {
                    return;
                }
            }
            if matches!(p.kind_str(), "call_expression" | "call" | "new_expression") {
                let name = p
                    .field("constructor")
                    .or_else(|| callee(p))
                    .map(|f| text(f, src))
                    .unwrap_or("");
                if name.starts_with("console.")
                    || name.contains("log")
                    || name == "print"
                    || name == "Error"
                {
                    return;
                }
                break;
            }
            up = p.parent();
        }
        let func = enclosing_function(n);
        // an admin-only tool answers only admins
        // enumeration needs a lookup by something people know: an email or a username
        let by_identity = {
            let t = text(func, src).to_ascii_lowercase();
            t.contains("email")
                || t.contains("username")
                || t.contains("login")
                || t.contains("phone")
        };
        if func.parent().is_none()
            || !by_identity
            || !auth_handler(cx, func, src)
            || crate::flow::guards::role_gated(func, src)
        {
            return;
        }
        out.report(n.byte_range(), "this answer tells an unknown account apart from a wrong password: anyone can test which emails have accounts");
    }
}

/// Whether a function handles login or password reset.
fn auth_handler(cx: &FileCx<'_>, func: Node<'_>, src: &str) -> bool {
    let body = text(func, src);
    if PASSWORD_CHECK.is_match(body) {
        return true;
    }
    let name = func.field("name").map_or("", |x| text(x, src));
    // route path: router.post("/login", handler), @app.post("/auth/forgot-password")
    let route = func
        .parent()
        .filter(|p| matches!(p.kind_str(), "arguments" | "argument_list"))
        .and_then(|a| a.named_child(0))
        .and_then(|first| string_value(first, src))
        .map(|(s, _)| s)
        .unwrap_or_default();
    let decorators = func
        .parent()
        .filter(|p| p.kind_str() == "decorated_definition")
        .map(|d| &src[d.start_byte()..func.start_byte()])
        .unwrap_or("");
    // Next.js route files: app/api/auth/login/route.ts
    let route_file = cx.path.contains("/route.") || cx.path.contains("pages/api/");
    AUTH_HANDLER.is_match(name)
        || AUTH_HANDLER.is_match(&route)
        || AUTH_HANDLER.is_match(decorators)
        || (route_file && AUTH_HANDLER.is_match(cx.path))
}
