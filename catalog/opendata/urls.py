"""The opendata pages' addresses (included by catalog/urls.py)."""

urlpatterns: list = []
