use axum::routing::{delete, get, post};
use axum::Router;

mod entity;
mod context;
mod org_routes;
mod repo;
mod routes;
mod schema;
mod jobs;
mod audit;
mod search;
mod staff_routes;
mod entry_repo;
mod entry_routes;
mod archive_repos;

pub fn router() -> Router<sqlx::PgPool> {
    Router::new()
        .route("/ledgers", get(routes::list_ledgers))
        .route("/ledgers/all", get(routes::all_ledgers))
        .route("/ledgers/{id}", get(routes::get_ledger))
        .route("/ledgers/{id}/rename", post(routes::rename_ledger))
        .route("/orgs/{org}/ledgers/{id}/owner", get(routes::ledger_owner))
        .route("/entries/{id}", delete(routes::delete_entry))
        .route("/ledgers/{ledger}/entries", get(routes::entries_of_ledger))
        .route("/currencies", get(routes::currencies))
        .route("/orgs/{org_id}/ledgers", get(org_routes::ledgers_of_org))
        .route("/ledgers/search", get(org_routes::ledgers_by_query))
        .route("/me/ledgers", get(org_routes::my_ledgers))
        .route("/budgets/{id}/rename", post(budgets::rename))
        .route("/ledgers/{id}/restore", post(jobs::restore))
        .route("/ledgers/{id}/show", get(jobs::show))
        .route("/ledgers/{id}/archive", post(jobs::archive_ledger))
        .route("/audit/cleanup", post(audit::cleanup))
        .route("/ledgers/find", get(search::search))
        .route("/staff/ledgers/report", get(staff_routes::all_ledgers_report))
        .route("/support/ledgers", get(staff_routes::support_ledgers))
        .route("/staff/entries", get(entry_routes::all_entries))
        .route("/entries/{id}/memo", post(entry_routes::edit_memo))
        .route("/orgs/{org_id}/entries/{id}", delete(entry_routes::delete_entry))
        .route("/staff/entries/{id}/memo", get(entry_routes::staff_memo))
        .route("/entries/{id}/memo", get(entry_routes::public_memo))
        .route("/entries/{id}/export", get(entry_routes::export_entry))
        .route("/orgs/{org_id}/entries/{id}/print", get(entry_routes::print_entry))
        .route("/archive/cache/{id}", delete(archive_repos::evict_cached))
        .route("/drafts/{id}", delete(archive_repos::purge_draft))
}

/// Budget and invoice handlers: each calls its repository function.
mod budgets {
    use crate::repo;

    pub async fn rename(/* … */) {
        let mut conn = crate::db::conn();
        let user = crate::auth::current_user();
        let _ = repo::org_budgets(&mut conn, &user);
        let _ = repo::every_budget(&mut conn);
        let _ = repo::rename_budget(&mut conn, user.id, "renamed");
        let _ = repo::budget_for(&mut conn, &user, user.id);
        let _ = repo::country_names(&mut conn);
        let db = crate::db::orm();
        let _ = repo::workspace_invoices(&db, &user).await;
        let _ = repo::open_invoices(&db).await;
        let _ = repo::void_all(&db).await;
    }
}

#[tokio::main]
async fn main() {
    let pool = sqlx::PgPool::connect(&std::env::var("DATABASE_URL").unwrap()).await.unwrap();
    let app = router().with_state(pool);
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
