//! From a parsed rule file to a [`DeclarativeRule`], with errors that point into the YAML.

use std::collections::HashMap;

use regex::Regex;
use serde_saphyr::Spanned;
use tree_sitter::Query;

use super::format::{Constraint, Example, PatternDef, RuleFile};
use crate::error::FileError;
use crate::finding::{Confidence, Severity};
use crate::lang::{Lang, grammar};
use crate::rules::RuleMeta;
use crate::source::SourceText;

pub type RuleLoadError = FileError;

/// A compiled declarative rule.
pub struct DeclarativeRule {
    pub meta: RuleMeta,
    pub message: String,
    pub(super) patterns: Vec<Pattern>,
    /// The rule's query patterns, one compiled query per grammar.
    pub(super) queries: HashMap<Lang, CompiledQuery>,
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
    /// A query: compiled into the rule's one query per grammar
    /// ([`DeclarativeRule::queries`]).
    Query,
    /// A regex, with the text its every match contains.
    Regex(crate::lang::pattern::Gated),
}

/// All query patterns of one rule for one grammar, compiled as one tree-sitter query:
/// building a query analyses the whole grammar, a fixed cost per query that dominated
/// a scan's start-up when each pattern had its own.
pub(super) struct CompiledQuery {
    pub query: Query,
    /// For each of the query's tree-sitter patterns, the rule pattern it came from (an
    /// index into `parts`).
    pub part_of: Vec<usize>,
    /// One per rule pattern with a query, in the rule's order (absent for this grammar
    /// when the pattern does not list it).
    pub parts: Vec<Option<QueryPart>>,
}

pub(super) struct QueryPart {
    /// (capture index, must match, must not match)
    pub constraints: Vec<(u32, Option<Regex>, Option<Regex>)>,
    pub report: u32,
    /// The `must` constraints without their anchors: a file whose text matches none of
    /// one of them cannot hold a match of this part.
    pub prefilter: Vec<Regex>,
    pub message: Option<String>,
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
    crate::lang::pattern::regex(&format!("{flags}{body}")).ok()
}

const CODE: &str = "shipsafe::rule_file";

/// Compiles one rule file. `tier` is used when the file gives none.
pub fn compile(
    path: &str,
    yaml: &str,
    sibling_docs: Option<String>,
    default_tier: u8,
) -> Result<DeclarativeRule, Box<RuleLoadError>> {
    compile_for(path, yaml, sibling_docs, default_tier, None)
}

/// [`compile`], with the queries built only for `grammars` when given: the rule then
/// matches nothing in files of other languages.
pub fn compile_for(
    path: &str,
    yaml: &str,
    sibling_docs: Option<String>,
    default_tier: u8,
    grammars: Option<&[Lang]>,
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
        let pattern = compile_pattern(def, path, yaml)?;
        for l in &pattern.langs {
            if !all_langs.contains(l) {
                all_langs.push(*l);
            }
        }
        patterns.push(pattern);
    }
    all_langs.sort();
    let queries = compile_queries(&file.patterns, &patterns, grammars, &src, path, yaml)?;

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
        queries,
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
            let re = crate::lang::pattern::Gated::new(&r.value).map_err(|e| {
                at(
                    &r.defined,
                    format!("invalid regex: {}", first_line(&e.to_string())),
                    "this regex",
                )
            })?;
            Matcher::Regex(re)
        }
        (Some(_), None) => {
            if let Some(&lang) = langs.iter().find(|l| grammar::language(**l).is_none()) {
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
            }
            Matcher::Query
        }
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

/// The rule's query patterns, one query per grammar: the patterns that list a grammar
/// are joined into one query text, and each tree-sitter pattern of the result is mapped
/// back to the rule pattern it came from.
fn compile_queries(
    defs: &[PatternDef],
    patterns: &[Pattern],
    grammars: Option<&[Lang]>,
    src: &SourceText,
    path: &str,
    yaml: &str,
) -> Result<HashMap<Lang, CompiledQuery>, Box<RuleLoadError>> {
    let mut langs: Vec<Lang> = Vec::new();
    for p in patterns {
        if matches!(p.matcher, Matcher::Query) {
            for l in &p.langs {
                if !langs.contains(l) && grammars.is_none_or(|g| g.contains(l)) {
                    langs.push(*l);
                }
            }
        }
    }
    let mut out = HashMap::new();
    for lang in langs {
        let Some(grammar) = grammar::language(lang) else {
            continue;
        };
        // (rule pattern, its query) for the patterns that list this grammar
        let mine: Vec<(usize, &Spanned<String>)> = defs
            .iter()
            .zip(patterns)
            .enumerate()
            .filter(|(_, (_, p))| matches!(p.matcher, Matcher::Query) && p.langs.contains(&lang))
            .filter_map(|(i, (d, _))| Some((i, d.query.as_ref()?)))
            .collect();
        let mut text = String::new();
        let mut starts = Vec::new();
        for (_, q) in &mine {
            starts.push(text.len());
            text.push_str(&q.value);
            text.push('\n');
        }
        let query = match Query::new(&grammar, &text) {
            Ok(q) => q,
            Err(joined) => {
                // name the pattern at fault, at its own line of the YAML
                for (_, q) in &mine {
                    if let Err(e) = Query::new(&grammar, &q.value) {
                        return Err(query_error(q, &e, lang, src, path, yaml));
                    }
                }
                return Err(Box::new(FileError::plain(
                    CODE,
                    path,
                    format!(
                        "the queries for {lang} do not compile together: {}",
                        first_line(&joined.message)
                    ),
                )));
            }
        };
        let part_of = (0..query.pattern_count())
            .map(|p| {
                let at = query.start_byte_for_pattern(p);
                mine[starts.partition_point(|s| *s <= at).saturating_sub(1)].0
            })
            .collect();
        let mut parts: Vec<Option<QueryPart>> = (0..defs.len()).map(|_| None).collect();
        for (i, q) in &mine {
            parts[*i] = Some(query_part(&defs[*i], q, &query, path, yaml)?);
        }
        out.insert(
            lang,
            CompiledQuery {
                query,
                part_of,
                parts,
            },
        );
    }
    Ok(out)
}

fn query_error(
    q: &Spanned<String>,
    e: &tree_sitter::QueryError,
    lang: Lang,
    src: &SourceText,
    path: &str,
    yaml: &str,
) -> Box<RuleLoadError> {
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
}

/// One rule pattern's constraints and report capture, as capture indices of the joined
/// query.
fn query_part(
    def: &PatternDef,
    q: &Spanned<String>,
    query: &Query,
    path: &str,
    yaml: &str,
) -> Result<QueryPart, Box<RuleLoadError>> {
    let names = query.capture_names();
    // the captures this pattern's own text names, in the order it first names them
    let mut own: Vec<(usize, &str)> = names
        .iter()
        .filter_map(|n| Some((first_mention(&q.value, n)?, *n)))
        .collect();
    own.sort();
    let own: Vec<&str> = own.into_iter().map(|(_, n)| n).collect();
    let index = |name: &str, loc: &serde_saphyr::Location| {
        names
            .iter()
            .position(|n| *n == name && own.contains(n))
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
                    .with_help(format!("captures: {}", own.join(", "))),
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
            crate::lang::pattern::regex(r).map_err(|e| {
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
        None => match own.first() {
            Some(first) => index(first, &q.defined)?,
            None => {
                return Err(Box::new(FileError::at_yaml(
                    CODE,
                    path,
                    yaml,
                    &q.defined,
                    "the query has no capture to report".to_string(),
                    "this query",
                )));
            }
        },
    };
    let prefilter = constraints
        .iter()
        .filter_map(|(_, must, _)| must.as_ref().and_then(|r| unanchored(r.as_str())))
        .collect();
    Ok(QueryPart {
        constraints,
        report,
        prefilter,
        message: def.message.clone(),
    })
}

/// Where a query text first names capture `@name` (not a longer name that starts with
/// it).
fn first_mention(query: &str, name: &str) -> Option<usize> {
    let needle = format!("@{name}");
    query
        .match_indices(&needle)
        .find(|(i, _)| {
            query[i + needle.len()..]
                .chars()
                .next()
                .is_none_or(|c| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '.')))
        })
        .map(|(i, _)| i)
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
    use super::{Matcher, unanchored};

    /// Every text a built-in regex pattern matches holds the text it requires: over
    /// every file of the fixtures and every example of the rules, which between them
    /// match most patterns.
    #[test]
    fn a_regex_matches_only_where_its_required_text_is() {
        let rules = super::super::embedded_rules().expect("embedded rules load");
        let mut texts: Vec<String> = crate::lang::syntax::testdata_files()
            .into_iter()
            .map(|(_, text)| text)
            .collect();
        for r in &rules {
            texts.extend(r.examples_invalid.iter().map(|e| e.code.clone()));
        }
        let (mut with_text, mut matched) = (0, 0);
        for r in &rules {
            for p in &r.patterns {
                let Matcher::Regex(gated) = &p.matcher else {
                    continue;
                };
                let (re, Some(needs)) = (gated.regex(), gated.required()) else {
                    continue;
                };
                with_text += 1;
                matched += usize::from(texts.iter().any(|t| re.is_match(t)));
                for t in &texts {
                    assert!(
                        !re.is_match(t) || needs.is_match(t),
                        "{}: {re} matches text without {needs}:\n{t}",
                        r.meta.id
                    );
                }
            }
        }
        assert!(with_text >= 10, "patterns with required text: {with_text}");
        assert!(
            matched * 2 > with_text,
            "{matched} of {with_text} patterns matched"
        );
    }

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
