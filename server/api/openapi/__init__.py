"""The OpenAPI 3.1 documents of rolecall's five REST APIs, served at `/openapi/{name}`.

Each document is built once from Python data (see common.py for why not JSON files) and kept
as JSON text.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from server.api.openapi.failover import V1, V1_PREVIEW
from server.api.openapi.freezer import FREEZER
from server.api.openapi.live import LIVE
from server.api.openapi.ttl import TTL

PATH_PREFIX = "/openapi/"


@dataclass(frozen=True)
class ApiDocument:
    name: str
    build: Callable[[], dict[str, Any]]

    @property
    def path(self) -> str:
        return PATH_PREFIX + self.name

    @property
    def title(self) -> str:
        return str(self.document()["info"]["title"])

    def document(self) -> dict[str, Any]:
        return _built(self.name)

    def json_text(self) -> str:
        return _json_text(self.name)


DOCUMENTS: dict[str, ApiDocument] = {
    d.name: d
    for d in (
        ApiDocument("failover-v1.json", V1.document),
        ApiDocument("failover-v1-preview.json", V1_PREVIEW.document),
        ApiDocument("live-sessions.json", LIVE.document),
        ApiDocument("ttl-sessions.json", TTL.document),
        ApiDocument("freezer-v2.json", FREEZER.document),
    )
}


@functools.cache
def _built(name: str) -> dict[str, Any]:
    return DOCUMENTS[name].build()


@functools.cache
def _json_text(name: str) -> str:
    return json.dumps(_built(name), indent=2) + "\n"
