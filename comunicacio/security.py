"""Security headers Django's SecurityMiddleware does not set."""

import base64
import hashlib
import re

PUBLIC_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# The admin and the bundled editor set inline styles.
ADMIN_CSP = PUBLIC_CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
# The admin's rich-text editor loads its modules through an inline
# <script type="importmap"> (django-js-asset). An import map only maps module
# names to URLs; it is allowed by its exact hash rather than 'unsafe-inline'.
IMPORTMAP_RE = re.compile(rb'<script type="importmap"[^>]*>(.*?)</script>', re.DOTALL)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), interest-cohort=()"


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        admin = request.path.startswith(("/admin/", "/preview/"))
        response.headers.setdefault("Content-Security-Policy", admin_csp(response) if admin else PUBLIC_CSP)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if admin:
            response.headers.setdefault("X-Robots-Tag", "noindex, nofollow")
        return response


def admin_csp(response) -> str:
    if response.streaming or "html" not in response.get("Content-Type", ""):
        return ADMIN_CSP
    hashes = [
        f"'sha256-{base64.b64encode(hashlib.sha256(body).digest()).decode()}'"
        for body in IMPORTMAP_RE.findall(response.content)
    ]
    if not hashes:
        return ADMIN_CSP
    return ADMIN_CSP.replace("script-src 'self'", "script-src 'self' " + " ".join(hashes), 1)
