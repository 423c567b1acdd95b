//! Web platform hardening: SQL injection, debug mode, public storage, default logins.

crate::category! {
    sql_injection => SqlInjection,
    debug_enabled => DebugEnabled,
    public_object_acl => PublicObjectAcl,
    default_credentials => DefaultCredentials,
}
