"""The widgets API: a small microversioned service of another type, built on apiframe.

It declares its own API definition (service type ``widgets``, versions 1.0 to 1.3 under
``/v1``, errors in the API working group's ``{"errors": [...]}`` format) and, in its own
entry point group, two plugins: widgets, which keeps no data, and the ledger, which keeps
a table of its own.
"""
