//! What one file tells the project index: its imports and exports, its functions and the
//! calls they make, and the request handlers and middleware it registers. Taken from
//! the tree the scan parsed anyway (one parse per file), kept small (names and lines, no
//! trees), stored in the results cache with the file's findings, and joined across files
//! by [`super::project::ProjectIndex`].

mod js;
mod python;
mod rust;

use serde::{Deserialize, Serialize};

use crate::lang::{Lang, Syntax};
use crate::source::SourceText;

/// The summary of one source file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModuleSummary {
    pub imports: Vec<Import>,
    pub exports: Vec<Export>,
    pub functions: Vec<Function>,
    pub calls: Vec<Call>,
    pub routes: Vec<Route>,
    pub mounts: Vec<Mount>,
    /// Module-level names for a dependency (`CurrentUser = Annotated[User,
    /// Depends(get_current_user)]`): (name, the dependencies as shown).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<(String, String)>,
    /// `"use client"` or `"use server"` when the module opens with one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub directive: Option<String>,
    /// The path patterns of a Next.js `middleware.ts` (its `config.matcher`); `Some` of an
    /// empty list when it runs on every path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_middleware: Option<Vec<String>>,
    /// Functions of this file that gate on a platform administrator (see
    /// [`crate::flow::guards::admin_gates`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub admin_gates: Vec<String>,
    /// Functions of this file that build a Supabase client with the service-role key
    /// (`getSupabaseClient` around `createClient(url, SERVICE_ROLE_KEY)`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_role_clients: Vec<String>,
}

/// One import: the module asked for as written (`./db`, `@/lib/auth`, `.models`,
/// `crate::auth`) and the names it binds here.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Import {
    pub spec: String,
    /// (name in the imported module, local name). The imported name is `default` for a
    /// default import and `*` for a namespace (`import * as db`, `import db`,
    /// `const db = require(...)`).
    pub names: Vec<(String, String)>,
    pub line: usize,
}

/// One exported name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Export {
    /// The name other modules import (`default` for a default export, `*` for
    /// `export * from`).
    pub name: String,
    /// The local binding it exports, when it is one of this file's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local: Option<String>,
    /// The module it re-exports from (`export { a } from "./b"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
}

/// A named function (or method, as `Class.method`), or an anonymous one that handles a
/// route (named `""`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Function {
    pub name: String,
    pub line: usize,
    pub end_line: usize,
    /// Python: the decorators of a function and the decorators and base classes of a
    /// class (`login_required`, `LoginRequiredMixin`), as shown.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub guards: Vec<String>,
}

/// A call whose callee is a name or a chain of names: `verify(…)`, `auth.check(…)`,
/// `crate::db::load(…)`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Call {
    /// The innermost function of [`ModuleSummary::functions`] around the call, by index;
    /// `None` at module level.
    pub caller: Option<u32>,
    pub callee: String,
    pub line: usize,
}

/// A request handler as the file registers it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Route {
    /// `express` (Express, Hono, Fastify and their kin), `next`, `supabase`, `fastapi`,
    /// `flask`, `django`, `axum`, `actix`.
    pub framework: String,
    /// `GET`, `POST`, …, `ANY`, or `ACTION` for a Next.js server action.
    pub method: String,
    /// The path as this file declares it (before prefixes from other files).
    pub path: String,
    /// The handler: a function name (or dotted/`::` path) as written, `""` when inline.
    pub handler: String,
    /// Where the handler function starts (the registration's line when unknown).
    pub handler_line: usize,
    pub line: usize,
    /// Middleware, dependencies and decorators on this route, as written.
    pub middleware: Vec<String>,
    /// The router or app object it is registered on (`router`, `app`, `bp`), for the
    /// prefixes other files mount it under; `""` for file-based routes.
    pub owner: String,
}

/// Middleware or a router mounted on an app or router: `app.use("/api", auth, router)`,
/// `app.include_router(router, prefix="/x")`, `Router::new().nest("/api", api())`,
/// Django `path("api/", include("app.urls"))`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mount {
    /// The app or router it is mounted on (`""` for a Django urlconf).
    pub owner: String,
    /// The owner's own declaration rather than something mounted on it: a FastAPI
    /// `APIRouter(prefix=…, dependencies=…)`, a Flask `Blueprint(url_prefix=…)` or its
    /// `before_request` hook. Its prefix and targets apply to the owner's routes.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub declares: bool,
    pub prefix: String,
    /// What is mounted, as written: a router's name, a middleware, a urlconf module.
    pub targets: Vec<String>,
    pub line: usize,
}

/// A summary being taken from a tree-sitter tree, node by node, in a walk the caller
/// already makes (the engine's one walk of each file for its rules).
pub struct Builder<'a>(Walker<'a>);

enum Walker<'a> {
    Js(js::Walk<'a>),
    Python(python::Walk<'a>),
}

impl Builder<'_> {
    /// Shown every node of the tree, in pre-order.
    pub fn visit(&mut self, n: crate::lang::syntax::Node<'_>) {
        match &mut self.0 {
            Walker::Js(w) => w.visit(n),
            Walker::Python(w) => w.visit(n),
        }
    }

    pub fn finish(self, path: &str) -> ModuleSummary {
        match self.0 {
            Walker::Js(w) => w.finish(path),
            Walker::Python(w) => w.finish(),
        }
    }
}

impl ModuleSummary {
    /// The summary of a parsed file; empty for languages without modules. Walks a
    /// tree-sitter tree itself: the engine uses [`ModuleSummary::builder`] in its walk.
    pub fn of(path: &str, lang: Lang, src: &SourceText, syntax: &Syntax) -> ModuleSummary {
        if let Some(mut b) = Self::builder(path, lang, src, syntax)
            && let Syntax::TreeSitter(tree) = syntax
        {
            crate::lang::treesitter::walk_tree(tree, |n| b.visit(n));
            return b.finish(path);
        }
        match (lang, syntax) {
            (Lang::Rust, Syntax::Rust(file)) => rust::summarize(file, src),
            _ => ModuleSummary::default(),
        }
    }

    /// A builder for a tree-sitter file's summary, to be shown every node of its tree.
    pub fn builder<'a>(
        path: &str,
        lang: Lang,
        src: &'a SourceText,
        syntax: &Syntax,
    ) -> Option<Builder<'a>> {
        match (lang, syntax) {
            (Lang::TypeScript | Lang::Tsx | Lang::JavaScript, Syntax::TreeSitter(tree)) => {
                Some(Builder(Walker::Js(js::Walk::new(path, tree, src))))
            }
            (Lang::Python, Syntax::TreeSitter(_)) => {
                Some(Builder(Walker::Python(python::Walk::new(path, src))))
            }
            _ => None,
        }
    }

    /// Drops the calls the project index could never resolve, and repeats of a call to a function of the
    /// project: methods of local values (`res.json()`, `supabase.from()`), globals
    /// (`console.log`, `JSON.parse`). Kept: calls of this file's functions and classes,
    /// of imported names and through them, and `this`/`self`/`crate` paths. Most calls of
    /// a file are of the first kind; a summary is kept for every file of the scan.
    fn keep_resolvable_calls(&mut self, sep: &str) {
        type Set<T> = std::collections::HashSet<T, foldhash::fast::FixedState>;
        let imported: Set<&str> = self
            .imports
            .iter()
            .flat_map(|i| i.names.iter().map(|(_, l)| l.as_str()))
            .collect();
        let defined: Set<&str> = self
            .functions
            .iter()
            .flat_map(|f| [f.name.as_str(), f.name.split('.').next().unwrap_or("")])
            .collect();
        // one call per caller and callee is all the call graph needs: the first
        let mut seen = Set::default();
        let keep: Vec<bool> = self
            .calls
            .iter()
            .map(|c| {
                let head = c.callee.split(sep).next().unwrap_or("");
                (matches!(head, "this" | "self" | "Self" | "super" | "crate")
                    || imported.contains(head)
                    || defined.contains(head)
                    || defined.contains(c.callee.as_str()))
                    && seen.insert((c.caller, c.callee.as_str()))
            })
            .collect();
        let mut keep = keep.into_iter();
        self.calls.retain(|_| keep.next().unwrap_or(false));
    }

    /// Only what resolves a name to its definition and what the definition is (imports,
    /// exports, the gate functions): what a scan keeps of every file to decide the
    /// findings' conditions, without the calls and routes `shipsafe routes` shows.
    /// A file without gates keeps no functions: a name that resolves into it reaches no
    /// gate either way.
    pub fn slim(mut self) -> ModuleSummary {
        self.calls = Vec::new();
        self.routes = Vec::new();
        self.mounts = Vec::new();
        self.aliases = Vec::new();
        if self.admin_gates.is_empty() && self.service_role_clients.is_empty() {
            self.functions = Vec::new();
        } else {
            self.functions.retain(|f| {
                self.admin_gates.contains(&f.name) || self.service_role_clients.contains(&f.name)
            });
            for f in &mut self.functions {
                f.guards = Vec::new();
            }
        }
        self.imports.shrink_to_fit();
        self.exports.shrink_to_fit();
        self
    }

    /// Whether the summary says nothing (most text formats).
    pub fn is_empty(&self) -> bool {
        self == &ModuleSummary::default()
    }

    /// The index of the function whose lines contain `line`, innermost first.
    pub fn function_at(&self, line: usize) -> Option<usize> {
        self.functions
            .iter()
            .enumerate()
            .filter(|(_, f)| f.line <= line && line <= f.end_line)
            .min_by_key(|(_, f)| f.end_line - f.line)
            .map(|(i, _)| i)
    }
}

/// A 1-based line number of a byte offset.
fn line_of(src: &SourceText, offset: usize) -> usize {
    src.line_col(offset).0
}
