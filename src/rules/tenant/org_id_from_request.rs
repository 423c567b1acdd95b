//! `tenant/org-id-from-request`: a tenant filter whose value the client chooses.
use crate::lang::syntax::Node;

use super::exempt_file;
use super::query::{self, Filter, source};
use crate::lang::Lang;
use crate::lang::rust::{RustNode, span_range};
use crate::rules::{FileCx, Rule, RuleMeta, Sink};
use crate::lang::treesitter::enclosing_function;

crate::declare_rule! {
    OrgIdFromRequest {
        id: "tenant/org-id-from-request",
        title: "Tenant filter taken from the request",
        severity: High, confidence: Medium, tier: 1, cwe: [639],
        languages: [TypeScript, Tsx, JavaScript, Python, Rust],
        why: "The client picks the tenant: changing the org id in the body, query string or URL reads another organization's data.",
        fix: "Take the tenant from the authenticated session (or a verified token), or check the caller's membership of the requested org before the query.",
        docs: "org_id_from_request.md",
    }
}

impl Rule for OrgIdFromRequest {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn node_kinds(&self, lang: Lang) -> &'static [&'static str] {
        query::node_kinds(lang)
    }

    fn wants_rust(&self) -> bool {
        true
    }

    /// axum handlers: a tenant filter whose value comes from a `Path`, `Query`, `Json`
    /// or `Form` extractor, in diesel / sea-orm chains and sqlx macros.
    fn check_rust(&self, cx: &FileCx<'_>, node: RustNode<'_>, out: &mut Sink) {
        if cx.facts.data.models.is_empty() || exempt_file(cx) {
            return;
        }
        let (model, value, at) = match node {
            RustNode::Expr(syn::Expr::MethodCall(call)) if call.method == "get" => {
                header_context(cx, call, out);
                return;
            }
            RustNode::Expr(expr) => {
                let Some(q) = query::rust::find(cx, expr) else {
                    return;
                };
                let query::rust::RustFilter::Tenant(Some(v)) = q.filter else {
                    return;
                };
                (q.model, v, q.report)
            }
            RustNode::Macro(m) => {
                let Some((model, v)) = sqlx_tenant_value(cx, m) else {
                    return;
                };
                (
                    model,
                    v,
                    span_range(
                        cx.src,
                        m.path
                            .segments
                            .last()
                            .map_or_else(proc_macro2::Span::call_site, |s| s.ident.span()),
                    ),
                )
            }
            _ => return,
        };
        let Some(t) = &model.tenant else { return };
        if rust_client_value(cx.text(), at.start, &value) {
            out.report(
                at,
                format!(
                    "the `{}` filter on `{}` takes its value (`{value}`) from the request, so the caller chooses the tenant",
                    t.field, model.name
                ),
            );
        }
    }

    fn check_node<'a>(&self, cx: &FileCx<'a>, node: Node<'a>, out: &mut Sink) {
        if cx.facts.data.models.is_empty() || exempt_file(cx) {
            return;
        }
        let src = cx.text();
        for q in query::find_any(cx, node).iter() {
            // the tenant column of a tenant's data, or the id of the tenant's own row read
            // whole or for its credentials (`.from("tenants").select("*").eq("id",
            // tenant_id)`: the tenant's API keys and channels, loaded to act as the
            // tenant the caller names); its name or public profile is not a finding
            let (value, filter) = match q.filter {
                Filter::Tenant(Some(value)) => match &q.model.tenant {
                    Some(t) => (value, format!("the `{}` filter", t.field)),
                    None => continue,
                },
                Filter::PrimaryKey(Some(value))
                    if q.style == "supabase-js"
                        && keyed_by_id(value, src)
                        && cx.facts.data.is_tenant_table(&q.model.table)
                        && loads_credentials(statement(node), src) =>
                {
                    (value, "the lookup by `id`".to_string())
                }
                _ => continue,
            };
            // the platform's own staff choose the tenant they look at on purpose; a
            // lookup keyed by a secret of the row (`.eq("otp_code", otp)`) or whose
            // secret is compared with the one the request presents (`if
            // (!timingSafeEqual(tenant.webhook_secret, secret)) return`) finds only the
            // row its holder may use
            if source::pinned_to_caller(&cx.index, statement(node))
                || keyed_by_secret(&cx.index, statement(node))
                || source::token_checked_after(cx, node)
                || source::platform_admin_checked_before(cx, node)
            {
                continue;
            }
            // row level security holds a user's client to the rows it allows: the
            // requested org id only narrows them
            let mut unless = super::staff_only(cx, node);
            if q.rls_enforced && !q.service_role {
                let Some(callee) = q.client_factory.clone() else {
                    continue;
                };
                unless.push(crate::finding::Condition::ClientNotServiceRole {
                    callee,
                    caller: super::function_name(cx, node),
                });
            }
            let Some(origin) = crate::flow::request::client_source(value, &cx.index) else {
                continue;
            };
            if !source::membership_checked(&cx.index, value) {
                if let Some(function) =
                    crate::flow::request::only_action_argument(value, &cx.index)
                {
                    unless.push(crate::finding::Condition::ActionCalledOnServer { function });
                }
                // one problem, one finding: the handler's later queries on the same value
                // are named in the first one's message, and shown with it
                let func = enclosing_function(node);
                let vtext = crate::lang::treesitter::text(value, src);
                if let Some(first) = out.earlier(func.byte_range(), |i| {
                    src.get(i.range.clone()) == Some(vtext) && i.unless == unless
                }) {
                    let table = format!("`{}`", q.model.name);
                    if !first.message.contains(&table) {
                        if !first.message.contains(LATER) {
                            first.message.push_str(LATER);
                        } else {
                            first.message.push_str(", ");
                        }
                        first.message.push_str(&table);
                    }
                    first.related(
                        value.byte_range(),
                        format!("{table} is filtered on the same value here"),
                    );
                    continue;
                }
                let finding = out
                    .report(
                        value.byte_range(),
                        format!(
                            "{filter} on `{}` takes its value from the request, so the caller chooses the tenant",
                            q.model.name
                        ),
                    )
                    .unless(unless);
                let (o, v) = (origin.byte_range(), value.byte_range());
                if o.end <= v.start || v.end <= o.start {
                    finding.related(o, "the value is read from the request here");
                }
            }
        }
    }
}

/// A query statement that also filters on a secret column with a value of the request
/// (`.eq("otp_code", otp_code)`, `.eq("invite_token", token)`): only the holder of the
/// secret finds the row, whichever tenant the request names.
fn keyed_by_secret<'t>(ix: &crate::index::FileIndex<'t>, statement: Node<'t>) -> bool {
    use crate::lang::treesitter::text;
    let src = ix.src();
    ix.nodes_of_kinds(statement, &["call_expression"])
        .iter()
        .any(|call| {
            call.field("function")
                .and_then(|f| f.field("property"))
                .is_some_and(|p| text(p, src) == "eq")
                && call.field("arguments").is_some_and(|a| {
                    a.named_child(0).is_some_and(|c| {
                        c.kind_str() == "string"
                            && query::secret_column(text(c, src).trim_matches(['"', '\'', '`']))
                    }) && a.named_child(1).is_some_and(|v| {
                        !matches!(
                            v.kind_str(),
                            "string" | "number" | "true" | "false" | "null" | "undefined"
                        )
                    })
                })
        })
}

/// Whether a value is compared with a row's `id`: `.eq("id", v)`, `{ id: v }`,
/// `.match({ id: v })`.
fn keyed_by_id(value: Node<'_>, src: &str) -> bool {
    let key = match value.parent() {
        Some(p) if p.kind_str() == "pair" => p.field("key"),
        Some(p) if p.kind_str() == "arguments" => p
            .named_children()
            .take_while(|c| c.byte_range() != value.byte_range())
            .last(),
        _ => None,
    };
    key.is_some_and(|k| {
        let k = crate::lang::treesitter::text(k, src).trim_matches(['"', '\'', '`']);
        k == "id" || k == "_id"
    })
}

/// Whether a supabase-js read takes every column (`.select("*")`, `.select()`) or a
/// credential (`crm_api_key`, `wa_access_token`, `webhook_secret`).
fn loads_credentials(statement: Node<'_>, src: &str) -> bool {
    static SELECT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::lang::pattern::regex(r#"\.select\(\s*(?:\)|["'`]([^"'`]*)["'`])"#).expect("regex compiles")
    });
    SELECT
        .captures_iter(crate::lang::treesitter::text(statement, src))
        .any(|c| match c.get(1) {
            None => true,
            Some(cols) => cols.as_str().split(',').any(|col| {
                let col = col.trim();
                col == "*" || crate::vocab::secret_name(col).is_some()
            }),
        })
}

/// `headers.get("X-Tenant-Context")` in a function that deserializes the header
/// (`serde_json::from_str(tenant_header)`) into the request's tenant context, and
/// verifies nothing (no token decoded, no signature checked): the client writes its own
/// tenant, user and role.
fn header_context(cx: &FileCx<'_>, call: &syn::ExprMethodCall, out: &mut Sink) {
    static TENANT_HEADER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::lang::pattern::regex(r"(?i)tenant|organi[sz]ation|\borg\b|workspace|company").expect("regex compiles")
    });
    static VERIFIES: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::lang::pattern::regex(r"(?i)verify|decode|jwt|signature|hmac|jsonwebtoken").expect("regex compiles")
    });
    if call.args.len() != 1 {
        return;
    }
    let Some((name, span)) = call.args.first().and_then(crate::lang::rust::str_lit) else {
        return;
    };
    if !TENANT_HEADER.is_match(&name) {
        return;
    }
    let at = span_range(cx.src, span);
    let text = cx.text();
    if crate::lang::rust::body_around(text, at.start).is_none() {
        return;
    }
    // the code, not its comments ("Verify the user has vendor role" above a TODO)
    let function = crate::lang::rust::fn_text(text, at.start);
    let mut body = function.as_bytes().to_vec();
    for r in crate::lang::comments::comment_ranges(crate::lang::Lang::Rust, function) {
        body[r].fill(b' ');
    }
    let body = String::from_utf8_lossy(&body);
    if (body.contains("serde_json::from_str") || body.contains("serde_json::from_slice"))
        && !VERIFIES.is_match(&body)
    {
        out.report(
            at,
            format!(
                "the tenant context is parsed from the `{name}` request header, which the client sets: nothing verifies it, so the caller names its own tenant, user and role"
            ),
        );
    }
}

/// How a finding names the later queries of its function that take the same value.
const LATER: &str = "; later queries of this function filter on the same value: ";

/// The statement a query is part of: its whole chain, whichever call the query was
/// found at.
fn statement(node: Node<'_>) -> Node<'_> {
    let mut cur = node;
    while let Some(p) = cur.parent() {
        if p.kind_str().ends_with("statement")
            || p.kind_str().ends_with("declaration")
            || crate::lang::treesitter::is_function(p)
        {
            break;
        }
        cur = p;
    }
    cur
}

/// For `sqlx::query!("… org_id = $2 …", a, b)`: the model and the text of the value
/// bound to its tenant column.
fn sqlx_tenant_value<'m>(
    cx: &'m FileCx<'_>,
    m: &syn::Macro,
) -> Option<(&'m crate::facts::tenant::Model, String)> {
    let name = m.path.segments.last()?.ident.to_string();
    if !name.starts_with("query") {
        return None;
    }
    let args = m
        .parse_body_with(syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated)
        .ok()?;
    let (pos, sql) = args.iter().enumerate().find_map(|(i, a)| match a {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) => Some((i, s.value())),
        _ => None,
    })?;
    for (model, _, filter) in query::raw_sql::analyze(cx, &sql) {
        let Filter::Tenant(_) = filter else { continue };
        let t = model.tenant.as_ref()?;
        let lower = sql.to_ascii_lowercase();
        let at = lower.find(&format!("{} = $", t.column))?;
        let n: usize = lower[at + t.column.len() + 4..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect::<String>()
            .parse()
            .ok()?;
        let value = args.iter().nth(pos + n)?;
        let text = cx
            .text()
            .get(span_range(cx.src, syn::spanned::Spanned::span(value)))?
            .to_string();
        return Some((model, text));
    }
    None
}

/// Whether a value's root variable is bound by an axum extractor of the enclosing
/// handler: `Path(org_id): Path<Uuid>`, `Query(q)`, `Json(body)`, `Form(f)`.
fn rust_client_value(text: &str, at: usize, value: &str) -> bool {
    let root = value
        .trim_start_matches('&')
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .find(|w| !w.is_empty())
        .unwrap_or("");
    if root.is_empty() || root == "self" {
        return false;
    }
    let Some(start) = text[..at.min(text.len())].rfind("fn ") else {
        return false;
    };
    let signature = text[start..at.min(text.len())]
        .split('{')
        .next()
        .unwrap_or("");
    // the patterns of the extractor arguments: Path(org_id), Path((org, id)), Json(body)
    static EXTRACTOR: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::lang::pattern::regex(r"\b(?:Path|Query|Json|Form)\s*\(\s*\(?([^)]*)").expect("regex compiles")
    });
    EXTRACTOR.captures_iter(signature).any(|c| {
        c.get(1).is_some_and(|m| {
            m.as_str()
                .split(|ch: char| !(ch.is_alphanumeric() || ch == '_'))
                .any(|w| w == root)
        })
    })
}
