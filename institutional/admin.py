"""Back-office of the institutional agenda. The guest list is an inline of the
entry: staff with the right permissions see it here and nowhere else."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from comunicacio.publishing.admin import PublishableAdmin

from .models import Guest, Holder, InstitutionalEntry


@admin.register(Holder)
class HolderAdmin(admin.ModelAdmin):
    list_display = ("name", "position", "active", "order")
    list_editable = ("active", "order")
    list_filter = ("active",)
    search_fields = ("name", "position")
    prepopulated_fields = {"slug": ("name",)}


class GuestInline(admin.TabularInline):
    model = Guest
    extra = 0
    fields = ("precedence", "form_of_address", "name", "position", "rsvp", "represented_by", "seat", "notes")
    verbose_name_plural = _("Llista de convidats (protocol, només intern)")


@admin.register(InstitutionalEntry)
class InstitutionalEntryAdmin(PublishableAdmin):
    list_display = ("subject", "holder", "start", "category", "status_badge")
    list_filter = ("status", "holder", "category", ("start", admin.DateFieldListFilter))
    search_fields = ("subject", "description", "participants", "interest_groups", "place")
    list_select_related = ("holder",)
    date_hierarchy = "start"
    ordering = ("-start",)
    inlines = [GuestInline]
    readonly_fields = ("workflow_state",)
    fieldsets = [
        (None, {"fields": ("workflow_state", "holder", "category", "subject", "start", "end", "place")}),
        (_("Contingut"), {"fields": ("description", "participants")}),
        (_("Grups d'interès"), {"fields": ("interest_groups", "interest_group_register")}),
        (_("Publicació"), {"fields": ("publish_at", "expire_at")}),
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "holder":
            # New entries go to current holders; an existing entry keeps its own.
            object_id = request.resolver_match.kwargs.get("object_id") if request.resolver_match else None
            queryset = Holder.objects.filter(active=True)
            if object_id and str(object_id).isdigit():
                queryset = Holder.objects.filter(active=True) | Holder.objects.filter(
                    entries__pk=int(object_id)
                )
            kwargs["queryset"] = queryset.distinct()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
