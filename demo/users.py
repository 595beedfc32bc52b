"""Demo back-office accounts, one per role, with obvious passwords.

The passwords are only set when an account is created: a later run leaves an
account someone changed alone (and stays fast: hashing is deliberately slow)."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from comunicacio import roles

from .organisation import EMAIL_DOMAIN


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    first_name: str
    last_name: str
    role: str | None  # a group name; None for the superuser
    superuser: bool = False

    @property
    def email(self) -> str:
        return f"{self.username}@{EMAIL_DOMAIN}"

    @property
    def role_label(self) -> str:
        return self.role or "Superusuari"


DEMO_USERS = [
    DemoUser("redaccio", "Redaccio-Vilanova-2026", "Laia", "Puig Serra", roles.EDITORS),
    DemoUser("cap", "Cap-Comunicacio-2026", "Jordi", "Ferrer Vidal", roles.PUBLISHERS),
    DemoUser("webadmin", "Web-Vilanova-2026", "Marta", "Soler Camps", roles.SITE_ADMINS),
    DemoUser("admin", "Admin-Vilanova-2026", "Pere", "Riera Font", None, superuser=True),
]


@transaction.atomic
def load() -> dict:
    """Return {username: User}, creating and fixing up the accounts."""
    user_model = get_user_model()
    users = {}
    for demo in DEMO_USERS:
        user, created = user_model.objects.get_or_create(
            username=demo.username,
            defaults={
                "first_name": demo.first_name,
                "last_name": demo.last_name,
                "email": demo.email,
                "is_staff": True,
                "is_superuser": demo.superuser,
            },
        )
        if created:
            user.set_password(demo.password)
            user.save(update_fields=["password"])
        elif not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        if demo.role:
            # Groups are created by a migration; get_or_create only guards
            # against a database migrated without them.
            group, _ = Group.objects.get_or_create(name=demo.role)
            user.groups.add(group)
        users[demo.username] = user
    return users
