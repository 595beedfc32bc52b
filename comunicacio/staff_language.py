"""The back-office speaks to each member of staff in their own language
(``StaffPreference.language``), Catalan unless they chose otherwise; the
public site keeps choosing by its URLs."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from .preferences import language_for


class StaffLanguageMiddleware:
    """After the session and authentication middleware: activates the
    staff member's language for every back-office request (its JavaScript
    catalogue included)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._prefix = None

    def prefix(self) -> str:
        if self._prefix is None:
            self._prefix = reverse("admin:index")
        return self._prefix

    def __call__(self, request):
        if request.path_info.startswith(self.prefix()):
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated and user.is_staff:
                language = language_for(user)
            else:
                # The login page: the site's language, whatever the browser asks.
                language = settings.LANGUAGE_CODE
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
