"""Building blocks shared by the OpenAPI documents: schemas, parameters and error responses.

The documents are Python data rather than hand-kept JSON files so that limits (identifier
length, page sizes, timeouts) come from the modules that enforce them and cannot drift.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

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


def schema_of(schema: Schema | str) -> Schema:
    """A schema, or a component's name as a reference to it."""
    return ref(schema) if isinstance(schema, str) else schema


def props(**names_by_type: str) -> dict[str, Schema]:
    """Properties of plain JSON types, names space-separated: `props(string="a b", integer="c")`."""
    return {name: {"type": kind} for kind, names in names_by_type.items() for name in names.split()}


def obj(properties: dict[str, Schema], required: str = "", description: str = "") -> Schema:
    """An answer's object schema; `required` names its required properties, space-separated."""
    schema: Schema = {"type": "object", "properties": properties}
    if required:
        schema["required"] = required.split()
    if description:
        schema["description"] = description
    return schema


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


def query_param(name: str, schema: Schema, description: str = "") -> dict[str, Any]:
    param: dict[str, Any] = {"name": name, "in": "query", "required": False, "schema": schema}
    if description:
        param["description"] = description
    return param


def links(parameters: dict[str, str], **operation_ids: str) -> dict[str, Any]:
    """Links named by keyword to the operations given, all with the same `parameters`."""
    return {
        name: {"operationId": operation_id, "parameters": parameters}
        for name, operation_id in operation_ids.items()
    }


def json_body(schema: Schema | str, description: str, *, required: bool = True) -> dict[str, Any]:
    """A JSON request body; `required=False` where every field is optional, so no body is
    the same as `{}`."""
    content = {JSON: {"schema": schema_of(schema)}}
    return {"description": description, "required": required, "content": content}


def json_response(description: str, schema: Schema, links: dict[str, Any] | None = None) -> Schema:
    response: Schema = {"description": description, "content": {JSON: {"schema": schema}}}
    if links:
        response["links"] = links
    return response


def answer(
    status: int,
    description: str,
    schema: Schema | str | None = None,
    links: dict[str, Any] | None = None,
) -> dict[str, Schema]:
    """A success response: a JSON `schema` (or a component's name), or no body at all."""
    if schema is None:
        return {str(status): {"description": description}}
    return {str(status): json_response(description, schema_of(schema), links)}


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


@dataclass(frozen=True)
class Operations:
    """How one API writes down its operations: one tag, one error body, and the errors that
    follow from the operation's form: every one answers 400, one with a body 413 (too large),
    and a secured one what its credentials add (`auth_errors`)."""

    tag: str
    errors: ErrorResponses
    auth_errors: tuple[int, ...] = ()
    # Per-operation security; None where the document's own applies.
    security: list[dict[str, list[str]]] | None = None

    def __call__(
        self,
        operation_id: str,
        summary: str,
        parameters: list[dict[str, Any]],
        answers: dict[str, Schema],
        *errors: int,
        body: dict[str, Any] | None = None,
        secured: bool = True,
        **descriptions: str,
    ) -> dict[str, Any]:
        """The operation; `errors` are those beyond the form's, `descriptions` override the
        generic error texts by key `s404` and so on."""
        statuses = sorted(
            {400, *errors, *(self.auth_errors if secured else ()), *((413,) if body else ())}
        )
        op: dict[str, Any] = {
            "operationId": operation_id,
            "summary": summary,
            "tags": [self.tag],
            "parameters": parameters,
            "responses": {**answers, **self.errors(*statuses, **descriptions)},
        }
        if body is not None:
            op["requestBody"] = body
        if secured and self.security is not None:
            op["security"] = self.security
        return op


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
TOKEN_SECURITY: list[dict[str, list[str]]] = [{TOKEN_SCHEME: []}]
# Every operation of a token-protected API answers 401 (no valid token) and 403 (the token
# does not allow it), as the auth interceptor does.
TOKEN_ERRORS = (401, 403)


class Info(NamedTuple):
    """A document's OpenAPI info object."""

    title: str
    version: str
    description: str


@dataclass(frozen=True)
class Api:
    """One API's OpenAPI document as data: its tags are its operations'; by default they need
    a rolecall token."""

    info: Info
    paths: Callable[[], dict[str, Any]]
    schemas: dict[str, Schema]
    operations: tuple[Operations, ...]
    security_schemes: dict[str, Any] = field(default_factory=lambda: TOKEN_SECURITY_SCHEMES)
    security: list[dict[str, list[str]]] | None = field(default_factory=lambda: TOKEN_SECURITY)

    def document(self) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "openapi": OPENAPI_VERSION,
            "info": self.info._asdict(),
            "servers": [{"url": "/", "description": "the rolecall REST listener (Envoy)"}],
            "tags": [{"name": op.tag} for op in self.operations],
            "paths": self.paths(),
            "components": {"schemas": self.schemas, "securitySchemes": self.security_schemes},
        }
        if self.security is not None:
            doc["security"] = self.security
        return doc
