//! Ledger search: the WHERE clause is built from fragments. The list of conditions starts
//! with the tenant's, so every query made from it is the tenant's; a tenant condition
//! added only when the request asks for one is no filter at all.

use sqlx::PgPool;
use uuid::Uuid;

pub struct SearchParams {
    pub name: Option<String>,
    pub org_id: Option<Uuid>,
}

pub async fn search_ledgers(pool: &PgPool, org_id: Uuid, params: SearchParams) -> Vec<Uuid> {
    let mut conditions = vec!["l.org_id = $1".to_string()];
    if params.name.is_some() {
        conditions.push("l.name ILIKE $2".to_string());
    }
    let sql = format!(
        "SELECT l.id FROM ledgers l WHERE {} ORDER BY l.name", // ok: tenant/missing-org-filter
        conditions.join(" AND ")
    );
    sqlx::query_scalar(&sql)
        .bind(org_id)
        .bind(params.name)
        .fetch_all(pool)
        .await
        .unwrap_or_default()
}

pub async fn search_all_ledgers(pool: &PgPool, params: SearchParams) -> Vec<Uuid> {
    let mut conditions = vec!["archived = false".to_string()];
    if params.org_id.is_some() {
        conditions.push("org_id = $1".to_string());
    }
    let sql = format!(
        "SELECT id FROM ledgers WHERE {}", // expect: tenant/missing-org-filter
        conditions.join(" AND ")
    );
    sqlx::query_scalar(&sql)
        .bind(params.org_id)
        .fetch_all(pool)
        .await
        .unwrap_or_default()
}

pub async fn search(axum::extract::State(pool): axum::extract::State<PgPool>) {
    let org_id = crate::auth::current_user().org_id;
    let _ = search_ledgers(&pool, org_id, SearchParams { name: None, org_id: None }).await;
    let _ = search_all_ledgers(&pool, SearchParams { name: None, org_id: Some(org_id) }).await;
}
