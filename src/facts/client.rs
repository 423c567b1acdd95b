//! Facts about one file: does it ship to the browser, is it server-only, is it a
//! Supabase edge function.

use super::ProjectFacts;

/// Facts about one file, computed before its rules run.
#[derive(Debug, Default, Clone)]
pub struct FileFacts {
    /// Code bundled for the browser: a `"use client"` module, a Vite SPA's `src/`,
    /// `src/components/`.
    pub is_client: bool,
    /// Code that only runs on the server: API routes, `"use server"`, `server-only`,
    /// edge functions.
    pub is_server: bool,
    /// The Supabase edge function this file belongs to, and whether the gateway checks
    /// its JWT (`verify_jwt`, true unless config.toml turns it off).
    pub edge_function: Option<(String, bool)>,
    /// Tests, specs, e2e suites and mocks: dummy credentials there are not findings
    /// unless they have a live provider's format.
    pub is_test: bool,
    /// Translation catalogs (`i18n/`, `locales/`): UI strings such as "Password".
    pub is_translation: bool,
    /// Seed and fixture data (`prisma/seed.ts`, `seeds/`, `seed_demo.py`): demo logins
    /// there are `web/default-credentials`' business, not live secrets.
    pub is_seed: bool,
}

impl FileFacts {
    pub fn of(path: &str, text: &str, facts: &ProjectFacts) -> Self {
        let directive = crate::lang::leading_directive(text);
        let edge_function = edge_function(path).map(|(dir, name)| {
            let unverified = |name: &str| {
                facts
                    .unverified_edge_functions
                    .contains(&(dir.to_string(), name.to_string()))
            };
            // `*`: a deploy script ships every function without the check
            let verified = !unverified(name) && !unverified("*");
            (name.to_string(), verified)
        });
        let is_server = directive == Some("use server")
            || text.contains("import 'server-only'")
            || text.contains("import \"server-only\"")
            || edge_function.is_some()
            || server_path(path);
        let in_vite_src = facts.vite_roots.iter().any(|root| {
            let prefix = if root.is_empty() {
                "src/".to_string()
            } else {
                format!("{root}/src/")
            };
            path.starts_with(&prefix)
        });
        let is_client = !is_server
            && (directive == Some("use client")
                || in_vite_src
                || ["src/components/", "frontend/", "client/"]
                    .iter()
                    .any(|d| path.starts_with(d) || path.contains(&format!("/{d}"))));
        FileFacts {
            is_client,
            is_server,
            edge_function,
            is_test: test_path(path),
            is_seed: seed_path(path),
            is_translation: translation_path(path),
        }
    }
}

/// Translation catalogs: `i18n/`, `locales/` and kin, and message files named for their
/// locale (next-intl's `messages/es.json`, `de.json`, `pt-BR.yml`).
fn translation_path(path: &str) -> bool {
    let p = format!("/{}", path.to_ascii_lowercase());
    if [
        "/i18n/",
        "/locales/",
        "/locale/",
        "/translations/",
        "/lang/",
        "/l10n/",
    ]
    .iter()
    .any(|d| p.contains(d))
    {
        return true;
    }
    let name = p.rsplit('/').next().unwrap_or("");
    let Some((stem, ext)) = name.rsplit_once('.') else {
        return false;
    };
    if !matches!(ext, "json" | "yml" | "yaml" | "po" | "arb" | "properties") {
        return false;
    }
    // `es`, `pt-br`, `zh_hant`: a language code and an optional region or script
    let mut parts = stem.split(['-', '_']);
    let lang = parts.next().unwrap_or("");
    let region = parts.next();
    parts.next().is_none()
        && lang.len() == 2
        && lang.chars().all(|c| c.is_ascii_lowercase())
        && region.is_none_or(|r| {
            (2..=4).contains(&r.len()) && r.chars().all(|c| c.is_ascii_alphabetic())
        })
        && (region.is_some() || p.contains("/messages/") || LANGS.contains(&lang))
}

/// Common ISO 639-1 codes, for a bare `de.json` outside a `messages/` folder.
const LANGS: &[&str] = &[
    "ar", "bg", "bn", "ca", "cs", "da", "de", "el", "en", "es", "et", "fa", "fi", "fr", "he", "hi",
    "hr", "hu", "it", "ja", "ko", "lt", "lv", "ms", "nb", "nl", "no", "pl", "pt", "ro", "ru", "sk",
    "sl", "sr", "sv", "sw", "th", "tr", "uk", "ur", "vi", "zh",
];

/// Seed data: `seed.ts`, `seed_demo.py`, `seeds/`, `seeders/`, `fixtures/`.
fn seed_path(path: &str) -> bool {
    let p = format!("/{}", path.to_ascii_lowercase());
    let name = p.rsplit('/').next().unwrap_or("");
    name.starts_with("seed")
        || p.contains("/seeds/")
        || p.contains("/seed/")
        || p.contains("/seeders/")
        || p.contains("/fixtures/")
}

/// A script of the project's `scripts/` folder (at any depth): run by hand or by CI on a
/// developer's machine, never served and never bundled.
pub fn script_path(path: &str) -> bool {
    format!("/{}", path.to_ascii_lowercase()).contains("/scripts/")
}

/// Test code: test folders, spec and test files, e2e suites, mocks.
pub fn test_path(path: &str) -> bool {
    let p = format!("/{path}");
    const DIRS: &[&str] = &[
        "/test/",
        "/tests/",
        "/__tests__/",
        "/spec/",
        "/specs/",
        "/e2e/",
        "/cypress/",
        "/playwright/",
        "/__mocks__/",
        "/mocks/",
    ];
    if DIRS.iter().any(|d| p.contains(d)) {
        return true;
    }
    let name = path.rsplit('/').next().unwrap_or(path);
    name.contains(".test.")
        || name.contains(".spec.")
        || name.contains(".e2e.")
        || name.contains(".stories.")
        || (name.starts_with("test_") && name.ends_with(".py"))
        || name.ends_with("_test.py")
        || name == "conftest.py"
        || name.starts_with("vitestSetup")
        || name.starts_with("vitest.setup")
        || name.starts_with("jest.setup")
        || name.starts_with("setupTests")
}

/// Paths of code that runs on the server only: API routes and route handlers, Next.js
/// middleware, `server/` folders and `.server.` modules.
pub fn server_path(path: &str) -> bool {
    let p = format!("/{path}");
    p.contains("/app/api/")
        || p.contains("/pages/api/")
        || p.contains("/server/")
        || p.contains("/api/")
        || p.contains(".server.")
        || p.ends_with("/route.ts")
        || p.ends_with("/route.js")
        || p.ends_with("/middleware.ts")
        || p.ends_with("/middleware.js")
}

/// (`…/supabase/functions/`, name) for a file inside a Supabase edge function.
pub(crate) fn edge_function(path: &str) -> Option<(&str, &str)> {
    let idx = if path.starts_with("supabase/functions/") {
        0
    } else {
        path.find("/supabase/functions/")? + 1
    };
    let dir_end = idx + "supabase/functions/".len();
    let rest = &path[dir_end..];
    let (name, _) = rest.split_once('/')?;
    if name.starts_with('_') {
        return None; // _shared
    }
    Some((&path[..dir_end], name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_client_and_server_files() {
        let mut facts = ProjectFacts::default();
        facts.vite_roots.insert("web".into());
        facts
            .unverified_edge_functions
            .insert(("supabase/functions/".into(), "hook".into()));
        let f = FileFacts::of("components/Pay.tsx", "// x\n'use client';\n", &facts);
        assert!(f.is_client);
        let f = FileFacts::of("web/src/App.tsx", "", &facts);
        assert!(f.is_client);
        let f = FileFacts::of("app/api/x/route.ts", "'use client'", &facts);
        assert!(!f.is_client && f.is_server);
        let f = FileFacts::of("supabase/functions/hook/index.ts", "", &facts);
        assert_eq!(f.edge_function, Some(("hook".into(), false)));
        let f = FileFacts::of("supabase/functions/chat/index.ts", "", &facts);
        assert_eq!(f.edge_function, Some(("chat".into(), true)));
        let f = FileFacts::of("lib/db.ts", "", &facts);
        assert!(!f.is_client && !f.is_server);
    }

    #[test]
    fn translation_catalogs() {
        for p in [
            "messages/es.json",
            "frontend/apps/web/messages/pt-BR.json",
            "src/i18n/admin.ts",
            "public/locales/fr/common.json",
            "de.json",
            "config/zh_Hant.yml",
        ] {
            assert!(translation_path(p), "{p}");
        }
        for p in [
            "config/db.json",
            "messages/handler.ts",
            "settings/qa.json",
            "package.json",
            "data/id.json",
        ] {
            assert!(!translation_path(p), "{p}");
        }
    }
}
