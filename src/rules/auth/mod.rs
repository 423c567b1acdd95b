//! Authentication: tokens, sessions, OAuth flows, CORS and TLS.

crate::category! {
    jwt_unverified => JwtUnverified,
    cors_wildcard_credentials => CorsWildcardCredentials,
    jwt_weak_validation => JwtWeakValidation,
    jwt_no_expiry => JwtNoExpiry,
    insecure_cookie => InsecureCookie,
    user_enumeration => UserEnumeration,
}
