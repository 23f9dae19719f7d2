"""Seed 003 (g4 TTL sessions) through the real Envoy.

Users are added the way `rolecall users add` will: straight into the running server's store
(SQLite in WAL mode, so a second connection is safe), which the server reads at every login.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from server.domain.users import User
from server.services.ttl_sessions import KIND as TTL_KIND
from server.services.users import Users
from server.store.sqlite import SqliteStore
from tests.harness import RolecallProcess, wait_until

pytestmark = pytest.mark.e2e

PASSWORD = "correct horse battery staple"
CREATED_KEYS = {
    "validCredentials",
    "accessAllowed",
    "sessionId",
    "userId",
    "username",
    "fullname",
    "email",
    "bearer",
    "claims",
    "roles",
    "profiles",
    "version",
}
PROBLEM_KEYS = {"type", "title", "status", "detail", "traceId"}


def add_user(data_dir: Path, tenant: str, username: str, **fields: Any) -> User:
    async def run() -> User:
        store = SqliteStore(data_dir / "rolecall.sqlite3")
        await store.open()
        accounts = Users(store)
        try:
            return await accounts.add(tenant, username, PASSWORD, **fields)
        finally:
            accounts.close()
            await store.close()

    return asyncio.run(run())


def stored_session(data_dir: Path, tenant: str, session_id: str) -> dict[str, Any] | None:
    async def run() -> dict[str, Any] | None:
        store = SqliteStore(data_dir / "rolecall.sqlite3")
        await store.open()
        try:
            return await store.get(TTL_KIND, (tenant, session_id))
        finally:
            await store.close()

    return asyncio.run(run())


def expire_stored_session(data_dir: Path, tenant: str, session_id: str) -> None:
    async def run() -> None:
        store = SqliteStore(data_dir / "rolecall.sqlite3")
        await store.open()
        try:
            doc = await store.get(TTL_KIND, (tenant, session_id))
            assert doc is not None
            await store.put(TTL_KIND, (tenant, session_id), {**doc, "expires_at": 0.0})
        finally:
            await store.close()

    asyncio.run(run())


@pytest.fixture
def http(rolecall: RolecallProcess) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=rolecall.http_base, headers=rolecall.headers, timeout=10) as client:
        yield client


@pytest.fixture
def tenant(rolecall: RolecallProcess) -> str:
    """A fresh tenant with the user alice."""
    name = f"t-{uuid.uuid4().hex[:8]}"
    add_user(
        rolecall.data_dir,
        name,
        "alice",
        fullname="Alice Liddell",
        email="alice@example.com",
        roles=["admin", "reader"],
    )
    return name


def login(http: httpx.Client, tenant: str, password: str = PASSWORD, **body: Any) -> httpx.Response:
    headers = {"x-g4-tenant": tenant, **body.pop("headers", {})}
    return http.post(
        "/session", json={"username": "alice", "password": password, **body}, headers=headers
    )


def create(http: httpx.Client, tenant: str, **body: Any) -> tuple[str, dict[str, str]]:
    """A new session of alice: its id and the headers that use it."""
    r = login(http, tenant, **body)
    assert r.status_code == 200, r.text
    answer = r.json()
    assert answer["validCredentials"] is True, answer
    headers = {"x-g4-tenant": tenant, "authorization": f"Bearer {answer['bearer']}"}
    return answer["sessionId"], headers


def assert_problem(r: httpx.Response, status: int, reason: str | None = None) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body: dict[str, Any] = r.json()
    assert PROBLEM_KEYS <= set(body), body
    assert body["status"] == status and body["traceId"]
    assert body["type"].startswith("https://tools.ietf.org/html/rfc9110#section-")
    if reason is not None:
        assert body["reason"] == reason, body
    for leaked in ("grpc-status", "grpc-message", "x-error-body", "x-http-status"):
        assert leaked not in r.headers
    return body


# -- POST /session ----------------------------------------------------------------------------


def test_login_answers_the_authenticated_session_response(http: httpx.Client, tenant: str) -> None:
    r = login(http, tenant, data={"cart": [1, 2]}, timeout=60)
    assert r.status_code == 200, r.text
    answer = r.json()
    assert set(answer) == CREATED_KEYS
    assert answer["validCredentials"] is True and answer["accessAllowed"] is True
    assert answer["username"] == "alice" and answer["fullname"] == "Alice Liddell"
    assert answer["email"] == "alice@example.com"
    assert answer["sessionId"] and answer["userId"] and len(answer["bearer"]) >= 32
    assert answer["version"] == 1
    # Without detail, no claims, roles or profiles.
    assert answer["claims"] == {} and answer["roles"] == [] and answer["profiles"] == []


def test_login_with_detail_carries_claims_and_roles(http: httpx.Client, tenant: str) -> None:
    r = login(http, tenant, detail=True, headers={"x-g4-application": "shop"})
    answer = r.json()
    assert answer["roles"] == ["admin", "reader"] and answer["profiles"] == []
    claims = answer["claims"]
    assert claims["sub"] == answer["userId"] and claims["sid"] == answer["sessionId"]
    assert claims["tenant"] == tenant and claims["name"] == "alice"
    assert claims["email"] == "alice@example.com" and claims["application"] == "shop"


@pytest.mark.parametrize(
    ("username", "password"),
    [("alice", "wrong"), ("nobody", PASSWORD), ("alice", "")],
)
def test_wrong_credentials_get_no_session(
    http: httpx.Client, tenant: str, username: str, password: str
) -> None:
    r = http.post(
        "/session",
        json={"username": username, "password": password},
        headers={"x-g4-tenant": tenant},
    )
    assert r.status_code == 200, r.text
    answer = r.json()
    assert answer["validCredentials"] is False and answer["accessAllowed"] is False
    for absent in ("sessionId", "bearer", "userId"):
        assert absent not in answer
    assert answer["version"] == 0


def test_users_are_per_tenant(http: httpx.Client, tenant: str) -> None:
    other = f"t-{uuid.uuid4().hex[:8]}"
    assert login(http, other).json()["validCredentials"] is False


def test_login_needs_the_tenant_header(http: httpx.Client) -> None:
    r = http.post("/session", json={"username": "alice", "password": PASSWORD})
    assert_problem(r, 400, "MISSING_TENANT")


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ({"timeout": -1}, "INVALID_TIMEOUT"),
        ({"timeout": 86401}, "INVALID_TIMEOUT"),
        ({"colour": "red"}, "UNKNOWN_FIELD"),
        ({"Username": "alice"}, "UNKNOWN_FIELD"),
    ],
)
def test_bad_login_bodies_are_400(
    http: httpx.Client, tenant: str, body: dict[str, Any], reason: str
) -> None:
    assert_problem(login(http, tenant, **body), 400, reason)


def test_malformed_and_mistyped_bodies_are_400(http: httpx.Client, tenant: str) -> None:
    headers = {"x-g4-tenant": tenant, "content-type": "application/json"}
    for content in (b'{"username": ', b'{"username": "alice", "timeout": "soon"}', b"[1]"):
        r = http.post("/session", content=content, headers=headers)
        assert r.status_code == 400, r.text
        assert r.headers["content-type"].startswith("application/json")
        assert isinstance(r.json(), dict)


# -- GET /session/{id}, GET /static-session/{id} ----------------------------------------------


def test_get_returns_bearer_user_and_data(http: httpx.Client, tenant: str) -> None:
    data = {"cart": [1, "two", None, True], "n": 2.5}
    sid, headers = create(http, tenant, data=data)
    for path in (f"/session/{sid}", f"/static-session/{sid}"):
        r = http.get(path, headers=headers)
        assert r.status_code == 200, r.text
        answer = r.json()
        assert set(answer) == {"bearer", "userId", "data"}
        assert answer["bearer"] == headers["authorization"].removeprefix("Bearer ")
        assert answer["data"] == data
    user = login(http, tenant).json()["userId"]
    assert http.get(f"/session/{sid}", headers=headers).json()["userId"] == user


def test_data_is_null_when_none_was_given(http: httpx.Client, tenant: str) -> None:
    sid, headers = create(http, tenant)
    assert http.get(f"/session/{sid}", headers=headers).json()["data"] is None


@pytest.mark.parametrize("method", ["GET", "GET static", "PUT", "DELETE"])
def test_bearer_is_required(http: httpx.Client, tenant: str, method: str) -> None:
    sid, headers = create(http, tenant)
    _, other_headers = create(http, tenant)
    verb, _, static = method.partition(" ")
    path = f"/static-session/{sid}" if static else f"/session/{sid}"
    body = {"x": 1} if verb == "PUT" else None
    for auth in (
        None,
        "Bearer",
        "Bearer wrong",
        "Basic YWxpY2U6cHc=",
        other_headers["authorization"],
    ):
        sent = {"x-g4-tenant": tenant} | ({"authorization": auth} if auth is not None else {})
        assert_problem(http.request(verb, path, headers=sent, json=body), 401, "INVALID_BEARER")
    # Nothing changed: the session is still there with its data.
    assert http.get(f"/static-session/{sid}", headers=headers).json()["data"] is None


def test_another_tenant_sees_404(http: httpx.Client, tenant: str) -> None:
    sid, headers = create(http, tenant)
    other = {**headers, "x-g4-tenant": f"t-{uuid.uuid4().hex[:8]}"}
    assert_problem(http.get(f"/session/{sid}", headers=other), 404, "TTL_SESSION_NOT_FOUND")
    assert_problem(http.get(f"/static-session/{sid}", headers=other), 404)
    assert_problem(http.put(f"/session/{sid}", json=1, headers=other), 404)
    assert_problem(http.delete(f"/session/{sid}", headers=other), 404)
    assert http.get(f"/session/{sid}", headers=headers).status_code == 200


def test_missing_tenant_header_is_400(http: httpx.Client, tenant: str) -> None:
    sid, headers = create(http, tenant)
    del headers["x-g4-tenant"]
    assert_problem(http.get(f"/session/{sid}", headers=headers), 400, "MISSING_TENANT")


def test_unknown_session_is_404(http: httpx.Client, tenant: str) -> None:
    _, headers = create(http, tenant)
    assert_problem(
        http.get(f"/session/{uuid.uuid4()}", headers=headers), 404, "TTL_SESSION_NOT_FOUND"
    )


# -- PUT /session/{id} ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [{"a": {"b": [1, 2]}}, [1, "x", None], "text", 42, 2.5, True, None, {}],
)
def test_put_replaces_data_with_any_json_value(
    http: httpx.Client, tenant: str, value: object
) -> None:
    sid, headers = create(http, tenant, data={"old": 1})
    # httpx sends no body for json=None: give the JSON text itself.
    r = http.put(
        f"/session/{sid}",
        content=json.dumps(value).encode(),
        headers={**headers, "content-type": "application/json"},
    )
    assert r.status_code == 204 and r.content == b"", r.text
    assert http.get(f"/static-session/{sid}", headers=headers).json()["data"] == value


def test_put_without_body_sets_an_empty_object(http: httpx.Client, tenant: str) -> None:
    # The transcoder reads an empty body as {}; the server cannot tell the two apart.
    sid, headers = create(http, tenant, data={"old": 1})
    r = http.put(f"/session/{sid}", headers=headers)
    assert r.status_code == 204, r.text
    assert http.get(f"/static-session/{sid}", headers=headers).json()["data"] == {}


def test_put_malformed_json_is_400_and_changes_nothing(http: httpx.Client, tenant: str) -> None:
    sid, headers = create(http, tenant, data={"old": 1})
    r = http.put(
        f"/session/{sid}",
        content=b'{"a": ',
        headers={**headers, "content-type": "application/json"},
    )
    assert r.status_code == 400, r.text
    assert http.get(f"/static-session/{sid}", headers=headers).json()["data"] == {"old": 1}


def test_put_too_large_is_413(http: httpx.Client, tenant: str) -> None:
    sid, headers = create(http, tenant, data={"old": 1})
    r = http.put(f"/session/{sid}", json={"blob": "x" * 70_000}, headers=headers)
    assert_problem(r, 413, "SESSION_DATA_TOO_LARGE")
    assert http.get(f"/static-session/{sid}", headers=headers).json()["data"] == {"old": 1}


# -- DELETE /session/{id} ---------------------------------------------------------------------


def test_delete_ends_the_session(http: httpx.Client, tenant: str) -> None:
    sid, headers = create(http, tenant)
    r = http.delete(f"/session/{sid}", headers=headers)
    assert r.status_code == 204 and r.content == b"", r.text
    assert_problem(http.get(f"/session/{sid}", headers=headers), 404, "TTL_SESSION_NOT_FOUND")
    assert_problem(http.delete(f"/session/{sid}", headers=headers), 404, "TTL_SESSION_NOT_FOUND")


# -- expiry -----------------------------------------------------------------------------------


# Sliding versus static reads are timed on virtual time in
# tests/integration/test_sessions_grpc.py; here only the purge of a real server is waited for.


def test_expired_sessions_are_purged_without_a_request(
    http: httpx.Client, rolecall: RolecallProcess, tenant: str
) -> None:
    long_sid, long_headers = create(http, tenant, timeout=600)
    sid, headers = create(http, tenant, timeout=1)
    assert stored_session(rolecall.data_dir, tenant, sid) is not None
    assert wait_until(lambda: stored_session(rolecall.data_dir, tenant, sid) is None, timeout=4)
    assert_problem(http.get(f"/session/{sid}", headers=headers), 404, "TTL_SESSION_NOT_FOUND")
    assert http.get(f"/session/{long_sid}", headers=long_headers).status_code == 200


def test_gateway_made_errors_have_the_problem_body(http: httpx.Client, tenant: str) -> None:
    r = http.post(
        "/session",
        content=b'{"username": ',
        headers={"x-g4-tenant": tenant, "content-type": "application/json"},
    )
    assert_problem(r, 400)


# -- restart ----------------------------------------------------------------------------------


def test_sessions_survive_a_restart(tmp_path: Path) -> None:
    server = RolecallProcess(tmp_path / "data").start()
    try:
        add_user(server.data_dir, "t1", "alice")
        with httpx.Client(base_url=server.http_base, headers=server.headers, timeout=10) as http:
            sid, headers = create(http, "t1", data={"kept": True}, timeout=600)
            short_sid, short_headers = create(http, "t1", timeout=600)
            assert http.put(f"/session/{sid}", json=[1, 2], headers=headers).status_code == 204
        server.stop()
        expire_stored_session(server.data_dir, "t1", short_sid)  # as if it ran out while down
        server.start()
        with httpx.Client(base_url=server.http_base, headers=server.headers, timeout=10) as http:
            r = http.get(f"/session/{sid}", headers=headers)
            assert r.status_code == 200, r.text
            assert r.json()["data"] == [1, 2]
            assert_problem(http.get(f"/session/{short_sid}", headers=short_headers), 404)
        assert stored_session(server.data_dir, "t1", short_sid) is None
    finally:
        server.stop()
