//! `web/sql-injection`: SQL text built from request input.

use crate::lang::syntax::Node;

use crate::flow::sinks::{SINK_KINDS, SinkKind, sink_value};
use crate::flow::{find_source, request};
use crate::lang::{Lang, Syntax};
use crate::rules::{FileCx, Rule, RuleMeta, Sink};

crate::declare_rule! {
    SqlInjection {
        id: "web/sql-injection",
        title: "SQL built from request input",
        severity: High, confidence: Medium, tier: 2, cwe: [89],
        languages: [TypeScript, Tsx, JavaScript, Python, Rust],
        why: "Request input written into SQL text becomes SQL: a quote in a search box reads other users' rows, logs in without a password or drops tables.",
        fix: "Pass request values as bound parameters (`$1`, `?`, `%s` with an argument list, `.bind(...)`), or use a safe tagged template (`sql\\`…${x}\\``, Prisma `$queryRaw\\`…\\``); pick identifiers such as sort columns from an allowlist.",
        docs: "sql_injection.md",
        skip: [test, seed],
    }
}

const MESSAGE: &str = "request input is written into SQL text: the caller can change the query";

impl Rule for SqlInjection {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn node_kinds(&self, _lang: Lang) -> &'static [&'static str] {
        SINK_KINDS
    }

    fn check_node<'a>(&self, cx: &FileCx<'a>, node: Node<'a>, out: &mut Sink) {
        let src = cx.text();
        let Some((value, SinkKind::Sql)) = sink_value(node, src, cx.lang) else {
            return;
        };
        if find_source(value, &cx.index, &|n| request::classify(n, &cx.index)).is_some() {
            out.report(node.byte_range(), MESSAGE);
        }
    }

    fn check_file(&self, cx: &FileCx<'_>, out: &mut Sink) {
        let Syntax::Rust(file) = cx.syntax else {
            return;
        };
        if !cx.text().contains("query") {
            return;
        }
        for f in crate::flow::rust::functions(cx.src, file) {
            for range in crate::flow::rust::request_sql_sinks(cx.src, &f) {
                out.report(range, MESSAGE);
            }
        }
    }
}
