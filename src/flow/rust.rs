//! The same flows for Rust, over `syn`: in each function, the `let` bindings that hold
//! model output (async-openai), request input (axum extractors) or an env secret, in
//! order, and the sinks and prompts those names reach. Values are judged by the names
//! their source text mentions, which is what simple assignments carry.

use std::collections::HashSet;
use std::ops::Range;

use syn::spanned::Spanned;
use syn::visit::Visit;

use crate::lang::rust::span_range;
use crate::source::SourceText;
use crate::vocab::secret_name;

/// What a function's bindings hold.
#[derive(Default, Debug)]
pub struct Bindings {
    pub model: HashSet<String>,
    pub request: HashSet<String>,
    pub secret: HashSet<String>,
}

/// A function body with its bindings, for the rules to query.
pub struct FnFlow<'a> {
    pub block: &'a syn::Block,
    pub bindings: Bindings,
}

/// Every function and method in a file with its bindings.
pub fn functions<'a>(src: &SourceText, file: &'a syn::File) -> Vec<FnFlow<'a>> {
    struct Fns<'a> {
        out: Vec<(&'a syn::Signature, &'a syn::Block)>,
    }
    impl<'a> Visit<'a> for Fns<'a> {
        fn visit_item_fn(&mut self, f: &'a syn::ItemFn) {
            self.out.push((&f.sig, &f.block));
            syn::visit::visit_item_fn(self, f);
        }
        fn visit_impl_item_fn(&mut self, f: &'a syn::ImplItemFn) {
            self.out.push((&f.sig, &f.block));
            syn::visit::visit_impl_item_fn(self, f);
        }
    }
    let mut fns = Fns { out: Vec::new() };
    fns.visit_file(file);
    fns.out
        .into_iter()
        .map(|(sig, block)| FnFlow {
            block,
            bindings: bindings(src, sig, block),
        })
        .collect()
}

fn source_text(src: &SourceText, node: &impl Spanned) -> String {
    src.text
        .get(span_range(src, node.span()))
        .unwrap_or("")
        .to_string()
}

/// Source text with string literals blanked, except the `{name}` captures of format
/// strings: what code a piece of text mentions.
fn code_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_str = false;
    let mut in_capture = false;
    let mut escaped = false;
    for c in text.chars() {
        if !in_str {
            if c == '"' {
                in_str = true;
            }
            out.push(c);
            continue;
        }
        if escaped {
            escaped = false;
            out.push(' ');
            continue;
        }
        match c {
            '\\' => {
                escaped = true;
                out.push(' ');
            }
            '"' => {
                in_str = false;
                in_capture = false;
                out.push(c);
            }
            '{' => {
                in_capture = true;
                out.push(' ');
            }
            '}' | ':' => {
                in_capture = false;
                out.push(' ');
            }
            _ if in_capture => out.push(c),
            _ => out.push(' '),
        }
    }
    out
}

/// Whether source text mentions one of the names as a whole word, in code or in a
/// format string's `{name}`.
pub fn mentions(text: &str, names: &HashSet<String>) -> bool {
    if names.is_empty() {
        return false;
    }
    let text = code_only(text);
    let text = text.as_str();
    names.iter().any(|n| {
        text.match_indices(n.as_str()).any(|(i, _)| {
            let before = text[..i].chars().next_back();
            let after = text[i + n.len()..].chars().next();
            !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
        })
    })
}

/// A model call in async-openai and similar clients: `client.chat().create(request)`.
pub fn is_model_call_text(t: &str) -> bool {
    let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    t.contains(".chat().create(")
        || t.contains(".completions().create(")
        || t.contains(".responses().create(")
        || t.contains(".messages().create(")
}

/// An env read of a secret-named variable: `std::env::var("STRIPE_SECRET_KEY")`.
pub fn reads_env_secret(t: &str) -> bool {
    let Some(i) = t.find("var(\"") else {
        return false;
    };
    let name: String = t[i + 5..].chars().take_while(|c| *c != '"').collect();
    t[..i].contains("env") && is_secret_env_name(&name)
}

/// Whether an environment variable's name is a secret's: keys, tokens, passwords,
/// database URLs; not public ones.
pub fn is_secret_env_name(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    if ["PUBLIC", "PUBLISHABLE", "ANON"]
        .iter()
        .any(|w| upper.contains(w))
    {
        return false;
    }
    secret_name(name).is_some()
        || upper.contains("DATABASE_URL")
        || upper.contains("DB_URL")
        || upper.ends_with("_DSN")
        || upper.contains("CONNECTION_STRING")
}

fn bindings(src: &SourceText, sig: &syn::Signature, block: &syn::Block) -> Bindings {
    let mut b = Bindings::default();
    // axum / actix extractors: Json(req), Query(q), Path(id), Form(f), web::Json(body)
    for input in &sig.inputs {
        if let syn::FnArg::Typed(t) = input {
            let ty = source_text(src, &t.ty);
            if ["Json", "Query", "Path", "Form", "Multipart"]
                .iter()
                .any(|w| ty.contains(w))
            {
                collect_pat_names(&t.pat, &mut b.request);
            }
        }
    }
    struct Lets<'a> {
        src: &'a SourceText,
        b: &'a mut Bindings,
        /// Names bound to a number or to SQL text the code spells out.
        inert: HashSet<String>,
    }
    impl<'ast> Visit<'ast> for Lets<'_> {
        fn visit_local(&mut self, l: &'ast syn::Local) {
            if let Some(init) = &l.init {
                let t = source_text(self.src, &init.expr);
                let mut names = HashSet::new();
                collect_pat_names(&l.pat, &mut names);
                if init.diverge.is_none() && inert(&init.expr, &self.inert) {
                    self.inert.extend(names);
                    syn::visit::visit_local(self, l);
                    return;
                }
                let typed = t.contains("serde_json::from_") || t.contains("from_value(");
                if !typed && (is_model_call_text(&t) || mentions(&t, &self.b.model)) {
                    self.b.model.extend(names.iter().cloned());
                }
                if !typed && mentions(&t, &self.b.request) {
                    self.b.request.extend(names.iter().cloned());
                }
                if reads_env_secret(&t) || mentions(&t, &self.b.secret) {
                    self.b.secret.extend(names);
                }
            }
            syn::visit::visit_local(self, l);
        }
        fn visit_item_fn(&mut self, _: &'ast syn::ItemFn) {}
    }
    Lets {
        src,
        b: &mut b,
        inert: HashSet::new(),
    }
    .visit_block(block);
    b
}

/// Whether a value can only be a number or text the code spells out, whatever the
/// request holds: `query.limit.unwrap_or(50).min(100)`, `(page - 1) * limit` of such
/// names, `n as i64`, `ids.len()`, or a `match` / `if` whose every branch is a string
/// literal (`let order_by = match q.sort.as_deref() { Some("price") => "price ASC", _ =>
/// "created_at DESC" }`). Such a value carries no SQL of the caller's.
fn inert(e: &syn::Expr, names: &HashSet<String>) -> bool {
    use syn::{BinOp, Expr, Lit};
    let int_literal = |e: &Expr| matches!(e, Expr::Lit(l) if matches!(l.lit, Lit::Int(_)));
    let block_value = |b: &syn::Block| match b.stmts.last() {
        Some(syn::Stmt::Expr(e, None)) => inert(e, names),
        _ => false,
    };
    match e {
        Expr::Lit(l) => matches!(
            l.lit,
            Lit::Int(_) | Lit::Float(_) | Lit::Bool(_) | Lit::Str(_)
        ),
        Expr::Paren(p) => inert(&p.expr, names),
        Expr::Group(g) => inert(&g.expr, names),
        Expr::Reference(r) => inert(&r.expr, names),
        Expr::Path(p) => p
            .path
            .get_ident()
            .is_some_and(|i| names.contains(&i.to_string())),
        Expr::Cast(c) => {
            let ty = type_word(&c.ty);
            INTEGER_TYPES.contains(&ty.as_str())
        }
        Expr::Binary(b) => {
            matches!(
                b.op,
                BinOp::Add(_) | BinOp::Sub(_) | BinOp::Mul(_) | BinOp::Div(_) | BinOp::Rem(_)
            ) && inert(&b.left, names)
                && inert(&b.right, names)
                && !matches!(&*b.left, Expr::Lit(l) if matches!(l.lit, Lit::Str(_)))
        }
        Expr::MethodCall(m) => match m.method.to_string().as_str() {
            // bounded by a number: the value is a number
            "min" | "max" | "clamp" | "unwrap_or" => m.args.iter().any(int_literal),
            "len" | "count" => m.args.is_empty(),
            _ => false,
        },
        Expr::Match(m) => !m.arms.is_empty() && m.arms.iter().all(|a| inert(&a.body, names)),
        Expr::If(i) => {
            block_value(&i.then_branch)
                && i.else_branch.as_ref().is_some_and(|(_, e)| inert(e, names))
        }
        Expr::Block(b) => block_value(&b.block),
        _ => false,
    }
}

/// Rust's integer and float types, as a cast names them.
const INTEGER_TYPES: &[&str] = &[
    "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128", "usize", "f32",
    "f64",
];

/// A type as a single word (`i64`), or empty for anything longer.
fn type_word(ty: &syn::Type) -> String {
    match ty {
        syn::Type::Path(p) => p
            .path
            .get_ident()
            .map(|i| i.to_string())
            .unwrap_or_default(),
        _ => String::new(),
    }
}

fn collect_pat_names(p: &syn::Pat, out: &mut HashSet<String>) {
    match p {
        syn::Pat::Ident(i) => {
            out.insert(i.ident.to_string());
        }
        syn::Pat::Type(t) => collect_pat_names(&t.pat, out),
        syn::Pat::TupleStruct(t) => t.elems.iter().for_each(|e| collect_pat_names(e, out)),
        syn::Pat::Tuple(t) => t.elems.iter().for_each(|e| collect_pat_names(e, out)),
        syn::Pat::Struct(s) => s.fields.iter().for_each(|f| collect_pat_names(&f.pat, out)),
        syn::Pat::Reference(r) => collect_pat_names(&r.pat, out),
        _ => {}
    }
}

/// The calls in a function body, those inside macro arguments (`vec![…]`,
/// `format!(…)`) included.
pub fn calls(block: &syn::Block) -> Vec<syn::Expr> {
    struct Calls {
        out: Vec<syn::Expr>,
    }
    impl<'a> Visit<'a> for Calls {
        fn visit_expr(&mut self, e: &'a syn::Expr) {
            if matches!(e, syn::Expr::Call(_) | syn::Expr::MethodCall(_)) {
                self.out.push(e.clone());
            }
            syn::visit::visit_expr(self, e);
        }
        fn visit_macro(&mut self, m: &'a syn::Macro) {
            if let Ok(args) = m.parse_body_with(
                syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated,
            ) {
                for arg in &args {
                    self.visit_expr(arg);
                }
            }
        }
        fn visit_item_fn(&mut self, _: &'a syn::ItemFn) {}
    }
    let mut c = Calls { out: Vec::new() };
    c.visit_block(block);
    c.out
}

/// The root of a method chain: `Command::new("sh")` in `Command::new("sh").arg(x)`.
pub fn chain_root(e: &syn::Expr) -> &syn::Expr {
    match e {
        syn::Expr::MethodCall(m) => chain_root(&m.receiver),
        _ => e,
    }
}

fn call_path(e: &syn::Expr) -> Option<String> {
    match e {
        syn::Expr::Call(c) => match &*c.func {
            syn::Expr::Path(p) => Some(
                p.path
                    .segments
                    .iter()
                    .map(|s| s.ident.to_string())
                    .collect::<Vec<_>>()
                    .join("::"),
            ),
            _ => None,
        },
        _ => None,
    }
}

/// Sinks in a function that model output reaches: `Command::new(x)`, `.arg(x)` /
/// `.args(x)` on a `Command`, `sqlx::query(x)`.
pub fn model_output_sinks(src: &SourceText, f: &FnFlow<'_>) -> Vec<(Range<usize>, &'static str)> {
    sinks_reached(src, f, &f.bindings.model, false)
}

/// SQL sinks (`sqlx::query(x)`, `query_as`, `query_scalar`, `raw_sql`) that request
/// input reaches.
pub fn request_sql_sinks(src: &SourceText, f: &FnFlow<'_>) -> Vec<Range<usize>> {
    sinks_reached(src, f, &f.bindings.request, true)
        .into_iter()
        .map(|(r, _)| r)
        .collect()
}

fn sinks_reached(
    src: &SourceText,
    f: &FnFlow<'_>,
    names: &HashSet<String>,
    sql_only: bool,
) -> Vec<(Range<usize>, &'static str)> {
    let mut out = Vec::new();
    if names.is_empty() {
        return out;
    }
    for e in calls(f.block) {
        let e = &e;
        let (args, what): (Vec<&syn::Expr>, &str) = match e {
            syn::Expr::Call(c) => {
                let path = call_path(e).unwrap_or_default();
                if path.ends_with("Command::new") && !sql_only {
                    (c.args.iter().collect(), "runs it as a command")
                } else if ["query", "query_as", "query_scalar", "raw_sql"]
                    .iter()
                    .any(|q| path == *q || path.ends_with(&format!("::{q}")))
                {
                    (c.args.iter().take(1).collect(), "runs it as SQL")
                } else {
                    continue;
                }
            }
            syn::Expr::MethodCall(m) if !sql_only && (m.method == "arg" || m.method == "args") => {
                let root = call_path(chain_root(e)).unwrap_or_default();
                if !root.ends_with("Command::new") {
                    continue;
                }
                (m.args.iter().collect(), "runs it as a command")
            }
            _ => continue,
        };
        if let Some(a) = args
            .into_iter()
            .find(|a| mentions(&source_text(src, *a), names))
        {
            out.push((span_range(src, a.span()), what));
        }
    }
    out
}

/// Prompt contents in a function: `ChatCompletionRequestSystemMessageArgs::default()
/// .content(x)` (system) and the user/assistant builders (messages), as (is system,
/// the content expression).
fn prompt_contents(f: &FnFlow<'_>) -> Vec<(bool, syn::Expr)> {
    let mut out = Vec::new();
    for e in calls(f.block) {
        let syn::Expr::MethodCall(m) = &e else {
            continue;
        };
        if m.method != "content" {
            continue;
        }
        let Some(arg) = m.args.first() else { continue };
        let root = call_path(chain_root(&e)).unwrap_or_default();
        if root.contains("SystemMessageArgs") {
            out.push((true, arg.clone()));
        } else if root.contains("MessageArgs") {
            out.push((false, arg.clone()));
        }
    }
    out
}

/// A prompt content of async-openai's message builders in a file, with what the rules
/// ask of it.
pub struct Prompt {
    /// The system message's content, rather than a user or assistant message's.
    pub system: bool,
    /// Its source text.
    pub text: String,
    pub range: Range<usize>,
    /// What the bindings of its function hold.
    pub request: bool,
    pub secret: bool,
}

/// Every prompt content in a file's functions (none unless the file builds messages).
pub fn prompts(src: &SourceText, file: &syn::File) -> Vec<Prompt> {
    if !src.text.contains("MessageArgs") {
        return Vec::new();
    }
    let mut out = Vec::new();
    for f in functions(src, file) {
        for (system, content) in prompt_contents(&f) {
            let text = source_text(src, &content);
            out.push(Prompt {
                system,
                request: mentions(&text, &f.bindings.request),
                secret: reads_env_secret(&text) || mentions(&text, &f.bindings.secret),
                range: span_range(src, content.span()),
                text,
            });
        }
    }
    out
}

/// The source text of a node of the file.
pub fn text_of(src: &SourceText, node: &impl Spanned) -> String {
    source_text(src, node)
}
