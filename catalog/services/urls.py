"""The services' pages (included by catalog/urls.py)."""

from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

urlpatterns = [
    path(pgettext_lazy("url", "servei/<slug:slug>/"), views.service_detail, name="service"),
]
