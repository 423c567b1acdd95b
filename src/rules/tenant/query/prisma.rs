//! Prisma `where` values: what they constrain (shared by the Prisma calls of
//! [`super::js`] and the query builders of [`super::node_orms`]).

use crate::lang::syntax::Node;

use super::{Filter, column_filter};
use crate::facts::tenant::{Model, lower_first};
use crate::lang::treesitter::{enclosing_function, key_text, text, walk_node};
use crate::rules::FileCx;

/// A Prisma `where` value: an object, a variable holding one, spreads, `AND` lists and
/// relation filters.
pub(super) fn prisma_where<'t>(
    cx: &FileCx<'t>,
    model: &Model,
    w: Node<'t>,
    call: Node<'t>,
    depth: usize,
) -> Filter<'t> {
    let src = cx.text();
    if depth > 4 {
        return Filter::Unknown;
    }
    // the keys of a `where` variable changed between its declaration and the query
    // (`where.OR = [{ name: … }]`, `delete where.OR`): what they held no longer filters
    let mut changed: Vec<&str> = Vec::new();
    let w = match w.kind_str() {
        "identifier" | "shorthand_property_identifier" => {
            match cx
                .index
                .resolve(enclosing_function(call), text(w, src), call.start_byte())
            {
                Some(v) => {
                    changed =
                        changed_keys(text(w, src), v.end_byte()..call.start_byte(), call, src);
                    v
                }
                None => return Filter::Unknown,
            }
        }
        "as_expression" | "satisfies_expression" | "parenthesized_expression" => {
            match w.named_child(0) {
                Some(inner) => return prisma_where(cx, model, inner, call, depth + 1),
                None => return Filter::Unknown,
            }
        }
        _ => w,
    };
    if w.kind_str() != "object" {
        return Filter::Unknown;
    }
    let mut filter = Filter::None;
    for child in w.named_children() {
        let f = match child.kind_str() {
            "pair" => {
                let (Some(k), Some(v)) = (child.field("key"), child.field("value")) else {
                    continue;
                };
                let key = key_text(k, src);
                if changed.contains(&key.as_str()) {
                    Filter::None
                } else if key == "AND" || key == "$and" {
                    conditions(v)
                        .into_iter()
                        .map(|i| prisma_where(cx, model, i, call, depth + 1))
                        .fold(Filter::None, Filter::and)
                } else if key == "OR" || key == "$or" {
                    // every alternative the tenant's rows, or rows shared by all tenants:
                    // `OR: [{ orgId: null }, { orgId }]`, `OR: [{ orgId }, { isGlobal: true }]`
                    let items = conditions(v);
                    let scoped = !items.is_empty()
                        && items.iter().all(|i| {
                            shared_rows(model, *i, src)
                                || matches!(
                                    prisma_where(cx, model, *i, call, depth + 1),
                                    Filter::Tenant(_)
                                )
                        });
                    if scoped {
                        Filter::Tenant(None)
                    } else {
                        Filter::Other
                    }
                } else if let Some((_, target)) = model.relations.iter().find(|(r, _)| *r == key)
                    && model.tenant.as_ref().and_then(|t| t.relation.as_deref())
                        != Some(key.as_str())
                {
                    // a relation filter through a tenant-scoped parent: { project: { orgId } }
                    match cx.facts.data.prisma(cx.path, &lower_first(target)) {
                        Some(parent) if parent.tenant.is_some() => {
                            match prisma_where(cx, parent, v, call, depth + 1) {
                                t @ Filter::Tenant(_) => t,
                                _ => Filter::None,
                            }
                        }
                        _ => Filter::None,
                    }
                } else {
                    column_filter(&cx.index, model, &key, Some(v))
                }
            }
            "shorthand_property_identifier" => {
                column_filter(&cx.index, model, text(child, src), Some(child))
            }
            "spread_element" => match child.named_child(0) {
                Some(inner) => prisma_where(cx, model, inner, call, depth + 1),
                None => Filter::Unknown,
            },
            _ => Filter::None,
        };
        filter = filter.and(f);
    }
    filter
}

/// A Prisma condition that selects rows every tenant shares: `{ orgId: null }`,
/// `{ isGlobal: true }`, `{ isPublic: true }`.
fn shared_rows(model: &Model, cond: Node<'_>, src: &str) -> bool {
    let pairs: Vec<Node<'_>> = cond
        .named_children()
        .filter(|c| c.kind_str() != "comment")
        .collect();
    let [pair] = pairs.as_slice() else {
        return false;
    };
    let (Some(k), Some(v)) = (pair.field("key"), pair.field("value")) else {
        return false;
    };
    let key = key_text(k, src);
    let value = text(v, src);
    (value == "null" && model.tenant.as_ref().is_some_and(|t| t.matches_key(&key)))
        || (value == "true" && super::shared_flag(&key))
}

/// The items of an `AND` or `OR`: the array's conditions, or the one condition given.
fn conditions(v: Node<'_>) -> Vec<Node<'_>> {
    if v.kind_str() == "array" {
        v.named_children()
            .filter(|i| i.kind_str() != "comment")
            .collect()
    } else {
        vec![v]
    }
}

/// The keys of object `name` that the function around `call` assigns or deletes within
/// `span`: `where.OR = …`, `where["OR"] = …`, `delete where.orgId`.
fn changed_keys<'s>(
    name: &str,
    span: std::ops::Range<usize>,
    call: Node<'_>,
    src: &'s str,
) -> Vec<&'s str> {
    let mut out = Vec::new();
    walk_node(enclosing_function(call), |n| {
        if !span.contains(&n.start_byte()) {
            return;
        }
        let target = match n.kind_str() {
            "assignment_expression" => n.field("left"),
            "unary_expression"
                if n.field("operator")
                    .is_some_and(|o| text(o, src) == "delete") =>
            {
                n.field("argument")
            }
            _ => None,
        };
        let Some(target) = target else { return };
        let key = match target.kind_str() {
            "member_expression" => target.field("property"),
            "subscript_expression" => target.field("index"),
            _ => None,
        };
        if let Some(key) = key
            && target.field("object").is_some_and(|o| text(o, src) == name)
        {
            out.push(text(key, src).trim_matches(['"', '\'', '`']));
        }
    });
    out
}
