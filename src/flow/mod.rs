//! Intra-procedural data flow over the parsed tree: where a value comes from.
//!
//! One mechanism for every rule that asks "does this value come from X": request input
//! in a tenant filter or a charge amount, model output in `eval`, request input in a
//! system prompt, a secret in a prompt, request input in SQL text. A rule gives a
//! classifier for the leaves it cares about (its sources, and the values that end a
//! trace); [`find_source`] walks the value back through template strings,
//! concatenation, f-strings, `%` and `.format()`, members of traced objects, awaits,
//! casts, string methods and conversions, and simple assignments and destructuring in
//! the enclosing function. Any other call produces a new value and ends the trace (a
//! lookup, a schema `parse`, a sanitizer). The sources and sinks themselves are data,
//! per language, in [`request`], [`model`] and [`sinks`].

pub mod guards;
pub mod model;
pub mod request;
pub mod rust;
pub mod sinks;

use crate::lang::syntax::Node;

use crate::index::FileIndex;
use crate::lang::treesitter::{callee, enclosing_function, text};

/// What a classifier says of a node met while tracing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The node is a source: the trace ends here, found.
    Source,
    /// The node is a known-safe value: the trace ends here, not found.
    Stop,
    /// Look through the node at what it is made of.
    Follow,
}

/// How far a trace follows assignments before giving up.
const MAX_DEPTH: usize = 8;

/// The first source a value is made of, following the value back through the
/// function, or `None`.
pub fn find_source<'t>(
    value: Node<'t>,
    ix: &FileIndex<'t>,
    classify: &dyn Fn(Node<'t>) -> Verdict,
) -> Option<Node<'t>> {
    Trace {
        ix,
        classify,
        contain: false,
        budget: 200,
    }
    .go(value, 0)
}

/// Like [`find_source`], for sinks that print whatever they are given (a logger): the
/// value also carries what its object literals, dicts and the arguments of any call
/// hold (`{ card }`, `format(card.number)`, `util.inspect(card)`), unless the
/// classifier stops at the call (a masking function).
pub fn find_within<'t>(
    value: Node<'t>,
    ix: &FileIndex<'t>,
    classify: &dyn Fn(Node<'t>) -> Verdict,
) -> Option<Node<'t>> {
    Trace {
        ix,
        classify,
        contain: true,
        budget: 400,
    }
    .go(value, 0)
}

struct Trace<'a, 't> {
    /// The file's index: where names got their values.
    ix: &'a FileIndex<'t>,
    classify: &'a dyn Fn(Node<'t>) -> Verdict,
    /// Look inside objects and every call's arguments too.
    contain: bool,
    budget: usize,
}

impl<'t> Trace<'_, 't> {
    fn any(&mut self, nodes: impl IntoIterator<Item = Node<'t>>, depth: usize) -> Option<Node<'t>> {
        for n in nodes {
            if let Some(s) = self.go(n, depth) {
                return Some(s);
            }
        }
        None
    }

    fn children(v: Node<'t>) -> Vec<Node<'t>> {
        v.named_children().collect()
    }

    fn go(&mut self, v: Node<'t>, depth: usize) -> Option<Node<'t>> {
        if depth > MAX_DEPTH || self.budget == 0 {
            return None;
        }
        self.budget -= 1;
        match (self.classify)(v) {
            Verdict::Source => return Some(v),
            Verdict::Stop => return None,
            Verdict::Follow => {}
        }
        let src = self.ix.src();
        match v.kind_str() {
            "identifier" | "shorthand_property_identifier" => {
                let func = enclosing_function(v);
                let name = text(v, src);
                let def = self
                    .ix
                    .resolve(func, name, v.start_byte())
                    .or_else(|| loop_collection(v, name, src))?;
                self.go(def, depth + 1)
            }
            // `${a} and ${b}`, f"{a}", "a" "b", [a, b], (a), await a, a as T, a!, ...a
            "template_string"
            | "template_substitution"
            | "string"
            | "interpolation"
            | "concatenated_string"
            | "parenthesized_expression"
            | "await_expression"
            | "await"
            | "as_expression"
            | "non_null_expression"
            | "satisfies_expression"
            | "type_assertion"
            | "spread_element"
            | "list_splat"
            | "dictionary_splat"
            | "array"
            | "list"
            | "tuple"
            | "jsx_expression"
            | "format_expression"
            | "expression_statement"
            | "arguments"
            | "argument_list" => self.any(Self::children(v), depth),
            // { card }, { number: card.number }, {"pan": pan}: only when containing
            "object" | "dictionary" | "pair" | "keyword_argument" if self.contain => {
                let values: Vec<Node<'t>> = match v.kind_str() {
                    "pair" | "keyword_argument" => v.field("value").into_iter().collect(),
                    _ => Self::children(v),
                };
                self.any(values, depth)
            }
            "binary_expression" | "binary_operator" | "boolean_operator" => self.any(
                [v.field("left"), v.field("right")].into_iter().flatten(),
                depth,
            ),
            "ternary_expression" => self.any(
                [v.field("consequence"), v.field("alternative")]
                    .into_iter()
                    .flatten(),
                depth,
            ),
            "conditional_expression" => self.any(Self::children(v), depth),
            // a member of a traced value: result.text, body["org_id"], completion.choices[0]
            "member_expression" | "subscript_expression" | "attribute" | "subscript" => {
                let obj = v.field("object").or_else(|| v.field("value"))?;
                self.go(obj, depth)
            }
            "call_expression" | "call" => {
                let f = callee(v)?;
                let receiver = || f.field("object").or_else(|| f.field("value"));
                let args = || v.field("arguments").map(Self::children).unwrap_or_default();
                let pass = if self.contain {
                    Pass::Both
                } else {
                    passthrough(text(f, src))
                };
                match pass {
                    Pass::Receiver => self.go(receiver()?, depth),
                    Pass::Arguments => self.any(args(), depth),
                    Pass::Both => {
                        let mut kids: Vec<Node<'t>> = receiver().into_iter().collect();
                        kids.extend(args());
                        self.any(kids, depth)
                    }
                    Pass::None => None,
                }
            }
            _ => None,
        }
    }
}

/// The collection a loop variable iterates: `for (const call of message.tool_calls)`,
/// `for block in msg.content:`.
pub fn loop_collection<'t>(v: Node<'t>, name: &str, src: &str) -> Option<Node<'t>> {
    let mut up = v.parent();
    while let Some(p) = up {
        if crate::lang::treesitter::is_function(p) {
            return None;
        }
        if matches!(p.kind_str(), "for_in_statement" | "for_statement")
            && let (Some(left), Some(right)) = (p.field("left"), p.field("right"))
        {
            let mut binds = false;
            crate::lang::treesitter::walk_node(left, |n| {
                if matches!(
                    n.kind_str(),
                    "identifier" | "shorthand_property_identifier_pattern"
                ) && text(n, src) == name
                {
                    binds = true;
                }
            });
            if binds {
                return Some(right);
            }
        }
        up = p.parent();
    }
    None
}

/// How a call passes its inputs on.
#[derive(Debug, PartialEq, Eq)]
enum Pass {
    /// A method of the value that returns the value changed: `s.trim()`, `s.lower()`.
    Receiver,
    /// A conversion of its arguments: `String(x)`, `int(x)`, `json.loads(x)`.
    Arguments,
    /// Both: `"{} {}".format(a, b)`, `sep.join(parts)`, `a.concat(b)`.
    Both,
    /// Any other call computes a new value.
    None,
}

fn passthrough(callee: &str) -> Pass {
    let c: String = callee.chars().filter(|c| !c.is_whitespace()).collect();
    const CONVERSIONS: &[&str] = &[
        "String",
        "Number",
        "parseInt",
        "parseFloat",
        "BigInt",
        "Math.round",
        "Math.floor",
        "Math.ceil",
        "int",
        "float",
        "str",
        "bytes",
        "Decimal",
        "UUID",
        "uuid.UUID",
        "ObjectId",
        "Types.ObjectId",
        "JSON.parse",
        "JSON.stringify",
        "json.loads",
        "json.dumps",
        "orjson.loads",
        "Buffer.from",
        "atob",
        "btoa",
        "decodeURIComponent",
        "encodeURIComponent",
        "base64.b64decode",
        "base64.b64encode",
        "base64.urlsafe_b64decode",
        "b64decode",
        "textwrap.dedent",
        "dedent",
        "escape_markdown",
    ];
    if CONVERSIONS.contains(&c.as_str()) {
        return Pass::Arguments;
    }
    let method = c.rsplit('.').next().unwrap_or(&c);
    if !c.contains('.') {
        return Pass::None;
    }
    match method {
        "format" | "join" | "concat" | "replace" | "replaceAll" => Pass::Both,
        "trim" | "trimStart" | "trimEnd" | "strip" | "lstrip" | "rstrip" | "toString"
        | "toLowerCase" | "toUpperCase" | "lower" | "upper" | "slice" | "substring" | "substr"
        | "removeprefix" | "removesuffix" | "decode" | "encode" | "to_string" | "valueOf"
        | "toFixed" | "unwrap" | "clone" | "get" | "dict" | "model_dump" | "to_dict" | "copy" => {
            Pass::Receiver
        }
        _ => Pass::None,
    }
}
