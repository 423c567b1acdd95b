//! `tenant/missing-org-filter`: a read, update or delete of a tenant-scoped model that
//! does not filter on its tenant column.

use crate::lang::syntax::Node;

use super::exempt_file;
use super::query::{self, Access, Filter};
use crate::lang::Lang;
use crate::lang::rust::{RustNode, span_range};
use crate::finding::Condition;
use crate::rules::{FileCx, Rule, RuleMeta, Sink};
use crate::lang::treesitter::enclosing_function;

crate::declare_rule! {
    MissingOrgFilter {
        id: "tenant/missing-org-filter",
        title: "Query on tenant-scoped data without a tenant filter",
        severity: High, confidence: Medium, tier: 1, cwe: [639, 284],
        languages: [TypeScript, Tsx, JavaScript, Python, Rust],
        why: "Without the tenant filter the query reads or changes other organizations' rows: a cross-tenant data leak.",
        fix: "Constrain the query by the tenant column with the caller's tenant from the session, or check the record's tenant right after looking it up by id.",
        docs: "missing_org_filter.md",
    }
}

impl Rule for MissingOrgFilter {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn node_kinds(&self, lang: Lang) -> &'static [&'static str] {
        query::node_kinds(lang)
    }

    fn wants_rust(&self) -> bool {
        true
    }

    /// SQL in Rust: `sqlx::query!("…")`, `query_as!`, `sqlx::query("…")` and any other
    /// string literal that parses as a query, checked against the SQL migrations.
    fn check_rust(&self, cx: &FileCx<'_>, node: RustNode<'_>, out: &mut Sink) {
        if cx.facts.data.models.is_empty() || exempt_file(cx) {
            return;
        }
        // diesel and sea-orm chains, judged at their terminal call
        if let RustNode::Expr(expr) = node
            && let Some(q) = query::rust::find(cx, expr)
        {
            let Some(t) = &q.model.tenant else { return };
            let missing = match q.filter {
                query::rust::RustFilter::Tenant(_) | query::rust::RustFilter::User => false,
                query::rust::RustFilter::PrimaryKey => {
                    !rust_tenant_checked_at(cx, q.report.start, &t.field)
                }
                query::rust::RustFilter::None => true,
            };
            if missing && !crate::flow::guards::rust_staff_guard_before(cx.text(), q.report.start) {
                let how = if q.filter == query::rust::RustFilter::PrimaryKey {
                    "looks it up by id and never checks its tenant"
                } else {
                    "has no filter on it"
                };
                out.report(
                    q.report.clone(),
                    format!(
                        "{} query {} `{}`, which is tenant-scoped by `{}`, but {how}",
                        q.style,
                        verb(q.access),
                        q.model.name,
                        t.field
                    ),
                )
                .unless(rust_dead_code(cx, q.report.start, &t.field));
            }
            return;
        }
        let RustNode::Expr(syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(lit),
            ..
        })) = node
        else {
            return;
        };
        let sql_text = lit.value();
        if !query::raw_sql::looks_like_sql_text(&sql_text) {
            return;
        }
        let sql_text = crate::lang::sql::normalize_placeholders(&sql_text);
        for (model, access, filter) in query::raw_sql::analyze(cx, &sql_text) {
            if matches!(filter, Filter::None | Filter::Other | Filter::PrimaryKey(_)) {
                let Some(t) = &model.tenant else { continue };
                // a condition built from fragments, one of them on the tenant column
                let at = span_range(cx.src, lit.span()).start;
                if query::raw_sql::built_condition(&sql_text)
                    && query::raw_sql::builds_condition_on(
                        crate::lang::rust::fn_text(cx.text(), at),
                        &[t.column.as_str(), t.field.as_str()],
                    )
                {
                    continue;
                }
                // by-id lookups followed by a tenant check are judged on the function text
                if matches!(filter, Filter::PrimaryKey(_)) && rust_tenant_checked(cx, lit, &t.field)
                {
                    continue;
                }
                let at = span_range(cx.src, lit.span());
                if crate::flow::guards::rust_staff_guard_before(cx.text(), at.start) {
                    continue;
                }
                out.report(
                    at.clone(),
                    format!(
                        "raw SQL query {} `{}`, which is tenant-scoped by `{}`, but {}",
                        verb(access),
                        model.name,
                        t.field,
                        how(&filter)
                    ),
                )
                .unless(rust_dead_code(cx, at.start, &t.field));
            }
        }
    }

    fn check_node<'a>(&self, cx: &FileCx<'a>, node: Node<'a>, out: &mut Sink) {
        if cx.facts.data.models.is_empty() || exempt_file(cx) || webhook_handler(cx) {
            return;
        }
        for q in query::find_any(cx, node).iter() {
            let Some(t) = &q.model.tenant else { continue };
            // Looking up a user row (by id, auth id, email) is the user itself, unless the
            // id is one the client sends (a body field, a server action's argument): that
            // row is anyone's
            let user_row = is_user_model(&q.model.name);
            if user_row
                && !matches!(q.filter, Filter::None)
                && !matches!(q.filter, Filter::PrimaryKey(Some(id))
                    if crate::flow::request::from_client(id, &cx.index)
                        && !query::source::id_compared_with_caller(cx, id))
            {
                continue;
            }
            let missing = match q.filter {
                Filter::Tenant(_) | Filter::User | Filter::Unknown => false,
                Filter::PrimaryKey(id) | Filter::Parent(id) => {
                    // a helper handed a row's id leaves its check to the caller; one
                    // handed a parent's id lists that parent's rows for whoever asks
                    let by_id = matches!(q.filter, Filter::PrimaryKey(_));
                    let fields = [t.field.as_str(), t.column.as_str()];
                    // after the lookup, the row's tenant or its owner compared with the
                    // caller (`is_client = engagement.user_id == current_user.id`)
                    let mut owned: Vec<&str> = fields.to_vec();
                    owned.extend(q.model.user_fields.iter().map(String::as_str));
                    let checked = query::tenant_checked_in_function(&cx.index, node, q.model)
                        || query::source::row_checked_after(cx, node, &owned)
                        || query::source::token_checked_after(cx, node)
                        || query::source::linked_to_callers_row(cx, node)
                        || super::row_ids::earlier_tenant_lookup(cx, node, by_id.then_some(q.model), id)
                        || (by_id && returned_by_helper(node))
                        || (by_id && id_from_caller(cx, node, id))
                        || id_from_session(cx, id)
                        || super::row_ids::id_from_row(cx, node, id)
                        || id.is_some_and(|id| query::source::id_checked_before(cx, id, &fields));
                    !checked
                }
                // a row looked up by another key (a serial number, a slug) whose tenant
                // is compared with the caller's before it is used, as a by-id lookup's is
                Filter::Other => {
                    q.access != Access::Read || {
                        let mut owned = vec![t.field.as_str(), t.column.as_str()];
                        owned.extend(q.model.user_fields.iter().map(String::as_str));
                        !query::source::row_checked_after(cx, node, &owned)
                            && !query::source::token_checked_after(cx, node)
                    }
                }
                Filter::None => true,
            };
            if !missing
                || (q.access == Access::Read
                    && (q.counts_only
                        || narrowed_to_caller(cx, node)
                        || membership_only(cx, node)
                        || (matches!(q.filter, Filter::None) && whole_table_count(cx, node))
                        || (matches!(q.filter, Filter::None | Filter::Other)
                            && super::batch_job::rows_stay_inside(cx, node))
                        // a probe among the children of a parent the client names
                        // (`.eq("customer_id", body.customer_id).eq("email", email)`)
                        // tells what another tenant's customer holds
                        || (existence_only(cx, node)
                            && !matches!(q.filter, Filter::Parent(Some(v))
                                if crate::flow::request::from_client(v, &cx.index)))))
                || super::open_by_policy(cx, q)
                || crate::rules::gates::scheduled_job(cx, node)
                || query::source::platform_admin_checked_before(cx, node)
            {
                continue;
            }
            // held by row level security, unless the client another module makes
            // turns out to run as service_role
            let mut unless = super::staff_only(cx, node);
            if q.rls_enforced && !q.service_role {
                let Some(callee) = q.client_factory.clone() else {
                    continue;
                };
                // through a helper's client, only a row the caller names by id: lists
                // and lookups by a parent's id follow checks of the parent, and ids of
                // rows fetched for the caller's organization, far too often to tell here
                let Filter::PrimaryKey(Some(id)) = q.filter else {
                    continue;
                };
                if !query::source::from_client(id, &cx.index) {
                    continue;
                }
                unless.push(Condition::ClientNotServiceRole {
                    callee,
                    caller: super::function_name(cx, node),
                });
            }
            // a user id that is only a server action's argument comes from the browser
            // only if browser code can call the action
            if let Filter::PrimaryKey(Some(id)) = q.filter
                && user_row
                && let Some(function) = crate::flow::request::only_action_argument(id, &cx.index)
            {
                unless.push(Condition::ActionCalledOnServer { function });
            }
            let verb = verb(q.access);
            let how = how(&q.filter);
            let rls = if q.service_role {
                " (through a service-role client, which bypasses row level security)".to_string()
            } else if let Some(factory) = &q.client_factory {
                format!(
                    " (through the client `{factory}()` makes with the service-role key, which bypasses row level security)"
                )
            } else {
                String::new()
            };
            out.report(
                q.report.clone(),
                format!(
                    "{} query {verb} `{}`, which is tenant-scoped by `{}`, but {how}{rls}",
                    q.style, q.model.name, t.field
                ),
            )
            .unless(unless);
        }
    }
}



/// Rows read whole and narrowed in memory to the caller's own before any other use:
/// `const { data: candidates } = await admin.from("employes").select("id, email")`,
/// then only `(candidates || []).filter((e) => e.email.toLowerCase() === lower)`, where
/// `lower` is the signed-in caller's address (or `.find((m) => m.user_id === user.id)`).
/// Only the caller's rows go on.
fn narrowed_to_caller<'t>(cx: &FileCx<'t>, node: Node<'t>) -> bool {
    use crate::lang::treesitter::{text, unwrap_value};
    let src = cx.text();
    let func = enclosing_function(node);
    let Some((decl, pattern)) = query::source::declaration_around(node) else {
        return false;
    };
    // `const { data: rows }`, `const { data }`
    if pattern.kind_str() != "object_pattern" {
        return false;
    }
    let Some(name) = rows_name(pattern, src) else {
        return false;
    };
    let uses = later_uses(cx, func, name, decl.end_byte());
    let narrowing = |use_: Node<'t>| {
        // `(rows || [])`, `rows ?? []`
        let mut at = use_;
        while let Some(p) = at.parent()
            && (matches!(p.kind_str(), "parenthesized_expression")
                || (p.kind_str() == "binary_expression" && unwrap_value(p, src).id() == use_.id()))
        {
            at = p;
        }
        let Some(member) = at.parent().filter(|m| {
            m.kind_str() == "member_expression"
                && m.field("property")
                    .is_some_and(|p| matches!(text(p, src), "filter" | "find"))
        }) else {
            return false;
        };
        let Some(callback) = member
            .parent()
            .filter(|c| c.kind_str() == "call_expression")
            .and_then(|c| c.field("arguments"))
            .and_then(|a| a.named_child(0))
            .filter(|c| crate::lang::treesitter::is_function(*c))
        else {
            return false;
        };
        cx.index
            .nodes_of_kinds(callback, &["binary_expression"])
            .iter()
            .any(|b| {
                b.field("operator")
                    .is_some_and(|o| matches!(text(o, src), "===" | "=="))
                    && [b.field("left"), b.field("right")].into_iter().flatten().any(|side| {
                        query::source::is_caller_email(&cx.index, side)
                            || query::source::is_caller_id(&cx.index, side)
                    })
            })
    };
    !uses.is_empty() && uses.into_iter().all(narrowing)
}

/// A count of every row of the table, asked with no condition at all:
/// `db.query(Report).count()`, `Report.objects.count()`, `Report.objects.all().count()`,
/// `prisma.report.count()`. One number of the whole platform leaves (a marketing page's
/// "1,200 reports generated"), none of a tenant's rows; a count with a condition
/// (`prisma.template.count({ where })` beside a listing) is judged as its query.
fn whole_table_count<'t>(cx: &FileCx<'t>, node: Node<'t>) -> bool {
    use crate::lang::treesitter::text;
    let src = cx.text();
    let no_args = |call: Node<'t>| {
        call.field("arguments")
            .is_some_and(|a| a.named_children().all(|c| c.kind_str() == "comment"))
    };
    let mut at = node;
    for _ in 0..6 {
        // `at` is a call or a name: what calls a method of it
        let (property, call) = match at.kind_str() {
            "call" | "call_expression" => match at.field("function") {
                Some(f) if matches!(f.kind_str(), "attribute" | "member_expression") => {
                    (f.field("attribute").or_else(|| f.field("property")), at)
                }
                _ => (None, at),
            },
            _ => (None, at),
        };
        if let Some(p) = property {
            match text(p, src) {
                "count" | "countDocuments" | "estimatedDocumentCount" => return no_args(call),
                "all" | "query" if no_args(call) => {}
                _ if call.id() != node.id() => return false,
                _ => {}
            }
        }
        // up to the method called on it: `<at>.count()`
        let Some(member) = at
            .parent()
            .filter(|m| matches!(m.kind_str(), "attribute" | "member_expression"))
            .filter(|m| m.field("object").is_some_and(|o| o.id() == at.id()))
        else {
            return false;
        };
        let Some(next) = member
            .parent()
            .filter(|c| matches!(c.kind_str(), "call" | "call_expression"))
        else {
            // `Report.objects` on the way to `.count()`
            at = member;
            continue;
        };
        at = next;
    }
    false
}

/// Rows read only to be turned into a set of keys that is asked nothing but whether it
/// holds a value: `const { data: pending } = await admin.from("human_tasks").select(
/// "dedupe_key")…`, then `const seen = new Set((pending || []).map((t) => t.dedupe_key))`
/// and only `seen.has(key)`. A dedupe or suppression list: none of the rows leaves, and
/// what the code learns is whether a key it already holds is taken.
fn membership_only<'t>(cx: &FileCx<'t>, node: Node<'t>) -> bool {
    use crate::lang::treesitter::{text, unwrap_value};
    let src = cx.text();
    let func = enclosing_function(node);
    let Some((decl, pattern)) = query::source::declaration_around(node) else {
        return false;
    };
    let Some(name) = rows_name(pattern, src) else {
        return false;
    };
    // `new Set(rows.map(…))`, `new Set((rows || []).map(…))`, `new Set(rows)`: the name
    // the set is bound to
    let set_of = |use_: Node<'t>| -> Option<Node<'t>> {
        let mut at = use_;
        while let Some(p) = at.parent()
            && matches!(p.kind_str(), "parenthesized_expression" | "binary_expression")
            && unwrap_value(p, src).id() == use_.id()
        {
            at = p;
        }
        // `.map((t) => t.key)`
        if let Some(call) = at
            .parent()
            .filter(|m| {
                m.kind_str() == "member_expression"
                    && m.field("property").is_some_and(|p| text(p, src) == "map")
            })
            .and_then(|m| m.parent())
            .filter(|c| c.kind_str() == "call_expression")
        {
            at = call;
        }
        let set = at
            .parent()
            .filter(|a| a.kind_str() == "arguments")
            .and_then(|a| a.parent())
            .filter(|n| {
                n.kind_str() == "new_expression"
                    && n.field("constructor").is_some_and(|c| text(c, src) == "Set")
            })?;
        set.parent()
            .filter(|d| d.kind_str() == "variable_declarator")
            .and_then(|d| d.field("name"))
            .filter(|n| n.kind_str() == "identifier")
    };
    // `if (!allowed.has(orgId)) return 403`: a gate that the rows of every tenant open
    let turns_away_when_absent = |call: Node<'t>| {
        let Some(not) = call.parent().filter(|u| {
            u.kind_str() == "unary_expression"
                && u.field("operator").is_some_and(|o| text(o, src) == "!")
        }) else {
            return false;
        };
        let mut at = not;
        while let Some(p) = at.parent() {
            match p.kind_str() {
                "parenthesized_expression" | "binary_expression" => at = p,
                "if_statement" => {
                    return p.field("consequence").is_some_and(|c| {
                        matches!(c.kind_str(), "return_statement" | "throw_statement")
                            || c.named_children().any(|s| {
                                matches!(s.kind_str(), "return_statement" | "throw_statement")
                            })
                    });
                }
                _ => return false,
            }
        }
        false
    };
    let asked_has = |use_: &Node<'t>| {
        use_.parent()
            .filter(|m| {
                m.kind_str() == "member_expression"
                    && m.field("object").is_some_and(|o| o.id() == use_.id())
                    && m.field("property").is_some_and(|p| text(p, src) == "has")
            })
            .and_then(|m| m.parent())
            .filter(|c| c.kind_str() == "call_expression")
            .is_some_and(|c| !turns_away_when_absent(c))
    };
    let uses = later_uses(cx, func, name, decl.end_byte());
    !uses.is_empty()
        && uses.into_iter().all(|u| {
            set_of(u).is_some_and(|set| {
                let asked = later_uses(cx, func, text(set, src), set.end_byte());
                !asked.is_empty() && asked.iter().all(asked_has)
            })
        })
}

/// The uses of `name` in `func` from byte `after` on (the identifiers that spell it).
fn later_uses<'t>(cx: &FileCx<'t>, func: Node<'t>, name: &str, after: usize) -> Vec<Node<'t>> {
    let src = cx.text();
    cx.index
        .nodes_of_kinds(func, &["identifier"])
        .iter()
        .filter(|n| n.start_byte() >= after && crate::lang::treesitter::text(**n, src) == name)
        .copied()
        .collect()
}

/// The name a read's rows are bound to: `row` of `const { data: row } = await …`, `data`
/// of `const { data } = …`, `existing` of `const existing = await prisma.x.findFirst(…)`
/// or Python's `existing = …`.
fn rows_name<'t>(pattern: Node<'t>, src: &'t str) -> Option<&'t str> {
    use crate::lang::treesitter::text;
    match pattern.kind_str() {
        "identifier" => Some(text(pattern, src)),
        "object_pattern" => pattern.named_children().find_map(|c| match c.kind_str() {
            "pair_pattern" if c.field("key").is_some_and(|k| text(k, src) == "data") => c
                .field("value")
                .filter(|v| v.kind_str() == "identifier")
                .map(|v| text(v, src)),
            "shorthand_property_identifier_pattern" if text(c, src) == "data" => Some("data"),
            _ => None,
        }),
        _ => None,
    }
}

/// A read whose rows are only ever tested for being there, and whose presence turns the
/// caller away: `if (existing) return 409`, `if (recent && recent.length > 0) return 429`,
/// Python's `if existing: raise …`. Nothing of another tenant's row is read or handed
/// on; what the caller learns is that some row matches a key it already holds (a domain
/// name, a time window), as a unique index would tell it on insert. A row whose absence
/// turns the caller away (`if (!facility) return 403`) is a gate the missing filter opens.
fn existence_only<'t>(cx: &FileCx<'t>, node: Node<'t>) -> bool {
    use crate::lang::treesitter::text;
    let src = cx.text();
    let func = enclosing_function(node);
    let Some((decl, pattern)) = query::source::declaration_around(node) else {
        return false;
    };
    let Some(name) = rows_name(pattern, src) else {
        return false;
    };
    // a test of the value's presence: climbing through `( )`, `.length`, `&&`/`||` and a
    // comparison with a number that holds when there are rows (`> 0`), up to the
    // condition of an `if` that leaves (returns, throws, skips) and has no `else`
    let tested = |use_: Node<'t>| {
        let mut at = use_;
        while let Some(p) = at.parent() {
            // `member?.user_id === callerId`: whether the row is the caller's own, which
            // the caller knows
            if let Some(cmp) = compared_with_caller(cx, at, p) {
                at = cmp;
                continue;
            }
            let step = match p.kind_str() {
                "parenthesized_expression" => true,
                "member_expression" => {
                    p.field("object").is_some_and(|o| o.id() == at.id())
                        && p.field("property").is_some_and(|pr| text(pr, src) == "length")
                }
                "binary_expression" | "boolean_operator" | "comparison_operator" => {
                    let op = p.field("operator").map_or_else(
                        || {
                            // Python's comparison_operator keeps its operator unnamed
                            p.children().find(|c| !c.is_named()).map_or("", |o| text(o, src))
                        },
                        |o| text(o, src),
                    );
                    // `> 0`, `!== 0`, `>= 1`: not `!== 1`, which a missing row passes too
                    let bound = p
                        .named_children()
                        .find(|c| matches!(c.kind_str(), "number" | "integer"))
                        .map(|c| text(c, src));
                    matches!(op, "&&" | "and")
                        || (p.field("left").is_none_or(|l| l.id() == at.id())
                            && matches!(
                                (op, bound),
                                (">" | "!=" | "!==", Some("0")) | (">=", Some("1"))
                            ))
                }
                // `len(existing)`
                "argument_list" => p
                    .parent()
                    .and_then(|c| c.field("function"))
                    .is_some_and(|f| text(f, src) == "len"),
                "call" => p.field("function").is_some_and(|f| text(f, src) == "len"),
                _ => false,
            };
            if step {
                at = p;
                continue;
            }
            return p.kind_str() == "if_statement"
                && p.field("condition").is_some_and(|c| c.id() == at.id())
                && p.field("alternative").is_none()
                && p.field("consequence").is_some_and(leaves);
        }
        false
    };
    // a `const`/`let` is seen in its block only (a later `const { data: member }` of
    // another branch is another value)
    let scope = decl
        .parent()
        .filter(|d| d.kind_str() == "lexical_declaration")
        .and_then(|d| d.parent())
        .unwrap_or(func);
    let uses: Vec<Node<'t>> = cx
        .index
        .nodes_of_kinds(func, &["identifier", "shorthand_property_identifier"])
        .iter()
        .filter(|n| {
            n.start_byte() >= decl.end_byte()
                && n.end_byte() <= scope.end_byte()
                && text(**n, src) == name
        })
        .copied()
        .collect();
    !uses.is_empty() && uses.into_iter().all(tested)
}

/// The comparison of a field of `rows` (`p`, a member expression on it) with the
/// signed-in caller's own id, equal or not: `member?.user_id === callerId`.
fn compared_with_caller<'t>(cx: &FileCx<'t>, rows: Node<'t>, p: Node<'t>) -> Option<Node<'t>> {
    use crate::lang::treesitter::text;
    let src = cx.text();
    if p.kind_str() != "member_expression" || p.field("object")?.id() != rows.id() {
        return None;
    }
    let cmp = p.parent()?;
    let op = cmp.field("operator").map(|o| text(o, src))?;
    if cmp.kind_str() != "binary_expression" || !matches!(op, "==" | "===" | "!=" | "!==") {
        return None;
    }
    let other = [cmp.field("left")?, cmp.field("right")?]
        .into_iter()
        .find(|n| n.id() != p.id())?;
    query::source::is_caller_id(&cx.index, other).then_some(cmp)
}

/// Whether the body of an `if` leaves what it is in: a `return`, `throw`, `raise`,
/// `continue` or `break` of its own, not one of a nested function.
fn leaves(body: Node<'_>) -> bool {
    const EXITS: &[&str] = &[
        "return_statement",
        "throw_statement",
        "raise_statement",
        "continue_statement",
        "break_statement",
    ];
    EXITS.contains(&body.kind_str()) || body.named_children().any(|c| EXITS.contains(&c.kind_str()))
}

/// A by-id query in a data-access function whose id is one of its own parameters
/// (`getActionClass(actionClassId)`, `deleteTag(tagId)`): the caller chose the row, and
/// the tenant check belongs to the caller. Request handlers are not such functions:
/// their parameters are the request.
fn id_from_caller<'t>(cx: &FileCx<'t>, node: Node<'t>, id: Option<Node<'t>>) -> bool {
    use crate::lang::treesitter::{text, walk_node};
    let Some(mut id) = id else { return false };
    let src = cx.text();
    // `report.id as string`, `report.id!`
    id = crate::lang::treesitter::unwrap_value(id, src);
    // `survey.id`, or `surveyId` bound to `updatedSurvey.id`: the object the caller
    // gave, unless it is a request (`req.body.id` in a helper handed the request)
    if id.kind_str() == "identifier"
        && let Some(v) =
            cx.index
                .resolve(enclosing_function(node), text(id, src), id.start_byte())
        && v.kind_str() == "member_expression"
    {
        id = v;
    }
    if id.kind_str() == "member_expression" {
        let mut root = id;
        while let Some(o) = root.field("object") {
            root = o;
        }
        if root.kind_str() != "identifier"
            || matches!(
                text(root, src),
                "req" | "request" | "event" | "ctx" | "context" | "c" | "body" | "input" | "data"
            )
        {
            return false;
        }
        id = root;
    }
    if !matches!(id.kind_str(), "identifier" | "shorthand_property_identifier") {
        return false;
    }
    let mut name = text(id, src).to_string();
    // `for (const teamId of teamIds)`: the loop's collection is what the caller gave
    if let Some(collection) = crate::flow::loop_collection(id, &name, src) {
        if collection.kind_str() != "identifier" {
            return false;
        }
        name = text(collection, src).to_string();
    }
    // the function that declares the id as a parameter: this one, or one around it
    // (`prisma.$transaction(async (tx) => …)` inside `deleteSurvey(surveyId)`)
    let mut func = enclosing_function(node);
    for _ in 0..4 {
        if func.parent().is_none() {
            return false;
        }
        if cx.index.resolve(func, &name, id.start_byte()).is_some() {
            return false;
        }
        let params = func.field("parameters").or_else(|| func.field("parameter"));
        let mut declared = false;
        if let Some(params) = params {
            walk_node(params, |p| {
                if matches!(
                    p.kind_str(),
                    "identifier" | "shorthand_property_identifier_pattern"
                ) && text(p, src) == name
                {
                    declared = true;
                }
            });
        }
        if declared {
            if crate::flow::request::is_handler(cx.path, func, src) {
                return false;
            }
            // a function also handed the caller's session, user or tenant owns the check
            // (`updateWorkspace(workspaceId, input)` is given only the row's own id)
            let others: String = params
                .map(|p| {
                    p.named_children()
                        .filter(|q| {
                            let mut own = false;
                            walk_node(*q, |n| {
                                own |= n.kind_str() == "identifier" && text(n, src) == name
                            });
                            !own
                        })
                        .map(|q| text(q, src).to_ascii_lowercase())
                        .collect::<Vec<_>>()
                        .join(",")
                })
                .unwrap_or_default();
            return ![
                "session",
                "user",
                "viewer",
                "ctx",
                "context",
                "auth",
                "org",
                "tenant",
                "workspace",
                "team",
                "account",
                "member",
                "principal",
                "claims",
            ]
            .iter()
            .any(|w| others.contains(w));
        }
        let Some(outer) = func.parent().map(enclosing_function) else {
            return false;
        };
        if outer.id() == func.id() {
            return false;
        }
        func = outer;
    }
    false
}

/// Ids taken from the authenticated principal: `authentication.workspacePermissions.map(
/// (p) => p.workspaceId)`, `session.user.teamIds`: rows the caller was already granted.
fn id_from_session<'t>(cx: &FileCx<'t>, id: Option<Node<'t>>) -> bool {
    let Some(id) = id else { return false };
    let src = cx.text();
    let granted = |n: Node<'_>| {
        let t = crate::lang::treesitter::text(n, src).to_ascii_lowercase();
        let root = t.split(['.', '?', '[', '(']).next().unwrap_or("");
        matches!(
            root,
            "session"
                | "authentication"
                | "auth"
                | "principal"
                | "claims"
                | "currentuser"
                | "current_user"
                | "viewer"
        )
    };
    crate::flow::find_source(id, &cx.index, &|n| {
        if matches!(
            n.kind_str(),
            "member_expression" | "attribute" | "call_expression" | "call"
        ) && granted(n)
        {
            crate::flow::Verdict::Source
        } else {
            crate::flow::Verdict::Follow
        }
    })
    .is_some()
}

/// `User`, `users`, `Profile`: rows that are people, found by their own identifiers.
fn is_user_model(name: &str) -> bool {
    matches!(
        name.to_ascii_lowercase().as_str(),
        "user" | "users" | "profile" | "profiles" | "account_user" | "appuser" | "app_user"
    )
}

/// `return prisma.apiKey.findUnique({ where: { id } })`: a data-access helper hands
/// the row (or the by-id change) to its caller, where the tenant check belongs. Only
/// the query's own chain is followed (`await`, `.lean()`, casts), not calls it is
/// passed to (`res.json(await …)` answers the request).
fn returned_by_helper(node: Node<'_>) -> bool {
    let mut cur = node;
    while let Some(p) = cur.parent() {
        match p.kind_str() {
            "return_statement" => return true,
            "await_expression"
            | "await"
            | "parenthesized_expression"
            | "as_expression"
            | "non_null_expression" => cur = p,
            // x.lean(), x.exec(): the chain continues on the query itself
            "member_expression" | "attribute"
                if p.field("object").is_some_and(|o| o.id() == cur.id()) =>
            {
                cur = p
            }
            "call_expression" | "call"
                if p.field("function").is_some_and(|f| f.id() == cur.id()) =>
            {
                cur = p
            }
            // arrow functions with an expression body return it
            "arrow_function" => {
                return p.field("body").is_some_and(|b| b.id() == cur.id());
            }
            _ => return false,
        }
    }
    false
}

fn verb(access: Access) -> &'static str {
    match access {
        Access::Read => "reads",
        Access::Update => "updates",
        Access::Delete => "deletes",
    }
}

fn how(filter: &Filter<'_>) -> &'static str {
    match filter {
        Filter::PrimaryKey(_) => "looks it up by id and never checks its tenant",
        Filter::Parent(_) => "filters only by a parent row's id, which is never checked against the tenant",
        _ => "has no filter on it",
    }
}

/// A query in a Rust function the project never names (a repository method nothing
/// calls) reaches no request: withdrawn when the project index finds no reference.
/// Handlers are named where their router registers them (`get(list_rules)`,
/// `.service(index)`, `routes![index]`).
/// A function whose every caller checks it (a platform-admin guard, an access guard
/// handed the same id, the row's tenant compared) is withdrawn too.
fn rust_dead_code(cx: &FileCx<'_>, at: usize, field: &str) -> Vec<Condition> {
    match crate::lang::rust::enclosing_fn(cx.text(), at) {
        Some(f) if f.name != "main" => {
            let owner = crate::lang::rust::method_owner(cx.text(), &f);
            vec![
                Condition::Unreferenced {
                    function: f.name.to_string(),
                    method: f.takes_self,
                    owner: owner.clone(),
                },
                Condition::CallersCheck {
                    function: f.name.to_string(),
                    method: f.takes_self,
                    field: field.to_string(),
                    owner,
                },
            ]
        }
        _ => Vec::new(),
    }
}

/// In the Rust function around a literal: a comparison of some `.org_id` with something.
fn rust_tenant_checked(cx: &FileCx<'_>, lit: &syn::LitStr, field: &str) -> bool {
    rust_tenant_checked_at(cx, span_range(cx.src, lit.span()).start, field)
}

fn rust_tenant_checked_at(cx: &FileCx<'_>, at: usize, field: &str) -> bool {
    let func = crate::lang::rust::fn_text(cx.text(), at);
    query::compares_field(func, &[field]) || super::rust_tenant_lookup_compared(func, field)
}


/// Webhook handlers act for a provider, not for a signed-in tenant: they find rows by
/// the provider's ids (a Stripe customer, a subscription) across tenants by design.
/// `payments/webhook-unverified` checks that they verify the sender.
pub(super) fn webhook_handler(cx: &FileCx<'_>) -> bool {
    // asked of every query node
    cx.index.once_per_file("webhook path", || {
        cx.path.to_ascii_lowercase().contains("webhook")
    })
}
