"""How the social channel plugs into the foundation beyond its AppConfig."""

from comunicacio import admin_messages

# The grammatical gender of each model, for the back-office's messages.
admin_messages.declare("social.socialaccount", admin_messages.MASCULINE)
admin_messages.declare("social.socialpost", admin_messages.FEMININE)
