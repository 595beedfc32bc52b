"""Integration tests of the publishing side effects.

``test_worker.py`` runs a real Celery worker process (prefork pool, embedded
beat) against Redis and PostgreSQL, with a real SMTP conversation through an
aiosmtpd sink (``tests/support/smtp_sink.py``); ``test_effects.py`` covers the same
mechanism in process, on SQLite and PostgreSQL.

The delivery guarantee they check is written down in
``comunicacio/publishing/effects.py``: at least once; a duplicate is possible
only if a worker dies between the SMTP server's acceptance of a message and
the COMMIT that marks the effect done, and that copy carries the same stable
Message-ID (``<effect-<pk>@domain>``) so mail systems can drop it.
"""
