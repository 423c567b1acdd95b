//! The database objects of SQL migrations besides tables: functions, views, and the
//! privileges `GRANT`, `REVOKE` and `ALTER DEFAULT PRIVILEGES` give on them. Read from
//! the statement text (a function's body is PL/pgSQL or SQL in dollar quotes, which
//! `sqlparser` often cannot read); what they add up to is [`crate::facts::schema::database`].

use std::sync::LazyLock;

use regex::Regex;

/// A statement about a function, a view or privileges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ObjectEvent {
    Function(FunctionDecl),
    /// `ALTER FUNCTION f(args) SET search_path …` / `SECURITY DEFINER` / `RESET …`; on
    /// every function of a schema when a `DO` block alters each one it finds in
    /// `pg_proc` ([`super::dynamic`]).
    AlterFunction {
        on: Target,
        search_path: Option<bool>,
        definer: Option<bool>,
    },
    DropFunction(Vec<ObjectName>),
    View(ViewDecl),
    /// `ALTER VIEW v SET (security_invoker = on)` / `RESET (security_invoker)`.
    AlterView {
        name: ObjectName,
        security_invoker: bool,
    },
    DropView(Vec<ObjectName>),
    /// `GRANT` / `REVOKE` of the privileges that matter here: `EXECUTE`, `SELECT` or
    /// `ALL` (`reads`), and `INSERT` / `UPDATE` on tables, whole or some columns
    /// (`writes`).
    Privilege {
        grant: bool,
        on: Target,
        roles: Vec<String>,
        reads: bool,
        writes: Writes,
    },
    /// `GRANT|REVOKE USAGE ON SCHEMA s TO|FROM roles`: whether the Data API's roles may
    /// reach anything in a schema other than `public`.
    SchemaUsage {
        grant: bool,
        schemas: Vec<String>,
        roles: Vec<String>,
    },
    /// `CREATE TRIGGER name BEFORE|AFTER … ON table … EXECUTE FUNCTION f()`.
    Trigger(TriggerDecl),
    /// `DROP TRIGGER name ON table`.
    DropTrigger {
        name: String,
        table: ObjectName,
    },
    /// Storage buckets made or changed, with whether each is public; `keep_existing`
    /// for `ON CONFLICT DO NOTHING`, which leaves a bucket that exists as it is.
    Buckets {
        set: Vec<(String, bool)>,
        keep_existing: bool,
    },
    /// `DELETE FROM storage.buckets`.
    DropBuckets(Vec<String>),
    /// `ALTER DEFAULT PRIVILEGES … GRANT/REVOKE … ON FUNCTIONS|TABLES`: objects created
    /// afterwards start with these privileges.
    DefaultPrivilege {
        grant: bool,
        functions: bool,
        roles: Vec<String>,
    },
}

/// The write privileges a `GRANT` or `REVOKE` gives or takes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Writes {
    pub insert: Option<Columns>,
    pub update: Option<Columns>,
}

/// What a write privilege covers: the whole table, or the columns named
/// (`GRANT UPDATE (display_name, avatar_url) ON profiles`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Columns {
    Table,
    Only(Vec<String>),
}

/// `CREATE TRIGGER`: the function a table's writes run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriggerDecl {
    pub name: String,
    pub table: ObjectName,
    /// `BEFORE`: it can change or reject the row.
    pub before: bool,
    pub insert: bool,
    pub update: bool,
    pub function: ObjectName,
}

/// A schema-qualified name, lowercased and unquoted, with a function's argument types
/// (`None` when the statement names the function without them).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ObjectName {
    pub schema: String,
    pub name: String,
    pub args: Option<String>,
}

/// What a `GRANT` or `REVOKE` is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Functions(Vec<ObjectName>),
    /// Tables and views (`ON TABLE v`, `ON v`).
    Relations(Vec<ObjectName>),
    /// Every function of a schema (`ALL FUNCTIONS IN SCHEMA s`), or those a `DO` block's
    /// loop over `pg_proc` keeps: names matching every `LIKE` pattern of `like` and none
    /// of `not_like` (`proname NOT LIKE 'pg\_%'`).
    FunctionsIn {
        schema: String,
        like: Vec<String>,
        not_like: Vec<String>,
    },
    AllTablesIn(String),
}

impl Target {
    pub fn all_functions_in(schema: String) -> Target {
        Target::FunctionsIn {
            schema,
            like: Vec::new(),
            not_like: Vec::new(),
        }
    }
}

/// Whether a name matches a SQL `LIKE` pattern: `%` any run, `_` one character, `\`
/// escapes.
pub fn like(name: &str, pattern: &str) -> bool {
    let n: Vec<char> = name.chars().collect();
    let mut p: Vec<(char, bool)> = Vec::new();
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => p.extend(chars.next().map(|e| (e, true))),
            c => p.push((c, false)),
        }
    }
    // `matches[j]`: the first `i` characters of the name match the first `j` of the pattern
    let mut row = vec![false; p.len() + 1];
    row[0] = true;
    for j in 1..=p.len() {
        row[j] = row[j - 1] && p[j - 1] == ('%', false);
    }
    for &ch in &n {
        let mut next = vec![false; p.len() + 1];
        for j in 1..=p.len() {
            next[j] = match p[j - 1] {
                ('%', false) => next[j - 1] || row[j],
                ('_', false) => row[j - 1],
                (c, _) => row[j - 1] && c == ch,
            };
        }
        row = next;
    }
    row[p.len()]
}

/// `CREATE [OR REPLACE] FUNCTION`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FunctionDecl {
    pub name: ObjectName,
    pub definer: bool,
    /// `SET search_path = …` in the declaration.
    pub search_path: bool,
    /// `RETURNS trigger` / `event_trigger`: run by the database, not callable by RPC.
    pub trigger: bool,
    /// `RETURNS boolean`.
    pub returns_boolean: bool,
    /// `CREATE PROCEDURE`: run with `CALL`, which PostgREST does not serve.
    pub procedure: bool,
    /// The names of its named input arguments, lowercased (`p_token`).
    pub params: Vec<String>,
    /// The body, as written between its quotes.
    pub body: String,
}

impl FunctionDecl {
    /// Whether the body runs the text of its argument `param` as SQL: an `EXECUTE` of it,
    /// directly or through a variable assigned from it (`EXECUTE sql_query`, `wrapped :=
    /// format('select … (%s) t', q); EXECUTE wrapped`). A database function that does
    /// this is a SQL sink for whoever calls it by RPC.
    pub fn runs_as_sql(&self, param: &str) -> bool {
        use crate::lang::words::identifiers;
        let param = param.to_ascii_lowercase();
        if !self.params.contains(&param) {
            return false;
        }
        let body = self.body.to_ascii_lowercase();
        let mut carried: Vec<String> = vec![param];
        let mentions = |text: &str, names: &[String]| {
            identifiers(text).any(|(_, w)| names.iter().any(|n| n == w))
        };
        for statement in body.split(';') {
            let words: Vec<&str> = identifiers(statement).map(|(_, w)| w).collect();
            // the query text is what comes before `INTO` / `USING` (bound values)
            if let Some(at) = words.iter().position(|w| *w == "execute")
                && !matches!(words.get(at + 1), Some(&"function" | &"procedure" | &"on"))
                && words[at + 1..]
                    .iter()
                    .take_while(|w| !matches!(**w, "into" | "using"))
                    .any(|w| carried.iter().any(|c| c == w))
            {
                return true;
            }
            // `x := … param …`, `select … param … into x`
            if let Some((target, value)) = statement.split_once(":=") {
                if let Some(name) = identifiers(target).last().map(|(_, w)| w.to_string())
                    && mentions(value, &carried)
                {
                    carried.push(name);
                }
            } else if let Some((value, target)) = statement.rsplit_once(" into ")
                && mentions(value, &carried)
                && let Some((_, name)) = identifiers(target).next()
            {
                carried.push(name.to_string());
            }
        }
        false
    }
}

/// `CREATE [OR REPLACE] [MATERIALIZED] VIEW`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewDecl {
    pub name: ObjectName,
    pub materialized: bool,
    /// `WITH (security_invoker = true|on)`.
    pub security_invoker: bool,
    /// The query after `AS`.
    pub query: String,
}

static CREATE_FUNCTION: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(
        r#"(?is)^create\s+(?:or\s+replace\s+)?(function|procedure)\s+([\w."$]+)\s*\("#,
    )
    .expect("regex compiles")
});
static ALTER_FUNCTION: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r#"(?is)^alter\s+(?:function|procedure|routine)\s+([\w."$]+)\s*"#)
        .expect("regex compiles")
});
static DROP_FUNCTION: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(
        r#"(?is)^drop\s+(?:function|procedure|routine)\s+(?:if\s+exists\s+)?"#,
    )
    .expect("regex compiles")
});
static CREATE_VIEW: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(
        r#"(?is)^create\s+(?:or\s+replace\s+)?(?:(temp|temporary)\s+)?(?:(materialized)\s+)?(?:recursive\s+)?view\s+(?:if\s+not\s+exists\s+)?([\w."]+)"#,
    )
    .expect("regex compiles")
});
static ALTER_VIEW: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(
        r#"(?is)^alter\s+view\s+(?:if\s+exists\s+)?([\w."]+)\s+(set|reset)\s*\((.*)\)\s*$"#,
    )
    .expect("regex compiles")
});
static DROP_VIEW: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r#"(?is)^drop\s+(?:materialized\s+)?view\s+(?:if\s+exists\s+)?"#)
        .expect("regex compiles")
});
static PRIVILEGE: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r#"(?is)^(grant|revoke)\s+(?:grant\s+option\s+for\s+)?"#)
        .expect("regex compiles")
});
static DEFAULT_PRIVILEGES: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(
        r#"(?is)^alter\s+default\s+privileges\s+(?:for\s+(?:role|user)\s+[\w",\s]+?\s+)?(?:in\s+schema\s+([\w",\s]+?)\s+)?(grant|revoke)\s+(?:grant\s+option\s+for\s+)?(.+?)\s+on\s+(functions|routines|tables)\s+(?:to|from)\s+(.+?)(?:\s+with\s+grant\s+option|\s+cascade|\s+restrict)?\s*$"#,
    )
    .expect("regex compiles")
});
static CREATE_TRIGGER: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(
        r#"(?is)^create\s+(?:or\s+replace\s+)?(?:constraint\s+)?trigger\s+([\w"]+)\s+(before|after|instead\s+of)\s+(.+?)\s+on\s+([\w."]+)\s.*?execute\s+(?:function|procedure)\s+([\w."]+)\s*\("#,
    )
    .expect("regex compiles")
});
static DROP_TRIGGER: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(
        r#"(?is)^drop\s+trigger\s+(?:if\s+exists\s+)?([\w"]+)\s+on\s+([\w."]+)"#,
    )
    .expect("regex compiles")
});
static SECURITY_INVOKER: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(
        r#"(?i)security_invoker\s*(?:=\s*'?(true|on|yes|1|false|off|no|0)'?)?"#,
    )
    .expect("regex compiles")
});

/// The object event of one statement, if it is one.
pub fn event(text: &str) -> Option<ObjectEvent> {
    let head: String = text
        .chars()
        .take(8)
        .collect::<String>()
        .to_ascii_lowercase();
    if head.starts_with("create") {
        if let Some(c) = CREATE_FUNCTION.captures(text) {
            let procedure = c[1].eq_ignore_ascii_case("procedure");
            return function(text, c.get(0)?.end(), &c[2], procedure);
        }
        if let Some(c) = CREATE_TRIGGER.captures(text) {
            let events = c[3].to_ascii_lowercase();
            return Some(ObjectEvent::Trigger(TriggerDecl {
                name: unquote(&c[1]),
                table: object_name(&c[4], None),
                before: c[2].eq_ignore_ascii_case("before"),
                insert: events.contains("insert"),
                update: events.contains("update"),
                function: object_name(&c[5], None),
            }));
        }
        if let Some(c) = CREATE_VIEW.captures(text) {
            if c.get(1).is_some() {
                return None; // a temporary view lives in the session's own schema
            }
            return view(text, c.get(0)?.end(), c.get(2).is_some(), &c[3]);
        }
        return None;
    }
    if head.starts_with("alter") {
        if let Some(c) = ALTER_FUNCTION.captures(text) {
            let rest = &text[c.get(0)?.end()..];
            let (args, rest) = match rest.strip_prefix('(') {
                Some(r) => {
                    let close = closing_paren(r)?;
                    (Some(signature(&r[..close])), &r[close + 1..])
                }
                None => (None, rest),
            };
            let action = squash(rest);
            let (search_path, definer) = if action.starts_with("set search_path") {
                (Some(true), None)
            } else if action.starts_with("reset search_path") || action.starts_with("reset all") {
                (Some(false), None)
            } else if action.contains("security definer") {
                (None, Some(true))
            } else if action.contains("security invoker") {
                (None, Some(false))
            } else {
                return None;
            };
            return Some(ObjectEvent::AlterFunction {
                on: Target::Functions(vec![object_name(&c[1], args)]),
                search_path,
                definer,
            });
        }
        if let Some(c) = ALTER_VIEW.captures(text) {
            let opts = SECURITY_INVOKER.captures(&c[3])?;
            let on = c[2].eq_ignore_ascii_case("set")
                && opts.get(1).is_none_or(|v| {
                    matches!(
                        v.as_str().to_ascii_lowercase().as_str(),
                        "true" | "on" | "yes" | "1"
                    )
                });
            return Some(ObjectEvent::AlterView {
                name: object_name(&c[1], None),
                security_invoker: on,
            });
        }
        if let Some(c) = DEFAULT_PRIVILEGES.captures(text) {
            if let Some(schemas) = c.get(1)
                && !schemas.as_str().to_ascii_lowercase().contains("public")
            {
                return None;
            }
            if !privileges(&c[3]).0 {
                return None;
            }
            return Some(ObjectEvent::DefaultPrivilege {
                grant: c[2].eq_ignore_ascii_case("grant"),
                functions: !c[4].eq_ignore_ascii_case("tables"),
                roles: roles(&c[5]),
            });
        }
        return None;
    }
    if head.starts_with("drop") {
        if let Some(m) = DROP_FUNCTION.find(text) {
            return Some(ObjectEvent::DropFunction(names(strip_drop_tail(
                &text[m.end()..],
            ))));
        }
        if let Some(c) = DROP_TRIGGER.captures(text) {
            return Some(ObjectEvent::DropTrigger {
                name: unquote(&c[1]),
                table: object_name(&c[2], None),
            });
        }
        if let Some(m) = DROP_VIEW.find(text) {
            return Some(ObjectEvent::DropView(names(strip_drop_tail(
                &text[m.end()..],
            ))));
        }
        return None;
    }
    if let Some(m) = PRIVILEGE.find(text) {
        return privilege(text, m.end(), head.starts_with("grant"));
    }
    None
}

/// `CREATE FUNCTION name(` (or `CREATE PROCEDURE`) … up to its end.
fn function(text: &str, args_start: usize, name: &str, procedure: bool) -> Option<ObjectEvent> {
    let close = args_start + closing_paren(&text[args_start..])?;
    let arguments = arguments(&text[args_start..close]);
    let args = arguments
        .iter()
        .map(|(_, t)| t.as_str())
        .collect::<Vec<_>>()
        .join(",");
    let rest = &text[close + 1..];
    let (body, attrs) = body_and_attributes(rest);
    let attrs: String = attrs
        .lines()
        .map(|l| l.split_once("--").map_or(l, |(code, _)| code))
        .collect::<Vec<_>>()
        .join(" ");
    let attrs = squash(&attrs);
    let returns = attrs
        .split_once("returns ")
        .map_or("", |(_, r)| r.trim_start_matches("setof "));
    Some(ObjectEvent::Function(FunctionDecl {
        name: object_name(name, Some(args)),
        definer: attrs.contains("security definer"),
        search_path: attrs.contains("set search_path"),
        trigger: returns.starts_with("trigger") || returns.starts_with("event_trigger"),
        returns_boolean: returns.starts_with("boolean") || returns.starts_with("bool "),
        procedure,
        params: arguments.into_iter().filter_map(|(n, _)| n).collect(),
        body,
    }))
}

/// A function's body (the text of its first dollar-quoted or single-quoted string after
/// the arguments) and the rest of the declaration without it.
fn body_and_attributes(rest: &str) -> (String, String) {
    static DOLLAR: LazyLock<Regex> =
        LazyLock::new(|| crate::lang::pattern::regex(r"\$(\w*)\$").expect("regex compiles"));
    if let Some(open) = DOLLAR.find(rest) {
        let tag = open.as_str();
        if let Some(len) = rest[open.end()..].find(tag) {
            let body = &rest[open.end()..open.end() + len];
            let attrs = format!(
                "{} {}",
                &rest[..open.start()],
                &rest[open.end() + len + tag.len()..]
            );
            return (body.to_string(), attrs);
        }
    }
    // AS '…' with '' for a quote
    if let Some(start) = rest.find('\'') {
        let b = rest.as_bytes();
        let mut i = start + 1;
        while i < b.len() {
            if b[i] == b'\'' {
                if b.get(i + 1) == Some(&b'\'') {
                    i += 2;
                    continue;
                }
                let body = rest[start + 1..i].replace("''", "'");
                return (body, format!("{} {}", &rest[..start], &rest[i + 1..]));
            }
            i += 1;
        }
    }
    (String::new(), rest.to_string())
}

/// `CREATE VIEW name [(cols)] [WITH (…)] AS query`.
fn view(text: &str, after_name: usize, materialized: bool, name: &str) -> Option<ObjectEvent> {
    let rest = &text[after_name..];
    let as_at = find_top_word(rest, "as")?;
    let options = &rest[..as_at];
    let security_invoker = SECURITY_INVOKER.captures(options).is_some_and(|c| {
        c.get(1).is_none_or(|v| {
            matches!(
                v.as_str().to_ascii_lowercase().as_str(),
                "true" | "on" | "yes" | "1"
            )
        })
    });
    Some(ObjectEvent::View(ViewDecl {
        name: object_name(name, None),
        materialized,
        security_invoker,
        query: rest[as_at + 2..].trim().to_string(),
    }))
}

/// `GRANT|REVOKE privileges ON target TO|FROM roles`.
fn privilege(text: &str, start: usize, grant: bool) -> Option<ObjectEvent> {
    let rest = &text[start..];
    let on = find_top_word(rest, "on")?;
    let listed = &rest[..on];
    let (reads, writes) = privileges(listed);
    let rest = &rest[on + 2..];
    let to = find_top_word(rest, if grant { "to" } else { "from" })?;
    let target = squash(&rest[..to]);
    let mut roles_text = rest[to + if grant { 2 } else { 4 }..].to_string();
    for tail in ["with grant option", "granted by", "cascade", "restrict"] {
        if let Some(p) = roles_text.to_ascii_lowercase().find(tail) {
            roles_text.truncate(p);
        }
    }
    if let Some(list) = target.strip_prefix("schema ") {
        let usage = squash(listed)
            .split(',')
            .any(|p| matches!(p.trim(), "usage" | "all" | "all privileges"));
        return usage.then(|| ObjectEvent::SchemaUsage {
            grant,
            schemas: list.split(',').map(|s| unquote(s.trim())).collect(),
            roles: roles(&roles_text),
        });
    }
    if !reads && writes == Writes::default() {
        return None;
    }
    let on = if let Some(s) = target.strip_prefix("all functions in schema ") {
        Target::all_functions_in(unquote(s))
    } else if let Some(s) = target.strip_prefix("all routines in schema ") {
        Target::all_functions_in(unquote(s))
    } else if let Some(s) = target.strip_prefix("all tables in schema ") {
        Target::AllTablesIn(unquote(s))
    } else if let Some(list) = ["function ", "routine ", "procedure "]
        .iter()
        .find_map(|k| target.strip_prefix(k))
    {
        Target::Functions(names(list))
    } else if let Some(list) = target.strip_prefix("table ") {
        Target::Relations(names(list))
    } else if target.starts_with("sequence") {
        return None;
    } else {
        Target::Relations(names(&target))
    };
    Some(ObjectEvent::Privilege {
        grant,
        on,
        roles: roles(&roles_text),
        reads,
        writes,
    })
}

/// What a privilege list gives or takes: calling a function or reading a relation
/// (`EXECUTE`, `SELECT`, `ALL`), and writing a table (`INSERT`, `UPDATE`, `ALL`, on the
/// whole table or some columns).
fn privileges(list: &str) -> (bool, Writes) {
    let mut reads = false;
    let mut writes = Writes::default();
    for item in split_top(list, ',') {
        let item = item.trim().to_ascii_lowercase();
        let (word, columns) = match item.find('(') {
            Some(p) => {
                let inner = &item[p + 1..];
                let close = closing_paren(inner).unwrap_or(inner.len());
                let cols = inner[..close]
                    .split(',')
                    .map(unquote)
                    .filter(|c| !c.is_empty())
                    .collect();
                (item[..p].trim().to_string(), Columns::Only(cols))
            }
            None => (item.clone(), Columns::Table),
        };
        match word.as_str() {
            "execute" | "select" => reads = true,
            "insert" => writes.insert = Some(columns),
            "update" => writes.update = Some(columns),
            w if w.starts_with("all") => {
                reads = true;
                writes.insert = Some(columns.clone());
                writes.update = Some(columns);
            }
            _ => {}
        }
    }
    (reads, writes)
}

fn roles(list: &str) -> Vec<String> {
    list.split(',')
        .map(|r| unquote(r.trim()).trim_start_matches("group ").to_string())
        .filter(|r| !r.is_empty())
        .collect()
}

/// `a(int), public.b` -> the names, each with its signature when given.
pub(super) fn names(list: &str) -> Vec<ObjectName> {
    split_top(list, ',')
        .into_iter()
        .filter_map(|item| {
            let item = item.trim();
            if item.is_empty() {
                return None;
            }
            match item.find('(') {
                Some(p) => {
                    let inner = &item[p + 1..];
                    let close = closing_paren(inner).unwrap_or(inner.len());
                    Some(object_name(
                        item[..p].trim(),
                        Some(signature(&inner[..close])),
                    ))
                }
                None => Some(object_name(item, None)),
            }
        })
        .collect()
}

fn strip_drop_tail(s: &str) -> &str {
    let t = s.trim_end();
    let lower = t.to_ascii_lowercase();
    for tail in [" cascade", " restrict"] {
        if lower.ends_with(tail) {
            return &t[..t.len() - tail.len()];
        }
    }
    t
}

fn object_name(name: &str, args: Option<String>) -> ObjectName {
    let n = unquote(name);
    let (schema, name) = match n.rsplit_once('.') {
        Some((s, n)) => (s.to_string(), n.to_string()),
        None => ("public".to_string(), n),
    };
    ObjectName { schema, name, args }
}

fn unquote(s: &str) -> String {
    s.trim().replace('"', "").to_ascii_lowercase()
}

/// A function's input arguments as (name, type), comments, defaults and `OUT` arguments
/// left out, types as Postgres names them (`p_id uuid, p_n int default 1, bigint` ->
/// `(p_id, uuid), (p_n, integer), (None, bigint)`).
fn arguments(args: &str) -> Vec<(Option<String>, String)> {
    let args: String = args
        .lines()
        .map(|l| l.split_once("--").map_or(l, |(code, _)| code))
        .collect::<Vec<_>>()
        .join(" ");
    split_top(&args, ',')
        .into_iter()
        .filter_map(|a| {
            let a = squash(a);
            let a = match a.find(" default ") {
                Some(p) => &a[..p],
                None => a.split('=').next().unwrap_or(""),
            }
            .trim();
            let mut words: Vec<&str> = a.split_whitespace().collect();
            match words.first().copied() {
                Some("out") => return None,
                Some("in" | "inout" | "variadic") => {
                    words.remove(0);
                }
                _ => {}
            }
            let name = (words.len() > 1 && !TYPE_STARTS.contains(&words[0]))
                .then(|| words.remove(0).to_string());
            let t = type_name(&words.join(" "));
            (!t.is_empty()).then_some((name, t))
        })
        .collect()
}

/// A function's argument types, as Postgres identifies it (`p_id uuid, p_n int default
/// 1` -> `uuid,integer`).
fn signature(args: &str) -> String {
    arguments(args)
        .into_iter()
        .map(|(_, t)| t)
        .collect::<Vec<_>>()
        .join(",")
}

/// The first words of type names of two or more words (`double precision`): an argument
/// that starts with one has no name.
const TYPE_STARTS: [&str; 7] = [
    "double",
    "character",
    "timestamp",
    "time",
    "bit",
    "interval",
    "national",
];

/// A type as Postgres names it in a signature: aliases resolved (`int` -> `integer`,
/// `character varying(255)` -> `varchar`), modifiers and the `public.` schema dropped.
fn type_name(t: &str) -> String {
    let array = t.ends_with("[]");
    let base = t.trim_end_matches("[]").trim();
    let base = base.split('(').next().unwrap_or(base).trim();
    let base = base.strip_prefix("public.").unwrap_or(base);
    let base = match base {
        "int" | "int4" => "integer",
        "int8" => "bigint",
        "int2" => "smallint",
        "bool" => "boolean",
        "character varying" => "varchar",
        "character" | "char" => "bpchar",
        "float8" | "float" => "double precision",
        "float4" => "real",
        "decimal" => "numeric",
        "timestamp with time zone" => "timestamptz",
        "timestamp without time zone" => "timestamp",
        "time with time zone" => "timetz",
        other => other,
    };
    if array {
        format!("{base}[]")
    } else {
        base.to_string()
    }
}

/// Lowercased, with every run of whitespace one space and identifier quotes removed.
fn squash(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('"', "")
        .to_ascii_lowercase()
}

/// The byte offset of the `)` closing a `(` just before `s`, skipping nested
/// parentheses and quoted text.
fn closing_paren(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '(') => depth += 1,
            (None, ')') if depth == 0 => return Some(i),
            (None, ')') => depth -= 1,
            _ => {}
        }
    }
    None
}

/// Splits at `sep` outside parentheses and quotes.
pub(super) fn split_top(s: &str, sep: char) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut quote, mut start) = (0usize, None, 0);
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '(' | '[') => depth += 1,
            (None, ')' | ']') => depth = depth.saturating_sub(1),
            (None, c) if c == sep && depth == 0 => {
                out.push(&s[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out
}

/// The offset of a keyword standing alone outside parentheses and quotes.
fn find_top_word(s: &str, word: &str) -> Option<usize> {
    let b = s.as_bytes();
    let (mut depth, mut quote) = (0usize, None);
    let is_ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '(') => depth += 1,
            (None, ')') => depth = depth.saturating_sub(1),
            (None, _) if depth == 0 => {
                let end = i + word.len();
                if s.get(i..end).is_some_and(|w| w.eq_ignore_ascii_case(word))
                    && (i == 0 || !is_ident(b[i - 1]))
                    && b.get(end).is_none_or(|&c| !is_ident(c))
                {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(sql: &str) -> FunctionDecl {
        match event(sql) {
            Some(ObjectEvent::Function(f)) => f,
            other => panic!("not a function: {other:?}"),
        }
    }

    #[test]
    fn a_function_runs_an_argument_as_sql() {
        let runs = |sql: &str, p: &str| f(sql).runs_as_sql(p);
        let head = "create or replace function public.run(sql_query text, p_id uuid) returns json language plpgsql security definer as $$";
        assert!(runs(
            &format!("{head} begin execute sql_query; end; $$"),
            "sql_query"
        ));
        assert!(runs(
            &format!(
                "{head} declare result json; begin execute format('select json_agg(t) from (%s) t', sql_query) into result; return result; end; $$"
            ),
            "sql_query"
        ));
        assert!(runs(
            &format!(
                "{head} declare wrapped text; r json; begin wrapped := format('select coalesce(jsonb_agg(t), ''[]'') from (%s limit 500) t', sql_query); execute wrapped into r; return r; end; $$"
            ),
            "sql_query"
        ));
        // a value bound with USING, or an argument never executed, is no SQL text
        assert!(!runs(
            &format!(
                "{head} declare r json; begin execute 'select row_to_json(t) from items t where id = $1' using p_id into r; return r; end; $$"
            ),
            "p_id"
        ));
        assert!(!runs(
            &format!("{head} begin update items set note = sql_query where id = p_id; end; $$"),
            "sql_query"
        ));
        // a name that is no argument of the function
        assert!(!runs(
            &format!("{head} begin execute sql_query; end; $$"),
            "query"
        ));
        assert!(!runs(
            &format!(
                "{head} declare r json; begin execute 'select 1' into r; select sql_query into r; return r; end; $$"
            ),
            "sql_query"
        ));
    }

    #[test]
    fn functions_are_read_with_their_attributes() {
        let d = f(
            "CREATE OR REPLACE FUNCTION public.add_points(p_user_id uuid, -- whose\n p_points integer DEFAULT 1, p_kinds text[] = array['a','b'], OUT total int)\nRETURNS integer\nLANGUAGE plpgsql\nSECURITY DEFINER\nAS $function$\nBEGIN\n  UPDATE profiles SET points = points + p_points WHERE id = p_user_id;\nEND;\n$function$",
        );
        assert_eq!(d.name.name, "add_points");
        assert_eq!(d.name.schema, "public");
        assert_eq!(d.name.args.as_deref(), Some("uuid,integer,text[]"));
        assert_eq!(d.params, ["p_user_id", "p_points", "p_kinds"]);
        assert!(d.definer && !d.search_path && !d.trigger);
        assert!(d.body.contains("UPDATE profiles"));

        let d = f(
            "create function \"public\".\"is_admin\"() returns boolean language sql stable security definer set search_path = '' as $$ select exists (select 1 from public.user_roles where user_id = auth.uid() and role = 'admin') $$",
        );
        assert!(d.definer && d.search_path && d.returns_boolean);
        assert_eq!(d.name.args.as_deref(), Some(""));
        assert!(d.params.is_empty());
        assert!(
            f("create function g(uuid, double precision) returns int as $$ select 1 $$")
                .params
                .is_empty()
        );

        let d = f(
            "create or replace function handle_new_user() returns trigger as 'begin insert into profiles (id) values (new.id); return new; end;' language plpgsql security definer",
        );
        assert!(d.trigger && d.definer);
        assert!(d.body.contains("insert into profiles"));
        // a `security definer` in the body is not the function's
        let d = f(
            "create function f() returns void language plpgsql as $$ begin execute 'alter function g() security definer'; end $$",
        );
        assert!(!d.definer);
    }

    #[test]
    fn like_patterns_match_as_in_sql() {
        assert!(like("pg_stat", "pg\\_%"));
        assert!(!like("pgxstat", "pg\\_%"));
        assert!(like("pgxstat", "pg_%"));
        assert!(like("report_open", "report%"));
        assert!(like("abc", "a_c") && !like("abbc", "a_c"));
        assert!(like("", "%") && !like("", "_"));
    }

    #[test]
    fn privileges_and_alterations_are_read() {
        assert_eq!(
            event(
                "REVOKE EXECUTE ON FUNCTION public.add_points(uuid, int4) FROM PUBLIC, anon, authenticated"
            ),
            Some(ObjectEvent::Privilege {
                grant: false,
                on: Target::Functions(vec![ObjectName {
                    schema: "public".into(),
                    name: "add_points".into(),
                    args: Some("uuid,integer".into()),
                }]),
                roles: vec!["public".into(), "anon".into(), "authenticated".into()],
                reads: true,
                writes: Writes::default(),
            })
        );
        assert!(matches!(
            event("grant select on public.leaderboard to anon"),
            Some(ObjectEvent::Privilege {
                grant: true,
                on: Target::Relations(_),
                ..
            })
        ));
        assert_eq!(
            event("grant usage on schema api, \"Reports\" to anon, authenticated"),
            Some(ObjectEvent::SchemaUsage {
                grant: true,
                schemas: vec!["api".into(), "reports".into()],
                roles: vec!["anon".into(), "authenticated".into()],
            })
        );
        assert!(matches!(
            event("revoke all on schema api from public"),
            Some(ObjectEvent::SchemaUsage { grant: false, .. })
        ));
        assert_eq!(event("grant create on schema api to authenticated"), None);
        assert_eq!(event("grant references on table t to authenticated"), None);
        assert_eq!(
            event(
                "GRANT UPDATE (display_name, \"avatar_url\"), INSERT ON public.profiles TO authenticated"
            ),
            Some(ObjectEvent::Privilege {
                grant: true,
                on: Target::Relations(vec![ObjectName {
                    schema: "public".into(),
                    name: "profiles".into(),
                    args: None,
                }]),
                roles: vec!["authenticated".into()],
                reads: false,
                writes: Writes {
                    insert: Some(Columns::Table),
                    update: Some(Columns::Only(vec![
                        "display_name".into(),
                        "avatar_url".into()
                    ])),
                },
            })
        );
        assert!(matches!(
            event("revoke all privileges on table public.profiles from authenticated"),
            Some(ObjectEvent::Privilege {
                grant: false,
                reads: true,
                writes: Writes {
                    update: Some(Columns::Table),
                    ..
                },
                ..
            })
        ));
        assert_eq!(
            event(
                "CREATE TRIGGER protect_role BEFORE UPDATE OF role ON public.profiles FOR EACH ROW EXECUTE FUNCTION public.keep_role()"
            ),
            Some(ObjectEvent::Trigger(TriggerDecl {
                name: "protect_role".into(),
                table: ObjectName {
                    schema: "public".into(),
                    name: "profiles".into(),
                    args: None
                },
                before: true,
                insert: false,
                update: true,
                function: ObjectName {
                    schema: "public".into(),
                    name: "keep_role".into(),
                    args: None
                },
            }))
        );
        assert!(matches!(
            event("drop trigger if exists protect_role on profiles"),
            Some(ObjectEvent::DropTrigger { name, .. }) if name == "protect_role"
        ));
        assert!(matches!(
            event("ALTER FUNCTION public.add_points(p_user uuid, int) SET search_path = public"),
            Some(ObjectEvent::AlterFunction {
                search_path: Some(true),
                ..
            })
        ));
        assert!(matches!(
            event("alter view public.stats set (security_invoker = on)"),
            Some(ObjectEvent::AlterView {
                security_invoker: true,
                ..
            })
        ));
        assert!(matches!(
            event(
                "alter default privileges in schema public revoke execute on functions from anon, authenticated"
            ),
            Some(ObjectEvent::DefaultPrivilege {
                grant: false,
                functions: true,
                ..
            })
        ));
        assert!(matches!(
            event("drop function if exists public.add_points(uuid, integer), other cascade"),
            Some(ObjectEvent::DropFunction(n)) if n.len() == 2 && n[1].args.is_none()
        ));
    }

    #[test]
    fn views_are_read_with_their_options() {
        let v = |sql: &str| match event(sql) {
            Some(ObjectEvent::View(v)) => v,
            other => panic!("not a view: {other:?}"),
        };
        let d = v(
            "create or replace view public.stats with (security_invoker = true) as select count(*) from orders",
        );
        assert!(d.security_invoker && !d.materialized);
        assert!(d.query.starts_with("select count(*)"));
        let d = v(
            "CREATE VIEW leaderboard (name, score) AS SELECT p.name, s.score FROM profiles p JOIN auth.users u ON u.id = p.id",
        );
        assert!(!d.security_invoker);
        assert!(d.query.contains("auth.users"));
        assert!(v("create materialized view if not exists mv as select 1").materialized);
        assert_eq!(event("create temp view t as select 1"), None);
    }
}
