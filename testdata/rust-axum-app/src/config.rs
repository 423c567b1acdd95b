//! Configuration, read once at startup.

use std::env;

/// Billing routes call Stripe with this key.
pub const STRIPE_SECRET_KEY: &str = "sk_live_510H2YNRljEM5EGCdJTOYtcNFXelFKruuyMEe5iC6k"; // expect: secrets/hardcoded-credential
pub const STRIPE_PUBLISHABLE_KEY: &str = "pk_live_51GBolAYOLhzw1LhRlsOTXKBDuQaOs57fAGmEaYdGO"; // ok: secrets/hardcoded-credential

/// Venue descriptions are summarised with Claude.
pub static ANTHROPIC_API_KEY: &str = "sk-ant-api03-iSKubKzmisQ7C1yCw5kU_y2m01w9kxaZCWp76ri3Cn88HNQ_7UDs1wspIFjq1eO7FBLjB_gF8wGQ_TL5xqgy8s8HhxMsNAA"; // expect: secrets/hardcoded-credential

pub const SUPABASE_URL: &str = "https://rvlmqafrhemiaxqnuxuj.supabase.co";
pub const SUPABASE_ANON_KEY: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6InJ2bG1xYWZyaGVtaWF4cW51eHVqIiwicm9sZSI6ImFub24iLCJpYXQiOjE3MDAwMDAwMDAsImV4cCI6MjAwMDAwMDAwMH0.dSmsU0Eb5i2PcaLFvyDQ9l_u-StBXXqpJ5ZWNmuBxOE"; // ok: secrets/hardcoded-credential

pub const JWT_ISSUER: &str = "https://api.bookly.dev";
pub const SSO_ISSUER: &str = "https://sso.acme-identity.com";
pub const SSO_CLIENT_ID: &str = "bookly-web";

/// Sign in with Apple: the key downloaded from the developer portal.
// expect-next-line: secrets/hardcoded-credential
pub const APPLE_SIGN_IN_KEY: &str = r#"-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCdYrib9rqtRgwCk8BXU0YyG85z3lB6WuW
MowiyAhbkSQCyQ6xEQUiJ2DvNlkIyTt0AsdWrCdDh4cZhyi4wUmMcUpjrv6SO7ch
9YlMUxDwi+kT3ZALsk/v4QqPqK7VKlZnwu0FzBrDQEVTPEJ4eFuAje5ieFkc6Emr
oYQnJW+J6f2T+mC+oBiEL+OMWXb9AZ6XuPJLPwHmDVMqMa1JhdX88njbU8EWdLyT
94fWp4IR2pgA1yjIfGnoizZS5LKCiXiVhrbVvxsl80DP1V6cNyuQWUbGYTMyXvHd
BDFaACXxFfjoq2s1T2yyqdBN3jScq04YHzMDBUrzbgE6VRV6PZKUW/agRbWNavyT
l4Q2M0vGScC45gXDwQilCy78SswE9VdJi9ac0v59MI3ICfInT5CUiR6VCePppm4s
9TUQCbaUoV3SHUWGYxrseCCaMNBQM8bjrYkb17zfODxPb+fbp4MhxMzKpKU4VJ2C
+lazbEaDVdonhtzcvFDxvPc060DMEilthS4IOPQ79eF+3AVr
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
            jwt_secret: "kBI7hr2lSbCW8i2Pl5D8KBQ123gWOoWa+G51O0vFr6Qp".to_string(), // expect: secrets/hardcoded-credential
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
    let reporting_db_url = "postgresql://postgres.rvlmqafrhemiaxqnuxuj:xcknykgDE8lIbIn17y0v@aws-0-eu-central-1.pooler.supabase.com:6543/postgres"; // expect: secrets/hardcoded-credential
    env::var("REPORTING_DATABASE_URL").unwrap_or_else(|_| reporting_db_url.to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn signs_in_with_the_test_user() {
        let password = "TestPassword123"; // ok: secrets/hardcoded-credential
        let access_token = "access_token_12345"; // ok: secrets/hardcoded-credential
        // a live provider's key is a leak wherever it is written
        let stripe_key = "sk_live_51Hx9KzLmQ2vR7tYwXp3nB8cD4eF6gH0jK1lM2nO3pQ4rS5tU6vW"; // expect: secrets/hardcoded-credential
        assert!(!password.is_empty() && !access_token.is_empty() && !stripe_key.is_empty());
    }
}
