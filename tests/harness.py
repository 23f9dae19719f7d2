"""Start and stop a real `rolecall serve` (gRPC server + Envoy) on free loopback ports.

Used by the e2e tests and the benchmarks. Ports are 0 everywhere: the process prints the
addresses it bound, and it is stopped by its process id (SIGTERM, then SIGKILL).
"""

from __future__ import annotations

import asyncio
import functools
import os
import re
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import grpc

from server.cli_commands import channel_credentials
from server.domain.auth import Scope
from server.services.tokens import Keyring, Tokens, bootstrap_token_path
from server.store import open_store

_GRPC_LINE = re.compile(r"rolecall gRPC listening on (\S+):(\d+)")
_REST_LINE = re.compile(r"rolecall REST \(Envoy\) listening on (\S+):(\d+)")
_ADMIN_LINE = re.compile(r"rolecall Envoy admin on (\S+):(\d+)")
_METRICS_LINE = re.compile(r"rolecall metrics on (http://\S+)")


@dataclass
class RolecallProcess:
    data_dir: Path
    gateway: bool = True
    extra_args: list[str] = field(default_factory=list)
    # Auth on, as `rolecall serve` defaults to; clients use the bootstrap admin token.
    auth: bool = True
    token: str = ""
    proc: subprocess.Popen[str] | None = None
    grpc_target: str = ""
    http_base: str = ""
    admin_base: str = ""
    metrics_url: str = ""
    output: list[str] = field(default_factory=list)
    _pump: threading.Thread = field(default_factory=threading.Thread, repr=False)

    def start(self, timeout: float = 60.0) -> RolecallProcess:
        args = [
            sys.executable,
            "-m",
            "server.cli",
            "serve",
            "--grpc-port",
            "0",
            "--http-port",
            "0",
            "--envoy-admin-port",
            "0",
            "--data-dir",
            str(self.data_dir),
            "--log-level",
            "WARNING",
            *self.extra_args,
        ]
        if not self.gateway:
            args.append("--no-gateway")
        if not self.auth:
            args.append("--insecure-no-auth")
        self.proc = subprocess.Popen(
            args,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        ready = threading.Event()

        def pump() -> None:
            assert self.proc is not None and self.proc.stdout is not None
            for line in self.proc.stdout:
                self.output.append(line)
                if m := _METRICS_LINE.search(line):
                    self.metrics_url = m.group(1)
                if m := _GRPC_LINE.search(line):
                    self.grpc_target = f"{m.group(1)}:{m.group(2)}"
                    if not self.gateway:
                        ready.set()
                if m := _REST_LINE.search(line):
                    scheme = "https" if "--tls-cert" in self.extra_args else "http"
                    self.http_base = f"{scheme}://{m.group(1)}:{m.group(2)}"
                if m := _ADMIN_LINE.search(line):
                    self.admin_base = f"http://{m.group(1)}:{m.group(2)}"
                    ready.set()
            self.proc.stdout.close()
            ready.set()

        self._pump = threading.Thread(target=pump, daemon=True)
        self._pump.start()
        if not ready.wait(timeout) or not self.grpc_target or (self.gateway and not self.http_base):
            self.stop()
            raise RuntimeError("rolecall did not start:\n" + "".join(self.output))
        if self.auth:
            self.token = admin_token(self.data_dir)
        return self

    @property
    def headers(self) -> dict[str, str]:
        """HTTP headers that authenticate as the cluster admin (none with auth off)."""
        return {"authorization": f"Bearer {self.token}"} if self.token else {}

    @property
    def env(self) -> dict[str, str]:
        """The environment for a client process (CLI, Node) that reads ROLECALL_TOKEN."""
        return {**os.environ, "ROLECALL_TOKEN": self.token} if self.token else dict(os.environ)

    def credentials(self) -> grpc.ChannelCredentials | None:
        return grpc_credentials(self.grpc_target, self.token or None)

    def channel(self) -> grpc.Channel:
        """A blocking gRPC channel to the server, authenticated as the cluster admin."""
        return sync_channel(self.grpc_target, self.token or None)

    def aio_channel(self) -> grpc.aio.Channel:
        return aio_channel(self.grpc_target, self.token or None)

    def stop(self, timeout: float = 10.0) -> int | None:
        proc = self.proc
        if proc is None:
            return None
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait(timeout)
        self._pump.join(timeout)
        self.proc = None
        return proc.returncode

    def kill(self) -> None:
        """Stop without a graceful shutdown, as a crash would."""
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)
            self._pump.join(10)
        self.proc = None


def issue_token(data_dir: Path, tenant: str, *scopes: Scope, namespace: str | None = None) -> str:
    """A token signed with the keys of the server whose data dir this is (as `rolecall tokens
    create` does), recorded in its store."""

    async def run() -> str:
        store = await open_store(data_dir)
        try:
            tokens = Tokens(Keyring.load(data_dir)[0], store)
            issued = await tokens.issue(
                tenant=tenant, namespace=namespace, scopes=scopes, ttl_seconds=600
            )
            return issued.token
        finally:
            await store.close()

    return asyncio.run(run())


def admin_token(data_dir: Path) -> str:
    """The cluster admin token a server wrote on its first start in `data_dir`."""
    return bootstrap_token_path(data_dir).read_text().strip()


def app_token(app: Any) -> str:
    """The cluster admin token of an in-process server (`server.app.Rolecall`)."""
    path: Path | None = app.auth.bootstrap_token_path
    assert path is not None, "the server has no bootstrap token"
    return path.read_text().strip()


@functools.lru_cache(maxsize=256)
def grpc_credentials(target: str, token: str | None) -> grpc.ChannelCredentials | None:
    """Credentials sending `token` to a loopback `target`; one object per (target, token), so
    agents that share a stream by credentials share it here too."""
    return channel_credentials(target, token)


def sync_channel(target: str, token: str | None) -> grpc.Channel:
    credentials = grpc_credentials(target, token)
    if credentials is None:
        return grpc.insecure_channel(target)
    return grpc.secure_channel(target, credentials)


def aio_channel(target: str, token: str | None) -> grpc.aio.Channel:
    credentials = grpc_credentials(target, token)
    if credentials is None:
        return grpc.aio.insecure_channel(target)
    return grpc.aio.secure_channel(target, credentials)


def wait_until(predicate, timeout: float = 5.0, interval: float = 0.01) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return bool(predicate())
