"""Seed 002 (MaxScale live sessions) through the real Envoy, with real gRPC streams.

Each test opens its own HeartbeatStream / WatchGroup streams with grpcio and closes them, and
finds its sessions by the client sessions or groups they serve, so tests sharing one server do
not see each other's sessions by accident.
"""

from __future__ import annotations

import queue
import re
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import grpc
import httpx
import pytest
from google.rpc import error_details_pb2, status_pb2
from rolecall.failover.v1 import failover_pb2 as fpb
from rolecall.failover.v1 import failover_pb2_grpc

from tests.harness import RolecallProcess, wait_until

pytestmark = pytest.mark.e2e

# C asctime, as MaxScale prints `connected`: "Wed May 17 10:06:35 2017" (day padded by a space).
ASCTIME = re.compile(r"^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$")
ATTRIBUTES = {
    "state",
    "connected",
    "user",
    "remote",
    "idle",
    "seconds_alive",
    "groups",
    "client_sessions",
}


@pytest.fixture
def http(rolecall: RolecallProcess) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=rolecall.http_base, headers=rolecall.headers, timeout=10) as client:
        yield client


@pytest.fixture
def channel(rolecall: RolecallProcess) -> Iterator[grpc.Channel]:
    with rolecall.channel() as ch:
        yield ch


@pytest.fixture
def tenant() -> str:
    return f"t-{uuid.uuid4().hex[:8]}"


def groups_path(tenant: str) -> str:
    return f"/api/v1/tenants/{tenant}/namespaces/n1/clientfailover/groups"


def make_group(http: httpx.Client, tenant: str, gid: str, *sessions: str) -> None:
    r = http.post(groups_path(tenant), json={"Id": gid, "FailoverTimeout": "00:00:30"})
    assert r.status_code == 200, r.text
    for sid in sessions:
        r = http.post(groups_path(tenant) + f"/{gid}/clientsessions", json={"Id": sid})
        assert r.status_code == 200, r.text


@dataclass
class Agent:
    """A HeartbeatStream driven from a thread: `beat()` sends, `responses` collects."""

    call: Any
    outbox: queue.Queue[fpb.HeartbeatStreamRequest | None]
    responses: list[fpb.HeartbeatStreamResponse] = field(default_factory=list)
    ended: threading.Event = field(default_factory=threading.Event)
    reader: threading.Thread | None = None

    @classmethod
    def open(cls, channel: grpc.Channel) -> Agent:
        outbox: queue.Queue[fpb.HeartbeatStreamRequest | None] = queue.Queue()

        def requests() -> Iterator[fpb.HeartbeatStreamRequest]:
            while (message := outbox.get()) is not None:
                yield message

        call = failover_pb2_grpc.ClientFailoverServiceStub(channel).HeartbeatStream(requests())
        agent = cls(call, outbox)
        agent.reader = threading.Thread(target=agent._read, daemon=True)
        agent.reader.start()
        return agent

    def _read(self) -> None:
        try:
            for response in self.call:
                self.responses.append(response)
        except grpc.RpcError:
            pass
        finally:
            self.ended.set()

    def beat(self, tenant: str, gid: str, sid: str) -> None:
        key = fpb.ClientSessionKey(
            tenant_id=tenant, namespace_id="n1", group_id=gid, session_id=sid
        )
        count = len(self.responses)
        self.outbox.put(
            fpb.HeartbeatStreamRequest(heartbeats=[fpb.SessionHeartbeat(key=key)], sequence=1)
        )
        assert wait_until(lambda: len(self.responses) > count), "no answer to the heartbeat"

    def close(self) -> None:
        self.outbox.put(None)
        self.call.cancel()
        self.ended.wait(5)


@pytest.fixture
def agents(channel: grpc.Channel) -> Iterator[list[Agent]]:
    """Open streams with `agents.append(Agent.open(channel))`; all are closed afterwards."""
    opened: list[Agent] = []
    yield opened
    for agent in opened:
        agent.close()


@pytest.fixture
def watches(channel: grpc.Channel) -> Iterator[list[Any]]:
    opened: list[Any] = []
    yield opened
    for call in opened:
        call.cancel()


def watch(channel: grpc.Channel, tenant: str, gid: str) -> Any:
    """A WatchGroup stream, open once its first message arrived."""
    call = failover_pb2_grpc.ClientFailoverServiceStub(channel).WatchGroup(
        fpb.WatchGroupRequest(tenant_id=tenant, namespace_id="n1", group_id=gid)
    )
    assert next(call).event == "initial"
    return call


def all_sessions(http: httpx.Client) -> list[dict[str, Any]]:
    r = http.get("/v1/sessions")
    assert r.status_code == 200, r.text
    data: list[dict[str, Any]] = r.json()["data"]
    return data


def sessions_of(http: httpx.Client, tenant: str) -> list[dict[str, Any]]:
    """The listed sessions that serve a group of `tenant`."""
    return [
        s
        for s in all_sessions(http)
        if any(g["tenant_id"] == tenant for g in s["attributes"]["groups"])
    ]


def assert_link(http: httpx.Client, link: str, path: str) -> None:
    """The absolute URL of `path` on the host the client called."""
    assert link == str(http.base_url).rstrip("/") + path


def assert_jsonapi_error(r: httpx.Response, status: int, code: str | None = None) -> None:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert isinstance(body["errors"], list) and body["errors"], body
    error = body["errors"][0]
    assert isinstance(error["detail"], str) and error["detail"]
    if code is not None:
        assert error["code"] == code, body
    for leaked in ("grpc-status", "grpc-message", "x-error-body", "x-http-status"):
        assert leaked not in r.headers


def assert_closed_by_operator(call: Any) -> None:
    """The stream ended with UNAVAILABLE and the reason SESSION_CLOSED: reconnect."""
    assert call.code() == grpc.StatusCode.UNAVAILABLE, call.code()
    trailers = dict(call.trailing_metadata() or ())
    status = status_pb2.Status.FromString(trailers["grpc-status-details-bin"])
    info = error_details_pb2.ErrorInfo()
    assert status.details[0].Unpack(info)
    assert info.reason == "SESSION_CLOSED"


def assert_session_resource(http: httpx.Client, item: dict[str, Any], service: str) -> None:
    assert set(item) == {"id", "type", "relationships", "attributes", "links"}
    assert item["id"].isdigit() and item["type"] == "sessions"
    services = item["relationships"]["services"]
    assert_link(http, services["links"]["self"], "/v1/services/")
    assert services["data"] == [{"id": service, "type": "services"}]
    assert_link(http, item["links"]["self"], f"/v1/sessions/{item['id']}")
    attributes = item["attributes"]
    assert set(attributes) == ATTRIBUTES
    assert attributes["state"] == "Session started"
    assert ASCTIME.match(attributes["connected"]), attributes["connected"]
    assert attributes["user"] == "bootstrap-admin"  # the subject of the stream's token
    assert attributes["remote"].startswith(("ipv4:", "ipv6:")), attributes["remote"]
    assert isinstance(attributes["idle"], int | float) and attributes["idle"] >= 0
    assert isinstance(attributes["seconds_alive"], int | float) and attributes["seconds_alive"] >= 0


# -- listing and shapes --------------------------------------------------------------------


def test_heartbeat_stream_is_a_session_with_the_jsonapi_shape(
    http: httpx.Client, channel: grpc.Channel, agents: list[Agent], tenant: str
) -> None:
    make_group(http, tenant, "g1", "c1")
    agent = Agent.open(channel)
    agents.append(agent)
    agent.beat(tenant, "g1", "c1")

    r = http.get("/v1/sessions")
    assert r.status_code == 200, r.text
    document = r.json()
    assert set(document) == {"links", "data"}
    assert set(document["links"]) == {"self"}  # not paginated: no next
    assert_link(http, document["links"]["self"], "/v1/sessions/")
    mine = sessions_of(http, tenant)
    assert len(mine) == 1
    item = mine[0]
    assert_session_resource(http, item, "HeartbeatStream")
    assert item["attributes"]["groups"] == [
        {"tenant_id": tenant, "namespace_id": "n1", "group_id": "g1"}
    ]
    assert item["attributes"]["client_sessions"] == [
        {"tenant_id": tenant, "namespace_id": "n1", "group_id": "g1", "session_id": "c1"}
    ]

    r = http.get(f"/v1/sessions/{item['id']}")
    assert r.status_code == 200, r.text
    single = r.json()
    assert set(single) == {"links", "data"}
    assert_link(http, single["links"]["self"], f"/v1/sessions/{item['id']}")
    assert_session_resource(http, single["data"], "HeartbeatStream")
    assert single["data"]["attributes"]["client_sessions"] == item["attributes"]["client_sessions"]


def test_watch_group_stream_is_a_session(
    http: httpx.Client, channel: grpc.Channel, watches: list[Any], tenant: str
) -> None:
    make_group(http, tenant, "g1")
    watches.append(watch(channel, tenant, "g1"))
    mine = sessions_of(http, tenant)
    assert len(mine) == 1
    assert_session_resource(http, mine[0], "WatchGroup")
    assert mine[0]["attributes"]["client_sessions"] == []

    # Closing the stream ends the session.
    watches.pop().cancel()
    assert wait_until(lambda: not sessions_of(http, tenant))


def test_idle_and_seconds_alive_grow(
    http: httpx.Client, channel: grpc.Channel, agents: list[Agent], tenant: str
) -> None:
    make_group(http, tenant, "g1", "c1")
    agent = Agent.open(channel)
    agents.append(agent)
    agent.beat(tenant, "g1", "c1")
    first = sessions_of(http, tenant)[0]["attributes"]
    assert wait_until(
        lambda: sessions_of(http, tenant)[0]["attributes"]["seconds_alive"] >= 0.2, timeout=3
    )
    later = sessions_of(http, tenant)[0]["attributes"]
    assert later["idle"] >= first["idle"] and later["seconds_alive"] > first["seconds_alive"]


def test_links_use_the_listener_not_the_request_host(http: httpx.Client) -> None:
    # The client's Host is anyone's to set (issue 9); --public-url sets another base.
    headers = {"Host": "rolecall.example:8989", "X-Forwarded-Host": "spoofed.example"}
    r = http.get("/v1/sessions", headers=headers)
    base = str(http.base_url).rstrip("/")
    assert r.json()["links"]["self"] == f"{base}/v1/sessions/"


# -- pagination -----------------------------------------------------------------------------


def test_pages_follow_links_next(
    http: httpx.Client, channel: grpc.Channel, watches: list[Any], tenant: str
) -> None:
    for gid in ("g1", "g2", "g3"):
        make_group(http, tenant, gid)
        watches.append(watch(channel, tenant, gid))
    everything = [s["id"] for s in all_sessions(http)]
    assert len(everything) >= 3

    seen: list[str] = []
    url: str | None = "/v1/sessions?page[size]=2"
    pages = 0
    while url is not None:
        r = http.get(url)
        assert r.status_code == 200, r.text
        document = r.json()
        pages += 1
        assert_link(
            http, document["links"]["self"], f"/v1/sessions/?page[size]=2&page[number]={pages - 1}"
        )
        assert 1 <= len(document["data"]) <= 2
        seen += [s["id"] for s in document["data"]]
        next_link = document["links"].get("next")
        if next_link is not None:
            assert_link(http, next_link, f"/v1/sessions/?page[size]=2&page[number]={pages}")
            parts = urlsplit(next_link)
            url = f"{parts.path}?{parts.query}"
        else:
            url = None
    # Nobody else opens streams meanwhile: the pages add up to the whole list.
    assert seen == everything
    assert pages == (len(everything) + 1) // 2


def test_page_parameters_percent_encoded_and_as_fields(
    http: httpx.Client, channel: grpc.Channel, watches: list[Any], tenant: str
) -> None:
    for gid in ("g1", "g2"):
        make_group(http, tenant, gid)
        watches.append(watch(channel, tenant, gid))
    everything = [s["id"] for s in all_sessions(http)]
    r = http.get("/v1/sessions?page%5Bsize%5D=1&page%5Bnumber%5D=1")
    assert r.status_code == 200, r.text
    assert [s["id"] for s in r.json()["data"]] == everything[1:2]
    r = http.get("/v1/sessions?page_size=1&page_number=0")
    assert r.status_code == 200, r.text
    document = r.json()
    assert [s["id"] for s in document["data"]] == everything[:1]
    assert_link(http, document["links"]["next"], "/v1/sessions/?page[size]=1&page[number]=1")
    # Past the end: an empty page without next.
    r = http.get("/v1/sessions?page[size]=1000&page[number]=5")
    assert r.status_code == 200 and r.json()["data"] == [] and "next" not in r.json()["links"]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("page[size]=abc", "INVALID_PAGE_PARAMETER"),
        ("page[number]=-1", "INVALID_PAGE_PARAMETER"),
        ("page[size]=1001", "INVALID_PAGE_SIZE"),
        ("page_number=-1", "INVALID_PAGE_NUMBER"),
    ],
)
def test_bad_page_parameters_are_400(http: httpx.Client, query: str, code: str) -> None:
    assert_jsonapi_error(http.get(f"/v1/sessions?{query}"), 400, code)


# -- closing a session ----------------------------------------------------------------------


def test_delete_closes_the_heartbeat_stream(
    http: httpx.Client, channel: grpc.Channel, agents: list[Agent], tenant: str
) -> None:
    make_group(http, tenant, "g1", "c1")
    agent = Agent.open(channel)
    agents.append(agent)
    agent.beat(tenant, "g1", "c1")
    session_id = sessions_of(http, tenant)[0]["id"]

    r = http.delete(f"/v1/sessions/{session_id}")
    assert r.status_code == 204 and r.content == b"", r.text
    assert agent.ended.wait(5), "the stream did not end"
    assert_closed_by_operator(agent.call)

    assert_jsonapi_error(http.get(f"/v1/sessions/{session_id}"), 404, "LIVE_SESSION_NOT_FOUND")
    assert_jsonapi_error(http.delete(f"/v1/sessions/{session_id}"), 404, "LIVE_SESSION_NOT_FOUND")
    assert sessions_of(http, tenant) == []


def test_delete_closes_a_watch_stream(
    http: httpx.Client, channel: grpc.Channel, watches: list[Any], tenant: str
) -> None:
    make_group(http, tenant, "g1")
    call = watch(channel, tenant, "g1")
    watches.append(call)
    session_id = sessions_of(http, tenant)[0]["id"]
    assert http.delete(f"/v1/sessions/{session_id}").status_code == 204
    with pytest.raises(grpc.RpcError):
        next(call)
    assert_closed_by_operator(call)


def test_unknown_session_is_404(http: httpx.Client) -> None:
    assert_jsonapi_error(http.get("/v1/sessions/999999999"), 404, "LIVE_SESSION_NOT_FOUND")
    assert_jsonapi_error(http.get("/v1/sessions/not-a-number"), 404, "LIVE_SESSION_NOT_FOUND")
    assert_jsonapi_error(http.delete("/v1/sessions/999999999"), 404, "LIVE_SESSION_NOT_FOUND")


def test_gateway_made_errors_have_the_jsonapi_body(http: httpx.Client) -> None:
    assert_jsonapi_error(http.get("/v1/sessions/1/nothing"), 404)
