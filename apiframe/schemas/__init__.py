"""JSON-Schemas of the reference compute API, one module per resource.

Each module holds plain-dict schemas as module constants named by operation and by the
microversion that introduced them (``create``, ``create_v219``, ...): a version's schema
is the previous one deep-copied with one change. Request schemas (``create``,
``update``, actions), query schemas (``*_query``) and response schemas (``*_response``)
sit side by side; the controllers pick them per version range.
"""
