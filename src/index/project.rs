//! The project index: every file's [`ModuleSummary`] joined across files. It answers
//! which definition a name in a file refers to (through imports, re-exports, namespace
//! imports and `mod`s), who calls a function (the call graph, built on first use), and
//! which request handlers the project serves, under which full paths and behind which
//! middleware.

use std::cell::OnceCell;
use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::resolve::{ReadFile, Resolver, parent};
use super::summary::{ModuleSummary, Mount, Route};
use crate::lang::Lang;

/// A function, by the file that defines it and its name there (`Class.method` for a
/// method).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct DefId {
    pub file: String,
    pub name: String,
}

/// A call of a function from somewhere in the project.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CallSite {
    pub file: String,
    /// The calling function, `None` at module level.
    pub caller: Option<String>,
    pub line: usize,
}

/// A request handler with everything that decides how a request reaches it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Endpoint {
    pub framework: String,
    pub method: String,
    /// The full path, with the prefixes of the routers it is mounted under.
    pub path: String,
    /// The file that registers the route.
    pub file: String,
    pub line: usize,
    /// The handler function, when it is a named function of the project.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handler: Option<DefId>,
    /// Middleware, dependencies and guards in front of it, outermost first: app and
    /// router middleware, then the route's own.
    pub middleware: Vec<String>,
}

/// Every file's summary and the resolution of names between them.
pub struct ProjectIndex {
    files: BTreeMap<String, (Lang, ModuleSummary)>,
    resolver: Resolver,
    callers: OnceCell<HashMap<DefId, Vec<CallSite>>>,
    /// (module, name it exports) → the modules that import that name (`*` for a
    /// namespace import), resolved once: see [`ProjectIndex::importers`].
    importers: OnceCell<HashMap<(String, String), Vec<String>>>,
    /// Every mount of a router, resolved once: see [`ProjectIndex::mounted_under`].
    mounts: OnceCell<Vec<MountEdge>>,
    /// module → the barrels that export its names again (`export { x } from "./m"`,
    /// `export * from "./m"`), resolved once: see [`ProjectIndex::reexports`].
    reexports: OnceCell<HashMap<String, Vec<Reexport>>>,
}

/// A name a barrel exports from another module: (the barrel, the name it exports, the
/// module's own name for it); `None` names for `export * from`, which passes every name
/// on as it is.
type Reexport = (String, Option<(String, String)>);

/// A router mounted under another: (the mounted router's file and owner, the outer
/// router's file and owner, the mount's file, its index in that file's mounts).
type MountEdge = ((String, String), (String, String), String, usize);

/// Whether a framework loads a file by its path and calls what it exports: Next.js
/// route handlers, pages, layouts and middleware, `pages/` and `api/` folders, SvelteKit
/// and Remix route modules, serverless function folders.
fn loaded_by_path(file: &str) -> bool {
    let p = format!("/{file}");
    let name = p.rsplit('/').next().unwrap_or("");
    let stem = name.split('.').next().unwrap_or(name);
    matches!(
        stem,
        "route" | "page" | "layout" | "middleware" | "+server" | "+page"
    ) || ["/pages/", "/api/", "/routes/", "/functions/"]
        .iter()
        .any(|d| p.contains(d))
}

/// How deep re-exports and mounts are followed.
const MAX_HOPS: usize = 8;

impl ProjectIndex {
    /// The index of the given summaries; `read` reads config files (tsconfig.json) by
    /// their path from the project root.
    pub fn new(
        summaries: impl IntoIterator<Item = (String, Lang, ModuleSummary)>,
        all_files: impl IntoIterator<Item = String>,
        read: ReadFile,
    ) -> Self {
        let files: BTreeMap<String, (Lang, ModuleSummary)> =
            summaries.into_iter().map(|(p, l, s)| (p, (l, s))).collect();
        ProjectIndex {
            resolver: Resolver::new(all_files, read),
            files,
            callers: OnceCell::new(),
            importers: OnceCell::new(),
            mounts: OnceCell::new(),
            reexports: OnceCell::new(),
        }
    }

    pub fn summary(&self, file: &str) -> Option<&ModuleSummary> {
        self.files.get(file).map(|(_, s)| s)
    }

    fn lang(&self, file: &str) -> Option<Lang> {
        self.files.get(file).map(|(l, _)| *l)
    }

    /// The file an import in `from` names.
    pub fn module(&self, from: &str, spec: &str) -> Option<String> {
        self.resolver.module(from, self.lang(from)?, spec)
    }

    /// The Next.js layouts around a file of an `app/` folder, nearest first: every
    /// `layout.tsx` (or `.jsx`, `.ts`, `.js`) from its own folder up to `app/`.
    pub fn next_layouts(&self, file: &str) -> Vec<String> {
        let segments: Vec<&str> = file.split('/').collect();
        let Some(app) = segments.iter().rposition(|s| *s == "app") else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for end in (app + 1..segments.len()).rev() {
            let dir = segments[..end].join("/");
            for ext in ["tsx", "jsx", "ts", "js"] {
                let layout = format!("{dir}/layout.{ext}");
                if layout != file && self.files.contains_key(&layout) {
                    out.push(layout);
                }
            }
        }
        out
    }

    /// The function `name` refers to in `file`: defined there, exported under another
    /// name, imported, or re-exported from elsewhere.
    pub fn definition(&self, file: &str, name: &str) -> Option<DefId> {
        self.definition_in(file, name, 0)
    }

    fn definition_in(&self, file: &str, name: &str, hops: usize) -> Option<DefId> {
        if hops > MAX_HOPS {
            return None;
        }
        let (lang, s) = self.files.get(file)?;
        if s.functions.iter().any(|f| f.name == name) {
            return Some(DefId {
                file: file.to_string(),
                name: name.to_string(),
            });
        }
        // an import binding of that name
        for imp in &s.imports {
            for (imported, local) in &imp.names {
                if local != name {
                    continue;
                }
                if imported == "*" {
                    return None;
                }
                let target = self.resolver.module(file, *lang, &imp.spec);
                if let Some(t) = &target
                    && let Some(d) = self.exported(t, imported, hops + 1)
                {
                    return Some(d);
                }
                // `from pkg import module` names a module, not a function
                if *lang == Lang::Python {
                    return None;
                }
                if *lang == Lang::Rust
                    && let Some((f, rest)) = self
                        .resolver
                        .rust(file, &format!("{}::{imported}", imp.spec))
                    && let Some(item) = rest.last()
                {
                    return self.definition_in(&f, item, hops + 1);
                }
                return None;
            }
        }
        // exported under this name from a local or another module
        self.exported(file, name, hops + 1)
            .filter(|d| d.file != file || d.name != name)
    }

    /// What `file` exports as `name`.
    fn exported(&self, file: &str, name: &str, hops: usize) -> Option<DefId> {
        if hops > MAX_HOPS {
            return None;
        }
        let (lang, s) = self.files.get(file)?;
        for e in &s.exports {
            if e.name != name {
                continue;
            }
            match (&e.from, &e.local) {
                (Some(spec), local) => {
                    let target = self.resolver.module(file, *lang, spec)?;
                    let inner = local.as_deref().unwrap_or(name);
                    return self.exported(&target, inner, hops + 1);
                }
                (None, Some(local)) if local != name => {
                    return self.definition_in(file, local, hops + 1);
                }
                (None, Some(local)) => {
                    if s.functions.iter().any(|f| &f.name == local) {
                        return Some(DefId {
                            file: file.to_string(),
                            name: local.clone(),
                        });
                    }
                    return self.definition_in(file, local, hops + 1);
                }
                (None, None) => return None,
            }
        }
        if s.functions.iter().any(|f| f.name == name) && matches!(lang, Lang::Python | Lang::Rust) {
            return Some(DefId {
                file: file.to_string(),
                name: name.to_string(),
            });
        }
        // imported and exported again (`__init__.py`, `import { a } …; export { a }`)
        if s.imports
            .iter()
            .any(|i| i.names.iter().any(|(_, l)| l == name))
        {
            return self.definition_in(file, name, hops + 1);
        }
        for e in &s.exports {
            if e.name == "*"
                && let Some(spec) = &e.from
                && let Some(target) = self.resolver.module(file, *lang, spec)
                && let Some(d) = self.exported(&target, name, hops + 1)
            {
                return Some(d);
            }
        }
        None
    }

    /// The function a call in `file` reaches: `f(…)`, `ns.f(…)` through a namespace
    /// import or a Python module, `this.f(…)` / `self.f(…)` in a method, `m::f(…)`.
    pub fn callee(&self, file: &str, caller: Option<&str>, callee: &str) -> Option<DefId> {
        let (lang, s) = self.files.get(file)?;
        let sep = if *lang == Lang::Rust { "::" } else { "." };
        let parts: Vec<&str> = callee.split(sep).collect();
        match parts.as_slice() {
            [name] => self.definition(file, name),
            [this, method] if matches!(*this, "this" | "self" | "Self") => {
                let class = caller?.rsplit_once('.')?.0;
                let name = format!("{class}.{method}");
                s.functions.iter().any(|f| f.name == name).then(|| DefId {
                    file: file.to_string(),
                    name,
                })
            }
            [first, rest @ ..] => {
                let last = rest.last()?;
                if *lang == Lang::Rust {
                    let (f, items) = self.rust_path(file, callee)?;
                    let item = items.last().map_or(*last, String::as_str);
                    return self.definition(&f, item);
                }
                // a static method of a class of this file: `Service.run`
                let whole = parts.join(".");
                if s.functions.iter().any(|f| f.name == whole) {
                    return Some(DefId {
                        file: file.to_string(),
                        name: whole,
                    });
                }
                let module = self.namespace(file, first)?;
                // `pkg.module.f` -> deeper modules of a Python package
                let mut module = module;
                for seg in &rest[..rest.len() - 1] {
                    module = self
                        .resolver
                        .module(&module, *lang, &format!(".{seg}"))
                        .or_else(|| self.resolver.module(&module, *lang, &format!("./{seg}")))?;
                }
                self.exported(&module, last, 1)
            }
            [] => None,
        }
    }

    /// The module a namespace binding names: `import * as db`, `const db = require(…)`,
    /// Python `import db` / `from app import db` (a module), a Rust `mod`.
    fn namespace(&self, file: &str, local: &str) -> Option<String> {
        let (lang, s) = self.files.get(file)?;
        for imp in &s.imports {
            for (imported, l) in &imp.names {
                if l != local {
                    continue;
                }
                if imported == "*" {
                    return self.resolver.module(file, *lang, &imp.spec);
                }
                if *lang == Lang::Python {
                    let spec = if imp.spec.ends_with('.') {
                        format!("{}{imported}", imp.spec)
                    } else {
                        format!("{}.{imported}", imp.spec)
                    };
                    return self.resolver.module(file, *lang, &spec);
                }
                return None;
            }
        }
        None
    }

    /// A Rust call path through `use` and `mod`: the module file and the items after it.
    fn rust_path(&self, file: &str, path: &str) -> Option<(String, Vec<String>)> {
        let (first, rest) = path.split_once("::")?;
        if matches!(first, "crate" | "self" | "super") {
            return self.resolver.rust(file, path);
        }
        let s = self.summary(file)?;
        for imp in &s.imports {
            for (imported, local) in &imp.names {
                if local == first {
                    let full = if imported == "*" {
                        format!("{}::{rest}", imp.spec)
                    } else {
                        format!("{}::{imported}::{rest}", imp.spec)
                    };
                    let full = if imported == "*" && imp.spec.starts_with("self::") {
                        format!("{}::{rest}", imp.spec)
                    } else {
                        full
                    };
                    return self.resolver.rust(file, &full);
                }
            }
        }
        None
    }

    /// Whether `name`, exported by `file`, is imported somewhere and only by modules that
    /// run on the server: `"use server"` modules, route handlers and middleware, modules
    /// that import `server-only`, tests and scripts, and plain `.ts`/`.js` modules (no directive)
    /// whose exports are in turn imported only by those, followed up to [`MAX_HOPS`] plain
    /// modules deep. A component (`.tsx`, `.jsx`) or a `"use client"` module may hand the
    /// function to the browser.
    pub fn only_server_imports(&self, file: &str, name: &str) -> bool {
        let importers = self.importers(file, name);
        let mut seen = vec![file.to_string()];
        !importers.is_empty() && importers.iter().all(|i| self.server_bound(i, 0, &mut seen))
    }

    /// Whether module `file` hands nothing to the browser: it is a server module, test
    /// code or a script of the project's `scripts/` (which ship in no bundle), or a plain
    /// module whose exports are imported, and only by such modules.
    fn server_bound(&self, file: &str, hops: usize, seen: &mut Vec<String>) -> bool {
        if self.server_module(file)
            || crate::facts::client::test_path(file)
            || crate::facts::client::script_path(file)
        {
            return true;
        }
        if !self.plain_module(file) || hops >= MAX_HOPS {
            return false;
        }
        if seen.iter().any(|s| s == file) {
            // a cycle of plain modules: judged by the importers met outside it
            return true;
        }
        seen.push(file.to_string());
        let theirs: Vec<String> = self
            .summary(file)
            .map(|s| s.exports.iter().map(|e| e.name.clone()).collect())
            .unwrap_or_default();
        let up: Vec<String> = theirs
            .iter()
            .flat_map(|n| self.importers(file, n))
            .collect();
        !up.is_empty() && up.iter().all(|u| self.server_bound(u, hops + 1, seen))
    }

    /// Every module that can call the function `name` exported by `file`, with the
    /// forms it calls it by there (`helper`, `db.helper` through a namespace import),
    /// following re-exports (`export { helper } from "./x"`, `export * from "./x"`).
    /// `None` when that cannot be told: a browser module (`"use client"`) imports it, or
    /// a module re-exports it under a name nothing imports (an entry point's export).
    pub fn import_uses(&self, file: &str, name: &str) -> Option<Vec<(String, Vec<String>)>> {
        let mut out: Vec<(String, Vec<String>)> = Vec::new();
        self.import_uses_in(file, name, 0, &mut out, &mut 0)?;
        for (_, forms) in &mut out {
            forms.sort();
            forms.dedup();
        }
        Some(out)
    }

    fn import_uses_in(
        &self,
        file: &str,
        name: &str,
        hops: usize,
        out: &mut Vec<(String, Vec<String>)>,
        found: &mut usize,
    ) -> Option<()> {
        if hops > MAX_HOPS {
            return None;
        }
        for importer in self.importers(file, name) {
            let (lang, s) = self.files.get(&importer)?;
            if s.directive.as_deref() == Some("use client") {
                return None;
            }
            let mut forms: Vec<String> = Vec::new();
            for imp in &s.imports {
                if self.resolver.module(&importer, *lang, &imp.spec).as_deref() != Some(file) {
                    continue;
                }
                for (imported, local) in &imp.names {
                    if imported == name {
                        forms.push(local.clone());
                    } else if imported == "*" {
                        forms.push(format!("{local}.{name}"));
                    }
                }
            }
            // imported and exported again: `import { helper } …; export { helper }`
            for e in &s.exports {
                if e.from.is_none() && e.local.as_ref().is_some_and(|l| forms.contains(l)) {
                    self.reexported(&importer, &e.name, hops, out, found)?;
                }
            }
            if !forms.is_empty() {
                *found += 1;
                match out.iter_mut().find(|(f, _)| *f == importer) {
                    Some((_, known)) => known.extend(forms),
                    None => out.push((importer, forms)),
                }
            }
        }
        // `export { helper } from "./x"`, `export * from "./x"`
        let barrels: Vec<(&str, &str)> = self
            .reexports(file)
            .iter()
            .filter_map(|(barrel, names)| match names {
                None => Some((barrel.as_str(), name)),
                Some((exported, inner)) => (inner == name).then_some((barrel, exported.as_str())),
            })
            .collect();
        for (barrel, exported_as) in barrels {
            self.reexported(barrel, exported_as, hops, out, found)?;
        }
        Some(())
    }

    /// The uses of a function `barrel` exports again as `name`: nothing importing it
    /// from a file a framework loads by its path (a route's handler, a page) means it is
    /// exported for the framework, which cannot be told; from a library's barrel
    /// (`lib/audit/index.ts`), that nothing uses it.
    fn reexported(
        &self,
        barrel: &str,
        name: &str,
        hops: usize,
        out: &mut Vec<(String, Vec<String>)>,
        found: &mut usize,
    ) -> Option<()> {
        let before = *found;
        self.import_uses_in(barrel, name, hops + 1, out, found)?;
        (*found > before || !loaded_by_path(barrel)).then_some(())
    }

    /// The barrels that export names of `file` again, in the order of their paths.
    fn reexports(&self, file: &str) -> &[Reexport] {
        let map = self.reexports.get_or_init(|| {
            let mut map: HashMap<String, Vec<Reexport>> = HashMap::new();
            for (barrel, (lang, s)) in &self.files {
                for e in &s.exports {
                    let Some(spec) = &e.from else { continue };
                    let Some(target) = self.resolver.module(barrel, *lang, spec) else {
                        continue;
                    };
                    let names = (e.name != "*")
                        .then(|| (e.name.clone(), e.local.clone().unwrap_or(e.name.clone())));
                    map.entry(target).or_default().push((barrel.clone(), names));
                }
            }
            map
        });
        map.get(file).map_or(&[], Vec::as_slice)
    }

    /// The modules that import `name` (or everything, `*`) from `file`.
    fn importers(&self, file: &str, name: &str) -> Vec<String> {
        let map = self.importers.get_or_init(|| {
            let mut map: HashMap<(String, String), Vec<String>> = HashMap::new();
            for (from, (lang, s)) in &self.files {
                for imp in &s.imports {
                    let Some(target) = self.resolver.module(from, *lang, &imp.spec) else {
                        continue;
                    };
                    if target == *from {
                        continue;
                    }
                    for (n, _) in &imp.names {
                        let importers = map.entry((target.clone(), n.clone())).or_default();
                        if !importers.contains(from) {
                            importers.push(from.clone());
                        }
                    }
                }
            }
            map
        });
        let mut out: Vec<String> = [name, "*"]
            .iter()
            .filter_map(|n| map.get(&(file.to_string(), n.to_string())))
            .flatten()
            .cloned()
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// A module that runs on the server only: a `"use server"` module, one that imports
    /// `server-only`, or one whose path says so (see [`crate::facts::client::server_path`]).
    fn server_module(&self, file: &str) -> bool {
        self.summary(file).is_some_and(|s| {
            s.directive.as_deref() == Some("use server")
                || s.imports.iter().any(|i| i.spec == "server-only")
                || crate::facts::client::server_path(file)
        })
    }

    /// A `.ts`/`.js` module with no directive: server or client code, as its importers are.
    fn plain_module(&self, file: &str) -> bool {
        self.summary(file).is_some_and(|s| s.directive.is_none())
            && [".ts", ".js", ".mjs", ".cjs"]
                .iter()
                .any(|e| file.ends_with(e))
    }

    /// Who calls a function, across the project.
    pub fn callers(&self, def: &DefId) -> &[CallSite] {
        self.callers
            .get_or_init(|| self.call_graph())
            .get(def)
            .map_or(&[], Vec::as_slice)
    }

    fn call_graph(&self) -> HashMap<DefId, Vec<CallSite>> {
        let mut graph: HashMap<DefId, Vec<CallSite>> = HashMap::new();
        for (file, (_, s)) in &self.files {
            for c in &s.calls {
                let caller = c
                    .caller
                    .and_then(|i| s.functions.get(i as usize))
                    .map(|f| f.name.clone());
                if let Some(def) = self.callee(file, caller.as_deref(), &c.callee) {
                    graph.entry(def).or_default().push(CallSite {
                        file: file.clone(),
                        caller,
                        line: c.line,
                    });
                }
            }
        }
        graph
    }

    /// Every request handler of the project with its full path and middleware, in file
    /// and line order.
    pub fn endpoints(&self) -> Vec<Endpoint> {
        let mut out = Vec::new();
        for (file, (_, s)) in &self.files {
            for r in &s.routes {
                out.push(self.endpoint(file, s, r));
            }
        }
        out
    }

    fn endpoint(&self, file: &str, s: &ModuleSummary, r: &Route) -> Endpoint {
        let mut prefix = String::new();
        let mut middleware: Vec<String> = Vec::new();
        // the router the route is registered on: its own declaration, then what mounts
        // it, outward
        let container = owner_or_function(s, &r.owner, r.line);
        let mut at = (file.to_string(), container);
        // middleware registered with `use` applies to what is registered after it
        let mut before_line = r.line;
        for _ in 0..MAX_HOPS {
            let Some(ms) = self.summary(&at.0) else { break };
            for m in ms.mounts.iter().filter(|m| m.declares && m.owner == at.1) {
                prefix = join_paths(&m.prefix, &prefix);
                middleware.splice(0..0, m.targets.iter().cloned());
            }
            // middleware the owner itself uses: `app.use(auth)`, `app.use("/api", auth)`
            let full = join_paths(&prefix, &r.path);
            let own: Vec<String> = ms
                .mounts
                .iter()
                .filter(|m| !m.declares && m.owner == at.1 && !at.1.is_empty())
                .filter(|m| m.line < before_line)
                .filter(|m| full.starts_with(&m.prefix) || m.prefix.is_empty())
                .flat_map(|m| m.targets.iter())
                .filter(|t| !self.is_router(&at.0, t))
                .cloned()
                .collect();
            middleware.splice(0..0, own);
            let Some((next, m)) = self.mounted_under(&at.0, &at.1) else {
                break;
            };
            prefix = join_paths(&m.prefix, &prefix);
            let before: Vec<String> = m
                .targets
                .iter()
                .filter(|t| !self.is_router(&next.0, t))
                .cloned()
                .collect();
            middleware.splice(0..0, before);
            before_line = m.line;
            at = next;
        }
        if r.framework == "next" {
            middleware.splice(0..0, self.next_middleware(file, &r.path));
        }
        for m in &r.middleware {
            match m.strip_prefix('?') {
                Some(alias) => middleware.extend(self.alias(file, alias, 0)),
                None => middleware.push(m.clone()),
            }
        }
        middleware.dedup();
        if r.framework == "supabase" {
            middleware.insert(0, self.supabase_gateway(file));
        }
        let handler = if r.handler.is_empty() {
            s.functions
                .iter()
                .find(|f| f.name.is_empty() && f.line == r.handler_line)
                .map(|_| DefId {
                    file: file.to_string(),
                    name: String::new(),
                })
        } else {
            self.callee(file, None, &r.handler)
        };
        // a Django view's decorators and mixins; a FastAPI/Flask route has them already
        if matches!(r.framework.as_str(), "django" | "axum" | "actix")
            && let Some(def) = &handler
            && let Some(f) = self
                .summary(&def.file)
                .and_then(|s| s.functions.iter().find(|f| f.name == def.name))
        {
            middleware.extend(f.guards.iter().cloned());
        }
        Endpoint {
            framework: r.framework.clone(),
            method: r.method.clone(),
            path: join_paths(&prefix, &r.path),
            file: file.to_string(),
            line: r.line,
            handler,
            middleware,
        }
    }

    /// Whether the Supabase gateway checks a caller's JWT before an edge function runs:
    /// yes unless the project's `supabase/config.toml` sets `verify_jwt = false` for it.
    fn supabase_gateway(&self, file: &str) -> String {
        let Some((base, rest)) = file.split_once("supabase/functions/") else {
            return String::new();
        };
        let name = rest.split('/').next().unwrap_or(rest);
        let config = format!("{base}supabase/config.toml");
        let off = self.resolver.read(&config).is_some_and(|t| {
            crate::lang::supabase_config::functions_without_jwt_check(&t)
                .iter()
                .any(|f| f == name)
        });
        if off {
            "no gateway JWT check (verify_jwt = false)".into()
        } else {
            "Supabase gateway JWT check".into()
        }
    }

    /// What a dependency alias stands for (`CurrentUser` ->
    /// `Depends(get_current_user)`), defined in `file` or imported into it.
    fn alias(&self, file: &str, name: &str, hops: usize) -> Option<String> {
        let (lang, s) = self.files.get(file)?;
        if let Some((_, deps)) = s.aliases.iter().find(|(n, _)| n == name) {
            return Some(deps.clone());
        }
        if hops > MAX_HOPS {
            return None;
        }
        let imp = s
            .imports
            .iter()
            .find_map(|i| i.names.iter().find(|(_, l)| l == name).map(|(n, _)| (i, n)))?;
        let target = self.resolver.module(file, *lang, &imp.0.spec)?;
        self.alias(&target, imp.1, hops + 1)
    }

    /// Whether a mount target names a router (something with routes or mounts of its
    /// own) rather than a middleware.
    fn is_router(&self, file: &str, target: &str) -> bool {
        self.router_of(file, target).is_some()
    }

    /// The (file, owner) a mount target names when it is a router: a local router
    /// object, an imported one (by its exported name or as a module's default), an
    /// axum router function, a Django urlconf module.
    fn router_of(&self, file: &str, target: &str) -> Option<(String, String)> {
        let has_routes = |f: &str, owner: &str| {
            self.summary(f).is_some_and(|s| {
                s.routes.iter().any(|r| {
                    r.owner == owner
                        || (r.owner.is_empty()
                            && s.function_at(r.line)
                                .is_some_and(|i| s.functions[i].name == owner))
                }) || s
                    .mounts
                    .iter()
                    .any(|m| m.owner == owner && !owner.is_empty())
            })
        };
        if has_routes(file, target) {
            return Some((file.to_string(), target.to_string()));
        }
        let (lang, s) = self.files.get(file)?;
        // a Django urlconf module: `include("app.urls")`
        if *lang == Lang::Python
            && target.ends_with("urls")
            && !target.contains('(')
            && let Some(f) = self.resolver.module(file, *lang, target)
        {
            return Some((f, String::new()));
        }
        // an axum router function in another module
        if *lang == Lang::Rust
            && let Some(def) = self.callee(file, None, target)
            && has_routes(&def.file, &def.name)
        {
            return Some((def.file, def.name));
        }
        let (head, member) = target.split_once('.').unwrap_or((target, ""));
        // Python `from .routes import items` then `items.router`
        if *lang == Lang::Python
            && !member.is_empty()
            && let Some(sub) = self.namespace(file, head)
            && has_routes(&sub, member)
        {
            return Some((sub, member.to_string()));
        }
        for imp in &s.imports {
            for (imported, local) in &imp.names {
                if local != head {
                    continue;
                }
                let module = self.resolver.module(file, *lang, &imp.spec)?;
                let name = if !member.is_empty() {
                    member.to_string()
                } else {
                    imported.clone()
                };
                let ms = self.summary(&module)?;
                // the exported router's local name
                let local_name = ms
                    .exports
                    .iter()
                    .find(|e| e.name == name || (name == "*" && e.name == "default"))
                    .and_then(|e| e.local.clone())
                    .unwrap_or(name);
                if has_routes(&module, &local_name) {
                    return Some((module, local_name));
                }
                return None;
            }
        }
        None
    }

    /// The mount that puts router `owner` of `file` under another router: (the outer
    /// router, the mount).
    fn mounted_under(&self, file: &str, owner: &str) -> Option<((String, String), &Mount)> {
        let edges = self.mounts.get_or_init(|| self.mount_edges());
        let ((_, _), outer, f, i) = edges.iter().find(|((tf, to), _, f, i)| {
            let m = &self.files[f].1.mounts[*i];
            tf == file && to == owner && !(f == file && m.owner == owner)
        })?;
        Some((outer.clone(), &self.files[f].1.mounts[*i]))
    }

    /// Every (router, mount) pair of the project, in file and mount order: the routers
    /// a mount's targets name, resolved once for all endpoints.
    fn mount_edges(&self) -> Vec<MountEdge> {
        let mut out = Vec::new();
        for (f, (_, s)) in &self.files {
            for (i, m) in s.mounts.iter().enumerate() {
                if m.declares {
                    continue;
                }
                let outer = owner_or_function(s, &m.owner, m.line);
                for t in &m.targets {
                    if let Some(inner) = self.router_of(f, t) {
                        out.push((inner, (f.clone(), outer.clone()), f.clone(), i));
                    }
                }
            }
        }
        out
    }

    /// The Next.js middleware that runs before a route: a `middleware.ts` beside (or one
    /// folder above) the `app/` or `pages/` folder, when its matcher covers the path.
    fn next_middleware(&self, file: &str, path: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut dir = parent(file);
        loop {
            for (f, (_, s)) in self.files.range(dir.to_string()..) {
                if !f.starts_with(dir) {
                    break;
                }
                let rest = f[dir.len()..].trim_start_matches('/');
                let local = !rest.contains('/')
                    || rest.starts_with("src/") && rest.matches('/').count() == 1;
                if !local {
                    continue;
                }
                if let Some(matcher) = &s.next_middleware
                    && (matcher.is_empty() || matcher.iter().any(|m| matches_next(m, path)))
                {
                    out.push(format!("{f} (Next.js middleware)"));
                }
            }
            if !out.is_empty() || dir.is_empty() {
                return out;
            }
            dir = parent(dir);
        }
    }
}

/// Whether a Next.js matcher covers a path: `/dashboard/:path*` covers `/dashboard/x`;
/// a pattern with a regular expression group (`/((?!_next|static).*)`) is taken to
/// cover application routes, which is what such patterns are written for.
fn matches_next(pattern: &str, path: &str) -> bool {
    if pattern.contains('(') {
        return !path.starts_with("/_next");
    }
    let fixed = pattern.split("/:").next().unwrap_or(pattern);
    if pattern.contains("/:") {
        path == fixed || path.starts_with(&format!("{}/", fixed.trim_end_matches('/')))
    } else {
        path == pattern
    }
}

/// `/api` + `/items` -> `/api/items`.
fn join_paths(prefix: &str, path: &str) -> String {
    if prefix.is_empty() {
        return path.to_string();
    }
    if path.is_empty() {
        return prefix.to_string();
    }
    format!(
        "{}/{}",
        prefix.trim_end_matches('/'),
        path.trim_start_matches('/')
    )
}

/// The router a route or mount is registered on: its owner as written, else the function
/// around its line (`""` at module level).
fn owner_or_function(s: &ModuleSummary, owner: &str, line: usize) -> String {
    if owner.is_empty() {
        s.function_at(line)
            .map(|i| s.functions[i].name.clone())
            .unwrap_or_default()
    } else {
        owner.to_string()
    }
}
