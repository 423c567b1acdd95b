//! Supabase edge functions that check their caller themselves, and the helpers in
//! `supabase/functions/_shared/` that do it for them.

use std::sync::LazyLock;

use regex::Regex;

/// A check of its own: the caller's token, a webhook signature, a shared secret, or a
/// secret the link carries looked up in the database (`.eq("order_token", token)`, a
/// one-time code). A token decoded without its signature checked is a check too, a
/// broken one: `auth/jwt-unverified` reports it.
pub static OWN_CHECK: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(
        r#"(?ix)
        auth\.getUser\s*\( | auth\.getClaims\s*\( | \bjwtVerify\s*\( | \bjwt\.verify\s*\( | \bverify\s*\(
        | constructEvent(?:Async)?\s*\( | timingSafeEqual | createHmac | subtle\.(?:verify|sign|importKey)
        | validateRequest\s*\( | x-twilio-signature | stripe-signature | svix | webhook-signature
        | requireAuth\s*:\s*true
        | \bjwtDecode\s*\( | \bdecodeJwt\s*\( | \bjwt\.decode\s*\( | atob\(\s*\w*token
        | \b(?:verify|require|authenticate|authorize|check|validate|ensure|assert)\w*(?:Auth|User|Admin|Secret|Signature|Token|Caller|Session|ApiKey|Key|Cron)\w*\s*(?:<[^()]*?>)?\s*\(
        | (?:secret|signature|\w+key|token|password)\w*\s*(?:!==|===|!=|==)\s*[\w`'"$]
        | (?:!==|===|!=|==)\s*(?:`Bearer\s+\$\{\s*)?[\w.]*(?:secret|signature|\wkey|token|password)\b
        | (?:!==|===|!=|==)\s*(?:`Bearer\s+\$\{\s*)?Deno\.env\.get\(
        | \.(?:eq|match)\(\s*['"`][\w.]*(?:token|code|secret|hash|tracking_id)['"`]
        "#,
    )
    .expect("regex compiles")
});
/// What makes a shared helper a guard: it checks the caller's token, verifies a
/// signature or compares a secret. Signing and key import alone (`subtle.sign`,
/// `createHmac` for an outgoing request) and business checks named like guards
/// (`validateAdminTransfer`) do not make one.
static GUARD_CHECK: LazyLock<crate::lang::pattern::Gated> = LazyLock::new(|| {
    crate::lang::pattern::Gated::new(
        r#"(?ix)
        auth\.getUser\s*\( | auth\.getClaims\s*\( | \bjwtVerify\s*\( | \bjwt\.verify\s*\(
        | constructEvent(?:Async)?\s*\( | timingSafeEqual | subtle\.verify\s*\(
        | validateRequest\s*\( | \bverify\w*(?:Signature|Token|Jwt|Webhook)\s*\(
        | (?:secret|signature|api_?key|token)\w*\s*(?:!==|===|!=|==)\s*[\w`$]
        | (?:!==|===|!=|==)\s*(?:`Bearer\s+\$\{\s*)?[\w.]*(?:secret|signature|api_?key|token)
        | (?:!==|===|!=|==)\s*(?:`Bearer\s+\$\{\s*)?Deno\.env\.get\(
        "#,
    )
    .expect("regex compiles")
});

/// The functions of a shared module that check the caller (`handleRequest`,
/// `requireUser`): a function that calls one checks its caller too.
pub fn guard_functions(text: &str) -> Vec<String> {
    super::webhooks::functions_holding(text, &GUARD_CHECK)
}

/// Whether a file is a module the edge functions share (`supabase/functions/_shared/`),
/// not a function of its own.
pub fn shared_module(path: &str) -> bool {
    path.contains("supabase/functions/_")
}

/// The options a guard helper is called with (`handleRequest(req, h, { authMode:
/// "none", internalOnly: true })`): each key squashed (`internal_only`, `internalOnly`
/// → `internalonly`) with its value.
pub fn guard_options<'t>(
    args: crate::lang::syntax::Node<'t>,
    src: &str,
) -> Vec<(String, crate::lang::syntax::Node<'t>)> {
    args.named_children()
        .filter(|a| a.kind_str() == "object")
        .flat_map(|o| crate::lang::treesitter::object_pairs(o, src))
        .map(|(key, _, value)| (crate::vocab::squash(&key), value))
        .collect()
}

/// Whether an option asks the helper for a check of the deployment's own callers
/// (`internalOnly: true`, `requireCronSecret: true`) rather than of a user.
pub fn internal_option(key: &str) -> bool {
    key.starts_with("internal") || key.contains("cronsecret")
}

/// The edge functions a database calls: a `net.http_post` (or `http_post`) to
/// `…/functions/v1/NAME` in a pg_cron job, a trigger or a function of the migrations.
/// The payload comes from the database, not from a user.
pub fn database_invoked(sql: &str) -> Vec<String> {
    static POST: LazyLock<Regex> = LazyLock::new(|| {
        crate::lang::pattern::regex(
            r"(?is)\bhttp_post\s*\((?:[^;]{0,600}?)/functions/v1/([A-Za-z0-9_-]+)",
        )
        .expect("regex compiles")
    });
    let mut out: Vec<String> = Vec::new();
    for c in POST.captures_iter(sql) {
        let name = c[1].to_string();
        if !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    /// A file without a guard's text is not searched: every branch has some.
    #[test]
    fn the_guard_search_has_required_text() {
        let needs = super::GUARD_CHECK.required().expect("required text");
        assert!(needs.is_match("const { data } = await supabase.auth.getUser(token)"));
        assert!(!needs.is_match("export function GET() { return Response.json([]) }"));
    }

    use super::database_invoked;

    #[test]
    fn the_database_calls_the_functions_it_posts_to() {
        let sql = "select cron.schedule('a', '* * * * *', $$ select net.http_post(url := 'https://x.supabase.co/functions/v1/notification-worker', headers := '{}'::jsonb); $$);\n\
                   create function f() returns void as $$ begin perform net.http_post(url := base_url || '/functions/v1/process-queue', body := '{}'); end $$ language plpgsql;\n\
                   -- a link in a comment is no call: https://x.supabase.co/functions/v1/public-page\n";
        assert_eq!(
            database_invoked(sql),
            ["notification-worker", "process-queue"]
        );
    }
}
