"""Development-only code: the demo town of Vilanova del Riu (``load_demo``),
the volume generators of the benchmarks, the local fakes of the social
networks' APIs and ``rundev``. Installed only outside production
(``config/settings.py``); no production module imports it."""
