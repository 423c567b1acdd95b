//! Parsing one file, once: tree-sitter for TypeScript/JavaScript and Python, `syn` for
//! Rust, nothing for text formats; with the notes a reader needs (syntax errors, files
//! that could not be parsed).

use crate::finding::Note;
use crate::lang::{Lang, Syntax, rust, syntax, treesitter};
use crate::source::SourceText;

/// A file parsed once per scan: its text, its tree and what parsing noted.
pub struct ParsedFile {
    pub src: SourceText,
    pub syntax: Syntax,
    pub notes: Vec<Note>,
}

impl ParsedFile {
    /// The tree-sitter tree, when the file has one.
    pub fn tree(&self) -> Option<&crate::lang::syntax::Tree> {
        match &self.syntax {
            Syntax::TreeSitter(t) => Some(t),
            _ => None,
        }
    }
}

/// Parses a file's text (BOM already dropped).
pub fn parse_file(rel: &str, lang: Lang, text: String) -> ParsedFile {
    let src = SourceText::new(text);
    let mut notes = Vec::new();
    let syntax = parse(rel, lang, &src, &mut notes);
    ParsedFile { src, syntax, notes }
}

fn parse(rel: &str, lang: Lang, src: &SourceText, notes: &mut Vec<Note>) -> Syntax {
    let mut fail = |message: String, offset: Option<usize>| {
        notes.push(Note {
            path: rel.to_string(),
            line: offset.map(|o| src.line_col(o).0),
            message,
        });
    };
    if lang.uses_tree_sitter() {
        match syntax::parse(lang, &src.text) {
            Ok(tree) => {
                if tree.root_node().has_error()
                    && let Some(at) = first_error(&tree, &src.text)
                {
                    fail(
                        format!(
                            "{lang} syntax error: parsed with recovery, some rules may miss code nearby"
                        ),
                        Some(at),
                    );
                }
                Syntax::TreeSitter(tree)
            }
            Err(m) => {
                fail(
                    format!("cannot parse as {lang}: {m}; only text rules ran"),
                    None,
                );
                Syntax::None
            }
        }
    } else if lang == Lang::Rust {
        match rust::parse(src) {
            Ok(file) => Syntax::Rust(Box::new(file)),
            Err((m, at)) => {
                fail(
                    format!("cannot parse as Rust: {m}; only text rules ran"),
                    Some(at),
                );
                Syntax::None
            }
        }
    } else {
        Syntax::None
    }
}

/// The first syntax error worth a note. The TSX/JSX grammars reject a bare `&` in JSX
/// text and attribute strings (`<p>R&D</p>`, `href="?a=1&b=2"`), which is valid code;
/// errors that only hold such an `&` are not reported.
fn first_error(tree: &crate::lang::syntax::Tree, text: &str) -> Option<usize> {
    let mut found = None;
    treesitter::walk_tree(tree, |n| {
        if found.is_some() || !(n.is_error() || n.is_missing()) {
            return;
        }
        let t = treesitter::text(n, text);
        let in_jsx = || {
            let mut p = n.parent();
            while let Some(x) = p {
                if x.kind_str().starts_with("jsx") {
                    return true;
                }
                p = x.parent();
            }
            false
        };
        if n.is_error() && (t.starts_with('&') || (t.contains('&') && in_jsx())) {
            return;
        }
        found = Some(n.start_byte());
    });
    found
}

/// A file whose lines average over 1000 characters is minified or generated.
pub fn looks_minified(text: &str) -> bool {
    text.len() > 20_000 && text.len() / text.lines().count().max(1) > 1000
}
