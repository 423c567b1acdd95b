//! Reading schemas: Prisma, Drizzle, SQLAlchemy / SQLModel / Flask-SQLAlchemy, Django
//! models, and SQL migrations (tables, columns, row level security). Each file is read
//! on its own ([`extract`]); [`merge`] then builds the project's [`DataModel`].

pub mod database;
mod drizzle;
mod dynamic;
mod migrations;
pub use migrations::archived_migration;
mod node_orms;
pub mod objects;
mod prisma;
mod python;
mod rust_orms;
mod storage;

use super::tenant::{DataModel, Model};
use crate::lang::Lang;

pub use migrations::SqlEvent;

/// What one file says about the data model.
#[derive(Debug, Default)]
pub struct FileSchema {
    pub path: String,
    pub models: Vec<Model>,
    pub sql: Vec<SqlEvent>,
}

/// Whether a file may declare a schema (a cheap test on its text before parsing).
pub fn wants(lang: Lang, text: &str) -> bool {
    match lang {
        Lang::Prisma | Lang::Sql => true,
        Lang::TypeScript | Lang::Tsx | Lang::JavaScript => {
            text.contains("pgTable(")
                || text.contains("mysqlTable(")
                || text.contains("sqliteTable(")
                || node_orms::wants(text)
        }
        Lang::Python => {
            text.contains("__tablename__")
                || text.contains("SQLModel")
                || text.contains("models.Model")
                || text.contains("db.Model")
                || text.contains("mapped_column")
                || text.contains("Column(")
        }
        Lang::Rust => rust_orms::wants(text),
        _ => false,
    }
}

/// The schema facts of one file. `tree` is the file's tree-sitter tree (TypeScript,
/// JavaScript and Python models are read from it; without one they have none); `extra`
/// holds the config's extra tenant column names.
pub fn extract(
    path: &str,
    lang: Lang,
    text: &str,
    tree: Option<&crate::lang::syntax::Tree>,
    extra: &[String],
) -> FileSchema {
    let mut out = FileSchema {
        path: path.to_string(),
        ..Default::default()
    };
    match lang {
        Lang::Prisma => out.models = prisma::models(path, text, extra),
        Lang::Sql => out.sql = migrations::events(text),
        Lang::TypeScript | Lang::Tsx | Lang::JavaScript => {
            if let Some(tree) = tree {
                out.models = drizzle::models(path, tree, text, extra);
                if node_orms::wants(text) {
                    out.models
                        .extend(node_orms::models(path, tree, text, extra));
                }
            }
        }
        Lang::Python => {
            if let Some(tree) = tree {
                out.models = python::models(path, tree, text, extra);
            }
        }
        Lang::Rust => out.models = rust_orms::models(path, text, extra),
        _ => {}
    }
    out
}

/// Builds the data model from every file's facts, in path order (migrations apply in
/// file name order). The SQL of `supabase_projects` is all migrations (see
/// [`migrations::apply`]), and each Supabase project's database.
pub fn merge(
    mut files: Vec<FileSchema>,
    extra: &[String],
    supabase_projects: &[String],
    api_schemas: &std::collections::BTreeMap<String, Vec<String>>,
) -> (DataModel, Vec<database::Database>) {
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let mut data = DataModel::default();
    for f in &mut files {
        data.models.append(&mut f.models);
    }
    let databases = migrations::apply(&files, &mut data, extra, supabase_projects, api_schemas);
    (data, databases)
}
