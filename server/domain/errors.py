"""Domain errors: what went wrong, in terms of the domain.

The API layer maps each kind to a gRPC code and REST status through ONE table
(`server.api.errors`); nothing else decides a status code.
"""

from __future__ import annotations

import enum

from server.domain.limits import MAX_ID_LENGTH


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

    def __init__(self, reason: str, message: str, resolution: str = "") -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.resolution = resolution


class InvalidArgument(DomainError):
    kind = ErrorKind.INVALID_ARGUMENT


class NotFound(DomainError):
    kind = ErrorKind.NOT_FOUND


class AlreadyExists(DomainError):
    kind = ErrorKind.ALREADY_EXISTS


class Conflict(DomainError):
    """The request is valid but clashes with the current state (REST 409)."""

    kind = ErrorKind.CONFLICT


class Unauthenticated(DomainError):
    kind = ErrorKind.UNAUTHENTICATED


class PermissionDenied(DomainError):
    kind = ErrorKind.PERMISSION_DENIED


class TooLarge(DomainError):
    kind = ErrorKind.TOO_LARGE


class QuotaExceeded(DomainError):
    """A per-tenant quota would be passed; nothing changed."""

    kind = ErrorKind.QUOTA_EXCEEDED


class Unavailable(DomainError):
    kind = ErrorKind.UNAVAILABLE


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
