//! Where the id a query filters by comes from: a row the request already holds (made by
//! it, or read for the caller's tenant or user), followed through the variables, loops
//! and array methods that carry it. Such an id is the server's, not the caller's.

use crate::lang::syntax::Node;
use crate::lang::treesitter::{destructured_key, enclosing_function, text, unwrap_value};
use crate::rules::FileCx;

use super::query::{self, Filter};

/// An id read from a row this request already holds: created or fetched by a query
/// earlier in the function (`const run = await prisma.agentRun.create(…)` then
/// `update({ where: { id: run.id } })`, `report.facility_id` of a report just fetched).
/// The id is the server's, not the caller's; if the row itself was fetched without a
/// tenant check, that earlier query is the finding. One problem, one finding.
pub fn id_from_row<'t>(cx: &FileCx<'t>, node: Node<'t>, id: Option<Node<'t>>) -> bool {
    let Some(id) = id else { return false };
    let src = cx.text();
    let Some(root) = row_of(cx, node, id, 4) else {
        return derived_from_rows(cx, enclosing_function(node), id, HOPS);
    };
    let name = text(root, src);
    // the functions around the query, then the module (a row fetched at its top level)
    let mut scopes = cx.index.enclosing_functions(node, 4);
    if scopes.len() < 4 {
        let mut top = node;
        while let Some(p) = top.parent() {
            top = p;
        }
        scopes.push(top);
    }
    for func in scopes {
        let values = in_scope(cx.index.assignments(func, name, root.start_byte()), root);
        if !values.is_empty() {
            // every value the variable may hold (`let { data: row } = …` and the
            // `row = created` of a branch that makes the row when none was found)
            return values.iter().all(|v| row_held(cx, func, *v, 3))
                || derived_from_rows(cx, enclosing_function(node), id, HOPS);
        }
    }
    derived_from_rows(cx, enclosing_function(node), id, HOPS)
}

/// How many steps [`derived_from_rows`] follows a value back: through variables, array
/// methods, loops, collections filled in place and the calls of private helpers.
const HOPS: usize = 28;

/// A parameter of a function private to its file (not exported) that every call of it
/// in the file hands such a value (`repointDrivers(admin, loserIds)` where `loserIds`
/// are ids of rows the caller read): the calls are all there are.
fn parameter_given_rows<'t>(cx: &FileCx<'t>, value: Node<'t>, name: &str, hops: usize) -> bool {
    private_arguments(cx, value, name).is_some_and(|args| {
        args.iter()
            .all(|a| derived_from_rows(cx, enclosing_function(*a), *a, hops - 1))
    })
}

/// What every call in the file hands the parameter `name` of the function around
/// `value` that declares it, when that function is private to its file (not exported)
/// and called: those calls are all there are. `None` otherwise.
fn private_arguments<'t>(cx: &FileCx<'t>, value: Node<'t>, name: &str) -> Option<Vec<Node<'t>>> {
    let (owner, calls) = cx
        .index
        .enclosing_functions(value, 4)
        .into_iter()
        .find_map(|f| Some((f, crate::flow::call_arguments(f, name, &cx.index)?)))?;
    (!crate::lang::treesitter::exported(owner) && !calls.is_empty())
        .then(|| calls.into_iter().map(|(_, a)| a).collect())
}

/// Whether every source of a value is a row the request holds, through the steps code
/// takes to make a list of ids from rows: `[...list].sort(…)`, `rows.filter(…).map((r)
/// => r.id)`, `[...new Set(ids)]`, `chunkIds(ids)`, `for (const batch of …)`, Prisma's
/// `{ in: ids }`. A source that is not such a row (a parameter, the request) fails it.
fn derived_from_rows<'t>(cx: &FileCx<'t>, func: Node<'t>, value: Node<'t>, hops: usize) -> bool {
    if hops == 0 {
        return false;
    }
    let src = cx.text();
    let value = unwrap_value(value, src);
    let all = |nodes: Vec<Node<'t>>| {
        !nodes.is_empty()
            && nodes
                .iter()
                .all(|n| derived_from_rows(cx, func, *n, hops - 1))
    };
    match value.kind_str() {
        "identifier" | "shorthand_property_identifier" => {
            let name = text(value, src);
            if let Some(collection) = crate::flow::loop_collection(value, name, src) {
                return derived_from_rows(cx, func, collection, hops - 1);
            }
            let values = in_scope(cx.index.assignments(func, name, value.start_byte()), value);
            // `const { machine, machineId } = ctx` of a context parameter: the `machine`
            // its callers put in the context
            if let [v] = values.as_slice()
                && matches!(unwrap_value(*v, src).kind_str(), "identifier")
                && let Some(key) = destructured_key(*v, name, src)
            {
                return field_derived(cx, func, *v, &key, hops - 1);
            }
            if values.is_empty() {
                // a closure's use of a variable of the function around it
                if let Some(outer) = crate::flow::closure_scope(func, name, src) {
                    return derived_from_rows(cx, outer, value, hops - 1);
                }
                return parameter_given_rows(cx, value, name, hops);
            }
            // a list or map made empty and filled in place holds what was put in it
            if values.iter().any(|v| empty_container(*v, src)) {
                return values.iter().all(|v| {
                    empty_container(*v, src)
                        || row_held(cx, func, *v, 3)
                        || derived_from_rows(cx, func, *v, hops - 1)
                }) && filled_from_rows(cx, func, name, hops - 1);
            }
            values
                .iter()
                .all(|v| row_held(cx, func, *v, 3) || derived_from_rows(cx, func, *v, hops - 1))
        }
        "member_expression" | "subscript_expression" => value
            .field("object")
            .is_some_and(|o| derived_from_rows(cx, func, o, hops - 1)),
        "spread_element" => value
            .named_child(0)
            .is_some_and(|o| derived_from_rows(cx, func, o, hops - 1)),
        "call_expression" | "new_expression" => {
            let Some(callee) = value
                .field("function")
                .or_else(|| value.field("constructor"))
            else {
                return false;
            };
            let args: Vec<Node<'t>> = value
                .field("arguments")
                .map(|a| {
                    a.named_children()
                        .filter(|c| {
                            !crate::lang::treesitter::is_function(*c)
                                && !matches!(c.kind_str(), "comment" | "number" | "string")
                        })
                        .collect()
                })
                .unwrap_or_default();
            match callee.kind_str() {
                // a method of the rows themselves
                "member_expression" => {
                    let method = callee.field("property").map_or("", |p| text(p, src));
                    let object = callee.field("object");
                    if matches!(
                        method,
                        "map"
                            | "filter"
                            | "flatMap"
                            | "flat"
                            | "slice"
                            | "sort"
                            | "toSorted"
                            | "reverse"
                            | "find"
                            | "findLast"
                            | "at"
                            | "concat"
                            | "values"
                            | "keys"
                    ) && object
                        .is_some_and(|o| o.kind_str() != "identifier" || text(o, src) != "Object")
                    {
                        return object.is_some_and(|o| derived_from_rows(cx, func, o, hops - 1))
                            && (method != "concat" || all(args));
                    }
                    // `Array.from(ids)`, `Object.values(byId)`
                    matches!(
                        text(callee, src),
                        "Array.from" | "Object.values" | "Object.keys"
                    ) && all(args)
                }
                // a helper handed only such values: `chunkIds(ids)`, `new Set(ids)`; or
                // one of the file's functions that returns only such values (`return
                // (data ?? []).map((r) => r.id)` of rows it read for the tenant)
                "identifier" => {
                    all(args)
                        || crate::flow::local_function(value, text(callee, src), &cx.index)
                            .is_some_and(|helper| {
                                // `return null` when nothing was found holds no row
                                let returned: Vec<Node<'t>> = crate::flow::return_values(helper)
                                    .into_iter()
                                    .filter(|r| !matches!(r.kind_str(), "null" | "undefined"))
                                    .collect();
                                !returned.is_empty()
                                    && returned
                                        .iter()
                                        .all(|r| derived_from_rows(cx, helper, *r, hops - 1))
                            })
                }
                _ => false,
            }
        }
        "array" => all(value
            .named_children()
            .filter(|c| c.kind_str() != "comment")
            .collect()),
        // Prisma's `{ in: ids }`
        "object" => {
            let pairs: Vec<Node<'t>> = value.named_children().collect();
            matches!(pairs.as_slice(), [p] if p.kind_str() == "pair"
                && p.field("key").is_some_and(|k| matches!(text(k, src), "in" | "equals")))
                && pairs[0]
                    .field("value")
                    .is_some_and(|v| derived_from_rows(cx, func, v, hops - 1))
        }
        // `ids.length ? ids : ['00000000-0000-0000-0000-000000000000']`: a placeholder
        // written in the code stands for no id at all
        "ternary_expression" => all([value.field("consequence"), value.field("alternative")]
            .into_iter()
            .flatten()
            .filter(|b| {
                !(b.kind_str() == "array"
                    && b.named_children()
                        .all(|c| matches!(c.kind_str(), "string" | "comment")))
            })
            .collect()),
        _ => false,
    }
}

/// Whether the field `key` of an object is a row the request holds, or derived from
/// one: the value an object literal gives it (`{ machine, machineId }` built by the
/// caller), through the variable that holds the object and, for a parameter of a
/// function private to its file, through every call of it (`handleStartRun(actionCtx)`).
fn field_derived<'t>(
    cx: &FileCx<'t>,
    func: Node<'t>,
    object: Node<'t>,
    key: &str,
    hops: usize,
) -> bool {
    if hops == 0 {
        return false;
    }
    let src = cx.text();
    let object = unwrap_value(object, src);
    match object.kind_str() {
        "object" => object.named_children().any(|c| match c.kind_str() {
            // the caller's own value, or an id it looked a row up by for the caller
            // (`.eq("id", machineId)` through a client that runs as them) first
            "shorthand_property_identifier" if text(c, src) == key => {
                derived_from_rows(cx, func, c, hops - 1)
                    || earlier_tenant_lookup(cx, c, None, Some(c))
            }
            "pair" if c.field("key").is_some_and(|k| text(k, src) == key) => {
                c.field("value").is_some_and(|v| {
                    row_held(cx, func, v, 3)
                        || derived_from_rows(cx, func, v, hops - 1)
                        || earlier_tenant_lookup(cx, v, None, Some(v))
                })
            }
            _ => false,
        }),
        "identifier" => {
            let name = text(object, src);
            let values = in_scope(
                cx.index.assignments(func, name, object.start_byte()),
                object,
            );
            if !values.is_empty() {
                return values
                    .iter()
                    .all(|v| field_derived(cx, func, *v, key, hops - 1));
            }
            // a parameter: what every call of the function hands it
            private_arguments(cx, object, name).is_some_and(|args| {
                args.iter()
                    .all(|a| field_derived(cx, enclosing_function(*a), *a, key, hops - 1))
            })
        }
        _ => false,
    }
}

/// An earlier query in the function that filtered by tenant, ran as the caller under
/// row level security that holds the tenant, or whose row was checked against the
/// tenant right after, and names the same id:
/// of the same model (`findFirst({ where: { id, orgId } })` before `update({ where: { id }
/// })`), or, for the rows of a parent (`.eq("domain_id", domain_id)`), of any model (the
/// parent looked up with `.eq("id", domain_id).eq("company_id", …)` first).
pub(super) fn earlier_tenant_lookup<'t>(
    cx: &FileCx<'t>,
    node: Node<'t>,
    same_model: Option<&crate::facts::tenant::Model>,
    id: Option<Node<'t>>,
) -> bool {
    use crate::lang::treesitter::walk_node;
    let src = cx.text();
    // the earlier query must look up the same id (`id`, `req.params.id`)
    let id_text = id.map(|i| text(i, src));
    if same_model.is_none() && id_text.is_none() {
        return false;
    }
    let func = enclosing_function(node);
    for &n in cx
        .index
        .nodes_of_kinds(func, query::node_kinds(cx.lang))
        .iter()
    {
        if n.start_byte() >= node.start_byte() {
            break;
        }
        if n.id() == node.id() {
            continue;
        }
        // the models the earlier node queries with a tenant filter, or whose row it
        // checks right after (`assertSocieteAccess(existing.societe_id)`), asked once
        let tenant_held = cx.index.memo("tenant-held models", n, || {
            query::find_any(cx, n)
                .iter()
                .filter(|q| q.model.tenant.is_some())
                .filter(|q| {
                    matches!(q.filter, Filter::Tenant(_))
                        // read through a client that runs as the caller, under policies
                        // that hold the tenant: only a row the caller may see comes back
                        || (q.rls_enforced && !q.service_role && q.client_factory.is_none())
                        || q.model.tenant.as_ref().is_some_and(|t| {
                            query::source::row_checked_after(
                                cx,
                                n,
                                &[t.field.as_str(), t.column.as_str()],
                            )
                        })
                        // or the holder of its token (`contrat.token_signature !== token`)
                        || query::source::token_checked_after(cx, n)
                        // or tied to a record of the caller's (`row.supplier_id === supplier.id`)
                        || query::source::linked_to_callers_row(cx, n)
                })
                .map(|q| q.model.name.clone())
                .collect::<Vec<String>>()
        });
        let wanted = match same_model {
            Some(m) => tenant_held.contains(&m.name),
            None => !tenant_held.is_empty(),
        };
        if !wanted {
            continue;
        }
        // the earlier query's whole statement (its root node may be just `Model.query`)
        let mut stmt = n;
        while let Some(p) = stmt.parent() {
            if p.id() == func.id()
                || p.kind_str().ends_with("statement")
                || p.kind_str().ends_with("declaration")
            {
                break;
            }
            stmt = p;
        }
        // in a block the query is also in, not another branch (`if (action === "a") {…}`)
        let block = stmt.parent().and_then(|decl| decl.parent());
        if block.is_some_and(|b| b.end_byte() < node.start_byte()) {
            continue;
        }
        // the id as code in it, not a column named in a string (`select("domain_id")`)
        let Some(t) = id_text else { return true };
        let mut same_id = false;
        walk_node(stmt, |m| {
            same_id |= matches!(
                m.kind_str(),
                "identifier"
                    | "shorthand_property_identifier"
                    | "member_expression"
                    | "attribute"
                    | "subscript_expression"
                    | "subscript"
            ) && text(m, src) == t;
        });
        if same_id {
            return true;
        }
    }
    false
}

/// `[]`, `new Map()`, `new Set()`: a collection that starts empty.
fn empty_container(value: Node<'_>, src: &str) -> bool {
    let value = unwrap_value(value, src);
    match value.kind_str() {
        "array" => value.named_child_count() == 0,
        "new_expression" => {
            value
                .field("constructor")
                .is_some_and(|c| matches!(text(c, src), "Map" | "Set" | "Array"))
                && value
                    .field("arguments")
                    .is_none_or(|a| a.named_child_count() == 0)
        }
        _ => false,
    }
}

/// Whether everything a function puts into the collection `name` is derived from rows:
/// `ids.push(r.id)`, `seen.add(id)`, `byEmail.set(key, [])` then `byEmail.get(key)!.push(r)`
/// (a map's keys are only looked up by; its values are what it holds).
fn filled_from_rows<'t>(cx: &FileCx<'t>, func: Node<'t>, name: &str, hops: usize) -> bool {
    if hops == 0 {
        return false;
    }
    let src = cx.text();
    // the collection itself, or the entry of a map it holds (`byEmail.get(key)!`)
    let is_collection = |o: Node<'t>| {
        let o = unwrap_value(o, src);
        match o.kind_str() {
            "identifier" => text(o, src) == name,
            "call_expression" => o.field("function").is_some_and(|f| {
                f.kind_str() == "member_expression"
                    && f.field("property").is_some_and(|p| text(p, src) == "get")
                    && f.field("object")
                        .is_some_and(|x| x.kind_str() == "identifier" && text(x, src) == name)
            }),
            _ => false,
        }
    };
    cx.index
        .nodes_of_kinds(func, &["call_expression"])
        .iter()
        .all(|call| {
            let Some(f) = call
                .field("function")
                .filter(|f| f.kind_str() == "member_expression")
            else {
                return true;
            };
            let method = f.field("property").map_or("", |p| text(p, src));
            if !matches!(method, "push" | "unshift" | "add" | "set")
                || !f.field("object").is_some_and(is_collection)
            {
                return true;
            }
            let args: Vec<Node<'t>> = call
                .field("arguments")
                .map(|a| {
                    a.named_children()
                        .filter(|c| c.kind_str() != "comment")
                        .collect()
                })
                .unwrap_or_default();
            let put = if method == "set" {
                &args[args.len().min(1)..]
            } else {
                &args[..]
            };
            put.iter()
                .all(|v| empty_container(*v, src) || derived_from_rows(cx, func, *v, hops - 1))
        })
}

/// Of the values assigned to a name before `at` in a function, those the name may hold
/// there: from its last declaration whose block is around `at` (`const row` of another
/// `case` or branch is another variable), then every later assignment to it.
fn in_scope<'t>(values: Vec<Node<'t>>, at: Node<'t>) -> Vec<Node<'t>> {
    let declared = |v: &Node<'t>| {
        v.parent()
            .filter(|d| d.kind_str() == "variable_declarator")
            .and_then(|d| d.parent())
            .and_then(|decl| decl.parent())
    };
    let visible = |v: &Node<'t>| {
        declared(v).is_none_or(|block| {
            block.start_byte() <= at.start_byte() && at.end_byte() <= block.end_byte()
        })
    };
    let kept: Vec<Node<'t>> = values.into_iter().filter(visible).collect();
    let from = kept
        .iter()
        .rposition(|v| declared(v).is_some())
        .unwrap_or(0);
    kept[from..].to_vec()
}

/// Whether a value assigned to a row variable is a row this request may hold: one it made,
/// one fetched for the caller's tenant or user, or one fetched by a lookup that is itself
/// reported (not one that only an open read policy let through). A query built in steps
/// (`let q = admin.from(…).eq("company_id", id); q = q.limit(n); const { data } = await q`)
/// is followed through the variable that holds it; `[]` and `null` hold no row.
fn row_held<'t>(cx: &FileCx<'t>, func: Node<'t>, value: Node<'t>, hops: usize) -> bool {
    let src = cx.text();
    let value = unwrap_value(value, src);
    match value.kind_str() {
        "null" | "undefined" | "none" => return true,
        "array" | "list" if value.named_child_count() == 0 => return true,
        _ => {}
    }
    // a row this request made
    let t = text(value, src);
    if [".create(", ".insert(", ".upsert(", ".createMany(", ".save("]
        .iter()
        .any(|c| t.contains(c))
    {
        return true;
    }
    let mut queried = false;
    let mut held = false;
    crate::lang::treesitter::walk_node(value, |n| {
        if held || !query::node_kinds(cx.lang).contains(&n.kind_str()) {
            return;
        }
        // rows of any model read by the caller's own id are theirs (`leads` of
        // `.eq("user_id", user.id)`); a tenant-scoped read without a filter is reported
        // itself (one problem, one finding)
        let found = query::find_any(cx, n);
        queried |= !found.is_empty();
        held = found.iter().any(|q| match q.filter {
            Filter::Tenant(_) | Filter::User => true,
            Filter::Unknown => false,
            _ => {
                q.model.tenant.is_some()
                    && !super::open_by_policy(cx, q)
                    // reported itself, or read as the caller under policies that hold
                    // the tenant: only a row the caller may see comes back
                    && (q.service_role
                        || !q.rls_enforced
                        || q.client_factory.is_none())
            }
        });
    });
    if queried || hops == 0 {
        return held;
    }
    if filters_a_tenant_column(cx, value) {
        return true;
    }
    // the variable a query was built in: the root of `q`, `q.limit(n)`, `q.range(a, b)`
    let Some(root) = builder_root(value) else {
        return false;
    };
    let within =
        |v: &Node<'t>| v.start_byte() <= value.start_byte() && value.end_byte() <= v.end_byte();
    let name = text(root, src);
    // `query = query.eq("status", status)`: a narrowing of the same query, which holds
    // what the query held
    let narrows = |v: &Node<'t>| builder_root(*v).is_some_and(|r| text(r, src) == name);
    let values: Vec<Node<'t>> = in_scope(
        cx.index
            .assignments(func, name, value.start_byte())
            .into_iter()
            .filter(|v| !within(v) && !narrows(v))
            .collect(),
        value,
    );
    !values.is_empty() && values.iter().all(|v| row_held(cx, func, *v, hops - 1))
}

/// The variable at the root of a chain of calls and members: `q` of `q`, `q.limit(n)`,
/// `q.range(a, b).order("x")`.
fn builder_root(value: Node<'_>) -> Option<Node<'_>> {
    let mut root = value;
    loop {
        root = match root.kind_str() {
            "call_expression" | "call" => root.field("function")?,
            "member_expression" | "attribute" => root.field("object")?,
            "identifier" => return Some(root),
            _ => return None,
        };
    }
}

/// A query of a table named at run time (`admin.from(table)`, which no model matches)
/// that filters by a tenant column of the data model (`.eq("societe_id", societeId)`):
/// whichever table it is, its rows are that tenant's.
fn filters_a_tenant_column<'t>(cx: &FileCx<'t>, value: Node<'t>) -> bool {
    let src = cx.text();
    let mut found = false;
    crate::lang::treesitter::walk_node(value, |n| {
        if found || n.kind_str() != "call_expression" {
            return;
        }
        let Some(callee) = n
            .field("function")
            .filter(|f| f.kind_str() == "member_expression")
        else {
            return;
        };
        if callee
            .field("property")
            .is_some_and(|p| text(p, src) == "from")
        {
            found = n
                .field("arguments")
                .and_then(|a| a.named_child(0))
                .is_some_and(|a| a.kind_str() == "identifier")
                && query::supabase_chain(n, &cx.index).iter().any(|(m, args)| {
                    let column = args
                        .and_then(|a| a.named_child(0))
                        .and_then(|c| crate::lang::treesitter::string_value(c, src));
                    m == "eq"
                        && column.is_some_and(|(column, _)| {
                            cx.facts.data.models.iter().any(|model| {
                                model.tenant.as_ref().is_some_and(|t| t.column == column)
                            })
                        })
                });
        }
    });
    found
}

/// The variable holding the row (or rows) an id is read from: `run` for `run.id`,
/// `runId` bound to `run.data.id`, `f.id as string`, `f.id` of `for (const f of
/// factures)` (then `factures`), `rows.map((r) => r.id)` (then `rows`).
fn row_of<'t>(cx: &FileCx<'t>, node: Node<'t>, id: Node<'t>, hops: usize) -> Option<Node<'t>> {
    let src = cx.text();
    // `rows || []`, `f.id as string`, `await x`
    let id = unwrap_value(id, src);
    if hops == 0 {
        return None;
    }
    // a loop variable stands for its collection
    let collection = |v: Node<'t>| {
        crate::flow::loop_collection(v, text(v, src), src)
            .map(|c| row_of(cx, node, c, hops - 1).unwrap_or(c))
    };
    match id.kind_str() {
        "identifier" => {
            let func = enclosing_function(node);
            let name = text(id, src);
            if let Some(v) = cx.index.resolve(func, name, id.start_byte()) {
                // bound to a row's field, or to the row (list) itself
                return row_of(cx, node, v, hops - 1).or(Some(id));
            }
            collection(id).filter(|c| c.kind_str() == "identifier")
        }
        "member_expression" | "attribute" => {
            // the root of the chain: `run` in `run.data.id`
            let mut root = id;
            while let Some(o) = root.field("object") {
                root = o;
            }
            if root.kind_str() != "identifier" {
                return None;
            }
            match collection(root) {
                Some(c) => (c.kind_str() == "identifier").then_some(c),
                None => Some(root),
            }
        }
        // `rows.map((r) => r.id)`, `rows.filter(…).map(…)`
        "call_expression" => {
            let f = id.field("function")?;
            let method = f.field("property").map(|p| text(p, src))?;
            if !matches!(method, "map" | "filter" | "flatMap" | "slice" | "concat") {
                return None;
            }
            row_of(cx, node, f.field("object")?, hops - 1)
        }
        _ => None,
    }
}
