"""Demo content for the fictional town of Vilanova del Riu, loaded by
``manage.py load_demo`` (``make run`` runs it on every start)."""
