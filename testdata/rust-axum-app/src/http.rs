//! Outgoing HTTP clients.

use std::time::Duration;

use reqwest::{Certificate, Client};

use crate::config::Config;

/// Public APIs.
pub fn default_client() -> reqwest::Result<Client> {
    Client::builder()
        .timeout(Duration::from_secs(10))
        .danger_accept_invalid_certs(false) // ok: auth/tls-verification-disabled
        .user_agent("bookly-api/0.3")
        .build()
}

/// Partner API: their staging certificate is self-signed.
pub fn partner_client() -> reqwest::Result<Client> {
    Client::builder()
        .timeout(Duration::from_secs(15))
        .danger_accept_invalid_certs(true) // expect: auth/tls-verification-disabled
        .build()
}

/// The POS box is reached by IP but its certificate names `pos.local`.
pub fn pos_client() -> reqwest::Result<Client> {
    reqwest::ClientBuilder::new().danger_accept_invalid_hostnames(true).build() // expect: auth/tls-verification-disabled
}

/// Internal services behind our private CA.
pub fn internal_client() -> anyhow::Result<Client> {
    let ca = Certificate::from_pem(&std::fs::read("certs/internal-ca.pem")?)?;
    Ok(Client::builder().add_root_certificate(ca).build()?) // ok: auth/tls-verification-disabled
}

#[derive(serde::Deserialize)]
struct TokenResponse {
    access_token: String,
}

/// Logs in to the POS vendor as the sync user.
pub async fn pos_access_token(client: &Client, cfg: &Config) -> anyhow::Result<String> {
    let token: TokenResponse = client
        .post(format!("{}/oauth/token", cfg.pos_url))
        .form(&[
            ("grant_type", "password"), // expect: auth/oauth-password-grant
            ("username", cfg.pos_username.as_str()),
            ("password", cfg.pos_password.as_str()), // ok: auth/oauth-password-grant
            ("client_id", "bookly"),
        ])
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    Ok(token.access_token)
}

/// The old CRM only takes a hand-built form body.
pub async fn crm_access_token(client: &Client, user: &str, password: &str) -> anyhow::Result<String> {
    let body = format!(
        "grant_type=password&username={}&password={}", // expect: auth/oauth-password-grant
        url::form_urlencoded::byte_serialize(user.as_bytes()).collect::<String>(),
        url::form_urlencoded::byte_serialize(password.as_bytes()).collect::<String>(),
    );
    let token: TokenResponse = client
        .post("https://crm.bookly-partners.com/oauth/token")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    Ok(token.access_token)
}

/// Service-to-service token for the partner API.
pub async fn partner_access_token(client: &Client, cfg: &Config, client_secret: &str) -> anyhow::Result<String> {
    let token: TokenResponse = client
        .post(format!("{}/oauth/token", cfg.partner_api_url))
        .basic_auth("bookly-api", Some(client_secret))
        .form(&[("grant_type", "client_credentials"), ("scope", "bookings.read")]) // ok: auth/oauth-password-grant
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    Ok(token.access_token)
}
