use diesel::prelude::*;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::auth::CurrentUser;
use crate::entity::invoice;
use crate::schema::{budgets, countries};

#[derive(Queryable)]
pub struct Budget {
    pub id: Uuid,
    pub org_id: Uuid,
    pub name: String,
    pub limit_cents: i64,
}

pub fn org_budgets(conn: &mut PgConnection, user: &CurrentUser) -> QueryResult<Vec<Budget>> {
    budgets::table // ok: tenant/missing-org-filter
        .filter(budgets::org_id.eq(user.org_id))
        .load::<Budget>(conn)
}

pub fn every_budget(conn: &mut PgConnection) -> QueryResult<Vec<Budget>> {
    budgets::table.order(budgets::name.asc()).load::<Budget>(conn) // expect: tenant/missing-org-filter
}

pub fn rename_budget(conn: &mut PgConnection, id: Uuid, name: &str) -> QueryResult<usize> {
    diesel::update(budgets::table.find(id)) // expect: tenant/missing-org-filter
        .set(budgets::name.eq(name))
        .execute(conn)
}

pub fn budget_for(conn: &mut PgConnection, user: &CurrentUser, id: Uuid) -> QueryResult<Option<Budget>> {
    let budget = budgets::table.find(id).first::<Budget>(conn)?; // ok: tenant/missing-org-filter
    if budget.org_id != user.org_id {
        return Ok(None);
    }
    Ok(Some(budget))
}

pub fn country_names(conn: &mut PgConnection) -> QueryResult<Vec<String>> {
    countries::table.select(countries::name).load(conn) // ok: tenant/missing-org-filter
}

pub async fn workspace_invoices(db: &DatabaseConnection, user: &CurrentUser) -> Result<Vec<invoice::Model>, DbErr> {
    invoice::Entity::find() // ok: tenant/missing-org-filter
        .filter(invoice::Column::WorkspaceId.eq(user.workspace_id))
        .all(db)
        .await
}

pub async fn open_invoices(db: &DatabaseConnection) -> Result<Vec<invoice::Model>, DbErr> {
    invoice::Entity::find() // expect: tenant/missing-org-filter
        .filter(invoice::Column::Status.eq("open"))
        .all(db)
        .await
}

pub async fn void_all(db: &DatabaseConnection) -> Result<(), DbErr> {
    invoice::Entity::delete_many().exec(db).await?; // expect: tenant/missing-org-filter
    Ok(())
}
