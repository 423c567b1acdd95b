//! Raw SQL in code: string literals, template literals and f-strings that parse as
//! SELECT / UPDATE / DELETE, checked with sqlparser so that joins, aliases and
//! subqueries are understood.
use std::sync::LazyLock;

use crate::lang::syntax::Node;
use regex::Regex;

use super::{Access, Filter, TenantQuery};
use crate::lang::sql;
use crate::lang::treesitter::text;
use crate::rules::FileCx;

static LOOKS_LIKE_SQL: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(
        r"(?is)^\s*(?:with\b.*\bselect|select\b.*\bfrom|update\b.*\bset|delete\s+from)\b",
    )
    .expect("regex compiles")
});

/// The SQL text of a string node, host placeholders turned into `$1`. Python's
/// adjacent literals (`"SELECT … " "WHERE …"`) are read as one.
fn sql_text(node: Node<'_>, src: &str) -> Option<String> {
    if node.kind_str() == "concatenated_string" {
        let mut joined = String::new();
        for part in node.named_children() {
            joined.push_str(&string_body(text(part, src))?);
        }
        return looks_like_sql(&joined).then(|| sql::normalize_placeholders(&joined));
    }
    let body = string_body(text(node, src))?;
    if !looks_like_sql(&body)
        || node
            .parent()
            .is_some_and(|p| p.kind_str() == "concatenated_string")
    {
        return None; // not SQL, or read with its siblings
    }
    Some(sql::normalize_placeholders(&body))
}

fn looks_like_sql(body: &str) -> bool {
    body.len() >= 12 && LOOKS_LIKE_SQL.is_match(body)
}

/// A literal's text without prefix and quotes.
fn string_body(raw: &str) -> Option<String> {
    let unprefixed = raw.trim_start_matches(|c: char| c.is_ascii_alphabetic()); // f, r, b
    let quote = ["\"\"\"", "'''", "\"", "'", "`"]
        .into_iter()
        .find(|q| unprefixed.starts_with(q))?;
    let body = unprefixed
        .strip_prefix(quote)?
        .strip_suffix(quote)
        .unwrap_or(&unprefixed[quote.len()..]);
    Some(body.to_string())
}

pub fn queries<'t>(cx: &FileCx<'t>, node: Node<'t>, out: &mut Vec<TenantQuery<'t, 't>>) {
    let src = cx.text();
    let Some(sql_text) = sql_text(node, src) else {
        return;
    };
    for (model, access, filter) in analyze(cx, &sql_text) {
        let filter = built_filter(cx, node, model, &sql_text).unwrap_or(filter);
        let filter = match filter {
            Filter::Tenant(None) => {
                let column = model
                    .tenant
                    .as_ref()
                    .map(|t| t.column.as_str())
                    .unwrap_or_default();
                Filter::Tenant(tenant_value(node, column, src))
            }
            f => f,
        };
        out.push(TenantQuery::new(
            model,
            node.byte_range(),
            access,
            filter,
            "raw SQL",
        ));
    }
}

/// A tenant filter in a condition the code builds from fragments (see
/// [`built_condition`]) in the function around the query.
fn built_filter<'t>(
    cx: &FileCx<'t>,
    node: Node<'t>,
    model: &crate::facts::tenant::Model,
    sql_text: &str,
) -> Option<Filter<'t>> {
    let t = model.tenant.as_ref()?;
    let func = crate::lang::treesitter::enclosing_function(node);
    (built_condition(sql_text)
        && builds_condition_on(
            text(func, cx.text()),
            &[t.column.as_str(), t.field.as_str()],
        ))
    .then_some(Filter::Tenant(None))
}

/// The tenant-scoped tables a SQL string reads or changes, with what constrains each.
/// Used for string literals in TS/Python and for `sqlx::query!` literals in Rust.
pub fn analyze<'m>(
    cx: &FileCx<'m>,
    sql_text: &str,
) -> Vec<(&'m crate::facts::tenant::Model, Access, Filter<'static>)> {
    let mut out = Vec::new();
    // A local SQLite database (a mobile app's cache) is not the server's tenant data.
    let src = cx.text();
    if cx.index.once_per_file("sqlite", || {
        src.contains("sqlite") || src.contains("SQLite")
    }) {
        return out;
    }
    let Some(stmt) = sql::parse_one(sql_text) else {
        return out;
    };
    let uses = sql::table_uses(&stmt);
    let constrained = |u: &sql::TableUse| {
        cx.facts
            .data
            .table(cx.path, &u.table)
            .and_then(|m| m.tenant.as_ref())
            .is_some_and(|t| u.constrains(&t.column) || u.constrains(&t.field))
    };
    for u in &uses {
        let Some(model) = cx.facts.data.table(cx.path, &u.table) else {
            continue;
        };
        if model.tenant.is_none() {
            continue;
        }
        // Tables joined with a tenant-filtered table only yield that tenant's rows.
        let through_join = uses
            .iter()
            .any(|o| o.group == u.group && !std::ptr::eq(o, u) && constrained(o));
        let filter = if constrained(u) || through_join {
            Filter::Tenant(None)
        } else if model.user_fields.iter().any(|f| u.constrains(f))
            || ["user_id", "owner_id", "created_by"]
                .iter()
                .any(|f| u.constrains(f))
        {
            Filter::User
        } else if u.constrains("id") {
            Filter::PrimaryKey(None)
        } else {
            Filter::None
        };
        let access = match u.access {
            sql::Access::Read => Access::Read,
            sql::Access::Update => Access::Update,
            sql::Access::Delete => Access::Delete,
        };
        out.push((model, access, filter));
    }
    out
}

static BUILT_CONDITION: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(
        r"(?is)\b(?:where|and|or)\s+\(?\s*\$\d+\s*\)?\s*(?:$|;|\)|\b(?:order|group|limit|offset|and|or|having|returning)\b)",
    )
    .expect("regex compiles")
});

/// Whether a query's condition is filled in by the host language (`WHERE {}` of a
/// `format!`, `WHERE ${where}`, `AND {extra}`): placeholders stand where a condition
/// goes, so the code builds it from fragments. `sql` has its placeholders normalized.
pub fn built_condition(sql: &str) -> bool {
    BUILT_CONDITION.is_match(sql)
}

/// Whether code around a query starts the conditions it builds with one on these
/// columns: a string that starts with the column compared (`"organization_id = $1"`,
/// `"s.org_id = ANY($2)"`) in the statement that declares the list or text of
/// conditions (`let mut conditions = vec!["organization_id = $1"]`), not one pushed only
/// when the request asks (`if query.org_id.is_some() { conditions.push(…) }`): the
/// fragments [`built_condition`] queries are made of.
pub fn builds_condition_on(code: &str, columns: &[&str]) -> bool {
    columns.iter().filter(|c| !c.is_empty()).any(|c| {
        let mut from = 0;
        while let Some(p) = code[from..].find(c).map(|p| p + from) {
            from = p + c.len();
            // a quote, then an optional table alias (`"s.org_id`), right before the column
            let head = code[..p].trim_end();
            let head = head.strip_suffix('.').map_or(head, |h| {
                h.trim_end_matches(|ch: char| ch.is_ascii_alphanumeric() || ch == '_')
            });
            let quoted = head.ends_with(['"', '\'', '`']);
            let after = code[from..].trim_start();
            let compared = after.starts_with('=')
                || after.get(..3).is_some_and(|w| {
                    w.eq_ignore_ascii_case("in ") || w.eq_ignore_ascii_case("in(")
                });
            // the statement it is in declares a variable
            let statement = &code[code[..p].rfind([';', '{', '}']).map_or(0, |s| s + 1)..p];
            let declares = crate::lang::words::identifiers(statement)
                .any(|(_, w)| matches!(w, "let" | "const" | "var"));
            if quoted
                && compared
                && declares
                && !code[from..].starts_with(|ch: char| ch.is_ascii_alphanumeric() || ch == '_')
            {
                return true;
            }
        }
        false
    })
}

/// Whether a SQL-looking literal's body is worth parsing.
pub fn looks_like_sql_text(body: &str) -> bool {
    looks_like_sql(body)
}

static PLACEHOLDER_AFTER_COLUMN: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r#"(?i)^\s*=\s*(?:\$(\d+)|(\$\{)|(%s)|:(\w+)|(\?))"#)
        .expect("regex compiles")
});

/// The host-language value bound to `column = <placeholder>` in the SQL of `node`:
/// a `${expr}` substitution, the N-th element of the parameters after the string
/// (`$N`, `%s`, `?`), or a named parameter (`:name`).
fn tenant_value<'t>(node: Node<'t>, column: &str, src: &str) -> Option<Node<'t>> {
    let raw = text(node, src);
    let lower = raw.to_ascii_lowercase();
    let col = column.to_ascii_lowercase();
    let mut search = 0;
    let (at, caps) = loop {
        let p = lower[search..].find(&col)? + search;
        let after = p + col.len();
        let rest = raw[after..].trim_start_matches('"');
        let skipped = raw.len() - after - rest.len();
        if let Some(c) = PLACEHOLDER_AFTER_COLUMN.captures(rest) {
            break (after + skipped, c);
        }
        search = after;
    };
    let base = node.start_byte();
    if caps.get(2).is_some() {
        // ${expr}: the substitution node starting there
        let sub_start = base + at + caps.get(2)?.start();
        let mut found = None;
        crate::lang::treesitter::walk_node(node, |n| {
            if found.is_none()
                && n.kind_str() == "template_substitution"
                && n.start_byte() == sub_start
            {
                found = n.named_child(0);
            }
        });
        return found;
    }
    let params = node.next_named_sibling()?;
    if let Some(name) = caps.get(4) {
        return crate::lang::treesitter::object_pairs(params, src)
            .into_iter()
            .find(|(k, _, _)| k == name.as_str())
            .map(|(_, _, v)| v);
    }
    let index = match caps.get(1) {
        Some(n) => n.as_str().parse::<usize>().ok()?.checked_sub(1)?,
        None => {
            let marker = if caps.get(3).is_some() { "%s" } else { "?" };
            raw[..at].matches(marker).count()
        }
    };
    if !matches!(params.kind_str(), "array" | "list" | "tuple") {
        return None;
    }
    params.named_child(index)
}

#[cfg(test)]
mod built_condition_tests {
    use super::{builds_condition_on, built_condition};

    #[test]
    fn conditions_built_from_fragments() {
        assert!(built_condition("SELECT id FROM t WHERE $1 ORDER BY name"));
        assert!(built_condition(
            "SELECT id FROM t WHERE archived = false AND $2"
        ));
        assert!(!built_condition("SELECT id FROM t WHERE id = $1"));
        let declared = "let mut conditions = vec![\"s.org_id = $1\".to_string()];";
        assert!(builds_condition_on(declared, &["org_id"]));
        // pushed only when the request asks for it
        let optional = "let mut c = vec![];\nif q.org.is_some() { c.push(\"org_id = $1\"); }";
        assert!(!builds_condition_on(optional, &["org_id"]));
        // another column that ends with the name
        assert!(!builds_condition_on(
            "const w = [\"parent_org_id = $1\"];",
            &["org_id"]
        ));
    }
}
