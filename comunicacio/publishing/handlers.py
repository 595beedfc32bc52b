"""The foundation's publishing side effects: purge the public page cache, and
tell the author their item went live. Other apps register their own handlers
the same way."""

from django.conf import settings

from comunicacio import pagecache
from comunicacio.mail import compose, stable_message_id
from comunicacio.mail import render_text as render_text  # the old import path

from . import effects
from . import tasks as tasks  # the effects outbox's drain, registered in every process


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
    context = {"item": item, "url": settings.SITE_URL + item.get_absolute_url()}
    # A stable Message-ID lets mail systems drop the copy a crash between the
    # SMTP acceptance and our commit could cause.
    compose(
        "emails/published",
        context,
        to=recipients,
        language=settings.LANGUAGE_CODE,
        message_id=stable_message_id("effect", effect.pk),
    ).send()
