from contextvars import ContextVar

from dateutil.relativedelta import relativedelta
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Min, Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comunicacio import roles
from comunicacio.publishing.admin import PUBLISHER_ONLY_STATES, PublishableAdmin, SharedObjectAdmin
from comunicacio.translation import interpolate_lazy
from social.admin import SocialPostInline

from . import actions, rule_text, series
from .events_forms import EventForm, OccurrenceForm
from .models import Event, EventSession, Occurrence, Venue
from .models.events import MAX_SERIES_YEARS

# The request being served by the list or the change form (admin instances
# are shared by every thread: no request may be kept on them).
_listing: ContextVar = ContextVar("agenda_event_listing", default=None)
_editing: ContextVar = ContextVar("agenda_event_editing", default=None)


@admin.register(Venue)
class VenueAdmin(SharedObjectAdmin):
    # Live events show their venue: see publishing.shared_objects.
    change_note = _("Espai «%(object)s» modificat per %(user)s (%(fields)s).")
    list_display = ("name", "address", "town", "building")
    search_fields = ("name", "address", "town")
    list_select_related = ("building",)
    fields = ("name", "address", "postal_code", "town", "latitude", "longitude", "accessibility", "building")


class SessionFormSet(forms.BaseInlineFormSet):
    """At least one session; a series may not run more than five years past
    its first session."""

    def clean(self):
        super().clean()
        starts = [
            form.cleaned_data["start"]
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("start")
        ]
        if not starts:
            raise ValidationError(_("Una activitat necessita almenys una sessió amb data i hora."))
        until = self.instance.recurrence_until
        if self.instance.recurrence_frequency and until:
            first = timezone.localdate(min(starts))
            if until > first + relativedelta(years=MAX_SERIES_YEARS):
                raise ValidationError(
                    interpolate_lazy(
                        _("Una repetició pot durar com a màxim %(years)s anys des de la primera sessió."),
                        {"years": MAX_SERIES_YEARS},
                    )
                )
            if until < first:
                raise ValidationError(_("La data de fi de la repetició és anterior a la primera sessió."))


class SessionInline(admin.TabularInline):
    model = EventSession
    formset = SessionFormSet
    extra = 1
    fields = ("start", "end", "all_day")


@admin.register(Event)
class EventAdmin(PublishableAdmin):
    form = EventForm
    list_display = (
        "title",
        "category",
        "status_badge",
        "event_status",
        "next_date",
        "rule_sentence",
        "venue",
        "featured",
    )
    list_filter = ("status", "event_status", "category", "audiences", "is_free", "accessible", "featured")
    search_fields = ("title", "summary", "slug")
    list_select_related = ("venue",)
    autocomplete_fields = ("image", "venue")
    filter_horizontal = ("audiences",)
    inlines = [SessionInline, SocialPostInline]
    readonly_fields = (
        "workflow_state",
        "slug_display",
        "ical_sequence",
        "recurrence_sentence",
        "series_dates",
    )
    fieldsets = [
        (None, {"fields": ("workflow_state", "title", "slug_display", "summary", "description")}),
        (_("Classificació"), {"fields": ("category", "audiences", "tags", "image", "featured")}),
        (
            _("Estat de l'activitat"),
            {"fields": ("event_status", "previous_start", "ical_sequence")},
        ),
        (
            _("Repetició"),
            {
                "fields": (
                    "recurrence_frequency",
                    "recurrence_interval",
                    "recurrence_weekdays",
                    "recurrence_week_of_month",
                    "recurrence_until",
                    "recurrence_exceptions",
                    "recurrence_sentence",
                ),
                "description": interpolate_lazy(
                    _(
                        "Cada sessió es repeteix segons aquesta regla, a la mateixa hora local. "
                        "Cal una data de fi (màxim %(years)s anys)."
                    ),
                    {"years": MAX_SERIES_YEARS},
                ),
            },
        ),
        (
            _("Dates"),
            {
                "fields": ("series_dates",),
                "description": _(
                    "Per moure o cancel·lar una sola data, obriu-la: la resta de la sèrie no canvia."
                ),
            },
        ),
        (_("Lloc i modalitat"), {"fields": ("venue", "attendance_mode", "online_url")}),
        (
            _("Preu, inscripció i accessibilitat"),
            {
                "fields": (
                    "is_free",
                    "price_text",
                    "registration",
                    "registration_places",
                    "registration_url",
                    "accessible",
                    "accessibility_info",
                )
            },
        ),
        (
            _("Organització"),
            {
                "fields": (
                    "organiser_unit",
                    "organiser_name",
                    "organiser_email",
                    "organiser_phone",
                    "organiser_web",
                )
            },
        ),
        (_("Publicació"), {"fields": ("publish_at", "expire_at")}),
        (
            _("Traducció al castellà"),
            {
                "fields": (
                    "title_es",
                    "summary_es",
                    "description_es",
                    "price_text_es",
                    "accessibility_info_es",
                ),
                "classes": ["collapse"],
            },
        ),
    ]

    @admin.display(description=_("Adreça"))
    def slug_display(self, obj):
        return obj.slug if obj and obj.slug else _("Es generarà del títol en desar.")

    @admin.display(description=_("Propera data"))
    def next_date(self, obj):
        return obj.next_start

    def get_queryset(self, request):
        queryset = (
            super()
            .get_queryset(request)
            .select_related("venue")
            .annotate(next_start=Min("occurrences__start", filter=Q(occurrences__end__gt=timezone.now())))
        )
        if _listing.get() is request:
            # The list says each series' rule: its sessions in one query. Not
            # for the change form, whose saved inlines would leave it stale.
            queryset = queryset.prefetch_related("sessions")
        return queryset

    def changelist_view(self, request, extra_context=None):
        token = _listing.set(request)
        try:
            return super().changelist_view(request, extra_context)
        finally:
            _listing.reset(token)

    @admin.display(description=_("Repetició"))
    def rule_sentence(self, obj):
        return rule_text.event_sentence(obj, list(obj.sessions.all())) or "—"

    @admin.display(description=_("En paraules"))
    def recurrence_sentence(self, obj):
        sentence = rule_text.event_sentence(obj) if obj is not None and obj.pk else ""
        return render_to_string(
            "admin/agenda/event/_rule_sentence.html",
            {"sentence": sentence, "url": reverse("admin:agenda_event_rule_sentence")},
        )

    @admin.display(description=_("Dates"))
    def series_dates(self, obj):
        if obj is None or obj.pk is None:
            return _("Les dates es calculen en desar l'activitat.")
        request = _editing.get()
        # One date's page changes the live rows at once (a working copy does
        # not hold it): on live content, only for who may publish it, as
        # the page itself checks.
        can_edit = (
            request is not None
            and self.has_change_permission(request, obj)
            and (obj.status not in PUBLISHER_ONLY_STATES or roles.can(request.user, roles.PUBLISH, obj))
        )
        return render_to_string(
            "admin/agenda/event/_series_dates.html", series.compact_dates(obj, can_edit=can_edit)
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # The read-only displays get no request: the dates need it to know
        # whether to link each date to its action page.
        token = _editing.set(request)
        try:
            response = super().change_view(request, object_id, form_url, extra_context)
            if hasattr(response, "render") and not response.is_rendered:
                # The read-only displays are computed while rendering.
                response.render()
            return response
        finally:
            _editing.reset(token)

    # --- one date, and the live sentence ---------------------------------------------

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("regla-en-paraules/", wrap(self.rule_sentence_view), name="agenda_event_rule_sentence"),
            path(
                "<path:object_id>/dates/<str:occurrence_id>/",
                wrap(self.occurrence_view),
                name="agenda_event_occurrence",
            ),
            *super().get_urls(),
        ]

    def rule_sentence_view(self, request):
        """The sentence of the rule being typed in the form (JSON), said by
        the same function as the list and the saved form."""
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        try:
            sentence = series.sentence_from_query(request.GET)
        except ValidationError as error:
            return JsonResponse({"error": " ".join(error.messages)}, status=400)
        return JsonResponse({"sentence": sentence})

    def occurrence_view(self, request, object_id, occurrence_id):
        event = self._object_or_404(request, object_id, need_change=True)
        if not occurrence_id.isdigit():
            raise Http404(_("Aquesta data no existeix."))
        occurrence = get_object_or_404(
            Occurrence.objects.select_related("event"), pk=int(occurrence_id), event=event
        )
        form = OccurrenceForm(request.POST if request.method == "POST" else None, occurrence=occurrence)
        if form.is_bound and form.is_valid():
            try:
                actions.edit_occurrence(occurrence, request.user, **form.edit())
            except ValidationError as error:
                form.add_error(None, error)
            else:
                occurrence.refresh_from_db()
                self.message_user(
                    request,
                    _("Data desada: %(when)s.") % {"when": series.occurrence_label(occurrence)},
                    messages.SUCCESS,
                )
                return redirect(reverse("admin:agenda_event_change", args=[event.pk]) + "#series-dates")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": event,
            "occurrence": occurrence,
            "occurrence_label": series.occurrence_label(occurrence),
            "title": _("Una data de «%(event)s»") % {"event": event},
            "form": form,
            "series_sentence": rule_text.event_sentence(event),
        }
        return TemplateResponse(request, "admin/agenda/event/occurrence.html", context)

    # Saving or restoring an event is the agenda's action: it materialises
    # the occurrences as well as recording the edit.
    def record_edit(self, request, item, created: bool) -> None:
        actions.save_event(item, request.user, created=created)

    def restore_revision(self, request, item, revision) -> None:
        actions.restore_event_revision(item, revision, request.user)

    class Media:
        css = {"all": ["agenda/admin.css"]}
        js = ["agenda/recurrence.js"]
