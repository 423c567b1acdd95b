//! Regexes over scanned text, compiled so the fast engines can run them.
//!
//! A Unicode word boundary (`\b`) makes the regex crate's lazy DFA give up at the first
//! non-ASCII byte and fall back to the PikeVM, several times slower, for the rest of the
//! search: one emoji or accented comment in a file sends every `\b` search of that file
//! down the slow path. Code's identifiers are ASCII, so shipsafe's regexes take ASCII
//! word boundaries (`(?-u:\b)`): [`regex`] rewrites them, and every pattern compiled over
//! scanned text goes through it.

use regex::{Regex, RegexSet};

/// Compiles a pattern with its word boundaries made ASCII (see the module).
pub fn regex(pattern: &str) -> Result<Regex, regex::Error> {
    Regex::new(&ascii_bounds(pattern))
}

/// [`regex`] with room for `dfa_bytes` of lazily built automaton per thread instead of
/// the regex crate's default (2 MB): a pattern with long bounded repetitions
/// (`[^;]{0,200}`) searched over many large texts fills the default, which is then
/// cleared and built again over and over. What it matches is the same.
pub fn regex_with_room(pattern: &str, dfa_bytes: usize) -> Result<Regex, regex::Error> {
    regex::RegexBuilder::new(&ascii_bounds(pattern))
        .dfa_size_limit(dfa_bytes)
        .build()
}

/// A set of patterns, each with ASCII word boundaries.
pub fn regex_set<I, S>(patterns: I) -> Result<RegexSet, regex::Error>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    RegexSet::new(patterns.into_iter().map(|p| ascii_bounds(p.as_ref())))
}

/// The pattern with each `\b` and `\B` outside a character class written `(?-u:\b)` and
/// `(?-u:\B)`. Escaped backslashes (`\\b`), classes (`[\b]`), the bounded forms
/// (`\b{start}`) and boundaries already inside an ASCII group are left as they are.
pub fn ascii_bounds(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.char_indices().peekable();
    // depth of `[` nesting: shipsafe's patterns use classes like `[^"\]]`, `[[:alpha:]]`
    let mut class = 0usize;
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                let Some((_, next)) = chars.next() else {
                    out.push(c);
                    break;
                };
                let bounded = pattern[i + 2..].starts_with('{');
                let in_ascii_group = pattern[..i].ends_with("(?-u:");
                if class == 0 && matches!(next, 'b' | 'B') && !bounded && !in_ascii_group {
                    out.push_str("(?-u:\\");
                    out.push(next);
                    out.push(')');
                } else {
                    out.push(c);
                    out.push(next);
                }
            }
            '[' => {
                // `[` right after a class opens (`[[]`, `[^[]`) is a literal unless it
                // starts a POSIX class `[:…:]`, which nests one level
                if class == 0 || pattern[i..].starts_with("[:") {
                    class += 1;
                }
                out.push(c);
                // `]` first in a class (`[]a]`, `[^]a]`) is a literal
                if class == 1 {
                    if let Some(&(_, '^')) = chars.peek() {
                        out.push('^');
                        chars.next();
                    }
                    if let Some(&(_, ']')) = chars.peek() {
                        out.push(']');
                        chars.next();
                    }
                }
            }
            ']' if class > 0 => {
                class -= 1;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// A regex and the text its every match contains (see [`required_text`]): a search
/// over a text without that text is skipped. For patterns searched over whole files
/// whose leading text is short or absent.
#[derive(Clone, Debug)]
pub struct Gated {
    re: Regex,
    needs: Option<Regex>,
}

impl Gated {
    /// Compiles `pattern` as [`regex`] does.
    pub fn new(pattern: &str) -> Result<Gated, regex::Error> {
        Ok(Gated {
            re: regex(pattern)?,
            needs: required_text(pattern),
        })
    }

    pub fn regex(&self) -> &Regex {
        &self.re
    }

    /// The search for the required text, when one could be told.
    pub fn required(&self) -> Option<&Regex> {
        self.needs.as_ref()
    }

    /// Whether `text` may hold a match: it holds the required text.
    pub fn may_match(&self, text: &str) -> bool {
        self.needs.as_ref().is_none_or(|n| n.is_match(text))
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.may_match(text) && self.re.is_match(text)
    }

    pub fn find_iter<'r, 'h>(&'r self, text: &'h str) -> impl Iterator<Item = regex::Match<'h>> + 'r
    where
        'h: 'r,
    {
        self.may_match(text)
            .then(|| self.re.find_iter(text))
            .into_iter()
            .flatten()
    }

    pub fn captures_iter<'r, 'h>(
        &'r self,
        text: &'h str,
    ) -> impl Iterator<Item = regex::Captures<'h>> + 'r
    where
        'h: 'r,
    {
        self.may_match(text)
            .then(|| self.re.captures_iter(text))
            .into_iter()
            .flatten()
    }
}

/// A search for text every match of `pattern` contains, to skip the pattern's own
/// search over a file that holds none of it: the regex crate looks for a pattern's
/// leading text itself, but not for text inside it (`(?m)^[ \t]*(?:cardNumber|cvv)…`,
/// `(?:^|[^?\w])grant_type=password`, `\.\s*verify`), and searches those several times
/// slower. `None` when no such text of at least three characters can be told. Letters
/// under `(?i)` are searched under `(?i)`, which folds case as the pattern does.
pub fn required_text(pattern: &str) -> Option<Regex> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(&ascii_bounds(pattern))
        .ok()?;
    let texts = required(&hir)?;
    if texts.len() > 64 || texts.iter().any(|t| t.text.chars().count() < 3) {
        return None;
    }
    let alternation: Vec<String> = texts
        .iter()
        .map(|t| {
            let escaped = regex::escape(&t.text);
            if t.any_case {
                format!("(?i:{escaped})")
            } else {
                escaped
            }
        })
        .collect();
    Regex::new(&alternation.join("|")).ok()
}

/// The fewest bytes a match of `pattern` has (`None` when it cannot be parsed or has
/// no match): a text shorter than that need not be searched.
pub fn minimum_len(pattern: &str) -> Option<usize> {
    regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?
        .properties()
        .minimum_len()
}

/// Text a match must contain, and whether in any letter case.
#[derive(Clone, Debug, PartialEq)]
struct Required {
    text: String,
    any_case: bool,
}

/// Texts one of which every match of `hir` contains; `None` when that cannot be told.
fn required(hir: &regex_syntax::hir::Hir) -> Option<Vec<Required>> {
    use regex_syntax::hir::HirKind;
    match hir.kind() {
        HirKind::Capture(c) => required(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 => required(&r.sub),
        HirKind::Alternation(subs) => {
            let mut all = Vec::new();
            for s in subs {
                all.extend(required(s)?);
            }
            Some(all)
        }
        HirKind::Concat(subs) => {
            // the runs of single characters, and what each other part requires: every
            // match holds all of them, and the one whose shortest text is longest is
            // kept (the fewest false hopes)
            let mut candidates: Vec<Vec<Required>> = Vec::new();
            let mut run: Option<Required> = None;
            for s in subs {
                match unit(s) {
                    Some(u) => {
                        let r = run.get_or_insert(Required {
                            text: String::new(),
                            any_case: false,
                        });
                        r.text.push_str(&u.text);
                        r.any_case |= u.any_case;
                    }
                    None => {
                        candidates.extend(run.take().map(|r| vec![r]));
                        candidates.extend(required(s));
                    }
                }
            }
            candidates.extend(run.map(|r| vec![r]));
            candidates
                .into_iter()
                .max_by_key(|c| c.iter().map(|r| r.text.chars().count()).min().unwrap_or(0))
        }
        _ => unit(hir).map(|u| vec![u]),
    }
}

/// A literal, or a class of one character or of one ASCII letter in both cases.
fn unit(hir: &regex_syntax::hir::Hir) -> Option<Required> {
    use regex_syntax::hir::{Class, HirKind};
    match hir.kind() {
        HirKind::Literal(l) => Some(Required {
            text: String::from_utf8(l.0.to_vec()).ok()?,
            any_case: false,
        }),
        HirKind::Class(Class::Unicode(c)) => {
            let first = c.ranges().first()?.start();
            if c.ranges().len() == 1 && c.ranges()[0].end() == first {
                return Some(Required {
                    text: first.to_string(),
                    any_case: false,
                });
            }
            // exactly the letters `(?i)` folds an ASCII letter to (`k` also to the
            // Kelvin sign): the required text searched under `(?i)` folds the same way
            let folded = regex_syntax::ParserBuilder::new()
                .case_insensitive(true)
                .build()
                .parse(&first.to_string())
                .ok()?;
            (first.is_ascii_alphabetic() && folded == *hir).then(|| Required {
                text: first.to_ascii_lowercase().to_string(),
                any_case: true,
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_text_is_inside_a_pattern_too() {
        let needs = |p: &str| required_text(p).map(|r| r.as_str().to_string());
        // an alternation inside, after an anchor and a repetition
        assert_eq!(
            needs(r"(?m)^[ \t]*(?P<report>(?:cardNumber|cvv))[ \t]*:").as_deref(),
            Some("cardNumber|cvv")
        );
        // each branch's own text
        assert_eq!(
            needs(r"(?:^|[^?\w])(?P<report>grant_type=password)\b|/token\?grant_type=pw\b")
                .as_deref(),
            Some(r"grant_type=password|/token\?grant_type=pw")
        );
        // letters of any case; an optional part ends a run, the longest run is kept
        let r = required_text(r"(?i)\bcard_?number\b").expect("some text");
        assert_eq!(r.as_str(), "(?i:number)");
        assert!(r.is_match("const CardNUMBER = 1") && !r.is_match("card_no"));
        // a repetition of at least one keeps its text; one of none does not
        assert_eq!(needs(r"\s*(?:abc)+\s*").as_deref(), Some("abc"));
        assert_eq!(needs(r"x(?:abc)*y"), None);
        // too short to be worth a search, or no text at all
        assert_eq!(needs(r"\bab\b|abcdef"), None);
        assert_eq!(needs(r"\w+\s*=\s*\d+"), None);
        // `k` and `s` fold to other letters too (the Kelvin sign), as they do in the
        // search for the required text
        let r = required_text(r"(?i)\btokens?\b").expect("some text");
        assert_eq!(r.as_str(), "(?i:token)");
        assert!(r.is_match("TOKEN") && r.is_match("to\u{212A}en"));
        // a class of letters that are not one letter's cases is no text
        assert_eq!(needs(r"[ab]cde[xy]"), Some("cde".to_string()));
        assert_eq!(needs(r"[Ab]cd"), None);
    }

    #[test]
    fn word_boundaries_become_ascii() {
        assert_eq!(ascii_bounds(r"\bfoo\b"), r"(?-u:\b)foo(?-u:\b)");
        assert_eq!(ascii_bounds(r"(?i)\Bx"), r"(?i)(?-u:\B)x");
    }

    #[test]
    fn everything_else_is_left_alone() {
        for p in [
            r"\\b",
            r"[\b]",
            r"[^\]\b]x",
            r"[]\b]",
            r"[[:alpha:]\b]",
            r"\b{start}x",
            r"(?-u:\b)x",
            r"\d\w\s\.",
        ] {
            assert_eq!(ascii_bounds(p), p, "{p}");
        }
        assert_eq!(ascii_bounds(r"[a]\b"), r"[a](?-u:\b)");
        assert_eq!(ascii_bounds(r"[[:alpha:]]\b"), r"[[:alpha:]](?-u:\b)");
    }

    #[test]
    fn matches_as_before_on_code_and_stays_fast_on_unicode_text() {
        let re = regex(r"\b(?:token|secret)\b").expect("compiles");
        let text = "// clé secrète 🔑\nconst token = x; const tokens = y;";
        let found: Vec<&str> = re.find_iter(text).map(|m| m.as_str()).collect();
        assert_eq!(found, ["token"]);
        assert!(regex(r"\bfoo(").is_err());
        let set = regex_set([r"\bab\b", r"\bcd"]).expect("compiles");
        assert_eq!(set.matches("x cd é").into_iter().collect::<Vec<_>>(), [1]);
    }
}
