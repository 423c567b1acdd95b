//! Mongoose, Sequelize and TypeORM queries.

use crate::lang::syntax::Node;

use super::prisma::prisma_where;
use super::{Access, Filter, TenantQuery};
use crate::facts::tenant::{Model, Origin};
use crate::lang::treesitter::{arguments, callee, enclosing_function, object_pairs, text};
use crate::rules::FileCx;

/// How a method reads its filter.
#[derive(Clone, Copy)]
enum Arg {
    /// The n-th argument is the filter object (Mongoose `find(filter)`, TypeORM `findBy(where)`).
    Filter(usize),
    /// The n-th argument is an options object with a `where` (Sequelize, TypeORM `find`).
    Where(usize),
    /// The query is by primary key.
    Id,
    /// TypeORM update/delete criteria: an object, or an id.
    Criteria,
}

const MONGOOSE: &[(&str, Access, Arg)] = &[
    ("find", Access::Read, Arg::Filter(0)),
    ("findOne", Access::Read, Arg::Filter(0)),
    ("countDocuments", Access::Read, Arg::Filter(0)),
    ("exists", Access::Read, Arg::Filter(0)),
    ("updateOne", Access::Update, Arg::Filter(0)),
    ("updateMany", Access::Update, Arg::Filter(0)),
    ("replaceOne", Access::Update, Arg::Filter(0)),
    ("findOneAndUpdate", Access::Update, Arg::Filter(0)),
    ("findOneAndReplace", Access::Update, Arg::Filter(0)),
    ("deleteOne", Access::Delete, Arg::Filter(0)),
    ("deleteMany", Access::Delete, Arg::Filter(0)),
    ("findOneAndDelete", Access::Delete, Arg::Filter(0)),
    ("findById", Access::Read, Arg::Id),
    ("findByIdAndUpdate", Access::Update, Arg::Id),
    ("findByIdAndDelete", Access::Delete, Arg::Id),
    ("findByIdAndRemove", Access::Delete, Arg::Id),
];

const SEQUELIZE: &[(&str, Access, Arg)] = &[
    ("findAll", Access::Read, Arg::Where(0)),
    ("findOne", Access::Read, Arg::Where(0)),
    ("findAndCountAll", Access::Read, Arg::Where(0)),
    ("count", Access::Read, Arg::Where(0)),
    ("update", Access::Update, Arg::Where(1)),
    ("destroy", Access::Delete, Arg::Where(0)),
    ("findByPk", Access::Read, Arg::Id),
];

const TYPEORM: &[(&str, Access, Arg)] = &[
    ("find", Access::Read, Arg::Where(0)),
    ("findOne", Access::Read, Arg::Where(0)),
    ("findOneOrFail", Access::Read, Arg::Where(0)),
    ("findAndCount", Access::Read, Arg::Where(0)),
    ("count", Access::Read, Arg::Where(0)),
    ("exists", Access::Read, Arg::Where(0)),
    ("findBy", Access::Read, Arg::Filter(0)),
    ("findOneBy", Access::Read, Arg::Filter(0)),
    ("findOneByOrFail", Access::Read, Arg::Filter(0)),
    ("countBy", Access::Read, Arg::Filter(0)),
    ("existsBy", Access::Read, Arg::Filter(0)),
    ("update", Access::Update, Arg::Criteria),
    ("delete", Access::Delete, Arg::Criteria),
    ("softDelete", Access::Delete, Arg::Criteria),
];

/// Recognises `<Model>.<method>(…)` (Mongoose, Sequelize) and `<repository>.<method>(…)`
/// (TypeORM). Returns whether the call was one.
pub(super) fn queries<'t>(
    cx: &FileCx<'t>,
    call: Node<'t>,
    object: Node<'t>,
    method: &str,
    out: &mut Vec<TenantQuery<'t, 't>>,
) -> bool {
    let src = cx.text();
    let data = &cx.facts.data;
    let (model, table, style) = if object.kind_str() == "identifier"
        && let Some(m) = data
            .node_model(cx.path, text(object, src))
            .filter(|m| m.origin != Origin::TypeOrm)
    {
        let (table, style) = if m.origin == Origin::Mongoose {
            (MONGOOSE, "Mongoose")
        } else {
            (SEQUELIZE, "Sequelize")
        };
        (m, table, style)
    } else if cx.index.once_per_file("uses-typeorm", || uses_typeorm(src))
        && let Some(entity) = repository_entity(object, call, &cx.index)
        && let Some(m) = data
            .node_model(cx.path, &entity)
            .filter(|m| m.origin == Origin::TypeOrm)
    {
        (m, TYPEORM, "TypeORM")
    } else {
        return false;
    };
    let Some((_, access, arg)) = table.iter().find(|(m, _, _)| *m == method) else {
        return false;
    };
    let args = arguments(call);
    let nth = |i: usize| args.and_then(|a| super::arg(a, i));
    let filter = match *arg {
        Arg::Id => Filter::PrimaryKey(nth(0)),
        Arg::Filter(i) => nth(i).map_or(Filter::None, |f| where_value(cx, model, f, call)),
        Arg::Where(i) => match nth(i) {
            Some(opts) if opts.kind_str() == "object" => object_pairs(opts, src)
                .into_iter()
                .find(|(k, _, _)| k == "where")
                .map_or(Filter::None, |(_, _, w)| where_value(cx, model, w, call)),
            Some(_) => Filter::Unknown,
            None => Filter::None,
        },
        Arg::Criteria => match nth(0) {
            Some(c) if c.kind_str() == "object" => where_value(cx, model, c, call),
            Some(id) => Filter::PrimaryKey(Some(id)),
            None => Filter::None,
        },
    };
    let report = callee(call).map_or(call.byte_range(), |f| f.byte_range());
    out.push(TenantQuery::new(model, report, *access, filter, style));
    true
}

/// A filter object, or an array of them (TypeORM's OR: every branch needs the tenant).
fn where_value<'t>(cx: &FileCx<'t>, model: &Model, w: Node<'t>, call: Node<'t>) -> Filter<'t> {
    if w.kind_str() == "array" {
        let branches: Vec<Filter<'t>> = w
            .named_children()
            .filter(|b| b.kind_str() != "comment")
            .map(|b| prisma_where(cx, model, b, call, 0))
            .collect();
        if !branches.is_empty() && branches.iter().all(|b| matches!(b, Filter::Tenant(_))) {
            return branches[0];
        }
        return Filter::Other;
    }
    prisma_where(cx, model, w, call, 0)
}

/// The entity a TypeORM repository expression is for: `ds.getRepository(Doc)`, a
/// variable assigned from one, or `this.docs` injected with `@InjectRepository(Doc)` /
/// typed `Repository<Doc>`.
fn repository_entity<'t>(
    object: Node<'t>,
    call: Node<'t>,
    ix: &crate::index::FileIndex<'t>,
) -> Option<String> {
    let src = ix.src();
    let from_call = |n: Node<'_>| {
        let f = callee(n)?;
        let name = text(f, src);
        if name == "getRepository" || name.ends_with(".getRepository") {
            arguments(n)?
                .named_child(0)
                .map(|e| text(e, src).to_string())
        } else {
            None
        }
    };
    match object.kind_str() {
        "call_expression" => from_call(object),
        "identifier" => {
            let name = text(object, src);
            let value = ix
                .resolve(enclosing_function(call), name, call.start_byte())
                .or_else(|| {
                    let mut root = call;
                    while let Some(p) = root.parent() {
                        root = p;
                    }
                    ix.resolve(root, name, call.start_byte())
                })?;
            if value.kind_str() == "call_expression" {
                from_call(value)
            } else {
                None
            }
        }
        "member_expression" => {
            let obj = object.field("object")?;
            if text(obj, src) != "this" {
                return None;
            }
            let prop = text(object.field("property")?, src);
            injected_entity(prop, src)
        }
        _ => None,
    }
}

/// `@InjectRepository(Document) private readonly documents: Repository<Document>`.
fn injected_entity(prop: &str, src: &str) -> Option<String> {
    let typed = format!("{prop}: Repository<");
    if let Some(p) = src.find(&typed) {
        let rest = &src[p + typed.len()..];
        return rest.split('>').next().map(|e| e.trim().to_string());
    }
    let mut search = 0;
    while let Some(p) = src[search..].find("@InjectRepository(") {
        let start = search + p + "@InjectRepository(".len();
        let entity = src[start..].split(')').next()?.trim().to_string();
        let end = crate::source::floor_char_boundary(src, start + 120);
        let after = &src[start..end];
        if after
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .any(|w| w == prop)
        {
            return Some(entity);
        }
        search = start;
    }
    None
}

/// A cheap test before resolving repositories (which walks the file): only files that
/// mention TypeORM repositories can hold one.
fn uses_typeorm(src: &str) -> bool {
    src.contains("getRepository") || src.contains("Repository<") || src.contains("InjectRepository")
}
