use axum::routing::post;
use axum::Router;

pub fn routes() -> Router {
    Router::new()
        .route("/webhooks/stripe", post(stripe_events)) // expect: payments/webhook-unverified
        .route("/webhooks/stripe-verified", post(stripe_events_verified)) // ok: payments/webhook-unverified
        .route("/webhooks/subscriptions", post(create_webhook_subscription)) // ok: payments/webhook-unverified
}

/// A signed-in user registers where the app should send its events: no provider calls
/// this, there is nothing to verify.
async fn create_webhook_subscription(
    user: crate::auth::AuthUser,
    axum::Json(payload): axum::Json<serde_json::Value>,
) -> &'static str {
    crate::subscriptions::create(&user, &payload["url"], &payload["event_types"]);
    "created"
}

async fn stripe_events(body: String) -> &'static str {
    let event: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
    if event["type"] == "checkout.session.completed" {
        crate::orders::fulfil(&event["data"]["object"]["id"]);
    }
    "ok"
}

async fn stripe_events_verified(headers: axum::http::HeaderMap, body: String) -> &'static str {
    let sig = headers.get("stripe-signature").and_then(|v| v.to_str().ok()).unwrap_or("");
    let secret = std::env::var("STRIPE_WEBHOOK_SECRET").unwrap_or_default();
    if let Ok(event) = stripe::Webhook::construct_event(&body, sig, &secret) {
        crate::orders::fulfil_event(event);
    }
    "ok"
}

/// Registers the endpoint with the provider: named like a webhook, takes no request.
pub async fn register_webhook(client: &crate::billing::Client, url: &str) -> Result<(), crate::billing::Error> { // ok: payments/webhook-unverified
    client.create_webhook_endpoint(url, &["checkout.session.completed"]).await
}

/// Updates one of the app's outgoing webhooks (a stub so far): named for managing one,
/// not for receiving.
pub async fn update_webhook(axum::Json(_request): axum::Json<serde_json::Value>) -> &'static str { // ok: payments/webhook-unverified
    "not implemented"
}

pub async fn stripe_webhook(body: String) -> &'static str { // expect: payments/webhook-unverified
    crate::orders::record(&body);
    "ok"
}

/// A receiver still to be written: it parses the payload and answers, with the app's
/// state under a name it never uses. Nothing to forge a request for.
pub async fn handle_portal_webhook( // ok: payments/webhook-unverified
    axum::extract::State(_state): axum::extract::State<crate::AppState>,
    headers: axum::http::HeaderMap,
    body: String,
) -> axum::http::StatusCode {
    if serde_json::from_str::<serde_json::Value>(&body).is_err() {
        return axum::http::StatusCode::BAD_REQUEST;
    }
    if headers.get("x-webhook-signature").is_some() {
        tracing::debug!("signature present");
    }
    axum::http::StatusCode::OK
}

/// The same stub once it stores what it parsed: the state it uses makes it act.
pub async fn handle_listing_webhook( // expect: payments/webhook-unverified
    axum::extract::State(state): axum::extract::State<crate::AppState>,
    body: String,
) -> axum::http::StatusCode {
    let inquiry: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
    crate::inquiries::store(&state.db, &inquiry);
    axum::http::StatusCode::OK
}
