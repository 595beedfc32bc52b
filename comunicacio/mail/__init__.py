"""The mail building block: composing any email (``compose``) and the
bulk-mailing engine (``deliveries``, ``batches``, ``pacing``, ``smtp``,
``verp``, ``unsubscribe``, ``bounces``). It imports no content app: a mailing
registers its delivery model and how to build one message."""

from .compose import compose, mail_domain, render_text, stable_message_id

__all__ = ["compose", "mail_domain", "render_text", "stable_message_id"]
