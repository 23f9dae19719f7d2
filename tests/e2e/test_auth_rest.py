"""Auth through real Envoy: every REST route x every token case, each answer in its API's body.

Routes come from the protos' HTTP bindings, what they need from the one table. Before issue 10
every one of these requests succeeded without a token.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from server.api.auth import METHOD_RULES, Reads, Rule
from server.domain.auth import Scope
from server.services.tokens import Keyring, Tokens
from server.store import open_store
from tests.auth_matrix import (
    ALLOWED,
    DENIED,
    FIELD_VALUES,
    NAMESPACE,
    OTHER_TENANT,
    TENANT,
    UNAUTHENTICATED,
    Case,
    cases_for,
    fill,
    guarded_methods,
    rest_routes,
)
from tests.harness import RolecallProcess, issue_token

pytestmark = pytest.mark.e2e


def _routes() -> list[tuple[str, str, str]]:
    """Every guarded REST route; a method that reads its tenant and namespace from the query
    string (the status snapshot) gets them there."""
    routes = []
    for rpc, verb, template in rest_routes((path for path, _ in guarded_methods()), {}):
        url = fill(template, FIELD_VALUES)
        if METHOD_RULES[rpc].reads is Reads.TENANT_NAMESPACE and "{tenant_id}" not in template:
            url += f"?tenant_id={TENANT}&namespace_id={NAMESPACE}"
        routes.append((rpc, verb, url))
    return routes


ROUTES = _routes()


def mint(data_dir: Path, rule: Rule) -> list[Case]:
    async def run() -> list[Case]:
        store = await open_store(data_dir)
        try:
            return await cases_for(Tokens(Keyring.load(data_dir)[0], store), rule)
        finally:
            await store.close()

    return asyncio.run(run())


def assert_api_error_body(url: str, response: httpx.Response) -> None:
    body = response.json()
    if url.startswith("/api/"):
        assert set(body) == {"OperationId", "Error", "Reason", "Resolution"}, body
    elif url.startswith("/v1/sessions"):
        assert body["errors"][0]["status"] == str(response.status_code), body
    elif url.startswith("/v2/"):
        assert {"title", "description"} <= set(body), body
    elif url.startswith("/status"):  # the status snapshot: the failover API's body
        assert set(body) == {"OperationId", "Error", "Reason", "Resolution"}, body
    else:  # pragma: no cover - a new API must say its error body here
        raise AssertionError(url)


@pytest.fixture(scope="module")
def http(rolecall: RolecallProcess) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=rolecall.http_base, timeout=10) as client:
        yield client


def outcome_of(response: httpx.Response) -> str:
    return {401: UNAUTHENTICATED, 403: DENIED}.get(response.status_code, ALLOWED)


@pytest.mark.parametrize(("rpc", "verb", "url"), ROUTES, ids=[f"{v} {u}" for _, v, u in ROUTES])
def test_every_route_with_every_token(
    rolecall: RolecallProcess, http: httpx.Client, rpc: str, verb: str, url: str
) -> None:
    rule = METHOD_RULES[rpc]
    for case in mint(rolecall.data_dir, rule):
        headers = {"authorization": f"Bearer {case.token}"} if case.token else {}
        body = b"{}" if verb in ("POST", "PUT", "PATCH") else None
        response = http.request(verb, url, headers=headers, content=body)
        assert response.status_code < 500, (case.name, response.status_code, response.text)
        assert outcome_of(response) == case.expect(rule), (case.name, response.text)
        if response.status_code in (401, 403):
            assert_api_error_body(url, response)


def test_freezer_clients_may_send_x_auth_token(
    rolecall: RolecallProcess, http: httpx.Client
) -> None:
    jobs_rpc = next(rpc for rpc, _, url in ROUTES if url.startswith("/v2/"))
    right = next(c for c in mint(rolecall.data_dir, METHOD_RULES[jobs_rpc]) if c.name == "right")
    response = http.get(f"/v2/{TENANT}/jobs", headers={"x-auth-token": right.token or ""})
    assert response.status_code == 200, response.text


def test_live_sessions_show_only_the_callers_tenant(
    rolecall: RolecallProcess, http: httpx.Client
) -> None:
    from rolecall.failover.v1 import failover_pb2 as pb
    from rolecall.failover.v1 import failover_pb2_grpc

    acme = issue_token(rolecall.data_dir, TENANT, Scope.FAILOVER_READ, Scope.SESSIONS_ADMIN)
    beta = issue_token(rolecall.data_dir, OTHER_TENANT, Scope.SESSIONS_ADMIN)
    with rolecall.channel() as channel:
        stub = failover_pb2_grpc.ClientFailoverServiceStub(channel)
        stub.CreateGroup(
            pb.CreateGroupRequest(
                tenant_id=TENANT, namespace_id=NAMESPACE, group=pb.GroupConfiguration(id="w")
            )
        )
        watch = stub.WatchGroup(
            pb.WatchGroupRequest(tenant_id=TENANT, namespace_id=NAMESPACE, group_id="w"),
            metadata=(("authorization", f"Bearer {acme}"),),
        )
        next(watch)
        try:
            as_acme = {"authorization": f"Bearer {acme}"}
            as_beta = {"authorization": f"Bearer {beta}"}
            mine = http.get("/v1/sessions", headers=as_acme).json()["data"]
            assert [s["relationships"]["services"]["data"][0]["id"] for s in mine] == ["WatchGroup"]
            session_id = mine[0]["id"]
            assert http.get("/v1/sessions", headers=as_beta).json()["data"] == []
            assert http.get(f"/v1/sessions/{session_id}", headers=as_beta).status_code == 404
            assert http.delete(f"/v1/sessions/{session_id}", headers=as_beta).status_code == 404
            everyone = http.get("/v1/sessions", headers=rolecall.headers).json()["data"]
            assert session_id in [s["id"] for s in everyone]  # the cluster admin sees all
            assert http.get(f"/v1/sessions/{session_id}", headers=as_acme).status_code == 200
        finally:
            watch.cancel()


def test_envoy_refuses_bad_tokens_before_the_server(
    rolecall: RolecallProcess, http: httpx.Client
) -> None:
    def denied() -> int:
        stats = httpx.get(f"{rolecall.admin_base}/stats?filter=jwt_authn.denied").text
        return int(stats.strip().rsplit(":", 1)[1])

    before = denied()
    for headers in ({}, {"authorization": "Bearer not.a.jwt"}, {"x-auth-token": "nope"}):
        response = http.get(f"/v2/{TENANT}/jobs", headers=headers)
        assert response.status_code == 401 and response.json()["reason"] == "INVALID_TOKEN"
    assert denied() == before + 3
    # The g4 TTL API keeps its own bearer: Envoy lets its requests through to the server.
    g4 = {"authorization": "Bearer g4", "x-g4-tenant": TENANT}
    assert http.get("/session/nope", headers=g4).status_code in (401, 404)
    assert denied() == before + 3
