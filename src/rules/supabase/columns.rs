//! Columns a SQL statement names that its table does not have, as the migrations leave
//! the table ([`DbTable::live_columns`]): a statement that names one fails with
//! `column … does not exist` each time it runs.
//!
//! Only names whose table is certain are judged: a column qualified by a table or an
//! alias the statement binds (`el.message` after `from error_logs el`), the column list
//! of `insert into t (…)`, and the targets of `update t set a = …`. An unqualified name
//! in a query may be a variable, a parameter or another table's column, and is left
//! alone.
//!
//! [`DbTable::live_columns`]: crate::facts::schema::database::DbTable::live_columns

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::facts::schema::database::Database;

/// `from t`, `join t`, `update t`, `insert into t`, each with the alias that may follow
/// (`from public.error_logs as el`).
static BINDING: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(
        r"\b(?:from|join|update|insert\s+into)\s+(?:only\s+)?([a-z_]\w*(?:\.[a-z_]\w*)?)(?:\s+(?:as\s+)?([a-z_]\w*))?",
    )
    .expect("regex compiles")
});
/// `q.c` and `s.q.c`, not inside a longer chain, and whether a call follows (`auth.uid(`).
static QUALIFIED: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r"(?:^|[^\w.])([a-z_]\w*)\.([a-z_]\w*)(?:\.([a-z_]\w*))?\b(\s*\()?")
        .expect("regex compiles")
});
static INSERT_COLUMNS: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(
        r"\binsert\s+into\s+([a-z_]\w*(?:\.[a-z_]\w*)?)(?:\s+as\s+[a-z_]\w*)?\s*\(([^()]*)\)",
    )
    .expect("regex compiles")
});
static UPDATE_SET: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(
        r"\bupdate\s+(?:only\s+)?([a-z_]\w*(?:\.[a-z_]\w*)?)(?:\s+(?:as\s+)?[a-z_]\w*)?\s+set\s",
    )
    .expect("regex compiles")
});

/// Words that may follow a table's name without being its alias.
const NOT_ALIAS: &[&str] = &[
    "where",
    "join",
    "left",
    "right",
    "inner",
    "outer",
    "full",
    "cross",
    "natural",
    "on",
    "using",
    "group",
    "order",
    "limit",
    "offset",
    "set",
    "values",
    "returning",
    "union",
    "except",
    "intersect",
    "having",
    "window",
    "for",
    "select",
    "lateral",
    "default",
    "when",
    "then",
    "else",
    "end",
    "and",
    "or",
    "not",
    "into",
    "loop",
    "overriding",
    "do",
    "fetch",
    "tablesample",
    "with",
];

/// The names a statement calls a table by: its own, and each alias it binds to it
/// (`sessions` and `s` of `from public.sessions s`).
pub fn names_of_table<'s>(statement: &'s str, table: &'s str) -> Vec<&'s str> {
    let mut names = vec![table];
    for c in BINDING.captures_iter(statement) {
        let bound = c.get(1).map_or("", |m| m.as_str());
        if bound.rsplit('.').next() == Some(table)
            && let Some(alias) = c.get(2).map(|m| m.as_str())
            && !NOT_ALIAS.contains(&alias)
        {
            names.push(alias);
        }
    }
    names
}

/// Columns every table has without declaring them.
const SYSTEM_COLUMNS: &[&str] = &["ctid", "xmin", "xmax", "cmin", "cmax", "tableoid", "oid"];

/// Whether `statement` (squashed SQL, one statement) names a column its table lacks.
pub fn names_missing_column(db: &Database, statement: &str) -> bool {
    let s = blank_literals(statement);
    fn columns_of<'d>(db: &'d Database, name: &str) -> Option<&'d [String]> {
        let (schema, table) = match name.rsplit_once('.') {
            Some((schema, t)) => (Some(schema), t),
            None => (None, name),
        };
        if schema.is_some_and(|schema| !db.serves(schema)) {
            return None;
        }
        db.tables.get(table)?.live_columns.as_deref()
    }
    let lacks = |cols: &[String], column: &str| {
        column != "*" && !cols.iter().any(|c| c == column) && !SYSTEM_COLUMNS.contains(&column)
    };
    // what each qualifier names in this statement; `None` where two tables share one
    let mut bound: BTreeMap<&str, Option<&str>> = BTreeMap::new();
    let mut bind = |q, table| {
        bound
            .entry(q)
            .and_modify(|t: &mut Option<&str>| {
                if *t != Some(table) {
                    *t = None;
                }
            })
            .or_insert(Some(table));
    };
    for c in BINDING.captures_iter(&s) {
        let Some(name) = c.get(1).map(|m| m.as_str()) else {
            continue;
        };
        bind(name.rsplit('.').next().unwrap_or(name), name);
        if let Some(alias) = c.get(2).map(|m| m.as_str())
            && !NOT_ALIAS.contains(&alias)
        {
            bind(alias, name);
        }
    }
    for c in QUALIFIED.captures_iter(&s) {
        if c.get(4).is_some() {
            continue; // a call: `auth.uid()`, `public.f(…)`
        }
        let (qualifier, column) = match c.get(3) {
            Some(col) => (&c[2], col.as_str()),
            None => (&c[1], &c[2]),
        };
        let Some(Some(table)) = bound.get(qualifier) else {
            continue;
        };
        if columns_of(db, table).is_some_and(|cols| lacks(cols, column)) {
            return true;
        }
    }
    if let Some(c) = INSERT_COLUMNS.captures(&s)
        && let Some(cols) = columns_of(db, &c[1])
        && c[2].split(',').any(|column| lacks(cols, column.trim()))
    {
        return true;
    }
    UPDATE_SET.captures(&s).is_some_and(|c| {
        columns_of(db, &c[1]).is_some_and(|cols| {
            c.get(0).is_some_and(|m| {
                assignment_targets(&s[m.end()..])
                    .into_iter()
                    .any(|target| lacks(cols, target))
            })
        })
    })
}

/// The columns an `update … set` list assigns: the name before each `=` at the top level
/// (`a = 1, b = coalesce(x, 1)` -> `a`, `b`), up to `from`, `where` or `returning`. Not
/// `(a, b) = (…)`.
fn assignment_targets(list: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    let mut stop = list.len();
    for (i, ch) in list.char_indices() {
        match ch {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                items.push(&list[start..i]);
                start = i + 1;
            }
            ' ' if depth == 0
                && [" where ", " from ", " returning "]
                    .iter()
                    .any(|k| list[i..].starts_with(k)) =>
            {
                stop = i;
                break;
            }
            _ => {}
        }
    }
    items.push(&list[start..stop.max(start)]);
    items
        .into_iter()
        .filter_map(|item| {
            let (target, _) = item.split_once('=')?;
            // `t.col = …` names the column after the qualifier
            let target = target.trim().rsplit('.').next()?;
            (!target.is_empty()
                && target
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_'))
            .then_some(target)
        })
        .collect()
}

/// The statement with the contents of its string literals blanked (`'a.b'` -> `'   '`),
/// so that no text in them reads as a name.
fn blank_literals(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut inside = false;
    for ch in s.chars() {
        if ch == '\'' {
            inside = !inside;
            out.push(ch);
        } else if inside {
            out.push(' ');
        } else {
            out.push(ch);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{assignment_targets, blank_literals};

    #[test]
    fn assignment_targets_stop_at_where_and_skip_nested_commas() {
        assert_eq!(
            assignment_targets("a = coalesce(x, 1), j.b = now() where id = 1"),
            ["a", "b"]
        );
        assert_eq!(
            assignment_targets("a = (select max(v) from t where t.k = 1), c = 2 returning id"),
            ["a", "c"]
        );
        assert_eq!(assignment_targets("(a, b) = (1, 2)"), Vec::<&str>::new());
    }

    #[test]
    fn literals_are_blanked() {
        assert_eq!(blank_literals("x = 'a.b' and y.z"), "x = '   ' and y.z");
    }
}
