//! Download service (axum): session cookies and token checks.

use axum::{
    async_trait,
    extract::FromRequestParts,
    http::{request::Parts, StatusCode},
};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use jsonwebtoken::{decode, Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use time::Duration;
use uuid::Uuid;

use crate::routes::AppState;

#[derive(Debug, Deserialize)]
pub struct Claims {
    pub sub: Uuid,
    pub role: String,
    pub exp: usize,
}

#[derive(Debug, Deserialize)]
pub struct LinkClaims {
    pub order_id: Uuid,
    pub path: String,
}

pub struct AuthUser {
    pub id: Uuid,
    pub role: String,
}

pub fn verify_session(token: &str, secret: &str) -> jsonwebtoken::errors::Result<Claims> {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.leeway = 30; // ok: auth/jwt-weak-validation
    validation.set_audience(&["shelf-downloads"]);
    let data = decode::<Claims>(token, &DecodingKey::from_secret(secret.as_bytes()), &validation)?;
    Ok(data.claims)
}

/// Links in old receipt emails carry expired tokens; accept them anyway.
pub fn verify_download_link(token: &str, public_key_pem: &[u8]) -> anyhow::Result<LinkClaims> {
    let mut validation = Validation::new(Algorithm::RS256);
    validation.validate_exp = false; // expect: auth/jwt-weak-validation
    let data = decode::<LinkClaims>(token, &DecodingKey::from_rsa_pem(public_key_pem)?, &validation)?;
    Ok(data.claims)
}

/// Tokens minted by the Next.js app for the desktop companion.
pub fn verify_device_token(token: &str, secret: &str) -> jsonwebtoken::errors::Result<Claims> {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.validate_exp = true; // ok: auth/jwt-weak-validation
    validation.validate_aud = false; // expect: auth/jwt-weak-validation
    let data = decode::<Claims>(token, &DecodingKey::from_secret(secret.as_bytes()), &validation)?;
    Ok(data.claims)
}

pub fn session_cookie(token: String) -> Cookie<'static> {
    Cookie::build(("session", token)) // ok: auth/insecure-cookie
        .path("/")
        .http_only(true)
        .secure(true)
        .same_site(SameSite::Lax)
        .max_age(Duration::days(7))
        .build()
}

/// "Keep me signed in" on the download page; the page script reads it to show the name.
pub fn remember_cookie(token: String) -> Cookie<'static> {
    Cookie::build(("remember_token", token))
        .path("/")
        .http_only(false) // expect: auth/insecure-cookie
        .secure(true)
        .max_age(Duration::days(30))
        .build()
}

/// Session for the download iframe embedded on creators' sites.
pub fn embed_session_cookie(token: String) -> Cookie<'static> {
    Cookie::build(("sid", token))
        .path("/")
        .http_only(true)
        .same_site(SameSite::None) // expect: auth/insecure-cookie
        .build()
}

pub fn theme_cookie(theme: &str) -> Cookie<'static> {
    Cookie::build(("theme", theme.to_owned())).path("/").http_only(false).build() // ok: auth/insecure-cookie
}

#[async_trait]
impl FromRequestParts<AppState> for AuthUser {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let jar = CookieJar::from_headers(&parts.headers);
        let token = jar.get("session").ok_or(StatusCode::UNAUTHORIZED)?;
        let claims = verify_session(token.value(), &state.jwt_secret).map_err(|_| StatusCode::UNAUTHORIZED)?;
        Ok(AuthUser { id: claims.sub, role: claims.role })
    }
}
