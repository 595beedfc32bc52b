"""Demo media relations: fictional journalists and outlets of the comarca,
three distribution lists, and the mailing of the embargoed press note and of
the latest press note (written to ``var/mail/`` without an SMTP server)."""

from news.models import Beat, DistributionList, Kind, Language, MediaContact, NewsItem, PressDistribution

# (name, outlet, position, language, beats, lists)
CONTACTS = [
    (
        "Laia Puigdomènech",
        "Diari del Riu",
        "redactora de local",
        "ca",
        ["política", "urbanisme"],
        ["local", "comarca"],
    ),
    ("Jordi Casals", "Diari del Riu", "cap de secció", "ca", ["política"], ["local"]),
    ("Marta Vilaró", "Ràdio Vilanova", "periodista", "ca", ["cultura", "festes"], ["local", "audiovisual"]),
    ("Pau Ferrer", "Ràdio Vilanova", "informatius", "ca", ["serveis"], ["audiovisual"]),
    ("Núria Sala", "TV Comarcal", "redactora", "ca", ["cultura"], ["audiovisual", "comarca"]),
    ("Albert Roig", "El Punt de la Comarca", "corresponsal", "ca", ["política", "economia"], ["comarca"]),
    ("Elena Martín", "La Voz del Valle", "redactora", "es", ["política", "serveis"], ["comarca"]),
    ("Carlos Ruiz", "Agencia de Noticias del Nordeste", "delegado", "es", ["economia"], ["comarca"]),
    ("Anna Soler", "Revista Vilanova", "directora", "ca", ["cultura", "educació"], ["local"]),
    (
        "Oriol Batlle",
        "Digital Riu Avall",
        "editor",
        "ca",
        ["urbanisme", "medi ambient"],
        ["local", "comarca"],
    ),
]
LISTS = {
    "local": ("Mitjans locals", "Premsa, ràdio i digitals de Vilanova del Riu."),
    "comarca": ("Mitjans comarcals i agències", "Premsa comarcal i agències amb corresponsal a la zona."),
    "audiovisual": ("Ràdio i televisió", "Informatius de ràdio i televisió."),
}


def _email(name: str, outlet: str) -> str:
    import unicodedata

    def plain(text: str) -> str:
        ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        return "".join(ch for ch in ascii_text.lower() if ch.isalnum())

    first, *rest = name.split()
    return f"{plain(first)}.{plain(rest[-1])}@{plain(outlet)[:20]}.example"


def load() -> int:
    """Idempotent: contacts by email, lists by name; returns the contacts."""
    lists = {
        key: DistributionList.objects.get_or_create(name=name, defaults={"description": text})[0]
        for key, (name, text) in LISTS.items()
    }
    for name, outlet, position, language, beats, memberships in CONTACTS:
        contact, created = MediaContact.objects.get_or_create(
            email=_email(name, outlet),
            defaults={"name": name, "outlet": outlet, "position": position, "language": Language(language)},
        )
        if created:
            contact.beats.set(Beat.objects.get_or_create(name=beat)[0] for beat in beats)
            for key in memberships:
                lists[key].contacts.add(contact)
    notes = NewsItem.objects.filter(kind=Kind.PRESS_NOTE, status="published")
    chosen = [notes.filter(embargo_until__isnull=False).first(), notes.order_by("-publish_at").first()]
    for note in filter(None, chosen):
        distribution, created = PressDistribution.objects.get_or_create(news=note)
        if created:
            distribution.lists.set([lists["local"], lists["comarca"]])
    return MediaContact.objects.count()
