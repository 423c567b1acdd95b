//! Rust sources through `syn`: a full syntax tree, including the expressions inside
//! macro calls such as `tracing::info!(...)` and `sqlx::query!(...)`.

use proc_macro2::Span;
use syn::visit::Visit;

use crate::source::SourceText;

/// Deeper bracket nesting than this is not handed to `syn`, whose parser recurses.
pub const MAX_NESTING: usize = 256;

/// Parses a Rust file. Errors carry a message and the byte offset they point at.
pub fn parse(src: &SourceText) -> Result<syn::File, (String, usize)> {
    if let Some(offset) = too_deep(&src.text) {
        return Err((
            format!("brackets nest deeper than {MAX_NESTING} levels; not parsed"),
            offset,
        ));
    }
    syn::parse_file(&src.text).map_err(|e| {
        let start = e.span().start();
        (e.to_string(), offset_of(src, start))
    })
}

/// Byte offset of a syn position (1-based line, 0-based char column).
pub fn offset_of(src: &SourceText, at: proc_macro2::LineColumn) -> usize {
    src.offset_of(at.line, at.column + 1)
}

/// Byte range of a span in the file.
pub fn span_range(src: &SourceText, span: Span) -> std::ops::Range<usize> {
    let start = offset_of(src, span.start());
    let end = offset_of(src, span.end()).max(start);
    start..end
}

/// The first offset where brackets nest deeper than [`MAX_NESTING`], if any.
fn too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(i);
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// The syntax a Rust rule is shown, once per node, in one walk of the file.
#[derive(Clone, Copy)]
pub enum RustNode<'a> {
    Expr(&'a syn::Expr),
    /// `let name = init;`
    Local(&'a syn::Local),
    /// `const NAME: T = expr;` and `static NAME: T = expr;` as (name, expr).
    Item(&'a syn::Ident, &'a syn::Expr),
    /// `field: expr` in a struct literal.
    Field(&'a syn::FieldValue),
    /// A macro call; its arguments, when they parse as expressions, are visited too.
    Macro(&'a syn::Macro),
}

/// Walks a file once and shows every node of interest to `f`, the expressions inside
/// macro calls included.
pub fn visit_file<'a>(file: &'a syn::File, f: &mut dyn FnMut(RustNode<'_>)) {
    let mut v = Walker { f };
    v.visit_file(file);
}

struct Walker<'f> {
    f: &'f mut dyn FnMut(RustNode<'_>),
}

impl<'ast> Visit<'ast> for Walker<'_> {
    fn visit_expr(&mut self, e: &'ast syn::Expr) {
        (self.f)(RustNode::Expr(e));
        syn::visit::visit_expr(self, e);
    }
    fn visit_local(&mut self, l: &'ast syn::Local) {
        (self.f)(RustNode::Local(l));
        syn::visit::visit_local(self, l);
    }
    fn visit_item_const(&mut self, i: &'ast syn::ItemConst) {
        (self.f)(RustNode::Item(&i.ident, &i.expr));
        syn::visit::visit_item_const(self, i);
    }
    fn visit_item_static(&mut self, i: &'ast syn::ItemStatic) {
        (self.f)(RustNode::Item(&i.ident, &i.expr));
        syn::visit::visit_item_static(self, i);
    }
    fn visit_field_value(&mut self, fv: &'ast syn::FieldValue) {
        (self.f)(RustNode::Field(fv));
        syn::visit::visit_field_value(self, fv);
    }
    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        (self.f)(RustNode::Macro(m));
        if let Ok(args) = m.parse_body_with(
            syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated,
        ) {
            for arg in &args {
                self.visit_expr(arg);
            }
        }
        syn::visit::visit_macro(self, m);
    }
}

/// The last path segment of a method receiver chain's root or of a path expression:
/// `reqwest::Client::builder()` -> `builder`.
pub fn path_last(path: &syn::Path) -> String {
    path.segments
        .last()
        .map(|s| s.ident.to_string())
        .unwrap_or_default()
}

/// The whole path as written, segments joined by `::`.
pub fn path_string(path: &syn::Path) -> String {
    path.segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect::<Vec<_>>()
        .join("::")
}

/// A string literal expression's value and span, looking through `.to_string()`,
/// `.into()`, `String::from(..)` and references.
pub fn str_lit(expr: &syn::Expr) -> Option<(String, Span)> {
    match expr {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) => Some((s.value(), s.span())),
        syn::Expr::Reference(r) => str_lit(&r.expr),
        syn::Expr::MethodCall(m)
            if matches!(
                m.method.to_string().as_str(),
                "to_string" | "into" | "to_owned"
            ) && m.args.is_empty() =>
        {
            str_lit(&m.receiver)
        }
        syn::Expr::Call(c) if c.args.len() == 1 => match &*c.func {
            syn::Expr::Path(p) if path_string(&p.path).ends_with("String::from") => {
                str_lit(&c.args[0])
            }
            _ => None,
        },
        _ => None,
    }
}

/// The `fn` a byte of a Rust file is in, read from the text: the last `fn name` that
/// starts before it (closures and nested items aside, the function around it).
pub fn enclosing_fn(text: &str, at: usize) -> Option<FnHead<'_>> {
    static FN: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::lang::pattern::regex(r"\bfn[ \t]+([A-Za-z_][A-Za-z0-9_]*)").expect("regex compiles")
    });
    // `(&self`, `(&'a mut self`, `(mut self`, `(self: Arc<Self>`, after any generics
    static SELF_FIRST: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::lang::pattern::regex(
            r"^\s*(?:<[^(]*>)?\s*\(\s*(?:&\s*(?:'\w+\s+)?)?(?:mut\s+)?self\b",
        )
        .expect("regex compiles")
    });
    let head = text.get(..at)?;
    // search only the last few kilobytes first: functions are rarely longer
    let from = crate::source::ceil_char_boundary(head, head.len().saturating_sub(64 * 1024));
    let name = FN
        .captures_iter(&head[from..])
        .last()
        .and_then(|c| c.get(1))
        .map(|m| (from + m.start(), from + m.end()))
        .or_else(|| {
            FN.captures_iter(head)
                .last()
                .and_then(|c| c.get(1))
                .map(|m| (m.start(), m.end()))
        })?;
    Some(FnHead {
        name: &text[name.0..name.1],
        takes_self: SELF_FIRST.is_match(&text[name.1..]),
        at: name.0,
    })
}

/// The type whose `impl` holds a method (`SensorRepository`); `None` for a function that
/// takes no `self`.
pub fn method_owner(text: &str, head: &FnHead<'_>) -> Option<String> {
    head.takes_self
        .then(|| impl_type(text, head.at))
        .flatten()
        .map(str::to_string)
}

/// The type of the `impl` block a byte of a Rust file is in, read from the text:
/// `SensorRepository` of `impl SensorRepository {` or of `impl Repo for
/// SensorRepository {`; `None` outside one.
pub fn impl_type(text: &str, at: usize) -> Option<&str> {
    static IMPL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::lang::pattern::regex(
            r"(?m)^[ \t]*impl\b(?:\s*<[^{;]*?>)?\s+(?:[\w:]+(?:<[^{;]*?>)?\s+for\s+)?([A-Za-z_]\w*)[^{;]*\{",
        )
        .expect("regex compiles")
    });
    let head = text.get(..at)?;
    let m = IMPL.captures_iter(head).last()?;
    let open = m.get(0)?.end() - 1;
    let body = &head[open..];
    let depth = body.bytes().filter(|&b| b == b'{').count() as isize
        - body.bytes().filter(|&b| b == b'}').count() as isize;
    (depth > 0).then(|| m.get(1).map(|t| t.as_str())).flatten()
}

/// The text of the `fn` a byte of a Rust file is in, read from the text: from the last
/// `fn ` before it to the next `fn` item after it.
pub fn fn_text(text: &str, at: usize) -> &str {
    static NEXT_FN: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::lang::pattern::regex(r"\n\s*(?:pub(?:\([^)]*\))?\s+)?(?:async\s+)?fn\s")
            .expect("regex compiles")
    });
    let at = at.min(text.len());
    let start = text[..at].rfind("fn ").unwrap_or(0);
    let end = NEXT_FN
        .find(&text[at..])
        .map_or(text.len(), |m| at + m.start());
    &text[start..end]
}

/// A function's name, and whether it is a method called on a value (its first
/// parameter is `self`): `repo.get_due_rules()`, never `get_due_rules()`.
#[derive(Debug, PartialEq, Eq)]
pub struct FnHead<'a> {
    pub name: &'a str,
    pub takes_self: bool,
    /// Where the name starts.
    pub at: usize,
}

/// The function whose body holds a byte of a Rust file, read from the text: the last
/// `fn` before it, when the byte lies inside that function's braces (not in a later
/// item at module level). `None` at module level.
pub fn body_around(text: &str, at: usize) -> Option<FnHead<'_>> {
    let head = enclosing_fn(text, at)?;
    let open = head.at + text.get(head.at..at)?.find('{')?;
    let body = &text[open..at];
    let depth = body.bytes().filter(|&b| b == b'{').count() as isize
        - body.bytes().filter(|&b| b == b'}').count() as isize;
    (depth > 0).then_some(head)
}

/// Whether something outside the code calls this function without naming it: `main`,
/// or a function under an attribute that registers it (`#[tokio::main]`,
/// `#[get("/")]`, `#[tauri::command]`, `#[wasm_bindgen]`). Tests are not entry points
/// (code only tests reach serves no request), and neither are the attributes of
/// ordinary functions (`#[allow(…)]`, `#[deprecated]`, `#[instrument]`, `#[inline]`).
pub fn entry_point(text: &str, head: &FnHead<'_>) -> bool {
    const ORDINARY: [&str; 12] = [
        "test",
        "allow",
        "deny",
        "warn",
        "expect",
        "deprecated",
        "instrument",
        "inline",
        "must_use",
        "doc",
        "cfg",
        "async_trait",
    ];
    if head.name == "main" {
        return true;
    }
    // the attributes between the previous item's end and this `fn`
    let before = &text[..head.at];
    let from = before.rfind(['}', ';']).map_or(0, |i| i + 1);
    let mut rest = &before[from..];
    while let Some(i) = rest.find("#[") {
        rest = &rest[i + 2..];
        let path: &str = rest
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
            .next()
            .unwrap_or("");
        let last = path.rsplit("::").next().unwrap_or(path);
        if !ORDINARY.contains(&last) {
            return true;
        }
    }
    false
}

/// The byte ranges of a file's test code: modules and functions marked `#[cfg(test)]`,
/// `#[test]` or `#[tokio::test]` (any attribute whose path ends in `test`).
pub fn test_ranges(file: &syn::File, src: &SourceText) -> Vec<std::ops::Range<usize>> {
    use syn::spanned::Spanned;
    fn is_test(attrs: &[syn::Attribute]) -> bool {
        attrs.iter().any(|a| {
            let path = a.path();
            if path.is_ident("cfg") {
                // `cfg(test)`, `cfg(all(test, feature = "x"))`
                let mut test = false;
                let _ = a.parse_nested_meta(|m| {
                    test |= m.path.is_ident("test")
                        || ((m.path.is_ident("all")) && {
                            let mut inner = false;
                            let _ = m.parse_nested_meta(|n| {
                                inner |= n.path.is_ident("test");
                                Ok(())
                            });
                            inner
                        });
                    Ok(())
                });
                test
            } else {
                path.segments.last().is_some_and(|s| s.ident == "test")
            }
        })
    }
    struct Tests<'s> {
        src: &'s SourceText,
        out: Vec<std::ops::Range<usize>>,
    }
    impl<'ast> Visit<'ast> for Tests<'_> {
        fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
            if is_test(&m.attrs) {
                self.out.push(span_range(self.src, m.span()));
            } else {
                syn::visit::visit_item_mod(self, m);
            }
        }
        fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
            if is_test(&f.attrs) {
                self.out.push(span_range(self.src, f.span()));
            } else {
                syn::visit::visit_item_fn(self, f);
            }
        }
        fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
            if is_test(&f.attrs) {
                self.out.push(span_range(self.src, f.span()));
            } else {
                syn::visit::visit_impl_item_fn(self, f);
            }
        }
    }
    let mut t = Tests {
        src,
        out: Vec::new(),
    };
    t.visit_file(file);
    t.out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impl_type_names_the_block_around_a_method() {
        let text = "pub struct A;\nimpl A {\n    fn a(&self) { x() }\n}\nimpl<T: Clone> Repo for SensorRepository<T> where T: Send {\n    fn b(&self) {}\n}\nfn free() {}\n";
        let at = |s: &str| text.find(s).unwrap();
        assert_eq!(impl_type(text, at("x()")), Some("A"));
        assert_eq!(impl_type(text, at("fn b")), Some("SensorRepository"));
        assert_eq!(impl_type(text, at("fn free")), None);
    }

    #[test]
    fn visits_expressions_inside_macros() {
        let src = SourceText::new(
            "fn f() { tracing::info!(\"card {}\", card.number); let k = \"v\"; }".into(),
        );
        let file = parse(&src).unwrap();
        let mut fields = 0;
        let mut locals = 0;
        visit_file(&file, &mut |n| match n {
            RustNode::Expr(syn::Expr::Field(_)) => fields += 1,
            RustNode::Local(_) => locals += 1,
            _ => {}
        });
        assert_eq!(fields, 1);
        assert_eq!(locals, 1);
    }

    #[test]
    fn refuses_deep_nesting_without_recursing() {
        let deep = format!(
            "fn f() {{ {}1{} }}",
            "(".repeat(100_000),
            ")".repeat(100_000)
        );
        let src = SourceText::new(deep);
        let err = parse(&src).unwrap_err();
        assert!(err.0.contains("nest deeper"));
    }

    #[test]
    fn finds_unit_test_code() {
        let text = "fn live() { let a = 1; }\n#[cfg(test)]\nmod tests { fn t() {} }\n#[tokio::test]\nasync fn it() {}\n#[cfg(not(test))]\nfn prod() {}\n";
        let src = SourceText::new(text.into());
        let file = parse(&src).unwrap();
        let ranges = test_ranges(&file, &src);
        let at = |s: &str| text.find(s).unwrap();
        let inside = |s: &str| ranges.iter().any(|r| r.contains(&at(s)));
        assert!(inside("fn t()"));
        assert!(inside("async fn it"));
        assert!(!inside("let a"));
        assert!(!inside("fn prod"));
    }

    #[test]
    fn names_the_function_around_a_byte() {
        let text = "impl Repo {\n    pub async fn get_due_rules(&self) {\n        sqlx::query(\"x\");\n    }\n    pub async fn list<'a>(pool: &PgPool) {\n        sqlx::query(\"y\");\n    }\n    fn take(\n        mut self,\n    ) { sqlx::query(\"z\"); }\n}";
        let at = |s: &str| text.find(s).unwrap();
        let head = |s: &str| enclosing_fn(text, at(s)).map(|h| (h.name, h.takes_self));
        assert_eq!(head("sqlx"), Some(("get_due_rules", true)));
        assert_eq!(head("sqlx::query(\"y"), Some(("list", false)));
        assert_eq!(head("sqlx::query(\"z"), Some(("take", true)));
        assert!(enclosing_fn(text, 3).is_none());
    }

    #[test]
    fn finds_the_body_a_mention_is_in_and_entry_points() {
        let text = "#[tokio::main]\nasync fn main() { run(); }\n\n#[deprecated(note = \"x\")]\n#[instrument(skip(self))]\npub fn old(&self) { self.new_rls(1) }\nstatic X: u8 = call();\n#[get(\"/\")]\nasync fn index() -> Result<(), E> { list() }\n#[tokio::test]\nasync fn t() { list() }";
        let at = |s: &str| text.find(s).unwrap();
        let body = |s: &str| body_around(text, at(s)).map(|h| (h.name, entry_point(text, &h)));
        assert_eq!(body("run()"), Some(("main", true)));
        assert_eq!(body("new_rls"), Some(("old", false)));
        assert_eq!(body("call()"), None);
        assert_eq!(body("list() }\n#"), Some(("index", true)));
        assert_eq!(body("list() }\n"), Some(("index", true)));
        assert_eq!(
            body_around(text, text.rfind("list()").unwrap())
                .map(|h| (h.name, entry_point(text, &h))),
            Some(("t", false))
        );
    }
}
