//! Supabase's database, judged from the migrations: what the Data API lets any caller
//! reach through functions, views and policies (the security lints of Supabase's
//! database linter, splinter, that can be seen in SQL).

crate::category! {
    auth_users_exposed => AuthUsersExposed,
    definer_function_exposed => DefinerFunctionExposed,
    edge_function_no_auth => EdgeFunctionNoAuth,
    function_search_path => FunctionSearchPath,
    policy_any_user => PolicyAnyUser,
    public_bucket => PublicBucket,
    security_definer_view => SecurityDefinerView,
    self_escalation => SelfEscalation,
    user_metadata_in_policy => UserMetadataInPolicy,
}

mod columns;

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::facts::schema::database::{Database, Declared};
use crate::lang::Lang;
use crate::rules::FileCx;

/// The databases whose migrations include the current SQL file.
pub fn databases<'a>(cx: &'a FileCx<'_>) -> impl Iterator<Item = &'a Database> {
    let sql = cx.lang == Lang::Sql;
    cx.facts.databases.iter().filter(move |_| sql)
}

/// Whether the migrations leave row level security off on a table at the end: no
/// policy of it applies then, and `tenant/rls-disabled` reports the table.
pub fn rls_off(cx: &FileCx<'_>, db: &Database, table: &str) -> bool {
    cx.facts
        .data
        .rls
        .get(&(db.root.clone(), table.to_string()))
        .is_some_and(|r| !r.enabled)
}

/// Whether a column holds a person's details: a contact (`email`, `phone`, `address`), a
/// customer or patient, a name (`full_name`), an identity or bank number.
pub fn person_details(column: &str) -> bool {
    let c = crate::vocab::squash(column);
    [
        "email", "phone", "address", "customer", "patient", "birth", "passport", "iban", "ssn",
    ]
    .iter()
    .any(|w| c.contains(w))
        || ["fullname", "firstname", "lastname"].contains(&c.as_str())
}

/// Whether a policy condition lets every row through whoever asks: `true`, in its
/// `using` and its `with check` alike (`true true`).
pub fn always(cond: &str) -> bool {
    let c: String = cond
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '(' | ')'))
        .collect::<String>()
        .to_ascii_lowercase();
    !c.is_empty() && c.replace("true", "").is_empty()
}

/// Whether a declaration is in the current file.
pub fn here(cx: &FileCx<'_>, at: &Declared) -> bool {
    at.path == cx.path
}

/// The first line of a statement, where its finding is reported.
pub fn first_line(cx: &FileCx<'_>, range: &Range<usize>) -> Range<usize> {
    let end = cx.text()[range.start..]
        .find('\n')
        .map_or(range.end, |p| range.start + p)
        .min(range.end);
    range.start..end
}

pub use crate::facts::schema::database::squash as squashed;

/// `name(args)` of a function, for messages.
pub fn signature(name: &crate::facts::schema::objects::ObjectName) -> String {
    let schema = if name.schema == "public" {
        String::new()
    } else {
        format!("{}.", name.schema)
    };
    format!(
        "{schema}{}({})",
        name.name,
        name.args.as_deref().unwrap_or_default()
    )
}

/// Who is calling: the JWT's subject, role or claims.
pub static CALLER: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r"auth\s*\.\s*(?:uid|jwt|role|email)\s*\(\s*\)|current_setting\s*\(\s*'request\.jwt\.claim[^)]*\)|\bcurrent_user\b|\bsession_user\b")
        .expect("regex compiles")
});
/// A variable a body binds to the caller: `v_uid uuid := auth.uid()`,
/// `v_uid := (select auth.uid())`, `select auth.uid() into v_uid`.
static CALLER_VARIABLE: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r"([a-z_]\w*)\s+(?:([\w.\[\]]+)\s+)?(?::=|default)\s*\(?\s*(?:select\s+)?CALLER|([a-z_]\w*)\s*:=\s*\(?\s*(?:select\s+)?CALLER|select\s+CALLER\s+into\s+([a-z_]\w*)".replace("CALLER", r"(?:auth\s*\.\s*(?:uid|jwt|role|email)\s*\(\s*\)|current_user|session_user)").as_str())
        .expect("regex compiles")
});
/// Words that start a PL/pgSQL statement or block, never a variable's name.
const PLPGSQL_KEYWORDS: [&str; 8] = [
    "begin", "then", "else", "loop", "declare", "end", "elsif", "do",
];
/// Calls whose arguments are values, not checks: `values (…, auth.uid())`.
const VALUE_CALLS: [&str; 8] = [
    "values",
    "jsonb_build_object",
    "json_build_object",
    "format",
    "concat",
    "coalesce",
    "array",
    "row",
];

/// Whether a body compares the caller with something: `where user_id = auth.uid()`,
/// `if p_user_id <> v_uid then raise`, `has_role(auth.uid(), 'admin')`,
/// `auth.role() = 'service_role'`. Storing the caller's id (`created_by =
/// auth.uid()` in a `set` list, `values (…, auth.uid())`) or asking only that someone
/// is signed in (`auth.uid() is null`) is not a check.
pub fn compares_caller(body: &str) -> bool {
    let mut spots: Vec<(usize, usize)> = CALLER
        .find_iter(body)
        .map(|m| (m.start(), m.end()))
        .collect();
    if spots.is_empty() {
        return false;
    }
    for c in CALLER_VARIABLE.captures_iter(body) {
        // `begin v_uid := auth.uid()`: the word before the variable is a keyword, the
        // variable is what looked like its type
        let var = match (c.get(1), c.get(2)) {
            (Some(word), Some(var)) if PLPGSQL_KEYWORDS.contains(&word.as_str()) => Some(var),
            (Some(word), _) => Some(word),
            _ => c.get(3).or(c.get(4)),
        };
        let Some(var) = var else {
            continue;
        };
        let Ok(re) = crate::lang::pattern::regex(&format!(r"\b{}\b", regex::escape(var.as_str())))
        else {
            continue;
        };
        spots.extend(
            re.find_iter(body)
                .filter(|m| m.start() != var.start())
                .map(|m| (m.start(), m.end())),
        );
    }
    static LEFT: LazyLock<Regex> = LazyLock::new(|| {
        crate::lang::pattern::regex(r"^\s*\)?\s*(?:::\s*\w+\s*)?(?:=|<>|!=|\bin\b|\bis\s+(?:not\s+)?distinct\s+from\b|\bany\b)")
            .expect("regex compiles")
    });
    static RIGHT: LazyLock<Regex> = LazyLock::new(|| {
        crate::lang::pattern::regex(
            r"(?:=|<>|!=|\bin\s*\(|\bany\s*\(|\bdistinct\s+from)\s*\(?\s*(?:select\s+)?$",
        )
        .expect("regex compiles")
    });
    static ASSIGNED: LazyLock<Regex> = LazyLock::new(|| {
        crate::lang::pattern::regex(
            r"(?:\bset|,)\s+[\w.]+\s*=\s*\(?\s*(?:select\s+)?$|:=\s*\(?\s*(?:select\s+)?$",
        )
        .expect("regex compiles")
    });
    spots.iter().any(|&(start, end)| {
        let from = crate::source::ceil_char_boundary(body, start.saturating_sub(80));
        let before = &body[from..start];
        if LEFT.is_match(&body[end..]) || (RIGHT.is_match(before) && !ASSIGNED.is_match(before)) {
            return true;
        }
        // an argument of a call that is not a list of values: has_role(auth.uid(), 'admin')
        let mut depth = 0usize;
        for (i, ch) in before.char_indices().rev() {
            match ch {
                ')' => depth += 1,
                '(' if depth > 0 => depth -= 1,
                '(' => {
                    let name = before[..i]
                        .trim_end()
                        .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                        .next()
                        .unwrap_or("");
                    return !name.is_empty()
                        && !VALUE_CALLS.contains(&name)
                        && !matches!(name, "select" | "exists" | "and" | "or" | "not" | "in");
                }
                _ => {}
            }
        }
        false
    })
}
/// A call: `name(` or `schema.name(`, the name captured.
pub static CALL: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r"\b(?:[a-z_]\w*\.)?([a-z_]\w*)\s*\(").expect("regex compiles")
});

/// Whether a body asks who the caller is, itself or through a function it calls that
/// does (`if not public.is_admin() then raise …`), two calls deep.
pub fn asks_for_caller(db: &Database, body: &str, depth: usize) -> bool {
    if compares_caller(body) {
        return true;
    }
    depth < 2
        && CALL.captures_iter(body).any(|c| {
            db.functions_named(&c[1])
                .any(|f| asks_for_caller(db, &f.code, depth + 1))
        })
}

#[cfg(test)]
mod tests {
    use super::compares_caller;

    #[test]
    fn a_check_compares_the_caller() {
        for checked in [
            "update profiles set points = 0 where id = auth.uid()",
            "if p_user_id <> auth.uid() then raise exception 'no'; end if;",
            "if not has_role(auth.uid(), 'admin') then raise exception 'no'; end if;",
            "declare v_uid uuid := auth.uid(); begin if p_user_id is distinct from v_uid then raise exception 'no'; end if;",
            "select 1 from members m where m.org_id = p_org and m.user_id = (select auth.uid())",
            "if auth.role() = 'service_role' then return; end if;",
            "if auth.uid() in (select user_id from admins) then",
            "declare v_user_id uuid; begin v_user_id := auth.uid(); if v_user_id is null then return; end if; \
             if not exists (select 1 from members om where om.org_id = p_org and om.user_id = v_user_id) then raise exception 'no'; end if;",
        ] {
            assert!(compares_caller(checked), "{checked}");
        }
        for unchecked in [
            "update invoices set paid = true, paid_by = auth.uid() where id = p_id",
            "insert into audit (row_id, actor) values (p_id, auth.uid())",
            "declare v_user_id uuid := auth.uid(); begin insert into snapshots values (p_id, v_user_id);",
            "if auth.uid() is null then raise exception 'sign in'; end if; update t set x = 1 where id = p_id",
            "update t set x = 1 where id = p_id",
        ] {
            assert!(!compares_caller(unchecked), "{unchecked}");
        }
    }
}
