"""Users: salted scrypt hashes in the store, verification, replacement."""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Iterator

import pytest

from server.domain import users
from server.domain.errors import InvalidArgument
from server.services.users import HASHING_NICENESS, PasswordHasher, Users
from server.services.users import KIND as USER_KIND
from server.store.sqlite import SqliteStore

# Cheap scrypt parameters keep the tests fast; the default ones are exercised once below.
CHEAP = users.ScryptParams(n=2**8, r=8, p=1)


@pytest.fixture
def accounts(store: SqliteStore) -> Iterator[Users]:
    service = Users(store)
    yield service
    service.close()


async def test_added_user_verifies_with_its_password(store: SqliteStore, accounts: Users) -> None:
    added = await accounts.add(
        "t1", "alice", "s3cret", "Alice A", "a@example.com", ["admin"], params=CHEAP
    )
    found = await accounts.verify("t1", "alice", "s3cret")
    assert found == added
    assert found is not None
    assert (found.fullname, found.email, found.roles) == ("Alice A", "a@example.com", ("admin",))


async def test_default_parameters_work(store: SqliteStore, accounts: Users) -> None:
    await accounts.add("t1", "alice", "s3cret")
    assert await accounts.verify("t1", "alice", "s3cret") is not None
    doc = await store.get(USER_KIND, ("t1", "alice"))
    assert doc is not None
    assert doc["password"]["n"] == users.DEFAULT_PARAMS.n


@pytest.mark.parametrize(
    ("tenant", "username", "password"),
    [
        ("t1", "alice", "wrong"),
        ("t1", "alice", ""),
        ("t1", "bob", "s3cret"),
        ("t2", "alice", "s3cret"),
        ("", "alice", "s3cret"),
        ("t1", "a/b", "s3cret"),
    ],
)
async def test_wrong_credentials_verify_to_none(
    accounts: Users, tenant: str, username: str, password: str
) -> None:
    await accounts.add("t1", "alice", "s3cret", params=CHEAP)
    assert await accounts.verify(tenant, username, password) is None


async def test_store_holds_salt_and_hash_never_the_password(
    store: SqliteStore, accounts: Users
) -> None:
    await accounts.add("t1", "alice", "same-password", params=CHEAP)
    await accounts.add("t1", "bob", "same-password", params=CHEAP)
    alice = await store.get(USER_KIND, ("t1", "alice"))
    bob = await store.get(USER_KIND, ("t1", "bob"))
    assert alice is not None and bob is not None
    assert "same-password" not in repr(alice)
    assert alice["password"]["scheme"] == "scrypt"
    assert {"n", "r", "p", "dklen", "salt", "hash"} <= set(alice["password"])
    assert alice["password"]["salt"] != bob["password"]["salt"]
    assert alice["password"]["hash"] != bob["password"]["hash"]


async def test_adding_again_replaces_password_and_fields_but_keeps_the_id(
    accounts: Users,
) -> None:
    first = await accounts.add("t1", "alice", "old", "Alice", params=CHEAP)
    second = await accounts.add(
        "t1", "alice", "new", "Alice B", "b@example.com", ["ops"], params=CHEAP
    )
    assert second.user_id == first.user_id
    assert await accounts.verify("t1", "alice", "old") is None
    found = await accounts.verify("t1", "alice", "new")
    assert found is not None
    assert (found.fullname, found.email, found.roles) == ("Alice B", "b@example.com", ("ops",))


async def test_tenants_are_separate(store: SqliteStore, accounts: Users) -> None:
    a = await accounts.add("t1", "alice", "one", params=CHEAP)
    b = await accounts.add("t2", "alice", "two", params=CHEAP)
    assert a.user_id != b.user_id
    assert await accounts.verify("t1", "alice", "two") is None
    assert await accounts.get("t2", "alice") == b


@pytest.mark.parametrize(
    ("tenant", "username", "password", "fields", "reason"),
    [
        ("t1", "alice", "", {}, "MISSING_PASSWORD"),
        ("t1", "alice", "x" * 1025, {}, "PASSWORD_TOO_LONG"),
        ("t1", "", "pw", {}, "MISSING_ID"),
        ("", "alice", "pw", {}, "MISSING_ID"),
        ("t1", "a/b", "pw", {}, "INVALID_ID"),
        ("t1", "alice", "pw", {"fullname": "x\ny"}, "INVALID_USER_FIELD"),
        ("t1", "alice", "pw", {"roles": [""]}, "INVALID_USER_FIELD"),
    ],
)
async def test_bad_input_is_refused_and_nothing_is_stored(
    store: SqliteStore,
    accounts: Users,
    tenant: str,
    username: str,
    password: str,
    fields: dict[str, object],
    reason: str,
) -> None:
    with pytest.raises(InvalidArgument) as caught:
        await accounts.add(tenant, username, password, params=CHEAP, **fields)  # type: ignore[arg-type]
    assert caught.value.reason == reason
    assert await store.scan(USER_KIND) == []


async def test_an_invalid_stored_user_is_kept_aside(
    store: SqliteStore, accounts: Users, caplog: pytest.LogCaptureFixture
) -> None:
    await accounts.add("t1", "alice", "s3cret", params=CHEAP)
    await store.put(USER_KIND, ("t1", "bob"), {"username": "bob", "password": {"n": "x"}})
    assert await accounts.verify("t1", "bob", "anything") is None
    assert await accounts.get("t1", "bob") is None
    assert "kept aside" in caplog.text and "t1/bob" in caplog.text
    assert await accounts.verify("t1", "alice", "s3cret") is not None
    assert await store.get(USER_KIND, ("t1", "bob")) is not None  # not deleted


async def test_hashing_runs_on_a_bounded_pool_of_low_priority_threads() -> None:
    hasher = PasswordHasher(workers=2)
    try:
        loop = asyncio.get_running_loop()
        priorities = await asyncio.gather(
            *(
                loop.run_in_executor(
                    hasher._pool, lambda: os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
                )
                for _ in range(4)
            )
        )
        assert set(priorities) == {HASHING_NICENESS}
        assert hasher._pool._max_workers == 2
    finally:
        hasher.close()
