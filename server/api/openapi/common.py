"""Building blocks shared by the OpenAPI documents: schemas, parameters and error responses.

The documents are Python data rather than hand-kept JSON files so that limits (identifier
length, page sizes, timeouts) come from the modules that enforce them and cannot drift.
"""

from __future__ import annotations

from typing import Any

from server.domain.limits import MAX_ID_LENGTH

Schema = dict[str, Any]
OPENAPI_VERSION = "3.1.0"
JSON = "application/json"

# What check_id() accepts: 1..256 characters, no '/' and no control character. The documents
# also leave out '%', which the server takes: schemathesis's stateful phase feeds identifiers it
# saw percent-encoded in a path back as raw body values, and '%' in an identifier that travels
# in URL paths invites the same mistake in clients.
ID_SCHEMA: Schema = {
    "type": "string",
    "minLength": 1,
    "maxLength": MAX_ID_LENGTH,
    "pattern": "^[^/%\\x00-\\x1f\\x7f]+$",
}
# An identifier inside a request body: proto3 cannot tell "" from left out, so "" is the field
# left out (an error where the identifier is required, the path's where it is optional).
BODY_ID_SCHEMA: Schema = {**ID_SCHEMA, "minLength": 0, "pattern": "^[^/%\\x00-\\x1f\\x7f]*$"}
DATE_TIME: Schema = {"type": "string", "format": "date-time"}
# int64/uint64 fields print as JSON strings (proto3 JSON mapping).
UINT64_STRING: Schema = {"type": "string", "pattern": "^[0-9]+$"}


def ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema: Schema) -> Schema:
    """The schema, or JSON null (OpenAPI 3.1 spells `nullable` as a type list)."""
    if "$ref" in schema:
        return {"anyOf": [schema, {"type": "null"}]}
    return {**schema, "type": [schema["type"], "null"]}


def request_object(properties: dict[str, Schema], description: str = "", **extra: Any) -> Schema:
    """A request body object: unknown fields are refused (400 UNKNOWN_FIELD), and any field may
    be JSON null, which protobuf's JSON mapping reads as the field left out."""
    schema: Schema = {
        "type": "object",
        "properties": {name: _or_null(value) for name, value in properties.items()},
        "additionalProperties": False,
        **extra,
    }
    if description:
        schema["description"] = description
    return schema


def _or_null(schema: Schema) -> Schema:
    types = schema.get("type")
    if isinstance(types, list):
        return schema if "null" in types else {**schema, "type": [*types, "null"]}
    if isinstance(types, str):
        return nullable(schema)
    return {"anyOf": [schema, {"type": "null"}]}


def path_param(
    name: str, description: str, schema: Schema | None = None, example: str | None = None
) -> dict[str, Any]:
    param: dict[str, Any] = {
        "name": name,
        "in": "path",
        "required": True,
        "description": description,
        "schema": schema or ID_SCHEMA,
    }
    if example is not None:
        param["example"] = example
    return param


def operation(
    operation_id: str,
    summary: str,
    tag: str,
    parameters: list[dict[str, Any]],
    responses: dict[str, Any],
    body: dict[str, Any] | None = None,
    *,
    security: list[dict[str, list[str]]] | None = None,
) -> dict[str, Any]:
    op: dict[str, Any] = {
        "operationId": operation_id,
        "summary": summary,
        "tags": [tag],
        "parameters": parameters,
        "responses": responses,
    }
    if body is not None:
        op["requestBody"] = body
    if security is not None:
        op["security"] = security
    return op


def json_body(schema: Schema, description: str, *, required: bool = True) -> dict[str, Any]:
    """A JSON request body; `required=False` where every field is optional, so no body is
    the same as `{}`."""
    return {"description": description, "required": required, "content": {JSON: {"schema": schema}}}


def json_response(description: str, schema: Schema, links: dict[str, Any] | None = None) -> Schema:
    response: Schema = {"description": description, "content": {JSON: {"schema": schema}}}
    if links:
        response["links"] = links
    return response


def empty_response(description: str) -> Schema:
    return {"description": description}


class ErrorResponses:
    """The error responses of one API, all with that API's documented error body."""

    def __init__(self, schema_name: str) -> None:
        self._schema = ref(schema_name)

    def __call__(self, *statuses: int, **descriptions: str) -> dict[str, Schema]:
        """Responses for `statuses`; `descriptions` overrides by key `s404` and so on."""
        out: dict[str, Schema] = {}
        for status in statuses:
            text = descriptions.get(f"s{status}", GENERIC_ERRORS[status])
            out[str(status)] = json_response(text, self._schema)
        return out


GENERIC_ERRORS = {
    400: "The request is not valid: a malformed identifier, body or parameter, or an unknown "
    "body field (names are case-sensitive). The body says which.",
    401: "No valid credentials were given: no token, or a forged, expired or revoked one.",
    403: "The credentials do not allow this call (scope, tenant or namespace).",
    404: "No such object, or no operation matches the method and path.",
    409: "The request conflicts with the object's state.",
    413: "The request body is larger than 1 MiB.",
    429: "Too many logins from this client address (a burst, then a few per second).",
    503: "The rolecall server behind the gateway is not reachable; retry later.",
}


# rolecall's own tokens (`rolecall tokens create`): the failover, live session and Freezer APIs.
TOKEN_SCHEME = "bearerAuth"
TOKEN_SECURITY_SCHEMES: dict[str, Any] = {
    TOKEN_SCHEME: {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
        "description": "A rolecall token (`rolecall tokens create`); its scopes and tenant "
        "decide what it may call (403 otherwise).",
    }
}


def with_token_auth(paths: dict[str, Any], errors: ErrorResponses) -> dict[str, Any]:
    """`paths` with every operation answering 401 (no valid token) and 403 (the token does
    not allow it), as the auth interceptor does."""
    for item in paths.values():
        for op in item.values():
            for status, response in errors(401, 403).items():
                op["responses"].setdefault(status, response)
    return paths


TOKEN_SECURITY: list[dict[str, list[str]]] = [{TOKEN_SCHEME: []}]


def document(
    *,
    title: str,
    version: str,
    description: str,
    paths: dict[str, Any],
    schemas: dict[str, Schema],
    tags: list[dict[str, str]],
    security_schemes: dict[str, Any] | None = None,
    security: list[dict[str, list[str]]] | None = None,
) -> dict[str, Any]:
    components: dict[str, Any] = {"schemas": schemas}
    if security_schemes:
        components["securitySchemes"] = security_schemes
    doc: dict[str, Any] = {
        "openapi": OPENAPI_VERSION,
        "info": {"title": title, "version": version, "description": description},
        "servers": [{"url": "/", "description": "the rolecall REST listener (Envoy)"}],
        "tags": tags,
        "paths": paths,
        "components": components,
    }
    if security is not None:
        doc["security"] = security
    return doc
