//! Rust data access: diesel query builders and sea-orm entities, found from the
//! terminal call of a chain (`.load(conn)`, `.all(db)`, `.execute(conn)`) inward.

use std::ops::Range;

use syn::spanned::Spanned;

use super::Access;
use crate::facts::tenant::{Model, Origin};
use crate::lang::rust::{path_string, span_range};
use crate::rules::FileCx;

/// What a Rust query's filters constrain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RustFilter {
    /// The tenant column, with the compared value's source text.
    Tenant(Option<String>),
    User,
    PrimaryKey,
    None,
}

pub struct RustQuery<'m> {
    pub model: &'m Model,
    pub report: Range<usize>,
    pub access: Access,
    pub filter: RustFilter,
    pub style: &'static str,
}

const TERMINALS: &[&str] = &[
    "load",
    "get_result",
    "get_results",
    "first",
    "execute",
    "all",
    "one",
    "count",
    "exec",
    "stream",
    "paginate",
    "into_model",
    "into_json",
    "exec_with_returning",
];

/// The query a terminal method call ends, if it is one of a tenant-scoped model.
pub fn find<'m>(cx: &'m FileCx<'_>, expr: &syn::Expr) -> Option<RustQuery<'m>> {
    let syn::Expr::MethodCall(end) = expr else {
        return None;
    };
    if !TERMINALS.contains(&end.method.to_string().as_str()) {
        return None;
    }
    let mut args: Vec<String> = Vec::new();
    let mut methods: Vec<String> = Vec::new();
    let mut access = Access::Read;
    let mut cur: &syn::Expr = &end.receiver;
    let src = cx.text();
    let text_of = |e: &dyn Spanned| {
        src.get(span_range(cx.src, e.span()))
            .unwrap_or("")
            .to_string()
    };
    loop {
        match cur {
            syn::Expr::MethodCall(mc) => {
                methods.push(mc.method.to_string());
                for a in &mc.args {
                    args.push(text_of(a));
                }
                cur = &mc.receiver;
            }
            syn::Expr::Paren(p) => cur = &p.expr,
            syn::Expr::Reference(r) => cur = &r.expr,
            syn::Expr::Call(c) => {
                let syn::Expr::Path(p) = &*c.func else {
                    return None;
                };
                let path = path_string(&p.path);
                let last = path.rsplit("::").next().unwrap_or("");
                // diesel::update(target) / diesel::delete(target)
                if (last == "update" || last == "delete") && path.contains("diesel")
                    || path == "update"
                    || path == "delete"
                {
                    access = if last == "update" {
                        Access::Update
                    } else {
                        Access::Delete
                    };
                    cur = c.args.first()?;
                    continue;
                }
                // sea-orm roots: Project::find(), project::Entity::find_by_id(id), …
                let segments: Vec<&str> = path.split("::").collect();
                let entity = match segments.as_slice() {
                    [.., module, "Entity", _] => module.to_string(),
                    [.., alias, _] => alias.to_ascii_lowercase(),
                    _ => return None,
                };
                let model = cx
                    .facts
                    .data
                    .rust_model(cx.path, &entity)
                    .filter(|m| m.origin == Origin::SeaOrm)?;
                let (root_access, pk) = match last {
                    "find" => (Access::Read, false),
                    "find_by_id" => (Access::Read, true),
                    "update_many" => (Access::Update, false),
                    "delete_many" => (Access::Delete, false),
                    "delete_by_id" => (Access::Delete, true),
                    _ => return None,
                };
                return Some(RustQuery {
                    model,
                    report: span_range(cx.src, p.span()),
                    access: root_access,
                    filter: if pk && args.is_empty() {
                        RustFilter::PrimaryKey
                    } else {
                        judge(model, &methods, &args, pk)
                    },
                    style: "sea-orm",
                });
            }
            syn::Expr::Path(p) => {
                // diesel: projects::table, projects (dsl)
                let first = p.path.segments.first()?.ident.to_string();
                let model = cx
                    .facts
                    .data
                    .rust_model(cx.path, &first)
                    .filter(|m| m.origin == Origin::Diesel)?;
                let pk = methods.iter().any(|m| m == "find");
                return Some(RustQuery {
                    model,
                    report: span_range(cx.src, p.span()),
                    access,
                    filter: judge(model, &methods, &args, pk),
                    style: "diesel",
                });
            }
            _ => return None,
        }
    }
}

/// The filters' source text: `org_id.eq(x)`, `projects::org_id.eq(x)`,
/// `project::Column::OrgId.eq(x)`.
fn judge(model: &Model, _methods: &[String], args: &[String], pk: bool) -> RustFilter {
    let Some(t) = &model.tenant else {
        return RustFilter::None;
    };
    let camel: String = t
        .column
        .split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect();
    for a in args {
        for name in [format!("{}.eq(", t.column), format!("Column::{camel}.eq(")] {
            if let Some(p) = a.find(&name) {
                let value = a[p + name.len()..]
                    .split(')')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_string();
                return RustFilter::Tenant(Some(value));
            }
        }
        if a.contains(&t.column) || a.contains(&format!("Column::{camel}")) {
            return RustFilter::Tenant(None);
        }
    }
    let user = args.iter().any(|a| {
        model.user_fields.iter().any(|u| a.contains(u.as_str()))
            || a.contains("user_id")
            || a.contains("Column::UserId")
    });
    if user {
        RustFilter::User
    } else if pk {
        RustFilter::PrimaryKey
    } else {
        RustFilter::None
    }
}
