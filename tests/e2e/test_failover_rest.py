"""Seeds 000 (v1-preview client sessions) and 001 (v1 groups) through the real Envoy.

Every documented path, method, status code and JSON shape, and the bad inputs of issue 2.
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Iterator

import httpx
import pytest

from tests.harness import RolecallProcess

pytestmark = pytest.mark.e2e

ERROR_KEYS = {"OperationId", "Error", "Reason", "Resolution"}
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")


@pytest.fixture
def http(rolecall: RolecallProcess) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=rolecall.http_base, headers=rolecall.headers, timeout=10) as client:
        yield client


@pytest.fixture
def ns() -> str:
    """A fresh tenant/namespace per test, so tests sharing one server never collide."""
    return f"/tenants/t-{uuid.uuid4().hex[:8]}/namespaces/n1/clientfailover/groups"


def v1(ns: str, rest: str = "") -> str:
    return "/api/v1" + ns + rest


def preview(ns: str, rest: str = "") -> str:
    return "/api/v1-preview" + ns + rest


def make_group(http: httpx.Client, ns: str, gid: str = "g1", timeout: str = "00:00:30") -> None:
    r = http.post(
        v1(ns), json={"Id": gid, "Name": "Group", "Description": "d", "FailoverTimeout": timeout}
    )
    assert r.status_code == 200, r.text


def assert_error(r: httpx.Response, status: int, reason: str | None = None) -> dict[str, str]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body: dict[str, str] = r.json()
    assert ERROR_KEYS <= set(body), body
    assert body["OperationId"]
    if reason is not None:
        assert body["Reason"] == reason, body
    for leaked in ("grpc-status", "grpc-message", "x-error-body"):
        assert leaked not in r.headers
    return body


# -- seed 001: v1 groups -----------------------------------------------------------------------


def test_v1_group_lifecycle_and_shapes(http: httpx.Client, ns: str) -> None:
    assert http.get(v1(ns)).json() == []

    r = http.post(
        v1(ns),
        json={"Id": "g1", "Name": "Main", "Description": "desc", "FailoverTimeout": "00:00:30"},
    )
    assert r.status_code == 200
    assert r.json() == "g1"

    r = http.get(v1(ns, "/g1"))
    assert r.status_code == 200
    group = r.json()
    assert group["Id"] == "g1" and group["Name"] == "Main" and group["Description"] == "desc"
    assert group["FailoverTimeout"] == "00:00:30"
    assert group["Milliseconds"] == 30000
    assert group["Sessions"] == {} and group["Clients"] == {}

    r = http.put(v1(ns, "/g1"), json={"Name": "Renamed", "Milliseconds": 1500})
    assert r.status_code == 200 and r.json() == "g1"
    group = http.get(v1(ns, "/g1")).json()
    assert group["Name"] == "Renamed"
    assert group["FailoverTimeout"] == "00:00:01.5000000"
    assert group["Milliseconds"] == 1500

    listed = http.get(v1(ns)).json()
    assert isinstance(listed, list) and [g["Id"] for g in listed] == ["g1"]

    r = http.delete(v1(ns, "/g1"))
    assert r.status_code == 200 and r.json() == "g1"
    assert_error(http.get(v1(ns, "/g1")), 404, "GROUP_NOT_FOUND")


def test_v1_put_creates_a_group(http: httpx.Client, ns: str) -> None:
    r = http.put(v1(ns, "/fresh"), json={"Name": "F", "FailoverTimeout": "1.00:00:00"})
    assert r.status_code == 200 and r.json() == "fresh"
    group = http.get(v1(ns, "/fresh")).json()
    assert group["FailoverTimeout"] == "1.00:00:00" and group["Milliseconds"] == 86_400_000


def test_v1_client_sessions_heartbeat_and_group_view(http: httpx.Client, ns: str) -> None:
    make_group(http, ns)
    r = http.post(v1(ns, "/g1/clientsessions"), json={"Id": "c1", "Name": "Collector 1"})
    assert r.status_code == 200 and r.json() == "c1"
    http.post(v1(ns, "/g1/clientsessions"), json={"Id": "c2", "Name": "Collector 2"})

    beat = {
        "PercentHealthyStreams": 90,
        "HeartbeatTime": "2024-01-02T03:04:05Z",
        "LastDataSendTime": "2024-01-02T03:04:00Z",
    }
    r = http.post(v1(ns, "/g1/clientsessions/c1"), json=beat)
    assert r.status_code == 200 and r.json()["Role"] == 2  # PendingPrimary first
    r = http.post(v1(ns, "/g1/clientsessions/c1"), json=beat)  # its acknowledgement
    assert r.status_code == 200
    answer = r.json()
    assert answer["Role"] == 1
    assert answer["LastDataSendTime"] == "2024-01-02T03:04:00Z"

    r = http.post(
        v1(ns, "/g1/clientsessions/c2"),
        json={"PercentHealthyStreams": 50, "HeartbeatTime": "2024-01-02T03:04:06Z"},
    )
    assert r.json()["Role"] == 0

    group = http.get(v1(ns, "/g1")).json()
    assert group["Sessions"] == {
        "c1": {"Id": "c1", "Name": "Collector 1"},
        "c2": {"Id": "c2", "Name": "Collector 2"},
    }
    c1 = group["Clients"]["c1"]
    assert c1["SessionId"] == "c1" and c1["Role"] == 1
    assert c1["Heartbeat"] == {
        "PercentHealthyStreams": 90,
        "HeartbeatTime": "2024-01-02T03:04:05Z",
        "LastDataSendTime": "2024-01-02T03:04:00Z",
    }
    assert group["Clients"]["c2"]["Role"] == 0

    # A group with live clients cannot be deleted (409), and nothing changes.
    assert_error(http.delete(v1(ns, "/g1")), 409, "GROUP_HAS_LIVE_CLIENTS")
    assert http.get(v1(ns, "/g1")).status_code == 200

    r = http.delete(v1(ns, "/g1/clientsessions/c2"))
    assert r.status_code == 200 and r.json() == "c2"
    assert "c2" not in http.get(v1(ns, "/g1")).json()["Sessions"]
    assert_error(http.delete(v1(ns, "/g1/clientsessions/c2")), 404, "SESSION_NOT_FOUND")


def test_v1_unknown_group_or_session_is_404(http: httpx.Client, ns: str) -> None:
    assert_error(http.get(v1(ns, "/nope")), 404, "GROUP_NOT_FOUND")
    assert_error(http.delete(v1(ns, "/nope")), 404, "GROUP_NOT_FOUND")
    assert_error(
        http.post(v1(ns, "/nope/clientsessions"), json={"Id": "c"}), 404, "GROUP_NOT_FOUND"
    )
    make_group(http, ns)
    assert_error(
        http.post(v1(ns, "/g1/clientsessions/ghost"), json={"PercentHealthyStreams": 1}),
        404,
        "SESSION_NOT_FOUND",
    )


# -- seed 000: v1-preview client sessions -----------------------------------------------------


def test_preview_client_session_lifecycle(http: httpx.Client, ns: str) -> None:
    make_group(http, ns)
    assert http.get(preview(ns, "/g1/clientsessions")).json() == []

    body = {
        "Id": "s1",
        "Name": "Session 1",
        "Role": 0,
        "Heartbeat": {"FailoverStatus": 0, "HeartbeatTime": "2019-08-24T14:15:22Z"},
    }
    r = http.post(preview(ns, "/g1/clientsessions"), json=body)
    assert r.status_code == 201, r.text
    assert r.json() == {"Id": "s1", "Name": "Session 1", "Role": 0}
    assert_error(http.post(preview(ns, "/g1/clientsessions"), json=body), 409, "SESSION_EXISTS")

    r = http.get(preview(ns, "/g1/clientsessions/s1"))
    assert r.status_code == 200 and r.json()["Id"] == "s1"

    r = http.put(preview(ns, "/g1/clientsessions/s2"), json={"Name": "Two"})
    assert r.status_code == 201 and r.json()["Id"] == "s2"
    r = http.put(preview(ns, "/g1/clientsessions/s2"), json={"Id": "s2", "Name": "Two renamed"})
    assert r.status_code == 200 and r.json()["Name"] == "Two renamed"

    beat = {
        "HeartbeatTime": "2019-08-24T14:15:22Z",
        "LastDataProcessedTime": "2019-08-24T14:15:00Z",
        "FailoverStatus": 80.5,
    }
    r = http.post(preview(ns, "/g1/clientsessions/s1/heartbeat"), json=beat)
    assert r.status_code == 200 and r.json()["Role"] == 2  # PendingPrimary first
    r = http.post(preview(ns, "/g1/clientsessions/s1/heartbeat"), json=beat)
    assert r.status_code == 200
    answer = r.json()
    assert answer["Role"] == 1 and answer["LastDataProcessedTime"] == "2019-08-24T14:15:00Z"

    listed = http.get(preview(ns, "/g1/clientsessions")).json()
    assert [s["Id"] for s in listed] == ["s1", "s2"]
    s1 = listed[0]
    assert s1["Role"] == 1
    assert s1["Heartbeat"]["FailoverStatus"] == 80.5
    assert RFC3339.match(s1["Heartbeat"]["HeartbeatTime"])
    assert s1["Heartbeat"]["LastDataProcessedTime"] == "2019-08-24T14:15:00Z"
    assert listed[1] == {"Id": "s2", "Name": "Two renamed", "Role": 0}

    # The same objects through the v1 API.
    group = http.get(v1(ns, "/g1")).json()
    assert group["Clients"]["s1"]["Heartbeat"]["PercentHealthyStreams"] == 80.5
    assert group["Clients"]["s1"]["Heartbeat"]["LastDataSendTime"] == "2019-08-24T14:15:00Z"

    r = http.delete(preview(ns, "/g1/clientsessions/s2"))
    assert r.status_code == 204 and r.content == b""
    assert_error(http.get(preview(ns, "/g1/clientsessions/s2")), 404, "SESSION_NOT_FOUND")
    assert_error(http.delete(preview(ns, "/g1/clientsessions/s2")), 404, "SESSION_NOT_FOUND")


def test_preview_unknown_group_is_404(http: httpx.Client, ns: str) -> None:
    assert_error(http.get(preview(ns, "/nope/clientsessions")), 404, "GROUP_NOT_FOUND")
    assert_error(
        http.post(preview(ns, "/nope/clientsessions"), json={"Id": "a"}), 404, "GROUP_NOT_FOUND"
    )
    assert_error(http.put(preview(ns, "/nope/clientsessions/a"), json={}), 404, "GROUP_NOT_FOUND")
    assert_error(
        http.post(preview(ns, "/nope/clientsessions/a/heartbeat"), json={}), 404, "GROUP_NOT_FOUND"
    )


# -- bad input ------------------------------------------------------------------------------


def test_malformed_json_is_400_with_error_body(http: httpx.Client, ns: str) -> None:
    r = http.post(v1(ns), content=b'{"Id": "g1", ', headers={"content-type": "application/json"})
    assert_error(r, 400)
    assert http.get(v1(ns)).json() == []


def test_wrong_types_are_400(http: httpx.Client, ns: str) -> None:
    assert_error(http.post(v1(ns), json={"Id": 5, "FailoverTimeout": "00:00:30"}), 400)
    make_group(http, ns)
    http.post(v1(ns, "/g1/clientsessions"), json={"Id": "c1"})
    assert_error(
        http.post(v1(ns, "/g1/clientsessions/c1"), json={"PercentHealthyStreams": "lots"}), 400
    )


def test_unknown_fields_are_400_and_change_nothing(http: httpx.Client, ns: str) -> None:
    assert_error(
        http.post(v1(ns), json={"Id": "g1", "FailoverTimeout": "00:00:30", "Colour": "red"}),
        400,
        "UNKNOWN_FIELD",
    )
    assert_error(http.get(v1(ns, "/g1")), 404)
    make_group(http, ns)
    assert_error(
        http.post(preview(ns, "/g1/clientsessions"), json={"Id": "s", "Heartbeat": {"Bogus": 1}}),
        400,
        "UNKNOWN_FIELD",
    )


@pytest.mark.parametrize(
    ("gid", "reason"),
    [("", "MISSING_ID"), ("x" * 257, "ID_TOO_LONG")],
)
def test_bad_group_ids_are_400(http: httpx.Client, ns: str, gid: str, reason: str) -> None:
    assert_error(http.post(v1(ns), json={"Id": gid, "FailoverTimeout": "00:00:30"}), 400, reason)


def test_slash_in_id_is_400(http: httpx.Client, ns: str) -> None:
    assert_error(
        http.post(v1(ns), json={"Id": "a/b", "FailoverTimeout": "00:00:30"}), 400, "INVALID_ID"
    )
    make_group(http, ns)
    assert_error(
        http.post(preview(ns, "/g1/clientsessions"), json={"Id": "x/y"}), 400, "INVALID_ID"
    )


@pytest.mark.parametrize(
    "body",
    [
        {"Id": "g", "FailoverTimeout": "-00:00:30"},
        {"Id": "g", "FailoverTimeout": "00:00:00"},
        {"Id": "g", "FailoverTimeout": "soon"},
        {"Id": "g", "Milliseconds": -5},
        {"Id": "g", "FailoverTimeout": "00:00:30", "Milliseconds": 1000},
    ],
)
def test_bad_timeouts_are_400(http: httpx.Client, ns: str, body: dict[str, object]) -> None:
    assert_error(http.post(v1(ns), json=body), 400)
    assert http.get(v1(ns)).json() == []


def test_unparseable_timestamp_is_400(http: httpx.Client, ns: str) -> None:
    make_group(http, ns)
    http.post(preview(ns, "/g1/clientsessions"), json={"Id": "s1"})
    assert_error(
        http.post(
            preview(ns, "/g1/clientsessions/s1/heartbeat"), json={"HeartbeatTime": "yesterday"}
        ),
        400,
    )
    assert "Heartbeat" not in http.get(preview(ns, "/g1/clientsessions/s1")).json()


def test_body_over_one_mib_is_413(http: httpx.Client, ns: str) -> None:
    r = http.post(v1(ns), json={"Id": "g", "Description": "x" * (1024 * 1024 + 10)})
    assert_error(r, 413)
    assert http.get(v1(ns)).json() == []


def test_id_mismatch_between_body_and_path_is_400(http: httpx.Client, ns: str) -> None:
    make_group(http, ns)
    assert_error(http.put(v1(ns, "/g1"), json={"Id": "other"}), 400, "ID_MISMATCH")
    assert_error(
        http.put(preview(ns, "/g1/clientsessions/s"), json={"Id": "t"}), 400, "ID_MISMATCH"
    )


def test_unknown_path_is_404_with_error_body(http: httpx.Client) -> None:
    assert_error(http.get("/api/v1/nothing/here"), 404)


def test_bare_number_body_does_not_hang(http: httpx.Client, ns: str) -> None:
    r = http.post(v1(ns), content=b"5", headers={"content-type": "application/json"})
    assert r.status_code == 400


# -- issue 7: a REST poller sees PendingPrimary --------------------------------------------------


def test_rest_poller_sees_0_then_2_with_the_watermark_then_1_across_a_takeover(
    http: httpx.Client, ns: str
) -> None:
    make_group(http, ns, timeout="00:00:00.3000000")
    for sid in ("a", "b"):
        http.post(preview(ns, "/g1/clientsessions"), json={"Id": sid})
    watermark = "2024-05-06T07:08:09Z"
    beat_a = {"FailoverStatus": 50, "LastDataProcessedTime": watermark}
    roles_a = [http.post(preview(ns, "/g1/clientsessions/a/heartbeat"), json=beat_a).json()]
    roles_a.append(http.post(preview(ns, "/g1/clientsessions/a/heartbeat"), json=beat_a).json())
    assert [r.get("Role", 0) for r in roles_a] == [2, 1]
    # a stops heartbeating; b polls until it is Primary.
    answers: list[dict[str, object]] = []
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        r = http.post(preview(ns, "/g1/clientsessions/b/heartbeat"), json={"FailoverStatus": 40})
        assert r.status_code == 200, r.text
        answers.append(r.json())
        if answers[-1].get("Role") == 1:
            break
        time.sleep(0.05)
    roles = [answer.get("Role", 0) for answer in answers]
    assert [role for i, role in enumerate(roles) if i == 0 or roles[i - 1] != role] == [0, 2, 1]
    told_pending = next(answer for answer in answers if answer.get("Role") == 2)
    assert told_pending["LastDataProcessedTime"] == watermark
    assert told_pending.get("Epoch", "0") == roles_a[1]["Epoch"] == "1"
    assert answers[-1]["Epoch"] == "2"
