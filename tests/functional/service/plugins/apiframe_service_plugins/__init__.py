"""Plugins for the tests that run apiframe as a service."""
