"""apiframe: versioned, Nova-style REST APIs built from plugins."""

import warnings

# WebOb 1.8 imports the standard library's deprecated ``cgi`` module. Importing WebOb here,
# before any part of apiframe (or its test harness) does, with that one warning silenced keeps
# it out of every service log and every plugin author's test run.
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", "'cgi' is deprecated", DeprecationWarning)
    import webob  # noqa: F401
