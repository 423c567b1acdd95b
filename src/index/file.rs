//! The per-file index: answers rules ask of a whole file, computed once per file and
//! shared by every rule that asks, instead of each query searching the text again.
//!
//! - where a name got its value in a function ([`FileIndex::resolve`]): the function's
//!   bindings are collected in one walk the first time any name in it is asked for,
//!   instead of walking the function's text up to each use;
//! - the file's service-role Supabase clients;
//! - yes/no answers about a node that many of its children ask ([`FileIndex::once_per_node`]).

use std::cell::{OnceCell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use crate::lang::syntax::Node;
use crate::lang::treesitter::{self, walk_node};

/// A map of the index: its keys are node ids, addresses and small numbers, hashed by
/// foldhash (the standard library's SipHash is made to resist crafted keys, and costs
/// several times more per lookup; rules look answers up for nearly every node).
pub type Map<K, V> = HashMap<K, V, foldhash::fast::FixedState>;

/// A question asked of a node: the address and length of its `&'static str` (each
/// question is one literal in the code).
type Question = (usize, usize);

fn question(q: &'static str) -> Question {
    (q.as_ptr() as usize, q.len())
}

/// What is known of one file beyond its text and tree. Filled on first use.
pub struct FileIndex<'t> {
    src: &'t str,
    /// The bindings of each function asked about, by the function node's id.
    bindings: RefCell<Map<usize, Rc<Bindings<'t>>>>,
    /// The names the file assigns from an expression that mentions the service role
    /// (`const admin = createClient(url, SERVICE_ROLE_KEY)`).
    pub service_role_names: OnceCell<HashSet<String>>,
    /// Yes/no answers about one node, by question and node id: asked again for each
    /// child of a large node (each string of a 5,000-key object asks whether the object
    /// is a Firebase config), answered once.
    per_node: RefCell<Map<(Question, usize), bool>>,
    /// Answers of any type about one node, by question and node id.
    memo: RefCell<Map<(Question, usize), Answer>>,
    /// The nodes of some kinds in a function, by function id and kind list (its address
    /// and length).
    of_kinds: RefCell<Map<KindsKey, Rc<[Node<'t>]>>>,
    /// The file's identifiers (`identifier`, `shorthand_property_identifier`) by their
    /// text, each list in source order.
    identifiers: OnceCell<Map<&'t str, Vec<Node<'t>>>>,
}

/// A function's id and a list of kinds (its address and length).
type KindsKey = (usize, usize, usize);

/// An answer of any type, kept by [`FileIndex::memo`].
type Answer = Rc<dyn std::any::Any>;

/// The assignments in a function (nested functions included), by the name they bind:
/// where each starts and the value assigned, in source order.
#[derive(Default)]
struct Bindings<'t> {
    by_name: Map<&'t str, Vec<(usize, Node<'t>)>>,
}

impl<'t> FileIndex<'t> {
    pub fn new(src: &'t str) -> Self {
        FileIndex {
            src,
            bindings: Default::default(),
            service_role_names: OnceCell::new(),
            per_node: Default::default(),
            memo: Default::default(),
            of_kinds: Default::default(),
            identifiers: OnceCell::new(),
        }
    }

    /// The nodes under `func` (itself included) whose kind is one of `kinds`, in source
    /// order: one walk per function and list, shared by every rule that asks.
    pub fn nodes_of_kinds(&self, func: Node<'t>, kinds: &'static [&'static str]) -> Rc<[Node<'t>]> {
        let key = (func.id(), kinds.as_ptr() as usize, kinds.len());
        if let Some(known) = self.of_kinds.borrow().get(&key) {
            return known.clone();
        }
        let mut found = Vec::new();
        walk_node(func, |n| {
            if kinds.contains(&n.kind_str()) {
                found.push(n);
            }
        });
        let found: Rc<[Node<'t>]> = found.into();
        self.of_kinds.borrow_mut().insert(key, found.clone());
        found
    }

    /// The identifiers of `node`'s file whose text is `name`, in source order: the uses
    /// of a name without a walk of the file per question.
    pub fn identifiers_named(&self, node: Node<'t>, name: &str) -> &[Node<'t>] {
        let src = self.src;
        let by_name = self.identifiers.get_or_init(|| {
            let mut by_name: Map<&'t str, Vec<Node<'t>>> = Map::default();
            walk_node(node.tree().root_node(), |n| {
                if matches!(n.kind_str(), "identifier" | "shorthand_property_identifier") {
                    by_name.entry(treesitter::text(n, src)).or_default().push(n);
                }
            });
            by_name
        });
        by_name.get(name).map_or(&[], Vec::as_slice)
    }

    /// The functions around a node, innermost first (a callback, then the handler that
    /// defines it), at most `depth` of them; the root is not one.
    pub fn enclosing_functions(&self, n: Node<'t>, depth: usize) -> Vec<Node<'t>> {
        let mut out = Vec::new();
        let mut func = treesitter::enclosing_function(n);
        while out.len() < depth && treesitter::is_function(func) {
            out.push(func);
            let Some(outer) = func.parent().map(treesitter::enclosing_function) else {
                break;
            };
            if outer.id() == func.id() {
                break;
            }
            func = outer;
        }
        out
    }

    /// The file's text.
    pub fn src(&self) -> &'t str {
        self.src
    }

    /// The value assigned to `name` in `func` by the last assignment that starts before
    /// `at`: `const x = …`, `x = …` (Python), or the initializer of a destructuring that
    /// binds it.
    pub fn resolve(&self, func: Node<'t>, name: &str, at: usize) -> Option<Node<'t>> {
        let bindings = self.bindings_of(func);
        let list = bindings.by_name.get(name)?;
        let before = list.partition_point(|(start, _)| *start < at);
        before.checked_sub(1).map(|i| list[i].1)
    }

    /// Every value assigned to `name` in `func` by an assignment that starts before `at`,
    /// in source order (`let x = …` and each later `x = …`).
    pub fn assignments(&self, func: Node<'t>, name: &str, at: usize) -> Vec<Node<'t>> {
        let bindings = self.bindings_of(func);
        let Some(list) = bindings.by_name.get(name) else {
            return Vec::new();
        };
        let before = list.partition_point(|(start, _)| *start < at);
        list[..before].iter().map(|(_, v)| *v).collect()
    }

    fn bindings_of(&self, func: Node<'t>) -> Rc<Bindings<'t>> {
        if let Some(b) = self.bindings.borrow().get(&func.id()) {
            return b.clone();
        }
        let b = Rc::new(collect_bindings(func, self.src));
        self.bindings.borrow_mut().insert(func.id(), b.clone());
        b
    }

    /// The answer to `question` about the whole file, computed by `answer` the first time
    /// only (a search of the file's text that rules would otherwise run per node).
    pub fn once_per_file(&self, question: &'static str, answer: impl FnOnce() -> bool) -> bool {
        let key = (self::question(question), usize::MAX);
        if let Some(&known) = self.per_node.borrow().get(&key) {
            return known;
        }
        let value = answer();
        self.per_node.borrow_mut().insert(key, value);
        value
    }

    /// The answer to `question` about `node`, computed by `answer` the first time only.
    pub fn once_per_node(
        &self,
        question: &'static str,
        node: Node<'_>,
        answer: impl FnOnce() -> bool,
    ) -> bool {
        let key = (self::question(question), node.id());
        if let Some(&known) = self.per_node.borrow().get(&key) {
            return known;
        }
        let value = answer();
        self.per_node.borrow_mut().insert(key, value);
        value
    }
}

impl FileIndex<'_> {
    /// The answer to `question` about `node`, of any type that owns its data, computed by
    /// `answer` the first time only (a rule asking about every earlier query of a
    /// function for each query of it asks each once).
    pub fn memo<T: 'static>(
        &self,
        question: &'static str,
        node: Node<'_>,
        answer: impl FnOnce() -> T,
    ) -> Rc<T> {
        let key = (self::question(question), node.id());
        if let Some(known) = self.memo.borrow().get(&key).cloned()
            && let Ok(v) = known.downcast::<T>()
        {
            return v;
        }
        let value = Rc::new(answer());
        self.memo.borrow_mut().insert(key, value.clone());
        value
    }
}

/// One walk of a function: every assignment with a value (see
/// [`treesitter::assignment`]), under each name its target binds.
fn collect_bindings<'t>(func: Node<'t>, src: &'t str) -> Bindings<'t> {
    let mut out = Bindings::default();
    walk_node(func, |n| {
        if let Some((names, value)) = treesitter::assignment(n, src) {
            for name in names {
                out.by_name
                    .entry(name)
                    .or_default()
                    .push((n.start_byte(), value));
            }
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::lang::treesitter::text;

    /// The index answers what a walk of the function up to the use answers, for every
    /// identifier of a function with reassignments, destructuring and nested functions.
    #[test]
    fn resolve_matches_a_walk_up_to_the_use() {
        let cases = [
            (
                Lang::TypeScript,
                "function f(req) {\n  let a = req.body;\n  const { b, c: [d] } = a;\n  a = b + d;\n  const g = () => { const a = 1; return a; };\n  return a + g();\n}\n",
            ),
            (
                Lang::Python,
                "def f(request):\n    a = request.json\n    b, c = a, 2\n    a = b\n    def g():\n        a = 1\n        return a\n    return a + c\n",
            ),
        ];
        for (lang, code) in cases {
            let tree = crate::lang::syntax::parse(lang, code).expect("parses");
            let ix = FileIndex::new(code);
            let mut funcs = Vec::new();
            treesitter::walk_node(tree.root_node(), |n| {
                if treesitter::is_function(n) {
                    funcs.push(n);
                }
            });
            let mut asked = 0;
            for func in funcs {
                treesitter::walk_node(func, |n| {
                    if n.kind_str() == "identifier" {
                        let name = text(n, code);
                        let walked = treesitter::resolve(func, name, n.start_byte(), code);
                        let indexed = ix.resolve(func, name, n.start_byte());
                        assert_eq!(
                            walked.map(|v| v.byte_range()),
                            indexed.map(|v| v.byte_range()),
                            "{name} at {}",
                            n.start_byte()
                        );
                        asked += usize::from(walked.is_some());
                    }
                });
            }
            assert!(asked >= 6, "{lang}: only {asked} identifiers resolved");
        }
    }
}
