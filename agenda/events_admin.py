from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comunicacio.publishing.admin import PublishableAdmin, SharedObjectAdmin
from comunicacio.translation import interpolate_lazy
from social.admin import SocialPostInline

from . import actions
from .models import Event, EventSession, Occurrence, Venue
from .models.events import MAX_SERIES_YEARS


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


class OccurrenceInline(admin.TabularInline):
    """The materialised dates: a single one may be moved or cancelled here
    (the edit survives later changes to the series)."""

    model = Occurrence
    extra = 0
    can_delete = False
    fields = ("start", "end", "cancelled", "override_start", "override_end", "note")
    readonly_fields = ("start", "end")
    verbose_name_plural = _("Dates (les passades de fa més de 30 dies no es mostren)")

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        since = timezone.now() - timedelta(days=30)
        return super().get_queryset(request).filter(end__gte=since)


@admin.register(Event)
class EventAdmin(PublishableAdmin):
    list_display = ("title", "category", "status_badge", "event_status", "next_date", "venue", "featured")
    list_filter = ("status", "event_status", "category", "audiences", "is_free", "accessible", "featured")
    search_fields = ("title", "summary", "slug")
    list_select_related = ("venue",)
    autocomplete_fields = ("image", "venue")
    filter_horizontal = ("audiences",)
    inlines = [SessionInline, OccurrenceInline, SocialPostInline]
    readonly_fields = ("workflow_state", "slug_display", "ical_sequence")
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
        from django.db.models import Min, Q

        return (
            super()
            .get_queryset(request)
            .select_related("venue")
            .annotate(next_start=Min("occurrences__start", filter=Q(occurrences__end__gt=timezone.now())))
        )

    # Saving or restoring an event is the agenda's action: it materialises
    # the occurrences as well as recording the edit.
    def record_edit(self, request, item, created: bool) -> None:
        actions.save_event(item, request.user, created=created)

    def restore_revision(self, request, item, revision) -> None:
        actions.restore_event_revision(item, revision, request.user)
