"""What each back-office role may do with the institutional agenda (read into
``InstitutionalConfig.role_permissions``)."""

from comunicacio import roles

_EDIT = ("add", "change", "view")
_ALL = ("add", "change", "delete", "view")

PERMISSIONS = {
    roles.EDITORS: [
        *roles.model_permissions("institutional", "institutionalentry", _EDIT),
        *roles.model_permissions("institutional", "guest", _ALL),
        "institutional.view_holder",
    ],
    roles.PUBLISHERS: [
        *roles.model_permissions("institutional", "institutionalentry", (*_ALL, "publish")),
        *roles.model_permissions("institutional", "guest", _ALL),
        *roles.model_permissions("institutional", "holder", _EDIT),
    ],
    roles.SITE_ADMINS: [
        "institutional.view_institutionalentry",
        *roles.model_permissions("institutional", "holder", _EDIT),
    ],
}


def permissions(role: str) -> list[str]:
    return list(PERMISSIONS.get(role, []))
