"""Unsubscribing from a mailing: signed tokens and the view every link and
one-click POST lands on.

GET shows a confirmation page and changes nothing (mail scanners follow
links); POST unsubscribes, either from that page's button or as the one-click
``List-Unsubscribe=One-Click`` POST mail providers send (RFC 8058). The signed
token in the URL is the authorisation, so the POST needs no CSRF token:
providers post without one."""

from django.core import signing
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

# Links in old emails keep working this long.
DEFAULT_MAX_AGE = 60 * 60 * 24 * 365 * 2


def make_token(pk: int, salt: str) -> str:
    return signing.dumps(pk, salt=salt)


def read_token(token: str, salt: str, max_age: int = DEFAULT_MAX_AGE) -> int:
    """The subscriber a token was made for; ``signing.BadSignature`` (or its
    subclass ``SignatureExpired``) when it was altered or is too old."""
    value = signing.loads(token, salt=salt, max_age=max_age)
    if not isinstance(value, int):
        raise signing.BadSignature("Unexpected payload")
    return value


@method_decorator([csrf_exempt, never_cache], name="dispatch")
class UnsubscribeView(View):
    """Subclass per mailing: ``salt``, the three templates, and how to find
    and unsubscribe a subscriber."""

    http_method_names = ["get", "head", "post"]
    salt: str
    max_age = DEFAULT_MAX_AGE
    template_name: str
    done_template_name: str
    invalid_template_name: str
    context_name = "subscriber"

    def get_subscriber(self, pk: int):
        raise NotImplementedError

    def unsubscribe(self, subscriber) -> None:
        raise NotImplementedError

    def dispatch(self, request, token):
        if request.method.lower() not in self.http_method_names:
            return self.http_method_not_allowed(request)
        try:
            pk = read_token(token, self.salt, self.max_age)
        except signing.SignatureExpired:
            return render(request, self.invalid_template_name, {"expired": True}, status=400)
        except signing.BadSignature:
            return render(request, self.invalid_template_name, {"expired": False}, status=400)
        subscriber = self.get_subscriber(pk)
        if subscriber is None:
            return render(request, self.invalid_template_name, {"gone": True}, status=404)
        if request.method == "POST":
            self.unsubscribe(subscriber)
            return render(request, self.done_template_name, {self.context_name: subscriber})
        return render(request, self.template_name, {self.context_name: subscriber})
