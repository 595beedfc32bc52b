from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from comunicacio.pagecache import public_page

from . import hooks
from .models import Notice


@require_safe
@public_page
def notice_list(request):
    return render(request, "testapp/list.html", {"cards": hooks.render_cards(hooks.listing())})


@require_safe
@public_page
def notice_detail(request, slug):
    notice = get_object_or_404(Notice.objects.visible(), slug=slug)
    return render(request, "testapp/detail.html", hooks.detail_context(request, notice))
