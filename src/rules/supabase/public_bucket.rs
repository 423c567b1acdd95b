//! `supabase/public-bucket`: storage buckets of user files made public, and storage
//! policies that let anyone at every file of a bucket.

use std::sync::LazyLock;

use regex::Regex;

use crate::facts::tenant::{Access, PolicyCommand};
use crate::lang::Lang;
use crate::rules::supabase::{databases, first_line, here, policy_any_user::trivial, squashed};
use crate::rules::{FileCx, Rule, RuleMeta, Sink};

crate::declare_rule! {
    PublicBucket {
        id: "supabase/public-bucket",
        title: "Storage bucket of user files open to everyone",
        severity: High, confidence: Medium, tier: 2, cwe: [284, 552],
        languages: [Sql, TypeScript, Tsx, JavaScript, Python],
        why: "A public bucket serves every file at `/storage/v1/object/public/<bucket>/<path>` with no sign-in and no policy: uploaded IDs, invoices, photos and reports leak to anyone who has or guesses a link, and links end up in logs, emails and browser history. A `storage.objects` policy whose only condition is the bucket lets every caller (or every signed-in user) list, download, overwrite or delete every other user's files.",
        fix: "Keep buckets of user files private (`public = false`) and hand out `createSignedUrl` links; give `storage.objects` policies an owner or folder check: `bucket_id = 'documents' and (storage.foldername(name))[1] = (select auth.uid())::text`, or `owner_id = (select auth.uid())::text`. Public buckets are for public assets only (avatars, logos, product images).",
        docs: "public_bucket.md",
    }
}

/// Words in a bucket's name that say its files are public by design.
const PUBLIC_ASSETS: [&str; 34] = [
    "avatar", "avatars", "logo", "logos", "public", "marketing", "asset", "assets", "banner",
    "banners", "cover", "covers", "thumbnail", "thumbnails", "icon", "icons", "brand",
    "branding", "static", "blog", "product", "products", "images", "image", "website",
    "og", "cms", "video", "videos", "design", "designs", "background", "backgrounds", "hero",
];

fn public_assets(bucket: &str) -> bool {
    bucket
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| PUBLIC_ASSETS.contains(&w.to_ascii_lowercase().as_str()))
}

/// `bucket_id = 'docs'`, `bucket_id in ('a', 'b')`.
static BUCKET_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r"(?:storage\.)?(?:objects\.)?bucket_id\s*(?:::text\s*)?(?:=\s*'([^']*)'|in\s*\(([^)]*)\))(?:\s*::text)?")
        .expect("regex compiles")
});
/// A constant folder of an object's path: `(storage.foldername(name))[1] = 'logos'`,
/// the folder captured.
const CONSTANT_FOLDER: &str =
    r"\(?storage\.foldername\(\s*(?:objects\.)?name\s*\)\)?\s*\[\s*\d+\s*\]\s*=\s*'([^']*)'";
/// What else a policy may ask without checking whose file it is: `and`/`or`, a constant
/// folder, any API role.
static NOT_OWNER: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(&format!(
        r"\band\b|\bor\b|{CONSTANT_FOLDER}|auth\.role\(\)\s*in\s*\([^)]*\)"
    ))
    .expect("regex compiles")
});
/// `supabase.storage.createBucket('docs', { public: true })`, `createBucket(DOCS, …)`,
/// supabase-py's `create_bucket("docs", options={"public": True})`.
static CREATE_BUCKET: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r#"\.(?:createBucket|updateBucket|create_bucket|update_bucket)\(\s*(?:['"`]([^'"`]+)['"`]|([A-Za-z_$][\w$.]*))\s*,[^;]*?(?:\bpublic\s*:\s*true\b|['"]public['"]\s*:\s*True\b|\bpublic\s*=\s*True\b)"#)
        .expect("regex compiles")
});

/// The constant folders a policy's condition pins: `(storage.foldername(name))[1] =
/// 'logos'`.
fn constant_folders(cond: &str) -> Vec<&str> {
    static FOLDER: LazyLock<Regex> =
        LazyLock::new(|| crate::lang::pattern::regex(CONSTANT_FOLDER).expect("regex compiles"));
    FOLDER
        .captures_iter(cond)
        .filter_map(|c| c.get(1).map(|m| m.as_str()))
        .collect()
}

/// The string a constant holds: `const DOCS_BUCKET = "docs"`, `DOCS = "docs"`.
fn constant(text: &str, name: &str) -> Option<String> {
    static ASSIGNED: LazyLock<Regex> = LazyLock::new(|| {
        crate::lang::pattern::regex(r#"\b(\w+)\s*(?::\s*\w+\s*)?=\s*['"`]([^'"`]+)['"`]"#).expect("regex compiles")
    });
    let name = name.rsplit('.').next().unwrap_or(name);
    ASSIGNED
        .captures_iter(text)
        .find(|c| &c[1] == name)
        .map(|c| c[2].to_string())
}

/// The buckets a policy's condition names, and whether anything beyond the bucket (and
/// that the caller is signed in) is checked.
fn only_bucket(cond: &str) -> Option<Vec<String>> {
    let mut buckets = Vec::new();
    for c in BUCKET_CLAUSE.captures_iter(cond) {
        if let Some(one) = c.get(1) {
            buckets.push(one.as_str().to_string());
        }
        if let Some(list) = c.get(2) {
            buckets.extend(
                list.as_str()
                    .split(',')
                    .map(|b| b.trim().trim_matches('\'').to_string())
                    .filter(|b| !b.is_empty()),
            );
        }
    }
    let rest = BUCKET_CLAUSE.replace_all(cond, "");
    let rest = NOT_OWNER.replace_all(&rest, "");
    (buckets.is_empty() || rest.trim().is_empty() || trivial(&rest)).then_some(buckets)
}

impl Rule for PublicBucket {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check_file(&self, cx: &FileCx<'_>, out: &mut Sink) {
        if cx.lang != Lang::Sql {
            let text = cx.text();
            if !text.contains("Bucket(") {
                return;
            }
            for c in CREATE_BUCKET.captures_iter(text) {
                let Some(all) = c.get(0) else {
                    continue;
                };
                let name = match (c.get(1), c.get(2)) {
                    (Some(lit), _) => lit.as_str().to_string(),
                    (None, Some(id)) => match constant(text, id.as_str()) {
                        Some(v) => v,
                        None => id.as_str().to_string(),
                    },
                    _ => continue,
                };
                if public_assets(&name) {
                    continue;
                }
                out.report(
                    all.start()..all.end(),
                    format!(
                        "bucket `{name}` is created public: every file in it is served to anyone at /storage/v1/object/public/{name}/<path>, with no sign-in and no policy"
                    ),
                );
            }
            return;
        }
        for db in databases(cx) {
            for b in &db.buckets {
                if !b.public || public_assets(&b.id) {
                    continue;
                }
                for at in b.at.iter().filter(|at| here(cx, at)) {
                    out.report(
                        first_line(cx, &at.range),
                        format!(
                            "bucket `{}` is public: every file in it is served to anyone at /storage/v1/object/public/{}/<path>, with no sign-in and no policy",
                            b.id, b.id
                        ),
                    );
                }
            }
            for p in &db.policies {
                if p.table != "objects" || !here(cx, &p.at) {
                    continue;
                }
                if !p.reaches_api() {
                    continue;
                }
                let roles = &p.policy.to;
                let what = match p.policy.command {
                    PolicyCommand::Insert => continue,
                    PolicyCommand::Only(Access::Read) => "list and download",
                    PolicyCommand::Only(Access::Update) => "overwrite",
                    PolicyCommand::Only(Access::Delete) => "delete",
                    PolicyCommand::All => "download, overwrite and delete",
                };
                let cond = squashed(&p.policy.cond);
                let Some(buckets) = only_bucket(&cond) else {
                    continue;
                };
                let reads = p.policy.command == PolicyCommand::Only(Access::Read);
                if reads && !buckets.is_empty() && buckets.iter().all(|b| public_assets(b)) {
                    continue;
                }
                // reads of one named folder of a bucket (`logos/`, `sample/`): a slice
                // published on purpose, the rest of the bucket kept private; a write there
                // still reaches everyone's files in it
                if reads
                    && constant_folders(&cond)
                        .iter()
                        .any(|f| !f.is_empty() && !buckets.iter().any(|b| b == f))
                {
                    continue;
                }
                let who = if roles.iter().all(|r| r == "authenticated") && !roles.is_empty()
                    || cond.contains("auth.uid() is not null")
                    || cond.contains("'authenticated'")
                {
                    "every signed-in user"
                } else {
                    "anyone with the anon key"
                };
                let whose = if buckets.is_empty() {
                    "every bucket".to_string()
                } else {
                    buckets
                        .iter()
                        .map(|b| format!("`{b}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                out.report(
                    first_line(cx, &p.at.range),
                    format!(
                        "policy \"{}\" on storage.objects checks only the bucket: {who} can {what} every file in {whose}, whoever uploaded it (no owner or folder check)",
                        p.policy.name
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{only_bucket, public_assets};

    #[test]
    fn a_policy_that_checks_only_the_bucket() {
        assert_eq!(
            only_bucket("bucket_id = 'docs' and auth.role() = 'authenticated' "),
            Some(vec!["docs".to_string()])
        );
        assert_eq!(
            only_bucket("bucket_id in ('a', 'b') "),
            Some(vec!["a".to_string(), "b".to_string()])
        );
        assert_eq!(
            only_bucket(
                "bucket_id = 'docs' and (storage.foldername(name))[1] = auth.uid()::text "
            ),
            None
        );
        assert_eq!(only_bucket("bucket_id = 'docs' and owner = auth.uid() "), None);
        assert_eq!(
            only_bucket("bucket_id = 'kid-photos' and (storage.foldername(name))[1] = 'kid-photos' "),
            Some(vec!["kid-photos".to_string()])
        );
        assert_eq!(
            only_bucket("bucket_id = 'm' and (auth.role() = 'authenticated' or auth.role() = 'anon') "),
            Some(vec!["m".to_string()])
        );
        assert_eq!(
            only_bucket("bucket_id = 'm' and (auth.uid() = owner or public.is_admin()) "),
            None
        );
        assert!(public_assets("avatars") && public_assets("company-logos"));
        let ts = r#"await admin.storage.createBucket("receipts", { public: true, fileSizeLimit: "5MB" });"#;
        assert_eq!(
            super::CREATE_BUCKET.captures(ts).and_then(|c| c.get(1)).map(|m| m.as_str()),
            Some("receipts")
        );
        let py = r#"supabase.storage.create_bucket("ids", options={"public": True})"#;
        assert!(super::CREATE_BUCKET.is_match(py));
        assert!(!public_assets("kid-photos") && !public_assets("documents"));
    }
}
