//! `ai/prompt-injection`: request input written into a model's system prompt.
use crate::lang::syntax::Node;

use crate::flow::model::{PROMPT_KINDS, Role, prompt_values};
use crate::flow::{find_source, local_function, request, return_values};
use crate::lang::treesitter::{appended, callee, enclosing_function, text};
use crate::lang::{Lang, Syntax};
use crate::rules::{FileCx, Rule, RuleMeta, Sink};

crate::declare_rule! {
    PromptInjection {
        id: "ai/prompt-injection",
        title: "Request input in the system prompt",
        severity: High, confidence: Medium, tier: 2, cwe: [77, 1427],
        languages: [TypeScript, Tsx, JavaScript, Python, Rust],
        why: "The system prompt carries the developer's authority: text a user puts there can rewrite the assistant's rules, unlock its tools and leak other users' data.",
        fix: "Keep the system prompt constant (or built from server-side values); pass what the user typed as a `user` message, and pick variable parts from an allowlist on the server.",
        docs: "prompt_injection.md",
        skip: [test],
    }
}

const MESSAGE: &str = "request input is written into the system prompt: the caller can rewrite the assistant's instructions";

/// Where the system prompt is the developer's text with values written into it (a
/// template string, concatenation, f-string, `%` or `.format()`), followed through
/// assignments: that expression. A system prompt passed through whole from the client
/// is a playground's design (the client owns the prompt), not an injection into the
/// developer's.
fn interpolated<'t>(v: Node<'t>, ix: &crate::index::FileIndex<'t>, depth: u8) -> Option<Node<'t>> {
    let src = ix.src();
    match v.kind_str() {
        "template_string" => v
            .named_children()
            .any(|c| c.kind_str() == "template_substitution")
            .then_some(v),
        "string" => v
            .named_children()
            .any(|c| c.kind_str() == "interpolation")
            .then_some(v),
        "binary_expression" | "binary_operator" | "concatenated_string" => Some(v),
        "call_expression" | "call" => {
            let f = callee(v)?;
            let t = text(f, src);
            if t.ends_with(".format") || t.ends_with(".join") || t.ends_with(".concat") {
                return Some(v);
            }
            // a prompt-building function of the file: what it returns
            let func = local_function(v, t, ix).filter(|_| depth > 0)?;
            return_values(func)
                .into_iter()
                .find_map(|r| interpolated(r, ix, depth - 1))
        }
        "augmented_assignment_expression" | "augmented_assignment" => Some(v),
        "parenthesized_expression" | "await_expression" | "as_expression" | "non_null_expression" => {
            v.named_child(0).and_then(|c| interpolated(c, ix, depth))
        }
        "identifier" | "shorthand_property_identifier" if depth > 0 => ix
            .resolve(enclosing_function(v), text(v, src), v.start_byte())
            .and_then(|d| interpolated(d, ix, depth - 1)),
        _ => None,
    }
}

/// Of a chain of appends to one prompt (`p += a; … p += b`), the last one that appends
/// request input.
fn appending_request<'t>(last: Node<'t>, ix: &crate::index::FileIndex<'t>) -> Option<Node<'t>> {
    let src = ix.src();
    let mut cur = last;
    for _ in 0..32 {
        let value = appended(cur, src)?;
        if find_source(value, ix, &|n| request::classify(n, ix)).is_some() {
            return Some(cur);
        }
        let left = cur.field("left")?;
        cur = ix.resolve(enclosing_function(cur), text(left, src), cur.start_byte())?;
    }
    None
}

impl Rule for PromptInjection {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn node_kinds(&self, _lang: Lang) -> &'static [&'static str] {
        PROMPT_KINDS
    }

    fn check_node<'a>(&self, cx: &FileCx<'a>, node: Node<'a>, out: &mut Sink) {
        let src = cx.text();
        for (role, value) in prompt_values(node, src) {
            if role != Role::System {
                continue;
            }
            let Some(built) = interpolated(value, &cx.index, 4) else {
                continue;
            };
            if find_source(value, &cx.index, &|n| request::classify(n, &cx.index)).is_none() {
                continue;
            }
            // reported where the prompt is built, where the fix goes: a prompt built
            // once and sent twice is one finding
            if built.id() == value.id() || built.start_byte() >= value.start_byte() {
                out.report(value.byte_range(), MESSAGE);
            } else if out.earlier(built.byte_range(), |_| true).is_none() {
                let line = cx.src.line_col(value.start_byte()).0;
                // the first value of a template that comes from the request
                // an appending statement (`prompt += `…``) is reported whole: the one
                // that appends request input
                let at = if appended(built, src).is_some() {
                    appending_request(built, &cx.index).unwrap_or(built)
                } else {
                    built
                    .named_children()
                    .filter(|c| matches!(c.kind_str(), "template_substitution" | "interpolation"))
                    .find(|c| {
                        find_source(*c, &cx.index, &|n| request::classify(n, &cx.index)).is_some()
                    })
                    .unwrap_or(built)
                };
                out.report(
                    at.byte_range(),
                    format!("{MESSAGE} (sent as the system prompt on line {line})"),
                );
            }
        }
    }

    fn check_file(&self, cx: &FileCx<'_>, out: &mut Sink) {
        let Syntax::Rust(file) = cx.syntax else {
            return;
        };
        for p in crate::flow::rust::prompts(cx.src, file) {
            if p.system && p.request && p.text.trim_start().starts_with("format!") {
                out.report(p.range, MESSAGE);
            }
        }
    }
}
