//! `web/public-object-acl`: objects or buckets made public, and signed URLs that live
//! longer than a week.

use crate::lang::syntax::Node;

use crate::lang::Lang;
use crate::lang::treesitter::{
    arguments, callee, entry, key_text, string_value, text,
};
use crate::rules::{FileCx, Rule, RuleMeta, Sink};

crate::declare_rule! {
    PublicObjectAcl {
        id: "web/public-object-acl",
        title: "Public object storage",
        severity: Medium, confidence: Medium, tier: 2, cwe: [732, 552],
        languages: [TypeScript, Tsx, JavaScript, Python],
        why: "A public-read object or bucket is readable by anyone who has or guesses its URL, and a signed URL valid for weeks is a public link that keeps working after the user's access ends.",
        fix: "Keep buckets and objects private and hand out short-lived signed URLs (minutes to hours, at most 7 days) after checking the user's access; serve truly public assets from a bucket that holds nothing else.",
        docs: "public_object_acl.md",
        skip: [test],
    }
}

/// The longest a signed URL should live: 7 days, AWS's own maximum for SigV4.
const MAX_SECONDS: i64 = 7 * 24 * 60 * 60;

const ACL_KEYS: &[&str] = &[
    "ACL",
    "acl",
    "default_acl",
    "CannedACL",
    "x-amz-acl",
    "predefinedAcl",
];
const EXPIRY_KEYS: &[&str] = &[
    "expiresIn",
    "ExpiresIn",
    "expires_in",
    "expiration",
    "querystring_expire",
];

impl Rule for PublicObjectAcl {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn node_kinds(&self, lang: Lang) -> &'static [&'static str] {
        if lang == Lang::Python {
            &["keyword_argument", "pair", "call", "assignment"]
        } else {
            &["pair", "call_expression"]
        }
    }

    fn check_node<'a>(&self, cx: &FileCx<'a>, n: Node<'a>, out: &mut Sink) {
        let src = cx.text();
        match n.kind_str() {
            "pair" | "keyword_argument" => {
                let Some((k, v)) = entry(n) else { return };
                let key = key_text(k, src);
                if ACL_KEYS.contains(&key.as_str())
                    && let Some((acl, _)) = string_value(v, src)
                    && matches!(
                        acl.as_str(),
                        "public-read" | "public-read-write" | "publicRead" | "authenticated-read"
                    )
                {
                    out.report(
                        n.byte_range(),
                        format!("`{acl}` makes the object readable by anyone with its URL"),
                    );
                    return;
                }
                if EXPIRY_KEYS.contains(&key.as_str())
                    && (key == "querystring_expire" || in_signed_url_call(n, src))
                    && let Some(secs) = seconds(v, src)
                    && secs > MAX_SECONDS
                {
                    out.report(n.byte_range(), too_long(secs));
                }
            }
            "call_expression" | "call" => {
                let Some(f) = callee(n) else { return };
                let name = text(f, src);
                let last = name.rsplit('.').next().unwrap_or(name);
                let Some(args) = arguments(n) else { return };
                let kids: Vec<Node<'_>> = args.named_children().collect();
                match last {
                    // Supabase: createSignedUrl(path, seconds), createSignedUrls(paths, seconds)
                    "createSignedUrl" | "createSignedUrls" | "create_signed_url"
                    | "create_signed_urls" => {
                        if let Some(secs) = kids.get(1).and_then(|v| seconds(*v, src))
                            && secs > MAX_SECONDS
                        {
                            out.report(n.byte_range(), too_long(secs));
                        }
                    }
                    _ => {}
                }
            }
            // Django: AWS_DEFAULT_ACL = "public-read", AWS_QUERYSTRING_EXPIRE = 2592000
            "assignment" => {
                let (Some(l), Some(r)) = (n.field("left"), n.field("right")) else {
                    return;
                };
                match text(l, src) {
                    "AWS_DEFAULT_ACL" | "GS_DEFAULT_ACL"
                        if string_value(r, src).is_some_and(|(v, _)| v.starts_with("public")) =>
                    {
                        out.report(
                            n.byte_range(),
                            "every uploaded file is made readable by anyone with its URL",
                        );
                    }
                    "AWS_QUERYSTRING_EXPIRE" | "GS_EXPIRATION" => {
                        if let Some(secs) = seconds(r, src)
                            && secs > MAX_SECONDS
                        {
                            out.report(n.byte_range(), too_long(secs));
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
}

fn too_long(secs: i64) -> String {
    format!(
        "this signed URL stays valid for {} days: anyone it reaches can use it long after access should end",
        secs / 86_400
    )
}

/// Whether a pair is an option of a presigned-URL call: `getSignedUrl(...)`,
/// `generate_presigned_url(...)`, `createPresignedPost(...)`.
fn in_signed_url_call(pair: Node<'_>, src: &str) -> bool {
    let mut up = pair.parent();
    while let Some(p) = up {
        if matches!(p.kind_str(), "call_expression" | "call") {
            let name = callee(p)
                .map(|f| text(f, src).to_ascii_lowercase())
                .unwrap_or_default();
            let last = name.rsplit('.').next().unwrap_or(&name).replace('_', "");
            if last.contains("signedurl") || last.contains("presign") {
                return true;
            }
        }
        if crate::lang::treesitter::is_function(p) {
            return false;
        }
        up = p.parent();
    }
    false
}

/// A number of seconds written as integer arithmetic: `60 * 60 * 24 * 30`, `2592000`.
fn seconds(v: Node<'_>, src: &str) -> Option<i64> {
    match v.kind_str() {
        "number" | "integer" => text(v, src).replace('_', "").parse().ok(),
        "parenthesized_expression" => v.named_child(0).and_then(|c| seconds(c, src)),
        "binary_expression" | "binary_operator" => {
            let l = seconds(v.field("left")?, src)?;
            let r = seconds(v.field("right")?, src)?;
            let op = v.field("operator").map(|o| text(o, src))?;
            match op {
                "*" => l.checked_mul(r),
                "+" => l.checked_add(r),
                "-" => l.checked_sub(r),
                _ => None,
            }
        }
        _ => None,
    }
}
