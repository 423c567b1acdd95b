"""Documents, comments and the activity feed live in Supabase tables (see supabase/migrations)."""

import os

from supabase import Client, create_client

SUPABASE_URL = os.environ["SUPABASE_URL"]

# Service-role client: bypasses row level security. Server-side jobs only.
supabase_admin: Client = create_client(SUPABASE_URL, os.environ["SUPABASE_SERVICE_ROLE_KEY"])


def user_client(access_token: str) -> Client:
    """A client that acts as the signed-in user, so row level security applies."""
    client = create_client(SUPABASE_URL, os.environ["SUPABASE_ANON_KEY"])
    client.postgrest.auth(access_token)
    return client


def list_documents(access_token: str) -> list[dict]:
    client = user_client(access_token)
    response = client.table("documents").select("id, title, updated_at").order("updated_at", desc=True).execute()  # ok: tenant/missing-org-filter
    return response.data


def document_comments(access_token: str, document_id: str) -> list[dict]:
    # "Service role can manage comments" forgot `to service_role`: every user reads every
    # comment. tenant/rls-disabled reports that policy; the query is not a second problem.
    client = user_client(access_token)
    response = client.table("comments").select("*").eq("document_id", document_id).execute()  # ok: tenant/missing-org-filter
    return response.data


def org_comments(access_token: str, org_id: int) -> list[dict]:
    client = user_client(access_token)
    response = (
        client.from_("comments")  # ok: tenant/missing-org-filter
        .select("id, body, created_at")
        .eq("org_id", org_id)  # ok: tenant/org-id-from-request
        .order("created_at", desc=True)
        .execute()
    )
    return response.data


def latest_activity(access_token: str) -> list[dict]:
    client = user_client(access_token)
    response = (
        client.from_("activity_log")  # expect: tenant/missing-org-filter
        .select("*")
        .order("created_at", desc=True)
        .limit(20)
        .execute()
    )
    return response.data


def org_activity(access_token: str, org_id: int) -> list[dict]:
    client = user_client(access_token)
    response = client.table("activity_log").select("*").eq("org_id", org_id).limit(50).execute()  # ok: tenant/missing-org-filter, tenant/org-id-from-request
    return response.data


def export_all_documents() -> list[dict]:
    """Nightly export to the search index."""
    response = (
        supabase_admin
        .table("documents")  # expect: tenant/missing-org-filter
        .select("*")
        .execute()
    )
    return response.data


def export_org_documents(org_id: int) -> list[dict]:
    response = supabase_admin.table("documents").select("*").eq("org_id", org_id).execute()  # ok: tenant/missing-org-filter, tenant/org-id-from-request
    return response.data


def release_notes() -> list[dict]:
    response = supabase_admin.table("release_notes").select("version, body, published_at").execute()  # ok: tenant/missing-org-filter
    return response.data
