from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .media import Image
from .organisation import Building, Unit
from .pages import SitePage
from .publishing import effects
from .publishing.models import Effect, Revision, Transition


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "parent", "email")
    list_filter = ("kind",)
    search_fields = ("name", "name_es")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Building)
class BuildingAdmin(admin.ModelAdmin):
    list_display = ("name", "address")
    search_fields = ("name", "address")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = ("thumbnail", "__str__", "credit", "width", "height", "created_at")
    search_fields = ("title", "alt_text", "credit")
    readonly_fields = ("thumbnail", "width", "height")
    fields = ("file", "thumbnail", "title", "alt_text", "alt_text_es", "credit", "width", "height")

    @admin.display(description=_("Miniatura"))
    def thumbnail(self, obj):
        if not obj or not obj.pk:
            return ""
        return format_html(
            '<img src="{}" alt="{}" style="max-width:160px;height:auto">', obj.fallback_url(), obj.alt_text
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(SitePage)
class SitePageAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "show_in_footer", "updated_at")
    prepopulated_fields = {"slug": ("title",)}

    def save_model(self, request, obj, form, change):
        from . import pagecache
        from .publishing import revisions

        super().save_model(request, obj, form, change)
        revisions.record(obj, request.user, comment=str(_("Desat")))
        pagecache.purge()


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Transition)
class TransitionAdmin(ReadOnlyAdmin):
    list_display = ("at", "content_type", "object_id", "action", "from_status", "to_status", "user")
    list_filter = ("action", "to_status", "content_type")


@admin.register(Revision)
class RevisionAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "content_type", "object_id", "user", "comment")
    list_filter = ("content_type",)


@admin.register(Effect)
class EffectAdmin(admin.ModelAdmin):
    list_display = (
        "created_at",
        "content_type",
        "object_id",
        "handler",
        "key",
        "state",
        "due_at",
        "attempts",
        "last_error",
    )
    list_filter = ("state", "handler")
    readonly_fields = [f.name for f in Effect._meta.fields]
    actions = ["retry_selected"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Torna a intentar els efectes seleccionats"), permissions=["change"])
    def retry_selected(self, request, queryset):
        count = 0
        for effect in queryset.exclude(state=Effect.State.DONE):
            effects.retry(effect)
            count += 1
        self.message_user(request, _("%(count)s efectes tornaran a executar-se.") % {"count": count})
