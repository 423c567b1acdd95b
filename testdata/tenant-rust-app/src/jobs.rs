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
