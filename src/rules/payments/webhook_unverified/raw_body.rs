//! The note for a webhook that verifies a body already parsed as JSON: providers sign
//! the raw bytes, so `constructEvent(JSON.stringify(body), …)` fails on real events,
//! and the usual "fix" is to drop the check.

use crate::lang::syntax::Node;

use crate::facts::webhooks::VERIFIER;
use crate::flow::{Verdict, find_source};
use crate::lang::Lang;
use crate::lang::treesitter::{arguments, call_kinds, callee, text, walk_node};
use crate::rules::{FileCx, Sink};

const NOTE: &str = "the signature is checked over a body already parsed as JSON; providers sign the raw bytes, so real events fail the check (and invite removing it): verify the raw body (`await req.text()`, `express.raw()`, `request.body`)";

const MIDDLEWARE_NOTE: &str = "this route parses the body as JSON before the handler verifies its signature; providers sign the raw bytes: use `express.raw({ type: \"application/json\" })` on the webhook route";

/// Leaves a note where a verified handler hands the verifier a parsed body.
/// `registered_at` is where the route is registered (or the handler defined).
pub fn check<'t>(
    cx: &FileCx<'t>,
    handler: Node<'t>,
    middleware: &[Node<'_>],
    registered_at: usize,
    out: &mut Sink,
) {
    let src = cx.text();
    if let Some(m) = middleware.iter().find(|m| is_json_parser(text(**m, src))) {
        out.note(m.byte_range(), MIDDLEWARE_NOTE);
        return;
    }
    let kinds = call_kinds(cx.lang);
    let mut payload = None;
    walk_node(handler, |n| {
        if payload.is_some() || !kinds.contains(&n.kind_str()) {
            return;
        }
        let Some(f) = callee(n) else { return };
        let name = text(f, src);
        // constructEvent(payload, sig, secret), construct_event(...), wh.verify(payload, headers)
        let verifier = name.ends_with("constructEvent")
            || name.ends_with("constructEventAsync")
            || name.ends_with("construct_event")
            || name.ends_with(".verify");
        if verifier && VERIFIER.is_match(&format!("{name}(")) {
            payload = arguments(n).and_then(|a| payload_argument(a, src));
        }
    });
    let Some(payload) = payload else { return };
    if parsed(cx, payload, registered_at) {
        out.note(payload.byte_range(), NOTE);
    }
}

/// The payload a verifier is given: its first positional argument, or Python's
/// `payload=` / `body=` / `data=` keyword.
fn payload_argument<'t>(args: Node<'t>, src: &str) -> Option<Node<'t>> {
    let first = args.named_child(0)?;
    if first.kind_str() != "keyword_argument" {
        return Some(first);
    }
    args.named_children()
        .filter(|a| a.kind_str() == "keyword_argument")
        .find(|a| {
            a.field("name")
                .is_some_and(|n| matches!(text(n, src), "payload" | "body" | "data"))
        })
        .and_then(|a| a.field("value"))
}

fn is_json_parser(t: &str) -> bool {
    let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    t.starts_with("express.json(") || t.starts_with("bodyParser.json(") || t == "jsonParser"
}

/// Whether a payload expression is a parsed (and maybe re-serialised) JSON body,
/// followed through the function by the shared flow tracer.
fn parsed<'t>(cx: &FileCx<'t>, e: Node<'t>, registered_at: usize) -> bool {
    let src = cx.text();
    let parsed_json = |n: Node<'_>| {
        let squashed: String = text(n, src)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        match n.kind_str() {
            "call_expression" | "call" => {
                if squashed.starts_with("JSON.stringify(")
                    || squashed.starts_with("json.dumps(")
                    || squashed.ends_with(".json()")
                    || squashed.starts_with("JSON.parse(")
                    || squashed.starts_with("json.loads(")
                    || squashed.ends_with("get_json()")
                {
                    Verdict::Source
                } else {
                    Verdict::Follow
                }
            }
            "member_expression" | "attribute" => {
                let parsed_body = (cx.lang == Lang::Python && squashed == "request.json")
                    || (cx.lang != Lang::Python
                        && matches!(squashed.as_str(), "req.body" | "request.body")
                        && body_already_parsed(cx, registered_at));
                if parsed_body {
                    Verdict::Source
                } else {
                    Verdict::Stop
                }
            }
            _ => Verdict::Follow,
        }
    };
    find_source(e, &cx.index, &parsed_json).is_some()
}

/// `req.body` is parsed JSON in a Next.js pages API route that keeps the default body
/// parser, and in an Express app that installs `express.json()` before the route.
fn body_already_parsed(cx: &FileCx<'_>, registered_at: usize) -> bool {
    let src = cx.text();
    let path = cx.path.replace('\\', "/");
    if path.contains("pages/api/") {
        let squashed: String = src.chars().filter(|c| !c.is_whitespace()).collect();
        return !squashed.contains("bodyParser:false");
    }
    // the app or router the route is registered on: `app` in `app.post(...)`
    let at = registered_at.min(src.len());
    let receiver: String = src[at..]
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '$')
        .collect();
    if receiver.is_empty() {
        return false;
    }
    let squashed: String = src[..at].chars().filter(|c| !c.is_whitespace()).collect();
    squashed.contains(&format!("{receiver}.use(express.json("))
        || squashed.contains(&format!("{receiver}.use(bodyParser.json("))
}
