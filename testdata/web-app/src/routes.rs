//! Download service routes: product search and account administration.

use axum::{
    extract::{Path, Query, State},
    http::StatusCode,
    routing::{delete, get, post},
    Json, Router,
};
use serde::{Deserialize, Serialize};
use sqlx::{FromRow, PgPool};
use uuid::Uuid;

use crate::auth::AuthUser;

const PRODUCTS_TABLE: &str = "products";

#[derive(Clone)]
pub struct AppState {
    pub db: PgPool,
    pub jwt_secret: String,
}

#[derive(Deserialize)]
pub struct SearchParams {
    pub q: String,
    pub category: Option<String>,
}

#[derive(Deserialize)]
pub struct ListParams {
    pub page: Option<i64>,
    pub limit: Option<i64>,
    pub sort: Option<String>,
}

#[derive(Serialize, FromRow)]
pub struct ProductRow {
    pub id: Uuid,
    pub slug: String,
    pub title: String,
    pub price_cents: i32,
}

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/products/search", get(search_products))
        .route("/products/by-category", get(products_by_category))
        .route("/products/count", get(count_products))
        .route("/products", get(list_products))
        .route("/products/sorted", get(sorted_products))
        .route("/admin/users/:id/promote", post(promote_user))
        .route("/admin/users/:id", delete(delete_user))
        .route("/account", delete(delete_account))
        .with_state(state)
}

async fn search_products(
    State(state): State<AppState>,
    Query(params): Query<SearchParams>,
) -> Result<Json<Vec<ProductRow>>, StatusCode> {
    let rows = sqlx::query_as::<_, ProductRow>(&format!("SELECT id, slug, title, price_cents FROM products WHERE title ILIKE '%{}%' LIMIT 20", params.q)) // expect: web/sql-injection
        .fetch_all(&state.db)
        .await
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(Json(rows))
}

async fn products_by_category(
    State(state): State<AppState>,
    Query(params): Query<SearchParams>,
) -> Result<Json<Vec<ProductRow>>, StatusCode> {
    let category = params.category.unwrap_or_else(|| "ebooks".to_owned());
    let sql = format!("SELECT id, slug, title, price_cents FROM products WHERE category = '{category}' ORDER BY created_at DESC");
    let mut rows = sqlx::query_as::<_, ProductRow>(&sql).fetch_all(&state.db).await.map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?; // expect: web/sql-injection
    let matching = sqlx::query_as::<_, ProductRow>("SELECT id, slug, title, price_cents FROM products WHERE title ILIKE $1 LIMIT 20") // ok: web/sql-injection
        .bind(format!("%{}%", params.q))
        .fetch_all(&state.db)
        .await
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    rows.extend(matching);
    Ok(Json(rows))
}

async fn count_products(State(state): State<AppState>) -> Result<Json<i64>, StatusCode> {
    let (n,): (i64,) = sqlx::query_as(&format!("SELECT count(*) FROM {PRODUCTS_TABLE}")) // ok: web/sql-injection
        .fetch_one(&state.db)
        .await
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(Json(n))
}

/// Paging and sorting the caller picks: numbers, and an order chosen among the
/// code's own.
async fn list_products(
    State(state): State<AppState>,
    Query(params): Query<ListParams>,
) -> Result<Json<Vec<ProductRow>>, StatusCode> {
    let page = params.page.unwrap_or(1).max(1);
    let limit = params.limit.unwrap_or(20).min(100);
    let offset = (page - 1) * limit;
    let order_by = match params.sort.as_deref() {
        Some("price") => "price_cents ASC",
        Some("title") => "title ASC",
        _ => "created_at DESC",
    };
    let sql = format!("SELECT id, slug, title, price_cents FROM products ORDER BY {order_by} LIMIT {limit} OFFSET {offset}");
    let rows = sqlx::query_as::<_, ProductRow>(&sql).fetch_all(&state.db).await.map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?; // ok: web/sql-injection
    Ok(Json(rows))
}

/// The same order, but any other value the caller sends goes into the SQL as it is.
async fn sorted_products(
    State(state): State<AppState>,
    Query(params): Query<ListParams>,
) -> Result<Json<Vec<ProductRow>>, StatusCode> {
    let order_by = match params.sort {
        Some(column) => column,
        None => "created_at".to_owned(),
    };
    let sql = format!("SELECT id, slug, title, price_cents FROM products ORDER BY {order_by}");
    let rows = sqlx::query_as::<_, ProductRow>(&sql).fetch_all(&state.db).await.map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?; // expect: web/sql-injection
    Ok(Json(rows))
}

/// "Make admin" button in the staff dashboard.
async fn promote_user(State(state): State<AppState>, _user: AuthUser, Path(id): Path<Uuid>) -> StatusCode {
    match sqlx::query("UPDATE users SET role = 'ADMIN', is_admin = true WHERE id = $1").bind(id).execute(&state.db).await { // expect: authz/missing-role-check
        Ok(_) => StatusCode::NO_CONTENT,
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

async fn delete_user(State(state): State<AppState>, user: AuthUser, Path(id): Path<Uuid>) -> StatusCode {
    if user.role != "ADMIN" {
        return StatusCode::FORBIDDEN;
    }
    match sqlx::query("DELETE FROM users WHERE id = $1").bind(id).execute(&state.db).await { // ok: authz/missing-role-check
        Ok(_) => StatusCode::NO_CONTENT,
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

async fn delete_account(State(state): State<AppState>, user: AuthUser) -> StatusCode {
    match sqlx::query("DELETE FROM users WHERE id = $1").bind(user.id).execute(&state.db).await { // ok: authz/missing-role-check
        Ok(_) => StatusCode::NO_CONTENT,
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}
