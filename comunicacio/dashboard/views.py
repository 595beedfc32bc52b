"""The dashboard's pages: the admin home's context, marking notifications
as read, and the global search. Thin: the rows come from the panels."""

from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from . import queries, search
from .panels import panels_for, tools_for


def dashboard_context(request) -> dict:
    """What the admin home shows ``request.user``: each visible panel with
    its rows (built here, so the template never queries) and the tools."""
    now = timezone.now()
    user = request.user
    shown = [{"panel": panel, "rows": panel.rows(user, now)} for panel in panels_for(user)]
    return {"panels": shown, "tools": tools_for(user), "search_term": ""}


def _back(request):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("admin:index")


def mark_read(request, pk: int):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    # Only one's own notifications: another's answers as if it did not exist.
    updated = queries.unread_notifications(request.user).filter(pk=pk).update(read_at=timezone.now())
    if not updated and not request.user.notifications.filter(pk=pk).exists():
        raise Http404(_("Aquest avís no existeix."))
    return _back(request)


def mark_all_read(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    queries.unread_notifications(request.user).update(read_at=timezone.now())
    return _back(request)


def search_view(request, site):
    term = request.GET.get("q", "")
    problem = search.problem_with(term)
    groups = [] if problem else search.search(request, site, term.strip())
    context = {
        **site.each_context(request),
        "title": _("Cerca al back-office"),
        "search_term": "" if problem else term,
        "problem": problem,
        "groups": groups,
        "total": sum(group.count for group in groups),
    }
    status = 400 if problem and term else 200
    return TemplateResponse(request, "admin/dashboard/search.html", context, status=status)
