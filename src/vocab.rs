//! Named vocabularies: what a name or a value says. How random a string is, whether
//! it is a placeholder, whether a name says "secret" or "password". Shared by the
//! data-flow tracer and the rules; each word list is unit-tested with real spellings.

/// Shannon entropy of a string, in bits per character.
pub fn entropy(s: &str) -> f64 {
    let mut counts = [0usize; 256];
    let mut n = 0usize;
    for b in s.bytes() {
        counts[b as usize] += 1;
        n += 1;
    }
    if n == 0 {
        return 0.0;
    }
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = c as f64 / n as f64;
            -p * p.log2()
        })
        .sum()
}

/// How many of: lowercase, uppercase, digits, other characters a string has.
pub fn char_classes(s: &str) -> usize {
    let lower = s.bytes().any(|b| b.is_ascii_lowercase());
    let upper = s.bytes().any(|b| b.is_ascii_uppercase());
    let digit = s.bytes().any(|b| b.is_ascii_digit());
    let other = s.bytes().any(|b| !b.is_ascii_alphanumeric());
    [lower, upper, digit, other].iter().filter(|x| **x).count()
}

/// Whether a value is an obvious stand-in for a real secret.
pub fn is_placeholder(value: &str) -> bool {
    let v = value.trim();
    if v.is_empty() {
        return true;
    }
    let lower = v.to_ascii_lowercase();
    const WORDS: &[&str] = &[
        "your",
        "xxx",
        "example",
        "placeholder",
        "changeme",
        "change-me",
        "change_me",
        "change-this",
        "change_this",
        "changethis",
        "characters",
        "replace",
        "dummy",
        "sample",
        "fake",
        "insert",
        "todo",
        "redacted",
        "secret_here",
        "key_here",
        "token_here",
        "here",
        "<",
        ">",
        "${",
        "{{",
        "%s",
        "%(",
        "...",
        "***",
        "process.env",
        "import.meta",
        "os.environ",
        "getenv",
        "env(",
        "env.",
        "$(",
        "lorem",
        "foobar",
        "test123",
        "mysecret",
        "supersecret",
        "notasecret",
        "not-a-secret",
        // digits or letters typed in order: `sk-1234567890abcdef…`
        "1234567890",
        "0123456789",
        "abcdefghij",
    ];
    if WORDS.iter().any(|w| lower.contains(w)) {
        return true;
    }
    let first = v.chars().next().unwrap_or(' ');
    if v.chars().all(|c| c == first) {
        return true;
    }
    // An env var's name (`JWT_SECRET`), not its value.
    if v.len() > 3
        && v.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
    {
        return true;
    }
    // `$VAR`, `%VAR%`
    v.starts_with('$') || (v.starts_with('%') && v.ends_with('%'))
}

/// Whether a value looks like a UUID.
pub fn is_uuid(v: &str) -> bool {
    let parts: Vec<&str> = v.split('-').collect();
    parts.len() == 5
        && [8, 4, 4, 4, 12]
            .iter()
            .zip(&parts)
            .all(|(n, p)| p.len() == *n && p.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A name lowercased with separators removed: `JWT_SECRET`, `jwtSecret`, `jwt-secret`
/// -> `jwtsecret`.
pub fn squash(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The kind of secret a variable, key or setting name announces, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretName {
    Password,
    Secret,
}

pub fn secret_name(name: &str) -> Option<SecretName> {
    let s = squash(name);
    if s.is_empty() {
        return None;
    }
    const NOT: &[&str] = &[
        "url",
        "uri",
        "endpoint",
        "path",
        "file",
        "filename",
        "name",
        "type",
        "header",
        "field",
        "param",
        "length",
        "len",
        "count",
        "prefix",
        "suffix",
        "env",
        "var",
        "label",
        "placeholder",
        "hint",
        "pattern",
        "regex",
        "format",
        "expiry",
        "expires",
        "expiresin",
        "expiration",
        "ttl",
        "id",
        "ids",
        "hash",
        "hashed",
        "salt",
        "rounds",
        "policy",
        "strength",
        "min",
        "max",
        "required",
        "confirm",
        "confirmation",
        "reset",
        "input",
        "visible",
        "show",
        "error",
        "message",
        "text",
        "title",
        "route",
        "key",
        "keys",
        "mode",
        "kind",
        "version",
        "algorithm",
        "alg",
        "scope",
        "scopes",
        "storage",
        "location",
        "cookie",
        "cookiename",
        "index",
        "column",
        "table",
        "provider",
        "question",
    ];
    if NOT
        .iter()
        .any(|n| s.ends_with(n) && !ends_with_secret_word(&s))
    {
        return None;
    }
    // UI text about a secret, not a secret: LABEL_PASSWORD, passwordPlaceholder, …
    const UI: &[&str] = &[
        "label",
        "placeholder",
        "msg",
        "message",
        "title",
        "text",
        "error",
        "hint",
        "aria",
        "tooltip",
        "description",
        "prompt",
        "show",
        "forgot",
        "new",
        "confirm",
        "old",
    ];
    if UI.iter().any(|p| s.starts_with(p)) {
        return None;
    }
    // Firebase web config values are public by design.
    const PUBLIC: &[&str] = &[
        "public",
        "publishable",
        "anon",
        "sitekey",
        "measurement",
        "firebase",
    ];
    if PUBLIC.iter().any(|p| s.contains(p)) {
        return None;
    }
    if s.contains("password") || s.contains("passwd") || s.ends_with("pwd") || s == "pass" {
        return Some(SecretName::Password);
    }
    const WORDS: &[&str] = &[
        "secret",
        "apikey",
        "accesskey",
        "privatekey",
        "signingkey",
        "encryptionkey",
        "masterkey",
        "servicekey",
        "servicerolekey",
        "authtoken",
        "accesstoken",
        "apitoken",
        "bearertoken",
        "refreshtoken",
        "bottoken",
        "token",
        "credential",
        "credentials",
        "clientsecret",
        "webhooksecret",
        "sessionkey",
        "secretkey",
        "jwtkey",
        "adminkey",
    ];
    if WORDS.iter().any(|w| s.ends_with(w)) || s.contains("secret") {
        return Some(SecretName::Secret);
    }
    None
}

fn ends_with_secret_word(s: &str) -> bool {
    [
        "apikey",
        "secretkey",
        "privatekey",
        "accesskey",
        "signingkey",
        "servicekey",
        "jwtkey",
    ]
    .iter()
    .any(|w| s.ends_with(w))
}

/// Whether a function or role name is about a tenant's own units (`is_org_admin`,
/// `is_workspace_member`, `team_admin`), as opposed to the platform as a whole.
pub fn names_tenant_unit(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [
        "org",
        "tenant",
        "workspace",
        "team",
        "account",
        "company",
        "member",
        "project",
        "group",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// Whether a value assigned to a secret-named binding looks like a real secret.
pub fn looks_secret(kind: SecretName, value: &str) -> bool {
    let v = value.trim();
    if v.chars().any(char::is_whitespace) || is_placeholder(v) || is_uuid(v) {
        return false;
    }
    // words in a script or with letters beyond ASCII are labels ("Contraseña",
    // "Bearerトークン"): keys and tokens are ASCII, and so are passwords put in code
    if v.chars().any(|c| c.is_alphabetic() && !c.is_ascii()) {
        return false;
    }
    if v.starts_with("http://") || v.starts_with("https://") || v.starts_with('/') {
        return false;
    }
    // snake_case and kebab-case words name something (a column, a setting, a
    // Kubernetes secret): `anthropic_api_key`, `formbricks-app-secrets`
    if (v.contains('_') || v.contains('-'))
        && v.chars()
            .all(|c| c.is_ascii_lowercase() || c == '_' || c == '-')
    {
        return false;
    }
    match kind {
        SecretName::Password => v.len() >= 8 && char_classes(v) >= 2 && entropy(v) >= 2.5,
        SecretName::Secret => v.len() >= 16 && char_classes(v) >= 2 && entropy(v) >= 3.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_names() {
        for n in [
            "JWT_SECRET",
            "sessionSecret",
            "apiKey",
            "client_secret",
            "DB_PASSWORD",
            "authToken",
            "STRIPE_SECRET_KEY",
            "token",
        ] {
            assert!(secret_name(n).is_some(), "{n}");
        }
        for n in [
            "tokenUrl",
            "password_reset",
            "apiKeyId",
            "NEXT_PUBLIC_SUPABASE_ANON_KEY",
            "publishableKey",
            "passwordHash",
            "tokenType",
            "username",
            "key",
        ] {
            assert!(secret_name(n).is_none(), "{n}");
        }
    }

    #[test]
    fn values_typed_in_order_are_placeholders() {
        assert!(is_placeholder("sk-1234567890abcdef1234567890abcdef"));
        assert!(is_placeholder("whsec_0123456789abcdefghij"));
        assert!(!is_placeholder("sk-9fK2mQ7xR4tW1zB8nV3cL6hJ0pD5sG2a"));
        assert!(!is_placeholder("c8Fq2LxZ9vR1mT7wK3pN0sY5"));
    }

    #[test]
    fn secret_values() {
        assert!(looks_secret(SecretName::Secret, "c8Fq2LxZ9vR1mT7wK3pN0sY5"));
        assert!(!looks_secret(SecretName::Password, "Contraseña"));
        assert!(!looks_secret(
            SecretName::Secret,
            "change-this-to-a-secure-random-string-minimum-32-chars"
        ));
        assert!(!looks_secret(
            SecretName::Secret,
            "dev-jwt-secret-minimum-32-characters-long"
        ));
        assert!(!looks_secret(
            SecretName::Secret,
            "パスワードは8文字以上である必要があります"
        ));
        assert!(!looks_secret(
            SecretName::Secret,
            "your-jwt-secret-here-please"
        ));
        assert!(!looks_secret(SecretName::Secret, "JWT_SECRET"));
        assert!(!looks_secret(SecretName::Secret, "anthropic_api_key"));
        assert!(!looks_secret(SecretName::Password, "guest_signing_key"));
        assert!(!looks_secret(SecretName::Secret, "formbricks-app-secrets"));
        assert!(!looks_secret(SecretName::Secret, "aaaaaaaaaaaaaaaaaaaa"));
        assert!(looks_secret(SecretName::Password, "Tr0ub4dor&3x"));
        assert!(!looks_secret(SecretName::Password, "password"));
        assert!(!looks_secret(SecretName::Password, "Enter your password"));
        assert!(!looks_secret(
            SecretName::Secret,
            "123e4567-e89b-12d3-a456-426614174000"
        ));
    }
}
