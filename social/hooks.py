"""How social networks plug into the foundation's back-office (imported by
``comunicacio.apps`` at start-up, like every app's hooks.py): a dashboard
panel of posts to check, and the social dashboard among the tools."""

from comunicacio import dashboard

from . import dashboard as social_dashboard

dashboard.register_panel(social_dashboard.PANEL)
dashboard.register_tool(social_dashboard.TOOL)
