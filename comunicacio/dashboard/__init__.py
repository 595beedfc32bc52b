"""The back-office home: a work dashboard per role, and the global admin search.

Panels are declared, like content types: the foundation declares its own
(generic over every registered content type, ``queries``) and apps add theirs
from their ``hooks.py``::

    dashboard.register_panel(Panel(name="news.alerts", title=_("Alertes actives"),
                                   rows=alert_rows, order=40, visible=may_view_news))

``rows(user, now)`` builds the panel's rows in Python (templates never
query), in a number of queries that does not grow with the rows.
Back-office tools (the social dashboard...) are declared with
``register_tool``.
"""

from .panels import (
    Panel,
    Row,
    Tool,
    change_url,
    moment_text,
    panels_for,
    register_panel,
    register_tool,
    relative_time,
    tools_for,
    unregister_panel,
)

__all__ = [
    "Panel",
    "Row",
    "Tool",
    "change_url",
    "moment_text",
    "panels_for",
    "register_panel",
    "register_tool",
    "relative_time",
    "tools_for",
    "unregister_panel",
]
