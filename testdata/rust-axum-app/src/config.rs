//! Configuration, read once at startup.

use std::env;

/// Billing routes call Stripe with this key.
pub const STRIPE_SECRET_KEY: &str = "@@stripe_live_rust@@"; // expect: secrets/hardcoded-credential
pub const STRIPE_PUBLISHABLE_KEY: &str = "@@pk_live2@@"; // ok: secrets/hardcoded-credential

/// Venue descriptions are summarised with Claude.
pub static ANTHROPIC_API_KEY: &str = "@@anthropic2@@"; // expect: secrets/hardcoded-credential

pub const SUPABASE_URL: &str = "https://@@ref1@@.supabase.co";
pub const SUPABASE_ANON_KEY: &str = "@@sb_anon@@"; // ok: secrets/hardcoded-credential

pub const JWT_ISSUER: &str = "https://api.bookly.dev";
pub const SSO_ISSUER: &str = "https://sso.acme-identity.com";
pub const SSO_CLIENT_ID: &str = "bookly-web";

/// Sign in with Apple: the key downloaded from the developer portal.
// expect-next-line: secrets/hardcoded-credential
pub const APPLE_SIGN_IN_KEY: &str = r#"-----BEGIN PRIVATE KEY-----
@@pem_pkcs8@@
-----END PRIVATE KEY-----"#;

#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: String,
    pub jwt_secret: String,
    pub openai_api_key: String,
    pub partner_api_url: String,
    pub pos_url: String,
    pub pos_username: String,
    pub pos_password: String,
    pub port: u16,
}

impl Config {
    pub fn from_env() -> anyhow::Result<Self> {
        dotenvy::dotenv().ok();
        Ok(Self {
            database_url: env::var("DATABASE_URL")?, // ok: secrets/hardcoded-credential
            jwt_secret: env::var("JWT_SECRET").expect("JWT_SECRET must be set"), // ok: secrets/hardcoded-credential
            openai_api_key: dotenvy::var("OPENAI_API_KEY").unwrap_or_default(), // ok: secrets/hardcoded-credential
            partner_api_url: env::var("PARTNER_API_URL")
                .unwrap_or_else(|_| "https://api.partners.bookly.dev".into()),
            pos_url: env::var("POS_URL")?,
            pos_username: env::var("POS_USERNAME")?,
            pos_password: env::var("POS_PASSWORD")?, // ok: secrets/hardcoded-credential
            port: env::var("PORT").ok().and_then(|p| p.parse().ok()).unwrap_or(3000),
        })
    }

    /// `cargo run` without a .env file.
    pub fn local() -> Self {
        Self {
            database_url: "postgres://postgres:postgres@localhost:5432/bookly".into(), // ok: secrets/hardcoded-credential
            jwt_secret: "@@rust_jwt_field@@".to_string(), // expect: secrets/hardcoded-credential
            openai_api_key: String::new(), // ok: secrets/hardcoded-credential
            partner_api_url: "http://localhost:4010".into(),
            pos_url: "https://10.20.0.15".into(),
            pos_username: "bookly-sync".into(),
            pos_password: String::from(""), // ok: secrets/hardcoded-credential
            port: 3000,
        }
    }
}

/// Read replica used by the nightly reports.
pub fn reporting_database_url() -> String {
    let reporting_db_url = "postgresql://postgres.@@ref1@@:@@db_pw_rust@@@aws-0-eu-central-1.pooler.supabase.com:6543/postgres"; // expect: secrets/hardcoded-credential
    env::var("REPORTING_DATABASE_URL").unwrap_or_else(|_| reporting_db_url.to_string())
}
