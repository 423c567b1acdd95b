//! LLM SDK calls, as data: which calls ask a model, which values are its output, and
//! where a call's system prompt and messages are. Covers OpenAI (chat completions,
//! responses), Anthropic (messages), the Vercel AI SDK (`generateText`, `streamText`),
//! Google GenAI (`generateContent`, `generate_content`), LangChain and LlamaIndex
//! (`invoke`, `predict`, `complete`, `chat` on a model object), JS and Python.

use crate::lang::syntax::Node;
use crate::lang::words::without_whitespace;

use super::Verdict;
use crate::lang::treesitter::{
    arguments, callee, entry, key_text, member_name, object_pairs, string_value, text, walk_node,
};

/// Calls whose result is the model's output.
const MODEL_METHODS: &[&str] = &[
    "chat.completions.create",
    "completions.create",
    "responses.create",
    "messages.create",
    "messages.stream",
    "generate_content",
    "generateContent",
    "generateContentStream",
    "generate_content_stream",
    "chat.complete",
];

/// Top-level AI SDK functions whose result is model text.
const MODEL_FUNCTIONS: &[&str] = &["generateText", "streamText"];

/// Methods that ask a model when called on a model-like object (`llm.invoke(...)`,
/// `chain.invoke(...)`, `model.predict(...)`, `llm.complete(...)`).
const MODEL_OBJECT_METHODS: &[&str] = &[
    "invoke",
    "ainvoke",
    "predict",
    "apredict",
    "complete",
    "acomplete",
    "chat",
    "achat",
    "call",
    "acall",
    "run",
    "arun",
    "query",
    "aquery",
];

/// Words in a receiver's name that mark it as a model, chain or agent.
const MODEL_OBJECT_WORDS: &[&str] = &[
    "llm",
    "model",
    "chain",
    "agent",
    "chat",
    "gpt",
    "claude",
    "gemini",
    "openai",
    "anthropic",
    "ollama",
    "llama",
    "mistral",
    "groq",
    "query_engine",
    "chat_engine",
    "runnable",
    "executor",
];

/// Calls that validate a value against a schema: their result is trusted data.
const VALIDATORS: &[&str] = &[
    "parse",
    "safeParse",
    "parseAsync",
    "model_validate",
    "model_validate_json",
    "parse_raw",
    "parse_obj",
    "validate_python",
    "validate_json",
    "literal_eval",
];

/// The LangChain message classes [`prompt_values`] reads, and the part of the
/// conversation each holds.
const ROLE_CLASSES: &[(&str, Role)] = &[
    ("SystemMessage", Role::System),
    ("SystemMessagePromptTemplate", Role::System),
    ("HumanMessage", Role::Message),
    ("AIMessage", Role::Message),
    ("HumanMessagePromptTemplate", Role::Message),
    ("ChatMessage", Role::Message),
];

/// The role of a LangChain message class, by its name.
fn role_class(name: &str) -> Option<Role> {
    ROLE_CLASSES
        .iter()
        .find(|(class, _)| *class == name)
        .map(|&(_, role)| role)
}

/// Whether a method's name is the last part of a model call's name (`create` of
/// `chat.completions.create`, `invoke`): a callee ending in another method is no
/// model call, whatever its receiver.
fn model_method_name(method: &str) -> bool {
    static LAST: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
        MODEL_METHODS
            .iter()
            .chain(MODEL_FUNCTIONS)
            .map(|m| m.rsplit('.').next().unwrap_or(m))
            .chain(MODEL_OBJECT_METHODS.iter().copied())
            .collect()
    });
    LAST.contains(&method)
}

/// Whether a call asks a model and returns its output.
pub fn is_model_call(call: Node<'_>, src: &str) -> bool {
    let Some(f) = callee(call) else {
        return false;
    };
    match member_name(f, src) {
        Some(m) if !model_method_name(m) => false,
        _ => model_callee(&without_whitespace(text(f, src))),
    }
}

/// Whether a callee's name, whitespace left out, is that of a model call.
fn model_callee(c: &str) -> bool {
    let c = c.trim_start_matches("await");
    // `m` itself or `….m`, without building `.m` for every call in the file
    let named = |m: &str| {
        c.strip_suffix(m)
            .is_some_and(|head| head.is_empty() || head.ends_with('.'))
    };
    if MODEL_METHODS.iter().any(|m| named(m)) || MODEL_FUNCTIONS.iter().any(|m| named(m)) {
        return true;
    }
    let Some((receiver, method)) = c.rsplit_once('.') else {
        return false;
    };
    if !MODEL_OBJECT_METHODS.contains(&method) {
        return false;
    }
    let r = receiver.to_ascii_lowercase();
    let last = r.rsplit('.').next().unwrap_or(&r);
    MODEL_OBJECT_WORDS.iter().any(|w| last.contains(w))
        // ChatOpenAI(...).invoke(...), (prompt | llm).invoke(...)
        || (receiver.contains('(') || receiver.contains('|'))
            && MODEL_OBJECT_WORDS.iter().any(|w| r.contains(w))
}

/// The model-output classifier for [`super::find_source`]: model calls, the arguments
/// of a tool call and a chat's assistant messages are sources, schema validation ends
/// the trace.
pub fn classify_output(n: Node<'_>, src: &str) -> Verdict {
    if matches!(n.kind_str(), "member_expression" | "attribute") && tool_call_arguments(n, src) {
        return Verdict::Source;
    }
    if matches!(n.kind_str(), "object" | "dictionary") && assistant_message(n, src) {
        return Verdict::Source;
    }
    if !matches!(n.kind_str(), "call_expression" | "call") {
        return Verdict::Follow;
    }
    if is_model_call(n, src) {
        return Verdict::Source;
    }
    let name = callee(n)
        .map(|f| without_whitespace(text(f, src)))
        .unwrap_or_default();
    let method = name.rsplit('.').next().unwrap_or(&name);
    // `JSON.parse` reads text into objects and checks nothing
    if VALIDATORS.contains(&method) && name != "JSON.parse" {
        return Verdict::Stop;
    }
    Verdict::Follow
}

/// A message of the model's side of a conversation, as apps keep their chat history:
/// `{ role: "assistant", content: data.reply }`. Its content is what the model wrote.
fn assistant_message(n: Node<'_>, src: &str) -> bool {
    n.named_children().filter_map(entry).any(|(k, v)| {
        key_text(k, src) == "role"
            && string_value(v, src).is_some_and(|(role, _)| role == "assistant")
    })
}

/// The arguments a model chose for a tool call, as the SDKs hand them over:
/// `toolCall.function.arguments` (OpenAI), `part.functionCall.args` (Gemini),
/// `toolCall.args` (the AI SDK, LangChain), `toolUse.input` / `tool_use.input`
/// (Anthropic), `call.function_call.arguments`.
fn tool_call_arguments(n: Node<'_>, src: &str) -> bool {
    let t = without_whitespace(text(n, src)).replace("?.", ".");
    let Some((object, field)) = t.rsplit_once('.') else {
        return false;
    };
    let owner = object
        .rsplit('.')
        .next()
        .unwrap_or(object)
        .to_ascii_lowercase();
    let tool = [
        "toolcall",
        "tool_call",
        "tooluse",
        "tool_use",
        "functioncall",
        "function_call",
    ]
    .iter()
    .any(|w| owner.contains(w));
    match field {
        "arguments" => tool || owner == "function",
        "args" | "input" => tool,
        _ => false,
    }
}

/// Which part of a conversation a prompt value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The system prompt / instructions: the developer's voice.
    System,
    /// A user (or assistant) message, or a plain prompt.
    Message,
}

/// Keys of a model call's options that hold the system prompt.
const SYSTEM_KEYS: &[&str] = &[
    "system",
    "instructions",
    "systemInstruction",
    "system_instruction",
    "system_prompt",
    "systemPrompt",
    "preamble",
];

/// Keys of a model call's options that hold the user's side.
const MESSAGE_KEYS: &[&str] = &["prompt", "input", "contents", "messages", "content"];

/// A call of the app's own model wrapper, known by its options: one object argument with
/// a system prompt and the messages or prompt beside it (`createAICompletion({
/// provider, systemPrompt, messages })`, `callLLM({ system_prompt, prompt })`).
fn model_call_shaped(call: Node<'_>, src: &str) -> bool {
    let Some(args) = arguments(call) else {
        return false;
    };
    // asked of every call: the keys of its object arguments are read in place (not the
    // arguments' whole text, which holds every call nested in them)
    args.named_children()
        .filter(|a| a.kind_str() == "object")
        .any(|o| {
            let (mut system, mut messages) = (false, false);
            for (k, _) in o.named_children().filter_map(entry) {
                let raw = text(k, src);
                let key = if raw.contains('\\') {
                    std::borrow::Cow::Owned(key_text(k, src))
                } else {
                    std::borrow::Cow::Borrowed(raw.trim_matches(['"', '\'', '`']))
                };
                system |= matches!(
                    &*key,
                    "systemPrompt"
                        | "system_prompt"
                        | "systemInstruction"
                        | "system_instruction"
                        | "system"
                );
                messages |= matches!(
                    &*key,
                    "messages" | "prompt" | "userPrompt" | "user_prompt" | "contents" | "input"
                );
            }
            system && messages
        })
}

/// The prompt values a node holds, if it is one of the shapes that carry a prompt:
/// a model call's options (`system:`, `instructions=`, `prompt:`, `messages:`), a
/// message object (`{ role: "system", content }`), a LangChain message
/// (`new SystemMessage(x)`, `HumanMessage(content=x)`, `("system", x)`).
pub fn prompt_values<'t>(n: Node<'t>, src: &str) -> Vec<(Role, Node<'t>)> {
    let mut out = Vec::new();
    match n.kind_str() {
        "call_expression" | "call" | "new_expression" => {
            // the last part of the callee's name, whitespace left out only when it has
            // any (a call split over lines): most calls have none
            let f = n.field("constructor").or_else(|| callee(n));
            // a method no message class or model call has (most calls) is all the name
            // that is needed: the callee's whole text is not copied
            let name = match f.and_then(|f| member_name(f, src)) {
                Some(m) if role_class(m).is_none() && !model_method_name(m) => m.into(),
                _ => without_whitespace(f.map(|f| text(f, src)).unwrap_or_default()),
            };
            let last = name.rsplit('.').next().unwrap_or(&name);
            let role = role_class(last);
            if let Some(role) = role {
                if let Some(a) = arguments(n).and_then(|args| args.named_child(0)) {
                    {
                        match a.kind_str() {
                            "keyword_argument" => {
                                if a.field("name").is_some_and(|k| text(k, src) == "content")
                                    && let Some(v) = a.field("value")
                                {
                                    out.push((role, v));
                                }
                            }
                            "object" => {
                                for (k, _, v) in object_pairs(a, src) {
                                    if k == "content" {
                                        out.push((role, v));
                                    }
                                }
                            }
                            _ => out.push((role, a)),
                        }
                    }
                }
                return out;
            }
            // a call has no constructor: its name is its callee's, which is what
            // `is_model_call` asks about (an empty name is no model's)
            if n.kind_str() != "new_expression"
                && (model_callee(&name) || model_call_shaped(n, src))
            {
                let Some(args) = arguments(n) else { return out };
                let mut pairs = Vec::new();
                for a in args.named_children() {
                    match a.kind_str() {
                        "object" => pairs.extend(object_pairs(a, src)),
                        "keyword_argument" => {
                            if let (Some(k), Some(v)) = (a.field("name"), a.field("value")) {
                                pairs.push((text(k, src).to_string(), k, v));
                            }
                        }
                        // llm.invoke("…"), generate_content("…")
                        "string" | "template_string" | "binary_expression" | "identifier" => {
                            out.push((Role::Message, a))
                        }
                        _ => {}
                    }
                }
                for (k, _, v) in pairs {
                    if SYSTEM_KEYS.contains(&k.as_str()) {
                        out.push((Role::System, v));
                    } else if k == "config" {
                        // Google GenAI: config: { systemInstruction }, config=types.GenerateContentConfig(system_instruction=…)
                        walk_node(v, |c| {
                            if let Some((k, val)) = entry(c)
                                && SYSTEM_KEYS.contains(&key_text(k, src).as_str())
                            {
                                out.push((Role::System, val));
                            }
                        });
                    } else if MESSAGE_KEYS.contains(&k.as_str())
                        && !matches!(v.kind_str(), "array" | "list")
                    {
                        out.push((Role::Message, v));
                    }
                }
            }
        }
        // { role: "system", content: … }, {"role": "user", "content": …}
        "object" | "dictionary" => {
            // most objects are not messages: look for a `role` key before listing them
            let has_role = n.named_children().any(|c| {
                c.kind_str() == "pair"
                    && c.field("key")
                        .is_some_and(|k| text(k, src).trim_matches(['"', '\'', '`']) == "role")
            });
            if !has_role {
                return out;
            }
            let pairs = object_pairs(n, src);
            let role = pairs
                .iter()
                .find(|(k, _, _)| k == "role")
                .and_then(|(_, _, v)| string_value(*v, src))
                .map(|(r, _)| r);
            let Some(role) = role else { return out };
            let role = match role.as_str() {
                "system" | "developer" => Role::System,
                "user" | "assistant" | "human" => Role::Message,
                _ => return out,
            };
            for (k, _, v) in pairs {
                if k == "content" || k == "text" {
                    out.push((role, v));
                }
            }
        }
        // ("system", "You are …"), ["system", "…"] in ChatPromptTemplate.from_messages
        "tuple" | "array" => {
            let mut kids = n.named_children();
            if let (Some(first), Some(second), None) = (kids.next(), kids.next(), kids.next())
                && let Some((first, _)) = string_value(first, src)
            {
                match first.as_str() {
                    "system" => out.push((Role::System, second)),
                    "human" | "user" => out.push((Role::Message, second)),
                    _ => {}
                }
            }
        }
        _ => {}
    }
    out
}

/// The node kinds [`prompt_values`] looks at.
pub const PROMPT_KINDS: &[&str] = &[
    "call_expression",
    "call",
    "new_expression",
    "object",
    "dictionary",
    "tuple",
    "array",
];
