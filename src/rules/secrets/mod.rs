//! Secrets: credentials in source and secrets shipped to the browser.

crate::category! {
    hardcoded_credential => HardcodedCredential,
    client_exposed_secret => ClientExposedSecret,
    secret_in_prompt => SecretInPrompt,
}
pub mod patterns;
