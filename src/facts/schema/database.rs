//! A Supabase database as its migrations leave it: functions, views and policies with
//! the statement that made each, and who may call or read them through the Data API.
//! Built from the [`ObjectEvent`]s of every migration, in order (see
//! `facts::schema::migrations::apply`).

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use crate::facts::schema::objects::{
    self, Columns, FunctionDecl, ObjectEvent, ObjectName, Target, TriggerDecl, ViewDecl, Writes,
};
use crate::facts::tenant::Policy;

/// The API roles a grant can reach: `PUBLIC` (every role), `anon` and `authenticated`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reach {
    pub public: bool,
    pub anon: bool,
    pub authenticated: bool,
}

impl Reach {
    /// Whether the Data API's roles hold the privilege: through `PUBLIC` or their own
    /// grant (Supabase's default privileges grant `anon` and `authenticated` directly, so
    /// `REVOKE … FROM PUBLIC` alone leaves them).
    pub fn exposed(&self) -> bool {
        self.public || self.anon || self.authenticated
    }

    /// The roles that hold it, for messages.
    pub fn roles(&self) -> String {
        let mut r = Vec::new();
        if self.public || self.anon {
            r.push("anon");
        }
        if self.public || self.authenticated {
            r.push("authenticated");
        }
        r.join(" and ")
    }

    fn set(&mut self, roles: &[String], to: bool) {
        for role in roles {
            match role.as_str() {
                "public" => self.public = to,
                "anon" => self.anon = to,
                "authenticated" => self.authenticated = to,
                _ => {}
            }
        }
    }
}

/// Where a declaration is: the file and the statement's byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declared {
    pub path: String,
    pub range: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct DbFunction {
    pub decl: FunctionDecl,
    /// The body as [`squash`] leaves it, for the rules to search.
    pub code: String,
    /// The `CREATE FUNCTION` that made the definition still in place.
    pub at: Declared,
    /// Who may `EXECUTE` it.
    pub execute: Reach,
}

#[derive(Debug, Clone)]
pub struct DbView {
    pub decl: ViewDecl,
    pub at: Declared,
    /// Who may `SELECT` from it.
    pub select: Reach,
}

/// A policy still in place, with its table and where it was created.
#[derive(Debug, Clone)]
pub struct DbPolicy {
    pub table: String,
    pub policy: Policy,
    pub at: Declared,
}

impl DbPolicy {
    /// See [`crate::facts::tenant::Policy::reaches`].
    pub fn reaches(&self, role: &str) -> bool {
        self.policy.reaches(role)
    }

    /// See [`crate::facts::tenant::Policy::reaches_api`].
    pub fn reaches_api(&self) -> bool {
        self.policy.reaches_api()
    }
}

/// A storage bucket as the migrations leave it.
#[derive(Debug, Clone)]
pub struct DbBucket {
    pub id: String,
    pub public: bool,
    /// The statements that made it public since it last was private (or that made it).
    pub at: Vec<Declared>,
}

/// A table as the migrations leave it.
#[derive(Debug, Clone, Default)]
pub struct DbTable {
    pub columns: Vec<String>,
    /// Its columns that reference a user (`user_id uuid references auth.users`).
    pub people: Vec<String>,
    /// A migration creates it (`CREATE TABLE`); otherwise the migrations only alter a
    /// table made elsewhere (the dashboard, a script outside the repository), and what
    /// they do not say about it is unknown.
    pub created: bool,
    /// Its columns as the migrations leave them (renames and drops followed), when they
    /// are known: a migration creates it with its columns written out, and every later
    /// statement that changes them was read. `None` otherwise.
    pub live_columns: Option<Vec<String>>,
    /// A table with no tenant column whose rows are part of a tenant's rows (see
    /// `migrations::tenant_owner`): how, as "whose rows belong to tenant-scoped `orders`
    /// through `order_id`".
    pub owned_by_tenant: Option<String>,
}

/// One write privilege of the `authenticated` role on a table: on the whole table, or
/// on some columns only (`REVOKE UPDATE ON t FROM authenticated; GRANT UPDATE (name) ON
/// t TO authenticated`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteGrant {
    pub table: bool,
    pub columns: Vec<String>,
}

impl Default for WriteGrant {
    /// Supabase grants every table's privileges to `anon` and `authenticated`.
    fn default() -> Self {
        WriteGrant {
            table: true,
            columns: Vec::new(),
        }
    }
}

impl WriteGrant {
    /// Whether the role may write this column. Revoking a column while the role holds
    /// the table-wide privilege takes nothing away (Postgres).
    pub fn covers(&self, column: &str) -> bool {
        self.table || self.columns.iter().any(|c| c == column)
    }

    fn set(&mut self, columns: &Columns, grant: bool) {
        match columns {
            Columns::Table => {
                self.table = grant;
                if !grant {
                    self.columns.clear();
                }
            }
            Columns::Only(cols) if grant => {
                for c in cols {
                    if !self.columns.contains(c) {
                        self.columns.push(c.clone());
                    }
                }
            }
            Columns::Only(cols) => self.columns.retain(|c| !cols.contains(c)),
        }
    }
}

/// What `authenticated` may `INSERT` and `UPDATE` on a table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableWrites {
    pub insert: WriteGrant,
    pub update: WriteGrant,
}

impl TableWrites {
    fn apply(&mut self, writes: &Writes, grant: bool) {
        if let Some(c) = &writes.insert {
            self.insert.set(c, grant);
        }
        if let Some(c) = &writes.update {
            self.update.set(c, grant);
        }
    }
}

/// One Supabase project's database (a migrations root), at the end of its migrations.
#[derive(Debug, Clone, Default)]
pub struct Database {
    pub root: String,
    pub functions: Vec<DbFunction>,
    /// Indices of [`Self::functions`] by name.
    by_name: BTreeMap<String, Vec<usize>>,
    pub views: Vec<DbView>,
    pub policies: Vec<DbPolicy>,
    /// Tables by name.
    pub tables: BTreeMap<String, DbTable>,
    /// What `authenticated` may write, by table name; a table not here has Supabase's
    /// default grants.
    writes: BTreeMap<String, TableWrites>,
    /// Who may read a table, by name, when a statement granted or revoked it.
    reads: BTreeMap<String, Reach>,
    /// Who may read a table no statement names, after `… ON ALL TABLES IN SCHEMA public`.
    all_reads: Option<Reach>,
    /// Triggers still in place.
    pub triggers: Vec<TriggerDecl>,
    /// Storage buckets made by SQL.
    pub buckets: Vec<DbBucket>,
    /// The schemas the project's Data API serves (`[api] schemas` in `config.toml`).
    served: Vec<String>,
    /// Schemas other than `public` whose `USAGE` is granted to the Data API's roles.
    usage: BTreeSet<String>,
    /// Tables a migration dropped and no later one created again.
    pub dropped: BTreeSet<String>,
}

impl Database {
    /// Whether the Data API serves a schema of the project's own: its tables and views
    /// at `/rest/v1/<name>`, its functions at `/rest/v1/rpc/<name>`. Supabase's own
    /// schemas (`storage`, `auth`, `graphql_public`, ...) are left out, as splinter does,
    /// and a schema other than `public` is reached only once `anon` or `authenticated`
    /// are granted its `USAGE` (Supabase's guide to serving a custom schema).
    pub fn serves(&self, schema: &str) -> bool {
        self.served.iter().any(|s| s == schema)
            && !SYSTEM_SCHEMAS.contains(&schema)
            && (schema == "public" || self.usage.contains(schema))
    }

    /// Whether the migrations leave a relation of this name in place: a table or a view
    /// of the project, or one of a schema Supabase or an extension owns (`auth.users`).
    /// `name` is as written in SQL, schema-qualified or not.
    pub fn has_relation(&self, name: &str) -> bool {
        let (schema, bare) = name.rsplit_once('.').unwrap_or(("", name));
        SYSTEM_SCHEMAS.contains(&schema)
            || bare.starts_with("pg_")
            || self.tables.contains_key(bare)
            || self.views.iter().any(|v| v.decl.name.name == bare)
    }

    /// Who may `SELECT` from a table (Supabase grants it to `anon` and `authenticated`
    /// unless a statement revoked it).
    pub fn table_select(&self, table: &str) -> Reach {
        self.reads
            .get(table)
            .copied()
            .or(self.all_reads)
            .unwrap_or(RELATION_DEFAULT)
    }

    /// What `authenticated` may insert and update on a table.
    pub fn writes(&self, table: &str) -> TableWrites {
        self.writes.get(table).cloned().unwrap_or_default()
    }

    /// The triggers on a table.
    pub fn triggers_on<'a>(&'a self, table: &'a str) -> impl Iterator<Item = &'a TriggerDecl> {
        self.triggers.iter().filter(move |t| t.table.name == table)
    }

    /// The function a call names (`public.is_admin(`, `is_admin(`), any overload.
    pub fn functions_named<'a>(
        &'a self,
        name: &str,
    ) -> impl Iterator<Item = &'a DbFunction> + use<'a> {
        self.by_name
            .get(name)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.functions.get(i))
    }
}

/// The database of one root while its migrations are applied.
#[derive(Debug, Default)]
pub struct Builder {
    functions: BTreeMap<(String, String, String), DbFunction>,
    views: BTreeMap<(String, String), DbView>,
    /// What a new function's `EXECUTE` and a new relation's `SELECT` start as.
    function_default: Option<Reach>,
    relation_default: Option<Reach>,
    /// Write privileges by table name, and those `ALL TABLES IN SCHEMA public` set.
    writes: BTreeMap<String, TableWrites>,
    all_writes: Option<TableWrites>,
    /// `SELECT` privileges of tables granted or revoked by name, and those `ALL TABLES
    /// IN SCHEMA public` set.
    reads: BTreeMap<String, Reach>,
    all_reads: Option<Reach>,
    triggers: BTreeMap<(String, String), TriggerDecl>,
    buckets: BTreeMap<String, DbBucket>,
    /// Schemas other than `public` whose `USAGE` is granted to the Data API's roles.
    usage: BTreeSet<String>,
}

/// Supabase's defaults: functions are executable by `PUBLIC` (Postgres) and by `anon`
/// and `authenticated` (Supabase's default privileges); tables and views are readable by
/// `anon` and `authenticated`.
const FUNCTION_DEFAULT: Reach = Reach {
    public: true,
    anon: true,
    authenticated: true,
};
const RELATION_DEFAULT: Reach = Reach {
    public: false,
    anon: true,
    authenticated: true,
};

fn key(n: &ObjectName) -> (String, String) {
    (n.schema.clone(), n.name.clone())
}

impl Builder {
    pub fn apply(&mut self, path: &str, range: &Range<usize>, ev: &ObjectEvent) {
        let at = || Declared {
            path: path.to_string(),
            range: range.clone(),
        };
        match ev {
            ObjectEvent::Function(decl) => {
                let k = (
                    decl.name.schema.clone(),
                    decl.name.name.clone(),
                    decl.name.args.clone().unwrap_or_default(),
                );
                // CREATE OR REPLACE keeps the privileges the function had
                let execute = self
                    .functions
                    .get(&k)
                    .map_or(self.function_default.unwrap_or(FUNCTION_DEFAULT), |f| {
                        f.execute
                    });
                self.functions.insert(
                    k,
                    DbFunction {
                        decl: decl.clone(),
                        code: squash(&decl.body),
                        at: at(),
                        execute,
                    },
                );
            }
            ObjectEvent::AlterFunction {
                on,
                search_path,
                definer,
            } => {
                for f in self.functions_on(on) {
                    if let Some(s) = search_path {
                        f.decl.search_path = *s;
                    }
                    if let Some(d) = definer {
                        f.decl.definer = *d;
                    }
                }
            }
            ObjectEvent::DropFunction(names) => {
                for n in names {
                    self.functions.retain(|(s, name, args), _| {
                        !(*s == n.schema
                            && *name == n.name
                            && n.args.as_ref().is_none_or(|a| a == args))
                    });
                }
            }
            ObjectEvent::View(decl) => {
                let select = self
                    .views
                    .get(&key(&decl.name))
                    .map_or(self.relation_default.unwrap_or(RELATION_DEFAULT), |v| {
                        v.select
                    });
                self.views.insert(
                    key(&decl.name),
                    DbView {
                        decl: decl.clone(),
                        at: at(),
                        select,
                    },
                );
            }
            ObjectEvent::AlterView {
                name,
                security_invoker,
            } => {
                if let Some(v) = self.views.get_mut(&key(name)) {
                    v.decl.security_invoker = *security_invoker;
                }
            }
            ObjectEvent::DropView(names) => {
                for n in names {
                    self.views.remove(&key(n));
                }
            }
            ObjectEvent::Privilege {
                grant,
                on,
                roles,
                writes,
                ..
            } if *writes != Writes::default() => {
                // `authenticated` holds a write through its own grant or `PUBLIC`'s;
                // `REVOKE … FROM PUBLIC` leaves its own
                let applies = roles
                    .iter()
                    .any(|r| r == "authenticated" || (*grant && r == "public"));
                if applies {
                    match on {
                        Target::Relations(names) => {
                            for n in names {
                                self.writes
                                    .entry(n.name.clone())
                                    .or_insert_with(|| self.all_writes.clone().unwrap_or_default())
                                    .apply(writes, *grant);
                            }
                        }
                        Target::AllTablesIn(schema) if schema == "public" => {
                            for w in self.writes.values_mut() {
                                w.apply(writes, *grant);
                            }
                            self.all_writes
                                .get_or_insert_with(TableWrites::default)
                                .apply(writes, *grant);
                        }
                        _ => {}
                    }
                }
                self.apply_reads(ev);
            }
            ObjectEvent::Privilege { .. } => self.apply_reads(ev),
            ObjectEvent::SchemaUsage {
                grant,
                schemas,
                roles,
            } => {
                if roles
                    .iter()
                    .any(|r| matches!(r.as_str(), "anon" | "authenticated" | "public"))
                {
                    for s in schemas {
                        if *grant {
                            self.usage.insert(s.clone());
                        } else {
                            self.usage.remove(s);
                        }
                    }
                }
            }
            ObjectEvent::Trigger(t) => {
                self.triggers
                    .insert((t.table.name.clone(), t.name.clone()), t.clone());
            }
            ObjectEvent::DropTrigger { name, table } => {
                self.triggers.remove(&(table.name.clone(), name.clone()));
            }
            ObjectEvent::Buckets { set, keep_existing } => {
                for (id, public) in set {
                    match self.buckets.get_mut(id) {
                        Some(_) if *keep_existing => {}
                        // each statement that makes it public again is reported
                        Some(b) if b.public && *public => b.at.push(at()),
                        Some(b) => {
                            b.public = *public;
                            b.at = vec![at()];
                        }
                        None => {
                            self.buckets.insert(
                                id.clone(),
                                DbBucket {
                                    id: id.clone(),
                                    public: *public,
                                    at: vec![at()],
                                },
                            );
                        }
                    }
                }
            }
            ObjectEvent::DropBuckets(ids) => {
                for id in ids {
                    self.buckets.remove(id);
                }
            }
            ObjectEvent::DefaultPrivilege {
                grant,
                functions,
                roles,
            } => {
                let (slot, base) = if *functions {
                    (&mut self.function_default, FUNCTION_DEFAULT)
                } else {
                    (&mut self.relation_default, RELATION_DEFAULT)
                };
                let mut reach = slot.unwrap_or(base);
                reach.set(roles, *grant);
                *slot = Some(reach);
            }
        }
    }

    /// A `GRANT` or `REVOKE` of `EXECUTE` on functions or `SELECT` on views.
    fn apply_reads(&mut self, ev: &ObjectEvent) {
        let ObjectEvent::Privilege {
            grant,
            on,
            roles,
            reads: true,
            ..
        } = ev
        else {
            return;
        };
        match on {
            Target::Functions(_) | Target::FunctionsIn { .. } => {
                for f in self.functions_on(on) {
                    f.execute.set(roles, *grant);
                }
            }
            Target::Relations(names) => {
                for n in names {
                    if let Some(v) = self.views.get_mut(&key(n)) {
                        v.select.set(roles, *grant);
                    } else if n.schema == "public" {
                        let start = self
                            .all_reads
                            .or(self.relation_default)
                            .unwrap_or(RELATION_DEFAULT);
                        self.reads
                            .entry(n.name.clone())
                            .or_insert(start)
                            .set(roles, *grant);
                    }
                }
            }
            Target::AllTablesIn(schema) => {
                for v in self.views.values_mut() {
                    if v.decl.name.schema == *schema {
                        v.select.set(roles, *grant);
                    }
                }
                if schema == "public" {
                    for r in self.reads.values_mut() {
                        r.set(roles, *grant);
                    }
                    self.all_reads
                        .get_or_insert(RELATION_DEFAULT)
                        .set(roles, *grant);
                }
            }
        }
    }

    /// The functions a target designates: for a name, the overload with those argument
    /// types, or every overload when the statement gives none; every function of a
    /// schema. Relations designate none.
    fn functions_on<'a>(&'a mut self, on: &'a Target) -> impl Iterator<Item = &'a mut DbFunction> {
        self.functions
            .iter_mut()
            .filter(move |((s, name, args), _)| match on {
                Target::Functions(names) => names.iter().any(|n| {
                    *s == n.schema && *name == n.name && n.args.as_ref().is_none_or(|a| a == args)
                }),
                Target::FunctionsIn {
                    schema,
                    like,
                    not_like,
                } => {
                    s == schema
                        && like.iter().all(|p| objects::like(name, p))
                        && !not_like.iter().any(|p| objects::like(name, p))
                }
                Target::Relations(_) | Target::AllTablesIn(_) => false,
            })
            .map(|(_, f)| f)
    }

    pub fn finish(
        self,
        root: String,
        policies: Vec<DbPolicy>,
        tables: BTreeMap<String, DbTable>,
        served: Vec<String>,
        dropped: BTreeSet<String>,
    ) -> Database {
        let functions: Vec<DbFunction> = self.functions.into_values().collect();
        let mut by_name: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, f) in functions.iter().enumerate() {
            by_name.entry(f.decl.name.name.clone()).or_default().push(i);
        }
        Database {
            root,
            functions,
            by_name,
            views: self.views.into_values().collect(),
            policies,
            tables,
            writes: self.writes,
            reads: self.reads,
            all_reads: self.all_reads,
            triggers: self.triggers.into_values().collect(),
            buckets: self.buckets.into_values().collect(),
            served,
            usage: self.usage,
            dropped,
        }
    }
}

/// Schemas Supabase and Postgres extensions own, whose objects are not the app's.
const SYSTEM_SCHEMAS: &[&str] = &[
    "auth",
    "storage",
    "graphql",
    "graphql_public",
    "realtime",
    "extensions",
    "vault",
    "pgsodium",
    "pgsodium_masks",
    "net",
    "cron",
    "pgbouncer",
    "supabase_functions",
    "supabase_migrations",
    "information_schema",
    "pg_catalog",
];

/// SQL text as the rules search it: lowercased, identifier quotes removed, every run of
/// whitespace one space, and `--` comments dropped.
pub fn squash(sql: &str) -> String {
    sql.lines()
        .map(|l| l.split_once("--").map_or(l, |(code, _)| code))
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('"', "")
        .to_ascii_lowercase()
}
