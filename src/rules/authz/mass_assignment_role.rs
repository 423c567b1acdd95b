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
                if is_privileged_field(&key)
                    && write_call(n, src).is_some_and(|c| !grants_nothing(cx, target(c, src)))
                    && from_request(v)
                {
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
                    && !grants_nothing(cx, object_class(cx, l, n))
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

/// The call that writes a pair or keyword argument, when it is a database write or a
/// model being built: `prisma.user.update({ data: { … } })`, `db.insert(users).values({ … })`,
/// `new User({ … })`, `User(role=…)`, `User.objects.create(role=…)`. A plan picked for a
/// checkout session or a role named in a search is not a write.
fn write_call<'t>(pair: Node<'t>, src: &str) -> Option<Node<'t>> {
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
                return (WRITES.contains(&last) || constructor).then_some(p);
            }
            "new_expression" => return Some(p),
            _ if crate::lang::treesitter::is_function(p) => return None,
            _ => up = p.parent(),
        }
    }
    None
}

/// `.from("contacts")` of a Supabase write, `insert(contacts)` of Drizzle.
static NAMED_TABLE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::lang::pattern::regex(r#"\.from\(\s*['"`](\w+)['"`]\s*\)|\binsert\(\s*(\w+)\s*\)"#)
        .expect("regex compiles")
});

/// The table, model or class a write goes to, as the code names it:
/// `supabase.from("contacts").insert({…})`, `db.insert(contacts).values({…})`,
/// `prisma.contact.create(…)`, `new Contact({…})`, `Contact(…)`, `Contact.objects.create(…)`.
fn target(call: Node<'_>, src: &str) -> Option<Target> {
    if call.kind_str() == "new_expression" {
        return call.field("constructor").map(|c| Target::Class(text(c, src).to_string()));
    }
    let name = text(callee(call)?, src);
    if let Some(c) = NAMED_TABLE.captures(name) {
        if let Some(t) = c.get(1) {
            return Some(Target::Table(t.as_str().to_string()));
        }
        return c.get(2).map(|v| Target::Drizzle(v.as_str().to_string()));
    }
    if name.contains('(') {
        return None;
    }
    let parts: Vec<&str> = name.split('.').collect();
    match parts.as_slice() {
        [class] | [class, "objects", _] if class.starts_with(char::is_uppercase) => {
            Some(Target::Class(class.to_string()))
        }
        [_, "models", class] => Some(Target::Class(class.to_string())),
        [.., accessor, _] if parts.len() >= 3 => Some(Target::Accessor(accessor.to_string())),
        _ => None,
    }
}

/// How a write names where it goes.
enum Target {
    Table(String),
    Drizzle(String),
    Accessor(String),
    Class(String),
}

/// The class of the object an attribute is set on, when the function built it from one:
/// `lead = SalesLead()` before `lead.plan = plan`.
fn object_class<'t>(cx: &FileCx<'t>, left: Node<'t>, at: Node<'t>) -> Option<Target> {
    let src = cx.text();
    let object = left.field("object")?;
    if object.kind_str() != "identifier" {
        return None;
    }
    let built = cx
        .index
        .resolve(enclosing_function(at), text(object, src), at.start_byte())?;
    let class = callee(built).filter(|_| built.kind_str() == "call")?;
    let class = text(class, src);
    class
        .starts_with(char::is_uppercase)
        .then(|| Target::Class(class.to_string()))
}

/// Whether the data model says a write's target grants nobody anything: a known table or
/// model that is neither a login's own record (users, profiles, accounts, invitations,
/// an organization's or subscription's plan) nor tied to a login by a user reference
/// (`organization_members.user_id`). A role there is a contact's job title or a board
/// member's seat (`contacts.role`, `governance_board_members.role`), a plan a sales
/// lead's wish. An unknown target stays a finding.
fn grants_nothing(cx: &FileCx<'_>, target: Option<Target>) -> bool {
    const RECORDS: &[&str] = &[
        "user", "profile", "account", "invite", "invitation", "admin", "staff", "subscription",
        "org", "organization", "organisation", "workspace", "tenant", "company", "team",
        "customer", "billing", "plan", "license", "seat", "auth", "role", "permission",
    ];
    let data = &cx.facts.data;
    let model = match &target {
        Some(Target::Table(t)) => data.table(cx.path, t),
        Some(Target::Drizzle(v)) => data.drizzle(cx.path, v),
        Some(Target::Accessor(a)) => data.prisma(cx.path, a),
        Some(Target::Class(c)) => data
            .class(cx.path, c)
            .or_else(|| data.node_model(cx.path, c)),
        None => None,
    };
    let Some(model) = model else { return false };
    let words = crate::lang::words::split_words(&model.name);
    let login = model.user_fields.iter().any(|f| {
        let f: String = f.chars().filter(char::is_ascii_alphanumeric).collect();
        matches!(f.to_ascii_lowercase().as_str(), "userid" | "user" | "profileid" | "memberid")
    });
    !login
        && !words
            .split_whitespace()
            .any(|w| RECORDS.contains(&crate::facts::tenant::singular(w).as_str()))
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
