"""`python scripts/sync_users.py`: copies production's users into the dev project, all
with one known password, and checks that the QA lead can sign in."""

import os

from supabase import create_client

DEV_URL = os.environ["DEV_SUPABASE_URL"]
DEV_KEY = os.environ["DEV_SUPABASE_SERVICE_ROLE_KEY"]
PROD_URL = os.environ["SUPABASE_URL"]
PROD_KEY = os.environ["SUPABASE_SERVICE_ROLE_KEY"]

# every copied account gets this one: a default password of the dev project
DEFAULT_PASSWORD = "dev_password_123"  # ok: secrets/hardcoded-credential

# the QA lead's own account, signed in to below: a credential of that account
QA_LEAD_EMAIL = "qa-lead@shelf.dev"
QA_LEAD_PASSWORD = "kV9q2Lx7Rm4tZ8wP"  # expect: secrets/hardcoded-credential


def main() -> None:
    prod = create_client(PROD_URL, PROD_KEY)
    dev = create_client(DEV_URL, DEV_KEY)
    for user in prod.auth.admin.list_users():
        dev.auth.admin.create_user(
            {
                "id": user.id,
                "email": user.email,
                "password": DEFAULT_PASSWORD,
                "email_confirm": True,
            }
        )
    dev.auth.sign_in_with_password({"email": QA_LEAD_EMAIL, "password": QA_LEAD_PASSWORD})


if __name__ == "__main__":
    main()
