"""Unsubscribing from press notes: the link in every press email.

GET shows a confirmation page and changes nothing (mail scanners follow
links); POST unsubscribes, either from that page's button or as the one-click
``List-Unsubscribe=One-Click`` POST mail providers send (RFC 8058). The signed
token in the URL is the authorisation, so the POST needs no CSRF token:
providers post without one."""

from django.core import signing
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .media_relations import MediaContact
from .press_mail import contact_id_from_token


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    try:
        contact_id = contact_id_from_token(token)
    except signing.SignatureExpired:
        return render(request, "news/unsubscribe_invalid.html", {"expired": True}, status=400)
    except signing.BadSignature:
        return render(request, "news/unsubscribe_invalid.html", {"expired": False}, status=400)
    contact = MediaContact.objects.filter(pk=contact_id).first()
    if contact is None:
        return render(request, "news/unsubscribe_invalid.html", {"gone": True}, status=404)
    if request.method == "POST":
        contact.unsubscribe()
        return render(request, "news/unsubscribe_done.html", {"contact": contact})
    return render(request, "news/unsubscribe.html", {"contact": contact})
