"""The public event-proposal form, filled in as a person would, and
proposals and moderators made directly."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group

from agenda.models import Category, EventProposal
from comunicacio import roles

MADRID = ZoneInfo("Europe/Madrid")
FORM_URL = "/ca/agenda/proposa/"
# The proposal tests' clock (``clock`` fixture of tests/agenda/conftest.py).
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=MADRID)


def fresh_token(client, clock, wait=30) -> str:
    """Load the form as a person would, and take ``wait`` seconds to fill it in."""
    html = client.get(FORM_URL).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    clock.shift(timedelta(seconds=wait))
    return token


def valid_data(token, **overrides) -> dict:
    data = {
        "proposer_name": "Núria Ferrer",
        "entity": "Associació de Veïns del Raval",
        "email": "nuria@entitat.example",
        "phone": "600 000 000",
        "title": "Festa de l'escudella al carrer",
        "summary": "Dinar popular al carrer amb escudella per a tothom.",
        "description": "Portem taules i cadires.\n<script>alert(1)</script>",
        "category": Category.FESTIVITIES,
        "start_date": "2026-12-13",
        "start_time": "13:00",
        "end_date": "",
        "end_time": "17:00",
        "venue_text": "Plaça de la Vila",
        "price": "free",
        "price_text": "",
        "image_description": "",
        "consent": "on",
        "website": "",
        "token": token,
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def post(client, data, **extra):
    return client.post(FORM_URL, data, **extra)


def make_proposal(**fields) -> EventProposal:
    values = {
        "proposer_name": "Núria Ferrer",
        "entity": "Associació de Veïns del Raval",
        "email": "nuria@entitat.example",
        "title": "Festa de l'escudella al carrer",
        "summary": "Dinar popular al carrer.",
        "description": "Portem taules.\n<script>alert(1)</script>",
        "category": Category.FESTIVITIES,
        "start": datetime(2026, 12, 13, 13, 0, tzinfo=MADRID),
        "end": datetime(2026, 12, 13, 17, 0, tzinfo=MADRID),
        "venue_text": "Plaça de la Vila",
        "is_free": False,
        "price_text": "5 euros",
        "consent_at": NOW,
    }
    values.update(fields)
    return EventProposal.objects.create(**values)


def make_staff(django_user_model, role, username="moderadora"):
    """A staff member with ``role`` (the role groups synchronised first)."""
    roles.sync_role_permissions()
    user = django_user_model.objects.create_user(
        username, f"{username}@ajuntament.example", "x", is_staff=True
    )
    user.groups.add(Group.objects.get(name=role))
    return user
