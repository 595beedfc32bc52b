"""A Telegram channel through the Bot API (the bot must be an administrator
of the channel with the right to post messages).

Text goes out as plain text (no ``parse_mode``: Telegram links bare URLs by
itself, and nothing needs escaping). With an image the text becomes the
photo's caption, which Telegram caps at 1,024 characters (a message without
a photo may have 4,096): ``max_length`` is the stricter one so that a post
fits whether or not it ends up with an image. Telegram counts UTF-16 code
units, so an emoji counts two. Telegram photos have no alt text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .base import (
    Adapter,
    AuthError,
    CredentialField,
    NetworkError,
    Outgoing,
    Published,
    RateLimited,
    Rejected,
    Unavailable,
    register,
)

TOKEN_RE = re.compile(r"^\d{5,12}:[A-Za-z0-9_-]{35}$")
CHANNEL_RE = re.compile(r"^@[A-Za-z][A-Za-z0-9_]{3,31}$")
CHAT_ID_RE = re.compile(r"^-100\d{5,16}$")
LINK_RE = re.compile(r"^(?:https?://)?(?:t\.me|telegram\.me)/([A-Za-z][A-Za-z0-9_]{3,31})/?$")
# 400 answers that mean the account, not the post, is wrong.
ACCOUNT_PROBLEMS = (
    "chat not found",
    "not enough rights",
    "need administrator rights",
    "have no rights",
    "peer_id_invalid",
    "channel_private",
    "chat_admin_required",
    "bot was kicked",
)


@register
class TelegramAdapter(Adapter):
    name = "telegram"
    label = "Telegram"
    default_api_base = "https://api.telegram.org"
    credential_fields = (
        CredentialField(
            "bot_token",
            _("Testimoni del bot"),
            help_text=_(
                "El que us dona @BotFather, com 123456789:AAE…; el bot ha de ser administrador del canal."
            ),
        ),
        CredentialField(
            "chat_id",
            _("Canal"),
            secret=False,
            help_text=_("El nom públic del canal (@canal) o el seu identificador numèric (-100…)."),
        ),
    )
    max_length = 1024  # a photo caption; a message alone could have 4,096
    image_max_bytes = 10 * 1024 * 1024
    image_max_side = 10000
    can_lookup = False
    guarantee = (
        "At most once. The Bot API cannot read a channel's history, so nothing can tell whether "
        "an interrupted attempt reached the channel. Before the message is sent the attempt is "
        "checkpointed as in flight; if the answer is then lost (timeout, dropped connection, 5xx "
        "or a crash), the post is not retried but marked for a person to check the channel and, "
        "if needed, publish it by hand. Failures where the request certainly never arrived "
        "(connection refused, rate limits, refused requests) clear that mark and are retried or "
        "failed normally. A crash can therefore never publish the message twice, but may leave "
        "it unpublished pending that manual check."
    )

    def measure(self, text: str) -> int:
        return len(text.encode("utf-16-le")) // 2

    @classmethod
    def validate_credentials(cls, credentials: dict[str, str]) -> dict[str, str]:
        errors = {}
        token = (credentials.get("bot_token") or "").strip()
        if token.lower().startswith("bot"):
            token = token[3:]
        chat = (credentials.get("chat_id") or "").strip()
        if found := LINK_RE.match(chat):
            chat = "@" + found.group(1)
        elif re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{3,31}", chat):
            chat = "@" + chat
        if not token:
            errors["bot_token"] = _("Cal el testimoni del bot.")
        elif not TOKEN_RE.fullmatch(token):
            errors["bot_token"] = _(
                "El testimoni del bot té la forma 123456789:seguit de 35 lletres, xifres, - o _; "
                "copieu-lo sencer del missatge de @BotFather."
            )
        if not chat:
            errors["chat_id"] = _("Cal el canal.")
        elif not (CHANNEL_RE.fullmatch(chat) or CHAT_ID_RE.fullmatch(chat)):
            errors["chat_id"] = _(
                "Indiqueu el nom públic del canal, com @ajuntament, o el seu identificador "
                "numèric, que comença per -100."
            )
        if errors:
            raise ValidationError(errors)
        return {**credentials, "bot_token": token, "chat_id": chat}

    # -- HTTP -----------------------------------------------------------------
    def classify(self, response) -> NetworkError:
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict) or "description" not in body:
            return super().classify(response)
        code = body.get("error_code") or response.status_code
        description = str(body.get("description"))[:300]
        parameters = body.get("parameters") or {}
        if code == 429:
            return RateLimited(
                description, status=code, retry_after=float(parameters.get("retry_after") or 30)
            )
        if code in (401, 403, 404):  # 404: the token's bot does not exist
            return AuthError(description, status=code)
        if code == 400 and any(problem in description.lower() for problem in ACCOUNT_PROBLEMS):
            return AuthError(description, status=code)
        if code >= 500:
            return Unavailable(description, status=code, ambiguous=True)
        return Rejected(description, status=code)

    def _call(self, method: str, **kwargs):
        token = self.config.credentials["bot_token"]
        body = self.request("POST", f"/bot{token}/{method}", **kwargs).json()
        if not body.get("ok"):
            raise Rejected(str(body.get("description") or body)[:300])
        return body["result"]

    @property
    def chat_id(self) -> str:
        return self.config.credentials["chat_id"]

    # -- the contract ---------------------------------------------------------
    def publish(self, post: Outgoing, checkpoint: Callable[[dict], None], progress: dict) -> Published:
        checkpoint({**progress, "in_flight": True})
        try:
            if post.image:
                extension = post.image.content_type.rsplit("/", 1)[-1].replace("jpeg", "jpg")
                message = self._call(
                    "sendPhoto",
                    data={"chat_id": self.chat_id, "caption": post.text},
                    files={"photo": (f"image.{extension}", post.image.data, post.image.content_type)},
                )
            else:
                message = self._call(
                    "sendMessage",
                    json={
                        "chat_id": self.chat_id,
                        "text": post.text,
                        "link_preview_options": {"url": post.link, "prefer_large_media": True}
                        if post.link
                        else {"is_disabled": True},
                    },
                )
        except NetworkError as exc:
            if not exc.ambiguous:
                # Certainly not published: a later attempt may go ahead.
                checkpoint({**progress, "in_flight": False})
            raise
        username = (message.get("chat") or {}).get("username")
        if not username and self.chat_id.startswith("@"):
            username = self.chat_id[1:]
        message_id = str(message["message_id"])
        return Published(
            remote_id=message_id, url=f"https://t.me/{username}/{message_id}" if username else ""
        )

    def lookup(self, post: Outgoing, progress: dict) -> Published | None:
        if not progress.get("in_flight"):
            return None  # no request was on its way
        raise Rejected(
            "Telegram cannot look up a channel's messages: check the channel by hand to see "
            "whether this post was published before trying again.",
            ambiguous=True,
        )

    def delete(self, remote_id: str) -> None:
        try:
            self._call("deleteMessage", json={"chat_id": self.chat_id, "message_id": int(remote_id)})
        except Rejected as exc:
            if "not found" not in exc.message.lower():
                raise

    def check(self) -> str:
        bot = self._call("getMe")
        chat = self._call("getChat", json={"chat_id": self.chat_id})
        member = self._call("getChatMember", json={"chat_id": self.chat_id, "user_id": bot["id"]})
        if member.get("status") != "creator" and not (
            member.get("status") == "administrator" and member.get("can_post_messages")
        ):
            raise AuthError(
                f"The bot @{bot['username']} is not an administrator allowed to post in the channel."
            )
        name = "@" + chat["username"] if chat.get("username") else chat.get("title", self.chat_id)
        return f"{name} (@{bot['username']})"
