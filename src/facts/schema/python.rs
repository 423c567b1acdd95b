//! Python ORM models: SQLAlchemy (declarative, 2.0 `Mapped`), SQLModel, Flask-SQLAlchemy
//! and Django.

use crate::lang::syntax::Node;

use crate::facts::tenant::{Model, Origin, TENANT_MODELS, Tenant, is_tenant_column, is_user_field};
use crate::lang::syntax::Tree;
use crate::lang::treesitter::{self, arguments, callee, string_value, text};

pub fn models(path: &str, tree: &Tree, src: &str, extra: &[String]) -> Vec<Model> {
    let mut out = Vec::new();
    treesitter::walk_tree(tree, |node| {
        if node.kind_str() == "class_definition"
            && let Some(m) = class_model(node, path, src, extra)
        {
            out.push(m);
        }
    });
    out
}

fn class_model(class: Node<'_>, path: &str, src: &str, extra: &[String]) -> Option<Model> {
    let name = text(class.field("name")?, src).to_string();
    let supers = class
        .field("superclasses")
        .map(|s| text(s, src).to_string())
        .unwrap_or_default();
    let django = supers.contains("models.Model");
    // Pydantic schemas (BaseModel, SQLModel without table=True) are not tables.
    let words: Vec<&str> = supers
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
        .filter(|w| !w.is_empty())
        .collect();
    let orm = django
        || supers.contains("db.Model")
        || (supers.contains("SQLModel") && supers.contains("table=True"))
        || words.iter().any(|w| w.ends_with("Base"))
        || words.iter().any(|w| {
            w.ends_with("Model") && !matches!(*w, "BaseModel" | "SQLModel" | "pydantic.BaseModel")
        });
    if !orm || name == "Meta" {
        return None;
    }
    let body = class.field("body")?;
    let mut table = None;
    let mut fields: Vec<(String, String)> = Vec::new(); // (field, column)
    let mut tenant = None;
    let mut user_fields = Vec::new();
    let mut any_column = false;
    for stmt in body.named_children() {
        // Django: class Meta: db_table = "projects"
        if stmt.kind_str() == "class_definition"
            && stmt.field("name").is_some_and(|n| text(n, src) == "Meta")
        {
            let meta = text(stmt, src);
            if let Some(p) = meta.find("db_table") {
                let rest = &meta[p..];
                if let Some(q) = rest.find(['"', '\'']) {
                    let quote = &rest[q..q + 1];
                    if let Some(end) = rest[q + 1..].find(quote) {
                        table = Some(rest[q + 1..q + 1 + end].to_string());
                    }
                }
            }
            continue;
        }
        let Some(assign) = stmt.named_child(0).filter(|a| a.kind_str() == "assignment") else {
            continue;
        };
        let Some(left) = assign.field("left") else {
            continue;
        };
        let field = text(left, src).to_string();
        let right = assign.field("right");
        let right_text = right.map(|r| text(r, src)).unwrap_or("");
        let ty = assign.field("type").map(|t| text(t, src)).unwrap_or("");
        if field == "__tablename__" {
            table = right.and_then(|r| string_value(r, src)).map(|(v, _)| v);
            continue;
        }
        let is_column = right_text.contains("Column(")
            || right_text.contains("mapped_column(")
            || (right_text.contains("Field(") && supers.contains("SQLModel"))
            || ty.contains("Mapped[")
            || right_text.starts_with("models.")
            || right_text.starts_with("db.Column(")
            || (!ty.is_empty() && supers.contains("SQLModel"));
        if !is_column {
            continue;
        }
        any_column = true;
        // Django: organization = models.ForeignKey(Organization, ...)
        if django && right_text.contains("ForeignKey(") {
            let target = right
                .and_then(|r| arguments(r))
                .and_then(|a| a.named_child(0))
                .map(|t| {
                    let t = string_value(t, src)
                        .map(|(v, _)| v)
                        .unwrap_or_else(|| text(t, src).to_string());
                    t.rsplit('.').next().unwrap_or(&t).to_ascii_lowercase()
                })
                .unwrap_or_default();
            if tenant.is_none()
                && (TENANT_MODELS.contains(&target.as_str())
                    || is_tenant_column(&format!("{field}_id"), extra))
            {
                tenant = Some(Tenant {
                    field: field.clone(),
                    column: format!("{field}_id"),
                    relation: None,
                });
            }
            if target.contains("user") || is_user_field(&field) {
                user_fields.push(field.clone());
            }
            continue;
        }
        // Column("org_id", ...) names its column
        let column = right
            .and_then(|r| {
                if r.kind_str() == "call" {
                    Some(r)
                } else {
                    None
                }
            })
            .filter(|c| callee(*c).is_some_and(|f| text(f, src).ends_with("Column")))
            .and_then(|c| arguments(c)?.named_child(0))
            .and_then(|a| string_value(a, src))
            .map(|(v, _)| v)
            .unwrap_or_else(|| field.clone());
        if tenant.is_none() && (is_tenant_column(&field, extra) || is_tenant_column(&column, extra))
        {
            tenant = Some(Tenant {
                field: field.clone(),
                column: column.clone(),
                relation: None,
            });
        }
        if is_user_field(&field) {
            user_fields.push(field.clone());
        }
        fields.push((field, column));
    }
    if !any_column {
        return None;
    }
    // Django names tables `<app>_<model>`, the app being the folder of models.py.
    let default_table = if django {
        let app = path.rsplit('/').nth(1).unwrap_or("");
        format!("{app}_{}", name.to_ascii_lowercase())
    } else {
        name.to_ascii_lowercase()
    };
    Some(Model {
        table: table.unwrap_or(default_table),
        name,
        origin: if django {
            Origin::Django
        } else {
            Origin::SqlAlchemy
        },
        path: path.to_string(),
        tenant,
        user_fields,
        relations: Vec::new(),
        privileged: fields
            .iter()
            .filter(|(f, _)| crate::facts::tenant::is_privileged_field(f))
            .map(|(f, _)| f.clone())
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_sqlmodel_sqlalchemy_and_django() {
        let src = r#"
class Project(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    org_id: int = Field(foreign_key="organization.id")
    owner_id: int

class AuditEvent(Base):
    __tablename__ = "audit_events"
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenants.id"))

class Task(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE)
    assignee = models.ForeignKey("auth.User", on_delete=models.SET_NULL)

class Plan(SQLModel, table=True):
    id: int = Field(primary_key=True)
"#;
        let m = super::models(
            "models.py",
            &crate::lang::syntax::parse(crate::lang::Lang::Python, src).expect("parses"),
            src,
            &[],
        );
        let names: Vec<&str> = m.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, vec!["Project", "AuditEvent", "Task", "Plan"]);
        assert_eq!(m[0].tenant.as_ref().unwrap().column, "org_id");
        assert_eq!(m[1].table, "audit_events");
        assert_eq!(m[1].tenant.as_ref().unwrap().field, "tenant_id");
        assert_eq!(m[2].tenant.as_ref().unwrap().field, "organization");
        assert!(m[3].tenant.is_none());
    }
}
