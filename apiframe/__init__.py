"""apiframe: versioned, Nova-style REST APIs built from plugins."""

import contextlib
import warnings

# WebOb 1.8 imports the standard library's deprecated ``cgi`` module. Importing ``cgi`` here,
# before any part of apiframe (or its test harness) does, with that one warning silenced keeps
# it out of every service log and every plugin author's test run: the module warns only when
# first imported. PERF: ``cgi`` alone, not WebOb, so that apiframe.client (which never uses
# WebOb) does not pay for importing it. Python 3.13 has no ``cgi`` (WebOb then needs
# legacy-cgi, which does not warn).
with warnings.catch_warnings(), contextlib.suppress(ImportError):
    warnings.filterwarnings("ignore", "'cgi' is deprecated", DeprecationWarning)
    import cgi  # noqa: F401
