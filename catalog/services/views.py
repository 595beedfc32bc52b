"""The services' public pages."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from comunicacio.pagecache import public_page

from ..models import Service


@require_safe
@public_page
def service_detail(request, slug):
    service = get_object_or_404(Service.objects.visible(), slug=slug)
    return render(request, "catalog/service_detail.html", {"service": service})
