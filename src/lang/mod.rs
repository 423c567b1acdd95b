//! Languages shipsafe reads, how a path maps to one, and parsing each file once.

pub mod comments;
pub mod grammar;
pub mod kv;
pub mod pattern;
pub mod rust;
pub mod sql;
pub mod supabase_config;
pub mod syntax;
pub mod treesitter;
pub mod words;

use std::fmt;
use std::path::Path;

/// Every kind of file shipsafe scans.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    TypeScript,
    Tsx,
    JavaScript,
    Python,
    Rust,
    Env,
    Sql,
    Prisma,
    Yaml,
    Toml,
    Json,
    Dockerfile,
    /// Documentation, scripts and data (`.md`, `.txt`, `.sh`, `.csv`, `.ini`, …): read
    /// only for credentials in known formats, as gitleaks reads every file.
    Text,
}

impl Lang {
    /// Every language: those of code and configuration, then text.
    pub const ALL: [Lang; 13] = {
        let mut all = [Lang::Text; 13];
        let mut i = 0;
        while i < Lang::SOURCES.len() {
            all[i] = Lang::SOURCES[i];
            i += 1;
        }
        all
    };

    /// The languages of code and configuration: what `any` means in a rule file. Text
    /// files are documentation and data, where code patterns are examples.
    pub const SOURCES: [Lang; 12] = [
        Lang::TypeScript,
        Lang::Tsx,
        Lang::JavaScript,
        Lang::Python,
        Lang::Rust,
        Lang::Env,
        Lang::Sql,
        Lang::Prisma,
        Lang::Yaml,
        Lang::Toml,
        Lang::Json,
        Lang::Dockerfile,
    ];

    /// The language of a path, from its name and extension.
    pub fn from_path(path: &Path) -> Option<Lang> {
        let name = path.file_name()?.to_str()?;
        let lower = name.to_ascii_lowercase();
        if lower == ".env" || lower.starts_with(".env.") || lower.ends_with(".env") {
            return Some(Lang::Env);
        }
        if lower == "dockerfile"
            || lower.starts_with("dockerfile.")
            || lower.ends_with(".dockerfile")
        {
            return Some(Lang::Dockerfile);
        }
        // the process lists of Heroku-style hosts and Replit
        if lower == "procfile" || lower == ".replit" {
            return Some(Lang::Text);
        }
        let ext = lower.rsplit_once('.').map(|(_, e)| e)?;
        Some(match ext {
            "ts" | "mts" | "cts" => Lang::TypeScript,
            "tsx" => Lang::Tsx,
            "js" | "jsx" | "mjs" | "cjs" => Lang::JavaScript,
            "py" | "pyi" => Lang::Python,
            "rs" => Lang::Rust,
            "sql" => Lang::Sql,
            "prisma" => Lang::Prisma,
            "yml" | "yaml" => Lang::Yaml,
            "toml" => Lang::Toml,
            "json" | "jsonc" => Lang::Json,
            "md" | "mdx" | "markdown" | "txt" | "rst" | "adoc" | "sh" | "bash" | "zsh" | "csv"
            | "tsv" | "ini" | "cfg" | "conf" | "properties" => Lang::Text,
            _ => return None,
        })
    }

    /// The name used in rule files, `shipsafe rules` and config.
    pub fn name(self) -> &'static str {
        match self {
            Lang::TypeScript => "typescript",
            Lang::Tsx => "tsx",
            Lang::JavaScript => "javascript",
            Lang::Python => "python",
            Lang::Rust => "rust",
            Lang::Env => "env",
            Lang::Sql => "sql",
            Lang::Prisma => "prisma",
            Lang::Yaml => "yaml",
            Lang::Toml => "toml",
            Lang::Json => "json",
            Lang::Dockerfile => "dockerfile",
            Lang::Text => "text",
        }
    }

    /// Languages named in a rule file. `typescript` includes TSX; `js` and `ts` are aliases.
    pub fn parse_list_item(name: &str) -> Option<&'static [Lang]> {
        Some(match name {
            "typescript" | "ts" => &[Lang::TypeScript, Lang::Tsx],
            "tsx" => &[Lang::Tsx],
            "javascript" | "js" | "jsx" => &[Lang::JavaScript],
            "python" | "py" => &[Lang::Python],
            "rust" | "rs" => &[Lang::Rust],
            "env" | "dotenv" => &[Lang::Env],
            "sql" => &[Lang::Sql],
            "prisma" => &[Lang::Prisma],
            "yaml" | "yml" => &[Lang::Yaml],
            "toml" => &[Lang::Toml],
            "json" => &[Lang::Json],
            "dockerfile" | "docker" => &[Lang::Dockerfile],
            "text" => &[Lang::Text],
            "any" | "all" => &Lang::SOURCES,
            _ => return None,
        })
    }

    /// TypeScript, TSX and JavaScript share one family of rules.
    pub fn is_js_family(self) -> bool {
        matches!(self, Lang::TypeScript | Lang::Tsx | Lang::JavaScript)
    }

    pub fn uses_tree_sitter(self) -> bool {
        self.is_js_family() || self == Lang::Python
    }

    /// Comment openers of the language, used for suppressions and fixture annotations.
    pub fn line_comment_markers(self) -> &'static [&'static str] {
        match self {
            Lang::TypeScript | Lang::Tsx | Lang::JavaScript | Lang::Rust | Lang::Prisma => {
                &["//", "/*"]
            }
            Lang::Json => &["//", "/*"],
            Lang::Python | Lang::Env | Lang::Yaml | Lang::Toml | Lang::Dockerfile => &["#"],
            Lang::Sql => &["--", "/*"],
            // shell and config comments, Markdown's HTML comments
            Lang::Text => &["#", "<!--"],
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A parsed syntax tree, one per file, shared read-only by every rule.
pub enum Syntax {
    TreeSitter(crate::lang::syntax::Tree),
    Rust(Box<syn::File>),
    /// Text formats (and files that failed to parse) have no tree; text rules still run.
    None,
}

/// The languages of a rule for people: `typescript, tsx, javascript` ->
/// `typescript/javascript`, and so on.
pub fn language_summary(langs: &[Lang]) -> String {
    let mut names: Vec<&str> = Vec::new();
    for l in langs {
        let n = match l {
            Lang::TypeScript | Lang::Tsx | Lang::JavaScript => "typescript/javascript",
            other => other.name(),
        };
        if !names.contains(&n) {
            names.push(n);
        }
    }
    names.join(", ")
}

/// `"use client"` / `"use server"` at the top of a module (after comments).
pub fn leading_directive(text: &str) -> Option<&'static str> {
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("//") {
            rest = r.split_once('\n').map_or("", |(_, b)| b);
        } else if let Some(r) = rest.strip_prefix("/*") {
            rest = r.split_once("*/").map_or("", |(_, b)| b);
        } else {
            break;
        }
    }
    for d in ["use client", "use server"] {
        for q in ['"', '\''] {
            if rest.starts_with(q) && rest[1..].starts_with(d) && rest[1 + d.len()..].starts_with(q)
            {
                return Some(d);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_languages_by_name() {
        let cases = [
            ("app/api/route.ts", Some(Lang::TypeScript)),
            ("x.cts", Some(Lang::TypeScript)),
            ("Page.tsx", Some(Lang::Tsx)),
            ("server.mjs", Some(Lang::JavaScript)),
            ("main.py", Some(Lang::Python)),
            ("lib.rs", Some(Lang::Rust)),
            (".env", Some(Lang::Env)),
            (".env.local", Some(Lang::Env)),
            ("prod.env", Some(Lang::Env)),
            ("Dockerfile", Some(Lang::Dockerfile)),
            ("schema.prisma", Some(Lang::Prisma)),
            ("README.md", Some(Lang::Text)),
            ("scripts/deploy.sh", Some(Lang::Text)),
            ("keys.csv", Some(Lang::Text)),
            ("LICENSE", None),
            ("Makefile", None),
        ];
        for (path, lang) in cases {
            assert_eq!(Lang::from_path(Path::new(path)), lang, "{path}");
        }
    }
}
