//! Webhook signature verification: the calls that verify a provider's signature, and
//! the repository's own helpers that contain one (so a handler that calls
//! `verifyStripeEvent(req)` from another file counts as verified).

use std::sync::LazyLock;

use regex::Regex;

use crate::lang::pattern::Gated;

/// A call that verifies a webhook's signature (or computes the HMAC to compare).
pub static VERIFIER: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        r"(?x)
        constructEvent(?:Async)?\s*\(          # stripe-node
      | construct_event\s*\(                  # stripe-python, async-stripe (Webhook::construct_event)
      | \bWebhook\s*\.\s*construct_event
      | \.\s*verify(?:AndReceive|Signature|Webhook)?\s*\(   # svix, standard-webhooks, @octokit/webhooks
      | \bverify_?(?:webhook|signature|request_signature|stripe)\w*\s*\(
      | \bvalidate_?(?:webhook|signature|request)\w*\s*\(
      | \bvalidate(?:Webhook|Signature)\w*\s*\(
      | (?i:twilio)\w*\s*\??\.\s*validate(?:Express)?Request\w*\s*\(   # twilio.validateRequest(WithBody)
      | /verify-webhook-signature\b           # PayPal's verification API
      | \bverify(?:Webhook|Signature|RequestSignature|StripeEvent)\w*\s*\(
      | \bverify[A-Z]\w*?(?:Signature|Webhook|Hmac|HMAC)\w*\s*\(   # verifyStripeSignature(), verifyWCSignature()
      | \bconstantTimeEqual\s*\(
      | timingSafeEqual\s*\(
      | compare_digest\s*\(
      | constant_time_eq
      | verify_slice\s*\(
      | createHmac\s*\(
      | \bhmac\s*\.\s*new\s*\(
      | Hmac::<
      | unmarshal\s*\(                        # paddle.webhooks.unmarshal
      | isSignatureValid\s*\(
      ",
    )
    .expect("regex compiles")
});

static FUNCTION_NAME: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(
        r"(?m)(?:function\s+(\w+)|(?:const|let|var)\s+(\w+)\s*=\s*(?:async\s*)?(?:\([^)]*\)|\w+)\s*=>|^\s*(?:async\s+)?def\s+(\w+)|\bfn\s+(\w+)|^\s*(?:public\s+|private\s+|protected\s+|static\s+|async\s+)*(\w+)\s*\([^)]*\)\s*(?::[^{]+)?\{)",
    )
    .expect("regex compiles")
});

/// Python route registrations on a webhook path, naming a view defined elsewhere:
/// Django `path("webhooks/stripe/", views.stripe_events)` (`re_path`, `url`, class-based
/// `Hook.as_view()`), Flask `add_url_rule("/webhooks/x", view_func=handler)`.
static PY_WEBHOOK_ROUTE: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(
        r#"(?x)
        (?-u:\b)(?:re_path|path|url|add_url_rule)\s*\(\s*r?["'][^"'\n]*webhook[^"'\n]*["']\s*,
        \s*(?:view_func\s*=\s*)?(?:\w+\.)*?(\w+)\s*(?:\.as_view\s*\(|[,)])
        "#,
    )
    .expect("regex compiles")
});

/// Names of the Python views and view classes a file registers on webhook paths.
pub fn python_webhook_routes(text: &str) -> Vec<String> {
    PY_WEBHOOK_ROUTE
        .captures_iter(text)
        .map(|c| c[1].to_string())
        .collect()
}

/// The function declarations of a text, found once: (where each ends, its name), in
/// order. The nearest declaration before an offset is the last one ending at or before
/// it, found by binary search instead of searching the text up to each offset again.
struct Heads<'t>(Vec<(usize, &'t str)>);

impl<'t> Heads<'t> {
    fn of(text: &'t str) -> Self {
        Heads(
            FUNCTION_NAME
                .captures_iter(text)
                .filter_map(|c| {
                    let end = c.get(0)?.end();
                    (1..=5).find_map(|i| c.get(i)).map(|g| (end, g.as_str()))
                })
                // `if (x) {` and `} catch (e) {` open a block, not a function
                .filter(|(_, name)| !is_keyword(name))
                .collect(),
        )
    }

    /// The function declared last before `at`, unless its braced body closes before
    /// `at` (a helper declared above an anonymous handler, `serve(async (req) => {…})`,
    /// does not hold what the handler calls).
    fn before(&self, text: &str, at: usize) -> Option<&'t str> {
        let i = self.0.partition_point(|(end, _)| *end <= at);
        let (end, name) = self.0[i.checked_sub(1)?];
        (!closes_before(text, end, at)).then_some(name)
    }
}

/// Names of the functions in a file whose body holds a verifier call: the nearest
/// function declared before each verifier.
pub fn verifier_functions(text: &str) -> Vec<String> {
    functions_holding(text, &VERIFIER)
}

/// Names of the functions in a file whose body holds a match of `re`: the nearest
/// function declared before each match.
pub fn functions_holding(text: &str, re: &Gated) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut heads = None;
    for m in re.find_iter(text) {
        let heads = heads.get_or_insert_with(|| Heads::of(text));
        if let Some(n) = heads.before(text, m.start())
            && !is_generic(n)
            && !out.iter().any(|o| o == n)
        {
            out.push(n.to_string());
        }
    }
    out
}

/// Whether the block a function head opens (`function f(…) {`, `const f = (…) => {`)
/// ends before `at`, braces counted from the body's opening brace, the one after the
/// parameter list. A head that opens no brace (Python's `def f():`, an arrow with an
/// expression body) is taken to reach on.
fn closes_before(text: &str, head_end: usize, at: usize) -> bool {
    let bytes = text.as_bytes();
    let mut parens = 0usize;
    let mut open = None;
    let mut i = head_end;
    // the head regex ends after `=>` or `{` (a method) or after a function's name
    if text[..head_end].ends_with('{') {
        open = Some(head_end - 1);
    }
    while open.is_none() && i < at {
        match bytes[i] {
            b'(' => parens += 1,
            b')' => parens = parens.saturating_sub(1),
            b'{' if parens == 0 => open = Some(i),
            // `def f():`, `=> value;`: no braced body; a TS return type (`): T {`) goes
            // on to its brace on the same line
            b';' | b':' | b'\n'
                if parens == 0
                    && i > head_end
                    && text[head_end..i].contains(')')
                    && (bytes[i] != b':'
                        || text[i..].lines().next().is_none_or(|l| !l.contains('{'))) =>
            {
                return false;
            }
            _ => {}
        }
        i += 1;
    }
    let Some(open) = open else {
        return false;
    };
    let mut depth = 0usize;
    for (k, b) in bytes[open..at].iter().enumerate() {
        match b {
            b'{' => depth += 1,
            b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return open + k < at;
                }
            }
            _ => {}
        }
    }
    false
}

/// Byte offsets where `name` is called in `text`: `name(`, or queued as a task
/// (`name.delay(`, `name.apply_async(`, `name.send(`, `name.defer(`).
pub fn call_sites<'a>(text: &'a str, name: &'a str) -> impl Iterator<Item = usize> + 'a {
    text.match_indices(name).filter_map(move |(start, _)| {
        let before_ok = text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '$'));
        (before_ok && is_call(text, start, name)).then_some(start)
    })
}

/// Whether `name` at `start` is where a function is defined rather than called:
/// `fn name(`, `def name(`, `function name(`, a method `async name(req) {`.
fn is_definition(text: &str, start: usize, name: &str) -> bool {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let head = text[line_start..start].trim();
    let keyword = head
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("");
    if matches!(keyword, "fn" | "def" | "function" | "function*") {
        return true;
    }
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = text[start + name.len()..line_end].trim_end();
    let method_head = head.is_empty()
        || head.split_whitespace().all(|w| {
            matches!(
                w,
                "async" | "static" | "public" | "private" | "protected" | "pub"
            )
        });
    method_head && line.ends_with('{') && !line.contains("=>")
}

/// Names of the functions in a file that call one of `known` (see [`call_sites`]),
/// attributed like [`verifier_functions`]: a handler that hands the payload to a
/// verifying function is verified.
pub fn callers_of(text: &str, known: &std::collections::BTreeSet<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut heads = None;
    // each identifier of the text once, instead of a search of the text per known name
    for (start, name) in crate::lang::words::identifiers(text) {
        if !known.contains(name) || !is_call(text, start, name) {
            continue;
        }
        let heads = heads.get_or_insert_with(|| Heads::of(text));
        if let Some(n) = heads.before(text, start)
            && n != name
            && !is_generic(n)
            && !out.iter().any(|o| o == n)
        {
            out.push(n.to_string());
        }
    }
    out
}

/// Whether `name` at `start` is called (`name(`) or queued as a task (`name.delay(`,
/// `name.apply_async(`, `name.send(`, `name.defer(`), not defined there.
fn is_call(text: &str, start: usize, name: &str) -> bool {
    let rest = &text[start + name.len()..];
    let called = rest.starts_with('(')
        || [".delay(", ".apply_async(", ".send(", ".defer("]
            .iter()
            .any(|q| rest.starts_with(q));
    called && !is_definition(text, start, name)
}

/// Words that open a block the way a method head does: `if (…) {`, `for (…) {`.
fn is_keyword(n: &str) -> bool {
    matches!(
        n,
        "if" | "for" | "while" | "switch" | "catch" | "with" | "return" | "await" | "elif"
    )
}

/// Names too common to stand for one helper across the project.
fn is_generic(n: &str) -> bool {
    matches!(
        n,
        "function"
            | "POST"
            | "GET"
            | "PUT"
            | "handler"
            | "default"
            | "main"
            | "webhook"
            | "index"
            | "post"
            | "get"
            | "put"
            | "patch"
            | "delete"
            | "dispatch"
            | "handle"
            | "call"
            | "run"
            | "execute"
            | "verify"
            | "process"
            | "constructor"
            | "__init__"
            | "__call__"
    )
}

#[cfg(test)]
mod tests {
    /// A file without a verifier's text is not searched: every branch has some.
    #[test]
    fn the_verifier_search_has_required_text() {
        let needs = super::VERIFIER.required().expect("required text");
        assert!(needs.is_match("stripe.webhooks.constructEvent(body, sig, secret)"));
        assert!(!needs.is_match("export function GET() { return Response.json([]) }"));
    }

    #[test]
    fn finds_helpers_that_verify() {
        let src = "export async function verifyStripeEvent(req: Request) {\n  const sig = req.headers.get('stripe-signature');\n  return stripe.webhooks.constructEvent(await req.text(), sig, secret);\n}\nconst other = () => 1;\n";
        assert_eq!(super::verifier_functions(src), vec!["verifyStripeEvent"]);
        let py = "def check(request):\n    expected = hmac.new(key, body, sha256).hexdigest()\n    return hmac.compare_digest(expected, sig)\n";
        assert_eq!(super::verifier_functions(py), vec!["check"]);
        // a verifier inside an `if` block belongs to the function around the block
        let nested = "export async function handleHook(req: Request) {\n  if (req.method === 'POST') {\n    return stripe.webhooks.constructEvent(body, sig, secret);\n  }\n}\n";
        assert_eq!(super::verifier_functions(nested), vec!["handleHook"]);
    }

    #[test]
    fn finds_callers_of_verifiers() {
        let known = ["check_signature".to_string()].into_iter().collect();
        let tasks = "def process_event(event_id):\n    event = load(event_id)\n    check_signature(event)\n\ndef unrelated():\n    my_check_signature(1)\n";
        assert_eq!(super::callers_of(tasks, &known), vec!["process_event"]);
        let known = ["process_event".to_string()].into_iter().collect();
        let view =
            "def stripe_hook(request):\n    e = store(request)\n    process_event.delay(e.id)\n";
        assert_eq!(super::callers_of(view, &known), vec!["stripe_hook"]);
    }

    #[test]
    fn finds_python_webhook_routes() {
        let urls = "urlpatterns = [\n    path(\"webhooks/lemon/\", views.lemon_events, name=\"lemon\"),\n    re_path(r\"^webhook/paddle/$\", billing.views.PaddleHook.as_view()),\n    path(\"billing/\", views.billing),\n]\napp.add_url_rule(\"/webhooks/gh\", view_func=on_github, methods=[\"POST\"])\n";
        assert_eq!(
            super::python_webhook_routes(urls),
            vec!["lemon_events", "PaddleHook", "on_github"]
        );
    }
}
