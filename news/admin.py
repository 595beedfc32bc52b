from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from comunicacio.publishing.admin import PublishableAdmin
from social.admin import SocialPostInline

from .models import Attachment, NewsItem
from .press.admin import PressDistributionInline, SendToMediaAdminMixin


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ("title", "file", "position")
    # Documents belong with the text (comunicacio.publishing.form_layout).
    form_section = ("content", _("Contingut"))


@admin.register(NewsItem)
class NewsItemAdmin(SendToMediaAdminMixin, PublishableAdmin):
    list_display = ("title", "kind", "status_badge", "publish_at", "unit", "featured", "is_alert")
    list_filter = ("status", "kind", "unit", "featured", "is_alert", "tags")
    search_fields = ("title", "summary", "slug")
    list_select_related = ("unit",)
    autocomplete_fields = ("image",)
    inlines = [AttachmentInline, SocialPostInline, PressDistributionInline]
    readonly_fields = ("workflow_state", "slug_display")
    fieldsets = [
        (None, {"fields": ("workflow_state", "kind", "title", "slug_display", "summary", "body")}),
        (_("Imatge i etiquetes"), {"fields": ("image", "tags", "featured")}),
        (
            _("Organització i contacte"),
            {"fields": ("unit", "contact_name", "contact_email", "contact_phone")},
        ),
        (_("Dates"), {"fields": ("publish_at", "expire_at", "embargo_until")}),
        (
            _("Alerta a tot el web (avisos urgents)"),
            {"fields": ("is_alert", "alert_severity", "alert_start", "alert_end"), "classes": ["collapse"]},
        ),
        (
            _("Traducció al castellà"),
            {"fields": ("title_es", "summary_es", "body_es"), "classes": ["collapse"]},
        ),
    ]

    @admin.display(description=_("Adreça"))
    def slug_display(self, obj):
        return obj.slug if obj and obj.slug else _("Es generarà del títol en desar.")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("unit")
