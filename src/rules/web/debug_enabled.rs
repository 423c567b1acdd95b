//! `web/debug-enabled`: debug mode shipped on, and error handlers that send stack
//! traces to the client.

use crate::lang::syntax::Node;

use crate::lang::Lang;
use crate::lang::treesitter::{arguments, callee, is_bool, object_pairs, text, walk_node};
use crate::rules::{FileCx, Rule, RuleMeta, Sink};

crate::declare_rule! {
    DebugEnabled {
        id: "web/debug-enabled",
        title: "Debug mode or stack traces in production",
        severity: Medium, confidence: Medium, tier: 2, cwe: [489, 209],
        languages: [TypeScript, Tsx, JavaScript, Python],
        why: "Debug mode shows source, settings and stack traces to anyone who triggers an error; Werkzeug's debugger even runs Python typed into the error page.",
        fix: "Read debug mode from the environment and default it to off (`DEBUG = os.environ.get(\"DEBUG\") == \"1\"`); log stack traces on the server and send clients a generic message.",
        docs: "debug_enabled.md",
        skip: [test],
    }
}

impl Rule for DebugEnabled {
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
            // app.run(debug=True), FastAPI(debug=True), Starlette(debug=True)
            "call" => {
                let Some(f) = callee(n) else { return };
                let name = text(f, src);
                let last = name.rsplit('.').next().unwrap_or(name);
                if !matches!(
                    last,
                    "run" | "FastAPI" | "Starlette" | "Quart" | "Sanic" | "Flask"
                ) {
                    return;
                }
                if under_debug_condition(n, src)
                    || (last == "run"
                        && under_main_guard(n, src)
                        && cx.facts.served_modules.contains(cx.path))
                {
                    return;
                }
                let Some(args) = arguments(n) else { return };
                for a in args.named_children() {
                    if a.kind_str() == "keyword_argument"
                        && a.field("name").is_some_and(|k| text(k, src) == "debug")
                        && a.field("value").is_some_and(|v| is_bool(v, true))
                    {
                        out.report(a.byte_range(), "debug mode is on: errors show code and settings (and Flask's debugger runs code)");
                    }
                }
            }
            // Django settings: DEBUG = True; Flask: app.debug = True
            "assignment" => {
                let (Some(l), Some(r)) = (n.field("left"), n.field("right")) else {
                    return;
                };
                let target = text(l, src);
                let settings = target == "DEBUG"
                    && is_settings(cx.path, src)
                    && n.parent()
                        .is_some_and(|p| p.parent().is_some_and(|m| m.kind_str() == "module"));
                let flask = target.ends_with(".debug")
                    && !target.contains("logger")
                    && !under_debug_condition(n, src);
                if (settings || flask) && is_bool(r, true) {
                    out.report(n.byte_range(), "debug mode is on in settings that ship: errors show code, settings and SQL to anyone");
                }
            }
            // res.send(err.stack), res.json({ stack: err.stack }), NextResponse.json({ stack })
            "call_expression" => {
                let Some(f) = callee(n) else { return };
                let name = text(f, src);
                let last = name.rsplit('.').next().unwrap_or(name);
                let responder = matches!(last, "send" | "json" | "end" | "write" | "render")
                    && (name.starts_with("res")
                        || name.contains("Response")
                        || name.contains("reply")
                        || name.starts_with("c."));
                if !responder {
                    return;
                }
                let Some(args) = arguments(n) else { return };
                for a in args.named_children() {
                    if let Some(range) = stack_sent(a, src) {
                        out.report(range, "the error's stack trace is sent to the client: it shows code paths, files and versions");
                    }
                }
            }
            _ => {}
        }
    }
}

/// Whether a node only runs when configuration asks for debug: inside
/// `if settings.debug == "True":`, `if os.environ.get("DEBUG"):`, `if __debug__:`.
fn under_debug_condition(n: Node<'_>, src: &str) -> bool {
    let mut up = n.parent();
    while let Some(p) = up {
        if matches!(
            p.kind_str(),
            "if_statement" | "elif_clause" | "conditional_expression"
        ) && let Some(cond) = p.field("condition")
        {
            let c = text(cond, src).to_ascii_lowercase();
            if c.contains("debug")
                || c.contains("environ")
                || c.contains("getenv")
                || c.contains("settings.")
            {
                return true;
            }
        }
        if crate::lang::treesitter::is_function(p) {
            return false;
        }
        up = p.parent();
    }
    false
}

/// Whether a call sits in a module's `if __name__ == "__main__":` block: run only when
/// the file is started as a script (`python main.py`), not when a server imports it.
fn under_main_guard(n: Node<'_>, src: &str) -> bool {
    std::iter::successors(n.parent(), |p| p.parent())
        .take_while(|p| !crate::lang::treesitter::is_function(*p))
        .any(|p| {
            p.kind_str() == "if_statement"
                && p.field("condition").is_some_and(|c| {
                    let t = text(c, src);
                    t.contains("__name__") && t.contains("__main__")
                })
        })
}

/// Whether a Python file is a Django settings module.
fn is_settings(path: &str, src: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or(path);
    (file.starts_with("settings") || path.contains("/settings/"))
        && !file.contains("dev")
        && !file.contains("local")
        && !file.contains("test")
        || src.contains("INSTALLED_APPS")
}

/// The `.stack` in a response body, unless it is only sent outside production
/// (`NODE_ENV === "production" ? undefined : err.stack`).
fn stack_sent(arg: Node<'_>, src: &str) -> Option<std::ops::Range<usize>> {
    let is_stack = |n: Node<'_>| {
        n.kind_str() == "member_expression"
            && n.field("property").is_some_and(|p| text(p, src) == "stack")
    };
    if is_stack(arg) {
        return Some(arg.byte_range());
    }
    if arg.kind_str() == "object" {
        for (_, _, v) in object_pairs(arg, src) {
            if is_stack(v)
                || (v.kind_str() == "as_expression" && v.named_child(0).is_some_and(is_stack))
            {
                return Some(v.parent().map_or(v.byte_range(), |p| p.byte_range()));
            }
            let mut nested = None;
            if v.kind_str() == "parenthesized_expression" {
                walk_node(v, |c| {
                    if nested.is_none() && is_stack(c) {
                        nested = Some(c.byte_range());
                    }
                });
            }
            if nested.is_some() {
                return nested;
            }
        }
    }
    None
}
