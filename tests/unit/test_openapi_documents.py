"""The OpenAPI documents against the routes the server really has (the protos' HTTP rules):
every REST operation of the five APIs is documented, and every documented one exists."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from google.api import annotations_pb2, http_pb2
from google.protobuf import descriptor_pool

from server.api.openapi import DOCUMENTS
from server.api.services import TRANSCODED_SERVICES

# Operator endpoints, not one of the five documented APIs.
UNDOCUMENTED_SERVICES = {
    "rolecall.status.v1.StatusService",
    "rolecall.status.v1.ApiDocumentService",
}
METHODS = ("get", "put", "post", "delete", "patch")


def _bindings(rule: http_pb2.HttpRule) -> Iterator[tuple[str, str]]:
    for method in METHODS:
        path = getattr(rule, method)
        if path:
            yield method, path
    for extra in rule.additional_bindings:
        yield from _bindings(extra)


def _routes() -> set[tuple[str, str]]:
    """(method, path shape) of every transcoded REST route; variables become `{}`."""
    routes = set()
    pool = descriptor_pool.Default()
    for name in TRANSCODED_SERVICES:
        if name in UNDOCUMENTED_SERVICES:
            continue
        for method in pool.FindServiceByName(name).methods:
            options = method.GetOptions()
            if options.HasExtension(annotations_pb2.http):
                for verb, path in _bindings(options.Extensions[annotations_pb2.http]):
                    routes.add((verb, re.sub(r"\{[^}]*\}", "{}", path)))
    return routes


def _documented() -> set[tuple[str, str]]:
    found = set()
    for document in DOCUMENTS.values():
        for path, item in document.document()["paths"].items():
            for verb in METHODS:
                if verb in item:
                    found.add((verb, re.sub(r"\{[^}]*\}", "{}", path)))
    return found


def test_every_route_is_documented_and_every_documented_operation_is_a_route() -> None:
    routes, documented = _routes(), _documented()
    assert routes - documented == set(), "routes without documentation"
    assert documented - routes == set(), "documented operations the server does not have"


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_document_shape(name: str) -> None:
    document = DOCUMENTS[name].document()
    assert document["openapi"] == "3.1.0"
    operation_ids = []
    for item in document["paths"].values():
        for verb in METHODS:
            if verb not in item:
                continue
            operation = item[verb]
            operation_ids.append(operation["operationId"])
            statuses = set(operation["responses"])
            assert any(s.startswith("2") for s in statuses)
            assert "400" in statuses or "404" in statuses, "every operation documents its errors"
            for status, response in operation["responses"].items():
                if status.startswith(("4", "5")):
                    schema = response["content"]["application/json"]["schema"]
                    assert schema["$ref"].startswith("#/components/schemas/")
    assert len(operation_ids) == len(set(operation_ids)), "operationIds are unique"
    # Every $ref names a schema the document has.
    text = DOCUMENTS[name].json_text()
    for ref in re.findall(r'"\$ref": "#/components/schemas/([^"]+)"', text):
        assert ref in document["components"]["schemas"]
