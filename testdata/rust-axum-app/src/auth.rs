//! Session tokens, the SSO login and the partner bridge.

use axum::{
    async_trait,
    extract::FromRequestParts,
    http::{header, request::Parts, StatusCode},
};
use chrono::Utc;
use jsonwebtoken::{
    decode, decode_header, encode, jwk::JwkSet, Algorithm, DecodingKey, EncodingKey, Header, Validation,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::config::{JWT_ISSUER, SSO_CLIENT_ID, SSO_ISSUER};
use crate::AppState;

const WIDGET_CALLBACK: &str = "https://bookly.dev/widget/callback";

#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    pub sub: Uuid,
    pub email: String,
    pub iss: String,
    pub exp: usize,
}

#[derive(Debug, Deserialize)]
pub struct SupabaseClaims {
    pub sub: Uuid,
    pub email: Option<String>,
    pub role: String,
}

#[derive(Debug, Deserialize)]
pub struct PartnerClaims {
    pub sub: String,
    pub venue_id: i64,
}

#[derive(Debug, Deserialize)]
pub struct SsoClaims {
    pub sub: String,
    pub email: String,
}

pub struct AuthUser {
    pub id: Uuid,
    pub email: String,
}

pub fn issue_token(secret: &str, user_id: Uuid, email: &str) -> jsonwebtoken::errors::Result<String> {
    let claims = Claims {
        sub: user_id,
        email: email.to_owned(),
        iss: JWT_ISSUER.to_owned(),
        exp: (Utc::now() + chrono::Duration::hours(12)).timestamp() as usize,
    };
    encode(&Header::default(), &claims, &EncodingKey::from_secret(secret.as_bytes()))
}

fn bearer(parts: &Parts) -> Option<&str> {
    parts
        .headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
}

#[async_trait]
impl FromRequestParts<AppState> for AuthUser {
    type Rejection = (StatusCode, &'static str);

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let token = bearer(parts).ok_or((StatusCode::UNAUTHORIZED, "missing token"))?;
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[JWT_ISSUER]);
        let data = decode::<Claims>( // ok: auth/jwt-unverified
            token,
            &DecodingKey::from_secret(state.config.jwt_secret.as_bytes()),
            &validation,
        )
        .map_err(|_| (StatusCode::UNAUTHORIZED, "invalid token"))?;
        Ok(AuthUser { id: data.claims.sub, email: data.claims.email })
    }
}

/// Tokens minted by Supabase Auth for the mobile app.
pub fn supabase_claims(token: &str) -> jsonwebtoken::errors::Result<SupabaseClaims> {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.insecure_disable_signature_validation(); // expect: auth/jwt-unverified
    validation.set_audience(&["authenticated"]);
    let data = decode::<SupabaseClaims>(token, &DecodingKey::from_secret(&[]), &validation)?;
    Ok(data.claims)
}

/// Partner dashboards forward their own session token.
pub fn partner_claims(token: &str) -> jsonwebtoken_legacy::errors::Result<PartnerClaims> {
    let data = jsonwebtoken_legacy::dangerous_insecure_decode::<PartnerClaims>(token)?; // expect: auth/jwt-unverified
    Ok(data.claims)
}

/// SSO tokens: the key is picked by `kid`, then the token is verified with it.
pub fn verify_sso_token(token: &str, jwks: &JwkSet) -> anyhow::Result<SsoClaims> {
    let header = decode_header(token)?; // ok: auth/jwt-unverified
    let kid = header.kid.ok_or_else(|| anyhow::anyhow!("token has no kid"))?;
    let jwk = jwks.find(&kid).ok_or_else(|| anyhow::anyhow!("unknown signing key"))?;
    let mut validation = Validation::new(Algorithm::RS256);
    validation.set_audience(&["bookly-api"]);
    validation.set_issuer(&[SSO_ISSUER]);
    let data = decode::<SsoClaims>(token, &DecodingKey::from_jwk(jwk)?, &validation)?; // ok: auth/jwt-unverified
    Ok(data.claims)
}

pub fn sso_authorize_url(redirect_uri: &str, state: &str, challenge: &str) -> String {
    format!(
        "{SSO_ISSUER}/authorize?response_type=code&client_id={SSO_CLIENT_ID}&redirect_uri={redirect_uri}&scope=openid%20email&state={state}&code_challenge={challenge}&code_challenge_method=S256" // ok: auth/oauth-implicit-flow
    )
}

/// The embeddable widget reads the access token from the URL fragment.
pub fn widget_authorize_url(nonce: &str) -> String {
    format!(
        "{SSO_ISSUER}/authorize?response_type=token&client_id=bookly-widget&redirect_uri={WIDGET_CALLBACK}&nonce={nonce}" // expect: auth/oauth-implicit-flow
    )
}
