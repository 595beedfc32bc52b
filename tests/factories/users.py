"""Back-office users, one per role, and the user change form's data."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from comunicacio import roles

from ._sequence import next_number

PASSWORD = "contrasenya-prova"

# Short names for the roles, so tests read ``make_user("editor")``.
ROLE_GROUPS = {
    "editor": roles.EDITORS,
    "publisher": roles.PUBLISHERS,
    "siteadmin": roles.SITE_ADMINS,
}


def make_user(role: str | None = None, *, staff: bool = True, username: str | None = None, **fields):
    """A user in the group for ``role`` ("editor", "publisher", "siteadmin"),
    or with no role at all when ``role`` is None; "superuser" builds one.
    Every one's password is ``PASSWORD``."""
    number = next_number()
    username = username or f"{role or 'norole'}{number}"
    fields.setdefault("email", f"{username}@ajuntament.example")
    fields.setdefault("first_name", username.capitalize())
    user_model = get_user_model()
    if role == "superuser":
        return user_model.objects.create_superuser(username=username, password=PASSWORD, **fields)
    user = user_model.objects.create_user(username=username, password=PASSWORD, is_staff=staff, **fields)
    if role is not None:
        user.groups.add(Group.objects.get(name=ROLE_GROUPS[role]))
    return user


def user_change_data(user, **overrides) -> dict:
    """POST data of the admin's user change form for ``user`` unchanged,
    with ``overrides`` applied (False leaves a checkbox unticked)."""
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": user.is_active,
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
        "groups": [group.pk for group in user.groups.all()],
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not False}
