//! A file's text and the mapping from byte offsets to lines and columns.

use std::ops::Range;

/// One scanned file's text, read once.
pub struct SourceText {
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceText {
    pub fn new(text: String) -> Self {
        let mut line_starts = vec![0];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(i + 1);
            }
        }
        SourceText { text, line_starts }
    }

    /// 0-based line index of a byte offset.
    pub fn line_index(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// 1-based line and 1-based column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let line = self.line_index(offset);
        let start = self.line_starts[line];
        let col = self.text[start..offset].chars().count() + 1;
        (line + 1, col)
    }

    /// Byte offset of a 1-based line and 1-based character column; clamped to the text.
    pub fn offset_of(&self, line: usize, col: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let line_end = self.line_range(line.saturating_sub(1)).end;
        self.text[start..line_end]
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(line_end, |(i, _)| start + i)
    }

    /// Byte range of a 0-based line, without its line ending.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let start = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        let mut end = self
            .line_starts
            .get(line + 1)
            .map_or(self.text.len(), |next| next - 1);
        if end > start && self.text.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        start..end.max(start)
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Text of a 0-based line, without its line ending.
    pub fn line(&self, line: usize) -> &str {
        &self.text[self.line_range(line)]
    }

    pub fn floor_char_boundary(&self, offset: usize) -> usize {
        floor_char_boundary(&self.text, offset)
    }

    pub fn ceil_char_boundary(&self, offset: usize) -> usize {
        ceil_char_boundary(&self.text, offset)
    }
}

/// The start of the character holding byte `offset` of `text` (its length past the end):
/// where to cut a text at a byte count without splitting a character.
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The start of the first character at or after byte `offset` of `text` (its length
/// past the end).
pub fn ceil_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
}

/// A file's text as the scan reads it: decoded once, for the facts pass and the rules
/// alike.
pub struct Decoded {
    pub text: String,
    /// What decoding changed, for the scan's notes (UTF-16 decoded, bad bytes replaced).
    pub notes: Vec<String>,
    /// The text is exactly the file's bytes (nothing decoded, replaced or dropped).
    pub unchanged: bool,
}

/// Decodes a file's bytes: UTF-16 with a byte order mark is decoded, invalid UTF-8 is
/// replaced (with a note each), a UTF-8 byte order mark is dropped. A file with a NUL
/// byte in its first 8 KiB is binary: `Err` with the note that says so.
pub fn decode(bytes: Vec<u8>) -> Result<Decoded, String> {
    let mut notes = Vec::new();
    let bytes = match decode_utf16(&bytes) {
        Some(text) => {
            notes.push("UTF-16 text: decoded before scanning".to_string());
            text.into_bytes()
        }
        None => bytes,
    };
    if bytes[..bytes.len().min(8192)].contains(&0) {
        return Err("binary file: not scanned".into());
    }
    let mut text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            notes.push("invalid UTF-8: scanned with the bad bytes replaced".to_string());
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    };
    let bom = text.starts_with('\u{feff}');
    if bom {
        text.drain(..3);
    }
    let unchanged = notes.is_empty() && !bom;
    Ok(Decoded {
        text,
        notes,
        unchanged,
    })
}

/// Bytes as text, invalid UTF-8 replaced: borrowed when valid, which is checked by
/// `str::from_utf8` (several times faster on source files than the byte-by-byte
/// check `String::from_utf8_lossy` starts with).
pub fn lossy(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// Text with a UTF-16 byte order mark, decoded (columns then count characters as usual).
fn decode_utf16(bytes: &[u8]) -> Option<String> {
    let le = match bytes {
        [0xFF, 0xFE, ..] => true,
        [0xFE, 0xFF, ..] => false,
        _ => return None,
    };
    let units = bytes[2..].chunks_exact(2).map(|c| {
        if le {
            u16::from_le_bytes([c[0], c[1]])
        } else {
            u16::from_be_bytes([c[0], c[1]])
        }
    });
    Some(
        char::decode_utf16(units)
            .map(|r| r.unwrap_or('\u{FFFD}'))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lossy_borrows_valid_text_and_replaces_bad_bytes() {
        assert!(matches!(
            lossy("fn é() {}".as_bytes()),
            std::borrow::Cow::Borrowed("fn é() {}")
        ));
        assert_eq!(lossy(b"a\xffb"), "a\u{FFFD}b");
    }

    #[test]
    fn lines_and_columns_with_crlf_and_unicode() {
        let s = SourceText::new("ab\r\ncé d\nlast".to_string());
        assert_eq!(s.line_col(0), (1, 1));
        assert_eq!(s.line_col(4), (2, 1));
        let d = s.text.find('d').unwrap();
        assert_eq!(s.line_col(d), (2, 4));
        assert_eq!(s.line(0), "ab");
        assert_eq!(s.line(1), "cé d");
        assert_eq!(s.line(2), "last");
        assert_eq!(s.offset_of(2, 4), d);
        assert_eq!(s.line_count(), 3);
    }
}
