"""Side-by-side benchmarks: what apiframe costs per request against the same API by hand.

Run ``python -m benchmarks all`` (or ``inproc``, ``http``, ``scaling``; ``--smoke`` for a
few-second check that everything still works). See ``docs/performance.md``.
"""
