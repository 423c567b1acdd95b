//! Rust ORMs: diesel's `table!` schema and sea-orm entities. Both are declarations
//! with a fixed shape, read from the text of the file.

use std::sync::LazyLock;

use regex::Regex;

use crate::facts::tenant::{Model, Origin};

static DIESEL_TABLE: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r"(?s)(?:\w+\.)?(\w+)\s*\([^)]*\)\s*\{([^{}]*)\}")
        .expect("regex compiles")
});
static DIESEL_COLUMN: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r"(?m)^\s*(?:#\[[^\]]*\]\s*)*(\w+)\s*->").expect("regex compiles")
});
static SEA_TABLE: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r#"table_name\s*=\s*"([^"]+)""#).expect("regex compiles")
});
static SEA_MODEL: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r"(?s)pub\s+struct\s+Model\s*\{(.*?)\n\}").expect("regex compiles")
});
static SEA_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    crate::lang::pattern::regex(r"(?m)^\s*pub\s+(\w+)\s*:").expect("regex compiles")
});

pub fn wants(text: &str) -> bool {
    text.contains("table!") || text.contains("DeriveEntityModel")
}

pub fn models(path: &str, text: &str, extra: &[String]) -> Vec<Model> {
    let mut out = Vec::new();
    // diesel: table! { projects (id) { id -> Uuid, org_id -> Uuid, } }
    let mut rest = text;
    while let Some(p) = rest.find("table!") {
        let after = &rest[p + 6..];
        let Some(open) = after.find('{') else { break };
        // the macro body: up to the matching closing brace
        let body = &after[open + 1..];
        let mut depth = 1usize;
        let mut end = body.len();
        for (i, c) in body.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = i;
                        break;
                    }
                }
                _ => {}
            }
        }
        for caps in DIESEL_TABLE.captures_iter(&body[..end]) {
            let table = caps[1].to_string();
            let columns: Vec<String> = DIESEL_COLUMN
                .captures_iter(&caps[2])
                .map(|c| c[1].to_string())
                .collect();
            out.push(model(
                path,
                table.clone(),
                table,
                Origin::Diesel,
                &columns,
                extra,
            ));
        }
        rest = &body[end.min(body.len())..];
    }
    // sea-orm: #[sea_orm(table_name = "projects")] pub struct Model { pub org_id: Uuid }
    if text.contains("DeriveEntityModel")
        && let (Some(t), Some(m)) = (SEA_TABLE.captures(text), SEA_MODEL.captures(text))
    {
        let columns: Vec<String> = SEA_FIELD
            .captures_iter(&m[1])
            .map(|c| c[1].to_string())
            .collect();
        // queries name the entity by its module: `project::Entity`, `Project` (an alias)
        let module = path
            .rsplit('/')
            .next()
            .and_then(|f| f.strip_suffix(".rs"))
            .unwrap_or("")
            .to_string();
        out.push(model(
            path,
            module,
            t[1].to_string(),
            Origin::SeaOrm,
            &columns,
            extra,
        ));
    }
    out
}

fn model(
    path: &str,
    name: String,
    table: String,
    origin: Origin,
    columns: &[String],
    extra: &[String],
) -> Model {
    let fields: Vec<(String, String)> = columns.iter().map(|c| (c.clone(), c.clone())).collect();
    Model::from_fields(path, name, table, origin, &fields, extra)
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_diesel_and_sea_orm() {
        let diesel = "diesel::table! {\n    projects (id) {\n        id -> Uuid,\n        org_id -> Uuid,\n        name -> Text,\n    }\n}\ntable! {\n    tags (id) {\n        id -> Int4,\n    }\n}\n";
        let m = super::models("src/schema.rs", diesel, &[]);
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].tenant.as_ref().unwrap().column, "org_id");
        assert!(m[1].tenant.is_none());
        let sea = "#[derive(Clone, Debug, DeriveEntityModel)]\n#[sea_orm(table_name = \"invoices\")]\npub struct Model {\n    #[sea_orm(primary_key)]\n    pub id: i32,\n    pub workspace_id: i32,\n}\n";
        let m = super::models("src/entity/invoice.rs", sea, &[]);
        assert_eq!(
            (m[0].name.as_str(), m[0].table.as_str()),
            ("invoice", "invoices")
        );
        assert_eq!(m[0].tenant.as_ref().unwrap().column, "workspace_id");
    }
}
