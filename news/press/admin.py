"""Back-office of media relations: journalists, distribution lists, the CSV
import, and the press-note section where an editor chooses who receives it."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from comunicacio import roles
from comunicacio.publishing.admin import WORKFLOW_FIELD

from .. import actions
from . import mail as press_mail
from . import sending as press_sending
from .contact_import import ImportFileError, import_contacts
from .models import Beat, DistributionList, MediaContact, PressDelivery, PressDistribution


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
    # The edit form's section (comunicacio.publishing.form_layout).
    form_section = ("press", gettext_lazy("Enviament als mitjans"))
    verbose_name_plural = gettext_lazy(
        "Enviament als mitjans (només notes de premsa: s'envia en publicar-la, abans que s'aixequi "
        "l'embargament)"
    )

    @admin.display(description=gettext_lazy("Estat de l'enviament"))
    def status_summary(self, obj):
        if obj is None or obj.pk is None:
            return _("S'enviarà quan es publiqui la nota.")
        waiting = press_sending.awaiting_confirmation(obj)
        if waiting:
            return format_html(
                '{} <a href="{}">{}</a>',
                ngettext(
                    "La nota ja és publicada: %(count)s destinatari espera la vostra confirmació.",
                    "La nota ja és publicada: %(count)s destinataris esperen la vostra confirmació.",
                    waiting,
                )
                % {"count": waiting},
                send_to_media_url(obj.news_id),
                _("Envia ara als mitjans"),
            )
        counts = obj.counts()
        return _(
            "%(state)s: %(sent)s enviats, %(pending)s pendents, %(refused)s rebutjats, "
            "%(bounced)s retornats, %(failed)s fallits, %(skipped)s no enviats (baixes)."
        ) % {"state": obj.get_state_display(), **counts}


def send_to_media_url(news_id: int) -> str:
    return reverse("admin:news_newsitem_send_to_media", args=[news_id])


class SendToMediaAdminMixin:
    """On the press note's admin: a distribution added to a note that is
    already out is sent only once the publisher confirms it, on a page of its
    own ("send now to N recipients?"); saving the note leads there."""

    def get_urls(self):
        view = self.admin_site.admin_view(self.send_to_media_view)
        own = [path("<path:object_id>/envia-als-mitjans/", view, name="news_newsitem_send_to_media")]
        return own + super().get_urls()

    def response_change(self, request, obj):
        response = super().response_change(request, obj)
        if request.POST.get(WORKFLOW_FIELD) or not isinstance(response, HttpResponseRedirect):
            return response
        distribution = PressDistribution.objects.filter(news=obj).select_related("news").first()
        if distribution is not None and press_sending.awaiting_confirmation(distribution):
            return HttpResponseRedirect(send_to_media_url(obj.pk))
        return response

    def send_to_media_view(self, request, object_id):
        item = self.get_object(request, object_id)
        if item is None:
            raise Http404(_("Aquest element no existeix."))
        if not (self.has_change_permission(request, item) and roles.can(request.user, roles.PUBLISH, item)):
            raise PermissionDenied
        change_url = reverse("admin:news_newsitem_change", args=[item.pk])
        distribution = PressDistribution.objects.filter(news=item).select_related("news").first()
        count = press_sending.awaiting_confirmation(distribution) if distribution else 0
        if request.method == "POST" and count:
            try:
                sent = actions.send_press_note(distribution, request.user)
            except actions.NothingToSend as reason:
                self.message_user(request, str(reason), messages.WARNING)
            else:
                self.message_user(
                    request,
                    ngettext(
                        "S'està enviant la nota a %(count)s destinatari.",
                        "S'està enviant la nota a %(count)s destinataris.",
                        sent,
                    )
                    % {"count": sent},
                    messages.SUCCESS,
                )
            return HttpResponseRedirect(change_url)
        if not count:
            self.message_user(request, _("No hi ha res pendent d'enviar als mitjans."), messages.WARNING)
            return HttpResponseRedirect(change_url)
        contacts = list(press_sending.contacts_not_sent(distribution).order_by("name", "pk"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": item,
            "title": _("Envia ara als mitjans: «%(item)s»") % {"item": item},
            "count": count,
            "lists": list(distribution.lists.all()),
            "previews": press_mail.preview(distribution, contacts),
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/news/newsitem/send_to_media.html", context)
