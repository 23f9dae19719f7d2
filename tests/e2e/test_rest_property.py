"""Property: whatever body, ids and headers a client sends to any REST route, through the real
Envoy, the answer is never a 5xx, and a 4xx changes nothing.

Hypothesis generates the requests (a bounded number: the whole test stays well under a minute);
"nothing changed" is checked on a fingerprint of the tenant's stored configuration (groups and
their client sessions, jobs, job sessions), read as the cluster admin before and after.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from server.api.auth import METHOD_RULES
from server.domain.auth import Scope
from tests.auth_matrix import FIELD_VALUES, NAMESPACE, TENANT, rest_routes
from tests.harness import RolecallProcess, issue_token

pytestmark = pytest.mark.e2e

ROUTES = rest_routes((path for path in METHOD_RULES if path.startswith("/rolecall.")), {})
VARIABLE = re.compile(r"\{([a-z_]+)\}")
GROUPS = f"/api/v1/tenants/{TENANT}/namespaces/{NAMESPACE}/clientfailover/groups"

# Ids: mostly the ones that exist (so requests reach real state), sometimes anything.
ids = st.one_of(
    st.sampled_from(["g", "s", "j", "1", TENANT, NAMESPACE]),
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_characters="/?#"), min_size=0, max_size=40
    ),
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)
# Field names the APIs know, so bodies are often almost right.
known_keys = st.sampled_from(
    [
        "Id",
        "Name",
        "FailoverTimeout",
        "Milliseconds",
        "PercentHealthyStreams",
        "FailoverStatus",
        "description",
        "job_actions",
        "schedule",
        "job_id",
        "start",
        "end",
        "current_tag",
        "data",
    ]
)
bodies = st.one_of(
    st.none(),
    st.binary(max_size=64),
    st.dictionaries(st.one_of(known_keys, st.text(max_size=10)), json_values, max_size=5).map(
        lambda d: json.dumps(d).encode()
    ),
    json_values.map(lambda v: json.dumps(v).encode()),
)
header_names = st.sampled_from(
    [
        "content-type",
        "x-g4-tenant",
        "x-user-id",
        "x-forwarded-host",
        "x-request-id",
        "x-http-status",
        "x-error-body",
        "accept",
        "x-auth-token",
        "grpc-timeout",
    ]
)
# Printable ASCII without surrounding blanks (HTTP/1.1 clients refuse those themselves).
header_values = st.text(
    alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=40
).map(str.strip)


@pytest.fixture(scope="module")
def http(rolecall: RolecallProcess) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=rolecall.http_base, timeout=10) as client:
        client.post(
            GROUPS, json={"Id": "g", "FailoverTimeout": "00:10:00"}, headers=rolecall.headers
        )
        client.post(f"{GROUPS}/g/clientsessions", json={"Id": "s"}, headers=rolecall.headers)
        yield client


@pytest.fixture(scope="module")
def tokens(rolecall: RolecallProcess) -> list[str | None]:
    """Who the generated requests are: the admin, a tenant with every scope, another tenant,
    no one, a forged token."""
    every = [s for s in Scope if s is not Scope.ADMIN]
    return [
        rolecall.token,
        issue_token(rolecall.data_dir, TENANT, *every),
        issue_token(rolecall.data_dir, "beta", *every),
        None,
        rolecall.token[:-4] + "AAAA",
    ]


def fingerprint(http: httpx.Client, admin: dict[str, str]) -> str:
    """The tenant's stored configuration, without values that move by themselves (heartbeat
    times, roles and epochs change with the clock)."""
    groups = http.get(GROUPS, headers=admin).json()
    stable = ("Id", "Name", "Description", "FailoverTimeout", "Sessions")
    config = [{k: v for k, v in g.items() if k in stable} for g in groups]
    jobs = http.get(f"/v2/{TENANT}/jobs", headers=admin).json()
    sessions = http.get(f"/v2/{TENANT}/sessions", headers=admin).json()
    return json.dumps([config, jobs, sessions], sort_keys=True)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_5xx_and_no_change_on_a_4xx(
    rolecall: RolecallProcess, http: httpx.Client, tokens: list[str | None], data: st.DataObject
) -> None:
    _, verb, template = data.draw(st.sampled_from(ROUTES), label="route")
    values = {name: data.draw(ids, label=name) for name in VARIABLE.findall(template)}
    url = VARIABLE.sub(lambda m: quote(values[m.group(1)], safe=""), template)
    headers = data.draw(st.dictionaries(header_names, header_values, max_size=3), label="headers")
    token = data.draw(st.sampled_from(tokens), label="token")
    if token is not None:
        headers["authorization"] = f"Bearer {token}"
    body = data.draw(bodies, label="body") if verb in ("POST", "PUT", "PATCH") else None

    before = fingerprint(http, rolecall.headers)
    response = http.request(verb, url, headers=headers, content=body)
    assert response.status_code < 500, (verb, url, response.status_code, response.text)
    if 400 <= response.status_code < 500:
        assert fingerprint(http, rolecall.headers) == before, (verb, url, response.text)


def test_the_fingerprint_sees_a_change(rolecall: RolecallProcess, http: httpx.Client) -> None:
    """The property above would pass vacuously if the fingerprint missed changes."""
    before = fingerprint(http, rolecall.headers)
    created = http.post(GROUPS, json={"Id": "fingerprinted"}, headers=rolecall.headers)
    assert created.status_code == 200, created.text
    assert fingerprint(http, rolecall.headers) != before
    assert FIELD_VALUES["tenant_id"] == TENANT


@pytest.mark.parametrize("header", ["grpc-timeout", "grpc-encoding"])
def test_client_grpc_headers_on_rest_do_not_reach_the_server(
    rolecall: RolecallProcess, http: httpx.Client, header: str
) -> None:
    """Found by the property above: `grpc-timeout: ` on a REST request was forwarded to the
    gRPC server, which refused the call's metadata: a 500."""
    for value in ("", "x", "gzip"):
        headers = {**rolecall.headers, header: value}
        response = http.get(f"{GROUPS}/g", headers=headers)
        assert response.status_code == 200, (value, response.status_code, response.text)
