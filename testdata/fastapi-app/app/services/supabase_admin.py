import base64

from supabase import Client, create_client

from app.core.config import settings

SUPABASE_URL = "https://@@ref1@@.supabase.co"
# Copied from the dashboard as the "service key"; it is the anon key.
SUPABASE_SERVICE_KEY = "@@sb_anon@@"  # ok: secrets/hardcoded-credential
SUPABASE_KEY = "@@sb_service@@"  # expect: secrets/hardcoded-credential

public_client: Client = create_client(SUPABASE_URL, SUPABASE_SERVICE_KEY)
storage_admin: Client = create_client(SUPABASE_URL, SUPABASE_KEY)
auth_admin: Client = create_client(settings.SUPABASE_URL, settings.SUPABASE_SERVICE_ROLE_KEY)  # ok: secrets/hardcoded-credential


def upload_avatar(user_id: str, file_b64: str) -> str:
    path = f"{user_id}/avatar.png"
    storage_admin.storage.from_("avatars").upload(
        path,
        base64.b64decode(file_b64),
        {"content-type": "image/png", "upsert": "true"},
    )
    return path
