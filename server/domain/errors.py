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


def check_id(value: str, what: str) -> str:
    """Validate an identifier that becomes part of a storage key and a URL path segment."""
    if not value:
        raise InvalidArgument(
            "MISSING_ID", f"The {what} identifier is missing.", f"Give a {what} identifier."
        )
    if len(value) > MAX_ID_LENGTH:
        raise InvalidArgument(
            "ID_TOO_LONG",
            f"The {what} identifier is longer than {MAX_ID_LENGTH} characters.",
            f"Use a {what} identifier of at most {MAX_ID_LENGTH} characters.",
        )
    if "/" in value or any(ord(c) < 0x20 or ord(c) == 0x7F for c in value):
        raise InvalidArgument(
            "INVALID_ID",
            f"The {what} identifier contains '/' or a control character.",
            f"Use a {what} identifier without '/' or control characters.",
        )
    return value
