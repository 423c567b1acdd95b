//! `supabase/policy-any-user`: policies on user or tenant data whose only condition is
//! that the caller is signed in, or none at all.

use crate::facts::schema::database::{DbPolicy, DbTable};
use crate::facts::tenant::{Access, Model, PolicyCommand};
use crate::rules::supabase::{databases, first_line, here, person_details, rls_off};
use crate::rules::{FileCx, Rule, RuleMeta, Sink};

crate::declare_rule! {
    PolicyAnyUser {
        id: "supabase/policy-any-user",
        title: "Policy lets any user at everyone's rows",
        severity: High, confidence: Medium, tier: 2, cwe: [284, 639],
        languages: [Sql],
        why: "Row level security is only as strict as its policies. A policy whose condition is `true`, `auth.uid() IS NOT NULL` or `auth.role() = 'authenticated'` asks who the caller is and then lets them at every row: anyone who signs up (sign-ups are open by default) reads or changes every user's and every tenant's rows through `/rest/v1/<table>`.",
        fix: "Compare the row's owner or tenant with the caller: `using (auth.uid() = user_id)`, or a membership check (`org_id in (select org_id from memberships where user_id = (select auth.uid()))`); give writes a `with check` that does the same. Leave writes the app does on the server to the service role, which needs no policy.",
        docs: "policy_any_user.md",
    }
}

/// Tables whose rows are public by design when read: posts, reviews, ratings, catalogs,
/// a feature-request board and its votes, certificates kept for anyone to verify.
const PUBLIC_CONTENT: [&str; 22] = [
    "post", "comment", "review", "testimonial", "article", "blog", "listing", "product",
    "categor", "like", "reaction", "follow", "profile", "tag", "event", "announcement",
    "template", "catalog", "rating", "feature_request", "feature_vote", "certificate",
];

/// Whether both halves of a policy (`USING` and `WITH CHECK`) ask nothing or only that
/// the caller is signed in: `using (true)`, `(select auth.uid()) is not null`,
/// `auth.role() = 'authenticated'`. A restricting `USING` with a `WITH CHECK (true)` is
/// not.
/// Tables a browser appends to by design, named for it: logs, audit trails, analytics
/// and telemetry the client writes, and public intake forms (a newsletter sign-up, a
/// waitlist, a contact or lead form). An insert-only policy open to every caller is how
/// such a table works; reading or changing it stays a finding.
const APPEND_ONLY: [&str; 16] = [
    "log", "logs", "audit", "trail", "analytics", "metrics", "telemetry", "usage", "errors",
    "newsletter", "subscribers", "waitlist", "leads", "feedback", "inscription", "submissions",
];

/// Whether a table's name says rows are only appended to it (see [`APPEND_ONLY`]).
fn append_only(table: &str) -> bool {
    table
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| APPEND_ONLY.contains(&w))
}

pub(super) fn trivial(cond: &str) -> bool {
    let mut c: String = cond
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '(' | ')' | '"'))
        .collect::<String>()
        .to_ascii_lowercase()
        .replace("::text", "")
        .replace("select", "");
    // the service role let through beside them: it needs no policy
    for t in [
        "orauth.role='service_role'",
        "auth.role='service_role'or",
        "or'service_role'=auth.role",
        "'service_role'=auth.roleor",
    ] {
        c = c.replace(t, "");
    }
    for t in [
        "auth.uidisnotnull",
        "auth.jwtisnotnull",
        "auth.role='authenticated'",
        "auth.role='anon'",
        "true",
    ] {
        c = c.replace(t, "");
    }
    c.is_empty()
}

/// What the policy checks and who it lets through, for the message; `None` when it
/// checks more than who is signed in.
fn what(p: &DbPolicy) -> Option<(&'static str, &'static str)> {
    if p.policy.cond.trim().is_empty() || !trivial(&p.policy.cond) {
        return None;
    }
    let roles = &p.policy.to;
    // a policy for `service_role` alone lets no caller of the API through; one that
    // also names `anon` or `authenticated` lets them through too
    if !p.reaches_api() {
        return None;
    }
    let signed_in = !roles.is_empty() && roles.iter().all(|r| r == "authenticated");
    let c: String = p
        .policy
        .cond
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    // `auth.role() = 'anon'`: the caller holds the anon key, which every visitor does
    let anon = c.contains("'anon'") && !c.contains("authenticated") && !c.contains("isnotnull");
    Some(match (p.policy.allows_all, signed_in) {
        (true, true) => ("nothing (`true`)", "every signed-in user"),
        (true, false) => ("nothing (`true`)", ANYONE),
        (false, _) if anon => ("only that the caller holds the anon key", ANYONE),
        (false, _) => ("that the caller is signed in", "every signed-in user"),
    })
}

/// Who a policy that asks nothing lets through.
const ANYONE: &str = "anyone with the anon key";

/// The column that ties a row to a tenant or a user, if the table has one: its tenant
/// column, a user column by name (`user_id`, `owner_id`), a column that references the
/// users (`applicant_id uuid references auth.users`), or the `id` of a table of users.
fn owner_column<'a>(
    m: Option<&'a Model>,
    t: Option<&'a DbTable>,
    p: &'a DbPolicy,
) -> Option<&'a str> {
    m.and_then(|m| m.tenant.as_ref().map(|t| t.column.as_str()))
        .or(m.and_then(|m| m.user_fields.first()).map(String::as_str))
        .or(t.and_then(|t| t.people.first()).map(String::as_str))
        .or(matches!(p.table.as_str(), "users" | "profiles" | "user_profiles").then_some("id"))
}

/// Whether a column only records who made or last changed a row (`created_by`,
/// `updated_by`, `uploadedById`): attribution, not ownership.
fn attribution(column: &str) -> bool {
    let c = crate::vocab::squash(column);
    let c = c
        .strip_suffix("userid")
        .or_else(|| c.strip_suffix("id"))
        .unwrap_or(&c);
    [
        "createdby", "updatedby", "uploadedby", "enteredby", "modifiedby", "lastmodifiedby",
        "lastupdatedby", "addedby", "editedby", "changedby",
    ]
    .contains(&c)
}

/// Whether a table holds how to reach a person (`email`, `phone`, `address`): a table of
/// customers' profiles is not public content, whatever its name says.
fn holds_contacts(t: Option<&DbTable>) -> bool {
    t.is_some_and(|t| t.columns.iter().any(|c| contact(c)))
}

/// Whether a column holds how to reach a person or who they are: an email, a phone, a
/// birth date, an identity or bank number.
fn contact(column: &str) -> bool {
    let c = crate::vocab::squash(column);
    [
        "email", "phone", "phonenumber", "mobile", "birthday", "birthdate", "dateofbirth",
        "passportnumber", "iban", "ssn",
    ]
    .iter()
    .any(|w| c.ends_with(w))
        // a business's own contact, shown to its visitors
        && ![
            "contact", "support", "business", "company", "office", "public", "sales", "info",
        ]
        .iter()
        .any(|w| c.starts_with(w))
}

/// A shared table read by everyone on purpose: no tenant, every column that names a
/// user only records who created or changed a row (`created_by`), and no column holds a
/// person's details. Reference data, a directory, settings: whoever added a row does
/// not own it.
fn attributed_only(m: Option<&Model>, t: Option<&DbTable>) -> bool {
    let Some(t) = t else { return false };
    if m.is_some_and(|m| m.tenant.is_some()) {
        return false;
    }
    let mut people = m
        .into_iter()
        .flat_map(|m| m.user_fields.iter())
        .chain(&t.people);
    people.all(|c| attribution(c)) && !t.columns.iter().any(|c| holds_person(c))
}

/// A column that holds a person's details ([`person_details`]); an email or phone only
/// when the name ends with it (`contact_email`, `phone_number`), not a column about a
/// message (`email_sent_at`, `ai_email_body_html`, `email_error`).
fn holds_person(column: &str) -> bool {
    let c = crate::vocab::squash(column);
    if c.contains("email") || c.contains("phone") {
        return ["email", "emailaddress", "phone", "phonenumber"]
            .iter()
            .any(|end| c.ends_with(end))
            || ["address", "customer", "patient"].iter().any(|w| c.contains(w));
    }
    person_details(column)
}

/// An update or delete policy whose callers can read none of the table's rows: every
/// select (or all) policy that reaches one of its roles asks who the caller is and
/// names no column of the row (`has_role(auth.uid(), 'admin')`).
/// PostgreSQL applies the select policies to the rows an `update … where` or `delete …
/// where` reads, and PostgREST refuses an update or delete without a filter, so such a
/// caller changes nothing; an admin changes what an admin may.
fn changes_only_hidden_rows(db: &crate::facts::schema::database::Database, p: &DbPolicy) -> bool {
    if !matches!(
        p.policy.command,
        PolicyCommand::Only(Access::Update) | PolicyCommand::Only(Access::Delete)
    ) {
        return false;
    }
    let roles: Vec<&str> = ["anon", "authenticated"]
        .into_iter()
        .filter(|r| p.reaches(r))
        .collect();
    // the row's own columns: a condition on none of them asks only about the caller
    let Some(table) = db.tables.get(&p.table) else {
        return false;
    };
    let asks_for_admin = |cond: &str| {
        let c = cond.to_ascii_lowercase();
        !trivial(cond)
            && (c.contains("auth.uid()") || c.contains("auth.jwt()") || c.contains('('))
            && !crate::lang::words::identifiers(&c)
                .any(|(_, w)| table.columns.iter().any(|col| col.eq_ignore_ascii_case(w)))
    };
    let reading: Vec<&DbPolicy> = db
        .policies
        .iter()
        .filter(|q| {
            q.table == p.table
                && matches!(
                    q.policy.command,
                    PolicyCommand::All | PolicyCommand::Only(Access::Read)
                )
                && roles.iter().any(|r| q.reaches(r))
        })
        .collect();
    // with no read policy in the migrations, one may live elsewhere (the dashboard)
    !reading.is_empty() && reading.iter().all(|q| asks_for_admin(&q.policy.cond))
}

impl Rule for PolicyAnyUser {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check_file(&self, cx: &FileCx<'_>, out: &mut Sink) {
        for db in databases(cx) {
            for p in &db.policies {
                // a policy is judged in the file that created it
                if !here(cx, &p.at) {
                    continue;
                }
                let Some((condition, who)) = what(p) else {
                    continue;
                };
                if rls_off(cx, db, &p.table) {
                    continue;
                }
                let m = cx.facts.data.table(&p.at.path, &p.table);
                let table = db.tables.get(&p.table);
                // a table of people reached by their contacts (`customer_profiles(phone,
                // email)`): everyone's, when any visitor gets in or when the project
                // keeps many tenants' customers in it
                let people = || {
                    (p.policy.command != PolicyCommand::Insert
                        && (who == ANYONE
                            || cx.facts.data.models.iter().any(|m| m.tenant.is_some())))
                        .then(|| table.and_then(|t| t.columns.iter().find(|c| contact(c))))
                        .flatten()
                        .map(String::as_str)
                };
                let Some(owner) = owner_column(m, table, p).or_else(people) else {
                    continue;
                };
                // `tenant/rls-disabled` reports a `true` policy on tenant data, and one
                // other than an insert on rows that are part of a tenant's rows
                let owned = table.is_some_and(|t| t.owned_by_tenant.is_some())
                    && p.policy.command != PolicyCommand::Insert;
                if (m.is_some_and(|m| m.tenant.is_some()) || owned) && p.policy.allows_all {
                    continue;
                }
                if p.policy.command == PolicyCommand::Insert && append_only(&p.table) {
                    continue;
                }
                let reads = p.policy.command == PolicyCommand::Only(Access::Read);
                if reads
                    && PUBLIC_CONTENT.iter().any(|w| p.table.contains(w))
                    && !holds_contacts(db.tables.get(&p.table))
                {
                    continue;
                }
                // reading shared data whose rows only record who added them, or adding
                // to it once signed in (anon adding to it stays a finding)
                let adds = p.policy.command == PolicyCommand::Insert && !p.reaches("anon");
                if (reads || adds) && attributed_only(m, db.tables.get(&p.table))
                {
                    continue;
                }
                if changes_only_hidden_rows(db, p) {
                    continue;
                }
                let what = match p.policy.command {
                    PolicyCommand::Only(Access::Read) => {
                        format!("read every row, whatever its `{owner}`")
                    }
                    PolicyCommand::Insert => format!("insert rows with any `{owner}`"),
                    PolicyCommand::Only(Access::Update) => {
                        format!("change every row, whatever its `{owner}`")
                    }
                    PolicyCommand::Only(Access::Delete) => {
                        format!("delete every row, whatever its `{owner}`")
                    }
                    PolicyCommand::All => {
                        format!("read and change every row, whatever its `{owner}`")
                    }
                };
                out.report(
                    first_line(cx, &p.at.range),
                    format!(
                        "policy \"{}\" on `{}` checks {condition}: {who} can {what}",
                        p.policy.name, p.table
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{attribution, person_details, trivial};

    #[test]
    fn attribution_columns_record_who_changed_a_row() {
        for c in ["created_by", "updated_by", "uploadedById", "entered_by_user_id", "last_modified_by"] {
            assert!(attribution(c), "{c}");
        }
        for c in ["user_id", "owner_id", "customer_id", "assigned_to", "submitted_by"] {
            assert!(!attribution(c), "{c}");
        }
        assert!(person_details("customer_name") && person_details("contactEmail"));
        assert!(person_details("full_name") && !person_details("display_name"));
    }

    #[test]
    fn only_conditions_that_ask_nothing_or_sign_in_are_trivial() {
        for t in [
            "true ",
            " true",
            "true true",
            "(select auth.uid()) IS NOT NULL ",
            "auth.role() = 'authenticated'::text ",
            "auth.role() = 'authenticated' OR auth.role() = 'service_role'",
        ] {
            assert!(trivial(t), "{t}");
        }
        for t in [
            "auth.uid() = user_id true",
            "org_id IN (SELECT org_id FROM members WHERE user_id = auth.uid()) ",
            "status = 'published' ",
        ] {
            assert!(!trivial(t), "{t}");
        }
    }
}
