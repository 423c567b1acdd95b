//! Two repositories with a method of the same name. The handlers call it on values
//! named for the one they mean: `state.draft_repo`, never `state.entry_archive_repo`.

use axum::extract::{Path, State};
use sqlx::PgPool;
use uuid::Uuid;

pub struct EntryArchiveRepository {
    pool: PgPool,
}

impl EntryArchiveRepository {
    /// No handler calls this one: `purge` is only ever called on the drafts' repository.
    pub async fn purge(&self, id: Uuid) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM entries WHERE id = $1") // ok: tenant/missing-org-filter
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

pub struct DraftRepository {
    pool: PgPool,
}

impl DraftRepository {
    /// Called by a handler that checks nothing.
    pub async fn purge(&self, id: Uuid) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM entries WHERE id = $1 AND memo IS NULL") // expect: tenant/missing-org-filter
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

pub struct Repos {
    pub draft_repo: DraftRepository,
    pub entry_archive_repo: EntryArchiveRepository,
}

pub async fn purge_draft(State(state): State<std::sync::Arc<Repos>>, Path(id): Path<Uuid>) -> Result<(), String> {
    state.draft_repo.purge(id).await.map_err(|e| e.to_string())
}

/// The archive's cache, with a `purge` of its own.
pub struct ArchiveCache;

impl ArchiveCache {
    pub fn new() -> Self {
        ArchiveCache
    }

    pub async fn purge(&self, _id: Uuid) -> Result<(), sqlx::Error> {
        Ok(())
    }
}

/// Evicts an entry from the cache: `repo` is the cache, not the archive's repository.
pub async fn evict_cached(Path(id): Path<Uuid>) -> Result<(), String> {
    let repo = ArchiveCache::new();
    repo.purge(id).await.map_err(|e| e.to_string())
}
