//! Prisma schema models.

use crate::facts::tenant::{Model, Origin, TENANT_MODELS, Tenant, is_tenant_column, is_user_field};

/// (field, type, column) of a model being read.
type Field = (String, String, String);

pub fn models(path: &str, text: &str, extra: &[String]) -> Vec<Model> {
    let mut out = Vec::new();
    let mut current: Option<(String, Vec<Field>, Option<String>)> = None;
    for line in text.lines() {
        let t = line.split("//").next().unwrap_or("").trim();
        if let Some(rest) = t.strip_prefix("model ") {
            let name = rest.trim_end_matches('{').trim().to_string();
            current = Some((name, Vec::new(), None));
            continue;
        }
        let Some((_, fields, map)) = current.as_mut() else {
            continue;
        };
        if t.starts_with('}') {
            if let Some((name, fields, map)) = current.take() {
                out.push(build(path, name, &fields, map, extra));
            }
            continue;
        }
        if let Some(rest) = t.strip_prefix("@@map(") {
            *map = quoted(rest);
            continue;
        }
        let mut parts = t.split_whitespace();
        let (Some(field), Some(ty)) = (parts.next(), parts.next()) else {
            continue;
        };
        if field.starts_with('@') {
            continue;
        }
        let column = t
            .find("@map(")
            .and_then(|p| quoted(&t[p + 5..]))
            .unwrap_or_else(|| field.to_string());
        fields.push((
            field.to_string(),
            ty.trim_end_matches(['?', ']', '[']).to_string(),
            column,
        ));
    }
    out
}

fn build(
    path: &str,
    name: String,
    fields: &[Field],
    map: Option<String>,
    extra: &[String],
) -> Model {
    let tenant_scalar = fields
        .iter()
        .find(|(f, _, c)| is_tenant_column(f, extra) || is_tenant_column(c, extra));
    let relations: Vec<(String, String)> = fields
        .iter()
        .filter(|(_, ty, _)| ty.chars().next().is_some_and(char::is_uppercase) && !is_scalar(ty))
        .map(|(f, ty, _)| (f.clone(), ty.clone()))
        .collect();
    let tenant = tenant_scalar.map(|(f, _, c)| Tenant {
        field: f.clone(),
        column: c.clone(),
        // the relation holding this scalar: `organization Organization @relation(fields: [organizationId]…)`
        relation: relations
            .iter()
            .find(|(_, ty)| TENANT_MODELS.contains(&ty.to_ascii_lowercase().as_str()))
            .map(|(r, _)| r.clone()),
    });
    Model {
        table: map.unwrap_or_else(|| name.clone()).to_ascii_lowercase(),
        name,
        origin: Origin::Prisma,
        path: path.to_string(),
        tenant,
        user_fields: fields
            .iter()
            .filter(|(f, _, _)| is_user_field(f))
            .map(|(f, _, _)| f.clone())
            .collect(),
        relations,
        privileged: fields
            .iter()
            .filter(|(f, _, _)| crate::facts::tenant::is_privileged_field(f))
            .map(|(f, _, _)| f.clone())
            .collect(),
    }
}

fn is_scalar(ty: &str) -> bool {
    matches!(
        ty,
        "String"
            | "Int"
            | "BigInt"
            | "Float"
            | "Decimal"
            | "Boolean"
            | "DateTime"
            | "Json"
            | "Bytes"
    )
}

fn quoted(s: &str) -> Option<String> {
    let start = s.find('"')? + 1;
    let end = s[start..].find('"')? + start;
    Some(s[start..end].to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_models_and_tenant_columns() {
        let schema = "model Project {\n  id String @id\n  orgId String @map(\"org_id\")\n  organization Organization @relation(fields: [orgId], references: [id])\n  userId String\n  @@map(\"projects\")\n}\nmodel Tag {\n  id Int @id\n  name String\n}\n";
        let m = super::models("schema.prisma", schema, &[]);
        assert_eq!(m.len(), 2);
        let t = m[0].tenant.as_ref().unwrap();
        assert_eq!(
            (t.field.as_str(), t.column.as_str(), t.relation.as_deref()),
            ("orgId", "org_id", Some("organization"))
        );
        assert_eq!(m[0].table, "projects");
        assert_eq!(m[0].user_fields, vec!["userId"]);
        assert!(m[1].tenant.is_none());
    }
}
