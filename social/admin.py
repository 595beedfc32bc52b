"""Back-office of social publishing: accounts (credentials encrypted, never
shown back), the posts of each item (an inline the content admins include)
and a dashboard of what is scheduled, sent, failed or to remove by hand."""

import json

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.contenttypes.admin import GenericTabularInline
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables

from comunicacio import roles

from . import composer, crypto, sending, sources
from .models import PostState, Removal, SocialAccount, SocialPost
from .networks import base as networks
from .networks.base import NetworkError

# ---------------------------------------------------------------------------
# Accounts
# ---------------------------------------------------------------------------


class SocialAccountForm(forms.ModelForm):
    """The credential fields of the account's network are added as form
    fields; secrets are write-only: left blank, the stored value is kept,
    unless the account's API address changed: stored credentials are only
    ever sent where they were entered for, so a new address needs them
    typed again. The network of an existing account cannot change."""

    default_kinds = forms.MultipleChoiceField(
        label=_("Activa per defecte per a"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Els tipus de contingut que es publiquen en aquest compte si no es desactiva."),
    )

    class Meta:
        model = SocialAccount
        fields = ["network", "name", "api_base", "enabled", "default_kinds", "max_length", "owner"]

    # Decrypted credentials live in these frames: an error report must not show them.
    @sensitive_variables()
    def __init__(self, *args, network: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.adapter_class = networks.get(network)
        if "default_kinds" in self.fields:
            self.fields["default_kinds"].choices = sources.kind_choices()
        if "network" in self.fields:
            self.fields["network"].initial = network
            self.fields["network"].widget = forms.HiddenInput()
        if "api_base" in self.fields and not self.adapter_class.default_api_base:
            self.fields["api_base"].required = True
        if "name" not in self.fields:
            # A read-only view (editors, publishers): no credential is
            # decrypted; the admin shows a summary instead.
            return
        stored = self.instance.credentials if self.instance.pk else {}
        for spec in self.adapter_class.credential_fields:
            current = stored.get(spec.name, "")
            if spec.secret:
                field = forms.CharField(
                    label=spec.label,
                    required=spec.required and not current,
                    widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
                    help_text=(
                        _(
                            "Desat: %(masked)s. Deixeu-ho en blanc per conservar-lo, tret que "
                            "canvieu el servidor de l'API."
                        )
                        % {"masked": crypto.masked(current)}
                        if current
                        else spec.help_text
                    ),
                )
            else:
                field = forms.CharField(
                    label=spec.label, required=spec.required, initial=current, help_text=spec.help_text
                )
            self.fields[f"credential_{spec.name}"] = field

    @sensitive_variables()
    def clean(self):
        cleaned = super().clean()
        instance = self.instance
        if instance.pk and cleaned.get("network", instance.network) != instance.network:
            self.add_error(
                None,
                _(
                    "La xarxa d'un compte no es pot canviar: creeu-ne un de nou i introduïu-hi les "
                    "credencials."
                ),
            )
            return cleaned
        stored = instance.credentials if instance.pk else {}
        # Stored secrets may only be kept for the destination they were
        # entered for (and never for credentials stored before they were
        # bound). ``clean`` runs before the POST is copied to the instance, so
        # the instance still says where the account pointed.
        destination = networks.destination(instance.network, cleaned.get("api_base", instance.api_base))
        moved = bool(instance.pk and stored) and (
            destination != instance.destination or not instance.credentials_match_destination()
        )
        values = {}
        missing = False
        for spec in self.adapter_class.credential_fields:
            typed = (cleaned.get(f"credential_{spec.name}") or "").strip()
            if spec.secret and moved and not typed and stored.get(spec.name):
                missing = True
                self.add_error(
                    f"credential_{spec.name}",
                    _(
                        "Heu canviat el servidor de l'API: torneu a introduir aquest valor. Les "
                        "credencials desades no s'envien mai a una adreça diferent de la que tenien."
                    ),
                )
            values[spec.name] = typed or (stored.get(spec.name, "") if spec.secret and not moved else "")
        if missing:
            return cleaned
        try:
            self.credentials = self.adapter_class.validate_credentials(values)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for name, errors in exc.error_dict.items():
                    field = f"credential_{name}" if f"credential_{name}" in self.fields else None
                    self.add_error(field, errors)
            else:
                self.add_error(None, exc)
        # Credentials typed again for a new address are bound to it on save,
        # even if they are the same.
        self.credentials_changed = values != stored or moved
        return cleaned

    def save(self, commit=True):
        if getattr(self, "credentials_changed", False) and hasattr(self, "credentials"):
            self.instance.set_credentials(self.credentials)
        return super().save(commit)


@admin.register(SocialAccount)
class SocialAccountAdmin(admin.ModelAdmin):
    form = SocialAccountForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("name", "network", "enabled", "health", "last_sent_at", "checked_at")
    list_filter = ("network", "enabled")
    readonly_fields = ("health", "remote_name", "checked_at", "last_sent_at", "credentials_summary")
    actions = ["check_accounts"]

    # Typed secrets are in the POST: an error report shows none of its fields.
    @method_decorator(sensitive_post_parameters())
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _network(self, request, obj) -> str | None:
        if obj is not None:
            return obj.network
        network = request.GET.get("network") or request.POST.get("network")
        return network if network in networks.adapters() else None

    def get_form(self, request, obj=None, change=False, **kwargs):
        network = self._network(request, obj)
        # The credential fields are the form's own, not the model's.
        kwargs["fields"] = [
            name
            for name in admin.utils.flatten_fieldsets(self.get_fieldsets(request, obj))
            if not name.startswith("credential_") and name not in self.readonly_fields
        ]
        form = super().get_form(request, obj, change, **kwargs)

        class Bound(form):
            def __init__(self, *args, **inner):
                super().__init__(*args, network=network, **inner)

        return Bound

    def get_fieldsets(self, request, obj=None):
        adapter_class = networks.get(self._network(request, obj))
        if obj is not None and not self.has_change_permission(request, obj):
            # Viewers (editors, publishers) see whether credentials are
            # stored, never a form field that would decrypt them.
            credential_fields = ["credentials_summary"]
        else:
            credential_fields = [f"credential_{spec.name}" for spec in adapter_class.credential_fields]
        fieldsets = [
            (adapter_class.label, {"fields": ["network", "name", "api_base", "enabled", "owner"]}),
            (_("Credencials (es desen xifrades)"), {"fields": credential_fields}),
            (_("Publicació"), {"fields": ["default_kinds", "max_length"]}),
        ]
        if obj is not None:
            fieldsets.append(
                (_("Estat"), {"fields": ["health", "remote_name", "checked_at", "last_sent_at"]})
            )
        return fieldsets

    def add_view(self, request, form_url="", extra_context=None):
        if self._network(request, None) is None:
            # First choose the network: its credentials decide the form.
            context = {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": _("Quina xarxa?"),
                # (name, label) pairs: a template would call an adapter class.
                "networks": sorted(
                    ((adapter.name, adapter.label) for adapter in networks.adapters().values()),
                    key=lambda pair: pair[1],
                ),
            }
            return TemplateResponse(request, "admin/social/choose_network.html", context)
        return super().add_view(request, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        fixed = change and form.credentials_changed
        super().save_model(request, obj, form, change)
        if fixed:
            count = sending.requeue_after_credentials_fixed(obj)
            if count:
                messages.info(
                    request, _("%(count)s publicacions fallides es tornen a enviar.") % {"count": count}
                )

    @admin.display(description=_("Estat del compte"))
    def health(self, obj):
        if obj.problem:
            return format_html('<span class="social-health social-health--bad">{}</span>', obj.problem[:200])
        if obj.rate_limited_until and obj.rate_limited_until > timezone.now():
            return format_html(
                '<span class="social-health social-health--wait">{} {}</span>',
                _("Límit de peticions fins a"),
                timezone.localtime(obj.rate_limited_until).strftime("%H:%M"),
            )
        return format_html('<span class="social-health social-health--ok">{}</span>', _("Correcte"))

    @admin.display(description=_("Credencials"))
    def credentials_summary(self, obj):
        if not obj.credentials_encrypted:
            return _("No n'hi ha de desades.")
        if not obj.credentials_match_destination():
            return _("Desades per a una altra adreça de l'API: cal tornar-les a introduir.")
        return _("Desades, xifrades.")

    @admin.action(description=_("Comprova les credencials a la xarxa"))
    def check_accounts(self, request, queryset):
        with sending.http_client() as client:
            for account in queryset:
                message = sending.check_account(account, client)
                level = messages.ERROR if account.problem else messages.SUCCESS
                self.message_user(request, f"{account.name}: {message}", level)


# ---------------------------------------------------------------------------
# Posts of one item, inside the item's own admin page
# ---------------------------------------------------------------------------

# Where an unsaved item's address goes in the links of its live preview.
LIVE_SLUG = "slug-de-l-element"


class SocialPostForm(forms.ModelForm):
    class Meta:
        model = SocialPost
        fields = ["enabled", "text_override", "scheduled_at"]
        widgets = {"text_override": forms.Textarea(attrs={"rows": 4, "cols": 50})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        post = self.instance
        if post.pk:
            adapter = post.account.adapter_class
            self.fields["text_override"].widget.attrs.update(
                {
                    "data-social-limit": post.account.limit,
                    "data-social-counting": adapter.live_count,
                    "data-social-link-length": 23 if adapter.links_clickable else 0,
                    "class": "social-compose",
                }
            )
        if post.pk and post.state not in (PostState.DRAFT, PostState.CANCELLED):
            for field in self.fields.values():
                field.disabled = True


class SocialPostInline(GenericTabularInline):
    """Editors see, before publishing, one composed post per active account,
    with a live count against the network's limit; they can write their own
    text or switch an account off for this item. An own text too long is
    refused when the item is saved; a network whose requirement the item does
    not meet (Instagram without an image) is switched off, with a note why."""

    model = SocialPost
    form = SocialPostForm
    extra = 0
    max_num = 0  # posts are created for the active accounts, not by hand
    template = "admin/social/edit_inline/posts.html"
    can_delete = False
    fields = ("account", "enabled", "preview", "text_override", "scheduled_at", "status")
    readonly_fields = ("account", "preview", "status")
    verbose_name = _("publicació a xarxes")
    verbose_name_plural = _("Publicació a les xarxes socials")
    # The edit form's section (comunicacio.publishing.form_layout).
    form_section = ("social", _("Xarxes socials"))

    class Media:
        js = ["social/composer.js"]
        css = {"all": ["social/admin.css"]}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Inlines are built per request: every row shows the same item, read
        # once rather than once per account.
        self._contents = {}

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("account").filter(account__enabled=True)

    def _content(self, post):
        key = (post.content_type_id, post.object_id)
        if key not in self._contents:
            self._contents[key] = sources.content_for(post.target)
        return self._contents[key]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        live_preview = json.dumps(self.live_preview(obj))

        class Checked(formset):
            # Read by the inline's template: the live preview's settings.
            live_preview_json = live_preview

            def clean(self):
                super().clean()
                item = self.instance
                if item is None or item.pk is None:
                    return
                content = sources.content_for(item)
                for form in self.forms:
                    if not form.has_changed() and form.instance.state != PostState.DRAFT:
                        continue
                    post = form.instance
                    for field in ("enabled", "text_override", "scheduled_at"):
                        if field in form.cleaned_data:
                            setattr(post, field, form.cleaned_data[field])
                    if post.enabled and composer.requirement_unmet(post.account, content):
                        # The item lacks what this network needs (an image for
                        # Instagram): the post is switched off, and its row
                        # says why, rather than the whole item refused.
                        post.enabled = False
                        form.cleaned_data["enabled"] = False
                    for problem in composer.problems(post, content):
                        form.add_error("text_override" if "text" in problem else None, problem)
                if any(form.errors for form in self.forms):
                    raise ValidationError(
                        _("Algunes publicacions a xarxes no es poden enviar tal com estan.")
                    )

        return Checked

    def live_preview(self, item) -> dict:
        """What ``static/social/composer.js`` needs to compose each post as
        the editor types, before the item is first saved too: the composer's
        rules and, per account, its limit and the link its post will carry
        (for an unsaved item, with ``SLUG`` where its address will go)."""
        if sources.source_for(self.parent_model) is None:
            return {}
        accounts = []
        if item is not None and item.pk:
            content = sources.content_for(item)
            posts = (
                SocialPost.for_item(item).originals().select_related("account").filter(account__enabled=True)
            )
            for post in posts:
                accounts.append(
                    composer.live_account(
                        post.account, composer.campaign_link(content, post.account, post.marker)
                    )
                )
        else:
            try:
                path = self.parent_model(slug=LIVE_SLUG).get_absolute_url()
            except Exception:  # a model whose address needs more than its slug
                path = "/"
            content = sources.SocialContent(
                kind="", title="", summary="", url=settings.SITE_URL + path, campaign=LIVE_SLUG
            )
            for account in SocialAccount.objects.active().order_by("network", "name"):
                # Every marker has the same length: any stands for the post's own.
                link = composer.campaign_link(content, account, "cs" + "0" * 12)
                accounts.append(composer.live_account(account, link))
        return {"rules": composer.live_rules(), "slug": LIVE_SLUG, "accounts": accounts}

    @admin.display(description=_("Text que sortirà"))
    def preview(self, post):
        if post.state == PostState.SENT:
            return post.text
        try:
            content = self._content(post)
            text, _link = composer.compose(post, content)
            unmet = composer.requirement_unmet(post.account, content)
        except Exception:  # a half-edited item must not break its own form
            return "—"
        note = (
            format_html(
                '<p class="social-note" role="note">{} {}</p>', _("Desactivada per a aquest element:"), unmet
            )
            if unmet
            else ""
        )
        return format_html(
            '{}<div class="social-preview" data-social-account="{}">{}</div>'
            '<p class="social-count" data-social-auto>{}</p>',
            note,
            post.account_id,
            text,
            f"{composer.measure(post.account, text)} / {post.account.limit}",
        )

    @admin.display(description=_("Estat"))
    def status(self, post):
        return post_status(post)


def post_status(post) -> str:
    label = post.get_state_display()
    if post.state == PostState.SENT and post.remote_url:
        return format_html('{} · <a href="{}" rel="noopener">{}</a>', label, post.remote_url, _("veure-la"))
    if post.state == PostState.PENDING and post.due_at:
        return f"{label} · {timezone.localtime(post.due_at):%d/%m/%Y %H:%M}"
    if post.state == PostState.FAILED:
        return format_html("{} · {}", label, post.last_error[:200])
    if post.removal:
        return f"{label} · {post.get_removal_display()}"
    if post.outdated:
        note = f" ({post.outdated_note})" if post.outdated_note else ""
        return f"{label} · {post.get_outdated_display()}{note}"
    return label


# ---------------------------------------------------------------------------
# The dashboard: every post, with retry and cancel
# ---------------------------------------------------------------------------


@admin.register(SocialPost)
class SocialPostAdmin(admin.ModelAdmin):
    list_display = ("item", "account", "state", "when", "result", "removal")
    list_filter = ("state", "outdated", "account__network", "account", "removal")
    list_select_related = ("account", "content_type")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("target")

    search_fields = ("text", "remote_url", "account__name")
    actions = ["retry_posts", "cancel_posts", "delete_from_networks", "post_corrections"]
    readonly_fields = [field.name for field in SocialPost._meta.fields] + ["item"]
    date_hierarchy = "due_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False if obj is not None else super().has_change_permission(request, obj)

    def has_send_permission(self, request):
        return request.user.has_perm("social.send_socialpost")

    def _sendable(self, request, queryset):
        """The posts of items ``request.user`` may publish (each content
        type's own publish permission, within their units if limited): the
        send permission alone does not reach another type's or unit's posts."""
        allowed = [
            post.pk
            for post in queryset.select_related("content_type")
            if post.target is None or roles.can(request.user, roles.PUBLISH, post.target)
        ]
        return queryset.filter(pk__in=allowed)

    def get_urls(self):
        urls = super().get_urls()
        return [
            path("tauler/", self.admin_site.admin_view(self.dashboard_view), name="social_dashboard"),
        ] + urls

    @admin.display(description=_("Element"))
    def item(self, post):
        target = post.target
        if target is None:
            return "—"
        url = reverse(
            f"admin:{post.content_type.app_label}_{post.content_type.model}_change", args=[target.pk]
        )
        return format_html('<a href="{}">{}</a>', url, str(target)[:80])

    @admin.display(description=_("Quan"), ordering="due_at")
    def when(self, post):
        moment = post.sent_at or post.due_at
        return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M") if moment else "—"

    @admin.display(description=_("Resultat"))
    def result(self, post):
        return post_status(post)

    @admin.action(description=_("Torna-les a enviar"), permissions=["send"])
    def retry_posts(self, request, queryset):
        queryset = self._sendable(request, queryset)
        with transaction.atomic():
            count = sum(sending.retry(post) for post in queryset)
        self.message_user(request, _("%(count)s publicacions tornen a la cua.") % {"count": count})

    @admin.action(description=_("Cancel·la-les"), permissions=["send"])
    def cancel_posts(self, request, queryset):
        queryset = self._sendable(request, queryset)
        count = sum(sending.cancel(post) for post in queryset)
        self.message_user(request, _("%(count)s publicacions cancel·lades.") % {"count": count})

    @admin.action(description=_("Esborra-les de la xarxa"), permissions=["send"])
    def delete_from_networks(self, request, queryset):
        queryset = self._sendable(request, queryset)
        done = {Removal.DELETED: 0, Removal.MANUAL: 0}
        with sending.http_client() as client:
            for post in queryset.filter(state=PostState.SENT, removal=Removal.NONE).select_related("account"):
                try:
                    done[sending.delete_from_network(post, client)] += 1
                except NetworkError as exc:
                    self.message_user(request, f"{post.account.name}: {exc.message}", messages.ERROR)
        self.message_user(
            request,
            _("%(deleted)s publicacions esborrades de la xarxa; %(manual)s cal esborrar-les a mà.")
            % {"deleted": done[Removal.DELETED], "manual": done[Removal.MANUAL]},
        )

    @admin.action(description=_("Publica'n la rectificació"), permissions=["send"])
    def post_corrections(self, request, queryset):
        """First shows the correction the composer offers for each flagged
        post, editable; the confirmed texts go out as new posts."""
        queryset = self._sendable(request, queryset)
        posts = list(queryset.flagged().select_related("account", "content_type"))
        if not posts:
            self.message_user(
                request, _("Cap de les publicacions triades està pendent de rectificar."), messages.WARNING
            )
            return None
        confirmed = "confirm" in request.POST
        rows, invalid = [], False
        for post in posts:
            text = request.POST.get(f"text-{post.pk}", "") if confirmed else sending.offered_correction(post)
            errors = self._correction_problems(post, text)
            invalid = invalid or bool(errors)
            rows.append({"post": post, "text": text, "errors": errors})
        if confirmed and not invalid:
            count = sum(bool(sending.post_correction(row["post"], row["text"])) for row in rows)
            self.message_user(request, _("%(count)s rectificacions a punt d'enviar-se.") % {"count": count})
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Rectificació de publicacions desactualitzades"),
            "rows": rows,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(
            request, "admin/social/post_corrections.html", context, status=400 if confirmed else 200
        )

    def _correction_problems(self, post, text: str) -> list[str]:
        if not text.strip():
            return [_("Escriviu el text de la rectificació.")]
        candidate = SocialPost(account=post.account, text_override=text, enabled=True)
        return composer.problems(candidate, sources.content_for(post.target))

    def dashboard_view(self, request):
        if not self.has_view_permission(request):
            return redirect("admin:index")
        posts = SocialPost.objects.select_related("account", "content_type").prefetch_related("target")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Tauler de les xarxes socials"),
            "scheduled": posts.filter(state__in=[PostState.PENDING, PostState.SENDING]).order_by("due_at")[
                :50
            ],
            "sent": posts.filter(state=PostState.SENT).order_by("-sent_at")[:50],
            "failed": posts.filter(state=PostState.FAILED).order_by("-updated_at")[:50],
            "manual": posts.filter(removal=Removal.MANUAL).order_by("-updated_at")[:50],
            "outdated": posts.flagged().order_by("-updated_at")[:50],
            "accounts": sending.account_health(),
            "can_send": self.has_send_permission(request),
        }
        return TemplateResponse(request, "admin/social/dashboard.html", context)
