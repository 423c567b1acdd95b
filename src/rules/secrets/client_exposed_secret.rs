//! `secrets/client-exposed-secret`: server secrets shipped to the browser.

use crate::lang::syntax::Node;

use super::patterns;
use crate::lang::{Lang, kv, treesitter};
use crate::rules::{FileCx, Rule, RuleMeta, Sink};

crate::declare_rule! {
    ClientExposedSecret {
        id: "secrets/client-exposed-secret",
        title: "Server secret exposed to the browser",
        severity: Critical, confidence: High, tier: 1, cwe: [200, 522],
        languages: [TypeScript, Tsx, JavaScript, Env],
        why: "Bundlers inline public env vars into the JavaScript every visitor downloads; a secret there is public.",
        fix: "Keep the secret in a server-only variable (no NEXT_PUBLIC_/VITE_ prefix), use it in an API route or edge function, and rotate it.",
        docs: "client_exposed_secret.md",
        skip: [test],
    }
}

/// Prefixes that bundlers inline into browser code.
pub const PUBLIC_PREFIXES: &[&str] = &[
    "NEXT_PUBLIC_",
    "VITE_",
    "REACT_APP_",
    "EXPO_PUBLIC_",
    "PUBLIC_",
    "NUXT_PUBLIC_",
    "GATSBY_",
];

/// The public prefix of an env var name, if any.
pub fn public_prefix(name: &str) -> Option<&'static str> {
    PUBLIC_PREFIXES
        .iter()
        .copied()
        .find(|p| name.starts_with(p))
}

/// Whether an env var name (without its public prefix) names a server secret.
pub fn names_server_secret(name: &str) -> bool {
    let n = name.to_ascii_uppercase();
    const PUBLIC: &[&str] = &[
        "ANON",
        "PUBLISHABLE",
        "PUBLIC_KEY",
        "SITE_KEY",
        "SITEKEY",
        "MEASUREMENT",
        "POSTHOG",
        "SENTRY_DSN",
        "FIREBASE",
        "MAPBOX",
        "MAPS",
        "ALGOLIA_SEARCH",
        "CLIENT_ID",
        "APP_ID",
        "PROJECT_ID",
        "_URL_PUBLIC",
    ];
    if PUBLIC.iter().any(|p| n.contains(p)) {
        return false;
    }
    if ["SECRET", "PRIVATE", "SERVICE_ROLE", "PASSWORD", "PASSWD"]
        .iter()
        .any(|w| n.contains(w))
    {
        return true;
    }
    // Server-only providers whose keys bill or act on the account.
    const PROVIDERS: &[&str] = &[
        "OPENAI",
        "ANTHROPIC",
        "CLAUDE",
        "GROQ",
        "MISTRAL",
        "COHERE",
        "REPLICATE",
        "HUGGINGFACE",
        "HF_",
        "TOGETHER",
        "PERPLEXITY",
        "DEEPSEEK",
        "GEMINI",
        "ELEVENLABS",
        "OPENROUTER",
        "RESEND",
        "SENDGRID",
        "MAILGUN",
        "POSTMARK",
        "TWILIO",
        "GITHUB",
        "AWS_",
        "STRIPE",
        "CLERK",
        "SUPABASE_SERVICE",
        "PINECONE",
        "UPSTASH_REDIS_REST_TOKEN",
    ];
    let credential = ["KEY", "TOKEN", "SECRET"].iter().any(|w| n.ends_with(w));
    if credential && PROVIDERS.iter().any(|p| n.contains(p)) {
        return true;
    }
    [
        "DATABASE_URL",
        "DB_URL",
        "POSTGRES_URL",
        "MONGODB_URI",
        "REDIS_URL",
        "DIRECT_URL",
    ]
    .iter()
    .any(|w| n.contains(w))
}

/// `process.env.X`, `import.meta.env.X`, `process.env["X"]`: the name X and its node.
fn env_reference<'t>(node: Node<'t>, src: &str) -> Option<(String, Node<'t>)> {
    let (object, prop) = match node.kind_str() {
        "member_expression" => (node.field("object")?, node.field("property")?),
        "subscript_expression" => (node.field("object")?, node.field("index")?),
        _ => return None,
    };
    let obj = treesitter::text(object, src);
    if obj != "process.env" && obj != "import.meta.env" && obj != "Deno.env" {
        return None;
    }
    Some((treesitter::key_text(prop, src), prop))
}

/// Whether a file may be in the browser bundle: not code only the server runs (API
/// routes, edge functions, `server-only` modules) and not a Node script of the
/// repository's `scripts/` folder, which the bundler never sees. Tests are skipped by
/// the rule's metadata.
fn may_ship(cx: &FileCx<'_>) -> bool {
    let script = crate::facts::client::script_path(cx.path);
    !cx.file.is_server && (!script || cx.file.is_client) && !runs_on_deno(cx)
}

/// A template of the environment, committed to show which variables to set:
/// `.env.example`, `.env.sample`, `.env.template`, `.env.dist`, `example.env`.
fn env_template(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    ["example", "sample", "template", "dist", "defaults"]
        .iter()
        .any(|w| name.split('.').any(|part| part == *w))
}

/// A module that reads `Deno.env` runs in an edge function, not in the browser.
fn runs_on_deno(cx: &FileCx<'_>) -> bool {
    cx.index
        .once_per_file("reads Deno.env", || cx.text().contains("Deno.env"))
}

impl Rule for ClientExposedSecret {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn node_kinds(&self, _lang: Lang) -> &'static [&'static str] {
        &["member_expression", "subscript_expression"]
    }

    fn check_node<'a>(&self, cx: &FileCx<'a>, node: Node<'a>, out: &mut Sink) {
        let src = cx.text();
        let Some((name, prop)) = env_reference(node, src) else {
            return;
        };
        match public_prefix(&name) {
            Some(prefix) if names_server_secret(&name[prefix.len()..]) && may_ship(cx) => {
                out.report(
                    prop.byte_range(),
                    format!(
                        "`{name}` is inlined into the browser bundle ({prefix} prefix) but holds a server secret"
                    ),
                );
            }
            None if cx.file.is_client && !runs_on_deno(cx) && names_server_secret(&name) => {
                out.report(
                    prop.byte_range(),
                    format!("server secret `{name}` is referenced in browser code"),
                );
            }
            _ => {}
        }
    }

    fn check_file(&self, cx: &FileCx<'_>, out: &mut Sink) {
        if cx.lang != Lang::Env {
            return;
        }
        let text = cx.text();
        for entry in kv::key_values(Lang::Env, text) {
            let Some(prefix) = public_prefix(&entry.key) else {
                continue;
            };
            let value = &text[entry.value_range.clone()];
            let secret_value = !patterns::find(value, Some(&entry.key)).is_empty();
            let public_value = patterns::is_public_jwt(value);
            if secret_value || (!public_value && names_server_secret(&entry.key[prefix.len()..])) {
                let finding = out
                    .report(
                        entry.key_range.clone(),
                        format!(
                            "`{}` is inlined into the browser bundle ({prefix} prefix) but holds a server secret",
                            entry.key
                        ),
                    )
                    .secret(entry.value_range.clone());
                // a bundler inlines only the names the code reads: a secret-named
                // variable of a template (`.env.example`), whose values are
                // placeholders, that no file of the project names ships nothing
                if !secret_value && env_template(cx.path) {
                    finding.unless(vec![crate::finding::Condition::Unread {
                        name: entry.key.clone(),
                    }]);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_templates() {
        for p in [".env.example", "apps/web/.env.sample", ".env.local.example", "example.env", ".env.template"] {
            assert!(env_template(p), "{p}");
        }
        for p in [".env", ".env.local", ".env.production", "config/.env.examples-bad"] {
            assert!(!env_template(p), "{p}");
        }
    }

    #[test]
    fn server_secret_names() {
        for n in [
            "OPENAI_API_KEY",
            "SUPABASE_SERVICE_ROLE_KEY",
            "STRIPE_SECRET_KEY",
            "JWT_SECRET",
            "DATABASE_URL",
            "SENDGRID_API_KEY",
        ] {
            assert!(names_server_secret(n), "{n}");
        }
        for n in [
            "SUPABASE_ANON_KEY",
            "STRIPE_PUBLISHABLE_KEY",
            "FIREBASE_API_KEY",
            "POSTHOG_KEY",
            "SUPABASE_URL",
            "SITE_URL",
        ] {
            assert!(!names_server_secret(n), "{n}");
        }
    }
}
