//! Known credential formats (in the spirit of gitleaks' rules), DB URLs, PEM keys and
//! Supabase JWTs: what `secrets/hardcoded-credential` and `secrets/client-exposed-secret`
//! look for in any text.

use std::ops::Range;
use std::sync::LazyLock;

use base64::Engine;
use regex::{Regex, RegexSet};

/// A provider's credential format.
pub struct Provider {
    pub name: &'static str,
    pub regex: &'static str,
    /// Only a finding when the value is bound to a name matching this (case-insensitive)
    /// regex; for formats that are not distinctive alone.
    pub name_must_match: Option<&'static str>,
}

/// Distinctive formats first; each regex matches the whole credential.
pub const PROVIDERS: &[Provider] = &[
    Provider {
        name: "Stripe live secret key",
        regex: r"\b[sr]k_live_[0-9A-Za-z]{24,}",
        name_must_match: None,
    },
    Provider {
        name: "Stripe webhook signing secret",
        regex: r"\bwhsec_[0-9A-Za-z]{32,}",
        name_must_match: None,
    },
    Provider {
        name: "GitHub token",
        regex: r"\bgh[pousr]_[0-9A-Za-z]{36,}",
        name_must_match: None,
    },
    Provider {
        name: "GitHub fine-grained token",
        regex: r"\bgithub_pat_[0-9A-Za-z_]{60,}",
        name_must_match: None,
    },
    Provider {
        name: "Anthropic API key",
        regex: r"\bsk-ant-(?:api|admin)\d{2}-[0-9A-Za-z_-]{80,}",
        name_must_match: None,
    },
    Provider {
        name: "OpenAI API key",
        regex: r"\bsk-(?:proj|svcacct|admin)-[0-9A-Za-z_-]{40,}",
        name_must_match: None,
    },
    Provider {
        name: "OpenAI API key",
        regex: r"\bsk-[0-9A-Za-z]{20}T3BlbkFJ[0-9A-Za-z]{20}\b",
        name_must_match: None,
    },
    Provider {
        name: "OpenAI API key",
        regex: r"\bsk-[0-9A-Za-z]{48}\b",
        name_must_match: None,
    },
    Provider {
        name: "Slack token",
        regex: r"\bxox[abposr]-[0-9]{6,}-[0-9A-Za-z-]{10,}",
        name_must_match: None,
    },
    Provider {
        name: "Google API key",
        regex: r"\bAIza[0-9A-Za-z_-]{35}\b",
        name_must_match: None,
    },
    Provider {
        name: "SendGrid API key",
        regex: r"\bSG\.[0-9A-Za-z_-]{22}\.[0-9A-Za-z_-]{43}\b",
        name_must_match: None,
    },
    Provider {
        name: "Twilio API key",
        regex: r"\bSK[0-9a-f]{32}\b",
        name_must_match: None,
    },
    Provider {
        name: "Twilio auth token",
        regex: r"^[0-9a-f]{32}$",
        name_must_match: Some(r"(?i)twilio|auth_?token"),
    },
    Provider {
        name: "AWS secret access key",
        regex: r"^[0-9A-Za-z/+=]{40}$",
        name_must_match: Some(r"(?i)aws.*secret|secret_?access_?key"),
    },
    Provider {
        name: "Hugging Face token",
        regex: r"\bhf_[0-9A-Za-z]{34,}\b",
        name_must_match: None,
    },
    Provider {
        name: "Groq API key",
        regex: r"\bgsk_[0-9A-Za-z]{48,}\b",
        name_must_match: None,
    },
    Provider {
        name: "Replicate API token",
        regex: r"\br8_[0-9A-Za-z]{37,}\b",
        name_must_match: None,
    },
    Provider {
        name: "Resend API key",
        regex: r"\bre_[0-9A-Za-z]{8,}_[0-9A-Za-z]{16,}\b",
        name_must_match: None,
    },
    Provider {
        name: "Shopify access token",
        regex: r"\bshp(?:at|ca|pa|ss)_[0-9a-fA-F]{32}\b",
        name_must_match: None,
    },
    Provider {
        name: "npm token",
        regex: r"\bnpm_[0-9A-Za-z]{36}\b",
        name_must_match: None,
    },
    Provider {
        name: "GitLab token",
        regex: r"\bglpat-[0-9A-Za-z_-]{20,}",
        name_must_match: None,
    },
];

struct Compiled {
    set: RegexSet,
    each: Vec<Regex>,
    names: Vec<Option<Regex>>,
}

/// ASCII word boundaries: a Unicode `\b` makes the regex engines fall back to the slow
/// path on non-ASCII text (translation files, comments in other languages).
fn ascii_boundaries(re: &str) -> String {
    re.replace(r"\b", r"(?-u:\b)")
}

static COMPILED: LazyLock<Compiled> = LazyLock::new(|| {
    let pats: Vec<String> = PROVIDERS
        .iter()
        .map(|p| ascii_boundaries(p.regex))
        .collect();
    Compiled {
        set: crate::lang::pattern::regex_set(&pats).expect("provider regexes compile"),
        each: pats
            .iter()
            .map(|p| crate::lang::pattern::regex(p).expect("provider regex compiles"))
            .collect(),
        names: PROVIDERS
            .iter()
            .map(|p| {
                p.name_must_match
                    .map(|n| crate::lang::pattern::regex(n).expect("name regex compiles"))
            })
            .collect(),
    }
});

/// A credential found in a piece of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// What it is: "Stripe live secret key", "PostgreSQL URL with a password", …
    pub kind: String,
    /// Where the secret value is, relative to the text searched.
    pub range: Range<usize>,
    /// Where to report, relative to the text searched (the secret, or a PEM header).
    pub report: Range<usize>,
}

/// Provider-format credentials, DB URLs with passwords, private keys and Supabase
/// service-role JWTs in `text`. `name` is the variable or key the text is bound to,
/// if known (some formats need it).
pub fn find(text: &str, name: Option<&str>) -> Vec<Hit> {
    let mut hits = Vec::new();
    if text.len() < *SHORTEST {
        return hits;
    }
    let c = &*COMPILED;
    for idx in c.set.matches(text).iter() {
        if let Some(name_re) = &c.names[idx]
            && !name.is_some_and(|n| name_re.is_match(n))
        {
            continue;
        }
        for m in c.each[idx].find_iter(text) {
            let p = &PROVIDERS[idx];
            if p.name == "Google API key" && name.is_some_and(is_public_google_key_name) {
                continue;
            }
            if crate::vocab::is_placeholder(m.as_str()) {
                continue;
            }
            if hits
                .iter()
                .any(|h: &Hit| h.range.start <= m.start() && m.end() <= h.range.end)
            {
                continue;
            }
            hits.push(Hit {
                kind: p.name.to_string(),
                range: m.range(),
                report: m.range(),
            });
        }
    }
    hits.extend(db_urls(text));
    hits.extend(private_keys(text));
    hits.extend(service_role_jwts(text));
    hits.sort_by_key(|h| h.range.start);
    hits
}

static AWS_KEY_ID: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r"(?-u:\b)(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}(?-u:\b)")
        .expect("regex compiles")
});

/// AWS access key ids (`AKIA…`). An id alone is not a secret: in code and configuration
/// the secret key beside it is the finding (found by its name). In a document or a data
/// file (the CSV the AWS console downloads) the secret has no name to be found by, so
/// the id stands for the pair. AWS's documentation uses ids that end in `EXAMPLE`.
/// The secret on the id's line (40 characters of base64) is masked with it.
pub fn aws_key_ids(text: &str) -> Vec<Hit> {
    static SECRET: LazyLock<Regex> = LazyLock::new(|| {
        crate::lang::pattern::regex(r"(?-u:\b)[0-9A-Za-z/+]{40}(?-u:\b)").expect("regex compiles")
    });
    AWS_KEY_ID
        .find_iter(text)
        .filter(|m| !m.as_str().ends_with("EXAMPLE"))
        .map(|m| {
            let line_end = text[m.end()..]
                .find('\n')
                .map_or(text.len(), |i| m.end() + i);
            let end = SECRET
                .find(&text[m.end()..line_end])
                .map_or(m.end(), |s| m.end() + s.end());
            Hit {
                kind: "AWS access key (its id, with the secret beside it)".into(),
                range: m.start()..end,
                report: m.range(),
            }
        })
        .collect()
}

/// Firebase web config and Maps keys are public by design.
fn is_public_google_key_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.contains("firebase") || n.contains("maps") || n.contains("public") || n.contains("places")
}

const DB_URL_PATTERN: &str = r#"(?-u:\b)(postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver)://([^:/\s@'"`]+):([^@/\s'"`]+)@([^/\s:'"`?,]+)"#;

static DB_URL: LazyLock<Regex> =
    LazyLock::new(|| crate::lang::pattern::regex(DB_URL_PATTERN).expect("db url regex compiles"));

const PLACEHOLDER_PASSWORDS: &[&str] = &[
    "password",
    "pass",
    "passwd",
    "postgres",
    "root",
    "admin",
    "secret",
    "changeme",
    "example",
    "user",
    "mysecretpassword",
    "prisma",
    "test",
    "pwd",
    "guest",
    "default",
    "mysql",
    "redis",
];

/// DB URLs with a real-looking password for a host reachable from outside (a host with
/// a dot, not loopback).
fn db_urls(text: &str) -> Vec<Hit> {
    let mut out = Vec::new();
    for caps in DB_URL.captures_iter(text) {
        let (Some(scheme), Some(pw), Some(host)) = (caps.get(1), caps.get(3), caps.get(4)) else {
            continue;
        };
        let pass = pw.as_str();
        let host = host.as_str().to_ascii_lowercase();
        let local = !host.contains('.')
            || host.starts_with("127.")
            || host == "0.0.0.0"
            || host.ends_with(".local")
            || host.ends_with(".internal")
            || host.ends_with(".localhost");
        let placeholder = crate::vocab::is_placeholder(pass)
            || PLACEHOLDER_PASSWORDS.contains(&pass.to_ascii_lowercase().as_str())
            || pass.starts_with('[')
            || pass.starts_with('{');
        if local || placeholder {
            continue;
        }
        let kind = match scheme.as_str() {
            s if s.starts_with("postgres") => "PostgreSQL",
            "mysql" | "mariadb" => "MySQL",
            s if s.starts_with("mongodb") => "MongoDB",
            s if s.starts_with("redis") => "Redis",
            s if s.starts_with("amqp") => "AMQP",
            _ => "SQL Server",
        };
        out.push(Hit {
            kind: format!("{kind} URL with a password"),
            range: pw.range(),
            report: pw.range(),
        });
    }
    out
}

const PEM_PATTERN: &str =
    r"-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----";

static PEM: LazyLock<Regex> =
    LazyLock::new(|| crate::lang::pattern::regex(PEM_PATTERN).expect("pem regex compiles"));

/// PEM private keys with a body (not `...`).
fn private_keys(text: &str) -> Vec<Hit> {
    let mut out = Vec::new();
    for m in PEM.find_iter(text) {
        let rest = &text[m.end()..];
        let end = rest.find("-----END").unwrap_or(rest.len().min(8192));
        let body = &rest[..end];
        if pem_body_len(body) < 64 || body.contains("...") {
            continue;
        }
        out.push(Hit {
            kind: "private key".into(),
            range: m.end()..m.end() + end,
            report: m.range(),
        });
    }
    out
}

/// The base64 characters a PEM body starts with, up to the first character that
/// belongs to neither base64 nor the string syntax around it (line breaks, `\n`
/// escapes, quotes and `+` of concatenated lines). A regex or a sentence that merely
/// names the header (`/-----BEGIN PRIVATE KEY-----/g`) has none.
fn pem_body_len(body: &str) -> usize {
    let b = body.as_bytes();
    let (mut i, mut n) = (0, 0);
    while i < b.len() {
        match b[i] {
            b'\\' if matches!(b.get(i + 1), Some(b'n' | b'r')) => i += 2,
            c if c.is_ascii_alphanumeric() || c == b'+' || c == b'/' || c == b'=' => {
                n += 1;
                i += 1;
            }
            b' ' | b'\t' | b'\n' | b'\r' | b'"' | b'\'' | b'`' | b',' => i += 1,
            _ => break,
        }
    }
    n
}

const JWT_PATTERN: &str =
    r"(?-u:\b)eyJ[0-9A-Za-z_-]{8,}\.(eyJ[0-9A-Za-z_-]{8,})\.[0-9A-Za-z_-]{8,}";

static JWT: LazyLock<Regex> =
    LazyLock::new(|| crate::lang::pattern::regex(JWT_PATTERN).expect("jwt regex compiles"));

/// The shortest text any search of [`find`] can match: most literals of a program
/// (`"id"`, `"user"`) are shorter, and are not searched.
static SHORTEST: LazyLock<usize> = LazyLock::new(|| {
    PROVIDERS
        .iter()
        .map(|p| p.regex)
        .chain([DB_URL_PATTERN, PEM_PATTERN, JWT_PATTERN])
        .map(|p| crate::lang::pattern::minimum_len(p).unwrap_or(0))
        .min()
        .unwrap_or(0)
});

/// The role given to the Supabase CLI's public local-development keys.
pub const LOCAL_DEMO: &str = "supabase-demo";

/// The `role` claim of every JWT in a text, with the token's range.
pub fn jwt_roles(text: &str) -> Vec<(Option<String>, Range<usize>)> {
    JWT.captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let payload = c.get(1)?.as_str();
            let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(payload.trim_end_matches('='))
                .ok()?;
            let json: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
            // the Supabase CLI's local-development keys (`"iss": "supabase-demo"`) are
            // published in its docs and work only against a local stack
            if json.get("iss").and_then(|i| i.as_str()) == Some("supabase-demo") {
                return Some((Some(LOCAL_DEMO.to_string()), whole.range()));
            }
            let role = json
                .get("role")
                .and_then(|r| r.as_str())
                .map(str::to_string);
            Some((role, whole.range()))
        })
        .collect()
}

/// Supabase `service_role` JWTs: judged by the decoded claim, never by a name.
fn service_role_jwts(text: &str) -> Vec<Hit> {
    jwt_roles(text)
        .into_iter()
        .filter(|(role, _)| role.as_deref() == Some("service_role"))
        .map(|(_, range)| Hit {
            kind: "Supabase service_role key".into(),
            range: range.clone(),
            report: range,
        })
        .collect()
}

/// Whether the text is (or contains) a JWT with a public role claim such as `anon`:
/// never a finding, whatever it is called.
pub fn is_public_jwt(text: &str) -> bool {
    jwt_roles(text)
        .iter()
        .any(|(role, _)| matches!(role.as_deref(), Some("anon" | "authenticated" | LOCAL_DEMO)))
}

/// Credential shapes that are masked in every output but never reported alone: AWS
/// access key ids (public half of a key pair, printed beside its secret), Stripe test
/// keys, any JWT (anon keys included), and a DB URL's password on any host.
static MASK_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(
        r"(?-u:\b)(?:(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}|[sr]k_test_[0-9A-Za-z]{24,}|eyJ[0-9A-Za-z_-]{8,}\.eyJ[0-9A-Za-z_-]{8,}\.[0-9A-Za-z_-]{8,})(?-u:\b)",
    )
    .expect("mask-only regex compiles")
});

/// A value bound to a name in code or config: `apiKey: "…"`, `"password": '…'`,
/// `SECRET = "…"`, `token=…` as a whole `.env` line (not `password=hash(…)` in code).
/// Groups: the name, then the quoted value or the bare value of an env line.
///
/// Lengths are checked after the match ([`MAX_BOUND_VALUE`]): a bounded repetition
/// (`{4,400}`) of a Unicode class is unrolled into the automaton, and made this regex
/// 6.8 MB, with a 4.8 MB matching cache per thread.
static BOUND_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(
        r#"(?m)["']?([A-Za-z_$][\w$.-]*)["']?\s*(?::=|=>|:|=)\s*(?:"([^"\r\n]{4,})"|'([^'\r\n]{4,})'|`([^`\r\n$]{4,})`)|^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)=([^\s"'`#(),;{}\[\]]{4,})[ \t]*(?:\#.*)?\r?$"#,
    )
    .expect("bound-value regex compiles")
});

/// The longest value [`BOUND_VALUE`] masks, in characters.
const MAX_BOUND_VALUE: usize = 400;

/// Every credential-shaped token of a text, reported by a rule or not: what the
/// recognisers above find (provider formats whatever the name, DB URL passwords,
/// private keys, JWTs), AWS access key ids and Stripe test keys, and values bound to a
/// secret's name (`password: "…"`, `API_SECRET=…`) that are not placeholders. Every
/// printed line is masked over these, so a credential beside a reported one never
/// shows.
pub fn credential_shaped(text: &str) -> Vec<Range<usize>> {
    credential_shaped_in(text, std::slice::from_ref(&(0..text.len())))
}

/// [`credential_shaped`] for the tokens that lie in some regions of a text (whole lines:
/// what a report prints of it), with private keys looked for in the whole text, since a
/// key's lines can be printed without its header.
pub fn credential_shaped_in(text: &str, regions: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = private_keys(text).into_iter().map(|h| h.range).collect();
    for r in regions {
        let Some(part) = text.get(r.clone()) else {
            continue;
        };
        out.extend(
            shaped_tokens(part)
                .into_iter()
                .map(|t| t.start + r.start..t.end + r.start),
        );
    }
    out.sort_by_key(|r| (r.start, r.end));
    out.dedup();
    out
}

/// The credential-shaped tokens of [`credential_shaped`] but private keys.
fn shaped_tokens(text: &str) -> Vec<Range<usize>> {
    let c = &*COMPILED;
    let mut out: Vec<Range<usize>> = Vec::new();
    for idx in c.set.matches(text).iter() {
        // formats anchored to a whole value need its name: see the bound values below
        if PROVIDERS[idx].name_must_match.is_some() {
            continue;
        }
        out.extend(c.each[idx].find_iter(text).map(|m| m.range()));
    }
    out.extend(MASK_ONLY.find_iter(text).map(|m| m.range()));
    for caps in DB_URL.captures_iter(text) {
        if let Some(pw) = caps.get(3)
            && !crate::vocab::is_placeholder(pw.as_str())
            && !pw.as_str().starts_with('[')
        {
            out.push(pw.range());
        }
    }
    for caps in BOUND_VALUE.captures_iter(text) {
        let name = caps.get(1).or(caps.get(5)).map_or("", |m| m.as_str());
        let Some(value) = (2..=4).chain([6]).find_map(|i| caps.get(i)) else {
            continue;
        };
        let v = value.as_str();
        if crate::vocab::secret_name(name).is_some()
            && v.chars().count() <= MAX_BOUND_VALUE
            && !v.chars().any(char::is_whitespace)
            && !crate::vocab::is_placeholder(v)
        {
            out.push(value.range());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_shorter_than_any_match_are_not_searched() {
        // the shortest match is a database URL's: `amqp://a:b@c`
        assert_eq!(*SHORTEST, "amqp://a:b@c".len());
        assert_eq!(
            find("amqp://a:Xk29fLq77zPa@mq.prod-host.com", None).len(),
            1
        );
        assert!(find("redis://a:b@", None).is_empty());
    }

    fn jwt(payload: &str) -> String {
        let e = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
        format!(
            "{}.{}.{}",
            e(r#"{"alg":"HS256","typ":"JWT"}"#),
            e(payload),
            "c2lnbmF0dXJlLXNpZ25hdHVyZQ"
        )
    }

    #[test]
    fn provider_formats() {
        let k = format!("sk_live_{}", "4eC39HqLyjWDarjtT1zdp7dc");
        assert_eq!(find(&k, None)[0].kind, "Stripe live secret key");
        assert!(find("sk_test_4eC39HqLyjWDarjtT1zdp7dc", None).is_empty());
        assert!(find("pk_live_4eC39HqLyjWDarjtT1zdp7dc", None).is_empty());
        let aws = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzKq9Xb3Jm1";
        assert!(find(aws, None).is_empty());
        assert_eq!(find(aws, Some("aws_secret_access_key")).len(), 1);
        let id = format!("AKIA{}", "W5BOQ2XJ7LMN4PRT");
        assert!(find(&id, None).is_empty(), "an id alone is no secret");
        let csv = format!("User,{id},{}\n", "Zx8vK2mQp7LrT4nW9sYd3FbH6jC1gE5aU0oI8yR2");
        let hits = aws_key_ids(&csv);
        assert_eq!(hits.len(), 1);
        assert_eq!(
            hits[0].range,
            5..csv.len() - 1,
            "the secret beside the id is masked too"
        );
        // the one AWS's documentation uses
        assert!(aws_key_ids("AKIAIOSFODNN7EXAMPLE").is_empty());
    }

    #[test]
    fn db_urls_judge_host_and_password() {
        assert_eq!(
            find(
                "postgres://app:Xk29fLq77zPa@db.prod-host.com:5432/app",
                None
            )
            .len(),
            1
        );
        assert!(find("postgres://postgres:postgres@localhost:5432/app", None).is_empty());
        assert!(find("postgresql://app:Xk29fLq77zPa@db:5432/app", None).is_empty());
        assert!(
            find(
                "postgresql://postgres:[YOUR-PASSWORD]@db.abc.supabase.co:5432/postgres",
                None
            )
            .is_empty()
        );
    }

    #[test]
    fn private_keys_need_a_body() {
        let body = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj";
        let pem =
            format!("-----BEGIN PRIVATE KEY-----\n{body}\n{body}\n-----END PRIVATE KEY-----\n");
        assert_eq!(find(&pem, None)[0].kind, "private key");
        // one line of a JS string, with `\n` escapes
        let escaped = format!(
            r#"key: "-----BEGIN RSA PRIVATE KEY-----\n{body}\n-----END RSA PRIVATE KEY-----\n""#
        );
        assert_eq!(find(&escaped, None).len(), 1);
        // lines of a string joined with `+`
        let joined = format!(
            "\"-----BEGIN EC PRIVATE KEY-----\\n\" +\n  \"{body}\\n\" +\n  \"-----END EC PRIVATE KEY-----\""
        );
        assert_eq!(find(&joined, None).len(), 1);
        // a scanner's own regex and a document that names the header
        let regex = "privateKeys: [\n  /-----BEGIN (?:RSA )?PRIVATE KEY-----/g,\n  /-----BEGIN PGP PRIVATE KEY BLOCK-----/g,\n],\n// Private Keys and other secrets are detected by the patterns above, with a long enough comment";
        assert!(find(regex, None).is_empty());
        assert!(
            find(
                "Paste it: -----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----",
                None
            )
            .is_empty()
        );
    }

    #[test]
    fn supabase_jwts_by_role() {
        let service = jwt(r#"{"iss":"supabase","role":"service_role","exp":2000000000}"#);
        let anon = jwt(r#"{"iss":"supabase","role":"anon","exp":2000000000}"#);
        assert_eq!(find(&service, None)[0].kind, "Supabase service_role key");
        assert!(find(&anon, Some("serviceKey")).is_empty());
        assert!(is_public_jwt(&anon));
        // the Supabase CLI's local service_role key is public
        let demo = jwt(r#"{"iss":"supabase-demo","role":"service_role","exp":1983812996}"#);
        assert!(find(&demo, Some("service_role_key")).is_empty());
        assert!(is_public_jwt(&demo));
    }

    #[test]
    fn credential_shaped_tokens_reported_or_not() {
        let text = "const aws = {\n  accessKeyId: \"AKIAQ3EGUWBL7NZ4XK2P\",\n  secretAccessKey: \"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\",\n};\n\
                    const keys = { live: \"sk_live_4eC39HqLyjWDarjtT1zdp7dc\", test: \"sk_test_4eC39HqLyjWDarjtT1zdp7dc\" };\n\
                    DB=postgres://app:Xk29fLq77zPa@localhost:5432/app\n\
                    ADMIN_PASSWORD=Tr0ub4dor-and-3\n\
                    password = 'hunter2hunter2'\n";
        let shaped: Vec<&str> = credential_shaped(text)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        for secret in [
            "AKIAQ3EGUWBL7NZ4XK2P",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzKq9Xb3Jm1",
            "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
            "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
            "Xk29fLq77zPa",
            "Tr0ub4dor-and-3",
            "hunter2hunter2",
        ] {
            assert!(shaped.contains(&secret), "{secret} not in {shaped:?}");
        }
        // names, env references and placeholders are not credentials
        for plain in [
            "const apiKey = process.env.API_KEY;",
            "tokenType: \"Bearer\"",
            "password: \"your-password-here\"",
            "SECRET_KEY=${SECRET_KEY}",
            "const secretName = \"STRIPE_SECRET_KEY\";",
            "    hashed_password=get_password_hash(\"x\"),",
            "api_key=load_key()",
        ] {
            assert!(credential_shaped(plain).is_empty(), "{plain}");
        }
        // a bound value is masked up to 400 characters, a longer one is text
        let value = |n: usize| -> String {
            let abc = b"Zq7Rk2Lm9Xw4Tb8Ny3Hc6Vd1Pf5Gs0Ju";
            (1..n)
                .map(|i| abc[(i * 7 + i / 5) % abc.len()] as char)
                .chain(['é'])
                .collect()
        };
        let at_most = format!("token: \"{}\"", value(400));
        assert_eq!(credential_shaped(&at_most), vec![8..8 + 401]);
        assert!(credential_shaped(&format!("token: '{}'", value(401))).is_empty());
    }
}
