//! A throwaway PostgreSQL cluster for one test run: `initdb` into a temporary folder, a
//! server on a Unix socket there (no TCP port), stopped when dropped. Started as the
//! `postgres` user when the tests run as root, since PostgreSQL refuses to run as root.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Cluster {
    bin: PathBuf,
    dir: tempfile::TempDir,
    as_postgres: bool,
}

/// Where PostgreSQL's server programs are: `SHIPSAFE_PG_BINDIR`, `pg_config --bindir`,
/// the newest `/usr/lib/postgresql/*/bin` (Debian), or `initdb` on the PATH.
fn bindir() -> PathBuf {
    if let Some(dir) = std::env::var_os("SHIPSAFE_PG_BINDIR") {
        return PathBuf::from(dir);
    }
    let has_initdb = |d: &Path| d.join("initdb").is_file();
    if let Ok(out) = Command::new("pg_config").arg("--bindir").output() {
        let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        if out.status.success() && has_initdb(&dir) {
            return dir;
        }
    }
    let mut debian: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|d| has_initdb(d))
        .collect();
    debian.sort_by_key(|d| {
        d.parent()
            .and_then(|v| v.file_name())
            .and_then(|v| v.to_str())
            .and_then(|v| v.parse::<u32>().ok())
            .unwrap_or(0)
    });
    if let Some(dir) = debian.pop() {
        return dir;
    }
    if let Some(path) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&path) {
            if has_initdb(&dir) {
                return dir;
            }
        }
    }
    panic!(
        "PostgreSQL's initdb was not found (SHIPSAFE_PG_BINDIR, pg_config, /usr/lib/postgresql/*/bin, PATH). \
         Install Debian's postgresql package: `apt-get install -y postgresql` (.ci/run does this)."
    );
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

fn check(what: &str, out: std::io::Result<Output>) -> Output {
    let out = out.unwrap_or_else(|e| panic!("{what}: could not run: {e}"));
    assert!(
        out.status.success(),
        "{what} failed ({}):\n{}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

impl Cluster {
    pub fn start() -> Cluster {
        let bin = bindir();
        let as_postgres = is_root();
        let dir = tempfile::Builder::new()
            .prefix("shipsafe-pg-")
            .tempdir()
            .expect("temporary folder for PostgreSQL");
        if as_postgres {
            check(
                "chown of the cluster folder to the postgres user",
                Command::new("chown")
                    .arg("postgres:")
                    .arg(dir.path())
                    .output(),
            );
        }
        let cluster = Cluster {
            bin,
            dir,
            as_postgres,
        };
        let data = cluster.dir.path().join("data");
        check(
            "initdb",
            cluster
                .server_command("initdb")
                .args([
                    "--auth=trust",
                    "--username=postgres",
                    "--encoding=UTF8",
                    "--no-sync",
                    "-D",
                ])
                .arg(&data)
                .output(),
        );
        let options = format!(
            "-k {} -c listen_addresses='' -c fsync=off -c full_page_writes=off",
            cluster.dir.path().display()
        );
        check(
            "pg_ctl start",
            cluster
                .server_command("pg_ctl")
                .arg("-D")
                .arg(&data)
                .args(["-o", &options, "-w", "-l"])
                .arg(cluster.dir.path().join("server.log"))
                .arg("start")
                .output(),
        );
        cluster
    }

    /// A server program, run as `postgres` when the tests run as root.
    fn server_command(&self, program: &str) -> Command {
        let path = self.bin.join(program);
        if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(path);
            c
        } else {
            Command::new(path)
        }
    }

    /// `psql` on a database of the cluster, quiet and with no `.psqlrc`.
    pub fn psql(&self, db: &str) -> Command {
        let psql = self.bin.join("psql");
        let mut c = Command::new(if psql.is_file() { psql } else { "psql".into() });
        c.arg("-h")
            .arg(self.dir.path())
            .args(["-U", "postgres", "-X", "-q", "-d", db]);
        c
    }

    /// Runs SQL, failing the test on any error.
    pub fn run(&self, db: &str, sql: &str) -> String {
        let out = check(
            &format!("psql on {db}"),
            self.psql(db)
                .args(["-v", "ON_ERROR_STOP=1", "-At", "-F", "\t", "-c", sql])
                .output(),
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Runs a file statement by statement, going on past errors: each error with the
    /// line psql names for it.
    pub fn run_file_collecting_errors(&self, db: &str, file: &Path) -> Vec<(usize, String)> {
        let out = self
            .psql(db)
            .args(["-v", "ON_ERROR_STOP=0", "-f"])
            .arg(file)
            .output()
            .unwrap_or_else(|e| panic!("psql -f {}: {e}", file.display()));
        let prefix = format!("psql:{}:", file.display());
        String::from_utf8_lossy(&out.stderr)
            .lines()
            .filter_map(|l| {
                let (head, error) = l.split_once("ERROR:")?;
                let line = head
                    .strip_prefix(&prefix)
                    .and_then(|r| r.trim_end_matches([':', ' ']).parse().ok())
                    .unwrap_or(0);
                Some((line, error.trim().to_string()))
            })
            .collect()
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = self
            .server_command("pg_ctl")
            .arg("-D")
            .arg(self.dir.path().join("data"))
            .args(["-m", "immediate", "stop"])
            .output();
    }
}
