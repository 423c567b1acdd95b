//! `secrets/hardcoded-credential`: live credentials written into source or config.
use std::ops::Range;

use crate::lang::syntax::Node;

use super::patterns::{self, Hit};
use crate::finding::Confidence;
use crate::lang::rust::{RustNode, span_range, str_lit};
use crate::lang::{Lang, kv, treesitter};
use crate::rules::{FileCx, Rule, RuleMeta, Sink};
use crate::vocab::{SecretName, looks_secret, secret_name};

crate::declare_rule! {
    HardcodedCredential {
        id: "secrets/hardcoded-credential",
        title: "Hard-coded credential",
        severity: Critical, confidence: High, tier: 1, cwe: [798],
        languages: [TypeScript, Tsx, JavaScript, Python, Rust, Env, Yaml, Toml, Json, Dockerfile, Sql, Prisma, Text],
        why: "Anyone who can read the repository, the bundle or the image can use this credential.",
        fix: "Revoke and rotate the credential, then read it from the environment or a secret manager.",
        docs: "hardcoded_credential.md",
    }
}

/// Reports the hits found in `text`, which starts at byte `base` of the file.
fn report_hits(out: &mut Sink, base: usize, hits: &[Hit]) {
    for h in hits {
        out.report(
            base + h.report.start..base + h.report.end,
            format!(
                "{} hard-coded here; anyone with the code can use it",
                h.kind
            ),
        )
        .secret(base + h.range.start..base + h.range.end);
    }
}

/// Reports a secret-named binding holding a literal that looks like a real secret (see
/// [`named_secret`]).
fn report_named(cx: &FileCx<'_>, out: &mut Sink, name: &str, value: &str, range: Range<usize>) {
    let Some(what) = named_secret(cx, name, value, &range) else {
        return;
    };
    out.report(
        range.clone(),
        format!("hard-coded {what} assigned to `{name}`"),
    )
    .secret(range)
    .confidence(Confidence::Medium);
}

/// What a secret-named binding holding a literal that looks like a real secret holds
/// ("password", "secret"), if it is one. Not in tests (dummy passwords) or translation
/// catalogs (labels such as "Password").
fn named_secret(
    cx: &FileCx<'_>,
    name: &str,
    value: &str,
    range: &Range<usize>,
) -> Option<&'static str> {
    if cx.file.is_test
        || cx.file.is_translation
        || cx.file.is_seed
        || (cx.lang == Lang::Rust && cx.in_rust_test(range.start))
    {
        return None;
    }
    let kind = secret_name(name)?;
    // Test-mode and publishable provider keys are not live credentials (PostHog `phc_`
    // project keys are public by design).
    if ["sk_test_", "rk_test_", "pk_test_", "pk_live_", "phc_"]
        .iter()
        .any(|p| value.starts_with(p))
    {
        return None;
    }
    // `SMTP_PASSWORD=smtpPassword`: the value repeats the name, a placeholder
    let squash = |t: &str| -> String {
        t.chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase()
    };
    let (n, v) = (squash(name), squash(value));
    if !v.is_empty() && (n == v || n.ends_with(&v) || v.ends_with(&n)) {
        return None;
    }
    // a name that says the value is for tests or demos (`TEST_PASSWORD`, `demoSecret`)
    if ["test", "demo", "dummy", "mock", "fake", "example", "sample"]
        .iter()
        .any(|w| n.starts_with(w))
    {
        return None;
    }
    if development_config(cx.path) {
        return None;
    }
    // the password a saved login or sign-up request of an API client sends: a test
    // account of the developer's server (its tokens and keys stay findings)
    if kind == SecretName::Password && api_client_request(cx.path) {
        return None;
    }
    if !looks_secret(kind, value) || patterns::is_public_jwt(value) {
        return None;
    }
    Some(match kind {
        SecretName::Password => "password",
        SecretName::Secret => "secret",
    })
}

/// Configuration for the developer's machine: a development compose file
/// (`docker-compose.dev.yml`, `compose.local.yaml`) or settings module
/// (`settings/development.py`, `config/local.py`, `settings_dev.py`), whose passwords
/// and secrets are those of local containers and throwaway keys.
fn development_config(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    let file = lower.rsplit('/').next().unwrap_or(&lower);
    if file.contains("compose") {
        return ["dev", "local", "test", "ci"].iter().any(|w| file.contains(w));
    }
    // the file is named for the environment and nothing else (`local-storage.ts` in a
    // settings folder is not one)
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    let words: Vec<&str> = stem.split(['.', '_', '-']).collect();
    (lower.contains("settings") || lower.contains("config"))
        && words
            .iter()
            .any(|w| matches!(*w, "dev" | "development" | "local"))
        && words.iter().all(|w| {
            matches!(
                *w,
                "dev" | "development" | "local" | "settings" | "config" | "env" | "environment"
            )
        })
}

/// A request saved by an API client for trying the app's own endpoints: Yaak
/// (`yaak/yaak.rq_….yaml`), Postman (`….postman_collection.json`), Bruno (`….bru`), and
/// the `.http` / `.rest` files of editor REST clients.
fn api_client_request(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    file.starts_with("yaak.rq_")
        || file.ends_with(".postman_collection.json")
        || [".bru", ".http", ".rest"].iter().any(|e| file.ends_with(e))
}

/// The name a string literal is bound to; a Firebase web config's `apiKey` is named
/// `firebase.apiKey` so that its public key is recognised.
fn binding<'t>(cx: &FileCx<'t>, node: Node<'t>, parent: Node<'t>) -> Option<String> {
    let src = cx.text();
    let (name, _) = treesitter::binding_name_in(node, parent, src)?;
    if parent.kind_str() == "pair"
        && let Some(obj) = parent.parent()
        && cx.index.once_per_node("firebase-config", obj, || {
            treesitter::object_pairs(obj, src).iter().any(|(k, _, _)| {
                matches!(
                    k.as_str(),
                    "authDomain" | "projectId" | "messagingSenderId" | "storageBucket" | "appId"
                )
            })
        })
    {
        return Some(format!("firebase.{name}"));
    }
    Some(name.to_string())
}

/// Whether the name is used in its function (or file, for a name bound at the top)
/// only as the password of accounts the code
/// makes with a login name it does not fix: `dev.auth.admin.create_user({"email": email,
/// "password": DEFAULT_PASSWORD})` for every user it copies, `signUp({ email: testEmail,
/// password })` where the address is made fresh on each run. That is a default password
/// (`web/default-credentials`) or none; not a sign-in to an existing account
/// (`sign_in_with_password({"email": EMAIL, "password": PASSWORD})`), nor an account
/// whose login is written in the code (`EMAIL = "ops@acme.com"`), a credential of its own.
fn login_password_of<'t>(cx: &FileCx<'t>, node: Node<'t>, name: &str) -> bool {
    use crate::rules::web::default_credentials::{login_names, login_object_of_password};
    let src = cx.text();
    let scope = treesitter::enclosing_function(node);
    let root = std::iter::successors(Some(node), |n| n.parent())
        .last()
        .unwrap_or(node);
    // names bound to a plain string somewhere in the file (`EMAIL = "ops@acme.com"`)
    let literal_names = || {
        cx.index
            .nodes_of_kinds(root, &["variable_declarator", "assignment"])
            .iter()
            .filter_map(|&d| {
                let target = d.field("name").or_else(|| d.field("left"))?;
                let value = d.field("value").or_else(|| d.field("right"))?;
                let plain = value.kind_str() == "string"
                    && !treesitter::text(value, src).starts_with(['f', 'F']);
                plain.then(|| treesitter::text(target, src))
            })
            .collect::<Vec<&str>>()
    };
    // where the name is visible: the function it is declared in, or the whole file
    let uses: Vec<Node<'t>> = cx
        .index
        .nodes_of_kinds(scope, &["identifier", "shorthand_property_identifier"])
        .iter()
        .copied()
        .filter(|&n| n.id() != node.id() && treesitter::text(n, src) == name)
        .filter(|&n| {
            // not the binding itself
            !n.parent().is_some_and(|p| {
                p.field("name").or_else(|| p.field("left")).is_some_and(|t| t.id() == n.id())
            })
        })
        .collect();
    if uses.is_empty() {
        return false;
    }
    let literals = literal_names();
    uses.iter().all(|&n| {
            let Some(obj) = login_object_of_password(n, src) else {
                return false;
            };
            let signs_in = std::iter::successors(obj.parent(), |p| p.parent())
                .find(|p| matches!(p.kind_str(), "call_expression" | "call"))
                .and_then(treesitter::callee)
                .is_some_and(|c| {
                    let c = crate::vocab::squash(treesitter::text(c, src));
                    c.contains("signin") || c.contains("login")
                });
            !signs_in
                && login_names(obj, src).all(|v| match v.kind_str() {
                    "string" => {
                        let t = treesitter::text(v, src);
                        t.starts_with(['f', 'F']) && t.contains('{')
                    }
                    "identifier" => !literals.contains(&treesitter::text(v, src)),
                    _ => true,
                })
        })
}

impl Rule for HardcodedCredential {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn node_kinds(&self, _lang: Lang) -> &'static [&'static str] {
        &["string", "template_string", "comment"]
    }

    fn check_node<'a>(&self, cx: &FileCx<'a>, node: Node<'a>, out: &mut Sink) {
        let src = cx.text();
        if node.kind_str() == "comment" {
            report_hits(
                out,
                node.start_byte(),
                &patterns::find(treesitter::text(node, src), None),
            );
            return;
        }
        let parent = node.parent();
        if parent
            .is_some_and(|p| p.kind_str() == "import_statement" || p.kind_str() == "import_from_statement")
        {
            return;
        }
        let name = parent.and_then(|p| binding(cx, node, p));
        let (text_range, value) = match treesitter::string_value(node, src) {
            Some((v, r)) => (r, Some(v)),
            None => (node.byte_range(), None),
        };
        let Some(text) = src.get(text_range.clone()) else {
            return;
        };
        let hits = patterns::find(text, name.as_deref());
        if !hits.is_empty() {
            report_hits(out, text_range.start, &hits);
            return;
        }
        // a secret by its name, unless the login checks below say otherwise (they search
        // the file: asked only of the few literals that would be reported)
        let (Some(name), Some(value)) = (name, value) else {
            return;
        };
        if named_secret(cx, &name, &value, &text_range).is_none() {
            return;
        }
        // the password of an account the code seeds: `web/default-credentials`
        // and that of a throwaway account nobody can log in to again is none
        if parent.is_some_and(|p| {
            crate::rules::web::default_credentials::seeded_login(node, p, src)
                || crate::rules::web::default_credentials::throwaway_login(node, p, src)
        }) {
            return;
        }
        // a literal bound to a name that is then a login's password (`const password
        // = "testPassword123!"`, then `signUp({ email: testEmail, password })`)
        if parent.is_some_and(|p| {
            matches!(
                p.kind_str(),
                "variable_declarator" | "assignment" | "assignment_expression"
            )
        }) && login_password_of(cx, node, &name)
        {
            return;
        }
        report_named(cx, out, &name, &value, text_range);
    }

    fn wants_rust(&self) -> bool {
        true
    }

    fn check_rust(&self, cx: &FileCx<'_>, node: RustNode<'_>, out: &mut Sink) {
        let (name, expr) = match node {
            RustNode::Expr(e @ syn::Expr::Lit(_)) => (None, e),
            RustNode::Item(ident, e) => (Some(ident.to_string()), e),
            RustNode::Local(l) => match (&l.pat, &l.init) {
                (syn::Pat::Ident(p), Some(init)) => (Some(p.ident.to_string()), &*init.expr),
                (syn::Pat::Type(t), Some(init)) => match &*t.pat {
                    syn::Pat::Ident(p) => (Some(p.ident.to_string()), &*init.expr),
                    _ => return,
                },
                _ => return,
            },
            RustNode::Field(fv) => match &fv.member {
                syn::Member::Named(id) => (Some(id.to_string()), &fv.expr),
                syn::Member::Unnamed(_) => return,
            },
            _ => return,
        };
        let Some((value, span)) = str_lit(expr) else {
            return;
        };
        let lit = span_range(cx.src, span);
        let raw = cx.text().get(lit.clone()).unwrap_or("");
        // The literal's content: skip `r#"` / `"` and the closing quotes.
        let open = raw.find('"').map_or(0, |p| p + 1);
        let close = raw.rfind('"').filter(|&c| c >= open).unwrap_or(raw.len());
        let content = lit.start + open..lit.start + close;
        let text = cx.text().get(content.clone()).unwrap_or("");
        let hits = patterns::find(text, name.as_deref());
        if !hits.is_empty() {
            report_hits(out, content.start, &hits);
        } else if let Some(name) = name {
            report_named(cx, out, &name, &value, content);
        }
    }

    fn check_file(&self, cx: &FileCx<'_>, out: &mut Sink) {
        if cx.lang.uses_tree_sitter() || cx.lang == Lang::Rust {
            return;
        }
        let text = cx.text();
        // Settings first: they know the name, which some formats need.
        let mut covered: Vec<Range<usize>> = Vec::new();
        for entry in kv::key_values(cx.lang, text) {
            let value = &text[entry.value_range.clone()];
            // Judged here with its name; the free-text pass below leaves it alone.
            covered.push(entry.value_range.clone());
            let hits = patterns::find(value, Some(&entry.key));
            if !hits.is_empty() {
                report_hits(out, entry.value_range.start, &hits);
            } else {
                report_named(cx, out, &entry.key, value, entry.value_range.clone());
            }
        }
        // Then anything else in the file: URLs in Prisma or SQL, PEM blocks, keys in
        // free text.
        let mut found = patterns::find(text, None);
        if cx.lang == Lang::Text {
            found.extend(patterns::aws_key_ids(text));
        }
        let rest: Vec<Hit> = found
            .into_iter()
            .filter(|h| {
                !covered
                    .iter()
                    .any(|c| c.start <= h.range.start && h.range.start < c.end)
            })
            .collect();
        report_hits(out, 0, &rest);
    }
}

#[cfg(test)]
mod tests {
    use super::development_config;

    #[test]
    fn development_config_is_named_for_the_environment() {
        for dev in [
            "docker-compose.dev.yml",
            "deploy/compose.local.yaml",
            "app/settings/development.py",
            "storefront/settings_dev.py",
            "config/local.py",
            "src/config/dev.ts",
        ] {
            assert!(development_config(dev), "{dev}");
        }
        for not in [
            "docker-compose.yml",
            "app/settings/production.py",
            "app/settings/base.py",
            "app/settings/local-storage.ts",
            "src/lib/dev-tools.ts",
            "config/developer_keys.py",
        ] {
            assert!(!development_config(not), "{not}");
        }
    }
}
