from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import roles
from .media import Image
from .organisation import Building, Unit
from .pages import SitePage
from .publishing import effects
from .publishing.admin import SharedObjectAdmin
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
class ImageAdmin(SharedObjectAdmin):
    # Live content shows library images: see publishing.shared_objects.
    change_note = _("Imatge de la biblioteca «%(object)s» modificada per %(user)s (%(fields)s).")
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
        if change:
            # Cached cards and pages show this image's alt text and credit.
            from . import pagecache

            pagecache.purge()


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


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class RoleAwareUserAdmin(UserAdmin):
    """Site administrators manage accounts and hand out roles, but cannot
    raise anyone above a role: superuser status, raw permissions and
    superuser accounts are for superusers only, and nobody changes their own
    roles (a site administrator could otherwise make themselves a publisher)."""

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += ["is_superuser", "user_permissions"]
            if obj is not None and obj.pk == request.user.pk:
                fields += ["groups"]
        return fields

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = Group.objects.filter(name__in=roles.ROLES)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def _touches_superuser(self, request, obj) -> bool:
        return obj is not None and obj.is_superuser and not request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        if self._touches_superuser(request, obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if self._touches_superuser(request, obj):
            return False
        return super().has_delete_permission(request, obj)
