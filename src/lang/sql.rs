//! SQL through `sqlparser` (PostgreSQL dialect): splitting a migration into statements
//! with their offsets, and the tables a query touches with the conditions that
//! constrain them.

use std::ops::Range;

use sqlparser::ast::{
    Expr, FromTable, JoinConstraint, JoinOperator, Query, SetExpr, Statement, TableFactor,
    TableWithJoins,
};
use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::Parser;

/// One statement of a SQL file: its text and where it starts (after comments).
pub struct RawStatement<'a> {
    pub text: &'a str,
    /// Byte range in the file, from the first token to the `;` (excluded).
    pub range: Range<usize>,
}

/// Splits SQL on top-level `;`, respecting quotes, dollar-quoted bodies and comments.
pub fn split<'a>(sql: &'a str) -> Vec<RawStatement<'a>> {
    let b = sql.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    let push = |out: &mut Vec<RawStatement<'a>>, from: usize, to: usize| {
        let text = &sql[from..to];
        let lead = leading_trivia(text);
        if lead < text.len() {
            out.push(RawStatement {
                text: &sql[from + lead..to],
                range: from + lead..to,
            });
        }
    };
    while i < b.len() {
        match b[i] {
            b'\'' | b'"' => {
                let q = b[i];
                i += 1;
                while i < b.len() && b[i] != q {
                    i += 1;
                }
                i += 1;
            }
            b'-' if b.get(i + 1) == Some(&b'-') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i = sql[i + 2..].find("*/").map_or(b.len(), |p| i + 2 + p + 2);
            }
            b'$' => {
                // $tag$ ... $tag$
                let tag_end = sql[i + 1..]
                    .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .map(|p| i + 1 + p);
                match tag_end {
                    Some(e) if b.get(e) == Some(&b'$') => {
                        let tag = &sql[i..=e];
                        i = sql[e + 1..]
                            .find(tag)
                            .map_or(b.len(), |p| e + 1 + p + tag.len());
                    }
                    _ => i += 1,
                }
            }
            b';' => {
                push(&mut out, start, i);
                i += 1;
                start = i;
            }
            _ => i += 1,
        }
    }
    push(&mut out, start, b.len().min(sql.len()));
    out
}

/// Length of the whitespace and comments at the start of a statement.
fn leading_trivia(text: &str) -> usize {
    let mut rest = text;
    loop {
        let t = rest.trim_start();
        if let Some(r) = t.strip_prefix("--") {
            rest = r.split_once('\n').map_or("", |(_, b)| b);
        } else if let Some(r) = t.strip_prefix("/*") {
            rest = r.split_once("*/").map_or("", |(_, b)| b);
        } else {
            return text.len() - t.len();
        }
    }
}

/// Parses one statement; `None` when sqlparser does not understand it.
pub fn parse_one(text: &str) -> Option<Statement> {
    parse(text).ok()
}

/// Parses one statement, or says why sqlparser cannot read it (its message, without
/// the position it gives within the statement).
pub fn parse(text: &str) -> Result<Statement, String> {
    match Parser::parse_sql(&PostgreSqlDialect {}, text) {
        Ok(mut v) if v.len() == 1 => Ok(v.remove(0)),
        Ok(_) => Err("more than one statement".to_string()),
        Err(e) => {
            let m = e.to_string();
            let m = m.strip_prefix("sql parser error: ").unwrap_or(&m);
            Err(m.split(" at Line:").next().unwrap_or(m).to_string())
        }
    }
}

/// Lowercased last part of a table name, without quotes: `public."Projects"` ->
/// `projects`; and its schema, if written.
pub fn table_name(name: &impl std::fmt::Display) -> (Option<String>, String) {
    let s = name.to_string().replace(['"', '`'], "");
    match s.rsplit_once('.') {
        Some((schema, t)) => (Some(schema.to_ascii_lowercase()), t.to_ascii_lowercase()),
        None => (None, s.to_ascii_lowercase()),
    }
}

/// What a query does to a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Update,
    Delete,
}

/// A table a statement reads or changes, with the SQL text of everything that
/// constrains it (WHERE and JOIN ON), for checking which columns are filtered.
#[derive(Debug, Clone)]
pub struct TableUse {
    pub table: String,
    pub alias: Option<String>,
    pub access: Access,
    /// The WHERE and JOIN ON conditions in scope, as SQL text.
    pub conditions: String,
    /// Whether this is the only table in its FROM (unqualified columns are its own).
    pub only_table: bool,
    /// Joined to the first table of its FROM (not the first table itself).
    pub joined: bool,
    /// Which FROM clause it belongs to (tables of one clause share a number).
    pub group: usize,
}

impl TableUse {
    /// Whether the conditions mention `column` of this table (qualified by its name or
    /// alias, or unqualified when it is the only table).
    pub fn constrains(&self, column: &str) -> bool {
        let cond = self.conditions.to_ascii_lowercase().replace('"', "");
        let col = column.to_ascii_lowercase();
        let mut quals = vec![self.table.clone()];
        if let Some(a) = &self.alias {
            quals.push(a.to_ascii_lowercase());
        }
        let words: Vec<&str> = cond
            .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
            .filter(|w| !w.is_empty())
            .collect();
        words.iter().any(|w| {
            let (q, c) = match w.rsplit_once('.') {
                Some((q, c)) => (Some(q.rsplit('.').next().unwrap_or(q)), c),
                None => (None, *w),
            };
            c == col
                && match q {
                    Some(q) => quals.iter().any(|x| x == q),
                    None => self.only_table,
                }
        })
    }
}

/// The tables a statement reads, updates or deletes, with their conditions.
pub fn table_uses(stmt: &Statement) -> Vec<TableUse> {
    let mut out = Vec::new();
    match stmt {
        Statement::Query(q) => query_uses(q, &mut out),
        Statement::Update(u) => {
            let cond = u
                .selection
                .as_ref()
                .map(Expr::to_string)
                .unwrap_or_default();
            push_from(
                std::slice::from_ref(&u.table),
                Access::Update,
                &cond,
                &mut out,
            );
        }
        Statement::Delete(d) => {
            let cond = d
                .selection
                .as_ref()
                .map(Expr::to_string)
                .unwrap_or_default();
            let from = match &d.from {
                FromTable::WithFromKeyword(f) | FromTable::WithoutKeyword(f) => f,
            };
            push_from(from, Access::Delete, &cond, &mut out);
        }
        _ => {}
    }
    out
}

fn query_uses(q: &Query, out: &mut Vec<TableUse>) {
    if let Some(with) = &q.with {
        for cte in &with.cte_tables {
            query_uses(&cte.query, out);
        }
    }
    set_expr_uses(&q.body, out);
}

fn set_expr_uses(body: &SetExpr, out: &mut Vec<TableUse>) {
    match body {
        SetExpr::Select(s) => {
            let cond = s
                .selection
                .as_ref()
                .map(Expr::to_string)
                .unwrap_or_default();
            push_from(&s.from, Access::Read, &cond, out);
        }
        SetExpr::Query(q) => query_uses(q, out),
        SetExpr::SetOperation { left, right, .. } => {
            set_expr_uses(left, out);
            set_expr_uses(right, out);
        }
        _ => {}
    }
}

fn push_from(from: &[TableWithJoins], access: Access, cond: &str, out: &mut Vec<TableUse>) {
    let mut factors: Vec<&TableFactor> = Vec::new();
    let mut conditions = cond.to_string();
    for twj in from {
        factors.push(&twj.relation);
        for j in &twj.joins {
            factors.push(&j.relation);
            if let Some(JoinConstraint::On(e)) = join_constraint(&j.join_operator) {
                conditions.push_str(" AND ");
                conditions.push_str(&e.to_string());
            }
        }
    }
    let tables = factors
        .iter()
        .filter(|f| matches!(f, TableFactor::Table { .. }))
        .count();
    let group = out.len();
    for (i, f) in factors.into_iter().enumerate() {
        match f {
            TableFactor::Table { name, alias, .. } => {
                let (_, table) = table_name(name);
                out.push(TableUse {
                    table,
                    alias: alias.as_ref().map(|a| a.name.value.clone()),
                    access,
                    conditions: conditions.clone(),
                    only_table: tables == 1,
                    joined: i > 0,
                    group,
                });
            }
            TableFactor::Derived { subquery, .. } => query_uses(subquery, out),
            _ => {}
        }
    }
}

fn join_constraint(op: &JoinOperator) -> Option<&JoinConstraint> {
    match op {
        JoinOperator::Join(c)
        | JoinOperator::Inner(c)
        | JoinOperator::Left(c)
        | JoinOperator::LeftOuter(c)
        | JoinOperator::Right(c)
        | JoinOperator::RightOuter(c)
        | JoinOperator::FullOuter(c) => Some(c),
        _ => None,
    }
}

/// Turns a SQL string with host-language placeholders into plain SQL: `${expr}`,
/// `{expr}` (f-strings), `%s`, `%(name)s`, `:name` and `?` become `$1`.
pub fn normalize_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let b = sql.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if (c == b'$' && b.get(i + 1) == Some(&b'{')) || c == b'{' {
            let open = if c == b'$' { i + 1 } else { i };
            if let Some(p) = sql[open..].find('}') {
                out.push_str("$1");
                i = open + p + 1;
                continue;
            }
        }
        if c == b'%' && b.get(i + 1) == Some(&b's') {
            out.push_str("$1");
            i += 2;
            continue;
        }
        if c == b'%'
            && b.get(i + 1) == Some(&b'(')
            && let Some(p) = sql[i..].find(")s")
        {
            out.push_str("$1");
            i += p + 2;
            continue;
        }
        if c == b':'
            && b.get(i + 1)
                .is_some_and(|n| n.is_ascii_alphabetic() || *n == b'_')
            && (i == 0 || b[i - 1] != b':')
        {
            let end = sql[i + 1..]
                .find(|ch: char| !(ch.is_alphanumeric() || ch == '_'))
                .map_or(sql.len(), |p| i + 1 + p);
            out.push_str("$1");
            i = end;
            continue;
        }
        if c == b'?' {
            out.push_str("$1");
            i += 1;
            continue;
        }
        let ch = sql[i..].chars().next().unwrap_or(' ');
        out.push(ch);
        i += ch.len_utf8();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_around_dollar_bodies_and_comments() {
        let sql = "-- c\ncreate table a (id int);\ncreate function f() returns trigger as $$ begin x := 1; end; $$ language plpgsql;\n/* x; */ select 1";
        let st = split(sql);
        assert_eq!(st.len(), 3);
        assert!(st[0].text.starts_with("create table a"));
        assert!(st[1].text.contains("end; $$"));
        assert_eq!(st[2].text, "select 1");
    }

    #[test]
    fn finds_tables_and_conditions() {
        let s = parse_one(
            "SELECT p.* FROM projects p JOIN tasks t ON t.project_id = p.id WHERE p.org_id = $1",
        )
        .unwrap();
        let uses = table_uses(&s);
        assert_eq!(uses.len(), 2);
        assert!(uses[0].constrains("org_id"));
        assert!(!uses[1].constrains("org_id"));
        let s = parse_one("update projects set name = $1 where id = $2").unwrap();
        let u = &table_uses(&s)[0];
        assert_eq!(u.access, Access::Update);
        assert!(!u.constrains("org_id") && u.constrains("id"));
    }

    #[test]
    fn placeholders() {
        assert_eq!(
            normalize_placeholders(
                "select * from t where a = ${x} and b = %s and c = :c and d::text = '1'"
            ),
            "select * from t where a = $1 and b = $1 and c = $1 and d::text = '1'"
        );
    }
}
