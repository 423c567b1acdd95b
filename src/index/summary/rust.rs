//! The summary of a Rust file: `mod` and `use` items, functions and methods and the
//! path calls they make, axum routers (`.route("/x", get(h).post(h2))` with the
//! `.layer(…)`s that wrap them, `.nest(…)`), and actix/rocket route attributes.

use std::collections::HashSet;

use syn::spanned::Spanned;
use syn::visit::{self, Visit};

use super::js::short;
use super::{Call, Function, Import, ModuleSummary, Mount, Route};
use crate::source::SourceText;

pub(super) fn summarize(file: &syn::File, src: &SourceText) -> ModuleSummary {
    let mut v = Summarizer {
        src,
        out: ModuleSummary::default(),
        scopes: Vec::new(),
        impl_type: Vec::new(),
        seen_chains: HashSet::new(),
    };
    v.visit_file(file);
    let mut out = v.out;
    out.keep_resolvable_calls("::");
    out
}

struct Summarizer<'a> {
    src: &'a SourceText,
    out: ModuleSummary,
    scopes: Vec<u32>,
    impl_type: Vec<String>,
    /// Method calls already read as part of a longer chain, by address.
    seen_chains: HashSet<usize>,
}

fn line(span: proc_macro2::Span) -> usize {
    span.start().line
}

fn path_text(p: &syn::Path) -> String {
    p.segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect::<Vec<_>>()
        .join("::")
}

impl Summarizer<'_> {
    /// A layer as the index shows it: a path, or a call as `path(…)`; never a
    /// literal's value.
    fn tokens(&self, e: &syn::Expr) -> String {
        match e {
            syn::Expr::Path(p) => path_text(&p.path),
            syn::Expr::Call(c) => match &*c.func {
                syn::Expr::Path(p) => {
                    let names: Option<Vec<String>> = c
                        .args
                        .iter()
                        .map(|a| match a {
                            syn::Expr::Path(p) => Some(path_text(&p.path)),
                            _ => None,
                        })
                        .collect();
                    match names {
                        Some(n) if n.len() <= 3 => {
                            format!("{}({})", path_text(&p.path), n.join(", "))
                        }
                        _ => format!("{}(…)", path_text(&p.path)),
                    }
                }
                _ => "(expression)".into(),
            },
            syn::Expr::MethodCall(m) => format!("{}.{}(…)", self.tokens(&m.receiver), m.method),
            _ => {
                let r = crate::lang::rust::span_range(self.src, e.span());
                let t = self.src.text.get(r).unwrap_or("");
                if t.contains('"') {
                    "(expression)".into()
                } else {
                    short(t)
                }
            }
        }
    }

    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree, at: usize) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(prefix, &p.tree, at);
                prefix.pop();
            }
            syn::UseTree::Name(n) => self.use_name(prefix, n.ident.to_string(), None, at),
            syn::UseTree::Rename(r) => {
                self.use_name(prefix, r.ident.to_string(), Some(r.rename.to_string()), at)
            }
            syn::UseTree::Glob(_) => self.out.imports.push(Import {
                spec: prefix.join("::"),
                names: vec![("*".into(), "*".into())],
                line: at,
            }),
            syn::UseTree::Group(g) => {
                for t in &g.items {
                    self.use_tree(prefix, t, at);
                }
            }
        }
    }

    fn use_name(&mut self, prefix: &[String], name: String, rename: Option<String>, at: usize) {
        if name == "self" {
            // `use a::b::{self}` binds `b`
            let Some(last) = prefix.last() else {
                return;
            };
            self.out.imports.push(Import {
                spec: prefix.join("::"),
                names: vec![("*".into(), rename.unwrap_or_else(|| last.clone()))],
                line: at,
            });
            return;
        }
        let local = rename.unwrap_or_else(|| name.clone());
        self.out.imports.push(Import {
            spec: prefix.join("::"),
            names: vec![(name, local)],
            line: at,
        });
    }

    fn function(&mut self, name: String, span: proc_macro2::Span, sig: &syn::Signature) -> u32 {
        let index = self.out.functions.len() as u32;
        self.out.functions.push(Function {
            name,
            line: line(span),
            end_line: span.end().line,
            guards: extractors(sig),
        });
        index
    }

    /// actix / rocket: `#[get("/x")]`, `#[post("/x")]`, `#[route("/x", method = "GET")]`.
    fn route_attributes(&mut self, attrs: &[syn::Attribute], name: &str, span: proc_macro2::Span) {
        for a in attrs {
            let Some(verb) = a.path().get_ident().map(|i| i.to_string()) else {
                continue;
            };
            if !matches!(
                verb.as_str(),
                "get" | "post" | "put" | "patch" | "delete" | "head" | "route"
            ) {
                continue;
            }
            let Ok(lit) = a.parse_args_with(|input: syn::parse::ParseStream<'_>| {
                let lit: syn::LitStr = input.parse()?;
                let _rest: proc_macro2::TokenStream = input.parse()?;
                Ok(lit)
            }) else {
                continue;
            };
            self.out.routes.push(Route {
                framework: "actix".into(),
                method: if verb == "route" {
                    "ANY".into()
                } else {
                    verb.to_ascii_uppercase()
                },
                path: lit.value(),
                handler: name.to_string(),
                handler_line: line(span),
                line: line(a.span()),
                middleware: Vec::new(),
                owner: String::new(),
            });
        }
    }

    /// An axum router chain, innermost call first: routes get the layers that come after
    /// them in the chain.
    fn router_chain(&mut self, outer: &syn::ExprMethodCall) {
        let mut chain: Vec<&syn::ExprMethodCall> = Vec::new();
        let mut cur = outer;
        loop {
            chain.push(cur);
            self.seen_chains.insert(cur as *const _ as usize);
            match &*cur.receiver {
                syn::Expr::MethodCall(inner) => cur = inner,
                _ => break,
            }
        }
        chain.reverse();
        if !chain
            .iter()
            .any(|c| matches!(c.method.to_string().as_str(), "route" | "nest" | "merge"))
        {
            return;
        }
        let start = self.out.routes.len();
        let mounts_start = self.out.mounts.len();
        for c in &chain {
            let method = c.method.to_string();
            let at = line(c.method.span());
            match method.as_str() {
                "route" => {
                    let (Some(syn::Expr::Lit(path)), Some(methods)) =
                        (c.args.first(), c.args.get(1))
                    else {
                        continue;
                    };
                    let syn::Lit::Str(path) = &path.lit else {
                        continue;
                    };
                    for (verb, handler, hline) in method_router(methods) {
                        self.out.routes.push(Route {
                            framework: "axum".into(),
                            method: verb,
                            path: path.value(),
                            handler,
                            handler_line: hline,
                            line: at,
                            middleware: Vec::new(),
                            owner: String::new(),
                        });
                    }
                }
                "nest" | "nest_service" => {
                    let (Some(syn::Expr::Lit(path)), Some(target)) =
                        (c.args.first(), c.args.get(1))
                    else {
                        continue;
                    };
                    let syn::Lit::Str(path) = &path.lit else {
                        continue;
                    };
                    let target = match target {
                        syn::Expr::Call(call) => match &*call.func {
                            syn::Expr::Path(p) => path_text(&p.path),
                            _ => self.tokens(target),
                        },
                        syn::Expr::Path(p) => path_text(&p.path),
                        other => self.tokens(other),
                    };
                    self.out.mounts.push(Mount {
                        owner: String::new(),
                        declares: false,
                        prefix: path.value(),
                        targets: vec![target],
                        line: at,
                    });
                }
                "layer" | "route_layer" => {
                    let what = c.args.first().map(|a| self.tokens(a)).unwrap_or_default();
                    for r in &mut self.out.routes[start..] {
                        r.middleware.push(what.clone());
                    }
                    // a nested router is wrapped too (its routes see it as middleware)
                    for m in &mut self.out.mounts[mounts_start..] {
                        m.targets.push(what.clone());
                    }
                }
                _ => {}
            }
        }
    }
}

/// `get(h).post(h2)`, `axum::routing::get(h)`, `get(h).layer(…)` -> the (method, handler,
/// line) pairs.
fn method_router(e: &syn::Expr) -> Vec<(String, String, usize)> {
    let mut out = Vec::new();
    let handler = |arg: Option<&syn::Expr>| match arg {
        Some(syn::Expr::Path(p)) => (path_text(&p.path), line(p.span())),
        Some(other) => (String::new(), line(other.span())),
        None => (String::new(), 0),
    };
    let mut cur = e;
    loop {
        match cur {
            syn::Expr::MethodCall(m) => {
                let verb = m.method.to_string();
                if is_verb(&verb) {
                    let (h, l) = handler(m.args.first());
                    out.push((verb_name(&verb), h, l));
                }
                cur = &m.receiver;
            }
            syn::Expr::Call(c) => {
                if let syn::Expr::Path(p) = &*c.func
                    && let Some(last) = p.path.segments.last()
                    && is_verb(&last.ident.to_string())
                {
                    let (h, l) = handler(c.args.first());
                    out.push((verb_name(&last.ident.to_string()), h, l));
                }
                break;
            }
            _ => break,
        }
    }
    out.reverse();
    out
}

/// The argument types of a handler that are the app's own extractors (`AuthUser`,
/// `RequireAdmin`): axum and actix run them before the handler, so they guard it. The
/// framework's data extractors (`Json`, `State`, `Path`, …) are left out.
fn extractors(sig: &syn::Signature) -> Vec<String> {
    const DATA: [&str; 16] = [
        "State",
        "Json",
        "Path",
        "Query",
        "Form",
        "Extension",
        "HeaderMap",
        "Multipart",
        "Request",
        "Bytes",
        "String",
        "Data",
        "HttpRequest",
        "Payload",
        "Method",
        "Uri",
    ];
    sig.inputs
        .iter()
        .filter_map(|a| match a {
            syn::FnArg::Typed(t) => match &*t.ty {
                syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
                _ => None,
            },
            syn::FnArg::Receiver(_) => None,
        })
        .filter(|t| !DATA.contains(&t.as_str()) && t.chars().next().is_some_and(char::is_uppercase))
        .filter(|t| !matches!(t.as_str(), "Option" | "Vec" | "Arc" | "Result"))
        .collect()
}

fn is_verb(v: &str) -> bool {
    matches!(
        v,
        "get" | "post" | "put" | "patch" | "delete" | "head" | "options" | "any"
    )
}

fn verb_name(v: &str) -> String {
    if v == "any" {
        "ANY".into()
    } else {
        v.to_ascii_uppercase()
    }
}

impl<'ast> Visit<'ast> for Summarizer<'_> {
    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        if m.content.is_none() {
            let name = m.ident.to_string();
            self.out.imports.push(Import {
                spec: format!("self::{name}"),
                names: vec![("*".into(), name)],
                line: line(m.ident.span()),
            });
        }
        visit::visit_item_mod(self, m);
    }

    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        let mut prefix = Vec::new();
        let at = line(u.use_token.span);
        self.use_tree(&mut prefix, &u.tree, at);
    }

    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        let name = f.sig.ident.to_string();
        self.route_attributes(&f.attrs, &name, f.sig.ident.span());
        let i = self.function(name, f.span(), &f.sig);
        self.scopes.push(i);
        visit::visit_item_fn(self, f);
        self.scopes.pop();
    }

    fn visit_item_impl(&mut self, i: &'ast syn::ItemImpl) {
        let ty = match &*i.self_ty {
            syn::Type::Path(p) => p
                .path
                .segments
                .last()
                .map(|s| s.ident.to_string())
                .unwrap_or_default(),
            _ => String::new(),
        };
        self.impl_type.push(ty);
        visit::visit_item_impl(self, i);
        self.impl_type.pop();
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        let method = f.sig.ident.to_string();
        let name = match self.impl_type.last().filter(|t| !t.is_empty()) {
            Some(t) => format!("{t}.{method}"),
            None => method.clone(),
        };
        self.route_attributes(&f.attrs, &method, f.sig.ident.span());
        let i = self.function(name, f.span(), &f.sig);
        self.scopes.push(i);
        visit::visit_impl_item_fn(self, f);
        self.scopes.pop();
    }

    fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
        if let syn::Expr::Path(p) = &*c.func {
            self.out.calls.push(Call {
                caller: self.scopes.last().copied(),
                callee: path_text(&p.path),
                line: line(p.span()),
            });
        }
        visit::visit_expr_call(self, c);
    }

    fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
        if !self.seen_chains.contains(&(m as *const _ as usize)) {
            self.router_chain(m);
        }
        visit::visit_expr_method_call(self, m);
    }
}
