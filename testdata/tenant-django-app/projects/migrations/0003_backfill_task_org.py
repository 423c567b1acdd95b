from django.db import migrations


def backfill_task_org(apps, schema_editor):
    Task = apps.get_model("projects", "Task")
    for task in Task.objects.select_related("project").iterator():  # ok: tenant/missing-org-filter
        if task.org_id is None:
            task.org_id = task.project.organization_id
            task.save(update_fields=["org"])


class Migration(migrations.Migration):
    dependencies = [("projects", "0002_task_org")]

    operations = [migrations.RunPython(backfill_task_org, migrations.RunPython.noop)]
