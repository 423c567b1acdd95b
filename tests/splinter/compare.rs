//! One app compared: its migrations applied to PostgreSQL and linted by splinter, and its
//! migrations scanned by shipsafe, each side's findings named by the object they are on.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use regex::Regex;
use shipsafe::engine::{ScanOptions, scan};

use crate::postgres::Cluster;

/// Splinter's lints that shipsafe also decides from the migrations, each with its view,
/// and the shipsafe rule that says the same. `function_search_path_mutable` is compared
/// on SECURITY DEFINER functions only: splinter warns about every function, shipsafe
/// reports the definer ones, the only ones a caller's `search_path` can turn against the
/// database (an invoker function runs with the caller's own rights).
pub const LINTS: &[(&str, &str, &str)] = &[
    (
        "rls_disabled_in_public",
        "0013_rls_disabled_in_public",
        "tenant/rls-disabled",
    ),
    (
        "policy_exists_rls_disabled",
        "0007_policy_exists_rls_disabled",
        "tenant/rls-disabled",
    ),
    (
        "security_definer_view",
        "0010_security_definer_view",
        "supabase/security-definer-view",
    ),
    (
        "auth_users_exposed",
        "0002_auth_users_exposed",
        "supabase/auth-users-exposed",
    ),
    (
        "function_search_path_mutable",
        "0011_function_search_path_mutable",
        "supabase/function-search-path",
    ),
    (
        "rls_references_user_metadata",
        "0015_rls_references_user_metadata",
        "supabase/user-metadata-in-policy",
    ),
];

#[derive(Debug)]
pub struct Disagreement {
    pub lint: String,
    /// `schema.table`, `schema.function`, or `schema.table/policy name`.
    pub object: String,
    /// Who reports it: `splinter` or `shipsafe`.
    pub side: &'static str,
    /// Whether the object is in the database at all: one that a refused statement
    /// should have made is shipsafe's to judge alone.
    pub in_database: bool,
    /// Whether a statement PostgreSQL refused names the object (a `create or replace`
    /// that would have fixed it, an `enable row level security` in a failed `do` block):
    /// the database then differs from what the migrations say.
    pub refused_statement_names_it: bool,
    /// A view splinter reports that reads only PostgreSQL's own catalogs and statistics
    /// views: shipsafe leaves such views out by design (no row level security to
    /// bypass; the statistics functions filter by the reading role).
    pub reads_only_catalogs: bool,
}

#[derive(Debug, Default)]
pub struct Comparison {
    /// (lint, object) both report.
    pub agreed: Vec<(String, String)>,
    pub disagreements: Vec<Disagreement>,
    /// Statements PostgreSQL refused: `file: error`.
    pub failed_statements: Vec<String>,
    /// The text of each refused statement, lowercased.
    refused_texts: Vec<String>,
}

pub fn splinter_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/splinter")
}

/// The folder holding `supabase/migrations` in an app: the app itself, or a folder up to
/// three levels down (a monorepo's `apps/web`).
pub fn supabase_root(app: &Path) -> Option<PathBuf> {
    let mut todo = vec![(app.to_path_buf(), 0)];
    while let Some((dir, depth)) = todo.pop() {
        if dir.join("supabase/migrations").is_dir() {
            return Some(dir);
        }
        if depth < 3 {
            let mut subs: Vec<PathBuf> = std::fs::read_dir(&dir)
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.path())
                .filter(|p| {
                    p.is_dir()
                        && p.file_name()
                            .and_then(|n| n.to_str())
                            .is_some_and(|n| !n.starts_with('.') && n != "node_modules")
                })
                .collect();
            subs.sort();
            subs.reverse();
            todo.extend(subs.into_iter().map(|p| (p, depth + 1)));
        }
    }
    None
}

/// The schemas PostgREST serves: `[api] schemas` in `supabase/config.toml`, else
/// Supabase's default.
fn exposed_schemas(root: &Path) -> String {
    static SCHEMAS: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?m)^\s*schemas\s*=\s*\[([^\]]*)\]").expect("regex"));
    let toml = std::fs::read_to_string(root.join("supabase/config.toml")).unwrap_or_default();
    let api = toml
        .split("\n[")
        .find(|s| s.trim_start_matches('[').starts_with("api]"))
        .unwrap_or("");
    match SCHEMAS.captures(api) {
        Some(c) => c[1]
            .split(',')
            .map(|s| s.trim().trim_matches('"').trim_matches('\''))
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(","),
        None => "public,graphql_public".to_string(),
    }
}

/// `public.x` for `x`, `"Public"."X"` -> `public.x`.
fn qualified(name: &str) -> String {
    let name = name.replace('"', "").to_lowercase();
    if name.contains('.') {
        name
    } else {
        format!("public.{name}")
    }
}

/// What a shipsafe finding is on, from the statement it points at.
fn object_of(rule: &str, statement: &str) -> Option<String> {
    static TABLE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?is)^\s*(?:create\s+(?:unlogged\s+)?table\s+(?:if\s+not\s+exists\s+)?|alter\s+table\s+(?:if\s+exists\s+)?(?:only\s+)?)([\w."]+)"#)
            .expect("regex")
    });
    static VIEW: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?is)^\s*(?:create\s+(?:or\s+replace\s+)?(?:materialized\s+)?view\s+(?:if\s+not\s+exists\s+)?|alter\s+(?:materialized\s+)?view\s+(?:if\s+exists\s+)?)([\w."]+)"#)
            .expect("regex")
    });
    static FUNCTION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r#"(?is)^\s*(?:create\s+(?:or\s+replace\s+)?(?:function|procedure)|alter\s+(?:function|procedure))\s+([\w."]+)"#,
        )
        .expect("regex")
    });
    static POLICY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?is)^\s*create\s+policy\s+("(?:[^"]|"")+"|\w+)\s+on\s+([\w."]+)"#)
            .expect("regex")
    });
    match rule {
        "tenant/rls-disabled" => {
            // a `using (true)` policy is a finding of its own, not a table without RLS
            let c = TABLE.captures(statement)?;
            Some(qualified(&c[1]))
        }
        "supabase/security-definer-view" | "supabase/auth-users-exposed" => {
            VIEW.captures(statement).map(|c| qualified(&c[1]))
        }
        "supabase/function-search-path" => FUNCTION.captures(statement).map(|c| qualified(&c[1])),
        "supabase/user-metadata-in-policy" => POLICY.captures(statement).map(|c| {
            let policy = c[1].trim_matches('"').replace("\"\"", "\"");
            format!("{}/{policy}", qualified(&c[2]))
        }),
        _ => None,
    }
}

fn database_name(app: &str) -> String {
    let clean: String = app
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    format!("app_{clean}")
}

/// Splinter's findings for one lint, named like shipsafe's.
fn splinter_findings(cluster: &Cluster, db: &str, lint: &str, view: &str) -> BTreeSet<String> {
    // splinter's search_path lint covers every function; shipsafe's rule the SECURITY
    // DEFINER ones, where a caller's search_path runs code with the owner's rights
    let only_definer = if lint == "function_search_path_mutable" {
        " where exists (select from pg_proc p join pg_namespace n on n.oid = p.pronamespace \
           where p.prosecdef and l.cache_key = format('function_search_path_mutable_%s_%s_%s', \
           n.nspname, p.proname, md5(p.prosrc)))"
    } else {
        ""
    };
    let rows = cluster.run(
        db,
        &format!(
            "select l.metadata->>'schema', l.metadata->>'name', l.cache_key from lint.\"{view}\" l{only_definer}"
        ),
    );
    rows.lines()
        .filter_map(|row| {
            let mut cols = row.split('\t');
            let (schema, name, key) = (cols.next()?, cols.next()?, cols.next()?);
            let object = format!("{}.{}", schema.to_lowercase(), name.to_lowercase());
            Some(if lint == "rls_references_user_metadata" {
                // the cache key ends with the policy's name
                let policy = key
                    .strip_prefix(&format!("{lint}_{schema}_{name}_"))
                    .unwrap_or(key);
                format!("{object}/{policy}")
            } else {
                object
            })
        })
        .collect()
}

/// shipsafe's findings for each rule, named by object.
fn shipsafe_findings(root: &Path) -> Vec<(String, String)> {
    let report = scan(&ScanOptions {
        paths: vec![root.to_path_buf()],
        only_rules: LINTS.iter().map(|l| l.2.to_string()).collect(),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("scan of {}: {e:?}", root.display()));
    let mut out = Vec::new();
    for f in &report.findings {
        let Ok(text) = std::fs::read_to_string(report.root.join(&f.path)) else {
            continue;
        };
        let start = text
            .lines()
            .take(f.span.start_line.saturating_sub(1))
            .map(|l| l.len() + 1)
            .sum::<usize>();
        let statement = &text[start.min(text.len())..];
        // comments end at the line's end; a statement at its `;`
        let statement: String = statement
            .lines()
            .map(|l| l.split("--").next().unwrap_or(""))
            .collect::<Vec<_>>()
            .join("\n");
        let statement = statement.split(';').next().unwrap_or("");
        if let Some(object) = object_of(&f.rule_id, statement) {
            out.push((f.rule_id.clone(), object));
        }
    }
    out
}

/// Whether a refused statement names the object (its bare name, as a word).
fn names_it(refused: &[String], object: &str) -> bool {
    let name = object.split('/').next().unwrap_or(object);
    let bare = name.rsplit('.').next().unwrap_or(name);
    refused.iter().any(|t| {
        t.match_indices(bare).any(|(i, _)| {
            let before = t[..i].chars().next_back();
            let after = t[i + bare.len()..].chars().next();
            !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
        })
    })
}

/// Whether a view reads only relations of `pg_catalog` and `information_schema`.
fn reads_only_catalogs(cluster: &Cluster, db: &str, object: &str) -> bool {
    let name = object.replace('\'', "''");
    let (schema, bare) = name.split_once('.').unwrap_or(("public", &name));
    let found = cluster.run(
        db,
        &format!(
            "select exists (select from pg_class v join pg_namespace vn on vn.oid = v.relnamespace \
               where vn.nspname = '{schema}' and v.relname = '{bare}' and v.relkind = 'v') \
             and not exists (select from pg_depend d join pg_rewrite r on r.oid = d.objid \
               join pg_class v on v.oid = r.ev_class join pg_namespace vn on vn.oid = v.relnamespace \
               join pg_class t on t.oid = d.refobjid join pg_namespace tn on tn.oid = t.relnamespace \
               where d.classid = 'pg_rewrite'::regclass and d.refclassid = 'pg_class'::regclass \
                 and vn.nspname = '{schema}' and v.relname = '{bare}' and t.oid <> v.oid \
                 and tn.nspname not in ('pg_catalog', 'information_schema'))"
        ),
    );
    found.trim() == "t"
}

/// Whether a table, view or function (`schema.name`, or `schema.table/policy`) exists.
fn in_database(cluster: &Cluster, db: &str, object: &str) -> bool {
    let name = object
        .split('/')
        .next()
        .unwrap_or(object)
        .replace('\'', "''");
    let (schema, bare) = name.split_once('.').unwrap_or(("public", &name));
    let found = cluster.run(
        db,
        &format!(
            "select exists (select from pg_class c join pg_namespace n on n.oid = c.relnamespace \
               where n.nspname = '{schema}' and c.relname = '{bare}') \
             or exists (select from pg_proc p join pg_namespace n on n.oid = p.pronamespace \
               where n.nspname = '{schema}' and p.proname = '{bare}')"
        ),
    );
    found.trim() == "t"
}

pub fn compare_app(cluster: &Cluster, app: &Path, name: &str) -> Comparison {
    let mut result = Comparison::default();
    let Some(root) = supabase_root(app) else {
        panic!("{}: no supabase/migrations folder", app.display());
    };
    let db = database_name(name);
    cluster.run("postgres", &format!("drop database if exists {db}"));
    cluster.run("postgres", &format!("create database {db}"));
    let scaffolding = splinter_dir().join("supabase-scaffolding.sql");
    let errors = cluster.run_file_collecting_errors(&db, &scaffolding);
    assert!(errors.is_empty(), "scaffolding: {errors:?}");
    let mut migrations: Vec<PathBuf> = std::fs::read_dir(root.join("supabase/migrations"))
        .expect("migrations folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .collect();
    migrations.sort();
    for m in &migrations {
        let file = m.file_name().and_then(|n| n.to_str()).unwrap_or("?");
        let errors = cluster.run_file_collecting_errors(&db, m);
        if errors.is_empty() {
            continue;
        }
        let text = std::fs::read_to_string(m).unwrap_or_default();
        let statements = shipsafe::lang::sql::split(&text);
        for (line, error) in errors {
            result
                .failed_statements
                .push(format!("{file}:{line}: {error}"));
            let at: usize = text
                .lines()
                .take(line.saturating_sub(1))
                .map(|l| l.len() + 1)
                .sum();
            if let Some(s) = statements
                .iter()
                .find(|s| s.range.start <= at && at <= s.range.end + 1)
            {
                result.refused_texts.push(s.text.to_lowercase());
            }
        }
    }
    cluster.run(
        "postgres",
        &format!(
            "alter database {db} set pgrst.db_schemas = '{}'",
            exposed_schemas(&root)
        ),
    );
    cluster.run(&db, "create schema lint");
    for (_, view, _) in LINTS {
        let file = splinter_dir().join(format!("{view}.sql"));
        let errors = cluster.run_file_collecting_errors(&db, &file);
        assert!(errors.is_empty(), "splinter's {view}: {errors:?}");
    }
    let ours = shipsafe_findings(&root);
    for (lint, view, rule) in LINTS {
        let theirs = splinter_findings(cluster, &db, lint, view);
        let mine: BTreeSet<String> = ours
            .iter()
            .filter(|(r, _)| r == rule)
            .map(|(_, o)| o.clone())
            .collect();
        for o in theirs.intersection(&mine) {
            result.agreed.push((lint.to_string(), o.clone()));
        }
        for o in theirs.difference(&mine) {
            result.disagreements.push(Disagreement {
                lint: lint.to_string(),
                object: o.clone(),
                side: "splinter",
                in_database: true,
                refused_statement_names_it: names_it(&result.refused_texts, o),
                reads_only_catalogs: *lint == "security_definer_view"
                    && reads_only_catalogs(cluster, &db, o),
            });
        }
        // shipsafe reports a table without RLS once, whether or not it has policies:
        // splinter's policy_exists_rls_disabled is the part of it that has some
        if *lint == "policy_exists_rls_disabled" {
            continue;
        }
        for o in mine.difference(&theirs) {
            result.disagreements.push(Disagreement {
                lint: lint.to_string(),
                object: o.clone(),
                side: "shipsafe",
                in_database: in_database(cluster, &db, o),
                refused_statement_names_it: names_it(&result.refused_texts, o),
                reads_only_catalogs: false,
            });
        }
    }
    cluster.run("postgres", &format!("drop database {db}"));
    result
}
