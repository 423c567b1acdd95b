//! Project-wide facts, gathered once before any rule runs and shared read-only by every
//! file's rule run: which folders are browser apps, which Supabase edge functions skip
//! the gateway's JWT check. Later issues add the data model here.

pub mod client;
pub mod edge;
pub mod schema;

pub mod tenant;
pub mod webhooks;

use std::collections::{BTreeMap, BTreeSet};

pub use client::FileFacts;
pub use tenant::DataModel;

/// Facts about the whole project.
#[derive(Debug, Default, Clone)]
pub struct ProjectFacts {
    /// Folders (relative POSIX paths, "" for the root) holding a `vite.config.*` and an
    /// `index.html`: their `src/` is a browser bundle.
    pub vite_roots: BTreeSet<String>,
    /// Supabase edge functions whose `supabase/config.toml` sets `verify_jwt = false` or
    /// that a deploy script ships with `--no-verify-jwt`, as (functions folder, function
    /// name); the name `*` stands for every function of the folder.
    pub unverified_edge_functions: BTreeSet<(String, String)>,
    /// Supabase edge functions that machines call: scheduled in `config.toml`, or
    /// called by the database (see [`edge::database_invoked`]), by name.
    pub scheduled_edge_functions: BTreeSet<String>,
    /// Models, tenant columns and row level security.
    pub data: DataModel,
    /// Each Supabase project's functions, views and policies at the end of its migrations.
    pub databases: Vec<schema::database::Database>,
    /// Extra tenant column names from `.shipsafe.yml`.
    pub tenant_columns: Vec<String>,
    /// Functions of the edge functions' shared modules that check the caller.
    pub edge_guards: BTreeSet<String>,
    /// Functions anywhere in the repository that verify a webhook signature.
    pub webhook_verifiers: BTreeSet<String>,
    /// Python views and view classes registered on a webhook path (Django `urls.py`,
    /// Flask `add_url_rule`), handlers wherever they are defined.
    pub webhook_routes: BTreeSet<String>,
    /// Folders of the projects that use Supabase ("" for the root, else with a trailing
    /// `/`): a `supabase/` folder, or `@supabase/…` in `package.json`, `supabase` in
    /// `requirements.txt` or `pyproject.toml`.
    pub supabase_projects: Vec<String>,
    /// The schemas each Supabase project's Data API serves, when its `config.toml` sets
    /// `[api] schemas` (by project folder, as in [`Self::supabase_projects`]).
    pub api_schemas: BTreeMap<String, Vec<String>>,
    /// Globs of cross-tenant admin code (`tenant.cross_tenant` in `.shipsafe.yml`).
    pub cross_tenant: Option<globset::GlobSet>,
    /// Python modules a production server runs (`gunicorn main:app` in a `Procfile`,
    /// `railway.toml`, `.replit`, a `Dockerfile` or a start script), as the paths of
    /// their files (`main.py`, `app/main.py`): their `if __name__ == "__main__":` block
    /// is the local development entry, never run in production.
    pub served_modules: BTreeSet<String>,
}

/// Files that say how a Python app is started in production.
fn server_commands(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    matches!(
        lower.as_str(),
        "procfile"
            | ".replit"
            | "railway.toml"
            | "railway.json"
            | "nixpacks.toml"
            | "fly.toml"
            | "render.yaml"
            | "app.yaml"
            | "docker-compose.yml"
            | "docker-compose.yaml"
            | "compose.yml"
            | "compose.yaml"
    ) || lower == "dockerfile"
        || lower.starts_with("dockerfile.")
        || lower.ends_with(".sh")
}

/// The modules a WSGI/ASGI server command runs: `gunicorn --bind … main:app`,
/// `uvicorn app.main:app`, `["gunicorn", "main:app"]`, as file paths under `dir`.
fn served_modules(dir: &str, text: &str) -> Vec<String> {
    use std::sync::LazyLock;
    static SERVER: LazyLock<regex::Regex> = LazyLock::new(|| {
        crate::lang::pattern::regex(
            r#"\b(?:gunicorn|uvicorn|hypercorn|waitress-serve|daphne|granian)\b[^\n]*"#,
        )
        .expect("regex compiles")
    });
    static TARGET: LazyLock<regex::Regex> = LazyLock::new(|| {
        crate::lang::pattern::regex(
            r#"(?:^|[\s"',\[])([A-Za-z_][\w.]*):[A-Za-z_]\w*(?:\(\))?(?:$|[\s"',\]])"#,
        )
        .expect("regex compiles")
    });
    let mut out = Vec::new();
    for line in SERVER.find_iter(text) {
        for c in TARGET.captures_iter(line.as_str()) {
            let module = c[1].replace('.', "/");
            out.push(if dir.is_empty() {
                format!("{module}.py")
            } else {
                format!("{dir}/{module}.py")
            });
        }
    }
    out
}

/// Shell scripts and docs, which may hold the commands that deploy the edge functions.
fn deploy_notes(name: &str) -> bool {
    [".sh", ".bash", ".md"].iter().any(|e| name.ends_with(e))
}

/// A config file the facts pass reads: its relative path and its text.
pub struct ConfigFile<'a> {
    pub path: &'a str,
    pub text: &'a str,
}

impl ProjectFacts {
    /// Whether a path is admin code the config marks as cross-tenant on purpose.
    pub fn is_cross_tenant(&self, path: &str) -> bool {
        self.cross_tenant.as_ref().is_some_and(|g| g.is_match(path))
    }

    /// Paths whose contents the facts pass needs: small config files, and the shell
    /// scripts and docs that may deploy edge functions with `--no-verify-jwt`.
    pub fn wants(path: &str) -> bool {
        let name = path.rsplit('/').next().unwrap_or(path);
        path == "supabase/config.toml"
            || path.ends_with("/supabase/config.toml")
            || matches!(name, "package.json" | "requirements.txt" | "pyproject.toml")
            || ((path.starts_with(".github/workflows/") || path.contains("/.github/workflows/"))
                && (name.ends_with(".yml") || name.ends_with(".yaml")))
            || deploy_notes(name)
            || server_commands(name)
    }

    /// Gathers facts from the list of all scanned paths and the text of the config files
    /// [`ProjectFacts::wants`].
    pub fn gather<'a>(paths: impl Iterator<Item = &'a str>, configs: &[ConfigFile<'_>]) -> Self {
        let mut facts = ProjectFacts::default();
        let mut supabase = BTreeSet::new();
        let folder = |dir: &str| {
            if dir.is_empty() {
                String::new()
            } else {
                format!("{dir}/")
            }
        };
        // the folders holding edge functions (`supabase/functions/`, `apps/api/supabase/functions/`)
        let mut function_folders = BTreeSet::new();
        for path in paths {
            let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
            if name.starts_with("vite.config.") {
                facts.vite_roots.insert(dir.to_string());
            }
            if let Some(at) = format!("/{path}").find("/supabase/functions/") {
                function_folders.insert(format!("{}supabase/functions/", &path[..at]));
            }
            if let Some(at) = format!("/{path}").find("/supabase/migrations/") {
                supabase.insert(path[..at].to_string());
            }
        }
        for cfg in configs {
            let (dir, name) = cfg.path.rsplit_once('/').unwrap_or(("", cfg.path));
            if server_commands(name) {
                facts.served_modules.extend(served_modules(dir, cfg.text));
            }
            let uses = match name {
                "package.json" => cfg.text.contains("\"@supabase/"),
                "requirements.txt" | "pyproject.toml" => cfg.text.lines().any(|l| {
                    l.trim_start()
                        .trim_start_matches('"')
                        .starts_with("supabase")
                }),
                _ => false,
            };
            if uses {
                supabase.insert(folder(dir));
            }
            // deploy scripts: a package.json deploys from its folder, a workflow from the
            // repository's root (the folder holding `.github`), a shell script or the
            // docs the functions of the nearest project above them
            let deploy_root = match name {
                "package.json" => Some(folder(dir)),
                _ if deploy_notes(name) => {
                    let nearest = function_folders
                        .iter()
                        .filter(|f| {
                            let root = &f[..f.len() - "supabase/functions/".len()];
                            format!("{dir}/").starts_with(root)
                        })
                        .max_by_key(|f| f.len());
                    nearest.map(|f| f[..f.len() - "supabase/functions/".len()].to_string())
                }
                _ => format!("/{dir}/")
                    .find("/.github/workflows/")
                    .map(|at| folder(&dir[..at.saturating_sub(1)])),
            };
            if let Some(root) = deploy_root {
                for name in
                    crate::lang::supabase_config::functions_deployed_without_jwt_check(cfg.text)
                {
                    facts
                        .unverified_edge_functions
                        .insert((format!("{root}supabase/functions/"), name));
                }
                continue;
            }
            if deploy_notes(name) {
                continue;
            }
            if name != "config.toml" {
                continue;
            }
            if dir == "supabase" || dir.ends_with("/supabase") {
                let project = dir[..dir.len() - "supabase".len()].to_string();
                if let Some(schemas) = crate::lang::supabase_config::api_schemas(cfg.text) {
                    facts.api_schemas.insert(project.clone(), schemas);
                }
                supabase.insert(project);
            }
            let base = cfg
                .path
                .strip_suffix("config.toml")
                .unwrap_or("supabase/")
                .to_string();
            for name in crate::lang::supabase_config::functions_without_jwt_check(cfg.text) {
                facts
                    .unverified_edge_functions
                    .insert((format!("{base}functions/"), name));
            }
            facts
                .scheduled_edge_functions
                .extend(crate::lang::supabase_config::scheduled_functions(cfg.text));
        }
        facts.supabase_projects = supabase.into_iter().collect();
        facts
    }
}

#[cfg(test)]
mod served_tests {
    use super::served_modules;

    #[test]
    fn server_commands_name_the_modules_they_run() {
        assert_eq!(
            served_modules(
                "",
                "web: gunicorn --bind 0.0.0.0:$PORT --workers 2 --preload main:app"
            ),
            ["main.py"]
        );
        assert_eq!(
            served_modules(
                "api",
                r#"run = ["gunicorn", "--bind", "0.0.0.0:5000", "app.wsgi:application"]"#
            ),
            ["api/app/wsgi.py"]
        );
        assert_eq!(
            served_modules("", "CMD uvicorn app.main:app --host 0.0.0.0"),
            ["app/main.py"]
        );
        // the bind address and a Python call are not modules
        assert!(served_modules("", "gunicorn --bind 0.0.0.0:8000").is_empty());
        assert!(served_modules("", "python main.py").is_empty());
    }
}
