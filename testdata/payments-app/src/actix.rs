use actix_web::{post, web, HttpRequest, HttpResponse};

#[post("/webhooks/stripe")] // expect: payments/webhook-unverified
async fn stripe_events(body: web::Bytes) -> HttpResponse {
    let event: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
    if event["type"] == "checkout.session.completed" {
        crate::orders::fulfil(&event["data"]["object"]["id"]);
    }
    HttpResponse::Ok().finish()
}

#[post("/webhooks/stripe-verified")] // ok: payments/webhook-unverified
async fn stripe_events_verified(req: HttpRequest, body: web::Bytes) -> HttpResponse {
    let sig = req.headers().get("stripe-signature").and_then(|v| v.to_str().ok()).unwrap_or("");
    let secret = std::env::var("STRIPE_WEBHOOK_SECRET").unwrap_or_default();
    let payload = std::str::from_utf8(&body).unwrap_or("");
    match stripe::Webhook::construct_event(payload, sig, &secret) {
        Ok(event) => crate::orders::fulfil_event(event),
        Err(_) => return HttpResponse::BadRequest().finish(),
    }
    HttpResponse::Ok().finish()
}

async fn paddle_events(body: web::Bytes) -> HttpResponse {
    crate::orders::record(&body);
    HttpResponse::Ok().finish()
}

async fn lemon_events(req: HttpRequest, body: web::Bytes) -> HttpResponse {
    let sig = req.headers().get("x-signature").and_then(|v| v.to_str().ok()).unwrap_or("");
    if !crate::verify::verify_signature(&body, sig) {
        return HttpResponse::Unauthorized().finish();
    }
    crate::orders::record(&body);
    HttpResponse::Ok().finish()
}

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(stripe_events)
        .service(stripe_events_verified)
        .route("/webhooks/paddle", web::post().to(paddle_events)) // expect: payments/webhook-unverified
        .service(web::resource("/webhooks/lemon").route(web::post().to(lemon_events))); // ok: payments/webhook-unverified
}
