//! Inline suppressions: `shipsafe-ignore[rule/id]: reason` in a comment on the finding's
//! line, or alone on the line above it. Works in every language scanned, since it only
//! needs a comment opener (`//`, `#`, `/*`, `--`, `<!--`) before it on its line.

use crate::source::SourceText;

pub const MARKER: &str = "shipsafe-ignore";

/// One `shipsafe-ignore` comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlineSuppression {
    /// 0-based line of the comment.
    pub line: usize,
    /// The comment is alone on its line, so it covers the next line too.
    pub own_line: bool,
    /// Rule ids or prefixes (`auth/`); empty when the comment names none.
    pub rules: Vec<String>,
    pub reason: String,
}

impl InlineSuppression {
    /// Whether it covers a finding of `rule` on 0-based `line`.
    pub fn covers(&self, rule: &str, line: usize) -> bool {
        (self.line == line || (self.own_line && self.line + 1 == line))
            && self.rules.iter().any(|r| matches_rule(r, rule))
    }
}

/// Whether a rule selector (an id, or a prefix such as `auth/`) selects `rule`.
pub fn matches_rule(selector: &str, rule: &str) -> bool {
    selector == rule || (selector.ends_with('/') && rule.starts_with(selector))
}

const OPENERS: [&str; 5] = ["//", "#", "/*", "--", "<!--"];

/// Every `shipsafe-ignore` comment of a file.
pub fn parse(src: &SourceText) -> Vec<InlineSuppression> {
    let mut out = Vec::new();
    if !src.text.contains(MARKER) {
        return out;
    }
    for line_no in 0..src.line_count() {
        let line = src.line(line_no);
        let Some(at) = line.find(MARKER) else {
            continue;
        };
        let before = &line[..at];
        let Some(opener) = OPENERS
            .iter()
            .filter_map(|o| before.rfind(o).map(|p| (p, o)))
            .max_by_key(|(p, _)| *p)
        else {
            continue;
        };
        // The marker opens the comment: a doc comment that mentions it is not one.
        if !before[opener.0 + opener.1.len()..].trim().is_empty() {
            continue;
        }
        let code_before = before[..opener.0].trim();
        let own_line = code_before.is_empty() || code_before == "{";
        let rest = &line[at + MARKER.len()..];
        let (rules, after) = match rest.strip_prefix('[') {
            Some(r) => match r.split_once(']') {
                Some((ids, after)) => (
                    ids.split(',')
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty())
                        .collect(),
                    after,
                ),
                None => (Vec::new(), r),
            },
            None => (Vec::new(), rest),
        };
        let reason = after
            .trim_start()
            .strip_prefix(':')
            .unwrap_or("")
            .trim()
            .trim_end_matches("*/")
            .trim_end_matches("-->")
            .trim_end_matches('}')
            .trim_end_matches("*/")
            .trim()
            .to_string();
        out.push(InlineSuppression {
            line: line_no,
            own_line,
            rules,
            reason,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_comment_styles() {
        let src = SourceText::new(
            [
                "const k = 'x'; // shipsafe-ignore[secrets/hardcoded-credential]: test key",
                "# shipsafe-ignore[auth/, secrets/x]: reviewed",
                "{/* shipsafe-ignore[a/b]: jsx */}",
                "-- shipsafe-ignore: no id",
                "let s = \"shipsafe-ignore[a/b]\"; ",
            ]
            .join("\n"),
        );
        let s = parse(&src);
        assert_eq!(s.len(), 4);
        assert!(!s[0].own_line);
        assert_eq!(s[0].rules, vec!["secrets/hardcoded-credential"]);
        assert_eq!(s[0].reason, "test key");
        assert!(s[1].own_line);
        assert!(s[1].covers("auth/jwt-unverified", 2));
        assert!(!s[1].covers("secrets/hardcoded-credential", 2));
        assert_eq!(s[2].reason, "jsx");
        assert!(s[3].rules.is_empty());
        assert!(!s[0].covers("secrets/hardcoded-credential", 1));
    }
}
