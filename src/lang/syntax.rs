//! A file's syntax tree as rules read it: tree-sitter's tree copied, in one walk, into a
//! flat table of nodes in source order.
//!
//! Tree-sitter keeps no parent links and no field table per node: `Node::parent`
//! searches down from the root, `child_by_field_id` walks the children computing each
//! one's position, and every cursor step climbs through hidden nodes. Rules ask those
//! questions of most nodes they look at, and the answers cost more than the parse (a
//! profile of the benchmark put 54% of the time outside parsing in tree-sitter's node
//! API). Here each node knows its kind, field, byte range, parent and the last node of
//! its subtree, so a parent, a field, a child or a walk of a subtree are a few reads of
//! a table. The tree-sitter tree is kept for the declarative rules' queries.
//!
//! [`Node`] has the methods of `tree_sitter::Node` that rules use, with the same names
//! and meanings.

use std::ops::Range;
use std::sync::OnceLock;

use super::Lang;
use super::grammar;

/// No node (the root's parent).
const NONE: u32 = u32::MAX;

const NAMED: u8 = 1;
const EXTRA: u8 = 2;
const MISSING: u8 = 4;
const HAS_ERROR: u8 = 8;

/// One node of the table (laid out as `ShipsafeNode` of `flatten.c`, which fills it).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(C)]
struct Data {
    kind: u16,
    /// The field the node fills in its parent (0: none).
    field: u16,
    flags: u8,
    start: u32,
    end: u32,
    parent: u32,
    /// The last node of the subtree (the node itself for a leaf): the subtree of node
    /// `i` is `i..=last`, in source order.
    last: u32,
}

/// A parsed file: the table of its nodes and tree-sitter's tree.
pub struct Tree {
    nodes: Vec<Data>,
    grammar: &'static Grammar,
    ts: tree_sitter::Tree,
}

/// What a grammar names: node kinds by id, and its field ids by name.
pub struct Grammar {
    language: tree_sitter::Language,
    kinds: Vec<&'static str>,
}

/// The grammar of a language with a tree-sitter grammar, built once.
fn grammar_of(lang: Lang) -> Option<&'static Grammar> {
    static GRAMMARS: [OnceLock<Option<Grammar>>; 4] = [const { OnceLock::new() }; 4];
    let slot = match lang {
        Lang::TypeScript => 0,
        Lang::Tsx => 1,
        Lang::JavaScript => 2,
        Lang::Python => 3,
        _ => return None,
    };
    GRAMMARS[slot]
        .get_or_init(|| {
            let language = grammar::language(lang)?;
            let count = u16::try_from(language.node_kind_count()).unwrap_or(u16::MAX);
            let kinds = (0..count)
                .map(|k| language.node_kind_for_id(k).unwrap_or(""))
                .collect();
            Some(Grammar { language, kinds })
        })
        .as_ref()
}

impl Grammar {
    fn kind_name(&self, id: u16) -> &'static str {
        match self.kinds.get(id as usize) {
            Some(name) if !name.is_empty() => name,
            // the built-in kinds outside the grammar's table
            _ if id == u16::MAX => "ERROR",
            _ => self.language.node_kind_for_id(id).unwrap_or(""),
        }
    }

    fn field_id(&self, name: &'static str) -> u16 {
        grammar::field_id(&self.language, self as *const Grammar as usize, name).unwrap_or(0)
    }
}

/// Parses a file and builds its table.
pub fn parse(lang: Lang, text: &str) -> Result<Tree, String> {
    let ts = grammar::parse(lang, text)?;
    Tree::new(lang, ts).ok_or_else(|| format!("no tree-sitter grammar for {lang}"))
}

impl Tree {
    /// The table of a tree-sitter tree parsed with `lang`'s grammar.
    pub fn new(lang: Lang, ts: tree_sitter::Tree) -> Option<Tree> {
        let grammar = grammar_of(lang)?;
        let nodes = flatten(&ts).unwrap_or_else(|| walk(&ts));
        Some(Tree { nodes, grammar, ts })
    }

    pub fn root_node(&self) -> Node<'_> {
        Node { tree: self, i: 0 }
    }

    /// Tree-sitter's tree (for queries).
    pub fn ts(&self) -> &tree_sitter::Tree {
        &self.ts
    }

    /// Every node, in source order (pre-order).
    pub fn nodes(&self) -> impl Iterator<Item = Node<'_>> {
        (0..self.nodes.len() as u32).map(|i| Node { tree: self, i })
    }

    /// The node of the table that is tree-sitter's `node` (a query's capture).
    pub fn node_for(&self, node: tree_sitter::Node<'_>) -> Option<Node<'_>> {
        let (start, end, kind) = (
            offset(node.start_byte()),
            offset(node.end_byte()),
            node.kind_id(),
        );
        let from = self.nodes.partition_point(|d| d.start < start);
        (from..self.nodes.len())
            .take_while(|&i| self.nodes[i].start == start)
            .find(|&i| self.nodes[i].end == end && self.nodes[i].kind == kind)
            .map(|i| Node {
                tree: self,
                i: i as u32,
            })
    }
}

/// A byte offset as the table holds it (files are far smaller than 4 GiB).
/// The table through tree-sitter's public cursor: what [`flatten`] must fill, and its
/// stand-in when it cannot.
fn walk(ts: &tree_sitter::Tree) -> Vec<Data> {
    let mut nodes: Vec<Data> = Vec::with_capacity(ts.root_node().descendant_count());
    let mut open: Vec<u32> = Vec::new();
    let mut cursor = ts.walk();
    loop {
        let n = cursor.node();
        let i = nodes.len() as u32;
        let mut flags = 0;
        if n.is_named() {
            flags |= NAMED;
        }
        if n.is_extra() {
            flags |= EXTRA;
        }
        if n.is_missing() {
            flags |= MISSING;
        }
        if n.has_error() {
            flags |= HAS_ERROR;
        }
        nodes.push(Data {
            kind: n.kind_id(),
            field: cursor.field_id().map_or(0, |f| f.get()),
            flags,
            start: offset(n.start_byte()),
            end: offset(n.end_byte()),
            parent: open.last().copied().unwrap_or(NONE),
            last: i,
        });
        if cursor.goto_first_child() {
            open.push(i);
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return nodes;
            }
            let done = open.pop().unwrap_or(0);
            let last = nodes.len() as u32 - 1;
            nodes[done as usize].last = last;
        }
    }
}

unsafe extern "C" {
    /// `flatten.c`: fills `out` (room for `capacity` nodes) with the table of the tree
    /// whose root is `root`; the number of nodes, or `u32::MAX` if they do not fit.
    fn shipsafe_flatten(root: tree_sitter::ffi::TSNode, out: *mut Data, capacity: u32) -> u32;
}

/// The table, filled by one walk over tree-sitter's subtrees (`flatten.c`); `None` if
/// that walk does not find exactly the nodes tree-sitter counts.
fn flatten(ts: &tree_sitter::Tree) -> Option<Vec<Data>> {
    let root = ts.root_node();
    let count = root.descendant_count();
    let capacity = u32::try_from(count).ok().filter(|&c| c < u32::MAX)?;
    let mut nodes: Vec<Data> = Vec::with_capacity(count);
    // SAFETY: `root` is the root node of `ts`, alive for the call; `out` has room for
    // `capacity` nodes of `Data`'s C layout and `flatten.c` writes at most that many,
    // returning how many it wrote (all of them initialised) or `u32::MAX`.
    let filled = unsafe { shipsafe_flatten(root.into_raw(), nodes.as_mut_ptr(), capacity) };
    if filled != capacity {
        return None;
    }
    // SAFETY: the first `filled` nodes were written by `shipsafe_flatten`.
    unsafe { nodes.set_len(count) };
    Some(nodes)
}

fn offset(b: usize) -> u32 {
    u32::try_from(b).unwrap_or(u32::MAX)
}

/// Every text file under `testdata/`, with its path, for tests that hold a property on
/// real code.
#[cfg(test)]
pub(crate) fn testdata_files() -> Vec<(std::path::PathBuf, String)> {
    let mut files = Vec::new();
    let mut dirs = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/testdata"
    ))];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("testdata").flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                files.push((path, text));
            }
        }
    }
    files
}

/// Every TypeScript, JavaScript and Python file under `testdata/`, for tests that hold
/// a fast path to its plain version on real code.
#[cfg(test)]
pub(crate) fn fixture_sources() -> Vec<(Lang, String)> {
    let sources: Vec<(Lang, String)> = testdata_files()
        .into_iter()
        .filter_map(|(path, text)| {
            let lang = Lang::from_path(&path).filter(|l| grammar_of(*l).is_some())?;
            Some((lang, text))
        })
        .collect();
    assert!(
        sources.len() > 300,
        "the fixtures were read: {}",
        sources.len()
    );
    sources
}

/// A node of a [`Tree`].
#[derive(Clone, Copy)]
pub struct Node<'t> {
    tree: &'t Tree,
    i: u32,
}

impl std::fmt::Debug for Node<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{{Node {} {}..{}}}",
            self.kind(),
            self.start_byte(),
            self.end_byte()
        )
    }
}

impl PartialEq for Node<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.tree, other.tree) && self.i == other.i
    }
}

impl Eq for Node<'_> {}

impl<'t> Node<'t> {
    #[inline]
    fn data(&self) -> &'t Data {
        &self.tree.nodes[self.i as usize]
    }

    #[inline]
    fn at(&self, i: u32) -> Node<'t> {
        Node { tree: self.tree, i }
    }

    /// An id unique among the nodes of the trees alive (the address of its entry).
    #[inline]
    pub fn id(&self) -> usize {
        self.data() as *const Data as usize
    }

    /// Its place in its tree's table (source order).
    #[inline]
    pub fn index(&self) -> usize {
        self.i as usize
    }

    /// The tree it belongs to.
    pub fn tree(&self) -> &'t Tree {
        self.tree
    }

    #[inline]
    pub fn kind_id(&self) -> u16 {
        self.data().kind
    }

    #[inline]
    pub fn kind(&self) -> &'static str {
        self.tree.grammar.kind_name(self.data().kind)
    }

    /// The node's kind (the name rules have used since nodes were tree-sitter's).
    #[inline]
    pub fn kind_str(&self) -> &'static str {
        self.kind()
    }

    #[inline]
    pub fn start_byte(&self) -> usize {
        self.data().start as usize
    }

    #[inline]
    pub fn end_byte(&self) -> usize {
        self.data().end as usize
    }

    #[inline]
    pub fn byte_range(&self) -> Range<usize> {
        self.start_byte()..self.end_byte()
    }

    pub fn is_named(&self) -> bool {
        self.data().flags & NAMED != 0
    }

    pub fn is_extra(&self) -> bool {
        self.data().flags & EXTRA != 0
    }

    pub fn is_missing(&self) -> bool {
        self.data().flags & MISSING != 0
    }

    pub fn is_error(&self) -> bool {
        self.data().kind == u16::MAX
    }

    /// Whether the subtree holds a syntax error or a missing node.
    pub fn has_error(&self) -> bool {
        self.data().flags & HAS_ERROR != 0
    }

    #[inline]
    pub fn parent(&self) -> Option<Node<'t>> {
        let p = self.data().parent;
        (p != NONE).then(|| self.at(p))
    }

    /// The last node of the subtree, in source order (the node itself for a leaf).
    #[inline]
    pub fn last_descendant(&self) -> Node<'t> {
        self.at(self.data().last)
    }

    /// Whether `other` is this node or lies under it.
    #[inline]
    pub fn contains(&self, other: Node<'_>) -> bool {
        std::ptr::eq(self.tree, other.tree) && self.i <= other.i && other.i <= self.data().last
    }

    /// Every child, named or not, in order.
    #[inline]
    pub fn children(&self) -> Children<'t> {
        let d = self.data();
        Children {
            tree: self.tree,
            next: if d.last > self.i { self.i + 1 } else { NONE },
            end: d.last,
        }
    }

    /// The named children, in order.
    #[inline]
    pub fn named_children(&self) -> impl Iterator<Item = Node<'t>> + use<'t> {
        self.children().filter(Node::is_named)
    }

    pub fn named_child(&self, i: usize) -> Option<Node<'t>> {
        self.named_children().nth(i)
    }

    pub fn named_child_count(&self) -> usize {
        self.named_children().count()
    }

    /// The next node with the same parent.
    pub fn next_sibling(&self) -> Option<Node<'t>> {
        let p = self.parent()?;
        let next = self.data().last + 1;
        (next <= p.data().last).then(|| self.at(next))
    }

    pub fn next_named_sibling(&self) -> Option<Node<'t>> {
        let mut n = self.next_sibling()?;
        while !n.is_named() {
            n = n.next_sibling()?;
        }
        Some(n)
    }

    /// The first child in a field, by the field's name (tree-sitter's
    /// `child_by_field_name`).
    #[inline]
    pub fn field(&self, name: &'static str) -> Option<Node<'t>> {
        self.child_by_field_id(self.tree.grammar.field_id(name))
    }

    pub fn child_by_field_name(&self, name: &'static str) -> Option<Node<'t>> {
        self.field(name)
    }

    /// The first child in a field, by the field's id.
    #[inline]
    pub fn child_by_field_id(&self, id: u16) -> Option<Node<'t>> {
        if id == 0 {
            return None;
        }
        self.children()
            .find(|c| c.data().field == id && !c.is_extra())
    }

    /// The smallest node under this one that spans `start..end` (tree-sitter's
    /// `descendant_for_byte_range`).
    pub fn descendant_for_byte_range(&self, start: usize, end: usize) -> Option<Node<'t>> {
        let mut node = *self;
        'down: loop {
            for child in node.children() {
                let child_end = child.end_byte();
                if child_end < end || child_end <= start {
                    continue;
                }
                if start < child.start_byte() {
                    break;
                }
                node = child;
                continue 'down;
            }
            return Some(node);
        }
    }

    /// Every node of the subtree, this one first, in source order.
    #[inline]
    pub fn descendants(&self) -> impl Iterator<Item = Node<'t>> + use<'t> {
        let (tree, last) = (self.tree, self.data().last);
        (self.i..=last).map(move |i| Node { tree, i })
    }
}

/// The children of a node (see [`Node::children`]).
pub struct Children<'t> {
    tree: &'t Tree,
    /// The next child, or [`NONE`].
    next: u32,
    /// The last node of the parent's subtree.
    end: u32,
}

impl<'t> Iterator for Children<'t> {
    type Item = Node<'t>;

    #[inline]
    fn next(&mut self) -> Option<Node<'t>> {
        if self.next == NONE {
            return None;
        }
        let i = self.next;
        let after = self.tree.nodes[i as usize].last + 1;
        self.next = if after <= self.end { after } else { NONE };
        Some(Node { tree: self.tree, i })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every answer of the table is tree-sitter's, for every node of samples in each
    /// grammar (errors and missing nodes included).
    #[test]
    fn the_table_answers_what_tree_sitter_answers() {
        let samples = [
            (
                Lang::TypeScript,
                "export async function f(req: Request) {\n  const { a, b } = await req.json();\n  if (!a) { return new Response('no', { status: 400 }); }\n  // note\n  return db.from('t').select('*').eq('id', b).then((r) => r.data.map((x) => x.id));\n}\nclass C { m() { return [1, 2, 3].filter(Boolean); } }\nconst a: number = f(1, `x${y}`); if (a) { g<T>(a) } )",
            ),
            (
                Lang::Tsx,
                "export default function P() { return <div a={1}>{b}</ }",
            ),
            (
                Lang::JavaScript,
                "class A { #x = 1; m() { return this.#x ?? [1,,2] } } {\nfor (const [k, v] of Object.entries(o)) { /* c */ x[k] = v }",
            ),
            (
                Lang::Python,
                "@app.get('/x')\ndef f(a, *b, **c):\n    # c\n    x, y = a\n    return [x async for x in a] if b else c[\n",
            ),
        ];
        let fields = [
            "name",
            "value",
            "body",
            "function",
            "arguments",
            "left",
            "right",
            "object",
            "property",
            "key",
            "condition",
            "consequence",
            "alternative",
            "parameters",
            "operator",
            "attribute",
            "type",
            "decorator",
            "return_type",
            "pattern",
        ];
        for (lang, code) in samples {
            let table = parse(lang, code).expect("parses");
            let ts = table.ts();
            let mut ts_nodes = Vec::new();
            let mut cursor = ts.walk();
            'walk: loop {
                ts_nodes.push(cursor.node());
                if cursor.goto_first_child() {
                    continue;
                }
                while !cursor.goto_next_sibling() {
                    if !cursor.goto_parent() {
                        break 'walk;
                    }
                }
            }
            let ours: Vec<Node<'_>> = table.nodes().collect();
            assert_eq!(ours.len(), ts_nodes.len(), "{lang}");
            let same = |a: Option<Node<'_>>, b: Option<tree_sitter::Node<'_>>| {
                a.map(|n| (n.byte_range(), n.kind())) == b.map(|n| (n.byte_range(), n.kind()))
            };
            for (n, t) in ours.iter().zip(&ts_nodes) {
                assert_eq!(n.kind(), t.kind(), "{lang}");
                assert_eq!(n.byte_range(), t.byte_range(), "{lang} {n:?}");
                assert_eq!(
                    (
                        n.is_named(),
                        n.is_extra(),
                        n.is_missing(),
                        n.is_error(),
                        n.has_error()
                    ),
                    (
                        t.is_named(),
                        t.is_extra(),
                        t.is_missing(),
                        t.is_error(),
                        t.has_error()
                    ),
                    "{lang} {n:?}"
                );
                assert!(same(n.parent(), t.parent()), "{lang} parent of {n:?}");
                // tree-sitter skips a zero-width missing node as a next sibling
                if !n.next_sibling().is_some_and(|s| s.is_missing()) {
                    assert!(same(n.next_sibling(), t.next_sibling()), "{lang} {n:?}");
                }
                assert!(
                    same(n.next_named_sibling(), t.next_named_sibling()),
                    "{lang} {n:?}"
                );
                let tc: Vec<_> = t.children(&mut t.walk()).collect();
                let nc: Vec<_> = n.children().collect();
                assert_eq!(nc.len(), tc.len(), "{lang} children of {n:?}");
                for (a, b) in nc.iter().zip(&tc) {
                    assert!(same(Some(*a), Some(*b)), "{lang} child of {n:?}");
                }
                assert_eq!(n.named_child_count(), t.named_child_count(), "{lang} {n:?}");
                for f in fields {
                    assert!(
                        same(n.field(f), t.child_by_field_name(f)),
                        "{lang} field {f} of {n:?}"
                    );
                }
                for (s, e) in [
                    (n.start_byte(), n.start_byte()),
                    (n.start_byte(), n.end_byte()),
                ] {
                    assert!(
                        same(
                            table.root_node().descendant_for_byte_range(s, e),
                            ts.root_node().descendant_for_byte_range(s, e)
                        ),
                        "{lang} descendant for {s}..{e}"
                    );
                }
                assert_eq!(table.node_for(*t).map(|x| x.index()), Some(n.index()));
            }
        }
    }

    /// The one walk of `flatten.c` fills the table tree-sitter's cursor gives, node for
    /// node, on every TypeScript, JavaScript and Python file of the fixtures and on
    /// broken, deeply nested and aliased code.
    #[test]
    fn the_flat_walk_fills_what_the_cursor_walks() {
        let mut sources: Vec<(Lang, String)> = vec![
            (Lang::TypeScript, "f(".repeat(3000)),
            (
                Lang::Python,
                format!("x = {}1{}\n", "[".repeat(500), "]".repeat(500)),
            ),
            (
                Lang::Tsx,
                "<A>{b && <B c={d} />}</A>; <>x</>; export default () => <div".into(),
            ),
            (
                Lang::JavaScript,
                "`a${b`c${d}`}` /re/g; a?.b?.(); #!x\n".into(),
            ),
            (
                Lang::Python,
                "match x:\n    case [1, *r] if r: pass\nprint f\n".into(),
            ),
            (Lang::TypeScript, String::new()),
        ];
        sources.extend(fixture_sources());
        for (lang, text) in &sources {
            let ts = grammar::parse(*lang, text).expect("parses");
            let flat = flatten(&ts).expect("the flat walk fills the count");
            let walked = walk(&ts);
            assert_eq!(flat.len(), walked.len(), "{lang}: {text:.80}");
            for (i, (a, b)) in flat.iter().zip(&walked).enumerate() {
                assert_eq!(a, b, "{lang} node {i}: {text:.80}");
            }
        }
    }
}
