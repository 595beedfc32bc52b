"""The moderation queue of public event proposals: read what was sent,
approve (a draft event in review) or reject with a reason."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agenda.models import Venue
from comunicacio import formatting
from comunicacio.protected_media import send_file
from comunicacio.storage import private_storage

from . import actions as proposals
from . import venues as venue_matching
from .models import EventProposal, ProposalState


class RejectionForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Motiu del rebuig"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": gettext_lazy("Indiqueu el motiu del rebuig.")},
    )
    notify = forms.BooleanField(
        label=gettext_lazy("Envia el motiu per correu a qui ha fet la proposta"), required=False, initial=True
    )


class ApprovalForm(forms.Form):
    """Approving one proposal: which venue the event takes place in (the
    known venues its free-text place most likely means, another known one,
    a new one, or none yet) and whether to tell the proposer."""

    NEW, OTHER, NONE = "new", "other", "none"

    venue = forms.ChoiceField(
        label=gettext_lazy("Espai de l'activitat"),
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Trieu l'espai de l'activitat.")},
    )
    other_venue = forms.ModelChoiceField(
        label=gettext_lazy("Un altre espai conegut"),
        queryset=Venue.objects.all(),
        required=False,
    )
    new_venue_name = forms.CharField(label=gettext_lazy("Nom de l'espai nou"), max_length=150, required=False)
    notify = forms.BooleanField(
        label=gettext_lazy("Envia un correu a qui ha fet la proposta per dir-li que s'ha acceptat"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, proposal: EventProposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.matches = venue_matching.best_matches(proposal.venue_text)
        choices = [
            (
                str(match.venue.pk),
                _("%(name)s (%(address)s)") % {"name": match.venue.name, "address": match.venue.full_address}
                if match.venue.full_address
                else match.venue.name,
            )
            for match in self.matches
        ]
        choices += [
            (self.OTHER, _("Un altre espai conegut (trieu-lo a la llista)")),
            (self.NEW, _("Un espai nou (es crearà amb el nom indicat)")),
            (self.NONE, _("Cap espai de moment")),
        ]
        self.fields["venue"].choices = choices
        likely = self.matches and self.matches[0].score >= venue_matching.LIKELY
        self.fields["venue"].initial = choices[0][0] if likely else self.NEW
        self.fields["new_venue_name"].initial = proposal.venue_text[:150]

    def clean(self):
        cleaned = super().clean()
        choice = cleaned.get("venue")
        cleaned["chosen_venue"] = None
        if choice == self.NEW and not (cleaned.get("new_venue_name") or "").strip():
            self.add_error("new_venue_name", _("Indiqueu el nom de l'espai nou."))
        elif choice == self.OTHER:
            if cleaned.get("other_venue") is None and "other_venue" not in self.errors:
                self.add_error("other_venue", _("Trieu l'espai a la llista."))
            cleaned["chosen_venue"] = cleaned.get("other_venue")
        elif choice and choice.isdigit():
            cleaned["chosen_venue"] = next(
                (match.venue for match in self.matches if str(match.venue.pk) == choice), None
            )
        return cleaned

    def approval(self) -> dict:
        """The keyword arguments of ``approve_proposal``."""
        choice = self.cleaned_data["venue"]
        return {
            "venue": self.cleaned_data["chosen_venue"],
            "new_venue_name": self.cleaned_data["new_venue_name"] if choice == self.NEW else "",
            "notify": self.cleaned_data["notify"],
        }


class PendingFirst(admin.SimpleListFilter):
    """Moderators land on the queue: pending proposals unless they ask."""

    title = gettext_lazy("estat")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [*ProposalState.choices, ("all", _("Totes"))]

    def choices(self, changelist):
        value = self.value() or ProposalState.PENDING
        for lookup, title in self.lookup_choices:
            yield {
                "selected": value == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        value = self.value() or ProposalState.PENDING
        return queryset if value == "all" else queryset.filter(state=value)


@admin.register(EventProposal)
class EventProposalAdmin(admin.ModelAdmin):
    list_display = ("title", "organiser", "start", "category", "state", "created_at", "event_link")
    list_filter = (PendingFirst, "category")
    search_fields = ("title", "entity", "proposer_name", "email")
    date_hierarchy = "created_at"
    actions = ["approve_selected", "reject_selected"]
    fieldsets = [
        (None, {"fields": ("state", "event_link", "moderation_notes")}),
        (gettext_lazy("Qui la proposa"), {"fields": ("proposer_name", "entity", "email", "phone")}),
        (
            gettext_lazy("L'activitat"),
            {
                "fields": (
                    "title",
                    "summary",
                    "description",
                    "category",
                    "audience_list",
                    "start",
                    "end",
                    "all_day",
                    "venue_text",
                    "is_free",
                    "price_text",
                    "image_preview",
                    "image_description",
                )
            },
        ),
        (
            gettext_lazy("Registre"),
            {
                "fields": (
                    "consent_at",
                    "created_at",
                    "decided_by",
                    "decided_at",
                    "rejection_reason",
                    "notice_list",
                )
            },
        ),
    ]

    # What the proposer sent is kept as sent: only the moderation notes are editable.
    readonly_fields = [
        name for _title, options in fieldsets for name in options["fields"] if name != "moderation_notes"
    ]

    change_form_template = "agenda/proposals/admin_change_form.html"

    def has_add_permission(self, request):
        return False  # proposals come from the public form only

    # --- approve / reject from the proposal's own page ---------------------------------

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/aprova/", wrap(self.approve_view), name="agenda_eventproposal_approve"),
            path("<int:pk>/rebutja/", wrap(self.reject_view), name="agenda_eventproposal_reject"),
            path("<int:pk>/imatge/", wrap(self.image_view), name="agenda_eventproposal_image"),
            *super().get_urls(),
        ]

    def _proposal_to_moderate(self, request, pk):
        proposal = get_object_or_404(EventProposal, pk=pk)
        if not self.has_change_permission(request, proposal):
            raise PermissionDenied
        return proposal

    def approve_view(self, request, pk):
        """Approve one proposal: choose its venue among the best matches of
        its free-text place (or a new one) and whether to email the proposer."""
        proposal = self._proposal_to_moderate(request, pk)
        if proposal.state != ProposalState.PENDING:
            self.message_user(
                request,
                _("La proposta «%(title)s» ja està %(state)s.")
                % {"title": proposal.title, "state": proposal.get_state_display().lower()},
                messages.ERROR,
            )
            return redirect("admin:agenda_eventproposal_change", proposal.pk)
        form = ApprovalForm(request.POST if request.method == "POST" else None, proposal=proposal)
        if form.is_bound and form.is_valid():
            try:
                event = proposals.approve_proposal(proposal, request.user, **form.approval())
            except proposals.ProposalError as error:
                self.message_user(request, str(error), messages.ERROR)
                return redirect("admin:agenda_eventproposal_change", proposal.pk)
            self._approved_message(request, proposal, event)
            return redirect("admin:agenda_event_change", event.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": proposal,
            "title": _("Aprova la proposta"),
            "proposal": proposal,
            "form": form,
        }
        return TemplateResponse(request, "admin/agenda/proposals/approve.html", context)

    def _approved_message(self, request, proposal, event) -> None:
        self.message_user(
            request,
            format_html(
                _("«{}» aprovada: s'ha creat l'activitat en revisió <a href=\"{}\">{}</a>."),
                proposal.title,
                reverse("admin:agenda_event_change", args=[event.pk]),
                _("Reviseu-la i completeu-la abans de publicar-la"),
            ),
            messages.SUCCESS,
        )

    def reject_view(self, request, pk):
        proposal = self._proposal_to_moderate(request, pk)
        form = RejectionForm(request.POST if request.method == "POST" else None)
        if form.is_bound and form.is_valid():
            try:
                proposals.reject_proposal(
                    proposal, request.user, form.cleaned_data["reason"], notify=form.cleaned_data["notify"]
                )
            except proposals.ProposalError as error:
                self.message_user(request, str(error), messages.ERROR)
                return redirect("admin:agenda_eventproposal_change", proposal.pk)
            self.message_user(request, _("«%(title)s» rebutjada.") % {"title": proposal.title})
            return redirect("admin:agenda_eventproposal_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Rebutja la proposta"),
            "proposals": [proposal],
            "form": form,
        }
        return TemplateResponse(request, "agenda/proposals/admin_reject.html", context)

    def delete_model(self, request, obj):
        image = obj.image.name if obj.image else ""
        super().delete_model(request, obj)
        proposals.discard_images([image])

    def delete_queryset(self, request, queryset):
        images = list(queryset.values_list("image", flat=True))
        super().delete_queryset(request, queryset)
        proposals.discard_images(images)

    def image_view(self, request, pk):
        """The unmoderated image, for moderators only: it is in the private
        storage, which has no public URL."""
        proposal = get_object_or_404(EventProposal, pk=pk)
        if not self.has_view_permission(request, proposal) or not proposal.image:
            raise Http404
        # Streamed by Django (no nginx location for private files); admin_view
        # marks the response private and never cached.
        return send_file(request, private_storage(), proposal.image.name, internal_prefix="")

    @admin.display(description=gettext_lazy("Imatge"))
    def image_preview(self, obj):
        if not obj or not obj.image:
            return "—"
        url = reverse("admin:agenda_eventproposal_image", args=[obj.pk])
        return format_html(
            '<a href="{}"><img src="{}" alt="{}" style="max-width:320px;height:auto"></a>',
            url,
            url,
            obj.image_description or _("Imatge de la proposta"),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        proposal = self.get_object(request, object_id)
        extra_context["can_moderate"] = bool(
            proposal is not None
            and proposal.state == ProposalState.PENDING
            and self.has_change_permission(request, proposal)
        )
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description=gettext_lazy("Correus a qui la proposa"))
    def notice_list(self, obj):
        """Whether the decision email went out (or why not yet)."""
        if obj is None:
            return "—"
        lines = []
        for notice in obj.notices.order_by("created_at", "pk"):
            line = f"{notice.get_kind_display()}: {notice.get_state_display().lower()}"
            if notice.sent_at:
                line += f" ({formatting.date_time(notice.sent_at)})"
            elif notice.last_error:
                line += f" ({notice.last_error[:120]})"
            lines.append(line)
        return "\n".join(lines) or _("Cap correu de decisió")

    @admin.display(description=gettext_lazy("Entitat"))
    def organiser(self, obj):
        return obj.organiser

    @admin.display(description=gettext_lazy("Públics"))
    def audience_list(self, obj):
        return ", ".join(audience.name for audience in obj.audiences.all()) or "—"

    @admin.display(description=gettext_lazy("Activitat creada"))
    def event_link(self, obj):
        if not obj.event_id:
            return "—"
        url = reverse("admin:agenda_event_change", args=[obj.event_id])
        return format_html('<a href="{}">{}</a>', url, obj.event)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("event")

    @admin.action(description=gettext_lazy("Aprova: crea una activitat en revisió"), permissions=["change"])
    def approve_selected(self, request, queryset):
        for proposal in queryset:
            try:
                event = proposals.approve_proposal(proposal, request.user)
            except proposals.ProposalError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self._approved_message(request, proposal, event)

    @admin.action(description=gettext_lazy("Rebutja amb un motiu"), permissions=["change"])
    def reject_selected(self, request, queryset):
        form = RejectionForm(request.POST if "reason" in request.POST else None)
        if form.is_bound and form.is_valid():
            for proposal in queryset:
                try:
                    proposals.reject_proposal(
                        proposal,
                        request.user,
                        form.cleaned_data["reason"],
                        notify=form.cleaned_data["notify"],
                    )
                except proposals.ProposalError as error:
                    self.message_user(request, str(error), messages.ERROR)
                else:
                    self.message_user(request, _("«%(title)s» rebutjada.") % {"title": proposal.title})
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Rebutja propostes"),
            "proposals": list(queryset),
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "agenda/proposals/admin_reject.html", context)
