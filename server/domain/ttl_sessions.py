"""TTL sessions, g4-style: a bearer-protected JSON value that expires after `timeout` idle seconds.

The rules on plain values: what a session may hold, how its expiry slides, what a login answers.
`server.services.ttl_sessions` keeps the sessions in the store and expires them. Only a SHA-256
of the bearer is stored. The bearer is 256 random bits, so a fast hash is enough: nobody can
brute-force it, unlike a password.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from server.domain.errors import (
    InvalidArgument,
    MissingObject,
    TooLarge,
    Unauthenticated,
)
from server.domain.users import User

# Any JSON value: None, bool, int, float, str, list or dict of JSON values.
JsonValue = Any


@dataclass(frozen=True, slots=True)
class CreatedSession:
    """The outcome of a login: a session only when the credentials were valid."""

    valid_credentials: bool
    access_allowed: bool
    user: User | None = None
    session_id: str = ""
    bearer: str = ""
    expires_at: datetime | None = None
    version: int = 0
    claims: Mapping[str, str] | None = None


@dataclass(frozen=True, slots=True)
class TtlSession:
    """A session as its owner sees it."""

    tenant: str
    session_id: str
    user_id: str
    username: str
    data: JsonValue
    timeout: int
    expires_at: datetime
    version: int


def check_timeout(timeout: int, default: int, maximum: int) -> int:
    """The timeout a new session gets: `default` for 0, else 1..`maximum` seconds."""
    if timeout == 0:
        return default
    if timeout < 0 or timeout > maximum:
        raise InvalidArgument(
            "INVALID_TIMEOUT",
            f"The timeout must be between 1 and {maximum} seconds.",
            f"Give a timeout of 1 to {maximum} seconds, or 0 for the default ({default}).",
        )
    return timeout


def check_data(data: JsonValue, max_bytes: int) -> str:
    """The compact JSON text of a session's data, refused when not JSON or too large."""
    try:
        text = json.dumps(data, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError) as exc:
        raise InvalidArgument(
            "INVALID_SESSION_DATA",
            "The session data is not a JSON value.",
            "Give data as JSON without NaN or infinite numbers.",
        ) from exc
    if len(text.encode("utf-8")) > max_bytes:
        raise TooLarge(
            "SESSION_DATA_TOO_LARGE",
            f"The session data is larger than {max_bytes} bytes of JSON.",
            f"Keep session data under {max_bytes} bytes.",
        )
    return text


def json_value(text: str) -> JsonValue:
    """The value of JSON text `check_data` answered (a copy the caller cannot change)."""
    return json.loads(text)


def new_bearer() -> tuple[str, str]:
    """A fresh bearer and the digest the store keeps of it."""
    bearer = secrets.token_urlsafe(32)
    return bearer, digest(bearer)


def digest(bearer: str) -> str:
    return hashlib.sha256(bearer.encode("utf-8")).hexdigest()


def check_bearer(bearer: str, doc: Mapping[str, Any]) -> None:
    """Refuse a bearer that is not the session's."""
    if not hmac.compare_digest(digest(bearer), str(doc.get("bearer_sha256", ""))):
        raise invalid_bearer()


def session_document(
    session_id: str,
    user: User,
    application: str,
    bearer_sha256: str,
    data_text: str,
    timeout: int,
    now: float,
) -> dict[str, Any]:
    return {
        "session_id": session_id,
        "user_id": user.user_id,
        "username": user.username,
        "application": application,
        "bearer_sha256": bearer_sha256,
        "data": json_value(data_text),
        "timeout": timeout,
        "created_at": now,
        "expires_at": now + timeout,
        "version": 1,
    }


def stored_expiry(doc: Mapping[str, Any]) -> tuple[float, int]:
    """(expires_at, timeout) of a stored session; ValueError/TypeError/KeyError if unsound."""
    expires_at = doc["expires_at"]
    timeout = doc["timeout"]
    if isinstance(expires_at, bool) or not isinstance(expires_at, int | float):
        raise ValueError("expires_at is not a number")
    if isinstance(timeout, bool) or not isinstance(timeout, int) or timeout <= 0:
        raise ValueError("timeout is not a positive integer")
    if not isinstance(doc["bearer_sha256"], str):
        raise ValueError("bearer_sha256 is not a string")
    return float(expires_at), timeout


def takeover_expiry(stored_expires_at: float, timeout: int, now: float) -> float | None:
    """The expiry of a session whose shard another replica just took (several replicas): a full
    timeout of grace from now, as etcd refreshes every lease when a new leader takes over, since
    its clients could not reach an owner while the shard moved. None for a session already
    expired in the store: it is purged, as at a start, so an outage never revives old sessions."""
    if stored_expires_at <= now:
        return None
    return max(stored_expires_at, now + timeout)


def claims(user: User, tenant: str, session_id: str, application: str) -> dict[str, str]:
    """What a detailed login answers about who logged in."""
    out = {"sub": user.user_id, "name": user.username, "tenant": tenant, "sid": session_id}
    if user.email:
        out["email"] = user.email
    if application:
        out["application"] = application
    return out


def session_view(
    tenant: str, session_id: str, doc: Mapping[str, Any], timeout: int, expires_at: float
) -> TtlSession:
    return TtlSession(
        tenant=tenant,
        session_id=session_id,
        user_id=str(doc.get("user_id", "")),
        username=str(doc.get("username", "")),
        data=doc.get("data"),
        timeout=timeout,
        expires_at=as_datetime(expires_at),
        version=int(doc.get("version", 1)),
    )


def as_datetime(unix_seconds: float) -> datetime:
    return datetime.fromtimestamp(unix_seconds, UTC)


def invalid_bearer() -> Unauthenticated:
    return Unauthenticated(
        "INVALID_BEARER",
        "The request carries no bearer, or not the bearer of this session.",
        "Send the bearer the login answered as 'Authorization: Bearer <bearer>'.",
    )


ttl_session_not_found = MissingObject(
    "TTL_SESSION_NOT_FOUND",
    "No TTL session {id} exists in this tenant.",
    "Log in again to create a session.",
)
ttl_session_expired = MissingObject(
    "TTL_SESSION_EXPIRED", "The TTL session {id} has expired.", "Log in again to create a session."
)
