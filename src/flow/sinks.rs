//! Sinks, as data: calls and assignments that run a value as code, a shell command,
//! SQL or HTML, or deserialize it into objects.

use crate::lang::syntax::Node;

use crate::lang::Lang;
use crate::lang::treesitter::{arguments, callee, object_pairs, text};

/// What a sink does with the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SinkKind {
    Code,
    Shell,
    Sql,
    Html,
    Deserialize,
}

impl SinkKind {
    pub fn describe(self) -> &'static str {
        match self {
            SinkKind::Code => "runs it as code",
            SinkKind::Shell => "runs it as a shell command",
            SinkKind::Sql => "runs it as SQL",
            SinkKind::Html => "renders it as HTML",
            SinkKind::Deserialize => "unpickles it",
        }
    }
}

/// A call sink: the callee (exact, or the method of a receiver named like `receivers`),
/// and which argument is dangerous.
struct CallSink {
    name: &'static str,
    /// Words one of which the receiver's name must contain; empty: a bare function or a
    /// fixed module path in `name`.
    receivers: &'static [&'static str],
    arg: usize,
    kind: SinkKind,
}

/// `arg` for sinks where every argument is dangerous: `new Function("a", "b", body)`.
const ANY: usize = usize::MAX;

const fn bare(name: &'static str, arg: usize, kind: SinkKind) -> CallSink {
    CallSink {
        name,
        receivers: &[],
        arg,
        kind,
    }
}

const SQL_RECEIVERS: &[&str] = &[
    "pool",
    "db",
    "client",
    "conn",
    "connection",
    "sql",
    "knex",
    "sequelize",
    "prisma",
    "database",
    "pg",
    "mysql",
    "sqlite",
    "cursor",
    "cur",
    "session",
    "engine",
    "tx",
    "trx",
];

const fn method(
    name: &'static str,
    receivers: &'static [&'static str],
    kind: SinkKind,
) -> CallSink {
    CallSink {
        name,
        receivers,
        arg: 0,
        kind,
    }
}

const SHELL_RECEIVERS: &[&str] = &["child_process", "childprocess", "cp", "shell", "proc"];

const JS_SINKS: &[CallSink] = &[
    bare("eval", 0, SinkKind::Code),
    bare("Function", ANY, SinkKind::Code),
    bare("vm.runInNewContext", 0, SinkKind::Code),
    bare("vm.runInThisContext", 0, SinkKind::Code),
    bare("vm.runInContext", 0, SinkKind::Code),
    bare("vm.Script", 0, SinkKind::Code),
    bare("vm.compileFunction", 0, SinkKind::Code),
    bare("setTimeout", 0, SinkKind::Code),
    bare("exec", 0, SinkKind::Shell),
    bare("execSync", 0, SinkKind::Shell),
    bare("execa", 0, SinkKind::Shell),
    bare("execaCommand", 0, SinkKind::Shell),
    bare("execaCommandSync", 0, SinkKind::Shell),
    method("exec", SHELL_RECEIVERS, SinkKind::Shell),
    method("execSync", SHELL_RECEIVERS, SinkKind::Shell),
    method("spawn", SHELL_RECEIVERS, SinkKind::Shell),
    method("spawnSync", SHELL_RECEIVERS, SinkKind::Shell),
    method("query", SQL_RECEIVERS, SinkKind::Sql),
    method("execute", SQL_RECEIVERS, SinkKind::Sql),
    method("exec", SQL_RECEIVERS, SinkKind::Sql),
    method("raw", SQL_RECEIVERS, SinkKind::Sql),
    method("run", SQL_RECEIVERS, SinkKind::Sql),
    method("all", SQL_RECEIVERS, SinkKind::Sql),
    method("unsafe", SQL_RECEIVERS, SinkKind::Sql),
    method("$queryRawUnsafe", SQL_RECEIVERS, SinkKind::Sql),
    method("$executeRawUnsafe", SQL_RECEIVERS, SinkKind::Sql),
    bare("document.write", 0, SinkKind::Html),
    bare("document.writeln", 0, SinkKind::Html),
    CallSink {
        name: "insertAdjacentHTML",
        receivers: &[""],
        arg: 1,
        kind: SinkKind::Html,
    },
];

const PY_SINKS: &[CallSink] = &[
    bare("eval", 0, SinkKind::Code),
    bare("exec", 0, SinkKind::Code),
    bare("compile", 0, SinkKind::Code),
    bare("os.system", 0, SinkKind::Shell),
    bare("os.popen", 0, SinkKind::Shell),
    bare("subprocess.run", 0, SinkKind::Shell),
    bare("subprocess.call", 0, SinkKind::Shell),
    bare("subprocess.Popen", 0, SinkKind::Shell),
    bare("subprocess.check_output", 0, SinkKind::Shell),
    bare("subprocess.check_call", 0, SinkKind::Shell),
    bare("subprocess.getoutput", 0, SinkKind::Shell),
    bare("subprocess.getstatusoutput", 0, SinkKind::Shell),
    bare("pickle.loads", 0, SinkKind::Deserialize),
    bare("pickle.load", 0, SinkKind::Deserialize),
    bare("marshal.loads", 0, SinkKind::Deserialize),
    bare("dill.loads", 0, SinkKind::Deserialize),
    method("execute", SQL_RECEIVERS, SinkKind::Sql),
    method("executescript", SQL_RECEIVERS, SinkKind::Sql),
    method("executemany", SQL_RECEIVERS, SinkKind::Sql),
    method("raw", &["objects", "manager"], SinkKind::Sql),
    method("extra", &["objects"], SinkKind::Sql),
    bare("RawSQL", 0, SinkKind::Sql),
    bare("Markup", 0, SinkKind::Html),
    bare("mark_safe", 0, SinkKind::Html),
];

/// The last dotted part of each sink's name, of Python's sinks or of JS/TS's.
fn sink_methods(lang: Lang) -> &'static [&'static str] {
    static LAST: std::sync::LazyLock<[Vec<&'static str>; 2]> = std::sync::LazyLock::new(|| {
        [PY_SINKS, JS_SINKS].map(|table| {
            table
                .iter()
                .map(|s| s.name.rsplit('.').next().unwrap_or(s.name))
                .collect()
        })
    });
    &LAST[usize::from(lang != Lang::Python)]
}

/// The dangerous value of a sink node, and what the sink does with it: a call from the
/// tables above, `new Function(code)`, an `innerHTML` / `outerHTML` assignment, a JSX
/// `dangerouslySetInnerHTML={{ __html: value }}`.
pub fn sink_value<'t>(n: Node<'t>, src: &str, lang: Lang) -> Option<(Node<'t>, SinkKind)> {
    match n.kind_str() {
        "call_expression" | "call" | "new_expression" => {
            let f = n.field("constructor").or_else(|| callee(n))?;
            let table = if lang == Lang::Python {
                PY_SINKS
            } else {
                JS_SINKS
            };
            // asked of every call: a method no sink has (most calls) ends it before the
            // callee's whole text is read
            if let Some(method) = crate::lang::treesitter::member_name(f, src)
                && !sink_methods(lang).contains(&method)
            {
                return None;
            }
            // the name is copied only when written over lines
            let name = crate::lang::words::without_whitespace(text(f, src));
            let name = name.trim_start_matches("await");
            let (receiver, last) = name.rsplit_once('.').unwrap_or(("", name));
            // lowered only for a call whose method a sink has
            let receiver_last = std::cell::OnceCell::new();
            let receiver_last = || {
                receiver_last.get_or_init(|| {
                    receiver
                        .rsplit('.')
                        .next()
                        .unwrap_or(receiver)
                        .to_ascii_lowercase()
                })
            };
            let sql_text = || {
                arguments(n)
                    .and_then(|a| a.named_child(0))
                    .is_some_and(|a| looks_like_sql(text(a, src)))
            };
            let sink = table.iter().find(|s| {
                if s.receivers.is_empty() {
                    s.name == name
                } else {
                    s.name == last
                        && !receiver.is_empty()
                        && (s.receivers.iter().any(|r| receiver_last().contains(r))
                            // `legacy.query("SELECT …" + x)`: the text says it is SQL
                            || (s.kind == SinkKind::Sql && sql_text()))
                }
            })?;
            let args = arguments(n)?;
            let value = if sink.arg == ANY {
                // the code is the last argument; the whole list is traced
                args
            } else {
                args.named_children()
                    .filter(|a| a.kind_str() != "keyword_argument" && a.kind_str() != "comment")
                    .nth(sink.arg)?
            };
            Some((value, sink.kind))
        }
        "assignment_expression" => {
            let left = n.field("left")?;
            let prop = left.field("property")?;
            matches!(text(prop, src), "innerHTML" | "outerHTML")
                .then_some(())
                .and(n.field("right"))
                .map(|r| (r, SinkKind::Html))
        }
        "jsx_attribute" => {
            let kids: Vec<Node<'t>> = n.named_children().collect();
            let name = kids.first()?;
            if text(*name, src) != "dangerouslySetInnerHTML" {
                return None;
            }
            let expr = kids.get(1)?.named_child(0)?;
            if expr.kind_str() != "object" {
                return Some((expr, SinkKind::Html));
            }
            object_pairs(expr, src)
                .into_iter()
                .find(|(k, _, _)| k == "__html")
                .map(|(_, _, v)| (v, SinkKind::Html))
        }
        _ => None,
    }
}

/// Whether an expression's text opens like an SQL statement.
pub fn looks_like_sql(t: &str) -> bool {
    let t = t
        .trim_start_matches(['"', '\'', '`', 'f', 'r', '(', ' ', '\n'])
        .trim_start();
    let head: String = t
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_ascii_uppercase();
    matches!(
        head.as_str(),
        "SELECT"
            | "INSERT"
            | "UPDATE"
            | "DELETE"
            | "WITH"
            | "CREATE"
            | "DROP"
            | "ALTER"
            | "TRUNCATE"
            | "REPLACE"
            | "MERGE"
            | "UPSERT"
    )
}

/// The node kinds [`sink_value`] looks at.
pub const SINK_KINDS: &[&str] = &[
    "call_expression",
    "call",
    "new_expression",
    "assignment_expression",
    "jsx_attribute",
];
