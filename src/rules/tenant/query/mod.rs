//! Recognising queries of tenant-scoped models in every data-access style, and what
//! their filters constrain. Shared by `tenant/missing-org-filter` (is there a tenant
//! filter?) and `tenant/org-id-from-request` (where does its value come from?).

mod js;
mod node_orms;
mod prisma;
mod python;
pub mod raw_sql;
pub mod rust;
pub mod source;
use std::ops::Range;
use std::rc::Rc;

use crate::lang::syntax::Node;

use crate::facts::tenant::Model;
use crate::lang::Lang;
use crate::lang::treesitter::{enclosing_function, text};
use crate::rules::FileCx;

pub use crate::facts::tenant::Access;
/// The calls chained on a supabase-js query (`.select(…).eq(…)`), with their arguments.
pub(in crate::rules::tenant) use js::chain as supabase_chain;

/// What a query's filter constrains, strongest first.
#[derive(Debug, Clone, Copy)]
pub enum Filter<'t> {
    /// The tenant column, with the node of the value compared to it when known.
    Tenant(Option<Node<'t>>),
    /// A column tying rows to one user (user-scoped data is not cross-tenant).
    User,
    /// Only the primary key (and the id's value when known): safe if the function
    /// then checks the record's tenant.
    PrimaryKey(Option<Node<'t>>),
    /// A parent row's id (`.eq("facture_id", f.id)`, `where: { projectId }`): the rows of
    /// one parent, safe when the parent's id is the server's or was checked.
    Parent(Option<Node<'t>>),
    /// Conditions on other columns (`status`, `auth_id`): nothing that scopes tenants.
    Other,
    /// No condition at all.
    None,
    /// A filter shipsafe cannot see into (a helper's result): not reported.
    Unknown,
}

impl<'t> Filter<'t> {
    fn rank(&self) -> u8 {
        match self {
            Filter::Tenant(_) => 6,
            Filter::Unknown => 5,
            Filter::User => 4,
            Filter::PrimaryKey(_) => 3,
            Filter::Parent(_) => 2,
            Filter::Other => 1,
            Filter::None => 0,
        }
    }

    /// The stronger of two filters (for conditions combined with AND).
    pub fn and(self, other: Filter<'t>) -> Filter<'t> {
        if other.rank() > self.rank() {
            other
        } else {
            self
        }
    }
}

/// A query of a tenant-scoped model.
pub struct TenantQuery<'m, 't> {
    pub model: &'m Model,
    /// Where the query names the model (the line reported).
    pub report: Range<usize>,
    pub access: Access,
    pub filter: Filter<'t>,
    /// The client bypasses row level security (a service-role Supabase client).
    pub service_role: bool,
    /// For Supabase queries: the table's policies enforce the tenant.
    pub rls_enforced: bool,
    /// For Supabase queries whose client another module makes: the factory's call, for
    /// the project index to say whether it runs as `service_role`.
    pub client_factory: Option<String>,
    /// How the query is written, for messages: "Prisma", "Drizzle", …
    pub style: &'static str,
    /// A Supabase read that returns the number of rows and none of them
    /// (`.select("id", { count: "exact", head: true })`): see [`counts_only`].
    pub counts_only: bool,
}

/// Whether the arguments of a supabase-js / supabase-py `select` ask for the count
/// alone (`{ count: "exact", head: true }`, `count="exact", head=True`): a rate limit or
/// a quota, where only a number leaves the database.
pub fn counts_only(select_args: Option<Node<'_>>, src: &str) -> bool {
    static HEAD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::lang::pattern::regex(r"\bhead\s*[:=]\s*(?:true|True)\b").expect("regex compiles")
    });
    select_args.is_some_and(|a| HEAD.is_match(text(a, src)))
}

impl<'m, 't> TenantQuery<'m, 't> {
    /// A query not made through a Supabase client.
    pub fn new(
        model: &'m Model,
        report: Range<usize>,
        access: Access,
        filter: Filter<'t>,
        style: &'static str,
    ) -> Self {
        TenantQuery {
            model,
            report,
            access,
            filter,
            service_role: false,
            rls_enforced: false,
            client_factory: None,
            style,
            counts_only: false,
        }
    }
}

/// The n-th argument of an argument list, skipping comments.
pub fn arg<'t>(args: Node<'t>, n: usize) -> Option<Node<'t>> {
    args.named_children()
        .filter(|c| c.kind_str() != "comment")
        .nth(n)
}

/// Node kinds the recognisers look at.
pub fn node_kinds(lang: Lang) -> &'static [&'static str] {
    if lang == Lang::Python {
        &["call", "attribute", "string", "concatenated_string"]
    } else {
        &["call_expression", "string", "template_string"]
    }
}

/// The queries of any known model a node starts, tenant-scoped or not (a tenant's own
/// table, `organizations`, has no tenant column). Found once per node and file: two
/// rules ask of every query node, and the row-id checks ask again of a function's
/// earlier queries.
pub fn find_any<'t>(cx: &FileCx<'t>, node: Node<'t>) -> Rc<[TenantQuery<'t, 't>]> {
    if let Some(found) = cx.tenant_queries.borrow().get(&node.id()) {
        return found.clone();
    }
    let mut out = Vec::new();
    match node.kind_str() {
        // SQL shown to the reader of a page (`<code>{`SELECT …`}</code>`) runs nowhere
        "string" | "template_string" | "concatenated_string" if !shown_in_markup(node) => {
            raw_sql::queries(cx, node, &mut out)
        }
        "string" | "template_string" | "concatenated_string" => {}
        _ if cx.lang == Lang::Python => python::queries(cx, node, &mut out),
        _ => js::queries(cx, node, &mut out),
    }
    let found: Rc<[TenantQuery<'t, 't>]> = out.into();
    cx.tenant_queries
        .borrow_mut()
        .insert(node.id(), found.clone());
    found
}

/// Whether a literal is text of JSX markup: a child of an element, or an expression
/// child of one (`<code>{`SELECT …`}</code>`), not an attribute's value or a value an
/// expression computes (`{rows.map(…)}`).
fn shown_in_markup(node: Node<'_>) -> bool {
    let Some(parent) = node.parent() else {
        return false;
    };
    match parent.kind_str() {
        "jsx_element" => true,
        "jsx_expression" => parent
            .parent()
            .is_some_and(|p| matches!(p.kind_str(), "jsx_element" | "jsx_fragment")),
        _ => false,
    }
}

/// Whether the function around `node` compares some record's tenant field with
/// something (`project.orgId !== session.orgId`, `if obj.organization != request.user.organization`),
/// which makes a lookup by primary key safe.
pub fn tenant_checked_in_function<'t>(
    ix: &crate::index::FileIndex<'t>,
    node: Node<'t>,
    model: &Model,
) -> bool {
    let Some(t) = &model.tenant else { return false };
    let mut names = vec![t.field.as_str(), t.column.as_str()];
    if let Some(r) = &t.relation {
        names.push(r);
    }
    let src = ix.src();
    let func = enclosing_function(node);
    // the fields the whole function compares, found once per function; the branches are
    // walked only when it compares one of these
    let compared = ix.memo("compared fields", func, || compared_fields(text(func, src)));
    compared.iter().any(|f| names.contains(&f.as_str()))
        && compares_field(&outside_other_branches(func, node, src), &names)
}

/// A function's text with the branches that cannot lead to the node blanked out (see
/// [`crate::lang::treesitter::branches_elsewhere`]). A handler that serves many actions
/// checks a row in one of them, and that check does not cover a query in another.
fn outside_other_branches(func: Node<'_>, node: Node<'_>, src: &str) -> String {
    let base = func.start_byte();
    let mut out = text(func, src).as_bytes().to_vec();
    for r in crate::lang::treesitter::branches_elsewhere(func, node) {
        for b in &mut out[r.start - base..r.end - base] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    }
    String::from_utf8(out).unwrap_or_default()
}

/// `x.orgId !== y`, `y != x.org_id`, `x.orgId.equals(y)`, `x.org_id is not y`,
/// `x.org_id not in allowed`, `allowed.includes(x.orgId)`.
static FIELD_THEN_OPERATOR: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::lang::pattern::regex(
        r"\.(\w+)\s*(?:!==|===|!=|==|\bis\b|\bnot\s+in\b|\bin\b|\.\s*equals\s*\()",
    )
    .expect("regex compiles")
});
/// The operator side also takes membership in a set of the caller's tenants:
/// `allowed.includes(row.org_id)`, `orgIds.has(row.orgId)`.
static OPERATOR_THEN_FIELD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::lang::pattern::regex(
        r"(?:!==|===|!=|==|\.\s*(?:includes|has|indexOf)\s*\(\s*)\s*[\w.?\[\]'\x22]*\.(\w+)\b",
    )
    .expect("regex compiles")
});

/// Whether code compares one of these fields of some record with something (either
/// side of the operator). The patterns are compiled once.
pub fn compares_field(body: &str, names: &[&str]) -> bool {
    let hit = |re: &regex::Regex| {
        re.captures_iter(body)
            .any(|c| c.get(1).is_some_and(|m| names.contains(&m.as_str())))
    };
    hit(&FIELD_THEN_OPERATOR) || hit(&OPERATOR_THEN_FIELD)
}

/// Every field [`compares_field`] would find compared in code.
fn compared_fields(body: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for re in [&*FIELD_THEN_OPERATOR, &*OPERATOR_THEN_FIELD] {
        for c in re.captures_iter(body) {
            if let Some(m) = c.get(1)
                && !out.iter().any(|o| o == m.as_str())
            {
                out.push(m.as_str().to_string());
            }
        }
    }
    out
}

/// What a filter on one column means for a model, given the compared value when known.
pub fn column_filter<'t>(
    ix: &crate::index::FileIndex<'t>,
    model: &Model,
    column: &str,
    value: Option<Node<'t>>,
) -> Filter<'t> {
    let col = column.trim_matches(['"', '\'']);
    // the value itself, not its cast: `.eq("id", id!)`, `id as string`
    let value = value.map(|v| crate::lang::treesitter::unwrap_value(v, ix.src()));
    // a column tying rows to one user
    let user = |c: &str| {
        model.user_fields.iter().any(|u| u == c) || crate::facts::tenant::is_user_field(c)
    };
    let squashed = col
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    match &model.tenant {
        Some(t) if t.matches_key(col) => Filter::Tenant(value),
        // Prisma compound unique keys: { teamId_userId: { teamId, userId } }
        Some(t) if col.contains('_') && col.split('_').any(|part| t.matches_key(part)) => {
            Filter::Tenant(None)
        }
        // only the rows every tenant shares: `isPublic: true`, `.eq("is_global", true)`,
        // `Workflow.is_public == True`
        _ if shared_flag(col)
            && value.is_some_and(|v| {
                matches!(crate::lang::treesitter::text(v, ix.src()), "true" | "True")
            }) =>
        {
            Filter::Tenant(None)
        }
        // Prisma compound unique keys with a user: { userId_entityId: { userId, entityId } }
        _ if col.contains('_')
            && col.chars().any(|c| c.is_ascii_uppercase())
            && col.split('_').any(user) =>
        {
            Filter::User
        }
        // A lookup by a secret or unique credential (hashed API key, invite token) finds
        // the one row its holder may see.
        _ if secret_column(col) => Filter::User,
        _ if user(col) => Filter::User,
        _ if matches!(col, "id" | "_id" | "pk" | "uuid" | "slug") => Filter::PrimaryKey(value),
        // any column compared with the signed-in caller's own id: their own rows
        _ if value.is_some_and(|v| source::is_caller_id(ix, v)) => Filter::User,
        // an email column compared with the caller's own address: their own rows
        _ if squashed.ends_with("email")
            && value.is_some_and(|v| source::is_caller_email(ix, v)) =>
        {
            Filter::User
        }
        _ if is_reference(col) => Filter::Parent(value),
        _ => Filter::Other,
    }
}

/// A column that holds a secret or a unique credential of its row: a hashed API key,
/// an invite or signing token, an invitation or access code, a one-time code sent to
/// the holder (`token_signature`, `invitation_code`, `api_key_hash`, `otp_code`).
/// Whoever presents its value holds the row.
pub fn secret_column(column: &str) -> bool {
    let squashed = crate::vocab::squash(column);
    [
        "hash",
        "token",
        "apikey",
        "secret",
        "invitecode",
        "invitationcode",
        "accesscode",
    ]
    .iter()
    .any(|w| squashed.contains(w))
        || crate::lang::words::split_words(column)
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| matches!(w, "otp" | "nonce" | "passcode"))
}

/// A flag column whose `true` marks rows every tenant shares: `is_global`, `isPublic`,
/// `shared`, `is_system`.
pub fn shared_flag(column: &str) -> bool {
    matches!(
        crate::vocab::squash(column).as_str(),
        "isglobal" | "ispublic" | "global" | "public" | "isshared" | "shared" | "issystem"
    )
}

/// A column that holds another row's id: `facture_id`, `projectId`, `lead_id`.
fn is_reference(col: &str) -> bool {
    col.len() > 3 && (col.ends_with("_id") || (col.ends_with("Id") && !col.ends_with("_Id")))
}
