from django.db import models
from django.urls import reverse

from comunicacio.publishing.models import Publishable
from comunicacio.registry import SearchField


class Notice(Publishable):
    title = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    summary = models.TextField(blank=True)
    image = models.ForeignKey(
        "comunicacio.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    search_fields = (SearchField("title", "A"), SearchField("summary", "B"))

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("notices:detail", kwargs={"slug": self.slug})
