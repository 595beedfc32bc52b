"""The catalogue's core: services, the topics they are browsed by, and the
offices (oficines d'atenció) where they are done in person."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from comunicacio.content import EditorialContent
from comunicacio.registry import SearchField
from comunicacio.richtext import RichTextField
from comunicacio.translation import Translated

__all__ = ["Office", "Service", "Silence", "Topic"]


class Topic(models.Model):
    name = models.CharField(_("nom"), max_length=120)
    name_es = models.CharField(_("nom (castellà)"), max_length=120, blank=True)
    slug = models.SlugField(_("adreça"), max_length=140, unique=True)
    description = models.TextField(_("descripció"), blank=True)
    description_es = models.TextField(_("descripció (castellà)"), blank=True)
    position = models.PositiveSmallIntegerField(_("posició"), default=0)

    display_name = Translated("name")
    display_description = Translated("description")

    class Meta:
        verbose_name = _("tema")
        verbose_name_plural = _("temes")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Office(models.Model):
    name = models.CharField(_("nom"), max_length=160)
    name_es = models.CharField(_("nom (castellà)"), max_length=160, blank=True)
    slug = models.SlugField(_("adreça"), max_length=180, unique=True)
    building = models.ForeignKey(
        "comunicacio.Building",
        verbose_name=_("edifici"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address = models.CharField(_("adreça postal"), max_length=200, blank=True)
    postal_code = models.CharField(_("codi postal"), max_length=10, blank=True)
    town = models.CharField(_("població"), max_length=120, blank=True)
    phone = models.CharField(_("telèfon"), max_length=40, blank=True)
    email = models.EmailField(_("correu electrònic"), blank=True)
    accessibility = models.TextField(_("accessibilitat"), blank=True)
    accessibility_es = models.TextField(_("accessibilitat (castellà)"), blank=True)

    display_name = Translated("name")
    display_accessibility = Translated("accessibility")

    class Meta:
        verbose_name = _("oficina d'atenció")
        verbose_name_plural = _("oficines d'atenció")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Silence(models.TextChoices):
    """What happens when the council does not answer in time."""

    POSITIVE = "positive", _("Positiu: s'entén estimada")
    NEGATIVE = "negative", _("Negatiu: s'entén desestimada")
    NOT_APPLICABLE = "none", _("No s'aplica")


class Service(EditorialContent):
    """A service or procedure (tràmit) as a citizen needs to read it: every
    item article 10 of the Single Digital Gateway regulation lists for a
    procedure has its field; the page shows those that apply. The summary is
    the plain-language "what is it" in one paragraph; ``unit`` is the
    responsible unit (the competent authority)."""

    description = RichTextField(_("què és"), blank=True)
    description_es = RichTextField(_("què és (castellà)"), blank=True)
    audience = RichTextField(_("qui ho pot demanar"), blank=True)
    audience_es = RichTextField(_("qui ho pot demanar (castellà)"), blank=True)
    requirements = RichTextField(_("requisits"), blank=True)
    requirements_es = RichTextField(_("requisits (castellà)"), blank=True)
    output = RichTextField(_("què s'obté"), blank=True)
    output_es = RichTextField(_("què s'obté (castellà)"), blank=True)
    citizen_deadline = models.TextField(_("termini per demanar-ho"), blank=True)
    citizen_deadline_es = models.TextField(_("termini per demanar-ho (castellà)"), blank=True)
    response_time = models.TextField(_("termini de resposta de l'Ajuntament"), blank=True)
    response_time_es = models.TextField(_("termini de resposta de l'Ajuntament (castellà)"), blank=True)
    # The maximum time to answer in days, when the law sets one (CPSV-AP's processingTime).
    response_days = models.PositiveSmallIntegerField(
        _("termini màxim de resposta (dies)"), null=True, blank=True
    )
    silence = models.CharField(
        _("silenci administratiu"), max_length=8, choices=Silence.choices, default=Silence.NOT_APPLICABLE
    )
    silence_note = models.TextField(_("silenci administratiu: explicació"), blank=True)
    silence_note_es = models.TextField(_("silenci administratiu: explicació (castellà)"), blank=True)
    appeal = RichTextField(_("com recórrer"), blank=True)
    appeal_es = RichTextField(_("com recórrer (castellà)"), blank=True)
    how_to_pay = models.TextField(_("com pagar"), blank=True)
    how_to_pay_es = models.TextField(_("com pagar (castellà)"), blank=True)
    fiscal_ordinance_url = models.URLField(_("ordenança fiscal (enllaç)"), max_length=500, blank=True)
    # The procedure in the e-office (seu electrònica): the "Comença el tràmit" button.
    eoffice_url = models.URLField(_("tràmit a la seu electrònica (enllaç)"), max_length=500, blank=True)
    keywords = models.TextField(_("paraules clau"), blank=True, help_text=_("Separades per comes."))
    keywords_es = models.TextField(_("paraules clau (castellà)"), blank=True)
    synonyms = models.TextField(
        _("sinònims"),
        blank=True,
        help_text=_("Com en diu la gent, separats per comes: «padró, empadronar-me»."),
    )
    synonyms_es = models.TextField(_("sinònims (castellà)"), blank=True)
    # Codes of a service list (the LGSL's idea): how other catalogues name it.
    lgsl_code = models.CharField(_("codi LGSL"), max_length=20, blank=True)
    catalogue_code = models.CharField(
        _("codi del catàleg"),
        max_length=40,
        blank=True,
        help_text=_("El codi del tràmit a la seu, si en té."),
    )
    related = models.ManyToManyField("self", verbose_name=_("serveis relacionats"), blank=True)
    topics = models.ManyToManyField(Topic, verbose_name=_("temes"), blank=True, related_name="services")
    # The named person who keeps the content right (reviews, feedback).
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsable del contingut"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_period_months = models.PositiveSmallIntegerField(_("període de revisió (mesos)"), default=12)
    last_reviewed_at = models.DateField(_("darrera revisió"), null=True, blank=True)

    display_description = Translated("description")
    display_audience = Translated("audience")
    display_requirements = Translated("requirements")
    display_output = Translated("output")
    display_citizen_deadline = Translated("citizen_deadline")
    display_response_time = Translated("response_time")
    display_silence_note = Translated("silence_note")
    display_appeal = Translated("appeal")
    display_how_to_pay = Translated("how_to_pay")

    # The site search: what people call it weighs as much as its name.
    search_fields = (
        SearchField("title", "A"),
        SearchField("title_es", "A", language="es"),
        SearchField("synonyms", "A"),
        SearchField("synonyms_es", "A", language="es"),
        SearchField("keywords", "B"),
        SearchField("keywords_es", "B", language="es"),
        SearchField("summary", "B"),
        SearchField("summary_es", "B", language="es"),
        SearchField("description", "C"),
        SearchField("description_es", "C", language="es"),
    )

    slug_fallback = "tramit"

    class Meta:
        verbose_name = _("servei")
        verbose_name_plural = _("serveis")
        ordering = ["title"]

    def get_absolute_url(self) -> str:
        return reverse("catalog:service", kwargs={"slug": self.slug})
