//! The rules: one file per rule, named for its id, and the registry that lists them.
//!
//! A Rust rule is a unit struct implementing [`Rule`]; its documentation is a Markdown
//! file beside it. Declarative rules are YAML files under the top-level `rules/` folder,
//! embedded at build time (see [`declarative`]); users can add their own folder.

pub mod ai;
pub mod auth;
pub mod authz;
pub mod declarative;
pub mod gates;
pub mod payments;
pub mod secrets;
pub mod supabase;
pub mod tenant;
pub mod web;

use std::ops::Range;

use crate::facts::{FileFacts, ProjectFacts};
use crate::finding::Confidence;
pub use crate::finding::RuleMeta;
use crate::lang::rust::RustNode;
use crate::lang::{Lang, Syntax};
use crate::source::SourceText;

/// The rule's metadata; `docs` is the path of the Markdown file beside the rule.
#[macro_export]
macro_rules! rule_meta {
    (
        id: $id:literal, title: $title:literal, severity: $sev:ident, confidence: $conf:ident,
        tier: $tier:literal, cwe: [$($cwe:literal),*], languages: [$($lang:ident),*],
        why: $why:literal, fix: $fix:literal, docs: $docs:literal
        $(, skip: [$($skip:ident),*])? $(,)?
    ) => {
        $crate::finding::RuleMeta {
            id: $id.to_string(),
            title: $title.to_string(),
            severity: $crate::finding::Severity::$sev,
            confidence: $crate::finding::Confidence::$conf,
            tier: $tier,
            cwe: vec![$($cwe),*],
            languages: vec![$($crate::lang::Lang::$lang),*],
            why: $why.to_string(),
            fix: $fix.to_string(),
            docs: include_str!($docs).to_string(),
            skip: $crate::finding::FileKinds::named(&[$($(stringify!($skip)),*)?]),
        }
    };
}

/// A rule category's rules: declares each rule's module and lists the rules in order,
/// so that adding a rule is its file plus one line here (`module => Struct,`).
#[macro_export]
macro_rules! category {
    ($($module:ident => $rule:ident),* $(,)?) => {
        $(pub mod $module;)*

        /// The category's rules, in registry order.
        pub fn rules() -> Vec<Box<dyn $crate::rules::Rule>> {
            vec![$(Box::new($module::$rule::new())),*]
        }
    };
}

/// Declares a rule's unit-like struct holding its [`RuleMeta`], with `new()` and
/// `Default`; the metadata takes the fields of [`rule_meta!`].
#[macro_export]
macro_rules! declare_rule {
    ($(#[$attr:meta])* $name:ident { $($meta:tt)* }) => {
        $(#[$attr])*
        pub struct $name {
            meta: $crate::finding::RuleMeta,
        }

        impl $name {
            pub fn new() -> Self {
                $name { meta: $crate::rule_meta! { $($meta)* } }
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }
    };
}

/// Everything a rule may look at for one file. Rules never read the disk or print.
pub struct FileCx<'a> {
    /// POSIX path relative to the project root.
    pub path: &'a str,
    pub lang: Lang,
    pub src: &'a SourceText,
    pub syntax: &'a Syntax,
    pub facts: &'a ProjectFacts,
    pub file: &'a FileFacts,
    pub(crate) comments: std::cell::OnceCell<Vec<Range<usize>>>,
    /// Whether cross-tenant queries are expected here (see
    /// `rules::tenant::exempt_file`), asked by two rules on every query node.
    pub(crate) tenant_exempt: std::cell::OnceCell<bool>,
    /// Byte ranges of a Rust file's test code (`#[cfg(test)]` modules, `#[test]` fns).
    pub(crate) rust_tests: std::cell::OnceCell<Vec<Range<usize>>>,
    /// The queries each node starts (see `tenant::query::find_any`), by node id.
    pub(crate) tenant_queries: std::cell::RefCell<
        crate::index::file::Map<usize, std::rc::Rc<[tenant::query::TenantQuery<'a, 'a>]>>,
    >,
    /// Answers about the whole file, computed once and shared by the rules.
    pub index: crate::index::FileIndex<'a>,
}

impl<'a> FileCx<'a> {
    /// The context of one parsed file, with nothing computed yet.
    pub fn new(
        path: &'a str,
        lang: Lang,
        src: &'a SourceText,
        syntax: &'a Syntax,
        facts: &'a ProjectFacts,
        file: &'a FileFacts,
    ) -> Self {
        FileCx {
            path,
            lang,
            src,
            syntax,
            facts,
            file,
            comments: Default::default(),
            tenant_exempt: Default::default(),
            rust_tests: Default::default(),
            tenant_queries: Default::default(),
            index: crate::index::FileIndex::new(&src.text),
        }
    }

    pub fn text(&self) -> &str {
        &self.src.text
    }

    /// Byte ranges of the file's comments (computed on first use, for files without a
    /// tree-sitter tree).
    pub fn comments(&self) -> &[Range<usize>] {
        self.comments
            .get_or_init(|| crate::lang::comments::comment_ranges(self.lang, self.text()))
    }

    /// Whether a byte of a Rust file is in its unit tests: a `#[cfg(test)]` module or a
    /// `#[test]` function, where dummy tokens and passwords belong.
    pub fn in_rust_test(&self, at: usize) -> bool {
        let ranges = self.rust_tests.get_or_init(|| match self.syntax {
            crate::lang::Syntax::Rust(file) => crate::lang::rust::test_ranges(file, self.src),
            _ => Vec::new(),
        });
        ranges.iter().any(|r| r.contains(&at))
    }
}

/// A check. Rules say which tree-sitter node kinds they want and are shown each such
/// node in the engine's single walk of the file; Rust files are walked once with `syn`
/// and every [`RustNode`] is shown to [`Rule::check_rust`]; [`Rule::check_file`] runs
/// once per file for text-based checks.
pub trait Rule: Send + Sync {
    fn meta(&self) -> &RuleMeta;

    /// Tree-sitter node kinds this rule wants for a language (TS/TSX/JS or Python).
    fn node_kinds(&self, _lang: Lang) -> &'static [&'static str] {
        &[]
    }

    fn check_node<'a>(
        &self,
        _cx: &FileCx<'a>,
        _node: crate::lang::syntax::Node<'a>,
        _out: &mut Sink,
    ) {
    }

    /// Whether the rule wants Rust nodes.
    fn wants_rust(&self) -> bool {
        false
    }

    fn check_rust(&self, _cx: &FileCx<'_>, _node: RustNode<'_>, _out: &mut Sink) {}

    fn check_file(&self, _cx: &FileCx<'_>, _out: &mut Sink) {}
}

/// A finding as a rule reports it, before the engine adds location, snippet,
/// fingerprint and suppression.
#[derive(Clone, Debug)]
pub struct RawFinding {
    pub rule: usize,
    pub range: Range<usize>,
    pub message: String,
    /// Byte ranges of secret values to mask in every output.
    pub secrets: Vec<Range<usize>>,
    pub confidence: Option<Confidence>,
    /// Conditions the project index decides after the scan (see [`Condition`]).
    pub unless: Vec<crate::finding::Condition>,
    /// Other places of the same problem in the file, each with what it is.
    pub related: Vec<(Range<usize>, String)>,
}

/// Where rules put their findings.
#[derive(Default)]
pub struct Sink {
    pub(crate) current: usize,
    pub(crate) items: Vec<RawFinding>,
    /// Advice that is not a finding: (rule, where, message).
    pub(crate) notes: Vec<(usize, Range<usize>, String)>,
}

impl Sink {
    /// Reports a finding of the current rule at a byte range of the file.
    pub fn report(&mut self, range: Range<usize>, message: impl Into<String>) -> &mut RawFinding {
        self.items.push(RawFinding {
            rule: self.current,
            range,
            message: message.into(),
            secrets: Vec::new(),
            confidence: None,
            unless: Vec::new(),
            related: Vec::new(),
        });
        self.items.last_mut().expect("just pushed")
    }

    /// The finding the current rule reported earlier in this file, within `within`, that
    /// `same` accepts: for a rule that reports one problem once (one tenant value taken
    /// from the request, used by every query of a handler) rather than at each use.
    pub fn earlier(
        &mut self,
        within: Range<usize>,
        same: impl Fn(&RawFinding) -> bool,
    ) -> Option<&mut RawFinding> {
        let current = self.current;
        self.items.iter_mut().find(|i| {
            i.rule == current
                && within.start <= i.range.start
                && i.range.end <= within.end
                && same(i)
        })
    }

    /// Leaves a note of the current rule at a byte range: advice shown with the scan's
    /// notes, never a finding (it does not fail a build).
    pub fn note(&mut self, range: Range<usize>, message: impl Into<String>) {
        self.notes.push((self.current, range, message.into()));
    }
}

impl RawFinding {
    /// Marks a byte range as a secret value, to be masked in every output.
    pub fn secret(&mut self, range: Range<usize>) -> &mut Self {
        self.secrets.push(range);
        self
    }

    pub fn confidence(&mut self, c: Confidence) -> &mut Self {
        self.confidence = Some(c);
        self
    }

    /// Another place of the same problem: where its value comes from, a later use. Shown
    /// with the finding (a note in the text output, a SARIF related location); one place
    /// is named once.
    pub fn related(&mut self, range: Range<usize>, message: impl Into<String>) -> &mut Self {
        if range != self.range && !self.related.iter().any(|(r, _)| *r == range) {
            self.related.push((range, message.into()));
        }
        self
    }

    /// Withdrawn after the scan if any of these conditions holds.
    pub fn unless(&mut self, conditions: Vec<crate::finding::Condition>) -> &mut Self {
        self.unless.extend(conditions);
        self
    }
}

/// The built-in Rust rules, category by category; each category's `mod.rs` lists its
/// rules with [`category!`], one line per rule.
pub fn rust_rules() -> Vec<Box<dyn Rule>> {
    [
        secrets::rules(),
        supabase::rules(),
        auth::rules(),
        tenant::rules(),
        authz::rules(),
        payments::rules(),
        ai::rules(),
        web::rules(),
    ]
    .into_iter()
    .flatten()
    .collect()
}
