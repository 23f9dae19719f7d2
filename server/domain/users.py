"""Users of the TTL session API, kept in the store with salted scrypt password hashes.

A user document holds the salt, the scrypt parameters and the derived key, never the password, so
the parameters can be raised later without breaking stored users. Hashing takes tens of
milliseconds and 16 MiB on purpose; it runs in a worker thread so the event loop keeps serving.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import secrets
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from server.domain.errors import InvalidArgument, check_id
from server.store.base import Store

KIND = "user"

# scrypt cost: N=2**14, r=8, p=1 (16 MiB, tens of ms) is the scrypt paper's setting for
# interactive logins. OWASP's cheat sheet asks for N=2**17 where memory allows; the parameters are
# stored with each hash, so raising them later only needs users to set their password again.
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SCRYPT_DKLEN = 32
SALT_BYTES = 16
MAX_PASSWORD_LENGTH = 1024
MAX_FIELD_LENGTH = 256


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
    n: int = SCRYPT_N
    r: int = SCRYPT_R
    p: int = SCRYPT_P
    dklen: int = SCRYPT_DKLEN


DEFAULT_PARAMS = ScryptParams()


async def add_user(
    store: Store,
    tenant: str,
    username: str,
    password: str,
    fullname: str = "",
    email: str = "",
    roles: Iterable[str] = (),
    *,
    params: ScryptParams = DEFAULT_PARAMS,
) -> User:
    """Create a user, or replace an existing user's password and fields (keeping its user_id)."""
    check_id(tenant, "tenant")
    check_id(username, "username")
    _check_password(password)
    role_list = tuple(roles)
    _check_field(fullname, "full name")
    _check_field(email, "e-mail address")
    for role in role_list:
        _check_field(role, "role", allow_empty=False)
    existing = await store.get(KIND, (tenant, username))
    user_id = str(existing["user_id"]) if existing else str(uuid.uuid4())
    salt = secrets.token_bytes(SALT_BYTES)
    derived = await asyncio.to_thread(_scrypt, password, salt, params)
    doc: dict[str, Any] = {
        "user_id": user_id,
        "username": username,
        "fullname": fullname,
        "email": email,
        "roles": list(role_list),
        "password": {
            "scheme": "scrypt",
            "n": params.n,
            "r": params.r,
            "p": params.p,
            "dklen": params.dklen,
            "salt": _b64(salt),
            "hash": _b64(derived),
        },
    }
    await store.put(KIND, (tenant, username), doc)
    return _user(tenant, doc)


async def get_user(store: Store, tenant: str, username: str) -> User | None:
    doc = await store.get(KIND, (tenant, username))
    return None if doc is None else _user(tenant, doc)


async def verify(store: Store, tenant: str, username: str, password: str) -> User | None:
    """The user if `password` is theirs, else None. Unknown users cost the same hashing time, so
    timing does not tell which usernames exist."""
    doc = None
    if _valid_key_part(tenant) and _valid_key_part(username):
        doc = await store.get(KIND, (tenant, username))
    stored = doc.get("password") if doc else None
    if not isinstance(stored, Mapping) or len(password) > MAX_PASSWORD_LENGTH:
        dummy = password[:MAX_PASSWORD_LENGTH]
        await asyncio.to_thread(_scrypt, dummy, _DUMMY_SALT, DEFAULT_PARAMS)
        return None
    params = ScryptParams(
        n=int(stored["n"]), r=int(stored["r"]), p=int(stored["p"]), dklen=int(stored["dklen"])
    )
    derived = await asyncio.to_thread(_scrypt, password, _unb64(str(stored["salt"])), params)
    if not hmac.compare_digest(derived, _unb64(str(stored["hash"]))):
        return None
    assert doc is not None
    return _user(tenant, doc)


_DUMMY_SALT = bytes(SALT_BYTES)


def _scrypt(password: str, salt: bytes, params: ScryptParams) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=params.n,
        r=params.r,
        p=params.p,
        dklen=params.dklen,
        maxmem=256 * params.n * params.r,
    )


def _user(tenant: str, doc: Mapping[str, Any]) -> User:
    return User(
        tenant=tenant,
        username=str(doc["username"]),
        user_id=str(doc["user_id"]),
        fullname=str(doc.get("fullname", "")),
        email=str(doc.get("email", "")),
        roles=tuple(str(r) for r in doc.get("roles", ())),
    )


def _valid_key_part(value: str) -> bool:
    try:
        check_id(value, "key")
    except InvalidArgument:
        return False
    return True


def _check_password(password: str) -> None:
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
        or len(text) > MAX_FIELD_LENGTH
        or any(ord(c) < 0x20 or ord(c) == 0x7F for c in text)
    ):
        raise InvalidArgument(
            "INVALID_USER_FIELD",
            f"A {what} is empty, longer than {MAX_FIELD_LENGTH} characters or holds a control "
            "character.",
            f"Give each {what} as 1 to {MAX_FIELD_LENGTH} printable characters.",
        )


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)
