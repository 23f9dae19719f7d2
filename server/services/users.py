"""Users of the TTL session API, kept in the store; password hashing off the event loop.

Hashing takes tens of milliseconds and 16 MiB on purpose. It runs on a small thread pool of its
own (`PasswordHasher`): `hashlib.scrypt` releases the GIL, so the event loop keeps serving
heartbeats while logins hash, and the pool's size caps how many hashes run at once, so a login
flood queues instead of taking every core.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
import threading
import uuid
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor

from server.domain.errors import is_valid_id
from server.domain.limits import MAX_PASSWORD_LENGTH
from server.domain.users import (
    DEFAULT_PARAMS,
    DUMMY_SALT,
    SALT_BYTES,
    ScryptParams,
    StoredUser,
    User,
    check_new_user,
    same_key,
    scrypt,
    stored_user,
    user_document,
)
from server.services.documents import parse_one
from server.store.base import DamagedDocument, Store

KIND = "user"


def default_hash_workers() -> int:
    """Half the cores (at least one): hashing never takes every core from the event loop."""
    return max(1, (os.cpu_count() or 2) // 2)


# Nice value of the hashing threads: the event loop (nice 0) gets ~70 times their CPU weight
# when both want the core, so heartbeats are answered first and logins take what is left.
HASHING_NICENESS = 19


def _lower_priority() -> None:
    """Run this worker thread at a low priority (Linux: a nice value per thread)."""
    with contextlib.suppress(OSError, AttributeError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), HASHING_NICENESS)


class PasswordHasher:
    """A bounded pool for scrypt: at most `workers` hashes run at once, the rest wait."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or default_hash_workers()
        self._pool = ThreadPoolExecutor(
            max_workers=self.workers, thread_name_prefix="scrypt", initializer=_lower_priority
        )

    async def derive(self, password: str, salt: bytes, params: ScryptParams) -> bytes:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, scrypt, password, salt, params)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


class Users:
    """The users of every tenant."""

    def __init__(self, store: Store, hasher: PasswordHasher | None = None) -> None:
        self._store = store
        self._hasher = hasher or PasswordHasher()

    async def add(
        self,
        tenant: str,
        username: str,
        password: str,
        fullname: str = "",
        email: str = "",
        roles: Iterable[str] = (),
        *,
        params: ScryptParams = DEFAULT_PARAMS,
    ) -> User:
        """Create a user, or replace an existing user's password and fields (keeping its
        user_id)."""
        role_list = tuple(roles)
        check_new_user(tenant, username, password, fullname, email, role_list)
        existing = await self._find(tenant, username)
        user_id = existing.user.user_id if existing else str(uuid.uuid4())
        salt = secrets.token_bytes(SALT_BYTES)
        derived = await self._hasher.derive(password, salt, params)
        user = User(tenant, username, user_id, fullname, email, role_list)
        doc = user_document(StoredUser(user, salt, derived, params))
        await self._store.put(KIND, (tenant, username), doc)
        return user

    async def get(self, tenant: str, username: str) -> User | None:
        found = await self._find(tenant, username)
        return None if found is None else found.user

    async def verify(self, tenant: str, username: str, password: str) -> User | None:
        """The user if `password` is theirs, else None. Unknown users cost the same hashing
        time, so timing does not tell which usernames exist."""
        found = None
        if is_valid_id(tenant) and is_valid_id(username):
            found = await self._find(tenant, username)
        if found is None or len(password) > MAX_PASSWORD_LENGTH:
            dummy = password[:MAX_PASSWORD_LENGTH]
            await self._hasher.derive(dummy, DUMMY_SALT, DEFAULT_PARAMS)
            return None
        derived = await self._hasher.derive(password, found.salt, found.params)
        if not same_key(derived, found.derived):
            return None
        return found.user

    async def _find(self, tenant: str, username: str) -> StoredUser | None:
        """The stored user; None when absent or kept aside (an invalid document)."""
        key = (tenant, username)
        try:
            doc = await self._store.get(KIND, key)
        except DamagedDocument:
            return None
        if doc is None:
            return None
        return parse_one(KIND, key, doc, lambda d: stored_user(tenant, d))

    def close(self) -> None:
        self._hasher.close()
