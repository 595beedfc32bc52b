"""The one place that moves a ``SocialPost`` between states.

Delivery guarantee
------------------
A post is *claimed* in a short transaction (``SELECT ... FOR UPDATE SKIP
LOCKED``): it becomes ``sending`` with a lease and one more attempt recorded,
and that is committed **before** any request leaves. The network is then
called with no transaction open, and the outcome recorded in a second short
transaction, only if the lease is still ours. So:

* two workers (or a task and the sweeper) never send the same post at once:
  the second one skips the locked row, or finds it ``sending`` under a lease;
* a worker killed at any point leaves the post ``sending``. When the lease
  runs out the sweeper claims it again and, because the earlier attempt may
  have reached the network, first asks the network whether the post exists
  (``Adapter.lookup``: Mastodon's ``Idempotency-Key``, Bluesky's record key
  chosen in advance, Instagram's container status, the link's unique
  ``utm_content`` marker on Facebook, X and LinkedIn). Found: it is recorded
  as sent, nothing is posted again. Not found: it is sent.
* Telegram's Bot API cannot read a channel back: an attempt interrupted
  after its request was sent is never repeated blindly; it fails with
  "check the channel" and an editor retries it if the message is not there
  (at most once).
* a broker restart loses at most queued messages, never state: the sweeper
  finds every due or interrupted post in the database.

The exact guarantee of each network is in its adapter's ``guarantee`` and
the README.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

import httpx
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from comunicacio import outbox
from comunicacio.publishing import effects
from comunicacio.publishing.models import Status

from . import alerts, composer, crypto, sources
from .imaging import ImageDoesNotFit, fit
from .models import Outdated, PostState, Removal, SocialAccount, SocialPost
from .networks.base import AuthError, NetworkError, Outgoing, RateLimited, Rejected, Unavailable

logger = logging.getLogger(__name__)


def http_client() -> httpx.Client:
    timeout = settings.SOCIAL_HTTP_TIMEOUT
    return httpx.Client(
        timeout=httpx.Timeout(timeout, connect=max(1.0, timeout / 5)),
        headers={"User-Agent": "Comunicacio/1.0 (+" + settings.SITE_URL + ")"},
        follow_redirects=False,
    )


# ---------------------------------------------------------------------------
# Preparing posts for an item
# ---------------------------------------------------------------------------


def ensure_posts(item) -> list[SocialPost]:
    """One post per active account for ``item`` (created as drafts, enabled
    when the account is on by default for the item's kind); existing posts are
    left as the editor set them."""
    source = sources.source_for(item)
    if source is None or item.pk is None:
        return []
    content = source.read(item)
    existing = {
        post.account_id: post for post in SocialPost.for_item(item).originals().select_related("account")
    }
    for account in SocialAccount.objects.active().exclude(pk__in=existing):
        # Off from the start where the item lacks what the network needs (an
        # image for Instagram): the item's form says why.
        enabled = account.default_for(content.kind) and not composer.image_missing(account, content)
        post = SocialPost(target=item, account=account, enabled=enabled)
        post.save()
        existing[account.pk] = post
    return sorted(existing.values(), key=lambda post: (post.account.network, post.account.name))


def not_postable_reason(post: SocialPost, content: sources.SocialContent, now=None) -> str:
    """Why ``post`` must not go out automatically now ("" = it may): its
    source withholds the item (a cancelled or postponed event), or it is
    stale: past the source's own moment (the event is over) or, for sources
    without one, past the post's ``stale_at``. A correction, which a
    publisher sends by hand about exactly such a change, is never held."""
    if post.corrects_id is not None:
        return ""
    now = now or timezone.now()
    if content.withheld:
        return _("No es publica: %(reason)s") % {"reason": content.withheld}
    if content.stale_at is not None:
        if now >= content.stale_at:
            return _("Massa tard: ja ha passat (%(moment)s).") % {
                "moment": f"{timezone.localtime(content.stale_at):%d/%m/%Y %H:%M}"
            }
        return ""
    if post.stale_at is not None and now > post.stale_at:
        return _("Massa tard: l'element es va publicar fa més de %(hours)s hores.") % {
            "hours": settings.SOCIAL_STALE_AFTER_HOURS
        }
    return ""


def stale_deadline(post: SocialPost, visible_since: datetime) -> datetime:
    """SOCIAL_STALE_AFTER_HOURS after the post was first due: when the item
    became visible (after its publish time and any embargo), or the post's
    own later time."""
    first_due = max(visible_since, post.scheduled_at or visible_since)
    return first_due + timedelta(hours=settings.SOCIAL_STALE_AFTER_HOURS)


def schedule_for_publication(item, visible_since=None) -> list[int]:
    """The item was published (and is visible now, since ``visible_since``:
    its publish time or the end of its embargo): every enabled draft post
    goes out now or at its own time; disabled, withheld and stale ones are
    cancelled. Returns the ids due now."""
    if sources.source_for(item) is None:
        return []  # content that is never posted (an institutional entry)
    now = timezone.now()
    visible_since = min(visible_since or item.publish_at or now, now)
    due_now = []
    content = sources.content_for(item)
    for post in ensure_posts(item):
        if post.state not in (PostState.DRAFT, PostState.CANCELLED) and post.publication == item.publication:
            continue  # already handled for this publication
        if post.state in (PostState.PENDING, PostState.SENDING) or (
            post.state == PostState.SENT and post.removal == Removal.NONE
        ):
            continue  # live post from an earlier publication
        post.stale_at = stale_deadline(post, visible_since)
        held = (
            not_postable_reason(post, content, now) or composer.image_missing(post.account, content)
            if post.enabled and post.account.enabled
            else ""
        )
        if not post.enabled or not post.account.enabled or held:
            post.state = PostState.CANCELLED
            post.publication = item.publication
            post.last_error = held
            post.save(update_fields=["state", "publication", "last_error", "stale_at", "updated_at"])
            continue
        post.state = PostState.PENDING
        post.publication = item.publication
        post.due_at = max(now, post.scheduled_at or now)
        post.attempts = 0
        post.last_error = ""
        if post.remote_id:
            # Re-published after a withdrawal that deleted it: a new post.
            post.remote_id = post.remote_url = ""
            post.sent_at = None
            post.removal = Removal.NONE
            post.progress = {}
            post.idempotency_key = type(post)._meta.get_field("idempotency_key").default()
        post.save()
        if post.due_at <= now:
            due_now.append(post.pk)
    return due_now


# ---------------------------------------------------------------------------
# Sending one post
# ---------------------------------------------------------------------------


@dataclass
class Claim:
    post: SocialPost
    attempt: int
    interrupted: bool  # an earlier attempt may have reached the network


def _item_is_live(post: SocialPost) -> bool:
    item = post.target
    return (
        item is not None
        and item.status == Status.PUBLISHED
        and item.publication == post.publication
        and item.is_visible()
    )


def claim(post_id: int) -> Claim | None:
    now = timezone.now()
    with transaction.atomic():
        post = (
            SocialPost.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("account")
            .due(now)
            .filter(pk=post_id)
            .first()
        )
        if post is None:
            return None
        interrupted = post.state == PostState.SENDING or post.needs_lookup
        if not _item_is_live(post):
            if interrupted:
                # The interrupted attempt may have reached the network.
                post.removal = Removal.MANUAL
                post.save(update_fields=["removal"])
                _finish(
                    post,
                    PostState.CANCELLED,
                    _("L'element es va retirar mentre s'enviava: comproveu si s'ha publicat i esborreu-la."),
                )
            else:
                _finish(post, PostState.CANCELLED, _("L'element ja no és públic."))
            return None
        held = not_postable_reason(post, sources.content_for(post.target), now)
        if held:
            if interrupted:
                # The interrupted attempt may have reached the network with
                # what is now wrong.
                post.removal = Removal.MANUAL
                post.save(update_fields=["removal"])
                held = _(
                    "%(reason)s Un intent anterior podria haver-la publicat: comproveu-ho i esborreu-la."
                ) % {"reason": held}
            _finish(post, PostState.CANCELLED, held)
            return None
        account = post.account
        if not account.enabled:
            _finish(post, PostState.CANCELLED, _("El compte està desactivat."))
            return None
        if account.problem and not interrupted:
            # No storm of requests with credentials known to be broken.
            _finish(post, PostState.FAILED, _("El compte té un problema: %s") % account.problem)
            return None
        if account.rate_limited_until and account.rate_limited_until > now:
            post.due_at = account.rate_limited_until
            post.state = PostState.PENDING
            post.save(update_fields=["due_at", "state", "updated_at"])
            return None
        post.state = PostState.SENDING
        post.attempts += 1
        post.lease_until = now + timedelta(seconds=settings.SOCIAL_SEND_LEASE_SECONDS)
        post.needs_lookup = interrupted
        post.save(update_fields=["state", "attempts", "lease_until", "needs_lookup", "updated_at"])
        return Claim(post=post, attempt=post.attempts, interrupted=interrupted)


def _finish(post: SocialPost, state: str, reason: str = "") -> None:
    post.state = state
    post.last_error = reason
    post.lease_until = None
    post.save(update_fields=["state", "last_error", "lease_until", "updated_at"])


def _ours(claimed: Claim):
    """The post row, locked, if our lease on it still holds."""
    return (
        SocialPost.objects.select_for_update()
        .filter(pk=claimed.post.pk, state=PostState.SENDING, attempts=claimed.attempt)
        .first()
    )


def outgoing_for(post: SocialPost, content: sources.SocialContent | None = None) -> Outgoing:
    content = content or sources.content_for(post.target)
    text, link = composer.compose(post, content)
    image = fit(content.image, post.account.adapter_class) if content.image is not None else None
    return Outgoing(
        text=text,
        link=link,
        marker=post.marker,
        idempotency_key=str(post.idempotency_key),
        title=content.title,
        summary=content.summary,
        image=image,
    )


def send(post_id: int, client: httpx.Client | None = None) -> str:
    """Claim, send and record one post. Returns the new state, or
    ``skipped`` when there was nothing to do."""
    claimed = claim(post_id)
    if claimed is None:
        return "skipped"
    post = claimed.post
    own_client = client is None
    client = client or http_client()
    try:
        content = sources.content_for(post.target)
        try:
            outgoing = outgoing_for(post, content)
        except (ImageDoesNotFit, OSError) as exc:
            return _record_failure(claimed, Rejected(str(exc)))
        try:
            adapter = post.account.adapter(client)
        except NetworkError as exc:  # credentials bound to another address, no instance URL
            return _record_failure(claimed, exc)
        session_before = dict(adapter.config.session)

        def checkpoint(progress: dict) -> None:
            SocialPost.objects.filter(pk=post.pk, attempts=claimed.attempt).update(progress=dict(progress))

        try:
            result = None
            if claimed.interrupted:
                # An earlier attempt may have reached the network. Networks
                # that cannot be read back (Telegram) raise here unless they
                # know nothing was in flight: the post then fails for a person
                # to check instead of being sent twice.
                result = adapter.lookup(outgoing, dict(post.progress))
            if result is None:
                result = adapter.publish(outgoing, checkpoint, dict(post.progress))
        except NetworkError as exc:
            return _record_failure(claimed, exc)
        finally:
            if adapter.config.session != session_before:
                SocialAccount.objects.filter(pk=post.account_id).update(
                    session_encrypted=crypto.encrypt(adapter.config.session)
                )
        with transaction.atomic():
            row = _ours(claimed)
            if row is None:
                logger.warning("Post %s was sent but its lease was taken over", post.pk)
                return "skipped"
            row.state = PostState.SENT
            row.text, row.link = outgoing.text, outgoing.link
            row.remote_id, row.remote_url = result.remote_id, result.url
            row.announced = content.facts
            row.sent_at = timezone.now()
            row.last_error = ""
            row.needs_lookup = False
            row.lease_until = None
            row.save()
            SocialAccount.objects.filter(pk=row.account_id).update(last_sent_at=row.sent_at)
        logger.info("Post %s sent to %s: %s", post.pk, post.account, result.url)
        if not _item_is_live(row):
            # Withdrawn while this post was on its way: take it down again.
            withdraw(row.target, client)
        else:
            # Changed (cancelled, moved) while it was on its way.
            flag_outdated(row.target)
        return PostState.SENT
    finally:
        if own_client:
            client.close()


def _record_failure(claimed: Claim, exc: NetworkError) -> str:
    now = timezone.now()
    with transaction.atomic():
        post = _ours(claimed)
        if post is None:
            return "skipped"
        account = SocialAccount.objects.select_for_update().get(pk=post.account_id)
        post.lease_until = None
        post.last_error = exc.message[:2000]
        if isinstance(exc, RateLimited):
            # Not the post's fault: it does not use up an attempt, and every
            # post of the account waits (no storm against the limit).
            wait = timedelta(seconds=exc.retry_after if exc.retry_after is not None else 60)
            post.attempts -= 1
            post.state = PostState.PENDING
            post.due_at = now + wait
            account.rate_limited_until = post.due_at
            account.save(update_fields=["rate_limited_until"])
        elif isinstance(exc, AuthError):
            post.state = PostState.FAILED
            first = not account.problem
            account.problem, account.problem_at = exc.message[:2000], now
            account.save(update_fields=["problem", "problem_at"])
            if first:
                transaction.on_commit(lambda: alerts.credentials_problem(account.pk))
        elif isinstance(exc, Unavailable) and post.attempts < settings.SOCIAL_MAX_ATTEMPTS:
            post.state = PostState.PENDING
            post.due_at = now + effects.backoff(post.attempts)
            post.needs_lookup = post.needs_lookup or exc.ambiguous
        else:
            post.state = PostState.FAILED
        post.save()
    logger.warning("Post %s: %s (%s)", claimed.post.pk, exc.message, post.state)
    return post.state


# ---------------------------------------------------------------------------
# Sweeping, retrying, cancelling, withdrawing
# ---------------------------------------------------------------------------


def due_post_ids(limit: int = 500) -> list[int]:
    return list(SocialPost.objects.due().order_by("due_at").values_list("pk", flat=True)[:limit])


# The social outbox: posts are leased, not locked, while a network is called
# (see the guarantee above); the shared sweeper starts ``sweep_posts``.
outbox.register(
    "social",
    model=SocialPost,
    strategy=outbox.LEASE,
    drain="social.tasks.sweep_posts",
    interval=lambda: settings.SOCIAL_SWEEP_SECONDS,
    due=lambda now: SocialPost.objects.due(now),
)


def retry(post: SocialPost) -> bool:
    """Put a failed or cancelled post back in the queue (admin action); not
    one that must not go out (a cancelled event, a stale item): the reason
    is recorded on it instead."""
    if post.target is not None and post.state in (PostState.FAILED, PostState.CANCELLED):
        fresh = SocialPost(pk=post.pk, account_id=post.account_id, corrects_id=post.corrects_id)
        held = not_postable_reason(fresh, sources.content_for(post.target))
        if held:
            SocialPost.objects.filter(pk=post.pk).update(last_error=held)
            return False
    now = timezone.now()
    # A publisher's retry is a deliberate new start: staleness counts from it.
    updated = SocialPost.objects.filter(pk=post.pk, state__in=[PostState.FAILED, PostState.CANCELLED]).update(
        state=PostState.PENDING,
        due_at=now,
        attempts=0,
        enabled=True,
        stale_at=now + timedelta(hours=settings.SOCIAL_STALE_AFTER_HOURS),
    )
    if updated:
        transaction.on_commit(lambda: enqueue([post.pk]))
    return bool(updated)


def cancel(post: SocialPost) -> bool:
    """Stop a post that has not gone out (admin action)."""
    return bool(
        SocialPost.objects.filter(
            pk=post.pk, state__in=[PostState.DRAFT, PostState.PENDING, PostState.FAILED]
        ).update(state=PostState.CANCELLED, enabled=False, due_at=None)
    )


def requeue_after_credentials_fixed(account: SocialAccount) -> int:
    """Posts that failed because of the account's credentials, for items still
    public, go out again once the credentials are renewed."""
    ids = []
    for post in SocialPost.objects.filter(account=account, state=PostState.FAILED, removal=Removal.NONE):
        if _item_is_live(post):
            ids.append(post.pk)
    SocialPost.objects.filter(pk__in=ids).update(state=PostState.PENDING, due_at=timezone.now(), attempts=0)
    transaction.on_commit(lambda: enqueue(ids))
    return len(ids)


def enqueue(post_ids: list[int]) -> None:
    from .tasks import send_post

    for post_id in post_ids:
        try:
            send_post.delay(post_id)
        except Exception:  # broker down: the sweeper will pick it up
            logger.warning("Could not enqueue post %s; the sweeper will send it", post_id)


def withdraw(item, client: httpx.Client | None = None) -> None:
    """The item was withdrawn: posts not sent are cancelled; sent ones are
    deleted where the network allows it and listed for manual removal
    elsewhere. Raises on a network error so the effect is retried; deleting
    is idempotent (a post already gone counts as deleted)."""
    posts = SocialPost.for_item(item).select_related("account")
    posts.filter(state__in=[PostState.DRAFT, PostState.PENDING]).update(
        state=PostState.CANCELLED, due_at=None
    )
    to_remove = list(
        # An interrupted attempt that may have reached the network (Telegram's,
        # failed for a person to check) may be there too.
        posts.filter(
            Q(state=PostState.SENT) | Q(state__in=[PostState.SENDING, PostState.FAILED], needs_lookup=True)
        ).exclude(removal__in=[Removal.DELETED, Removal.MANUAL])
    )
    own_client = client is None
    client = client or http_client()
    try:
        for post in to_remove:
            _take_down(post, client)
    finally:
        if own_client:
            client.close()


# ---------------------------------------------------------------------------
# Posts the item's later changes made wrong
# ---------------------------------------------------------------------------


def flag_outdated(item) -> int:
    """Flag the item's live sent posts whose announced facts (an event's
    status and dates) no longer hold, for the publisher to delete or correct;
    unflag those whose facts hold again. Returns how many are flagged."""
    if sources.source_for(item) is None:
        return 0
    content = sources.content_for(item)
    live = (
        SocialPost.for_item(item)
        .filter(state=PostState.SENT, removal=Removal.NONE)
        .exclude(announced="")
        .exclude(outdated=Outdated.CORRECTED)
    )
    wrong = live.exclude(announced=content.facts)
    flagged = wrong.exclude(outdated=Outdated.FLAGGED).update(
        outdated=Outdated.FLAGGED, outdated_note=content.correction[:200]
    )
    # The note follows the latest change (postponed, then cancelled).
    wrong.filter(outdated=Outdated.FLAGGED).exclude(outdated_note=content.correction[:200]).update(
        outdated_note=content.correction[:200]
    )
    live.filter(announced=content.facts, outdated=Outdated.FLAGGED).update(
        outdated=Outdated.NONE, outdated_note=""
    )
    if flagged:
        logger.info("%s sent posts of %s flagged as outdated", flagged, item)
    return wrong.count()


def offered_correction(post: SocialPost) -> str:
    """The text the composer offers to correct ``post`` ("Cancel·lat: …")."""
    return composer.correction_text(post.account, sources.content_for(post.target))


def post_correction(post: SocialPost, text: str) -> SocialPost | None:
    """Send ``text`` as a correction of the flagged ``post`` on its account
    (admin action): a post of its own, sent like any other; the original is
    marked corrected. None if ``post`` is not flagged (any more) or its item
    is no longer public."""
    with transaction.atomic():
        original = (
            SocialPost.objects.select_for_update()
            .select_related("account")
            .filter(pk=post.pk, outdated=Outdated.FLAGGED, state=PostState.SENT)
            .first()
        )
        if original is None or not _item_is_live(original):
            return None
        item = original.target
        correction = SocialPost(
            target=item,
            account=original.account,
            corrects=original,
            text_override=text.strip(),
            state=PostState.PENDING,
            publication=item.publication,
            due_at=timezone.now(),
        )
        correction.save()
        original.outdated = Outdated.CORRECTED
        original.save(update_fields=["outdated", "updated_at"])
    transaction.on_commit(lambda: enqueue([correction.pk]))
    return correction


def post_update(item) -> list[int]:
    """Announce an update of ``item`` on every account where it was posted
    and its post is still up: a post of its own per account ("Actualitzat:
    …", pointing at the announcement it follows, as a correction does),
    sent like any other. Nothing if the item is not public now."""
    if sources.source_for(item) is None:
        return []
    content = sources.content_for(item)
    announced = (
        SocialPost.for_item(item)
        .originals()
        .filter(state=PostState.SENT, removal=Removal.NONE)
        .select_related("account")
        .order_by("account_id", "-sent_at")
    )
    created, seen = [], set()
    with transaction.atomic():
        for original in announced:
            if original.account_id in seen or not _item_is_live(original):
                continue
            seen.add(original.account_id)
            update = SocialPost(
                target=item,
                account=original.account,
                corrects=original,
                text_override=composer.update_text(original.account, content),
                state=PostState.PENDING,
                publication=item.publication,
                due_at=timezone.now(),
            )
            update.save()
            created.append(update.pk)
    return created


def delete_from_network(post: SocialPost, client: httpx.Client) -> str:
    """Take a flagged post down (admin action): deleted where the network
    allows it, listed for removal by hand elsewhere (Instagram). Returns the
    post's removal; raises NetworkError if the network could not be asked."""
    post = SocialPost.objects.select_related("account").get(pk=post.pk)
    if post.state != PostState.SENT or post.removal:
        return post.removal
    _take_down(post, client)
    return post.removal


def _take_down(post: SocialPost, client: httpx.Client) -> None:
    """Delete a post where the network allows it, or list it for removal by
    hand (Instagram, or a post whose id was never learnt)."""
    if not post.remote_id or not post.account.adapter_class.supports_delete:
        post.removal = Removal.MANUAL
    else:
        try:
            post.account.adapter(client).delete(post.remote_id)
        except Rejected as exc:
            if exc.status != 404:  # already gone counts as deleted
                raise
        post.removal = Removal.DELETED
    post.save(update_fields=["removal", "updated_at"])


# ---------------------------------------------------------------------------
# Account health
# ---------------------------------------------------------------------------


def check_account(account: SocialAccount, client: httpx.Client) -> str:
    """Ask the network who the credentials belong to; a failure is recorded
    as the account's problem, a success clears it."""
    now = timezone.now()
    try:
        name = account.adapter(client).check()
    except crypto.CredentialsUnreadable as exc:
        account.problem, account.problem_at = str(exc), now
    except AuthError as exc:
        account.problem, account.problem_at = exc.message, now
    except NetworkError as exc:
        account.checked_at = now
        account.save(update_fields=["checked_at"])
        return _("No s'ha pogut comprovar: %s") % exc.message
    else:
        account.problem, account.problem_at, account.remote_name = "", None, name
    account.checked_at = now
    account.save(update_fields=["problem", "problem_at", "remote_name", "checked_at"])
    return account.problem or _("Credencials correctes (%s).") % account.remote_name


@dataclass
class Health:
    account: SocialAccount
    sent_24h: int
    failed_24h: int
    waiting: int


def account_health() -> list[Health]:
    from django.db.models import Count

    since = timezone.now() - timedelta(hours=24)
    accounts = SocialAccount.objects.annotate(
        sent_24h=Count("posts", filter=Q(posts__state=PostState.SENT, posts__sent_at__gte=since)),
        failed_24h=Count("posts", filter=Q(posts__state=PostState.FAILED, posts__updated_at__gte=since)),
        waiting=Count("posts", filter=Q(posts__state__in=[PostState.PENDING, PostState.SENDING])),
    )
    return [Health(account, account.sent_24h, account.failed_24h, account.waiting) for account in accounts]
