//! Gates a request handler passes before it runs that no user's request gets through:
//! the deployment's own secret, or one of the project's guard wrappers set to let in
//! only its own callers. Rules of several categories ask them (tenant filters, role
//! checks, role assignment).

use crate::lang::syntax::Node;
use crate::rules::FileCx;

/// A handler only machines call: before the query, an `if` that turns away requests
/// without the deployment's own secret. The scheduler's cron secret (`if (authHeader
/// !== \`Bearer ${process.env.CRON_SECRET}\`) return …`), a maintenance or internal
/// token compared from a header (`providedKey !== Deno.env.get("MAINTENANCE_KEY")`), or
/// a signature checked with one (`if (!verifyHmac(body, sig, process.env.JOB_SECRET))`).
/// A scheduler or a trusted dispatcher calls it, not a tenant; it works across tenants
/// by design. A presence check (`if (!process.env.X)`) is not a gate.
pub fn scheduled_job<'t>(cx: &FileCx<'t>, node: Node<'t>) -> bool {
    use crate::lang::treesitter::{text, walk_node};
    static CRON: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::lang::pattern::regex(r"(?i)cron_?secret").expect("regex compiles")
    });
    // a secret of the deployment read from its environment
    static ENV_SECRET: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::lang::pattern::regex(
            r#"(?:process\.env\.|Deno\.env\.get\(\s*["'`]|os\.environ(?:\.get)?[\[(]\s*["']|os\.getenv\(\s*["'])([A-Z][A-Z0-9_]*(?:SECRET|TOKEN|KEY)[A-Z0-9_]*)"#,
        )
        .expect("regex compiles")
    });
    static GATE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::lang::pattern::regex(r"(?i)[!=]==?|\b\w*(?:verify|compare|equal|valid)\w*\s*\(")
            .expect("regex compiles")
    });
    let secret = |t: &str| {
        CRON.is_match(t)
            || ENV_SECRET.captures_iter(t).any(|c| {
                c.get(1).is_some_and(|n| {
                    let n = n.as_str();
                    // not a key that verifies users' tokens or calls a provider
                    ![
                        "ANON",
                        "PUBLISHABLE",
                        "PUBLIC",
                        "URL",
                        "JWT",
                        "SESSION",
                        "NEXTAUTH",
                        "AUTH_SECRET",
                        "OPENAI",
                        "ANTHROPIC",
                        "GEMINI",
                        "GOOGLE",
                        "STRIPE",
                        "RESEND",
                        "SENDGRID",
                        "TWILIO",
                        "AWS",
                    ]
                    .iter()
                    .any(|w| n.contains(w))
                })
            })
    };
    if handed_to_internal_wrapper(cx, node) {
        return true;
    }
    if machine_invoked_edge_function(cx) {
        let mut file = node;
        while let Some(p) = file.parent() {
            file = p;
        }
        return !binds_one_tenant(cx, file, node);
    }
    let src = cx.text();
    // the outermost function: the handler
    let Some(func) = cx.index.enclosing_functions(node, 8).pop() else {
        return false;
    };
    if !cx
        .index
        .once_per_node("reads a deployment secret", func, || {
            secret(text(func, src))
        })
    {
        return false;
    }
    // a test of the secret: `a !== secret`, `verify(…, secret)`, or names bound to one
    // (`const ok = authHeader === \`Bearer ${cronSecret}\``, `cronSecret =
    // process.env.CRON_SECRET`), followed two bindings deep
    fn tests_secret<'t>(
        t: &str,
        at: usize,
        depth: usize,
        cx: &FileCx<'t>,
        func: Node<'t>,
        secret: &dyn Fn(&str) -> bool,
    ) -> bool {
        let bound: Vec<String> = crate::lang::words::identifiers(t)
            .filter_map(|(i, w)| {
                cx.index
                    .resolve(func, w, at + i)
                    .map(|v| text(v, cx.text()).to_string())
            })
            .collect();
        let gate = CRON.is_match(t) || GATE.is_match(t);
        (gate && (secret(t) || bound.iter().any(|v| secret(v))))
            || (depth > 0
                && bound
                    .iter()
                    .any(|v| tests_secret(v, at, depth - 1, cx, func, secret)))
    }
    let mut gated = false;
    walk_node(func, |n| {
        if !gated
            && n.kind_str() == "if_statement"
            && n.start_byte() < node.start_byte()
            && let Some(c) = n.field("condition")
        {
            // `if (!isScheduled && !isAdmin)` turns away only who is neither: each
            // alternative must be a machine's (the secret, or a scheduler's header)
            let cond = text(c, src);
            let machine = |t: &str| {
                tests_secret(t, c.start_byte(), 2, cx, func, &secret)
                    || t.to_ascii_lowercase().contains("cron")
            };
            gated = if cond.contains("&&") {
                cond.split("&&").all(machine)
            } else {
                tests_secret(cond, c.start_byte(), 2, cx, func, &secret)
            };
        }
    });
    gated
}

/// A Supabase edge function that machines call, and never asks which user calls it: a
/// schedule in `config.toml`, or the database (a pg_cron job or a trigger that
/// `net.http_post`s to it). One that also reads a user's session (`auth.getUser`)
/// serves users too; one that binds one tenant's id first works for that tenant (see
/// [`binds_one_tenant`]). Whether anyone else can call it is `supabase/edge-function-no-auth`'s
/// question.
fn machine_invoked_edge_function(cx: &FileCx<'_>) -> bool {
    let scheduled = &cx.facts.scheduled_edge_functions;
    if scheduled.is_empty() {
        return false;
    }
    let Some((_, name)) = crate::facts::client::edge_function(cx.path) else {
        return false;
    };
    scheduled.contains(name)
        && cx.index.once_per_file("asks for the user", || {
            let t = cx.text();
            !(t.contains("getUser") || t.contains("getClaims") || t.contains("auth.uid"))
        })
}

/// Code in a handler handed to one of the project's guard wrappers with options that
/// let in only the deployment's own callers: `handleRequest(req, async (ctx) => {…},
/// { internalOnly: true })`, `{ requireCronSecret: true }`. The wrapper turns away
/// every other caller before the handler runs.
fn handed_to_internal_wrapper<'t>(cx: &FileCx<'t>, node: Node<'t>) -> bool {
    use crate::facts::edge::{guard_options, internal_option};
    use crate::lang::treesitter as ts;
    let guards = &cx.facts.edge_guards;
    if guards.is_empty() {
        return false;
    }
    let src = cx.text();
    let mut at = node;
    while let Some(p) = at.parent() {
        if p.kind_str() == "arguments"
            && matches!(
                at.kind_str(),
                "arrow_function" | "function_expression" | "function"
            )
            && let Some(call) = p.parent().filter(|c| c.kind_str() == "call_expression")
            && ts::callee(call)
                .and_then(|c| ts::name_chain(c, src))
                .is_some_and(|name| guards.contains(ts::last_name_segment(&name)))
        {
            let internal = guard_options(p, src)
                .iter()
                .any(|(key, value)| internal_option(key) && ts::is_bool(*value, true));
            return internal && !binds_one_tenant(cx, at, node);
        }
        at = p;
    }
    false
}

/// Whether a job has bound the id of one tenant before `query` (`const companyId =
/// config.company_id`, `const { company_id } = config`): it works for that tenant from there on, so a query that leaves
/// the tenant out mixes in every other tenant's rows. Not a tenant read off any one row
/// of the job's own data (`const { data: sample } = await db.from("leads").select(
/// "company_id").eq("source", "odoo_sync").limit(1).single(); const companyId =
/// sample.company_id`): the job takes all of that data for one tenant's, and works on
/// it whole.
fn binds_one_tenant<'t>(cx: &FileCx<'t>, job: Node<'t>, query: Node<'t>) -> bool {
    use crate::vocab::squash;
    let fields = tenant_keys(cx);
    let src = cx.text();
    job.descendants()
        .take_while(|n| n.start_byte() < query.start_byte())
        .any(|n| {
            // `const companyId = …`, or `const { company_id } = …`
            let name = match n.kind_str() {
                "variable_declarator" => n.field("name").filter(|m| m.kind_str() == "identifier"),
                "shorthand_property_identifier_pattern" => Some(n),
                _ => None,
            };
            name.is_some_and(|name| {
                fields.contains(&squash(crate::lang::treesitter::text(name, src)))
            }) && !from_a_sample_row(cx, job, n)
        })
}

/// The names the project's tenant columns go by, squashed (`companyid` for `company_id`
/// and `companyId`): every tenant-scoped model's field and column.
pub fn tenant_keys(cx: &FileCx<'_>) -> std::collections::BTreeSet<String> {
    use crate::vocab::squash;
    cx.facts
        .data
        .models
        .iter()
        .filter_map(|m| m.tenant.as_ref())
        .flat_map(|t| [squash(&t.field), squash(&t.column)])
        .collect()
}

/// Whether the tenant a job binds at `binding` (a declarator, or a name of a
/// destructuring) comes from the first row of a query that asks for any one row
/// (`.limit(1)`): `sample.company_id`, `sample?.company_id`, or `const { company_id } =
/// sample`.
fn from_a_sample_row<'t>(cx: &FileCx<'t>, job: Node<'t>, binding: Node<'t>) -> bool {
    use crate::lang::treesitter as ts;
    let src = cx.text();
    let declarator = if binding.kind_str() == "variable_declarator" {
        Some(binding)
    } else {
        std::iter::successors(binding.parent(), |a| a.parent())
            .take(3)
            .find(|a| a.kind_str() == "variable_declarator")
    };
    let Some(value) = declarator.and_then(|d| d.field("value")) else {
        return false;
    };
    let row = match value.kind_str() {
        "member_expression" => value.field("object"),
        "identifier" => Some(value),
        _ => None,
    };
    let Some(row) = row.filter(|r| r.kind_str() == "identifier") else {
        return false;
    };
    let sampled = |n: Node<'t>| {
        let t = ts::text(n, src);
        t.contains(".limit(1)") && t.contains(".from(")
    };
    cx.index
        .resolve(job, ts::text(row, src), value.start_byte())
        .is_some_and(sampled)
}
