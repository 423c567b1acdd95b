//! Supabase Storage buckets as the migrations make them: `insert into storage.buckets
//! (id, name, public) values (…)`, `update storage.buckets set public = …`, `delete from
//! storage.buckets`.

use std::sync::LazyLock;

use regex::Regex;

use super::objects::{ObjectEvent, split_top};

static INSERT: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(
        r#"(?is)^insert\s+into\s+"?storage"?\s*\.\s*"?buckets"?\s*\(([^)]*)\)\s*values\s*(.*)$"#,
    )
    .expect("regex compiles")
});
static UPDATE: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(
        r#"(?is)^update\s+"?storage"?\s*\.\s*"?buckets"?\s+set\s+(.*?)\s+where\s+(.*)$"#,
    )
    .expect("regex compiles")
});
static DELETE: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(
        r#"(?is)^delete\s+from\s+"?storage"?\s*\.\s*"?buckets"?\s+where\s+(.*)$"#,
    )
    .expect("regex compiles")
});
static PUBLIC_SET: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r#"(?i)\bpublic\s*=\s*(true|false|'t'|'f'|'true'|'false')"#)
        .expect("regex compiles")
});
static QUOTED: LazyLock<Regex> =
    LazyLock::new(|| crate::lang::pattern::regex(r"'([^']*)'").expect("regex compiles"));
static ON_CONFLICT: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r"(?i)\bon\s+conflict\b").expect("regex compiles")
});

fn truth(v: &str) -> Option<bool> {
    match v.trim().trim_matches('\'').to_ascii_lowercase().as_str() {
        "true" | "t" => Some(true),
        "false" | "f" => Some(false),
        _ => None,
    }
}

/// The bucket event of a statement, if it is one.
pub fn event(text: &str) -> Option<ObjectEvent> {
    let text = &text
        .lines()
        .map(|l| l.split_once("--").map_or(l, |(code, _)| code))
        .collect::<Vec<_>>()
        .join("\n");
    if let Some(c) = INSERT.captures(text) {
        let columns: Vec<String> = c[1]
            .split(',')
            .map(|s| s.trim().trim_matches('"').to_ascii_lowercase())
            .collect();
        let id_at = columns
            .iter()
            .position(|c| c == "id")
            .or_else(|| columns.iter().position(|c| c == "name"))?;
        let public_at = columns.iter().position(|c| c == "public");
        let rest = &c[2];
        let (rows, conflict) = match ON_CONFLICT.find(rest) {
            Some(m) => (&rest[..m.start()], &rest[m.start()..]),
            None => (rest, ""),
        };
        // `on conflict (id) do update set public = true`: the value the row ends with
        let forced = PUBLIC_SET.captures(conflict).and_then(|p| truth(&p[1]));
        let keep_existing =
            !conflict.is_empty() && !conflict.to_ascii_lowercase().contains("do update");
        let mut set = Vec::new();
        for row in split_top(rows.trim().trim_end_matches(';'), ',') {
            let row = row.trim();
            let Some(inner) = row.strip_prefix('(').and_then(|r| r.strip_suffix(')')) else {
                continue;
            };
            let values = split_top(inner, ',');
            let Some(id) = values
                .get(id_at)
                .map(|v| v.trim().trim_matches('\'').to_string())
            else {
                continue;
            };
            let public = public_at
                .and_then(|i| values.get(i))
                .and_then(|v| truth(v))
                .unwrap_or(false);
            set.push((id, forced.unwrap_or(public)));
        }
        return (!set.is_empty()).then_some(ObjectEvent::Buckets { set, keep_existing });
    }
    if let Some(c) = UPDATE.captures(text) {
        let public = truth(&PUBLIC_SET.captures(&c[1])?[1])?;
        let ids: Vec<(String, bool)> = QUOTED
            .captures_iter(&c[2])
            .map(|q| (q[1].to_string(), public))
            .collect();
        return (!ids.is_empty()).then_some(ObjectEvent::Buckets {
            set: ids,
            keep_existing: false,
        });
    }
    if let Some(c) = DELETE.captures(text) {
        let ids: Vec<String> = QUOTED
            .captures_iter(&c[1])
            .map(|q| q[1].to_string())
            .collect();
        return (!ids.is_empty()).then_some(ObjectEvent::DropBuckets(ids));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_are_read_from_inserts_updates_and_deletes() {
        assert_eq!(
            event(
                "INSERT INTO storage.buckets (id, name, public)\nVALUES ('avatars', 'avatars', true), ('docs', 'docs', false)\nON CONFLICT (id) DO NOTHING"
            ),
            Some(ObjectEvent::Buckets {
                set: vec![("avatars".into(), true), ("docs".into(), false)],
                keep_existing: true,
            })
        );
        assert_eq!(
            event(
                "insert into storage.buckets (id, name, public, file_size_limit) values ('reports', 'reports', false, 5242880) on conflict (id) do update set public = true"
            ),
            Some(ObjectEvent::Buckets {
                set: vec![("reports".into(), true)],
                keep_existing: false,
            })
        );
        assert_eq!(
            event("insert into storage.buckets (id, name) values ('private', 'private')"),
            Some(ObjectEvent::Buckets {
                set: vec![("private".into(), false)],
                keep_existing: false,
            })
        );
        assert_eq!(
            event("UPDATE storage.buckets SET public = false WHERE id IN ('uploads', 'docs')"),
            Some(ObjectEvent::Buckets {
                set: vec![("uploads".into(), false), ("docs".into(), false)],
                keep_existing: false,
            })
        );
        assert_eq!(
            event("delete from storage.buckets where id = 'old'"),
            Some(ObjectEvent::DropBuckets(vec!["old".into()]))
        );
        assert_eq!(
            event("update storage.buckets set file_size_limit = 10 where id = 'x'"),
            None
        );
    }
}
