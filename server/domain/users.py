"""Users of the TTL session API: their fields, and salted scrypt password hashes.

A user document holds the salt, the scrypt parameters and the derived key, never the password, so
the parameters can be raised later without breaking stored users. `server.services.users` keeps
the documents in the store and runs the hashing off the event loop.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from server.domain.errors import InvalidArgument, check_id
from server.domain.limits import MAX_PASSWORD_LENGTH, MAX_USER_FIELD_LENGTH

SALT_BYTES = 16
# Unknown users are hashed with this salt, so they cost the same time as known ones.
DUMMY_SALT = bytes(SALT_BYTES)


@dataclass(frozen=True, slots=True)
class User:
    """A user of one tenant, without its password hash."""

    tenant: str
    username: str
    user_id: str
    fullname: str
    email: str
    roles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ScryptParams:
    """scrypt's cost parameters; the defaults (N=2**14, r=8, p=1: 16 MiB, tens of ms) are the
    scrypt paper's setting for interactive logins. OWASP's cheat sheet asks for N=2**17 where
    memory allows; the parameters are stored with each hash, so raising them later only needs
    users to set their password again."""

    n: int = 2**14
    r: int = 8
    p: int = 1
    dklen: int = 32


DEFAULT_PARAMS = ScryptParams()


def scrypt(password: str, salt: bytes, params: ScryptParams) -> bytes:
    """The derived key; slow on purpose (tens of ms, 16 MiB): call it off the event loop."""
    return hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=params.n,
        r=params.r,
        p=params.p,
        dklen=params.dklen,
        maxmem=256 * params.n * params.r,
    )


def check_new_user(
    tenant: str, username: str, password: str, fullname: str, email: str, roles: tuple[str, ...]
) -> None:
    """Refuse a user the store must not hold."""
    check_id(tenant, "tenant")
    check_id(username, "username")
    check_password(password)
    _check_field(fullname, "full name")
    _check_field(email, "e-mail address")
    for role in roles:
        _check_field(role, "role", allow_empty=False)


@dataclass(frozen=True, slots=True)
class StoredUser:
    """A user as stored: the user, its salt, derived key and scrypt parameters."""

    user: User
    salt: bytes
    derived: bytes
    params: ScryptParams


def user_document(stored: StoredUser) -> dict[str, Any]:
    """What the store keeps of a user (the store key holds the tenant); stored_user() reads
    it back."""
    fields = dataclasses.asdict(stored.user)
    del fields["tenant"]
    password = {"scheme": "scrypt", **dataclasses.asdict(stored.params)}
    password |= {"salt": _b64(stored.salt), "hash": _b64(stored.derived)}
    return {**fields, "roles": list(stored.user.roles), "password": password}


def stored_user(tenant: str, doc: Mapping[str, Any]) -> StoredUser:
    """The user a stored document holds; KeyError/TypeError/ValueError if it is unsound."""
    stored = doc["password"]
    if not isinstance(stored, Mapping) or stored.get("scheme") != "scrypt":
        raise ValueError("password is not a scrypt hash")
    params = ScryptParams(
        n=_positive(stored["n"]),
        r=_positive(stored["r"]),
        p=_positive(stored["p"]),
        dklen=_positive(stored["dklen"]),
    )
    salt, derived = _unb64(str(stored["salt"])), _unb64(str(stored["hash"]))
    return StoredUser(user_from_document(tenant, doc), salt, derived, params)


def _positive(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError(f"{value!r} is not a positive integer")
    return value


def same_key(derived: bytes, expected: bytes) -> bool:
    return hmac.compare_digest(derived, expected)


def user_from_document(tenant: str, doc: Mapping[str, Any]) -> User:
    return User(
        tenant=tenant,
        username=str(doc["username"]),
        user_id=str(doc["user_id"]),
        fullname=str(doc.get("fullname", "")),
        email=str(doc.get("email", "")),
        roles=tuple(str(r) for r in doc.get("roles", ())),
    )


def check_password(password: str) -> None:
    if not password:
        raise InvalidArgument(
            "MISSING_PASSWORD", "The password is empty.", "Give a non-empty password."
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise InvalidArgument(
            "PASSWORD_TOO_LONG",
            f"The password is longer than {MAX_PASSWORD_LENGTH} characters.",
            f"Use a password of at most {MAX_PASSWORD_LENGTH} characters.",
        )


def _check_field(text: str, what: str, *, allow_empty: bool = True) -> None:
    if (
        (not text and not allow_empty)
        or len(text) > MAX_USER_FIELD_LENGTH
        or any(ord(c) < 0x20 or ord(c) == 0x7F for c in text)
    ):
        raise InvalidArgument(
            "INVALID_USER_FIELD",
            f"A {what} is empty, longer than {MAX_USER_FIELD_LENGTH} characters or holds a "
            "control character.",
            f"Give each {what} as 1 to {MAX_USER_FIELD_LENGTH} printable characters.",
        )


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)
