//! Masking secret values. A finding's secret never leaves the process: every output is
//! built from text that went through [`mask_ranges`], over the secrets the rules
//! reported and every other credential-shaped token of the file
//! ([`credential_shaped`]); messages, notes and suppression reasons go through
//! [`mask_credentials`].

use std::ops::Range;

pub use crate::rules::secrets::patterns::{credential_shaped, credential_shaped_in};

/// A text with every credential-shaped token in it masked.
pub fn mask_credentials(text: &str) -> String {
    let shaped = credential_shaped(text);
    if shaped.is_empty() {
        return text.to_string();
    }
    mask_ranges(text, 0, &shaped)
}

/// How many leading characters of a secret stay visible.
pub fn visible_prefix(len: usize) -> usize {
    (len / 4).min(8)
}

/// Masks byte ranges of `text` in place of their characters, keeping a short prefix of
/// each, keeping line breaks, and keeping the byte length (so spans stay valid).
pub fn mask_ranges(text: &str, base: usize, ranges: &[Range<usize>]) -> String {
    let end = base + text.len();
    let ranges: Vec<Range<usize>> = ranges
        .iter()
        .filter(|r| r.start < end && base < r.end)
        .cloned()
        .collect();
    let mut out = String::with_capacity(text.len());
    let mut chars_seen_in: Vec<usize> = vec![0; ranges.len()];
    let lens: Vec<usize> = ranges
        .iter()
        .map(|r| r.end.saturating_sub(r.start))
        .collect();
    for (i, c) in text.char_indices() {
        let abs = base + i;
        let hit = ranges.iter().position(|r| r.start <= abs && abs < r.end);
        match hit {
            Some(k) if c != '\n' && c != '\r' => {
                let seen = chars_seen_in[k];
                chars_seen_in[k] += c.len_utf8();
                if seen < visible_prefix(lens[k]) && c.is_ascii() {
                    out.push(c);
                } else {
                    for _ in 0..c.len_utf8() {
                        out.push('*');
                    }
                }
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
    fn masks_all_but_a_prefix_and_keeps_length() {
        let text = "key = \"sk_live_abcdefghijklmnopqrstuvwx\";";
        let start = text.find("sk_").unwrap();
        let end = text.rfind('"').unwrap();
        let out = mask_ranges(text, 0, std::slice::from_ref(&(start..end)));
        assert_eq!(out.len(), text.len());
        assert!(out.contains("sk_live_****"));
        assert!(!out.contains("abcdef"));
    }

    #[test]
    fn keeps_line_breaks_and_respects_base() {
        let out = mask_ranges("AB\nCDEFGH", 10, std::slice::from_ref(&(10..19)));
        assert_eq!(out, "AB\n******");
    }

    #[test]
    fn messages_lose_every_credential() {
        let out = mask_credentials("key AKIAQ3EGUWBL7NZ4XK2P and password = \"hunter2hunter2\"");
        assert!(!out.contains("AKIAQ3EGUWBL7NZ4XK2P"), "{out}");
        assert!(!out.contains("hunter2hunter2"), "{out}");
        assert_eq!(mask_credentials("no secret here"), "no secret here");
    }
}
