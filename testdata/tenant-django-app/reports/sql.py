"""Raw SQL for the reports page; the ORM version did N+1 queries."""

from django.db import connection

TASK_COLUMNS = "t.id, t.title, t.done, t.updated_at"


def project_overview(organization_id: int) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, name, status FROM projects WHERE organization_id = %s ORDER BY name",  # ok: tenant/missing-org-filter
            [organization_id],
        )
        return cursor.fetchall()


def project_row(project_id: int) -> tuple | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM projects WHERE id = %s", (project_id,))  # expect: tenant/missing-org-filter
        return cursor.fetchone()


def open_tasks_with_project(organization_id: int) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t.id, t.title, p.name FROM projects_task AS t "  # ok: tenant/missing-org-filter
            "JOIN projects AS p ON p.id = t.project_id "
            "WHERE p.organization_id = %s AND NOT t.done",
            [organization_id],
        )
        return cursor.fetchall()


def stale_tasks(days: int) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {TASK_COLUMNS} FROM projects_task t WHERE NOT t.done AND t.updated_at < now() - %s * interval '1 day'",  # expect: tenant/missing-org-filter
            [days],
        )
        return cursor.fetchall()


def stale_tasks_for_org(org_id: int, days: int) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {TASK_COLUMNS} FROM projects_task t WHERE t.org_id = %s AND NOT t.done AND t.updated_at < now() - %s * interval '1 day'",  # ok: tenant/missing-org-filter
            [org_id, days],
        )
        return cursor.fetchall()


def delete_project_tasks(project_id: int) -> int:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM projects_task WHERE project_id = %s", [project_id])  # expect: tenant/missing-org-filter
        return cursor.rowcount


def close_project(organization_id: int, project_id: int) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE projects SET status = 'closed' WHERE id = %s AND organization_id = %s",  # ok: tenant/missing-org-filter
            [project_id, organization_id],
        )
        return cursor.rowcount


def tag_usage() -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, color FROM projects_tag ORDER BY name")  # ok: tenant/missing-org-filter
        return cursor.fetchall()
