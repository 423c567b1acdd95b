//! Tenant isolation: queries that forget the tenant filter, tenant ids taken from the
//! request, and Supabase tables without row level security.

crate::category! {
    missing_org_filter => MissingOrgFilter,
    org_id_from_request => OrgIdFromRequest,
    rls_disabled => RlsDisabled,
}
pub mod query;

use tree_sitter::Node;

use crate::finding::Condition;
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
            || p.contains("/scripts/")
            || p.contains("/alembic/")
            || cx.facts.is_cross_tenant(cx.path)
    })
}

/// What makes the query platform staff's own code, for the project index to decide:
/// a checked call before it that reaches a platform-admin gate, or, in a Next.js page
/// or layout, a layout above it that is one. Platform staff see every tenant by design.
pub fn staff_only<'t>(cx: &FileCx<'t>, node: Node<'t>) -> Vec<Condition> {
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
    cx.index
        .enclosing_function(node)
        .child_by_field_name("name")
        .map(|n| crate::lang::treesitter::text(n, cx.text()).to_string())
}
