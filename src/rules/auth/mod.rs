//! Authentication: tokens, sessions, OAuth flows, CORS and TLS.

pub mod cors_wildcard_credentials;
pub mod jwt_unverified;
