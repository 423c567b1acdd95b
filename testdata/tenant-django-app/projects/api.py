"""JSON endpoints for the board UI (fetch() from the templates)."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import JsonResponse
from django.views.decorators.http import require_GET, require_POST

from .models import Project, Task


@login_required
@require_GET
def api_projects(request):
    org_id = request.GET["org"]
    projects = Project.objects.filter(organization_id=org_id).values("id", "name", "status")  # expect: tenant/org-id-from-request  ok: tenant/missing-org-filter
    return JsonResponse({"projects": list(projects)})


@login_required
@require_GET
def api_project_search(request):
    q = request.GET.get("q", "")
    projects = Project.objects.filter(  # ok: tenant/missing-org-filter
        organization=request.user.organization,  # ok: tenant/org-id-from-request
        name__icontains=q,
    ).values("id", "name")
    return JsonResponse({"projects": list(projects)})


@login_required
@require_GET
def api_project_stats(request):
    org = request.user.organization
    stats = (
        Project.objects.filter(organization__id=org.id)  # ok: tenant/missing-org-filter, tenant/org-id-from-request
        .values("status")
        .annotate(n=Count("id"))
    )
    return JsonResponse({"stats": list(stats)})


@login_required
@require_GET
def api_open_tasks(request):
    tasks = (
        Task.objects.filter(  # ok: tenant/missing-org-filter
            org_id=request.GET.get("org"),  # expect: tenant/org-id-from-request
            done=False,
        )
        .values("id", "title", "project_id")
    )
    return JsonResponse({"tasks": list(tasks)})


@login_required
@require_GET
def api_my_org_tasks(request):
    tasks = Task.objects.filter(org_id=request.user.organization_id, done=False).values("id", "title")  # ok: tenant/missing-org-filter, tenant/org-id-from-request
    return JsonResponse({"tasks": list(tasks)})


@login_required
@require_POST
def api_complete_task(request):
    org = request.POST.get("org_id")
    task_id = request.POST.get("task_id")
    updated = Task.objects.filter(pk=task_id, org=org).update(done=True)  # expect: tenant/org-id-from-request  ok: tenant/missing-org-filter
    return JsonResponse({"updated": updated})


@login_required
@require_POST
def api_reopen_task(request):
    task_id = request.POST.get("task_id")
    updated = Task.objects.filter(pk=task_id, org=request.user.organization).update(done=False)  # ok: tenant/missing-org-filter, tenant/org-id-from-request
    return JsonResponse({"updated": updated})
