//! `ai/unrestricted-tool`: tools an LLM may call that move money or destroy data with
//! no role check or human approval, and dispatch of model-chosen tool names through an
//! open object.

use crate::lang::words::split_words;
use std::sync::LazyLock;

use regex::Regex;
use crate::lang::syntax::Node;

use crate::lang::treesitter::{
    arguments, callee, enclosing_function, entry, object_pairs, string_value, text,
    walk_node,
};
use crate::lang::{Lang, Syntax};
use crate::rules::{FileCx, Rule, RuleMeta, Sink};

crate::declare_rule! {
    UnrestrictedTool {
        id: "ai/unrestricted-tool",
        title: "Destructive LLM tool without a gate",
        severity: High, confidence: Medium, tier: 2, cwe: [862, 749],
        languages: [TypeScript, Tsx, JavaScript, Python, Rust],
        why: "The model calls tools on behalf of whoever is talking to it, and a prompt injection in any text it reads can steer it: a refund, payout, deletion or email tool with no role check or approval is one sentence away from being used by the wrong person.",
        fix: "Check the caller's role inside the tool (not just that someone is signed in), ask a human to approve money-moving or destructive calls (`needsApproval`, an interrupt), and dispatch tool calls only through an explicit allowlist.",
        docs: "unrestricted_tool.md",
        skip: [test],
    }
}

/// Words that make a tool destructive or money-moving, in its name, description or the
/// names of the calls its body makes (lowercased, camelCase and snake_case split).
static DESTRUCTIVE: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(
        r"(?x)(?-u:\b)(?:
            refund\w* | delete\w* | remove\w* | destroy\w* | drop | truncate | wipe | purge
          | transfer\w*\s+(?:\w+\s+){0,2}?(?:funds?|money|amount|payments?|balance|credits?|ownership|\d)
          | (?:bank|wire|money|fund|stripe|create|send|make|initiate)\s+transfer\w*
          | payout\w* | pay\s+out | withdraw\w* | charge | revoke\w* | terminate\w*
          | deactivate\w* | ban | shell | sql | exec | execute | command
          | send\w*\s+(?:\w+\s+)?(?:e-?mail|sms|message|text) | e-?mail\s+(?:a|the)\s+\w+
          | close\w*\s+(?:\w+\s+)?account | cancel\w*\s+(?:\w+\s+)?subscription
        )(?-u:\b)",
    )
    .expect("regex compiles")
});

/// An approval step in the tool or before it.
static APPROVAL: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(
        r"(?x)
            needsApproval\s*:\s*(?:true|async|\(|[a-z])
          | requireApproval | require_approval | askForConfirmation | ask_for_confirmation
          | human_?approval | \binterrupt\s*\( | requires_confirmation | confirm\w*\s*\(
        ",
    )
    .expect("regex compiles")
});

/// A role check (shared with the authz rules), a lookup of the caller's role row
/// (`.from("user_roles").select("role").eq("user_id", user.id).eq("role", "admin")`)
/// or an approval step.
fn gate(t: &str) -> bool {
    static ROLE_LOOKUP: LazyLock<Regex> = LazyLock::new(|| {
        crate::lang::pattern::regex(
            r#"\.eq\(\s*["'`]role["'`]\s*,\s*["'`][\w-]*(?:admin|owner|staff)[\w-]*["'`]\s*\)"#,
        )
        .expect("regex compiles")
    });
    crate::flow::guards::ROLE_CHECK.is_match(t) || APPROVAL.is_match(t) || ROLE_LOOKUP.is_match(t)
}

/// A tool list a module declares at its top (`const TOOLS = [{ type: "function",
/// function: { name: "delete_product", … } }, …]`), handed to the model only by code
/// that has checked the caller's role or set up an approval before it: every use of
/// the list's name in the file is in a function whose text before the use is gated
/// (`if (!adminRole) return 403` after the role lookup, then `tools: TOOLS`).
fn list_gated_where_used<'t>(cx: &FileCx<'t>, tool: Node<'t>) -> bool {
    let src = cx.text();
    let declarator = std::iter::successors(tool.parent(), |p| p.parent())
        .take_while(|p| !crate::lang::treesitter::is_function(*p))
        .find(|p| matches!(p.kind_str(), "variable_declarator" | "assignment"));
    let Some(declarator) = declarator else {
        return false;
    };
    // only a list at the top of the module: one inside a function is judged there
    if enclosing_function(declarator).parent().is_some() {
        return false;
    }
    let Some(name) = declarator
        .field("name")
        .or_else(|| declarator.field("left"))
        .filter(|n| n.kind_str() == "identifier")
    else {
        return false;
    };
    let name = text(name, src);
    let mut root = declarator;
    while let Some(p) = root.parent() {
        root = p;
    }
    let uses: Vec<Node<'t>> = cx
        .index
        .nodes_of_kinds(root, &["identifier"])
        .iter()
        .filter(|u| !declarator.contains(**u) && text(**u, src) == name)
        .copied()
        .collect();
    !uses.is_empty()
        && uses.iter().all(|u| {
            let func = enclosing_function(*u);
            func.parent().is_some() && gate(&src[func.start_byte()..u.start_byte()])
        })
}


fn destructive(t: &str) -> bool {
    destructive_words(&split_words(t))
}

/// A destructive word that stands alone: not the end of a longer word in another
/// script or with accents (`charge` in French "Télécharge", download).
fn destructive_words(w: &str) -> bool {
    DESTRUCTIVE.find_iter(w).any(|m| {
        !w[..m.start()]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    })
}

/// Names of the calls a tool body makes, as words.
/// Not the calls of a function handed to a browser page to run there (`page.evaluate(()
/// => el.remove())` of Puppeteer or Playwright), which act on that page only.
fn body_calls(body: Node<'_>, src: &str) -> String {
    let mut out = String::new();
    let mut in_page: Vec<std::ops::Range<usize>> = Vec::new();
    walk_node(body, |n| {
        if !matches!(n.kind_str(), "call_expression" | "call")
            || in_page.iter().any(|r| r.contains(&n.start_byte()))
        {
            return;
        }
        let Some(f) = callee(n) else { return };
        let name = text(f, src);
        let last = name.rsplit('.').next().unwrap_or(name);
        if matches!(
            last,
            "evaluate" | "$eval" | "$$eval" | "evaluateHandle" | "waitForFunction" | "addInitScript"
        ) && let Some(args) = arguments(n)
        {
            in_page.push(args.byte_range());
        }
        out.push_str(&split_words(last));
        out.push_str(" , ");
    });
    out
}

/// A tool named for reading (`get_profile`, `listDeletedInvoices`, `search_docs`): a
/// destructive word in the rest of its name or in its description tells what it reads
/// about (a workload, French "charge"; a deletion log), not what it does. The calls its
/// body makes still count.
fn reads_only(name: &str) -> bool {
    let words = split_words(name);
    words.split_whitespace().next().is_some_and(|w| {
        matches!(
            w,
            "get" | "list" | "search" | "find" | "fetch" | "read" | "view" | "browse" | "lookup" | "show" | "count"
        )
    })
}

/// Whether a gate covers a tool: in its own text, or earlier in the function that
/// defines it (`assertAdmin(user)` before the tool list).
fn gated(def: Node<'_>, src: &str) -> bool {
    if gate(text(def, src)) {
        return true;
    }
    let func = enclosing_function(def);
    if func.id() == def.id() || func.parent().is_none() {
        return false;
    }
    let before = &src[func.start_byte()..def.start_byte()];
    gate(before)
}

const MESSAGE: &str =
    "the model can call this destructive or money-moving tool with no role check or human approval";

impl Rule for UnrestrictedTool {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn node_kinds(&self, lang: Lang) -> &'static [&'static str] {
        if lang == Lang::Python {
            &["call", "dictionary", "decorated_definition"]
        } else {
            &["call_expression", "new_expression", "object"]
        }
    }

    fn check_node<'a>(&self, cx: &FileCx<'a>, n: Node<'a>, out: &mut Sink) {
        let src = cx.text();
        match n.kind_str() {
            "call_expression" | "new_expression" => {
                if let Some(range) = js_tool(n, src) {
                    out.report(range, MESSAGE);
                } else if n.kind_str() == "call_expression" && open_dispatch(n, &cx.index) {
                    out.report(n.byte_range(), DISPATCH);
                }
            }
            "call" if open_dispatch(n, &cx.index) => {
                out.report(n.byte_range(), DISPATCH);
            }
            "object" | "dictionary" => {
                if let Some(range) = schema_tool(n, src)
                    && !list_gated_where_used(cx, n)
                {
                    out.report(range, MESSAGE);
                }
            }
            "decorated_definition" => {
                if let Some(range) = python_tool(n, src) {
                    out.report(range, MESSAGE);
                }
            }
            _ => {}
        }
    }

    fn check_file(&self, cx: &FileCx<'_>, out: &mut Sink) {
        let Syntax::Rust(file) = cx.syntax else {
            return;
        };
        if !cx.text().contains("FunctionObjectArgs") {
            return;
        }
        use crate::flow::rust::{calls, chain_root, functions};
        for f in functions(cx.src, file) {
            for e in calls(f.block) {
                let syn::Expr::MethodCall(m) = &e else {
                    continue;
                };
                if m.method != "name" {
                    continue;
                }
                let root = crate::flow::rust::text_of(cx.src, chain_root(&e));
                if !root.contains("FunctionObjectArgs") {
                    continue;
                }
                if let Some(syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                })) = m.args.first()
                    && destructive(&s.value())
                {
                    out.report(crate::lang::rust::span_range(cx.src, s.span()), MESSAGE);
                }
            }
        }
    }
}

const DISPATCH: &str = "a tool name chosen by the model is looked up on an open object: the model can call any function there, not just the tools it was given";

/// AI SDK `tool({ description, inputSchema, execute })`, LangChain JS
/// `tool(fn, { name, description })`, `new DynamicTool({ name, description, func })`.
fn js_tool(n: Node<'_>, src: &str) -> Option<std::ops::Range<usize>> {
    let f = n.field("constructor").or_else(|| callee(n))?;
    let name = text(f, src);
    let last = name.rsplit('.').next().unwrap_or(name);
    if !matches!(
        last,
        "tool" | "DynamicTool" | "DynamicStructuredTool" | "createTool"
    ) {
        return None;
    }
    let args = arguments(n)?;
    let kids: Vec<Node<'_>> = args.named_children().collect();
    let options = kids.iter().rev().find(|k| k.kind_str() == "object")?;
    let pairs = object_pairs(*options, src);
    let get = |key: &str| pairs.iter().find(|(k, _, _)| k == key).map(|(_, _, v)| *v);
    // the tool's name: the key it is stored under, or its `name:` option
    let key_name = n
        .parent()
        .filter(|p| p.kind_str() == "pair")
        .and_then(|p| p.field("key"))
        .map(|k| text(k, src).to_string());
    let tool_name = get("name")
        .and_then(|v| string_value(v, src))
        .map(|(s, _)| s)
        .or(key_name)
        .unwrap_or_default();
    let description = get("description")
        .and_then(|v| string_value(v, src))
        .map(|(s, _)| s)
        .unwrap_or_default();
    let body = get("execute")
        .or_else(|| get("func"))
        .or_else(|| kids.first().copied().filter(|k| k.kind_str() != "object"));
    if get("execute").is_none()
        && get("func").is_none()
        && get("inputSchema").is_none()
        && get("parameters").is_none()
        && get("schema").is_none()
    {
        return None;
    }
    let calls = body.map(|b| body_calls(b, src)).unwrap_or_default();
    let bad = (!reads_only(&tool_name) && (destructive(&tool_name) || destructive(&description)))
        || destructive_words(&calls);
    (bad && !gated(n, src)).then(|| n.byte_range())
}

/// Tool schemas without a body: OpenAI `{ type: "function", function: { name } }`,
/// Responses `{ type: "function", name }`, Anthropic `{ name, input_schema }`.
fn schema_tool(n: Node<'_>, src: &str) -> Option<std::ops::Range<usize>> {
    // every object literal of a file comes here: look for a `name` key before
    // collecting the pairs
    let has_name = n.named_children().any(|c| {
        entry(c).is_some_and(|(k, _)| matches!(text(k, src).trim_matches(['"', '\'']), "name"))
    });
    if !has_name {
        return None;
    }
    let pairs = object_pairs(n, src);
    let get = |key: &str| pairs.iter().find(|(k, _, _)| k == key);
    let (_, name_key, name_value) = get("name")?;
    let is_function_object = n
        .parent()
        .filter(|p| p.kind_str() == "pair")
        .and_then(|p| p.field("key"))
        .is_some_and(|k| text(k, src).trim_matches(['"', '\'']) == "function")
        && n.parent().and_then(|p| p.parent()).is_some_and(|o| {
            text(o, src).contains("\"function\"") || text(o, src).contains("'function'")
        });
    let flat = get("type")
        .and_then(|(_, _, v)| string_value(*v, src))
        .is_some_and(|(t, _)| t == "function")
        && get("parameters").is_some();
    let anthropic = get("input_schema").is_some() || get("inputSchema").is_some();
    if !(is_function_object || flat || anthropic) {
        return None;
    }
    let tool_name = string_value(*name_value, src)?.0;
    let description = get("description")
        .and_then(|(_, _, v)| string_value(*v, src))
        .map(|(s, _)| s)
        .unwrap_or_default();
    let bad = !reads_only(&tool_name) && (destructive(&tool_name) || destructive(&description));
    let start = name_key.start_byte();
    (bad && !gated(n, src)).then(|| start..name_value.end_byte())
}

/// LangChain `@tool` / OpenAI Agents `@function_tool` / MCP `@mcp.tool()` functions.
fn python_tool(n: Node<'_>, src: &str) -> Option<std::ops::Range<usize>> {
    let def = n.field("definition")?;
    if def.kind_str() != "function_definition" {
        return None;
    }
    let is_tool = n.named_children().any(|d| {
        d.kind_str() == "decorator" && {
            let t = text(d, src).trim_start_matches('@').trim();
            let head = t.split('(').next().unwrap_or(t);
            let last = head.rsplit('.').next().unwrap_or(head);
            matches!(last, "tool" | "function_tool")
        }
    });
    if !is_tool {
        return None;
    }
    let name = def.field("name").map_or("", |x| text(x, src));
    let body = def.field("body")?;
    // the docstring is the description
    let doc = body
        .named_child(0)
        .filter(|s| s.kind_str() == "expression_statement")
        .and_then(|s| s.named_child(0))
        .filter(|s| s.kind_str() == "string")
        .map(|s| text(s, src))
        .unwrap_or("");
    let bad = (!reads_only(name) && (destructive(name) || destructive(doc)))
        || destructive_words(&body_calls(body, src));
    let head = def.start_byte()..def.field("name")?.end_byte();
    (bad && !gate(text(n, src))).then_some(head)
}

/// `tools[call.function.name](args)`, `getattr(module, block.name)(**args)`,
/// `globals()[name](...)`, unless the name is checked against an allowlist first.
fn open_dispatch<'t>(n: Node<'t>, ix: &crate::index::FileIndex<'t>) -> bool {
    let src = ix.src();
    let Some(f) = callee(n) else { return false };
    let (object, key) = match f.kind_str() {
        "subscript_expression" => (f.field("object"), f.field("index")),
        "subscript" => {
            let obj = f.field("value");
            // Python dicts are closed: only globals()/locals()/vars()/__dict__ are open
            if !obj.is_some_and(|o| {
                let t = text(o, src);
                t.starts_with("globals(")
                    || t.starts_with("locals(")
                    || t.starts_with("vars(")
                    || t.ends_with("__dict__")
            }) {
                return false;
            }
            (obj, f.field("subscript"))
        }
        "call" if text(f, src).starts_with("getattr(") => {
            let args = arguments(f);
            let mut it = args
                .map(|a| a.named_children().collect::<Vec<_>>())
                .unwrap_or_default()
                .into_iter();
            (it.next(), it.next())
        }
        _ => return false,
    };
    let (Some(_object), Some(key)) = (object, key) else {
        return false;
    };
    let k = text(key, src);
    let chosen_by_model = k.ends_with(".name")
        || k.ends_with("toolName")
        || k.ends_with("tool_name")
        || k.ends_with("function_name")
        || k.ends_with("functionName");
    if !chosen_by_model
        || crate::flow::find_source(key, ix, &|n| crate::flow::model::classify_output(n, src))
            .is_none()
    {
        return false;
    }
    // an allowlist check of the same name earlier in the function
    let func = enclosing_function(n);
    let before = &src[func.start_byte()..n.start_byte()];
    let squashed: String = before.chars().filter(|c| !c.is_whitespace()).collect();
    let kq: String = k.chars().filter(|c| !c.is_whitespace()).collect();
    let checked = before.contains(&format!("{k} not in "))
        || before.contains(&format!("{k} in "))
        || squashed.contains(&format!(".has({kq})"))
        || squashed.contains(&format!(".includes({kq})"))
        || squashed.contains("hasOwn(") && squashed.contains(&kq);
    !checked
}
