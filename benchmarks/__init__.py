"""`make bench`: load the public pages of a seeded site served by gunicorn and
compare them with two floor views served by the same stack in the same run.
See ``benchmarks/run.py``."""
