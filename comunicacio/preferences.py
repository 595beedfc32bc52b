"""A member of staff's own settings: the language the back-office speaks to
them and writes their emails in."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffPreference(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("usuari"),
        on_delete=models.CASCADE,
        related_name="staff_preference",
    )
    language = models.CharField(
        _("llengua"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    class Meta:
        verbose_name = _("preferència personal")
        verbose_name_plural = _("preferències personals")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.language}"


def language_for(user) -> str:
    """The language to speak to ``user`` in: their preference, else the site's."""
    if getattr(user, "pk", None) is None:
        return settings.LANGUAGE_CODE
    preference = StaffPreference.objects.filter(user=user).values_list("language", flat=True).first()
    return preference or settings.LANGUAGE_CODE
