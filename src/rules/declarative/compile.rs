//! From a parsed rule file to a [`DeclarativeRule`], with errors that point into the YAML.

use std::collections::HashMap;

use regex::Regex;
use serde_saphyr::Spanned;
use tree_sitter::Query;

use super::format::{Constraint, Example, PatternDef, RuleFile};
use crate::error::FileError;
use crate::finding::{Confidence, Severity};
use crate::lang::{Lang, treesitter};
use crate::rules::RuleMeta;
use crate::source::SourceText;

pub type RuleLoadError = FileError;

/// A compiled declarative rule.
pub struct DeclarativeRule {
    pub meta: RuleMeta,
    pub message: String,
    pub(super) patterns: Vec<Pattern>,
    /// Where the rule came from (for messages).
    pub path: String,
    pub examples_valid: Vec<Example>,
    pub examples_invalid: Vec<Example>,
}

pub(super) struct Pattern {
    pub langs: Vec<Lang>,
    pub matcher: Matcher,
    pub message: Option<String>,
}

pub(super) enum Matcher {
    /// One compiled query per grammar, with its constraints and report capture resolved
    /// to capture indices.
    Query(HashMap<Lang, CompiledQuery>),
    Regex(Regex),
}

pub(super) struct CompiledQuery {
    pub query: Query,
    /// (capture index, must match, must not match)
    pub constraints: Vec<(u32, Option<Regex>, Option<Regex>)>,
    pub report: u32,
    /// The `must` constraints without their anchors: a file whose text matches none of
    /// one of them cannot hold a match, and its tree is not queried.
    pub prefilter: Vec<Regex>,
}

/// A constraint's regex without `^`/`$` anchors (flags such as `(?i)` kept), to search
/// a whole file for text a capture would need.
fn unanchored(r: &str) -> Option<Regex> {
    let (flags, body) = match r.strip_prefix("(?") {
        Some(rest) => {
            let end = rest.find(')')?;
            if rest[..end].contains(':') {
                ("", r)
            } else {
                (&r[..end + 3], &rest[end + 1..])
            }
        }
        None => ("", r),
    };
    let body = body.strip_prefix('^').unwrap_or(body);
    let body = if body.ends_with('$') && !body.ends_with("\\$") {
        &body[..body.len() - 1]
    } else {
        body
    };
    Regex::new(&format!("{flags}{body}")).ok()
}

const CODE: &str = "shipsafe::rule_file";

/// Compiles one rule file. `tier` is used when the file gives none.
pub fn compile(
    path: &str,
    yaml: &str,
    sibling_docs: Option<String>,
    default_tier: u8,
) -> Result<DeclarativeRule, Box<RuleLoadError>> {
    let file: RuleFile = serde_saphyr::from_str(yaml)
        .map_err(|e| Box::new(FileError::from_yaml(CODE, path, yaml, &e)))?;
    let src = SourceText::new(yaml.to_string());
    let err = |at: Option<&serde_saphyr::Location>, msg: String, label: &str| {
        Box::new(match at {
            Some(loc) => FileError::at_yaml(CODE, path, yaml, loc, msg, label),
            None => FileError::plain(CODE, path, msg),
        })
    };

    let id = file.id.value.clone();
    if !valid_id(&id) {
        return Err(err(
            Some(&file.id.defined),
            format!("rule id `{id}` is not of the form `category/slug` in kebab-case"),
            "this id",
        ));
    }
    let severity: Severity = file
        .severity
        .value
        .parse()
        .map_err(|m: String| err(Some(&file.severity.defined), m, "this severity"))?;
    let confidence = match &file.confidence {
        Some(c) => c
            .value
            .parse::<Confidence>()
            .map_err(|m| err(Some(&c.defined), m, "this confidence"))?,
        None => Confidence::High,
    };
    if file.patterns.is_empty() {
        return Err(err(
            Some(&file.id.defined),
            format!("rule `{id}` has no patterns"),
            "this rule",
        ));
    }

    let mut patterns = Vec::new();
    let mut all_langs: Vec<Lang> = Vec::new();
    for def in &file.patterns {
        let pattern = compile_pattern(def, &src, path, yaml)?;
        for l in &pattern.langs {
            if !all_langs.contains(l) {
                all_langs.push(*l);
            }
        }
        patterns.push(pattern);
    }
    all_langs.sort();

    let docs = match (file.docs, sibling_docs) {
        (Some(d), _) => d,
        (None, Some(d)) => d,
        (None, None) => {
            return Err(err(
                Some(&file.id.defined),
                format!(
                    "rule `{id}` has no docs: add a `docs:` field or a Markdown file beside it"
                ),
                "this rule",
            ));
        }
    };
    let examples = file.examples.unwrap_or_default();
    Ok(DeclarativeRule {
        meta: RuleMeta {
            id,
            title: file.title,
            severity,
            confidence,
            tier: file.tier.unwrap_or(default_tier),
            cwe: file.cwe,
            languages: all_langs,
            why: file.why,
            fix: file.fix,
            docs,
            skip: crate::finding::FileKinds {
                test: file.skip_tests,
                ..Default::default()
            },
        },
        message: file.message,
        patterns,
        path: path.to_string(),
        examples_valid: examples.valid,
        examples_invalid: examples.invalid,
    })
}

/// `category/slug`, lowercase kebab-case.
pub fn valid_id(id: &str) -> bool {
    let Some((cat, slug)) = id.split_once('/') else {
        return false;
    };
    let ok = |s: &str| {
        !s.is_empty()
            && !s.starts_with('-')
            && !s.ends_with('-')
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    ok(cat) && ok(slug)
}

fn compile_pattern(
    def: &PatternDef,
    src: &SourceText,
    path: &str,
    yaml: &str,
) -> Result<Pattern, Box<RuleLoadError>> {
    let at = |loc: &serde_saphyr::Location, msg: String, label: &str| {
        Box::new(FileError::at_yaml(CODE, path, yaml, loc, msg, label))
    };
    let mut langs = Vec::new();
    for name in &def.languages.value {
        let Some(ls) = Lang::parse_list_item(name) else {
            return Err(at(
                &def.languages.defined,
                format!("unknown language `{name}`"),
                "in this list",
            )
            .with_help(format!(
                "known languages: any, {}",
                Lang::ALL.map(Lang::name).join(", ")
            ))
            .into());
        };
        for l in ls {
            if !langs.contains(l) {
                langs.push(*l);
            }
        }
    }
    let matcher = match (&def.query, &def.regex) {
        (Some(_), Some(r)) => {
            return Err(at(
                &r.defined,
                "a pattern has either `query` or `regex`, not both".into(),
                "second matcher",
            ));
        }
        (None, Some(r)) => {
            if !def.constraints.is_empty() {
                return Err(at(
                    &r.defined,
                    "`where` constrains query captures; a regex pattern has none".into(),
                    "this regex",
                ));
            }
            // ASCII word boundaries keep the fast regex engines on non-ASCII text.
            let re = Regex::new(&r.value.replace(r"\b", r"(?-u:\b)")).map_err(|e| {
                at(
                    &r.defined,
                    format!("invalid regex: {}", first_line(&e.to_string())),
                    "this regex",
                )
            })?;
            Matcher::Regex(re)
        }
        (Some(q), None) => compile_query(def, q, &langs, src, path, yaml)?,
        (None, None) => {
            return Err(at(
                &def.languages.defined,
                "a pattern needs a `query` or a `regex`".into(),
                "this pattern",
            ));
        }
    };
    Ok(Pattern {
        langs,
        matcher,
        message: def.message.clone(),
    })
}

fn compile_query(
    def: &PatternDef,
    q: &Spanned<String>,
    langs: &[Lang],
    src: &SourceText,
    path: &str,
    yaml: &str,
) -> Result<Matcher, Box<RuleLoadError>> {
    let mut per_lang = HashMap::new();
    for &lang in langs {
        let Some(grammar) = treesitter::language(lang) else {
            return Err(Box::new(
                FileError::at_yaml(
                    CODE,
                    path,
                    yaml,
                    &def.languages.defined,
                    format!("tree-sitter queries are not available for {lang}"),
                    "in this list",
                )
                .with_help("use a `regex` pattern for this language"),
            ));
        };
        let query = Query::new(&grammar, &q.value).map_err(|e| {
            let (line, col) = query_position(src, &q.defined, e.row, e.column);
            Box::new(FileError::at_line(
                CODE,
                path,
                yaml,
                line,
                col,
                format!(
                    "invalid tree-sitter query for {lang}: {:?} error: {}",
                    e.kind,
                    first_line(&e.message)
                ),
                "here",
            ))
        })?;
        let names = query.capture_names();
        let index = |name: &str, loc: &serde_saphyr::Location| {
            names
                .iter()
                .position(|n| *n == name)
                .map(|i| i as u32)
                .ok_or_else(|| {
                    Box::new(
                        FileError::at_yaml(
                            CODE,
                            path,
                            yaml,
                            loc,
                            format!("the query has no capture `@{name}`"),
                            "this capture",
                        )
                        .with_help(format!("captures: {}", names.join(", "))),
                    )
                })
        };
        let mut constraints = Vec::new();
        for (name, c) in &def.constraints {
            let idx = index(name, &c.defined)?;
            let (re, not) = match &c.value {
                Constraint::Regex(r) => (Some(r.as_str()), None),
                Constraint::Full { regex, not } => (regex.as_deref(), not.as_deref()),
            };
            let compile = |r: &str| {
                Regex::new(r).map_err(|e| {
                    Box::new(FileError::at_yaml(
                        CODE,
                        path,
                        yaml,
                        &c.defined,
                        format!("invalid regex: {}", first_line(&e.to_string())),
                        "this constraint",
                    ))
                })
            };
            constraints.push((
                idx,
                re.map(compile).transpose()?,
                not.map(compile).transpose()?,
            ));
        }
        let report = match &def.report {
            Some(r) => index(&r.value, &r.defined)?,
            None if names.is_empty() => {
                return Err(Box::new(FileError::at_yaml(
                    CODE,
                    path,
                    yaml,
                    &q.defined,
                    "the query has no capture to report".to_string(),
                    "this query",
                )));
            }
            None => 0,
        };
        let prefilter = constraints
            .iter()
            .filter_map(|(_, must, _)| must.as_ref().and_then(|r| unanchored(r.as_str())))
            .collect();
        per_lang.insert(
            lang,
            CompiledQuery {
                query,
                constraints,
                report,
                prefilter,
            },
        );
    }
    Ok(Matcher::Query(per_lang))
}

/// The YAML line and column of a position inside a query string. Block scalars
/// (`query: |`) start on the next line at its indentation.
fn query_position(
    src: &SourceText,
    loc: &serde_saphyr::Location,
    row: usize,
    column: usize,
) -> (usize, usize) {
    let line = loc.line() as usize;
    let text = src.line(line.saturating_sub(1));
    let after = text
        .get((loc.column() as usize).saturating_sub(1)..)
        .unwrap_or("");
    if after.trim_start().starts_with(['|', '>']) {
        let body_line = line + 1 + row;
        let indent = {
            let l = src.line(line);
            l.len() - l.trim_start().len()
        };
        (body_line, indent + column + 1)
    } else {
        let quote = usize::from(after.starts_with(['"', '\'']));
        (line + row, loc.column() as usize + quote + column)
    }
}

fn first_line(s: &str) -> String {
    s.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or_default()
        .to_string()
}

#[cfg(test)]
mod prefilter_tests {
    use super::unanchored;

    #[test]
    fn anchors_go_flags_stay() {
        let r = unanchored("^(grant_type|grantType)$").expect("compiles");
        assert!(r.is_match("body: { grant_type: 'password' }"));
        let r = unanchored("(?i)^password$").expect("compiles");
        assert!(r.is_match("x = 'PASSWORD'"));
        assert!(!r.is_match("x = 'secret'"));
        // a non-capturing group with flags is part of the body
        let r = unanchored("(?:a|b)$").expect("compiles");
        assert!(r.is_match("zzb"));
    }
}
