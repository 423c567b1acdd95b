//! `ai/llm-output-exec`: model output run as code, a shell command, SQL or HTML, or
//! unpickled.

use crate::lang::syntax::Node;

use crate::flow::find_source_through_closures;
use crate::flow::model::classify_output;
use crate::flow::sinks::{SINK_KINDS, sink_value};
use crate::lang::treesitter::{arguments, callee, object_pairs, string_value, text};
use crate::lang::{Lang, Syntax};
use crate::rules::{FileCx, Rule, RuleMeta, Sink};

crate::declare_rule! {
    LlmOutputExec {
        id: "ai/llm-output-exec",
        title: "Model output executed",
        severity: Critical, confidence: Medium, tier: 1, cwe: [94, 78, 89, 79, 502],
        languages: [TypeScript, Tsx, JavaScript, Python, Rust],
        why: "Whoever can steer the model (a user's message, a web page or document it reads) chooses what runs: code, shell commands, SQL against your database, or script in other users' browsers.",
        fix: "Never run model text. Ask for structured output (`generateObject`, a zod or pydantic schema), validate it, and map it onto code you wrote: parameterized queries, an allowlist of commands with argv lists, text rendered as text.",
        docs: "llm_output_exec.md",
        skip: [test],
    }
}

impl LlmOutputExec {
    /// An RPC of a database function that runs an argument as SQL (`EXECUTE sql_query`,
    /// see [`crate::facts::schema::objects::FunctionDecl::runs_as_sql`]), handed model
    /// output: `supabase.rpc("execute_write_fix", { sql_query: args.query })`.
    fn check_rpc<'a>(&self, cx: &FileCx<'a>, node: Node<'a>, out: &mut Sink) {
        let src = cx.text();
        if !matches!(node.kind_str(), "call_expression" | "call")
            || cx.facts.databases.is_empty()
            || !callee(node).is_some_and(|f| text(f, src).ends_with(".rpc"))
        {
            return;
        }
        let Some(args) = arguments(node) else {
            return;
        };
        let mut positional = args.named_children();
        let (Some(name), Some(params)) = (positional.next(), positional.next()) else {
            return;
        };
        let Some((function, _)) = string_value(name, src) else {
            return;
        };
        for (key, _, value) in object_pairs(params, src) {
            let runs = cx
                .facts
                .databases
                .iter()
                .any(|db| db.functions_named(&function).any(|f| f.decl.runs_as_sql(&key)));
            let model_output = || {
                find_source_through_closures(value, &cx.index, &|n| classify_output(n, src))
                    .is_some()
            };
            if runs && model_output() {
                out.report(
                    node.byte_range(),
                    format!(
                        "model output reaches a sink that runs it as SQL: the database function `{function}` executes its `{key}`"
                    ),
                );
            }
        }
    }
}

impl Rule for LlmOutputExec {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn node_kinds(&self, _lang: Lang) -> &'static [&'static str] {
        SINK_KINDS
    }

    fn check_node<'a>(&self, cx: &FileCx<'a>, node: Node<'a>, out: &mut Sink) {
        let src = cx.text();
        let Some((value, kind)) = sink_value(node, src, cx.lang) else {
            self.check_rpc(cx, node, out);
            return;
        };
        if find_source_through_closures(value, &cx.index, &|n| classify_output(n, src)).is_some() {
            out.report(
                node.byte_range(),
                format!("model output reaches a sink that {}", kind.describe()),
            );
        }
    }

    fn check_file(&self, cx: &FileCx<'_>, out: &mut Sink) {
        let Syntax::Rust(file) = cx.syntax else {
            return;
        };
        if !crate::flow::rust::is_model_call_text(cx.text()) {
            return;
        }
        for f in crate::flow::rust::functions(cx.src, file) {
            for (range, what) in crate::flow::rust::model_output_sinks(cx.src, &f) {
                out.report(range, format!("model output reaches a sink that {what}"));
            }
        }
    }
}
