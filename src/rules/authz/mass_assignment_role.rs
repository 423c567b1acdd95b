//! `authz/mass-assignment-role`: a role, admin flag or plan written from request
//! input, field by field or by saving the whole request body into a model that has one.

use crate::lang::syntax::Node;

use crate::facts::tenant::is_privileged_field;
use crate::flow::guards::role_gated;
use crate::flow::{find_source, request};
use crate::lang::Lang;
use crate::lang::treesitter::{arguments, callee, entry, key_text, object_pairs, text, enclosing_function};
use crate::rules::{FileCx, Rule, RuleMeta, Sink};

crate::declare_rule! {
    MassAssignmentRole {
        id: "authz/mass-assignment-role",
        title: "Role or plan written from request input",
        severity: High, confidence: Medium, tier: 2, cwe: [915, 269],
        languages: [TypeScript, Tsx, JavaScript, Python],
        why: "If the request decides the role, the admin flag or the plan, a user makes themselves an admin or a paying customer by adding one field to a signup or profile request.",
        fix: "Copy only the fields a user may change (`name: body.name`), validate the body against a schema without privileged fields, and set roles and plans on the server: from a constant at signup, from an admin-only endpoint, or from a verified payment.",
        docs: "mass_assignment_role.md",
        skip: [test, seed],
    }
}

impl Rule for MassAssignmentRole {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn node_kinds(&self, lang: Lang) -> &'static [&'static str] {
        if lang == Lang::Python {
            &["keyword_argument", "pair", "call", "assignment"]
        } else {
            &["pair", "call_expression", "assignment_expression"]
        }
    }

    fn check_node<'a>(&self, cx: &FileCx<'a>, n: Node<'a>, out: &mut Sink) {
        let src = cx.text();
        let from_request =
            |v: Node<'a>| find_source(v, &cx.index, &|x| request::classify(x, &cx.index)).is_some();
        let report = |out: &mut Sink, range: std::ops::Range<usize>, what: &str| {
            let func = enclosing_function(n);
            if func.parent().is_some() && role_gated(func, src) {
                return;
            }
            // behind the deployment's own secret (a cron or internal token): a machine
            // of the deployment sends the body, not a user
            if crate::rules::gates::scheduled_job(cx, n) {
                return;
            }
            out.report(range, format!("{what} comes from the request: a user can make themselves an admin or upgrade their plan"));
        };
        match n.kind_str() {
            // { role: req.body.role }, User(role=payload.role)
            "pair" | "keyword_argument" => {
                let Some((k, v)) = entry(n) else { return };
                let key = key_text(k, src);
                if is_privileged_field(&key) && in_write(n, src) && from_request(v) {
                    report(out, n.byte_range(), &format!("`{key}`"));
                }
            }
            // g.user.role = data.get("role"), user.isAdmin = req.body.isAdmin
            "assignment" | "assignment_expression" => {
                let (Some(l), Some(r)) = (n.field("left"), n.field("right")) else {
                    return;
                };
                let attr = l.field("attribute").or_else(|| l.field("property"));
                if let Some(attr) = attr
                    && is_privileged_field(text(attr, src))
                    && from_request(r)
                {
                    report(out, n.byte_range(), &format!("`{}`", text(attr, src)));
                }
            }
            "call_expression" | "call" => {
                if let Some(model) = whole_body_write(cx, n, src, &from_request) {
                    report(
                        out,
                        n.byte_range(),
                        &format!(
                            "the whole request body is saved into `{model}`, whose role or plan"
                        ),
                    );
                }
            }
            _ => {}
        }
    }
}

/// Whether a pair or keyword argument is part of a database write or a model being
/// built: `prisma.user.update({ data: { … } })`, `db.insert(users).values({ … })`,
/// `new User({ … })`, `User(role=…)`, `User.objects.create(role=…)`. A plan picked for a
/// checkout session or a role named in a search is not a write.
fn in_write(pair: Node<'_>, src: &str) -> bool {
    const WRITES: &[&str] = &[
        "create",
        "update",
        "upsert",
        "insert",
        "insertOne",
        "insertMany",
        "updateOne",
        "updateMany",
        "createMany",
        "findOneAndUpdate",
        "findByIdAndUpdate",
        "save",
        "set",
        "values",
        "build",
        "update_or_create",
        "get_or_create",
        "bulk_create",
        "add",
        "merge",
        "patch",
    ];
    let mut up = pair.parent();
    while let Some(p) = up {
        match p.kind_str() {
            "call_expression" | "call" => {
                let name = callee(p).map(|f| text(f, src)).unwrap_or("");
                let last = name.rsplit('.').next().unwrap_or(name);
                // Python model constructors: User(…), models.User(…)
                let constructor =
                    p.kind_str() == "call" && last.chars().next().is_some_and(char::is_uppercase);
                return WRITES.contains(&last) || constructor;
            }
            "new_expression" => return true,
            _ if crate::lang::treesitter::is_function(p) => return false,
            _ => up = p.parent(),
        }
    }
    false
}

/// A write of the whole request body into a model with privileged fields:
/// `prisma.user.update({ data: req.body })`, `{ data: { ...body } }`,
/// `User(**request.json)`, `User(**payload.dict())`, `User.objects.create(**request.POST.dict())`.
fn whole_body_write<'t>(
    cx: &FileCx<'_>,
    call: Node<'t>,
    src: &str,
    from_request: &dyn Fn(Node<'t>) -> bool,
) -> Option<String> {
    let f = callee(call)?;
    let name = text(f, src);
    let args = arguments(call)?;
    if cx.lang == Lang::Python {
        // Model(**body) / Model.objects.create(**body)
        let splat = args
            .named_children()
            .find(|a| a.kind_str() == "dictionary_splat")?;
        let value = splat.named_child(0)?;
        if !from_request(value) {
            return None;
        }
        let class = name.split('.').next().unwrap_or(name);
        let model = cx.facts.data.class(cx.path, class)?;
        return (!model.privileged.is_empty()).then(|| model.name.clone());
    }
    // prisma.<model>.create/update/upsert({ data })
    let (receiver, method) = name.rsplit_once('.')?;
    if !matches!(
        method,
        "create" | "update" | "upsert" | "createMany" | "updateMany"
    ) {
        return None;
    }
    let accessor = receiver.rsplit('.').next().unwrap_or(receiver);
    let model = cx.facts.data.prisma(cx.path, accessor)?;
    if model.privileged.is_empty() {
        return None;
    }
    let options = args.named_child(0).filter(|o| o.kind_str() == "object")?;
    let data = object_pairs(options, src)
        .into_iter()
        .find(|(k, _, _)| k == "data" || k == "update" || k == "create")?
        .2;
    let whole = match data.kind_str() {
        "object" => data
            .named_children()
            .filter(|c| c.kind_str() == "spread_element")
            .any(|s| s.named_child(0).is_some_and(from_request)),
        _ => from_request(data),
    };
    whole.then(|| model.name.clone())
}
