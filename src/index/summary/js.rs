//! The summary of a TypeScript or JavaScript module, in one walk of its tree: ES imports
//! and exports, `require` and `module.exports`, functions and calls, Express-style route
//! registrations (Express, Hono, Fastify, Koa routers), Next.js route files, pages API
//! routes, server actions and middleware, Supabase edge functions.

use crate::lang::syntax::{Node, Tree};

use super::{Call, Export, Function, Import, ModuleSummary, Mount, Route, line_of};
use crate::lang::treesitter::{arguments, callee, name_chain, string_value, text};
use crate::source::SourceText;

const HTTP_METHODS: [&str; 7] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

impl<'a> Walk<'a> {
    pub(super) fn new(path: &str, tree: &Tree, src: &'a SourceText) -> Self {
        let text_all = src.text.as_str();
        let mut s = Walk {
            src,
            text: text_all,
            out: ModuleSummary::default(),
            pending_names: Default::default(),
            scopes: Vec::new(),
            classes: Vec::new(),
            handled: Vec::new(),
            edge_function: edge_function_name(path),
            middleware_file: is_next_middleware(path),
            matcher: Vec::new(),
            declared: Default::default(),
        };
        s.out.directive = directive(tree.root_node(), text_all);
        s
    }

    /// The summary, once every node has been visited.
    pub(super) fn finish(self, path: &str) -> ModuleSummary {
        let s = self;
        let mut out = s.out;
        if s.middleware_file
            && out
                .exports
                .iter()
                .any(|e| matches!(e.name.as_str(), "middleware" | "proxy" | "default"))
        {
            out.next_middleware = Some(s.matcher);
        }
        file_routes(path, &mut out);
        out.keep_resolvable_calls(".");
        out
    }
}

pub(super) struct Walk<'a> {
    src: &'a SourceText,
    text: &'a str,
    out: ModuleSummary,
    /// Names given to function nodes by what holds them (`const f = () => …`), by node id.
    pending_names: crate::index::file::Map<usize, String>,
    /// Recorded functions open at the current node: (end byte, index).
    scopes: Vec<(usize, u32)>,
    /// Classes open at the current node: (end byte, name).
    classes: Vec<(usize, &'a str)>,
    /// `require` calls already recorded with their bindings.
    handled: Vec<usize>,
    /// The function's name when the file is a Supabase edge function's.
    edge_function: Option<String>,
    /// Whether the file is a Next.js middleware (`middleware.ts`, `proxy.ts`).
    middleware_file: bool,
    /// The strings of the middleware's `config.matcher`.
    matcher: Vec<String>,
    /// Names declared with `const`/`let`/`function` so far (handlers defined as values).
    declared: std::collections::HashSet<String>,
}

impl<'a> Walk<'a> {
    fn line(&self, n: Node<'_>) -> usize {
        line_of(self.src, n.start_byte())
    }

    pub(super) fn visit<'t>(&mut self, n: Node<'t>) {
        let start = n.start_byte();
        while self.scopes.last().is_some_and(|(end, _)| *end <= start) {
            self.scopes.pop();
        }
        while self.classes.last().is_some_and(|(end, _)| *end <= start) {
            self.classes.pop();
        }
        match n.kind_str() {
            "import_statement" => self.import(n),
            "export_statement" => self.export(n),
            "class_declaration" | "class" | "abstract_class_declaration" => {
                if let Some(name) = n.field("name") {
                    self.classes.push((n.end_byte(), text(name, self.text)));
                }
            }
            "variable_declarator" => self.declarator(n),
            "assignment_expression" => self.commonjs_export(n),
            "call_expression" => self.call(n),
            _ => {}
        }
        if crate::lang::treesitter::is_function(n) {
            self.function(n);
        }
    }

    fn function<'t>(&mut self, n: Node<'t>) {
        let name = match n.kind_str() {
            "function_declaration" | "generator_function_declaration" => {
                n.field("name").map(|x| text(x, self.text).to_string())
            }
            "method_definition" => n.field("name").map(|x| {
                let m = text(x, self.text);
                match self.classes.last() {
                    Some((_, class)) => format!("{class}.{m}"),
                    None => m.to_string(),
                }
            }),
            _ => self.pending_names.remove(&n.id()),
        };
        let Some(name) = name else { return };
        let index = self.out.functions.len() as u32;
        self.out.functions.push(Function {
            name,
            line: self.line(n),
            end_line: line_of(self.src, n.end_byte()),
            guards: Vec::new(),
        });
        self.scopes.push((n.end_byte(), index));
    }

    fn import<'t>(&mut self, n: Node<'t>) {
        let Some(spec) = n.field("source").and_then(|s| string_value(s, self.text)) else {
            return;
        };
        let mut names = Vec::new();
        for clause in n.named_children() {
            if clause.kind_str() != "import_clause" {
                continue;
            }
            for part in clause.named_children() {
                match part.kind_str() {
                    "identifier" => {
                        names.push(("default".to_string(), text(part, self.text).to_string()))
                    }
                    "namespace_import" => {
                        if let Some(id) =
                            part.named_children().find(|c| c.kind_str() == "identifier")
                        {
                            names.push(("*".to_string(), text(id, self.text).to_string()));
                        }
                    }
                    "named_imports" => {
                        for spec in part.named_children() {
                            if spec.kind_str() != "import_specifier" {
                                continue;
                            }
                            let Some(name) = spec.field("name") else {
                                continue;
                            };
                            let name = unquote(text(name, self.text));
                            let local = spec
                                .field("alias")
                                .map_or(name.clone(), |a| text(a, self.text).to_string());
                            names.push((name, local));
                        }
                    }
                    _ => {}
                }
            }
        }
        self.out.imports.push(Import {
            spec: spec.0,
            names,
            line: self.line(n),
        });
    }

    fn export<'t>(&mut self, n: Node<'t>) {
        let from = n
            .field("source")
            .and_then(|s| string_value(s, self.text))
            .map(|(v, _)| v);
        let children: Vec<Node<'t>> = n.children().collect();
        let is_default = children.iter().any(|c| c.kind_str() == "default");
        if let Some(decl) = n.field("declaration") {
            for name in declared_names(decl, self.text) {
                let export = if is_default { "default" } else { name };
                self.out.exports.push(Export {
                    name: export.to_string(),
                    local: Some(name.to_string()),
                    from: None,
                });
            }
            return;
        }
        if is_default {
            let value = n.field("value");
            let local = match value {
                Some(v) if v.kind_str() == "identifier" => Some(text(v, self.text).to_string()),
                Some(v) if crate::lang::treesitter::is_function(v) => {
                    self.pending_names.insert(v.id(), "default".to_string());
                    Some("default".to_string())
                }
                _ => None,
            };
            self.out.exports.push(Export {
                name: "default".into(),
                local,
                from: None,
            });
            return;
        }
        let mut any = false;
        for c in &children {
            match c.kind_str() {
                "export_clause" => {
                    for spec in c.named_children() {
                        if spec.kind_str() != "export_specifier" {
                            continue;
                        }
                        let Some(name) = spec.field("name") else {
                            continue;
                        };
                        let name = unquote(text(name, self.text));
                        let exported = spec
                            .field("alias")
                            .map_or(name.clone(), |a| unquote(text(a, self.text)));
                        self.out.exports.push(Export {
                            name: exported,
                            local: Some(name),
                            from: from.clone(),
                        });
                        any = true;
                    }
                }
                "namespace_export" => {
                    let alias = c
                        .named_children()
                        .last()
                        .map(|a| unquote(text(a, self.text)));
                    if let Some(alias) = alias {
                        self.out.exports.push(Export {
                            name: alias,
                            local: Some("*".into()),
                            from: from.clone(),
                        });
                        any = true;
                    }
                }
                _ => {}
            }
        }
        if !any && from.is_some() && children.iter().any(|c| c.kind_str() == "*") {
            self.out.exports.push(Export {
                name: "*".into(),
                local: None,
                from,
            });
        }
    }

    fn declarator<'t>(&mut self, n: Node<'t>) {
        let (Some(name), Some(value)) = (n.field("name"), n.field("value")) else {
            return;
        };
        if name.kind_str() == "identifier" {
            self.declared.insert(text(name, self.text).to_string());
        }
        let value = unwrap_expression(value);
        if self.middleware_file && text(name, self.text) == "config" && value.kind_str() == "object"
        {
            crate::lang::treesitter::walk_node(value, |v| {
                if let Some((s, _)) = string_value(v, self.text)
                    && s.starts_with('/')
                {
                    self.matcher.push(s);
                }
            });
            return;
        }
        if crate::lang::treesitter::is_function(value) && name.kind_str() == "identifier" {
            self.pending_names
                .insert(value.id(), text(name, self.text).to_string());
            return;
        }
        // `const db = require("./db")`, `const { a, b: c } = require("./x")`, with await
        let Some(spec) = required_module(value, self.text) else {
            return;
        };
        let mut names = Vec::new();
        match name.kind_str() {
            "identifier" => names.push(("*".to_string(), text(name, self.text).to_string())),
            "object_pattern" => {
                for p in name.named_children() {
                    match p.kind_str() {
                        "shorthand_property_identifier_pattern" => {
                            let t = text(p, self.text).to_string();
                            names.push((t.clone(), t));
                        }
                        "pair_pattern" => {
                            if let (Some(k), Some(v)) = (p.field("key"), p.field("value"))
                                && v.kind_str() == "identifier"
                            {
                                names.push((
                                    unquote(text(k, self.text)),
                                    text(v, self.text).to_string(),
                                ));
                            }
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
        self.handled.push(value.start_byte());
        self.out.imports.push(Import {
            spec,
            names,
            line: self.line(n),
        });
    }

    /// `module.exports = x`, `module.exports = { a, b }`, `exports.a = …`.
    fn commonjs_export<'t>(&mut self, n: Node<'t>) {
        let (Some(left), Some(right)) = (n.field("left"), n.field("right")) else {
            return;
        };
        let target = text(left, self.text);
        if target == "module.exports" {
            if right.kind_str() == "object" {
                for p in right.named_children() {
                    match p.kind_str() {
                        "shorthand_property_identifier" => {
                            let t = text(p, self.text).to_string();
                            self.out.exports.push(Export {
                                name: t.clone(),
                                local: Some(t),
                                from: None,
                            });
                        }
                        "pair" => {
                            if let (Some(k), Some(v)) = (p.field("key"), p.field("value")) {
                                let key = unquote(text(k, self.text));
                                if crate::lang::treesitter::is_function(v) {
                                    self.pending_names.insert(v.id(), key.clone());
                                }
                                let local = (v.kind_str() == "identifier")
                                    .then(|| text(v, self.text).to_string())
                                    .or_else(|| {
                                        crate::lang::treesitter::is_function(v).then(|| key.clone())
                                    });
                                self.out.exports.push(Export {
                                    name: key,
                                    local,
                                    from: None,
                                });
                            }
                        }
                        _ => {}
                    }
                }
            } else {
                let local = if right.kind_str() == "identifier" {
                    Some(text(right, self.text).to_string())
                } else if crate::lang::treesitter::is_function(right) {
                    self.pending_names.insert(right.id(), "default".into());
                    Some("default".into())
                } else {
                    None
                };
                self.out.exports.push(Export {
                    name: "default".into(),
                    local,
                    from: None,
                });
            }
        } else if let Some(name) = target
            .strip_prefix("exports.")
            .or_else(|| target.strip_prefix("module.exports."))
            && is_identifier(name)
        {
            let local = if right.kind_str() == "identifier" {
                Some(text(right, self.text).to_string())
            } else if crate::lang::treesitter::is_function(right) {
                self.pending_names.insert(right.id(), name.to_string());
                Some(name.to_string())
            } else {
                None
            };
            self.out.exports.push(Export {
                name: name.to_string(),
                local,
                from: None,
            });
        }
    }

    fn call<'t>(&mut self, n: Node<'t>) {
        let Some(f) = callee(n) else { return };
        let args: Vec<Node<'t>> = arguments(n)
            .map(|a| {
                a.named_children()
                    .filter(|c| c.kind_str() != "comment")
                    .collect()
            })
            .unwrap_or_default();
        // `require("x")` not bound to a name, `import("x")`
        if f.kind_str() == "import" || text(f, self.text) == "require" {
            if !self.handled.contains(&n.start_byte())
                && let Some((spec, _)) = args.first().and_then(|a| string_value(*a, self.text))
            {
                self.out.imports.push(Import {
                    spec,
                    names: Vec::new(),
                    line: self.line(n),
                });
            }
            return;
        }
        let Some(name) = name_chain(f, self.text) else {
            return;
        };
        let caller = self.scopes.last().map(|(_, i)| *i);
        self.out.calls.push(Call {
            caller,
            callee: name.clone(),
            line: self.line(n),
        });
        let (owner, method) = name.rsplit_once('.').unwrap_or(("", name.as_str()));
        if let Some(edge) = &self.edge_function
            && matches!(name.as_str(), "Deno.serve" | "serve")
            && let Some(handler) = args.last()
        {
            let path = format!("/functions/v1/{edge}");
            self.route(n, "supabase", "ANY", path, *handler, Vec::new(), "");
            return;
        }
        if owner.is_empty() {
            return;
        }
        // decoded only for the methods that register routes or mounts
        let src = self.text;
        let first_string = || args.first().and_then(|a| string_value(*a, src));
        match method {
            "get" | "post" | "put" | "patch" | "delete" | "all" | "options" | "head" => {
                let Some((path, _)) = first_string() else {
                    return;
                };
                let Some(handler) = args.last().filter(|_| args.len() >= 2) else {
                    return;
                };
                let mut middleware = Vec::new();
                if !self.is_handler(*handler) {
                    return;
                }
                for m in &args[1..args.len() - 1] {
                    if m.kind_str() == "object" {
                        middleware.extend(fastify_hooks(*m, self.text));
                    } else {
                        middleware.push(shown(*m, self.text));
                    }
                }
                let method = if method == "all" {
                    "ANY".to_string()
                } else {
                    method.to_ascii_uppercase()
                };
                self.route(n, "express", &method, path, *handler, middleware, owner);
            }
            // `app.use(mw)`, `app.use("/api", auth, router)`, Hono `app.route("/x", sub)`,
            // Fastify `app.register(plugin, { prefix })`
            "use" | "route" | "register" => {
                if method == "route" && args.len() < 2 {
                    return;
                }
                let (prefix, rest) = match first_string() {
                    Some((p, _)) => (p, &args[1..]),
                    None => (String::new(), &args[..]),
                };
                let mut prefix = prefix;
                let mut targets = Vec::new();
                for a in rest {
                    if a.kind_str() == "object" {
                        for (k, v) in object_strings(*a, self.text) {
                            if k == "prefix" {
                                prefix = v;
                            }
                        }
                        continue;
                    }
                    targets.push(shown(*a, self.text));
                }
                if !targets.is_empty() {
                    self.out.mounts.push(Mount {
                        owner: owner.to_string(),
                        declares: false,
                        prefix,
                        targets,
                        line: self.line(n),
                    });
                }
            }
            _ => {}
        }
    }

    /// Whether a route registration's last argument is a handler: a function, or a name
    /// this file defines or imports. `api.post("/users", payload)` (an HTTP client)
    /// passes data instead.
    fn is_handler(&self, handler: Node<'_>) -> bool {
        let handler = unwrap_expression(handler);
        if crate::lang::treesitter::is_function(handler) {
            return true;
        }
        let Some(chain) = name_chain(handler, self.text) else {
            return handler.kind_str() == "call_expression";
        };
        let head = chain.split('.').next().unwrap_or(&chain);
        self.out
            .functions
            .iter()
            .any(|f| f.name == chain || f.name == head)
            || self
                .out
                .imports
                .iter()
                .any(|i| i.names.iter().any(|(_, l)| l == head))
            || self.pending_names.values().any(|n| n == head)
            || self.declared.contains(head)
    }

    #[allow(clippy::too_many_arguments)]
    fn route<'t>(
        &mut self,
        n: Node<'t>,
        framework: &str,
        method: &str,
        path: String,
        handler: Node<'t>,
        middleware: Vec<String>,
        owner: &str,
    ) {
        let handler = unwrap_expression(handler);
        let name = if crate::lang::treesitter::is_function(handler) {
            self.pending_names.entry(handler.id()).or_default();
            String::new()
        } else {
            name_chain(handler, self.text).unwrap_or_default()
        };
        self.out.routes.push(Route {
            framework: framework.to_string(),
            method: method.to_string(),
            path,
            handler: name,
            handler_line: self.line(handler),
            line: self.line(n),
            middleware,
            owner: owner.to_string(),
        });
    }
}

/// Routes a file declares by where it is: Next.js route files (their exported method
/// handlers), pages API routes, server actions; and a Next.js middleware's matcher.
fn file_routes(path: &str, out: &mut ModuleSummary) {
    let line_of_fn = |out: &ModuleSummary, local: &str| {
        out.functions
            .iter()
            .find(|f| f.name == local)
            .map(|f| f.line)
    };
    let mut routes = Vec::new();
    if let Some(route) = next_route_path(path) {
        for e in &out.exports {
            if e.from.is_none() && HTTP_METHODS.contains(&e.name.as_str()) {
                let local = e.local.clone().unwrap_or_default();
                let line = line_of_fn(out, &local).unwrap_or(0);
                routes.push(Route {
                    framework: "next".into(),
                    method: e.name.clone(),
                    path: route.clone(),
                    handler: local,
                    handler_line: line,
                    line,
                    middleware: Vec::new(),
                    owner: String::new(),
                });
            }
        }
    } else if let Some(route) = pages_api_path(path) {
        if let Some(e) = out.exports.iter().find(|e| e.name == "default") {
            let local = e.local.clone().unwrap_or_default();
            let line = line_of_fn(out, &local).unwrap_or(0);
            routes.push(Route {
                framework: "next".into(),
                method: "ANY".into(),
                path: route,
                handler: local,
                handler_line: line,
                line,
                middleware: Vec::new(),
                owner: String::new(),
            });
        }
    } else if out.directive.as_deref() == Some("use server") {
        for e in &out.exports {
            let Some(local) = e.local.clone().filter(|_| e.from.is_none()) else {
                continue;
            };
            let Some(line) = line_of_fn(out, &local) else {
                continue;
            };
            routes.push(Route {
                framework: "next".into(),
                method: "ACTION".into(),
                path: String::new(),
                handler: local,
                handler_line: line,
                line,
                middleware: Vec::new(),
                owner: String::new(),
            });
        }
    }
    out.routes.extend(routes);
}

/// `app/api/users/[id]/route.ts` -> `/api/users/[id]`.
pub(super) fn next_route_path(path: &str) -> Option<String> {
    let (dir, file) = path.rsplit_once('/').unwrap_or(("", path));
    let stem = file.split('.').next()?;
    if stem != "route" || !is_js_ext(file) {
        return None;
    }
    let segments: Vec<&str> = dir.split('/').collect();
    let app = segments.iter().rposition(|s| *s == "app")?;
    Some(url_path(&segments[app + 1..]))
}

fn pages_api_path(path: &str) -> Option<String> {
    if !is_js_ext(path) {
        return None;
    }
    let segments: Vec<&str> = path.split('/').collect();
    let pages = segments
        .windows(2)
        .rposition(|w| w[0] == "pages" && w[1] == "api")?;
    let mut rest: Vec<&str> = segments[pages + 1..].to_vec();
    let last = rest.pop()?;
    let stem = last.split('.').next().unwrap_or(last);
    if stem != "index" {
        rest.push(stem);
    }
    Some(url_path(&rest))
}

/// `["(auth)", "api", "users", "[id]"]` -> `/api/users/[id]`: route groups and parallel
/// route slots are not part of the URL.
fn url_path(segments: &[&str]) -> String {
    let parts: Vec<&str> = segments
        .iter()
        .copied()
        .filter(|s| !s.is_empty())
        .filter(|s| !(s.starts_with('(') && s.ends_with(')')))
        .filter(|s| !s.starts_with('@'))
        .collect();
    format!("/{}", parts.join("/"))
}

fn is_js_ext(file: &str) -> bool {
    [".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs"]
        .iter()
        .any(|e| file.ends_with(e))
}

/// `middleware.ts` / `proxy.ts` of a Next.js app (at its root or in `src/`).
fn is_next_middleware(path: &str) -> bool {
    let (dir, file) = path.rsplit_once('/').unwrap_or(("", path));
    let stem = file.split('.').next().unwrap_or(file);
    matches!(stem, "middleware" | "proxy")
        && is_js_ext(file)
        && !dir
            .split('/')
            .any(|s| matches!(s, "app" | "pages" | "lib" | "utils" | "functions"))
}

/// `supabase/functions/<name>/index.ts` (or any file of that folder) -> `<name>`.
fn edge_function_name(path: &str) -> Option<String> {
    let segments: Vec<&str> = path.split('/').collect();
    let at = segments
        .windows(2)
        .position(|w| w == ["supabase", "functions"])?;
    let name = segments.get(at + 2)?;
    // the function's own folder, not the shared code beside it
    (segments.len() > at + 3 && !name.starts_with('_')).then(|| name.to_string())
}

/// `"use client"` / `"use server"` as the module's first statement.
fn directive(root: Node<'_>, src: &str) -> Option<String> {
    let first = root.named_children().find(|c| c.kind_str() != "comment")?;
    if first.kind_str() != "expression_statement" {
        return None;
    }
    let s = first.named_child(0)?;
    let (v, _) = string_value(s, src)?;
    matches!(v.as_str(), "use client" | "use server").then_some(v)
}

/// The names a declaration declares: a function's or class's name, each variable of a
/// `const`/`let`.
fn declared_names<'a>(decl: Node<'_>, src: &'a str) -> Vec<&'a str> {
    match decl.kind_str() {
        "lexical_declaration" | "variable_declaration" => decl
            .named_children()
            .filter(|d| d.kind_str() == "variable_declarator")
            .filter_map(|d| d.field("name"))
            .filter(|n| n.kind_str() == "identifier")
            .map(|n| text(n, src))
            .collect(),
        _ => decl
            .field("name")
            .map(|n| text(n, src))
            .into_iter()
            .collect(),
    }
}

/// Through `await`, parentheses, casts and `satisfies`.
fn unwrap_expression(n: Node<'_>) -> Node<'_> {
    let mut n = n;
    while matches!(
        n.kind_str(),
        "await_expression"
            | "parenthesized_expression"
            | "as_expression"
            | "satisfies_expression"
            | "non_null_expression"
    ) {
        match n.named_child(0) {
            Some(c) => n = c,
            None => break,
        }
    }
    n
}

/// `require("x")` (or `await import("x")`) -> `x`.
fn required_module(value: Node<'_>, src: &str) -> Option<String> {
    if value.kind_str() != "call_expression" {
        return None;
    }
    let f = callee(value)?;
    if !(f.kind_str() == "import" || text(f, src) == "require") {
        return None;
    }
    let a = arguments(value)?.named_child(0)?;
    string_value(a, src).map(|(v, _)| v)
}

/// Fastify route options: the names in `preHandler`, `onRequest`, `preValidation`.
fn fastify_hooks(obj: Node<'_>, src: &str) -> Vec<String> {
    let mut out = Vec::new();
    for p in obj.named_children() {
        if p.kind_str() != "pair" {
            continue;
        }
        let (Some(k), Some(v)) = (p.field("key"), p.field("value")) else {
            continue;
        };
        if matches!(
            text(k, src),
            "preHandler" | "onRequest" | "preValidation" | "preParsing"
        ) {
            if v.kind_str() == "array" {
                out.extend(v.named_children().map(|x| shown(x, src)));
            } else {
                out.push(shown(v, src));
            }
        }
    }
    out
}

/// The string values of an object literal's keys.
fn object_strings(obj: Node<'_>, src: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for p in obj.named_children() {
        if let (Some(k), Some(v)) = (p.field("key"), p.field("value"))
            && let Some((value, _)) = string_value(v, src)
        {
            out.push((unquote(text(k, src)), value));
        }
    }
    out
}

/// A middleware or dependency as the index shows it, never with a literal's value (a
/// session secret passed to a middleware must not reach the output): a name as
/// written, a call as `callee(names)` or `callee(…)`, an inline function as `(inline)`.
fn shown(n: Node<'_>, src: &str) -> String {
    let n = unwrap_expression(n);
    if let Some(chain) = name_chain(n, src) {
        return chain;
    }
    if crate::lang::treesitter::is_function(n) {
        return "(inline)".into();
    }
    if n.kind_str() == "call_expression"
        && let Some(f) = callee(n).and_then(|f| name_chain(f, src))
    {
        let args: Vec<Node<'_>> = arguments(n)
            .map(|a| a.named_children().collect())
            .unwrap_or_default();
        let names: Option<Vec<String>> = args.iter().map(|a| name_chain(*a, src)).collect();
        return match names {
            Some(names) if args.len() <= 3 => format!("{f}({})", names.join(", ")),
            _ => format!("{f}(…)"),
        };
    }
    "(expression)".into()
}

/// A name or short expression cut to one line.
pub(super) fn short(t: &str) -> String {
    let one_line = t.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 60 {
        let cut: String = one_line.chars().take(57).collect();
        format!("{cut}...")
    } else {
        one_line
    }
}

fn unquote(t: &str) -> String {
    t.trim_matches(|c| c == '"' || c == '\'').to_string()
}

fn is_identifier(t: &str) -> bool {
    !t.is_empty()
        && t.chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '$')
}
