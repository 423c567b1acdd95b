import base64

from supabase import Client, create_client

from app.core.config import settings

SUPABASE_URL = "https://rvlmqafrhemiaxqnuxuj.supabase.co"
# Copied from the dashboard as the "service key"; it is the anon key.
SUPABASE_SERVICE_KEY = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6InJ2bG1xYWZyaGVtaWF4cW51eHVqIiwicm9sZSI6ImFub24iLCJpYXQiOjE3MDAwMDAwMDAsImV4cCI6MjAwMDAwMDAwMH0.dSmsU0Eb5i2PcaLFvyDQ9l_u-StBXXqpJ5ZWNmuBxOE"  # ok: secrets/hardcoded-credential
SUPABASE_KEY = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6InJ2bG1xYWZyaGVtaWF4cW51eHVqIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoyMDAwMDAwMDAwfQ.ezS5X-F5fZwsnKTUq9ONVQAsdkBgnyTNamf9f6mZFsi"  # expect: secrets/hardcoded-credential

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
