//! Authentication: tokens, sessions, OAuth flows, CORS and TLS.

pub mod cors_wildcard_credentials;
pub mod insecure_cookie;
pub mod jwt_no_expiry;
pub mod jwt_unverified;
pub mod jwt_weak_validation;
pub mod user_enumeration;
