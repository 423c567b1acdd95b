//! `.shipsafe.yml`: what to scan and which rules to run. Unknown keys are errors with a
//! location.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::error::FileError;
use crate::finding::Severity;

/// The names shipsafe looks for at the scanned root (and the folders above it, up to the
/// repository root).
pub const FILE_NAMES: [&str; 2] = [".shipsafe.yml", ".shipsafe.yaml"];

/// Default size limit: files over it are skipped with a note.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 1024 * 1024;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Globs (gitignore style, relative to the config file's folder) of paths not to scan.
    #[serde(default)]
    pub exclude: Vec<String>,
    #[serde(default)]
    pub rules: RulesConfig,
    #[serde(default)]
    pub tenant: TenantConfig,
    /// A folder of the user's own declarative rules, relative to the config file.
    #[serde(default)]
    pub custom_rules: Option<Spanned<String>>,
    /// Files larger than this many bytes are skipped with a note (default 1 MiB).
    #[serde(default)]
    pub max_file_size: Option<u64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesConfig {
    /// Rule ids or prefixes (`auth/`) not to run.
    #[serde(default)]
    pub disable: Vec<Spanned<String>>,
    /// Severity overrides: rule id or prefix -> severity.
    #[serde(default)]
    pub severity: BTreeMap<String, Spanned<Severity>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TenantConfig {
    /// Extra tenant column names (beside org_id, tenant_id, workspace_id, …).
    #[serde(default)]
    pub columns: Vec<String>,
    /// Paths (globs) of admin code that is cross-tenant on purpose.
    #[serde(default)]
    pub cross_tenant: Vec<String>,
}

/// A loaded config and where it came from.
#[derive(Debug, Default)]
pub struct LoadedConfig {
    pub config: Config,
    /// The config file, if any.
    pub path: Option<PathBuf>,
    /// Its text, for errors that point into it after loading.
    pub text: String,
}

impl LoadedConfig {
    /// The folder the config's relative paths start from.
    pub fn base_dir(&self) -> Option<&Path> {
        self.path.as_deref().and_then(Path::parent)
    }
}

/// Reads and checks a config file.
/// A config larger than this is not read: it is not a config a person wrote.
pub const MAX_CONFIG_SIZE: u64 = 1024 * 1024;

/// More exclude globs than this make every path check slow; no repository needs them.
pub const MAX_EXCLUDES: usize = 1000;

pub fn load(path: &Path) -> Result<LoadedConfig, Box<FileError>> {
    let shown = path.display().to_string();
    if std::fs::metadata(path).is_ok_and(|m| m.len() > MAX_CONFIG_SIZE) {
        return Err(Box::new(FileError::plain(
            "shipsafe::config",
            &shown,
            format!("config file {shown} is larger than {MAX_CONFIG_SIZE} bytes: not read"),
        )));
    }
    let text = std::fs::read_to_string(path).map_err(|e| {
        Box::new(FileError::plain(
            "shipsafe::config",
            &shown,
            format!("cannot read config file {shown}: {e}"),
        ))
    })?;
    let config = parse(&shown, &text)?;
    Ok(LoadedConfig {
        config,
        path: Some(path.to_path_buf()),
        text,
    })
}

/// Reads and checks a config's text; `shown` names it in errors.
pub fn parse(shown: &str, text: &str) -> Result<Config, Box<FileError>> {
    let config: Config = if text.trim().is_empty() {
        Config::default()
    } else {
        serde_saphyr::from_str(text)
            .map_err(|e| Box::new(FileError::from_yaml("shipsafe::config", shown, text, &e)))?
    };
    let mut config = config;
    config.exclude.sort();
    config.exclude.dedup();
    if config.exclude.len() > MAX_EXCLUDES {
        return Err(Box::new(FileError::plain(
            "shipsafe::config",
            shown,
            format!(
                "{shown}: {} exclude globs, more than the {MAX_EXCLUDES} shipsafe accepts; use folder globs such as \"legacy/**\"",
                config.exclude.len()
            ),
        )));
    }
    Ok(config)
}

/// Finds the config for a scan: the first config file in `start` or a folder above it,
/// stopping at `root`.
pub fn find(start: &Path, root: &Path) -> Option<PathBuf> {
    let mut dir = Some(start);
    while let Some(d) = dir {
        for name in FILE_NAMES {
            let candidate = d.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
        if d == root {
            break;
        }
        dir = d.parent();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_are_errors_with_a_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(".shipsafe.yml");
        std::fs::write(&p, "exclude: [a]\nrules:\n  disabel: [x]\n").unwrap();
        let err = load(&p).unwrap_err();
        assert!(err.message.contains("disabel"), "{}", err.message);
        std::fs::write(&p, "rules:\n  severity:\n    auth/: urgent\n").unwrap();
        assert!(load(&p).is_err());
        std::fs::write(&p, "rules:\n  severity:\n    auth/: low\n").unwrap();
        let ok = load(&p).unwrap();
        assert_eq!(ok.config.rules.severity["auth/"].value, Severity::Low);
    }
}
