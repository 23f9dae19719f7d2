"""REST request bodies: the raw JSON Envoy hands over, parsed strictly into the typed request.

Every request message that takes a REST body has a `google.api.HttpBody http_body` field whose
option `(rolecall.rest.v1.json_body_into)` names the typed field the JSON belongs in ("*": the
request itself). The HTTP rule binds the body to `http_body`, so Envoy's transcoder passes the
bytes through untouched; `google.protobuf.json_format` then parses them here, refusing unknown
fields, duplicate keys and deep nesting — things the transcoder would drop or choke on. Native
gRPC callers leave `http_body` empty and set the typed field themselves.
"""

from __future__ import annotations

import asyncio
import json
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from google.api import annotations_pb2
from google.protobuf import json_format
from google.protobuf.descriptor import Descriptor, FieldDescriptor, MethodDescriptor
from google.protobuf.message import Message
from rolecall.rest.v1 import rest_pb2

from server.domain.errors import InvalidArgument

HTTP_BODY = "google.api.HttpBody"
WHOLE_REQUEST = "*"

# JSON nested deeper than this is refused (400 JSON_TOO_DEEP). Each JSON level of free-form data
# (google.protobuf.Value / Struct / ListValue) is two message levels, and protobuf's decoders stop
# at 100 message levels, so deeper data could be stored but not read back or forwarded.
MAX_JSON_NESTING = 32

# The generated stub types the extension loosely; it is a string option.
_JSON_BODY_INTO: Any = rest_pb2.json_body_into
# json_format is pure Python: ~80 us for a heartbeat, but ~1 s for a 1 MiB array. Bodies over
# this size are parsed by a small pool of threads, so the event loop keeps its turns (the GIL
# switches every few ms) instead of stalling every stream for the whole parse.
INLINE_BODY_BYTES = 16 * 1024
_PARSERS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="json-body")
_PATH_VARIABLE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)")
_UNKNOWN_FIELD = re.compile(r'has no field named "([^"]*)" at "([^"]*)"')


@dataclass(frozen=True)
class JsonBody:
    """Where a method's REST body arrives and where it belongs."""

    field: str  # the HttpBody field
    into: str  # the typed field, or WHOLE_REQUEST
    path_fields: tuple[str, ...]  # request fields bound to the URL path (kept when into is "*")
    # False for well-known types with a JSON form of their own (Value, ListValue, Timestamp...).
    object_only: bool = True


def _path_fields(method: MethodDescriptor) -> tuple[str, ...]:
    options = method.GetOptions()
    if not options.HasExtension(annotations_pb2.http):
        return ()
    rule = options.Extensions[annotations_pb2.http]
    names: set[str] = set()
    for binding in (rule, *rule.additional_bindings):
        kind = binding.WhichOneof("pattern")
        path = binding.custom.path if kind == "custom" else getattr(binding, kind or "get")
        names.update(_PATH_VARIABLE.findall(path))
    return tuple(sorted(names))


def json_body_of(method: MethodDescriptor) -> JsonBody | None:
    """The method's REST body binding, or None if it takes no REST body."""
    for field in method.input_type.fields:
        if field.message_type is None or field.message_type.full_name != HTTP_BODY:
            continue
        into: str = field.GetOptions().Extensions[_JSON_BODY_INTO]
        target = method.input_type.fields_by_name.get(into)
        typed = method.input_type if into == WHOLE_REQUEST else target and target.message_type
        if typed is None:
            raise ValueError(f"{method.full_name}: json_body_into names no message field: {into}")
        object_only = not typed.full_name.startswith("google.protobuf.")
        return JsonBody(field.name, into, _path_fields(method), object_only)
    return None


def _parse(text: str, message: Message) -> None:
    # json_format counts message levels; free-form JSON takes two per JSON level.
    try:
        json_format.Parse(text, message, max_recursion_depth=2 * MAX_JSON_NESTING)
    except json_format.ParseError as exc:
        raise _body_error(str(exc)) from None
    descriptor: Descriptor = message.DESCRIPTOR  # type: ignore[assignment]
    wrong = _loose_number(json.loads(text), descriptor, "")
    if wrong is not None:
        raise _body_error(f"{wrong} must be a JSON number (an integer or a name for an enum)")


# json_format reads `true`/`false` as 1/0 and numeric strings ("12", "NaN") as numbers where a
# number or enum field is (proto3's JSON mapping allows strings). The documented contracts
# (.NET, falcon) want JSON numbers: refuse both, except the string form of 64-bit integers and
# enum names, which are canonical proto3 JSON.
_NUMBER_TYPES = frozenset(
    (
        FieldDescriptor.TYPE_DOUBLE,
        FieldDescriptor.TYPE_FLOAT,
        FieldDescriptor.TYPE_INT32,
        FieldDescriptor.TYPE_SINT32,
        FieldDescriptor.TYPE_SFIXED32,
        FieldDescriptor.TYPE_UINT32,
        FieldDescriptor.TYPE_FIXED32,
    )
)
# Number-like fields that json_format also fills from `true`/`false`: the ones above, 64-bit
# integers (which keep their string form) and enums (which take names as strings).
_NO_BOOLEAN_TYPES = _NUMBER_TYPES | frozenset(
    (
        FieldDescriptor.TYPE_INT64,
        FieldDescriptor.TYPE_SINT64,
        FieldDescriptor.TYPE_SFIXED64,
        FieldDescriptor.TYPE_UINT64,
        FieldDescriptor.TYPE_FIXED64,
        FieldDescriptor.TYPE_ENUM,
    )
)


def _loose_number(value: Any, descriptor: Descriptor, path: str) -> str | None:
    """The JSON path of the first number or enum field given as a boolean, or number field
    given as a string, else None.
    Runs after json_format accepted the body, so every key names a field."""
    if not isinstance(value, dict) or descriptor.full_name.startswith("google.protobuf."):
        return None
    for key, item in value.items():
        field = descriptor.fields_by_camelcase_name.get(key) or descriptor.fields_by_name.get(key)
        if field is None:  # a json_name that differs from the camel-case name
            field = next((f for f in descriptor.fields if f.json_name == key), None)
        if field is None or item is None:
            continue
        where = f"{path}.{key}" if path else key
        items: list[Any] = [item]
        target = field.message_type
        if target is not None and target.GetOptions().map_entry:
            items = list(item.values()) if isinstance(item, dict) else []
            field = target.fields_by_name["value"]
            target = field.message_type
        elif field.is_repeated:
            items = item if isinstance(item, list) else []
        for element in items:
            if target is not None:
                found = _loose_number(element, target, where)
                if found is not None:
                    return found
            elif _loose_scalar(field, element):
                return where
    return None


def _loose_scalar(field: FieldDescriptor, value: Any) -> bool:
    if isinstance(value, bool):
        return field.type in _NO_BOOLEAN_TYPES
    if isinstance(value, str):
        return field.type in _NUMBER_TYPES
    # json_format truncates a fractional number given for an enum (2.5 reads as 2).
    return (
        field.type == FieldDescriptor.TYPE_ENUM
        and isinstance(value, float)
        and not value.is_integer()
    )


def _body_error(parser_message: str) -> InvalidArgument:
    # json_format reports every failure as one ParseError with a sentence: sort by its text.
    unknown = _UNKNOWN_FIELD.search(parser_message)
    if unknown is not None:
        return _unknown_field(*unknown.groups())
    if "too deep" in parser_message or "recursion depth" in parser_message:
        return InvalidArgument(
            "JSON_TOO_DEEP",
            f"The request body is nested deeper than {MAX_JSON_NESTING} levels.",
            "Send flatter JSON.",
        )
    return InvalidArgument(
        "INVALID_REQUEST_BODY",
        f"The request body is not valid: {parser_message.splitlines()[0]}",
        "Send a JSON body of the documented shape and types.",
    )


def _unknown_field(name: str, where: str) -> InvalidArgument:
    return InvalidArgument(
        "UNKNOWN_FIELD",
        f"The request body has a field this API does not know: {name!r} in {where}.",
        "Remove the unknown field; names are case-sensitive.",
    )


async def parse_json_body_async(request: Message, binding: JsonBody) -> None:
    """`parse_json_body`, off the event loop when the body is large."""
    if request.HasField(binding.field) and len(getattr(request, binding.field).data) > (
        INLINE_BODY_BYTES
    ):
        await asyncio.get_running_loop().run_in_executor(
            _PARSERS, parse_json_body, request, binding
        )
    else:
        parse_json_body(request, binding)


def parse_json_body(request: Message, binding: JsonBody) -> None:
    """Move the raw REST body of `request` into its typed field; no-op for native gRPC calls."""
    if not request.HasField(binding.field):
        return
    data: bytes = getattr(request, binding.field).data
    request.ClearField(binding.field)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise _body_error("the body is not UTF-8 text") from None
    text = text.strip() or "{}"  # no body reads as {}, as it did with the transcoder
    if binding.object_only and not text.startswith("{"):
        # json_format would read a string's characters as field names.
        raise _body_error("a JSON object is expected")
    if binding.into == WHOLE_REQUEST:
        parsed = type(request)()
        _parse(text, parsed)
        if parsed.HasField(binding.field):  # the raw body cannot be given inside itself
            raise _unknown_field(binding.field, parsed.DESCRIPTOR.name)
        for name in binding.path_fields:
            # Path variables are scalars: the URL's value wins over the body's.
            setattr(parsed, name, getattr(request, name))
        request.CopyFrom(parsed)
        return
    request.ClearField(binding.into)  # nothing but the body may set it (no query parameters)
    target = getattr(request, binding.into)
    _parse(text, target)
    target.SetInParent()
