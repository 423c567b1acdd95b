//! The rules of a scan, compiled once: built-in Rust rules, embedded declarative rules
//! and the user's own, filtered by config and flags, with node-kind dispatch tables so
//! each tree is walked once whatever the number of rules.

use std::collections::HashMap;

use crate::config::LoadedConfig;
use crate::error::FileError;
use crate::finding::Severity;
use crate::lang::rust::{RustNode, visit_file};
use crate::lang::{Lang, Syntax, grammar};
use crate::rules::declarative::{self, DeclarativeRule};
use crate::rules::{FileCx, Rule, RuleMeta, Sink, rust_rules};
use crate::suppress::matches_rule;

pub struct RuleSet {
    rules: Vec<Box<dyn Rule>>,
    /// Effective severity of each rule (config overrides applied).
    severity: Vec<Severity>,
    /// Per tree-sitter language: node kind id -> rules that want it.
    dispatch: HashMap<Lang, Vec<Vec<usize>>>,
    rust: Vec<usize>,
    /// Ids of every rule that exists, including those filtered out of this scan.
    known: Vec<String>,
}

/// Every rule the binary ships, unfiltered: for `shipsafe rules`, `explain` and tests.
pub fn all_builtin() -> Result<Vec<Box<dyn Rule>>, Box<FileError>> {
    all_builtin_for(None)
}

/// [`all_builtin`], with declarative queries compiled only for `grammars` when given.
fn all_builtin_for(grammars: Option<&[Lang]>) -> Result<Vec<Box<dyn Rule>>, Box<FileError>> {
    let mut rules = rust_rules();
    for r in declarative::embedded_rules_for(grammars)? {
        rules.push(Box::new(r));
    }
    Ok(rules)
}

impl RuleSet {
    /// The rules for a scan: built-ins plus the config's custom folder, minus what the
    /// config disables, restricted by `--rule` and `--skip-rule`.
    pub fn build(
        loaded: &LoadedConfig,
        only: &[String],
        skip: &[String],
    ) -> Result<RuleSet, Box<FileError>> {
        RuleSet::build_for(loaded, only, skip, None)
    }

    /// [`RuleSet::build`] for files of `grammars` only, when given: the built-in
    /// queries of other languages are not compiled. The user's own rules are compiled
    /// whole, so their errors show whatever the project holds.
    pub fn build_for(
        loaded: &LoadedConfig,
        only: &[String],
        skip: &[String],
        grammars: Option<&[Lang]>,
    ) -> Result<RuleSet, Box<FileError>> {
        let mut rules = all_builtin_for(grammars)?;
        if let Some(dir) = &loaded.config.custom_rules {
            let base = loaded.base_dir().unwrap_or(std::path::Path::new("."));
            let folder = base.join(&dir.value);
            if !folder.is_dir() {
                return Err(Box::new(FileError::at_yaml(
                    "shipsafe::config",
                    &loaded
                        .path
                        .as_ref()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default(),
                    &loaded.text,
                    &dir.defined,
                    format!("custom rules folder {} does not exist", folder.display()),
                    "this folder",
                )));
            }
            for r in declarative::load_folder(&folder)? {
                if rules.iter().any(|x| x.meta().id == r.meta.id) {
                    return Err(Box::new(FileError::plain(
                        "shipsafe::rule_file",
                        r.path.clone(),
                        format!(
                            "rule id `{}` is already taken by a built-in rule",
                            r.meta.id
                        ),
                    )));
                }
                rules.push(Box::new(r));
            }
        }
        let known: Vec<String> = rules.iter().map(|r| r.meta().id.clone()).collect();
        let cfg_path = loaded
            .path
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        let unknown = |sel: &str| !known.iter().any(|id| matches_rule(sel, id));
        for d in &loaded.config.rules.disable {
            if unknown(&d.value) {
                return Err(Box::new(
                    FileError::at_yaml(
                        "shipsafe::config",
                        &cfg_path,
                        &loaded.text,
                        &d.defined,
                        format!("`{}` names no rule", d.value),
                        "this rule id",
                    )
                    .with_help("`shipsafe rules` lists the rule ids; a prefix ends with `/`"),
                ));
            }
        }
        for (sel, sev) in &loaded.config.rules.severity {
            if unknown(sel) {
                return Err(Box::new(
                    FileError::at_line(
                        "shipsafe::config",
                        &cfg_path,
                        &loaded.text,
                        sev.defined.line() as usize,
                        1,
                        format!("`{sel}` names no rule"),
                        "this rule id",
                    )
                    .with_help("`shipsafe rules` lists the rule ids; a prefix ends with `/`"),
                ));
            }
        }
        for sel in only.iter().chain(skip) {
            if unknown(sel) {
                return Err(Box::new(
                    FileError::plain("shipsafe::usage", "", format!("`{sel}` names no rule"))
                        .with_help("`shipsafe rules` lists the rule ids; a prefix ends with `/`"),
                ));
            }
        }
        rules.retain(|r| {
            let id = &r.meta().id;
            let disabled = loaded
                .config
                .rules
                .disable
                .iter()
                .any(|d| matches_rule(&d.value, id));
            let selected = only.is_empty() || only.iter().any(|s| matches_rule(s, id));
            let skipped = skip.iter().any(|s| matches_rule(s, id));
            !disabled && selected && !skipped
        });
        let severity = rules
            .iter()
            .map(|r| {
                let m = r.meta();
                // The most specific selector wins: an exact id over a prefix.
                loaded
                    .config
                    .rules
                    .severity
                    .iter()
                    .filter(|(sel, _)| matches_rule(sel, &m.id))
                    .max_by_key(|(sel, _)| sel.len())
                    .map_or(m.severity, |(_, s)| s.value)
            })
            .collect();
        let mut set = Self::from_rules(rules, severity);
        set.known = known;
        Ok(set)
    }

    /// A rule set of the given rules at their default severities.
    pub fn from_rules(rules: Vec<Box<dyn Rule>>, severity: Vec<Severity>) -> RuleSet {
        let mut dispatch: HashMap<Lang, Vec<Vec<usize>>> = HashMap::new();
        for lang in Lang::ALL {
            let Some(grammar) = grammar::language(lang) else {
                continue;
            };
            let mut table: Vec<Vec<usize>> = vec![Vec::new(); grammar.node_kind_count()];
            for (i, r) in rules.iter().enumerate() {
                if !r.meta().languages.contains(&lang) {
                    continue;
                }
                // A kind name can have several ids (grammar aliases): take every one.
                let kinds = r.node_kinds(lang);
                for (id, slot) in table.iter_mut().enumerate() {
                    let Ok(id) = u16::try_from(id) else { break };
                    let named = grammar.node_kind_is_named(id);
                    if named
                        && grammar
                            .node_kind_for_id(id)
                            .is_some_and(|k| kinds.contains(&k))
                        && !slot.contains(&i)
                    {
                        slot.push(i);
                    }
                }
            }
            dispatch.insert(lang, table);
        }
        let rust = rules
            .iter()
            .enumerate()
            .filter(|(_, r)| r.wants_rust())
            .map(|(i, _)| i)
            .collect();
        let known = rules.iter().map(|r| r.meta().id.clone()).collect();
        RuleSet {
            rules,
            severity,
            dispatch,
            rust,
            known,
        }
    }

    /// All built-in rules at default severity (for tests and snippets).
    pub fn builtin() -> Result<RuleSet, Box<FileError>> {
        RuleSet::build(&LoadedConfig::default(), &[], &[])
    }

    pub fn metas(&self) -> Vec<RuleMeta> {
        self.rules
            .iter()
            .zip(&self.severity)
            .map(|(r, s)| RuleMeta {
                severity: *s,
                ..r.meta().clone()
            })
            .collect()
    }

    pub fn meta(&self, idx: usize) -> &RuleMeta {
        self.rules[idx].meta()
    }

    pub fn severity(&self, idx: usize) -> Severity {
        self.severity[idx]
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.rules.iter().map(|r| r.meta().id.as_str())
    }

    /// Whether a selector names any existing rule, run in this scan or not.
    pub fn is_known(&self, selector: &str) -> bool {
        self.known.iter().any(|id| matches_rule(selector, id))
    }

    pub fn len(&self) -> usize {
        self.rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Runs every rule over one file: one walk of its tree, then the file-level checks.
    /// A rule never sees a file of a kind its metadata skips (tests, seeds,
    /// translations).
    ///
    /// `also` is shown every node of the same walk (the project index's summary of the
    /// file is taken there, not in a walk of its own).
    pub fn run<'a>(
        &self,
        cx: &FileCx<'a>,
        sink: &mut Sink,
        mut also: Option<&mut dyn FnMut(crate::lang::syntax::Node<'a>)>,
    ) {
        let f = cx.file;
        let skipped: Vec<bool> = self
            .rules
            .iter()
            .map(|r| r.meta().skip.skips(f.is_test, f.is_seed, f.is_translation))
            .collect();
        match cx.syntax {
            Syntax::TreeSitter(tree) => {
                let table = self.dispatch.get(&cx.lang);
                if table.is_some() || also.is_some() {
                    for node in tree.nodes() {
                        if let Some(f) = also.as_mut() {
                            f(node);
                        }
                        if let Some(wanted) = table.and_then(|t| t.get(node.kind_id() as usize)) {
                            for &i in wanted {
                                if skipped[i] {
                                    continue;
                                }
                                sink.current = i;
                                self.rules[i].check_node(cx, node, sink);
                            }
                        }
                    }
                }
            }
            Syntax::Rust(file) if !self.rust.is_empty() => {
                visit_file(file, &mut |node: RustNode<'_>| {
                    for &i in &self.rust {
                        if skipped[i] {
                            continue;
                        }
                        sink.current = i;
                        self.rules[i].check_rust(cx, node, sink);
                    }
                });
            }
            _ => {}
        }
        for (i, r) in self.rules.iter().enumerate() {
            if r.meta().languages.contains(&cx.lang) && !skipped[i] {
                sink.current = i;
                r.check_file(cx, sink);
            }
        }
    }
}

/// Lets tests and `explain` find a declarative rule's examples.
pub fn embedded_declarative() -> Result<Vec<DeclarativeRule>, Box<FileError>> {
    declarative::embedded_rules()
}
