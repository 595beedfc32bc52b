"""The Telegram Bot API for one bot that administers one channel:
sendMessage, sendPhoto, deleteMessage, getMe, getChat, getChatMember, with
Telegram's ``{ok: false, error_code, description, parameters}`` errors."""

from __future__ import annotations

import itertools
import json
import secrets
import string

from .server import FakeNetwork, Invalid, Request, Response

IMAGE_MAGIC = {"image/png": b"\x89PNG\r\n\x1a\n", "image/jpeg": b"\xff\xd8\xff", "image/webp": b"RIFF"}
LINK_PREVIEW_KEYS = {"is_disabled", "url", "prefer_small_media", "prefer_large_media", "show_above_text"}


def _length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _error(code: int, description: str, **parameters) -> Response:
    body = {"ok": False, "error_code": code, "description": description}
    if parameters:
        body["parameters"] = parameters
    return Response(code, body)


class FakeTelegram(FakeNetwork):
    prefix = "telegram"

    def __init__(self, channel: str = "ajuntament", chat_id: int = -1001234567890):
        super().__init__()
        self.bot_id = 7012345678
        self.token = f"{self.bot_id}:" + "".join(
            secrets.choice(string.ascii_letters + string.digits + "_-") for _index in range(35)
        )
        self.channel = channel  # public username, "" for a private channel
        self.chat_id = chat_id
        self.bot_status = "administrator"  # "member", "left", "kicked"
        self._message_ids = itertools.count(101)

    # -- helpers for tests ----------------------------------------------------
    def revoke_token(self) -> None:
        """/revoke in @BotFather: the old token stops working."""
        self.token = f"{self.bot_id}:" + secrets.token_urlsafe(26)[:35]

    def remove_bot(self) -> None:
        self.bot_status = "left"

    def flood_wait(self, method: str = "sendMessage", *, seconds: int = 17) -> None:
        self.script(
            "POST",
            rf"/bot[^/]+/{method}",
            _error(429, f"Too Many Requests: retry after {seconds}", retry_after=seconds),
        )

    # -- plumbing -------------------------------------------------------------
    def routes(self):
        return [("POST", r"/bot(?P<token>[^/]*)/(?P<method>\w+)", self.dispatch)]

    def dispatch(self, request: Request, token: str, method: str) -> Response:
        if token != self.token:
            return _error(401, "Unauthorized")
        handler = {
            "getMe": self.get_me,
            "getChat": self.get_chat,
            "getChatMember": self.get_chat_member,
            "sendMessage": self.send_message,
            "sendPhoto": self.send_photo,
            "deleteMessage": self.delete_message,
        }.get(method)
        if handler is None:
            raise Invalid(f"unknown Bot API method {method}")
        return handler(self._params(request), request)

    def _params(self, request: Request) -> dict:
        content_type = request.headers.get("content-type", "")
        if not request.body:
            params = {}
        elif content_type.startswith("application/json"):
            params = request.json()
            if not isinstance(params, dict):
                raise Invalid("JSON body must be an object")
        elif content_type.startswith("application/x-www-form-urlencoded"):
            params = request.form()
        elif content_type.startswith("multipart/form-data"):
            params = {}
            for name, (filename, part_type, data) in request.multipart().items():
                params[name] = (filename, part_type, data) if filename else data.decode()
        else:
            raise Invalid(f"unsupported Content-Type {content_type!r}")
        params.update({name: values[-1] for name, values in request.query.items()})
        return params

    def _chat(self) -> dict:
        chat = {"id": self.chat_id, "type": "channel", "title": "Ajuntament d'Hostalric"}
        if self.channel:
            chat["username"] = self.channel
        return chat

    def _check_chat(self, params: dict) -> Response | None:
        chat_id = params.get("chat_id")
        if chat_id is None:
            raise Invalid("chat_id is required")
        if str(chat_id) not in (str(self.chat_id), f"@{self.channel}" if self.channel else None):
            return _error(400, "Bad Request: chat not found")
        if self.bot_status in ("left", "kicked"):
            return _error(403, "Forbidden: bot is not a member of the channel chat")
        if self.bot_status != "administrator":
            return _error(400, "Bad Request: need administrator rights in the channel chat")
        return None

    def _message(self, **content) -> dict:
        message_id = next(self._message_ids)
        message = {"message_id": message_id, "date": 1764000000, "chat": self._chat(), **content}
        self.posts[str(message_id)] = message
        return message

    @staticmethod
    def _link_preview(params: dict) -> None:
        options = params.get("link_preview_options")
        if options is None:
            return
        if isinstance(options, str):
            try:
                options = json.loads(options)
            except ValueError:
                raise Invalid("link_preview_options must be a JSON-serialised object") from None
        if not isinstance(options, dict) or set(options) - LINK_PREVIEW_KEYS:
            raise Invalid(f"bad link_preview_options {options!r}")

    @staticmethod
    def _parse_mode(params: dict) -> None:
        if params.get("parse_mode") not in (None, "HTML", "MarkdownV2", "Markdown"):
            raise Invalid(f"unknown parse_mode {params['parse_mode']!r}")

    # -- methods ----------------------------------------------------------------
    def get_me(self, params: dict, request: Request) -> Response:
        bot = {"id": self.bot_id, "is_bot": True, "first_name": "Ajuntament", "username": "AjuntamentBot"}
        return Response(200, {"ok": True, "result": bot})

    def get_chat(self, params: dict, request: Request) -> Response:
        if problem := self._check_chat(params):
            return problem
        return Response(200, {"ok": True, "result": self._chat()})

    def get_chat_member(self, params: dict, request: Request) -> Response:
        if str(params.get("user_id")) != str(self.bot_id):
            raise Invalid("user_id should be the bot's own id")
        if str(params.get("chat_id")) not in (str(self.chat_id), f"@{self.channel}"):
            return _error(400, "Bad Request: chat not found")
        member = {"user": {"id": self.bot_id, "is_bot": True}, "status": self.bot_status}
        if self.bot_status == "administrator":
            member["can_post_messages"] = True
        return Response(200, {"ok": True, "result": member})

    def send_message(self, params: dict, request: Request) -> Response:
        if problem := self._check_chat(params):
            return problem
        text = params.get("text")
        if not isinstance(text, str):
            raise Invalid("text is required")
        self._parse_mode(params)
        self._link_preview(params)
        if not text.strip():
            return _error(400, "Bad Request: message text is empty")
        if _length(text) > 4096:
            return _error(400, "Bad Request: message is too long")
        message = self._message(text=text, link_preview_options=params.get("link_preview_options"))
        return Response(200, {"ok": True, "result": message})

    def send_photo(self, params: dict, request: Request) -> Response:
        if problem := self._check_chat(params):
            return problem
        photo = params.get("photo")
        if not isinstance(photo, tuple):
            raise Invalid("photo must be uploaded as a multipart file (our adapter never sends URLs)")
        filename, content_type, data = photo
        magic = IMAGE_MAGIC.get(content_type)
        if magic is None or not data.startswith(magic):
            raise Invalid(f"photo is not a {content_type} image")
        if len(data) > 10 * 1024 * 1024:
            return _error(400, "Bad Request: file is too big")
        caption = params.get("caption", "")
        self._parse_mode(params)
        if _length(caption) > 1024:
            return _error(400, "Bad Request: message caption is too long")
        message = self._message(
            caption=caption, photo=[{"file_id": "AgAC" + secrets.token_hex(8), "file_size": len(data)}]
        )
        message["photo_bytes"] = data
        return Response(200, {"ok": True, "result": {k: v for k, v in message.items() if k != "photo_bytes"}})

    def delete_message(self, params: dict, request: Request) -> Response:
        if problem := self._check_chat(params):
            return problem
        message_id = str(params.get("message_id"))
        if self.posts.pop(message_id, None) is None:
            return _error(400, "Bad Request: message to delete not found")
        self.deleted.append(message_id)
        return Response(200, {"ok": True, "result": True})
