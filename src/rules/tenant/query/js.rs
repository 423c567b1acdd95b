//! TypeScript/JavaScript data access: Prisma, Drizzle and supabase-js.

use crate::lang::syntax::Node;

use super::prisma::prisma_where;
use super::{Access, Filter, TenantQuery, column_filter};
use crate::facts::tenant::Model;
use crate::lang::treesitter::{
    arguments, callee, enclosing_function, object_pairs, string_value, text, walk_node,
};
use crate::rules::FileCx;

const PRISMA_METHODS: &[(&str, Access)] = &[
    ("findMany", Access::Read),
    ("findFirst", Access::Read),
    ("findFirstOrThrow", Access::Read),
    ("findUnique", Access::Read),
    ("findUniqueOrThrow", Access::Read),
    ("count", Access::Read),
    ("aggregate", Access::Read),
    ("groupBy", Access::Read),
    ("update", Access::Update),
    ("updateMany", Access::Update),
    ("upsert", Access::Update),
    ("delete", Access::Delete),
    ("deleteMany", Access::Delete),
];

pub(super) fn queries<'t>(cx: &FileCx<'t>, call: Node<'t>, out: &mut Vec<TenantQuery<'t, 't>>) {
    let src = cx.text();
    let Some(f) = callee(call) else { return };
    if f.kind_str() != "member_expression" {
        return;
    }
    let (Some(object), Some(prop)) = (f.field("object"), f.field("property")) else {
        return;
    };
    let method = text(prop, src);
    if super::node_orms::queries(cx, call, object, method, out) {
        return;
    }
    // Prisma: <client>.<model>.<method>(args)
    if let Some((_, access)) = PRISMA_METHODS.iter().find(|(m, _)| *m == method)
        && object.kind_str() == "member_expression"
        && let Some(acc) = object.field("property")
        && let Some(model) = cx.facts.data.prisma(cx.path, text(acc, src))
    {
        // A tenant-scoped client (a `$extends` that injects the tenant, ZenStack's
        // `enhance`, `withTenant(prisma, orgId)`) filters every query itself.
        let client = object
            .field("object")
            .map(|c| text(c, src).to_ascii_lowercase())
            .unwrap_or_default();
        let scoped_client = ["tenant", "scoped", "enhance", "withorg", "forOrg", "orgdb"]
            .iter()
            .any(|w| client.contains(&w.to_ascii_lowercase()));
        let filter = match arguments(call).and_then(|a| a.named_child(0)) {
            _ if scoped_client => Filter::Unknown,
            Some(arg) => prisma_args(cx, model, arg, call),
            None => Filter::None,
        };
        out.push(TenantQuery::new(
            model,
            f.byte_range(),
            *access,
            filter,
            "Prisma",
        ));
        return;
    }
    // Drizzle relational queries: db.query.<table>.findMany / findFirst
    if matches!(method, "findMany" | "findFirst")
        && object.kind_str() == "member_expression"
        && let Some(table) = object.field("property")
        && object
            .field("object")
            .is_some_and(|o| text(o, src).ends_with("query"))
        && let Some(model) = cx.facts.data.drizzle(cx.path, text(table, src))
    {
        let filter = match arguments(call).and_then(|a| a.named_child(0)) {
            Some(opts) if opts.kind_str() == "object" => object_pairs(opts, src)
                .into_iter()
                .find(|(k, _, _)| k == "where")
                .map_or(Filter::None, |(_, _, w)| {
                    drizzle_condition(cx, model, w, call)
                }),
            _ => Filter::None,
        };
        out.push(TenantQuery::new(
            model,
            f.byte_range(),
            Access::Read,
            filter,
            "Drizzle",
        ));
        return;
    }
    let first_arg = arguments(call).and_then(|a| a.named_child(0));
    // Drizzle builders: db.select().from(t), db.update(t), db.delete(t)
    if matches!(method, "from" | "update" | "delete")
        && let Some(arg) = first_arg.filter(|a| a.kind_str() == "identifier")
        && let Some(model) = cx.facts.data.drizzle(cx.path, text(arg, src))
    {
        let access = match method {
            "update" => Access::Update,
            "delete" => Access::Delete,
            _ => Access::Read,
        };
        let mut filter = Filter::None;
        for (m, args) in chain(call, &cx.index) {
            if m == "where"
                && let Some(cond) = args.and_then(|a| a.named_child(0))
            {
                filter = filter.and(drizzle_condition(cx, model, cond, call));
            }
        }
        out.push(TenantQuery::new(
            model,
            prop.start_byte()..call.end_byte(),
            access,
            filter,
            "Drizzle",
        ));
        return;
    }
    // supabase-js: client.from("table").select()…, not a storage bucket
    // (`client.storage.from("documents").download(path)`)
    if method == "from"
        && !(object.kind_str() == "member_expression"
            && object
                .field("property")
                .is_some_and(|p| text(p, src) == "storage"))
        && let Some((table, _)) = first_arg.and_then(|a| string_value(a, src))
        && let Some(model) = cx.facts.data.table(cx.path, &table)
    {
        let client = text(object, src).to_ascii_lowercase();
        // A client named for the service role, or created with the service-role key.
        let service_role = client.contains("admin")
            || client.contains("service")
            || super::source::created_with_service_role(object, cx);
        let mut access = Access::Read;
        let mut filter = Filter::None;
        let mut counts_only = false;
        let steps = chain(call, &cx.index);
        // the resources the select embeds with `!inner`: a filter on their columns
        // keeps only the rows that have a match
        let inner: Vec<(String, String)> = steps
            .iter()
            .filter(|(m, _)| m == "select")
            .filter_map(|(_, args)| args.and_then(|a| a.named_child(0)))
            .filter_map(|a| string_value(a, src))
            .flat_map(|(select, _)| inner_joins(&select))
            .collect();
        for (m, args) in steps {
            match m.as_str() {
                // creates are out of scope; an upsert writes the row it is given
                "insert" | "upsert" => return,
                "select" => counts_only = super::counts_only(args, src),
                "update" => access = Access::Update,
                "delete" => access = Access::Delete,
                "eq" | "filter" | "in" | "is" | "contains" => {
                    if let Some(args) = args
                        && let Some(col) = args.named_child(0).and_then(|c| string_value(c, src))
                    {
                        let value = args.named_child(if m == "filter" { 2 } else { 1 });
                        filter = filter.and(match col.0.split_once('.') {
                            // `.eq("dossiers.societe_id", id)` with `dossiers!inner(…)`
                            // selected: only rows whose dossier is that tenant's
                            Some((embedded, column)) => inner
                                .iter()
                                .find(|(name, _)| name == embedded)
                                .and_then(|(_, table)| cx.facts.data.table(cx.path, table))
                                .filter(|parent| {
                                    parent
                                        .tenant
                                        .as_ref()
                                        .is_some_and(|t| t.matches_key(column))
                                })
                                .map_or(Filter::Other, |_| Filter::Tenant(value)),
                            None => column_filter(&cx.index, model, &col.0, value),
                        });
                    }
                }
                // `.ilike("email", address)`: the address without wildcards, case aside
                "ilike" => {
                    if let Some(args) = args
                        && let Some(col) = args.named_child(0).and_then(|c| string_value(c, src))
                        && crate::vocab::squash(&col.0).ends_with("email")
                    {
                        let value = args.named_child(1);
                        if matches!(column_filter(&cx.index, model, &col.0, value), Filter::User) {
                            filter = filter.and(Filter::User);
                        }
                    }
                }
                "or" => {
                    if let Some(arg) = args.and_then(|a| a.named_child(0)) {
                        filter = filter.and(or_filter(&cx.index, model, arg));
                    }
                }
                "match" => {
                    if let Some(obj) = args
                        .and_then(|a| a.named_child(0))
                        .filter(|o| o.kind_str() == "object")
                    {
                        for (k, _, v) in object_pairs(obj, src) {
                            filter = filter.and(column_filter(&cx.index, model, &k, Some(v)));
                        }
                    }
                }
                _ => {}
            }
        }
        let rls_enforced = cx
            .facts
            .data
            .rls(cx.path, &model.table)
            .is_some_and(|r| r.enforces(access));
        let client_factory = (!service_role)
            .then(|| crate::flow::client_factory(object, &cx.index, src))
            .flatten();
        out.push(TenantQuery {
            model,
            report: prop.start_byte()..call.end_byte(),
            access,
            filter,
            service_role,
            rls_enforced,
            client_factory,
            style: "supabase-js",
            counts_only,
        });
    }
}

/// The resources a PostgREST select embeds with an inner join, as (the name its
/// filters use, the table): `dossiers!inner(societe_id)` → (dossiers, dossiers),
/// `dossier:dossiers!inner(*)` → (dossier, dossiers), `plannings!fk_name!inner(…)`.
fn inner_joins(select: &str) -> Vec<(String, String)> {
    static INNER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::lang::pattern::regex(r"(?:(\w+)\s*:\s*)?(\w+)(?:\s*!\s*\w+)*?\s*!\s*inner\b")
            .expect("regex compiles")
    });
    INNER
        .captures_iter(select)
        .map(|c| {
            let table = c[2].to_string();
            (
                c.get(1)
                    .map_or_else(|| table.clone(), |a| a.as_str().to_string()),
                table,
            )
        })
        .collect()
}

/// A PostgREST `or` filter, `.or(\`user_id.eq.${user.id},email.eq.${user.email}\`)`:
/// the rows of any alternative. It scopes the query when every alternative does: all
/// the caller's own rows (or the tenant's), or the tenant's rows and rows every tenant
/// shares (`org_id.eq.${orgId},org_id.is.null`, `is_global.eq.true`). Anything else,
/// a search (`name.ilike.${q}`) or a nested group (`and(…)`), adds no scope: `None`.
fn or_filter<'t>(ix: &crate::index::FileIndex<'t>, model: &Model, arg: Node<'t>) -> Filter<'t> {
    let src = ix.src();
    if !matches!(arg.kind_str(), "string" | "template_string") {
        return Filter::None;
    }
    let raw = text(arg, src);
    let body_at = arg.start_byte() + 1;
    let body = &raw[1..raw.len().saturating_sub(1)];
    let substitutions: Vec<Node<'t>> = arg
        .named_children()
        .filter(|c| c.kind_str() == "template_substitution")
        .collect();
    // the alternatives, split at commas outside `${…}`
    let mut alternatives: Vec<(usize, usize)> = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (i, c) in body.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                alternatives.push((start, i));
                start = i + 1;
            }
            _ => {}
        }
    }
    alternatives.push((start, body.len()));
    let mut tenant = None;
    let (mut all_tenant_or_shared, mut all_own) = (true, true);
    for (from, to) in alternatives {
        let alt = body[from..to].trim();
        let mut parts = alt.splitn(3, '.');
        let (Some(col), Some(op), Some(rest)) = (parts.next(), parts.next(), parts.next()) else {
            return Filter::None;
        };
        if col.contains('(') {
            return Filter::None;
        }
        let value = substitutions
            .iter()
            .find(|s| s.start_byte() >= body_at + from && s.end_byte() <= body_at + to)
            .and_then(|s| s.named_child(0));
        let shared = value.is_none()
            && ((op == "is"
                && rest == "null"
                && model.tenant.as_ref().is_some_and(|t| t.matches_key(col)))
                || (op == "eq" && rest == "true" && super::shared_flag(col)));
        let f = match value {
            Some(v) if op == "eq" => super::column_filter(ix, model, col, Some(v)),
            _ => Filter::Other,
        };
        match f {
            Filter::Tenant(v) => tenant = tenant.or(Some(v)),
            Filter::User => all_tenant_or_shared = false,
            _ if shared => all_own = false,
            _ => return Filter::None,
        }
    }
    match tenant {
        Some(v) if all_tenant_or_shared => Filter::Tenant(v),
        _ if all_own => Filter::User,
        _ => Filter::None,
    }
}

/// The method calls chained on a call: `x.from(t).select().eq(..)` -> [(select, args), (eq,
/// args)]. A query built in steps in a variable (`let q = sb.from(t).select();` then `if
/// (org) q = q.eq("org_id", org)`) has the calls of every later `q = q.…` too.
pub(in crate::rules::tenant) fn chain<'t>(
    call: Node<'t>,
    ix: &crate::index::FileIndex<'t>,
) -> Vec<(String, Option<Node<'t>>)> {
    let src = ix.src();
    let (mut out, top) = calls_on(call, src);
    // the variable the chain is stored in
    let name = top.parent().and_then(|p| match p.kind_str() {
        "variable_declarator" if p.field("value").is_some_and(|v| v.id() == top.id()) => {
            p.field("name")
        }
        "assignment_expression" if p.field("right").is_some_and(|v| v.id() == top.id()) => {
            p.field("left")
        }
        _ => None,
    });
    let Some(name) = name.filter(|n| n.kind_str() == "identifier") else {
        return out;
    };
    let name = text(name, src);
    let func = enclosing_function(call);
    // the block the variable is set in: only reassignments made there, unconditionally,
    // always apply (`if (org) q = q.eq("org_id", org)` leaves the query open without it)
    let statement_block = |n: Node<'t>| {
        n.parent()
            .filter(|p| {
                matches!(
                    p.kind_str(),
                    "variable_declarator" | "assignment_expression"
                )
            })
            .and_then(|p| p.parent())
            .filter(|s| {
                matches!(
                    s.kind_str(),
                    "lexical_declaration" | "variable_declaration" | "expression_statement"
                )
            })
            .and_then(|s| s.parent())
    };
    let Some(block) = statement_block(top) else {
        return out;
    };
    for value in ix.assignments(func, name, func.end_byte()) {
        if value.start_byte() <= top.end_byte()
            || value
                .parent()
                .is_none_or(|p| p.kind_str() != "assignment_expression")
            || statement_block(value).is_none_or(|b| b.id() != block.id())
        {
            continue;
        }
        // `q = q.eq(…).limit(…)`: the calls on the variable itself
        let mut root = value;
        while let Some(inner) = match root.kind_str() {
            "call_expression" => root.field("function"),
            "member_expression" => root.field("object"),
            _ => None,
        } {
            root = inner;
        }
        if root.kind_str() == "identifier" && text(root, src) == name {
            out.extend(calls_on(root, src).0);
        }
    }
    out
}

/// The method calls chained on a node, and the last call of the chain.
fn calls_on<'t>(node: Node<'t>, src: &str) -> (Vec<(String, Option<Node<'t>>)>, Node<'t>) {
    let mut out = Vec::new();
    let mut cur = node;
    while let Some(member) = cur.parent().filter(|p| p.kind_str() == "member_expression") {
        if member.field("object").map(|o| o.id()) != Some(cur.id()) {
            break;
        }
        let Some(next) = member
            .parent()
            .filter(|p| p.kind_str() == "call_expression")
        else {
            break;
        };
        let name = member
            .field("property")
            .map(|p| text(p, src).to_string())
            .unwrap_or_default();
        out.push((name, arguments(next)));
        cur = next;
    }
    (out, cur)
}

/// Prisma call arguments: `{ where: … }`, possibly a variable holding them.
fn prisma_args<'t>(cx: &FileCx<'t>, model: &Model, arg: Node<'t>, call: Node<'t>) -> Filter<'t> {
    let src = cx.text();
    let arg = if arg.kind_str() == "identifier" {
        match cx
            .index
            .resolve(enclosing_function(call), text(arg, src), call.start_byte())
        {
            Some(v) => v,
            None => return Filter::Unknown,
        }
    } else {
        arg
    };
    if arg.kind_str() != "object" {
        return Filter::Unknown;
    }
    match object_pairs(arg, src)
        .into_iter()
        .find(|(k, _, _)| k == "where")
    {
        Some((_, _, w)) => prisma_where(cx, model, w, call, 0),
        None => {
            // `{ where }` shorthand
            let short = arg.named_children().find(|c| {
                c.kind_str() == "shorthand_property_identifier" && text(*c, src) == "where"
            });
            match short {
                Some(s) => prisma_where(cx, model, s, call, 0),
                None => Filter::None,
            }
        }
    }
}

/// A Drizzle condition (`eq(t.orgId, x)`, `and(...)`, a callback, a variable): the
/// columns it names.
fn drizzle_condition<'t>(
    cx: &FileCx<'t>,
    model: &Model,
    cond: Node<'t>,
    call: Node<'t>,
) -> Filter<'t> {
    let src = cx.text();
    let func = enclosing_function(call);
    let mut filter = Filter::None;
    let mut pending = vec![cond];
    let mut seen = 0;
    while let Some(n) = pending.pop() {
        seen += 1;
        if seen > 16 {
            break;
        }
        walk_node(n, |d| {
            match d.kind_str() {
                "member_expression" if names_table_column(d, model, cond, src) => {
                    if let Some(p) = d.field("property") {
                        let col = text(p, src);
                        // the compared value: the other argument of eq(col, value)
                        let value = d
                            .parent()
                            .filter(|a| a.kind_str() == "arguments")
                            .and_then(|a| a.named_children().find(|x| x.id() != d.id()));
                        let f = column_filter(&cx.index, model, col, value);
                        if !matches!(f, Filter::None | Filter::Other) {
                            filter = filter.and(f);
                        }
                    }
                }
                "identifier"
                    if d.parent()
                        .is_some_and(|p| p.kind_str() != "member_expression") =>
                {
                    if let Some(v) = cx.index.resolve(func, text(d, src), call.start_byte())
                        && v.start_byte() < call.start_byte()
                        && v.id() != cond.id()
                    {
                        pending.push(v);
                    }
                }
                _ => {}
            }
        });
    }
    filter
}

/// `projects.orgId`, or `p.orgId` where `p` is the table parameter of a callback
/// inside the condition (`(p, { eq }) => eq(p.orgId, orgId)`).
fn names_table_column(member: Node<'_>, model: &Model, cond: Node<'_>, src: &str) -> bool {
    let Some(obj) = member.field("object") else {
        return false;
    };
    let obj_text = text(obj, src);
    if obj_text == model.name {
        return true;
    }
    if obj.kind_str() != "identifier" {
        return false;
    }
    let mut cur = member.parent();
    while let Some(n) = cur {
        if n.kind_str() == "arrow_function" || n.kind_str() == "function_expression" {
            let first = n
                .field("parameters")
                .and_then(|p| p.named_child(0))
                .or_else(|| n.field("parameter"));
            return first.is_some_and(|p| text(p, src) == obj_text);
        }
        if n.id() == cond.id() {
            break;
        }
        cur = n.parent();
    }
    false
}
