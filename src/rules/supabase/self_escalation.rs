//! `supabase/self-escalation`: a policy that lets users write their own row of a table
//! that holds their role, plan or credits, with nothing that keeps those columns.

use crate::facts::schema::database::{Database, DbPolicy};
use crate::facts::tenant::{Access, PolicyCommand, TENANT_MODELS, is_user_field};
use crate::rules::supabase::{
    asks_for_caller, databases, first_line, here, rls_off, squashed,
};
use crate::rules::{FileCx, Rule, RuleMeta, Sink};

crate::declare_rule! {
    SelfEscalation {
        id: "supabase/self-escalation",
        title: "Users can write their own role, plan or credits",
        severity: High, confidence: Medium, tier: 2, cwe: [269, 639],
        languages: [Sql],
        why: "An own-row policy (`auth.uid() = user_id`, or a tenant membership check) for `UPDATE`, `INSERT` or `ALL` governs rows, not columns. On a table that also holds the user's `role`, `is_admin`, `plan`, `credits` or subscription `status`, any signed-in user sends `PATCH /rest/v1/profiles?id=eq.<me>` with `{\"role\": \"admin\"}` or `{\"plan\": \"pro\"}` from the browser console and promotes, upgrades or credits themselves.",
        fix: "Keep those columns out of the user's reach: `revoke update on table profiles from authenticated; grant update (display_name, avatar_url) on table profiles to authenticated;`, or a `before update` trigger that raises when they change (`if new.role is distinct from old.role then raise exception …`), or move them to a table only the service role or a checked `security definer` function writes.",
        docs: "self_escalation.md",
    }
}

/// What a column grants its row's owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stake {
    /// A role or an admin flag on a user's record: `role`, `is_admin`, `is_approved`.
    Privilege,
    /// What they pay for or spend: `plan`, `credits`, `balance`, a subscription's `status`.
    Billing,
}

/// The words of a name: `user_subscriptions` -> `user`, `subscriptions`.
fn words(name: &str) -> Vec<&str> {
    name.split('_').filter(|w| !w.is_empty()).collect()
}

/// A table of the app's users or their memberships, whose role says what they may do:
/// `profiles`, `users`, `org_members`, `user_roles`, `clinic_users`. Not invitations,
/// contacts or participants, whose role is a label.
fn people_table(table: &str) -> bool {
    let w = words(table);
    w.iter().any(|w| {
        matches!(
            *w,
            "user" | "users" | "profile" | "profiles" | "member" | "members" | "membership"
                | "memberships" | "roles" | "staff" | "admins"
        )
    }) && !w.iter().any(|w| {
        w.starts_with("invit")
            || matches!(*w, "contacts" | "participants" | "messages" | "conversations")
    })
}

/// A table whose rows are a user's or a tenant's entitlement: subscriptions, credits,
/// wallets, usage counters, rewards.
fn entitlement_table(table: &str) -> bool {
    words(table).iter().any(|w| {
        matches!(
            *w,
            "subscription"
                | "subscriptions"
                | "credits"
                | "credit"
                | "wallet"
                | "wallets"
                | "entitlements"
                | "quota"
                | "quotas"
                | "usage"
                | "rewards"
                | "billing"
        )
    })
}

/// A role or admin flag: `role`, `user_role`, `is_admin`, `is_super_admin`, `permissions`.
fn privilege_column(column: &str) -> bool {
    let w = words(column);
    let has = |x: &[&str]| w.iter().any(|y| x.contains(y));
    (has(&["role", "roles"])
        && !has(&["title", "description", "name", "label", "job", "template", "temp"]))
        || ((column.starts_with("is_") || w.len() == 1)
            && has(&["admin", "superadmin", "superuser", "staff", "moderator"]))
        || matches!(
            column,
            "permissions"
                | "access_level"
                | "user_type"
                | "account_type"
                | "is_approved"
                | "approved"
                | "approval_status"
                | "is_verified_seller"
        )
}

/// What a user pays for: `plan`, `plan_id`, `subscription_tier`, `credits`,
/// `credit_balance`, `is_pro`, `trial_ends_at`, `monthly_quota`, `hard_limit_tokens`.
fn entitlement_column(column: &str) -> bool {
    let w = words(column);
    let has = |x: &[&str]| w.iter().any(|y| x.contains(y));
    let flag = column.starts_with("is_") || column.starts_with("has_");
    (has(&["plan", "tier", "credits", "coins", "quota", "trial", "seats"])
        && !has(&["year", "date", "quality"]))
        || (has(&["subscription"]) && has(&["status", "tier", "plan", "ends", "end", "expires"]))
        || (flag && has(&["pro", "premium", "paid", "subscribed"]))
        || matches!(column, "premium" | "balance" | "credit_balance" | "token_balance")
        || (has(&["limit", "limits", "remaining", "used"])
            && has(&["tokens", "credits", "usage", "requests", "messages", "generations", "monthly", "daily", "hard", "api"]))
}

/// What a column of a user's or tenant's row is worth to them, if anything. `people`:
/// the table is one of users; `billing`: the row is the tenant itself or an entitlement.
///
/// A status, count or date of an entitlement table (`user_subscriptions.status`) is at
/// stake only when the table holds something of value too (`columns`: a plan, credits,
/// an amount, points, a balance, a price); a table named for usage or enrolment that
/// holds none (`part_usage.quantity_used`, `study_user_subscriptions.is_active`) records
/// what a user did.
fn stake(
    table: &str,
    column: &str,
    columns: &[String],
    people: bool,
    tenant_row: bool,
) -> Option<Stake> {
    if people && privilege_column(column) {
        return Some(Stake::Privilege);
    }
    let entitlement = entitlement_table(table);
    if (people || tenant_row || entitlement) && entitlement_column(column) {
        return Some(Stake::Billing);
    }
    let w = words(column);
    let has = |x: &[&str]| w.iter().any(|y| x.contains(y));
    let valued = columns.iter().any(|c| {
        entitlement_column(c)
            || words(c)
                .iter()
                .any(|w| matches!(*w, "amount" | "points" | "balance" | "price" | "credits"))
    });
    if entitlement
        && valued
        && (matches!(column, "status" | "is_active" | "quantity" | "expires_at" | "ends_at")
            || has(&["amount", "points", "balance", "usage", "used", "remaining"])
            || column.starts_with("current_period"))
    {
        return Some(Stake::Billing);
    }
    None
}

/// A table that records what happened (`payment_history`, `wallet_transactions`,
/// `credit_ledger`, `usage_log`, `upgrade_requests`) rather than what a
/// user is entitled to: writing one's own rows there cheats no one unless something
/// computes an entitlement from them. A `payments` table is not one: its status is what
/// an order's fulfilment is usually decided on.
fn record_table(table: &str) -> bool {
    words(table).last().is_some_and(|w| {
        matches!(
            *w,
            "history"
                | "histories"
                | "log"
                | "logs"
                | "ledger"
                | "ledgers"
                | "transaction"
                | "transactions"
                | "request"
                | "requests"
                | "record"
                | "records"
                | "receipts"
                | "invoices"
                | "tracking"
                | "events"
        )
    })
}

/// Whether the database computes from a record table's column: a trigger on the table
/// reads it (`new.amount`), or a function reads the table and names the column
/// (`select sum(amount) from credit_transactions`).
fn trusted_in_database(db: &Database, table: &str, column: &str) -> bool {
    let new_col = format!("new.{column}");
    db.triggers_on(table)
        .flat_map(|t| db.functions_named(&t.function.name))
        .any(|f| !word_at(&f.code, &new_col).is_empty())
        || db.functions.iter().any(|f| {
            reads_table(&f.code, table) && !word_at(&f.code, column).is_empty()
        })
}

/// Whether code reads a table (`from t`, `join public.t`), not only inserts into it.
fn reads_table(code: &str, table: &str) -> bool {
    word_at(code, table).into_iter().any(|i| {
        let mut before = &code[..i];
        // `public.t`: the schema is part of the name
        if let Some(q) = before.strip_suffix('.') {
            before = q.trim_end_matches(|c: char| c.is_ascii_alphanumeric() || c == '_');
        }
        let head = before.trim_end().to_ascii_lowercase();
        head.ends_with("from") || head.ends_with("join")
    })
}

/// A payment a user records for themselves: `payment_status` or `amount_paid` on any of
/// their rows, and the status and amount of their payments and purchases.
fn payment_column(table: &str, column: &str) -> bool {
    matches!(column, "payment_status" | "amount_paid")
        || (words(table)
            .iter()
            .any(|w| matches!(*w, "payment" | "payments" | "purchase" | "purchases"))
            && (column == "status" || column.starts_with("amount")))
}

/// The offsets where `word` stands alone in `text` (not part of a longer identifier).
fn word_at(text: &str, word: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    text.match_indices(word)
        .map(|(i, _)| i)
        .filter(|&i| {
            (i == 0 || !ident(b[i - 1])) && b.get(i + word.len()).is_none_or(|&c| !ident(c))
        })
        .collect()
}

/// Whether a condition names a column of the policy's own row: unqualified outside any
/// subquery (`user_id = auth.uid()`, `org_id in (select …)`, `is_member(org_id)`), or
/// qualified with the table's name anywhere (`m.org_id = projects.org_id`).
fn names_own_column(cond: &str, table: &str, column: &str) -> bool {
    word_at(cond, column).into_iter().any(|i| {
        let before = &cond[..i];
        if let Some(q) = before.strip_suffix('.') {
            return q.ends_with(table)
                && q[..q.len() - table.len()]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'));
        }
        // the open parentheses around `i`: is one of them a subquery?
        let mut open: Vec<bool> = Vec::new();
        for (j, c) in before.char_indices() {
            match c {
                '(' => open.push(cond[j + 1..].trim_start().starts_with("select")),
                ')' => {
                    open.pop();
                }
                _ => {}
            }
        }
        !open.contains(&true)
    })
}

/// The columns that tie a row to its user or tenant.
fn owner_columns<'a>(cx: &'a FileCx<'_>, db: &'a Database, p: &'a DbPolicy) -> Vec<&'a str> {
    // the user's own columns first: `user_id = auth.uid() and org_id in (…)` is theirs
    let mut cols: Vec<&str> = vec!["id"];
    if let Some(t) = db.tables.get(&p.table) {
        cols.extend(t.people.iter().map(String::as_str));
        cols.extend(
            t.columns
                .iter()
                .filter(|c| is_user_field(c))
                .map(String::as_str),
        );
    }
    if let Some(m) = cx.facts.data.table(&p.at.path, &p.table) {
        cols.extend(m.tenant.as_ref().map(|t| t.column.as_str()));
    }
    cols
}

/// The tables that are tenants: `organizations`, `workspaces`, and the table a tenant
/// column points at (`companies` for `company_id`).
fn tenant_tables<'a>(cx: &FileCx<'_>, db: &'a Database) -> Vec<&'a str> {
    let columns: std::collections::HashSet<&str> = db
        .policies
        .iter()
        .filter_map(|p| cx.facts.data.table(&p.at.path, &p.table))
        .filter_map(|m| m.tenant.as_ref().map(|t| t.column.as_str()))
        .collect();
    db.tables
        .keys()
        .filter(|t| {
            let singular = crate::facts::tenant::singular(t.rsplit('_').next().unwrap_or(t));
            TENANT_MODELS.contains(&singular.as_str())
                || columns.contains(format!("{singular}_id").as_str())
        })
        .map(String::as_str)
        .collect()
}

/// The columns a table's inserts name in the functions (`insert into public.profiles
/// (id, full_name, role)` in `handle_new_user`).
fn inserted_columns(db: &Database, table: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for f in &db.functions {
        for head in [format!("insert into public.{table} ("), format!("insert into {table} (")] {
            for (i, _) in f.code.match_indices(&head) {
                let rest = &f.code[i + head.len()..];
                let list = rest.split(')').next().unwrap_or("");
                for c in list.split(',').map(str::trim) {
                    if !c.is_empty() && !out.iter().any(|o| o == c) {
                        out.push(c.to_string());
                    }
                }
            }
        }
    }
    out
}

/// Whether a `BEFORE` trigger on the table keeps the column for this write: its function
/// rejects a change (`raise exception`) or puts the old value back (`new.role :=
/// old.role`, `new.plan := 'free'`).
fn kept_by_trigger(db: &Database, table: &str, column: &str, insert: bool) -> bool {
    let new_col = format!("new.{column}");
    db.triggers_on(table)
        .filter(|t| t.before && if insert { t.insert } else { t.update })
        .flat_map(|t| db.functions_named(&t.function.name))
        .any(|f| {
            let code = &f.code;
            word_at(code, &new_col).into_iter().any(|i| {
                let rest = code[i + new_col.len()..].trim_start();
                rest.starts_with(":=") || rest.starts_with("= old.")
            }) || (!word_at(code, &new_col).is_empty() && code.contains("raise"))
        })
}

impl Rule for SelfEscalation {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check_file(&self, cx: &FileCx<'_>, out: &mut Sink) {
        for db in databases(cx) {
            if !db.policies.iter().any(|p| here(cx, &p.at)) {
                continue;
            }
            let tenant_tables = tenant_tables(cx, db);
            // the columns each table's inserts name, read from the functions once per
            // table (a table has a policy for each write)
            let mut inserted: std::collections::HashMap<&str, Vec<String>> =
                std::collections::HashMap::new();
            for p in &db.policies {
                if !here(cx, &p.at) {
                    continue;
                }
                let (insert, update) = match p.policy.command {
                    PolicyCommand::Insert => (true, false),
                    PolicyCommand::Only(Access::Update) => (false, true),
                    PolicyCommand::All => (true, true),
                    PolicyCommand::Only(_) => continue,
                };
                // an own row needs a signed-in user
                if !p.reaches("authenticated") || rls_off(cx, db, &p.table) {
                    continue;
                }
                let Some(table) = db.tables.get(&p.table) else {
                    continue;
                };
                let cond = squashed(&p.policy.cond);
                // an own row: the condition names the row's user or tenant and asks who
                // the caller is; a global admin check (`is_admin()`) names neither
                let owner = owner_columns(cx, db, p);
                let Some(own) = owner
                    .iter()
                    .find(|c| names_own_column(&cond, &p.table, c))
                else {
                    continue;
                };
                if !asks_for_caller(db, &cond, 0) {
                    continue;
                }
                let tenant_col = cx
                    .facts
                    .data
                    .table(&p.at.path, &p.table)
                    .and_then(|m| m.tenant.as_ref())
                    .map(|t| t.column.as_str());
                let tenant_rows = tenant_col == Some(*own);
                let tenant_row = *own == "id" && tenant_tables.contains(&p.table.as_str());
                let people = people_table(&p.table)
                    && (!table.people.is_empty()
                        || table.columns.iter().any(|c| is_user_field(c))
                        || matches!(p.table.as_str(), "users" | "profiles" | "user_profiles"));
                // members' roles managed by the tenant's admins are by design; a policy
                // any member passes lets them promote themselves and their peers
                let admins_only = ["admin", "owner", "manager", "role"]
                    .iter()
                    .any(|w| cond.contains(w));
                // a table made outside the migrations (Lovable's `profiles`) shows its
                // columns in the inserts of its functions
                let mut columns = table.columns.clone();
                let from_inserts = inserted
                    .entry(p.table.as_str())
                    .or_insert_with(|| inserted_columns(db, &p.table));
                for c in from_inserts.iter() {
                    if !columns.contains(c) {
                        columns.push(c.clone());
                    }
                }
                let writes = db.writes(&p.table);
                let mut at_stake: Vec<(&str, Stake)> = columns
                    .iter()
                    .filter(|c| !owner.contains(&c.as_str()))
                    .filter_map(|c| {
                        let s = stake(&p.table, c, &columns, people, tenant_row)
                            .filter(|s| {
                                // the row is the member's own (`user_id = auth.uid()`)
                                // unless only its tenant or its inviter is compared
                                let subject = matches!(*own, "id" | "user_id" | "profile_id");
                                !((tenant_rows || !subject)
                                    && *s == Stake::Privilege
                                    && admins_only)
                            })
                            .or_else(|| {
                                (!tenant_rows && !tenant_row && payment_column(&p.table, c))
                                    .then_some(Stake::Billing)
                            });
                        s.map(|s| (c.as_str(), s))
                    })
                    // a record of payments or usage that nothing in the database computes from
                    .filter(|(c, s)| {
                        *s != Stake::Billing
                            || !record_table(&p.table)
                            || trusted_in_database(db, &p.table, c)
                    })
                    // a `with check` that pins the column
                    .filter(|(c, _)| word_at(&cond, c).is_empty())
                    .filter(|(c, _)| {
                        (insert
                            && writes.insert.covers(c)
                            && !kept_by_trigger(db, &p.table, c, true))
                            || (update
                                && writes.update.covers(c)
                                && !kept_by_trigger(db, &p.table, c, false))
                    })
                    .collect();
                if at_stake.is_empty() {
                    continue;
                }
                at_stake.sort_by_key(|(_, s)| *s != Stake::Privilege);
                let names: Vec<String> = at_stake
                    .iter()
                    .take(4)
                    .map(|(c, _)| format!("`{c}`"))
                    .collect();
                let more = if at_stake.len() > 4 { ", …" } else { "" };
                let verb = match (insert, update) {
                    (true, true) => "insert and update",
                    (true, false) => "insert",
                    _ => "update",
                };
                let whose = if tenant_rows {
                    "their organization's rows"
                } else if tenant_row {
                    "their organization's own row"
                } else {
                    "their own rows"
                };
                let gain = if at_stake[0].1 == Stake::Privilege {
                    "any user can grant themselves a role or admin rights"
                } else {
                    "any user can upgrade or credit themselves without paying"
                };
                out.report(
                    first_line(cx, &p.at.range),
                    format!(
                        "policy \"{}\" lets a user {verb} {whose} of `{}` with any {}{more}, and no column grant, trigger or check keeps them: {gain}",
                        p.policy.name,
                        p.table,
                        names.join(", ")
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Stake, names_own_column, stake};

    #[test]
    fn columns_that_grant_or_pay() {
        for (t, c) in [
            ("profiles", "role"),
            ("profiles", "user_role"),
            ("users", "is_admin"),
            ("profiles", "is_alkatera_admin"),
            ("users", "is_approved"),
        ] {
            assert_eq!(stake(t, c, &[], true, false), Some(Stake::Privilege), "{c}");
        }
        for (t, c, people, tenant) in [
            ("profiles", "plan", true, false),
            ("profiles", "credit_balance", true, false),
            ("organizations", "subscription_tier", false, true),
            ("model_credits", "credits_remaining", false, false),
            ("user_subscriptions", "status", false, false),
            ("profiles", "is_pro", true, false),
            ("orgs", "hard_limit_tokens", false, true),
        ] {
            let columns = [c.to_string(), "plan_id".to_string()];
            assert_eq!(stake(t, c, &columns, people, tenant), Some(Stake::Billing), "{c}");
        }
        for (t, c, people) in [
            ("profiles", "display_name", true),
            ("profiles", "job_title", true),
            ("tasks", "status", false),
            ("profiles", "admin_notes", true),
            ("profiles", "role_description", true),
            // a label or a business value, not the user's privilege or entitlement
            ("chat_messages", "role", false),
            ("contacts", "role", false),
            ("assets", "quality_tier", false),
            ("insurances", "premium_amount", false),
            ("customers", "credit_limit", false),
            ("address_book", "usage_count", false),
        ] {
            assert_eq!(stake(t, c, &[c.to_string()], people, false), None, "{t}.{c}");
        }
        // an entitlement table's status counts when the table holds something of value
        let valued = ["status".to_string(), "credits_remaining".to_string()];
        assert_eq!(stake("user_subscriptions", "status", &valued, false, false), Some(Stake::Billing));
        let record = ["is_active".to_string(), "course_id".to_string()];
        assert_eq!(stake("study_user_subscriptions", "is_active", &record, false, false), None);
        assert!(super::people_table("clinic_users") && super::people_table("user_roles"));
        assert!(!super::people_table("user_invitations") && !super::people_table("chat_messages"));
    }

    #[test]
    fn own_columns_are_read_outside_subqueries() {
        assert!(names_own_column("auth.uid() = user_id", "t", "user_id"));
        assert!(names_own_column(
            "org_id in (select org_id from members where user_id = auth.uid())",
            "projects",
            "org_id"
        ));
        assert!(!names_own_column(
            "exists (select 1 from admins where user_id = auth.uid())",
            "projects",
            "user_id"
        ));
        assert!(names_own_column(
            "exists (select 1 from members m where m.org_id = projects.org_id and m.user_id = auth.uid())",
            "projects",
            "org_id"
        ));
        assert!(!names_own_column(
            "exists (select 1 from members m where m.org_id = other_projects.org_id)",
            "projects",
            "org_id"
        ));
    }
}
