mod auth;
mod config;
mod http;

use axum::{
    extract::{Path, State},
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    routing::get,
    Json, Router,
};
use serde::{Deserialize, Serialize};
use sqlx::postgres::PgPoolOptions;
use tower_http::cors::{AllowOrigin, Any, CorsLayer};
use tower_http::trace::TraceLayer;
use uuid::Uuid;

use crate::auth::AuthUser;

#[derive(Clone)]
pub struct AppState {
    pub db: sqlx::PgPool,
    pub config: config::Config,
    pub http: reqwest::Client,
}

#[derive(Serialize, sqlx::FromRow)]
struct Booking {
    id: Uuid,
    venue_id: i64,
    starts_at: chrono::DateTime<chrono::Utc>,
    party_size: i32,
}

#[derive(Deserialize)]
struct NewBooking {
    venue_id: i64,
    starts_at: chrono::DateTime<chrono::Utc>,
    party_size: i32,
}

async fn me(user: AuthUser) -> Json<serde_json::Value> {
    Json(serde_json::json!({ "id": user.id, "email": user.email }))
}

async fn list_bookings(State(state): State<AppState>, user: AuthUser) -> Result<Json<Vec<Booking>>, StatusCode> {
    sqlx::query_as::<_, Booking>(
        "SELECT id, venue_id, starts_at, party_size FROM bookings WHERE user_id = $1 ORDER BY starts_at DESC",
    )
    .bind(user.id)
    .fetch_all(&state.db)
    .await
    .map(Json)
    .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)
}

async fn create_booking(
    State(state): State<AppState>,
    user: AuthUser,
    Json(input): Json<NewBooking>,
) -> Result<(StatusCode, Json<Booking>), StatusCode> {
    let booking = sqlx::query_as::<_, Booking>(
        "INSERT INTO bookings (id, user_id, venue_id, starts_at, party_size) VALUES ($1, $2, $3, $4, $5) \
         RETURNING id, venue_id, starts_at, party_size",
    )
    .bind(Uuid::new_v4())
    .bind(user.id)
    .bind(input.venue_id)
    .bind(input.starts_at)
    .bind(input.party_size)
    .fetch_one(&state.db)
    .await
    .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok((StatusCode::CREATED, Json(booking)))
}

async fn availability(State(state): State<AppState>, Path(venue_id): Path<i64>) -> Result<Json<Vec<String>>, StatusCode> {
    sqlx::query_scalar::<_, String>(
        "SELECT to_char(slot, 'HH24:MI') FROM venue_slots WHERE venue_id = $1 AND slot > now() AND NOT taken",
    )
    .bind(venue_id)
    .fetch_all(&state.db)
    .await
    .map(Json)
    .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)
}

async fn widget_session(headers: HeaderMap) -> Result<Json<serde_json::Value>, StatusCode> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or(StatusCode::UNAUTHORIZED)?;
    let claims = auth::supabase_claims(token).map_err(|_| StatusCode::UNAUTHORIZED)?;
    Ok(Json(serde_json::json!({ "user_id": claims.sub, "email": claims.email })))
}

async fn partner_bookings(State(state): State<AppState>, headers: HeaderMap) -> Result<Json<Vec<Booking>>, StatusCode> {
    let token = headers
        .get("x-partner-token")
        .and_then(|v| v.to_str().ok())
        .ok_or(StatusCode::UNAUTHORIZED)?;
    let claims = auth::partner_claims(token).map_err(|_| StatusCode::UNAUTHORIZED)?;
    sqlx::query_as::<_, Booking>(
        "SELECT id, venue_id, starts_at, party_size FROM bookings WHERE venue_id = $1 AND starts_at > now()",
    )
    .bind(claims.venue_id)
    .fetch_all(&state.db)
    .await
    .map(Json)
    .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .init();

    let config = config::Config::from_env().unwrap_or_else(|_| config::Config::local());
    let db = PgPoolOptions::new()
        .max_connections(10)
        .connect(&config.database_url)
        .await?;
    let state = AppState {
        db,
        http: http::default_client()?,
        config: config.clone(),
    };

    // The SPA sends the session cookie from its two known origins.
    let app_cors = CorsLayer::new()
        .allow_origin([ // ok: auth/cors-wildcard-credentials
            HeaderValue::from_static("https://bookly.dev"),
            HeaderValue::from_static("https://app.bookly.dev"),
        ])
        .allow_methods([Method::GET, Method::POST, Method::PATCH, Method::DELETE])
        .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE])
        .allow_credentials(true);

    // Availability is embedded on venue websites; no cookies needed.
    let public_cors = CorsLayer::new().allow_origin(Any).allow_methods([Method::GET]); // ok: auth/cors-wildcard-credentials

    // The booking widget runs in an iframe on customer sites and needs the cookie.
    let widget_cors = CorsLayer::new()
        .allow_origin(AllowOrigin::mirror_request()) // expect: auth/cors-wildcard-credentials
        .allow_methods([Method::GET, Method::POST])
        .allow_credentials(true);

    let api = Router::new()
        .route("/me", get(me))
        .route("/bookings", get(list_bookings).post(create_booking))
        .layer(app_cors);
    let public = Router::new()
        .route("/venues/:venue_id/availability", get(availability))
        .layer(public_cors);
    let widget = Router::new()
        .route("/widget/session", get(widget_session))
        .layer(widget_cors);
    let partner = Router::new()
        .route("/partner/bookings", get(partner_bookings))
        .layer(CorsLayer::very_permissive()); // expect: auth/cors-wildcard-credentials

    let app = Router::new()
        .nest("/api", api)
        .merge(public)
        .merge(widget)
        .merge(partner)
        .layer(TraceLayer::new_for_http())
        .with_state(state);

    let listener = tokio::net::TcpListener::bind(("0.0.0.0", config.port)).await?;
    tracing::info!("listening on {}", listener.local_addr()?);
    axum::serve(listener, app).await?;
    Ok(())
}
