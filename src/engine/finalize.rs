//! From what rules reported to [`Finding`]s: locations, redacted snippets and windows,
//! fingerprints, suppressions, and notes about suppression comments.

use std::collections::HashMap;

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use super::{Note, RuleSet};
use crate::finding::{Finding, Related, Span, Suppression, Window};
use crate::redact::{credential_shaped_in, mask_credentials, mask_ranges};
use crate::rules::{FileCx, RawFinding};
use crate::source::SourceText;
use crate::suppress::{self, matches_rule};

/// Longest window shown around a finding; longer lines are cut around the span.
const MAX_WINDOW: usize = 2000;

pub(super) fn finalize(
    cx: &FileCx<'_>,
    rules: &RuleSet,
    mut raw: Vec<RawFinding>,
) -> (Vec<Finding>, Vec<Note>) {
    let src = cx.src;
    let clamp = |range: &mut std::ops::Range<usize>| {
        range.end = src.ceil_char_boundary(range.end.min(src.text.len()));
        range.start = src.floor_char_boundary(range.start.min(range.end));
    };
    for r in &mut raw {
        clamp(&mut r.range);
        for (range, _) in &mut r.related {
            clamp(range);
        }
        r.related.sort_by_key(|(range, _)| range.start);
    }
    raw.sort_by_key(|r| (r.range.start, r.rule, r.range.end));
    // One finding per rule per line.
    let mut seen = std::collections::HashSet::new();
    raw.retain(|r| seen.insert((r.rule, src.line_index(r.range.start))));
    let secrets: Vec<std::ops::Range<usize>> =
        raw.iter().flat_map(|r| r.secrets.iter().cloned()).collect();
    // what is printed is masked over every credential-shaped token of the file, not only
    // the secrets reported: a key beside a reported one never shows
    let mut masked = secrets.clone();
    if !raw.is_empty() {
        masked.extend(credential_shaped_in(&src.text, &printed_regions(src, &raw)));
    }

    let suppressions = suppress::parse(src);
    let mut used = vec![false; suppressions.len()];
    let mut occurrences: HashMap<(usize, String), usize> = HashMap::new();
    let mut occurrences_v1: HashMap<(usize, String), usize> = HashMap::new();
    let mut findings = Vec::with_capacity(raw.len());
    for r in raw {
        let meta = rules.meta(r.rule);
        let (start_line, start_column) = src.line_col(r.range.start);
        let (end_line, end_column) = src.line_col(r.range.end);
        let window = window(src, &r.range, &masked);
        let snippet = snippet(src, start_line, end_line, &masked);
        let code = identity(cx, &r.range, &r.secrets);
        let n = occurrences.entry((r.rule, code.clone())).or_insert(0);
        let fingerprint = fingerprint(&meta.id, cx.path, &code, *n);
        *n += 1;
        // the version 1 fingerprint, for baselines written before: the whole lines
        let lines = self::snippet(src, start_line, end_line, &secrets);
        let lines: String = lines.chars().filter(|c| !c.is_whitespace()).collect();
        let n = occurrences_v1.entry((r.rule, lines.clone())).or_insert(0);
        let fingerprint_v1 = self::fingerprint(&meta.id, cx.path, &lines, *n);
        *n += 1;
        let suppressed = suppressions
            .iter()
            .enumerate()
            .find(|(_, s)| s.covers(&meta.id, start_line - 1))
            .map(|(i, s)| {
                used[i] = true;
                Suppression {
                    kind: "inSource",
                    reason: mask_credentials(&s.reason),
                    line: s.line + 1,
                }
            });
        let related = r
            .related
            .iter()
            .map(|(range, message)| {
                let (start_line, start_column) = src.line_col(range.start);
                let (end_line, end_column) = src.line_col(range.end);
                Related {
                    message: mask_credentials(message),
                    span: Span {
                        start_line,
                        start_column,
                        end_line,
                        end_column,
                        bytes: range.clone(),
                    },
                    snippet: self::snippet(src, start_line, end_line, &masked),
                    window: self::window(src, range, &masked),
                }
            })
            .collect();
        findings.push(Finding {
            rule_id: meta.id.clone(),
            severity: rules.severity(r.rule),
            confidence: r.confidence.unwrap_or(meta.confidence),
            message: mask_credentials(&r.message),
            path: cx.path.to_string(),
            span: Span {
                start_line,
                start_column,
                end_line,
                end_column,
                bytes: r.range.clone(),
            },
            snippet,
            fingerprint,
            fingerprint_v1,
            suppressed,
            window,
            related,
            unless: r.unless,
        });
    }

    let mut notes = Vec::new();
    for (i, s) in suppressions.iter().enumerate() {
        let note = |message: String| Note {
            path: cx.path.to_string(),
            line: Some(s.line + 1),
            message,
        };
        if s.rules.is_empty() {
            notes.push(note(format!(
                "`{}` without a rule id suppresses nothing: write `{}[rule/id]: reason`",
                suppress::MARKER,
                suppress::MARKER
            )));
            continue;
        }
        let active: Vec<&String> = s
            .rules
            .iter()
            .filter(|sel| rules.ids().any(|id| matches_rule(sel, id)))
            .collect();
        for sel in &s.rules {
            if !rules.is_known(sel) {
                notes.push(note(format!("`{}[{sel}]` names no rule", suppress::MARKER)));
            }
        }
        if !used[i] && !active.is_empty() {
            notes.push(note(format!(
                "`{}[{}]` matches no finding on this line or the next: remove it",
                suppress::MARKER,
                s.rules.join(", ")
            )));
        } else if used[i] && s.reason.is_empty() {
            notes.push(note(format!(
                "`{}` has no reason: write `{}[rule/id]: why this is safe`",
                suppress::MARKER,
                suppress::MARKER
            )));
        }
    }
    // a suppression comment is quoted in its notes: masked before it is cached
    for n in &mut notes {
        n.message = mask_credentials(&n.message);
    }
    (findings, notes)
}

/// The redacted lines around a span (one line of context each side).
/// The lines a report may print of a file for these findings (their windows and
/// snippets), with a few lines more each side so that a token whose name stands on an
/// earlier line (`password:` then the value) is still read whole; merged, in order.
fn printed_regions(src: &SourceText, raw: &[RawFinding]) -> Vec<std::ops::Range<usize>> {
    const MARGIN: usize = 4;
    let last_line = src.line_count().saturating_sub(1);
    let mut regions: Vec<std::ops::Range<usize>> = raw
        .iter()
        .flat_map(|r| std::iter::once(&r.range).chain(r.related.iter().map(|(range, _)| range)))
        .map(|range| {
            let first = src.line_index(range.start).saturating_sub(MARGIN);
            let last = (src.line_index(range.end) + MARGIN).min(last_line);
            src.line_range(first).start..src.line_range(last).end
        })
        .collect();
    regions.sort_by_key(|r| r.start);
    let mut merged: Vec<std::ops::Range<usize>> = Vec::new();
    for r in regions {
        match merged.last_mut() {
            Some(m) if r.start <= m.end => m.end = m.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

fn window(
    src: &SourceText,
    range: &std::ops::Range<usize>,
    secrets: &[std::ops::Range<usize>],
) -> Window {
    let first = src.line_index(range.start).saturating_sub(1);
    let last = (src.line_index(range.end) + 1).min(src.line_count() - 1);
    let mut start = src.line_range(first).start;
    let mut end = src.line_range(last).end.max(range.end);
    if end - start > MAX_WINDOW {
        // A very long line (minified code, a huge literal): show 200 bytes each side.
        let line = src.line_range(src.line_index(range.start));
        start = src.floor_char_boundary(range.start.saturating_sub(200).max(line.start));
        let span_end = range.end.min(start + MAX_WINDOW);
        end = src.ceil_char_boundary(
            (span_end + 200).min(src.line_range(src.line_index(span_end)).end.max(span_end)),
        );
    }
    let (first_line, first_column) = src.line_col(start);
    let text = mask_ranges(&src.text[start..end], start, secrets);
    let span_start = range.start.clamp(start, end) - start;
    let span_end = range.end.clamp(start, end) - start;
    Window {
        text,
        first_line,
        first_column,
        span: span_start..span_end,
    }
}

/// The redacted full lines of a span, trimmed; very long lines are cut.
fn snippet(
    src: &SourceText,
    start_line: usize,
    end_line: usize,
    secrets: &[std::ops::Range<usize>],
) -> String {
    let from = src.line_range(start_line - 1).start;
    let to = src.line_range(end_line - 1).end;
    let mut s = mask_ranges(&src.text[from..to], from, secrets);
    if s.len() > 400 {
        let cut = crate::source::floor_char_boundary(&s, 400);
        s.truncate(cut);
        s.push('…');
    }
    s.trim().to_string()
}

/// The code that identifies a finding within its file: the secrets it reports, each as
/// a keyed hash of its value, or else the span the rule reported without whitespace
/// and comments. The lines around it, and the statement it sits in, are not part of
/// it: a refactor that moves the expression keeps the finding's identity.
fn identity(
    cx: &FileCx<'_>,
    range: &std::ops::Range<usize>,
    secrets: &[std::ops::Range<usize>],
) -> String {
    let text = &cx.src.text;
    if !secrets.is_empty() {
        return secrets
            .iter()
            .filter_map(|s| text.get(s.clone()))
            .map(secret_hash)
            .collect::<Vec<_>>()
            .join(",");
    }
    let comments = cx.comments();
    let mut code = String::with_capacity(range.len());
    let mut at = range.start;
    for c in comments
        .iter()
        .filter(|c| c.start < range.end && range.start < c.end)
    {
        code.push_str(text.get(at..c.start.max(at)).unwrap_or_default());
        at = at.max(c.end);
    }
    code.push_str(text.get(at..range.end.max(at)).unwrap_or_default());
    code.retain(|c| !c.is_whitespace());
    if code.is_empty() {
        // an empty span (a whole-file finding): its line stands for it
        let line = cx.src.line_range(cx.src.line_index(range.start));
        code = text[line].chars().filter(|c| !c.is_whitespace()).collect();
    }
    code
}

/// The key of the secrets' hashes in fingerprints: the hash stands for the value, so a
/// fingerprint never holds a secret, and another key is another finding.
const SECRET_KEY: &[u8] = b"shipsafe fingerprint v2: secret value";

fn secret_hash(value: &str) -> String {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(SECRET_KEY) else {
        return String::new();
    };
    mac.update(value.as_bytes());
    let digest = mac.finalize().into_bytes();
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// A fingerprint from the rule, the path from the project root and the finding's
/// identity code, plus the occurrence number of the same code in the file.
fn fingerprint(rule: &str, path: &str, code: &str, occurrence: usize) -> String {
    let mut h = Sha256::new();
    h.update(rule.as_bytes());
    h.update([0]);
    h.update(path.as_bytes());
    h.update([0]);
    h.update(code.as_bytes());
    h.update([0]);
    h.update(occurrence.to_le_bytes());
    let digest = h.finalize();
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}
