//! Drizzle tables: `export const projects = pgTable("projects", { orgId: uuid("org_id") })`.

use crate::facts::tenant::{Model, Origin};
use crate::lang::syntax::Tree;
use crate::lang::treesitter::{self, arguments, callee, object_pairs, string_value, text};

pub fn models(path: &str, tree: &Tree, src: &str, extra: &[String]) -> Vec<Model> {
    let mut out = Vec::new();
    treesitter::walk_tree(tree, |node| {
        if node.kind_str() != "variable_declarator" {
            return;
        }
        let (Some(name), Some(value)) = (node.field("name"), node.field("value")) else {
            return;
        };
        if value.kind_str() != "call_expression" {
            return;
        }
        let Some(f) = callee(value) else { return };
        if !matches!(text(f, src), "pgTable" | "mysqlTable" | "sqliteTable") {
            return;
        }
        let Some(args) = arguments(value) else { return };
        let table = args
            .named_child(0)
            .and_then(|a| string_value(a, src))
            .map(|(v, _)| v)
            .unwrap_or_else(|| text(name, src).to_string());
        let Some(cols) = args.named_child(1).filter(|c| c.kind_str() == "object") else {
            return;
        };
        let mut columns: Vec<(String, String)> = Vec::new();
        for (key, _, val) in object_pairs(cols, src) {
            // uuid("org_id") -> org_id; a bare builder keeps the key's name
            let column = if val.kind_str() == "call_expression" {
                first_call_in_chain(val)
                    .and_then(arguments)
                    .and_then(|a| a.named_child(0))
                    .and_then(|a| string_value(a, src))
                    .map(|(v, _)| v)
                    .unwrap_or_else(|| key.clone())
            } else {
                key.clone()
            };
            columns.push((key, column));
        }
        out.push(Model::from_fields(
            path,
            text(name, src).to_string(),
            table,
            Origin::Drizzle,
            &columns,
            extra,
        ));
    });
    out
}

/// `uuid("org_id").notNull().references(...)` -> the `uuid("org_id")` call.
fn first_call_in_chain(
    mut call: crate::lang::syntax::Node<'_>,
) -> Option<crate::lang::syntax::Node<'_>> {
    loop {
        let f = callee(call)?;
        match f.kind_str() {
            "member_expression" => match f.field("object") {
                Some(obj) if obj.kind_str() == "call_expression" => call = obj,
                _ => return Some(call),
            },
            _ => return Some(call),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_tables() {
        let src = "export const projects = pgTable(\"projects\", {\n  id: uuid(\"id\").primaryKey(),\n  orgId: uuid(\"org_id\").notNull().references(() => orgs.id),\n  userId: text(\"user_id\"),\n});\nexport const tags = pgTable(\"tags\", { id: serial(\"id\") });\n";
        let m = super::models(
            "db/schema.ts",
            &crate::lang::syntax::parse(crate::lang::Lang::TypeScript, src).expect("parses"),
            src,
            &[],
        );
        assert_eq!(m.len(), 2);
        let t = m[0].tenant.as_ref().unwrap();
        assert_eq!((t.field.as_str(), t.column.as_str()), ("orgId", "org_id"));
        assert_eq!(m[0].user_fields, vec!["userId"]);
        assert!(m[1].tenant.is_none());
    }
}
