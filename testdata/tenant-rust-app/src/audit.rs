//! The audit log's own repository. Its `archive_ledger` is its own method: calling it
//! on `self` here does not call the ledger repository's method of the same name.

use sqlx::PgPool;

pub struct AuditRepository {
    pool: PgPool,
}

impl AuditRepository {
    pub async fn archive_ledger(&self) -> Result<(), sqlx::Error> {
        sqlx::query("INSERT INTO audit_events (kind) VALUES ('ledger archived')")
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn cleanup(&self) -> Result<(), sqlx::Error> {
        self.archive_ledger().await
    }
}

pub async fn cleanup(axum::extract::State(repo): axum::extract::State<AuditRepository>) {
    let _ = repo.cleanup().await;
}
