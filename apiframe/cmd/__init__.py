"""Console scripts: ``apiframe-api`` (serve, routes, check) and ``apiframe-manage`` (db)."""
