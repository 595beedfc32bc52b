"""One staff preview for every declared content type: ``/preview/<name>/<pk>/``.

A draft is shown exactly as the public will see it, with the type's own
detail template and context, to back-office staff allowed to see that type.
The ``/preview/`` prefix is skipped by the page cache and disallowed in
robots.txt: a preview is never public and never cached."""

from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from . import registry, roles


@require_safe
@staff_member_required
def preview(request, name: str, pk: int):
    spec = registry.spec_named(name)
    if spec is None or not spec.detail_template:
        raise Http404
    rows = spec.detail_queryset() if spec.detail_queryset else spec.model._default_manager.all()
    item = get_object_or_404(rows, pk=pk)
    # The same rule as the back-office: a role (or superuser) and the right
    # to see this item, within the units the role is limited to.
    if not (admin.site.has_permission(request) and roles.may_view(request.user, item)):
        raise PermissionDenied
    context = spec.detail_context(request, item, preview=True) if spec.detail_context else {"item": item}
    response = render(request, spec.detail_template, context)
    response["Cache-Control"] = "private, no-store"
    return response
