//! Where the comments of a file are, for languages without a tree-sitter tree.
//! A small lexer that knows each language's comment and string syntax; good enough to
//! keep regex rules from matching inside comments.

use std::ops::Range;

use super::Lang;

/// Byte ranges of the comments of a file.
pub fn comment_ranges(lang: Lang, text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let (slash, hash, dash) = match lang {
        Lang::Rust | Lang::Prisma | Lang::Json => (true, false, false),
        Lang::TypeScript | Lang::Tsx | Lang::JavaScript => (true, false, false),
        Lang::Python | Lang::Yaml | Lang::Toml | Lang::Dockerfile => (false, true, false),
        Lang::Env => return env_comments(text),
        // a credential in a script's comment or a document is as exposed as one anywhere
        Lang::Text => return Vec::new(),
        Lang::Sql => (false, false, true),
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if (slash && c == b'/' && next == Some(b'/'))
            || (hash && c == b'#')
            || (dash && c == b'-' && next == Some(b'-'))
        {
            let end = memchr_newline(b, i);
            out.push(i..end);
            i = end;
        } else if (slash || dash) && c == b'/' && next == Some(b'*') {
            let end = text[i + 2..].find("*/").map_or(b.len(), |p| i + 2 + p + 2);
            out.push(i..end);
            i = end;
        } else if c == b'"' || c == b'`' || (c == b'\'' && lang != Lang::Rust) {
            i = skip_string(b, i, c);
        } else {
            i += 1;
        }
    }
    out
}

fn memchr_newline(b: &[u8], from: usize) -> usize {
    b[from..]
        .iter()
        .position(|&c| c == b'\n')
        .map_or(b.len(), |p| from + p)
}

fn skip_string(b: &[u8], start: usize, quote: u8) -> usize {
    let mut i = start + 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            c if c == quote => return i + 1,
            b'\n' if quote != b'`' && quote != b'"' => return i,
            _ => i += 1,
        }
    }
    b.len()
}

/// `.env` comments: a line starting with `#`, or ` #` after an unquoted value.
fn env_comments(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with('#') {
            let s = offset + (line.len() - trimmed.len());
            out.push(s..offset + line.trim_end().len());
        } else if let Some(p) = env_inline_comment(line) {
            out.push(offset + p..offset + line.trim_end().len());
        }
        offset += line.len();
    }
    out
}

/// Where the inline comment of a `KEY=value # comment` line starts.
pub fn env_inline_comment(line: &str) -> Option<usize> {
    let eq = line.find('=')?;
    let value = &line[eq + 1..];
    let vstart = eq + 1 + (value.len() - value.trim_start().len());
    let v = &line[vstart..];
    let after_quoted = match v.chars().next() {
        Some(q @ ('"' | '\'')) => v[1..].find(q).map(|p| vstart + 1 + p + 1)?,
        _ => vstart,
    };
    let rest = &line[after_quoted..];
    let hash = if after_quoted == vstart {
        rest.find(" #")
            .map(|p| p + 1)
            .or(rest.find("\t#").map(|p| p + 1))
            .or_else(|| rest.starts_with('#').then_some(0))
    } else {
        rest.find('#')
    }?;
    Some(after_quoted + hash)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_comments_outside_strings() {
        let src = "let a = \"// not\"; // yes\n/* b */ x";
        let r = comment_ranges(Lang::Rust, src);
        assert_eq!(r.len(), 2);
        assert_eq!(&src[r[0].clone()], "// yes");
        assert_eq!(&src[r[1].clone()], "/* b */");
    }

    #[test]
    fn env_inline_comments() {
        let src = "A=1 # c\nB=\"x # y\" # z\n# whole\nC=a#b\n";
        let r = env_comments(src);
        let got: Vec<&str> = r.iter().map(|r| &src[r.clone()]).collect();
        assert_eq!(got, vec!["# c", "# z", "# whole"]);
    }
}
