"""Test machinery that is not a test: an SMTP sink, worker and embedded-site
processes, browser checks, page readers. Test modules import these (and
``tests.factories``), never one another (``tests/test_layout.py``)."""
