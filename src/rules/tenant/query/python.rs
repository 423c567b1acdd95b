//! Python data access: SQLAlchemy / SQLModel / Flask-SQLAlchemy, Django ORM and
//! supabase-py.

use crate::lang::syntax::Node;

use super::column_filter;
use super::{Access, Filter, TenantQuery};
use crate::facts::tenant::{Model, Origin};
use crate::lang::treesitter::{
    arguments, callee, enclosing_function, object_pairs, string_value, text, walk_node,
};
use crate::rules::FileCx;

pub(super) fn queries<'t>(cx: &FileCx<'t>, node: Node<'t>, out: &mut Vec<TenantQuery<'t, 't>>) {
    let src = cx.text();
    let data = &cx.facts.data;
    // Flask-SQLAlchemy: Model.query…  /  Django: Model.objects…
    if node.kind_str() == "attribute" {
        let (Some(obj), Some(attr)) = (node.field("object"), node.field("attribute")) else {
            return;
        };
        let Some(model) = data.class(cx.path, text(obj, src)) else {
            return;
        };
        let attr = text(attr, src);
        let style = match (attr, model.origin) {
            ("query", Origin::SqlAlchemy) => "Flask-SQLAlchemy",
            ("objects", Origin::Django) => "Django ORM",
            _ => return,
        };
        let (access, filter) = python_chain(cx, model, node, Filter::None);
        out.push(TenantQuery::new(
            model,
            node.byte_range(),
            access,
            filter,
            style,
        ));
        return;
    }
    if node.kind_str() != "call" {
        return;
    }
    let Some(f) = callee(node) else { return };
    let name = text(f, src);
    let last = name.rsplit('.').next().unwrap_or(name);
    let Some(args) = arguments(node) else { return };
    let first = args.named_child(0);
    let first_model = first.and_then(|a| data.class(cx.path, text(a, src)));
    // session.query(M), select(M), update(M), delete(M), session.get(M, id)
    if let Some(model) = first_model.filter(|m| m.origin == Origin::SqlAlchemy) {
        let (start, access) = match last {
            "query" if name.contains('.') => (Filter::None, Access::Read),
            "select" => (Filter::None, Access::Read),
            "update"
                if !name.contains('.')
                    || name.starts_with("sa.")
                    || name.starts_with("sqlalchemy.") =>
            {
                (Filter::None, Access::Update)
            }
            "delete"
                if !name.contains('.')
                    || name.starts_with("sa.")
                    || name.starts_with("sqlalchemy.") =>
            {
                (Filter::None, Access::Delete)
            }
            "get" | "get_one" if name.contains('.') => (Filter::PrimaryKey(None), Access::Read),
            _ => return,
        };
        let (chain_access, mut filter) = python_chain(cx, model, node, start);
        // stmt = select(M); stmt = stmt.where(…)
        if let Some(var) = assigned_name(node, src) {
            filter = filter.and(calls_on_variable(cx, model, node, &var));
        }
        out.push(TenantQuery::new(
            model,
            node.byte_range(),
            if access == Access::Read {
                chain_access
            } else {
                access
            },
            filter,
            "SQLAlchemy",
        ));
        return;
    }
    // get_object_or_404(Model, pk=…)
    if last == "get_object_or_404" || last == "get_list_or_404" {
        if let Some(model) = first_model.filter(|m| m.origin == Origin::Django) {
            let filter = kwargs_filter(&cx.index, model, args);
            out.push(TenantQuery::new(
                model,
                node.byte_range(),
                Access::Read,
                filter,
                "Django ORM",
            ));
        }
        return;
    }
    // supabase-py: client.table("t") / client.from_("t")
    if matches!(last, "table" | "from_")
        && let Some((table, _)) = first.and_then(|a| string_value(a, src))
        && let Some(model) = data.table(cx.path, &table)
    {
        let client_node = f.field("object");
        let client = client_node
            .map(|o| text(o, src).to_ascii_lowercase())
            .unwrap_or_default();
        // A client named for the service role, or created with the service-role key.
        let service_role = client.contains("admin")
            || client.contains("service")
            || client_node.is_some_and(|o| super::source::created_with_service_role(o, cx));
        let mut access = Access::Read;
        let mut filter = Filter::None;
        let mut counts_only = false;
        for (m, margs) in chain(node, src) {
            match m.as_str() {
                "insert" | "upsert" => return,
                "select" => counts_only = super::counts_only(margs, src),
                "update" => access = Access::Update,
                "delete" => access = Access::Delete,
                "eq" | "filter" | "in_" | "is_" | "contains" => {
                    if let Some(margs) = margs
                        && let Some((col, _)) =
                            margs.named_child(0).and_then(|c| string_value(c, src))
                    {
                        let value = margs.named_child(if m == "filter" { 2 } else { 1 });
                        filter = filter.and(column_filter(&cx.index, model, &col, value));
                    }
                }
                "match" => {
                    if let Some(d) = margs
                        .and_then(|a| a.named_child(0))
                        .filter(|d| d.kind_str() == "dictionary")
                    {
                        for (k, _, v) in object_pairs(d, src) {
                            filter = filter.and(column_filter(&cx.index, model, &k, Some(v)));
                        }
                    }
                }
                _ => {}
            }
        }
        let rls_enforced = data
            .rls(cx.path, &model.table)
            .is_some_and(|r| r.enforces(access));
        let method_start = f
            .field("attribute")
            .map_or(node.start_byte(), |a| a.start_byte());
        out.push(TenantQuery {
            model,
            report: method_start..node.end_byte(),
            access,
            filter,
            service_role,
            rls_enforced,
            client_factory: None,
            style: "supabase-py",
            counts_only,
        });
    }
}

/// Methods chained on a call or attribute: `x.filter(..).first()` -> [(filter, args), (first, args)].
fn chain<'t>(node: Node<'t>, src: &str) -> Vec<(String, Option<Node<'t>>)> {
    let mut out = Vec::new();
    let mut cur = node;
    while let Some(attr) = cur.parent().filter(|p| p.kind_str() == "attribute") {
        if attr.field("object").map(|o| o.id()) != Some(cur.id()) {
            break;
        }
        let Some(call) = attr.parent().filter(|p| p.kind_str() == "call") else {
            break;
        };
        let name = attr
            .field("attribute")
            .map(|a| text(a, src).to_string())
            .unwrap_or_default();
        out.push((name, arguments(call)));
        cur = call;
    }
    out
}

/// Access and filter of a SQLAlchemy / Django method chain.
fn python_chain<'t>(
    cx: &FileCx<'t>,
    model: &Model,
    root: Node<'t>,
    start: Filter<'t>,
) -> (Access, Filter<'t>) {
    let src = cx.text();
    let mut access = Access::Read;
    let mut filter = start;
    for (m, args) in chain(root, src) {
        match m.as_str() {
            "update" => access = Access::Update,
            "delete" => access = Access::Delete,
            "filter" | "where" | "filter_by" | "get" | "get_or_404" | "first_or_404" => {
                if let Some(args) = args {
                    if matches!(m.as_str(), "get" | "get_or_404")
                        && model.origin == Origin::SqlAlchemy
                    {
                        filter = filter.and(Filter::PrimaryKey(None));
                    } else {
                        filter = filter.and(condition_filter(cx, model, args, root));
                    }
                }
            }
            // Django: .get(pk=…), .filter(kw=…) handled above; exclude() narrows nothing
            _ => {}
        }
    }
    (access, filter)
}

/// The columns named by filter arguments: `M.org_id == x`, `org_id=x`, `and_(…)`,
/// `*conditions` built earlier in the function.
fn condition_filter<'t>(
    cx: &FileCx<'t>,
    model: &Model,
    args: Node<'t>,
    at: Node<'t>,
) -> Filter<'t> {
    let src = cx.text();
    let func = enclosing_function(at);
    let mut filter = kwargs_filter(&cx.index, model, args);
    let mut pending = vec![args];
    let mut seen = 0;
    while let Some(n) = pending.pop() {
        seen += 1;
        if seen > 16 {
            break;
        }
        walk_node(n, |d| match d.kind_str() {
            // Project.org_id == value
            "attribute" => {
                let (Some(obj), Some(attr)) = (d.field("object"), d.field("attribute")) else {
                    return;
                };
                if text(obj, src) != model.name {
                    return;
                }
                let value = d
                    .parent()
                    .filter(|p| p.kind_str() == "comparison_operator")
                    .and_then(|p| p.named_children().find(|x| x.id() != d.id()));
                let f = column_filter(&cx.index, model, text(attr, src), value);
                if !matches!(f, Filter::None) {
                    filter = filter.and(f);
                }
            }
            "identifier"
                if d.parent().is_some_and(|p| {
                    matches!(p.kind_str(), "list_splat" | "argument_list" | "call")
                }) =>
            {
                if let Some(v) = cx.index.resolve(func, text(d, src), at.start_byte()) {
                    pending.push(v);
                }
            }
            _ => {}
        });
    }
    filter
}

/// Keyword filters: `filter_by(org_id=…)`, Django `filter(organization=…)`, `get(pk=…)`.
fn kwargs_filter<'t>(
    ix: &crate::index::FileIndex<'t>,
    model: &Model,
    args: Node<'t>,
) -> Filter<'t> {
    let mut filter = Filter::None;
    for (k, _, v) in object_pairs(args, ix.src()) {
        filter = filter.and(column_filter(ix, model, &k, Some(v)));
    }
    filter
}

/// `stmt = select(M)`: the variable a query is assigned to.
fn assigned_name(node: Node<'_>, src: &str) -> Option<String> {
    let p = node.parent().filter(|p| p.kind_str() == "assignment")?;
    let left = p.field("left").filter(|l| l.kind_str() == "identifier")?;
    Some(text(left, src).to_string())
}

/// Filters added later to a query variable: `stmt = stmt.where(…)`.
fn calls_on_variable<'t>(cx: &FileCx<'t>, model: &Model, node: Node<'t>, var: &str) -> Filter<'t> {
    let src = cx.text();
    let func = enclosing_function(node);
    let mut filter = Filter::None;
    walk_node(func, |d| {
        if d.kind_str() != "call" || d.start_byte() <= node.start_byte() {
            return;
        }
        let Some(f) = callee(d).filter(|f| f.kind_str() == "attribute") else {
            return;
        };
        let (Some(obj), Some(attr)) = (f.field("object"), f.field("attribute")) else {
            return;
        };
        if text(obj, src) == var
            && matches!(text(attr, src), "where" | "filter" | "filter_by")
            && let Some(args) = arguments(d)
        {
            filter = filter.and(condition_filter(cx, model, args, d));
        }
    });
    filter
}
