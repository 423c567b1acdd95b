//! The entries repository: lookups by id and platform-wide lists. Whether each one is
//! safe depends on its callers in `entry_routes.rs`.

use sqlx::PgPool;
use uuid::Uuid;

pub struct Entry {
    pub id: Uuid,
    pub org_id: Uuid,
    pub memo: Option<String>,
}

pub struct EntryRepository {
    pool: PgPool,
}

impl EntryRepository {
    /// Every tenant's entries: its one caller is behind the super-admin guard.
    pub async fn list_all_entries(&self) -> Result<Vec<Uuid>, sqlx::Error> {
        sqlx::query_scalar("SELECT id FROM entries ORDER BY id") // ok: tenant/missing-org-filter
            .fetch_all(&self.pool)
            .await
    }

    /// Its caller checks access to the same entry first.
    pub async fn update_memo(&self, id: Uuid, memo: &str) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE entries SET memo = $2 WHERE id = $1") // ok: tenant/missing-org-filter
            .bind(id)
            .bind(memo)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Its caller compares the entry's tenant with the caller's before answering.
    pub async fn find_entry(&self, id: Uuid) -> Result<Entry, sqlx::Error> {
        sqlx::query_as!(Entry, "SELECT id, org_id, memo FROM entries WHERE id = $1", id) // ok: tenant/missing-org-filter
            .fetch_one(&self.pool)
            .await
    }

    /// Its caller checks access to the organization, not to this entry: any member of
    /// one organization deletes another's entry by id.
    pub async fn delete_entry_by_id(&self, id: Uuid) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM entries WHERE id = $1") // expect: tenant/missing-org-filter
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Called by a guarded handler and by one that checks nothing.
    pub async fn find_memo(&self, id: Uuid) -> Result<Option<String>, sqlx::Error> {
        sqlx::query_scalar("SELECT memo FROM entries WHERE id = $1") // expect: tenant/missing-org-filter
            .bind(id)
            .fetch_one(&self.pool)
            .await
    }

    /// Its caller hands the entry's own tenant to an organization check right after.
    pub async fn find_entry_for_export(&self, id: Uuid) -> Result<Entry, sqlx::Error> {
        sqlx::query_as!(Entry, "SELECT id, org_id, memo FROM entries WHERE id = $1 AND memo IS NOT NULL", id) // ok: tenant/missing-org-filter
            .fetch_one(&self.pool)
            .await
    }

    /// Its caller checks the organization the path names, never the entry's.
    pub async fn find_entry_for_print(&self, id: Uuid) -> Result<Entry, sqlx::Error> {
        sqlx::query_as!(Entry, "SELECT id, org_id, memo FROM entries WHERE id = $1 AND memo IS NULL", id) // expect: tenant/missing-org-filter
            .fetch_one(&self.pool)
            .await
    }
}
