from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from taggit import admin as taggit_admin
from taggit.models import Tag

from . import image_chooser, image_usage, roles, tagging_actions
from .media import Image
from .organisation import Building, Unit
from .pages import SitePage
from .publishing import effects, workflow
from .publishing.admin import SharedObjectAdmin
from .publishing.models import Effect, Revision, Transition
from .role_scopes_admin import UnitScopeAdmin  # noqa: F401  (registers it)


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


class FocalField(forms.FloatField):
    """A focal coordinate that a post may leave out (older forms, scripts):
    it then stays where it was, and is not counted as a change."""

    def has_changed(self, initial, data):
        return data not in self.empty_values and super().has_changed(initial, data)


class ImageForm(forms.ModelForm):
    focal_fields = ("focal_x", "focal_y")

    class Meta:
        model = Image
        # What ImageAdmin.fields shows (the admin passes them anyway).
        fields = ("file", "focal_x", "focal_y", "title", "alt_text", "alt_text_es", "credit", "unit", "tags")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.focal_fields:
            if name in self.fields:
                model_field = self.fields[name]
                field = FocalField(
                    label=model_field.label,
                    help_text=model_field.help_text,
                    required=False,
                    min_value=0.0,
                    max_value=1.0,
                )
                field.widget.attrs["step"] = "0.001"
                self.fields[name] = field

    def _clean_focal(self, name: str):
        value = self.cleaned_data.get(name)
        return getattr(self.instance, name) if value is None else value

    def clean_focal_x(self):
        return self._clean_focal("focal_x")

    def clean_focal_y(self):
        return self._clean_focal("focal_y")


@admin.register(Image)
class ImageAdmin(SharedObjectAdmin):
    form = ImageForm
    # Live content shows library images: see publishing.shared_objects.
    change_note = _("Imatge de la biblioteca «%(object)s» modificada per %(user)s (%(fields)s).")
    change_form_template = "admin/media_library/image_change_form.html"
    list_display = ("thumbnail", "__str__", "credit", "unit", "use_count", "width", "height", "created_at")
    # Only the tags images carry (content has many more).
    list_filter = (("tags", admin.RelatedOnlyFieldListFilter), "unit")
    list_select_related = ("unit",)
    search_fields = ("title", "alt_text", "credit", "tags__name", "unit__name")
    readonly_fields = ("thumbnail", "focal_picker", "width", "height")
    fields = (
        "file",
        "focal_picker",
        ("focal_x", "focal_y"),
        "title",
        "alt_text",
        "alt_text_es",
        "credit",
        "unit",
        "tags",
        "width",
        "height",
    )

    class Media:
        js = ("media_library/focal_point.js",)
        css = {"all": ("media_library/media_library.css",)}

    def get_queryset(self, request):
        return image_usage.with_use_counts(super().get_queryset(request))

    @admin.display(description=_("Miniatura"))
    def thumbnail(self, obj):
        if not obj or not obj.pk:
            return ""
        return format_html('<img class="image-thumbnail" src="{}" alt="{}">', obj.thumbnail_url(), obj.alt)

    @admin.display(description=_("Usos"), ordering="use_count")
    def use_count(self, obj):
        return getattr(obj, "use_count", 0)

    @admin.display(description=_("Punt focal"))
    def focal_picker(self, obj):
        if not obj or not obj.pk:
            return _("Deseu la imatge per triar-ne el punt focal.")
        return render_to_string("admin/media_library/focal_picker.html", {"image": obj})

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None:
            extra_context = {**(extra_context or {}), "image_usage": image_usage.usage(obj, request)}
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        # A change purges the cached pages (cards show the alt text and
        # credit) through SharedObjectAdmin; a moved focal point makes new
        # renditions (Image.save).
        super().save_model(request, obj, form, change)

    def get_urls(self):
        return [
            path(
                "tria/",
                self.admin_site.admin_view(self.chooser_view),
                name="comunicacio_image_chooser",
            ),
            *super().get_urls(),
        ]

    def chooser_view(self, request):
        """Thumbnails to choose from, searched, filtered and paginated."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        filters = image_chooser.ChooserFilters(request.GET)
        images = Image.objects.order_by("-created_at", "-pk")
        status = 200
        if filters.is_valid():
            images = filters.filter(images)
        else:
            images, status = Image.objects.none(), 400
        page = image_chooser.page_of(images, request.GET.get("p"))
        query = request.GET.copy()
        query.pop("p", None)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Tria una imatge"),
            "opts": self.model._meta,
            "filters": filters,
            "page": page,
            "images": list(page.object_list),
            "query": query.urlencode(),
            "may_add": self.has_add_permission(request),
        }
        return TemplateResponse(request, "admin/media_library/chooser.html", context, status=status)


@admin.register(SitePage)
class SitePageAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "show_in_footer", "updated_at")
    prepopulated_fields = {"slug": ("title",)}

    def save_model(self, request, obj, form, change):
        from .publishing import actions

        super().save_model(request, obj, form, change)
        actions.record_page_edit(obj, request.user)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def action_label(code: str) -> str:
    """A workflow action's name for people ("Envia a revisió"), not its code."""
    action = workflow.ACTIONS.get(code)
    return str(action.label) if action is not None else code


class ActionFilter(admin.SimpleListFilter):
    title = _("acció")
    parameter_name = "action"

    def lookups(self, request, model_admin):
        return [(name, action.label) for name, action in workflow.ACTIONS.items()]

    def queryset(self, request, queryset):
        return queryset.filter(action=self.value()) if self.value() else queryset


@admin.register(Transition)
class TransitionAdmin(ReadOnlyAdmin):
    list_display = ("at", "content_type", "object_id", "action_name", "from_status", "to_status", "user")
    list_filter = (ActionFilter, "to_status", "content_type")
    fields = ("at", "content_type", "object_id", "action_name", "from_status", "to_status", "user", "comment")
    readonly_fields = ("action_name",)

    @admin.display(description=_("acció"), ordering="action")
    def action_name(self, obj):
        return action_label(obj.action)


@admin.register(Revision)
class RevisionAdmin(ReadOnlyAdmin):
    """Who saved what when. The saved content itself is read in the item's
    own history, which shows only the fields and inlines the viewer may see;
    revisions of content the viewer may not view are not listed."""

    list_display = ("created_at", "content_type", "object_id", "user", "comment")
    list_filter = ("content_type",)
    exclude = ("data",)
    readonly_fields = ("item_history",)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        types = ContentType.objects.filter(pk__in=queryset.values("content_type"))
        viewable = [kind.pk for kind in types if request.user.has_perm(f"{kind.app_label}.view_{kind.model}")]
        return queryset.filter(content_type__in=viewable)

    @admin.display(description=_("Historial de l'element"))
    def item_history(self, obj):
        kind = obj.content_type
        try:
            url = reverse(f"admin:{kind.app_label}_{kind.model}_revisions", args=[obj.object_id])
        except NoReverseMatch:
            return "—"
        return format_html('<a href="{}">{}</a>', url, _("Revisions i comparació"))


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
admin.site.unregister(Group)


def _refuse_publishing_grant(permissions, message) -> None:
    granted = roles.publishing_among(permissions)
    if granted:
        names = ", ".join(sorted(str(permission) for permission in granted))
        raise ValidationError(message % {"permissions": names}, code="publishing_grant")


@admin.register(User)
class RoleAwareUserAdmin(UserAdmin):
    """Site administrators manage accounts and hand out roles, but cannot
    raise anyone to a role that publishes: granting one, superuser status and
    raw permissions are for superusers only, as are changing the password of
    someone who can publish (the site administrator could then log in as
    them) and touching superuser accounts. Nobody changes their own roles.

    All of it is checked on the server: the form refuses the groups, the
    read-only fields are not part of the form at all, and the password view
    answers 403."""

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += ["is_superuser", "user_permissions"]
            if obj is not None and obj.pk == request.user.pk:
                fields += ["groups"]
        return fields

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = Group.objects.filter(name__in=roles.role_names())
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = super().get_form(request, obj, change=change, **kwargs)
        if request.user.is_superuser:
            return base

        class NoPublishingGrantForm(base):
            def clean_groups(self):
                groups = self.cleaned_data["groups"]
                held = set(self.instance.groups.values_list("pk", flat=True)) if self.instance.pk else set()
                added = [group for group in groups if group.pk not in held]
                permissions = [
                    permission
                    for group in added
                    for permission in group.permissions.select_related("content_type")
                ]
                _refuse_publishing_grant(
                    permissions,
                    _("Només un superusuari pot donar un rol que pot publicar (%(permissions)s)."),
                )
                return groups

        return NoPublishingGrantForm

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

    def user_change_password(self, request, id, form_url=""):
        if not request.user.is_superuser:
            target = self.get_object(request, unquote(id))
            if target is not None and roles.user_can_publish(target):
                raise PermissionDenied
        return super().user_change_password(request, id, form_url)


@admin.register(Group)
class RoleAwareGroupAdmin(GroupAdmin):
    """Whoever may edit groups without being a superuser still cannot add a
    publishing permission to one: every member would become a publisher."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = super().get_form(request, obj, change=change, **kwargs)
        if request.user.is_superuser:
            return base

        class NoPublishingGrantForm(base):
            def clean_permissions(self):
                permissions = self.cleaned_data["permissions"]
                instance = self.instance
                held = set(instance.permissions.values_list("pk", flat=True)) if instance.pk else set()
                _refuse_publishing_grant(
                    [permission for permission in permissions if permission.pk not in held],
                    _("Només un superusuari pot donar permisos de publicació a un grup (%(permissions)s)."),
                )
                return permissions

        return NoPublishingGrantForm


class MergeTagsForm(forms.Form):
    new_tag_name = forms.CharField(
        label=_("Nom de l'etiqueta resultant"),
        max_length=100,
        help_text=_("Escriviu el nom d'una etiqueta nova o d'una que ja existeixi."),
    )


class TagAdmin(taggit_admin.TagAdmin):
    """taggit's tag admin in Catalan; merging tags (taggit's own view speaks
    English, checks no permission and fails on stale ids) is for who may
    change tags, and refuses what it cannot merge with a message."""

    @admin.action(description=_("Fusiona les etiquetes seleccionades"), permissions=["change"])
    def render_tag_form(self, request, queryset):
        request.session["selected_tag_ids"] = ",".join(
            str(pk) for pk in queryset.values_list("pk", flat=True)
        )
        return HttpResponseRedirect(reverse("admin:taggit_tag_merge_tags"))

    def merge_tags_view(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied
        raw = request.session.get("selected_tag_ids", "")
        selected = [int(pk) for pk in raw.split(",") if pk.isdigit()]
        tags = list(Tag.objects.filter(pk__in=selected))
        changelist = reverse("admin:taggit_tag_changelist")
        if not tags:
            self.message_user(request, _("Trieu abans les etiquetes que voleu fusionar."), messages.WARNING)
            return HttpResponseRedirect(changelist)
        form = MergeTagsForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            tagging_actions.merge_tags(tags, form.cleaned_data["new_tag_name"])
            request.session.pop("selected_tag_ids", None)
            self.message_user(request, _("S'han fusionat les etiquetes."), messages.SUCCESS)
            return HttpResponseRedirect(changelist)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Fusiona etiquetes"),
            "form": form,
            "tags": tags,
        }
        return TemplateResponse(request, "admin/taggit/merge_tags_form.html", context)
