"""The institutional agenda's admin form data."""

from institutional.models import InstitutionalCategory


def entry_admin_form(holder, **overrides) -> dict:
    """POST data of the institutional entry add form: a visit with one guest."""
    data = {
        "holder": holder.pk,
        "category": InstitutionalCategory.VISIT,
        "subject": "Visita a la depuradora",
        "start_0": "01/12/2026",
        "start_1": "10:00",
        "end_0": "",
        "end_1": "",
        "place": "Depuradora",
        "description": "",
        "participants": "",
        "interest_groups": "",
        "interest_group_register": "",
        "publish_at_0": "",
        "publish_at_1": "",
        "expire_at_0": "",
        "expire_at_1": "",
        "guests-TOTAL_FORMS": "1",
        "guests-INITIAL_FORMS": "0",
        "guests-MIN_NUM_FORMS": "0",
        "guests-MAX_NUM_FORMS": "1000",
        "guests-0-precedence": "1",
        "guests-0-form_of_address": "Il·lustríssim senyor",
        "guests-0-name": "Pere Convidat",
        "guests-0-position": "Diputació",
        "guests-0-rsvp": "attending",
        "guests-0-represented_by": "",
        "guests-0-seat": "",
        "guests-0-notes": "",
    }
    data.update(overrides)
    return data
