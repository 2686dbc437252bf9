"""An example apiframe plugin: per-project notes, kept in the API's database."""
