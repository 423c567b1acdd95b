//! Words of plain text, for the searches that run on a file's text rather than its tree.

/// Every identifier of a text (a run of letters, digits, `_` and `$` not starting with
/// a digit) with its byte offset, in one pass.
pub fn identifiers(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let is_id = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        loop {
            let (start, first) = chars.next()?;
            if !is_id(first) {
                continue;
            }
            let mut end = start + first.len_utf8();
            while let Some(&(i, c)) = chars.peek() {
                if !is_id(c) {
                    break;
                }
                end = i + c.len_utf8();
                chars.next();
            }
            if !first.is_ascii_digit() {
                return Some((start, &text[start..end]));
            }
        }
    })
}

/// Splits identifiers into lowercase words: `sendCustomerEmail` -> `send customer email`,
/// `ensure_member` -> `ensure member`.
pub fn split_words(t: &str) -> String {
    let mut out = String::with_capacity(t.len() + 8);
    let mut prev_lower = false;
    for c in t.chars() {
        if c.is_uppercase() && prev_lower {
            out.push(' ');
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        if c == '_' || c == '-' {
            out.push(' ');
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// A text without its whitespace (a callee's name written over lines,
/// `openai.chat\n  .completions.create`), copied only when it has any: most names have
/// none.
pub fn without_whitespace(t: &str) -> std::borrow::Cow<'_, str> {
    if t.contains(char::is_whitespace) {
        t.chars().filter(|c| !c.is_whitespace()).collect()
    } else {
        t.into()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn identifiers_with_offsets() {
        let found: Vec<(usize, &str)> = super::identifiers("a.b_c(1x, $d) é2 _").collect();
        assert_eq!(
            found,
            [(0, "a"), (2, "b_c"), (10, "$d"), (14, "é2"), (18, "_")]
        );
    }

    #[test]
    fn names_split_into_words() {
        assert_eq!(
            super::split_words("loadItemAndAssertAccess"),
            "load item and assert access"
        );
        assert_eq!(super::split_words("ensure_member"), "ensure member");
        assert_eq!(super::split_words("db.requireOrg"), "db.require org");
    }
}
