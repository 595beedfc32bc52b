"""The foundation's publishing side effects: purge the public page cache, and
(``notify``, registered as ``workflow.notify``) email the people a
transition concerns. Other apps register their own handlers the same way."""

from comunicacio import pagecache
from comunicacio.mail import render_text as render_text  # the old import path

from . import effects
from . import notify as notify  # registers workflow.notify
from . import tasks as tasks  # the effects outbox's drain, registered in every process


@effects.register("cache.purge", events={effects.PUBLISHED, effects.WITHDRAWN, effects.CHANGED}, public=True)
def purge_public_pages(item, effect) -> None:
    # Every public page an item can appear on (home, lists, feeds, search,
    # sitemap, related items, its own page) shares one cache generation. The
    # request that changed the item already purged on commit
    # (workflow.purge_public_pages_on_commit); this run is the backstop, and
    # the one that counts for a scheduled publication, purged when it falls due.
    pagecache.purge()
