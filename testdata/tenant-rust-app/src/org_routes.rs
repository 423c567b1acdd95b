use axum::extract::{Json, Path, Query, State};
use serde::Deserialize;
use sqlx::PgPool;
use uuid::Uuid;

use crate::auth::CurrentUser;
use crate::routes::Ledger;

#[derive(Deserialize)]
pub struct LedgerFilter {
    pub org_id: Uuid,
}

// GET /orgs/:org_id/ledgers — the org comes from the URL and nobody checks membership.
pub async fn ledgers_of_org(State(db): State<PgPool>, Path(org_id): Path<Uuid>) -> Json<Vec<Ledger>> {
    let rows = sqlx::query_as!(Ledger, "SELECT id, org_id, name FROM ledgers WHERE org_id = $1", org_id) // expect: tenant/org-id-from-request
        .fetch_all(&db)
        .await
        .unwrap_or_default();
    Json(rows)
}

pub async fn ledgers_by_query(State(db): State<PgPool>, Query(filter): Query<LedgerFilter>) -> Json<Vec<Ledger>> {
    let rows = sqlx::query_as!( // expect: tenant/org-id-from-request
        Ledger,
        "SELECT id, org_id, name FROM ledgers WHERE org_id = $1 ORDER BY name", // ok: tenant/missing-org-filter
        filter.org_id
    )
    .fetch_all(&db)
    .await
    .unwrap_or_default();
    Json(rows)
}

pub async fn my_ledgers(State(db): State<PgPool>, user: CurrentUser) -> Json<Vec<Ledger>> {
    let rows = sqlx::query_as!(Ledger, "SELECT id, org_id, name FROM ledgers WHERE org_id = $1", user.org_id) // ok: tenant/org-id-from-request
        .fetch_all(&db)
        .await
        .unwrap_or_default();
    Json(rows)
}
