//! Running a compiled declarative rule over one file.
use tree_sitter::{QueryCursor, StreamingIterator};

use crate::lang::syntax::Tree;

use super::compile::{DeclarativeRule, Matcher};
use crate::lang::{Lang, Syntax, treesitter};
use crate::rules::{FileCx, Rule, RuleMeta, Sink};

impl Rule for DeclarativeRule {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check_file(&self, cx: &FileCx<'_>, out: &mut Sink) {
        // an archived migration is never applied: its schema is not the database's
        if cx.lang == crate::lang::Lang::Sql && crate::facts::schema::archived_migration(cx.path) {
            return;
        }
        for pattern in &self.patterns {
            let Matcher::Regex(re) = &pattern.matcher else {
                continue;
            };
            if !pattern.langs.contains(&cx.lang) {
                continue;
            }
            let message = pattern.message.as_deref().unwrap_or(&self.message);
            for caps in re.captures_iter(cx.text()) {
                let Some(m) = caps.name("report").or_else(|| caps.get(0)) else {
                    continue;
                };
                if m.start() == m.end() || in_comment(cx, m.start()) {
                    continue;
                }
                out.report(m.range(), message);
            }
        }
        let (Syntax::TreeSitter(tree), Some(q)) = (cx.syntax, self.queries.get(&cx.lang)) else {
            return;
        };
        let src = cx.text();
        // the parts whose required text the file holds
        let live: Vec<bool> = q
            .parts
            .iter()
            .map(|p| {
                p.as_ref()
                    .is_some_and(|p| p.prefilter.iter().all(|r| r.is_match(src)))
            })
            .collect();
        if !live.contains(&true) {
            return;
        }
        let mut cursor = QueryCursor::new();
        let mut matches = cursor.matches(&q.query, tree.ts().root_node(), src.as_bytes());
        while let Some(m) = matches.next() {
            let Some(&part_no) = q.part_of.get(m.pattern_index) else {
                continue;
            };
            let (true, Some(part)) = (live[part_no], &q.parts[part_no]) else {
                continue;
            };
            let ok = part.constraints.iter().all(|(idx, must, not)| {
                let mut nodes = m.nodes_for_capture_index(*idx).peekable();
                nodes.peek().is_some()
                    && nodes.all(|n| {
                        let t = capture_text(tree, n, src);
                        must.as_ref().is_none_or(|r| r.is_match(&t))
                            && not.as_ref().is_none_or(|r| !r.is_match(&t))
                    })
            });
            if !ok {
                continue;
            }
            if let Some(node) = m.nodes_for_capture_index(part.report).next() {
                let message = part.message.as_deref().unwrap_or(&self.message);
                out.report(node.byte_range(), message);
            }
        }
    }
}

/// A capture's text, string quotes removed.
fn capture_text(tree: &Tree, capture: tree_sitter::Node<'_>, src: &str) -> String {
    let node = tree.node_for(capture);
    match node.and_then(|n| treesitter::string_value(n, src)) {
        Some((v, _)) => v,
        None => src.get(capture.byte_range()).unwrap_or("").to_string(),
    }
}

/// Whether an offset of a code file lies in a comment.
fn in_comment(cx: &FileCx<'_>, offset: usize) -> bool {
    match cx.syntax {
        Syntax::TreeSitter(tree) => {
            let mut node = tree.root_node().descendant_for_byte_range(offset, offset);
            while let Some(n) = node {
                if n.kind_str() == "comment" {
                    return true;
                }
                node = n.parent();
            }
            false
        }
        _ if matches!(cx.lang, Lang::Json) => false,
        _ => cx
            .comments()
            .iter()
            .any(|r| r.start <= offset && offset < r.end),
    }
}
