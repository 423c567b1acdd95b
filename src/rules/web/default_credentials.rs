//! `web/default-credentials`: default logins seeded or written into code and config.
use crate::lang::syntax::Node;

use crate::lang::Lang;
use crate::lang::treesitter::{
    arguments, binding_name, binding_name_in, callee, object_pairs, string_value, text,
};
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
const SEEDED: &str =
    "a fixed password for a seeded account: anyone who reads the code can log in as it where it is deployed";

/// Whether a string literal is the fixed password of an account the code creates, of
/// any strength: hashed into a stored login (`hashPassword("Password123!")`,
/// `user.set_password("superadmin123")`, `bcrypt.hash("Admin!2024", 10)`), or next to a
/// fixed login name in the same object (`{ email: "evaluator@uni.edu", password:
/// "PatentEval2024!" }`; a generated address such as `` `test-${Date.now()}@x.com` ``
/// makes a throwaway account, not a known login). `secrets/hardcoded-credential`
/// leaves these to this rule: one problem, one rule.
pub fn seeded_login(n: Node<'_>, parent: Node<'_>, src: &str) -> bool {
    // a password, not a form's reset (`setPassword("")`) or a label ("Enter password")
    let Some((value, _)) = string_value(n, src) else {
        return false;
    };
    if value.len() < 4 || value.contains(char::is_whitespace) {
        return false;
    }
    // the first argument of a call that hashes or sets a password
    if matches!(parent.kind_str(), "arguments" | "argument_list")
        && parent.named_child(0).is_some_and(|a| a.id() == n.id())
        && let Some(call) = parent.parent()
        && let Some(f) = callee(call)
    {
        let full = text(f, src).to_ascii_lowercase();
        let last = full.rsplit('.').next().unwrap_or(&full);
        let squashed: String = last.chars().filter(|c| *c != '_').collect();
        let hashes_password = (squashed.contains("hash") && squashed.contains("pass"))
            || matches!(
                squashed.as_str(),
                "setpassword" | "makepassword" | "hashpw" | "updatepassword"
            )
            || ((full.starts_with("bcrypt") || full.starts_with("argon2"))
                && squashed.starts_with("hash"));
        if hashes_password {
            return true;
        }
    }
    // { email: "admin@acme.com", password: "…" }, dict(...), User(email=…, password=…)
    let Some((name, _)) = binding_name_in(n, parent, src) else {
        return false;
    };
    if !password_name(name) || !matches!(parent.kind_str(), "pair" | "keyword_argument") {
        return false;
    }
    // `invitation_password: "invitation_password"`: a name, not a value
    let squash = |t: &str| {
        t.chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase()
    };
    if squash(name) == squash(&value) {
        return false;
    }
    let Some(obj) = parent.parent() else {
        return false;
    };
    !connection_settings(obj, src)
        && login_names(obj, src).any(|v| {
            v.kind_str() == "string" && string_value(v, src).is_some_and(|(v, _)| !v.is_empty())
        })
}

/// The login object a name is the password of where it is used: the value of a
/// password key beside a login name (`{ email: testEmail, password: password }`,
/// `{"email": user["email"], "password": DEFAULT_PASSWORD}`, `{ email, password }`),
/// not in a connection's settings.
pub fn login_object_of_password<'t>(used: Node<'t>, src: &str) -> Option<Node<'t>> {
    let parent = used.parent()?;
    let obj = match parent.kind_str() {
        "pair" | "keyword_argument"
            if parent.field("value").is_some_and(|v| v.id() == used.id())
                && binding_name_in(used, parent, src)
                    .is_some_and(|(name, _)| password_name(name)) =>
        {
            parent.parent()
        }
        "object" if used.kind_str() == "shorthand_property_identifier"
            && password_name(text(used, src)) =>
        {
            Some(parent)
        }
        _ => None,
    };
    obj.filter(|&obj| {
        !connection_settings(obj, src) && login_names(obj, src).next().is_some()
    })
}

/// A connection's settings (`{ host, port, user, password }`): they hold a service's
/// credential, `secrets/hardcoded-credential`'s finding, not an account's login.
fn connection_settings(obj: Node<'_>, src: &str) -> bool {
    object_pairs(obj, src).iter().any(|(k, _, _)| {
        matches!(
            k.to_ascii_lowercase().as_str(),
            "host" | "hostname" | "port" | "server" | "database" | "db" | "url" | "dialect"
        )
    })
}

/// The values of an object's login-name keys (`email`, `username`, …).
pub fn login_names<'t>(obj: Node<'t>, src: &str) -> impl Iterator<Item = Node<'t>> {
    object_pairs(obj, src).into_iter().filter_map(|(k, _, v)| {
        matches!(
            k.to_ascii_lowercase().as_str(),
            "email" | "username" | "user_name" | "login" | "phone"
        )
        .then_some(v)
    })
}

/// Whether a password literal belongs to a throwaway account whose login name is made
/// fresh on each run (`{ email: \`probe-${Date.now()}@x.com\`, password: "…" }`,
/// `{"email": f"test-{uuid4()}@x.com", …}`): nobody can log in with it afterwards, so
/// it is no credential.
pub fn throwaway_login(n: Node<'_>, parent: Node<'_>, src: &str) -> bool {
    let named = binding_name_in(n, parent, src).is_some_and(|(name, _)| password_name(name));
    named
        && matches!(parent.kind_str(), "pair" | "keyword_argument")
        && parent.parent().is_some_and(|obj| {
            login_names(obj, src).any(|v| match v.kind_str() {
                "template_string" => text(v, src).contains("${"),
                // a Python f-string with a replacement field
                "string" => {
                    let t = text(v, src);
                    t.starts_with(['f', 'F']) && t.contains('{')
                }
                _ => false,
            })
        })
}

impl Rule for DefaultCredentials {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn node_kinds(&self, _lang: Lang) -> &'static [&'static str] {
        &["string"]
    }

    fn check_node<'a>(&self, cx: &FileCx<'a>, n: Node<'a>, out: &mut Sink) {
        let src = cx.text();
        // passwords are short: skip the rest before decoding the literal
        if n.byte_range().len() > 64 {
            return;
        }
        let Some(parent) = n.parent() else {
            return;
        };
        if seeded_login(n, parent, src) {
            // a password that looks strong is a credential: masked in every output
            let secret = string_value(n, src).map_or(n.byte_range(), |(_, r)| r);
            out.report(n.byte_range(), SEEDED).secret(secret);
            return;
        }
        if n.byte_range().len() > 24 {
            return;
        }
        let Some((value, _)) = string_value(n, src) else {
            return;
        };
        if !weak_password(&value) {
            return;
        }
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
        if named && !(parent.kind_str() == "pair" && parent.parent().is_some_and(|o| field_map(o, src))) {
            out.report(n.byte_range(), MESSAGE);
        }
    }
}

/// An object that maps names to the names of its own fields (`{ user: "username",
/// username: "username", pass: "password", password: "password" }`, a parser's table of
/// aliases): its values are field names, not credentials.
fn field_map(obj: Node<'_>, src: &str) -> bool {
    let pairs = object_pairs(obj, src);
    let keys: Vec<&str> = pairs.iter().map(|(k, _, _)| k.as_str()).collect();
    pairs
        .iter()
        .filter(|(_, _, v)| {
            string_value(*v, src).is_some_and(|(v, _)| keys.contains(&v.as_str()))
        })
        .count()
        >= 2
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
