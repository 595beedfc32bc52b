"""Telling people when an account needs them: once per problem, not per post."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import translation

from comunicacio import roles
from comunicacio.publishing.handlers import render_text


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
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "account": account,
            "url": settings.SITE_URL + reverse("admin:social_socialaccount_change", args=[account.pk]),
        }
        subject = " ".join(render_text("emails/social_account_problem_subject.txt", context).split())
        body = render_text("emails/social_account_problem.txt", context)
    message = EmailMultiAlternatives(subject, body, to=recipients)
    message.extra_headers["Auto-Submitted"] = "auto-generated"
    message.send()
