from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from . import roles


class ComunicacioConfig(AppConfig):
    name = "comunicacio"
    verbose_name = _("Lloc i organització")

    role_permissions = {
        roles.EDITORS: [
            *roles.model_permissions("comunicacio", "image"),
            "comunicacio.view_unit",
            "comunicacio.view_building",
            "comunicacio.view_revision",
            "comunicacio.view_transition",
        ],
        roles.PUBLISHERS: [
            *roles.model_permissions("comunicacio", "image"),
            "comunicacio.view_unit",
            "comunicacio.view_building",
            "comunicacio.view_revision",
            "comunicacio.view_transition",
            "comunicacio.view_effect",
        ],
        roles.SITE_ADMINS: [
            *roles.model_permissions("comunicacio", "unit", ("add", "change", "delete", "view")),
            *roles.model_permissions("comunicacio", "building", ("add", "change", "delete", "view")),
            *roles.model_permissions("comunicacio", "sitepage", ("add", "change", "view")),
            *roles.model_permissions("comunicacio", "image", ("add", "change", "delete", "view")),
            "comunicacio.view_effect",
            "comunicacio.change_effect",
            # Limiting roles to units (those of roles that publish: superusers only).
            *roles.model_permissions("comunicacio", "unitscope", ("add", "change", "delete", "view")),
            *roles.model_permissions("auth", "user", ("add", "change", "view")),
            "auth.view_group",
        ],
    }

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        from . import checks  # noqa: F401  (registers the checks of the declarations)
        from .dashboard import core  # noqa: F401  (the foundation's dashboard panels)
        from .publishing import handlers  # noqa: F401  (registers the handlers)

        # Every installed app declares how it plugs in, in its hooks.py
        # (content types, roles, effects): imported here, as the admin
        # imports admin.py, so the foundation never names the apps.
        autodiscover_modules("hooks")

        from . import search

        search.ready()  # reads the declarations just made

        post_migrate.connect(roles.sync_role_permissions, dispatch_uid="comunicacio-roles")
