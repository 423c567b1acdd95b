//! `web/default-credentials`: default logins seeded or written into code and config.

use crate::lang::treesitter::NodeExt;
use tree_sitter::Node;

use crate::lang::Lang;
use crate::lang::treesitter::{arguments, binding_name, callee, string_value, text};
use crate::rules::{FileCx, Rule, RuleMeta, Sink};
use crate::vocab::{SecretName, secret_name};

crate::declare_rule! {
    DefaultCredentials {
        id: "web/default-credentials",
        title: "Default login credentials",
        severity: High, confidence: Medium, tier: 2, cwe: [1392, 798],
        languages: [TypeScript, Tsx, JavaScript, Python],
        why: "Default passwords such as admin/admin or changeme are the first thing attackers try; a seed script or env fallback that creates them ships a working login to every deployment that forgets to change it.",
        fix: "Read initial passwords from the environment with no fallback (fail to start without one), or generate a random one and print it once; never seed production with known passwords.",
        docs: "default_credentials.md",
        skip: [test, translation],
    }
}

/// Words that default passwords are made of (`admin`, `admin123`, `changeme`, `Passw0rd!`).
const WEAK_WORDS: &[&str] = &[
    "admin",
    "administrator",
    "password",
    "passw0rd",
    "pass",
    "changeme",
    "change_me",
    "root",
    "toor",
    "secret",
    "letmein",
    "qwerty",
    "default",
    "guest",
    "test",
    "demo",
    "welcome",
    "support",
    "user",
    "manager",
    "abc",
    "p@ssword",
    "p@ssw0rd",
    "adm1n",
];

/// Whether a password literal is a default one: a weak word with at most a few digits or
/// symbols after it, or a run of digits.
pub fn weak_password(v: &str) -> bool {
    let lower = v.to_ascii_lowercase();
    if lower.len() < 3 {
        return false;
    }
    if lower.chars().all(|c| c.is_ascii_digit()) && lower.len() <= 10 {
        return true;
    }
    // a weak word and a short tail of digits or symbols: `admin`, `admin123`,
    // `Passw0rd!`, `changeme!` (every word is tried, so `password1` matches `password`
    // although `pass` does not)
    WEAK_WORDS.iter().any(|w| {
        lower.strip_prefix(w).is_some_and(|rest| {
            rest.len() <= 4
                && rest
                    .chars()
                    .all(|c| c.is_ascii_digit() || "!@#$._-".contains(c))
        })
    })
}

fn password_name(name: &str) -> bool {
    matches!(secret_name(name), Some(SecretName::Password))
}

const MESSAGE: &str = "a default password: anyone can log in with it where it is deployed";

impl Rule for DefaultCredentials {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn node_kinds(&self, _lang: Lang) -> &'static [&'static str] {
        &["string"]
    }

    fn check_node<'a>(&self, cx: &FileCx<'a>, n: Node<'a>, out: &mut Sink) {
        let src = cx.text();
        // default passwords are short: skip the rest before decoding the literal
        if n.byte_range().len() > 24 {
            return;
        }
        let Some((value, _)) = string_value(n, src) else {
            return;
        };
        if !weak_password(&value) {
            return;
        }
        let Some(parent) = n.parent() else { return };
        // { password: "admin" }, User(password="admin"), const ADMIN_PASSWORD = "admin",
        // process.env.ADMIN_PASSWORD || "admin"
        let bound = binding_name(n, src).is_some_and(|(name, _)| password_name(name));
        // os.environ.get("ADMIN_PASSWORD", "admin"), os.getenv("ADMIN_PASSWORD", "admin")
        let env_default = parent.kind_str() == "argument_list"
            && parent.parent().is_some_and(|call| {
                let f = callee(call).map(|f| text(f, src)).unwrap_or("");
                (f == "os.environ.get" || f == "os.getenv")
                    && arguments(call)
                        .and_then(|a| a.named_child(0))
                        .and_then(|k| string_value(k, src))
                        .is_some_and(|(k, _)| password_name(&k))
                    && arguments(call)
                        .and_then(|a| a.named_child(1))
                        .is_some_and(|d| d.id() == n.id())
            });
        let named = bound || env_default;
        if named {
            out.report(n.byte_range(), MESSAGE);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::weak_password;

    #[test]
    fn weak_passwords() {
        for p in [
            "admin",
            "password123",
            "changeme",
            "admin123",
            "support123",
            "123456",
            "Passw0rd!",
            "root",
        ] {
            assert!(weak_password(p), "{p}");
        }
        for p in [
            "Demo-Passw0rd!",
            "c8Fq2LxZ9vR1",
            "correct horse battery",
            "hunter2hunter2",
        ] {
            assert!(!weak_password(p), "{p}");
        }
    }
}
