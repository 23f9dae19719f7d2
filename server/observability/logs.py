"""The one logging set-up of `rolecall serve`: text for people, JSON lines for machines.

Every record gets the fields of the request it was logged in, without the caller passing them:
the request id (Envoy's `x-request-id`, from server.api.request_context) and the tenant,
namespace, group and session the RPC names (the metrics interceptor files the request in
`current_rpc`; the fields are read only when a line is actually written). Callers add what
only they know (epoch, cause, role) with `extra=`.
"""

from __future__ import annotations

import json
import logging
import sys
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from server.observability.request_id import current_request_id

LogFormat = Literal["text", "json"]
LOG_FORMATS: tuple[LogFormat, ...] = ("text", "json")

# Fields a line may carry, in the order they are printed; absent ones are left out.
FIELDS = (
    "request_id",
    "grpc_method",
    "grpc_code",
    "tenant",
    "namespace",
    "group",
    "session",
    "role",
    "epoch",
    "cause",
)
# Request message field -> log field (the failover, live, TTL and jobs APIs' path parameters).
_REQUEST_FIELDS = (
    ("tenant_id", "tenant"),
    ("namespace_id", "namespace"),
    ("group_id", "group"),
    ("session_id", "session"),
    ("project_id", "tenant"),
)


@dataclass(slots=True)
class RpcLogContext:
    """The RPC a line is logged in: filed once per call, read only when a line is written."""

    method: str
    request: Any = None


current_rpc: ContextVar[RpcLogContext | None] = ContextVar("rolecall_current_rpc", default=None)


def _request_fields(request: Any) -> dict[str, str]:
    fields: dict[str, str] = {}
    for attr, name in _REQUEST_FIELDS:
        value = getattr(request, attr, None)
        if isinstance(value, str) and value and name not in fields:
            fields[name] = value
    return fields


class RequestFields(logging.Filter):
    """Adds the current request's id, method and path fields to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        values = record.__dict__
        if "request_id" not in values:
            request_id = current_request_id()
            if request_id:
                values["request_id"] = request_id
        rpc = current_rpc.get()
        if rpc is not None:
            values.setdefault("grpc_method", rpc.method)
            if rpc.request is not None:
                for name, value in _request_fields(rpc.request).items():
                    values.setdefault(name, value)
        return True


def _fields(record: logging.LogRecord) -> dict[str, Any]:
    values = record.__dict__
    return {name: values[name] for name in FIELDS if values.get(name) is not None}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, the request fields, any
    exception text."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            **_fields(record),
        }
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)


class TextFormatter(logging.Formatter):
    """The classic line, then the request fields as key=value."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def formatMessage(self, record: logging.LogRecord) -> str:
        text = super().formatMessage(record)
        fields = _fields(record)
        if fields:
            text += " " + " ".join(f"{k}={v}" for k, v in fields.items())
        return text


def configure_logging(log_format: LogFormat = "text", level: str | int = "INFO") -> None:
    """Replace the root logger's handlers with one stderr handler in `log_format`."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    handler.addFilter(RequestFields())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
