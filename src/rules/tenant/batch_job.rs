//! Batch jobs whose rows stay inside the job: a handler that reads the rows of every
//! tenant to work through them (re-embed, escalate, sync), writes each back under its own
//! id or tenant, and answers with counts. Nobody asks it for a tenant's rows and nothing
//! of them leaves; it is cross-tenant by design, like a scheduled job.

use crate::lang::syntax::Node;
use crate::lang::treesitter::{callee, text, unwrap_value};
use crate::rules::FileCx;

use super::query::source::declaration_around;

/// Whether the multi-row read at `node` is a batch job's, whose rows stay inside it:
/// - the read asks for many rows (no `.single()`, `.maybeSingle()`, `.limit(1)`) by
///   nothing the client sends (pagination aside: `.range(offset, …)`);
/// - the handler never asks who calls it (no signed-in user, session or caller id): no
///   tenant's request is served;
/// - every answer the handler gives after the read is made of counts, flags and
///   messages (`return json({ processed, errors })`), not of rows.
///
/// A single-row read of a tenant table in such a job (`automation_configs` read with
/// `.maybeSingle()` and no tenant) picks one tenant's row for all of them, and stays a
/// finding.
pub fn rows_stay_inside<'t>(cx: &FileCx<'t>, node: Node<'t>) -> bool {
    if !matches!(
        cx.lang,
        crate::lang::Lang::TypeScript | crate::lang::Lang::Tsx | crate::lang::Lang::JavaScript
    ) {
        return false;
    }
    let src = cx.text();
    let functions = cx.index.enclosing_functions(node, 8);
    let Some(&handler) = functions.last() else {
        return false;
    };
    let Some(chain) = read_chain(cx, node) else {
        return false;
    };
    let chain_text = text(chain, src);
    if SINGLE.is_match(chain_text)
        || asks_for_caller(cx, handler)
        || names_a_tenant_before(cx, handler, node)
    {
        return false;
    }
    // no value of the client's picks the rows
    let client_picked = cx
        .index
        .nodes_of_kinds(chain, &["identifier", "member_expression"])
        .iter()
        .any(|n| {
            !in_pagination(*n, chain, src) && crate::flow::request::from_client(*n, &cx.index)
        });
    if client_picked {
        return false;
    }
    // the answers the handler gives after the read: in the `case` of a `switch` that
    // holds it, or anywhere in the handler after it
    let scope = std::iter::successors(node.parent(), |p| p.parent())
        .take_while(|p| p.id() != handler.id())
        .find(|p| p.kind_str() == "switch_case")
        .unwrap_or(handler);
    let own_functions: Vec<usize> = functions.iter().map(|f| f.id()).collect();
    let after = node.end_byte();
    let mut answers = 0;
    for exit in cx
        .index
        .nodes_of_kinds(
            handler,
            &["return_statement", "call_expression", "new_expression"],
        )
        .iter()
        .filter(|e| e.start_byte() >= after && e.end_byte() <= scope.end_byte())
    {
        let value = match exit.kind_str() {
            // a return of the handler or of a function around the read (not one of a
            // callback: `.filter((q) => { return … })`)
            "return_statement" => {
                let owner = crate::lang::treesitter::enclosing_function(*exit);
                if !own_functions.contains(&owner.id()) {
                    continue;
                }
                match exit.named_child(0) {
                    Some(v) => v,
                    None => continue,
                }
            }
            // `res.json(…)`, `res.send(…)`, `new Response(…)`, anywhere
            _ => {
                if !answers_request(*exit, src) {
                    continue;
                }
                match first_argument(*exit) {
                    Some(v) => v,
                    None => continue,
                }
            }
        };
        answers += 1;
        if !counts_only(cx, handler, value, 0) {
            return false;
        }
    }
    answers > 0
}

/// A read that asks for one row, whichever it is.
static SINGLE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::lang::pattern::regex(
        r"\.(?:single|maybeSingle|maybe_single|findFirst|findUnique|first)\s*\(|\.limit\(\s*1\s*\)",
    )
    .expect("regex compiles")
});

/// A handler that serves a caller it knows: a signed-in user, a session, a caller id.
fn asks_for_caller<'t>(cx: &FileCx<'t>, handler: Node<'t>) -> bool {
    static CALLER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::lang::pattern::regex(
            r"(?i)getUser|getClaims|getSession|getServerSession|currentUser|auth\.uid|\bauth\(\)|\buser_?id\b|\buser\.id\b|\bcaller|\bsession\b|requireAuth|requireUser|authenticate",
        )
        .expect("regex compiles")
    });
    cx.index.once_per_node("asks for the caller", handler, || {
        CALLER.is_match(text(handler, cx.text()))
    })
}

/// A job that has one tenant in hand before the read: it names a tenant column
/// (`campaign.company_id`, `.eq("company_id", …)`, `const companyId = …`), or has filtered
/// an earlier query by something the client sends (`.eq("id", order_id)`). Its work is
/// for that tenant or that row, and a read of every tenant's rows mixes the others in (a
/// campaign mailed to every company's contacts).
fn names_a_tenant_before<'t>(cx: &FileCx<'t>, handler: Node<'t>, node: Node<'t>) -> bool {
    let src = cx.text();
    let filtered_by_client = cx
        .index
        .nodes_of_kinds(handler, &["call_expression"])
        .iter()
        .take_while(|c| c.start_byte() < node.start_byte())
        .filter(|c| {
            matches!(
                called_name(**c, src),
                Some("eq" | "match" | "in" | "filter" | "where" | "findUnique" | "findFirst")
            )
        })
        .filter_map(|c| c.field("arguments"))
        .any(|args| {
            cx.index
                .nodes_of_kinds(args, &["identifier", "member_expression"])
                .iter()
                .any(|n| crate::flow::request::from_client(*n, &cx.index))
        });
    if filtered_by_client {
        return true;
    }
    use crate::vocab::squash;
    let fields = crate::rules::gates::tenant_keys(cx);
    cx.index
        .nodes_of_kinds(
            handler,
            &[
                "identifier",
                "property_identifier",
                "shorthand_property_identifier",
                "shorthand_property_identifier_pattern",
                "string_fragment",
            ],
        )
        .iter()
        .take_while(|n| n.start_byte() < node.start_byte())
        .any(|n| fields.contains(&squash(text(*n, src))))
}

/// The awaited query chain whose rows the read at `node` binds: the value of `const {
/// data: rows } = await db.from(…)…`, or of `let query = db.from(…)…` when the rows
/// come from `await query` later.
fn read_chain<'t>(cx: &FileCx<'t>, node: Node<'t>) -> Option<Node<'t>> {
    let (decl, _) = declaration_around(node)?;
    let value = decl.field("value").or_else(|| decl.field("right"))?;
    Some(unwrap_value(value, cx.text()))
}

/// An identifier among the arguments of `.range(…)`, `.limit(…)`, `.order(…)`: which
/// page of the rows, not which rows.
fn in_pagination(n: Node<'_>, chain: Node<'_>, src: &str) -> bool {
    std::iter::successors(n.parent(), |p| p.parent())
        .take_while(|p| p.id() != chain.id())
        .filter(|p| p.kind_str() == "arguments")
        .filter_map(|args| args.parent())
        .any(|call| {
            callee(call)
                .filter(|c| c.kind_str() == "member_expression")
                .and_then(|c| c.field("property"))
                .is_some_and(|p| matches!(text(p, src), "range" | "limit" | "order" | "offset"))
        })
}

/// A call that answers the request: `res.json(…)`, `res.send(…)`, `json(…)`,
/// `NextResponse.json(…)`, `new Response(…)`.
fn answers_request(call: Node<'_>, src: &str) -> bool {
    matches!(
        called_name(call, src),
        Some("json" | "send" | "Response" | "NextResponse" | "jsonResponse")
    )
}

/// The last name of what a call or `new` calls: `json` of `res.status(200).json(…)`,
/// `Response` of `new Response(…)`, `round` of `Math.round(…)`.
fn called_name<'s>(call: Node<'_>, src: &'s str) -> Option<&'s str> {
    let f = callee(call).or_else(|| call.field("constructor"))?;
    match f.kind_str() {
        "identifier" => Some(text(f, src)),
        "member_expression" => crate::lang::treesitter::member_name(f, src),
        _ => None,
    }
}

fn first_argument(call: Node<'_>) -> Option<Node<'_>> {
    call.field("arguments").and_then(|a| a.named_child(0))
}

/// A value made of counts, flags and messages only: numbers, strings and templates of
/// such values, `x.length`, `err.message`, names bound to such values in the handler
/// (`let processed = 0`), and objects, arrays and calls (`JSON.stringify`, `json`,
/// `Math.round`, `new Date().toISOString()`) of them.
fn counts_only<'t>(cx: &FileCx<'t>, handler: Node<'t>, value: Node<'t>, depth: usize) -> bool {
    if depth > 6 {
        return false;
    }
    let src = cx.text();
    let each = |n: Node<'t>| counts_only(cx, handler, n, depth + 1);
    match value.kind_str() {
        "number" | "true" | "false" | "null" | "undefined" | "string" | "regex" => true,
        "template_string" => value
            .named_children()
            .filter(|c| c.kind_str() == "template_substitution")
            .filter_map(|c| c.named_child(0))
            .all(each),
        "identifier" | "shorthand_property_identifier" => {
            let name = text(value, src);
            // a counter (`let processed = 0`, then `processed++`), or the number of rows
            // a query counts (`const { count } = await db.from(…).select("id", { count:
            // "exact", head: true })`)
            cx.index
                .resolve(handler, name, value.start_byte())
                .is_some_and(|v| {
                    // an array or object bound to a name may be filled later
                    // (`digest.push(row)`)
                    v.id() != value.id()
                        && !matches!(v.kind_str(), "array" | "object")
                        && (each(v)
                            || crate::lang::treesitter::destructured_key(v, name, src)
                                .is_some_and(|k| k == "count"))
                })
        }
        "member_expression" => value
            .field("property")
            .is_some_and(|p| matches!(text(p, src), "length" | "size" | "message")),
        "parenthesized_expression"
        | "unary_expression"
        | "update_expression"
        | "await_expression"
        | "as_expression"
        | "non_null_expression"
        | "binary_expression"
        | "array" => value.named_children().all(each),
        "ternary_expression" => [value.field("consequence"), value.field("alternative")]
            .into_iter()
            .flatten()
            .all(each),
        "object" => value.named_children().all(|c| match c.kind_str() {
            "pair" => c.field("value").is_some_and(each),
            "shorthand_property_identifier" => each(c),
            "comment" => true,
            _ => false,
        }),
        "call_expression" | "new_expression" => {
            let args: Vec<Node<'t>> = value
                .field("arguments")
                .map(|a| a.named_children().collect())
                .unwrap_or_default();
            match called_name(value, src).unwrap_or_default() {
                // an answer: what it is made of is its first argument (the options
                // after it are headers and a status)
                "json" | "send" | "Response" | "NextResponse" | "jsonResponse" | "stringify" => {
                    args.first().is_none_or(|a| each(*a))
                }
                // `Math.round(ms / 1000)`, `new Date()`
                "String" | "Number" | "round" | "floor" | "ceil" | "min" | "max" | "Date"
                | "now" => args.into_iter().all(each),
                // `new Date().toISOString()`, `(ms / 1000).toFixed(1)`: of what it formats
                "toFixed" | "toISOString" | "toLocaleString" => {
                    callee(value)
                        .and_then(|c| c.field("object"))
                        .is_some_and(each)
                        && args.into_iter().all(each)
                }
                _ => false,
            }
        }
        _ => false,
    }
}
