//! Tenant isolation: queries that forget the tenant filter, tenant ids taken from the
//! request, and Supabase tables without row level security.

crate::category! {
    missing_org_filter => MissingOrgFilter,
    org_id_from_request => OrgIdFromRequest,
    rls_disabled => RlsDisabled,
}
mod batch_job;
pub mod query;
mod row_ids;

use crate::lang::syntax::Node;

use crate::finding::Condition;
use crate::lang::treesitter::enclosing_function;
use crate::rules::FileCx;
use query::Access;

/// Code where cross-tenant queries are expected: migrations, seeds, tests, and paths
/// the config marks as cross-tenant admin code.
pub fn exempt_file(cx: &FileCx<'_>) -> bool {
    *cx.tenant_exempt.get_or_init(|| {
        let p = format!("/{}", cx.path.to_ascii_lowercase());
        cx.file.is_test
            || cx.file.is_seed
            || p.contains("/migrations/")
            || p.contains("/migration/")
            || crate::facts::client::script_path(cx.path)
            || p.contains("/alembic/")
            || cx.facts.is_cross_tenant(cx.path)
            || supabase_local_script(cx)
    })
}

/// A script in a Supabase project's `supabase/` folder outside `functions/`
/// (`supabase/test_poi.ts`): the CLI deploys only the edge functions, so it is run by
/// hand on a developer's machine, like the project's `scripts/`.
fn supabase_local_script(cx: &FileCx<'_>) -> bool {
    cx.facts.supabase_projects.iter().any(|project| {
        cx.path
            .strip_prefix(project.as_str())
            .and_then(|p| p.strip_prefix("supabase/"))
            .is_some_and(|rest| !rest.starts_with("functions/"))
    })
}

/// What makes the query platform staff's own code, for the project index to decide:
/// a checked call before it that reaches a platform-admin gate, or, in a Next.js page
/// or layout, a layout above it that is one. Platform staff see every tenant by design.
pub fn staff_only<'t>(cx: &FileCx<'t>, node: Node<'t>) -> Vec<Condition> {
    staff_only_at(cx, node, 0)
}

/// [`staff_only_within`], answered once per node and depth: asked by both tenant rules
/// about the same query, and of a helper's call sites by every query of the helper.
fn staff_only_at<'t>(cx: &FileCx<'t>, node: Node<'t>, depth: usize) -> Vec<Condition> {
    const QUESTIONS: [&str; OWN_CALLERS_DEPTH] = [
        "staff only",
        "staff only, a caller up",
        "staff only, two callers up",
    ];
    let question = QUESTIONS[depth.min(OWN_CALLERS_DEPTH - 1)];
    cx.index
        .memo(question, node, || staff_only_within(cx, node, depth))
        .as_ref()
        .clone()
}

/// How many callers deep [`staff_only`] follows the calls of a helper in its own file
/// (`executeScheduledWorkflows` called by `runScheduledJobs`, called by a scheduler
/// setup nothing names).
const OWN_CALLERS_DEPTH: usize = 3;

/// [`staff_only`] of a node `depth` callers up from the query, in the query's file.
fn staff_only_within<'t>(cx: &FileCx<'t>, node: Node<'t>, depth: usize) -> Vec<Condition> {
    let mut out = staff_checks(cx, node);
    // a method of a plain class of the project (a service nothing but its own code
    // decorates or extends) serves a request only where some code calls it by name
    if let Some(method) = plain_class_method(cx, node) {
        out.push(Condition::Unreferenced {
            function: method,
            method: true,
            owner: None,
        });
    }
    // a helper called only from code behind such checks, or by machines
    if let Some(uses) = own_file_uses(cx, node) {
        // a helper its own file never calls serves no request unless another file names
        // it (one left behind by a refactor): the project index decides
        if uses.sites.is_empty() && !uses.entry {
            out.push(Condition::Unreferenced {
                function: uses.name.clone(),
                method: false,
                owner: None,
            });
        }
        // each call in the file is judged as the query is: by the checks before it and,
        // a few callers up, by who calls the function around it
        let per_site: Vec<Vec<Condition>> = uses
            .sites
            .into_iter()
            .map(|s| {
                at_call(cx, s, &|cx, n| {
                    if depth + 1 < OWN_CALLERS_DEPTH {
                        staff_only_at(cx, n, depth + 1)
                    } else {
                        staff_checks(cx, n)
                    }
                })
            })
            .collect();
        if uses.exported {
            // its importers' calls are decided on the project index
            if per_site.iter().all(|c| !c.is_empty()) {
                out.push(Condition::EveryImporter {
                    function: uses.name,
                    own: per_site,
                });
            }
        } else if !per_site.is_empty() && per_site.iter().all(|c| !c.is_empty()) {
            out.push(Condition::EveryCaller(per_site));
        }
    }
    out
}

/// The conditions at a call of a helper: none needed ([`Condition::MachineOnly`]) when
/// no tenant's user makes it (a script, a test or a migration run from a shell, a
/// provider's webhook handler, a handler behind the deployment's own secret, see
/// [`crate::rules::gates::scheduled_job`], or one that checked the caller is platform staff itself), else
/// what `staff` says of the call: [`staff_only`] (which follows that caller's own
/// callers) for a call in an importer, the same up to [`OWN_CALLERS_DEPTH`] callers up
/// for one in the helper's own file.
fn at_call<'t>(
    cx: &FileCx<'t>,
    call: Node<'t>,
    staff: &dyn Fn(&FileCx<'t>, Node<'t>) -> Vec<Condition>,
) -> Vec<Condition> {
    if exempt_file(cx)
        || missing_org_filter::webhook_handler(cx)
        || crate::rules::gates::scheduled_job(cx, call)
        || query::source::platform_admin_checked_before(cx, call)
    {
        vec![Condition::MachineOnly]
    } else {
        staff(cx, call)
    }
}

/// How the JS/TS function around a node is named in its own file: its name, whether
/// the module exports it (`export function f`, `export const f = …`, `export { f }`),
/// and the calls of it elsewhere in the file.
struct OwnUses<'t> {
    name: String,
    exported: bool,
    sites: Vec<Node<'t>>,
    /// A request handler or a framework's entry point, which the app never calls.
    entry: bool,
}

/// Exports a framework calls by their name, never the app: Next.js's data and metadata
/// functions and middleware, Remix's and SvelteKit's loaders and actions, serverless
/// handlers.
const FRAMEWORK_ENTRIES: &[&str] = &[
    "generateMetadata",
    "generateStaticParams",
    "generateViewport",
    "generateSitemaps",
    "getServerSideProps",
    "getStaticProps",
    "getStaticPaths",
    "getInitialProps",
    "middleware",
    "loader",
    "action",
    "load",
    "handler",
    "main",
];

/// The function whose run runs a node: the one around it, or, for a callback handed to
/// a call (`fetchAll(async () => …)`, `items.map(…)`), the function around that call.
fn running_function(node: Node<'_>) -> Node<'_> {
    let mut func = enclosing_function(node);
    while matches!(
        func.kind_str(),
        "arrow_function" | "function_expression" | "function"
    ) && func.parent().is_some_and(|p| p.kind_str() == "arguments")
    {
        func = enclosing_function(func);
    }
    func
}

/// [`OwnUses`] of the function around `node`: a function declaration or `const f = () =>
/// …`. `None` when it is anonymous, a default export, or named in the file other than
/// by a call or an export (passed as a value, registered as a handler).
fn own_file_uses<'t>(cx: &FileCx<'t>, node: Node<'t>) -> Option<OwnUses<'t>> {
    use crate::lang::treesitter::text;
    if !matches!(
        cx.lang,
        crate::lang::Lang::TypeScript | crate::lang::Lang::Tsx | crate::lang::Lang::JavaScript
    ) {
        return None;
    }
    let func = running_function(node);
    let src = cx.text();
    let (name_node, decl) = match func.kind_str() {
        "function_declaration" | "generator_function_declaration" => (func.field("name")?, func),
        "arrow_function" | "function_expression" | "function" => {
            let d = func
                .parent()
                .filter(|p| p.kind_str() == "variable_declarator")?;
            (
                d.field("name").filter(|n| n.kind_str() == "identifier")?,
                d.parent()?,
            )
        }
        _ => return None,
    };
    let export = decl.parent().filter(|p| p.kind_str() == "export_statement");
    if export.is_some_and(|e| text(e, src).starts_with("export default")) {
        return None;
    }
    let mut exported = export.is_some();
    let name = text(name_node, src);
    let mut sites = Vec::new();
    let mut other_use = false;
    for &n in cx.index.identifiers_named(decl, name) {
        if other_use {
            break;
        }
        if n.id() == name_node.id() {
            continue;
        }
        match n.parent() {
            Some(call)
                if call.kind_str() == "call_expression"
                    && call.field("function").is_some_and(|f| f.id() == n.id()) =>
            {
                // a call from inside the helper itself (recursion) checks nothing
                if !(func.start_byte() <= call.start_byte() && call.end_byte() <= func.end_byte()) {
                    sites.push(call);
                }
            }
            // `export { helper }`, not `export { helper as default }`
            Some(spec)
                if spec.kind_str() == "export_specifier"
                    && spec
                        .field("alias")
                        .is_none_or(|a| text(a, src) != "default") =>
            {
                exported = true;
            }
            _ => other_use = true,
        }
    }
    if other_use {
        return None;
    }
    let entry =
        crate::flow::request::is_handler(cx.path, func, src) || FRAMEWORK_ENTRIES.contains(&name);
    Some(OwnUses {
        name: name.to_string(),
        exported,
        sites,
        entry,
    })
}

/// The name of the JS/TS class method around a node, when nothing but a call by that
/// name runs it: the class has no decorator (`@Controller`, `@Injectable`) and no
/// `extends` or `implements` clause (a framework's base class or interface calls its
/// methods by names it knows: `canActivate`, `validate`, `render`), and the method no
/// decorator (`@Get()`); not a constructor, getter or setter.
fn plain_class_method<'t>(cx: &FileCx<'t>, node: Node<'t>) -> Option<String> {
    use crate::lang::treesitter::text;
    if !matches!(
        cx.lang,
        crate::lang::Lang::TypeScript | crate::lang::Lang::Tsx | crate::lang::Lang::JavaScript
    ) {
        return None;
    }
    let src = cx.text();
    let func = running_function(node);
    if func.kind_str() != "method_definition" {
        return None;
    }
    let name = func
        .field("name")
        .filter(|n| n.kind_str() == "property_identifier")?;
    let name = text(name, src);
    let head = text(func, src).split('(').next().unwrap_or("");
    if name == "constructor" || head.split_whitespace().any(|w| matches!(w, "get" | "set")) {
        return None;
    }
    let body = func.parent().filter(|b| b.kind_str() == "class_body")?;
    let class = body.parent()?;
    // decorators of the class, of its export, or of any member
    let outer = class
        .parent()
        .filter(|p| p.kind_str() == "export_statement")
        .unwrap_or(class);
    let decorated = outer.descendants().any(|d| d.kind_str() == "decorator");
    if !matches!(
        class.kind_str(),
        "class_declaration" | "class" | "abstract_class_declaration"
    ) || decorated
        || class
            .named_children()
            .any(|c| c.kind_str() == "class_heritage")
    {
        return None;
    }
    Some(name.to_string())
}

/// The conditions at each use of an imported function in this file, named by `forms`
/// (`helper`, or `db.helper` through a namespace import): one list per call, `None`
/// when a use is not a call (the function passed on as a value, or re-exported).
/// Each call's conditions are [`at_call`]'s.
pub fn conditions_at_uses(cx: &FileCx<'_>, forms: &[String]) -> Option<Vec<Vec<Condition>>> {
    use crate::lang::treesitter::{text, walk_node};
    let crate::lang::Syntax::TreeSitter(tree) = cx.syntax else {
        return None;
    };
    let src = cx.text();
    // namespaces (`actions` of `actions.helper`): named only to reach a member
    let namespaces: Vec<&str> = forms
        .iter()
        .filter_map(|f| f.split_once('.'))
        .map(|(ns, _)| ns)
        .collect();
    let mut sites = Vec::new();
    let mut other_use = false;
    walk_node(tree.root_node(), |n| {
        if other_use {
            return;
        }
        if n.kind_str() == "identifier"
            && namespaces.contains(&text(n, src))
            && !n.parent().is_some_and(|p| {
                matches!(
                    p.kind_str(),
                    "member_expression" | "import_clause" | "namespace_import"
                ) || p.kind_str().starts_with("import")
            })
        {
            other_use = true;
            return;
        }
        let named = match n.kind_str() {
            "identifier" | "shorthand_property_identifier" => {
                forms.iter().any(|f| f == text(n, src))
            }
            "member_expression" => forms.iter().any(|f| f.contains('.') && f == text(n, src)),
            _ => false,
        };
        if !named {
            return;
        }
        // the import that binds it
        let mut up = n.parent();
        while let Some(p) = up {
            if p.kind_str() == "import_statement" {
                return;
            }
            up = p.parent();
        }
        match n.parent() {
            Some(call)
                if call.kind_str() == "call_expression"
                    && call.field("function").is_some_and(|f| f.id() == n.id()) =>
            {
                sites.push(call)
            }
            _ => other_use = true,
        }
    });
    if other_use {
        return None;
    }
    Some(
        sites
            .into_iter()
            .map(|s| at_call(cx, s, &staff_only))
            .collect(),
    )
}

/// The staff-only conditions at one node: checked calls (Python: dependencies,
/// decorators, statement calls) before it, and a gated layout above a Next.js page.
fn staff_checks<'t>(cx: &FileCx<'t>, node: Node<'t>) -> Vec<Condition> {
    let checks = if cx.lang == crate::lang::Lang::Python {
        crate::flow::guards::python_checks_before(&cx.index, node)
    } else {
        crate::flow::guards::checked_calls_before(&cx.index, node)
    };
    let mut out: Vec<Condition> = checks
        .into_iter()
        .map(|(callee, caller)| Condition::CallsAdminGate { callee, caller })
        .collect();
    let name = cx.path.rsplit('/').next().unwrap_or(cx.path);
    if (name.starts_with("page.") || name.starts_with("layout."))
        && cx.path.split('/').any(|s| s == "app")
    {
        out.push(Condition::UnderAdminLayout);
    }
    out
}

/// Reads of a table whose row level security shows every row to users: the data is
/// not tenant-private (a public catalog whose `organization_id` is attribution).
pub fn open_by_policy(cx: &FileCx<'_>, q: &query::TenantQuery<'_, '_>) -> bool {
    q.access == Access::Read
        && cx
            .facts
            .data
            .rls(cx.path, &q.model.table)
            .is_some_and(|r| r.open_to_users(Access::Read))
}

/// The name of the function around a node, as the file's summary names it (for
/// `this.method()` calls the project index resolves).
pub fn function_name<'t>(cx: &FileCx<'t>, node: Node<'t>) -> Option<String> {
    enclosing_function(node)
        .child_by_field_name("name")
        .map(|n| crate::lang::treesitter::text(n, cx.text()).to_string())
}

/// A Rust function that reads a row's tenant alone and compares it with the caller's:
/// `sqlx::query_as("SELECT organization_id FROM buildings WHERE id = $1")`, then
/// `Some((org_id,)) if org_id != tenant.tenant_id => return Err(…)`. The value is bound
/// by a pattern, so no `.organization_id` is compared in the text.
pub(crate) fn rust_tenant_lookup_compared(func: &str, field: &str) -> bool {
    use crate::lang::words::identifiers;
    static CALLER_TENANT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::lang::pattern::regex(
            r"\b([a-z_][a-z0-9_]*)\s*(?:!=|==)\s*&?\*?(?:tenant|auth|user|auth_user|claims|ctx|context)\.(?:tenant_id|org_id|organization_id)\b",
        )
        .expect("regex compiles")
    });
    // `SELECT organization_id FROM …`: one column, the tenant's
    static ONE_COLUMN: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::lang::pattern::regex(r"(?i)\bselect\s+(?:\w+\.)?(\w+)\s+from\b")
            .expect("regex compiles")
    });
    let Some(read) = ONE_COLUMN
        .captures_iter(func)
        .find(|c| {
            c.get(1)
                .is_some_and(|m| m.as_str().eq_ignore_ascii_case(field))
        })
        .and_then(|c| c.get(0))
    else {
        return false;
    };
    // a name compared with the caller's tenant, bound after the lookup (`Some((org_id,))`)
    CALLER_TENANT.captures_iter(&func[read.end()..]).any(|c| {
        c.get(1).is_some_and(|name| {
            let bound_at = &func[read.end()..read.end() + name.start()];
            identifiers(bound_at).any(|(_, w)| w == name.as_str())
        })
    })
}

/// Whether the Rust function around a call of a repository function (at `at`, handed
/// `args`) checks it (see [`crate::finding::Condition::CallersCheck`]): a platform-admin
/// guard before it, a comparison of some row's tenant `field`, or an access guard
/// before it handed one of the call's own values (`verify_subscription_access(&state,
/// user.id, id).await?` before `update_subscription(conn, id, data)`). The values a
/// handler passes to every call (its state, pool, connection, the caller) tie nothing.
pub(crate) fn rust_call_checked(text: &str, at: usize, args: &str, field: &str) -> bool {
    use crate::flow::guards::{rust_guard_calls_before, rust_staff_guard_before};
    use crate::lang::words::{identifiers, split_words};
    const SHARED: &[&str] = &[
        "state",
        "pool",
        "db",
        "conn",
        "rls",
        "tx",
        "self",
        "mut",
        "auth",
        "user",
        "tenant",
        "ctx",
        "app",
        "client",
        "executor",
        "transaction",
        "user_id",
        "tenant_id",
        "clone",
        "as_ref",
        "await",
    ];
    if rust_staff_guard_before(text, at)
        || query::compares_field(crate::lang::rust::fn_text(text, at), &[field])
        || rust_tenant_lookup_compared(crate::lang::rust::fn_text(text, at), field)
    {
        return true;
    }
    let values = |t: &str| -> Vec<String> {
        identifiers(t)
            .map(|(_, w)| w.to_string())
            .filter(|w| !SHARED.contains(&w.as_str()))
            .collect()
    };
    let own = values(args);
    let access_guard = |name: &str| {
        let words = split_words(name);
        let has = |list: &[&str]| words.split(' ').any(|w| list.contains(&w));
        has(&["verify", "check", "ensure", "require", "assert"])
            && has(&[
                "access",
                "member",
                "membership",
                "permission",
                "owner",
                "ownership",
            ])
    };
    if rust_guard_calls_before(text, at).any(|(name, guard_args)| {
        access_guard(name) && values(guard_args).iter().any(|v| own.contains(v))
    }) {
        return true;
    }
    // the row the call returns, handed by its tenant to an access guard after it: `let
    // existing = repo.find_by_id(id).await?…;` then `check_org_membership(&state,
    // existing.organization_id, user_id).await?;`
    static BOUND: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::lang::pattern::regex(
            r"\blet\s+(?:mut\s+)?([a-z_][a-z0-9_]*)\s*(?::[^=;]*)?=[^;{}]*$",
        )
        .expect("regex compiles")
    });
    let stmt_start = text[..at].rfind([';', '{', '}']).map_or(0, |i| i + 1);
    let Some(row) = BOUND
        .captures(&text[stmt_start..at])
        .and_then(|c| c.get(1))
        .map(|m| m.as_str())
    else {
        return false;
    };
    let func = crate::lang::rust::fn_text(text, at);
    let func_end = (func.as_ptr() as usize - text.as_ptr() as usize) + func.len();
    let Some(after) = text.get(at..func_end.max(at)) else {
        return false;
    };
    let tenant_of_row = format!("{row}.{field}");
    crate::flow::guards::rust_guard_calls_in(after)
        .any(|(name, guard_args)| access_guard(name) && guard_args.contains(&tenant_of_row))
}
