"""URLs of the public event proposal form, included once (inside the language
prefix) by the project's urls.py, outside the agenda's own prefix."""

from django.urls import path
from django.utils.translation import pgettext_lazy

from . import proposal_views

app_name = "proposals"

urlpatterns = [
    path(pgettext_lazy("url", "agenda/proposa/"), proposal_views.propose, name="propose"),
    path(pgettext_lazy("url", "agenda/proposa/gracies/"), proposal_views.thanks, name="thanks"),
]
