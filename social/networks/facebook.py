"""A Facebook Page through the Graph API.

Text: ``POST /{page-id}/feed`` (message and link; Facebook draws the link's
card). With an image: ``POST /{page-id}/photos`` with the file uploaded as
``source`` (so Facebook need not fetch it from our site), the text as
``caption`` and the alt text as ``alt_text_custom``. The Page access token
travels in the ``Authorization`` header, never in a URL. Errors come as
``{"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}``
and are told apart by ``code``, not by HTTP status.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ._graph import RATE_LIMIT_CODES, graph_error, usage_wait
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
    retry_after_from,
)

PAGE_ID_RE = re.compile(r"^\d{5,20}$")
TOKEN_RE = re.compile(r"^EA[A-Za-z0-9]{30,}$")
DUPLICATE_POST = 506


@register
class FacebookAdapter(Adapter):
    name = "facebook"
    label = "Facebook"
    default_api_base = "https://graph.facebook.com/v21.0"
    credential_fields = (
        CredentialField(
            "page_id",
            _("Identificador de la pàgina"),
            secret=False,
            help_text=_("El número que trobeu a Informació de la pàgina > Transparència."),
        ),
        CredentialField(
            "page_access_token",
            _("Testimoni d'accés de la pàgina"),
            help_text=_(
                "Un testimoni de pàgina de llarga durada (comença per EAA), amb els permisos "
                "pages_manage_posts i pages_read_engagement."
            ),
        ),
    )
    max_length = 63206
    image_max_bytes = 4 * 1024 * 1024
    guarantee = (
        "Facebook has no idempotency key. A crash before the request is sent changes nothing; a "
        "lost answer, a timeout or a Graph API 'unknown error' after it is sent is followed by a "
        "lookup among the Page's latest 25 posts for the post's marker (carried by the link in "
        "the text), so the post is retried only when it is certainly not there. A post that "
        "Facebook refuses as a duplicate is looked up the same way. If its permalink cannot be "
        "fetched after publishing, a plain facebook.com URL is used instead of failing. A post "
        "whose text was edited to drop the link cannot be found by lookup and could be "
        "published twice after a lost answer."
    )

    @classmethod
    def validate_credentials(cls, credentials: dict[str, str]) -> dict[str, str]:
        errors = {}
        page_id = (credentials.get("page_id") or "").strip()
        token = (credentials.get("page_access_token") or "").strip()
        if not page_id:
            errors["page_id"] = _("Cal l'identificador de la pàgina.")
        elif not PAGE_ID_RE.fullmatch(page_id):
            errors["page_id"] = _("L'identificador de la pàgina és un número, no el nom ni l'adreça.")
        if not token:
            errors["page_access_token"] = _("Cal el testimoni d'accés de la pàgina.")
        elif not TOKEN_RE.fullmatch(token):
            errors["page_access_token"] = _(
                "Aquest testimoni no té la forma dels de Facebook (comencen per EAA i només tenen "
                "lletres i xifres): copieu-lo sencer."
            )
        if errors:
            raise ValidationError(errors)
        return {**credentials, "page_id": page_id, "page_access_token": token}

    # -- HTTP -----------------------------------------------------------------
    @property
    def page_id(self) -> str:
        return self.config.credentials["page_id"]

    def _graph(self, method: str, path: str, **kwargs):
        headers = {"Authorization": f"Bearer {self.config.credentials['page_access_token']}"}
        return self.request(method, path, headers=headers, **kwargs).json()

    def classify(self, response) -> NetworkError:
        error = graph_error(response)
        if not error:
            return super().classify(response)
        status = response.status_code
        code = error.get("code")
        subcode = error.get("error_subcode")
        message = f"{error.get('message', '')} (code {code}" + (f", subcode {subcode})" if subcode else ")")
        if code in RATE_LIMIT_CODES or status == 429:
            wait = usage_wait(response) or retry_after_from(response)
            found = RateLimited(message, status=status, retry_after=wait)
        elif code == 190 or code == 10 or (isinstance(code, int) and 200 <= code <= 299):
            found = AuthError(message, status=status)
        elif code in (1, 2) or status >= 500:
            found = Unavailable(message, status=status, ambiguous=True)
        else:  # 100 invalid parameter, 368 blocked content, 506 duplicate...
            found = Rejected(message, status=status)
        found.graph_code = code
        found.graph_subcode = subcode
        return found

    # -- the contract ---------------------------------------------------------
    def publish(self, post: Outgoing, checkpoint: Callable[[dict], None], progress: dict) -> Published:
        try:
            if post.image:
                image = post.image
                extension = image.content_type.rsplit("/", 1)[-1].replace("jpeg", "jpg")
                data = self._graph(
                    "POST",
                    f"/{self.page_id}/photos",
                    data={"caption": post.text, "published": "true", "alt_text_custom": image.alt},
                    files={"source": (f"image.{extension}", image.data, image.content_type)},
                )
                post_id = data.get("post_id") or f"{self.page_id}_{data['id']}"
            else:
                fields = {"message": post.text}
                if post.link:
                    fields["link"] = post.link
                post_id = self._graph("POST", f"/{self.page_id}/feed", data=fields)["id"]
        except Rejected as exc:
            if getattr(exc, "graph_code", None) == DUPLICATE_POST:
                found = self.lookup(post, progress)
                if found is not None:
                    return found
            raise
        return Published(remote_id=post_id, url=self._permalink(post_id))

    def _permalink(self, post_id: str) -> str:
        try:
            data = self._graph("GET", f"/{post_id}", params={"fields": "permalink_url"})
        except NetworkError:
            # The post exists: never fail (and so retry) because of its URL.
            return f"https://www.facebook.com/{post_id}"
        return data.get("permalink_url") or f"https://www.facebook.com/{post_id}"

    def lookup(self, post: Outgoing, progress: dict) -> Published | None:
        data = self._graph(
            "GET",
            f"/{self.page_id}/feed",
            params={"fields": "id,message,permalink_url,created_time", "limit": 25},
        )
        for item in data.get("data", []):
            if post.marker in (item.get("message") or ""):
                return Published(
                    remote_id=item["id"],
                    url=item.get("permalink_url") or f"https://www.facebook.com/{item['id']}",
                )
        return None

    def delete(self, remote_id: str) -> None:
        try:
            self._graph("DELETE", f"/{remote_id}")
        except Rejected as exc:
            # 100/33: the object does not exist (already deleted).
            if not (getattr(exc, "graph_code", None) == 100 and getattr(exc, "graph_subcode", None) == 33):
                raise

    def check(self) -> str:
        me = self._graph("GET", "/me", params={"fields": "id,name"})
        if str(me.get("id")) != self.page_id:
            raise AuthError("The token is not a Page access token for this page.")
        return me.get("name") or self.page_id
