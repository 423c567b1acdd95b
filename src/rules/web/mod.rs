//! Web platform hardening: SQL injection, debug mode, public storage, default logins.

pub mod debug_enabled;
pub mod default_credentials;
pub mod public_object_acl;
pub mod sql_injection;
