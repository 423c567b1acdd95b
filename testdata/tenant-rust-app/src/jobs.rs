//! Repository methods no handler, job or service calls: generated with the rest of the
//! repository and never wired up. Dead code serves no request.

use sqlx::PgPool;
use uuid::Uuid;

pub struct LedgerRepository {
    pool: PgPool,
}

impl LedgerRepository {
    pub async fn archive_ledger(&self, id: Uuid) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE ledgers SET archived = true WHERE id = $1") // ok: tenant/missing-org-filter
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn purge_entries(&self) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM entries WHERE created_at < now() - interval '1 year'") // ok: tenant/missing-org-filter
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The row-level-security variant, called only by the deprecated wrapper below,
    /// which nothing calls: dead as well.
    pub async fn delete_ledger_rls(&self, pool: &PgPool, id: Uuid) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM ledgers WHERE id = $1") // ok: tenant/missing-org-filter
            .bind(id)
            .execute(pool)
            .await?;
        Ok(())
    }

    /// **Deprecated**: Use `delete_ledger_rls` with an RLS-enabled connection instead.
    #[deprecated(since = "0.2.0", note = "Use delete_ledger_rls with RlsConnection instead")]
    pub async fn delete_ledger(&self, id: Uuid) -> Result<(), sqlx::Error> {
        self.delete_ledger_rls(&self.pool, id).await
    }

    /// Called by a wrapper that a handler calls: reported.
    pub async fn find_ledger_rls(&self, pool: &PgPool, id: Uuid) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT name FROM ledgers WHERE id = $1") // expect: tenant/missing-org-filter
            .bind(id)
            .fetch_one(pool)
            .await?;
        Ok(())
    }

    pub async fn find_ledger(&self, id: Uuid) -> Result<(), sqlx::Error> {
        self.find_ledger_rls(&self.pool, id).await
    }

    /// Called from the ledger handler below: reported.
    pub async fn restore_ledger(&self, id: Uuid) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE ledgers SET archived = false WHERE id = $1") // expect: tenant/missing-org-filter
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

pub async fn restore(
    axum::extract::State(repo): axum::extract::State<LedgerRepository>,
    axum::extract::Path(id): axum::extract::Path<Uuid>,
) {
    let _ = repo.restore_ledger(id).await;
}

pub async fn show(
    axum::extract::State(repo): axum::extract::State<LedgerRepository>,
    axum::extract::Path(id): axum::extract::Path<Uuid>,
) {
    let _ = repo.find_ledger(id).await;
}

/// A handler with the name of a repository method: registering it does not call the
/// method.
pub async fn archive_ledger() -> axum::http::StatusCode {
    axum::http::StatusCode::GONE
}

#[cfg(test)]
mod tests {
    /// Only a test calls `purge_entries`: still no request reaches it.
    #[tokio::test]
    async fn purges() {
        let repo = super::LedgerRepository { pool: crate::db::pool().await };
        repo.purge_entries().await.unwrap();
    }
}
