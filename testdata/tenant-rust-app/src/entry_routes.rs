//! Entry handlers: each checks its caller in its own way before the repository runs.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use uuid::Uuid;

use crate::auth::{AuthUser, TenantRole};
use crate::entry_repo::EntryRepository;

type Failure = (StatusCode, String);

fn require_super_admin(user: &AuthUser) -> Result<(), Failure> {
    match user.role {
        Some(TenantRole::SuperAdmin) => Ok(()),
        _ => Err((StatusCode::FORBIDDEN, "super admins only".into())),
    }
}

/// Looks the entry up under the caller's organization; fails unless it is theirs.
async fn verify_entry_access(repo: &EntryRepository, user: &AuthUser, entry_id: Uuid) -> Result<(), Failure> {
    let entry = repo.find_entry(entry_id).await.map_err(|_| (StatusCode::NOT_FOUND, "no entry".into()))?;
    if entry.org_id != user.org_id {
        return Err((StatusCode::FORBIDDEN, "not your entry".into()));
    }
    Ok(())
}

async fn verify_org_access(user: &AuthUser, org_id: Uuid) -> Result<(), Failure> {
    if user.org_id != org_id {
        return Err((StatusCode::FORBIDDEN, "not your organization".into()));
    }
    Ok(())
}

pub async fn all_entries(State(repo): State<EntryRepository>, user: AuthUser) -> Result<String, Failure> {
    require_super_admin(&user)?;
    let ids = repo.list_all_entries().await.map_err(|_| (StatusCode::INTERNAL_SERVER_ERROR, "db".into()))?;
    Ok(ids.len().to_string())
}

pub async fn edit_memo(State(repo): State<EntryRepository>, user: AuthUser, Path(id): Path<Uuid>) -> Result<(), Failure> {
    verify_entry_access(&repo, &user, id).await?;
    repo.update_memo(id, "edited").await.map_err(|_| (StatusCode::INTERNAL_SERVER_ERROR, "db".into()))
}

pub async fn delete_entry(
    State(repo): State<EntryRepository>,
    user: AuthUser,
    Path((org_id, id)): Path<(Uuid, Uuid)>,
) -> Result<(), Failure> {
    verify_org_access(&user, org_id).await?;
    repo.delete_entry_by_id(id).await.map_err(|_| (StatusCode::INTERNAL_SERVER_ERROR, "db".into()))
}

pub async fn staff_memo(State(repo): State<EntryRepository>, user: AuthUser, Path(id): Path<Uuid>) -> Result<String, Failure> {
    require_super_admin(&user)?;
    let memo = repo.find_memo(id).await.map_err(|_| (StatusCode::INTERNAL_SERVER_ERROR, "db".into()))?;
    Ok(memo.unwrap_or_default())
}

pub async fn public_memo(State(repo): State<EntryRepository>, Path(id): Path<Uuid>) -> Result<String, Failure> {
    let memo = repo.find_memo(id).await.map_err(|_| (StatusCode::INTERNAL_SERVER_ERROR, "db".into()))?;
    Ok(memo.unwrap_or_default())
}

async fn verify_org_membership(user: &AuthUser, org_id: Uuid) -> Result<(), Failure> {
    verify_org_access(user, org_id).await
}

pub async fn export_entry(State(repo): State<EntryRepository>, user: AuthUser, Path(id): Path<Uuid>) -> Result<String, Failure> {
    let entry = repo.find_entry_for_export(id).await.map_err(|_| (StatusCode::NOT_FOUND, "no entry".into()))?;
    verify_org_membership(&user, entry.org_id).await?;
    Ok(entry.memo.unwrap_or_default())
}

pub async fn print_entry(
    State(repo): State<EntryRepository>,
    user: AuthUser,
    Path((org_id, id)): Path<(Uuid, Uuid)>,
) -> Result<String, Failure> {
    let entry = repo.find_entry_for_print(id).await.map_err(|_| (StatusCode::NOT_FOUND, "no entry".into()))?;
    verify_org_membership(&user, org_id).await?;
    Ok(entry.id.to_string())
}
