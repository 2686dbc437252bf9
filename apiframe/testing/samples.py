"""API samples: request and response templates per microversion, which double as docs.

Templates live in ``<directory>/v<version>/<name>.json.tpl`` (see
:mod:`apiframe.testing.matching` for their syntax). A template is looked up at the
request's microversion and, failing that, at the nearest lower version that has one, so
a sample is written once and again only where a microversion changes it.

Every checked template has a rendered twin under ``docs`` (``<docs>/v<version>/<name>.json``),
the example a reader of the API reference sees; a test fails when that twin is missing
or no longer matches its template. Run the tests with ``APIFRAME_GENERATE_SAMPLES=1`` to
write missing or changed response templates (at the request's exact microversion) and
their docs instead of failing.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import webtest

from apiframe.api_version import APIVersion
from apiframe.exception import InvalidAPIVersionString
from apiframe.testing import matching
from apiframe.testing.client import STANDARD_HEADER, Client

GENERATE_ENV = "APIFRAME_GENERATE_SAMPLES"
#: The host shown in documentation samples instead of the test's own.
DOC_HOST = "http://openstack.example.com"


class SampleMismatch(AssertionError):
    """A response, or a documentation sample, does not match its template."""


class Samples:
    """The sample templates of one API area (e.g. ``samples/notes``) and their docs.

    ``subs`` are placeholder values every template of this area may use; ``generate``
    overrides ``$APIFRAME_GENERATE_SAMPLES``.
    """

    def __init__(self, directory: str | os.PathLike[str], docs: str | os.PathLike[str] | None = None, *,
                 subs: Mapping[str, Any] | None = None, generate: bool | None = None,
                 base_version: str = "2.1") -> None:
        self.directory = Path(directory)
        self.docs = Path(docs) if docs is not None else None
        self.subs = dict(subs or {})
        self.generate = os.environ.get(GENERATE_ENV, "") not in ("", "0") if generate is None else generate
        self.base_version = base_version

    def template_path(self, name: str, version: str) -> Path:
        """Where the template ``name`` of exactly ``version`` lives (whether or not it exists)."""
        return self.directory / f"v{version}" / f"{name}.json.tpl"

    def find(self, name: str, version: str) -> Path | None:
        """The template used at ``version``: its own, or the nearest lower version's."""
        wanted = APIVersion.parse(version)
        candidates = []
        for folder in self.directory.glob("v*"):
            try:
                folder_version = APIVersion.parse(folder.name[1:])
            except InvalidAPIVersionString:
                continue
            if folder_version <= wanted and (folder / f"{name}.json.tpl").is_file():
                candidates.append((folder_version, folder / f"{name}.json.tpl"))
        return max(candidates)[1] if candidates else None

    def doc_path(self, template: Path) -> Path | None:
        """The documentation sample rendered from ``template``."""
        if self.docs is None:
            return None
        relative = template.relative_to(self.directory)
        return self.docs / relative.parent / relative.name.removesuffix(".tpl")

    def request(self, name: str, subs: Mapping[str, Any] | None = None, *, version: str) -> Any:
        """The body of request template ``name`` at ``version``, placeholders filled from ``subs``."""
        path = self.find(name, version)
        if path is None:
            raise FileNotFoundError(f"no request template {name!r} at or below {version}: write "
                                    f"{self.template_path(name, version)}")
        template = _read(path)
        body = matching.render(template, {**self.subs, **(subs or {})})
        self._check_doc(path, template, body)
        return body

    def verify(self, name: str, resp: webtest.TestResponse, subs: Mapping[str, Any] | None = None, *,
               version: str | None = None, endpoints: Mapping[str, str] | None = None) -> Any:
        """Check ``resp``'s JSON body against response template ``name``; return the body.

        ``version`` defaults to the one the response reports; ``endpoints`` are the URLs
        the app answered with (``Client.sample_endpoints``), used when writing templates.
        """
        version = version or _response_version(resp)
        values = {**self.subs, **(subs or {})}
        body = resp.json
        path = self.find(name, version)
        difference = (f"no template {name!r} at or below {version}" if path is None
                      else matching.compare(_read(path), body, matching.resolver(values)))
        if difference is None:
            self._check_doc(path, _read(path), _doc_body(body, endpoints))
            return body
        if not self.generate:
            where = path or self.template_path(name, version)
            raise SampleMismatch(f"{where}: {difference}\n(run with {GENERATE_ENV}=1 to rewrite it)")
        path = self.template_path(name, version)
        template = matching.generalize(body, values, dict(endpoints or {}))
        difference = matching.compare(template, body, matching.resolver(values))
        if difference is not None:
            raise SampleMismatch(f"cannot write {path}: the generated template does not match ({difference})")
        _write(path, template)
        self._check_doc(path, template, _doc_body(body, endpoints))
        return body

    def call(self, client: Client, method: str, url: str, request: str | None = None,
             response: str | None = None, subs: Mapping[str, Any] | None = None, *,
             status: int | None = None) -> webtest.TestResponse:
        """Send request sample ``request`` with ``client`` and check the answer against ``response``."""
        version = client.version or self.base_version
        if version == "latest":
            raise ValueError("sample tests need a numbered microversion, not 'latest'")
        body = None if request is None else self.request(request, subs, version=version)
        resp = client.request(method, url, body, status=status)
        if response is not None:
            self.verify(response, resp, subs, version=version, endpoints=client.sample_endpoints)
        return resp

    def _check_doc(self, template_path: Path, template: Any, rendered: Any) -> None:
        """Check the doc twin of a template; values the test substitutes may differ there."""
        doc = self.doc_path(template_path)
        if doc is None:
            return
        difference = ("missing" if not doc.is_file()
                      else matching.compare(template, _read(doc), matching.resolver(None, lenient=True)))
        if difference is None:
            return
        if not self.generate:
            raise SampleMismatch(f"documentation sample {doc}: {difference}\n"
                                 f"(run with {GENERATE_ENV}=1 to rewrite it from {template_path})")
        _write(doc, rendered)


def _response_version(resp: webtest.TestResponse) -> str:
    header = resp.headers.get(STANDARD_HEADER)
    if not header:
        raise ValueError(f"the response has no {STANDARD_HEADER} header; pass version=")
    return header.split()[-1]


def _doc_body(body: Any, endpoints: Mapping[str, str] | None) -> Any:
    """The body as documentation shows it: the test's host replaced by :data:`DOC_HOST`."""
    host = (endpoints or {}).get("host")
    if not host:
        return body
    return json.loads(json.dumps(body).replace(json.dumps(host)[1:-1], DOC_HOST))


def _read(path: Path) -> Any:
    with path.open(encoding="utf-8") as sample:
        try:
            return json.load(sample)
        except json.JSONDecodeError as error:
            raise ValueError(f"{path}: not JSON ({error})") from None


def _write(path: Path, value: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, indent=4, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
