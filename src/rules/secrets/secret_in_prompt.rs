//! `secrets/secret-in-prompt`: an env secret or credential written into a prompt.
use crate::lang::syntax::Node;

use crate::flow::model::{PROMPT_KINDS, prompt_values};
use crate::flow::rust::is_secret_env_name;
use crate::flow::{Verdict, find_source};
use crate::lang::treesitter::{arguments, callee, string_value, text};
use crate::lang::{Lang, Syntax};
use crate::rules::{FileCx, Rule, RuleMeta, Sink};
use crate::vocab::secret_name;

crate::declare_rule! {
    SecretInPrompt {
        id: "secrets/secret-in-prompt",
        title: "Secret written into an LLM prompt",
        severity: High, confidence: Medium, tier: 2, cwe: [200, 522],
        languages: [TypeScript, Tsx, JavaScript, Python, Rust],
        why: "Prompts leave your servers: they are stored by the model provider, logged by tracing tools, and a user can ask the model to repeat them. A key in a prompt is a published key.",
        fix: "Keep secrets in server code: let a tool call the API with the key, and give the model only the results it needs.",
        docs: "secret_in_prompt.md",
        skip: [test],
    }
}

const MESSAGE: &str =
    "a secret is written into an LLM prompt: the provider stores it and the model can repeat it";

/// Env reads of secret-named variables, and variables named like secrets.
fn classify(n: Node<'_>, src: &str) -> Verdict {
    let env_name = |t: &str| -> Option<String> {
        // every form below names the environment; most member expressions do not
        if !t.contains("env") {
            return None;
        }
        let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
        for prefix in [
            "process.env.",
            "import.meta.env.",
            "Deno.env.get(",
            "os.environ[",
            "os.environ.get(",
            "os.getenv(",
            "env(",
        ] {
            if let Some(rest) = t.strip_prefix(prefix) {
                let name: String = rest
                    .trim_start_matches(['"', '\''])
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                return Some(name);
            }
        }
        None
    };
    match n.kind_str() {
        "member_expression" | "subscript" | "subscript_expression" => {
            match env_name(text(n, src)) {
                Some(name) if is_secret_env_name(&name) => Verdict::Source,
                Some(_) => Verdict::Stop,
                None => Verdict::Follow,
            }
        }
        "call_expression" | "call" => {
            let name = callee(n).map(|f| text(f, src)).unwrap_or("");
            if matches!(
                name,
                "os.getenv" | "os.environ.get" | "Deno.env.get" | "env"
            ) {
                let key = arguments(n)
                    .and_then(|a| a.named_child(0))
                    .and_then(|a| string_value(a, src))
                    .map(|(k, _)| k)
                    .unwrap_or_default();
                return if is_secret_env_name(&key) {
                    Verdict::Source
                } else {
                    Verdict::Stop
                };
            }
            Verdict::Follow
        }
        "identifier" | "shorthand_property_identifier" => {
            let t = text(n, src);
            if secret_name(t).is_some() {
                Verdict::Source
            } else {
                Verdict::Follow
            }
        }
        _ => Verdict::Follow,
    }
}

impl Rule for SecretInPrompt {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn node_kinds(&self, _lang: Lang) -> &'static [&'static str] {
        PROMPT_KINDS
    }

    fn check_node<'a>(&self, cx: &FileCx<'a>, node: Node<'a>, out: &mut Sink) {
        let src = cx.text();
        for (_, value) in prompt_values(node, src) {
            if let Some(s) = find_source(value, &cx.index, &|n| classify(n, src)) {
                // on the secret when it is written in the prompt itself, else on the prompt
                let inside = value.byte_range().contains(&s.start_byte());
                out.report(
                    if inside {
                        s.byte_range()
                    } else {
                        value.byte_range()
                    },
                    MESSAGE,
                );
            }
        }
    }

    fn check_file(&self, cx: &FileCx<'_>, out: &mut Sink) {
        let Syntax::Rust(file) = cx.syntax else {
            return;
        };
        for p in crate::flow::rust::prompts(cx.src, file) {
            if p.secret {
                out.report(p.range, MESSAGE);
            }
        }
    }
}
