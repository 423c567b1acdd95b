//! Node ORMs: Mongoose schemas and models, Sequelize `Model.init` / `sequelize.define`,
//! TypeORM `@Entity` classes.

use std::collections::HashMap;

use crate::lang::syntax::Node;

use crate::facts::tenant::{Model, Origin};
use crate::lang::syntax::Tree;
use crate::lang::treesitter::{self, arguments, callee, object_pairs, string_value, text};

/// Whether the text may declare a Mongoose, Sequelize or TypeORM model.
pub fn wants(text: &str) -> bool {
    text.contains("Schema(")
        || text.contains("DataTypes")
        || text.contains("sequelize.define")
        || text.contains("@Entity")
}

pub fn models(path: &str, tree: &Tree, src: &str, extra: &[String]) -> Vec<Model> {
    let mut out = Vec::new();
    // Mongoose: schema variables and their fields, then models built from them.
    let mut schemas: HashMap<String, Vec<(String, String)>> = HashMap::new();
    treesitter::walk_tree(tree, |n| {
        if n.kind_str() == "new_expression"
            && n.field("constructor")
                .is_some_and(|c| text(c, src).ends_with("Schema"))
            && let Some(obj) = n.field("arguments").and_then(|a| a.named_child(0))
            && let Some(var) = declared_name(n, src)
        {
            schemas.insert(var, fields(obj, src));
        }
    });
    treesitter::walk_tree(tree, |n| {
        match n.kind_str() {
            "call_expression" => {
                let Some(f) = callee(n) else { return };
                let fname = text(f, src);
                let Some(args) = arguments(n) else { return };
                // mongoose.model("Project", projectSchema)
                if (fname == "model" || fname.ends_with(".model"))
                    && let Some((name, _)) = args.named_child(0).and_then(|a| string_value(a, src))
                    && let Some(schema) =
                        args.named_child(1).and_then(|s| schemas.get(text(s, src)))
                {
                    let var = declared_name(n, src).unwrap_or_else(|| name.clone());
                    out.push(build(
                        path,
                        var,
                        name.to_ascii_lowercase() + "s",
                        Origin::Mongoose,
                        schema,
                        extra,
                    ));
                }
                // Project.init({ … }, { tableName })
                if fname.ends_with(".init")
                    && src.contains("DataTypes")
                    && let Some(obj) = args.named_child(0).filter(|o| o.kind_str() == "object")
                {
                    let class = fname.trim_end_matches(".init").to_string();
                    let table = args
                        .named_child(1)
                        .and_then(|o| option_string(o, "tableName", src))
                        .unwrap_or_else(|| class.to_ascii_lowercase() + "s");
                    out.push(build(
                        path,
                        class,
                        table,
                        Origin::Sequelize,
                        &fields(obj, src),
                        extra,
                    ));
                }
                // const Invoice = sequelize.define("Invoice", { … }, { tableName })
                if fname.ends_with(".define")
                    && let Some((name, _)) = args.named_child(0).and_then(|a| string_value(a, src))
                    && let Some(obj) = args.named_child(1).filter(|o| o.kind_str() == "object")
                {
                    let var = declared_name(n, src).unwrap_or_else(|| name.clone());
                    let table = args
                        .named_child(2)
                        .and_then(|o| option_string(o, "tableName", src))
                        .unwrap_or_else(|| name.to_ascii_lowercase() + "s");
                    out.push(build(
                        path,
                        var,
                        table,
                        Origin::Sequelize,
                        &fields(obj, src),
                        extra,
                    ));
                }
            }
            // @Entity("documents") class Document { @Column() workspaceId: string }
            "class_declaration" => {
                let scope = n
                    .parent()
                    .filter(|p| p.kind_str() == "export_statement")
                    .unwrap_or(n);
                let head = &src
                    [scope.start_byte()..n.field("body").map_or(n.end_byte(), |b| b.start_byte())];
                let Some(at) = head.find("@Entity(") else {
                    return;
                };
                let Some(name) = n.field("name").map(|x| text(x, src).to_string()) else {
                    return;
                };
                let arg = &head[at + 8..];
                let table = arg
                    .strip_prefix(['"', '\''])
                    .and_then(|r| r.split(['"', '\'']).next())
                    .map(str::to_string)
                    .unwrap_or_else(|| name.to_ascii_lowercase());
                let mut props = Vec::new();
                if let Some(body) = n.field("body") {
                    for m in body.named_children() {
                        if m.kind_str() == "public_field_definition"
                            && let Some(p) = m.field("name")
                        {
                            let prop = text(p, src).to_string();
                            let column = text(m, src)
                                .split("name:")
                                .nth(1)
                                .and_then(|r| r.trim_start().strip_prefix(['"', '\'']))
                                .and_then(|r| r.split(['"', '\'']).next())
                                .map_or_else(|| prop.clone(), str::to_string);
                            props.push((prop, column));
                        }
                    }
                }
                out.push(build(path, name, table, Origin::TypeOrm, &props, extra));
            }
            _ => {}
        }
    });
    out
}

fn build(
    path: &str,
    name: String,
    table: String,
    origin: Origin,
    fields: &[(String, String)],
    extra: &[String],
) -> Model {
    Model::from_fields(path, name, table, origin, fields, extra)
}

/// (field, column) of an object of field definitions; `{ field: "org_id" }` names a column.
fn fields(obj: Node<'_>, src: &str) -> Vec<(String, String)> {
    object_pairs(obj, src)
        .into_iter()
        .map(|(k, _, v)| {
            let column = if v.kind_str() == "object" {
                option_string(v, "field", src)
            } else {
                None
            };
            (k.clone(), column.unwrap_or(k))
        })
        .collect()
}

fn option_string(obj: Node<'_>, key: &str, src: &str) -> Option<String> {
    if obj.kind_str() != "object" {
        return None;
    }
    object_pairs(obj, src)
        .into_iter()
        .find(|(k, _, _)| k == key)
        .and_then(|(_, _, v)| string_value(v, src))
        .map(|(s, _)| s)
}

/// `const x = <node>` / `export const x = <node> || …`: the variable's name.
fn declared_name(node: Node<'_>, src: &str) -> Option<String> {
    let mut cur = node;
    for _ in 0..3 {
        let p = cur.parent()?;
        if p.kind_str() == "variable_declarator" {
            return p.field("name").map(|n| text(n, src).to_string());
        }
        if !matches!(
            p.kind_str(),
            "binary_expression" | "parenthesized_expression" | "as_expression"
        ) {
            return None;
        }
        cur = p;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn reads_mongoose_sequelize_typeorm() {
        let src = r#"
const projectSchema = new Schema({ orgId: { type: Schema.Types.ObjectId, ref: "Organization" }, name: String });
export const Project = mongoose.model("Project", projectSchema);
Task.init({ orgId: { type: DataTypes.UUID, field: "org_id" } }, { sequelize, tableName: "tasks" });
export const Invoice = sequelize.define("Invoice", { organizationId: DataTypes.UUID });
@Entity("documents")
export class Document { @Column() workspaceId: string; }
"#;
        let m = models(
            "m.ts",
            &crate::lang::syntax::parse(Lang::TypeScript, src).expect("parses"),
            src,
            &[],
        );
        let got: Vec<(&str, &str, &str)> = m
            .iter()
            .map(|m| {
                (
                    m.name.as_str(),
                    m.table.as_str(),
                    m.tenant.as_ref().map_or("", |t| t.column.as_str()),
                )
            })
            .collect();
        assert!(got.contains(&("Project", "projects", "orgId")), "{got:?}");
        assert!(got.contains(&("Task", "tasks", "org_id")), "{got:?}");
        assert!(
            got.contains(&("Invoice", "invoices", "organizationId")),
            "{got:?}"
        );
        assert!(
            got.contains(&("Document", "documents", "workspaceId")),
            "{got:?}"
        );
    }
}
