"""Envoy lives and dies with `rolecall serve` (issue 9): real processes, killed with SIGKILL."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import threading
from pathlib import Path

import grpc
import httpx
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from server.gateway import GATEWAY_HEALTH_SERVICE
from server.gateway.process import PID_FILE, is_our_envoy
from tests.harness import RolecallProcess, wait_until

pytestmark = pytest.mark.e2e


def envoy_of(data_dir: Path) -> tuple[int, str]:
    recorded = json.loads((data_dir / PID_FILE).read_text())
    return int(recorded["pid"]), str(recorded["config"])


def port_of(address: str) -> str:
    return address.rsplit(":", 1)[1]


def rest_answers(base: str) -> bool:
    try:
        return httpx.get(f"{base}/healthz", timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


SERVING = health_pb2.HealthCheckResponse.SERVING
NOT_SERVING = health_pb2.HealthCheckResponse.NOT_SERVING


def test_a_killed_rolecall_leaves_no_envoy_and_restarts_on_the_same_ports(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    first = RolecallProcess(data_dir).start()
    ports = [
        "--grpc-port",
        port_of(first.grpc_target),
        "--http-port",
        port_of(first.http_base),
        "--envoy-admin-port",
        port_of(first.admin_base),
    ]
    pid, config = envoy_of(data_dir)
    assert Path(config).is_relative_to(data_dir)  # no temporary directory to leave behind
    first.kill()
    # Before: Envoy was reparented to PID 1 and kept the ports, answering 503.
    assert wait_until(lambda: not is_our_envoy(pid, config), timeout=5)

    second = RolecallProcess(data_dir, extra_args=ports).start()
    try:
        assert second.http_base == first.http_base
        assert rest_answers(second.http_base)
    finally:
        second.stop()
    assert not (data_dir / PID_FILE).exists()
    assert not (data_dir / "envoy").exists()


def test_a_stale_envoy_of_the_same_data_dir_is_stopped_at_start(tmp_path: Path) -> None:
    # An Envoy that outlived its rolecall anyway (one from before this fix, say).
    data_dir = tmp_path / "data"
    first = RolecallProcess(data_dir).start()
    pid, config = envoy_of(data_dir)
    os.kill(first.proc.pid if first.proc else 0, signal.SIGSTOP)  # frozen: it cannot react
    try:
        second = RolecallProcess(data_dir).start()
        try:
            assert wait_until(lambda: not is_our_envoy(pid, config), timeout=5)
            assert rest_answers(second.http_base)
        finally:
            second.stop()
    finally:
        if first.proc is not None:
            os.kill(first.proc.pid, signal.SIGCONT)
        first.kill()


def test_a_killed_envoy_is_logged_reported_and_restarted(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    server = RolecallProcess(data_dir).start()
    channel = server.channel()
    try:
        request = health_pb2.HealthCheckRequest(service=GATEWAY_HEALTH_SERVICE)
        watch = health_pb2_grpc.HealthStub(channel).Watch(request)
        statuses: list[int] = []

        def collect() -> None:
            with contextlib.suppress(grpc.RpcError):  # cancelled at the end
                statuses.extend(answer.status for answer in watch)

        watcher = threading.Thread(target=collect)
        watcher.start()
        assert wait_until(lambda: statuses == [SERVING], timeout=5)
        pid, _ = envoy_of(data_dir)
        os.kill(pid, signal.SIGKILL)
        # Before: nothing logged, health SERVING, REST dead for good.
        assert wait_until(lambda: any("exited by itself" in line for line in server.output), 5)
        assert wait_until(lambda: rest_answers(server.http_base), timeout=20)
        assert wait_until(lambda: len(statuses) >= 3, timeout=5)
        assert statuses[:3] == [SERVING, NOT_SERVING, SERVING]
        assert envoy_of(data_dir)[0] != pid
        watch.cancel()
        watcher.join(5)
    finally:
        channel.close()
        server.stop()
