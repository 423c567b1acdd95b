//! The summary of a Python module, in one walk of its tree: `import` and `from … import`,
//! functions and methods and the calls they make, FastAPI and Flask route decorators
//! with their dependencies and guards, `APIRouter`/`Blueprint` prefixes and their
//! mounting, Django `urls.py` patterns and `include`s.

use crate::lang::syntax::Node;

use super::js::short;
use super::{Call, Function, Import, ModuleSummary, Mount, Route, line_of};
use crate::lang::treesitter::{arguments, callee, name_chain, string_value, text, walk_node};
use crate::source::SourceText;

impl<'a> Walk<'a> {
    pub(super) fn new(path: &str, src: &'a SourceText) -> Self {
        Walk {
            src,
            text: &src.text,
            out: ModuleSummary::default(),
            scopes: Vec::new(),
            classes: Vec::new(),
            urlconf: path.rsplit('/').next() == Some("urls.py"),
            decorators: Default::default(),
        }
    }

    pub(super) fn finish(self) -> ModuleSummary {
        let mut out = self.out;
        out.keep_resolvable_calls(".");
        out
    }
}

pub(super) struct Walk<'a> {
    src: &'a SourceText,
    text: &'a str,
    out: ModuleSummary,
    scopes: Vec<(usize, u32)>,
    classes: Vec<(usize, &'a str)>,
    urlconf: bool,
    /// The decorators of definitions about to be visited, by the definition's node id.
    decorators: crate::index::file::Map<usize, Vec<String>>,
}

impl<'a> Walk<'a> {
    fn line(&self, n: Node<'_>) -> usize {
        line_of(self.src, n.start_byte())
    }

    pub(super) fn visit(&mut self, n: Node<'_>) {
        let start = n.start_byte();
        while self.scopes.last().is_some_and(|(end, _)| *end <= start) {
            self.scopes.pop();
        }
        while self.classes.last().is_some_and(|(end, _)| *end <= start) {
            self.classes.pop();
        }
        match n.kind_str() {
            "import_statement" => self.import(n),
            "import_from_statement" => self.import_from(n),
            "class_definition" => self.class(n),
            "function_definition" => self.function(n),
            "decorated_definition" => self.decorated(n),
            "assignment" => self.router_declaration(n),
            "call" => self.call(n),
            _ => {}
        }
    }

    fn import(&mut self, n: Node<'_>) {
        for c in n.named_children() {
            let (module, local) = match c.kind_str() {
                "dotted_name" => {
                    let m = text(c, self.text);
                    // `import a.b` binds `a`
                    (m, m.split('.').next().unwrap_or(m))
                }
                "aliased_import" => match (c.field("name"), c.field("alias")) {
                    (Some(name), Some(alias)) => (text(name, self.text), text(alias, self.text)),
                    _ => continue,
                },
                _ => continue,
            };
            let spec = if module.contains('.') && !matches!(c.kind_str(), "aliased_import") {
                module.split('.').next().unwrap_or(module)
            } else {
                module
            };
            self.out.imports.push(Import {
                spec: spec.to_string(),
                names: vec![("*".to_string(), local.to_string())],
                line: self.line(n),
            });
        }
    }

    fn import_from(&mut self, n: Node<'_>) {
        let Some(module) = n.field("module_name") else {
            return;
        };
        let spec = text(module, self.text)
            .split_whitespace()
            .collect::<String>();
        let mut names = Vec::new();
        for c in n.named_children() {
            if c.id() == module.id() {
                continue;
            }
            match c.kind_str() {
                "dotted_name" => {
                    let t = text(c, self.text).to_string();
                    names.push((t.clone(), t));
                }
                "aliased_import" => {
                    if let (Some(name), Some(alias)) = (c.field("name"), c.field("alias")) {
                        names.push((
                            text(name, self.text).to_string(),
                            text(alias, self.text).to_string(),
                        ));
                    }
                }
                "wildcard_import" => names.push(("*".to_string(), "*".to_string())),
                _ => {}
            }
        }
        self.out.imports.push(Import {
            spec,
            names,
            line: self.line(n),
        });
    }

    /// A class is recorded as a function too (calling it constructs it; a Django
    /// class-based view is a handler), its guards its decorators and base classes.
    fn class(&mut self, n: Node<'_>) {
        let Some(name) = n.field("name") else { return };
        let name = text(name, self.text);
        let mut guards = self.decorators.remove(&n.id()).unwrap_or_default();
        if let Some(bases) = n.field("superclasses") {
            guards.extend(
                bases
                    .named_children()
                    .filter_map(|b| name_chain(b, self.text)),
            );
        }
        self.out.functions.push(Function {
            name: name.to_string(),
            line: self.line(n),
            end_line: line_of(self.src, n.end_byte()),
            guards,
        });
        self.classes.push((n.end_byte(), name));
    }

    fn function(&mut self, n: Node<'_>) {
        let Some(name) = n.field("name") else { return };
        let name = text(name, self.text);
        let name = match self.classes.last() {
            Some((_, class)) => format!("{class}.{name}"),
            None => name.to_string(),
        };
        let index = self.out.functions.len() as u32;
        self.out.functions.push(Function {
            name,
            line: self.line(n),
            end_line: line_of(self.src, n.end_byte()),
            guards: self.decorators.remove(&n.id()).unwrap_or_default(),
        });
        self.scopes.push((n.end_byte(), index));
    }

    /// `@app.get("/x", dependencies=[…])`, `@bp.route("/x", methods=["POST"])` over a
    /// function, with the function's other decorators and its `Depends(…)` parameters
    /// as its middleware; `@bp.before_request` as a guard of the blueprint.
    fn decorated(&mut self, n: Node<'_>) {
        let Some(def) = n.field("definition") else {
            return;
        };
        self.decorators
            .insert(def.id(), decorators_of(n, self.text));
        if def.kind_str() != "function_definition" {
            return;
        }
        let Some(name) = def.field("name").map(|x| text(x, self.text).to_string()) else {
            return;
        };
        let decorators: Vec<Node<'_>> = n
            .named_children()
            .filter(|c| c.kind_str() == "decorator")
            .filter_map(|d| d.named_child(0))
            .collect();
        let mut routes = Vec::new();
        let mut guards = Vec::new();
        for d in &decorators {
            let (chain, call) = if d.kind_str() == "call" {
                (callee(*d).and_then(|f| name_chain(f, self.text)), Some(*d))
            } else {
                (name_chain(*d, self.text), None)
            };
            let Some(chain) = chain else {
                guards.push(shown(*d, self.text));
                continue;
            };
            let (owner, method) = chain.rsplit_once('.').unwrap_or(("", chain.as_str()));
            let path = call
                .and_then(arguments)
                .and_then(|a| a.named_child(0))
                .and_then(|a| string_value(a, self.text));
            let verb = matches!(
                method,
                "get" | "post" | "put" | "patch" | "delete" | "route" | "api_route" | "websocket"
            );
            if let (true, false, Some((path, _))) = (verb, owner.is_empty(), path) {
                let mut middleware = Vec::new();
                let mut methods = Vec::new();
                if let Some(args) = call.and_then(arguments) {
                    for kw in args.named_children() {
                        if kw.kind_str() != "keyword_argument" {
                            continue;
                        }
                        let key = kw.field("name").map_or("", |k| text(k, self.text));
                        let Some(value) = kw.field("value") else {
                            continue;
                        };
                        match key {
                            "dependencies" => middleware.extend(dependency_calls(value, self.text)),
                            "methods" => walk_node(value, |s| {
                                if let Some((m, _)) = string_value(s, self.text) {
                                    methods.push(m.to_ascii_uppercase());
                                }
                            }),
                            _ => {}
                        }
                    }
                }
                if methods.is_empty() {
                    methods.push(match method {
                        "route" => "GET".to_string(),
                        "api_route" | "websocket" => "ANY".to_string(),
                        m => m.to_ascii_uppercase(),
                    });
                }
                routes.push((owner.to_string(), path, methods, middleware, *d));
            } else if method == "before_request" && !owner.is_empty() {
                self.out.mounts.push(Mount {
                    owner: owner.to_string(),
                    declares: true,
                    prefix: String::new(),
                    targets: vec![name.clone()],
                    line: self.line(n),
                });
            } else {
                guards.push(shown(*d, self.text));
            }
        }
        if routes.is_empty() {
            return;
        }
        if let Some(params) = def.field("parameters") {
            guards.extend(dependency_calls(params, self.text));
            // `user: CurrentUser` where `CurrentUser = Annotated[User, Depends(f)]`
            // (resolved by the project index, which knows the other module's aliases)
            for p in params.named_children() {
                if let Some(t) = p.field("type").and_then(|t| t.named_child(0).or(Some(t)))
                    && let Some(name) = name_chain(t, self.text)
                    && name.chars().next().is_some_and(char::is_uppercase)
                {
                    guards.push(format!("?{name}"));
                }
            }
        }
        let framework = if self
            .out
            .imports
            .iter()
            .any(|i| i.spec == "fastapi" || i.spec.starts_with("fastapi."))
        {
            "fastapi"
        } else {
            "flask"
        };
        for (owner, path, methods, mut middleware, d) in routes {
            middleware.extend(guards.iter().cloned());
            for method in methods {
                self.out.routes.push(Route {
                    framework: framework.to_string(),
                    method,
                    path: path.clone(),
                    handler: name.clone(),
                    handler_line: self.line(def),
                    line: self.line(d),
                    middleware: middleware.clone(),
                    owner: owner.clone(),
                });
            }
        }
    }

    /// `router = APIRouter(prefix="/x", dependencies=[…])`,
    /// `bp = Blueprint("x", __name__, url_prefix="/x")`; and dependency aliases,
    /// `CurrentUser = Annotated[User, Depends(get_current_user)]`.
    fn router_declaration(&mut self, n: Node<'_>) {
        let (Some(left), Some(right)) = (n.field("left"), n.field("right")) else {
            return;
        };
        if left.kind_str() == "identifier" && self.scopes.is_empty() {
            let deps = dependency_calls(right, self.text);
            if !deps.is_empty() && right.kind_str() != "call" {
                self.out
                    .aliases
                    .push((text(left, self.text).to_string(), deps.join(", ")));
                return;
            }
        }
        if left.kind_str() != "identifier" || right.kind_str() != "call" {
            return;
        }
        let Some(f) = callee(right).and_then(|f| name_chain(f, self.text)) else {
            return;
        };
        let last = f.rsplit('.').next().unwrap_or(&f);
        if !matches!(last, "APIRouter" | "Blueprint" | "FastAPI" | "Flask") {
            return;
        }
        let (prefix, targets) = mount_keywords(right, self.text);
        if prefix.is_empty() && targets.is_empty() {
            return;
        }
        self.out.mounts.push(Mount {
            owner: text(left, self.text).to_string(),
            declares: true,
            prefix,
            targets,
            line: self.line(n),
        });
    }

    fn call(&mut self, n: Node<'_>) {
        let Some(name) = callee(n).and_then(|f| name_chain(f, self.text)) else {
            return;
        };
        let caller = self.scopes.last().map(|(_, i)| *i);
        self.out.calls.push(Call {
            caller,
            callee: name.clone(),
            line: self.line(n),
        });
        let (owner, method) = name.rsplit_once('.').unwrap_or(("", name.as_str()));
        let args = || -> Vec<Node<'_>> {
            arguments(n)
                .map(|a| {
                    a.named_children()
                        .filter(|c| c.kind_str() != "comment")
                        .collect()
                })
                .unwrap_or_default()
        };
        match method {
            // `app.include_router(router, prefix="/api")`, `app.register_blueprint(bp)`
            "include_router" | "register_blueprint" | "mount" if !owner.is_empty() => {
                let args = args();
                let Some(target) = args.iter().find(|a| a.kind_str() != "keyword_argument") else {
                    return;
                };
                let Some(target) = name_chain(*target, self.text) else {
                    return;
                };
                let (prefix, mut targets) = mount_keywords(n, self.text);
                let prefix = if method == "mount" {
                    args.first()
                        .and_then(|a| string_value(*a, self.text))
                        .map(|(p, _)| p)
                        .unwrap_or(prefix)
                } else {
                    prefix
                };
                targets.insert(0, target);
                self.out.mounts.push(Mount {
                    owner: owner.to_string(),
                    declares: false,
                    prefix,
                    targets,
                    line: self.line(n),
                });
            }
            "path" | "re_path" | "url" if self.urlconf && owner.is_empty() => {
                let args = args();
                let Some((route, _)) = args.first().and_then(|a| string_value(*a, self.text))
                else {
                    return;
                };
                let Some(view) = args.get(1) else { return };
                if view.kind_str() == "call"
                    && callee(*view).is_some_and(|f| text(f, self.text) == "include")
                {
                    let target = arguments(*view)
                        .and_then(|a| a.named_child(0))
                        .map(|t| {
                            string_value(t, self.text)
                                .map(|(v, _)| v)
                                .unwrap_or_else(|| short(text(t, self.text)))
                        })
                        .unwrap_or_default();
                    self.out.mounts.push(Mount {
                        owner: String::new(),
                        declares: false,
                        prefix: django_path(&route),
                        targets: vec![target],
                        line: self.line(n),
                    });
                    return;
                }
                // `views.f`, `Cls.as_view()`, `login_required(views.f)`
                let mut handler = *view;
                let mut middleware = Vec::new();
                while handler.kind_str() == "call" {
                    let Some(f) = callee(handler).and_then(|f| name_chain(f, self.text)) else {
                        break;
                    };
                    if let Some(cls) = f.strip_suffix(".as_view") {
                        self.out.routes.push(Route {
                            framework: "django".into(),
                            method: "ANY".into(),
                            path: django_path(&route),
                            handler: cls.to_string(),
                            handler_line: self.line(n),
                            line: self.line(n),
                            middleware,
                            owner: String::new(),
                        });
                        return;
                    }
                    middleware.push(f);
                    match arguments(handler).and_then(|a| a.named_child(0)) {
                        Some(inner) => handler = inner,
                        None => return,
                    }
                }
                if let Some(h) = name_chain(handler, self.text) {
                    self.out.routes.push(Route {
                        framework: "django".into(),
                        method: "ANY".into(),
                        path: django_path(&route),
                        handler: h,
                        handler_line: self.line(n),
                        line: self.line(n),
                        middleware,
                        owner: String::new(),
                    });
                }
            }
            _ => {}
        }
    }
}

/// `prefix=` / `url_prefix=` and `dependencies=[Depends(…)]` of a router call.
fn mount_keywords(call: Node<'_>, src: &str) -> (String, Vec<String>) {
    let mut prefix = String::new();
    let mut deps = Vec::new();
    let Some(args) = arguments(call) else {
        return (prefix, deps);
    };
    for kw in args.named_children() {
        if kw.kind_str() != "keyword_argument" {
            continue;
        }
        let key = kw.field("name").map_or("", |k| text(k, src));
        let Some(value) = kw.field("value") else {
            continue;
        };
        match key {
            "prefix" | "url_prefix" => {
                prefix = match string_value(value, src) {
                    Some((p, _)) => p,
                    // `prefix=settings.API_V1_STR`: shown as the name it comes from
                    None => format!("{{{}}}", short(text(value, src))),
                };
            }
            "dependencies" => deps.extend(dependency_calls(value, src)),
            _ => {}
        }
    }
    (prefix, deps)
}

/// The `Depends(f)` / `Security(f)` calls inside a node, as written.
fn dependency_calls(node: Node<'_>, src: &str) -> Vec<String> {
    let mut out = Vec::new();
    walk_node(node, |c| {
        if c.kind_str() == "call"
            && callee(c).is_some_and(|f| {
                let t = text(f, src);
                t.ends_with("Depends") || t.ends_with("Security")
            })
            && arguments(c).is_some_and(|a| a.named_child_count() > 0)
        {
            out.push(shown_call(c, src));
        }
    });
    out
}

/// The decorators of a `decorated_definition`, as shown.
fn decorators_of(d: Node<'_>, src: &str) -> Vec<String> {
    d.named_children()
        .filter(|c| c.kind_str() == "decorator")
        .filter_map(|c| c.named_child(0))
        .map(|c| shown(c, src))
        .collect()
}

/// A decorator or guard as the index shows it: a name, or a call with names only.
fn shown(n: Node<'_>, src: &str) -> String {
    if let Some(c) = name_chain(n, src) {
        return c;
    }
    if n.kind_str() == "call" {
        return shown_call(n, src);
    }
    "(expression)".into()
}

/// A dependency call as the index shows it: `Depends(get_current_user)`, or with `…`
/// for anything but names (never a literal's value).
fn shown_call(c: Node<'_>, src: &str) -> String {
    let f = callee(c).map_or("", |f| text(f, src));
    let mut names = Vec::new();
    if let Some(a) = arguments(c) {
        for arg in a.named_children() {
            let arg = if arg.kind_str() == "keyword_argument" {
                match arg.field("value") {
                    Some(v) => v,
                    None => continue,
                }
            } else {
                arg
            };
            match name_chain(arg, src) {
                Some(n) => names.push(n),
                None if arg.kind_str() == "call" => {
                    names.push(format!("{}(…)", callee(arg).map_or("", |f| text(f, src))))
                }
                None => names.push("…".into()),
            }
        }
    }
    format!("{f}({})", names.join(", "))
}

/// A Django route pattern as a URL path: `"api/items/<int:pk>/"` -> `/api/items/<int:pk>/`.
fn django_path(route: &str) -> String {
    let r = route.trim_start_matches('^').trim_end_matches('$');
    if r.starts_with('/') {
        r.to_string()
    } else {
        format!("/{r}")
    }
}
