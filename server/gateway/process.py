"""Envoy as a child that cannot outlive rolecall: parent-death signal and stale-sidecar cleanup.

A `kill -9` of `rolecall serve` runs no cleanup code, so two mechanisms cover it: the kernel
kills Envoy when its parent dies (PR_SET_PDEATHSIG), and the pid file in the data dir lets the
next start find and kill a sidecar that survived anyway (started by an older rolecall, or the
parent-death signal lost to a race) before it binds the same ports.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import shutil
import signal
import time
from pathlib import Path
from typing import Any

log = logging.getLogger("rolecall.gateway")

PID_FILE = "envoy.pid"


def die_with_parent_command() -> list[str]:
    """The command prefix that makes the program it runs get SIGKILL when rolecall dies.

    util-linux's `setpriv --pdeathsig` sets PR_SET_PDEATHSIG and execs the program, which keeps
    the signal across exec. Not a subprocess `preexec_fn`: that forks the whole process and runs
    grpc's fork handlers in the child while grpc's threads are busy, and measured here 93 of 300
    such children died (SIGSEGV/SIGABRT, "epoll_wait error: Bad file descriptor") before exec;
    without preexec_fn subprocess uses vfork and no Python or grpc code runs in the child.
    The signal follows the thread that spawned, the event loop's, for as long as rolecall serves.
    Without setpriv (not a util-linux system) Envoy is started without it, and the pid file
    below is what finds an orphan.
    """
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        log.warning("setpriv not found: Envoy may outlive a killed rolecall until its next start")
        return []
    return [setpriv, "--pdeathsig", "KILL", "--"]


async def spawn_tied_to_parent(*argv: str, **options: Any) -> asyncio.subprocess.Process:
    """Start a child that gets SIGKILL when this process dies (see die_with_parent_command)."""
    return await asyncio.create_subprocess_exec(*die_with_parent_command(), *argv, **options)


def write_pid_file(state_dir: Path, pid: int, config: Path) -> None:
    (state_dir / PID_FILE).write_text(json.dumps({"pid": pid, "config": str(config)}) + "\n")


def remove_pid_file(state_dir: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        (state_dir / PID_FILE).unlink()


def _command_line(pid: int) -> list[str]:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return []
    return [part.decode(errors="replace") for part in raw.split(b"\0") if part]


def is_our_envoy(pid: int, config: str) -> bool:
    """Whether `pid` is an Envoy running `config` (not a recycled pid of something else)."""
    argv = _command_line(pid)
    return bool(argv) and Path(argv[0]).name == "envoy" and config in argv


def kill_stale_sidecar(state_dir: Path, timeout: float = 5.0) -> None:
    """Kill the Envoy a previous rolecall of this data dir left running, if it is still there."""
    try:
        recorded = json.loads((state_dir / PID_FILE).read_text())
        pid, config = int(recorded["pid"]), str(recorded["config"])
    except (OSError, ValueError, KeyError, TypeError):
        remove_pid_file(state_dir)
        return
    if is_our_envoy(pid, config):
        log.warning(
            "killing envoy pid %d left running by a previous rolecall of %s", pid, state_dir
        )
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + timeout
        # Blocking is fine: this runs once, at start, before anything is served.
        while is_our_envoy(pid, config) and time.monotonic() < deadline:
            time.sleep(0.02)
    remove_pid_file(state_dir)


async def stop_task(task: asyncio.Task[Any] | None) -> None:
    """Cancel `task` (if any) and wait until it has ended. (server.services.tasks has the same
    for the services: the gateway never imports them.)"""
    if task is not None:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
