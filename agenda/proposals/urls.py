"""The public event proposal form, included once (inside the language
prefix) at the site's root: its addresses live under ``agenda/`` but outside
the agenda's own namespace."""

from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "proposals"

urlpatterns = [
    path(pgettext_lazy("url", "agenda/proposa/"), views.propose, name="propose"),
    path(pgettext_lazy("url", "agenda/proposa/gracies/"), views.thanks, name="thanks"),
]
