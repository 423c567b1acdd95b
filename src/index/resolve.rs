//! Which file an import names, the way the language's own tools decide:
//! - TypeScript/JavaScript: relative paths with the extensions and `index` files Node,
//!   Vite and Next.js try (`./x.js` also finds `./x.ts`), and `tsconfig.json` /
//!   `jsconfig.json` `baseUrl` and `paths` aliases (`@/*`), followed through `extends`
//!   and the `references` of a Vite project's `tsconfig.app.json`;
//! - Python: relative imports from the file's package, absolute ones from the nearest
//!   folder above the file that holds the package;
//! - Rust: `crate::`, `self::` and `super::` paths and `mod` items, to `x.rs` or
//!   `x/mod.rs`.
//!
//! Packages from outside the repository resolve to nothing.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use crate::lang::Lang;

/// Reads a project file by its path from the root (config files the index needs).
pub type ReadFile = Box<dyn Fn(&str) -> Option<String> + Send + Sync>;

/// A `tsconfig.json` / `jsconfig.json`: where its aliases point.
#[derive(Clone, Debug, Default)]
struct TsConfig {
    /// Folder `paths` targets and bare imports are relative to.
    base: String,
    /// (pattern, targets), e.g. (`@/*`, [`src/*`]), targets relative to the root.
    paths: Vec<(String, Vec<String>)>,
    has_base_url: bool,
}

/// Resolves module specifiers among the project's files.
pub struct Resolver {
    files: HashSet<String>,
    read: ReadFile,
    /// The nearest tsconfig of each folder asked about.
    tsconfigs: RefCell<HashMap<String, Option<TsConfig>>>,
    texts: RefCell<HashMap<String, Option<String>>>,
}

impl Resolver {
    pub fn new(files: impl IntoIterator<Item = String>, read: ReadFile) -> Self {
        Resolver {
            files: files.into_iter().collect(),
            read,
            tsconfigs: RefCell::new(HashMap::new()),
            texts: RefCell::new(HashMap::new()),
        }
    }

    /// A config file's text, read once.
    pub fn read(&self, path: &str) -> Option<String> {
        if let Some(t) = self.texts.borrow().get(path) {
            return t.clone();
        }
        let t = (self.read)(path);
        self.texts.borrow_mut().insert(path.to_string(), t.clone());
        t
    }

    /// The file `spec` names when imported from `from` (a path from the root).
    pub fn module(&self, from: &str, lang: Lang, spec: &str) -> Option<String> {
        match lang {
            Lang::TypeScript | Lang::Tsx | Lang::JavaScript => self.js(from, spec),
            Lang::Python => self.python(from, spec),
            Lang::Rust => self.rust(from, spec).map(|(f, _)| f),
            _ => None,
        }
    }

    fn js(&self, from: &str, spec: &str) -> Option<String> {
        let dir = parent(from);
        if spec.starts_with("./") || spec.starts_with("../") || spec == "." || spec == ".." {
            return self.js_file(&join(dir, spec));
        }
        if let Some(stripped) = spec.strip_prefix('/') {
            return self.js_file(stripped);
        }
        let config = self.tsconfig(dir)?;
        for (pattern, targets) in &config.paths {
            let rest = match pattern.strip_suffix('*') {
                Some(prefix) => spec.strip_prefix(prefix),
                None => (spec == pattern).then_some(""),
            };
            let Some(rest) = rest else { continue };
            for t in targets {
                let candidate = t.replacen('*', rest, 1);
                if let Some(f) = self.js_file(&candidate) {
                    return Some(f);
                }
            }
        }
        if config.has_base_url {
            return self.js_file(&join(&config.base, spec));
        }
        None
    }

    /// A path as Node and bundlers complete it.
    fn js_file(&self, path: &str) -> Option<String> {
        const EXT: [&str; 7] = ["", ".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs"];
        const INDEX: [&str; 4] = ["/index.ts", "/index.tsx", "/index.js", "/index.jsx"];
        let path = path.trim_end_matches('/');
        for e in EXT {
            let p = format!("{path}{e}");
            if self.files.contains(&p) {
                return Some(p);
            }
        }
        // TypeScript's ESM convention: `./x.js` is `./x.ts` before compilation
        for (js, ts) in [
            (".js", ".ts"),
            (".js", ".tsx"),
            (".jsx", ".tsx"),
            (".mjs", ".mts"),
        ] {
            if let Some(stem) = path.strip_suffix(js) {
                let p = format!("{stem}{ts}");
                if self.files.contains(&p) {
                    return Some(p);
                }
            }
        }
        INDEX
            .iter()
            .map(|i| format!("{path}{i}"))
            .find(|p| self.files.contains(p))
    }

    /// The nearest `tsconfig.json` or `jsconfig.json` at or above `dir` that says
    /// something about imports.
    fn tsconfig(&self, dir: &str) -> Option<TsConfig> {
        if let Some(c) = self.tsconfigs.borrow().get(dir) {
            return c.clone();
        }
        let mut found = None;
        for name in ["tsconfig.json", "jsconfig.json"] {
            let path = join(dir, name);
            if let Some(c) = self.read_tsconfig(&path, 0)
                && (c.has_base_url || !c.paths.is_empty())
            {
                found = Some(c);
                break;
            }
            // a Vite project keeps its aliases in the referenced tsconfig.app.json
            for referenced in ["tsconfig.app.json", "tsconfig.base.json"] {
                if found.is_none()
                    && self.read(&path).is_some()
                    && let Some(c) = self.read_tsconfig(&join(dir, referenced), 0)
                    && (c.has_base_url || !c.paths.is_empty())
                {
                    found = Some(c);
                }
            }
            if found.is_some() {
                break;
            }
        }
        if found.is_none() && !dir.is_empty() {
            found = self.tsconfig(parent(dir));
        }
        self.tsconfigs
            .borrow_mut()
            .insert(dir.to_string(), found.clone());
        found
    }

    fn read_tsconfig(&self, path: &str, depth: usize) -> Option<TsConfig> {
        let text = self.read(path)?;
        let json: serde_json::Value = serde_json::from_str(&strip_jsonc(&text)).ok()?;
        let dir = parent(path);
        let mut config = json
            .get("extends")
            .and_then(|e| e.as_str())
            .filter(|e| e.starts_with('.') && depth < 4)
            .and_then(|e| {
                let p = join(dir, e);
                let p = if p.ends_with(".json") {
                    p
                } else {
                    format!("{p}.json")
                };
                self.read_tsconfig(&p, depth + 1)
            })
            .unwrap_or_else(|| TsConfig {
                base: dir.to_string(),
                ..Default::default()
            });
        let options = json.get("compilerOptions");
        if let Some(base) = options
            .and_then(|o| o.get("baseUrl"))
            .and_then(|b| b.as_str())
        {
            config.base = join(dir, base);
            config.has_base_url = true;
        }
        if let Some(paths) = options
            .and_then(|o| o.get("paths"))
            .and_then(|p| p.as_object())
        {
            // without baseUrl, paths are relative to the tsconfig's folder
            let base = if config.has_base_url {
                config.base.clone()
            } else {
                dir.to_string()
            };
            config.paths = paths
                .iter()
                .map(|(pattern, targets)| {
                    let targets = targets
                        .as_array()
                        .map(|a| {
                            a.iter()
                                .filter_map(|t| t.as_str())
                                .map(|t| join(&base, t))
                                .collect()
                        })
                        .unwrap_or_default();
                    (pattern.clone(), targets)
                })
                .collect();
        }
        Some(config)
    }

    fn python(&self, from: &str, spec: &str) -> Option<String> {
        let dots = spec.chars().take_while(|c| *c == '.').count();
        let rest = &spec[dots..];
        let rel = rest.replace('.', "/");
        if dots > 0 {
            let mut dir = parent(from).to_string();
            for _ in 1..dots {
                dir = parent(&dir).to_string();
            }
            return self.python_file(&join(&dir, &rel));
        }
        // the nearest folder above the importing file that holds the package
        let mut dir = parent(from);
        loop {
            if let Some(f) = self.python_file(&join(dir, &rel)) {
                return Some(f);
            }
            if dir.is_empty() {
                return None;
            }
            dir = parent(dir);
        }
    }

    fn python_file(&self, path: &str) -> Option<String> {
        if path.is_empty() {
            return None;
        }
        [format!("{path}.py"), format!("{path}/__init__.py")]
            .into_iter()
            .find(|p| self.files.contains(p))
    }

    /// The file of a Rust module path and the segments left over after it (items in
    /// that file): `crate::db::users::load` -> (`src/db/users.rs`, [`load`]).
    pub fn rust(&self, from: &str, spec: &str) -> Option<(String, Vec<String>)> {
        let mut segments = spec.split("::").filter(|s| !s.is_empty()).peekable();
        let mut dir = match segments.peek().copied() {
            Some("crate") => {
                segments.next();
                self.crate_root(from)?
            }
            Some("self") => {
                segments.next();
                module_dir(from)
            }
            Some("super") => {
                let mut d = module_dir(from);
                while segments.peek() == Some(&"super") {
                    segments.next();
                    d = parent(&d).to_string();
                }
                d
            }
            _ => return None,
        };
        let mut file = if dir == module_dir(from) {
            from.to_string()
        } else {
            self.rust_module_file(&dir)?
        };
        let mut rest = Vec::new();
        for s in segments {
            if !rest.is_empty() {
                rest.push(s.to_string());
                continue;
            }
            let child = join(&dir, s);
            match [format!("{child}.rs"), format!("{child}/mod.rs")]
                .into_iter()
                .find(|p| self.files.contains(p))
            {
                Some(f) => {
                    file = f;
                    dir = child;
                }
                None => rest.push(s.to_string()),
            }
        }
        Some((file, rest))
    }

    /// `src/` of the crate a file belongs to.
    fn crate_root(&self, from: &str) -> Option<String> {
        let mut dir = parent(from);
        loop {
            for root in ["lib.rs", "main.rs"] {
                if self.files.contains(&join(dir, root)) && dir.rsplit('/').next() == Some("src") {
                    return Some(dir.to_string());
                }
            }
            if dir.is_empty() {
                return None;
            }
            dir = parent(dir);
        }
    }

    fn rust_module_file(&self, dir: &str) -> Option<String> {
        ["lib.rs", "main.rs", "mod.rs"]
            .iter()
            .map(|f| join(dir, f))
            .find(|p| self.files.contains(p))
            .or_else(|| {
                let p = format!("{dir}.rs");
                self.files.contains(&p).then_some(p)
            })
    }
}

/// The folder a Rust file's child modules live in: `src/` for `src/lib.rs`, `src/a/`
/// for `src/a.rs` and `src/a/mod.rs`.
fn module_dir(file: &str) -> String {
    let name = file.rsplit('/').next().unwrap_or(file);
    if matches!(name, "lib.rs" | "main.rs" | "mod.rs") {
        parent(file).to_string()
    } else {
        file.trim_end_matches(".rs").to_string()
    }
}

/// The folder of a path (`""` at the root).
pub fn parent(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(d, _)| d)
}

/// Joins a relative path to a folder, resolving `.` and `..` (never above the root).
pub fn join(dir: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// JSON with comments and trailing commas (tsconfig's dialect) as plain JSON.
fn strip_jsonc(text: &str) -> String {
    // comments out (the shared comment finder knows JSON strings), offsets kept
    let mut out = text.to_string();
    for r in crate::lang::comments::comment_ranges(Lang::Json, text)
        .into_iter()
        .rev()
    {
        let blank = " ".repeat(r.len());
        out.replace_range(r, &blank);
    }
    // trailing commas before `}` or `]`
    let mut cleaned = String::with_capacity(out.len());
    let bytes: Vec<char> = out.chars().collect();
    let mut in_str = false;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if in_str {
            cleaned.push(c);
            if c == '\\' && i + 1 < bytes.len() {
                cleaned.push(bytes[i + 1]);
                i += 1;
            } else if c == '"' {
                in_str = false;
            }
        } else if c == '"' {
            in_str = true;
            cleaned.push(c);
        } else if c == ',' {
            let next = bytes[i + 1..].iter().find(|c| !c.is_whitespace());
            if !matches!(next, Some('}') | Some(']')) {
                cleaned.push(c);
            }
        } else {
            cleaned.push(c);
        }
        i += 1;
    }
    cleaned
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolver(
        files: &[&str],
        read: impl Fn(&str) -> Option<String> + Send + Sync + 'static,
    ) -> Resolver {
        Resolver::new(files.iter().map(|s| s.to_string()), Box::new(read))
    }

    #[test]
    fn typescript_relative_alias_and_index_files() {
        let read = |p: &str| {
            match p {
            "web/tsconfig.json" => Some(
                "{\n  // Vite keeps aliases in the app config\n  \"files\": [],\n  \"references\": [{ \"path\": \"./tsconfig.app.json\" },],\n}\n"
                    .to_string(),
            ),
            "web/tsconfig.app.json" => Some(
                "{ \"compilerOptions\": { \"baseUrl\": \".\", \"paths\": { \"@/*\": [\"./src/*\"] } } }"
                    .to_string(),
            ),
            _ => None,
        }
        };
        let r = resolver(
            &[
                "web/src/lib/db.ts",
                "web/src/components/ui/index.tsx",
                "web/src/pages/Home.tsx",
                "web/src/util.ts",
                "supabase/functions/_shared/cors.ts",
                "supabase/functions/pay/index.ts",
            ],
            read,
        );
        let from = "web/src/pages/Home.tsx";
        let ts = Lang::Tsx;
        assert_eq!(
            r.module(from, ts, "../lib/db").as_deref(),
            Some("web/src/lib/db.ts")
        );
        assert_eq!(
            r.module(from, ts, "../lib/db.js").as_deref(),
            Some("web/src/lib/db.ts")
        );
        assert_eq!(
            r.module(from, ts, "@/lib/db").as_deref(),
            Some("web/src/lib/db.ts")
        );
        assert_eq!(
            r.module(from, ts, "@/components/ui").as_deref(),
            Some("web/src/components/ui/index.tsx")
        );
        // baseUrl "." of web/: bare `src/util` resolves; a package does not
        assert_eq!(
            r.module(from, ts, "src/util").as_deref(),
            Some("web/src/util.ts")
        );
        assert_eq!(r.module(from, ts, "react"), None);
        assert_eq!(
            r.module(
                "supabase/functions/pay/index.ts",
                Lang::TypeScript,
                "../_shared/cors.ts"
            )
            .as_deref(),
            Some("supabase/functions/_shared/cors.ts")
        );
    }

    #[test]
    fn python_relative_and_absolute() {
        let read = |_: &str| None;
        let r = resolver(
            &[
                "backend/app/__init__.py",
                "backend/app/api/deps.py",
                "backend/app/api/routes/items.py",
                "backend/app/core/security.py",
                "backend/app/models.py",
            ],
            read,
        );
        let from = "backend/app/api/routes/items.py";
        let py = Lang::Python;
        assert_eq!(
            r.module(from, py, "app.api.deps").as_deref(),
            Some("backend/app/api/deps.py")
        );
        assert_eq!(
            r.module(from, py, "..deps").as_deref(),
            Some("backend/app/api/deps.py")
        );
        assert_eq!(
            r.module(from, py, "...models").as_deref(),
            Some("backend/app/models.py")
        );
        assert_eq!(
            r.module(from, py, "app").as_deref(),
            Some("backend/app/__init__.py")
        );
        assert_eq!(r.module(from, py, "fastapi"), None);
    }

    #[test]
    fn rust_crate_self_and_super_paths() {
        let read = |_: &str| None;
        let r = resolver(
            &[
                "api/src/main.rs",
                "api/src/routes/mod.rs",
                "api/src/routes/posts.rs",
                "api/src/auth.rs",
            ],
            read,
        );
        assert_eq!(
            r.rust("api/src/routes/posts.rs", "crate::auth::require_user"),
            Some((
                "api/src/auth.rs".to_string(),
                vec!["require_user".to_string()]
            ))
        );
        assert_eq!(
            r.rust("api/src/routes/posts.rs", "super::super::auth"),
            Some(("api/src/auth.rs".to_string(), vec![]))
        );
        assert_eq!(
            r.rust("api/src/main.rs", "self::routes::posts::list"),
            Some((
                "api/src/routes/posts.rs".to_string(),
                vec!["list".to_string()]
            ))
        );
        assert_eq!(r.rust("api/src/main.rs", "axum::Router"), None);
    }

    #[test]
    fn jsonc_is_read() {
        let v: serde_json::Value = serde_json::from_str(&strip_jsonc(
            "{ /* c */ \"a\": \"http://x//y\", // d\n \"b\": [1, 2,], }",
        ))
        .expect("json");
        assert_eq!(v["a"], "http://x//y");
        assert_eq!(v["b"][1], 2);
    }
}
