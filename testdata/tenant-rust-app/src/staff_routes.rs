//! Platform staff's reports: every tenant's ledgers, behind a guard that turns away all
//! but super admins. The support view below checks only that someone is signed in.

use axum::extract::State;
use axum::http::StatusCode;
use sqlx::PgPool;

use crate::auth::{AuthUser, TenantRole};

fn require_super_admin(user: &AuthUser) -> Result<(), (StatusCode, String)> {
    match user.role {
        Some(TenantRole::SuperAdmin) => Ok(()),
        _ => Err((StatusCode::FORBIDDEN, "super admins only".to_string())),
    }
}

fn require_signed_in(user: &AuthUser) -> Result<(), (StatusCode, String)> {
    if user.id.is_nil() {
        return Err((StatusCode::UNAUTHORIZED, "sign in".to_string()));
    }
    Ok(())
}

pub async fn all_ledgers_report(
    State(pool): State<PgPool>,
    user: AuthUser,
) -> Result<String, (StatusCode, String)> {
    require_super_admin(&user)?;
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM ledgers WHERE archived = false") // ok: tenant/missing-org-filter
        .fetch_one(&pool)
        .await
        .map_err(|e| (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    Ok(count.to_string())
}

pub async fn support_ledgers(
    State(pool): State<PgPool>,
    user: AuthUser,
) -> Result<String, (StatusCode, String)> {
    require_signed_in(&user)?;
    let names: Vec<String> = sqlx::query_scalar("SELECT name FROM ledgers ORDER BY name") // expect: tenant/missing-org-filter
        .fetch_all(&pool)
        .await
        .map_err(|e| (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    Ok(names.join(", "))
}
