"""Share links: a time-limited, revocable, read-only preview of one item for
someone without an account (the mayor's office, a councillor's aide).

The address carries a random 128-bit token, signed with the site's key so a
tampered address is refused before any query; the database keeps only the
token's SHA-256, so a leaked backup or log of the table opens nothing. The
address is therefore shown once, when the link is made. A link expires by
its ``expires_at`` (a query, no task) and can be revoked at any time.

``models`` holds the row and how a token is read back, ``actions`` the only
writes (make, revoke), ``views`` the back-office page that lists them and
the anonymous page that shows the item (``comunicacio.preview.render_preview``)."""
