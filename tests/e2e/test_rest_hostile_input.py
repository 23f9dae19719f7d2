"""Hostile or malformed REST input through the real Envoy: always a 4xx with the API's body.

Each API answers errors in its own documented shape (failover `Reason`, g4 ProblemDetails
`reason`, Freezer `reason`, MaxScale `errors[0].code`); never a 500, a hang, or a 2xx that
silently dropped part of the request.
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

from tests.harness import RolecallProcess

pytestmark = pytest.mark.e2e

LEAKED = ("grpc-", "x-error-body", "x-http-status")


@pytest.fixture(scope="module")
def http(rolecall: RolecallProcess) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=rolecall.http_base, headers=rolecall.headers, timeout=10) as client:
        yield client


def groups() -> str:
    return f"/api/v1/tenants/t-{uuid.uuid4().hex[:8]}/namespaces/n/clientfailover/groups"


def reason_of(r: httpx.Response) -> str:
    body: dict[str, Any] = r.json()
    if "errors" in body:
        return str(body["errors"][0]["code"])
    return str(body.get("Reason") or body.get("reason"))


def assert_refused(r: httpx.Response, status: int, reason: str) -> None:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    assert reason_of(r) == reason, r.text
    for header in r.headers:
        assert not header.startswith(LEAKED), header


def nested(depth: int) -> str:
    """A JSON array nested `depth` levels deep, as text (json.dumps recurses too)."""
    return "[" * depth + "1" + "]" * depth


# -- strict JSON ------------------------------------------------------------------------------


def test_an_unknown_field_after_a_trailing_comma_is_refused(http: httpx.Client) -> None:
    # The transcoder tolerates a trailing comma; the old gateway then flagged its key list as
    # incomplete, the server ignored the flag, and the unknown field was dropped with a 200.
    r = http.post(groups(), content=b'{"Id": "g1", "Bogus": 1,}')
    assert_refused(r, 400, "INVALID_REQUEST_BODY")
    r = http.post(groups(), content=b'{"Id": "g1", "Bogus": 1}')
    assert_refused(r, 400, "UNKNOWN_FIELD")


def test_an_unknown_field_at_key_path_250_of_a_large_body_is_refused(http: httpx.Client) -> None:
    body: dict[str, Any] = {"username": "u", "password": "p", "timeout": 5}
    body["data"] = {f"key-{i:04d}-of-a-large-body": i for i in range(246)}
    body["Bogus"] = True  # the 250th key path
    r = http.post("/session", content=json.dumps(body), headers={"x-g4-tenant": "acme"})
    assert_refused(r, 400, "UNKNOWN_FIELD")


# -- nesting depth (500 before: upb's MaxDepth, RecursionError) --------------------------------


@pytest.mark.parametrize("depth", [51, 75, 99, 5000])
def test_deep_g4_data_is_400(http: httpx.Client, depth: int) -> None:
    body = '{"username": "u", "password": "p", "data": ' + nested(depth) + "}"
    r = http.post("/session", content=body, headers={"x-g4-tenant": "acme"})
    assert_refused(r, 400, "JSON_TOO_DEEP")


@pytest.mark.parametrize("depth", [51, 99])
def test_deep_freezer_job_actions_are_400(http: httpx.Client, depth: int) -> None:
    body = '{"client_id": "c", "job_schedule": {}, "job_actions": ' + nested(depth) + "}"
    r = http.post(f"/v2/p-{uuid.uuid4().hex[:8]}/jobs", content=body)
    assert_refused(r, 400, "JSON_TOO_DEEP")


@pytest.mark.parametrize("depth", [51, 99])
def test_a_deep_freezer_search_body_is_400(http: httpx.Client, depth: int) -> None:
    body = '{"match": [{"a": ' + nested(depth) + "}]}"
    r = http.request("GET", f"/v2/p-{uuid.uuid4().hex[:8]}/sessions", content=body)
    assert_refused(r, 400, "JSON_TOO_DEEP")


def test_moderate_nesting_still_works(http: httpx.Client) -> None:
    body = '{"client_id": "c", "job_schedule": {}, "job_actions": [{"a": ' + nested(20) + "}]}"
    r = http.post(f"/v2/p-{uuid.uuid4().hex[:8]}/jobs", content=body)
    assert r.status_code == 201, r.text


# -- headers, paths, content types --------------------------------------------------------------


def test_links_ignore_the_clients_host_header(
    http: httpx.Client, rolecall: RolecallProcess
) -> None:
    # Before: `Host: evil.example` was copied into every link.
    r = http.get("/v1/sessions", headers={"Host": "evil.example"})
    assert r.status_code == 200, r.text
    assert r.json()["links"]["self"] == f"{rolecall.http_base}/v1/sessions/"


def test_links_use_the_configured_public_url(tmp_path: Path) -> None:
    public = "https://rolecall.example:8443/prefix"
    server = RolecallProcess(tmp_path / "data", extra_args=["--public-url", public]).start()
    try:
        headers = {**server.headers, "Host": "evil.example"}
        r = httpx.get(f"{server.http_base}/v1/sessions", headers=headers)
    finally:
        server.stop()
    assert r.json()["links"]["self"] == f"{public}/v1/sessions/"


@pytest.mark.parametrize("size", [9_000, 12_000])
def test_a_long_path_under_the_limit_is_served(http: httpx.Client, size: int) -> None:
    # Before: over grpc's 8 KiB metadata soft limit, a random 429 listing header sizes.
    for _ in range(5):
        r = http.get(f"/v1/sessions/{'a' * size}")
        assert_refused(r, 404, "LIVE_SESSION_NOT_FOUND")


@pytest.mark.parametrize(
    ("path", "headers"),
    [(f"/v1/sessions/{'a' * 20_000}", {}), ("/session/x", {"x-big": "a" * 30_000})],
)
def test_oversized_paths_and_headers_are_431(
    http: httpx.Client, path: str, headers: dict[str, str]
) -> None:
    r = http.get(path, headers=headers)
    assert_refused(r, 431, "HEADERS_TOO_LARGE")
    assert "B " not in r.text and "limit" not in r.text  # no header sizes or grpc internals


@pytest.mark.parametrize(
    ("method", "path", "reason"),
    [
        ("POST", "/session", "UNSUPPORTED_MEDIA_TYPE"),
        ("GET", "/v2/p/jobs", "UNSUPPORTED_MEDIA_TYPE"),
        ("GET", "/api/v1/tenants/t/namespaces/n/clientfailover/groups/g", "UNSUPPORTED_MEDIA_TYPE"),
    ],
)
def test_grpc_content_on_a_rest_path_is_415(
    http: httpx.Client, method: str, path: str, reason: str
) -> None:
    # Before: 200 with an empty body.
    r = http.request(
        method, path, content=b"\0\0\0\0\0", headers={"content-type": "application/grpc"}
    )
    assert_refused(r, 415, reason)


# -- login flood ----------------------------------------------------------------------------------


async def test_a_login_flood_from_one_address_gets_429_with_the_g4_body(
    rolecall: RolecallProcess,
) -> None:
    body = {"username": "nobody", "password": "wrong"}
    async with httpx.AsyncClient(base_url=rolecall.http_base, timeout=30) as client:
        answers = await asyncio.gather(
            *(client.post("/session", json=body, headers={"x-g4-tenant": "t"}) for _ in range(80))
        )
    statuses = [r.status_code for r in answers]
    assert statuses.count(200) >= 1
    limited = [r for r in answers if r.status_code == 429]
    assert limited, statuses  # before: every one of them hashed a password
    problem = limited[0].json()
    assert problem["status"] == 429 and problem["reason"] == "TOO_MANY_REQUESTS"
    assert problem["traceId"] == limited[0].headers["x-request-id"]
