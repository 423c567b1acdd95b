"""`python seed_demo.py`: demo accounts for the back office and the mobile API."""

import os
import secrets

from models import Base, User, db_session, engine


def main() -> None:
    Base.metadata.create_all(engine)
    db_session.add_all(
        [
            User(email="admin@shelf.dev", name="Admin", password="admin", role="admin", is_admin=True),  # expect: web/default-credentials
            User(email="support@shelf.dev", name="Support", password="support123", role="support"),  # expect: web/default-credentials
            User(email="creator@shelf.dev", name="Creator", password=os.environ["SEED_CREATOR_PASSWORD"], role="creator"),  # ok: web/default-credentials
            User(email="buyer@shelf.dev", name="Buyer", password=secrets.token_urlsafe(16)),  # ok: web/default-credentials
        ]
    )
    db_session.commit()
    print("Seeded demo users")


if __name__ == "__main__":
    main()
