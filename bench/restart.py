"""Restart: time from `rolecall serve --no-gateway` starting to gRPC health SERVING.

The clock starts just before the process is spawned (so it includes the interpreter and
imports) and stops at the first grpc.health.v1 Check answering SERVING. The server restores
every group before it binds its port, so a port that accepts means the restore is done.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from bench.server import SERVER_CPUS

HOST = "127.0.0.1"
START_LIMIT_S = 120.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def _accepts(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((HOST, port)) == 0


def _serving(target: str, deadline: float) -> bool:
    with grpc.insecure_channel(target) as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        while time.monotonic() < deadline:
            try:
                answer = stub.Check(health_pb2.HealthCheckRequest(service=""), timeout=1.0)
            except grpc.RpcError:
                time.sleep(0.002)
                continue
            if answer.status == health_pb2.HealthCheckResponse.SERVING:
                return True
            time.sleep(0.002)
    return False


def time_restart(data_dir: Path) -> float:
    """Seconds from spawning `rolecall serve` on `data_dir` to health SERVING."""
    port = free_port()
    cpus = ",".join(str(c) for c in sorted(SERVER_CPUS))
    pinned = ["taskset", "-c", cpus] if shutil.which("taskset") else []
    command = [
        *pinned,
        sys.executable,
        "-m",
        "server.cli",
        "serve",
        "--no-gateway",
        "--host",
        HOST,
        "--grpc-port",
        str(port),
        "--data-dir",
        str(data_dir),
        "--log-level",
        "WARNING",
    ]
    # stderr to a file: a pipe read only on failure could fill up and stall the server.
    errors = tempfile.TemporaryFile()
    started = time.monotonic()
    proc = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=errors, stdin=subprocess.DEVNULL
    )
    deadline = started + START_LIMIT_S
    try:
        while not _accepts(port):
            if proc.poll() is not None or time.monotonic() > deadline:
                errors.seek(0)
                err = errors.read().decode(errors="replace")
                raise RuntimeError(f"rolecall did not start: {err[-1000:]}")
            time.sleep(0.002)
        if not _serving(f"{HOST}:{port}", deadline):
            raise RuntimeError("rolecall never answered SERVING")
        return time.monotonic() - started
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGTERM)
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait(10)
        errors.close()
