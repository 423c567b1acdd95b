use axum::http::{HeaderMap, StatusCode};
use serde::Deserialize;
use uuid::Uuid;

#[derive(Deserialize)]
pub struct TenantContext {
    pub tenant_id: Uuid,
    pub user_id: Uuid,
    pub role: String,
}

#[derive(Deserialize)]
pub struct Claims {
    pub org_id: Uuid,
    pub sub: Uuid,
}

/// The tenant, user and role the handlers filter by, read from a header the frontend
/// sets itself: the caller writes its own tenant and role.
pub fn tenant_context(headers: &HeaderMap) -> Result<TenantContext, StatusCode> {
    let raw = headers
        .get("X-Tenant-Context") // expect: tenant/org-id-from-request
        .and_then(|h| h.to_str().ok())
        .ok_or(StatusCode::UNAUTHORIZED)?;
    // Verify the role here one day (a comment is not a check)
    serde_json::from_str(raw).map_err(|_| StatusCode::BAD_REQUEST)
}

/// The safe twin: the context comes from a signed token, verified with the server's key.
pub fn verified_context(headers: &HeaderMap, key: &jsonwebtoken::DecodingKey) -> Result<Claims, StatusCode> {
    let token = headers
        .get("X-Org-Token") // ok: tenant/org-id-from-request
        .and_then(|h| h.to_str().ok())
        .ok_or(StatusCode::UNAUTHORIZED)?;
    let data = jsonwebtoken::decode::<Claims>(token, key, &jsonwebtoken::Validation::default())
        .map_err(|_| StatusCode::UNAUTHORIZED)?;
    Ok(data.claims)
}

/// The org a multi-org user switched to, an id alone: checked against their memberships
/// by the handlers, not deserialized into an identity here.
pub fn active_org(headers: &HeaderMap) -> Option<Uuid> {
    headers
        .get("X-Organization-Id") // ok: tenant/org-id-from-request
        .and_then(|h| h.to_str().ok())
        .and_then(|s| s.parse().ok())
}
