"""The same harness from unittest: APITestCase builds a fresh application per test."""

from apiframe.testing import APITestCase


class NotesTest(APITestCase):
    plugins = ("notes",)
    microversion = "2.3"

    def test_create_and_delete(self):
        note = self.api.post("/notes", {"note": {"title": "t", "tags": ["a"]}}, status=201).json["note"]
        self.assertEqual(note["tags"], ["a"])
        self.assertFault(self.client("reader").delete(f"/notes/{note['id']}", status=403), 403, "forbidden")
        self.api.delete(f"/notes/{note['id']}", status=204)
