"""Social accounts and the posts of each content item on them.

A ``SocialPost`` is the recorded state machine of one (item, account) pair:

    draft ──publish──▶ pending ──claim──▶ sending ──▶ sent
      │                  ▲   │                 ├──▶ pending (retry later)
      └─▶ cancelled ◀────┘   └──▶ cancelled    └──▶ failed

A sent post the item's later changes made wrong is flagged ``outdated``;
the publisher deletes it or posts a correction (a post of its own whose
``corrects`` points at it).

``social.sending`` is the only code that moves a post between states.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables

from comunicacio import logredaction
from comunicacio.outbox import LeasedOutboxRow
from comunicacio.publishing.models import TargetMixin

from . import crypto
from .networks import base as networks


def network_choices() -> list[tuple[str, str]]:
    return sorted((name, adapter.label) for name, adapter in networks.adapters().items())


def kind_choices() -> list[tuple[str, str]]:
    from .sources import kind_choices

    return kind_choices()


class SocialAccountQuerySet(models.QuerySet):
    def active(self):
        return self.filter(enabled=True)


class SocialAccount(models.Model):
    network = models.CharField(_("xarxa"), max_length=32, choices=network_choices)
    name = models.CharField(
        _("nom visible"), max_length=120, help_text=_("Ex.: @ajuntament a Mastodon (mastodon.cat)")
    )
    api_base = models.URLField(
        _("servidor de l'API"),
        blank=True,
        help_text=_(
            "Mastodon: l'adreça de la instància (https://mastodon.cat). Les altres xarxes: "
            "buit per fer servir l'API oficial."
        ),
    )
    credentials_encrypted = models.TextField(editable=False, blank=True)
    session_encrypted = models.TextField(editable=False, blank=True)
    enabled = models.BooleanField(_("activa"), default=True)
    default_kinds = models.JSONField(
        _("activa per defecte per a"),
        default=list,
        blank=True,
        help_text=_("Els tipus de contingut que es publiquen en aquest compte si no es desactiva."),
    )
    max_length = models.PositiveIntegerField(
        _("límit de caràcters propi"),
        null=True,
        blank=True,
        help_text=_("Només si la instància en té un altre que el de la xarxa (p. ex. Mastodon)."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsable"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Rep els avisos quan les credencials caduquen o perden permisos."),
    )
    # Health, kept by social.sending and the "check" action.
    problem = models.TextField(_("problema"), blank=True)
    problem_at = models.DateTimeField(null=True, blank=True)
    rate_limited_until = models.DateTimeField(null=True, blank=True)
    checked_at = models.DateTimeField(_("comprovat"), null=True, blank=True)
    remote_name = models.CharField(_("nom a la xarxa"), max_length=200, blank=True)
    last_sent_at = models.DateTimeField(_("darrera publicació"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SocialAccountQuerySet.as_manager()

    class Meta:
        verbose_name = _("compte de xarxa social")
        verbose_name_plural = _("comptes de xarxes socials")
        ordering = ["network", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_network_display()})"

    @property
    def adapter_class(self) -> type[networks.Adapter]:
        return networks.get(self.network)

    @property
    def limit(self) -> int:
        return self.max_length or self.adapter_class.max_length

    @property
    def destination(self) -> str:
        """The network and API address the account points at now."""
        return networks.destination(self.network, self.api_base)

    @sensitive_variables()
    def _unsealed(self) -> tuple[dict, str | None]:
        values, bound_to = crypto.unseal(self.credentials_encrypted)
        self._register_secrets(values)
        return values, bound_to

    def _register_secrets(self, values: dict) -> None:
        """Decrypted or typed secrets are never written to a log or an error
        report (``comunicacio.logredaction``)."""
        if self.network in networks.adapters():
            secret = {spec.name for spec in self.adapter_class.credential_fields if spec.secret}
            logredaction.register(*(value for name, value in values.items() if name in secret))

    @property
    def credentials(self) -> dict:
        return self._unsealed()[0]

    @property
    def credentials_bound_to(self) -> str | None:
        """The destination the stored credentials were entered for."""
        return self._unsealed()[1] if self.credentials_encrypted else None

    def credentials_match_destination(self) -> bool:
        """Whether the stored credentials may be used where the account now
        points; False after its network or API address changed (they must be
        entered again) and for credentials stored before they were bound."""
        return not self.credentials_encrypted or self.credentials_bound_to == self.destination

    @sensitive_variables()
    def set_credentials(self, values: dict) -> None:
        """Store ``values`` bound to the account's current network and API
        address: the only destination they will ever be sent to."""
        self.credentials_encrypted = crypto.seal(values, self.destination)
        self._register_secrets(values)
        # A new token means a new session and a fresh start.
        self.session_encrypted = ""
        self.problem = ""
        self.problem_at = None

    @sensitive_variables()
    def adapter(self, client) -> networks.Adapter:
        """The network's adapter with the stored credentials. Raises
        ``CredentialsNotBound`` (an ``AuthError``) when they were entered for
        another network or API address: check, publish, lookup and delete
        all start here, so none of them sends them anywhere else."""
        credentials, bound_to = self._unsealed()
        if self.credentials_encrypted and bound_to != self.destination:
            raise networks.CredentialsNotBound()
        config = networks.AccountConfig(
            credentials=credentials,
            api_base=self.api_base,
            session=crypto.decrypt(self.session_encrypted),
            # The adapter refuses every request if this is not where the
            # account points now ("" for credentials stored unbound).
            bound_to=(bound_to or "") if self.credentials_encrypted else None,
        )
        return self.adapter_class(config, client)

    def default_for(self, kind: str) -> bool:
        return kind in (self.default_kinds or [])


class PostState(models.TextChoices):
    DRAFT = "draft", _("Preparada")
    PENDING = "pending", _("Programada")
    SENDING = "sending", _("Enviant")
    SENT = "sent", _("Publicada")
    FAILED = "failed", _("Fallida")
    CANCELLED = "cancelled", _("Cancel·lada")


class Removal(models.TextChoices):
    NONE = "", _("—")
    DELETED = "deleted", _("Esborrada de la xarxa")
    MANUAL = "manual", _("Cal esborrar-la a mà")


class Outdated(models.TextChoices):
    """A sent post that the item's later changes made wrong (an event
    cancelled or moved after it was announced)."""

    NONE = "", _("—")
    FLAGGED = "flagged", _("Desactualitzada: l'element ha canviat")
    CORRECTED = "corrected", _("Rectificada")


class SocialPostQuerySet(models.QuerySet):
    def originals(self):
        """The item's own posts, one per account (not the corrections)."""
        return self.filter(corrects__isnull=True)

    def flagged(self):
        """Sent posts still on the network that the item's changes made wrong."""
        return self.filter(outdated=Outdated.FLAGGED, state=PostState.SENT, removal=Removal.NONE)

    def due(self, now=None):
        """Posts a sweep should try: pending and due, or sending with a lease
        that ran out (the worker died mid-send)."""
        now = now or timezone.now()
        return self.filter(
            models.Q(state=PostState.PENDING, due_at__lte=now)
            | models.Q(state=PostState.SENDING, lease_until__lt=now)
        )


class SocialPost(TargetMixin, LeasedOutboxRow):
    """One post of an item on one account: a leased outbox row (see
    ``social.sending``)."""

    account = models.ForeignKey(
        SocialAccount, verbose_name=_("compte"), on_delete=models.CASCADE, related_name="posts"
    )
    enabled = models.BooleanField(_("publica-ho"), default=True)
    text_override = models.TextField(
        _("text propi"),
        blank=True,
        help_text=_("Buit: el text compost automàticament. L'enllaç s'hi afegeix sempre."),
    )
    scheduled_at = models.DateTimeField(
        _("hora pròpia"),
        null=True,
        blank=True,
        help_text=_("Buit: en publicar-se l'element. Si és abans, surt en publicar-se."),
    )
    state = models.CharField(
        _("estat"), max_length=16, choices=PostState.choices, default=PostState.DRAFT, db_index=True
    )
    publication = models.PositiveIntegerField(default=0)
    text = models.TextField(_("text enviat"), blank=True)
    link = models.URLField(_("enllaç"), max_length=1000, blank=True)
    due_at = models.DateTimeField(_("previst"), null=True, blank=True)
    # Past this moment the post is stale and no longer goes out by itself:
    # SOCIAL_STALE_AFTER_HOURS after it was first due (the item became
    # visible, or the post's own later time), however often it was retried.
    stale_at = models.DateTimeField(null=True, blank=True, editable=False)
    # ``lease_until`` and ``attempts`` come from LeasedOutboxRow.
    last_error = models.TextField(_("error"), blank=True)
    # An earlier attempt may have reached the network: look it up before any retry.
    needs_lookup = models.BooleanField(default=False)
    idempotency_key = models.UUIDField(default=uuid.uuid4, editable=False)
    progress = models.JSONField(default=dict, blank=True, editable=False)
    remote_id = models.CharField(_("identificador a la xarxa"), max_length=255, blank=True)
    remote_url = models.URLField(_("adreça a la xarxa"), max_length=500, blank=True)
    sent_at = models.DateTimeField(_("publicada"), null=True, blank=True)
    removal = models.CharField(
        _("retirada"), max_length=16, choices=Removal.choices, default=Removal.NONE, blank=True
    )
    # What the post announced (the source's ``facts``) when it went out, and
    # whether the item has changed since in a way that makes it wrong.
    announced = models.CharField(max_length=64, blank=True, editable=False)
    outdated = models.CharField(
        _("vigència"), max_length=16, choices=Outdated.choices, default=Outdated.NONE, blank=True
    )
    outdated_note = models.CharField(_("canvi"), max_length=200, blank=True)
    # A correction is a post of its own (its own state machine, marker and
    # remote id) on the same account, pointing at the post it corrects.
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("rectifica"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = SocialPostQuerySet.as_manager()

    class Meta:
        verbose_name = _("publicació a xarxes")
        verbose_name_plural = _("publicacions a xarxes")
        ordering = ["-due_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "account"],
                condition=models.Q(corrects__isnull=True),
                name="social_post_once_per_account",
            )
        ]
        indexes = [
            models.Index(fields=["state", "due_at"]),
            models.Index(fields=["content_type", "object_id"]),
        ]
        permissions = [("send_socialpost", _("Pot reintentar i cancel·lar publicacions a xarxes"))]

    def __str__(self) -> str:
        return f"{self.account} · {self.content_type.model} {self.object_id}"

    @property
    def marker(self) -> str:
        """Unique per post and carried by its link (``utm_content``): how a
        lookup recognises a post an interrupted attempt created."""
        return f"cs{self.idempotency_key.hex[:12]}"
