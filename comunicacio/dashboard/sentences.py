"""Workflow transitions told as sentences: "Marta ha enviat a revisió «…»".

Worded when shown, in the reader's language (the active one), from the
recorded action code; an action the dashboard does not know (one an app
records with ``workflow.note``) gets a generic sentence, never its code.
Apps may declare the sentence of their own codes with ``register_sentence``.
"""

from django.utils.translation import gettext_lazy as _

SENTENCES = {
    "submit": _("%(user)s ha enviat a revisió «%(title)s»"),
    "publish": _("%(user)s ha publicat «%(title)s»"),
    "schedule": _("%(user)s ha programat «%(title)s»"),
    "return": _("%(user)s ha retornat «%(title)s»"),
    "withdraw": _("%(user)s ha retirat «%(title)s»"),
    "approve": _("%(user)s ha aprovat «%(title)s»"),
    "archive": _("%(user)s ha arxivat «%(title)s»"),
    "reopen": _("%(user)s ha tornat a esborrany «%(title)s»"),
    "shared_object_changed": _("%(user)s ha modificat un element compartit de «%(title)s»"),
}
GENERIC = _("%(user)s ha fet un canvi a «%(title)s»")

# A notification without its transition (deleted) is told from its kind.
KIND_ACTIONS = {
    "submitted": "submit",
    "returned": "return",
    "approved": "approve",
    "scheduled": "schedule",
    "published": "publish",
    "withdrawn": "withdraw",
}


def register_sentence(action: str, sentence) -> None:
    """The sentence of an app's own action code, with ``%(user)s`` and
    ``%(title)s`` (a lazy translation)."""
    SENTENCES[action] = sentence


def sentence(action: str, user_name: str, title: str) -> str:
    template = SENTENCES.get(action, GENERIC)
    return str(template) % {"user": user_name, "title": title}
