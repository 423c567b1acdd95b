//! Tenant isolation: queries that forget the tenant filter, tenant ids taken from the
//! request, and Supabase tables without row level security.

crate::category! {
    missing_org_filter => MissingOrgFilter,
    org_id_from_request => OrgIdFromRequest,
    rls_disabled => RlsDisabled,
}
pub mod query;

use crate::rules::FileCx;

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
