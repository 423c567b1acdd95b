from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from rest_framework import permissions, viewsets

from .models import Project, Tag, Task
from .serializers import ProjectSerializer, TaskSerializer

# request.user is accounts.Member, which belongs to exactly one organization.


@login_required
def project_list(request):
    projects = Project.objects.filter(organization=request.user.organization).order_by("name")  # ok: tenant/missing-org-filter, tenant/org-id-from-request
    return render(request, "projects/list.html", {"projects": projects})


@login_required
def archived_projects(request):
    projects = Project.objects.filter(status=Project.Status.ARCHIVED).order_by("-created_at")  # expect: tenant/missing-org-filter
    return render(request, "projects/archived.html", {"projects": projects})


@login_required
def dashboard(request):
    open_projects = Project.objects.exclude(status=Project.Status.ARCHIVED).count()  # expect: tenant/missing-org-filter
    open_tasks = (
        Task.objects.filter(org=request.user.organization)  # ok: tenant/missing-org-filter, tenant/org-id-from-request
        .exclude(done=True)
        .count()
    )
    my_tasks = Task.objects.filter(assignee=request.user, done=False).select_related("project")  # ok: tenant/missing-org-filter
    tags = Tag.objects.all()  # ok: tenant/missing-org-filter
    return render(
        request,
        "projects/dashboard.html",
        {"open_projects": open_projects, "open_tasks": open_tasks, "my_tasks": my_tasks, "tags": tags},
    )


@login_required
def project_detail(request, pk):
    project = get_object_or_404(Project, pk=pk, organization=request.user.organization)  # ok: tenant/missing-org-filter, tenant/org-id-from-request
    return render(request, "projects/detail.html", {"project": project, "tasks": project.tasks.all()})


@login_required
def project_board(request, pk):
    project = get_object_or_404(Project, pk=pk)  # expect: tenant/missing-org-filter
    columns = {"todo": project.tasks.filter(done=False), "done": project.tasks.filter(done=True)}
    return render(request, "projects/board.html", {"project": project, "columns": columns})


@login_required
def task_detail(request, pk):
    task = Task.objects.select_related("project").get(pk=pk)  # ok: tenant/missing-org-filter
    if task.org_id != request.user.organization_id:
        raise Http404("Task not found")
    return render(request, "projects/task.html", {"task": task})


@login_required
@require_POST
def task_toggle(request, pk):
    task = Task.objects.get(pk=pk)  # expect: tenant/missing-org-filter
    task.done = not task.done
    task.save(update_fields=["done", "updated_at"])
    return redirect("project-board", pk=task.project_id)


@login_required
@require_POST
def project_rename(request, pk):
    get_object_or_404(Project, pk=pk, organization_id=request.user.organization_id)  # ok: tenant/missing-org-filter, tenant/org-id-from-request
    Project.objects.filter(pk=pk).update(name=request.POST["name"])  # ok: tenant/missing-org-filter
    return redirect("project-detail", pk=pk)


@login_required
@require_POST
def project_close(request, pk):
    Project.objects.filter(pk=pk).update(status=Project.Status.CLOSED)  # expect: tenant/missing-org-filter
    return redirect("project-list")


@login_required
@require_POST
def clear_done_tasks(request, project_id):
    Task.objects.filter(project_id=project_id, done=True).delete()  # expect: tenant/missing-org-filter
    return redirect("project-board", pk=project_id)


class ProjectViewSet(viewsets.ModelViewSet):
    serializer_class = ProjectSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return Project.objects.all().prefetch_related("tags")  # expect: tenant/missing-org-filter


class TaskViewSet(viewsets.ModelViewSet):
    serializer_class = TaskSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return Task.objects.filter(org__id=self.request.user.organization_id).select_related("project")  # ok: tenant/missing-org-filter, tenant/org-id-from-request
