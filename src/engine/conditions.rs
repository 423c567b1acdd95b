//! The findings' conditions (see [`crate::finding::Condition`]), decided on the project
//! index once every file is scanned: a rule sees one file, the index sees them all.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use rayon::prelude::*;

use crate::discover::SourcePath;
use crate::finding::Condition;
use crate::lang::Lang;

/// Withdraws the findings whose conditions the project index decides hold (see
/// [`crate::finding::Condition`]); the others lose their conditions.
pub(super) fn decide(
    root: &Path,
    findings: &mut Vec<crate::finding::Finding>,
    modules: Vec<(String, Lang, crate::index::ModuleSummary)>,
    files: &[SourcePath],
    uses_at: &UsesAt<'_>,
) {
    if findings.iter().all(|f| f.unless.is_empty()) {
        return;
    }
    let mut asked: HashSet<Asked> = HashSet::new();
    let mut checks: HashSet<(Asked, String)> = HashSet::new();
    for f in findings.iter() {
        for c in &f.unless {
            c.visit(&mut |c| {
                asked.extend(Asked::unreferenced(c, &f.path));
                checks.extend(Asked::callers_check(c, &f.path));
            });
        }
    }
    let named = referenced(files, &asked);
    let checked = callers_check(files, &checks);
    let index = super::index_of(root, modules);
    let decider = Decider {
        index: &index,
        referenced: answered(asked, &named),
        callers_checked: answered(checks, &checked),
        uses_at,
        uses: Default::default(),
        pending_uses: Default::default(),
        importers: Default::default(),
    };
    // a condition met at an importer's call asks questions of its own: each round
    // searches the project once for all of those the last round met, until a round
    // meets none (a search per question reads every file each time)
    let withdrawn = loop {
        let withdrawn: Vec<bool> = findings
            .iter()
            .map(|f| f.unless.iter().any(|c| decider.holds(c, &f.path, 0)))
            .collect();
        let (names, checks, uses) = (
            decider.referenced.take_pending(),
            decider.callers_checked.take_pending(),
            decider.pending_uses.take(),
        );
        if names.is_empty() && checks.is_empty() && uses.is_empty() {
            break withdrawn;
        }
        // the modules are read first: what they say asks questions of its own, and one
        // search then answers the questions of every module (each searches every file)
        if !uses.is_empty() {
            decider.answer_uses(uses);
            continue;
        }
        if !names.is_empty() {
            let found = referenced(files, &names);
            decider.referenced.answer(names, &found);
        }
        if !checks.is_empty() {
            let found = callers_check(files, &checks);
            decider.callers_checked.answer(checks, &found);
        }
    };
    let mut withdrawn = withdrawn.into_iter();
    findings.retain_mut(|f| {
        f.unless.clear();
        !withdrawn.next().unwrap_or(false)
    });
}

/// Reads a file of the scan again and gives, for each list of forms asked, the
/// conditions at each use of an imported function there, named by those forms (see
/// [`crate::rules::tenant::conditions_at_uses`]); `None` when it cannot be told.
pub(super) type UsesAt<'a> = dyn Fn(&str, &[&[String]]) -> Vec<Option<SiteConditions>> + Sync + 'a;

/// The conditions at each call of a function in one module: one list per call.
pub(super) type SiteConditions = Vec<Vec<Condition>>;

/// A question for [`UsesAt`]: a module, and the forms that name the function there.
type UsesAsked = (String, Vec<String>);

/// How many modules deep [`crate::finding::Condition::EveryImporter`] follows callers
/// that are themselves exported helpers.
const IMPORTER_DEPTH: usize = 3;

/// What decides the conditions: the project index, the functions named elsewhere, and
/// the conditions at the importers' calls (read once per exported function).
struct Decider<'a> {
    index: &'a crate::index::ProjectIndex,
    /// Whether each function asked about is named elsewhere: those of the findings'
    /// conditions searched at once, those of conditions met at importers' calls
    /// (read again while deciding) searched a round at a time.
    referenced: Answers<Asked>,
    /// Likewise, whether every call of each function is checked.
    callers_checked: Answers<(Asked, String)>,
    uses_at: &'a UsesAt<'a>,
    /// The answers of [`UsesAt`] read so far, and the questions met since the last
    /// reading: each round reads the modules asked at once (in parallel, a module once
    /// for all the functions asked of it).
    uses: std::cell::RefCell<HashMap<UsesAsked, Option<SiteConditions>>>,
    pending_uses: std::cell::RefCell<HashSet<UsesAsked>>,
    importers: std::cell::RefCell<HashMap<(String, String), Option<ImporterSites>>>,
}

/// The conditions at every call of an exported function in the modules that import it:
/// (module, one list per call).
type ImporterSites = Vec<(String, Vec<Vec<crate::finding::Condition>>)>;

impl Decider<'_> {
    /// Whether one condition holds for a finding in `path`; `depth` counts the modules
    /// of importers followed.
    fn holds(&self, c: &Condition, path: &str, depth: usize) -> bool {
        let index = self.index;
        let is_gate = |def: Option<crate::index::project::DefId>| {
            def.is_some_and(|d| {
                index
                    .summary(&d.file)
                    .is_some_and(|s| s.admin_gates.contains(&d.name))
            })
        };
        match c {
            Condition::CallsAdminGate { callee, caller } => {
                is_gate(index.callee(path, caller.as_deref(), callee.as_str()))
            }
            Condition::ClientNotServiceRole { callee, caller } => !index
                .callee(path, caller.as_deref(), callee.as_str())
                .is_some_and(|d| {
                    index
                        .summary(&d.file)
                        .is_some_and(|s| s.service_role_clients.contains(&d.name))
                }),
            Condition::UnderAdminLayout => index
                .next_layouts(path)
                .into_iter()
                .any(|l| is_gate(index.definition(&l, "default"))),
            Condition::Unreferenced { .. } | Condition::Unread { .. } => {
                Asked::unreferenced(c, path).is_some_and(|a| !self.is_referenced(a))
            }
            Condition::CallersCheck { .. } => {
                Asked::callers_check(c, path).is_some_and(|k| self.is_callers_checked(k))
            }
            Condition::ActionCalledOnServer { function } => {
                index.only_server_imports(path, function)
            }
            Condition::EveryCaller(sites) => {
                !sites.is_empty() && self.every_site(sites, path, depth)
            }
            Condition::EveryImporter { function, own } => {
                if depth >= IMPORTER_DEPTH || !self.every_site(own, path, depth) {
                    return false;
                }
                let key = (path.to_string(), function.clone());
                let cached = self.importers.borrow().get(&key).cloned();
                let sites = match cached {
                    Some(s) => s,
                    None => {
                        // the modules not read yet are read before the next round, and
                        // the condition is no until then (as a search not yet made)
                        let Some(s) = self.importer_sites(path, function) else {
                            return false;
                        };
                        self.importers.borrow_mut().insert(key, s.clone());
                        s
                    }
                };
                match sites {
                    None => false,
                    // imported nowhere: called only in its own module, by callers that
                    // hold, and named by no other file (a dynamic import, a config)
                    Some(sites) if sites.is_empty() => {
                        !own.is_empty() && !self.is_referenced(Asked::elsewhere(function, path))
                    }
                    Some(sites) => sites
                        .iter()
                        .all(|(file, calls)| self.every_site(calls, file, depth + 1)),
                }
            }
            Condition::MachineOnly => true,
        }
    }

    /// Whether the project names this function anywhere but its definition.
    fn is_referenced(&self, a: Asked) -> bool {
        self.referenced.ask(a)
    }

    /// Whether every call of this Rust function checks it.
    fn is_callers_checked(&self, k: (Asked, String)) -> bool {
        self.callers_checked.ask(k)
    }

    /// Whether, at each call site, one of its conditions holds.
    fn every_site(
        &self,
        sites: &[Vec<crate::finding::Condition>],
        path: &str,
        depth: usize,
    ) -> bool {
        sites
            .iter()
            .all(|site| site.iter().any(|c| self.holds(c, path, depth)))
    }

    /// The calls of `function` (exported by `path`) in each module that imports it;
    /// `Some(None)` when some module's use of it cannot be told, or one imports it and
    /// never calls it; `None` while some module is still to be read.
    fn importer_sites(&self, path: &str, function: &str) -> Option<Option<ImporterSites>> {
        let Some(uses) = self.index.import_uses(path, function) else {
            return Some(None);
        };
        let mut out = Vec::new();
        let mut unread = false;
        for asked in uses {
            // tests call it; they serve no request
            if crate::facts::client::test_path(&asked.0) {
                continue;
            }
            let known = self.uses.borrow().get(&asked).cloned();
            match known {
                Some(None) => return Some(None),
                // imported with others (`import * as actions`) and not called here
                Some(Some(calls)) if calls.is_empty() => {}
                Some(Some(calls)) => out.push((asked.0, calls)),
                None => {
                    self.pending_uses.borrow_mut().insert(asked);
                    unread = true;
                }
            }
        }
        (!unread).then_some(Some(out))
    }

    /// Reads the modules asked since the last round, each once, in parallel.
    fn answer_uses(&self, asked: HashSet<UsesAsked>) {
        let mut by_file: HashMap<&str, Vec<&[String]>> = HashMap::new();
        for (file, forms) in &asked {
            by_file.entry(file).or_default().push(forms);
        }
        let uses_at = self.uses_at;
        let read: Vec<(UsesAsked, Option<SiteConditions>)> = by_file
            .into_par_iter()
            .flat_map_iter(|(file, forms)| {
                let answers = uses_at(file, &forms);
                forms
                    .into_iter()
                    .zip(answers)
                    .map(move |(forms, answer)| ((file.to_string(), forms.to_vec()), answer))
            })
            .collect();
        self.uses.borrow_mut().extend(read);
    }
}

/// The answers of project-wide searches, and the questions met since the last search.
struct Answers<K> {
    known: std::cell::RefCell<HashMap<K, bool>>,
    pending: std::cell::RefCell<HashSet<K>>,
}

impl<K: std::hash::Hash + Eq + Clone> Answers<K> {
    /// The answer to a question, if searched; one not searched yet is kept for the next
    /// search and answered no until then (the round that meets it is done again).
    fn ask(&self, k: K) -> bool {
        if let Some(&yes) = self.known.borrow().get(&k) {
            return yes;
        }
        self.pending.borrow_mut().insert(k);
        false
    }

    fn take_pending(&self) -> HashSet<K> {
        self.pending.take()
    }

    /// Records a search's answers: yes for the questions it found.
    fn answer(&self, asked: HashSet<K>, found: &HashSet<K>) {
        let mut known = self.known.borrow_mut();
        for k in asked {
            let yes = found.contains(&k);
            known.insert(k, yes);
        }
    }
}

/// The answers of a project-wide search for each question asked: yes for those it found.
fn answered<K: std::hash::Hash + Eq + Clone>(asked: HashSet<K>, found: &HashSet<K>) -> Answers<K> {
    let answers = Answers {
        known: Default::default(),
        pending: Default::default(),
    };
    answers.answer(asked, found);
    answers
}

/// A function asked about by [`crate::finding::Condition::Unreferenced`]: its name,
/// whether it is a method, and the file that defines it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Asked {
    name: String,
    method: bool,
    file: String,
    /// The type whose `impl` holds a method (`SensorRepository`), when known.
    owner: Option<String>,
    /// Only mentions in other files count (an exported helper its own module calls).
    elsewhere: bool,
    /// A mention in any form counts (a name, not a function: `import.meta.env.X`).
    any_form: bool,
}

impl Asked {
    /// The function a condition names, in the file of its finding.
    fn new(function: &str, method: bool, owner: &Option<String>, file: &str) -> Asked {
        Asked {
            name: function.to_string(),
            method,
            file: file.to_string(),
            owner: owner.clone(),
            elsewhere: false,
            any_form: false,
        }
    }

    /// The function an [`Condition::Unreferenced`] of a finding in `path` asks about.
    fn unreferenced(c: &Condition, path: &str) -> Option<Asked> {
        match c {
            Condition::Unreferenced {
                function,
                method,
                owner,
            } => Some(Asked::new(function, *method, owner, path)),
            Condition::Unread { name } => Some(Asked {
                any_form: true,
                ..Asked::new(name, false, &None, path)
            }),
            _ => None,
        }
    }

    /// The function and tenant field a [`Condition::CallersCheck`] of a finding in `path`
    /// asks about.
    fn callers_check(c: &Condition, path: &str) -> Option<(Asked, String)> {
        match c {
            Condition::CallersCheck {
                function,
                method,
                field,
                owner,
            } => Some((Asked::new(function, *method, owner, path), field.clone())),
            _ => None,
        }
    }

    /// A JS/TS function of a file, named (or not) by the other files.
    fn elsewhere(function: &str, file: &str) -> Asked {
        Asked {
            elsewhere: true,
            ..Asked::new(function, false, &None, file)
        }
    }

    /// A Rust function of a file, from its head: a method with the type of its `impl`.
    fn of_fn(text: &str, head: &crate::lang::rust::FnHead<'_>, file: &str) -> Asked {
        Asked {
            name: head.name.to_string(),
            method: head.takes_self,
            file: file.to_string(),
            owner: crate::lang::rust::method_owner(text, head),
            elsewhere: false,
            any_form: false,
        }
    }
}

/// Which of these functions the project names. A function is named by a mention that
/// is not its definition (`fn name`, `def name`, `function name`, `const name =`): a
/// call, an import, a router registering it, a comment; a method only by a method call
/// or a path (see [`Form`]). A mention inside a Rust function counts only when that
/// function is itself named or an entry point (see [`crate::lang::rust::entry_point`]):
/// a repository method called only by a deprecated wrapper nothing calls, or only by
/// tests, serves no request. Callers in the function's own file are followed
/// [`ROUNDS`] deep (one further away counts as named); a caller in another file counts
/// as named, which keeps the rounds to the files that define the functions asked.
fn referenced(files: &[SourcePath], asked: &HashSet<Asked>) -> HashSet<Asked> {
    // who mentions each function: `None` for a mention outside any Rust function
    let mut callers: HashMap<Asked, HashSet<Option<Asked>>> = HashMap::new();
    let mut scanned: HashSet<Asked> = HashSet::new();
    let mut frontier: HashSet<Asked> = asked.clone();
    for round in 0..ROUNDS {
        if frontier.is_empty() {
            break;
        }
        // callers are Rust functions: after the first round only Rust names them
        let found = mentions(files, &frontier, round > 0);
        scanned.extend(frontier.drain());
        for (a, by) in found {
            if let Some(c) = &by
                && !scanned.contains(c)
            {
                frontier.insert(c.clone());
            }
            callers.entry(a).or_default().insert(by);
        }
    }
    let mut named: HashSet<Asked> = HashSet::new();
    loop {
        let before = named.len();
        for (a, by) in &callers {
            if !named.contains(a)
                && by.iter().any(|c| match c {
                    None => true,
                    Some(c) => c != a && (named.contains(c) || !scanned.contains(c)),
                })
            {
                named.insert(a.clone());
            }
        }
        if named.len() == before {
            break;
        }
    }
    named.retain(|a| asked.contains(a));
    named
}

/// How many callers deep [`referenced`] follows mentions.
const ROUNDS: usize = 4;

/// Every mention of these functions in the project's files, with the Rust function
/// around it (`None` outside one, in other languages, and in entry points). Every file
/// is read (all shards: a name used only in another shard is still used), the files of
/// languages without functions and large data files excepted; a file that cannot be
/// read counts as mentioning them all.
fn mentions(
    files: &[SourcePath],
    asked: &HashSet<Asked>,
    rust_only: bool,
) -> HashSet<(Asked, Option<Asked>)> {
    let mut by_name: HashMap<&str, Vec<&Asked>> = HashMap::new();
    for a in asked {
        by_name.entry(a.name.as_str()).or_default().push(a);
    }
    let everything = || asked.iter().map(|a| (a.clone(), None)).collect();
    let Some(words) = any_of_words(by_name.keys().copied()) else {
        return everything();
    };
    // only Rust calls a Rust method (see below): the other files are searched for the
    // other names alone (`find`, `list` of a repository are everywhere in TypeScript);
    // `None` when there are none
    let rust_method = |a: &Asked| a.method && a.file.ends_with(".rs");
    let names_elsewhere: Vec<&str> = by_name
        .iter()
        .filter(|(_, asked)| !asked.iter().all(|a| rust_method(a)))
        .map(|(name, _)| *name)
        .collect();
    let words_elsewhere = match names_elsewhere.len() {
        0 => None,
        n if n == by_name.len() => Some(words.clone()),
        _ => Some(any_of_words(names_elsewhere.into_iter()).unwrap_or_else(|| words.clone())),
    };
    files
        .par_iter()
        .filter(|f| {
            !matches!(f.lang, Lang::Json | Lang::Sql | Lang::Env | Lang::Prisma)
                && f.size <= 4 * 1024 * 1024
                && (!rust_only || f.lang == Lang::Rust)
                // a function only tests call serves no request
                && !crate::facts::client::test_path(&f.rel)
        })
        .map(|f| {
            let Ok(bytes) = std::fs::read(&f.abs) else {
                return everything();
            };
            let text = crate::source::lossy(&bytes);
            let mut found = HashSet::new();
            let words = match f.lang {
                Lang::Rust => &words,
                _ => match &words_elsewhere {
                    Some(w) => w,
                    None => return found,
                },
            };
            for m in words.find_iter(&text) {
                let (before, after) = (&text[..m.start()], &text[m.end()..]);
                if defines(before, after)
                    || passed_on(f.lang, before, after)
                    || in_line_comment(f.lang, before)
                {
                    continue;
                }
                let form = Form::of(before);
                let caller = || {
                    use crate::lang::rust::{body_around, entry_point};
                    if f.lang != Lang::Rust {
                        return None;
                    }
                    let head = body_around(&text, m.start()).filter(|h| !entry_point(&text, h))?;
                    Some(Asked::of_fn(&text, &head, &f.rel))
                };
                for a in by_name.get(m.as_str()).into_iter().flatten() {
                    if a.elsewhere && f.rel == a.file {
                        continue;
                    }
                    // only Rust calls a Rust method (`x.list()` in a TypeScript file
                    // calls something else); a free function may be named from another
                    // language (a Tauri command by its name in a string)
                    if rust_method(a) && f.lang != Lang::Rust {
                        continue;
                    }
                    if a.any_form || (form.names(a, &f.rel) && !on_other_type(a, before)) {
                        // followed only within the function's own file (a deprecated
                        // wrapper, its unit tests); a caller elsewhere counts as named
                        let by = if f.rel == a.file { caller() } else { None };
                        found.insert(((*a).clone(), by));
                    }
                }
            }
            found
        })
        .reduce(HashSet::new, |mut a, b| {
            a.extend(b);
            a
        })
}

/// Which of these Rust functions are called, and checked at every call (see
/// [`crate::finding::Condition::CallersCheck`]). Rust files are read again; a mention
/// that is no call (a comment, a `use`) is not one of its calls, and neither is a call
/// by a wrapper method of its own file that the project never names (a deprecated
/// `self.update_rls(&self.pool, …)` nothing calls).
fn callers_check(
    files: &[SourcePath],
    asked: &HashSet<(Asked, String)>,
) -> HashSet<(Asked, String)> {
    /// Per function asked: checked calls, unchecked calls by wrappers of its own file,
    /// and whether some other call is unchecked.
    #[derive(Default)]
    struct Calls {
        checked: usize,
        wrappers: Vec<Asked>,
        unchecked: bool,
    }
    if asked.is_empty() {
        return HashSet::new();
    }
    let Some(words) = any_of_words(asked.iter().map(|(a, _)| a.name.as_str())) else {
        return HashSet::new();
    };
    let merge = |mut a: HashMap<(Asked, String), Calls>, b: HashMap<(Asked, String), Calls>| {
        for (k, c) in b {
            let e = a.entry(k).or_default();
            e.checked += c.checked;
            e.wrappers.extend(c.wrappers);
            e.unchecked |= c.unchecked;
        }
        a
    };
    let calls = files
        .par_iter()
        .filter(|f| f.lang == Lang::Rust && f.size <= 4 * 1024 * 1024)
        .map(|f| {
            let mut out: HashMap<(Asked, String), Calls> = HashMap::new();
            let Ok(text) = std::fs::read_to_string(&f.abs) else {
                // unreadable: its calls cannot be told checked
                for k in asked {
                    out.entry(k.clone()).or_default().unchecked = true;
                }
                return out;
            };
            for m in words.find_iter(&text) {
                let (before, after) = (&text[..m.start()], &text[m.end()..]);
                let Some(args) = call_arguments(after) else {
                    continue;
                };
                if defines(before, after)
                    || passed_on(f.lang, before, after)
                    || in_line_comment(f.lang, before)
                {
                    continue;
                }
                let form = Form::of(before);
                for k in asked.iter().filter(|(a, _)| a.name == m.as_str()) {
                    if !form.names(&k.0, &f.rel) || on_other_type(&k.0, before) {
                        continue;
                    }
                    let e = out.entry(k.clone()).or_default();
                    if crate::rules::tenant::rust_call_checked(&text, m.start(), args, &k.1) {
                        e.checked += 1;
                        continue;
                    }
                    let wrapper = crate::lang::rust::body_around(&text, m.start())
                        .filter(|_| f.rel == k.0.file)
                        .filter(|h| !crate::lang::rust::entry_point(&text, h));
                    match wrapper {
                        Some(h) => e.wrappers.push(Asked::of_fn(&text, &h, &f.rel)),
                        None => e.unchecked = true,
                    }
                }
            }
            out
        })
        .reduce(HashMap::new, merge);
    let wrappers: HashSet<Asked> = calls
        .values()
        .filter(|c| !c.unchecked && c.checked > 0)
        .flat_map(|c| c.wrappers.iter().cloned())
        .collect();
    let named = referenced(files, &wrappers);
    calls
        .into_iter()
        .filter(|(_, c)| {
            c.checked > 0 && !c.unchecked && c.wrappers.iter().all(|w| !named.contains(w))
        })
        .map(|(k, _)| k)
        .collect()
}

/// The arguments' text of the call that follows a name (`(conn, id)` of `find(conn,
/// id)`, with turbofish `::<T>` allowed), `None` when no call follows.
fn call_arguments(after: &str) -> Option<&str> {
    let mut rest = after.trim_start();
    if let Some(t) = rest.strip_prefix("::<") {
        rest = t[t.find('>')? + 1..].trim_start();
    }
    let inner = rest.strip_prefix('(')?;
    let mut depth = 1usize;
    for (i, ch) in inner.char_indices() {
        match ch {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(&inner[..i]);
                }
            }
            _ => {}
        }
    }
    None
}

/// One regex for any of these names as a whole word (sorted, so the same names make
/// the same pattern).
fn any_of_words<'n>(names: impl Iterator<Item = &'n str>) -> Option<regex::Regex> {
    let mut sorted: Vec<&str> = names.collect();
    sorted.sort_unstable();
    sorted.dedup();
    let alternation = sorted
        .iter()
        .map(|n| regex::escape(n))
        .collect::<Vec<_>>()
        .join("|");
    crate::lang::pattern::regex(&format!(r"\b(?:{alternation})\b")).ok()
}

/// How a name is written where it is mentioned.
#[derive(Debug, PartialEq)]
enum Form {
    /// `name(…)`, `get(name)`, `use a::{name}`, a comment.
    Bare,
    /// `module::name`, or `Repo::name`, `Self::name`, `<T as Trait>::name` (`on_type`).
    Path { on_type: bool },
    /// `value.name(…)`; `on_self` for `self.name(…)`.
    Method { on_self: bool },
}

impl Form {
    /// The form of the name that follows `before`.
    fn of(before: &str) -> Form {
        let b = before.trim_end();
        if let Some(r) = b.strip_suffix("::") {
            let segment = r
                .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '>'))
                .next()
                .unwrap_or("");
            return Form::Path {
                on_type: segment.ends_with('>')
                    || segment.starts_with(|c: char| c.is_ascii_uppercase()),
            };
        }
        match b.strip_suffix('.') {
            // `0..name` is a range, not a call
            Some(r) if !r.ends_with('.') => {
                let receiver = r
                    .trim_end()
                    .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .next()
                    .unwrap_or("");
                Form::Method {
                    on_self: receiver == "self",
                }
            }
            _ => Form::Bare,
        }
    }

    /// Whether a mention in this form, in the file `file`, names the function `a`: a
    /// method by a type's path or a call on a value (on `self` only in its own file,
    /// where `self` is its own type); a free function by any mention but a method call.
    fn names(&self, a: &Asked, file: &str) -> bool {
        match (self, a.method) {
            (Form::Path { on_type }, true) => *on_type,
            (Form::Path { .. }, false) => true,
            (Form::Method { on_self }, true) => !on_self || a.file == file,
            (Form::Bare, true) => false,
            (Form::Method { .. }, false) => false,
            (Form::Bare, false) => true,
        }
    }
}

/// Whether a method call is made on a value named for another type's repository or
/// service: `state.unit_repo.list_by_building(…)` does not call
/// `FaultRepository::list_by_building`, while `state.org_member_repo.find(…)` may call
/// `OrganizationMemberRepository::find` and `analytics_repo.stats(…)`
/// `FeatureAnalyticsRepository::stats` (each word of the value's name begins one of the
/// type's, in order). A value named otherwise (`repo`, `self.db`) may be of any type.
fn on_other_type(a: &Asked, before: &str) -> bool {
    let Some(owner) = &a.owner else {
        return false;
    };
    let Some(r) = before.trim_end().strip_suffix('.') else {
        return false;
    };
    let receiver = r
        .trim_end()
        .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .next()
        .unwrap_or("");
    // the words before the kind of value: `org`, `member` of `org_member_repo`
    fn subject(words: Vec<String>) -> Option<Vec<String>> {
        let (last, rest) = words.split_last()?;
        (matches!(last.as_str(), "repo" | "repository" | "service" | "store") && !rest.is_empty())
            .then(|| rest.to_vec())
    }
    let words = |name: &str| {
        crate::lang::words::split_words(name)
            .split_whitespace()
            .map(str::to_string)
            .collect()
    };
    // each word of the value's name begins one of the type's, in order:
    // `analytics_repo` of `FeatureAnalyticsRepository`, `org_member_repo` of
    // `OrganizationMemberRepository`
    let differs = |r: &[String], o: &[String]| {
        let mut type_words = o.iter();
        !r.iter()
            .all(|w| type_words.any(|t| t.starts_with(w.as_str())))
    };
    let Some(o) = subject(words(owner)) else {
        return false;
    };
    if let Some(r) = subject(words(receiver)) {
        return differs(&r, &o);
    }
    // a value named otherwise, whose type the code before says: a parameter (`repo:
    // &FeatureFlagRepository`), a binding (`let repo = NewsArticleRepository::new(…)`,
    // `let repo = state.integration_repo.clone()`), a field of `self` (`client:
    // reqwest::Client`), or a chain of axum's method routers (`get(a).delete(b)`)
    match rust_receiver_type(r.trim_end(), receiver) {
        Some(Receiver::Router) => true,
        Some(Receiver::Named(name)) => match subject(words(&name)) {
            Some(r) => differs(&r, &o),
            // not a repository, a service or a store at all: an HTTP or Redis client
            None => name.chars().next().is_some_and(char::is_uppercase),
        },
        None => false,
    }
}

/// What [`rust_receiver_type`] finds a receiver to be.
enum Receiver {
    /// The type's or the field's name: `FeatureFlagRepository`, `integration_repo`.
    Named(String),
    /// A chain of axum method routers.
    Router,
}

/// The type of a Rust receiver named `name` at the end of `before` (the code before
/// `.method(`), from the nearest declaration before it.
fn rust_receiver_type(before: &str, name: &str) -> Option<Receiver> {
    use std::sync::LazyLock;
    // `get(a).put(b).` : the root of a chain of calls
    if before.ends_with(')') {
        let mut end = before.len();
        loop {
            let text = &before[..end];
            if !text.ends_with(')') {
                return None;
            }
            let mut depth = 0usize;
            let open = text.char_indices().rev().find_map(|(i, c)| {
                match c {
                    ')' => depth += 1,
                    '(' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(i);
                        }
                    }
                    _ => {}
                }
                None
            })?;
            let head = &text[..open];
            // after the last character that is not part of a name (any width)
            let ident_start = head
                .char_indices()
                .rev()
                .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '_'))
                .map_or(0, |(i, c)| i + c.len_utf8());
            let ident = &head[ident_start..];
            let rest = head[..ident_start].trim_end();
            if let Some(r) = rest.strip_suffix('.') {
                end = r.trim_end().len();
                continue;
            }
            let router = matches!(
                ident,
                "get" | "post" | "put" | "patch" | "delete" | "head" | "options" | "any"
            ) && !rest.ends_with("::")
                || rest.ends_with("routing::");
            return router.then_some(Receiver::Router);
        }
    }
    if name.is_empty() {
        return None;
    }
    // the last 20,000 bytes, from a character's start
    let window =
        &before[crate::source::ceil_char_boundary(before, before.len().saturating_sub(20_000))..];
    static TYPE: LazyLock<regex::Regex> = LazyLock::new(|| {
        crate::lang::pattern::regex(r"^\s*&?\s*(?:mut\s+)?(?:[A-Za-z_]\w*::)*([A-Z]\w*)")
            .expect("regex compiles")
    });
    // the last declaration of the name: `name: Type` (a parameter or a field) or
    // `let name = …`
    // searched over the 20,000 bytes before each mention of a method: with the default
    // room its automaton was rebuilt most of the time (a third of a scan of the 30 apps
    // of the development corpus as one folder)
    static DECL: LazyLock<regex::Regex> = LazyLock::new(|| {
        crate::lang::pattern::regex_with_room(
            r"\blet\s+(?:mut\s+)?(\w+)\s*(?::[^=;]*)?=\s*([^;]{0,200})|\b(\w+)\s*:\s*([^,)=;{}:][^,)=;{}]{0,119})",
            8 << 20,
        )
        .expect("regex compiles")
    });
    // the groups of a declaration that names it: most declarations do not, and finding
    // them costs less than taking their groups (the same match, from where it starts)
    let last = DECL
        .find_iter(window)
        .filter(|m| m.as_str().contains(name))
        .filter_map(|m| DECL.captures_at(window, m.start()))
        .filter(|c| {
            c.get(1)
                .or_else(|| c.get(3))
                .is_some_and(|n| n.as_str() == name)
        })
        .last()?;
    if let Some(ty) = last.get(4) {
        let t = TYPE.captures(ty.as_str())?;
        return Some(Receiver::Named(t.get(1)?.as_str().to_string()));
    }
    let value = last.get(2)?.as_str().trim();
    // `Type::new(…)`, `Type::builder()…`
    if let Some(t) = TYPE.captures(value)
        && value[t.get(0)?.end()..].trim_start().starts_with("::")
    {
        return Some(Receiver::Named(t.get(1)?.as_str().to_string()));
    }
    // `&state.x_repo`, `state.x_repo.clone()`: the field's name
    let path = value.trim_start_matches('&').trim_end_matches(".clone()");
    let field = path.rsplit('.').next()?;
    (path.contains('.') && field.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .then(|| Receiver::Named(field.to_string()))
}

/// Whether a name between `before` and `after` is being defined: `fn name`, `def name`,
/// `function name`, `async fn name`, `const name =`.
fn defines(before: &str, after: &str) -> bool {
    let before = before.trim_end_matches([' ', '\t']);
    let word = before
        .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '*'))
        .next()
        .unwrap_or("");
    match word {
        "fn" | "def" | "function" | "function*" => true,
        "const" | "let" | "var" => after.trim_start().starts_with('='),
        _ => false,
    }
}

/// Whether a mention is on a comment line (`// see queryAuditLogs`, ` *   queryAuditLogs,`
/// in a doc comment's example, `# queryAuditLogs`): a comment calls nothing.
fn in_line_comment(lang: Lang, before: &str) -> bool {
    let line = before.rsplit('\n').next().unwrap_or(before).trim_start();
    match lang {
        Lang::Python => line.starts_with('#'),
        Lang::TypeScript | Lang::Tsx | Lang::JavaScript | Lang::Rust => {
            line.starts_with("//") || line.starts_with("/*") || line.starts_with('*')
        }
        _ => false,
    }
}

/// Whether a mention only imports or re-exports the name as it is (`import { a } from`,
/// `export { a, b } from "./audit"`, `from .audit import a`): a module that passes it on
/// uses it nowhere, and whoever uses it names it again. Renamed (`a as b`), it counts.
fn passed_on(lang: Lang, before: &str, after: &str) -> bool {
    let after = after.trim_start();
    if after.starts_with("as ") || after.starts_with("as\n") {
        return false;
    }
    match lang {
        Lang::TypeScript | Lang::Tsx | Lang::JavaScript => {
            // the list the name is in: back to its `{`, with no statement end between
            let Some(open) = before.rfind(['{', '}', ';']) else {
                return false;
            };
            if !before[open..].starts_with('{') {
                return false;
            }
            let head = before[..open].trim_end();
            let statement = head.rsplit(['\n', ';']).next().unwrap_or(head).trim_start();
            statement.starts_with("import") || statement == "export" || statement == "export type"
        }
        Lang::Python => {
            let line = before.rsplit('\n').next().unwrap_or(before).trim_start();
            line.starts_with("from ") && line.contains(" import ")
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imports_and_re_exports_pass_a_name_on() {
        let on = |lang, code: &str| {
            let at = code.find("queryAuditLogs").unwrap();
            passed_on(lang, &code[..at], &code[at + "queryAuditLogs".len()..])
        };
        let ts = Lang::TypeScript;
        assert!(on(
            ts,
            "export {\n  logAuditEvent,\n  queryAuditLogs,\n} from './unified-audit'"
        ));
        assert!(on(ts, "import { queryAuditLogs } from '@/lib/audit'"));
        assert!(on(
            ts,
            "import type { X, queryAuditLogs } from '@/lib/audit'"
        ));
        assert!(on(ts, "function f() {}\nexport { queryAuditLogs }"));
        assert!(!on(
            ts,
            "export { queryAuditLogs as listLogs } from './unified-audit'"
        ));
        assert!(!on(ts, "const logs = await queryAuditLogs({ orgId })"));
        assert!(!on(ts, "if (ok) { return queryAuditLogs() }"));
        assert!(!on(ts, "export default { queryAuditLogs }"));
        assert!(on(
            Lang::Python,
            "from .unified_audit import queryAuditLogs"
        ));
        assert!(!on(Lang::Python, "logs = queryAuditLogs(org)"));
        assert!(in_line_comment(ts, "/**\n * @example\n *   "));
        assert!(in_line_comment(ts, "  // then "));
        assert!(!in_line_comment(ts, "const a = 2 * "));
        assert!(in_line_comment(Lang::Python, "    # "));
    }

    #[test]
    fn a_call_on_another_repository_is_not_a_call_of_the_method() {
        let asked = |owner: &str| Asked {
            name: "purge".into(),
            method: true,
            file: "src/repo.rs".into(),
            owner: Some(owner.into()),
            elsewhere: false,
            any_form: false,
        };
        let other = |owner: &str, call: &str| {
            on_other_type(&asked(owner), &call[..call.find("purge").unwrap()])
        };
        assert!(other("FaultRepository", "state.unit_repo.purge(id)"));
        assert!(other("RentalRepository", "self.integration_repo.purge(id)"));
        assert!(!other("FaultRepository", "state.fault_repo.purge(id)"));
        assert!(!other(
            "FeatureAnalyticsRepository",
            "analytics_repo.purge(id)"
        ));
        assert!(!other(
            "OrganizationMemberRepository",
            "state.org_member_repo.purge(id)"
        ));
        // any text may hold the name (a TypeScript file, a Markdown page): characters
        // of several bytes where the search cuts the code before, or before a name
        let far = format!(
            "const t = '{}';\n{}repo.purge(id)",
            "🎵".repeat(5_001),
            "x".repeat(3)
        );
        assert!(!other("FaultRepository", &far));
        assert!(!other("FaultRepository", "─get(a)é.purge(id)"));
        assert!(!other("FaultRepository", "let é = ─(a).get(b).purge(id)"));
        // a value named otherwise may be of any type
        assert!(!other("FaultRepository", "repo.purge(id)"));
        assert!(!other("FaultRepository", "self.purge(id)"));
        // unless the code before says its type
        assert!(other(
            "FaultRepository",
            "fn f(repo: &FeatureFlagRepository) { repo.purge(id)"
        ));
        assert!(other(
            "FaultRepository",
            "let repo = NewsArticleRepository::new(pool); repo.purge(id)"
        ));
        assert!(other(
            "RentalRepository",
            "let repo = state.integration_repo.clone(); repo.purge(id)"
        ));
        assert!(!other(
            "FaultRepository",
            "let repo = state.fault_repo.clone(); repo.purge(id)"
        ));
        assert!(!other(
            "FaultRepository",
            "fn f(repo: &FaultRepository) { repo.purge(id)"
        ));
        assert!(other(
            "RoleRepository",
            "struct Api { client: reqwest::Client } fn f(&self) { self.client.purge(id)"
        ));
        assert!(!other(
            "FaultRepository",
            "let repo = state.db.clone(); repo.purge(id)"
        ));
        // a chain of axum's method routers
        assert!(other(
            "RoleRepository",
            ".route(\"/r\", get(get_rule).put(update_rule).purge(id)"
        ));
        assert!(!other("RoleRepository", "self.find(id).await?.purge(id)"));
    }

    /// A Rust method is called from Rust only: `x.purge(id)` in a TypeScript file calls
    /// something else. A free Rust function may be named from anywhere (a Tauri command
    /// invoked by its name).
    #[test]
    fn only_rust_calls_a_rust_method() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = |rel: &str, lang: Lang, text: &str| {
            let abs = dir.path().join(rel);
            std::fs::write(&abs, text).expect("write");
            SourcePath {
                abs,
                rel: rel.into(),
                lang,
                size: text.len() as u64,
            }
        };
        let method = Asked {
            name: "purge".into(),
            method: true,
            file: "repo.rs".into(),
            owner: Some("FaultRepository".into()),
            elsewhere: false,
            any_form: false,
        };
        let free = Asked {
            method: false,
            owner: None,
            ..method.clone()
        };
        let asked: HashSet<Asked> = [method.clone(), free.clone()].into();
        let ts = file(
            "app.ts",
            Lang::TypeScript,
            "await store.purge(id);\nawait invoke(\"purge\");\n",
        );
        let named: HashSet<Asked> = mentions(std::slice::from_ref(&ts), &asked, false)
            .into_iter()
            .map(|(a, _)| a)
            .collect();
        assert_eq!(named, [free.clone()].into());
        let rs = file(
            "jobs.rs",
            Lang::Rust,
            "async fn run(repo: &FaultRepository) { repo.purge(id).await; }\n",
        );
        let named: HashSet<Asked> = mentions(&[ts, rs], &asked, false)
            .into_iter()
            .map(|(a, _)| a)
            .collect();
        assert_eq!(named, [method, free].into());
    }

    #[test]
    fn tells_method_calls_from_other_mentions() {
        let cases = [
            ("repo.find_by_id(id)", Form::Method { on_self: false }),
            (
                "self\n            .find_by_id(id)",
                Form::Method { on_self: true },
            ),
            ("self.repo.find_by_id(id)", Form::Method { on_self: false }),
            ("Repo::find_by_id", Form::Path { on_type: true }),
            ("<Repo as Find>::find_by_id", Form::Path { on_type: true }),
            ("post(jobs::find_by_id)", Form::Path { on_type: false }),
            (".route(\"/f\", delete(find_by_id))", Form::Bare),
            ("for i in 0..find_by_id {", Form::Bare),
        ];
        for (src, want) in cases {
            let at = src.find("find_by_id").unwrap();
            assert_eq!(Form::of(&src[..at]), want, "{src}");
        }
        let method = Asked {
            name: "find_by_id".into(),
            method: true,
            file: "src/news.rs".into(),
            owner: None,
            elsewhere: false,
            any_form: false,
        };
        let free = Asked {
            method: false,
            ..method.clone()
        };
        let on_self = Form::Method { on_self: true };
        assert!(on_self.names(&method, "src/news.rs"));
        assert!(!on_self.names(&method, "src/document.rs"));
        assert!(Form::Method { on_self: false }.names(&method, "src/routes.rs"));
        assert!(!Form::Bare.names(&method, "src/routes.rs"));
        assert!(Form::Path { on_type: true }.names(&method, "src/routes.rs"));
        assert!(!Form::Path { on_type: false }.names(&method, "src/routes.rs"));
        assert!(Form::Path { on_type: false }.names(&free, "src/routes.rs"));
        assert!(Form::Bare.names(&free, "src/routes.rs"));
        assert!(!on_self.names(&free, "src/news.rs"));
    }

    #[test]
    fn tells_definitions_from_references() {
        let def = |src: &str, name: &str| {
            let at = src.find(name).unwrap();
            defines(&src[..at], &src[at + name.len()..])
        };
        assert!(def("pub async fn get_due_rules(&self)", "get_due_rules"));
        assert!(def("def sync_orders(db):", "sync_orders"));
        assert!(def("export async function loadTeam(id) {", "loadTeam"));
        assert!(def("const loadTeam = async (id) => {", "loadTeam"));
        assert!(!def(
            "let rules = repo.get_due_rules().await?;",
            "get_due_rules"
        ));
        assert!(!def(".route(\"/rules\", get(list_rules))", "list_rules"));
        assert!(!def("import { loadTeam } from './teams'", "loadTeam"));
        assert!(!def("const { loadTeam } = require('./teams')", "loadTeam"));
    }
}
