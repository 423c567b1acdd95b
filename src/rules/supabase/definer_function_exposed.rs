//! `supabase/definer-function-exposed`: `SECURITY DEFINER` functions any caller can run
//! through RPC that read or change data without asking who the caller is.

use std::sync::LazyLock;

use regex::Regex;

use crate::facts::schema::database::{Database, DbFunction};
use crate::facts::tenant::{Access, PolicyCommand, is_user_field};
use crate::rules::supabase::policy_any_user::trivial;
use crate::rules::supabase::{
    columns,
    CALL, always, asks_for_caller, person_details, databases, first_line, here, signature,
};
use crate::rules::{FileCx, Rule, RuleMeta, Sink};

crate::declare_rule! {
    DefinerFunctionExposed {
        id: "supabase/definer-function-exposed",
        title: "SECURITY DEFINER function callable by anyone without a caller check",
        severity: High, confidence: Medium, tier: 2, cwe: [285, 639],
        languages: [Sql],
        why: "Every function in the public schema can be called through `/rest/v1/rpc/<name>` by `anon` and `authenticated` unless its EXECUTE privilege is revoked; a SECURITY DEFINER function runs as its owner, past row level security, so one that takes a user or tenant id and does not check the caller lets anyone read or change that user's or tenant's data.",
        fix: "Check the caller inside the function (`if p_user_id <> auth.uid() then raise exception 'forbidden'; end if;`, or a membership check on `auth.uid()`), make it `security invoker`, or `revoke execute on function … from public, anon, authenticated` when only the server or a trigger calls it.",
        docs: "definer_function_exposed.md",
    }
}

/// Reads or writes of tables: `from t`, `join t`, `insert into t (…)`, `update t set`,
/// `delete from t` (not `from f(…)`, `is distinct from x`), and dynamic SQL (`execute q`).
static TABLE_USE: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r"\b(distinct\s+)?(from|join|insert into|update)\s+(?:only\s+)?([a-z_][\w.]*)\s*(\()?|\bexecute\s+(?:format\s*\(|[a-z_'])")
        .expect("regex compiles")
});
static WRITE: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r"\b(?:insert into|delete from|update\s+(?:only\s+)?[a-z_][\w.]*\s+(?:(?:as\s+)?[a-z_]\w*\s+)?set)\b")
        .expect("regex compiles")
});
/// The tables a body reads or writes, as written (`public.orders`), and `None` for each
/// dynamic SQL statement, which may touch any table. Function calls in `from`, `is
/// distinct from` and `new`/`old` are left out.
fn table_uses(body: &str) -> impl Iterator<Item = Option<&str>> {
    table_uses_at(body).map(|(_, u)| u)
}

/// Functions whose arguments are written with `from`.
const FROM_ARGUMENT: &[&str] = &["extract", "substring", "trim", "overlay"];

/// The names before the parentheses still open where text ends, innermost first:
/// `exists (select 1 from t where x in (select` -> `in`, `exists`.
fn open_calls(before: &str) -> impl Iterator<Item = &str> {
    let mut depth = 0usize;
    before.char_indices().rev().filter_map(move |(i, ch)| match ch {
        ')' => {
            depth += 1;
            None
        }
        '(' if depth > 0 => {
            depth -= 1;
            None
        }
        '(' => before[..i]
            .trim_end()
            .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .next(),
        _ => None,
    })
}

/// Whether text ends inside the still open parentheses of a call of one of these
/// functions (`extract(year `), the innermost.
fn in_call_of(before: &str, functions: &[&str]) -> bool {
    open_calls(before).next().is_some_and(|f| functions.contains(&f))
}

/// [`table_uses`], each with where its statement's keyword starts.
fn table_uses_at(body: &str) -> impl Iterator<Item = (usize, Option<&str>)> {
    TABLE_USE.captures_iter(body).filter_map(|c| {
        let at = c.get(0).map_or(0, |m| m.start());
        let Some(keyword) = c.get(2) else {
            return Some((at, None)); // execute
        };
        let call = c.get(4).is_some() && matches!(keyword.as_str(), "from" | "join");
        let name = c.get(3).map_or("", |m| m.as_str());
        // the `from` of a function's arguments: `extract(year from d)`,
        // `substring(s from 2)`, `trim(both from s)`
        let argument = keyword.as_str() == "from" && in_call_of(&body[..at], FROM_ARGUMENT);
        (c.get(1).is_none()
            && !call
            && !argument
            && !matches!(name, "new" | "old" | "lateral" | "select" | "values"))
        .then_some((at, Some(name)))
    })
}

/// Names a body gives relations of its own: common table expressions (`with recent as
/// (…)`) and temporary tables it creates.
static OWN_RELATION: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r"(?:\bwith\s+(?:recursive\s+)?|,\s*)([a-z_]\w*)\s*(?:\([^()]*\)\s*)?as\s+(?:(?:not\s+)?materialized\s+)?\(|\bcreate\s+(?:local\s+)?(?:temp|temporary|unlogged)\s+table\s+(?:if\s+not\s+exists\s+)?([a-z_]\w*)")
        .expect("regex compiles")
});

/// A function every call of which fails, and the error undoes whatever the call did
/// before. It uses a table the migrations leave out of the database: dropped by a later
/// migration (and not created again), or created by none of them while the migrations
/// do build the schema (a legacy table an older app used); each call fails with
/// `relation does not exist` when every table it uses is such a table, or when a
/// statement that uses one runs on every call (no branch, loop or early return before
/// it, no exception handler in the body): the first statement, or a later one (`select
/// … from orders o left join legacy_cards c on …` after reads of tables that exist). Or
/// such a statement names a column its table lacks ([`columns::names_missing_column`]),
/// and fails with `column does not exist`.
fn always_fails(db: &Database, body: &str) -> bool {
    if db.tables.is_empty() {
        return false;
    }
    let missing = |name: &str| {
        !db.has_relation(name) || db.dropped.contains(name.rsplit('.').next().unwrap_or(name))
    };
    let uses: Vec<(usize, Option<&str>)> = database_uses_at(body).collect();
    // an `exception when …` block may catch the error (a `raise exception` does not)
    let handled = HANDLER.is_match(body);
    // where the statement around `at` starts
    let statement_start = |at: usize| {
        let before = &body[..at];
        before
            .rfind(';')
            .map(|s| s + 1)
            .into_iter()
            .chain(before.rfind("begin").map(|b| b + "begin".len()))
            .max()
            .unwrap_or(0)
    };
    let every_call_reaches = |at: usize| {
        let statement = statement_start(at);
        // the statement itself may return its rows (`return query select …`)
        let own = body[statement..at].trim_start();
        let own = own
            .strip_prefix("return query")
            .or_else(|| own.strip_prefix("return"))
            .unwrap_or(own);
        !branches(&body[..statement]) && !branches(own)
    };
    // a statement that names a column its table lacks (`select el.message from
    // error_logs el` where the column is `error_message`) fails as surely
    let names_missing_column = |at: usize| {
        let start = statement_start(at);
        let end = body[at..].find(';').map_or(body.len(), |e| at + e);
        columns::names_missing_column(db, &body[start..end])
    };
    // uses in dynamic SQL come before none of this: `execute` may run anything first
    let reached_missing = uses
        .iter()
        .take_while(|(_, u)| u.is_some())
        .any(|&(at, u)| {
            u.is_some_and(|name| {
                every_call_reaches(at)
                    && (missing(name)
                        || names_missing_column(at))
            })
        });
    if !handled && reached_missing {
        return true;
    }
    !uses.is_empty() && uses.iter().all(|(_, u)| u.is_some_and(&missing))
}

/// The names a body gives relations of its own ([`OWN_RELATION`]).
fn own_relations(body: &str) -> Vec<&str> {
    OWN_RELATION
        .captures_iter(body)
        .filter_map(|c| c.get(1).or(c.get(2)).map(|m| m.as_str()))
        .collect()
}

/// [`table_uses_at`] of the tables of the database: not the body's own relations (a
/// common table expression, a temporary table), nor the `set` of `on conflict … do
/// update set`.
fn database_uses_at(body: &str) -> impl Iterator<Item = (usize, Option<&str>)> {
    let own = own_relations(body);
    table_uses_at(body).filter(move |(_, u)| {
        u.is_none_or(|name| {
            let bare = name.rsplit('.').next().unwrap_or(name);
            !own.contains(&bare) && !KEYWORD_AFTER_UPDATE.contains(&name)
        })
    })
}

/// Words that follow `update` where it names no table: `on conflict … do update set`,
/// `for update of t`, `for update skip locked`, `for update nowait`.
const KEYWORD_AFTER_UPDATE: &[&str] = &["set", "of", "skip", "nowait"];

/// Control flow before a statement that may keep it from running: a branch, a loop, an
/// early return.
static BRANCH: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r"\b(?:if|case|when|loop|for|while|return)\b").expect("regex compiles")
});

/// An exception handler: `exception when others then …`.
static HANDLER: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r"\bexception\s+when\b").expect("regex compiles")
});

/// A guard whose only statement raises: `if v_id is null then raise exception '…'; end
/// if;`. A call it stops fails; every other call goes on past it.
static RAISE_GUARD: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r"\bif\b[^;]*?\bthen\s+raise\b[^;]*;\s*end\s+if\s*;")
        .expect("regex compiles")
});

/// Whether text holds a [`BRANCH`]; `return query …` and `return next …` add rows to
/// the result and go on, and are none; nor is a guard that only raises.
fn branches(text: &str) -> bool {
    let text = RAISE_GUARD.replace_all(text, ";");
    let text = text.as_ref();
    BRANCH.find_iter(text).any(|m| {
        m.as_str() != "return" || {
            let rest = text[m.end()..].trim_start();
            !(rest.starts_with("query") || rest.starts_with("next"))
        }
    })
}

/// Whether a body reads or writes a table, itself or through a function of the project
/// it calls (`select * from public.close_books(p_org)`), two calls deep.
fn touches_tables(db: &Database, body: &str, depth: usize) -> bool {
    database_uses_at(body).next().is_some()
        || depth < 2
            && CALL.captures_iter(body).any(|c| {
                db.functions_named(&c[1])
                    .any(|f| touches_tables(db, &f.code, depth + 1))
            })
}

/// A table every caller of the function can already use so for what the function does
/// to it: read, it has a select policy any signed-in user passes (`using (true)`,
/// `auth.uid() is not null`), such as a catalogue of reference data; inserted into,
/// updated or deleted from, it has such a policy for that command (an error log anyone
/// may append to: `for insert with check (true)`).
///
/// A policy that only keeps rows of fixed values (`using (active = true)`) lets them
/// through when the statement reading the table asks for the same values (`where
/// s.active = true`): the function returns no row the policy hides.
fn open_by_policy(
    db: &Database,
    f: &DbFunction,
    table: &str,
    command: Command,
    statement: &str,
) -> bool {
    let anon = f.execute.public || f.execute.anon;
    // a policy for the command (or for all) that lets every caller through: any
    // signed-in user, and anon too when anon may call the function and the rows are
    // a person's (or are written)
        let personal = db.tables.get(table).is_none_or(|t| {
            !t.people.is_empty()
                || t.columns
                    .iter()
                    .any(|c| is_user_field(c) || person_details(c))
        });
        let passes = |ok: &dyn Fn(&crate::facts::schema::database::DbPolicy) -> bool| {
            db.policies.iter().any(|p| {
                p.table == table
                    && match (p.policy.command, command) {
                        (PolicyCommand::All, _) => true,
                        (PolicyCommand::Insert, Command::Insert) => true,
                        (PolicyCommand::Only(a), Command::Other(b)) => a == b,
                        _ => false,
                    }
                    && ok(p)
            })
        };
        let granted = match command {
            Command::Other(Access::Read) => {
                let grants = db.table_select(table);
                (grants.public || grants.authenticated) && (!anon || grants.public || grants.anon)
            }
            Command::Insert => db.writes(table).insert.table,
            Command::Other(Access::Update) => db.writes(table).update.table,
            Command::Other(Access::Delete) => true,
        };
        let careful = personal || !matches!(command, Command::Other(Access::Read));
        // each role by a policy of its own or one for both (`to anon using (true)`
        // beside `using (auth.role() = 'authenticated')`)
        granted
            && passes(&|p| {
                p.reaches("authenticated")
                    && (trivial(&p.policy.cond) || held_by(&p.policy.cond, statement, table))
            })
            && (!anon
                || !careful
                || passes(&|p| {
                    p.reaches("anon")
                        && (always(&p.policy.cond) || held_by(&p.policy.cond, statement, table))
                }))
}

/// The statement of the body around `at`: from the `;` before it to the `;` after it.
fn statement_around(body: &str, at: usize) -> &str {
    let start = body[..at].rfind(';').map_or(0, |s| s + 1);
    let end = body[at..].find(';').map_or(body.len(), |e| at + e);
    &body[start..end]
}

/// A policy condition made only of columns equal to fixed values (`active = true`,
/// `(is_active = true) and (is_draft = false)`, `status = 'published'`) of `table`, every
/// one of which the statement asks for too: unqualified or qualified by the table's name
/// or its alias there (`from sessions s … where s.active = true`), not another table's
/// column of the same name.
fn held_by(cond: &str, statement: &str, table: &str) -> bool {
    static TERM: LazyLock<Regex> = LazyLock::new(|| {
        crate::lang::pattern::regex(r"^([a-z_]\w*)=(true|false|'[^']*'|\d+)$").expect("regex compiles")
    });
    static QUALIFIED: LazyLock<Regex> = LazyLock::new(|| {
        crate::lang::pattern::regex(r"\b([a-z_]\w*)\.([a-z_]\w*)").expect("regex compiles")
    });
    let squash = |t: &str| -> String {
        t.chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '(' | ')' | '"'))
            .collect::<String>()
            .to_ascii_lowercase()
    };
    let cond = cond.to_ascii_lowercase().replace("::text", "");
    let terms: Vec<String> = cond
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .split(" and ")
        .map(squash)
        .collect();
    let statement = statement.to_ascii_lowercase().replace('"', "");
    let names = columns::names_of_table(&statement, table);
    // the table's own qualifiers dropped; words kept apart, `=` and its sides together:
    // `where s.active = true` -> `where active=true`
    let statement: String = QUALIFIED
        .replace_all(&statement, |c: &regex::Captures<'_>| {
            if names.iter().any(|n| **n == c[1]) {
                c[2].to_string()
            } else {
                c[0].to_string()
            }
        })
        .replace(['(', ')'], " ")
        .split('=')
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("=");
    !terms.is_empty()
        && terms.iter().all(|t| {
            TERM.is_match(t)
                && statement.match_indices(t.as_str()).any(|(i, _)| {
                    let before = statement[..i].chars().next_back();
                    let after = statement[i + t.len()..].chars().next();
                    !before.is_some_and(|c| c.is_alphanumeric() || matches!(c, '_' | '.'))
                        && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
                })
        })
}

/// What a statement does to a table it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Command {
    Insert,
    Other(Access),
}

/// The command of the table use whose keyword starts at `at`: `insert into`, `update`,
/// the `from` of `delete from`, or a read.
fn command_at(body: &str, at: usize) -> Command {
    let rest = &body[at..];
    if rest.starts_with("insert") {
        Command::Insert
    } else if rest.starts_with("update") {
        Command::Other(Access::Update)
    } else if rest.starts_with("from") && body[..at].trim_end().ends_with("delete") {
        Command::Other(Access::Delete)
    } else {
        Command::Other(Access::Read)
    }
}

/// Whether a body uses at least one table, only tables of a schema the Data API serves
/// that `ok` accepts for what the body does to each, no dynamic SQL, and calls no
/// function of the project that uses other tables (`select * from
/// get_energy_factor(…)` of a function that reads the same open table), two calls deep.
fn uses_only_tables(db: &Database, body: &str, ok: impl Fn(&str, Command, &str) -> bool) -> bool {
    uses_only_tables_in(db, body, &ok, 0) == Some(true)
}

/// [`uses_only_tables`]: `None` when a use is not accepted, else whether some table is
/// used.
fn uses_only_tables_in(
    db: &Database,
    body: &str,
    ok: &dyn Fn(&str, Command, &str) -> bool,
    depth: usize,
) -> Option<bool> {
    let mut any = false;
    for (at, name) in database_uses_at(body) {
        let name = name?; // dynamic SQL
        let table = match name.split_once('.') {
            Some((schema, t)) if db.serves(schema) => t,
            Some(_) => return None,
            None => name,
        };
        if !ok(table, command_at(body, at), statement_around(body, at)) {
            return None;
        }
        any = true;
    }
    for c in CALL.captures_iter(body) {
        for g in db.functions_named(&c[1]) {
            if !touches_tables(db, &g.code, 1) {
                continue;
            }
            if depth >= 2 {
                return None;
            }
            any |= uses_only_tables_in(db, &g.code, ok, depth + 1)?;
        }
    }
    Some(any)
}

/// A table whose row level security is off: whoever may call the function may already
/// read and change every row of it through the Data API (`tenant/rls-disabled` reports
/// the table), so the function opens nothing more there. The table is granted to the
/// roles that may call the function (for writes, when the function writes).
fn open_rls_off(cx: &FileCx<'_>, db: &Database, f: &DbFunction, writes: bool, table: &str) -> bool {
    let anon = f.execute.public || f.execute.anon;
    let grants = db.table_select(table);
    let granted = grants.public
        || if anon {
            grants.anon
        } else {
            grants.authenticated
        };
    let w = db.writes(table);
    db.tables.contains_key(table)
        && super::rls_off(cx, db, table)
        && granted
        && (!writes || (w.insert.table && w.update.table))
}

/// A function that only uses tables its callers can already use so, whole: each open by
/// its policies ([`open_by_policy`]) or with row level security off ([`open_rls_off`]).
/// It runs no dynamic SQL, and the functions of the project it calls use only such
/// tables.
fn uses_only_open_tables(cx: &FileCx<'_>, db: &Database, f: &DbFunction, body: &str) -> bool {
    let writes = WRITE.is_match(body);
    uses_only_tables(db, body, |table, command, statement| {
        open_by_policy(db, f, table, command, statement) || open_rls_off(cx, db, f, writes, table)
    })
}

/// A read-only boolean helper of the policies (`has_role(uid, role)`, `is_member(org)`):
/// the pattern Supabase recommends for policies that would otherwise recurse. Called in
/// a policy, or by a function that is (`is_admin()` of the policies calling
/// `has_role(auth.uid(), 'admin')`). One that returns rows or ids of a user the caller
/// names (`get_user_org_ids(uid)`) tells more than one bit and stays a finding.
fn policy_helper(db: &Database, f: &DbFunction, body: &str) -> bool {
    let named_in = |text: &str, name: &str| {
        CALL.captures_iter(&text.to_ascii_lowercase())
            .any(|c| c[1] == *name)
    };
    let in_policies = |name: &str| db.policies.iter().any(|p| named_in(&p.policy.cond, name));
    let name = f.decl.name.name.as_str();
    f.decl.returns_boolean
        && !WRITE.is_match(body)
        && (in_policies(name)
            || db.functions.iter().any(|g| {
                g.decl.name.name != name
                    && !WRITE.is_match(&g.code)
                    && named_in(&g.code, name)
                    && in_policies(&g.decl.name.name)
            }))
}

/// A read-only function without parameters that tells its caller a bit, not rows: a
/// boolean (`platform_admin_exists()`), or one whose every table read is an existence
/// test (`generate_customer_code()` drawing random codes until `not exists (select 1 from
/// contacts where customer_code = c)`). The caller chooses nothing to ask about. One that
/// takes an id or a code (`user_is_org_member(uid, org)`, `is_code_unique_for_client(code,
/// client)`) answers for any user or tenant the caller names, and stays a finding. Dynamic
/// SQL may read anything and is never such a test.
fn tells_only_bits(f: &DbFunction, body: &str) -> bool {
    f.decl.params.is_empty()
        && !WRITE.is_match(body)
        && (f.decl.returns_boolean && table_uses(body).all(|u| u.is_some())
            || table_uses_at(body).all(|(at, u)| u.is_some() && open_calls(&body[..at]).any(|f| f == "exists")))
}


/// A lookup by a secret the caller must hold: a `p_token`, `secret` or invitation or
/// redemption code argument compared with a column (`where invitation_token = p_token`),
/// the design of invitation and share links. Not when the caller also names the user it
/// acts for (`accept_invitation(code, p_user_id)`): the secret then moves anyone.
fn gated_by_secret(f: &DbFunction, body: &str) -> bool {
    let for_a_user = f
        .decl
        .params
        .iter()
        .map(|p| p.trim_start_matches(['p', '_']))
        .any(|p| p.starts_with("user_id") || p == "uid");
    if for_a_user {
        return false;
    }
    let secrets: Vec<&String> = f
        .decl
        .params
        .iter()
        .filter(|p| {
            ["token", "secret", "invite_code", "invitation_code", "redemption_code"]
                .iter()
                .any(|s| p.contains(s))
        })
        .collect();
    !secrets.is_empty() && compared_names(body).any(|n| secrets.iter().any(|p| *p == n))
}

/// The names on either side of each `=` (not `=>`, a named argument, nor `:=`):
/// `where token = (p_token)` -> `token`, `p_token`.
fn compared_names(body: &str) -> impl Iterator<Item = &str> {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    body.match_indices('=').flat_map(move |(at, _)| {
        let (before, after) = (&body[..at], &body[at + 1..]);
        if after.starts_with('>') || before.ends_with([':', '<', '>', '!']) {
            return [None, None];
        }
        let left = before.trim_end_matches([' ', ')']);
        let left = &left[left.trim_end_matches(is_word).len()..];
        let right = after.trim_start_matches([' ', '(']);
        let right = &right[..right.len() - right.trim_start_matches(is_word).len()];
        [Some(left), Some(right)]
    })
    .flatten()
    .filter(|n| !n.is_empty())
}

impl Rule for DefinerFunctionExposed {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check_file(&self, cx: &FileCx<'_>, out: &mut Sink) {
        for db in databases(cx) {
            for f in &db.functions {
                if !here(cx, &f.at)
                    || !f.decl.definer
                    || f.decl.trigger
                    || f.decl.procedure
                    || !db.serves(&f.decl.name.schema)
                    || !f.execute.exposed()
                {
                    continue;
                }
                let body = &f.code;
                if !touches_tables(db, body, 0)
                    || asks_for_caller(db, body, 0)
                    || policy_helper(db, f, body)
                    || tells_only_bits(f, body)
                    || gated_by_secret(f, body)
                    || uses_only_open_tables(cx, db, f, body)
                    || always_fails(db, body)
                {
                    continue;
                }
                out.report(
                    first_line(cx, &f.at.range),
                    format!(
                        "SECURITY DEFINER function `{}` {} tables as its owner, past row level security, without checking the caller, and {} can call it through RPC",
                        signature(&f.decl.name),
                        if WRITE.is_match(body) { "changes" } else { "reads" },
                        f.execute.roles()
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::table_uses;

    #[test]
    fn open_calls_are_named_innermost_first() {
        fn names(t: &str) -> Vec<&str> {
            super::open_calls(t).collect()
        }
        assert_eq!(
            names("exists (select 1 from t where x in (select y "),
            ["in", "exists"]
        );
        assert_eq!(names("exists (select count(*) from t where a = lower(b) "), ["exists"]);
        assert_eq!(names("select exists (select 1) from t "), Vec::<&str>::new());
        assert!(super::in_call_of("extract(year ", super::FROM_ARGUMENT));
    }

    #[test]
    fn the_from_of_a_function_argument_is_no_table() {
        fn uses(body: &str) -> Vec<&str> {
            table_uses(body).flatten().collect()
        }
        assert_eq!(
            uses("select count(*) from orders where extract(year from created_at) = 2024"),
            ["orders"]
        );
        assert_eq!(uses("select substring(code from 2) from coupons"), ["coupons"]);
        // a column named like a date part is no argument
        assert_eq!(uses("select id, day from schedules"), ["schedules"]);
    }
}
