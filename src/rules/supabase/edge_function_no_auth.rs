//! `supabase/edge-function-no-auth`: an edge function the gateway lets anyone call
//! (`verify_jwt = false`) that works as the service role with no check of its own.

use std::sync::LazyLock;

use regex::Regex;

use crate::facts::edge::{OWN_CHECK, guard_options, internal_option};
use crate::facts::webhooks::call_sites;
use crate::lang::Syntax;
use crate::lang::treesitter as ts;
use crate::rules::{FileCx, Rule, RuleMeta, Sink};

crate::declare_rule! {
    EdgeFunctionNoAuth {
        id: "supabase/edge-function-no-auth",
        title: "Edge function without JWT check runs as the service role",
        severity: High, confidence: Medium, tier: 2, cwe: [306, 862],
        languages: [TypeScript, Tsx, JavaScript],
        why: "`verify_jwt = false` in `supabase/config.toml` (or `--no-verify-jwt` at deploy) turns off the gateway's token check, so anyone on the internet can call `https://<project>.supabase.co/functions/v1/<name>`. A function that then builds a client with the service-role key bypasses every row level security policy: whatever ids, emails or amounts the request names, it reads, changes or sends them for the caller.",
        fix: "Check the caller inside the function: `const { data: { user } } = await supabase.auth.getUser(token)` and act only on that user's rows; for a webhook, verify the provider's signature (`stripe.webhooks.constructEventAsync`, Twilio's `validateRequest`); for a cron job, compare a secret header with `Deno.env.get('CRON_SECRET')`. Or turn `verify_jwt` back on.",
        docs: "edge_function_no_auth.md",
    }
}

/// A client that runs as the service role: the key's name, or a helper named for it.
static SERVICE_ROLE: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r"(?i)SERVICE_ROLE|\bservice_?role_?key\b|supabaseAdmin|adminClient|createAdminClient|getServiceClient|serviceClient|getSupabaseAdmin")
        .expect("regex compiles")
});
/// Reading or changing data through the client.
static DATA: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r#"\.from\(\s*['"`]|\.rpc\(\s*['"`]|\.auth\.admin\.|\.storage\s*\.from\("#)
        .expect("regex compiles")
});
/// Functions anyone may call by design: sign-up, password reset, e-mail verification
/// codes, health checks. What they send goes to the address's own inbox.
static PUBLIC_FLOW: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r"(?i)sign-?up|register|password|forgot|verification|verify-(?:code|email|otp)|\botp\b|^health|^ping$")
        .expect("regex compiles")
});
/// Where the function starts serving: `serve(`, `Deno.serve(`, `export default`.
static SERVE: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r"\b(?:Deno\.)?serve\s*\(|export\s+default\b").expect("regex compiles")
});

impl Rule for EdgeFunctionNoAuth {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check_file(&self, cx: &FileCx<'_>, out: &mut Sink) {
        let Some((name, false)) = &cx.file.edge_function else {
            return;
        };
        if cx.file.is_test || PUBLIC_FLOW.is_match(name) {
            return;
        }
        let text = cx.text();
        let Some(serve) = SERVE.find(text) else {
            return; // a module the function imports, not its entry point
        };
        if !DATA.is_match(text) || OWN_CHECK.is_match(text) {
            return;
        }
        // the service role named here, or a client another module makes
        // (`getSupabaseClient()`): then the finding stands only when the project index
        // finds that module builds it with the service-role key
        let mut unless = Vec::new();
        if !SERVICE_ROLE.is_match(text) {
            let Some(factory) = imported_client(cx) else {
                return;
            };
            unless.push(factory);
        }
        // a shared helper that checks the caller (`handleRequest(req, …)` from
        // `_shared/requestHandler.ts`), unless this call turns its check off
        let own = match shared_helper(cx, text) {
            Helper::Checks => return,
            Helper::ToldNotTo(helper) => format!(
                "and its shared `{helper}` wrapper is told not to check the caller either"
            ),
            Helper::None => "with no check of its own (no getUser, signature or shared secret)".to_string(),
        };
        out.report(
            serve.start()..serve.end(),
            format!(
                "edge function `{name}` runs without the gateway's JWT check (`verify_jwt = false` in supabase/config.toml or `--no-verify-jwt` at deploy) and uses the service role to read or change data, {own}: anyone on the internet can call it"
            ),
        )
        .unless(unless);
    }
}

/// The factory of the client the function reads or changes data through
/// (`supabase.from("…")` after `const supabase = getSupabaseClient()`), when a helper
/// makes it: withdrawn unless that helper builds a service-role client.
fn imported_client(cx: &FileCx<'_>) -> Option<crate::finding::Condition> {
    let Syntax::TreeSitter(tree) = cx.syntax else {
        return None;
    };
    let src = cx.text();
    let mut found = None;
    ts::walk_tree(tree, |n| {
        if found.is_some() || n.kind_str() != "call_expression" {
            return;
        }
        let Some(f) = n.field("function").filter(|f| f.kind_str() == "member_expression")
        else {
            return;
        };
        if !f
            .field("property")
            .is_some_and(|p| matches!(ts::text(p, src), "from" | "rpc"))
        {
            return;
        }
        let Some(client) = f.field("object") else { return };
        if let Some(callee) = crate::flow::client_factory(client, &cx.index, src) {
            found = Some(crate::finding::Condition::ClientNotServiceRole {
                callee,
                caller: crate::lang::treesitter::enclosing_function(client)
                    .child_by_field_name("name")
                    .map(|n| ts::text(n, src).to_string()),
            });
        }
    });
    found
}

/// What the project's shared guard helpers do for the function.
enum Helper {
    /// It calls one with its check on.
    Checks,
    /// It calls one (named) only with the check turned off.
    ToldNotTo(String),
    /// It calls none.
    None,
}

/// Whether the function calls one of the project's guard helpers with its check on.
/// A wrapper that checks the caller by default can be told not to:
/// `withApiGateway(handler, { requireAuth: false })`,
/// `handleRequest(req, h, { authMode: "none" })`; such a call guards nothing unless its
/// options ask for another check (`internalOnly: true`, `requireRole: "admin"`).
fn shared_helper(cx: &FileCx<'_>, text: &str) -> Helper {
    let guards = &cx.facts.edge_guards;
    if !guards.iter().any(|g| call_sites(text, g).next().is_some()) {
        return Helper::None;
    }
    let Syntax::TreeSitter(tree) = cx.syntax else {
        return Helper::Checks; // no tree to read the options from: trust the helper
    };
    let (mut guarded, mut told_not_to) = (false, None);
    ts::walk_tree(tree, |n| {
        if guarded || n.kind_str() != "call_expression" {
            return;
        }
        let Some(name) = ts::callee(n).and_then(|c| ts::name_chain(c, text)) else {
            return;
        };
        if !guards
            .iter()
            .any(|g| g == ts::last_name_segment(&name))
        {
            return;
        }
        if ts::arguments(n).is_some_and(|args| turns_check_off(args, text)) {
            told_not_to = Some(ts::last_name_segment(&name).to_string());
        } else {
            guarded = true;
        }
    });
    match (guarded, told_not_to) {
        (true, _) => Helper::Checks,
        (false, Some(helper)) => Helper::ToldNotTo(helper),
        // named only where the tree shows no call of it
        (false, None) => Helper::None,
    }
}

/// Whether a guard call's options turn its check off and ask for no other.
fn turns_check_off(args: crate::lang::syntax::Node<'_>, text: &str) -> bool {
    // the options' keys squashed (`require_auth`, `requireAuth` → `requireauth`)
    let options = guard_options(args, text);
    let off = options.iter().any(|(key, value)| match key.as_str() {
        "requireauth" | "auth" | "authrequired" | "verifyjwt" | "requireuser" => {
            ts::is_bool(*value, false)
        }
        "skipauth" | "public" | "allowanonymous" | "anonymous" | "noauth" => {
            ts::is_bool(*value, true)
        }
        "authmode" | "mode" | "access" => ts::string_value(*value, text).is_some_and(|(v, _)| {
            matches!(
                v.to_ascii_lowercase().as_str(),
                "none" | "public" | "optional" | "anonymous"
            )
        }),
        _ => false,
    });
    let other_check = options.iter().any(|(key, value)| {
        (key.starts_with("require") && key != "requireauth" && key != "requirecompany"
            || internal_option(key)
            || key.contains("secret")
            || key.contains("signature"))
            && !ts::is_bool(*value, false)
    });
    off && !other_check
}

#[cfg(test)]
mod tests {
    use crate::facts::edge::OWN_CHECK;

    #[test]
    fn checks_of_its_own() {
        for checked in [
            "const { data: { user } } = await supabase.auth.getUser(token);",
            "const event = await stripe.webhooks.constructEventAsync(body, sig, secret);",
            "if (req.headers.get('authorization') !== `Bearer ${Deno.env.get('CRON_SECRET')}`) {",
            "if (cronSecret !== expected) return new Response('no', { status: 401 });",
            "await verifyAdmin(req);",
            "export default withApiGateway(handler, { requireAuth: true });",
            "if (!maintenanceKey || providedKey !== maintenanceKey) {",
            "const verified = await verifyUnsubscribeToken<{ email: string }>(token);",
            "const { data: order } = await admin.from('orders').select('*').eq(\"order_token\", token).single();",
        ] {
            assert!(OWN_CHECK.is_match(checked), "{checked}");
        }
        for unchecked in [
            "const { loanId } = await req.json();",
            "await supabase.from('loans').update({ status: 'closed' }).eq('id', loanId);",
            "export default withApiGateway(handler, { requireAuth: false });",
            "if (event.key === 'Escape') return;",
            "const { data } = await admin.from('loans').select('*').eq('id', loanId);",
        ] {
            assert!(!OWN_CHECK.is_match(unchecked), "{unchecked}");
        }
    }
}
