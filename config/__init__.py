"""The composition root: settings, URLs, WSGI and the Celery app. The only
package that knows every app; the foundation (``comunicacio``) and the
domain apps never import it."""

from .celery import app as celery_app

__all__ = ["celery_app"]
