//! The per-file index: answers rules ask of a whole file, computed once per file and
//! shared by every rule that asks, instead of each query searching the text again.
//!
//! - where a name got its value in a function ([`FileIndex::resolve`]): the function's
//!   bindings are collected in one walk the first time any name in it is asked for,
//!   instead of walking the function's text up to each use;
//! - the file's service-role Supabase clients;
//! - yes/no answers about a node that many of its children ask ([`FileIndex::once_per_node`]).

use std::cell::{Cell, OnceCell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use tree_sitter::{Node, Tree};

use crate::lang::treesitter::{self, NodeExt, walk_node};

/// What is known of one file beyond its text and tree. Filled on first use.
pub struct FileIndex<'t> {
    src: &'t str,
    /// The bindings of each function asked about, by the function node's id.
    bindings: RefCell<HashMap<usize, Rc<Bindings<'t>>>>,
    /// The names the file assigns from an expression that mentions the service role
    /// (`const admin = createClient(url, SERVICE_ROLE_KEY)`).
    pub service_role_names: OnceCell<HashSet<String>>,
    /// Yes/no answers about one node, by question and node id: asked again for each
    /// child of a large node (each string of a 5,000-key object asks whether the object
    /// is a Firebase config), answered once.
    per_node: RefCell<HashMap<(&'static str, usize), bool>>,
    /// Answers of any type about one node, by question and node id.
    memo: RefCell<HashMap<(&'static str, usize), Answer>>,
    /// During [`FileIndex::walk`]: the node being visited and its ancestors, root first.
    /// Tree-sitter finds a node's parent by searching down from the root; rules walking
    /// up from the node they are shown get it from here instead.
    current: Cell<Option<Node<'t>>>,
    path: RefCell<Vec<Node<'t>>>,
    /// The tree's root, when the file has a tree.
    root: Option<Node<'t>>,
    /// Every node's parent, by node id: built in one walk once rules have asked for the
    /// parents of enough nodes off the walk's path (each of which tree-sitter finds by
    /// searching down from the root).
    parents: OnceCell<HashMap<usize, Node<'t>>>,
    /// How many parents of nodes off the walk's path were asked for.
    off_path: Cell<usize>,
    /// The nodes of some kinds in a function, by function id and kind list (its address
    /// and length).
    of_kinds: RefCell<HashMap<KindsKey, Rc<[Node<'t>]>>>,
}

/// A function's id and a list of kinds (its address and length).
type KindsKey = (usize, usize, usize);

/// An answer of any type, kept by [`FileIndex::memo`].
type Answer = Rc<dyn std::any::Any>;

/// The assignments in a function (nested functions included), by the name they bind:
/// where each starts and the value assigned, in source order.
#[derive(Default)]
struct Bindings<'t> {
    by_name: HashMap<&'t str, Vec<(usize, Node<'t>)>>,
}

impl<'t> FileIndex<'t> {
    pub fn new(src: &'t str, tree: Option<&'t Tree>) -> Self {
        FileIndex {
            src,
            bindings: Default::default(),
            service_role_names: OnceCell::new(),
            per_node: Default::default(),
            memo: Default::default(),
            current: Cell::new(None),
            path: RefCell::new(Vec::new()),
            root: tree.map(Tree::root_node),
            parents: OnceCell::new(),
            off_path: Cell::new(0),
            of_kinds: Default::default(),
        }
    }

    /// Every node of the tree, depth first, keeping the path to the node being visited
    /// for [`FileIndex::parent`] and [`FileIndex::enclosing_function`].
    pub fn walk(&self, tree: &'t Tree, mut visit: impl FnMut(Node<'t>)) {
        let mut cursor = tree.walk();
        self.path.borrow_mut().clear();
        loop {
            let node = cursor.node();
            self.current.set(Some(node));
            visit(node);
            if cursor.goto_first_child() {
                self.path.borrow_mut().push(node);
                continue;
            }
            loop {
                if cursor.goto_next_sibling() {
                    break;
                }
                if !cursor.goto_parent() {
                    self.current.set(None);
                    self.path.borrow_mut().clear();
                    return;
                }
                self.path.borrow_mut().pop();
            }
        }
    }

    /// A node's parent: from the walk's path when the node is the one being visited or
    /// one of its ancestors, else from tree-sitter.
    pub fn parent(&self, n: Node<'t>) -> Option<Node<'t>> {
        let path = self.path.borrow();
        if self.current.get().is_some_and(|c| c.id() == n.id()) {
            return path.last().copied();
        }
        match path.iter().rposition(|a| a.id() == n.id()) {
            Some(i) => i.checked_sub(1).map(|j| path[j]),
            None => self.parent_off_path(n),
        }
    }

    /// The parent of a node off the walk's path: from tree-sitter for the first few, then
    /// from a table of every node's parent built in one walk of the tree.
    fn parent_off_path(&self, n: Node<'t>) -> Option<Node<'t>> {
        if let Some(table) = self.parents.get() {
            return table.get(&n.id()).copied();
        }
        // a node under the one being visited (an argument of the call a rule is shown):
        // searched down from there, a few levels, not from the root
        if let Some(cur) = self.current.get()
            && cur.start_byte() <= n.start_byte()
            && n.end_byte() <= cur.end_byte()
            && cur.id() != n.id()
        {
            let mut above = cur;
            while let Some(next) = above.child_with_descendant(n) {
                if next.id() == n.id() {
                    return Some(above);
                }
                above = next;
            }
        }
        let asked = self.off_path.get() + 1;
        self.off_path.set(asked);
        let Some(root) = self.root.filter(|_| asked > 16 + self.src.len() / 128) else {
            return n.parent();
        };
        let table = self.parents.get_or_init(|| {
            let mut table = HashMap::new();
            let mut cursor = root.walk();
            let mut stack: Vec<Node<'t>> = Vec::new();
            loop {
                let node = cursor.node();
                if let Some(&p) = stack.last() {
                    table.insert(node.id(), p);
                }
                if cursor.goto_first_child() {
                    stack.push(node);
                    continue;
                }
                loop {
                    if cursor.goto_next_sibling() {
                        break;
                    }
                    if !cursor.goto_parent() {
                        return table;
                    }
                    stack.pop();
                }
            }
        });
        table.get(&n.id()).copied()
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

    /// The innermost function around a node, or the root (see
    /// [`treesitter::enclosing_function`]), from the walk's path when it can.
    pub fn enclosing_function(&self, n: Node<'t>) -> Node<'t> {
        let path = self.path.borrow();
        let above = if self.current.get().is_some_and(|c| c.id() == n.id()) {
            Some(path.len())
        } else {
            path.iter().rposition(|a| a.id() == n.id())
        };
        match above {
            Some(i) => path[..i]
                .iter()
                .rev()
                .find(|a| treesitter::is_function(**a))
                .or(path.first())
                .copied()
                .unwrap_or(n),
            None => {
                drop(path);
                let mut cur = n;
                while let Some(p) = self.parent(cur) {
                    if treesitter::is_function(p) {
                        return p;
                    }
                    cur = p;
                }
                cur
            }
        }
    }

    /// The functions around a node, innermost first (a callback, then the handler that
    /// defines it), at most `depth` of them; the root is not one.
    pub fn enclosing_functions(&self, n: Node<'t>, depth: usize) -> Vec<Node<'t>> {
        let mut out = Vec::new();
        let mut func = self.enclosing_function(n);
        while out.len() < depth && treesitter::is_function(func) {
            out.push(func);
            let Some(outer) = self.parent(func).map(|p| self.enclosing_function(p)) else {
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
        let key = (question, usize::MAX);
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
        let key = (question, node.id());
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
        let key = (question, node.id());
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
    use crate::lang::treesitter::{NodeExt, text};

    /// The table of parents answers what tree-sitter answers, for every node.
    #[test]
    fn parents_off_the_path_match_tree_sitter() {
        let code = "export async function f(req) {\n  const { a, b } = await req.json();\n  if (!a) { return new Response('no', { status: 400 }); }\n  return db.from('t').select('*').eq('id', b).then((r) => r.data.map((x) => x.id));\n}\nclass C { m() { return [1, 2, 3].filter(Boolean); } }\n";
        let tree = treesitter::parse(Lang::TypeScript, code).expect("parses");
        let ix = FileIndex::new(code, Some(&tree));
        let mut nodes = Vec::new();
        treesitter::walk_node(tree.root_node(), |n| nodes.push(n));
        assert!(nodes.len() > 100, "{}", nodes.len());
        for n in &nodes {
            assert_eq!(ix.parent(*n).map(|p| p.id()), n.parent().map(|p| p.id()));
            assert_eq!(
                ix.enclosing_function(*n).id(),
                treesitter::enclosing_function(*n).id()
            );
        }
        assert!(ix.parents.get().is_some(), "the table was not built");

        // during the walk, the parents of nodes under the one visited are searched down
        // from it
        let ix = FileIndex::new(code, Some(&tree));
        let mut asked = 0;
        ix.walk(&tree, |cur| {
            treesitter::walk_node(cur, |d| {
                if d.id() != cur.id() {
                    assert_eq!(ix.parent(d).map(|p| p.id()), d.parent().map(|p| p.id()));
                    asked += 1;
                }
            });
        });
        assert!(asked > 500, "{asked}");
    }

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
            let tree = treesitter::parse(lang, code).expect("parses");
            let ix = FileIndex::new(code, Some(&tree));
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
