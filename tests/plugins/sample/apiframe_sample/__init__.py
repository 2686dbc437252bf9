"""Sample plugins used by apiframe's functional tests."""
