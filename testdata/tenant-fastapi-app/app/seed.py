"""Reset the local database and load a demo organization: `python -m app.seed`."""

from sqlalchemy import delete
from sqlmodel import Session, select

from app.api.deps import engine
from app.models import Invoice, Organization, Plan, Project, User


def reset(session: Session) -> None:
    session.execute(delete(Invoice))  # ok: tenant/missing-org-filter
    for project in session.exec(select(Project)).all():  # ok: tenant/missing-org-filter
        session.delete(project)
    session.commit()


def main() -> None:
    with Session(engine) as session:
        reset(session)
        starter = session.exec(select(Plan).where(Plan.name == "starter")).first()
        org = Organization(name="Acme Demo", slug="acme-demo", plan_id=starter.id if starter else None)
        session.add(org)
        session.commit()
        session.refresh(org)

        owner = User(auth_id="00000000-0000-0000-0000-000000000001", email="owner@acme.test", org_id=org.id)
        session.add(owner)
        session.commit()
        session.refresh(owner)

        for name in ("Website relaunch", "Q3 onboarding", "Mobile app"):
            session.add(Project(org_id=org.id, owner_id=owner.id, name=name))
        session.commit()

        existing = session.query(Project).count()  # ok: tenant/missing-org-filter
        print(f"seeded {existing} projects for {org.slug}")


if __name__ == "__main__":
    main()
