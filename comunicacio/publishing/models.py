"""The publishing building block every content app shares.

A published item is visible because a query says so (``visible()``), never
because a task flipped a flag on time: scheduled content appears at the exact
second with no worker running. State changes go through
``comunicacio.publishing.workflow.perform``; side effects are recorded as
``Effect`` rows and run by Celery (``comunicacio.publishing.effects``).
"""

from datetime import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comunicacio.outbox import OutboxRow


class Status(models.TextChoices):
    DRAFT = "draft", _("Esborrany")
    REVIEW = "review", _("En revisió")
    APPROVED = "approved", _("Aprovat")
    PUBLISHED = "published", _("Publicat")
    WITHDRAWN = "withdrawn", _("Retirat")
    ARCHIVED = "archived", _("Arxivat")


class PublishableQuerySet(models.QuerySet):
    def visible(self, now: datetime | None = None):
        """Items the public may see at ``now``."""
        return self.filter(self.model.visibility_q(now or timezone.now()))

    def next_visibility_change(self, now: datetime | None = None) -> datetime | None:
        """The first moment after ``now`` at which some published item appears
        or disappears; public page caches must not outlive it."""
        now = now or timezone.now()
        fields = self.model.visibility_boundary_fields
        published = self.filter(status=Status.PUBLISHED)
        found = published.aggregate(**{name: Min(name, filter=Q(**{f"{name}__gt": now})) for name in fields})
        moments = [moment for moment in found.values() if moment is not None]
        return min(moments) if moments else None


class Publishable(models.Model):
    """Abstract base of every piece of public content."""

    status = models.CharField(
        _("estat"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    publish_at = models.DateTimeField(
        _("data de publicació"),
        null=True,
        blank=True,
        help_text=_("Quan l'element es fa visible al públic. Buit: en publicar-lo."),
    )
    expire_at = models.DateTimeField(
        _("data de caducitat"),
        null=True,
        blank=True,
        help_text=_("Opcional: a partir d'aquest moment deixa de ser visible."),
    )
    # Bumped every time the item is published, so that a re-publication after
    # a withdrawal gets its own side effects.
    publication = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("autor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("creat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modificat"), auto_now=True)

    objects = PublishableQuerySet.as_manager()

    # Fields whose future values are moments at which visibility changes.
    visibility_boundary_fields: tuple[str, ...] = ("publish_at", "expire_at")

    class Meta:
        abstract = True

    @classmethod
    def visibility_q(cls, now: datetime) -> Q:
        return Q(status=Status.PUBLISHED, publish_at__lte=now) & (
            Q(expire_at__isnull=True) | Q(expire_at__gt=now)
        )

    def is_visible(self, now: datetime | None = None) -> bool:
        return type(self).objects.filter(pk=self.pk).visible(now).exists()

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at > timezone.now()
        )

    def get_status_label(self) -> str:
        if self.is_scheduled:
            return str(_("Programat"))
        if self.status == Status.PUBLISHED and self.expire_at and self.expire_at <= timezone.now():
            return str(_("Caducat"))
        return self.get_status_display()

    def author_emails(self) -> list[str]:
        return [self.created_by.email] if self.created_by and self.created_by.email else []

    def get_preview_url(self) -> str:
        """The foundation's staff preview of this item (``comunicacio.preview``)."""
        from django.urls import reverse

        from comunicacio import registry

        return reverse("preview", kwargs={"name": registry.spec_for(self).name, "pk": self.pk})


class TargetMixin(models.Model):
    """A row that points at one content item of any type."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")

    class Meta:
        abstract = True

    @classmethod
    def for_item(cls, item):
        return cls.objects.filter(content_type=ContentType.objects.get_for_model(item), object_id=item.pk)


class Transition(TargetMixin):
    """One recorded change of workflow state: who, when, what, why."""

    action = models.CharField(_("acció"), max_length=32)
    from_status = models.CharField(_("estat anterior"), max_length=16, choices=Status.choices)
    to_status = models.CharField(_("estat nou"), max_length=16, choices=Status.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, verbose_name=_("usuari")
    )
    at = models.DateTimeField(_("moment"), default=timezone.now)
    comment = models.TextField(_("comentari"), blank=True)

    class Meta:
        verbose_name = _("canvi d'estat")
        verbose_name_plural = _("canvis d'estat")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]
        # The publish permission is per content type (``roles.publish_permission``);
        # migration 0004 handed the old global one's holders the new ones.

    def __str__(self) -> str:
        return f"{self.action}: {self.from_status} → {self.to_status}"


class Revision(TargetMixin):
    """A saved version of an item's editable content."""

    created_at = models.DateTimeField(_("moment"), default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, verbose_name=_("usuari")
    )
    comment = models.CharField(_("comentari"), max_length=255, blank=True)
    data = models.JSONField()

    class Meta:
        verbose_name = _("revisió")
        verbose_name_plural = _("revisions")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"])]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id} @ {self.created_at:%Y-%m-%d %H:%M:%S}"


class Effect(TargetMixin, OutboxRow):
    """One side effect of a publishing event for one item and one handler.

    The unique constraint makes each effect exist once; a worker runs it inside
    a transaction holding the row lock, so a killed worker rolls back and the
    sweeper runs it again, and two workers never run it at the same time."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pendent")
        DONE = "done", _("Fet")
        FAILED = "failed", _("Fallit")

    handler = models.CharField(_("gestor"), max_length=64)
    key = models.CharField(_("esdeveniment"), max_length=64)
    state = models.CharField(_("estat"), max_length=16, choices=State.choices, default=State.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("efecte de publicació")
        verbose_name_plural = _("efectes de publicació")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "handler", "key"], name="effect_once"
            )
        ]
        indexes = [models.Index(fields=["state", "due_at"])]

    def __str__(self) -> str:
        return f"{self.handler} {self.key} ({self.get_state_display()})"
