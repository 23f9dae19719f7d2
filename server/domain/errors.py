"""Domain errors: what went wrong, in terms of the domain.

The API layer maps each kind to a gRPC code and REST status through ONE table
(`server.api.errors`); nothing else decides a status code.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

from server.domain.limits import MAX_ID_LENGTH

V = TypeVar("V")


class ErrorKind(enum.Enum):
    """The kinds of failure a caller can act on."""

    INVALID_ARGUMENT = "invalid_argument"
    NOT_FOUND = "not_found"
    ALREADY_EXISTS = "already_exists"
    CONFLICT = "conflict"
    UNAUTHENTICATED = "unauthenticated"
    PERMISSION_DENIED = "permission_denied"
    TOO_LARGE = "too_large"
    UNAVAILABLE = "unavailable"
    QUOTA_EXCEEDED = "quota_exceeded"
    OVERLOADED = "overloaded"


class DomainError(Exception):
    """A failure the caller caused or can resolve; never a bug.

    `reason` is a stable UPPER_SNAKE identifier (tests assert it, clients switch on it);
    `message` is a sentence for people; `resolution` says what to do about it.
    """

    kind: ErrorKind = ErrorKind.INVALID_ARGUMENT

    def __init_subclass__(cls, kind: ErrorKind | None = None, **rest: object) -> None:
        super().__init_subclass__(**rest)
        if kind is not None:
            cls.kind = kind

    def __init__(self, reason: str, message: str, resolution: str = "") -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.resolution = resolution


# One subclass per kind, so that callers raise and catch by kind.
class InvalidArgument(DomainError, kind=ErrorKind.INVALID_ARGUMENT):
    """The request itself is wrong (REST 400)."""


class NotFound(DomainError, kind=ErrorKind.NOT_FOUND):
    """What the request names does not exist (REST 404)."""


class AlreadyExists(DomainError, kind=ErrorKind.ALREADY_EXISTS):
    """What the request would create exists already (REST 409)."""


class Conflict(DomainError, kind=ErrorKind.CONFLICT):
    """The request is valid but clashes with the current state (REST 409)."""


class Unauthenticated(DomainError, kind=ErrorKind.UNAUTHENTICATED):
    """No valid credentials (REST 401)."""


class PermissionDenied(DomainError, kind=ErrorKind.PERMISSION_DENIED):
    """The credentials do not allow the request (REST 403)."""


class TooLarge(DomainError, kind=ErrorKind.TOO_LARGE):
    """The request or what it would store is over a size limit (REST 413)."""


class QuotaExceeded(DomainError, kind=ErrorKind.QUOTA_EXCEEDED):
    """A per-tenant quota would be passed; nothing changed."""


class Unavailable(DomainError, kind=ErrorKind.UNAVAILABLE):
    """The request may succeed if retried later, or elsewhere (REST 503)."""


class Overloaded(DomainError, kind=ErrorKind.OVERLOADED):
    """The server is over capacity (server.domain.overload, rule 2): retry after
    `retry_delay` seconds. gRPC: RESOURCE_EXHAUSTED with a `google.rpc.RetryInfo` and
    `retry-after` metadata; REST: 429 with the same delay."""

    def __init__(self, retry_delay: float) -> None:
        super().__init__(
            "SERVER_OVERLOADED",
            "The server is over capacity and takes no new streams for now.",
            f"Retry after {retry_delay:.1f} s (RetryInfo), with jitter; other streams are "
            "served as before.",
        )
        self.retry_delay = retry_delay


class NotOwner(Unavailable):
    """Another replica owns the shard of what was asked for (several replicas on etcd).

    `owner` is that replica's gRPC address ("host:port"), None while the shard is moving.
    gRPC clients get it as ErrorInfo metadata `owner` and trailing metadata `x-rolecall-owner`.
    """

    def __init__(self, owner: str | None) -> None:
        super().__init__(
            "NOT_OWNER",
            "Another rolecall replica serves this group."
            if owner
            else "This group's shard is moving between rolecall replicas.",
            f"Retry on {owner}." if owner else "Retry in a moment.",
        )
        self.owner = owner


@dataclass(frozen=True)
class MissingObject:
    """The NotFound error for one kind of object; `{id}` in `message` is the identifier."""

    reason: str
    message: str
    resolution: str

    def __call__(self, identifier: str) -> NotFound:
        return NotFound(self.reason, self.message.format(id=repr(identifier)), self.resolution)

    def lookup(self, table: Mapping[str, V], identifier: str) -> V:
        """`table`'s entry for `identifier`; this error if it has none."""
        found = table.get(identifier)
        if found is None:
            raise self(identifier)
        return found


ErrorText = tuple[str, str, str]  # reason, message, resolution


def check_page_bounds(
    size: int, start: int, max_size: int, bad_size: ErrorText, bad_start: ErrorText
) -> None:
    """A listing's page size (0..max_size) and start (from 0); the errors are in the words of
    the listing's API."""
    if size < 0 or size > max_size:
        raise InvalidArgument(*bad_size)
    if start < 0:
        raise InvalidArgument(*bad_start)


def _id_fault(value: str) -> str | None:
    """The reason an identifier is refused (it becomes part of a storage key and of a URL path
    segment); None when it is not."""
    if not value:
        return "MISSING_ID"
    if len(value) > MAX_ID_LENGTH:
        return "ID_TOO_LONG"
    if "/" in value or any(ord(c) < 0x20 or ord(c) == 0x7F for c in value):
        return "INVALID_ID"
    return None


# The refusal's reason -> its message and resolution; `{what}` names the identifier's object.
_ID_FAULTS = {
    "MISSING_ID": ("The {what} identifier is missing.", "Give a {what} identifier."),
    "ID_TOO_LONG": (
        f"The {{what}} identifier is longer than {MAX_ID_LENGTH} characters.",
        f"Use a {{what}} identifier of at most {MAX_ID_LENGTH} characters.",
    ),
    "INVALID_ID": (
        "The {what} identifier contains '/' or a control character.",
        "Use a {what} identifier without '/' or control characters.",
    ),
}


def check_id(value: str, what: str) -> str:
    """`value`, if it is a valid identifier of a `what`."""
    fault = _id_fault(value)
    if fault is not None:
        message, resolution = _ID_FAULTS[fault]
        raise InvalidArgument(fault, message.format(what=what), resolution.format(what=what))
    return value


def is_valid_id(value: str) -> bool:
    """Whether check_id() takes `value`: for lookups that answer "not found" to any other."""
    return _id_fault(value) is None
