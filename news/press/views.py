"""Unsubscribing from press notes: the link in every press email (the
mail building block's view; see ``comunicacio.mail.unsubscribe``)."""

from comunicacio.mail.unsubscribe import UnsubscribeView

from .mail import UNSUBSCRIBE_MAX_AGE, UNSUBSCRIBE_SALT
from .models import MediaContact


class PressUnsubscribeView(UnsubscribeView):
    salt = UNSUBSCRIBE_SALT
    max_age = UNSUBSCRIBE_MAX_AGE
    template_name = "news/unsubscribe.html"
    done_template_name = "news/unsubscribe_done.html"
    invalid_template_name = "news/unsubscribe_invalid.html"
    context_name = "contact"

    def get_subscriber(self, pk: int):
        return MediaContact.objects.filter(pk=pk).first()

    def unsubscribe(self, subscriber) -> None:
        subscriber.unsubscribe()


unsubscribe = PressUnsubscribeView.as_view()
