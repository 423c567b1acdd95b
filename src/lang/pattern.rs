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

#[cfg(test)]
mod tests {
    use super::*;

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
