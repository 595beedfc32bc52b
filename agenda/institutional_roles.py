"""What each back-office role may do with the institutional agenda and the
public event proposals (merged into ``AgendaConfig.role_permissions``)."""

from comunicacio import roles

_EDIT = ("add", "change", "view")
_ALL = ("add", "change", "delete", "view")

PERMISSIONS = {
    roles.EDITORS: [
        *roles.model_permissions("agenda", "institutionalentry", _EDIT),
        *roles.model_permissions("agenda", "guest", _ALL),
        "agenda.view_holder",
        # Moderating proposals: approving one creates a draft event.
        *roles.model_permissions("agenda", "eventproposal", ("change", "view")),
    ],
    roles.PUBLISHERS: [
        *roles.model_permissions("agenda", "institutionalentry", (*_ALL, "publish")),
        *roles.model_permissions("agenda", "guest", _ALL),
        *roles.model_permissions("agenda", "holder", _EDIT),
        *roles.model_permissions("agenda", "eventproposal", ("change", "delete", "view")),
    ],
    roles.SITE_ADMINS: [
        "agenda.view_institutionalentry",
        *roles.model_permissions("agenda", "holder", _EDIT),
    ],
}


def permissions(role: str) -> list[str]:
    return list(PERMISSIONS.get(role, []))
