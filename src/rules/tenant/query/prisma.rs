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
                    changed = changed_keys(text(w, src), &src[v.end_byte()..call.start_byte()]);
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
                } else if key == "OR" || key == "$or" {
                    // every alternative the tenant's rows, or rows shared by all tenants:
                    // `OR: [{ orgId: null }, { orgId }]`, `OR: [{ orgId }, { isGlobal: true }]`
                    let items: Vec<Node<'t>> = if v.kind_str() == "array" {
                        v.named_children()
                            .filter(|i| i.kind_str() != "comment")
                            .collect()
                    } else {
                        vec![v]
                    };
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
        || (value == "true"
            && matches!(
                key.as_str(),
                "isGlobal" | "isPublic" | "global" | "public" | "isShared" | "shared" | "isSystem"
            ))
}

/// The keys of object `name` that code assigns or deletes: `where.OR = …`, `delete
/// where.orgId`, `where["OR"] = …`.
fn changed_keys<'s>(name: &str, code: &'s str) -> Vec<&'s str> {
    let mut out = Vec::new();
    let mut rest = code;
    let mut offset = 0;
    while let Some(i) = rest.find(name) {
        let at = offset + i;
        let before_ok = code[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '$' || c == '.'));
        let after = &code[at + name.len()..];
        let key = after
            .strip_prefix('.')
            .map(|k| {
                let end = k
                    .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
                    .unwrap_or(k.len());
                &k[..end]
            })
            .or_else(|| {
                let k = after
                    .strip_prefix("[\"")
                    .or_else(|| after.strip_prefix("['"))?;
                k.find(['"', '\'']).map(|e| &k[..e])
            });
        if before_ok && let Some(key) = key.filter(|k| !k.is_empty()) {
            let tail = after[after.find(key).map_or(0, |p| p + key.len())..].trim_start();
            let tail = tail.trim_start_matches([']', '"', '\'']).trim_start();
            let assigned = tail.starts_with('=') && !tail.starts_with("==");
            let deleted = code[..at].trim_end().ends_with("delete");
            if assigned || deleted {
                out.push(key);
            }
        }
        offset = at + name.len();
        rest = &code[offset..];
    }
    out
}
