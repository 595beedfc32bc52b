"""The offices pages' addresses (included by catalog/urls.py)."""

urlpatterns: list = []
