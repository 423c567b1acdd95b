//! `ai/prompt-injection`: request input written into a model's system prompt.
use crate::lang::syntax::Node;

use crate::flow::model::{PROMPT_KINDS, Role, prompt_values};
use crate::flow::{find_source, request};
use crate::lang::treesitter::{callee, text, enclosing_function};
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

/// Whether the system prompt is the developer's text with values written into it
/// (a template string, concatenation, f-string, `%` or `.format()`), followed through
/// assignments. A system prompt passed through whole from the client is a playground's
/// design (the client owns the prompt), not an injection into the developer's.
fn interpolated<'t>(v: Node<'t>, ix: &crate::index::FileIndex<'t>, depth: u8) -> bool {
    let src = ix.src();
    match v.kind_str() {
        "template_string" => v
            .named_children()
            .any(|c| c.kind_str() == "template_substitution"),
        "string" => v
            .named_children()
            .any(|c| c.kind_str() == "interpolation"),
        "binary_expression" | "binary_operator" | "concatenated_string" => true,
        "call_expression" | "call" => callee(v).is_some_and(|f| {
            let t = text(f, src);
            t.ends_with(".format") || t.ends_with(".join") || t.ends_with(".concat")
        }),
        "parenthesized_expression"
        | "await_expression"
        | "as_expression"
        | "non_null_expression" => v
            .named_child(0)
            .is_some_and(|c| interpolated(c, ix, depth)),
        "identifier" if depth > 0 => {
            ix.resolve(enclosing_function(v), text(v, src), v.start_byte())
                .is_some_and(|d| interpolated(d, ix, depth - 1))
        }
        _ => false,
    }
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
            if role == Role::System
                && interpolated(value, &cx.index, 4)
                && find_source(value, &cx.index, &|n| request::classify(n, &cx.index)).is_some()
            {
                out.report(value.byte_range(), MESSAGE);
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
