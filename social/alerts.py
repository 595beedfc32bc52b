"""Telling people when an account needs them: once per problem, not per post."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from comunicacio import roles
from comunicacio.mail import compose


def recipients_for(account) -> list[str]:
    if account.owner_id and account.owner.email:
        return [account.owner.email]
    # No owner: the heads of communication are the ones who can fix it.
    users = get_user_model().objects.filter(groups__name=roles.PUBLISHERS, is_active=True)
    return sorted({user.email for user in users if user.email})


def credentials_problem(account_id: int) -> None:
    from .models import SocialAccount

    account = SocialAccount.objects.select_related("owner").get(pk=account_id)
    recipients = recipients_for(account)
    if not recipients or not account.problem:
        return
    context = {
        "account": account,
        "url": settings.SITE_URL + reverse("admin:social_socialaccount_change", args=[account.pk]),
    }
    compose("emails/social_account_problem", context, to=recipients, language=settings.LANGUAGE_CODE).send()
