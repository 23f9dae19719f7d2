"""How the Envoy sidecar is spawned: safe beside busy grpc threads, and tied to its parent.

Seen failing before the fix: spawning with a `preexec_fn` (a full fork that runs grpc's fork
handlers in the child) killed 93 of 300 children before exec while a grpc server was busy, and
Envoy starts in the suite died with status -6 ("epoll_wait error: Bad file descriptor").
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import AsyncIterator
from pathlib import Path

import grpc
import pytest

from server.gateway.process import spawn_tied_to_parent

SPAWNS = 60


@pytest.fixture
async def busy_grpc() -> AsyncIterator[None]:
    """A grpc aio server and 20 clients calling it without pause: grpc's threads are busy."""
    server = grpc.aio.server(options=[("grpc.so_reuseport", 0)])
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    channel = grpc.aio.insecure_channel(f"127.0.0.1:{port}")
    call = channel.unary_unary("/nothing.Here/Call", None, None)

    async def chatter() -> None:
        while True:
            try:
                await call(b"", timeout=1)
            except grpc.aio.AioRpcError:
                pass

    tasks = [asyncio.create_task(chatter()) for _ in range(20)]
    await asyncio.sleep(0.1)
    yield
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    await channel.close(None)
    await server.stop(None)


async def test_children_spawned_beside_busy_grpc_threads_all_run(busy_grpc: None) -> None:
    failures = []
    for _ in range(SPAWNS):
        child = await spawn_tied_to_parent("true", stderr=asyncio.subprocess.PIPE)
        said = await child.stderr.read() if child.stderr else b""
        if await child.wait() != 0 or said:
            failures.append((child.returncode, said[:200]))
    assert failures == []


def test_the_child_dies_with_its_parent(tmp_path: Path) -> None:
    pid_file = tmp_path / "child.pid"
    parent_code = textwrap.dedent(
        f"""
        import asyncio, pathlib, time
        from server.gateway.process import spawn_tied_to_parent
        async def main():
            child = await spawn_tied_to_parent("sleep", "60")
            pathlib.Path({str(pid_file)!r}).write_text(str(child.pid))
            await asyncio.sleep(60)
        asyncio.run(main())
        """
    )
    parent = subprocess.Popen([sys.executable, "-c", parent_code])
    try:
        deadline = time.monotonic() + 20
        while not (pid_file.exists() and pid_file.read_text()):
            assert time.monotonic() < deadline, "the parent never spawned its child"
            time.sleep(0.05)
        child_pid = int(pid_file.read_text())
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
        while _alive(child_pid):
            assert time.monotonic() < deadline, "the child outlived its killed parent"
            time.sleep(0.05)
    finally:
        if parent.poll() is None:
            parent.kill()


def _alive(pid: int) -> bool:
    """True while `pid` runs (a zombie reparented to init counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ", 1)[1][0] != "Z"
    except FileNotFoundError:
        return False
