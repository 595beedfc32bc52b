"""The guides pages' addresses (included by catalog/urls.py)."""

urlpatterns: list = []
