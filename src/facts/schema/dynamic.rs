//! DDL a `DO` block builds as text and runs with `EXECUTE`. Hardening migrations do this
//! to reach functions they do not name one by one: they loop over `pg_proc` and run
//! `format('ALTER FUNCTION %I.%I(%s) SET search_path = public', …)` for each, or loop
//! over a list of names and revoke `EXECUTE` on every overload. The statement is read
//! from its template (placeholders stand for the function) and aimed at what the loop
//! goes over: the functions the block names in string literals, else every function of
//! the schema it reads from `pg_proc`.

use std::sync::LazyLock;

use regex::Regex;

use super::objects::{self, ObjectEvent, ObjectName, Target};

/// A `format('…'` template.
static FORMAT: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r#"(?is)\bformat\s*\(\s*E?'((?:[^']|'')*)'"#)
        .expect("regex compiles")
});
/// `EXECUTE <expression>` up to its end (`;`, `USING`, `INTO`).
static EXECUTE: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(
        r#"(?is)\bexecute\s+((?:[^;']|'(?:[^']|'')*')+?)\s*(?:;|\busing\b|\binto\b|$)"#,
    )
    .expect("regex compiles")
});
/// Where a loop picks the functions by name: `proname = 'x'`, `proname IN ('a', 'b')`,
/// `proname = ANY (ARRAY['a'])`, or a literal array it walks (`fn_names text[] :=
/// ARRAY['a', 'b']`).
static NAME_LISTS: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(
        r#"(?is)\b(?:proname|routine_name)\s*(?:=\s*('[^']*')|in\s*\(([^)]*)\))|\barray\s*\[([^\]]*)\]"#,
    )
    .expect("regex compiles")
});
static LITERAL: LazyLock<Regex> =
    LazyLock::new(|| crate::lang::pattern::regex(r#"'((?:[^']|'')*)'"#).expect("regex compiles"));
/// A function's name, optionally qualified and with its signature.
static FUNCTION_LITERAL: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r#"^[A-Za-z_][\w."]*(?:\([^()]*\))?$"#).expect("regex compiles")
});
static SCHEMA: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r#"(?i)\b(?:nspname|routine_schema)\s*=\s*'(\w+)'"#)
        .expect("regex compiles")
});
/// A filter that picks functions by a pattern: `proname NOT LIKE 'pg\_%'`,
/// `proname NOT IN ('a', 'b')`, `proname ~ '^admin_'`.
static NAME_PATTERN: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r#"(?i)\b(?:proname|routine_name)\s*(?:::\s*\w+\s*)?(not\s+)?(i?like|similar\s+to|!?~\*?|in\b)\s*(?:'((?:[^']|'')*)'|\(([^)]*)\))?"#)
        .expect("regex compiles")
});
/// `format` placeholders: `%I`, `%s`, `%L`, `%1$I`.
static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r#"%(?:\d+\$)?[-\d]*[IsL]"#).expect("regex compiles")
});

const MARK: &str = "dyn__";

/// The function events a `DO` block's body runs as dynamic SQL.
pub fn events(body: &str) -> Vec<ObjectEvent> {
    let mut templates: Vec<String> = FORMAT
        .captures_iter(body)
        .map(|c| c[1].replace("''", "'"))
        .collect();
    for c in EXECUTE.captures_iter(body) {
        if let Some(t) = concatenation(&c[1]) {
            templates.push(t);
        }
    }
    let mut out = Vec::new();
    let looped = Loop::of(body);
    for t in templates {
        let text = PLACEHOLDER.replace_all(t.trim(), MARK);
        // a string run as it is was read as the statement it is
        if !text.contains(MARK) {
            continue;
        }
        let Some(event) = objects::event(&text) else {
            continue;
        };
        let event = match event {
            ObjectEvent::AlterFunction {
                on,
                search_path,
                definer,
            } => looped.aim(on).map(|on| ObjectEvent::AlterFunction {
                on,
                search_path,
                definer,
            }),
            ObjectEvent::Privilege {
                grant,
                on,
                roles,
                reads,
                writes,
            } => looped.aim(on).map(|on| ObjectEvent::Privilege {
                grant,
                on,
                roles,
                reads,
                writes,
            }),
            _ => None,
        };
        out.extend(event);
    }
    out
}

/// `'ALTER FUNCTION ' || r.sig || ' SET search_path = public'` -> the text with `%s`
/// for what is not a literal; `None` without a literal (`EXECUTE stmt`) or for a
/// `format(…)` call (read as a template).
fn concatenation(expr: &str) -> Option<String> {
    let expr = expr.trim();
    if expr.to_ascii_lowercase().starts_with("format") {
        return None;
    }
    let mut out = String::new();
    let mut literal = false;
    for piece in expr.split("||") {
        let p = piece.trim();
        match LITERAL.captures(p) {
            Some(c) if p.starts_with('\'') || p.starts_with("E'") => {
                out.push_str(&c[1].replace("''", "'"));
                literal = true;
            }
            _ => out.push_str("%s"),
        }
    }
    literal.then_some(out)
}

/// What a block's loop goes over.
struct Loop {
    /// Functions named in string literals.
    names: Vec<ObjectName>,
    /// The functions of the schema the loop takes from `pg_proc`, when it takes them by
    /// filters that can be read.
    all_in: Option<Target>,
    schema: String,
}

impl Loop {
    fn of(body: &str) -> Loop {
        let schema = SCHEMA
            .captures(body)
            .map_or("public".to_string(), |c| c[1].to_ascii_lowercase());
        let mut names = Vec::new();
        for c in NAME_LISTS.captures_iter(body) {
            let list = c
                .get(1)
                .or(c.get(2))
                .or(c.get(3))
                .map_or("", |m| m.as_str());
            for l in LITERAL.captures_iter(list) {
                let lit = l[1].trim();
                if FUNCTION_LITERAL.is_match(lit) {
                    let mut n = objects::names(lit);
                    for n in &mut n {
                        if !lit.contains('.') {
                            n.schema = schema.clone();
                        }
                    }
                    names.extend(n);
                }
            }
        }
        let lower = body.to_ascii_lowercase();
        let reads_catalog =
            lower.contains("pg_proc") || lower.contains("information_schema.routines");
        // the name filters, as LIKE patterns; unreadable when one is a regular
        // expression or a pattern held in a variable
        let mut like = Vec::new();
        let mut not_like = Vec::new();
        let mut readable = true;
        for c in NAME_PATTERN.captures_iter(body) {
            let negated = c.get(1).is_some();
            let op = c[2].to_ascii_lowercase();
            match (op.as_str(), c.get(3), c.get(4)) {
                ("like" | "ilike", Some(p), _) => {
                    let p = p.as_str().replace("''", "'");
                    if negated {
                        not_like.push(p)
                    } else {
                        like.push(p)
                    }
                }
                ("in", _, Some(list)) if negated => not_like.extend(
                    LITERAL
                        .captures_iter(list.as_str())
                        .map(|l| l[1].replace('_', "\\_")),
                ),
                ("in", _, Some(_)) => {} // names, read above
                _ => readable = false,
            }
        }
        let all_in = (names.is_empty() && reads_catalog && readable).then(|| Target::FunctionsIn {
            schema: schema.clone(),
            like,
            not_like,
        });
        Loop {
            names,
            all_in,
            schema,
        }
    }

    /// The target with its placeholders replaced by what the loop goes over; `None` when
    /// that cannot be read.
    fn aim(&self, on: Target) -> Option<Target> {
        let Target::Functions(list) = on else {
            return None;
        };
        let mut out = Vec::new();
        for n in list {
            if !n.name.contains(MARK) {
                let schema = if n.schema.contains(MARK) {
                    self.schema.clone()
                } else {
                    n.schema
                };
                let args = n.args.filter(|a| !a.contains(MARK));
                out.push(ObjectName {
                    schema,
                    name: n.name,
                    args,
                });
            } else if !self.names.is_empty() {
                out.extend(self.names.iter().cloned());
            } else {
                return self.all_in.clone();
            }
        }
        (!out.is_empty()).then_some(Target::Functions(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(body: &str) -> ObjectEvent {
        let ev = events(body);
        assert_eq!(ev.len(), 1, "{ev:?}");
        ev.into_iter().next().expect("one event")
    }

    #[test]
    fn a_loop_over_pg_proc_alters_every_function_of_its_schema() {
        let body = "DECLARE r RECORD; s TEXT;
BEGIN
  FOR r IN SELECT p.proname AS f, pg_get_function_identity_arguments(p.oid) AS a
    FROM pg_proc p JOIN pg_namespace n ON p.pronamespace = n.oid
    WHERE n.nspname = 'public' AND p.proname NOT LIKE 'pg_%'
  LOOP
    s := format('ALTER FUNCTION public.%I(%s) SET search_path = public', r.f, r.a);
    EXECUTE s;
  END LOOP;
END";
        assert_eq!(
            one(body),
            ObjectEvent::AlterFunction {
                on: Target::FunctionsIn {
                    schema: "public".into(),
                    like: vec![],
                    not_like: vec!["pg_%".into()],
                },
                search_path: Some(true),
                definer: None,
            }
        );
        let picked = body.replace(
            "NOT LIKE 'pg_%'",
            r"LIKE 'admin\_%' AND p.proname NOT IN ('admin_x')",
        );
        assert!(matches!(
            one(&picked),
            ObjectEvent::AlterFunction { on: Target::FunctionsIn { like, not_like, .. }, .. }
                if like == vec![r"admin\_%".to_string()] && not_like == vec![r"admin\_x".to_string()]
        ));
        // picked by a regular expression: which functions cannot be read
        let picked = body.replace("NOT LIKE 'pg_%'", "~ '^admin_'");
        assert_eq!(events(&picked), vec![]);
    }

    #[test]
    fn a_loop_over_names_revokes_on_those_names() {
        let body = "DECLARE fn_name text; fn_names text[] := ARRAY['handle_new_user', 'public.apply_trial'];
  r RECORD;
BEGIN
  FOREACH fn_name IN ARRAY fn_names LOOP
    FOR r IN SELECT p.oid::regprocedure AS sig FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public' AND p.proname = fn_name
    LOOP
      EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC, anon', r.sig);
      EXECUTE 'REVOKE EXECUTE ON FUNCTION ' || r.sig || ' FROM authenticated';
    END LOOP;
  END LOOP;
END";
        let ev = events(body);
        assert_eq!(ev.len(), 2, "{ev:?}");
        let ObjectEvent::Privilege {
            grant, on, roles, ..
        } = &ev[0]
        else {
            panic!("{ev:?}")
        };
        assert!(!grant);
        assert_eq!(roles, &vec!["public".to_string(), "anon".to_string()]);
        let Target::Functions(names) = on else {
            panic!("{on:?}")
        };
        let names: Vec<&str> = names.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(names, ["handle_new_user", "apply_trial"]);
        assert!(
            matches!(&ev[1], ObjectEvent::Privilege { roles, .. } if roles == &vec!["authenticated".to_string()])
        );
    }

    #[test]
    fn other_dynamic_sql_is_no_event() {
        // a template that is not DDL on functions, a bare variable, a table loop
        assert_eq!(
            events(
                "BEGIN EXECUTE format('SELECT count(*) FROM %I', t) INTO n; EXECUTE stmt; \
                 EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t); END"
            ),
            vec![]
        );
    }
}
