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

/// A search for text every match of `pattern` contains, to skip the pattern's own
/// search over a file that holds none of it: the regex crate looks for a pattern's
/// leading text itself, but not for text inside it (`(?m)^[ \t]*(?:cardNumber|cvv)…`,
/// `(?:^|[^?\w])grant_type=password`), and searches those several times slower. `None`
/// when no such text of at least three characters can be told (`(?i)` letters count
/// as case-insensitive text).
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
            let chars: Vec<char> = c
                .iter()
                .flat_map(|r| (r.start()..=r.end()).take(3))
                .take(3)
                .collect();
            match chars[..] {
                [one] => Some(Required {
                    text: one.to_string(),
                    any_case: false,
                }),
                [a, b] if a.is_ascii_alphabetic() && a.eq_ignore_ascii_case(&b) => Some(Required {
                    text: a.to_ascii_lowercase().to_string(),
                    any_case: true,
                }),
                _ => None,
            }
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
        // `k` and `s` match other letters under Unicode case folding (the Kelvin sign)
        assert_eq!(needs(r"(?i)ks").as_deref(), None);
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
