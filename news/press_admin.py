"""Back-office of media relations: journalists, distribution lists, the CSV
import, and the press-note section where an editor chooses who receives it."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .contact_import import ImportFileError, import_contacts
from .media_relations import Beat, DistributionList, MediaContact, PressDelivery, PressDistribution


class SubscribedFilter(admin.SimpleListFilter):
    title = gettext_lazy("subscripció")
    parameter_name = "subscribed"

    def lookups(self, request, model_admin):
        return [("yes", _("Rep les notes")), ("no", _("Donat de baixa"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(unsubscribed_at__isnull=True)
        if self.value() == "no":
            return queryset.filter(unsubscribed_at__isnull=False)
        return queryset


@admin.register(Beat)
class BeatAdmin(admin.ModelAdmin):
    search_fields = ("name",)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Fitxer CSV"),
        help_text=gettext_lazy(
            "UTF-8, separat per punt i coma o comes. Primera fila: name;email;outlet;position;language;"
            "phone;beats;lists (també en català: nom, correu, mitjà...). Diversos àmbits o llistes, "
            "separats per «|»."
        ),
    )


@admin.register(MediaContact)
class MediaContactAdmin(admin.ModelAdmin):
    change_list_template = "admin/news/mediacontact/change_list.html"
    list_display = ("name", "outlet", "email", "language", "is_subscribed")
    list_filter = ("language", SubscribedFilter, "beats", "lists")
    search_fields = ("name", "outlet", "email", "position")
    filter_horizontal = ("beats",)
    readonly_fields = ("created_at",)
    fields = (
        "name",
        "outlet",
        "position",
        "email",
        "phone",
        "language",
        "beats",
        "notes",
        "unsubscribed_at",
        "created_at",
    )

    @admin.display(description=gettext_lazy("rep les notes"), boolean=True)
    def is_subscribed(self, obj):
        return obj.unsubscribed_at is None

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_view)
        return [path("import/", view, name="news_mediacontact_import"), *super().get_urls()]

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        report, file_error = None, ""
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                report = import_contacts(form.cleaned_data["file"].read())
            except ImportFileError as exc:
                file_error = str(exc)
                form.add_error("file", file_error)
            else:
                messages.success(
                    request,
                    _("S'han importat %(imported)s contactes; %(rejected)s files rebutjades.")
                    % {"imported": len(report.imported), "rejected": len(report.rejected)},
                )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Importa contactes de premsa"),
            "form": form,
            "report": report,
            "changelist_url": reverse("admin:news_mediacontact_changelist"),
        }
        status = 400 if request.method == "POST" and not form.is_valid() else 200
        return TemplateResponse(request, "admin/news/mediacontact/import.html", context, status=status)


@admin.register(DistributionList)
class DistributionListAdmin(admin.ModelAdmin):
    list_display = ("name", "description")
    search_fields = ("name", "description")
    filter_horizontal = ("contacts",)


@admin.register(PressDelivery)
class PressDeliveryAdmin(admin.ModelAdmin):
    """What happened to each journalist's copy: read-only."""

    list_display = ("email", "distribution", "state", "attempts", "sent_at", "last_error")
    list_filter = ("state",)
    search_fields = ("email", "distribution__news__title")
    list_select_related = ("distribution__news",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PressDistributionInline(admin.StackedInline):
    """On a press note: which lists receive it, with or without documents.
    It is sent when the note is published, before any embargo lifts."""

    model = PressDistribution
    extra = 0
    max_num = 1
    can_delete = False
    fields = ("lists", "attach_files", "status_summary")
    readonly_fields = ("status_summary",)
    filter_horizontal = ("lists",)
    verbose_name = gettext_lazy("enviament als mitjans")
    verbose_name_plural = gettext_lazy(
        "Enviament als mitjans (només notes de premsa: s'envia en publicar-la, abans que s'aixequi "
        "l'embargament)"
    )

    @admin.display(description=gettext_lazy("Estat de l'enviament"))
    def status_summary(self, obj):
        if obj is None or obj.pk is None:
            return _("S'enviarà quan es publiqui la nota.")
        counts = obj.counts()
        return _(
            "%(state)s: %(sent)s enviats, %(pending)s pendents, %(refused)s rebutjats, "
            "%(bounced)s retornats, %(failed)s fallits, %(skipped)s no enviats (baixes)."
        ) % {"state": obj.get_state_display(), **counts}
