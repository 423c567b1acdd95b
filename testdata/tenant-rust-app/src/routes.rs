use axum::extract::{Path, State};
use axum::Json;
use sqlx::PgPool;
use uuid::Uuid;

use crate::auth::CurrentUser;

#[derive(serde::Serialize, sqlx::FromRow)]
pub struct Ledger {
    pub id: Uuid,
    pub org_id: Uuid,
    pub name: String,
}

pub async fn list_ledgers(State(db): State<PgPool>, user: CurrentUser) -> Json<Vec<Ledger>> {
    let rows = sqlx::query_as!(
        Ledger,
        "SELECT id, org_id, name FROM ledgers WHERE org_id = $1 AND NOT archived", // ok: tenant/missing-org-filter
        user.org_id
    )
    .fetch_all(&db)
    .await
    .unwrap_or_default();
    Json(rows)
}

pub async fn all_ledgers(State(db): State<PgPool>) -> Json<Vec<Ledger>> {
    let rows = sqlx::query_as::<_, Ledger>("SELECT id, org_id, name FROM ledgers WHERE NOT archived") // expect: tenant/missing-org-filter
        .fetch_all(&db)
        .await
        .unwrap_or_default();
    Json(rows)
}

pub async fn get_ledger(State(db): State<PgPool>, user: CurrentUser, Path(id): Path<Uuid>) -> Option<Json<Ledger>> {
    let ledger = sqlx::query_as!(Ledger, "SELECT id, org_id, name FROM ledgers WHERE id = $1", id) // ok: tenant/missing-org-filter
        .fetch_optional(&db)
        .await
        .ok()??;
    if ledger.org_id != user.org_id {
        return None;
    }
    Some(Json(ledger))
}

pub async fn delete_entry(State(db): State<PgPool>, Path(id): Path<Uuid>) {
    let _ = sqlx::query!("DELETE FROM entries WHERE id = $1", id) // expect: tenant/missing-org-filter
        .execute(&db)
        .await;
}

pub async fn entries_of_ledger(State(db): State<PgPool>, user: CurrentUser, Path(ledger): Path<Uuid>) -> Vec<i64> {
    sqlx::query_scalar!(
        "SELECT e.amount_cents FROM entries e JOIN ledgers l ON l.id = e.ledger_id WHERE l.org_id = $1 AND l.id = $2", // ok: tenant/missing-org-filter
        user.org_id,
        ledger
    )
    .fetch_all(&db)
    .await
    .unwrap_or_default()
}

pub async fn currencies(State(db): State<PgPool>) -> Vec<String> {
    sqlx::query_scalar!("SELECT code FROM currencies ORDER BY code") // ok: tenant/missing-org-filter
        .fetch_all(&db)
        .await
        .unwrap_or_default()
}

/// Renames a ledger once its organization, read alone and bound by a pattern, is the
/// caller's tenant (the tenant extractor of the signed-in session).
pub async fn rename_ledger(
    State(db): State<PgPool>,
    tenant: crate::auth::TenantExtractor,
    Path(id): Path<Uuid>,
) -> Result<(), axum::http::StatusCode> {
    let owner: Option<(Uuid,)> = sqlx::query_as("SELECT org_id FROM ledgers WHERE id = $1") // ok: tenant/missing-org-filter
        .bind(id)
        .fetch_optional(&db)
        .await
        .map_err(|_| axum::http::StatusCode::INTERNAL_SERVER_ERROR)?;
    match owner {
        None => return Err(axum::http::StatusCode::NOT_FOUND),
        Some((org_id,)) if org_id != tenant.tenant_id => return Err(axum::http::StatusCode::FORBIDDEN),
        _ => {}
    }
    sqlx::query("UPDATE ledgers SET name = 'renamed' WHERE id = $1 AND org_id = $2")
        .bind(id)
        .bind(tenant.tenant_id)
        .execute(&db)
        .await
        .map_err(|_| axum::http::StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(())
}

/// The same read, compared with the organization the path names: the caller picks it.
pub async fn ledger_owner(
    State(db): State<PgPool>,
    Path((org, id)): Path<(Uuid, Uuid)>,
) -> Result<String, axum::http::StatusCode> {
    let owner: Option<(Uuid,)> = sqlx::query_as("SELECT org_id FROM ledgers WHERE id = $1") // expect: tenant/missing-org-filter
        .bind(id)
        .fetch_optional(&db)
        .await
        .map_err(|_| axum::http::StatusCode::INTERNAL_SERVER_ERROR)?;
    match owner {
        Some((org_id,)) if org_id != org => Err(axum::http::StatusCode::FORBIDDEN),
        Some((org_id,)) => Ok(org_id.to_string()),
        None => Err(axum::http::StatusCode::NOT_FOUND),
    }
}
