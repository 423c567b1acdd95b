//! Key/value pairs of configuration formats (`.env`, YAML, TOML, JSON, Dockerfile),
//! read line by line. Rules that look for secret-named settings share this reader.

use std::ops::Range;

use super::Lang;
use super::comments::env_inline_comment;

/// One `key = value` setting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyValue {
    pub key: String,
    pub key_range: Range<usize>,
    /// The value without quotes.
    pub value: String,
    pub value_range: Range<usize>,
}

/// The settings of a configuration file, in order.
pub fn key_values(lang: Lang, text: &str) -> Vec<KeyValue> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        if let Some(kv) = parse_line(lang, body) {
            out.push(KeyValue {
                key: kv.key,
                key_range: offset + kv.key_range.start..offset + kv.key_range.end,
                value: kv.value,
                value_range: offset + kv.value_range.start..offset + kv.value_range.end,
            });
        }
        offset += line.len();
    }
    out
}

fn parse_line(lang: Lang, line: &str) -> Option<KeyValue> {
    let indent = line.len() - line.trim_start().len();
    let t = &line[indent..];
    if t.starts_with('#') || t.starts_with("//") || t.is_empty() {
        return None;
    }
    match lang {
        Lang::Env => {
            let (k_off, rest) = match t.strip_prefix("export ") {
                Some(r) => (indent + 7, r),
                None => (indent, t),
            };
            let eq = rest.find('=')?;
            let end = env_inline_comment(line).unwrap_or(line.len());
            split_at(line, k_off, k_off + eq, k_off + eq + 1, end)
        }
        Lang::Yaml => {
            // `- KEY=value` (compose environment lists) or `key: value`
            if let Some(item) = t.strip_prefix("- ") {
                let start = indent + 2;
                if let Some(eq) = item.find('=')
                    && !item[..eq].contains([' ', ':'])
                {
                    return split_at(line, start, start + eq, start + eq + 1, strip_hash(line));
                }
                let colon = item.find(": ")?;
                return split_at(
                    line,
                    start,
                    start + colon,
                    start + colon + 1,
                    strip_hash(line),
                );
            }
            let colon = t.find(':')?;
            if t.as_bytes()
                .get(colon + 1)
                .is_some_and(|c| !c.is_ascii_whitespace())
            {
                return None;
            }
            split_at(
                line,
                indent,
                indent + colon,
                indent + colon + 1,
                strip_hash(line),
            )
        }
        Lang::Toml => {
            let eq = t.find('=')?;
            split_at(line, indent, indent + eq, indent + eq + 1, strip_hash(line))
        }
        Lang::Json => {
            let t2 = t.strip_prefix('"')?;
            let kend = t2.find('"')?;
            let colon = t2[kend..].find(':')? + kend;
            let key_start = indent + 1;
            let vstart = key_start + colon + 1;
            let mut end = line.trim_end().len();
            if line[..end].ends_with(',') {
                end -= 1;
            }
            let mut kv = split_at(line, key_start, key_start + kend, vstart, end)?;
            kv.key = line[key_start..key_start + kend].to_string();
            Some(kv)
        }
        Lang::Dockerfile => {
            let upper = t.get(..4)?.to_ascii_uppercase();
            if upper != "ENV " && upper != "ARG " {
                return None;
            }
            let start = indent + 4 + (t[4..].len() - t[4..].trim_start().len());
            let rest = &line[start..];
            let sep = rest.find(['=', ' '])?;
            split_at(
                line,
                start,
                start + sep,
                start + sep + 1,
                line.trim_end().len(),
            )
        }
        _ => None,
    }
}

fn strip_hash(line: &str) -> usize {
    // a ` #` outside quotes starts a comment in YAML and TOML
    let mut quote = None;
    let b = line.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        match (quote, c) {
            (None, b'"' | b'\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, b'#') if i > 0 && b[i - 1].is_ascii_whitespace() => {
                return line[..i].trim_end().len();
            }
            _ => {}
        }
    }
    line.trim_end().len()
}

fn split_at(line: &str, ks: usize, ke: usize, vs: usize, ve: usize) -> Option<KeyValue> {
    let key_raw = line.get(ks..ke)?;
    let key = key_raw.trim().trim_matches(['"', '\'']);
    if key.is_empty() || key.contains(char::is_whitespace) {
        return None;
    }
    let key_start = ks + key_raw.find(key)?;
    let raw = line.get(vs..ve.max(vs))?;
    let lead = raw.len() - raw.trim_start().len();
    let v = raw.trim();
    let (value, vstart) = match v.as_bytes().first() {
        Some(q @ (b'"' | b'\'')) if v.len() >= 2 && v.as_bytes()[v.len() - 1] == *q => {
            (&v[1..v.len() - 1], vs + lead + 1)
        }
        _ => (v, vs + lead),
    };
    Some(KeyValue {
        key: key.to_string(),
        key_range: key_start..key_start + key.len(),
        value: value.to_string(),
        value_range: vstart..vstart + value.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(lang: Lang, text: &str) -> Vec<(String, String)> {
        key_values(lang, text)
            .into_iter()
            .map(|kv| {
                assert_eq!(&text[kv.value_range.clone()], kv.value);
                assert_eq!(&text[kv.key_range.clone()], kv.key);
                (kv.key, kv.value)
            })
            .collect()
    }

    #[test]
    fn env_yaml_toml_json_docker() {
        assert_eq!(
            pairs(Lang::Env, "export A=1\nB=\"two\" # c\n# x=y\nC=x#y\n"),
            vec![
                ("A".into(), "1".into()),
                ("B".into(), "two".into()),
                ("C".into(), "x#y".into())
            ]
        );
        assert_eq!(
            pairs(
                Lang::Yaml,
                "a: 'b'\nenv:\n  - KEY=v\n  url: http://x # note\n"
            ),
            vec![
                ("a".into(), "b".into()),
                ("env".into(), "".into()),
                ("KEY".into(), "v".into()),
                ("url".into(), "http://x".into())
            ]
        );
        assert_eq!(
            pairs(Lang::Toml, "key = \"v\" # c\n"),
            vec![("key".into(), "v".into())]
        );
        assert_eq!(
            pairs(Lang::Json, "  \"apiKey\": \"abc\",\n"),
            vec![("apiKey".into(), "abc".into())]
        );
        assert_eq!(
            pairs(Lang::Dockerfile, "ENV SECRET=abc\nARG TOKEN xyz\n"),
            vec![
                ("SECRET".into(), "abc".into()),
                ("TOKEN".into(), "xyz".into())
            ]
        );
    }
}
