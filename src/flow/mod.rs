//! Intra-procedural data flow over the parsed tree: where a value comes from.
//!
//! One mechanism for every rule that asks "does this value come from X": request input
//! in a tenant filter or a charge amount, model output in `eval`, request input in a
//! system prompt, a secret in a prompt, request input in SQL text. A rule gives a
//! classifier for the leaves it cares about (its sources, and the values that end a
//! trace); [`find_source`] walks the value back through template strings,
//! concatenation, f-strings, `%` and `.format()`, members of traced objects, awaits,
//! casts, string methods and conversions, and simple assignments and destructuring in
//! the enclosing function, and from a parameter of a named function to the arguments
//! the file's calls of it pass (not past a caller's role, membership or access check:
//! the rules look for their checks in the function that uses the value). Any other
//! call produces a new value and ends the trace (a lookup, a schema `parse`, a
//! sanitizer). The sources and sinks themselves are data,
//! per language, in [`request`], [`model`] and [`sinks`].

pub mod guards;
pub mod model;
pub mod request;
pub mod rust;
pub mod sinks;

use crate::lang::syntax::Node;

use crate::index::FileIndex;
use crate::lang::treesitter::{appended, callee, enclosing_function, text};

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
    Trace::new(ix, classify, false, false).go(value, 0)
}

/// [`find_source`], also following the names a closure captures to their values in the
/// functions around it (`setMessages((prev) => [...prev, reply])`, `reply` bound in the
/// handler that makes the call).
pub fn find_source_through_closures<'t>(
    value: Node<'t>,
    ix: &FileIndex<'t>,
    classify: &dyn Fn(Node<'t>) -> Verdict,
) -> Option<Node<'t>> {
    Trace::new(ix, classify, false, true).go(value, 0)
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
    Trace::new(ix, classify, true, false).go(value, 0)
}

struct Trace<'a, 't> {
    /// The file's index: where names got their values.
    ix: &'a FileIndex<'t>,
    classify: &'a dyn Fn(Node<'t>) -> Verdict,
    /// Look inside objects and every call's arguments too.
    contain: bool,
    /// Follow a name a closure captures to the functions around it.
    captures: bool,
    budget: usize,
    /// The calls through which the trace entered a function of the file, innermost
    /// last, as (function, call): inside, a parameter is what that call passes.
    entered: Vec<(usize, Node<'t>)>,
}

impl<'a, 't> Trace<'a, 't> {
    fn new(
        ix: &'a FileIndex<'t>,
        classify: &'a dyn Fn(Node<'t>) -> Verdict,
        contain: bool,
        captures: bool,
    ) -> Self {
        Trace {
            ix,
            classify,
            contain,
            captures,
            // looking inside objects and every argument meets more nodes
            budget: if contain { 400 } else { 200 },
            entered: Vec::new(),
        }
    }

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

    /// Follows the value `name` was given: for React state, each value it is set to.
    fn definition(&mut self, def: Node<'t>, name: &str, depth: usize) -> Option<Node<'t>> {
        match state_values(def, name, self.ix) {
            Some(values) => self.any(values, depth + 1),
            None => self.go(def, depth + 1),
        }
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
                match self
                    .ix
                    .resolve(func, name, v.start_byte())
                    .or_else(|| loop_collection(v, name, src))
                {
                    // React state: what it starts as and every value it is set to
                    Some(def) => self.definition(def, name, depth),
                    // a parameter: what the calls of its function in this file pass
                    // (entered through a call: what that call passes)
                    None if declares_parameter(func, name, src) => {
                        let through = self.entered.iter().rev().find(|(f, _)| *f == func.id());
                        let args = arguments_for(func, name, self.ix, through.map(|(_, c)| *c));
                        self.any(args, depth + 1)
                    }
                    // a name a closure captures: its value in a function around it
                    // (`setMessages((prev) => [...prev, reply])`)
                    None if self.captures => {
                        let mut outer = func;
                        while outer.parent().is_some() {
                            outer = enclosing_function(outer);
                            if let Some(def) = self.ix.resolve(outer, name, v.start_byte()) {
                                return self.definition(def, name, depth);
                            }
                        }
                        None
                    }
                    None => None,
                }
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
            // `prompt += `…${x}``: what is appended, and what the name held before
            "augmented_assignment_expression" | "augmented_assignment" => {
                let left = v.field("left")?;
                let mut kids: Vec<Node<'t>> = appended(v, src).into_iter().collect();
                if left.kind_str() == "identifier" {
                    kids.extend(self.ix.resolve(
                        enclosing_function(v),
                        text(left, src),
                        v.start_byte(),
                    ));
                }
                self.any(kids, depth + 1)
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
                    // a function of the file: what it returns
                    Pass::None => {
                        let func = local_function(v, text(f, src), self.ix)?;
                        self.entered.push((func.id(), v));
                        let found = self.any(return_values(func), depth + 1);
                        self.entered.pop();
                        found
                    }
                }
            }
            _ => None,
        }
    }
}

/// The values a React state variable holds, when `def` is the `useState(…)` that
/// declares `name` (`const [messages, setMessages] = useState(initial)`): the initial
/// value and the argument of every call of its setter in the component, an updater's
/// return values for an updater (`setMessages((prev) => [...prev, reply])`).
pub fn state_values<'t>(def: Node<'t>, name: &str, ix: &FileIndex<'t>) -> Option<Vec<Node<'t>>> {
    const CALLS: &[&str] = &["call_expression"];
    let src = ix.src();
    if def.kind_str() != "call_expression"
        || !callee(def).is_some_and(|f| matches!(text(f, src), "useState" | "React.useState"))
    {
        return None;
    }
    let pattern = def
        .parent()
        .filter(|d| d.kind_str() == "variable_declarator")?
        .field("name")
        .filter(|p| p.kind_str() == "array_pattern")?;
    let mut elements = pattern.named_children();
    if elements.next().is_none_or(|e| text(e, src) != name) {
        return None;
    }
    let setter = elements.next().filter(|e| e.kind_str() == "identifier");
    let updated = |arg: Node<'t>| -> Vec<Node<'t>> {
        if crate::lang::treesitter::is_function(arg) {
            return_values(arg)
        } else {
            vec![arg]
        }
    };
    let mut values: Vec<Node<'t>> = def
        .field("arguments")
        .and_then(|a| a.named_child(0))
        .map(updated)
        .unwrap_or_default();
    if let Some(setter) = setter {
        let setter = text(setter, src);
        for call in ix.nodes_of_kinds(enclosing_function(def), CALLS).iter() {
            if callee(*call).is_some_and(|f| text(f, src) == setter)
                && let Some(arg) = call.field("arguments").and_then(|a| a.named_child(0))
            {
                values.extend(updated(arg));
            }
        }
    }
    Some(values)
}

/// The function of the file a call names by a plain identifier (`buildPrompt(ctx)`):
/// `function buildPrompt(…)`, `const buildPrompt = (…) => …`, `def build_prompt(…)`.
pub fn local_function<'t>(call: Node<'t>, name: &str, ix: &FileIndex<'t>) -> Option<Node<'t>> {
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '$')
    {
        return None;
    }
    let src = ix.src();
    let mut root = call;
    while let Some(p) = root.parent() {
        root = p;
    }
    const DEFS: &[&str] = &[
        "function_declaration",
        "function_definition",
        "variable_declarator",
    ];
    ix.nodes_of_kinds(root, DEFS).iter().find_map(|d| {
        let named = d.field("name").is_some_and(|n| text(n, src) == name);
        if !named {
            return None;
        }
        match d.kind_str() {
            "variable_declarator" => d.field("value").filter(|v| {
                matches!(
                    v.kind_str(),
                    "arrow_function" | "function_expression" | "function"
                )
            }),
            _ => Some(*d),
        }
    })
}

/// What a function returns: the value of each `return` in its own body (not in the
/// functions nested in it), or the expression body of an arrow function.
pub fn return_values<'t>(func: Node<'t>) -> Vec<Node<'t>> {
    let Some(body) = func.field("body") else {
        return Vec::new();
    };
    if !matches!(body.kind_str(), "statement_block" | "block") {
        return vec![body];
    }
    let mut out = Vec::new();
    crate::lang::treesitter::walk_node(body, |n| {
        if n.kind_str() == "return_statement"
            && enclosing_function(n) == func
            && let Some(value) = n.named_child(0)
        {
            out.push(value);
        }
    });
    out
}

/// What the calls of `func` in its own file (only `through`, when given) pass for its
/// parameter `name`, that no caller checked roles, memberships or access before (see
/// [`authorized_before`]).
fn arguments_for<'t>(
    func: Node<'t>,
    name: &str,
    ix: &FileIndex<'t>,
    through: Option<Node<'t>>,
) -> Vec<Node<'t>> {
    call_arguments(func, name, ix)
        .unwrap_or_default()
        .into_iter()
        .filter(|(call, _)| through.is_none_or(|t| t.id() == call.id()))
        .filter(|(call, arg)| !authorized_before(*call, *arg, ix))
        .map(|(_, arg)| arg)
        .collect()
}

/// Each call of `func` in its own file, with what it passes for the parameter `name`:
/// the argument at the parameter's position, or the keyword argument of that name
/// (Python). `None` unless `func` has a name the file calls it by (`function helper(x)`,
/// `const helper = (x) => …`, `def helper(x)`) and `name` is one of its parameters, a
/// plain name (a method or a destructured parameter gives `None`).
pub fn call_arguments<'t>(
    func: Node<'t>,
    name: &str,
    ix: &FileIndex<'t>,
) -> Option<Vec<(Node<'t>, Node<'t>)>> {
    let src = ix.src();
    let fname = match func.kind_str() {
        "function_declaration" | "function_definition" => func.field("name"),
        "arrow_function" | "function_expression" | "function" => func
            .parent()
            .filter(|p| p.kind_str() == "variable_declarator")
            .and_then(|d| d.field("name")),
        _ => None,
    };
    let fname = fname.filter(|n| n.kind_str() == "identifier")?;
    let fname = text(fname, src);
    // a Python method takes `self` first and is called through it
    if func.kind_str() == "function_definition"
        && func
            .parent()
            .and_then(|b| b.parent())
            .is_some_and(|c| c.kind_str() == "class_definition")
    {
        return None;
    }
    let params = func.field("parameters")?;
    let param_name = |p: Node<'t>| -> Option<&'t str> {
        let n = match p.kind_str() {
            "identifier" => Some(p),
            "required_parameter" | "optional_parameter" => p.field("pattern"),
            "typed_parameter" => p.named_child(0),
            "default_parameter" | "typed_default_parameter" => p.field("name"),
            _ => None,
        }?;
        (n.kind_str() == "identifier").then(|| text(n, src))
    };
    let list: Vec<Node<'t>> = params
        .named_children()
        .filter(|p| p.kind_str() != "comment")
        .collect();
    let index = list.iter().position(|p| param_name(*p) == Some(name))?;
    let mut root = func;
    while let Some(p) = root.parent() {
        root = p;
    }
    let mut out = Vec::new();
    for call in ix.nodes_of_kinds(root, &["call_expression", "call"]).iter() {
        let Some(f) = callee(*call) else { continue };
        if f.kind_str() != "identifier" || text(f, src) != fname {
            continue;
        }
        // a call inside the function itself passes what it was given
        if func.start_byte() <= call.start_byte() && call.end_byte() <= func.end_byte() {
            continue;
        }
        let Some(args) = call.field("arguments") else {
            continue;
        };
        let args: Vec<Node<'t>> = args
            .named_children()
            .filter(|a| a.kind_str() != "comment")
            .collect();
        let keyword = args.iter().find(|a| {
            a.kind_str() == "keyword_argument"
                && a.field("name").is_some_and(|k| text(k, src) == name)
        });
        let arg = match keyword {
            Some(k) => k.field("value"),
            None => args.get(index).copied().filter(|a| {
                !matches!(
                    a.kind_str(),
                    "keyword_argument" | "spread_element" | "list_splat"
                )
            }),
        };
        if let Some(arg) = arg {
            out.push((*call, arg));
        }
    }
    Some(out)
}

/// Whether the caller decides who may go on before a call: a call before it, in the
/// function around it, that asks about roles, memberships or access
/// (`requirePlatformRole(user)`, `validateSuperAdminSession(token)`, a lookup of a
/// membership table such as `organization_members`), or a check that is handed what the call passes
/// (`authenticate(organizationId)` before `buildPreview(organizationId)`). A value handed
/// on after such a check is the caller's checked value: the rules' own checks look only
/// at the function that uses it, so the trace does not follow it there.
fn authorized_before<'t>(call: Node<'t>, arg: Node<'t>, ix: &FileIndex<'t>) -> bool {
    const AUTHZ: &[&str] = &[
        "admin",
        "role",
        "member",
        "access",
        "permission",
        "owner",
        "staff",
        "authoriz",
        "belongs",
        "superuser",
    ];
    const CHECK: &[&str] = &["authenticat", "assert", "ensure", "require", "guard"];
    let src = ix.src();
    let caller = enclosing_function(call);
    // the names the argument is made of (`organizationId`, `body` of `body.org_id`)
    let passed: Vec<&str> = crate::lang::words::identifiers(text(arg, src))
        .map(|(_, w)| w)
        .collect();
    ix.nodes_of_kinds(caller, &["call_expression", "call"])
        .iter()
        .take_while(|n| n.end_byte() <= call.start_byte())
        .any(|n| {
            let Some(f) = callee(*n) else { return false };
            let path = text(f, src).to_ascii_lowercase();
            // the function called (`validateSuperAdminSession`), not the object it is
            // called on (`supabaseAdmin.from`) nor a client factory (`createAdminClient`)
            let name = path.rsplit(['.', ':']).next().unwrap_or(&path);
            (AUTHZ.iter().any(|w| name.contains(w)) && !name.contains("client"))
                // a lookup of a membership table: `.from("organization_members")`
                || path
                    .split(['"', '\'', '`'])
                    .skip(1)
                    .step_by(2)
                    .any(|quoted| quoted.contains("member"))
                || (CHECK.iter().any(|w| name.contains(w))
                    && n.field("arguments").is_some_and(|a| {
                        crate::lang::words::identifiers(text(a, src))
                            .any(|(_, w)| passed.contains(&w))
                    }))
        })
}

/// The function a client comes from when a helper makes it: `const supabase =
/// getSupabaseClient()` or `await getSupabaseAPIClient()`, here or in another module, as
/// (callee as written). What that function builds is for the project index to say
/// (see [`crate::finding::Condition::ClientNotServiceRole`]).
pub fn client_factory<'t>(client: Node<'t>, ix: &FileIndex<'t>, src: &str) -> Option<String> {
    if client.kind_str() != "identifier" {
        return None;
    }
    let name = text(client, src);
    let mut root = client;
    while let Some(p) = root.parent() {
        root = p;
    }
    let mut value = ix
        .resolve(enclosing_function(client), name, client.start_byte())
        .or_else(|| ix.resolve(root, name, client.start_byte()))?;
    while matches!(
        value.kind_str(),
        "await_expression" | "non_null_expression" | "parenthesized_expression" | "as_expression"
    ) {
        value = value.named_child(0)?;
    }
    if !matches!(value.kind_str(), "call_expression" | "call") {
        return None;
    }
    let callee = crate::lang::treesitter::name_chain(value.field("function")?, src)?;
    // the SDK's own constructors are judged here, by their arguments
    let last = callee.rsplit('.').next().unwrap_or(&callee);
    (!matches!(
        last,
        "createClient" | "createServerClient" | "createBrowserClient" | "create_client"
    ))
    .then_some(callee)
}

/// The collection a loop variable iterates: `for (const call of message.tool_calls)`,
/// `for block in msg.content:`, also from a closure in the loop that does not take a
/// parameter of that name (`for (const batch of …) { run(async () => use(batch)) }`).
pub fn loop_collection<'t>(v: Node<'t>, name: &str, src: &str) -> Option<Node<'t>> {
    let mut up = v.parent();
    while let Some(p) = up {
        if crate::lang::treesitter::is_function(p) && declares_parameter(p, name, src) {
            return element_callback_collection(p, name, src);
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

/// The collection a callback walks when `name` is its element parameter:
/// `items.map(async (item) => …)`, `rows.forEach(({ price }) => …)` give `items`, `rows`;
/// so does a helper named for walking a list, handed it first (`mapWithConcurrency(rows,
/// 10, async (d) => …)`).
fn element_callback_collection<'t>(func: Node<'t>, name: &str, src: &str) -> Option<Node<'t>> {
    const ELEMENT_METHODS: &[&str] = &[
        "map", "forEach", "flatMap", "filter", "find", "some", "every",
    ];
    let first = match func.field("parameter") {
        Some(p) => p,
        None => func.field("parameters")?.named_child(0)?,
    };
    let mut binds = false;
    crate::lang::treesitter::walk_node(first, |n| {
        binds |= matches!(
            n.kind_str(),
            "identifier" | "shorthand_property_identifier_pattern"
        ) && text(n, src) == name;
    });
    let args = func.parent().filter(|a| a.kind_str() == "arguments")?;
    if !binds {
        return None;
    }
    let call = args.parent()?;
    let method = callee(call)?;
    // a helper that walks the list it is handed first: `mapWithConcurrency(rows, 10,
    // async (d) => …)`, `pMap(items, fn)`, `forEachBatch(ids, cb)`
    if method.kind_str() == "identifier" {
        let name = text(method, src).to_ascii_lowercase();
        let walks = [
            "map",
            "each",
            "pool",
            "batch",
            "concurren",
            "parallel",
            "chunk",
        ]
        .iter()
        .any(|w| name.contains(w));
        let list = args.named_child(0)?;
        return (walks
            && list != func
            && matches!(list.kind_str(), "identifier" | "member_expression"))
        .then_some(list);
    }
    if args.named_child(0) != Some(func) {
        return None;
    }
    let prop = method.field("property")?;
    ELEMENT_METHODS
        .contains(&text(prop, src))
        .then(|| method.field("object"))
        .flatten()
}

/// The function around a closure, where a name the closure uses but neither assigns
/// nor takes as a parameter is bound (`rows.filter((r) => r.email === lower)` reads the
/// `lower` of the function around it). The caller asks only when `func` does not assign
/// `name`.
pub fn closure_scope<'t>(func: Node<'t>, name: &str, src: &str) -> Option<Node<'t>> {
    if declares_parameter(func, name, src) {
        return None;
    }
    func.parent()
        .map(enclosing_function)
        .filter(|outer| outer.id() != func.id() && crate::lang::treesitter::is_function(*outer))
}

/// Whether a function takes a parameter named `name`, destructured or not.
pub fn declares_parameter(func: Node<'_>, name: &str, src: &str) -> bool {
    let mut found = false;
    for params in [func.field("parameters"), func.field("parameter")]
        .into_iter()
        .flatten()
    {
        crate::lang::treesitter::walk_node(params, |n| {
            found |= matches!(
                n.kind_str(),
                "identifier" | "shorthand_property_identifier_pattern"
            ) && text(n, src) == name;
        });
    }
    found
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
