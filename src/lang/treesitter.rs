//! Small helpers over the nodes of a syntax tree that rules share (TypeScript, TSX,
//! JavaScript and Python).

use super::Lang;
use super::syntax::Node;

/// Text of a node.
pub fn text<'a>(node: Node<'_>, src: &'a str) -> &'a str {
    src.get(node.byte_range()).unwrap_or("")
}

/// The value of a string literal node (JS `string`, `template_string` without
/// substitutions, Python `string` without interpolation), without quotes, with the
/// byte range of the content. Returns None for anything else.
pub fn string_value(node: Node<'_>, src: &str) -> Option<(String, std::ops::Range<usize>)> {
    match node.kind_str() {
        "string" => {
            // JS: string -> string_fragment*; Python: string -> string_start string_content* string_end
            let mut out = String::new();
            let mut start = None;
            let mut end = None;
            let mut any_interpolation = false;
            for child in node.children() {
                match child.kind_str() {
                    "string_fragment" | "string_content" | "escape_sequence" => {
                        out.push_str(text(child, src));
                        start.get_or_insert(child.start_byte());
                        end = Some(child.end_byte());
                    }
                    "interpolation" => any_interpolation = true,
                    _ => {}
                }
            }
            if any_interpolation {
                return None;
            }
            let range = match (start, end) {
                (Some(s), Some(e)) => s..e,
                _ => {
                    let inner = node.start_byte() + 1;
                    inner..inner
                }
            };
            Some((out, range))
        }
        "template_string" => {
            if node
                .children()
                .any(|c| c.kind_str() == "template_substitution")
            {
                return None;
            }
            let s = node.start_byte() + 1;
            let e = node.end_byte().saturating_sub(1).max(s);
            Some((src.get(s..e)?.to_string(), s..e))
        }
        "concatenated_string" => None,
        _ => None,
    }
}

/// The name a value is bound to: the variable of a declarator or assignment, the key of
/// an object pair or dict entry, the keyword of a keyword argument, or a class field.
/// `node` is the value node.
pub fn binding_name<'a, 't>(node: Node<'t>, src: &'a str) -> Option<(&'a str, Node<'t>)> {
    binding_name_in(node, node.parent()?, src)
}

/// [`binding_name`] for a caller that holds the node's parent already (`Node::parent`
/// searches down from the root, so hot paths ask for it once).
pub fn binding_name_in<'a, 't>(
    node: Node<'t>,
    parent: Node<'t>,
    src: &'a str,
) -> Option<(&'a str, Node<'t>)> {
    // Look through fallbacks and casts: `process.env.X || "literal"`,
    // `os.getenv("X") or "literal"`, `"literal" as string`.
    let mut node = node;
    let mut parent = parent;
    while matches!(
        parent.kind_str(),
        "binary_expression"
            | "boolean_operator"
            | "parenthesized_expression"
            | "as_expression"
            | "satisfies_expression"
            | "non_null_expression"
    ) {
        if parent.kind_str() == "binary_expression" || parent.kind_str() == "boolean_operator" {
            let op = parent.field("operator").map(|o| text(o, src));
            if !matches!(op, Some("||" | "??" | "or")) {
                return None;
            }
        }
        node = parent;
        parent = node.parent()?;
    }
    let name_node = match parent.kind_str() {
        "variable_declarator" => parent.field("name")?,
        "assignment_expression" | "assignment" | "augmented_assignment" => {
            let left = parent.field("left")?;
            if parent.field("right")?.id() != node.id() {
                return None;
            }
            left
        }
        "pair" => {
            if parent.field("value")?.id() != node.id() {
                return None;
            }
            parent.field("key")?
        }
        // `os.getenv("JWT_SECRET", "literal")`, `os.environ.get("X", default="literal")`:
        // the fallback is named by the variable it stands in for
        "argument_list" | "arguments" => env_read_name(parent, node, src)?,
        "keyword_argument"
            if parent
                .field("name")
                .is_some_and(|n| text(n, src) == "default") =>
        {
            env_read_name(parent.parent()?, node, src)?
        }
        "keyword_argument" => parent.field("name")?,
        "public_field_definition" | "field_definition" => {
            parent.field("name").or_else(|| parent.field("property"))?
        }
        "default_parameter" | "typed_default_parameter" => parent.field("name")?,
        _ => return None,
    };
    Some((last_name_segment(text(name_node, src)), name_node))
}

/// For a fallback handed to an environment read (`getenv("NAME", fallback)`,
/// `environ.get`, `env.get`): the variable's name, the first argument, a string.
fn env_read_name<'t>(args: Node<'t>, fallback: Node<'t>, src: &str) -> Option<Node<'t>> {
    let call = args.parent()?;
    let callee = text(call.field("function")?, src);
    if !["getenv", "environ.get", "env.get"]
        .iter()
        .any(|f| callee.ends_with(f))
    {
        return None;
    }
    let first = args.named_child(0)?;
    (first.id() != fallback.id() && first.kind_str() == "string").then_some(first)
}

/// `process.env.FOO` -> `FOO`, `self.api_key` -> `api_key`, `"apiKey"` -> `apiKey`.
pub fn last_name_segment(name: &str) -> &str {
    let name = name
        .trim()
        .trim_matches(|c| c == '"' || c == '\'' || c == '`');
    let name = name.rsplit(['.', ' ']).next().unwrap_or(name);
    name.trim_end_matches(']')
        .trim_start_matches('[')
        .trim_matches(|c| c == '"' || c == '\'')
}

/// The node kind of a function call: `call` in Python, `call_expression` in JS/TS.
pub fn call_kinds(lang: Lang) -> &'static [&'static str] {
    if lang == Lang::Python {
        &["call"]
    } else {
        &["call_expression"]
    }
}

/// Iterates over every node of a tree, depth first, without recursion.
pub fn walk_tree<'t>(tree: &'t super::syntax::Tree, visit: impl FnMut(Node<'t>)) {
    tree.nodes().for_each(visit);
}

/// Iterates over the descendants of one node (itself first), depth first.
pub fn walk_node<'t>(node: Node<'t>, visit: impl FnMut(Node<'t>)) {
    node.descendants().for_each(visit);
}

/// [`walk_node`] that stops at the first node for which `visit` returns false. Nodes
/// come in source order of their start (pre-order), so a search for something before
/// an offset can stop at the first node that starts after it.
pub fn walk_node_while<'t>(node: Node<'t>, mut visit: impl FnMut(Node<'t>) -> bool) {
    for n in node.descendants() {
        if !visit(n) {
            return;
        }
    }
}

/// The byte ranges of a function's branches that cannot lead to `node`: the other side
/// of an `if`/`else` that holds it, a block that returns or throws (`if (action ===
/// "delete") { …; return … }`), and the other cases of a `switch`. Conditions are not
/// part of them: a guard `if (row.orgId !== orgId) return` before the node stays in
/// view, and so does a block that falls through to it.
pub fn branches_elsewhere(func: Node<'_>, node: Node<'_>) -> Vec<std::ops::Range<usize>> {
    let inside =
        |n: Node<'_>| n.start_byte() <= node.start_byte() && node.end_byte() <= n.end_byte();
    let mut out = Vec::new();
    let mut next = func.descendants();
    while let Some(n) = next.next() {
        let branch = match n.kind_str() {
            "statement_block" | "block" => n.parent().is_some_and(|p| {
                matches!(p.kind_str(), "if_statement" | "else_clause" | "elif_clause")
                    && (leaves(n)
                        || p.parent()
                            .filter(|_| p.kind_str() != "if_statement")
                            .map_or(inside(p), inside))
            }),
            "switch_case" | "switch_default" | "case_clause" => true,
            _ => false,
        };
        if branch && !inside(n) {
            out.push(n.byte_range());
            // skip the branch's subtree
            let skip = n.last_descendant().index() - n.index();
            if skip > 0 {
                next.nth(skip - 1);
            }
        }
    }
    out
}

/// Whether a node can never run: an earlier statement of a block that holds it, in its
/// function, always leaves (`raise HTTPException(410)` first thing in a retired route,
/// `return` or `throw` before it).
pub fn after_exit(node: Node<'_>) -> bool {
    let mut cur = node;
    while let Some(p) = cur.parent() {
        if is_function(p) {
            return false;
        }
        if matches!(p.kind_str(), "block" | "statement_block")
            && p.named_children().take_while(|s| *s != cur).any(|s| {
                matches!(
                    s.kind_str(),
                    "return_statement" | "raise_statement" | "throw_statement"
                )
            })
        {
            return true;
        }
        cur = p;
    }
    false
}

/// Where the code that can run after a node ends: the end of the innermost block around
/// it that always leaves (`if (action === "a") { …; return … }`: the branches after it
/// are for other requests), else the end of its function.
pub fn reach_end(node: Node<'_>) -> usize {
    let mut cur = node;
    while let Some(p) = cur.parent() {
        if is_function(p) {
            return p.end_byte();
        }
        if matches!(p.kind_str(), "block" | "statement_block") && leaves(p) {
            return p.end_byte();
        }
        cur = p;
    }
    cur.end_byte()
}

/// Whether a block always leaves: its last statement returns, raises or throws.
fn leaves(block: Node<'_>) -> bool {
    block
        .named_children()
        .filter(|c| c.kind_str() != "comment")
        .last()
        .is_some_and(|c| {
            matches!(
                c.kind_str(),
                "return_statement" | "throw_statement" | "raise_statement" | "continue_statement"
            )
        })
}

/// The innermost function-like node around a node (function, arrow, method, Python def),
/// or the program root.
pub fn enclosing_function<'t>(node: Node<'t>) -> Node<'t> {
    let mut cur = node;
    while let Some(p) = cur.parent() {
        if is_function(p) {
            return p;
        }
        cur = p;
    }
    cur
}

/// Whether a JS/TS function is exported from its module: `export function f`, `export
/// const f = () => …`, `export default function`.
pub fn exported(func: Node<'_>) -> bool {
    let decl = match func.parent() {
        Some(d) if d.kind_str() == "variable_declarator" => d.parent(),
        _ => Some(func),
    };
    decl.and_then(|d| d.parent())
        .is_some_and(|p| p.kind_str() == "export_statement")
}

pub fn is_function(node: Node<'_>) -> bool {
    matches!(
        node.kind_str(),
        "function_declaration"
            | "function_expression"
            | "function"
            | "arrow_function"
            | "method_definition"
            | "generator_function_declaration"
            | "function_definition"
            | "lambda"
    )
}

/// The key and value of one entry: a JS object `pair`, a Python dict `pair`, a
/// `keyword_argument` (`name=value`), or a shorthand property `{ id }` (key and value
/// are the same node).
pub fn entry<'t>(n: Node<'t>) -> Option<(Node<'t>, Node<'t>)> {
    match n.kind_str() {
        "pair" => Some((n.field("key")?, n.field("value")?)),
        "keyword_argument" => Some((n.field("name")?, n.field("value")?)),
        "shorthand_property_identifier" => Some((n, n)),
        _ => None,
    }
}

/// For an object literal / Python dict or call's keyword arguments: the (key, value)
/// pairs directly inside it, keys without quotes.
pub fn object_pairs<'t>(node: Node<'t>, src: &str) -> Vec<(String, Node<'t>, Node<'t>)> {
    node.named_children()
        .filter_map(entry)
        .map(|(k, v)| (key_text(k, src), k, v))
        .collect()
}

/// A key's text without quotes.
pub fn key_text(node: Node<'_>, src: &str) -> String {
    match string_value(node, src) {
        Some((v, _)) => v,
        None => text(node, src)
            .trim_matches(|c| c == '"' || c == '\'' || c == '`')
            .to_string(),
    }
}

/// The callee text of a call node (`call_expression` in JS, `call` in Python).
pub fn callee<'t>(call: Node<'t>) -> Option<Node<'t>> {
    call.field("function")
}

/// The last name of a callee written `a.b.name` (a member expression, a Python
/// attribute): its property, read in place, which is the last dotted part of the
/// callee's text with whitespace left out. `None` for other callees.
pub fn member_name<'a>(f: Node<'_>, src: &'a str) -> Option<&'a str> {
    match f.kind_str() {
        "member_expression" => f.field("property").map(|p| text(p, src)),
        "attribute" => f.field("attribute").map(|p| text(p, src)),
        _ => None,
    }
}

/// A name or a chain of names as written, dotted: `f`, `a.b`, `this.svc.run` (JS
/// member expressions), `self.db.get` (Python attributes); `None` for anything else
/// (calls on call results, subscripts) and for chains of more than six names.
pub fn name_chain(node: Node<'_>, src: &str) -> Option<String> {
    // the shape first, without copying: most chains are written as their own name
    // (`this.svc.run`), which is then the answer as it stands
    let mut cur = node;
    let mut count = 0;
    loop {
        match cur.kind_str() {
            "identifier" | "this" | "super" => break,
            "member_expression" => {
                cur.field("property")?;
                cur = cur.field("object")?;
            }
            "attribute" => {
                cur.field("attribute")?;
                cur = cur.field("object")?;
            }
            _ => return None,
        }
        count += 1;
        if count > 5 {
            return None;
        }
    }
    let t = text(node, src);
    if t.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b == b'.')
    {
        return Some(t.to_string());
    }
    // written with spaces, line breaks, comments or `?.` between the names
    joined_chain(node, src)
}

/// [`name_chain`], joined from the names one by one.
fn joined_chain(node: Node<'_>, src: &str) -> Option<String> {
    let mut parts = Vec::new();
    let mut cur = node;
    loop {
        match cur.kind_str() {
            "identifier" | "this" | "super" => {
                parts.push(text(cur, src));
                break;
            }
            "member_expression" => {
                parts.push(text(cur.field("property")?, src));
                cur = cur.field("object")?;
            }
            "attribute" => {
                parts.push(text(cur.field("attribute")?, src));
                cur = cur.field("object")?;
            }
            _ => return None,
        }
        if parts.len() > 5 {
            return None;
        }
    }
    parts.reverse();
    Some(parts.join("."))
}

/// The arguments node of a call.
pub fn arguments<'t>(call: Node<'t>) -> Option<Node<'t>> {
    call.field("arguments")
}

/// Whether a node is a boolean literal with the given value, in JS or Python.
pub fn is_bool(node: Node<'_>, value: bool) -> bool {
    node.kind_str() == if value { "true" } else { "false" }
}

/// The value assigned to an identifier in the function before `at`: `const x = …`,
/// `x = …` (Python), or the initializer of a destructuring that binds it. Walks the
/// function up to `at`; rules with the file's index ask `FileIndex::resolve`, which
/// answers the same from the function's bindings collected once.
pub fn resolve<'t>(func: Node<'t>, name: &str, at: usize, src: &str) -> Option<Node<'t>> {
    let mut found = None;
    walk_node_while(func, |n| {
        if n.start_byte() >= at {
            return false;
        }
        if let Some((names, value)) = assignment(n, src)
            && names.contains(&name)
        {
            found = Some(value);
        }
        true
    });
    found
}

/// What an assignment binds: the names its target binds (an identifier, or every name
/// in a destructuring pattern) and the value assigned, for a `variable_declarator` or an
/// assignment with a value; `None` for any other node.
pub fn assignment<'a, 't>(n: Node<'t>, src: &'a str) -> Option<(Vec<&'a str>, Node<'t>)> {
    let (target, value) = match n.kind_str() {
        "variable_declarator" => (n.field("name")?, n.field("value")?),
        "assignment" | "assignment_expression" => (n.field("left")?, n.field("right")?),
        // `prompt += `…``: the name now holds what it held and what is appended, which
        // the assignment node stands for (see [`appended`])
        "augmented_assignment_expression" | "augmented_assignment"
            if n.field("operator").is_some_and(|o| text(o, src) == "+=") =>
        {
            (n.field("left")?, n)
        }
        _ => return None,
    };
    let mut names = Vec::new();
    match target.kind_str() {
        "identifier" => names.push(text(target, src)),
        "object_pattern" | "array_pattern" | "pattern_list" | "tuple_pattern" => {
            walk_node(target, |p| {
                if matches!(
                    p.kind_str(),
                    "identifier" | "shorthand_property_identifier_pattern"
                ) {
                    let name = text(p, src);
                    if !names.contains(&name) {
                        names.push(name);
                    }
                }
            });
        }
        _ => {}
    }
    Some((names, value))
}

/// For an appending assignment (`prompt += `…``, `sql += " and x"`): the value appended.
pub fn appended<'t>(n: Node<'t>, src: &str) -> Option<Node<'t>> {
    matches!(
        n.kind_str(),
        "augmented_assignment_expression" | "augmented_assignment"
    )
    .then(|| n.field("operator"))
    .flatten()
    .filter(|o| text(*o, src) == "+=")
    .and_then(|_| n.field("right"))
}

/// A value without what wraps it and does not change which value it is: casts (`x as T`,
/// `x!`, `x satisfies T`), parentheses, `await`, and the fallback of `x || []`, `x ?? y`,
/// `x or y` (the left side is the value when there is one).
pub fn unwrap_value<'t>(value: Node<'t>, src: &str) -> Node<'t> {
    let mut value = value;
    while let Some(inner) = match value.kind_str() {
        "as_expression"
        | "non_null_expression"
        | "parenthesized_expression"
        | "satisfies_expression"
        | "await_expression"
        | "await" => value.named_child(0),
        "binary_expression" | "boolean_operator"
            if value
                .field("operator")
                .is_some_and(|o| matches!(text(o, src), "||" | "??" | "or")) =>
        {
            value.field("left")
        }
        _ => None,
    } {
        value = inner;
    }
    value
}

/// The key under which a destructuring binds `name` from its initializer `init`:
/// `machine` of `const { machine } = ctx`, `row` of `const { data: row } = ctx`.
pub fn destructured_key(init: Node<'_>, name: &str, src: &str) -> Option<String> {
    let declarator = init
        .parent()
        .filter(|d| d.kind_str() == "variable_declarator")?;
    let pattern = declarator
        .field("name")
        .filter(|p| p.kind_str() == "object_pattern")?;
    pattern.named_children().find_map(|c| match c.kind_str() {
        "shorthand_property_identifier_pattern" if text(c, src) == name => Some(name.to_string()),
        "pair_pattern"
            if c.field("value")
                .is_some_and(|v| v.kind_str() == "identifier" && text(v, src) == name) =>
        {
            c.field("key").map(|k| text(k, src).to_string())
        }
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A chain written as its own name is answered with its text: the same as joining
    /// the names, on every node of the fixtures and on chains written otherwise.
    #[test]
    fn a_name_chain_is_its_names_joined() {
        let mut sources = crate::lang::syntax::fixture_sources();
        sources.push((
            crate::lang::Lang::TypeScript,
            "a.b.c.d.e.f; a.b.c.d.e.f.g; import.meta.env.X; new.target; a?.b.c; a /* x */ .b; this.#p; super.x; true.x; a[0].b; (a).b;\n".into(),
        ));
        sources.push((
            crate::lang::Lang::Python,
            "a.b.c.d.e.f\na.b.c.d.e.f.g\nself.x.y\nnaïve.x\na .b\nTrue.x\n".into(),
        ));
        let mut chains = 0;
        for (lang, text) in &sources {
            let tree = crate::lang::syntax::parse(*lang, text).expect("parses");
            for n in tree.nodes() {
                let joined = joined_chain(n, text);
                chains += usize::from(joined.is_some());
                assert_eq!(
                    name_chain(n, text),
                    joined,
                    "{lang} {:?}",
                    &text[n.byte_range()]
                );
            }
        }
        assert!(chains > 10_000, "{chains} chains");
    }
}
