//! Where a value comes from: client input (request body, query string, path) or the
//! authenticated session; and whether the function checks the caller's membership.

use std::sync::LazyLock;

use crate::lang::syntax::Node;
use regex::Regex;

use crate::index::FileIndex;
use crate::lang::treesitter::{callee, enclosing_function, text, walk_node};
use crate::rules::FileCx;

pub use crate::flow::request::from_client;

/// Whether the function checks the caller against the value before using it:
/// `assertMembership(user.id, orgId)`, `ensure_member(current_user, org_id)`,
/// `prisma.membership.findFirst({ where: { userId, orgId } })`.
pub fn membership_checked<'t>(ix: &FileIndex<'t>, value: Node<'t>) -> bool {
    let src = ix.src();
    let func = enclosing_function(value);
    let vtext = text(value, src);
    // the last name in the value: `params.orgId` -> orgId, `request.GET["org"]` -> org
    let key = vtext
        .rsplit(|c: char| !(c.is_alphanumeric() || c == '_'))
        .find(|w| !w.is_empty())
        .unwrap_or(vtext);
    let mut checked = false;
    for &n in ix.nodes_of_kinds(func, &["call_expression", "call"]).iter() {
        if n.start_byte() >= value.start_byte() {
            break;
        }
        let Some(f) = callee(n) else { continue };
        let name = text(f, src).to_ascii_lowercase();
        let guard = [
            "member",
            "access",
            "permission",
            "authoriz",
            // an authentication handed the tenant's id decides access to that tenant
            "authenticat",
            "assert",
            "require",
            "ensure",
            "can_",
            "belongs",
        ]
        .iter()
        .any(|w| name.contains(w));
        if guard
            && n.field("arguments")
                .is_some_and(|a| text(a, src).contains(key))
        {
            checked = true;
            break;
        }
    }
    if !checked {
        checked = owner_lookup_before(ix, func, value, key);
    }
    if !checked {
        checked = allowlisted_before(ix, func, value);
    }
    // Route middleware: router.get("/orgs/:orgId/…", requireAuth, requireOrgMember, handler)
    if !checked
        && let Some(args) = func
            .parent()
            .filter(|p| matches!(p.kind_str(), "arguments" | "argument_list"))
    {
        checked = args.named_children().any(|a| {
            a.id() != func.id() && {
                let t = text(a, src).to_ascii_lowercase();
                [
                    "member",
                    "access",
                    "permission",
                    "authoriz",
                    "requireorg",
                    "ensureorg",
                ]
                .iter()
                .any(|w| t.contains(w))
            }
        });
    }
    checked
}

/// Whether an expression's text calls something (`f(x)`, `row.get("id")`, `fn<T>(x)`),
/// not only groups or casts in parentheses (`(pcf as { organization_id: string
/// }).organization_id`).
/// A value that is only a chain of member names (`engagement.expert_profile`,
/// `row?.owner`): no call, no operator.
fn is_path(v: &str) -> bool {
    let v = v.trim();
    !v.is_empty()
        && v.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '$' | '.' | '?'))
}

fn calls_in(v: &str) -> bool {
    v.char_indices().any(|(at, c)| {
        c == '('
            && v[..at]
                .trim_end()
                .chars()
                .next_back()
                .is_some_and(|p| p.is_alphanumeric() || matches!(p, '_' | '$' | ')' | '>' | ']'))
    })
}

/// The declaration or assignment a query's result goes to, inside the query's function
/// (`const { data: row } = await …`, `row = await …`, Python's `row = …`), with what it
/// binds (the pattern or the left side).
pub fn declaration_around(node: Node<'_>) -> Option<(Node<'_>, Node<'_>)> {
    let func = enclosing_function(node);
    let decl = std::iter::successors(node.parent(), |p| p.parent())
        .take_while(|p| p.id() != func.id())
        .find(|p| {
            matches!(
                p.kind_str(),
                "variable_declarator" | "assignment" | "assignment_expression"
            )
        })?;
    let target = decl.field("left").or_else(|| decl.field("name"))?;
    Some((decl, target))
}

/// After a lookup by id, a check of the row's tenant against the caller, whose answer
/// is tested: `const ok = await resolveAccessibleOrg(svc, user, anomaly.organization_id);
/// if (!ok) return 403`, a membership query `.eq('organization_id',
/// facility.organization_id).eq('user_id', user.id)` tested by an `if`, `if (!(await
/// userHasOrgAccess(db, user.id, orgId)))` where `orgId = pcf.organization_id`, or an
/// `assert…`/`require…`/`ensure…`/`verify…` call that passes both, or the owner of its
/// parent, looked up by the row's own field (`.eq("id", conversation.lead_id)`), compared
/// with the caller (`lead.user_id === user.id`). The row is what the query's statement
/// binds; `fields` are the model's tenant field and column.
pub fn row_checked_after<'t>(cx: &FileCx<'t>, node: Node<'t>, fields: &[&str]) -> bool {
    use crate::lang::words::identifiers;
    let src = cx.text();
    let func = enclosing_function(node);
    let Some((decl, target)) = declaration_around(node) else {
        return false;
    };
    let rows: Vec<&str> = identifiers(text(target, src)).map(|(_, w)| w).collect();
    let after = decl.end_byte();
    let accesses: Vec<String> = fields
        .iter()
        .flat_map(|f| [format!(".{f}"), format!("['{f}']"), format!("[\"{f}\"]")])
        .collect();
    let field_of_row = |t: &str| {
        identifiers(t).any(|(_, w)| rows.contains(&w)) && accesses.iter().any(|a| t.contains(a))
    };
    let compares = |t: &str| ["==", "!="].iter().any(|o| t.contains(o));
    // a field of a row read as a whole word: `conversation.lead_id`, `row?.owner`
    let reads_field = |t: &str, of: &[&str]| {
        identifiers(t).any(|(at, w)| {
            let rest = &t[at + w.len()..];
            of.contains(&w)
                && (rest.starts_with('.') || rest.starts_with("?."))
                && !t[..at].ends_with(['.', '?'])
        })
    };
    // names bound to the row's tenant: `const organizationId = pcf.organization_id`
    let mut derived: Vec<&str> = Vec::new();
    // the rows of its parent, looked up by a field of the row (`.eq("id",
    // conversation.lead_id)`): their owner compared with the caller is the check
    let mut parents: Vec<&str> = Vec::new();
    for site in cx
        .index
        .memo("check sites", func, || check_sites(func))
        .iter()
    {
        if let Site::Binding {
            start,
            target,
            value,
            ..
        } = site
            && *start >= after
        {
            let v = &src[value.clone()];
            if !calls_in(v) && field_of_row(v) {
                derived.extend(identifiers(&src[target.clone()]).map(|(_, w)| w));
            } else if is_path(v) && reads_field(v, &rows) {
                // a record the row links to (`expert_profile = engagement.expert_profile`):
                // its owner compared with the caller is the row's
                parents.extend(identifiers(&src[target.clone()]).map(|(_, w)| w));
            } else if calls_in(v) && !writes(v) && reads_field(v, &rows) {
                let t = &src[target.clone()];
                parents.extend(
                    identifiers(t)
                        .filter(|(at, w)| !t[at + w.len()..].trim_start().starts_with(':'))
                        .map(|(_, w)| w),
                );
            }
        }
    }
    let names_tenant = |t: &str| {
        field_of_row(t)
            || identifiers(t).any(|(_, w)| derived.contains(&w))
            || (compares(t) && reads_field(t, &parents))
    };
    // the caller, not an object key (`{ userId: { in: memberIds } }` names other users)
    let names_caller = |t: &str| {
        let key = |end: usize| {
            let rest = t[end..].trim_start();
            rest.starts_with(':') && !rest.starts_with("::")
        };
        CALLER.find_iter(t).any(|m| !key(m.end()))
            || identifiers(t).any(|(at, w)| CALLER_OBJECTS.contains(&w) && !key(at + w.len()))
    };
    // a write is not a check: `.insert({ company_id: row.company_id, user_id: userId })`
    // copies the row's tenant beside the caller's id
    // a call that names both, or a comparison of the two (`row.user_id == current_user.id`)
    // or a guard handed the row's tenant, which knows the caller itself
    // (`await assertAdmin(snap.workspace_id)`)
    let check = |t: &str| {
        (t.contains('(') || compares(t))
            && !writes(t)
            && names_tenant(t)
            && (names_caller(t) || guard_call(t))
    };
    let end = crate::lang::treesitter::reach_end(decl).min(func.end_byte());
    tested_check(&cx.index, func, after..end, &[], &check, true)
}

/// After a lookup, the row tied to the caller through a record of the caller's own,
/// fetched before it by the caller's id, and the answer tested: `const { data: supplier }
/// = await admin.from("suppliers").select("id").eq("user_id", user.id)…`, then
/// `invitation.supplier_id === supplier.id` (the row's link to that table compared with
/// the record's id), alone or beside other ties to the caller
/// (`|| invitation.supplier_email === user.email`); every alternative must tie the row.
pub fn linked_to_callers_row<'t>(cx: &FileCx<'t>, node: Node<'t>) -> bool {
    use crate::lang::words::identifiers;
    use crate::vocab::squash;
    let src = cx.text();
    let func = enclosing_function(node);
    let Some((decl, target)) = declaration_around(node) else {
        return false;
    };
    let rows: Vec<&str> = identifiers(text(target, src)).map(|(_, w)| w).collect();
    // the caller's own records the function reads (where, the names they are bound to,
    // the link column's name squashed: `supplierid` for `suppliers`), found once per
    // function; those read before the lookup count
    let records = cx.index.memo("caller's records", func, || {
        let mut out: Vec<(usize, Vec<String>, String)> = Vec::new();
        for q_node in cx
            .index
            .nodes_of_kinds(func, super::node_kinds(cx.lang))
            .iter()
        {
            for q in super::find_any(cx, *q_node).iter() {
                if !matches!(q.filter, super::Filter::User) {
                    continue;
                }
                let Some((_, bound)) = declaration_around(*q_node) else {
                    continue;
                };
                let table = squash(&q.model.table);
                let link = format!("{}id", table.strip_suffix('s').unwrap_or(&table));
                let names = identifiers(text(bound, src))
                    .map(|(_, w)| w.to_string())
                    .collect();
                out.push((q_node.start_byte(), names, link));
            }
        }
        out
    });
    let own: Vec<(&[String], &str)> = records
        .iter()
        .filter(|(at, _, _)| *at < node.start_byte())
        .map(|(_, names, link)| (names.as_slice(), link.as_str()))
        .collect();
    if own.is_empty() {
        return false;
    }
    // `row.<link>` compared with `<record>.id`
    let linked = |alt: &str| {
        ["==", "!="].iter().any(|o| alt.contains(o))
            && own.iter().any(|(names, link)| {
                identifiers(alt).any(|(at, w)| {
                    let before = alt[..at].trim_end();
                    let owner = before
                        .strip_suffix("?.")
                        .or_else(|| before.strip_suffix('.'))
                        .and_then(|o| identifiers(o).last().map(|(_, o)| o));
                    owner.is_some_and(|o| rows.contains(&o)) && squash(w) == *link
                }) && names
                    .iter()
                    .any(|n| alt.contains(&format!("{n}.id")) || alt.contains(&format!("{n}?.id")))
            })
    };
    // `row.owner_email === user.email`: another tie of the row to the caller
    let tied = |alt: &str| {
        ["==", "!="].iter().any(|o| alt.contains(o))
            && rows
                .iter()
                .any(|r| alt.contains(&format!("{r}.")) || alt.contains(&format!("{r}?.")))
            && (CALLER.is_match(alt) || alt.contains("user.email") || alt.contains("user?.email"))
    };
    let check =
        |t: &str| !writes(t) && linked(t) && t.split("||").all(|alt| linked(alt) || tied(alt));
    let end = crate::lang::treesitter::reach_end(decl).min(func.end_byte());
    tested_check(&cx.index, func, decl.end_byte()..end, &[], &check, true)
}

/// After a lookup, a secret of the row compared with the one the request presents and
/// the answer tested: `if (contrat.token_signature !== token) return 403`,
/// `if (!timingSafeEqual(invite.token_hash, hash))`. Only the holder of the row's token
/// gets past, as a lookup by the token itself lets only its holder in (see
/// [`super::secret_column`]). Not a test of the secret's presence (`row.token === null`).
pub fn token_checked_after<'t>(cx: &FileCx<'t>, node: Node<'t>) -> bool {
    use crate::lang::words::identifiers;
    let src = cx.text();
    let func = enclosing_function(node);
    let Some((decl, target)) = declaration_around(node) else {
        return false;
    };
    let rows: Vec<&str> = identifiers(text(target, src)).map(|(_, w)| w).collect();
    let compared = |t: &str| {
        // the words are looked for in the whole text first (a test of every check in
        // the function): only a text that has one has its identifiers lowered
        static WORDS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
            crate::lang::pattern::regex("(?i-u:equal|compare)").expect("regex compiles")
        });
        let compares = ["==", "!="].iter().any(|o| t.contains(o))
            || WORDS.is_match(t)
                && identifiers(t).any(|(_, w)| {
                    let w = w.to_ascii_lowercase();
                    w.contains("equal") || w.contains("compare")
                });
        if !compares || writes(t) {
            return false;
        }
        // `row.token_signature`, `row?.token`: a secret column of the row
        let mut secret_of_row = false;
        // another value beside it: what the request presents
        let mut other = false;
        for (at, w) in identifiers(t) {
            let before = t[..at].trim_end();
            if let Some(owner) = before
                .strip_suffix("?.")
                .or_else(|| before.strip_suffix('.'))
            {
                let owner = identifiers(owner).last().map(|(_, o)| o);
                if owner.is_some_and(|o| rows.contains(&o)) && super::secret_column(w) {
                    secret_of_row = true;
                }
                continue;
            }
            if !rows.contains(&w)
                && !matches!(
                    w,
                    "null"
                        | "undefined"
                        | "true"
                        | "false"
                        | "None"
                        | "await"
                        | "if"
                        | "not"
                        | "is"
                        | "and"
                        | "or"
                        | "typeof"
                        | "return"
                        | "throw"
                        | "raise"
                )
            {
                other = true;
            }
        }
        secret_of_row && other
    };
    // one comparison of a condition at a time: `!row || row.token === null || !token`
    // compares the token with nothing the request presents
    let check = |t: &str| {
        t.split("||")
            .flat_map(|p| p.split("&&"))
            .flat_map(|p| p.split(" or "))
            .flat_map(|p| p.split(" and "))
            .any(compared)
    };
    let after = decl.end_byte();
    let end = crate::lang::treesitter::reach_end(decl).min(func.end_byte());
    tested_check(&cx.index, func, after..end, &[], &check, true)
}

/// A call of a guard, which throws unless the caller may go on: a word of the callee's
/// name is `assert`, `require`, `ensure` or `verify` (`assertAccess(…)`,
/// `loadItemAndAssertAccess(…)`, `ensure_member(…)`).
fn guard_call(t: &str) -> bool {
    let t = t.trim_start();
    let t = t.strip_prefix("await ").unwrap_or(t).trim_start();
    let Some(open) = t.find('(') else {
        return false;
    };
    crate::flow::guards::named_to_throw(&t[..open])
}

/// Code that writes rows (`const { error } = await db.from(t).update(…)`): whatever it
/// names, it is not a check.
fn writes(t: &str) -> bool {
    [".update(", ".delete(", ".insert(", ".upsert("]
        .iter()
        .any(|w| t.contains(w))
}

/// The signed-in caller's identity in code: `current_user`, `request.user`,
/// `session.user`, `user.id`, `auth.uid()`.
static CALLER: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(
        r"\b(?:current_user|currentUser|request\.user|session\.user|ctx\.user|g\.user|user\.id|user\.sub|(?:authUser|sessionUser|authedUser)\.(?:id|sub)|userId)\b|\bauth\.uid\(\)",
    )
    .expect("regex compiles")
});

/// Names code gives the signed-in caller's session or user object (`user`, `session`),
/// as a whole value.
const CALLER_OBJECTS: &[&str] = &[
    "user",
    "session",
    "authUser",
    "currentUser",
    "caller",
    "viewer",
];

/// The signed-in caller's own id as a whole value, once casts, `!` and `?.` are gone:
/// `user.id`, `session.user.id`, `ctx.user_id`, `request.user`, `current_user.id`,
/// `auth.uid()`, `claims.sub`.
static CALLER_ID: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(
        r"^(?:(?:(?:req|request|ctx|context|session|g|locals|event\.locals)\.)?(?:user|authUser|currentUser|current_user|sessionUser|authedUser|caller|viewer)\.(?:id|sub|uid|user_id|userId)|(?:ctx|context|session|claims)\.(?:sub|uid|user_id|userId)|(?:request|g)\.user|current_user|auth\.uid\(\))$",
    )
    .expect("regex compiles")
});

/// Parameter names that hand a helper the caller's own id (`getUserSocieteIds(userId)`).
const CALLER_ID_PARAMS: &[&str] = &[
    "userId",
    "user_id",
    "currentUserId",
    "current_user_id",
    "authUserId",
    "auth_user_id",
    "callerId",
    "caller_id",
];

/// Whether a value compared with a column is the signed-in caller's own id: written as
/// one (`user.id` where `user` is not a row fetched or read from the request), bound to
/// one (`const uid = user.id`), or a helper's `userId` parameter. Filtering any column
/// by it returns the caller's own rows: a membership lookup (`dossiers.client_id =
/// user.id`), a self-service record (`employes.auth_user_id = user.id`).
pub fn is_caller_id<'t>(ix: &crate::index::FileIndex<'t>, value: Node<'t>) -> bool {
    caller_id_within(ix, value, 3)
}

/// Whether a value is the signed-in caller's own email address: `user.email`,
/// `session.user.email`, read from what [`is_caller_id`] takes for the caller.
pub fn is_caller_email<'t>(ix: &crate::index::FileIndex<'t>, value: Node<'t>) -> bool {
    caller_email_within(ix, value, 3)
}

/// [`is_caller_email`], also through `hops` steps: a variable bound to it (`const lower =
/// email.toLowerCase().trim()`), or the parameter of a function private to its file that
/// every call of it hands the caller's address (`resolveSelf(user.id, user.email)`).
fn caller_email_within<'t>(ix: &crate::index::FileIndex<'t>, value: Node<'t>, hops: usize) -> bool {
    let src = ix.src();
    let mut v = crate::lang::treesitter::unwrap_value(value, src);
    // `email.toLowerCase().trim()`: the same address
    while v.kind_str() == "call_expression"
        && let Some(callee) = v
            .field("function")
            .filter(|f| f.kind_str() == "member_expression")
        && callee
            .field("property")
            .is_some_and(|p| matches!(text(p, src), "toLowerCase" | "toLocaleLowerCase" | "trim"))
        && let Some(object) = callee.field("object")
    {
        v = crate::lang::treesitter::unwrap_value(object, src);
    }
    let t: String = text(v, src)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '!' | '?'))
        .collect();
    if t.strip_suffix(".email")
        .is_some_and(|base| CALLER_ID.is_match(&format!("{base}.id")) && session_root(ix, v, &t))
    {
        return true;
    }
    if v.kind_str() != "identifier" || hops == 0 {
        return false;
    }
    let mut func = enclosing_function(v);
    while ix.resolve(func, &t, v.start_byte()).is_none()
        && let Some(outer) = crate::flow::closure_scope(func, &t, src)
    {
        func = outer;
    }
    match ix.resolve(func, &t, v.start_byte()) {
        Some(b) => caller_email_within(ix, b, hops - 1),
        None => {
            !crate::lang::treesitter::exported(func)
                && crate::flow::call_arguments(func, &t, ix).is_some_and(|calls| {
                    !calls.is_empty()
                        && calls
                            .iter()
                            .all(|(_, a)| caller_email_within(ix, *a, hops - 1))
                })
        }
    }
}

/// Whether the object a caller's value is read from (`user` of `user.id`) is the
/// session's, not a row looked up or the request's.
fn session_root<'t>(ix: &crate::index::FileIndex<'t>, v: Node<'t>, t: &str) -> bool {
    let src = ix.src();
    let root = t.split(['.', '(']).next().unwrap_or("");
    ix.resolve(enclosing_function(v), root, v.start_byte())
        .is_none_or(|b| {
            let bt = text(b, src);
            let fetched = [
                ".from(",
                "find",
                ".query(",
                ".select(",
                "json(",
                "body",
                "params",
                "searchParams",
                "query.",
            ]
            .iter()
            .any(|w| bt.contains(w));
            !fetched
        })
}

fn caller_id_within<'t>(ix: &crate::index::FileIndex<'t>, value: Node<'t>, hops: usize) -> bool {
    let src = ix.src();
    let mut v = value;
    while matches!(
        v.kind_str(),
        "as_expression"
            | "non_null_expression"
            | "parenthesized_expression"
            | "satisfies_expression"
    ) {
        let Some(inner) = v.named_child(0) else { break };
        v = inner;
    }
    let t: String = text(v, src)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '!' | '?'))
        .collect();
    let func = enclosing_function(v);
    if CALLER_ID.is_match(&t) {
        return session_root(ix, v, &t);
    }
    // `staffUser.id` of `const { data: { user: staffUser } } = await
    // supabase.auth.getUser(token)`: the user the auth server vouches for
    // (`data.user.id` of `const { data } = await supabase.auth.getUser(token)`, and
    // `data.claims.sub` of `auth.getClaims(token)`, which verifies the token)
    let verified_root = t
        .strip_suffix(".id")
        .map(|r| r.strip_suffix(".user").unwrap_or(r))
        .or_else(|| t.strip_suffix(".claims.sub"));
    if let Some(root) = verified_root
        && !root.is_empty()
        && root
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '$')
        && ix
            .resolve(func, root, v.start_byte())
            .is_some_and(|b| VERIFIED_USER.is_match(text(b, src)))
    {
        return true;
    }
    if v.kind_str() != "identifier" || hops == 0 {
        return false;
    }
    match ix.resolve(func, &t, v.start_byte()) {
        Some(b) => caller_id_within(ix, b, hops - 1),
        None => {
            CALLER_ID_PARAMS.contains(&t.as_str())
                && func
                    .field("parameters")
                    .or_else(|| func.field("parameter"))
                    .is_some_and(|p| {
                        crate::lang::words::identifiers(text(p, src)).any(|(_, w)| w == t)
                    })
                && !crate::flow::request::is_handler("", func, src)
        }
    }
}

/// A call that answers with the signed-in user the auth server verified: Supabase's
/// `auth.getUser(token)`, or the claims of a token `auth.getClaims(token)` verified.
static VERIFIED_USER: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r"^(?:await\s+)?[\w$.]*\bauth\.get(?:User|Claims)\(")
        .expect("regex compiles")
});

/// A query statement that also filters on the caller's identity (`User.id ==
/// current_user.id`, `.eq("user_id", user.id)`, `.eq("user_id", staffUser.id)` of a user
/// `auth.getUser` verified): a membership lookup, or the caller's own rows. Whatever
/// tenant id the request names, only the caller's rows come back.
pub fn pinned_to_caller<'t>(ix: &FileIndex<'t>, statement: Node<'t>) -> bool {
    let src = ix.src();
    CALLER.is_match(text(statement, src))
        || ix
            .nodes_of_kinds(statement, &["call_expression"])
            .iter()
            .any(|call| {
                call.field("function")
                    .and_then(|f| f.field("property"))
                    .is_some_and(|p| text(p, src) == "eq")
                    && call
                        .field("arguments")
                        .and_then(|a| a.named_child(1))
                        .is_some_and(|v| is_caller_id(ix, v))
            })
}

/// An ownership or membership lookup of the requested tenant before the value is used,
/// whose answer is tested: `workspace = db.query(UserWorkspace).filter(UserWorkspace.id ==
/// workspace_id, UserWorkspace.user_id == current_user.id).first()` then `if not
/// workspace: raise …`. The call names the value and the caller; its result is bound and
/// a later `if` before the value tests it.
fn owner_lookup_before<'t>(ix: &FileIndex<'t>, func: Node<'t>, value: Node<'t>, key: &str) -> bool {
    // the value's own name, not a column or another row's field of the same name
    // (`.eq('societe_id', dossier.societe_id)` checks the dossier's tenant)
    let names_key = |t: &str| {
        crate::lang::words::identifiers(t)
            .any(|(at, w)| w == key && !t[..at].trim_end().ends_with(['.', '\'', '"', '`']))
    };
    // the caller named as such, or a name bound to the caller's id (`const callerId =
    // claims.sub` of verified claims)
    let names_caller = |t: &str| {
        CALLER.is_match(t)
            || crate::lang::words::identifiers(t).any(|(_, w)| {
                ix.resolve(func, w, value.start_byte())
                    .is_some_and(|b| caller_id_within(ix, b, 2))
            })
    };
    let lookup = |t: &str| t.contains('(') && names_key(t) && names_caller(t);
    tested_check(ix, func, 0..value.start_byte(), &[], &lookup, false)
}

/// Before the value is used, a test of it against the caller's own list of tenants,
/// whose answer is tested: `const allowed = memberships.map(m => m.societe_id)` where
/// `memberships` was read by the caller's id, then `if (!allowed.includes(requested))
/// return 403`. The value tested is the one used, or read from the same place
/// (`requested = body.societe_id || body.societeId` before `const { societe_id } =
/// body`); the list is made from something that names the caller (`user.id`).
fn allowlisted_before<'t>(ix: &FileIndex<'t>, func: Node<'t>, value: Node<'t>) -> bool {
    static MEMBER_OF: LazyLock<Regex> = LazyLock::new(|| {
        crate::lang::pattern::regex(
            r"([A-Za-z_$][\w$]*)\??\.(?:includes|has|indexOf)\(\s*([A-Za-z_$][\w$.?]*)\s*\)",
        )
        .expect("regex compiles")
    });
    let src = ix.src();
    let at = value.start_byte();
    let vtext = text(value, src);
    // where the value was read from: itself, and for a name bound by destructuring
    // (`const { societe_id } = body`) the object's field
    let mut origins = vec![vtext.to_string()];
    if value.kind_str() == "identifier"
        && let Some(from) = ix.resolve(func, vtext, at)
    {
        // the key the pattern reads: `societe_id` of `{ societe_id: socId }`
        let key = crate::lang::treesitter::destructured_key(from, vtext, src)
            .unwrap_or_else(|| vtext.to_string());
        let from = text(from, src);
        if from
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '$' | '.'))
        {
            origins.push(format!("{from}.{key}"));
        }
    }
    let reads_origin = |t: &str| {
        origins.iter().any(|o| {
            t.match_indices(o.as_str()).any(|(i, _)| {
                let before = t[..i].chars().next_back();
                let after = t[i + o.len()..].chars().next();
                !before.is_some_and(|c| c.is_alphanumeric() || matches!(c, '_' | '$' | '.'))
                    && !after.is_some_and(|c| c.is_alphanumeric() || matches!(c, '_' | '$'))
            })
        })
    };
    // the list names the caller, through at most three bindings
    let callers_list = |list: &str| {
        let mut name = list.to_string();
        for _ in 0..3 {
            let Some(def) = ix.resolve(func, &name, at) else {
                return false;
            };
            let t = text(def, src);
            if CALLER.is_match(t) {
                return true;
            }
            match crate::lang::words::identifiers(t).next() {
                Some((_, w)) if w != name => name = w.to_string(),
                _ => return false,
            }
        }
        false
    };
    // `roles.some((r) => r.restaurant_id === target)`: the caller's rows name it
    static SOME_ROW: LazyLock<Regex> = LazyLock::new(|| {
        crate::lang::pattern::regex(
            r"([A-Za-z_$][\w$]*)\??\.(?:some|find|findIndex)\(\s*\(?\s*([A-Za-z_$][\w$]*)\s*(?::[^)=]*)?\)?\s*=>\s*\(?\s*(?:([A-Za-z_$][\w$]*)\??\.\w+\s*===?\s*([A-Za-z_$][\w$.?]*)|([A-Za-z_$][\w$.?]*)\s*===?\s*([A-Za-z_$][\w$]*)\??\.\w+)",
        )
        .expect("regex compiles")
    });
    let check = |t: &str| {
        let tested = |item: &str| {
            reads_origin(item)
                || (!item.contains('.')
                    && ix
                        .resolve(func, item, at)
                        .is_some_and(|d| reads_origin(text(d, src))))
        };
        let some_row = SOME_ROW.captures_iter(t).any(|c| {
            // the element compared is the callback's own parameter
            let (element, item) = match (c.get(3), c.get(4), c.get(5), c.get(6)) {
                (Some(e), Some(i), _, _) => (e.as_str(), i.as_str()),
                (_, _, Some(i), Some(e)) => (e.as_str(), i.as_str()),
                _ => return false,
            };
            element == &c[2] && tested(item) && callers_list(&c[1])
        });
        some_row
            || MEMBER_OF
                .captures_iter(t)
                .any(|c| tested(&c[2]) && callers_list(&c[1]))
    };
    tested_check(ix, func, 0..at, &[], &check, true)
}

/// A call in code: the callee's name (`assertAccess`, `db.membership.findFirst`).
static CALL: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r"([A-Za-z_$][\w$.]*)\s*\(").expect("regex compiles")
});

/// Words of a function's name that make it a check of access.
const CHECK_WORDS: &[&str] = &[
    "assert",
    "require",
    "ensure",
    "verify",
    "check",
    "belong",
    "access",
    "member",
    "authoriz",
    "permission",
    "owns",
    "owned",
    "can",
];

/// Before a lookup by id (or by a parent's id), a check that the caller may see that
/// row, whose answer is tested: `if (!(await userHasAccessToEmploye(user.id, id)))
/// return 403`, `await assertFactureAccess(admin, user.id, facture_id)`, `await
/// assertSegmentBelongsToWorkspace(survey.workspaceId, segment)` before `segment.id`.
/// The call names the id (as a whole word, or the object it is read from) and the
/// caller or a tenant (`fields`: the model's tenant field and column).
/// A check that the caller is platform staff, made in the function itself and tested
/// before the node: `const { data: isAdmin } = await userClient.rpc('is_alkatera_admin');
/// if (!isAdmin) return 403`, `if (!profile.is_platform_admin) return …` (see
/// [`crate::flow::guards::checks_platform_admin`]). The checks a called helper makes are
/// decided across files, with the project index.
pub fn platform_admin_checked_before<'t>(cx: &FileCx<'t>, node: Node<'t>) -> bool {
    let func = enclosing_function(node);
    let src = cx.text();
    let check = |t: &str| crate::flow::guards::checks_platform_admin_in(t, src);
    tested_check(&cx.index, func, 0..node.start_byte(), &[], &check, true)
}

/// A requested id compared with the caller's own id before its use, and the answer
/// tested: `if (user.id !== userId) throw new Error("Forbidden")`. Only a plain name.
pub fn id_compared_with_caller<'t>(cx: &FileCx<'t>, id: Node<'t>) -> bool {
    use crate::lang::words::identifiers;
    if id.kind_str() != "identifier" {
        return false;
    }
    let key = text(id, cx.text());
    let check = |t: &str| {
        ["==", "!="].iter().any(|o| t.contains(o))
            && CALLER.is_match(t)
            && identifiers(t).any(|(at, w)| w == key && !t[..at].ends_with(['.', '?']))
    };
    tested_check(
        &cx.index,
        enclosing_function(id),
        0..id.start_byte(),
        &[],
        &check,
        true,
    )
}

pub fn id_checked_before<'t>(cx: &FileCx<'t>, id: Node<'t>, fields: &[&str]) -> bool {
    use crate::lang::words::identifiers;
    let src = cx.text();
    // the names that stand for the id: `id`, or `segment` of `segment.id`
    // through `!` and casts: `proposal!.id`, `(row as Row).id`, `orderId!`
    let mut root = crate::lang::treesitter::unwrap_value(id, src);
    while let Some(o) = root.field("object") {
        root = crate::lang::treesitter::unwrap_value(o, src);
    }
    if root.kind_str() != "identifier" {
        return false;
    }
    let key = text(root, src);
    // the name itself, not a property or a column of the same name (`user.id`,
    // `{ id: … }`, `.eq('id', user.id)`); the object whole, not another of its fields (a check of
    // `body.orgId` says nothing of `body.id`)
    let vtext = text(id, src);
    let names_id = |t: &str| {
        (id.id() != root.id() && t.contains(vtext))
            || identifiers(t).any(|(at, w)| {
                w == key
                    && !t[..at].trim_end().ends_with(['.', '?', '\'', '"', '`'])
                    && !t[at + w.len()..]
                        .trim_start()
                        .starts_with([':', '.', '?', '[', '\'', '"', '`'])
            })
    };
    // the field as written, or in camel case (`organizationId` for `organization_id`)
    use crate::vocab::squash;
    let squashed: Vec<String> = fields.iter().map(|f| squash(f)).collect();
    let names_tenant = |t: &str| identifiers(t).any(|(_, w)| squashed.contains(&squash(w)));
    // the signed-in user handed whole (`verifyPcfAccess(client, user, pcfId)`)
    let hands_user = |t: &str| {
        identifiers(t).any(|(at, w)| {
            CALLER_OBJECTS.contains(&w)
                && !t[..at].trim_end().ends_with(['.', '?'])
                && !t[at + w.len()..]
                    .trim_start()
                    .starts_with([':', '.', '?', '['])
        })
    };
    // a call, and with only a tenant or the user object named, a call that reads as a
    // check
    let check = |t: &str| {
        let mut calls = CALL.captures_iter(t).filter_map(|c| c.get(1));
        !writes(t)
            && names_id(t)
            && if CALLER.is_match(t) {
                calls.next().is_some()
            } else {
                (names_tenant(t) || hands_user(t))
                    && calls.any(|c| {
                        let name = c.as_str().rsplit('.').next().unwrap_or("");
                        let name = name.to_ascii_lowercase();
                        CHECK_WORDS.iter().any(|w| name.contains(w))
                    })
            }
    };
    let func = enclosing_function(id);
    // the branches are walked only when the whole function has such a check
    tested_check(&cx.index, func, 0..id.start_byte(), &[], &check, true) && {
        let elsewhere = crate::lang::treesitter::branches_elsewhere(func, id);
        tested_check(
            &cx.index,
            func,
            0..id.start_byte(),
            &elsewhere,
            &check,
            true,
        )
    }
}

/// An assignment or declaration with a value: (target, value).
fn binding(n: Node<'_>) -> Option<(Node<'_>, Node<'_>)> {
    if !matches!(
        n.kind_str(),
        "assignment" | "assignment_expression" | "variable_declarator"
    ) {
        return None;
    }
    Some((
        n.field("left").or_else(|| n.field("name"))?,
        n.field("right").or_else(|| n.field("value"))?,
    ))
}

/// Whether, within `span` of a function, a check is made and its answer tested: a
/// value `is_check` accepts is bound to a name (`const ok = await hasAccess(…)`,
/// `workspace = db.query(…).first()`) that a later `if` tests. With `direct`, also an
/// `if` whose condition is itself a check, or an `assert…`/`require…`/`ensure…`/
/// `verify…` statement that is one (it throws instead of answering).
fn tested_check<'t>(
    ix: &FileIndex<'t>,
    func: Node<'t>,
    span: std::ops::Range<usize>,
    elsewhere: &[std::ops::Range<usize>],
    is_check: &dyn Fn(&str) -> bool,
    direct: bool,
) -> bool {
    use crate::lang::words::identifiers;
    let src = ix.src();
    let sites = ix.memo("check sites", func, || check_sites(func));
    // the names bound to checks, and where each binding ends
    let mut bound: Vec<(&str, usize)> = Vec::new();
    let mut results: Vec<&str> = Vec::new();
    for site in sites.iter() {
        let start = site.start();
        if !span.contains(&start) || elsewhere.iter().any(|r| r.contains(&start)) {
            continue;
        }
        match site {
            Site::Binding {
                end, target, value, ..
            } => {
                // a check's result, or a value made from one (`let ok = !!membership`;
                // the names it binds, not the keys of a pattern: `data` in `{ data: m }`)
                let v = &src[value.clone()];
                let t = &src[target.clone()];
                let names = || {
                    identifiers(t)
                        .filter(|(at, w)| !t[at + w.len()..].trim_start().starts_with(':'))
                        .map(|(_, w)| w)
                };
                // an object or array built from the caller and the row is a record to
                // write, not a check
                let literal = v.trim_start().starts_with(['{', '[']);
                if *end < span.end && !literal && is_check(v) {
                    bound.extend(identifiers(t).map(|(_, w)| (w, *end)));
                    results.extend(names());
                } else if *end < span.end
                    && !literal
                    && !calls_in(v)
                    && identifiers(v).any(|(_, w)| results.contains(&w))
                {
                    bound.extend(names().map(|w| (w, *end)));
                    results.extend(names());
                }
            }
            Site::If { start, cond } => {
                let c = &src[cond.clone()];
                if (direct && is_check(c))
                    || bound
                        .iter()
                        .any(|(name, end)| start >= end && identifiers(c).any(|(_, w)| w == *name))
                {
                    return true;
                }
            }
            Site::Statement(range) if direct => {
                let t = &src[range.clone()];
                if guard_call(t) && is_check(t) {
                    return true;
                }
            }
            Site::Statement(_) => {}
        }
    }
    false
}

/// A node of a function that [`tested_check`] reads, by byte ranges of the file.
enum Site {
    /// An assignment or declaration with a value: where it ends, its target, its value.
    Binding {
        end: usize,
        target: std::ops::Range<usize>,
        value: std::ops::Range<usize>,
        start: usize,
    },
    /// An `if` and its condition.
    If {
        start: usize,
        cond: std::ops::Range<usize>,
    },
    /// An expression statement.
    Statement(std::ops::Range<usize>),
}

impl Site {
    fn start(&self) -> usize {
        match self {
            Site::Binding { start, .. } | Site::If { start, .. } => *start,
            Site::Statement(r) => r.start,
        }
    }
}

/// The bindings, `if`s and expression statements of a function (nested functions
/// included), in source order: one walk, shared by every check asked of the function.
fn check_sites(func: Node<'_>) -> Vec<Site> {
    let mut out = Vec::new();
    walk_node(func, |n| {
        if let Some((t, v)) = binding(n) {
            out.push(Site::Binding {
                start: n.start_byte(),
                end: n.end_byte(),
                target: t.byte_range(),
                value: v.byte_range(),
            });
            return;
        }
        match n.kind_str() {
            "if_statement" => {
                if let Some(cond) = n.field("condition") {
                    out.push(Site::If {
                        start: n.start_byte(),
                        cond: cond.byte_range(),
                    });
                }
            }
            "expression_statement" => out.push(Site::Statement(n.byte_range())),
            _ => {}
        }
    });
    out
}

/// Whether the Supabase client `name` (the root of a query chain, lowercased) is
/// assigned in this file from an expression that uses the service-role key:
/// `const supabase = createClient(url, process.env.SUPABASE_SERVICE_ROLE_KEY!)`.
/// The file's service-role names are found once per file (see [`service_role_names`]).
pub fn created_with_service_role<'t>(client: Node<'t>, cx: &FileCx<'t>) -> bool {
    let name = text(client, cx.text());
    let root = name
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .find(|w| !w.is_empty())
        .unwrap_or(name);
    let named = !root.is_empty()
        && cx
            .index
            .service_role_names
            .get_or_init(|| service_role_names(cx.text()))
            .contains(root);
    named || (client.kind_str() == "identifier" && built_with_service_role(client, cx, 6))
}

/// The names a file assigns from an expression that mentions the service role.
pub fn service_role_names(src: &str) -> std::collections::HashSet<String> {
    static ASSIGNED_SERVICE_ROLE: LazyLock<Regex> = LazyLock::new(|| {
        crate::lang::pattern::regex(
            r"(?m)(?:^|[\s;(,])(?:const\s+|let\s+|var\s+)?([A-Za-z_]\w*)\s*(?::[^=\n]+)?=[^=][^;]{0,300}?(?i:service_?role)",
        )
        .expect("regex compiles")
    });
    // The assignment ends at a mention of the service role at most 300 characters on:
    // search the lines before each mention, not the whole file (a capturing search of a
    // large file costs far more than the parse).
    let mut out = std::collections::HashSet::new();
    for (at, len) in service_role_mentions(src) {
        let from = crate::source::floor_char_boundary(src, at.saturating_sub(320));
        let from = src[..from].rfind('\n').map_or(0, |i| i + 1);
        let window = &src[from..at + len];
        out.extend(
            ASSIGNED_SERVICE_ROLE
                .captures_iter(window)
                .filter_map(|c| c.get(1).map(|m| m.as_str().to_string())),
        );
    }
    out
}

/// Where a text mentions the service role (`service_role`, `SERVICE_ROLE`,
/// `serviceRole`): (offset, length). A literal search, without a lowercased copy: it
/// runs on every file.
pub fn service_role_mentions(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    // ASCII case only, as the service role is written; a literal search (mentions
    // cannot overlap: none starts inside another)
    static MENTION: LazyLock<Regex> = LazyLock::new(|| {
        crate::lang::pattern::regex("(?i-u:service_?role)").expect("regex compiles")
    });
    MENTION.find_iter(text).map(|m| (m.start(), m.len()))
}

/// The functions of a file that build a Supabase client with the service-role key: their
/// text mentions the service role and makes a client (`createClient(url, key)`,
/// `getServiceRoleClient()`). Facts for the project index (see
/// [`crate::index::ModuleSummary::service_role_clients`]).
pub fn service_role_clients(
    summary: &crate::index::ModuleSummary,
    src: &crate::source::SourceText,
) -> Vec<String> {
    if service_role_mentions(&src.text).next().is_none() {
        return Vec::new();
    }
    // names the module binds to the key (`const serviceKey = process.env.SUPABASE_SERVICE_ROLE_KEY`)
    let keys = service_role_names(&src.text);
    let lines = src.line_count();
    summary
        .functions
        .iter()
        .filter(|f| !f.name.is_empty() && f.line >= 1 && f.end_line <= lines)
        .filter(|f| {
            let body =
                &src.text[src.line_range(f.line - 1).start..src.line_range(f.end_line - 1).end];
            body.contains("lient")
                && (service_role_mentions(body).next().is_some()
                    || crate::lang::words::identifiers(body).any(|(_, w)| keys.contains(w)))
        })
        .map(|f| f.name.clone())
        .collect()
}

/// Whether a client value is built with the service-role key, following the names it
/// is made of through the file's bindings: `const key = Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")`
/// then `const supabase = createClient(url, key)`. A name is looked up in its function,
/// then at module level.
fn built_with_service_role<'t>(n: Node<'t>, cx: &FileCx<'t>, depth: usize) -> bool {
    if depth == 0 {
        return false;
    }
    let src = cx.text();
    match n.kind_str() {
        "identifier" => {
            let name = text(n, src);
            let root = match cx.syntax {
                crate::lang::Syntax::TreeSitter(t) => Some(t.root_node()),
                _ => None,
            };
            cx.index
                .resolve(enclosing_function(n), name, n.start_byte())
                .or_else(|| root.and_then(|r| cx.index.resolve(r, name, n.start_byte())))
                .is_some_and(|v| {
                    // every query of a file names the same client: its value is asked once
                    const ASKED: [&str; 6] = [
                        "service-role value 0",
                        "service-role value 1",
                        "service-role value 2",
                        "service-role value 3",
                        "service-role value 4",
                        "service-role value 5",
                    ];
                    v.id() != n.id()
                        && cx.index.once_per_node(ASKED[(depth - 1).min(5)], v, || {
                            built_with_service_role(v, cx, depth - 1)
                        })
                })
        }
        "call_expression" | "call" => crate::lang::treesitter::arguments(n).is_some_and(|a| {
            let args: Vec<Node<'t>> = a.named_children().collect();
            args.into_iter()
                .any(|arg| built_with_service_role(arg, cx, depth - 1))
        }),
        "await_expression"
        | "non_null_expression"
        | "parenthesized_expression"
        | "as_expression" => n
            .named_child(0)
            .is_some_and(|c| built_with_service_role(c, cx, depth)),
        _ => service_role_mentions(text(n, src)).next().is_some(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn service_role_mentions_in_any_case_up_to_the_end() {
        let found: Vec<(usize, usize)> =
            super::service_role_mentions("a SERVICE_ROLE b serviceRole c service d Service_Role")
                .collect();
        assert_eq!(found, [(2, 12), (17, 11), (41, 12)]);
        assert_eq!(super::service_role_mentions("service").count(), 0);
        assert_eq!(super::service_role_mentions("").count(), 0);
    }
}
