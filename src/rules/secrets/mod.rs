//! Secrets: credentials in source and secrets shipped to the browser.

pub mod client_exposed_secret;
pub mod hardcoded_credential;
pub mod patterns;
pub mod secret_in_prompt;
