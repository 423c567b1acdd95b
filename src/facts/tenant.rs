//! The data model: which models and tables are tenant-scoped, by which column, and what
//! Supabase row level security protects them. Gathered once from every place a schema
//! lives (see [`super::schema`]) and shared read-only by the rules.

use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Where a model was declared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Origin {
    Prisma,
    Drizzle,
    SqlAlchemy,
    Django,
    Mongoose,
    Sequelize,
    TypeOrm,
    Diesel,
    SeaOrm,
    Sql,
}

/// A model's tenant column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tenant {
    /// The name code filters by: `orgId` (Prisma, Drizzle), `org_id`, `organization`
    /// (a Django foreign key).
    pub field: String,
    /// The database column: `org_id`, `organization_id`.
    pub column: String,
    /// A relation field that reaches the tenant (`organization` beside `organizationId`).
    pub relation: Option<String>,
}

impl Tenant {
    /// Whether a filter key names the tenant: the field, the column, the relation, or
    /// for Django the `field_id` / `field__…` lookups.
    pub fn matches_key(&self, key: &str) -> bool {
        let k = key.trim_matches(['"', '\'']);
        k == self.field
            || k == self.column
            || self.relation.as_deref() == Some(k)
            // the relation's own key by Prisma's naming (`organizationId` beside
            // `organization Organization @relation(fields: [orgId], …)`)
            || self
                .relation
                .as_deref()
                .is_some_and(|r| k == format!("{r}Id") || k == format!("{r}_id"))
            || k == format!("{}_id", self.field)
            || k.strip_prefix(&self.field)
                .is_some_and(|r| r.starts_with("__"))
            || self
                .relation
                .as_deref()
                .is_some_and(|r| k.strip_prefix(r).is_some_and(|x| x.starts_with("__")))
    }
}

/// A model or table.
#[derive(Debug, Clone)]
pub struct Model {
    /// As declared: `Project`, `projects`.
    pub name: String,
    /// The database table, lowercased.
    pub table: String,
    pub origin: Origin,
    pub path: String,
    pub tenant: Option<Tenant>,
    /// Fields that tie a row to one user (`userId`, `owner_id`, `user` foreign key).
    pub user_fields: Vec<String>,
    /// For Prisma: relation fields and the model they point at.
    pub relations: Vec<(String, String)>,
    /// Fields that grant power: `role`, `isAdmin`, `is_superuser`, `plan`, `permissions`.
    pub privileged: Vec<String>,
}

/// Whether a field or column grants power to the row's user: a role, an admin flag, a
/// plan or permissions.
pub fn is_privileged_field(name: &str) -> bool {
    let n: String = name
        .chars()
        .filter(|c| *c != '_')
        .collect::<String>()
        .to_ascii_lowercase();
    matches!(
        n.as_str(),
        "role"
            | "roles"
            | "isadmin"
            | "admin"
            | "issuperuser"
            | "superuser"
            | "isstaff"
            | "issuperadmin"
            | "plan"
            | "tier"
            | "permissions"
            | "scopes"
            | "usertype"
            | "accounttype"
    )
}

impl Model {
    /// A model from its (field, column) pairs: the tenant and user fields are found by
    /// name (defaults plus the config's extra tenant columns).
    pub fn from_fields(
        path: &str,
        name: String,
        table: String,
        origin: Origin,
        fields: &[(String, String)],
        extra: &[String],
    ) -> Model {
        Model {
            name,
            table: table.to_ascii_lowercase(),
            origin,
            path: path.to_string(),
            tenant: fields
                .iter()
                .find(|(f, c)| is_tenant_column(f, extra) || is_tenant_column(c, extra))
                .map(|(f, c)| Tenant {
                    field: f.clone(),
                    column: c.clone(),
                    relation: None,
                }),
            user_fields: fields
                .iter()
                .filter(|(f, _)| is_user_field(f))
                .map(|(f, _)| f.clone())
                .collect(),
            relations: Vec::new(),
            privileged: fields
                .iter()
                .filter(|(f, c)| is_privileged_field(f) || is_privileged_field(c))
                .map(|(f, _)| f.clone())
                .collect(),
        }
    }
}

/// Supabase row level security of one table, at the end of the migrations.
#[derive(Debug, Clone, Default)]
pub struct Rls {
    pub enabled: bool,
    pub policies: Vec<Policy>,
}

/// One `CREATE POLICY` still in force.
#[derive(Debug, Clone)]
pub struct Policy {
    pub name: String,
    /// `TO` roles, lowercased; empty for every role.
    pub to: Vec<String>,
    /// `FOR ALL`, `FOR SELECT` ...: the statements it governs.
    pub command: PolicyCommand,
    /// `USING` and `WITH CHECK`, as SQL text without identifier quotes.
    pub cond: String,
    /// `USING (true)` or `WITH CHECK (true)`: every row.
    pub allows_all: bool,
    /// Every row to any signed-in user too: `USING (auth.role() = 'authenticated')`,
    /// `USING (auth.uid() IS NOT NULL)`.
    pub any_user: bool,
}

/// The `FOR` clause of a policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolicyCommand {
    All,
    Insert,
    Only(Access),
}

/// What a query does to the rows it touches (creates are out of the tenant rules' scope).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Update,
    Delete,
}

impl Policy {
    /// Whether the policy applies to `role`: it names the role or `public`, or names
    /// none (every role).
    pub fn reaches(&self, role: &str) -> bool {
        self.to.is_empty() || self.to.iter().any(|r| r == role || r == "public")
    }

    /// Whether the Data API's callers (`anon`, `authenticated`) are among those it
    /// applies to: a policy for `service_role` alone lets none through, one that names
    /// it beside them lets them through too.
    pub fn reaches_api(&self) -> bool {
        self.reaches("anon") || self.reaches("authenticated")
    }

    /// Governs `access` for a role other than `service_role` (which bypasses RLS anyway).
    fn governs(&self, access: Access) -> bool {
        let statement = match self.command {
            PolicyCommand::All => true,
            PolicyCommand::Insert => false,
            PolicyCommand::Only(a) => a == access,
        };
        statement && !(self.to.len() == 1 && self.to[0] == "service_role")
    }
}

impl Rls {
    /// A policy shows every row to signed-in or anonymous users for `access`
    /// (`FOR SELECT TO authenticated USING (true)`): the table's rows are not
    /// tenant-private for it, on purpose or not; `tenant/rls-disabled` judges the policy.
    pub fn open_to_users(&self, access: Access) -> bool {
        self.enabled
            && self
                .policies
                .iter()
                .any(|p| (p.allows_all || p.any_user) && p.governs(access) && p.reaches_api())
    }

    /// RLS is on and keeps a non-service-role client from other tenants' rows for
    /// `access`: no policy governing it lets every row through to every user (permissive
    /// policies combine with OR). What the others allow is the database's decision (the
    /// caller's organization, an admin function, a published flag); with none, RLS
    /// refuses every row.
    pub fn enforces(&self, access: Access) -> bool {
        self.enabled
            && !self
                .policies
                .iter()
                .any(|p| p.governs(access) && (p.allows_all || p.any_user))
    }
}

/// A problem the migrations show, reported by `tenant/rls-disabled`.
#[derive(Debug, Clone)]
pub struct RlsIssue {
    pub path: String,
    pub range: std::ops::Range<usize>,
    pub message: String,
}

/// Everything known about the project's data.
#[derive(Debug, Clone, Default)]
pub struct DataModel {
    pub models: Vec<Model>,
    /// (migrations root, table) -> row level security (Supabase migrations only).
    pub rls: BTreeMap<(String, String), Rls>,
    pub rls_issues: Vec<RlsIssue>,
    /// What the scan should tell about the data model: (path, line, message).
    pub notes: Vec<(String, Option<usize>, String)>,
    /// Paths of cross-tenant admin code (config `tenant.cross_tenant`).
    pub cross_tenant: BTreeSet<String>,
    /// The models by name, accessor and table, built on first lookup: rules look a
    /// model up for every query node, and a monorepo holds thousands.
    lookup: Lookup,
}

/// Indices of [`DataModel::models`] by the keys rules look models up by.
#[derive(Clone, Default)]
struct Lookup(std::sync::OnceLock<Keys>);

#[derive(Clone, Default)]
struct Keys {
    /// By name (class, variable or entity name).
    name: HashMap<String, Vec<usize>>,
    /// By Prisma client accessor (`project` for `Project`).
    accessor: HashMap<String, Vec<usize>>,
    /// By database table name.
    table: HashMap<String, Vec<usize>>,
    /// The tenant columns' stems, lowercased: `restaurant` for `restaurant_id`.
    tenant_stems: std::collections::HashSet<String>,
    /// The roots of the migrations that set a table's row level security, by table, in
    /// the order of `DataModel::rls`.
    rls_roots: HashMap<String, Vec<String>>,
}

impl std::fmt::Debug for Lookup {
    /// Nothing: derived from the models (and the cache key prints the data model).
    fn fmt(&self, _: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        Ok(())
    }
}

impl DataModel {
    fn keys(&self) -> &Keys {
        self.lookup.0.get_or_init(|| {
            let mut k = Keys::default();
            for (i, m) in self.models.iter().enumerate() {
                k.name.entry(m.name.clone()).or_default().push(i);
                k.accessor.entry(lower_first(&m.name)).or_default().push(i);
                k.table.entry(m.table.clone()).or_default().push(i);
                if let Some(t) = &m.tenant {
                    let column = t.column.to_ascii_lowercase();
                    let stem = column.strip_suffix("_id").unwrap_or(&column);
                    k.tenant_stems.insert(stem.to_string());
                }
            }
            for (root, table) in self.rls.keys() {
                k.rls_roots
                    .entry(table.clone())
                    .or_default()
                    .push(root.clone());
            }
            k
        })
    }

    /// Whether a table is a tenant itself: the table a model's tenant column names
    /// (`companies` for `company_id`, `restaurants` for `restaurant_id`, `organizations`
    /// for `org_id`). Its id is the tenant id. An `organizations` table no tenant column
    /// points at holds records (a firm's clients), not tenants.
    pub fn is_tenant_table(&self, table: &str) -> bool {
        const ORG: &[&str] = &["org", "organization", "organisation"];
        let one = singular(&table.to_ascii_lowercase());
        let stems = &self.keys().tenant_stems;
        stems.contains(&one)
            || (ORG.contains(&one.as_str()) && ORG.iter().any(|o| stems.contains(*o)))
    }

    /// The model matching `pred` among those at the given indices, declared closest to
    /// `near` (the querying file): in a monorepo two apps may both have a `Project`.
    fn find_in(
        &self,
        at: Option<&Vec<usize>>,
        near: &str,
        pred: impl Fn(&Model) -> bool,
    ) -> Option<&Model> {
        let at = at?;
        Self::closest(
            at.iter().map(|&i| &self.models[i]).filter(|m| pred(m)),
            near,
        )
    }

    fn closest<'m>(models: impl Iterator<Item = &'m Model>, near: &str) -> Option<&'m Model> {
        models.max_by_key(|m| {
            (
                shared_dirs(&m.path, near),
                m.tenant.is_some(),
                std::cmp::Reverse(m.path.len()),
            )
        })
    }

    /// A Prisma model by client accessor: `prisma.project` -> model `Project`.
    pub fn prisma(&self, near: &str, accessor: &str) -> Option<&Model> {
        self.find_in(self.keys().accessor.get(accessor), near, |m| {
            m.origin == Origin::Prisma
        })
    }

    /// A Drizzle table by its variable name.
    pub fn drizzle(&self, near: &str, var: &str) -> Option<&Model> {
        self.find_in(self.keys().name.get(var), near, |m| {
            m.origin == Origin::Drizzle
        })
    }

    /// An ORM class (SQLAlchemy, SQLModel, Django) by name.
    pub fn class(&self, near: &str, name: &str) -> Option<&Model> {
        self.find_in(self.keys().name.get(name), near, |m| {
            matches!(m.origin, Origin::SqlAlchemy | Origin::Django)
        })
    }

    /// The row level security of a table, from the migrations nearest `near`.
    pub fn rls(&self, near: &str, table: &str) -> Option<&Rls> {
        let root = self
            .keys()
            .rls_roots
            .get(table)?
            .iter()
            .max_by_key(|root| shared_dirs(root, near))?;
        self.rls.get(&(root.clone(), table.to_string()))
    }

    /// A Mongoose, Sequelize or TypeORM model by its class or variable name.
    pub fn node_model(&self, near: &str, name: &str) -> Option<&Model> {
        self.find_in(self.keys().name.get(name), near, |m| {
            matches!(
                m.origin,
                Origin::Mongoose | Origin::Sequelize | Origin::TypeOrm
            )
        })
    }

    /// A diesel table or sea-orm entity module by name.
    pub fn rust_model(&self, near: &str, name: &str) -> Option<&Model> {
        self.find_in(self.keys().name.get(name), near, |m| {
            matches!(m.origin, Origin::Diesel | Origin::SeaOrm)
        })
    }

    /// A table by its database name, from any source.
    pub fn table(&self, near: &str, table: &str) -> Option<&Model> {
        let t = table.to_ascii_lowercase();
        self.find_in(self.keys().table.get(&t), near, |_| true)
    }
}

/// How many leading folders two paths share.
fn shared_dirs(a: &str, b: &str) -> usize {
    a.split('/')
        .zip(b.split('/'))
        .take_while(|(x, y)| x == y)
        .count()
}

/// The singular of an English table name: `companies` -> `company`, `orgs` -> `org`.
pub fn singular(name: &str) -> String {
    name.strip_suffix("ies").map_or_else(
        || name.strip_suffix('s').unwrap_or(name).to_string(),
        |s| format!("{s}y"),
    )
}

pub fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// Default tenant column names, compared without case and separators.
const TENANT_COLUMNS: &[&str] = &[
    "orgid",
    "organizationid",
    "organisationid",
    "tenantid",
    "workspaceid",
    "teamid",
    "accountid",
];

/// Models a Django foreign key or Prisma relation can point at to make a tenant.
pub const TENANT_MODELS: &[&str] = &[
    "organization",
    "organisation",
    "org",
    "tenant",
    "workspace",
    "team",
    "account",
];

/// Whether a column name is a tenant column (defaults plus the config's extras).
pub fn is_tenant_column(name: &str, extra: &[String]) -> bool {
    let s: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    TENANT_COLUMNS.contains(&s.as_str())
        || extra.iter().any(|e| {
            e.chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .map(|c| c.to_ascii_lowercase())
                .collect::<String>()
                == s
        })
}

/// Whether a field ties rows to a single user.
pub fn is_user_field(name: &str) -> bool {
    let s: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    matches!(
        s.as_str(),
        "userid"
            | "ownerid"
            | "authorid"
            | "createdbyid"
            | "createdby"
            | "profileid"
            | "memberid"
            | "user"
            | "owner"
            | "author"
            | "uploadedby"
            | "uploadedbyid"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A Prisma model is found by its client accessor (`prisma.apiKey` for `ApiKey`),
    /// and only by it; the nearest declaration wins in a monorepo.
    #[test]
    fn prisma_accessors() {
        let model = |name: &str, path: &str| Model {
            name: name.into(),
            table: name.to_ascii_lowercase(),
            origin: Origin::Prisma,
            path: path.into(),
            tenant: None,
            user_fields: vec![],
            relations: vec![],
            privileged: vec![],
        };
        let data = DataModel {
            models: vec![
                model("Project", "a/schema.prisma"),
                model("ApiKey", "a/schema.prisma"),
                model("user", "a/schema.prisma"),
                model("Éclair", "a/schema.prisma"),
                model("Project", "b/schema.prisma"),
            ],
            ..Default::default()
        };
        let found = |acc: &str| data.prisma("a/x.ts", acc).map(|m| m.name.as_str());
        assert_eq!(found("project"), Some("Project"));
        assert_eq!(found("apiKey"), Some("ApiKey"));
        assert_eq!(found("user"), Some("user"));
        assert_eq!(found("éclair"), Some("Éclair"));
        for miss in ["Project", "projects", "proj", ""] {
            assert_eq!(found(miss), None, "{miss}");
        }
        let near_b = data
            .prisma("b/api/route.ts", "project")
            .map(|m| m.path.as_str());
        assert_eq!(near_b, Some("b/schema.prisma"));
    }

    /// The tenant table is the one a tenant column names; `organizations` only when some
    /// model is scoped by an org column.
    #[test]
    fn tenant_tables_are_named_by_tenant_columns() {
        let with = |column: &str| DataModel {
            models: vec![Model::from_fields(
                "supabase/migrations/1.sql",
                "orders".into(),
                "orders".into(),
                Origin::Sql,
                &[("id".into(), "id".into()), (column.into(), column.into())],
                &[column.to_string()],
            )],
            ..Default::default()
        };
        let restaurants = with("restaurant_id");
        assert!(restaurants.is_tenant_table("restaurants"));
        assert!(!restaurants.is_tenant_table("restaurant_staff"));
        assert!(!restaurants.is_tenant_table("organizations"));
        let companies = with("company_id");
        assert!(companies.is_tenant_table("companies"));
        let orgs = with("org_id");
        assert!(orgs.is_tenant_table("organizations") && orgs.is_tenant_table("orgs"));
        assert!(!DataModel::default().is_tenant_table("organizations"));
    }

    #[test]
    fn tenant_names() {
        for n in [
            "org_id",
            "orgId",
            "organizationId",
            "tenant_id",
            "workspaceId",
            "team_id",
            "account_id",
        ] {
            assert!(is_tenant_column(n, &[]), "{n}");
        }
        assert!(!is_tenant_column("company_id", &[]));
        assert!(is_tenant_column("company_id", &["companyId".into()]));
        let t = Tenant {
            field: "organization".into(),
            column: "organization_id".into(),
            relation: None,
        };
        assert!(
            t.matches_key("organization")
                && t.matches_key("organization_id")
                && t.matches_key("organization__slug")
        );
        assert!(!t.matches_key("org"));
    }
}
