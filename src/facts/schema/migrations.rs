//! SQL files: tables and columns for the data model, and for Supabase migrations the
//! row level security state at the end of all migrations.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use sqlparser::ast::{
    AlterTableOperation, ColumnOption, CreatePolicyCommand, Statement, TableConstraint,
};

use super::FileSchema;
use super::objects::{self, ObjectEvent};
use super::storage;
use crate::facts::schema::database::{Builder, Database, DbPolicy, DbTable, Declared};
use crate::facts::tenant::{
    Access, DataModel, Model, Origin, Policy, PolicyCommand, Rls, RlsIssue, Tenant,
    is_tenant_column, is_user_field,
};
use crate::lang::sql;

/// A statement of a SQL file that matters to the data model.
#[derive(Debug, Clone)]
pub enum SqlEvent {
    CreateTable {
        table: String,
        schema: Option<String>,
        columns: Vec<String>,
        /// Columns that reference a user: `auth.users`, `public.users`, `profiles`.
        people: Vec<String>,
        /// The table holds one row: its primary key is checked to be one value (`id
        /// INTEGER PRIMARY KEY DEFAULT 1 CHECK (id = 1)`), the settings of the platform.
        singleton: bool,
        /// Its columns are all in `columns`: they are written out, not taken from a
        /// query (`as select …`), another table (`like t`, `inherits (t)`,
        /// `partition of t`), or a statement that could not be read.
        complete: bool,
        /// Columns that cannot be null: `NOT NULL` or part of the primary key.
        required: Vec<String>,
        range: Range<usize>,
    },
    /// A foreign key (`references t`, `foreign key (…) references t`, in `CREATE TABLE`
    /// or added by `ALTER TABLE … ADD CONSTRAINT`).
    References {
        table: String,
        columns: Vec<String>,
        parent: String,
        /// `ON DELETE CASCADE`: the row goes with its parent.
        cascade: bool,
    },
    AddColumn {
        table: String,
        column: String,
    },
    /// `ALTER TABLE … DROP COLUMN`.
    DropColumn {
        table: String,
        columns: Vec<String>,
    },
    /// `ALTER TABLE … RENAME COLUMN a TO b`.
    RenameColumn {
        table: String,
        from: String,
        to: String,
    },
    /// A change to a table whose effect on its columns is not known: `RENAME TO`, or an
    /// `ALTER TABLE` that could not be read.
    ColumnsUnknown {
        table: String,
    },
    Rls {
        table: String,
        enable: bool,
        range: Range<usize>,
    },
    DropPolicy {
        table: String,
        name: String,
    },
    /// `DROP TABLE`: its columns, row level security and policies go with it.
    DropTable {
        table: String,
    },
    Policy {
        table: String,
        policy: Policy,
        range: Range<usize>,
    },
    /// A function, a view or a privilege (see [`super::objects`]).
    Object {
        event: ObjectEvent,
        range: Range<usize>,
    },
    /// A statement that changes what the database rules know (a policy, a table's
    /// columns) and that could not be read: the model goes on without it, and the scan
    /// says so at the statement.
    Unread {
        /// 1-based line of the statement in its file.
        line: usize,
        /// What is missing from the model because of it.
        lost: &'static str,
        /// Why it could not be read.
        error: String,
        /// The statement's start, on one line, to name it.
        head: String,
    },
}

static CREATE_TABLE: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(
        r#"(?is)^create\s+(?:unlogged\s+)?table\s+(?:if\s+not\s+exists\s+)?([\w."]+)"#,
    )
    .expect("regex compiles")
});
static DROP_POLICY: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(
        r#"(?is)^drop\s+policy\s+(?:if\s+exists\s+)?(?:"([^"]+)"|(\S+))\s+on\s+([\w."]+)"#,
    )
    .expect("regex compiles")
});
static ALTER_RLS: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r#"(?is)^alter\s+table\s+(?:if\s+exists\s+)?(?:only\s+)?([\w."]+)\s+(enable|disable)\s+row\s+level\s+security"#)
        .expect("regex compiles")
});

static ALTER_TABLE: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r#"(?is)^alter\s+table\s+(?:if\s+exists\s+)?(?:only\s+)?([\w."]+)"#)
        .expect("regex compiles")
});

/// Whether an `ALTER TABLE` may add, drop or rename columns: `add column`, `add x int`,
/// `drop column x`, `drop x`, `rename …`; not `add constraint …`, `owner to …`, `alter
/// column x drop not null`.
fn changes_columns(statement: &str) -> bool {
    let words: Vec<String> = statement
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    words.iter().enumerate().any(|(i, w)| match w.as_str() {
        "rename" => true,
        "add" | "drop" => words.get(i + 1).is_some_and(|next| {
            !matches!(
                next.as_str(),
                "constraint"
                    | "primary"
                    | "unique"
                    | "foreign"
                    | "check"
                    | "exclude"
                    | "not"
                    | "default"
                    | "identity"
                    | "expression"
                    | "generated"
            )
        }),
        _ => false,
    })
}

static DO_BLOCK: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r#"(?is)^do\s+(?:language\s+\w+\s+)?(\$\w*\$)"#)
        .expect("regex compiles")
});
/// Where a DDL statement starts inside a PL/pgSQL block (`IF NOT EXISTS (…) THEN CREATE
/// POLICY …`, `BEGIN DROP POLICY …`).
static DDL_START: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(
        r#"(?i)\b(?:create\s+policy|drop\s+policy|alter\s+table|create\s+(?:unlogged\s+)?table|revoke|grant|alter\s+(?:function|procedure|routine|view)|drop\s+(?:table|function|procedure|view|trigger)|create\s+(?:or\s+replace\s+)?(?:constraint\s+)?trigger|create\s+(?:or\s+replace\s+)?(?:function|procedure|(?:materialized\s+)?view))\b"#,
    )
    .expect("regex compiles")
});

/// Whether the DDL at `at` is a string the block fills in before it runs it
/// (`format('ALTER FUNCTION %I …'`, `'REVOKE … ' || sig`): read as dynamic SQL, not
/// as written. A string run as it is (`EXECUTE 'ALTER TABLE t ENABLE …'`) is DDL.
fn built_as_text(text: &str, at: usize) -> bool {
    let Some(end) = literal_end(text, at) else {
        return false;
    };
    text[at..end].contains('%')
        || text[end..]
            .trim_start_matches('\'')
            .trim_start()
            .starts_with("||")
}

/// Where the string literal around `at` ends (its closing quote, or the end of the text
/// if it has none), if `at` is in one: `EXECUTE 'CREATE POLICY …'`.
fn literal_end(text: &str, at: usize) -> Option<usize> {
    if text[..at].matches('\'').count().is_multiple_of(2) {
        return None;
    }
    let mut chars = text[at..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\'' {
            if chars.peek().is_some_and(|&(_, n)| n == '\'') {
                chars.next();
                continue;
            }
            return Some(at + i);
        }
    }
    Some(text.len())
}

/// The events of one SQL file, in order.
pub fn events(text: &str) -> Vec<SqlEvent> {
    let mut out = Vec::new();
    statement_events(text, 0, false, None, &mut out);
    // the lines of unread statements, from their offsets (`line` holds the offset until
    // here: statements inside a DO block are placed in the block's body)
    for ev in &mut out {
        if let SqlEvent::Unread { line, .. } = ev {
            let at = (*line).min(text.len());
            *line = 1 + text.as_bytes()[..at]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
        }
    }
    out
}

/// What an unreadable statement takes from the model, for the statements that matter to
/// the database rules (`None` for the rest: a trigger, a comment, an index).
fn lost_by(statement: &str) -> Option<&'static str> {
    static LOST: LazyLock<Regex> = LazyLock::new(|| {
        crate::lang::pattern::regex(r#"(?is)^(?:(create\s+policy)|(create\s+(?:unlogged\s+)?table)|alter\s+table\b.*?\badd\s+(?:(column)\b|(["\w]+)\s+\w))"#)
            .expect("regex compiles")
    });
    let c = LOST.captures(statement)?;
    if c.get(1).is_some() {
        return Some("the policy is left out of the database rules");
    }
    if c.get(2).is_some() {
        return Some("the table's columns are unknown to the database and tenant rules");
    }
    // `add constraint …`, `add primary key …` add no column
    let added = c.get(4).map(|m| m.as_str().to_ascii_lowercase());
    let constraint = added.as_deref().is_some_and(|w| {
        matches!(
            w,
            "constraint" | "primary" | "unique" | "foreign" | "check" | "exclude" | "generated"
        )
    });
    (!constraint).then_some("the column it adds is unknown to the database and tenant rules")
}

/// The events of the statements of `text`, each placed at its own statement: `base` is
/// where `text` starts in the file (a statement inside a `DO` block is placed where it is
/// in the block). `within`: the statements are the unescaped text of an `EXECUTE`d
/// literal, whose offsets are not the file's; what they make is placed at the block.
fn statement_events(
    text: &str,
    base: usize,
    in_block: bool,
    within: Option<&Range<usize>>,
    out: &mut Vec<SqlEvent>,
) {
    for st in sql::split(text) {
        let range = within
            .cloned()
            .unwrap_or_else(|| base + st.range.start..base + st.range.end);
        // DO $$ BEGIN DROP POLICY … EXCEPTION … END $$: the DDL it runs
        if !in_block && let Some(c) = DO_BLOCK.captures(st.text) {
            let tag = c.get(1).map_or("$$", |m| m.as_str());
            let body = &st.text[c.get(0).map_or(0, |m| m.end())..];
            let body = body.find(tag).map_or(body, |end| &body[..end]);
            let body_at = st.range.start + (body.as_ptr() as usize - st.text.as_ptr() as usize);
            for inner in sql::split(body) {
                let Some(m) = DDL_START.find(inner.text) else {
                    continue;
                };
                if built_as_text(inner.text, m.start()) {
                    continue;
                }
                let at = body_at + inner.range.start + m.start();
                match literal_end(inner.text, m.start()) {
                    // EXECUTE 'CREATE POLICY … USING (role = ''admin'')': the statement is
                    // the literal's text, its quotes unescaped
                    Some(end) => {
                        let literal = &inner.text[m.start()..end];
                        let unescaped = literal.replace("''", "'");
                        if unescaped.len() == literal.len() {
                            statement_events(&unescaped, at, true, None, out);
                        } else {
                            // offsets into the unescaped text are not the file's: what
                            // it made is placed at the block
                            let from = out.len();
                            statement_events(&unescaped, at, true, Some(&range), out);
                            for ev in &mut out[from..] {
                                match ev {
                                    SqlEvent::Object { range: r, .. } => *r = range.clone(),
                                    SqlEvent::Unread { line, .. } => *line = range.start,
                                    _ => {}
                                }
                            }
                        }
                    }
                    None => statement_events(&inner.text[m.start()..], at, true, None, out),
                }
            }
            // DDL it builds as text and EXECUTEs, aimed at the functions its loop visits
            for event in super::dynamic::events(body) {
                out.push(SqlEvent::Object {
                    event,
                    range: range.clone(),
                });
            }
            continue;
        }
        if let Some(event) = objects::event(st.text).or_else(|| storage::event(st.text)) {
            let range = base + st.range.start..base + st.range.end;
            out.push(SqlEvent::Object { event, range });
            continue;
        }
        if let Some(c) = DROP_POLICY.captures(st.text) {
            let name = c.get(1).or(c.get(2)).map_or("", |m| m.as_str()).to_string();
            let (_, table) = sql::table_name(&&c[3]);
            out.push(SqlEvent::DropPolicy { table, name });
            continue;
        }
        match sql::parse(st.text) {
            // a temporary table lives in the session's own schema, never in `public`
            Ok(Statement::CreateTable(ct)) if ct.temporary => {}
            Ok(Statement::CreateTable(ct)) => {
                let (schema, table) = sql::table_name(&ct.name);
                let mut people: Vec<String> = ct
                    .columns
                    .iter()
                    .filter(|c| {
                        c.options.iter().any(|o| {
                            matches!(&o.option, ColumnOption::ForeignKey(fk) if is_people(&fk.foreign_table))
                        })
                    })
                    .map(|c| lower(&c.name))
                    .collect();
                for constraint in &ct.constraints {
                    if let TableConstraint::ForeignKey(fk) = constraint
                        && is_people(&fk.foreign_table)
                    {
                        people.extend(fk.columns.iter().map(lower));
                    }
                }
                let singleton = ct.columns.iter().any(|c| {
                    let options: Vec<String> =
                        c.options.iter().map(|o| o.option.to_string()).collect();
                    let pinned = format!("({} = ", c.name.value).to_ascii_lowercase();
                    options
                        .iter()
                        .any(|o| o.to_ascii_uppercase().contains("PRIMARY KEY"))
                        && options.iter().any(|o| {
                            let o = o.to_ascii_lowercase();
                            o.starts_with("check") && o.contains(&pinned) && !o.contains(" or ")
                        })
                });
                let mut required: Vec<String> = Vec::new();
                let mut references = Vec::new();
                for c in &ct.columns {
                    for o in &c.options {
                        match &o.option {
                            ColumnOption::NotNull | ColumnOption::PrimaryKey(_) => {
                                required.push(lower(&c.name))
                            }
                            ColumnOption::ForeignKey(fk) => {
                                references.push((vec![lower(&c.name)], fk))
                            }
                            _ => {}
                        }
                    }
                }
                for constraint in &ct.constraints {
                    match constraint {
                        TableConstraint::PrimaryKey(pk) => {
                            required.extend(pk.columns.iter().map(|c| {
                                c.column.to_string().replace('"', "").to_ascii_lowercase()
                            }))
                        }
                        TableConstraint::ForeignKey(fk) => {
                            references.push((fk.columns.iter().map(lower).collect(), fk))
                        }
                        _ => {}
                    }
                }
                let complete = !ct.columns.is_empty()
                    && ct.query.is_none()
                    && ct.like.is_none()
                    && ct.clone.is_none()
                    && ct.inherits.is_none()
                    && ct.partition_of.is_none();
                out.push(SqlEvent::CreateTable {
                    table: table.clone(),
                    schema,
                    complete,
                    columns: ct.columns.iter().map(|c| lower(&c.name)).collect(),
                    people,
                    singleton,
                    required,
                    range,
                });
                for (columns, fk) in references {
                    out.push(references_event(&table, columns, fk));
                }
            }
            Ok(Statement::AlterTable(at)) => {
                let (_, table) = sql::table_name(&at.name);
                for op in &at.operations {
                    match op {
                        AlterTableOperation::AddConstraint {
                            constraint: TableConstraint::ForeignKey(fk),
                            ..
                        } => out.push(references_event(
                            &table,
                            fk.columns.iter().map(lower).collect(),
                            fk,
                        )),
                        AlterTableOperation::AddColumn { column_def, .. } => {
                            out.push(SqlEvent::AddColumn {
                                table: table.clone(),
                                column: lower(&column_def.name),
                            })
                        }
                        AlterTableOperation::DropColumn { column_names, .. } => {
                            out.push(SqlEvent::DropColumn {
                                table: table.clone(),
                                columns: column_names.iter().map(lower).collect(),
                            })
                        }
                        AlterTableOperation::RenameColumn {
                            old_column_name,
                            new_column_name,
                        } => out.push(SqlEvent::RenameColumn {
                            table: table.clone(),
                            from: lower(old_column_name),
                            to: lower(new_column_name),
                        }),
                        AlterTableOperation::RenameTable { table_name } => {
                            let renamed = match table_name {
                                sqlparser::ast::RenameTableNameKind::As(n)
                                | sqlparser::ast::RenameTableNameKind::To(n) => n,
                            };
                            for t in [table.clone(), sql::table_name(renamed).1] {
                                out.push(SqlEvent::ColumnsUnknown { table: t });
                            }
                        }
                        AlterTableOperation::EnableRowLevelSecurity
                        | AlterTableOperation::ForceRowLevelSecurity => out.push(SqlEvent::Rls {
                            table: table.clone(),
                            enable: true,
                            range: range.clone(),
                        }),
                        AlterTableOperation::DisableRowLevelSecurity => out.push(SqlEvent::Rls {
                            table: table.clone(),
                            enable: false,
                            range: range.clone(),
                        }),
                        _ => {}
                    }
                }
            }
            Ok(Statement::Drop {
                object_type: sqlparser::ast::ObjectType::Table,
                names,
                ..
            }) => {
                for n in names {
                    let (_, table) = sql::table_name(&n);
                    out.push(SqlEvent::DropTable { table });
                }
            }
            Ok(Statement::CreatePolicy(p)) => {
                let (_, table) = sql::table_name(&p.table_name);
                // pg_dump quotes every identifier (`"auth"."uid"()`, `TO "authenticated"`):
                // compared without the quotes, as written by hand
                let unquote = |s: String| s.replace('"', "");
                let using = p
                    .using
                    .as_ref()
                    .map(|e| unquote(e.to_string()))
                    .unwrap_or_default();
                let check = p
                    .with_check
                    .as_ref()
                    .map(|e| unquote(e.to_string()))
                    .unwrap_or_default();
                let is_true =
                    |s: &str| s.trim_matches(['(', ')', ' ']).eq_ignore_ascii_case("true");
                out.push(SqlEvent::Policy {
                    table,
                    policy: Policy {
                        name: p.name.value.clone(),
                        to: p
                            .to
                            .iter()
                            .flatten()
                            .map(|o| unquote(o.to_string()).to_ascii_lowercase())
                            .collect(),
                        command: match p.command {
                            Some(CreatePolicyCommand::Select) => PolicyCommand::Only(Access::Read),
                            Some(CreatePolicyCommand::Update) => {
                                PolicyCommand::Only(Access::Update)
                            }
                            Some(CreatePolicyCommand::Delete) => {
                                PolicyCommand::Only(Access::Delete)
                            }
                            Some(CreatePolicyCommand::Insert) => PolicyCommand::Insert,
                            Some(CreatePolicyCommand::All) | None => PolicyCommand::All,
                        },
                        allows_all: is_true(&using) || is_true(&check),
                        any_user: any_user(&using) || any_user(&check),
                        cond: format!("{using} {check}"),
                    },
                    range,
                });
            }
            Ok(_) => {}
            Err(error) => {
                if let Some(lost) = lost_by(st.text) {
                    let mut head = st.text.split_whitespace().collect::<Vec<_>>().join(" ");
                    if let Some((cut, _)) = head.char_indices().nth(70) {
                        head.truncate(cut);
                        head.push('…');
                    }
                    out.push(SqlEvent::Unread {
                        line: base + st.range.start,
                        lost,
                        error,
                        head,
                    });
                }
                // What sqlparser cannot read: still learn RLS switches and table names.
                if let Some(c) = ALTER_RLS.captures(st.text) {
                    let (_, table) = sql::table_name(&&c[1]);
                    out.push(SqlEvent::Rls {
                        table,
                        enable: c[2].eq_ignore_ascii_case("enable"),
                        range,
                    });
                } else if let Some(c) = CREATE_TABLE.captures(st.text)
                    // `create table if not exists public.if not exists t`: a statement
                    // PostgreSQL rejects makes no table
                    && !matches!(sql::table_name(&&c[1]).1.as_str(), "if" | "not" | "exists")
                {
                    let (schema, table) = sql::table_name(&&c[1]);
                    out.push(SqlEvent::CreateTable {
                        table,
                        schema,
                        columns: Vec::new(),
                        people: Vec::new(),
                        singleton: false,
                        complete: false,
                        required: Vec::new(),
                        range,
                    });
                } else if let Some(c) = ALTER_TABLE.captures(st.text)
                    && changes_columns(st.text)
                {
                    let (_, table) = sql::table_name(&&c[1]);
                    out.push(SqlEvent::ColumnsUnknown { table });
                }
            }
        }
    }
}

/// An identifier as the model keeps names: lowercased.
fn lower(i: &sqlparser::ast::Ident) -> String {
    i.value.to_ascii_lowercase()
}

/// Adds the names of `from` that `into` lacks, in order.
fn add_new(into: &mut Vec<String>, from: &[String]) {
    for c in from {
        if !into.contains(c) {
            into.push(c.clone());
        }
    }
}

/// The event of a foreign key of `table` on `columns`.
fn references_event(
    table: &str,
    columns: Vec<String>,
    fk: &sqlparser::ast::ForeignKeyConstraint,
) -> SqlEvent {
    SqlEvent::References {
        table: table.to_string(),
        columns,
        parent: sql::table_name(&fk.foreign_table).1,
        cascade: matches!(
            fk.on_delete,
            Some(sqlparser::ast::ReferentialAction::Cascade)
        ),
    }
}

/// A table of users: `auth.users`, `public.users`, `profiles`, `user_profiles`.
fn is_people(table: &sqlparser::ast::ObjectName) -> bool {
    let (schema, name) = sql::table_name(table);
    schema
        .as_deref()
        .is_none_or(|s| s == "auth" || s == "public")
        && matches!(name.as_str(), "users" | "profiles" | "user_profiles")
}

/// A condition that only asks that the caller is signed in: `auth.role() =
/// 'authenticated'`, `auth.uid() IS NOT NULL`, `(select auth.uid()) is not null`.
fn any_user(cond: &str) -> bool {
    let c: String = cond
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '(' | ')'))
        .collect::<String>()
        .to_ascii_lowercase();
    let c = c.replace("::text", "").replace("select", "");
    matches!(
        c.as_str(),
        "auth.role='authenticated'" | "auth.uidisnotnull" | "auth.jwtisnotnull"
    )
}

/// The columns of `a`, then those of `b` it lacks.
fn union(a: &[String], b: &[String]) -> Vec<String> {
    let mut out = a.to_vec();
    add_new(&mut out, b);
    out
}

/// A policy as declared, with its file and statement range.
type PolicyDecl = (Policy, String, Range<usize>);

#[derive(Default)]
struct TableState {
    columns: Vec<String>,
    /// Columns that reference a user (see [`SqlEvent::CreateTable`]).
    people: Vec<String>,
    /// One row only (see [`SqlEvent::CreateTable`]).
    singleton: bool,
    /// Columns that cannot be null.
    required: Vec<String>,
    /// Foreign keys that make each row part of a row of another table: on columns that
    /// cannot be null, or with `ON DELETE CASCADE`. (columns, parent table)
    owners: Vec<(String, String)>,
    /// Its columns as the statements so far leave them, while every one of those that
    /// changes them was read (see [`super::database::DbTable::live_columns`]).
    live: Option<Vec<String>>,
    path: String,
    created: Option<(String, Option<String>, Range<usize>)>,
    rls_enabled: bool,
    last_rls: Option<(bool, String, Range<usize>)>,
    policies: Vec<PolicyDecl>,
}

/// SQL files of a Supabase project: `supabase/migrations/*.sql`, and policy or schema
/// files kept beside them (`supabase/rls_policies.sql`); not the old migrations a
/// project keeps in an archive folder (`supabase/migrations_archive/`,
/// `supabase/migrations/_archive/`), which `supabase db push` never applies.
fn is_supabase_migration(path: &str) -> bool {
    format!("/{path}").contains("/supabase/")
        && !archived_migration(path)
        && !undoes_migrations(path)
}

/// A SQL file a Supabase project keeps in an archive folder
/// (`supabase/migrations_archive/`, `supabase/migrations/_archive/`): `supabase db push`
/// never applies it, so the schema it declares is not the database's.
pub fn archived_migration(path: &str) -> bool {
    let p = format!("/{path}");
    let Some(at) = p.find("/supabase/") else {
        return false;
    };
    let inside = &p[at + "/supabase/".len()..];
    let folders = inside.rsplit_once('/').map_or("", |(d, _)| d);
    folders.split('/').any(is_archive_folder)
}

/// A script that undoes migrations rather than one that builds the schema: a rollback
/// (`scripts/sql/rollbacks/rollback-template.sql`, `0007_rollback.sql`) or a down
/// migration (`0007_orders.down.sql`). Applying it with the others would drop what they
/// made.
fn undoes_migrations(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    let (folders, file) = lower.rsplit_once('/').unwrap_or(("", &lower));
    // the Supabase CLI applies every `<version>_<name>.sql` of its folder, whatever the name
    if format!("/{folders}").ends_with("/supabase/migrations") {
        return false;
    }
    let stem = file.trim_end_matches(".sql");
    stem.contains("rollback")
        || stem.ends_with(".down")
        || stem.ends_with("_down")
        || stem.ends_with("-down")
        || stem == "down"
        || folders
            .split('/')
            .any(|d| matches!(d, "rollback" | "rollbacks" | "down" | "revert" | "reverts"))
}

/// `archive`, `migrations_archive`, `_old`, `backup`, `deprecated`, `unused`.
fn is_archive_folder(name: &str) -> bool {
    let n = name.trim_start_matches(['_', '.']).to_ascii_lowercase();
    [
        "archive",
        "archived",
        "old",
        "backup",
        "backups",
        "deprecated",
        "unused",
        "legacy",
    ]
    .iter()
    .any(|w| n == *w || n.ends_with(&format!("_{w}")) || n.ends_with(&format!("-{w}")))
}

/// The schemas the Data API of the project at `root` serves: its `config.toml`'s
/// `[api] schemas`, else Supabase's default (`public`, `graphql_public`).
fn served_schemas(api_schemas: &BTreeMap<String, Vec<String>>, root: &str) -> Vec<String> {
    api_schemas
        .get(root)
        .cloned()
        .unwrap_or_else(|| vec!["public".to_string(), "graphql_public".to_string()])
}

/// The folder a migration belongs to (the app in a monorepo): what comes before
/// `supabase/migrations/` or `migrations/`, else the file's folder.
fn migrations_root(path: &str) -> String {
    for marker in ["supabase/", "migrations/"] {
        if let Some(p) = path.find(marker) {
            return path[..p].to_string();
        }
    }
    path.rsplit_once('/')
        .map_or(String::new(), |(d, _)| format!("{d}/"))
}

/// Supabase projects whose policies never restrict rows by a tenant column although
/// their tables have one: (root, the column, how many policies). Their database is
/// shared by everyone who signs in (an internal tool whose `organization_id` names a
/// customer), so the tenant rules do not apply. Needs enough policies (10) to say so.
fn shared_data_roots(
    tables: &BTreeMap<(String, String), TableState>,
    extra_in: &Columns<'_>,
) -> Vec<(String, String, usize)> {
    let mut roots: BTreeMap<&str, (BTreeSet<&str>, Vec<&str>)> = BTreeMap::new();
    for ((root, name), t) in tables {
        if t.policies.is_empty() && t.created.is_none() {
            continue;
        }
        let entry = roots.entry(root.as_str()).or_default();
        if !is_tenant_table(name) {
            let extra = extra_in.of(root);
            entry.0.extend(
                t.columns
                    .iter()
                    .filter(|c| is_tenant_column(c, extra))
                    .map(String::as_str),
            );
        }
        entry.1.extend(t.policies.iter().map(|p| p.0.cond.as_str()));
    }
    roots
        .into_iter()
        .filter(|(_, (columns, conds))| {
            !columns.is_empty()
                && conds.len() >= 10
                && !conds.iter().any(|c| {
                    let c = c.to_ascii_lowercase();
                    columns.iter().any(|col| c.contains(col))
                })
        })
        .map(|(root, (columns, conds))| {
            let column = columns.iter().next().map_or("", |c| c);
            (root.to_string(), column.to_string(), conds.len())
        })
        .collect()
}

/// The tenant column names of each migrations root: the config's, or the one inferred
/// there (see [`inferred_tenant_columns`]).
struct Columns<'a> {
    config: &'a [String],
    inferred: &'a BTreeMap<&'a str, Vec<String>>,
}

impl Columns<'_> {
    fn of(&self, root: &str) -> &[String] {
        self.inferred.get(root).map_or(self.config, Vec::as_slice)
    }
}

/// The tenant column of a project whose tables name their tenant in their own words
/// (`restaurant_id`, `societe_id`, `clinic_id`, `company_id`): per migrations root, the
/// column `<x>_id` that points at the project's own `<x>s` table and that most tables
/// carry, when it is carried by at least 5 tables and 40% of them, by more tables than
/// any tenant column of the defaults, and by a table of people (`profiles`,
/// `user_societes`, `clinic_users`, `restaurant_staff`): users belong to a tenant. Owner
/// columns (`user_id`, `profile_id`) are not tenants. Nothing is guessed when the config
/// names tenant columns. Returns root → (column, tables carrying it, tables).
fn inferred_tenant_columns(
    tables: &BTreeMap<(String, String), TableState>,
    extra: &[String],
) -> BTreeMap<String, (String, usize, usize)> {
    #[derive(Default)]
    struct Root<'t> {
        names: BTreeSet<&'t str>,
        total: usize,
        known: usize,
        carriers: BTreeMap<&'t str, usize>,
        /// columns a table of people carries (`profiles.company_id`,
        /// `user_societes.societe_id`, `clinic_users.clinic_id`): users belong to it
        people: BTreeSet<&'t str>,
    }
    // the project named its tenant columns itself
    if !extra.is_empty() {
        return BTreeMap::new();
    }
    let mut roots: BTreeMap<&str, Root<'_>> = BTreeMap::new();
    for ((root, name), t) in tables {
        if t.columns.is_empty() {
            continue;
        }
        let r = roots.entry(root.as_str()).or_default();
        r.names.insert(name.as_str());
        r.total += 1;
        if t.columns.iter().any(|c| is_tenant_column(c, extra)) {
            r.known += 1;
        }
        let of_people = name.split('_').any(|w| {
            matches!(
                w,
                "user"
                    | "users"
                    | "profile"
                    | "profiles"
                    | "member"
                    | "members"
                    | "membership"
                    | "memberships"
                    | "staff"
            )
        });
        for c in &t.columns {
            if c.ends_with("_id") && !is_user_field(c) {
                *r.carriers.entry(c.as_str()).or_default() += 1;
                if of_people {
                    r.people.insert(c.as_str());
                }
            }
        }
    }
    let mut out = BTreeMap::new();
    for (root, r) in roots {
        let points_at_own_table = |column: &str| {
            let x = column.trim_end_matches("_id");
            let plural = [
                format!("{x}s"),
                format!("{x}es"),
                x.strip_suffix('y')
                    .map_or_else(String::new, |s| format!("{s}ies")),
                x.to_string(),
            ];
            plural.iter().any(|p| r.names.contains(p.as_str()))
        };
        let best = r
            .carriers
            .iter()
            .filter(|(c, _)| {
                points_at_own_table(c) && r.people.contains(**c) && !is_tenant_column(c, extra)
            })
            .max_by_key(|(c, n)| (**n, std::cmp::Reverse(**c)));
        if let Some((column, &n)) = best
            && n >= 5
            && n * 10 >= r.total * 4
            && n > r.known
        {
            out.insert(root.to_string(), (column.to_string(), n, r.total));
        }
    }
    out
}

/// How the rows of a table with no tenant column belong to a tenant: each is part of a
/// row of a tenant-scoped table (`order_items` of `orders`, `resident_skills` of
/// `residents`) or of the tenant table itself, by a foreign key that cannot be null or
/// cascades on delete, over at most three such steps. Says which, as "whose rows belong
/// to tenant-scoped `orders` through `order_id`".
fn tenant_owner(
    tables: &BTreeMap<(String, String), TableState>,
    own: &BTreeMap<(String, String), String>,
    key: &(String, String),
) -> Option<String> {
    let (root, name) = key;
    // the tables passed through, and the key taken out of each
    let mut path: Vec<(String, String)> = Vec::new();
    let mut at = name.clone();
    for _ in 0..3 {
        let t = tables.get(&(root.clone(), at.clone()))?;
        let mut next = None;
        for (columns, parent) in &t.owners {
            if parent == &at || parent == name || path.iter().any(|(t, _)| t == parent) {
                continue;
            }
            if is_tenant_table(parent) || own.contains_key(&(root.clone(), parent.clone())) {
                path.push((at.clone(), columns.clone()));
                let through = match path.as_slice() {
                    [(_, column)] => format!("`{column}`"),
                    _ => path
                        .iter()
                        .map(|(t, c)| format!("`{t}.{c}`"))
                        .collect::<Vec<_>>()
                        .join(" and "),
                };
                return Some(if is_tenant_table(parent) {
                    format!("whose rows belong to a tenant (`{parent}`) through {through}")
                } else {
                    format!("whose rows belong to tenant-scoped `{parent}` through {through}")
                });
            }
            if next.is_none() {
                next = Some((columns.clone(), parent.clone()));
            }
        }
        let (columns, parent) = next?;
        path.push((at, columns));
        at = parent;
    }
    None
}

/// `organizations`, `orgs`, `tenants`, `workspaces`, `teams`, `accounts`.
fn is_tenant_table(name: &str) -> bool {
    let singular = name.strip_suffix('s').unwrap_or(name);
    crate::facts::tenant::TENANT_MODELS.contains(&singular)
}

/// The Supabase project (its folder, "" for the root) a SQL file outside `supabase/`
/// belongs to: generators put a Supabase project's SQL wherever they like (v0's
/// `scripts/001_create_tables.sql`, `db/schema.sql`, a root `migrations/`), and it is
/// all applied to the same database. Not SQL in archive, test or example folders.
fn supabase_project_of<'r>(path: &str, supabase_projects: &'r [String]) -> Option<&'r str> {
    let folders = path.rsplit_once('/').map_or("", |(d, _)| d);
    let aside = folders.split('/').any(|d| {
        // `.swarm/schema.sql`: a tool's own database, not the app's
        d.starts_with('.')
            || is_archive_folder(d)
            || matches!(
                d.to_ascii_lowercase().as_str(),
                "test"
                    | "tests"
                    | "__tests__"
                    | "spec"
                    | "fixtures"
                    | "examples"
                    | "example"
                    | "node_modules"
                    | "docs"
            )
    });
    if aside || undoes_migrations(path) {
        return None;
    }
    supabase_projects
        .iter()
        .filter(|root| root.is_empty() || path.starts_with(root.as_str()))
        .max_by_key(|root| root.len())
        .map(String::as_str)
}

/// Applies every SQL file's events, in path order, to the data model, and returns each
/// Supabase project's database as its migrations leave it.
/// `supabase_projects` are the folders of projects that use Supabase (`"web/"`, `""`).
pub fn apply(
    files: &[FileSchema],
    data: &mut DataModel,
    extra: &[String],
    supabase_projects: &[String],
    api_schemas: &BTreeMap<String, Vec<String>>,
) -> Vec<Database> {
    let mut tables: BTreeMap<(String, String), TableState> = BTreeMap::new();
    // tables a migration dropped and none created again, per database
    let mut dropped: BTreeSet<(String, String)> = BTreeSet::new();
    // tables dropped by the migrations, and of those, the ones a view of the same name
    // stands in for (`DROP TABLE ecritures; CREATE VIEW ecritures AS SELECT … FROM
    // ecritures_v2`): the app queries the view as it queried the table
    let mut gone_tables: BTreeMap<(String, String), TableState> = BTreeMap::new();
    let mut standins: BTreeMap<(String, String), TableState> = BTreeMap::new();
    let mut databases: BTreeMap<String, Builder> = BTreeMap::new();
    for f in files {
        // scripts that undo migrations are not part of the schema
        if undoes_migrations(&f.path) {
            continue;
        }
        let (supabase, root) = if is_supabase_migration(&f.path) {
            (true, migrations_root(&f.path))
        } else if let Some(project) = f
            .path
            .ends_with(".sql")
            .then(|| supabase_project_of(&f.path, supabase_projects))
            .flatten()
        {
            (true, project.to_string())
        } else {
            (false, migrations_root(&f.path))
        };
        for ev in &f.sql {
            match ev {
                SqlEvent::CreateTable {
                    table,
                    schema,
                    columns,
                    people,
                    singleton,
                    complete,
                    required,
                    range,
                } => {
                    dropped.remove(&(root.clone(), table.clone()));
                    let t = tables.entry((root.clone(), table.clone())).or_default();
                    // a table made again (`create table if not exists` in a later
                    // script) keeps the columns of both, which is never fewer than it has
                    if supabase {
                        t.live = if !*complete {
                            None
                        } else if t.created.is_none() {
                            // with the columns added before (to a table made elsewhere,
                            // that this `if not exists` leaves as it is)
                            Some(union(&t.columns, columns))
                        } else {
                            t.live.take().map(|live| union(&live, columns))
                        };
                    }
                    add_new(&mut t.people, people);
                    if t.path.is_empty() {
                        t.path = f.path.clone();
                    }
                    t.singleton |= *singleton;
                    add_new(&mut t.required, required);
                    add_new(&mut t.columns, columns);
                    if supabase && t.created.is_none() {
                        t.created = Some((f.path.clone(), schema.clone(), range.clone()));
                    }
                }
                SqlEvent::References {
                    table,
                    columns,
                    parent,
                    cascade,
                } => {
                    if let Some(t) = tables.get_mut(&(root.clone(), table.clone()))
                        && !columns.is_empty()
                        && (*cascade || columns.iter().all(|c| t.required.contains(c)))
                    {
                        t.owners.push((columns.join(", "), parent.clone()));
                    }
                }
                SqlEvent::AddColumn { table, column } => {
                    let t = tables.entry((root.clone(), table.clone())).or_default();
                    if !t.columns.contains(column) {
                        t.columns.push(column.clone());
                    }
                    if supabase
                        && let Some(live) = &mut t.live
                        && !live.contains(column)
                    {
                        live.push(column.clone());
                    }
                }
                SqlEvent::DropColumn { table, columns } if supabase => {
                    if let Some(live) = tables
                        .get_mut(&(root.clone(), table.clone()))
                        .and_then(|t| t.live.as_mut())
                    {
                        live.retain(|c| !columns.contains(c));
                    }
                }
                SqlEvent::RenameColumn { table, from, to } if supabase => {
                    if let Some(live) = tables
                        .get_mut(&(root.clone(), table.clone()))
                        .and_then(|t| t.live.as_mut())
                    {
                        live.retain(|c| c != from);
                        if !live.contains(to) {
                            live.push(to.clone());
                        }
                    }
                }
                SqlEvent::ColumnsUnknown { table } if supabase => {
                    if let Some(t) = tables.get_mut(&(root.clone(), table.clone())) {
                        t.live = None;
                    }
                }
                SqlEvent::Rls {
                    table,
                    enable,
                    range,
                } if supabase => {
                    let t = tables.entry((root.clone(), table.clone())).or_default();
                    t.rls_enabled = *enable;
                    t.last_rls = Some((*enable, f.path.clone(), range.clone()));
                }
                SqlEvent::DropTable { table } => {
                    // a drop outside the project's migrations (an archived migration,
                    // a script) leaves a table the migrations created: archives sort
                    // after `migrations/` and hold what the baseline replaced; a drop
                    // there of another table takes it out of the model, but is no
                    // proof the database lost it
                    let key = (root.clone(), table.clone());
                    if !supabase && tables.get(&key).is_some_and(|t| t.created.is_some()) {
                        continue;
                    }
                    let removed = tables.remove(&key);
                    if supabase && let Some(t) = removed {
                        dropped.insert(key.clone());
                        gone_tables.insert(key, t);
                    }
                }
                SqlEvent::DropPolicy { table, name } if supabase => {
                    let t = tables.entry((root.clone(), table.clone())).or_default();
                    t.policies.retain(|p| p.0.name != *name);
                }
                SqlEvent::Policy {
                    table,
                    policy,
                    range,
                } if supabase => {
                    let t = tables.entry((root.clone(), table.clone())).or_default();
                    // a name is one policy per table: a later file that creates it again
                    // (a schema dump after the scripts that built it) restates it
                    t.policies.retain(|p| p.0.name != policy.name);
                    t.policies
                        .push((policy.clone(), f.path.clone(), range.clone()));
                }
                SqlEvent::Object { event, range } if supabase => {
                    match event {
                        ObjectEvent::View(v) => {
                            let key = (root.clone(), v.name.name.clone());
                            if let Some(t) = gone_tables.remove(&key) {
                                standins.insert(key, t);
                            }
                        }
                        ObjectEvent::DropView(names) => {
                            for n in names {
                                let key = (root.clone(), n.name.clone());
                                if let Some(t) = standins.remove(&key) {
                                    gone_tables.insert(key, t);
                                }
                            }
                        }
                        _ => {}
                    }
                    databases
                        .entry(root.clone())
                        .or_default()
                        .apply(&f.path, range, event)
                }
                SqlEvent::Unread {
                    line,
                    lost,
                    error,
                    head,
                } => data.notes.push((
                    f.path.clone(),
                    Some(*line),
                    format!("`{head}` could not be read ({error}): {lost}"),
                )),
                _ => {}
            }
        }
    }
    let inferred = inferred_tenant_columns(&tables, extra);
    for (root, (column, carriers, total)) in &inferred {
        data.notes.push((
            root.clone(),
            None,
            format!(
                "tenant rules: `{column}` is taken for the tenant column: {carriers} of the {total} tables carry it (`tenant.columns` in .shipsafe.yml replaces this guess)"
            ),
        ));
    }
    // the tenant columns of each root: the config's, or the one inferred there
    let inferred_columns: BTreeMap<&str, Vec<String>> = inferred
        .iter()
        .map(|(root, (c, _, _))| (root.as_str(), vec![c.clone()]))
        .collect();
    let extra_in = Columns {
        config: extra,
        inferred: &inferred_columns,
    };
    let shared = shared_data_roots(&tables, &extra_in);
    for (root, column, policies) in &shared {
        data.notes.push((
            root.clone(),
            None,
            format!(
                "tenant rules: `{column}` is not taken for a tenant column here: none of the {policies} row level security policies restricts rows by it (a single-organization app whose `{column}` points at customers, not tenants)"
            ),
        ));
    }
    // The tenant table itself (`organizations`, keyed by org_id) is not scoped by it.
    let tenant_of = |root: &str, name: &str, t: &TableState| {
        let extra = extra_in.of(root);
        t.columns
            .iter()
            .find(|c| is_tenant_column(c, extra))
            .cloned()
            .filter(|_| !is_tenant_table(name))
            // the platform's one row of settings names one tenant at most
            .filter(|_| !t.singleton)
            .filter(|_| !shared.iter().any(|(r, _, _)| r == root))
    };
    // the tenant column of each table, then the tenant a table without one belongs to
    // through the row it is part of
    let own: BTreeMap<(String, String), String> = tables
        .iter()
        .filter_map(|((root, name), t)| {
            Some(((root.clone(), name.clone()), tenant_of(root, name, t)?))
        })
        .collect();
    let owned: BTreeMap<(String, String), String> = tables
        .iter()
        .filter(|(key, _)| !own.contains_key(*key) && !is_tenant_table(&key.1))
        // a single-organization app's `organization_id` names no tenant
        .filter(|(key, _)| !shared.iter().any(|(r, _, _)| *r == key.0))
        .filter_map(|(key, _)| Some((key.clone(), tenant_owner(&tables, &own, key)?)))
        .collect();
    // the policies still in place, per database
    let mut policies: BTreeMap<&str, Vec<DbPolicy>> = BTreeMap::new();
    let mut db_tables: BTreeMap<&str, BTreeMap<String, DbTable>> = BTreeMap::new();
    for ((root, name), t) in &tables {
        db_tables.entry(root).or_default().insert(
            name.clone(),
            DbTable {
                columns: t.columns.clone(),
                people: t.people.clone(),
                created: t.created.is_some(),
                live_columns: t.live.clone(),
                owned_by_tenant: owned.get(&(root.clone(), name.clone())).cloned(),
            },
        );
        for (policy, path, range) in &t.policies {
            policies.entry(root).or_default().push(DbPolicy {
                table: name.clone(),
                policy: policy.clone(),
                at: Declared {
                    path: path.clone(),
                    range: range.clone(),
                },
            });
        }
        if !t.policies.is_empty() {
            databases.entry(root.clone()).or_default();
        }
    }
    let mut policies: BTreeMap<String, Vec<DbPolicy>> = policies
        .into_iter()
        .map(|(r, p)| (r.to_string(), p))
        .collect();
    let mut db_tables: BTreeMap<String, BTreeMap<String, DbTable>> = db_tables
        .into_iter()
        .map(|(r, t)| (r.to_string(), t))
        .collect();
    let mut done = Vec::new();
    for (root, db) in databases {
        let p = policies.remove(&root).unwrap_or_default();
        let t = db_tables.remove(&root).unwrap_or_default();
        let served = served_schemas(api_schemas, &root);
        let gone = dropped
            .iter()
            .filter(|(r, _)| *r == root)
            .map(|(_, t)| t.clone())
            .collect();
        done.push(db.finish(root, p, t, served, gone));
    }
    // a view standing in for a dropped table is queried as the table was: its model,
    // without the table's row level security
    for ((root, name), t) in &standins {
        if tables.contains_key(&(root.clone(), name.clone())) {
            continue;
        }
        let tenant_col = tenant_of(root, name, t);
        push_model(&mut data.models, name, t, tenant_col);
    }
    for ((root, name), t) in tables {
        let tenant_col = own.get(&(root.clone(), name.clone())).cloned();
        if let Some((path, schema, range)) = &t.created {
            let schema = schema.as_deref().unwrap_or("public");
            // a project's database knows the schemas granted to the API's roles; SQL of
            // no Supabase project has only `public`
            let served = match done.iter().find(|d: &&Database| d.root == root) {
                Some(db) => db.serves(schema),
                None => schema == "public",
            };
            if served && !t.rls_enabled && t.last_rls.is_none() {
                let which = if schema == "public" {
                    "the public schema".to_string()
                } else {
                    format!("the `{schema}` schema, which the project's Data API serves,")
                };
                data.rls_issues.push(RlsIssue {
                    path: path.clone(),
                    range: range.clone(),
                    message: format!(
                        "table `{name}` is created in {which} and no migration enables row level security on it: anyone with the anon key can read and write it through the Supabase API"
                    ),
                });
            }
        }
        if let Some((false, path, range)) = &t.last_rls {
            data.rls_issues.push(RlsIssue {
                path: path.clone(),
                range: range.clone(),
                message: format!(
                    "row level security is disabled on `{name}` and no later migration enables it again"
                ),
            });
        }
        let scoped = match &tenant_col {
            Some(col) => Some((format!("tenant-scoped `{name}`"), format!("`{col}`"))),
            None => owned.get(&(root.clone(), name.clone())).map(|how| {
                (
                    format!("`{name}`, {how},"),
                    "which tenant a row belongs to".to_string(),
                )
            }),
        };
        if let Some((what, col)) = &scoped {
            for (p, path, range) in &t.policies {
                let Policy {
                    name: policy, to, ..
                } = p;
                // adding a row that is part of another is what public forms and
                // trackers do (`leads` of a campaign, views of a product page)
                let child_insert = tenant_col.is_none() && p.command == PolicyCommand::Insert;
                if p.allows_all && p.reaches_api() && !child_insert {
                    data.rls_issues.push(RlsIssue {
                        path: path.clone(),
                        range: range.clone(),
                        message: format!(
                            "policy \"{policy}\" on {what} allows every row (`true`) to {}: it does not check {col}",
                            if to.is_empty() { "every role".to_string() } else { to.join(", ") }
                        ),
                    });
                }
            }
        }
        let rls = Rls {
            enabled: t.rls_enabled,
            policies: t.policies.iter().map(|p| p.0.clone()).collect(),
        };
        push_model(&mut data.models, &name, &t, tenant_col);
        if t.created.is_some() || rls.enabled || !rls.policies.is_empty() {
            data.rls.insert((root, name), rls);
        }
    }
    done
}

/// The model of a table the migrations create. Tables of the same name elsewhere in a
/// monorepo stay separate models; lookups pick the one nearest the querying file.
fn push_model(models: &mut Vec<Model>, name: &str, t: &TableState, tenant_col: Option<String>) {
    if !models.iter().any(|m| m.table == name && m.path == t.path) {
        models.push(Model {
            name: name.to_string(),
            table: name.to_string(),
            origin: Origin::Sql,
            path: t.path.clone(),
            tenant: tenant_col.map(|c| Tenant {
                field: c.clone(),
                column: c,
                relation: None,
            }),
            user_fields: t
                .columns
                .iter()
                .filter(|c| is_user_field(c))
                .cloned()
                .collect(),
            relations: Vec::new(),
            privileged: t
                .columns
                .iter()
                .filter(|c| crate::facts::tenant::is_privileged_field(c))
                .cloned()
                .collect(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(files: &[(&str, &str)]) -> DataModel {
        model_in(files, &[])
    }

    /// The data model of SQL files in a repository whose `supabase_projects` are given.
    fn model_in(files: &[(&str, &str)], supabase_projects: &[String]) -> DataModel {
        let files: Vec<FileSchema> = files
            .iter()
            .map(|(p, t)| FileSchema {
                path: p.to_string(),
                models: vec![],
                sql: events(t),
            })
            .collect();
        let mut d = DataModel::default();
        apply(&files, &mut d, &[], supabase_projects, &BTreeMap::new());
        d
    }

    /// A statement a `DO` block runs is placed where it stands in the block, so that each
    /// of the block's policies and tables is reported on its own line; the text of an
    /// `EXECUTE`d literal with doubled quotes is not the file's, and stays at the block.
    #[test]
    fn statements_of_a_do_block_are_placed_at_their_own_line() {
        let sql = "create table a (id int);\ndo $$ begin\n  create policy \"p1\" on a for select using (true);\n  create table b (id int);\n  execute 'create policy \"p2\" on a for update using (name = ''x'')';\nexception when duplicate_object then null;\nend $$;\n";
        let line = |at: usize| 1 + sql[..at].matches('\n').count();
        let placed: Vec<(String, usize)> = events(sql)
            .into_iter()
            .filter_map(|e| match e {
                SqlEvent::Policy { policy, range, .. } => Some((policy.name, line(range.start))),
                SqlEvent::CreateTable { table, range, .. } => Some((table, line(range.start))),
                _ => None,
            })
            .collect();
        assert_eq!(
            placed,
            [
                ("a".to_string(), 1),
                ("p1".to_string(), 3),
                ("b".to_string(), 4),
                ("p2".to_string(), 2),
            ]
        );
    }

    /// Temporary tables and the migrations an archive folder keeps are not tables of the
    /// deployed `public` schema: no row level security finding for them.
    #[test]
    fn temporary_tables_and_archived_migrations_are_not_public_tables() {
        let d = model(&[
            (
                "supabase/migrations/1_init.sql",
                "create temp table staging (id int);\ncreate temporary table if not exists tmp_rows as select 1;\ncreate table public.real_one (id int);",
            ),
            (
                "supabase/migrations_archive/0_old.sql",
                "create table public.old_thing (id int);",
            ),
            (
                "supabase/migrations/_archive/0_older.sql",
                "create table public.older_thing (id int);",
            ),
        ]);
        let flagged: Vec<&str> = d
            .rls_issues
            .iter()
            .map(|i| i.message.split('`').nth(1).unwrap_or(""))
            .collect();
        assert_eq!(flagged, ["real_one"]);
        assert!(super::is_archive_folder("migrations_archive"));
        assert!(super::is_archive_folder("_old"));
        assert!(!super::is_archive_folder("migrations"));
        assert!(!super::is_archive_folder("functions"));
    }

    /// v0 keeps a Supabase project's SQL in `scripts/`: all of it is applied to the
    /// database, with `supabase/migrations/`, in file name order; example and archived
    /// SQL is not.
    #[test]
    fn a_supabase_projects_scripts_are_migrations() {
        let files = [
            (
                "scripts/001_create_tables.sql",
                "create table public.notes (id uuid, org_id uuid);\ncreate table public.logs (id uuid);",
            ),
            (
                "scripts/002_rls.sql",
                "alter table public.notes enable row level security;\ndo $$ begin\n  if not exists (select 1 from pg_policies where policyname = 'members') then\n    create policy \"members\" on public.notes for select to authenticated using (org_id = auth.uid());\n  end if;\nend $$;",
            ),
            (
                "docs/examples/schema.sql",
                "create table public.sample (id uuid);",
            ),
        ];
        let d = model_in(&files, &[String::new()]);
        let notes = d
            .rls("app/page.tsx", "notes")
            .expect("notes is a Supabase table");
        assert!(notes.enabled);
        assert_eq!(notes.policies.len(), 1, "{notes:?}");
        assert!(notes.enforces(Access::Read));
        let issues: Vec<&str> = d.rls_issues.iter().map(|i| i.message.as_str()).collect();
        assert_eq!(issues.len(), 1, "{issues:?}");
        assert!(issues[0].contains("`logs`"), "{issues:?}");
        // the same files in a project that does not use Supabase: plain SQL
        let plain = model(&files);
        assert!(plain.rls.is_empty() && plain.rls_issues.is_empty());
    }

    /// Policies govern the statements of their `FOR` clause; a condition on a row's flag
    /// is not an open policy, a condition that only asks for a signed-in user is.
    #[test]
    fn policies_are_judged_per_statement() {
        let d = model(&[(
            "supabase/migrations/1.sql",
            "create table t (id uuid, org_id uuid, published boolean);\nalter table t enable row level security;\ncreate policy \"anon published\" on t for select to anon using (published = true);\ncreate policy \"signed in\" on t for update using (auth.role() = 'authenticated');\ncreate policy \"insert\" on t for insert with check (true);",
        )]);
        let rls = d.rls("x.ts", "t").expect("rls");
        assert!(rls.enforces(Access::Read));
        assert!(!rls.open_to_users(Access::Read));
        assert!(!rls.enforces(Access::Update));
        assert!(rls.open_to_users(Access::Update));
        // no DELETE policy: RLS refuses every delete
        assert!(rls.enforces(Access::Delete));
    }

    /// A pg_dump baseline quotes every name; its policies still enforce the tenant.
    #[test]
    fn pg_dump_baselines_are_read() {
        let d = model(&[(
            "supabase/migrations/00000000000000_baseline.sql",
            "CREATE TABLE IF NOT EXISTS \"public\".\"notes\" (\"id\" uuid NOT NULL, \"organization_id\" uuid NOT NULL);\nALTER TABLE \"public\".\"notes\" ENABLE ROW LEVEL SECURITY;\nCREATE POLICY \"members read\" ON \"public\".\"notes\" FOR SELECT TO \"authenticated\" USING ((\"organization_id\" IN ( SELECT \"m\".\"organization_id\" FROM \"public\".\"members\" \"m\" WHERE (\"m\".\"user_id\" = \"auth\".\"uid\"()))));\n",
        )]);
        let rls = d
            .rls("supabase/migrations/x.sql", "notes")
            .expect("rls state");
        assert!(rls.enabled);
        assert_eq!(rls.policies[0].to, ["authenticated"]);
        assert!(rls.enforces(Access::Read));
        assert!(d.rls_issues.is_empty(), "{:?}", d.rls_issues);
    }

    /// A table dropped (here by a `DO` block's `EXECUTE`) and replaced by a view of the
    /// same name keeps its model for the code that queries it, not its row level
    /// security; a table dropped for good leaves no model.
    #[test]
    fn a_view_standing_in_for_a_dropped_table_keeps_its_model() {
        let d = model(&[
            (
                "supabase/migrations/1_init.sql",
                "create table public.entries (id uuid primary key, org_id uuid not null, amount int);\nalter table entries enable row level security;\ncreate table public.old_notes (id uuid primary key, org_id uuid not null);\ncreate table public.entries_v2 (id uuid primary key, org_id uuid not null, amount int);\nalter table entries_v2 enable row level security;",
            ),
            (
                "supabase/migrations/2_v2.sql",
                "do $$ begin\n  execute 'drop table public.entries';\nend $$;\ncreate view public.entries as select id, org_id, amount from public.entries_v2;\ndrop table public.old_notes;",
            ),
        ]);
        let entries = d.table("", "entries").expect("the view stands in");
        assert_eq!(
            entries.tenant.as_ref().map(|t| t.column.as_str()),
            Some("org_id")
        );
        assert!(d.table("", "old_notes").is_none());
        assert!(!d.rls.contains_key(&(String::new(), "entries".to_string())));
    }

    #[test]
    fn rls_state_across_migrations() {
        let d = model(&[
            (
                "supabase/migrations/1_init.sql",
                "create table public.projects (id uuid primary key, org_id uuid not null);\ncreate table notes (id int);\ncreate table comments (id int);\ncreate table private.audit (id int);\ncreate policy \"anyone\" on projects for select using (true);",
            ),
            (
                "supabase/migrations/2_rls.sql",
                "alter table projects enable row level security;\nALTER TABLE notes DISABLE ROW LEVEL SECURITY;",
            ),
        ]);
        let msgs: Vec<&str> = d.rls_issues.iter().map(|i| i.message.as_str()).collect();
        assert_eq!(msgs.len(), 3, "{msgs:?}");
        assert!(msgs.iter().any(|m| m.contains("`comments` is created")));
        assert!(msgs.iter().any(|m| m.contains("disabled on `notes`")));
        assert!(msgs.iter().any(|m| m.contains("policy \"anyone\"")));
        assert_eq!(
            d.table("", "projects")
                .unwrap()
                .tenant
                .as_ref()
                .unwrap()
                .column,
            "org_id"
        );
        assert!(d.rls("supabase/x.ts", "projects").unwrap().enabled);
    }

    /// A project that names its tenant in its own words: the column most tables carry,
    /// pointing at the project's own table, that a table of people carries too.
    #[test]
    fn the_tenant_column_is_inferred_from_the_schema() {
        let mut sql = String::from(
            "create table companies (id uuid);\ncreate table profiles (id uuid, company_id uuid);\n",
        );
        for t in ["jobs", "invoices", "drivers", "loads", "trucks"] {
            sql.push_str(&format!(
                "create table {t} (id uuid, company_id uuid, name text);\n"
            ));
        }
        sql.push_str("create table audit (id uuid, job_id uuid);\n");
        let d = model(&[("supabase/migrations/1.sql", &sql)]);
        let tenant = |t: &str| {
            d.table("", t)
                .and_then(|m| m.tenant.as_ref())
                .map(|t| t.column.clone())
        };
        assert_eq!(tenant("loads").as_deref(), Some("company_id"));
        assert_eq!(tenant("audit"), None);
        assert!(
            d.notes
                .iter()
                .any(|(_, _, n)| n
                    .contains("`company_id` is taken for the tenant column: 6 of the 8")),
            "{:?}",
            d.notes
        );

        // no table of people carries it: `project_id` is a parent record, not a tenant
        let plain = sql.replace("profiles (id uuid, company_id uuid)", "profiles (id uuid)");
        let d = model(&[("supabase/migrations/1.sql", &plain)]);
        assert!(d.notes.is_empty(), "{:?}", d.notes);
        assert!(d.table("", "loads").is_some_and(|m| m.tenant.is_none()));

        // the config names the tenant columns: nothing is guessed
        let files = [FileSchema {
            path: "supabase/migrations/1.sql".into(),
            models: vec![],
            sql: events(&sql),
        }];
        let mut d = DataModel::default();
        apply(
            &files,
            &mut d,
            &["org_id".to_string()],
            &[],
            &BTreeMap::new(),
        );
        assert!(d.notes.is_empty(), "{:?}", d.notes);

        // a project whose tables carry a default tenant column keeps it
        let orgs = sql.replace("company_id", "org_id");
        let d = model(&[("supabase/migrations/1.sql", &orgs)]);
        assert!(d.notes.is_empty(), "{:?}", d.notes);
        assert_eq!(
            d.table("", "loads")
                .and_then(|m| m.tenant.as_ref())
                .map(|t| t.column.as_str()),
            Some("org_id")
        );
    }

    /// Rollback and down scripts undo the migrations: they are not applied with them,
    /// except in `supabase/migrations/`, where the CLI applies every file.
    #[test]
    fn rollback_and_down_scripts_are_not_migrations() {
        for path in [
            "scripts/sql/rollbacks/rollback-template.sql",
            "db/migrations/0007_rollback.sql",
            "db/migrations/0007_orders.down.sql",
            "db/down/0007.sql",
        ] {
            assert!(super::undoes_migrations(path), "{path}");
        }
        for path in [
            "supabase/migrations/0007_orders.sql",
            "supabase/migrations/20250101000000_rollback_bad_grant.sql",
            "scripts/001_create_tables.sql",
            "supabase/migrations/0008_download_links.sql",
        ] {
            assert!(!super::undoes_migrations(path), "{path}");
        }
    }

    /// A dropped table takes its policies and row level security with it: a later
    /// migration that creates it again starts from nothing.
    #[test]
    fn a_dropped_table_starts_again() {
        let d = model(&[
            (
                "supabase/migrations/1.sql",
                "create table sessions (id uuid, org_id uuid, token text);\nalter table sessions enable row level security;\ncreate policy \"open\" on sessions for select using (true);\ncreate table scratch (id uuid);",
            ),
            (
                "supabase/migrations/2.sql",
                "drop table if exists sessions cascade;\ndrop table scratch;\ncreate table sessions (id uuid, org_id uuid);\nalter table sessions enable row level security;",
            ),
        ]);
        assert!(d.rls_issues.is_empty(), "{:?}", d.rls_issues);
        let rls = d.rls("x.ts", "sessions").expect("rls state");
        assert!(rls.policies.is_empty());
        assert!(d.table("", "scratch").is_none());
    }

    #[test]
    fn unreadable_statements_are_noted_and_the_model_goes_on() {
        let d = model(&[(
            "supabase/migrations/1.sql",
            "create table projects (id uuid, org_id uuid);\n\
             alter table projects enable row level security;\n\
             -- PostgreSQL has no IF NOT EXISTS for policies\n\
             create policy if not exists \"members\" on projects for select using (true);\n\
             create policy \"updates\" on projects for update, delete using (org_id = auth.uid());\n\
             create index on projects (org_id);\n\
             create policy \"members read\" on projects for select using (org_id = auth.uid());",
        )]);
        let notes: Vec<(Option<usize>, &str)> = d
            .notes
            .iter()
            .map(|(path, line, m)| {
                assert_eq!(path, "supabase/migrations/1.sql");
                (*line, m.as_str())
            })
            .collect();
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert_eq!(notes[0].0, Some(4));
        assert!(
            notes[0]
                .1
                .starts_with("`create policy if not exists \"members\" on projects"),
            "{notes:?}"
        );
        assert!(notes[0].1.contains("the policy is left out"), "{notes:?}");
        assert_eq!(notes[1].0, Some(5));
        // the statements after them are read
        let rls = d.rls("x.ts", "projects").expect("rls state");
        assert_eq!(rls.policies.len(), 1, "{:?}", rls.policies);
    }

    #[test]
    fn a_policy_run_from_a_string_is_read() {
        let d = model(&[(
            "supabase/migrations/1.sql",
            "create table learnings (id uuid, company_id uuid);\n\
             alter table learnings enable row level security;\n\
             do $$\nbegin\n  if not exists (select 1 from pg_policies where policyname = 'read') then\n    \
             execute 'create policy \"read\" on public.learnings for select to authenticated using (company_id = get_company(auth.uid()) and kind = ''shared'')';\n  \
             end if;\nend $$;",
        )]);
        assert!(d.notes.is_empty(), "{:?}", d.notes);
        let rls = d.rls("x.ts", "learnings").expect("rls state");
        assert_eq!(rls.policies.len(), 1, "{:?}", rls.policies);
        assert!(rls.enforces(Access::Read));
    }
}
