//! Prisma `where` values: what they constrain (shared by the Prisma calls of
//! [`super::js`] and the query builders of [`super::node_orms`]).

use crate::lang::syntax::Node;

use super::{Filter, column_filter};
use crate::facts::tenant::{Model, lower_first};
use crate::lang::treesitter::{enclosing_function, key_text, text};
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
    let w = match w.kind_str() {
        "identifier" | "shorthand_property_identifier" => {
            match cx
                .index
                .resolve(enclosing_function(call), text(w, src), call.start_byte())
            {
                Some(v) => v,
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
                if key == "AND" || key == "$and" {
                    let items: Vec<Node<'t>> = if v.kind_str() == "array" {
                        v.named_children()
                            .filter(|i| i.kind_str() != "comment")
                            .collect()
                    } else {
                        vec![v]
                    };
                    items
                        .into_iter()
                        .map(|i| prisma_where(cx, model, i, call, depth + 1))
                        .fold(Filter::None, Filter::and)
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
