"""The institutional agenda's models moved to the ``institutional`` app.

State only: their tables stay where they are (the models keep the names with
``db_table``) and institutional's 0001 takes them over in its state.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("agenda", "0014_event_search_vector"),
        ("institutional", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                # Guests point at entries, which point at holders.
                migrations.DeleteModel(name="Guest"),
                migrations.DeleteModel(name="InstitutionalEntry"),
                migrations.DeleteModel(name="Holder"),
            ],
        ),
    ]
