"""The foundation's publishing side effects: purge the public page cache, and
tell the author their item went live. Other apps register their own handlers
the same way."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import translation

from comunicacio import pagecache

from . import effects


def render_text(template_name: str, context: dict) -> str:
    """Render a plain-text email template: no HTML escaping, or every
    apostrophe of a Catalan title ("l'Església") would arrive as ``&#x27;``."""
    template = get_template(template_name).template
    return template.render(Context(context, autoescape=False))


@effects.register("cache.purge", events={effects.PUBLISHED, effects.WITHDRAWN, effects.CHANGED}, public=True)
def purge_public_pages(item, effect) -> None:
    # Every public page an item can appear on (home, lists, feeds, search,
    # sitemap, related items, its own page) shares one cache generation. The
    # request that changed the item already purged on commit
    # (workflow.purge_public_pages_on_commit); this run is the backstop, and
    # the one that counts for a scheduled publication, purged when it falls due.
    pagecache.purge()


@effects.register("author.notify", events={effects.PUBLISHED})
def notify_author(item, effect) -> None:
    recipients = item.author_emails()
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {"item": item, "url": settings.SITE_URL + item.get_absolute_url()}
        subject = " ".join(render_text("emails/published_subject.txt", context).split())
        body = render_text("emails/published.txt", context)
        html = render_to_string("emails/published.html", context)
    message = EmailMultiAlternatives(subject, body, to=recipients)
    message.attach_alternative(html, "text/html")
    # A stable Message-ID lets mail systems drop the copy a crash between the
    # SMTP acceptance and our commit could cause.
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1]
    message.extra_headers["Message-ID"] = f"<effect-{effect.pk}@{domain}>"
    # RFC 3834: no out-of-office replies to a robot.
    message.extra_headers["Auto-Submitted"] = "auto-generated"
    message.send()
